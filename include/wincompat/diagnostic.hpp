// The one diagnostic type every front-end, rule, reporter and the LSP share.
#pragma once

#include "wincompat/source.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wincompat {

enum class Severity { Error = 1, Warning = 2, Info = 3 };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view word);

struct TextEdit {
  Range range;
  std::string new_text;
};

/// A certain fix: edits that apply cleanly to the file as it was read.
struct Fix {
  std::string title;
  std::vector<TextEdit> edits;
};

struct RelatedInformation {
  std::string uri;
  std::string path;
  Range range;
  std::string message;
};

struct HostRef {
  std::string name;
  std::string build; // "10.0.20348"
};

/// Rule-specific structured data (json-output.md `data`).
struct DiagnosticData {
  std::string image;
  std::string image_build;
  std::vector<HostRef> hosts;
  std::string isolation;
  std::string source; // where the image's build came from: catalog, dockerfile, lock, registry
  std::optional<Fix> fix;
  /// The chart environment (config `charts:` entry) a finding was made in.
  std::string environment;
  bool empty() const {
    return image.empty() && image_build.empty() && hosts.empty() && isolation.empty() && source.empty() &&
           !fix && environment.empty();
  }
};

struct Diagnostic {
  std::string code;
  Severity severity = Severity::Error;
  std::string message;
  Span span;   // byte range in the file's text
  Range range; // the same range as LSP positions
  std::vector<RelatedInformation> related;
  DiagnosticData data;
};

} // namespace wincompat
