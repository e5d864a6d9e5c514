// Small string helpers shared inside the linter (not public API).
#pragma once

#include <algorithm>
#include <cctype>
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

inline std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t at = text.find(separator, start);
    parts.emplace_back(text.substr(start, at - start));
    if (at == std::string_view::npos) {
      return parts;
    }
    start = at + 1;
  }
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

} // namespace wincompat
