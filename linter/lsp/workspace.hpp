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
    batch_lints_.clear();
    batch_files_.reset();
    batch_yaml_.reset();
  }
  void end_batch() {
    batch_ = false;
    batch_lints_.clear();
    batch_files_.reset();
    batch_yaml_.reset();
  }
  /// Forgets directory listings (files were saved, created or deleted).
  void forget_listings() {
    listings_.clear();
  }

  /// Which files each kustomization's build reads is kept (the reverse
  /// index that finds the builds reading a document). `path` changed: the
  /// builds that read it (and the kustomization in its folder, when it is
  /// one) are forgotten, to be built again when next needed; with
  /// `created_or_deleted`, every build that failed is forgotten too (a
  /// missing file may now exist). Returns the files the forgotten builds
  /// read: their open documents are to be linted again.
  std::set<std::string> forget_builds_reading(const std::string &path, bool created_or_deleted = false);
  /// Forgets what every build reads (the settings may have changed).
  void forget_builds() {
    reads_.clear();
  }
  /// The files read by the builds known to read `path` (none is built here).
  std::set<std::string> read_with(const std::string &path) const;
  /// Whether `path` lies in a tree whose kustomizations are indexed.
  bool in_indexed_tree(const std::string &path) const;
  /// Findings that lints since the last call placed in other files than the
  /// document linted, by path: only files whose every reading build was
  /// part of that lint (so the findings are those `wincompat lint` gives).
  std::map<std::string, std::vector<Diagnostic>> take_placed() {
    return std::exchange(placed_, {});
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
  /// The document linted with every kustomization of its tree whose build
  /// reads it (overlays of a base, the kustomization itself), as `wincompat
  /// lint ROOT` lints it; nullopt when no build reads it.
  std::optional<std::vector<Diagnostic>> lint_builds(const Document &document, const Project &project,
                                                     const std::map<std::string, Document> &open);
  /// The kustomizations of the tree at `root` (in the listing's order) whose
  /// build reads `path`; each build's reads are indexed on first use.
  std::vector<FileInput> builds_reading(const std::string &path, const std::string &root,
                                        const Project &project,
                                        const std::shared_ptr<const FileSystem> &files);
  /// The tree a manifest belongs to: the config's folder, else the
  /// repository; empty when there is neither (then only its folder counts).
  std::string tree_root(const std::string &self, const Project &project) const;
  /// Inputs for the context files (RuntimeClasses, Compose, Skaffold) of the
  /// tree at `root` other than `self`, open documents first; with `names`,
  /// only those that can matter to a manifest naming those RuntimeClasses.
  std::vector<FileInput> context_inputs(const std::string &self, const std::string &root, bool recursive,
                                        const Project &project, const std::map<std::string, Document> &open,
                                        const FileSystem &files,
                                        const std::optional<std::set<std::string>> *names);
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
  /// What a kustomization's build reads (the reverse index's data).
  struct Reads {
    std::set<std::string> files; // normal absolute paths
    bool failed = false;         // the build reported WC912
  };
  std::map<std::string, Reads> reads_; // by kustomization folder (normal absolute path)
  std::map<std::string, std::vector<Diagnostic>> placed_;
  std::vector<std::string> messages_;
  bool batch_ = false;
  std::shared_ptr<const FileSystem> batch_files_; // editor_files() of this batch
  std::optional<OpenYaml> batch_yaml_;            // open_yaml_of() of this batch
  std::map<std::string, LintResult> batch_lints_; // lint_builds() runs of this batch, by inputs
};

} // namespace wincompat::lsp
