#include "wincompat/source.hpp"

#include "text_util.hpp"

#include <algorithm>

namespace wincompat {

uint32_t utf16_length(std::string_view utf8) {
  uint32_t units = 0;
  for (size_t i = 0; i < utf8.size();) {
    const size_t width = utf8_sequence_width(utf8, i); // a truncated sequence counts byte by byte
    units += (width == 4) ? 2 : 1;                     // astral code points are surrogate pairs
    i += width;
  }
  return units;
}

SourceFile::SourceFile(std::string path, std::string text, bool had_bom)
    : path_(std::move(path)), text_(std::move(text)), had_bom_(had_bom) {
  line_starts_.push_back(0);
  const bool has_cr = text_.find('\r') != std::string::npos;
  if (!has_cr) { // the common case: memchr from line to line
    for (size_t at = text_.find('\n'); at != std::string::npos; at = text_.find('\n', at + 1)) {
      line_starts_.push_back(static_cast<uint32_t>(at + 1));
    }
    return;
  }
  for (uint32_t i = 0; i < text_.size(); ++i) {
    const char c = text_[i];
    if (c == '\n') {
      line_starts_.push_back(i + 1);
    } else if (c == '\r') {
      if (i + 1 < text_.size() && text_[i + 1] == '\n') {
        uses_crlf_ = true;
        ++i;
      }
      line_starts_.push_back(i + 1);
    }
  }
}

std::string_view SourceFile::line(uint32_t index) const {
  if (index >= line_starts_.size()) {
    return {};
  }
  uint32_t begin = line_starts_[index];
  uint32_t end =
      index + 1 < line_starts_.size() ? line_starts_[index + 1] : static_cast<uint32_t>(text_.size());
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) {
    --end;
  }
  return std::string_view(text_).substr(begin, end - begin);
}

uint32_t SourceFile::line_of(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<uint32_t>(it - line_starts_.begin()) - 1;
}

Position SourceFile::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  const uint32_t line_index = line_of(offset);
  const std::string_view text = line(line_index);
  const uint32_t within =
      std::min<uint32_t>(offset - line_starts_[line_index], static_cast<uint32_t>(text.size()));
  return {line_index, utf16_length(text.substr(0, within))};
}

Range SourceFile::range(Span span) const {
  return {position(span.begin), position(span.end)};
}

uint32_t SourceFile::offset(Position pos) const {
  if (pos.line >= line_starts_.size()) {
    return static_cast<uint32_t>(text_.size());
  }
  const std::string_view text = line(pos.line);
  uint32_t units = 0;
  size_t i = 0;
  while (i < text.size() && units < pos.character) {
    const auto byte = static_cast<unsigned char>(text[i]);
    size_t width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    width = std::min(width, text.size() - i);
    units += width == 4 ? 2 : 1;
    i += width;
  }
  return line_starts_[pos.line] + static_cast<uint32_t>(i);
}

} // namespace wincompat
