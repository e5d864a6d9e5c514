// Bytes to text: UTF-8 (BOM removed) or a WC902 diagnostic.
#pragma once

#include "wincompat/diagnostic.hpp"
#include "wincompat/source.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace wincompat {

/// Reads and decodes a file: UTF-8 (BOM removed) or a WC902 diagnostic.
struct ReadOutcome {
  std::shared_ptr<SourceFile> source;
  std::optional<Diagnostic> error;
};
ReadOutcome decode_text(const std::string &path, std::string bytes, size_t max_size);

} // namespace wincompat
