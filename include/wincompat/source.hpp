// A file's text and the arithmetic between byte offsets and editor positions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

/// Half-open byte range [begin, end) in a SourceFile's text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const Span &) const = default;
};

/// An LSP position: 0-based line, 0-based UTF-16 code unit within the line.
struct Position {
  uint32_t line = 0;
  uint32_t character = 0;
  auto operator<=>(const Position &) const = default;
};

struct Range {
  Position start;
  Position end;
  bool operator==(const Range &) const = default;
};

/// The decoded text of one file. A UTF-8 BOM is removed from `text` (and
/// remembered) so offsets and columns match what editors show. Lines end at
/// LF, CRLF or a lone CR, as LSP counts them.
class SourceFile {
public:
  SourceFile() = default;
  SourceFile(std::string path, std::string text, bool had_bom = false);

  const std::string &path() const {
    return path_;
  }
  const std::string &text() const {
    return text_;
  }
  bool had_bom() const {
    return had_bom_;
  }
  bool uses_crlf() const {
    return uses_crlf_;
  }

  uint32_t line_count() const {
    return static_cast<uint32_t>(line_starts_.size());
  }
  /// The line's text without its terminator.
  std::string_view line(uint32_t index) const;
  uint32_t line_of(uint32_t offset) const;
  uint32_t line_start(uint32_t index) const {
    return line_starts_[index];
  }
  Position position(uint32_t offset) const;
  Range range(Span span) const;
  /// Inverse of position(): clamps to the line's end.
  uint32_t offset(Position pos) const;

private:
  std::string path_;
  std::string text_;
  bool had_bom_ = false;
  bool uses_crlf_ = false;
  std::vector<uint32_t> line_starts_;
};

/// Counts UTF-16 code units in UTF-8 text (invalid bytes count as one each).
uint32_t utf16_length(std::string_view utf8);

} // namespace wincompat
