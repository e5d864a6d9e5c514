#include "wincompat/fix.hpp"

#include "platform.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace wincompat {

namespace {

struct ByteEdit {
  uint32_t begin;
  uint32_t end;
  std::string text;
};

std::vector<ByteEdit> collect_edits(const FileResult &file) {
  std::vector<ByteEdit> edits;
  for (const Diagnostic &d : file.diagnostics) {
    if (!applies(d)) {
      continue;
    }
    for (const TextEdit &edit : d.data.fix->edits) {
      edits.push_back(
          {file.source->offset(edit.range.start), file.source->offset(edit.range.end), edit.new_text});
    }
  }
  std::stable_sort(edits.begin(), edits.end(),
                   [](const ByteEdit &a, const ByteEdit &b) { return a.begin < b.begin; });
  std::vector<ByteEdit> kept;
  for (ByteEdit &edit : edits) {
    if (kept.empty() || edit.begin >= kept.back().end) {
      kept.push_back(std::move(edit));
    }
  }
  return kept;
}

std::vector<std::string> split_lines(const std::string &text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t newline = text.find('\n', start);
    const size_t end = newline == std::string::npos ? text.size() : newline + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

void emit_line(std::string &out, char mark, const std::string &line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n') {
    out += "\n\\ No newline at end of file\n";
  }
}

} // namespace

bool applies(const Diagnostic &d) {
  return d.data.fix && d.severity != Severity::Info;
}

std::optional<std::string> apply_fixes(const FileResult &file) {
  if (!file.source) {
    return std::nullopt;
  }
  const std::vector<ByteEdit> edits = collect_edits(file);
  if (edits.empty()) {
    return std::nullopt;
  }
  std::string text = file.source->text();
  for (auto it = edits.rbegin(); it != edits.rend(); ++it) {
    text.replace(it->begin, it->end - it->begin, it->text);
  }
  return (file.source->had_bom() ? std::string("\xEF\xBB\xBF") : std::string()) + text;
}

std::string unified_diff(const std::string &path, const std::string &before, const std::string &after) {
  const std::vector<std::string> a = split_lines(before), b = split_lines(after);
  std::string out = "--- a/" + path + "\n+++ b/" + path + "\n";
  if (a.size() != b.size()) { // fixes never add lines; still, say it whole
    out += "@@ -1," + std::to_string(a.size()) + " +1," + std::to_string(b.size()) + " @@\n";
    for (const auto &line : a) {
      emit_line(out, '-', line);
    }
    for (const auto &line : b) {
      emit_line(out, '+', line);
    }
    return out;
  }
  constexpr size_t kContext = 3;
  size_t i = 0;
  // One hunk per group of changed lines less than 2*kContext apart; within a
  // hunk each changed run is its '-' lines, then its '+' lines.
  while (i < a.size()) {
    if (a[i] == b[i]) {
      ++i;
      continue;
    }
    const size_t begin = i >= kContext ? i - kContext : 0;
    size_t last = i;
    for (size_t j = i; j < a.size() && j <= last + 2 * kContext; ++j) {
      if (a[j] != b[j]) {
        last = j;
      }
    }
    const size_t end = std::min(a.size(), last + kContext + 1);
    const std::string count = std::to_string(end - begin);
    out += "@@ -" + std::to_string(begin + 1) + "," + count + " +" + std::to_string(begin + 1) + "," + count +
           " @@\n";
    size_t j = begin;
    while (j < end) {
      if (a[j] == b[j]) {
        emit_line(out, ' ', a[j]);
        ++j;
        continue;
      }
      size_t run = j;
      while (run < end && a[run] != b[run]) {
        ++run;
      }
      for (size_t k = j; k < run; ++k) {
        emit_line(out, '-', a[k]);
      }
      for (size_t k = j; k < run; ++k) {
        emit_line(out, '+', b[k]);
      }
      j = run;
    }
    i = end;
  }
  return out;
}

std::string write_atomically(const std::string &path, const std::string &bytes) {
  return platform::write_file_atomically(path, bytes);
}

} // namespace wincompat
