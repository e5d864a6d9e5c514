// WC305: the pair runs only because Hyper-V isolation is asked for.
#include "support.hpp"

namespace wincompat::rules::wc305 {
extern const std::string_view kVerdict;
const std::string_view kVerdict = "runs only with Hyper-V isolation on";
} // namespace wincompat::rules::wc305
