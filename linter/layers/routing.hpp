// Placing findings made on generated documents (a rendered chart, a built
// kustomization) in the real files their decisive text came from.
#pragma once

#include "wincompat/layer.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace wincompat {

using LayerFiles = std::map<std::string, std::shared_ptr<const SourceFile>>;

/// An origin as related information: its file, the range of its span in
/// `file` (the origin's file as read; null: the file's start), its role.
RelatedInformation related_at(const Origin &origin, const SourceFile *file);

/// The finding `d` (spans in `generated`, the document's text) moved to the
/// real file that holds its decisive text; the rest of the origin chain
/// becomes related information. A fix survives only when every edit maps
/// exactly into that same file. Null when the place is in no file read.
std::optional<LayerDiagnostic> route_diagnostic(Diagnostic d, const GeneratedDocument &document,
                                                const SourceFile &generated, const LayerFiles &files);

} // namespace wincompat
