// Reading an input's bytes: standard input or the file, within --max-file-size.
#pragma once

#include "wincompat/engine.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace wincompat {

/// The file's bytes, or nullopt with `error` saying why (unreadable, a
/// directory, over `limit` bytes).
std::optional<std::string> read_file(const std::string &path, size_t limit, std::string &error);

/// The input's text (standard input or its file) or a WC902 diagnostic.
ReadOutcome read_input(const FileInput &input, const LintOptions &options);

} // namespace wincompat
