#include "lsp/server.hpp"

#include <stdexcept>

namespace wincompat::lsp {

namespace {

bool valid_id(const Json &id) {
  return id.is_string() || id.is_number_integer() || id.is_number_unsigned();
}

/// The encoding the client offers, preferring UTF-16 (every client handles
/// it); `general.positionEncodings` is LSP 3.17, `offsetEncoding` the older
/// clangd extension some clients still send.
Encoding negotiate_encoding(const Json &capabilities, bool &clangd_style) {
  const Json *offered = nullptr;
  if (capabilities.contains("general") && capabilities["general"].is_object() &&
      capabilities["general"].contains("positionEncodings")) {
    offered = &capabilities["general"]["positionEncodings"];
  } else if (capabilities.contains("offsetEncoding")) {
    offered = &capabilities["offsetEncoding"];
    clangd_style = true;
  }
  if (!offered || !offered->is_array() || offered->empty()) {
    return Encoding::Utf16;
  }
  std::optional<Encoding> first;
  for (const Json &name : *offered) {
    const auto encoding = name.is_string() ? parse_encoding(name.get<std::string>()) : std::nullopt;
    if (encoding == Encoding::Utf16) {
      return Encoding::Utf16;
    }
    if (encoding && !first) {
      first = encoding;
    }
  }
  return first.value_or(Encoding::Utf16);
}

const Json &text_document(const Json &params) {
  return params.at("textDocument");
}

const std::string &uri_of(const Json &params) {
  return text_document(params).at("uri").get_ref<const std::string &>();
}

} // namespace

void Server::respond(const Json &id, Json result) {
  write_message(out_, Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::respond_error(const Json &id, int code, const std::string &message) {
  write_message(out_, Json{{"jsonrpc", "2.0"},
                           {"id", valid_id(id) ? id : Json(nullptr)},
                           {"error", Json{{"code", code}, {"message", message}}}});
}

void Server::notify(const std::string &method, Json params) {
  write_message(out_, Json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

void Server::log(int type, const std::string &message) {
  notify("window/logMessage", Json{{"type", type}, {"message", "wincompat: " + message}});
}

void Server::framing_error(const std::string &what) {
  respond_error(nullptr, kParseError, what);
}

namespace {

/// LSP messages nest a few levels; parsing, copying and freeing a JSON value
/// recurse per level, so a hostile nesting depth would exhaust the stack.
constexpr int kMaxNesting = 256;

} // namespace

bool nested_too_deep(std::string_view body) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) {
        return true;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

void Server::handle(const std::string &body) {
  if (nested_too_deep(body)) {
    respond_error(nullptr, kParseError, "JSON nested deeper than " + std::to_string(kMaxNesting) + " levels");
    return;
  }
  Json message;
  try {
    message = Json::parse(body);
  } catch (const Json::exception &e) {
    respond_error(nullptr, kParseError, std::string("invalid JSON: ") + e.what());
    return;
  }
  dispatch(message);
}

void Server::dispatch(const Json &message) {
  if (!message.is_object()) {
    respond_error(nullptr, kInvalidRequest, "a message must be a JSON object");
    return;
  }
  const bool has_id = message.contains("id") && !message["id"].is_null();
  const Json id = has_id ? message["id"] : Json(nullptr);
  if (!message.contains("method") || !message["method"].is_string()) {
    // A response to a request of ours (none are sent) needs no answer.
    if (!message.contains("result") && !message.contains("error")) {
      respond_error(id, kInvalidRequest, "a request needs a method");
    }
    return;
  }
  const std::string &method = message["method"].get_ref<const std::string &>();
  const Json params = message.contains("params") ? message["params"] : Json::object();
  if (has_id && !valid_id(id)) {
    respond_error(nullptr, kInvalidRequest, "a request id must be a number or a string");
  } else if (has_id) {
    request(id, method, params);
  } else {
    notification(method, params);
  }
}

void Server::request(const Json &id, const std::string &method, const Json &params) {
  if (state_ == State::Uninitialized && method != "initialize") {
    respond_error(id, kServerNotInitialized, "the server is not initialized");
    return;
  }
  if (state_ == State::ShutDown) {
    respond_error(id, kInvalidRequest, "the server is shutting down");
    return;
  }
  if (state_ == State::Running && method == "initialize") {
    respond_error(id, kInvalidRequest, "initialize was already received");
    return;
  }
  try {
    flush(); // answers reflect every change received so far
    if (method == "initialize") {
      respond(id, initialize(params));
    } else if (method == "shutdown") {
      state_ = State::ShutDown;
      shutdown_ = true;
      respond(id, nullptr);
    } else if (method == "textDocument/codeAction") {
      auto it = published_.find(uri_of(params));
      respond(id, code_actions(params, it == published_.end() ? nullptr : &it->second));
    } else {
      respond_error(id, kMethodNotFound, "unsupported method " + method);
    }
  } catch (const Json::exception &e) {
    respond_error(id, kInvalidParams, std::string("invalid params: ") + e.what());
  } catch (const std::exception &e) {
    respond_error(id, kInternalError, e.what());
  }
}

Json Server::initialize(const Json &params) {
  bool clangd_style = false;
  const Json capabilities =
      params.is_object() && params.contains("capabilities") ? params["capabilities"] : Json();
  encoding_ = capabilities.is_object() ? negotiate_encoding(capabilities, clangd_style) : Encoding::Utf16;
  state_ = State::Running;
  const std::string encoding(encoding_name(encoding_));
  Json result{{"capabilities",
               Json{{"positionEncoding", encoding},
                    {"textDocumentSync",
                     Json{{"openClose", true}, {"change", 2}, {"save", Json{{"includeText", false}}}}},
                    {"codeActionProvider", Json{{"codeActionKinds", Json::array({"quickfix"})}}}}},
              {"serverInfo", Json{{"name", "wincompat"}, {"version", WINCOMPAT_VERSION}}}};
  if (clangd_style) {
    result["offsetEncoding"] = encoding;
  }
  return result;
}

/// Files or settings changed outside the editor: every listing is read again
/// and every open document linted again.
void Server::files_changed(const Json &params) {
  workspace_.forget_listings();
  // A changed file makes the builds that read it stale; a created or
  // deleted one also those that failed (it may be the file they missed).
  const auto changes = params.is_object() ? params.find("changes") : params.end();
  if (changes != params.end() && changes->is_array()) {
    for (const Json &change : *changes) {
      const std::string path = change.is_object() && change.contains("uri") && change["uri"].is_string()
                                   ? path_from_uri(change["uri"].get<std::string>())
                                   : "";
      if (!path.empty()) {
        const bool changed = change.contains("type") && change["type"] == 2;
        workspace_.forget_builds_reading(path, !changed);
      }
    }
  } else {
    workspace_.forget_builds();
  }
  for (const auto &[uri, doc] : documents_) {
    dirty_.insert(uri);
  }
}

void Server::notification(const std::string &method, const Json &params) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (state_ != State::Running) {
    return; // before initialize and after shutdown, notifications are dropped
  }
  using Handler = void (Server::*)(const Json &);
  static const std::map<std::string, Handler, std::less<>> handlers{
      {"textDocument/didOpen", &Server::did_open},
      {"textDocument/didChange", &Server::did_change},
      {"textDocument/didSave", &Server::did_save},
      {"textDocument/didClose", &Server::did_close},
      {"workspace/didChangeWatchedFiles", &Server::files_changed},
      {"workspace/didChangeConfiguration", &Server::files_changed}};
  try {
    // Other notifications ($/cancelRequest, $/setTrace, initialized ...) need nothing.
    if (const auto handler = handlers.find(method); handler != handlers.end()) {
      (this->*handler->second)(params);
    }
  } catch (const std::exception &e) {
    log(1, method + " ignored: " + e.what());
  }
}

} // namespace wincompat::lsp
