#include "reporters.hpp"

namespace wincompat {

Summary summarize(const LintResult &result) {
  Summary summary;
  for (const FileResult &file : result.files) {
    if (file.skipped) {
      continue;
    }
    ++summary.files;
    summary.files_with_problems += file.diagnostics.empty() ? 0 : 1;
    for (const Diagnostic &d : file.diagnostics) {
      switch (d.severity) {
      case Severity::Error:
        ++summary.errors;
        break;
      case Severity::Warning:
        ++summary.warnings;
        break;
      case Severity::Info:
        ++summary.infos;
        break;
      }
    }
  }
  return summary;
}

std::string printable(std::string_view text) {
  static const char *hex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  const auto escape = [&](unsigned char c) {
    out += "\\x";
    out += hex[c >> 4];
    out += hex[c & 15];
  };
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        escape(c);
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // A well-formed UTF-8 character is kept, except the C1 controls
    // (U+0080-U+009F: U+009B is CSI to some terminals). Bytes that are not
    // UTF-8 (paths may hold any) are spelled out too.
    const size_t width = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool valid = width >= 2 && i + width <= text.size() && c >= 0xC2 && c <= 0xF4;
    for (size_t k = 1; valid && k < width; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (valid && width == 3) { // no overlong forms, no surrogates
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      valid = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    } else if (valid && width == 4) {
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      valid = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!valid) {
      escape(c);
      ++i;
      continue;
    }
    if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      out += "\\u00";
      out += hex[static_cast<unsigned char>(text[i + 1]) >> 4];
      out += hex[static_cast<unsigned char>(text[i + 1]) & 15];
    } else {
      out.append(text.substr(i, width));
    }
    i += width;
  }
  return out;
}

std::string escape_json_controls(std::string json) {
  if (json.find_first_of("\x7F\xC2") == std::string::npos) {
    return json;
  }
  static const char *hex = "0123456789abcdef";
  std::string out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    const auto c = static_cast<unsigned char>(json[i]);
    if (c == 0x7F) {
      out += "\\u007f";
    } else if (c == 0xC2 && i + 1 < json.size() && static_cast<unsigned char>(json[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(json[i + 1]) < 0xA0) {
      const auto low = static_cast<unsigned char>(json[++i]);
      out += "\\u00";
      out += hex[low >> 4];
      out += hex[low & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

} // namespace wincompat
