// GitHub Actions workflow commands: one annotation per diagnostic, shown on
// the pull request's diff and in the run summary.
//
//   ::error file=src/Dockerfile,line=4,col=43,endLine=4,endColumn=51,title=WC302::message
//
// Lines and columns are 1-based; columns count UTF-16 code units, as the
// JSON and SARIF formats do. Paths are relative to the working directory (the
// workspace root in a workflow) when the file lies below it.
#include "enum_names.hpp"
#include "reporters.hpp"

#include "wincompat/rule.hpp"

#include <filesystem>

namespace wincompat {

namespace {

constexpr EnumName<Severity> kCommands[] = {
    {Severity::Error, "error"}, {Severity::Warning, "warning"}, {Severity::Info, "notice"}};

std::string_view command_name(Severity severity) {
  return name_of(severity, kCommands, "notice");
}

/// Escapes for a workflow command; other control characters are shown as \xNN.
std::string escape(std::string_view text, bool property) {
  static const char *hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    const bool special = c == '%' || c == '\r' || c == '\n' || (property && (c == ':' || c == ','));
    if (special) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
      out += printable(std::string_view(reinterpret_cast<const char *>(&c), 1));
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

/// The path GitHub matches against the repository: relative, no `./`.
std::string annotation_path(const std::string &path) {
  const std::filesystem::path shown(display_path(path));
  if (shown.is_absolute()) {
    return shown.generic_string();
  }
  const std::string normal = shown.lexically_normal().generic_string();
  return normal.empty() ? path : normal;
}

std::string position(const char *line_key, const char *column_key, const Position &p) {
  return std::string(",") + line_key + "=" + std::to_string(p.line + 1) + "," + column_key + "=" +
         std::to_string(p.character + 1);
}

std::string annotation_message(const Diagnostic &d) {
  std::string message = d.message;
  for (const RelatedInformation &r : d.related) {
    message += "\nnote: " + annotation_path(r.path) + ":" + std::to_string(r.range.start.line + 1) + ":" +
               std::to_string(r.range.start.character + 1) + ": " + r.message;
  }
  return message + "\nhelp: " + help_url(d.code);
}

} // namespace

std::string escape_github_property(std::string_view value) {
  return escape(value, true);
}

std::string escape_github_data(std::string_view value) {
  return escape(value, false);
}

void report_github(const LintResult &result, std::ostream &out) {
  for (const FileResult &file : result.files) {
    if (file.skipped) {
      continue;
    }
    const std::string path = escape_github_property(annotation_path(file.path));
    for (const Diagnostic &d : file.diagnostics) {
      out << "::" << command_name(d.severity) << " file=" << path << position("line", "col", d.range.start)
          << position("endLine", "endColumn", d.range.end) << ",title=" << escape_github_property(d.code)
          << "::" << escape_github_data(annotation_message(d)) << '\n';
    }
  }
}

} // namespace wincompat
