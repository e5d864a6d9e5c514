// `.Capabilities` as `helm template` sets it (Helm 4.0): defaults, and
// --kube-version / --api-versions.
#pragma once

#include "exec.hpp"
#include "value.hpp"

#include <optional>
#include <string>
#include <vector>

namespace wincompat::helm {

/// common.KubeVersion's fields.
struct KubeVersion {
  std::string version; // "v1.34.0"
  std::string major;   // "1"
  std::string minor;   // "34"
};

/// Helm's ParseKubeVersion: `text` as --kube-version gives it; nullopt and
/// `error` (apimachinery's message) when Helm rejects it.
std::optional<KubeVersion> parse_kube_version(const std::string &text, std::string &error);
/// What `helm template` assumes without --kube-version.
KubeVersion default_kube_version();
/// What `.Capabilities.APIVersions` holds without --api-versions.
std::vector<std::string> default_api_versions();
/// The `.Capabilities` object: `kube_version` (empty or invalid: the
/// default), the defaults plus `api_versions`.
Value capabilities_value(const std::string &kube_version, const std::vector<std::string> &api_versions);

} // namespace wincompat::helm
