// Reading an input's bytes: standard input or the file, within --max-file-size.
#pragma once

#include "wincompat/engine.hpp"

namespace wincompat {

/// The input's text (standard input or its file, read through
/// `options.files`, which must be set) or a WC902 diagnostic.
ReadOutcome read_input(const FileInput &input, const LintOptions &options);

} // namespace wincompat
