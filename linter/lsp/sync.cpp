// Document synchronisation (didOpen/didChange/didSave/didClose) and
// publishing diagnostics.
#include "lsp/server.hpp"
#include "platform.hpp"

#include "wincompat/engine.hpp"

#include <algorithm>
#include <iostream>
#include <iterator>
#include <limits>

namespace wincompat::lsp {

namespace {

int64_t version_of(const Json &text_document, int64_t fallback) {
  const auto it = text_document.find("version");
  return it != text_document.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

} // namespace

bool Server::is_context(const Document &document) const {
  return document_kind(document) == FileKind::Yaml && is_context_file(document.path, document.text);
}

/// Manifests see other open files (RuntimeClasses, Compose files), so those
/// changing means relinting every open YAML document (at the next flush).
void Server::mark_yaml_dirty() {
  yaml_dirty_ = true;
}

/// A chart renders as a whole: an edit to one of its files (values.yaml, a
/// helper template) can move findings in every other open file of it.
void Server::mark_chart_dirty(const std::string &changed_path) {
  const std::string chart = changed_path.empty() ? "" : enclosing_chart(changed_path);
  if (chart.empty()) {
    return;
  }
  for (const auto &[uri, doc] : documents_) {
    if (!doc.path.empty() && enclosing_chart(doc.path) == chart) {
      dirty_.insert(uri);
    }
  }
}

/// Every layer reads the editor's unsaved text: a Dockerfile changing can
/// change a manifest's findings (an image built from it), any YAML file a
/// kustomization's (a resource or patch it reads).
///
/// In a tree whose kustomizations are indexed, only the open documents that
/// the builds reading the changed file also read are linted again (the base,
/// the overlay, its other patches), not every open kustomization.
void Server::mark_readers_dirty(const Document &changed, bool as_on_disk) {
  const FileKind kind = document_kind(changed);
  if (!changed.path.empty() && !as_on_disk) {
    const std::set<std::string> related = workspace_.forget_builds_reading(changed.path);
    related_paths_.insert(related.begin(), related.end());
    changed_paths_.insert(std::filesystem::path(changed.path).lexically_normal().string());
  }
  if (kind == FileKind::Dockerfile) {
    yaml_dirty_ = true;
  } else if (kind == FileKind::Yaml && (changed.path.empty() || !workspace_.in_indexed_tree(changed.path))) {
    kustomizations_dirty_ = true;
  }
}

void Server::did_open(const Json &params) {
  const Json &item = params.at("textDocument");
  Document document;
  document.uri = item.at("uri").get<std::string>();
  document.path = path_from_uri(document.uri);
  document.language_id = item.contains("languageId") && item["languageId"].is_string()
                             ? item["languageId"].get<std::string>()
                             : "";
  document.text = item.at("text").get<std::string>();
  document.version = version_of(item, 0);
  const std::string uri = document.uri;
  const bool context = is_context(document);
  // A file opened as saved changes no build that read it from disk.
  std::string error;
  const bool as_on_disk =
      !document.path.empty() &&
      DiskFileSystem().read(document.path, document.text.size() + 1, error) == document.text;
  mark_readers_dirty(document, as_on_disk);
  documents_.insert_or_assign(uri, std::move(document));
  if (context) {
    mark_yaml_dirty();
  }
  dirty_.insert(uri);
}

void Server::did_change(const Json &params) {
  const Json &identifier = params.at("textDocument");
  const std::string uri = identifier.at("uri").get<std::string>();
  const Json &changes = params.at("contentChanges");
  auto it = documents_.find(uri);
  if (it == documents_.end()) {
    // Changes to a document never opened cannot be applied to anything,
    // unless one of them replaces the whole text.
    const auto full = std::find_if(changes.rbegin(), changes.rend(), [](const Json &c) {
      return c.is_object() && (!c.contains("range") || c["range"].is_null());
    });
    if (full == changes.rend()) {
      return;
    }
    did_open(
        Json{{"textDocument", Json{{"uri", uri}, {"text", ""}, {"version", version_of(identifier, 0)}}}});
    it = documents_.find(uri);
  }
  Document &document = it->second;
  const bool was_context = is_context(document);
  for (const Json &change : changes) {
    apply_change(document, change, encoding_);
  }
  document.version = version_of(identifier, document.version + 1);
  if (was_context || is_context(document)) {
    mark_yaml_dirty();
  }
  mark_chart_dirty(document.path);
  mark_readers_dirty(document);
  dirty_.insert(uri);
}

void Server::did_save(const Json &params) {
  const std::string &uri = params.at("textDocument").at("uri").get_ref<const std::string &>();
  auto it = documents_.find(uri);
  if (it != documents_.end() && params.contains("text") && params["text"].is_string()) {
    it->second.text = params["text"].get<std::string>();
  }
  // Saved files are what other documents read from disk (Dockerfiles behind
  // image mappings, node inventories): everything may have changed.
  workspace_.forget_listings();
  if (it != documents_.end() && !it->second.path.empty()) {
    workspace_.forget_builds_reading(it->second.path);
  }
  for (const auto &[open_uri, doc] : documents_) {
    dirty_.insert(open_uri);
  }
}

void Server::did_close(const Json &params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  auto it = documents_.find(uri);
  if (it == documents_.end()) {
    return;
  }
  const bool context = is_context(it->second);
  const std::string closed_path = it->second.path;
  mark_readers_dirty(it->second);
  documents_.erase(it);
  mark_chart_dirty(closed_path); // its unsaved text no longer applies to the chart
  dirty_.erase(uri);
  published_.erase(uri);
  placed_sent_.erase(uri);
  // A closed file's diagnostics go with it (its saved text may differ).
  notify("textDocument/publishDiagnostics", Json{{"uri", uri}, {"diagnostics", Json::array()}});
  if (context) {
    mark_yaml_dirty(); // its unsaved text no longer applies
  }
}

std::optional<std::string> Server::text_of(const std::string &uri) const {
  if (auto it = documents_.find(uri); it != documents_.end()) {
    return it->second.text;
  }
  const std::string path = path_from_uri(uri);
  for (const auto &[open_uri, doc] : documents_) {
    if (!path.empty() && doc.path == path) {
      return doc.text;
    }
  }
  if (path.empty()) {
    return std::nullopt;
  }
  std::string error;
  return DiskFileSystem().read(path, std::numeric_limits<size_t>::max(), error);
}

void Server::publish(const std::string &uri) {
  const Document &document = documents_.at(uri);
  std::vector<Diagnostic> found;
  try {
    found = workspace_.lint(document, documents_);
  } catch (const std::exception &e) {
    log(1, "cannot lint " + uri + ": " + e.what());
    return;
  }
  Json diagnostics =
      client_diagnostics(found, document, encoding_, [this](const std::string &u) { return text_of(u); });
  published_[uri] = diagnostics;
  notify("textDocument/publishDiagnostics",
         Json{{"uri", uri}, {"version", document.version}, {"diagnostics", std::move(diagnostics)}});
}

std::optional<Json> Server::closed_file_diagnostics(const std::string &path,
                                                    const std::vector<Diagnostic> &diagnostics) const {
  Document file;
  file.uri = file_uri(path);
  file.path = path;
  if (documents_.contains(file.uri)) {
    return std::nullopt; // an open file publishes its own diagnostics
  }
  file.text = text_of(file.uri).value_or("");
  return client_diagnostics(diagnostics, file, encoding_,
                            [this](const std::string &u) { return text_of(u); });
}

void Server::publish_placed() {
  for (const auto &[path, diagnostics] : workspace_.take_placed()) {
    std::optional<Json> json = closed_file_diagnostics(path, diagnostics);
    if (!json) {
      continue;
    }
    const std::string uri = file_uri(path);
    auto it = placed_sent_.find(uri);
    if (it == placed_sent_.end() ? !json->empty() : it->second != *json) {
      notify("textDocument/publishDiagnostics", Json{{"uri", uri}, {"diagnostics", *json}});
      placed_sent_[uri] = std::move(*json);
    }
  }
}

/// Problems in config and inventory files are shown on those files, open or
/// not, and cleared once fixed.
void Server::publish_problems() {
  std::map<std::string, Json> current;
  for (const auto &[path, diagnostics] : workspace_.problems()) {
    if (std::optional<Json> json = closed_file_diagnostics(path, diagnostics)) {
      current[file_uri(path)] = std::move(*json);
    }
  }
  for (const auto &[uri, diagnostics] : current) {
    auto it = problems_sent_.find(uri);
    if (it == problems_sent_.end() || it->second != diagnostics) {
      notify("textDocument/publishDiagnostics", Json{{"uri", uri}, {"diagnostics", diagnostics}});
    }
  }
  for (const auto &[uri, diagnostics] : problems_sent_) {
    if (!current.contains(uri) && !documents_.contains(uri)) {
      notify("textDocument/publishDiagnostics", Json{{"uri", uri}, {"diagnostics", Json::array()}});
    }
  }
  problems_sent_ = std::move(current);
}

void Server::flush() {
  if (state_ != State::Running) {
    return;
  }
  if (yaml_dirty_ || kustomizations_dirty_) {
    for (const auto &[uri, doc] : documents_) {
      if (document_kind(doc) == FileKind::Yaml &&
          (yaml_dirty_ || (!doc.path.empty() && is_kustomization_file_name(
                                                    std::filesystem::path(doc.path).filename().string())))) {
        dirty_.insert(uri);
      }
    }
    yaml_dirty_ = kustomizations_dirty_ = false;
  }
  const std::set<std::string> related = std::exchange(related_paths_, {});
  if (!related.empty()) {
    for (const auto &[uri, doc] : documents_) {
      if (!doc.path.empty() &&
          related.contains(std::filesystem::path(doc.path).lexically_normal().string())) {
        dirty_.insert(uri);
      }
    }
  }
  if (dirty_.empty()) {
    changed_paths_.clear();
    return;
  }
  workspace_.begin_batch(); // the documents do not change while they are linted
  std::set<std::string> linted = std::exchange(dirty_, {});
  for (const std::string &uri : linted) {
    if (documents_.contains(uri)) {
      publish(uri);
    }
  }
  // The builds the changes made stale are indexed again now: open files
  // they read only since (a resource an overlay just listed) are linted too.
  std::set<std::string> newly;
  for (const std::string &path : std::exchange(changed_paths_, {})) {
    const std::set<std::string> read = workspace_.read_with(path);
    newly.insert(read.begin(), read.end());
  }
  if (!newly.empty()) {
    for (const auto &[uri, doc] : documents_) {
      if (!linted.contains(uri) && !doc.path.empty() &&
          newly.contains(std::filesystem::path(doc.path).lexically_normal().string())) {
        publish(uri);
      }
    }
  }
  workspace_.end_batch();
  publish_placed();
  publish_problems();
  for (const std::string &message : workspace_.take_messages()) {
    log(2, message);
  }
}

int run_server(std::istream &in, std::ostream &out) {
  Server server(out);
  while (!server.exited() && out) {
    const Incoming message = read_message(in);
    if (message.status == ReadStatus::Eof) {
      break;
    }
    if (message.status == ReadStatus::Message) {
      server.handle(message.body);
    } else {
      server.framing_error(message.error);
    }
    // Lint once a burst of changes is over, not once per keystroke.
    if (!server.exited() && !input_pending(in)) {
      server.flush();
    }
  }
  return server.exit_code();
}

int run_stdio() {
  // A client that goes away must end the server, not kill it mid-write.
  platform::ignore_broken_pipe();
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);
  return run_server(std::cin, std::cout);
}

} // namespace wincompat::lsp
