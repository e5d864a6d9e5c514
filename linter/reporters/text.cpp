// The human format: path:line:col, severity[code], message, the source line
// and carets under the exact range (ruff/rustc style).
#include "enum_names.hpp"
#include "reporters.hpp"

#include "wincompat/rule.hpp"

namespace wincompat {

namespace {

struct Style {
  bool color;
  std::string paint(std::string_view text, std::string_view code) const {
    if (!color) {
      return std::string(text);
    }
    std::string out = "\x1b[";
    out.append(code).append("m").append(text).append("\x1b[0m");
    return out;
  }
};

constexpr EnumName<Severity> kColors[] = {
    {Severity::Error, "1;31"}, {Severity::Warning, "1;33"}, {Severity::Info, "1;36"}};

/// Blanks as wide as `prefix`, keeping tabs so the caret lines up.
std::string pad_like(std::string_view prefix) {
  std::string pad;
  for (size_t i = 0; i < prefix.size(); ++i) {
    const auto c = static_cast<unsigned char>(prefix[i]);
    if (c == '\t') {
      pad += '\t';
    } else if ((c & 0xC0) != 0x80) {
      pad += ' '; // one column per code point
    }
  }
  return pad;
}

size_t code_points(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) {
    n += (c & 0xC0) != 0x80;
  }
  return n;
}

/// `at` moved back to the start of the UTF-8 character it falls in.
size_t char_start(std::string_view text, size_t at) {
  while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
    --at;
  }
  return at;
}

/// A message that quotes a megabyte of file content keeps its start and its
/// end (where the advice is); the middle is cut. JSON keeps it whole.
std::string shown_message(const std::string &message) {
  constexpr size_t kMax = 1000, kHead = 700, kTail = 250;
  if (message.size() <= kMax) {
    return message;
  }
  const size_t head = char_start(message, kHead);
  const size_t tail = char_start(message, message.size() - kTail);
  return message.substr(0, head) + " ... [" + std::to_string(tail - head) + " bytes cut] ... " +
         message.substr(tail);
}

void print_snippet(const FileResult &file, const Diagnostic &d, std::ostream &out, const Style &style) {
  if (!file.source || d.span.end < d.span.begin) {
    return;
  }
  const SourceFile &source = *file.source;
  const uint32_t line_index = source.line_of(d.span.begin);
  const std::string_view line = source.line(line_index);
  const uint32_t line_begin = source.line_start(line_index);
  const size_t start = std::min<size_t>(d.span.begin - line_begin, line.size());
  const size_t end = std::min<size_t>(std::max<size_t>(d.span.end - line_begin, start), line.size());
  const std::string number = std::to_string(line_index + 1);
  const std::string gutter(number.size(), ' ');
  // Very long lines are cut to a window of kWidth bytes that holds the start
  // of the range, on character boundaries.
  constexpr size_t kWidth = 400, kBefore = 100;
  const size_t from = start + kWidth / 4 > kWidth ? char_start(line, start - kBefore) : 0;
  const size_t to = line.size() - from > kWidth ? char_start(line, from + kWidth) : line.size();
  const std::string lead = from > 0 ? "... " : "";
  out << style.paint(gutter + " |", "34") << '\n';
  out << style.paint(number + " |", "34") << ' ' << lead << printable(line.substr(from, to - from))
      << (to < line.size() ? " ..." : "") << '\n';
  const size_t width = std::max<size_t>(
      1, code_points(printable(line.substr(start, std::min(end, to) - std::min(start, to)))));
  out << style.paint(gutter + " |", "34") << ' '
      << pad_like(lead + printable(line.substr(from, start - from)))
      << style.paint(std::string(width, '^'), name_of(d.severity, kColors, "0")) << '\n';
}

} // namespace

void report_text(const LintResult &result, std::ostream &out, bool color) {
  const Style style{color};
  for (const FileResult &file : result.files) {
    for (const Diagnostic &d : file.diagnostics) {
      out << style.paint(printable(file.path), "1") << ':' << d.range.start.line + 1 << ':'
          << d.range.start.character + 1 << ": "
          << style.paint(std::string(to_string(d.severity)) + "[" + d.code + "]",
                         name_of(d.severity, kColors, "0"))
          << ' ' << printable(shown_message(d.message)) << '\n';
      print_snippet(file, d, out, style);
      for (const RelatedInformation &related : d.related) {
        out << "  = note: " << printable(related.path) << ':' << related.range.start.line + 1 << ':'
            << related.range.start.character + 1 << ": " << printable(related.message) << '\n';
      }
      out << "  = help: " << help_url(d.code) << "\n\n";
    }
  }
  const Summary s = summarize(result);
  const size_t problems = s.errors + s.warnings + s.infos;
  const auto plural = [](size_t n, const char *word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  if (problems == 0) {
    out << "No problems found in " << plural(s.files, "file") << ".\n";
  } else {
    // "in N files" counts the files that have problems, not the files checked.
    out << "Found " << plural(problems, "problem") << " (" << plural(s.errors, "error") << ", "
        << plural(s.warnings, "warning") << ", " << s.infos << " info) in "
        << plural(s.files_with_problems, "file");
    if (s.files != s.files_with_problems) {
      out << " (" << s.files << " checked)";
    }
    out << ".\n";
  }
}

} // namespace wincompat
