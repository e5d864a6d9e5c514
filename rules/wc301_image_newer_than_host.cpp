// WC301: the image's Windows build is newer than the host's.
#include "support.hpp"

namespace wincompat::rules::wc301 {
extern const std::string_view kVerdict;
const std::string_view kVerdict = "cannot run on older";
} // namespace wincompat::rules::wc301
