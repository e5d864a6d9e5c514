// `wincompat lsp`: a Language Server (LSP 3.17) on a pair of streams.
#pragma once

#include "lsp/document.hpp"
#include "lsp/transport.hpp"
#include "lsp/workspace.hpp"

#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {
/// The json-output.md Diagnostic object (reporters/json.cpp).
nlohmann::ordered_json diagnostic_json(const Diagnostic &d);
} // namespace wincompat

namespace wincompat::lsp {

/// JSON-RPC and LSP error codes.
enum ErrorCode {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
};

/// Whether a JSON body nests arrays and objects deeper than the server
/// parses (a hostile depth would exhaust the stack).
bool nested_too_deep(std::string_view body);

/// Serves until `exit` or the end of `in`. Returns the process exit status:
/// 0 when `shutdown` came first, else 1 (LSP's `exit` rule).
int run_server(std::istream &in, std::ostream &out);

/// `wincompat lsp`: run_server on standard input and output.
int run_stdio();

/// The text of a URI for position conversions: an open document or the file.
using TextLookup = std::function<std::optional<std::string>(const std::string &uri)>;

/// Diagnostics as the client gets them: json-output.md's objects with every
/// position moved into `encoding`, and past a BOM the editor kept (the
/// engine counts columns without it). `document` holds the positions' text.
Json client_diagnostics(const std::vector<Diagnostic> &diagnostics, const Document &document,
                        Encoding encoding, const TextLookup &lookup);

/// textDocument/codeAction: one quick fix per diagnostic that carries
/// `data.fix`. `published` is what was last sent for the document (used
/// when the client does not send `data` back, or sends no diagnostics).
Json code_actions(const Json &params, const Json *published);

class Server {
public:
  explicit Server(std::ostream &out) : out_(out) {}

  /// Handles one message body; a malformed one gets a JSON-RPC error.
  void handle(const std::string &body);
  /// A framing error: answered as a parse error (no id can be known).
  void framing_error(const std::string &what);
  /// Lints and publishes the documents changed since the last call.
  void flush();

  bool exited() const {
    return exited_;
  }
  int exit_code() const {
    return shutdown_ ? 0 : 1;
  }

private:
  enum class State { Uninitialized, Running, ShutDown };

  void dispatch(const Json &message);
  void request(const Json &id, const std::string &method, const Json &params);
  void notification(const std::string &method, const Json &params);
  Json initialize(const Json &params);
  void did_open(const Json &params);
  void did_change(const Json &params);
  void did_save(const Json &params);
  void did_close(const Json &params);
  void files_changed(const Json &params);
  void publish(const std::string &uri);
  void publish_problems();
  /// Findings the builds of open documents placed in files that are not
  /// open (an overlay's `newTag` line while its base is open).
  void publish_placed();
  /// What the client gets for a file that is not open; nullopt when it is.
  std::optional<Json> closed_file_diagnostics(const std::string &path,
                                              const std::vector<Diagnostic> &diagnostics) const;
  void mark_yaml_dirty();
  void mark_chart_dirty(const std::string &changed_path);
  /// `as_on_disk`: the document's text is its file's (opened as saved).
  void mark_readers_dirty(const Document &changed, bool as_on_disk = false);
  bool is_context(const Document &document) const;
  std::optional<std::string> text_of(const std::string &uri) const;

  void respond(const Json &id, Json result);
  void respond_error(const Json &id, int code, const std::string &message);
  void notify(const std::string &method, Json params);
  void log(int type, const std::string &message);

  std::ostream &out_;
  State state_ = State::Uninitialized;
  bool shutdown_ = false;
  bool exited_ = false;
  Encoding encoding_ = Encoding::Utf16;
  std::map<std::string, Document> documents_; // by URI
  std::set<std::string> dirty_;               // URIs to lint at the next flush
  // Every open YAML document, or every open kustomization file, is to be
  // linted at the next flush: set in O(1) per change, expanded once by
  // flush (opening n documents must not cost n times n).
  bool yaml_dirty_ = false;
  bool kustomizations_dirty_ = false;
  std::map<std::string, Json> published_;     // URI -> diagnostics last sent
  std::map<std::string, Json> problems_sent_; // config and inventory files
  std::map<std::string, Json> placed_sent_;   // files a build read, not open
  // Files read by the kustomize builds a change made stale: their open
  // documents are linted at the next flush; and the changed files, whose
  // builds may read more files once built again.
  std::set<std::string> related_paths_;
  std::set<std::string> changed_paths_;
  Workspace workspace_;
};

} // namespace wincompat::lsp
