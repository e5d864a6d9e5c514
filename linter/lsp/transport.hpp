// LSP base protocol: Content-Length framed JSON-RPC messages on a stream.
#pragma once

#include <nlohmann/json.hpp>

#include <istream>
#include <ostream>
#include <string>

namespace wincompat::lsp {

using Json = nlohmann::ordered_json;

enum class ReadStatus {
  Message,   // `body` holds one message's bytes (not yet parsed)
  Eof,       // the stream ended (possibly mid-message)
  BadHeader, // a header block without a usable Content-Length
  TooLarge,  // a body over the limit, skipped
};

struct Incoming {
  ReadStatus status = ReadStatus::Eof;
  std::string body;
  std::string error; // for BadHeader and TooLarge
};

/// Larger bodies are skipped: nothing an editor sends is near this.
constexpr size_t kMaxBodySize = 64u << 20;

/// Reads one framed message. Never throws on malformed input: a header
/// block without Content-Length is reported as BadHeader and reading can go
/// on with the next block.
Incoming read_message(std::istream &in);

/// Writes one framed message and flushes. Invalid UTF-8 (from a linted
/// file) is replaced, so a response is always valid JSON.
void write_message(std::ostream &out, const Json &message);

/// Whether more input is already buffered or waiting in the pipe, so the
/// server can finish the burst before linting (typing sends one didChange
/// per keystroke).
bool input_pending(std::istream &in);

} // namespace wincompat::lsp
