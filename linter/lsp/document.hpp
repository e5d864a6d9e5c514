// Open editor documents: text, version, and position arithmetic in the
// position encoding negotiated at initialize (LSP 3.17 PositionEncodingKind).
#pragma once

#include "lsp/transport.hpp"
#include "wincompat/source.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat::lsp {

/// What `character` in a Position counts.
enum class Encoding { Utf8, Utf16, Utf32 };

std::string_view encoding_name(Encoding encoding);
std::optional<Encoding> parse_encoding(std::string_view name);

/// Line starts of a text, with LSP's line ends (LF, CRLF, lone CR).
class LineIndex {
public:
  explicit LineIndex(std::string_view text);
  /// The byte offset of `pos`; a line past the end means the end of the text
  /// and a character past the line's end means the line's end (LSP's rule).
  size_t offset(Position pos, Encoding encoding) const;
  Position position(size_t offset, Encoding encoding) const;

private:
  std::string_view line_text(uint32_t line) const;
  std::string_view text_;
  std::vector<size_t> starts_;
};

/// Converts a position between encodings over the same text.
Position convert(std::string_view text, Position pos, Encoding from, Encoding to);

/// A position from JSON, clamped into uint32 (negative means 0).
Position position_from_json(const Json &json);
Json position_to_json(Position pos);

struct Document {
  std::string uri;
  std::string path;        // file system path; empty for non-file URIs
  std::string language_id; // as the client sent it
  std::string text;
  int64_t version = 0;
};

/// Applies one TextDocumentContentChangeEvent: with a `range`, an edit of
/// that range (clamped, reversed ends swapped); without, the whole text.
void apply_change(Document &document, const Json &change, Encoding encoding);

/// The path of a file:// URI (percent-decoded); empty for other schemes.
std::string path_from_uri(std::string_view uri);

} // namespace wincompat::lsp
