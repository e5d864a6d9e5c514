// What the language server knows about the file system: lint settings per
// config file (as `wincompat lint` builds them), and the files around a
// manifest that change its diagnostics (RuntimeClasses, Compose, Skaffold).
#pragma once

#include "lsp/document.hpp"
#include "wincompat/engine.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace wincompat::lsp {

/// The settings of one .wincompat.yaml (or of none).
struct Project {
  std::string config_path; // empty: no config file
  Config config;
  LintOptions options;
  /// The config and its node files, with the times they were read: a
  /// change to any of them rebuilds the project.
  std::vector<std::pair<std::string, std::filesystem::file_time_type>> watched;
  /// The config's bytes as read, an editor's unsaved text included: an
  /// unsaved edit rebuilds the project too.
  std::string config_bytes;
  /// WC903 problems in the config and inventory files, by path.
  std::map<std::string, std::vector<Diagnostic>> problems;
};

/// Files that give a manifest its repository context: RuntimeClass objects,
/// Compose and Skaffold image mappings.
bool is_context_file(const std::string &path, std::string_view text);

/// The RuntimeClass names a manifest's text refers to (runtimeClassName
/// values); nullopt when one cannot be read from the text alone (an alias).
std::optional<std::set<std::string>> runtime_class_names(std::string_view text);

/// How a document is linted: its file name decides, then its languageId.
FileKind document_kind(const Document &document);

class Workspace {
public:
  /// The document's diagnostics, ranges as the engine gives them (UTF-16,
  /// over the text without a BOM). `open` holds every open document by URI;
  /// their unsaved text wins over the files on disk.
  std::vector<Diagnostic> lint(const Document &document, const std::map<std::string, Document> &open);

  /// Lints between begin_batch() and end_batch() see the same open
  /// documents (the server lints what is dirty in one go): the editor's view
  /// of the files is built once for them, not once per document, so
  /// linting n open documents costs linear time, not n times n.
  void begin_batch() {
    batch_ = true;
    batch_files_.reset();
    batch_yaml_.reset();
  }
  void end_batch() {
    batch_ = false;
    batch_files_.reset();
    batch_yaml_.reset();
  }
  /// Forgets directory listings (files were saved, created or deleted).
  void forget_listings() {
    listings_.clear();
  }

  /// Config and inventory problems of every project used so far, by path.
  std::map<std::string, std::vector<Diagnostic>> problems() const;

  /// Messages for the client's log (a broken lock file, a WINCOMPAT_TODAY
  /// that is no date).
  std::vector<std::string> take_messages() {
    return std::exchange(messages_, {});
  }

private:
  struct Listing {
    std::chrono::steady_clock::time_point when;
    std::vector<std::string> files; // context files only
    /// Kustomizations below the root (recursive listings): the builds that
    /// may read a manifest, as `wincompat lint ROOT` builds them.
    std::vector<FileInput> kustomizations;
  };
  /// What a file on disk held when last read: its text if it is a context file.
  struct Mark {
    std::filesystem::file_time_type mtime;
    uintmax_t size = 0;
    bool context = false;
    std::string text;
  };

  const Project &project_for(const std::string &directory, const FileSystem &files);
  Project build_project(const std::string &config_path, const std::string &start, const FileSystem &files);
  const std::vector<std::string> &context_files(const Project &project, const std::string &root,
                                                bool recursive, const FileSystem &files);
  /// The text of a context file on disk (read again only when it changed);
  /// null when the file is not one.
  const std::string *context_text(const std::string &path);
  std::optional<std::vector<Diagnostic>> lint_chart_file(const Document &document, const Project &project,
                                                         const std::map<std::string, Document> &open);
  std::vector<Diagnostic> lint_manifest(const Document &document, const Project &project,
                                        const std::map<std::string, Document> &open);
  std::optional<std::vector<Diagnostic>> lint_kustomization_file(const Document &document,
                                                                 const Project &project,
                                                                 const std::map<std::string, Document> &open);
  std::vector<Diagnostic> lint_layer_file(const Document &document, const Project &project,
                                          const std::map<std::string, Document> &open,
                                          std::vector<FileInput> inputs);
  /// The open YAML documents, by normal path: all of them, and those that
  /// can give a manifest context (what `matters` may keep), with their text.
  struct OpenYaml {
    std::set<std::string> paths;
    std::vector<std::pair<std::string, const std::string *>> candidates;
  };
  static OpenYaml make_open_yaml(const std::map<std::string, Document> &open);
  /// make_open_yaml(open), built once per batch.
  const OpenYaml &open_yaml_of(const std::map<std::string, Document> &open);
  /// The disk with every open document's unsaved text (built once per
  /// batch), confined as lint is to the repository of `document`.
  std::shared_ptr<const FileSystem> editor_files(const std::map<std::string, Document> &open,
                                                 const std::string &document);
  static std::shared_ptr<const FileSystem> make_editor_files(const std::map<std::string, Document> &open);
  static std::shared_ptr<const FileSystem> confined(std::shared_ptr<const FileSystem> files,
                                                    const std::string &document);

  std::map<std::string, Project> projects_;
  std::map<std::string, Listing> listings_;
  std::map<std::string, Mark> marks_;
  std::vector<std::string> messages_;
  bool batch_ = false;
  std::shared_ptr<const FileSystem> batch_files_; // editor_files() of this batch
  std::optional<OpenYaml> batch_yaml_;            // open_yaml_of() of this batch
};

} // namespace wincompat::lsp
