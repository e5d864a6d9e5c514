// SHA-256 of a byte string, as 64 lower-case hex digits.
#pragma once

#include <string>
#include <string_view>

namespace wincompat {

std::string sha256_hex(std::string_view data);

} // namespace wincompat
