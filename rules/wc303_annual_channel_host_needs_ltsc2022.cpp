// WC303: an Annual Channel host runs only LTSC 2022 images.
#include "support.hpp"

namespace wincompat::rules::wc303 {
extern const std::string_view kVerdict;
const std::string_view kVerdict = "is not supported on Annual Channel";
} // namespace wincompat::rules::wc303
