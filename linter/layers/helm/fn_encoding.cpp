// Encodings and digests (toYaml, toJson, b64, sha256sum), deterministic
// random values and dates fixed by --today.
#include "exec.hpp"
#include "sha256.hpp"
#include "yaml_emit.hpp"

#include <array>
#include <cstdio>
#include <cstring>

namespace wincompat::helm {

namespace {

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string b64encode(const std::string &in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
    out += kB64[n & 63];
  }
  if (i + 1 == in.size()) {
    const uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const uint32_t n =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

bool b64decode(const std::string &in, std::string &out) {
  uint32_t buffer = 0;
  int bits = 0;
  size_t padding = 0;
  for (char c : in) {
    if (c == '=') {
      ++padding;
      continue;
    }
    const char *p = std::strchr(kB64, c);
    if (!p || c == '\0' || padding) {
      return false;
    }
    buffer = (buffer << 6) | static_cast<uint32_t>(p - kB64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return (in.size() % 4) == 0;
}

std::string deterministic_hex(Engine &engine) {
  return sha256_hex("wincompat-random-" + std::to_string(engine.random_counter++));
}

/// Go's time layout applied to a date at midnight UTC.
std::string format_date(const std::string &layout, int year, int month, int day) {
  static const char *const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  static const char *const kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                      "Thursday", "Friday", "Saturday"};
  // Zeller-style weekday (0 = Sunday).
  int y = year;
  int m = month;
  if (m < 3) {
    m += 12;
    --y;
  }
  const int weekday = (day + 13 * (m + 1) / 5 + y + y / 4 - y / 100 + y / 400 + 6) % 7;
  const std::string month_name = kMonths[(month + 11) % 12];
  const std::string day_name = kDays[weekday];
  auto two = [](int n) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", n);
    return std::string(b);
  };
  struct Rule {
    const char *token;
    std::string value;
  };
  const Rule rules[] = {{"January", month_name},
                        {"Monday", day_name},
                        {"2006", std::to_string(year)},
                        {"-07:00", "+00:00"},
                        {"-0700", "+0000"},
                        {"Z07:00", "Z"},
                        {"Jan", month_name.substr(0, 3)},
                        {"Mon", day_name.substr(0, 3)},
                        {"MST", "UTC"},
                        {"01", two(month)},
                        {"02", two(day)},
                        {"_2", std::string(day < 10 ? " " : "").append(std::to_string(day))},
                        {"06", two(year % 100)},
                        {"15", "00"},
                        {"03", "12"},
                        {"04", "00"},
                        {"05", "00"},
                        {"PM", "AM"},
                        {"pm", "am"},
                        {".000", ".000"},
                        {"1", std::to_string(month)},
                        {"2", std::to_string(day)},
                        {"3", "12"},
                        {"4", "0"},
                        {"5", "0"}};
  std::string out;
  for (size_t i = 0; i < layout.size();) {
    bool matched = false;
    for (const Rule &rule : rules) {
      const size_t n = std::strlen(rule.token);
      if (layout.compare(i, n, rule.token) == 0) {
        out += rule.value;
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) {
      out += layout[i++];
    }
  }
  return out;
}

void parse_today(const std::string &today, int &year, int &month, int &day) {
  year = 2024;
  month = 1;
  day = 1;
  if (today.size() >= 10) {
    year = std::atoi(today.substr(0, 4).c_str());
    month = std::atoi(today.substr(5, 2).c_str());
    day = std::atoi(today.substr(8, 2).c_str());
  }
}

Value now_value(const Engine &engine) {
  int y, m, d;
  parse_today(engine.today, y, m, d);
  Value v = Value::string(format_date("2006-01-02 15:04:05 +0000 UTC", y, m, d));
  return v;
}

Value error_map(const std::string &error) {
  Map m;
  m["Error"] = Value::string(error);
  return Value::new_map(std::move(m));
}

using Parser = bool (*)(const std::string &, Value &, std::string &);

/// fromYaml and fromJson: what `parse` reads from `text`, as `check` makes
/// it a map; the error as a map when it cannot be parsed.
template <typename Check> Value parsed_map(Parser parse, const std::string &text, Check check) {
  Value out;
  std::string error;
  return parse(text, out, error) ? check(std::move(out)) : error_map(error);
}

/// fromYamlArray and fromJsonArray: the list `parse` reads from `text`, or
/// a list of the error.
Value parsed_list(Parser parse, const std::string &text) {
  Value out;
  std::string error;
  const bool parsed = parse(text, out, error);
  if (parsed && out.is_nil() && parse == parse_yaml) {
    return Value::new_list({}); // "", "~", "null": YAML's null leaves Helm's empty list as it is
  }
  if (!parsed || out.kind != Value::Kind::List) {
    return Value::new_list({Value::string(error.empty() ? "not an array" : error)});
  }
  return out;
}

} // namespace

std::string base64_encode(const std::string &data) {
  return b64encode(data);
}

void register_encoding_functions(FunctionTable &t) {
  t.add("toYaml", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toYaml");
    return Value::string(to_yaml(a[0]));
  });
  t.add("mustToYaml", t.functions["toYaml"]);
  t.add("toJson", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toJson");
    return Value::string(to_json(a[0], true, false));
  });
  t.add("mustToJson", t.functions["toJson"]);
  t.add("toRawJson", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toRawJson");
    return Value::string(to_json(a[0], false, false));
  });
  t.add("toPrettyJson", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "toPrettyJson");
    return Value::string(to_json(a[0], true, true));
  });
  t.add("fromYaml", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "fromYaml");
    return parsed_map(parse_yaml, want_string(a[0]), [](Value out) {
      if (out.is_nil()) {
        return Value::new_map();
      }
      if (out.kind != Value::Kind::Map) {
        return error_map("error unmarshaling JSON: json: cannot unmarshal " +
                         std::string(out.kind == Value::Kind::List ? "array" : "string") +
                         " into Go value of type map[string]interface {}");
      }
      return out;
    });
  });
  t.add("fromYamlArray", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "fromYamlArray");
    return parsed_list(parse_yaml, want_string(a[0]));
  });
  t.add("fromJson", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "fromJson");
    return parsed_map(parse_json, want_string(a[0]), [](Value out) {
      return out.kind == Value::Kind::Map ? out : error_map("json: cannot unmarshal into map");
    });
  });
  t.add("fromJsonArray", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "fromJsonArray");
    return parsed_list(parse_json, want_string(a[0]));
  });
  t.add("b64enc", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "b64enc");
    return Value::string(b64encode(want_string(a[0])));
  });
  t.add("b64dec", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "b64dec");
    std::string out;
    if (!b64decode(want_string(a[0]), out)) {
      return Value::string("illegal base64 data at input byte 0");
    }
    return Value::string(out);
  });
  t.add("sha256sum", [](Call &, std::vector<Value> &a) {
    want_args(a, 1, "sha256sum");
    return Value::string(sha256_hex(want_string(a[0])));
  });
  t.add("uuidv4", [](Call &c, std::vector<Value> &a) {
    want_args(a, 0, "uuidv4");
    std::string h = deterministic_hex(c.engine).substr(0, 32);
    h[12] = '4';
    h[16] = "89ab"[h[16] % 4];
    return Value::string(h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
                         h.substr(16, 4) + "-" + h.substr(20, 12));
  });
  auto random_text = [](const std::string &alphabet) {
    return [alphabet](Call &c, std::vector<Value> &a) {
      want_args(a, 1, c.name);
      const int64_t n = want_int(a[0]);
      if (n < 0 || n > 1'000'000) {
        throw FunctionError("length out of range for wincompat");
      }
      std::string out;
      std::string hex;
      for (int64_t i = 0; i < n; ++i) {
        if (hex.empty()) {
          hex = deterministic_hex(c.engine);
        }
        const int digit = std::stoi(hex.substr(0, 2), nullptr, 16);
        hex.erase(0, 2);
        out += alphabet[static_cast<size_t>(digit) % alphabet.size()];
      }
      return Value::string(out);
    };
  };
  t.add("randAlphaNum", random_text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"));
  t.add("randAlpha", random_text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"));
  t.add("randNumeric", random_text("0123456789"));
  t.add("randAscii", random_text("abcdefghijklmnopqrstuvwxyz!#%&()*+,-./:;<=>?@[]^_{|}~0123456789"));
  t.add("now", [](Call &c, std::vector<Value> &a) {
    want_args(a, 0, "now");
    return now_value(c.engine);
  });
  t.add("date", [](Call &c, std::vector<Value> &a) {
    want_args(a, 2, "date");
    int y, m, d;
    parse_today(c.engine.today, y, m, d);
    if (a[1].is_string() && a[1].str().size() >= 10) {
      parse_today(a[1].str(), y, m, d);
    }
    return Value::string(format_date(want_string(a[0]), y, m, d));
  });
  t.add("htmlDate", [](Call &c, std::vector<Value> &a) {
    want_args(a, 1, "htmlDate");
    int y, m, d;
    parse_today(c.engine.today, y, m, d);
    return Value::string(format_date("2006-01-02", y, m, d));
  });
  t.add("unixEpoch", [](Call &c, std::vector<Value> &a) {
    want_args(a, 1, "unixEpoch");
    int y, m, d;
    parse_today(c.engine.today, y, m, d);
    // Days from civil (Howard Hinnant's algorithm).
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = static_cast<unsigned>((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const int64_t days = static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
    return Value::string(std::to_string(days * 86400));
  });
}

} // namespace wincompat::helm
