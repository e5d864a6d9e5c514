// One YAML document: yaml-cpp's values joined with tree-sitter's ranges.
#pragma once

#include "wincompat/kubernetes.hpp"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace wincompat {

class YamlDocument {
public:
  /// Parses `source`'s bytes in `span` with yaml-cpp. `want_comments`: also
  /// run tree-sitter now for the comments (suppressions). Otherwise tree-sitter
  /// runs only if a value's range cannot be read off yaml-cpp's mark.
  YamlDocument(const SourceFile &source, Span span, bool want_comments);

  bool ok() const {
    return error_.message.empty();
  }
  const YamlSyntaxError &error() const {
    return error_;
  }
  const YAML::Node &root() const {
    return root_;
  }
  const std::vector<std::pair<std::string, Span>> &comments() const {
    return comments_;
  }

  /// A mapping's value by key, honouring merge keys (`<<: *anchor`).
  static YAML::Node get(const YAML::Node &map, const std::string &key);
  /// Entries of a mapping, merged ones included (own keys win).
  static void for_each(const YAML::Node &map,
                       const std::function<void(const std::string &, const YAML::Node &)> &fn);
  static std::string scalar(const YAML::Node &node); // "" unless a scalar

  /// The value as written, without quotes; found through tree-sitter's ranges.
  Span span_of(const YAML::Node &node) const;
  Located located(const YAML::Node &node) const;
  /// The key text of `key` within `map` (for pointing at `nodeSelector:`).
  Span key_span(const YAML::Node &map, const std::string &key) const;

private:
  void index_ranges() const;
  void locate_error(const std::string &text, const std::string &message, const YAML::Mark &mark);

  const SourceFile &source_;
  Span span_;
  YAML::Node root_;
  YamlSyntaxError error_;
  std::optional<Span> verified_span(const YAML::Node &node, uint32_t begin) const;
  mutable bool indexed_ = false;
  mutable std::unordered_map<uint32_t, Span> scalars_; // node start (file offset) -> value span
  mutable std::vector<std::pair<std::string, Span>> comments_;
};

} // namespace wincompat
