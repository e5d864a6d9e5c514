#include "lsp/document.hpp"
#include "enum_names.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <limits>

namespace wincompat::lsp {

namespace {

constexpr EnumName<Encoding> kEncodings[] = {
    {Encoding::Utf8, "utf-8"}, {Encoding::Utf16, "utf-16"}, {Encoding::Utf32, "utf-32"}};

} // namespace

std::string_view encoding_name(Encoding encoding) {
  return name_of(encoding, kEncodings, "utf-16");
}

std::optional<Encoding> parse_encoding(std::string_view name) {
  return value_named(name, kEncodings);
}

namespace {

uint32_t units_of(size_t width, Encoding encoding) {
  switch (encoding) {
  case Encoding::Utf8:
    return static_cast<uint32_t>(width);
  case Encoding::Utf16:
    return width == 4 ? 2 : 1;
  case Encoding::Utf32:
    break;
  }
  return 1;
}

} // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
    }
    if (text[i] == '\n' || text[i] == '\r') {
      starts_.push_back(i + 1);
    }
  }
}

std::string_view LineIndex::line_text(uint32_t line) const {
  const size_t begin = starts_[line];
  size_t end = line + 1 < starts_.size() ? starts_[line + 1] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) {
    --end;
  }
  return text_.substr(begin, end - begin);
}

size_t LineIndex::offset(Position pos, Encoding encoding) const {
  if (pos.line >= starts_.size()) {
    return text_.size();
  }
  const std::string_view line = line_text(pos.line);
  uint32_t units = 0;
  size_t i = 0;
  while (i < line.size() && units < pos.character) {
    const size_t width = utf8_sequence_width(line, i);
    // A position inside a character (between surrogates) means its start.
    if (units + units_of(width, encoding) > pos.character) {
      break;
    }
    units += units_of(width, encoding);
    i += width;
  }
  return starts_[pos.line] + i;
}

Position LineIndex::position(size_t offset, Encoding encoding) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<uint32_t>(it - starts_.begin() - 1);
  const std::string_view text = line_text(line);
  const size_t within = std::min(offset - starts_[line], text.size());
  uint32_t units = 0;
  for (size_t i = 0; i < within;) {
    const size_t width = utf8_sequence_width(text, i);
    units += units_of(width, encoding);
    i += width;
  }
  return {line, units};
}

Position convert(std::string_view text, Position pos, Encoding from, Encoding to) {
  if (from == to) {
    return pos;
  }
  const LineIndex index(text);
  return index.position(index.offset(pos, from), to);
}

namespace {

/// Clamped in the JSON number's own type: converting an out-of-range
/// double or a huge unsigned to int64 first would be undefined or wrap.
uint32_t clamp_number(const Json &value) {
  constexpr uint32_t kMax = std::numeric_limits<uint32_t>::max();
  if (value.is_number_unsigned()) {
    return static_cast<uint32_t>(std::min<uint64_t>(value.get<uint64_t>(), kMax));
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    return number >= 0 ? static_cast<uint32_t>(std::min<double>(number, kMax)) : 0; // NaN: 0
  }
  return static_cast<uint32_t>(std::clamp<int64_t>(value.get<int64_t>(), 0, kMax));
}

} // namespace

Position position_from_json(const Json &json) {
  return {clamp_number(json.at("line")), clamp_number(json.at("character"))};
}

Json position_to_json(Position pos) {
  return Json{{"line", pos.line}, {"character", pos.character}};
}

void apply_change(Document &document, const Json &change, Encoding encoding) {
  const std::string &text = change.at("text").get_ref<const std::string &>();
  if (!change.contains("range") || change["range"].is_null()) {
    document.text = text;
    return;
  }
  const Json &range = change["range"];
  const LineIndex index(document.text);
  size_t begin = index.offset(position_from_json(range.at("start")), encoding);
  size_t end = index.offset(position_from_json(range.at("end")), encoding);
  if (begin > end) {
    std::swap(begin, end);
  }
  document.text.replace(begin, end - begin, text);
}

namespace {

std::string percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_digit_value(text[i + 1]) >= 0 &&
        hex_digit_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit_value(text[i + 1]) * 16 + hex_digit_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

} // namespace

std::string path_from_uri(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.size() < scheme.size() ||
      !std::equal(scheme.begin(), scheme.end(), uri.begin(), [](char a, char b) {
        return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b);
      })) {
    return "";
  }
  std::string_view rest = uri.substr(scheme.size());
  // file://host/path: only the local host names a local file.
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos) {
    return "";
  }
  const std::string_view host = rest.substr(0, slash);
  if (!host.empty() && host != "localhost") {
    return "";
  }
  rest = rest.substr(slash);
  rest = rest.substr(0, rest.find_first_of("?#"));
  return percent_decode(rest);
}

} // namespace wincompat::lsp
