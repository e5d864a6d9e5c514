// Reading bytes into a SourceFile: UTF-8 only, as Docker and kubectl read.
#include "wincompat/decode.hpp"

#include "wincompat/rule.hpp"

#include <cstring>

namespace wincompat {

namespace {

/// Offset of the first invalid UTF-8 sequence, or npos.
size_t invalid_utf8_at(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    // ASCII eight bytes at a time: nearly all manifest text.
    uint64_t word = 0;
    if (i + 8 <= text.size() &&
        (std::memcpy(&word, text.data() + i, 8), (word & 0x8080808080808080ull) == 0)) {
      i += 8;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t width = 0;
    uint32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      width = 2;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      width = 3;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      width = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + width > text.size()) {
      return i;
    }
    uint32_t code = c & (0xFF >> (width + 1));
    for (size_t k = 1; k < width; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) {
        return i;
      }
      code = (code << 6) | (cc & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return i;
    }
    i += width;
  }
  return std::string_view::npos;
}

/// UTF-16 without a BOM still shows itself: every other byte is NUL.
bool looks_like_utf16(std::string_view bytes, bool &little_endian) {
  if (bytes.size() < 4) {
    return false;
  }
  size_t even_nul = 0, odd_nul = 0;
  const size_t n = std::min<size_t>(bytes.size(), 512) & ~size_t{1};
  for (size_t i = 0; i < n; i += 2) {
    even_nul += bytes[i] == '\0';
    odd_nul += bytes[i + 1] == '\0';
  }
  const size_t pairs = n / 2;
  little_endian = odd_nul > even_nul;
  return (odd_nul * 10 >= pairs * 9 && even_nul == 0) || (even_nul * 10 >= pairs * 9 && odd_nul == 0);
}

} // namespace

ReadOutcome decode_text(const std::string &path, std::string bytes, size_t max_size) {
  ReadOutcome out;
  if (bytes.size() > max_size) {
    // Standard input is read only one byte past the limit: its size is unknown.
    const std::string size = bytes.size() == max_size + 1
                                 ? std::string()
                                 : std::string(" ").append(std::to_string(bytes.size())).append(" bytes,");
    out.error =
        engine_diagnostic(RuleCode::WC902, "file is" + size + " over the " + std::to_string(max_size) +
                                               "-byte limit (--max-file-size); it was not linted");
    return out;
  }
  const std::string_view view(bytes);
  bool little = false;
  if (view.starts_with("\xFF\xFE") || view.starts_with("\xFE\xFF") || looks_like_utf16(view, little)) {
    const bool le = view.starts_with("\xFF\xFE") || (!view.starts_with("\xFE\xFF") && little);
    out.error =
        engine_diagnostic(RuleCode::WC902, std::string("file is UTF-16 (") + (le ? "little" : "big") +
                                               "-endian); Docker and kubectl read UTF-8: save it as UTF-8");
    return out;
  }
  if (const size_t nul = view.find('\0'); nul != std::string_view::npos) {
    out.error = engine_diagnostic(RuleCode::WC902, "file is binary (a NUL byte at offset " +
                                                       std::to_string(nul) + "); it is not a text file");
    return out;
  }
  bool bom = false;
  if (view.starts_with("\xEF\xBB\xBF")) {
    bom = true;
    bytes.erase(0, 3);
  }
  if (const size_t bad = invalid_utf8_at(bytes); bad != std::string_view::npos) {
    out.error =
        engine_diagnostic(RuleCode::WC902, "file is not valid UTF-8 (byte offset " +
                                               std::to_string(bad + (bom ? 3 : 0)) + "); save it as UTF-8");
    return out;
  }
  out.source = std::make_shared<SourceFile>(path, std::move(bytes), bom);
  return out;
}

} // namespace wincompat
