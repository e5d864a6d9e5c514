// Applying certain fixes (Diagnostic::data.fix) to a file's bytes.
#pragma once

#include "wincompat/engine.hpp"

#include <optional>
#include <string>

namespace wincompat {

/// Whether `--fix` applies the diagnostic's fix: never for an info finding
/// (WC304, WC305: the pairing runs; a retag there is a choice, not a repair,
/// such as a pod that asks for Hyper-V isolation on purpose). The fix stays
/// in `data.fix` for editors to offer.
bool applies(const Diagnostic &d);

/// The file's new bytes with every fix applied (BOM and line endings kept),
/// or nullopt when no diagnostic carries a fix that applies. Overlapping edits: the first
/// in source order wins.
std::optional<std::string> apply_fixes(const FileResult &file);

/// A unified diff (`--- a/path`, `+++ b/path`, hunks with 3 lines of context).
std::string unified_diff(const std::string &path, const std::string &before, const std::string &after);

/// Writes `bytes` to `path` through a temporary file in the same folder
/// (created exclusively, under a random name) and a rename, keeping the
/// file's mode (0644 for a new file). The original is untouched on failure.
/// A symbolic link or any other non-regular file at `path` is refused, never
/// written through. Returns an error message, or "" on success.
std::string write_atomically(const std::string &path, const std::string &bytes);

} // namespace wincompat
