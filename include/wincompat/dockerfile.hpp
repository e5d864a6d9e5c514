// The Dockerfile front-end: a BuildKit-exact parser and the model rules read.
#pragma once

#include "wincompat/image_catalog.hpp"
#include "wincompat/image_ref.hpp"
#include "wincompat/image_resolver.hpp"
#include "wincompat/source.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wincompat {

/// Text assembled from one or more physical lines (continuations removed),
/// remembering for each byte where it came from in the file. The parser
/// records one run per physical line (`runs`); a dense per-byte `origin`
/// is accepted too (used when `runs` is empty).
struct MappedText {
  struct Run {
    uint32_t at;     // index in `text` where the run starts
    uint32_t origin; // file offset of text[at]
  };
  std::string text;
  std::vector<Run> runs;
  std::vector<uint32_t> origin;

  /// File offset of text[index].
  uint32_t origin_of(size_t index) const;
  /// The file span covering text[begin, end).
  Span span(size_t begin, size_t end) const;
  MappedText substr(size_t begin, size_t end) const;
  /// Appends file bytes [begin, end) of `file`.
  void append(const std::string &file, uint32_t begin, uint32_t end);
};

struct Word {
  MappedText raw; // as written, quotes and variables included
  Span span;
};

struct Heredoc {
  std::string delimiter;
  bool strip_tabs = false; // <<-
  bool quoted = false;     // <<"EOF": no expansion in the body
  Span body;
};

struct Instruction {
  std::string keyword; // upper-case
  Span keyword_span;
  Span span;       // from the keyword to the end of the last line
  MappedText args; // everything after the keyword, continuations joined
  std::vector<Heredoc> heredocs;
  uint32_t line = 0; // 0-based line of the keyword
  uint32_t end_line = 0;
};

struct Comment {
  std::string text; // without '#', trimmed
  Span span;        // the whole comment line
  uint32_t line = 0;
};

struct SyntaxError {
  std::string message;
  Span span;
};

struct ParsedDockerfile {
  char escape = '\\';
  std::map<std::string, std::string> directives; // lower-case name -> value
  std::vector<Instruction> instructions;
  std::vector<Comment> comments;
  std::vector<SyntaxError> errors;
};

/// Parses text the way BuildKit's Dockerfile frontend does.
ParsedDockerfile parse_dockerfile(const SourceFile &source);

/// One of the eighteen instructions BuildKit knows (upper-case).
bool is_known_instruction(std::string_view keyword);

/// Splits instruction arguments into words the way BuildKit does for ARG,
/// FROM and flags (quotes keep spaces; the escape character escapes).
std::vector<Word> split_words(const MappedText &args, char escape);

// ---- Expansion -------------------------------------------------------------

struct ArgValue {
  std::optional<std::string> value; // nullopt: declared without a value
  Span declared;                    // the ARG word
  bool from_build_arg = false;
  bool automatic = false; // one of BuildKit's platform ARGs, not declared
  /// ARGs with no value that the default read (`ARG BASE=nanoserver:${OSVERSION}`
  /// with OSVERSION unset): the value is only what BuildKit would build when
  /// nobody passes them, so a use of this ARG is unresolved through them.
  std::vector<std::string> unset_inputs;
  /// ARGs with no value whose absence the default turned into a definite
  /// text (`${X:+alt}` is empty when X is unset): resolved, unless what they
  /// leave is no valid reference.
  std::vector<std::string> unset_optional;
};
using ArgScope = std::map<std::string, ArgValue>;

struct Expansion {
  std::string value;
  std::vector<Span> origin;            // per byte of value: where it came from
  std::vector<std::string> unresolved; // variables with no value that mattered (innermost)
  std::vector<Span> unresolved_spans;  // where each was referenced
  /// For each unresolved variable, the ARG whose default read it and that this
  /// word uses (`BASE_IMAGE` for OSVERSION), outermost first; empty when direct.
  std::vector<std::string> unresolved_via;
  /// Variables with no value that only selected a definite text (`${X:+alt}`
  /// with X unset gives ""), and where each was referenced.
  std::vector<std::string> unset_optional;
  std::vector<Span> unset_optional_spans;
  std::vector<std::string> used; // variables read
  std::string error;             // a malformed ${...}
  Span span(size_t begin, size_t end) const;
};

/// BuildKit's shell-word expansion: quotes, escapes, $V, ${V}, ${V:-d},
/// ${V-d}, ${V:+a}, ${V+a}, ${V:?m}, ${V#p}, ${V%p}.
Expansion expand_word(const MappedText &word, const ArgScope &scope, char escape);

/// TARGETPLATFORM, BUILDARCH ...: BuildKit's automatic platform ARGs.
bool is_builder_arg(std::string_view name);

// ---- The model rules consume -----------------------------------------------

struct Stage {
  size_t index = 0;
  const Instruction *from = nullptr;
  std::string name; // alias, lower-case; empty when none
  Span name_span;
  std::optional<Word> platform;     // --platform= value as written
  std::string platform_value;       // expanded; empty when unknown
  Span image_span;                  // the image word in FROM
  Expansion image;                  // the expanded image text
  std::optional<size_t> base_stage; // FROM <earlier stage>
  bool invalid_reference = false;
  std::string reference_error;
  std::optional<ImageRef> ref;
  ImageResolution resolution; // of the image this stage is built on
  /// When the catalog does not know the image: "lock" or "registry", with a
  /// note for messages ("from .wincompat.lock, read 2026-12-01"), or why the
  /// registry could not answer (WC914).
  std::string build_source;
  std::string build_note;
  std::string lookup_problem;
  /// Variables that appear in the image word with no value (WC103).
  std::vector<std::string> unresolved;
  /// Of those, ARGs whose value is empty (`ARG TAG=`, or a default naming an unset ARG).
  std::vector<std::string> empty_args;
  /// A build-host stage: --platform names Linux (linux/..., $BUILDPLATFORM,
  /// linux/$BUILDARCH). It runs on the Linux builder, not on a Windows host.
  bool build_host = false;
  /// --platform is the builder's own through an automatic ARG nobody set
  /// ($BUILDPLATFORM): a build-host stage unless its image is Windows.
  bool builder_platform = false;
};

/// Stages point into `parsed`, so a model moves but never copies.
struct DockerfileModel {
  DockerfileModel() = default;
  DockerfileModel(DockerfileModel &&) = default;
  DockerfileModel &operator=(DockerfileModel &&) = default;
  DockerfileModel(const DockerfileModel &) = delete;
  DockerfileModel &operator=(const DockerfileModel &) = delete;

  const SourceFile *source = nullptr;
  ParsedDockerfile parsed;
  ArgScope global_args;
  std::vector<Stage> stages;
  /// Evidence that the build targets Windows, for multi-OS tags (WC102).
  bool windows_evidence = false;
  std::string windows_evidence_reason;
  /// Why the deployed stage (the last, followed back through the stages it is
  /// built on) is taken to run on Windows, or "" (weaker evidence counts here,
  /// such as copied .exe files or a Windows word in the tag).
  std::string deployed_windows_evidence;

  /// The stage that supplies `stage`'s base image (itself when FROM names an image).
  const Stage &root_of(const Stage &stage) const;
  const Stage *final_stage() const {
    return stages.empty() ? nullptr : &stages.back();
  }
};

struct DockerfileInputs {
  std::map<std::string, std::string> build_args;
};

/// Parses and lays out: stages, ARGs, each FROM's image reference. No image
/// is resolved yet (every stage's resolution is Unknown, Scratch aside).
DockerfileModel parse_dockerfile_model(const SourceFile &source, const DockerfileInputs &inputs);

/// The base images only the lock or a registry can answer for: named in full
/// (no ARG left unset), not a stage, unknown to the catalog.
std::vector<ImageRef> dockerfile_lookups(const DockerfileModel &model, const ImageResolver &images);

/// Decides each stage's base image through `images` and what follows from
/// it: build-host stages, and whether the build targets Windows.
void resolve_dockerfile_images(DockerfileModel &model, const ImageResolver &images);

/// Both: parses, lays out and resolves.
DockerfileModel build_dockerfile_model(const SourceFile &source, const DockerfileInputs &inputs,
                                       const ImageResolver &images = ImageResolver());

} // namespace wincompat
