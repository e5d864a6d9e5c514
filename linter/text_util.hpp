// Small string helpers shared inside the linter (not public API).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

inline std::string to_upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; });
  return out;
}

inline bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

inline bool is_space(char c) {
  return c == ' ' || c == '\t';
}

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && (is_space(text.front()) || text.front() == '\r' || text.front() == '\n')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (is_space(text.back()) || text.back() == '\r' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

/// The parts of `text` between `separator`s (a non-empty one).
inline std::vector<std::string> split(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t at = text.find(separator, start);
    parts.emplace_back(text.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) {
      return parts;
    }
    start = at + separator.size();
  }
}

inline std::vector<std::string> split(std::string_view text, char separator) {
  return split(text, std::string_view(&separator, 1));
}

/// The line of `text` that starts at `at`, without its '\n'; `at` moves to
/// the next line (past the end after the last one).
inline std::string_view next_line(std::string_view text, size_t &at) {
  size_t end = text.find('\n', at);
  if (end == std::string_view::npos) {
    end = text.size();
  }
  const std::string_view line = text.substr(at, end - at);
  at = end + 1;
  return line;
}

/// Splits at `separator` where it stands outside `open`...`close` brackets:
/// "a.b[c.d]" at '.' is "a", "b[c.d]".
inline std::vector<std::string> split_outside(std::string_view text, char separator, char open, char close) {
  std::vector<std::string> parts;
  std::string current;
  int depth = 0;
  for (const char c : text) {
    if (c == open) {
      ++depth;
    } else if (c == close) {
      --depth;
    }
    if (c == separator && depth == 0) {
      parts.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(std::move(current));
  return parts;
}

inline std::string join(const std::vector<std::string> &parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) {
      out += separator;
    }
    out += parts[i];
  }
  return out;
}

/// Every non-empty word of every comma list (an option that may be repeated,
/// each time with a comma list).
inline std::vector<std::string> comma_words(const std::vector<std::string> &lists) {
  std::vector<std::string> out;
  for (const auto &list : lists) {
    for (const auto &part : split(list, ',')) {
      if (auto word = trim(part); !word.empty()) {
        out.push_back(std::string(word));
      }
    }
  }
  return out;
}

/// `text` for quoting in a message: at most `max` bytes, cut at a UTF-8
/// character boundary and marked with "..." (a hostile file may hold a
/// megabyte-long word; the message must stay readable).
inline std::string excerpt(std::string_view text, size_t max = 80) {
  if (text.size() <= max) {
    return std::string(text);
  }
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return std::string(text.substr(0, cut)) + "...";
}

/// The spellings of a double-quoted string the renderers write: Go's
/// strconv.Quote (Helm's `printf "%q"`, kyaml's emitter) writes a control
/// byte as \x1b; YAML's emitter (Helm's toYaml) as \x1B, and NUL as \0;
/// BurntSushi/toml's encoder (Helm's toToml) as \u001b, with \b and \f.
enum class QuoteDialect { Go, Yaml, Toml };

/// `text` escaped for the inside of a double-quoted string.
inline std::string escape_double_quoted(std::string_view text, QuoteDialect dialect) {
  const char *hex = dialect == QuoteDialect::Yaml ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\b':
    case '\f':
      if (dialect == QuoteDialect::Toml) {
        out += c == '\b' ? "\\b" : "\\f";
        break;
      }
      [[fallthrough]];
    default:
      if (c == 0 && dialect == QuoteDialect::Yaml) {
        out += "\\0";
      } else if (c < 0x20 || c == 0x7f) {
        out += dialect == QuoteDialect::Toml ? "\\u00" : "\\x";
        out += hex[c >> 4];
        out += hex[c & 0xf];
      } else {
        out += ch;
      }
    }
  }
  return out;
}

/// The value of a hexadecimal digit, or -1.
inline int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

/// Appends code point `cp` as UTF-8.
inline void append_utf8(std::string &out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// `text` between double quotes, escaped.
inline std::string double_quoted(std::string_view text, QuoteDialect dialect) {
  std::string out = "\"";
  out += escape_double_quoted(text, dialect);
  out += '"';
  return out;
}

/// Bytes of the UTF-8 sequence that starts at `i`, from its lead byte; an
/// invalid lead byte or a sequence cut by the end of `text` counts as one.
inline size_t utf8_sequence_width(std::string_view text, size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  size_t width = 1;
  if (byte >= 0xF0 && byte < 0xF8) {
    width = 4;
  } else if (byte >= 0xE0) {
    width = 3;
  } else if (byte >= 0xC0) {
    width = 2;
  }
  return i + width > text.size() ? 1 : width;
}

/// `text` percent-encoded (RFC 3986): letters, digits, "-_.~" and the bytes
/// in `also_keep` stay, every other byte becomes %XX.
inline std::string percent_encode(std::string_view text, std::string_view also_keep = {}) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        also_keep.find(ch) != also_keep.npos) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// The environment variable `name` followed by `tail` ("$HOME/.cache"), or
/// "" when it is unset or empty.
inline std::string under_environment(const char *name, std::string_view tail) {
  const char *value = std::getenv(name);
  return value && *value ? std::string(value).append(tail) : std::string();
}

inline bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// decode_text's message without its "(--max-file-size)", for files with a
/// limit of their own (config, node inventories).
inline std::string without_size_option(std::string message) {
  const std::string option = " (--max-file-size)";
  if (const size_t at = message.find(option); at != std::string::npos) {
    message.erase(at, option.size());
  }
  return message;
}

/// Appends `text` as a JSON string the way Go's encoding/json writes it:
/// U+2028 and U+2029 escaped, `<`, `>` and `&` too when `escape_html`.
/// `short_bf` writes backspace and form feed as `\b` and `\f`, as Go 1.22
/// and later do (kustomize's hash); older Go (Helm's reference) writes
/// `\u0008` and `\u000c`.
inline void append_go_json_string(std::string &out, std::string_view text, bool escape_html, bool short_bf) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const char *escape = c == '"'                ? "\\\""
                         : c == '\\'             ? "\\\\"
                         : c == '\n'             ? "\\n"
                         : c == '\r'             ? "\\r"
                         : c == '\t'             ? "\\t"
                         : short_bf && c == '\b' ? "\\b"
                         : short_bf && c == '\f' ? "\\f"
                                                 : nullptr;
    if (escape) {
      out += escape;
    } else if (c < 0x20 || (escape_html && (c == '<' || c == '>' || c == '&'))) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

} // namespace wincompat
