// Recognising an input by its name or content when its name does not say
// what it is (standard input, files named on the command line, JSON).
#pragma once

#include "wincompat/source.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace wincompat {

/// `*.json`: read only as a Kubernetes manifest, never as a Dockerfile.
bool is_json_name(std::string_view path);

/// Whether the last extension of a file's name says source, script,
/// document, data, backup, object or archive (`.go`, `.sh`, `.md`, `.o` ...).
bool not_dockerfile_extension(std::string_view path);

/// A `Dockerfile.*`-like name (`dockerfile.go`, `Dockerfile_test.py`) whose
/// extension says it is something else: only its content can make it a
/// Dockerfile (walk.cpp).
bool dockerfile_like_name(std::string_view path);

/// `Dockerfile.*`, `Dockerfile-*`, `Dockerfile_*`, `Containerfile.*` (any
/// case): a Dockerfile's name with a suffix.
bool has_dockerfile_suffix(std::string_view path);

/// Whether a walked JSON file can hold Kubernetes objects at all (both keys
/// appear), so that package.json and lock files cost no parse.
bool may_hold_kubernetes_json(std::string_view text);

/// Whether `text` reads as a Dockerfile: after blank lines, parser
/// directives and comments, the first instruction is FROM or ARG.
bool looks_like_dockerfile(std::string_view text);

/// The folder holding Chart.yaml above `path` (its own folder first), or
/// empty: where a Helm template should be linted from.
std::string chart_directory_of(const std::string &path);

/// WC907's message for a file whose template actions were not linted.
std::string unrendered_template_message(const std::string &path, const std::string &fs_path);

/// Where a Dockerfile template (a file a generator renders into a Dockerfile,
/// such as `FROM image:{{VERSION}}`) first uses a template action in an
/// instruction's place: in a FROM line, or at the start of a line. nullopt
/// for a Dockerfile, including one whose RUN text holds Go template syntax
/// (`docker inspect -f '{{.Id}}'`).
std::optional<Span> dockerfile_template_action(std::string_view text);

/// WC905's message.
std::string not_linted_message(const std::string &path);

} // namespace wincompat
