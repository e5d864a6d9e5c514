// Sprig's date and duration functions over Go's time.Time and
// time.Duration: layouts, ParseDuration, Duration.String, zones. "Now" is
// midnight UTC of --today (Engine::today), and the local zone is UTC, so
// output never depends on the machine's clock or zone. IANA zones are read
// from the system's tz database (/usr/share/zoneinfo); a zone that cannot
// be loaded is UTC, as Sprig's dateInZone does.
#include "exec.hpp"

#include <cstring>
#include <fstream>
#include <mutex>

namespace wincompat::helm {

namespace {

constexpr int64_t kDateNanosPerSecond = 1'000'000'000;

/// A zone: fixed (offset, abbreviation) or IANA transitions.
struct DateZone {
  std::string name; // Location.String(): "UTC", "Local", "Europe/Berlin"
  struct Type {
    int32_t offset;
    std::string abbrev;
  };
  std::vector<int64_t> transitions; // Unix seconds
  std::vector<uint8_t> index;       // type at each transition
  std::vector<Type> types{{0, "UTC"}};

  const Type &at(int64_t unix) const {
    if (transitions.empty() || unix < transitions.front()) {
      // Before the first transition: the first standard type (Go's lookupFirstZone).
      return types.front();
    }
    const auto it = std::upper_bound(transitions.begin(), transitions.end(), unix);
    return types[index[static_cast<size_t>(it - transitions.begin() - 1)]];
  }
};

std::shared_ptr<const DateZone> date_utc() {
  static const auto utc = std::make_shared<const DateZone>(DateZone{"UTC", {}, {}, {{0, "UTC"}}});
  return utc;
}

int64_t date_read_be(const std::string &data, size_t at, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    v = (v << 8) | static_cast<unsigned char>(data[at + i]);
  }
  if (n == 4) {
    return static_cast<int32_t>(static_cast<uint32_t>(v));
  }
  return static_cast<int64_t>(v);
}

/// A TZif file (RFC 8536), version 2+ data; null when it is not one.
std::shared_ptr<const DateZone> date_read_tzif(const std::string &name, const std::string &data) {
  if (data.size() < 44 || data.compare(0, 4, "TZif") != 0) {
    return nullptr;
  }
  auto counts = [&](size_t at, int64_t c[6]) {
    for (size_t i = 0; i < 6; ++i) {
      c[i] = date_read_be(data, at + 20 + i * 4, 4);
    }
  };
  int64_t c[6]; // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  counts(0, c);
  size_t at = 44;
  size_t time_size = 4;
  if (data[4] >= '2') { // skip the version 1 block
    at += static_cast<size_t>(c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
    if (data.size() < at + 44) {
      return nullptr;
    }
    counts(at, c);
    at += 44;
    time_size = 8;
  }
  const size_t needed =
      static_cast<size_t>(c[3]) * (time_size + 1) + static_cast<size_t>(c[4]) * 6 + static_cast<size_t>(c[5]);
  if (c[4] <= 0 || data.size() < at + needed) {
    return nullptr;
  }
  auto zone = std::make_shared<DateZone>();
  zone->name = name;
  zone->types.clear();
  for (int64_t i = 0; i < c[3]; ++i) {
    zone->transitions.push_back(date_read_be(data, at, time_size));
    at += time_size;
  }
  for (int64_t i = 0; i < c[3]; ++i) {
    const uint8_t type = static_cast<uint8_t>(data[at++]);
    if (type >= c[4]) {
      return nullptr;
    }
    zone->index.push_back(type);
  }
  const size_t types_at = at;
  const size_t chars_at = at + static_cast<size_t>(c[4]) * 6;
  for (int64_t i = 0; i < c[4]; ++i) {
    const size_t t = types_at + static_cast<size_t>(i) * 6;
    const size_t abbrev = chars_at + static_cast<unsigned char>(data[t + 5]);
    std::string name_of_type;
    for (size_t k = abbrev; k < chars_at + static_cast<size_t>(c[5]) && data[k]; ++k) {
      name_of_type += data[k];
    }
    zone->types.push_back({static_cast<int32_t>(date_read_be(data, t, 4)), name_of_type});
  }
  if (!zone->index.empty()) { // Go: the first non-DST type is used before the first transition
    for (size_t i = 0; i < static_cast<size_t>(c[4]); ++i) {
      if (data[types_at + i * 6 + 4] == 0) {
        std::swap(zone->types[0], zone->types[i]);
        for (uint8_t &k : zone->index) {
          k = k == 0 ? static_cast<uint8_t>(i) : k == i ? 0 : k;
        }
        break;
      }
    }
  }
  return zone;
}

/// Go's time.LoadLocation; null for an unknown zone.
std::shared_ptr<const DateZone> date_load_zone(const std::string &name) {
  if (name.empty() || name == "UTC" || name == "Local") {
    return date_utc(); // the engine's local zone is UTC
  }
  // Go refuses names that could leave the zone directory.
  if (name[0] == '/' || name.find("..") != std::string::npos || name.find('\\') != std::string::npos) {
    return nullptr;
  }
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const DateZone>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (const auto it = cache.find(name); it != cache.end()) {
    return it->second;
  }
  std::ifstream in("/usr/share/zoneinfo/" + name, std::ios::binary);
  std::string data;
  if (in) {
    char buffer[4096];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      data.append(buffer, static_cast<size_t>(in.gcount()));
      if (data.size() > (1u << 20)) {
        data.clear();
        break;
      }
    }
  }
  auto zone = date_read_tzif(name, data);
  cache[name] = zone;
  return zone;
}

/// Howard Hinnant's days_from_civil and civil_from_days.
int64_t date_days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void date_civil_from_days(int64_t z, int64_t &y, int64_t &m, int64_t &d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

int64_t date_floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

bool date_leap(int64_t y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int date_days_in(int64_t month, int64_t year) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && date_leap(year) ? 29 : kDays[month - 1];
}

const char *const kDateMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
const char *const kDateDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};

/// Go's time.Time: an instant and the zone it is shown in.
struct DateTime {
  int64_t unix = -62135596800; // the zero time, January 1, year 1
  int64_t nanos = 0;
  std::shared_ptr<const DateZone> zone = date_utc();
  // A zone parsed from text ("MST", "+0200") that is not the location's.
  bool fixed = false;
  int32_t fixed_offset = 0;
  std::string fixed_name;

  int32_t offset() const {
    return fixed ? fixed_offset : zone->at(unix).offset;
  }
  std::string abbrev() const {
    return fixed ? fixed_name : zone->at(unix).abbrev;
  }
  struct Civil {
    int64_t year, month, day, hour, minute, second, weekday, yday;
  };
  Civil civil() const {
    const int64_t local = unix + offset();
    const int64_t days = date_floor_div(local, 86400);
    const int64_t secs = local - days * 86400;
    Civil c{};
    date_civil_from_days(days, c.year, c.month, c.day);
    c.hour = secs / 3600;
    c.minute = secs / 60 % 60;
    c.second = secs % 60;
    c.weekday = ((days % 7) + 11) % 7; // 1970-01-01 was a Thursday
    c.yday = days - date_days_from_civil(c.year, 1, 1) + 1;
    return c;
  }
};

enum DateStd {
  kStdNone,
  kStdLongMonth,
  kStdMonth,
  kStdNumMonth,
  kStdZeroMonth,
  kStdLongWeekDay,
  kStdWeekDay,
  kStdDay,
  kStdUnderDay,
  kStdZeroDay,
  kStdUnderYearDay,
  kStdZeroYearDay,
  kStdHour,
  kStdHour12,
  kStdZeroHour12,
  kStdMinute,
  kStdZeroMinute,
  kStdSecond,
  kStdZeroSecond,
  kStdLongYear,
  kStdYear,
  kStdPM,
  kStdpm,
  kStdTZ,
  kStdISO8601TZ,
  kStdISO8601SecondsTZ,
  kStdISO8601ShortTZ,
  kStdISO8601ColonTZ,
  kStdISO8601ColonSecondsTZ,
  kStdNumTZ,
  kStdNumSecondsTz,
  kStdNumShortTZ,
  kStdNumColonTZ,
  kStdNumColonSecondsTZ,
  kStdFracSecond0,
  kStdFracSecond9,
};

struct DateChunk {
  std::string prefix;
  DateStd std = kStdNone;
  int digits = 0;     // fractional seconds
  char separator = 0; // '.' or ','
  std::string text;   // the layout text of std
  std::string suffix;
};

bool date_starts_lower(const std::string &s, size_t at) {
  return at < s.size() && s[at] >= 'a' && s[at] <= 'z';
}

/// Go's nextStdChunk.
DateChunk date_next_chunk(const std::string &layout) {
  auto chunk = [&](size_t i, DateStd std, size_t n) {
    DateChunk c;
    c.prefix = layout.substr(0, i);
    c.std = std;
    c.text = layout.substr(i, n);
    c.suffix = layout.substr(i + n);
    return c;
  };
  auto at = [&](size_t i, const char *s) { return layout.compare(i, std::strlen(s), s) == 0; };
  for (size_t i = 0; i < layout.size(); ++i) {
    switch (layout[i]) {
    case 'J':
      if (at(i, "January")) {
        return chunk(i, kStdLongMonth, 7);
      }
      if (at(i, "Jan") && !date_starts_lower(layout, i + 3)) {
        return chunk(i, kStdMonth, 3);
      }
      break;
    case 'M':
      if (at(i, "Monday")) {
        return chunk(i, kStdLongWeekDay, 6);
      }
      if (at(i, "Mon") && !date_starts_lower(layout, i + 3)) {
        return chunk(i, kStdWeekDay, 3);
      }
      if (at(i, "MST")) {
        return chunk(i, kStdTZ, 3);
      }
      break;
    case '0':
      if (i + 1 < layout.size() && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
        static const DateStd k0x[] = {kStdZeroMonth,  kStdZeroDay,    kStdZeroHour12,
                                      kStdZeroMinute, kStdZeroSecond, kStdYear};
        return chunk(i, k0x[layout[i + 1] - '1'], 2);
      }
      if (at(i, "002")) {
        return chunk(i, kStdZeroYearDay, 3);
      }
      break;
    case '1':
      if (at(i, "15")) {
        return chunk(i, kStdHour, 2);
      }
      return chunk(i, kStdNumMonth, 1);
    case '2':
      if (at(i, "2006")) {
        return chunk(i, kStdLongYear, 4);
      }
      return chunk(i, kStdDay, 1);
    case '_':
      if (at(i, "_2")) {
        if (at(i + 1, "2006")) {
          DateChunk c = chunk(i + 1, kStdLongYear, 4);
          c.prefix = layout.substr(0, i + 1);
          return c;
        }
        return chunk(i, kStdUnderDay, 2);
      }
      if (at(i, "__2")) {
        return chunk(i, kStdUnderYearDay, 3);
      }
      break;
    case '3':
      return chunk(i, kStdHour12, 1);
    case '4':
      return chunk(i, kStdMinute, 1);
    case '5':
      return chunk(i, kStdSecond, 1);
    case 'P':
      if (at(i, "PM")) {
        return chunk(i, kStdPM, 2);
      }
      break;
    case 'p':
      if (at(i, "pm")) {
        return chunk(i, kStdpm, 2);
      }
      break;
    case '-':
    case 'Z': {
      static const std::pair<const char *, DateStd> kZones[] = {{"-070000", kStdNumSecondsTz},
                                                                {"-07:00:00", kStdNumColonSecondsTZ},
                                                                {"-0700", kStdNumTZ},
                                                                {"-07:00", kStdNumColonTZ},
                                                                {"-07", kStdNumShortTZ},
                                                                {"Z070000", kStdISO8601SecondsTZ},
                                                                {"Z07:00:00", kStdISO8601ColonSecondsTZ},
                                                                {"Z0700", kStdISO8601TZ},
                                                                {"Z07:00", kStdISO8601ColonTZ},
                                                                {"Z07", kStdISO8601ShortTZ}};
      for (const auto &[token, std] : kZones) {
        if (token[0] == layout[i] && at(i, token)) {
          return chunk(i, std, std::strlen(token));
        }
      }
      break;
    }
    case '.':
    case ',':
      if (i + 1 < layout.size() && (layout[i + 1] == '0' || layout[i + 1] == '9')) {
        const char ch = layout[i + 1];
        size_t j = i + 1;
        while (j < layout.size() && layout[j] == ch) {
          ++j;
        }
        if (!(j < layout.size() && std::isdigit(static_cast<unsigned char>(layout[j])))) {
          DateChunk c = chunk(i, ch == '0' ? kStdFracSecond0 : kStdFracSecond9, j - i);
          c.digits = static_cast<int>(j - i - 1);
          c.separator = layout[i];
          return c;
        }
      }
      break;
    default:
      break;
    }
  }
  DateChunk none;
  none.prefix = layout;
  return none;
}

std::string date_pad(int64_t v, int width, char fill = '0') {
  std::string s = std::to_string(v < 0 ? -v : v);
  while (static_cast<int>(s.size()) < width) {
    s.insert(s.begin(), fill);
  }
  return v < 0 ? "-" + s : s;
}

std::string date_zone_offset(int32_t offset, bool colon, bool seconds, bool short_form) {
  std::string out = offset < 0 ? "-" : "+";
  const int32_t z = offset < 0 ? -offset : offset;
  out += date_pad(z / 3600, 2);
  if (short_form) {
    return out;
  }
  out += colon ? ":" : "";
  out += date_pad(z / 60 % 60, 2);
  if (seconds) {
    out += colon ? ":" : "";
    out += date_pad(z % 60, 2);
  }
  return out;
}

/// Go's Time.Format.
std::string date_format(const DateTime &t, std::string layout) {
  const DateTime::Civil c = t.civil();
  const int32_t offset = t.offset();
  std::string out;
  while (!layout.empty()) {
    const DateChunk chunk = date_next_chunk(layout);
    out += chunk.prefix;
    if (chunk.std == kStdNone) {
      break;
    }
    layout = chunk.suffix;
    switch (chunk.std) {
    case kStdYear:
      out += date_pad((c.year % 100 + 100) % 100, 2);
      break;
    case kStdLongYear:
      out += date_pad(c.year, 4);
      break;
    case kStdMonth:
      out += std::string(kDateMonths[c.month - 1]).substr(0, 3);
      break;
    case kStdLongMonth:
      out += kDateMonths[c.month - 1];
      break;
    case kStdNumMonth:
      out += std::to_string(c.month);
      break;
    case kStdZeroMonth:
      out += date_pad(c.month, 2);
      break;
    case kStdWeekDay:
      out += std::string(kDateDays[c.weekday]).substr(0, 3);
      break;
    case kStdLongWeekDay:
      out += kDateDays[c.weekday];
      break;
    case kStdDay:
      out += std::to_string(c.day);
      break;
    case kStdUnderDay:
      out += date_pad(c.day, 2, ' ');
      break;
    case kStdZeroDay:
      out += date_pad(c.day, 2);
      break;
    case kStdUnderYearDay:
      out += date_pad(c.yday, 3, ' ');
      break;
    case kStdZeroYearDay:
      out += date_pad(c.yday, 3);
      break;
    case kStdHour:
      out += date_pad(c.hour, 2);
      break;
    case kStdHour12:
      out += std::to_string(c.hour % 12 == 0 ? 12 : c.hour % 12);
      break;
    case kStdZeroHour12:
      out += date_pad(c.hour % 12 == 0 ? 12 : c.hour % 12, 2);
      break;
    case kStdMinute:
      out += std::to_string(c.minute);
      break;
    case kStdZeroMinute:
      out += date_pad(c.minute, 2);
      break;
    case kStdSecond:
      out += std::to_string(c.second);
      break;
    case kStdZeroSecond:
      out += date_pad(c.second, 2);
      break;
    case kStdPM:
      out += c.hour >= 12 ? "PM" : "AM";
      break;
    case kStdpm:
      out += c.hour >= 12 ? "pm" : "am";
      break;
    case kStdISO8601TZ:
    case kStdISO8601ColonTZ:
    case kStdISO8601SecondsTZ:
    case kStdISO8601ShortTZ:
    case kStdISO8601ColonSecondsTZ:
      if (offset == 0) {
        out += 'Z';
        break;
      }
      [[fallthrough]];
    case kStdNumTZ:
    case kStdNumSecondsTz:
    case kStdNumShortTZ:
    case kStdNumColonTZ:
    case kStdNumColonSecondsTZ: {
      const DateStd s = chunk.std;
      const bool colon = s == kStdISO8601ColonTZ || s == kStdNumColonTZ || s == kStdISO8601ColonSecondsTZ ||
                         s == kStdNumColonSecondsTZ;
      const bool seconds = s == kStdISO8601SecondsTZ || s == kStdNumSecondsTz ||
                           s == kStdISO8601ColonSecondsTZ || s == kStdNumColonSecondsTZ;
      const bool short_form = s == kStdISO8601ShortTZ || s == kStdNumShortTZ;
      out += date_zone_offset(offset, colon, seconds, short_form);
      break;
    }
    case kStdTZ: {
      const std::string name = t.abbrev();
      if (!name.empty()) {
        out += name;
        break;
      }
      out += date_zone_offset(offset, false, false, offset % 3600 == 0);
      break;
    }
    case kStdFracSecond0:
    case kStdFracSecond9: {
      std::string digits = date_pad(t.nanos, 9).substr(0, static_cast<size_t>(chunk.digits));
      if (chunk.std == kStdFracSecond9) {
        while (!digits.empty() && digits.back() == '0') {
          digits.pop_back();
        }
        if (digits.empty()) {
          break;
        }
      }
      out += chunk.separator + digits;
      break;
    }
    case kStdNone:
      break;
    }
  }
  return out;
}

/// Go's quote in time errors.
std::string date_quote(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

struct DateParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Go's getnum: one or two digits (two when `fixed`).
bool date_getnum(std::string &value, bool fixed, int64_t &out) {
  if (value.empty() || !std::isdigit(static_cast<unsigned char>(value[0]))) {
    return false;
  }
  if (value.size() < 2 || !std::isdigit(static_cast<unsigned char>(value[1]))) {
    if (fixed) {
      return false;
    }
    out = value[0] - '0';
    value.erase(0, 1);
    return true;
  }
  out = (value[0] - '0') * 10 + (value[1] - '0');
  value.erase(0, 2);
  return true;
}

bool date_getnum3(std::string &value, bool fixed, int64_t &out) {
  int64_t n = 0;
  size_t i = 0;
  for (; i < 3 && i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])); ++i) {
    n = n * 10 + (value[i] - '0');
  }
  if (i == 0 || (fixed && i != 3)) {
    return false;
  }
  out = n;
  value.erase(0, i);
  return true;
}

bool date_lookup(std::string &value, const char *const *names, size_t count, size_t length, int64_t &out) {
  for (size_t i = 0; i < count; ++i) {
    const std::string name = length ? std::string(names[i]).substr(0, length) : names[i];
    if (value.size() >= name.size()) {
      bool same = true;
      for (size_t k = 0; k < name.size(); ++k) {
        if (std::tolower(static_cast<unsigned char>(value[k])) !=
            std::tolower(static_cast<unsigned char>(name[k]))) {
          same = false;
          break;
        }
      }
      if (same) {
        out = static_cast<int64_t>(i);
        value.erase(0, name.size());
        return true;
      }
    }
  }
  return false;
}

/// Go's time.Parse(InLocation) with the local zone UTC.
DateTime date_parse(const std::string &layout_in, const std::string &value_in) {
  std::string layout = layout_in;
  std::string value = value_in;
  int64_t year = 0, month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0, nanos = 0;
  bool pm_set = false, pm = false;
  bool zone_set = false;
  int32_t zone_offset = 0;
  std::string zone_name;
  std::string range_error;
  auto fail = [&](const std::string &layout_elem, const std::string &value_elem) {
    throw DateParseError("parsing time " + date_quote(value_in) + " as " + date_quote(layout_in) +
                         ": cannot parse " + date_quote(value_elem) + " as " + date_quote(layout_elem));
  };
  while (true) {
    const DateChunk chunk = date_next_chunk(layout);
    // The literal prefix must match (spaces are not special in Go either).
    if (value.compare(0, chunk.prefix.size(), chunk.prefix) != 0) {
      fail(chunk.prefix, value);
    }
    value.erase(0, chunk.prefix.size());
    if (chunk.std == kStdNone) {
      if (!value.empty()) {
        throw DateParseError("parsing time " + date_quote(value_in) + ": extra text: " + date_quote(value));
      }
      break;
    }
    layout = chunk.suffix;
    const std::string hold = value;
    bool ok = true;
    switch (chunk.std) {
    case kStdYear:
      if (value.size() < 2 || !std::isdigit(static_cast<unsigned char>(value[0])) ||
          !std::isdigit(static_cast<unsigned char>(value[1]))) {
        ok = false;
        break;
      }
      year = (value[0] - '0') * 10 + (value[1] - '0');
      year += year >= 69 ? 1900 : 2000;
      value.erase(0, 2);
      break;
    case kStdLongYear:
      if (value.size() < 4 || value.find_first_not_of("0123456789") < 4) {
        ok = false;
        break;
      }
      year = std::stoll(value.substr(0, 4));
      value.erase(0, 4);
      break;
    case kStdMonth:
      ok = date_lookup(value, kDateMonths, 12, 3, month);
      ++month;
      break;
    case kStdLongMonth:
      ok = date_lookup(value, kDateMonths, 12, 0, month);
      ++month;
      break;
    case kStdNumMonth:
    case kStdZeroMonth:
      ok = date_getnum(value, chunk.std == kStdZeroMonth, month);
      if (ok && (month <= 0 || month > 12)) {
        range_error = "month";
      }
      break;
    case kStdWeekDay: {
      int64_t ignored = 0;
      ok = date_lookup(value, kDateDays, 7, 3, ignored);
      break;
    }
    case kStdLongWeekDay: {
      int64_t ignored = 0;
      ok = date_lookup(value, kDateDays, 7, 0, ignored);
      break;
    }
    case kStdDay:
    case kStdUnderDay:
    case kStdZeroDay:
      if (chunk.std == kStdUnderDay && value.size() > 1 && value[0] == ' ') {
        value.erase(0, 1);
      }
      ok = date_getnum(value, chunk.std == kStdZeroDay, day);
      break;
    case kStdUnderYearDay:
    case kStdZeroYearDay:
      for (int i = 0; i < 2 && chunk.std == kStdUnderYearDay && !value.empty() && value[0] == ' '; ++i) {
        value.erase(0, 1);
      }
      ok = date_getnum3(value, chunk.std == kStdZeroYearDay, yday);
      break;
    case kStdHour:
      ok = date_getnum(value, false, hour);
      if (hour < 0 || hour >= 24) {
        range_error = "hour";
      }
      break;
    case kStdHour12:
    case kStdZeroHour12:
      ok = date_getnum(value, chunk.std == kStdZeroHour12, hour);
      if (hour < 0 || hour > 12) {
        range_error = "hour";
      }
      break;
    case kStdMinute:
    case kStdZeroMinute:
      ok = date_getnum(value, chunk.std == kStdZeroMinute, minute);
      if (minute < 0 || minute >= 60) {
        range_error = "minute";
      }
      break;
    case kStdSecond:
    case kStdZeroSecond:
      ok = date_getnum(value, chunk.std == kStdZeroSecond, second);
      if (second < 0 || second >= 60) {
        range_error = "second";
        break;
      }
      // A fractional second follows when the layout does not say so itself.
      if (ok && value.size() >= 2 && (value[0] == '.' || value[0] == ',') &&
          std::isdigit(static_cast<unsigned char>(value[1]))) {
        const DateChunk next = date_next_chunk(layout);
        if (next.std == kStdFracSecond0 || next.std == kStdFracSecond9) {
          break;
        }
        size_t n = 1;
        while (n < value.size() && std::isdigit(static_cast<unsigned char>(value[n]))) {
          ++n;
        }
        std::string digits = value.substr(1, n - 1);
        digits.resize(9, '0');
        nanos = std::stoll(digits.substr(0, 9));
        value.erase(0, n);
      }
      break;
    case kStdPM:
    case kStdpm:
      if (value.size() < 2) {
        ok = false;
        break;
      }
      if (value.compare(0, 2, chunk.std == kStdPM ? "PM" : "pm") == 0) {
        pm = true;
      } else if (value.compare(0, 2, chunk.std == kStdPM ? "AM" : "am") != 0) {
        ok = false;
        break;
      }
      pm_set = true;
      value.erase(0, 2);
      break;
    case kStdISO8601TZ:
    case kStdISO8601ColonTZ:
    case kStdISO8601SecondsTZ:
    case kStdISO8601ShortTZ:
    case kStdISO8601ColonSecondsTZ:
      if (!value.empty() && value[0] == 'Z') {
        value.erase(0, 1);
        zone_set = true;
        zone_offset = 0;
        zone_name = "UTC";
        break;
      }
      [[fallthrough]];
    case kStdNumTZ:
    case kStdNumShortTZ:
    case kStdNumColonTZ:
    case kStdNumSecondsTz:
    case kStdNumColonSecondsTZ: {
      const std::string &text = chunk.text;
      const std::string shape = text[0] == 'Z' ? "-" + text.substr(1) : text;
      // Every digit position of the layout must be a digit in the value.
      if (value.size() < shape.size() || (value[0] != '+' && value[0] != '-')) {
        ok = false;
        break;
      }
      int32_t h = 0, m = 0, s = 0;
      std::vector<int32_t> parts;
      for (size_t i = 1; i < shape.size(); ++i) {
        if (shape[i] == ':') {
          if (value[i] != ':') {
            ok = false;
          }
          continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(value[i]))) {
          ok = false;
        }
      }
      if (!ok) {
        break;
      }
      std::string digits;
      for (size_t i = 1; i < shape.size(); ++i) {
        if (value[i] != ':') {
          digits += value[i];
        }
      }
      h = std::stoi(digits.substr(0, 2));
      m = digits.size() >= 4 ? std::stoi(digits.substr(2, 2)) : 0;
      s = digits.size() >= 6 ? std::stoi(digits.substr(4, 2)) : 0;
      if (h > 24 || m >= 60 || s >= 60) {
        range_error = "time zone offset";
      }
      zone_offset = (h * 3600 + m * 60 + s) * (value[0] == '-' ? -1 : 1);
      zone_set = true;
      zone_name.clear();
      value.erase(0, shape.size());
      break;
    }
    case kStdTZ: {
      if (value.size() >= 3 && value.compare(0, 3, "UTC") == 0) {
        zone_set = true;
        zone_offset = 0;
        zone_name = "UTC";
        value.erase(0, 3);
        break;
      }
      // Go's parseTimeZone: 3 to 5 upper-case letters (and a few forms).
      size_t n = 0;
      while (n < value.size() && value[n] >= 'A' && value[n] <= 'Z') {
        ++n;
      }
      if (n < 3 || n > 5) {
        ok = false;
        break;
      }
      zone_set = true;
      zone_offset = 0;
      zone_name = value.substr(0, n);
      value.erase(0, n);
      break;
    }
    case kStdFracSecond0: {
      const size_t n = 1 + static_cast<size_t>(chunk.digits);
      if (value.size() < n || value[0] != chunk.separator) {
        ok = false;
        break;
      }
      if (value.substr(1, n - 1).find_first_not_of("0123456789") != std::string::npos) {
        ok = false;
        break;
      }
      std::string digits = value.substr(1, n - 1);
      digits.resize(9, '0');
      nanos = std::stoll(digits.substr(0, 9));
      value.erase(0, n);
      break;
    }
    case kStdFracSecond9: {
      if (value.size() < 2 || (value[0] != '.' && value[0] != ',') ||
          !std::isdigit(static_cast<unsigned char>(value[1]))) {
        break; // fractional second omitted
      }
      size_t n = 1;
      while (n < 10 && n < value.size() && std::isdigit(static_cast<unsigned char>(value[n]))) {
        ++n;
      }
      std::string digits = value.substr(1, n - 1);
      digits.resize(9, '0');
      nanos = std::stoll(digits);
      value.erase(0, n);
      break;
    }
    case kStdNone:
      break;
    }
    if (!range_error.empty()) {
      throw DateParseError("parsing time " + date_quote(value_in) + ": " + range_error + " out of range");
    }
    if (!ok) {
      fail(chunk.text, hold);
    }
  }
  if (pm_set) {
    if (pm && hour < 12) {
      hour += 12;
    } else if (!pm && hour == 12) {
      hour = 0;
    }
  }
  if (yday >= 0) {
    if (yday < 1 || yday > (date_leap(year) ? 366 : 365)) {
      throw DateParseError("parsing time " + date_quote(value_in) + ": day-of-year out of range");
    }
    int64_t m = 1;
    int64_t d = yday;
    while (d > date_days_in(m, year)) {
      d -= date_days_in(m, year);
      ++m;
    }
    if ((month >= 0 && month != m) || (day >= 0 && day != d)) {
      throw DateParseError("parsing time " + date_quote(value_in) + ": day-of-year does not match " +
                           (month >= 0 && month != m ? "month" : "day"));
    }
    month = m;
    day = d;
  }
  if (month < 0) {
    month = 1;
  }
  if (day < 0) {
    day = 1;
  }
  if (day < 1 || day > date_days_in(month, year)) {
    throw DateParseError("parsing time " + date_quote(value_in) + ": day out of range");
  }
  DateTime t;
  const int64_t local = date_days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  t.nanos = nanos;
  if (zone_set) {
    t.unix = local - zone_offset;
    if (zone_name == "UTC" || (zone_offset == 0 && zone_name.empty() && false)) {
      return t;
    }
    // An offset in the local zone (UTC) that matches is the local zone.
    if (zone_offset == 0 && zone_name.empty()) {
      t.fixed = true;
      t.fixed_offset = 0;
      t.fixed_name = "";
      return t;
    }
    t.fixed = true;
    t.fixed_offset = zone_offset;
    t.fixed_name = zone_name;
    return t;
  }
  t.unix = local;
  return t;
}

/// Go's time.ParseDuration; false with Go's message.
bool date_parse_duration(const std::string &text, int64_t &out, std::string &error) {
  const std::string quoted = date_quote(text);
  std::string s = text;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.erase(0, 1);
  }
  if (s == "0") {
    out = 0;
    return true;
  }
  if (s.empty()) {
    error = "time: invalid duration " + quoted;
    return false;
  }
  uint64_t d = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || std::isdigit(static_cast<unsigned char>(s[0])))) {
      error = "time: invalid duration " + quoted;
      return false;
    }
    uint64_t v = 0, f = 0;
    double scale = 1;
    size_t i = 0;
    bool overflow = false;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
      if (v > (UINT64_C(1) << 63) / 10) {
        overflow = true;
      }
      v = v * 10 + static_cast<uint64_t>(s[i] - '0');
      if (v > (UINT64_C(1) << 63)) {
        overflow = true;
      }
    }
    if (overflow) {
      error = "time: invalid duration " + quoted;
      return false;
    }
    const bool pre = i > 0;
    s.erase(0, i);
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.erase(0, 1);
      size_t k = 0;
      bool over = false;
      for (; k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])); ++k) {
        if (over) {
          continue;
        }
        if (f > ((UINT64_C(1) << 63) - 1) / 10) {
          over = true;
          continue;
        }
        const uint64_t y = f * 10 + static_cast<uint64_t>(s[k] - '0');
        if (y > (UINT64_C(1) << 63)) {
          over = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = k > 0;
      s.erase(0, k);
    }
    if (!pre && !post) {
      error = "time: invalid duration " + quoted;
      return false;
    }
    size_t u = 0;
    while (u < s.size() && s[u] != '.' && !std::isdigit(static_cast<unsigned char>(s[u]))) {
      ++u;
    }
    if (u == 0) {
      error = "time: missing unit in duration " + quoted;
      return false;
    }
    const std::string unit_name = s.substr(0, u);
    s.erase(0, u);
    static const std::pair<const char *, uint64_t> kUnits[] = {
        {"ns", 1},       {"us", 1000},         {"\xC2\xB5s", 1000},   {"\xCE\xBCs", 1000},
        {"ms", 1000000}, {"s", 1000000000ULL}, {"m", 60000000000ULL}, {"h", 3600000000000ULL}};
    uint64_t unit = 0;
    for (const auto &[name, value] : kUnits) {
      if (unit_name == name) {
        unit = value;
      }
    }
    if (!unit) {
      error = "time: unknown unit " + date_quote(unit_name) + " in duration " + quoted;
      return false;
    }
    if (v > (UINT64_C(1) << 63) / unit) {
      error = "time: invalid duration " + quoted;
      return false;
    }
    v *= unit;
    if (f > 0) {
      v += static_cast<uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > (UINT64_C(1) << 63)) {
        error = "time: invalid duration " + quoted;
        return false;
      }
    }
    d += v;
    if (d > (UINT64_C(1) << 63)) {
      error = "time: invalid duration " + quoted;
      return false;
    }
  }
  if (neg) {
    out = static_cast<int64_t>(0 - d);
    return true;
  }
  if (d > (UINT64_C(1) << 63) - 1) {
    error = "time: invalid duration " + quoted;
    return false;
  }
  out = static_cast<int64_t>(d);
  return true;
}

/// Go's Duration.String.
std::string date_duration_string(int64_t d) {
  uint64_t u = static_cast<uint64_t>(d);
  const bool neg = d < 0;
  if (neg) {
    u = 0 - u;
  }
  auto frac = [](uint64_t &v, int prec) {
    std::string digits;
    bool print = false;
    for (int i = 0; i < prec; ++i) {
      const uint64_t digit = v % 10;
      print = print || digit != 0;
      if (print) {
        digits.insert(digits.begin(), static_cast<char>('0' + digit));
      }
      v /= 10;
    }
    return print ? "." + digits : std::string();
  };
  std::string out;
  if (u < 1000000000ULL) {
    if (u == 0) {
      return "0s";
    }
    std::string unit;
    int prec = 0;
    if (u < 1000) {
      unit = "ns";
    } else if (u < 1000000) {
      prec = 3;
      unit = "\xC2\xB5s";
    } else {
      prec = 6;
      unit = "ms";
    }
    const std::string f = frac(u, prec);
    out = std::to_string(u) + f + unit;
  } else {
    const std::string f = frac(u, 9);
    out = std::to_string(u % 60) + f + "s";
    u /= 60;
    if (u > 0) {
      out = std::to_string(u % 60) + "m" + out;
      u /= 60;
      if (u > 0) {
        out = std::to_string(u) + "h" + out;
      }
    }
  }
  return neg ? "-" + out : out;
}

class DateTimeObject;

Value date_value(const DateTime &t);

/// A time.Time value with the methods charts call.
class DateTimeObject : public Object {
public:
  explicit DateTimeObject(DateTime t) : t_(std::move(t)) {}
  std::string type_name() const override {
    return "time.Time";
  }
  bool call(const std::string &name, std::vector<Value> &args, Value &result) override {
    const DateTime::Civil c = t_.civil();
    auto none = [&] {
      if (!args.empty()) {
        throw FunctionError(
            "wrong number of args for " + name + ": want 0 got " + std::to_string(args.size()), true);
      }
    };
    if (name == "Format") {
      want_args(args, 1, name);
      result = Value::string(date_format(t_, want_string(args[0])));
    } else if (name == "Unix") {
      none();
      result = Value::integer(t_.unix, "int64");
    } else if (name == "UnixNano") {
      none();
      result = Value::integer(t_.unix * kDateNanosPerSecond + t_.nanos, "int64");
    } else if (name == "Year" || name == "Day" || name == "Hour" || name == "Minute" || name == "Second" ||
               name == "YearDay" || name == "Nanosecond") {
      none();
      const int64_t v = name == "Year"      ? c.year
                        : name == "Day"     ? c.day
                        : name == "Hour"    ? c.hour
                        : name == "Minute"  ? c.minute
                        : name == "Second"  ? c.second
                        : name == "YearDay" ? c.yday
                                            : t_.nanos;
      result = Value::integer(v);
    } else if (name == "Month") {
      none();
      result = Value::string(kDateMonths[c.month - 1]);
    } else if (name == "Weekday") {
      none();
      result = Value::string(kDateDays[c.weekday]);
    } else if (name == "UTC" || name == "Local") {
      none();
      DateTime u = t_;
      u.zone = date_utc();
      u.fixed = false;
      result = date_value(u);
    } else if (name == "String") {
      none();
      result = Value::string(format_v());
    } else if (name == "IsZero") {
      none();
      result = Value::boolean(t_.unix == DateTime{}.unix && t_.nanos == 0);
    } else {
      return false;
    }
    return true;
  }
  std::string format_v() const override {
    return date_format(t_, "2006-01-02 15:04:05.999999999 -0700 MST");
  }
  const DateTime &time() const {
    return t_;
  }

private:
  DateTime t_;
};

Value date_value(const DateTime &t) {
  return Value::of(std::make_shared<DateTimeObject>(t));
}

const DateTimeObject *date_object(const Value &v) {
  return v.kind == Value::Kind::Object ? dynamic_cast<const DateTimeObject *>(v.object.get()) : nullptr;
}

DateTime date_now(const Engine &engine) {
  int64_t y = 2024, m = 1, d = 1;
  const std::string &today = engine.today;
  if (today.size() >= 10) {
    y = std::atoll(today.substr(0, 4).c_str());
    m = std::atoll(today.substr(5, 2).c_str());
    d = std::atoll(today.substr(8, 2).c_str());
  }
  DateTime t;
  t.unix = date_days_from_civil(y, m, d) * 86400;
  return t;
}

/// Sprig's date argument: a time, Unix seconds (int, int64, int32), or now.
DateTime date_argument(const Engine &engine, const Value &v, bool int32_too = true) {
  if (const DateTimeObject *t = date_object(v)) {
    return t->time();
  }
  if (v.kind == Value::Kind::Int && (v.go_type.empty() || v.go_type == "int" || v.go_type == "int64" ||
                                     (int32_too && v.go_type == "int32"))) {
    DateTime t;
    t.unix = v.i;
    return t;
  }
  return date_now(engine);
}

const DateTime &date_want_time(const Value &v) {
  if (const DateTimeObject *t = date_object(v)) {
    return t->time();
  }
  throw FunctionError(std::string(v.is_nil() ? "invalid value" : "wrong type for value") +
                          "; expected time.Time" + (v.is_nil() ? "" : "; got " + type_name(v)),
                      true);
}

std::string date_in_zone(Call &c, const std::string &layout, const Value &date, const std::string &zone) {
  DateTime t = date_argument(c.engine, date);
  auto loaded = date_load_zone(zone);
  t.zone = loaded ? loaded : date_utc();
  t.fixed = false;
  return date_format(t, layout);
}

DateTime date_add(DateTime t, int64_t d) {
  int64_t nanos = t.nanos + d % kDateNanosPerSecond;
  int64_t secs = t.unix + d / kDateNanosPerSecond;
  if (nanos < 0) {
    nanos += kDateNanosPerSecond;
    --secs;
  } else if (nanos >= kDateNanosPerSecond) {
    nanos -= kDateNanosPerSecond;
    ++secs;
  }
  t.unix = secs;
  t.nanos = nanos;
  return t;
}

/// time.Since(t): now minus t, saturated as Go's Sub.
int64_t date_since(const Engine &engine, const DateTime &t) {
  const DateTime now = date_now(engine);
  const long double diff = (static_cast<long double>(now.unix) - static_cast<long double>(t.unix)) * 1e9L +
                           static_cast<long double>(now.nanos - t.nanos);
  if (diff >= 9.223372036854775807e18L) {
    return INT64_MAX;
  }
  if (diff <= -9.223372036854775808e18L) {
    return INT64_MIN;
  }
  return static_cast<int64_t>(diff);
}

} // namespace

void register_date_functions(FunctionTable &t) {
  t.add("now", [](Call &c, std::vector<Value> &a) {
    want_args(a, 0, "now");
    return date_value(date_now(c.engine));
  });
  t.add("date", [](Call &c, std::vector<Value> &a) {
    want_args(a, 2, "date");
    return Value::string(date_in_zone(c, want_string(a[0]), a[1], "Local"));
  });
  t.add("htmlDate", [](Call &c, std::vector<Value> &a) {
    want_args(a, 1, "htmlDate");
    return Value::string(date_in_zone(c, "2006-01-02", a[0], "Local"));
  });
  t.add("htmlDateInZone", [](Call &c, std::vector<Value> &a) {
    want_args(a, 2, "htmlDateInZone");
    const std::string &zone = want_string(a[1]);
    return Value::string(date_in_zone(c, "2006-01-02", a[0], zone));
  });
  const Function in_zone = [](Call &c, std::vector<Value> &a) {
    want_args(a, 3, c.name);
    const std::string &layout = want_string(a[0]);
    const std::string &zone = want_string(a[2]);
    return Value::string(date_in_zone(c, layout, a[1], zone));
  };
  t.add("dateInZone", in_zone);
  t.add("date_in_zone", in_zone);
  for (const char *name : {"dateModify", "date_modify", "mustDateModify", "must_date_modify"}) {
    const bool must = name[0] == 'm';
    t.add(name, [must](Call &c, std::vector<Value> &a) {
      want_args(a, 2, c.name);
      const std::string &text = want_string(a[0]);
      const DateTime &date = date_want_time(a[1]);
      int64_t d = 0;
      std::string error;
      if (!date_parse_duration(text, d, error)) {
        if (must) {
          throw FunctionError(error);
        }
        return date_value(date);
      }
      return date_value(date_add(date, d));
    });
  }
  t.add("unixEpoch", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "unixEpoch");
    return Value::string(std::to_string(date_want_time(a[0]).unix));
  });
  t.add("toDate", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "toDate");
    const std::string &layout = want_string(a[0]);
    const std::string &text = want_string(a[1]);
    try {
      return date_value(date_parse(layout, text));
    } catch (const DateParseError &) {
      return date_value(DateTime{});
    }
  });
  t.add("mustToDate", [](Call &, std::vector<Value> &a) {
    want_args(a, 2, "mustToDate");
    const std::string &layout = want_string(a[0]);
    const std::string &text = want_string(a[1]);
    try {
      return date_value(date_parse(layout, text));
    } catch (const DateParseError &e) {
      throw FunctionError(e.what());
    }
  });
  t.add("ago", [](Call &c, std::vector<Value> &a) {
    want_args(a, 1, "ago");
    const DateTime then = date_argument(c.engine, a[0], false);
    int64_t d = date_since(c.engine, then);
    // Duration.Round(time.Second): halves away from zero.
    const int64_t m = kDateNanosPerSecond;
    int64_t r = d % m;
    if (d < 0) {
      r = -r;
      if (r + r < m) {
        d += r;
      } else if (d - m + r >= d - m) { // no overflow
        d = d - m + r;
      }
    } else if (r + r < m) {
      d -= r;
    } else if (d + m - r > d) {
      d = d + m - r;
    } else {
      d = INT64_MAX;
    }
    return Value::string(date_duration_string(d));
  });
  t.add("duration", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "duration");
    int64_t n = 0;
    if (a[0].is_string()) {
      const std::string &s = a[0].str();
      char *end = nullptr;
      errno = 0;
      const long long v = std::strtoll(s.c_str(), &end, 10);
      const bool digits = !s.empty() && s.find_first_not_of("+-0123456789") == std::string::npos;
      n = (digits && end && *end == '\0' && errno == 0) ? v : 0;
    } else if (a[0].kind == Value::Kind::Int && a[0].go_type == "int64") {
      n = a[0].i;
    }
    return Value::string(date_duration_string(
        static_cast<int64_t>(static_cast<uint64_t>(n) * static_cast<uint64_t>(kDateNanosPerSecond))));
  });
  t.add("durationRound", [](Call &c, std::vector<Value> &a) {
    want_args(a, 1, "durationRound");
    int64_t d = 0;
    if (a[0].is_string()) {
      std::string error;
      if (!date_parse_duration(a[0].str(), d, error)) {
        d = 0;
      }
    } else if (a[0].kind == Value::Kind::Int && a[0].go_type == "int64") {
      d = a[0].i;
    } else if (const DateTimeObject *t = date_object(a[0])) {
      d = date_since(c.engine, t->time());
    }
    uint64_t u = static_cast<uint64_t>(d);
    if (d < 0) {
      u = 0 - u;
    }
    const uint64_t second = 1000000000ULL, minute = 60 * second, hour = 60 * minute, day = 24 * hour,
                   month = 30 * day, year = 365 * day;
    const std::pair<uint64_t, const char *> kUnits[] = {{year, "y"}, {month, "mo"}, {day, "d"},
                                                        {hour, "h"}, {minute, "m"}, {second, "s"}};
    for (const auto &[unit, suffix] : kUnits) {
      if (u > unit) {
        return Value::string(std::to_string(u / unit) + suffix);
      }
    }
    return Value::string("0s");
  });
}

} // namespace wincompat::helm
