// WC304: the pair runs, but only through portability.
#include "support.hpp"

namespace wincompat::rules::wc304 {
extern const std::string_view kVerdict;
const std::string_view kVerdict = "runs only through portability on";
} // namespace wincompat::rules::wc304
