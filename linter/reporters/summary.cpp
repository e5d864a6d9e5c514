#include "reporters.hpp"

namespace wincompat {

Summary summarize(const LintResult &result) {
  Summary summary;
  for (const FileResult &file : result.files) {
    if (file.skipped) {
      continue;
    }
    ++summary.files;
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
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

} // namespace wincompat
