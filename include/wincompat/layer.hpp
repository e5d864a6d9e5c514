// Layers: front-ends that turn several real files (a Helm chart, a kustomize
// overlay) into generated YAML documents plus an origin map, so the YAML
// front-end and the rules see ordinary manifests while every finding is
// placed back in a file the user can open.
#pragma once

#include "wincompat/diagnostic.hpp"
#include "wincompat/source.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

/// A string kept once per process: a real file's display path, a values key,
/// a template's name. Four bytes to copy and compare, so that origins can sit
/// on every scalar of a rendered chart or a kustomize tree. The table is
/// shared by every thread of a run (a lock guards it); an id is never
/// printed, ordered or hashed into output, so the output does not depend on
/// which thread met a string first.
class Interned {
public:
  Interned() = default; // ""
  explicit Interned(std::string_view text);
  const std::string &str() const;
  bool empty() const {
    return id_ == 0;
  }
  bool operator==(const Interned &) const = default;

private:
  uint32_t id_ = 0;
};

/// A real file, by its display path (relative like the inputs).
class FileId : public Interned {
public:
  using Interned::Interned;
  const std::string &path() const {
    return str();
  }
  bool operator==(const FileId &) const = default;
};

/// What a place did to the generated text: printed as related information
/// (`role_text`), with the subject it names.
enum class OriginRole : uint8_t {
  None,                // ""
  SetHere,             // "SUBJECT set here": a values key, "image tag", "namespace"
  SetByPatch,          // "value set here by a patch"
  CopiedByReplacement, // "value copied here by a replacement"
  UsedBy,              // "used by SUBJECT": the template action that printed a value
  WrittenIn,           // "written here in SUBJECT": template text
  RenderedFrom,        // "rendered from SUBJECT": a rendered template as a whole
  FileContent,         // "file content" (.Files.Get)
  BaseResource,        // "base resource"
  Kustomization,       // "kustomization"
  DeployedBy,          // "deployed by SUBJECT": the overlay a shared base was built for
  AlsoDeployedBy,      // "also deployed by SUBJECT": another overlay that builds it
};

/// One place in a real file that a piece of generated text came from.
struct Origin {
  FileId file;
  Span span; // byte range in that file's decoded text (BOM removed)
  OriginRole role = OriginRole::None;
  Interned subject; // what the role names (see OriginRole)

  const std::string &path() const {
    return file.path();
  }
  /// The role as users read it: "image.tag set here",
  /// "used by templates/deployment.yaml", "base resource".
  std::string role_text() const;
};

/// Places a piece of generated text came from, most decisive first (a
/// values line, then the template action that printed it).
using OriginChain = std::vector<Origin>;

/// A byte range of generated text and the places it came from.
struct OriginSegment {
  Span generated;
  OriginChain chain;
};

/// One generated file: a rendered template or a kustomize build's output.
struct GeneratedDocument {
  /// Shown in messages and in `wincompat render`'s `# Source:` comments,
  /// e.g. "chart/templates/deployment.yaml" or "overlays/legacy".
  std::string name;
  std::string text;
  /// Sorted by generated.begin, non-overlapping. Text no segment covers is
  /// placed at `fallback` (the template file, the kustomization).
  std::vector<OriginSegment> origins;
  Origin fallback;
  /// The config `charts:` entry (or overlay) this rendering stands for, named
  /// in messages and in `data.environment`; empty when there is only one.
  std::string environment;
};

/// A problem found while rendering or building (WC9xx), already placed in a
/// real file: `path` names it and `diagnostic.span` is a range in its text.
struct LayerDiagnostic {
  std::string path;
  Diagnostic diagnostic;
};

/// What a chart render does with a YAML document an unknown value reaches
/// (an action that failed: partial rendering, docs/helm.md).
enum class UnknownDocuments {
  Lint, // drop it when its image, scheduling, runtime class or security context is unknown
  Helm, // drop it: no placeholder is printed (`wincompat render`)
  Keep, // keep it, placeholders visible (`wincompat render --partial`)
};

struct LayerResult {
  std::vector<GeneratedDocument> documents;
  std::vector<LayerDiagnostic> diagnostics;
  /// Every real file the layer read, decoded, by display path. Routing uses
  /// them to turn spans into editor positions; the walk does not lint them
  /// again as plain YAML.
  std::map<std::string, std::shared_ptr<const SourceFile>> files;
  /// Display folders whose files were unpacked from an archive (a packaged
  /// Helm subchart): findings are shown there, fixes never offered.
  std::vector<std::string> read_only_dirs;
};

/// Where a span of generated text lands in a real file. Exact when the span
/// lies inside one segment whose origin has the same length (the usual case:
/// a value copied verbatim); otherwise the whole first origin of the
/// decisive segment: for a span over several segments, the last one that
/// came from elsewhere (the tag of an image built from two values).
struct RoutedSpan {
  Origin place;
  OriginChain related; // the rest of the chain
  bool exact = false;
};
RoutedSpan route_span(const GeneratedDocument &document, Span generated);

} // namespace wincompat
