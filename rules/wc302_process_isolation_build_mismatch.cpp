// WC302: process isolation, and the host cannot run the image's build.
#include "support.hpp"

namespace wincompat::rules::wc302 {
extern const std::string_view kVerdict;
const std::string_view kVerdict = "cannot run process-isolated on";
} // namespace wincompat::rules::wc302
