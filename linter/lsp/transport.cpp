#include "lsp/transport.hpp"

#include "text_util.hpp"

#include <charconv>
#include <optional>

namespace wincompat::lsp {

namespace {

/// A header line is never legitimately long; a longer "line" is garbage
/// (for example a body sent without a header) and is cut, not stored whole.
constexpr size_t kMaxHeaderLine = 8192;

/// Reads up to and without '\n' (and a trailing '\r'). False at end of input
/// with nothing read.
bool read_header_line(std::istream &in, std::string &line) {
  line.clear();
  std::streambuf *buffer = in.rdbuf();
  bool any = false;
  for (int c = buffer->sbumpc(); c != std::char_traits<char>::eof(); c = buffer->sbumpc()) {
    any = true;
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') {
        line.pop_back();
      }
      return true;
    }
    if (line.size() < kMaxHeaderLine) {
      line.push_back(static_cast<char>(c));
    }
  }
  in.setstate(std::ios::eofbit);
  return any;
}

/// The value of a Content-Length header found anywhere in the line: after a
/// body whose declared length was too short, the leftover bytes and the next
/// header share a line, and finding it there puts the reader back in step.
std::optional<std::optional<size_t>> content_length(const std::string &line) {
  const std::string lower = to_lower(line);
  const size_t at = lower.find("content-length:");
  if (at == std::string::npos) {
    return std::nullopt;
  }
  std::string_view value = trim(std::string_view(line).substr(at + 15));
  size_t length = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
  if (error != std::errc() || end != value.data() + value.size()) {
    return std::optional<size_t>{}; // present but not a number
  }
  return std::optional<size_t>{length};
}

/// Discards `count` bytes without holding them.
void skip_bytes(std::istream &in, size_t count) {
  while (count > 0 && in) {
    const auto chunk = static_cast<std::streamsize>(std::min<size_t>(count, 1u << 20));
    in.ignore(chunk);
    count -= static_cast<size_t>(chunk);
  }
}

} // namespace

Incoming read_message(std::istream &in) {
  Incoming message;
  std::optional<std::optional<size_t>> length;
  bool any_header = false;
  std::string line;
  while (true) {
    if (!read_header_line(in, line)) {
      return message; // Eof
    }
    if (line.empty()) {
      if (any_header) {
        break;
      }
      continue; // stray blank lines between messages are harmless
    }
    any_header = true;
    if (auto found = content_length(line)) {
      length = found; // Content-Type and other headers are ignored
    }
  }
  if (!length || !*length) {
    message.status = ReadStatus::BadHeader;
    message.error = length ? "Content-Length is not a number" : "missing Content-Length header";
    return message;
  }
  if (**length > kMaxBodySize) {
    skip_bytes(in, **length);
    message.status = ReadStatus::TooLarge;
    message.error = "message of " + std::to_string(**length) + " bytes is over the limit";
    return message;
  }
  message.body.resize(**length);
  in.read(message.body.data(), static_cast<std::streamsize>(message.body.size()));
  if (static_cast<size_t>(in.gcount()) != message.body.size()) {
    message.body.clear();
    return message; // Eof mid-body
  }
  message.status = ReadStatus::Message;
  return message;
}

void write_message(std::ostream &out, const Json &message) {
  const std::string body = message.dump(-1, ' ', false, Json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

bool input_pending(std::istream &in) {
  return in.good() && in.rdbuf()->in_avail() > 0;
}

} // namespace wincompat::lsp
