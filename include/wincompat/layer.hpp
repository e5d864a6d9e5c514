// Layers: front-ends that turn several real files (a Helm chart, a kustomize
// overlay) into generated YAML documents plus an origin map, so the YAML
// front-end and the rules see ordinary manifests while every finding is
// placed back in a file the user can open.
#pragma once

#include "wincompat/diagnostic.hpp"
#include "wincompat/source.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace wincompat {

/// One place in a real file that a piece of generated text came from.
struct Origin {
  std::string path; // a real file, as displayed (relative like the inputs)
  Span span;        // byte range in that file's decoded text (BOM removed)
  std::string role; // says what this place did: "image tag set here",
                    // "used by templates/deployment.yaml", "base resource"
};

/// A byte range of generated text and the places it came from, most
/// decisive first (a values line, then the template action that printed it).
struct OriginSegment {
  Span generated;
  std::vector<Origin> chain;
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
  std::vector<Origin> related; // the rest of the chain
  bool exact = false;
};
RoutedSpan route_span(const GeneratedDocument &document, Span generated);

} // namespace wincompat
