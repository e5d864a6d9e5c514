// Dates written YYYY-MM-DD: today (UTC), and whether a text is a real date.
#pragma once

#include <string>

namespace wincompat {

/// The UTC date now, YYYY-MM-DD.
std::string today_utc();
/// A real calendar date written YYYY-MM-DD (2026-02-30 is not).
bool valid_date(const std::string &text);

} // namespace wincompat
