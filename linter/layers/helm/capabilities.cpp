// `.Capabilities`, as `helm template` sets it without a cluster: the
// Kubernetes version and API versions Helm assumes, `--kube-version` parsed
// as Helm parses it, `--api-versions` added to the set.
#include "capabilities.hpp"

#include "text_util.hpp"

#include "wincompat/helm.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace wincompat {

namespace helm {

namespace {

/// The Kubernetes version `helm template` assumes. Helm 4.0 derives it from
/// the client-go it is built with (Makefile: client-go v0.X.Y gives
/// Kubernetes 1.X): Helm v4.0.0 (commit 99cd1964357c793351be481d55abbe21c6b2f4ec)
/// pins k8s.io/client-go v0.34.1 in go.mod, so v1.34.0. (The v4.0.0 release
/// binaries said v1.20.0, the fallback in pkg/chart/common/capabilities.go,
/// because their Makefile set the variables under a package path that does
/// not exist; v4.0.1 fixed it, commit 2c0dcda29b56f1e65098a4a2acb3c384734721af,
/// "fix: correct LDFLAGS path for default Kubernetes version".)
constexpr const char *kCapsKubeMajor = "1";
constexpr const char *kCapsKubeMinor = "34";

/// Helm 4.0's DefaultVersionSet (pkg/chart/common/capabilities.go,
/// allKnownVersions): every group version of client-go's scheme
/// (k8s.io/client-go v0.34.1, kubernetes/scheme/register.go, commit
/// d033c497ffef47be9b4f81abde5c3d94dd78089a) plus apiextensions.k8s.io v1 and
/// v1beta1, which Helm adds. Group versions only: `Has "apps/v1/Deployment"`
/// is false unless --api-versions names it. Sorted (Helm's order is a Go
/// map's, random).
const char *const kCapsApiVersions[] = {
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
    "apiextensions.k8s.io/v1beta1",
    "apps/v1",
    "apps/v1beta1",
    "apps/v1beta2",
    "authentication.k8s.io/v1",
    "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1",
    "authorization.k8s.io/v1beta1",
    "autoscaling/v1",
    "autoscaling/v2",
    "autoscaling/v2beta1",
    "autoscaling/v2beta2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1alpha1",
    "certificates.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "coordination.k8s.io/v1alpha2",
    "coordination.k8s.io/v1beta1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3",
    "internal.apiserver.k8s.io/v1alpha1",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1alpha1",
    "rbac.authorization.k8s.io/v1beta1",
    "resource.k8s.io/v1",
    "resource.k8s.io/v1alpha3",
    "resource.k8s.io/v1beta1",
    "resource.k8s.io/v1beta2",
    "scheduling.k8s.io/v1",
    "scheduling.k8s.io/v1alpha1",
    "scheduling.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storage.k8s.io/v1beta1",
    "storagemigration.k8s.io/v1alpha1",
    "v1",
};

/// `.Capabilities.HelmVersion`: Helm v4.0.0's build info (internal/version:
/// the tag, its commit, a clean tree, client-go 1.34); Go 1.25 is the release
/// workflow's GOLANG_VERSION (.github/env).
constexpr const char *kCapsHelmVersion = "v4.0.0";
constexpr const char *kCapsHelmCommit = "99cd1964357c793351be481d55abbe21c6b2f4ec";
constexpr const char *kCapsHelmGoVersion = "go1.25";
constexpr const char *kCapsHelmKubeClient = "v1.34";

bool caps_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

bool caps_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Go's %q of an ASCII or UTF-8 string (the messages quote what was given).
std::string caps_quote(const std::string &text) {
  return double_quoted(text, QuoteDialect::Go);
}

/// common.KubeVersion: fields Version, Major, Minor and the method
/// GitVersion; printed by an action as its String() (the version).
class KubeVersionObject : public Object {
public:
  explicit KubeVersionObject(KubeVersion version) : version_(std::move(version)) {}
  std::string type_name() const override {
    return "common.KubeVersion";
  }
  bool call(const std::string &name, std::vector<Value> &args, Value &result) override {
    const std::string *field = name == "Version" || name == "GitVersion" || name == "String"
                                   ? &version_.version
                               : name == "Major" ? &version_.major
                               : name == "Minor" ? &version_.minor
                                                 : nullptr;
    if (!field) {
      return false;
    }
    if (!args.empty()) {
      if (name == "Version" || name == "Major" || name == "Minor") {
        throw FunctionError(name + " is not a method but has arguments", true);
      }
      throw FunctionError("wrong number of args for " + name + ": want 0 got " + std::to_string(args.size()),
                          true);
    }
    result = Value::string(*field);
    return true;
  }
  std::string format_v() const override {
    return version_.version;
  }

private:
  KubeVersion version_;
};

/// common.VersionSet ([]string) with Helm's Has: an exact match.
class ApiVersionsObject : public Object {
public:
  explicit ApiVersionsObject(std::vector<std::string> versions) : versions_(std::move(versions)) {}
  std::string type_name() const override {
    return "common.VersionSet";
  }
  bool call(const std::string &name, std::vector<Value> &args, Value &result) override {
    if (name != "Has") {
      return false;
    }
    want_args(args, 1, "Has");
    const std::string &wanted = want_string(args[0]);
    result = Value::boolean(std::find(versions_.begin(), versions_.end(), wanted) != versions_.end());
    return true;
  }
  std::string format_v() const override {
    std::string out = "[";
    for (const std::string &v : versions_) {
      out += (out.size() > 1 ? " " : "") + v;
    }
    return out + "]";
  }
  bool length(int64_t &out) const override {
    out = static_cast<int64_t>(versions_.size());
    return true;
  }

private:
  std::vector<std::string> versions_;
};

} // namespace

std::optional<KubeVersion> parse_kube_version(const std::string &text, std::string &error) {
  // k8s.io/apimachinery's ParseGeneric (v0.34.1, pkg/util/version/version.go):
  // ^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)*$, at least two numbers, no leading zero
  // in the first, whatever follows them ignored.
  size_t i = 0;
  while (i < text.size() && caps_space(text[i])) {
    ++i;
  }
  if (i < text.size() && text[i] == 'v') {
    ++i;
  }
  std::vector<std::string> components;
  while (i < text.size() && caps_digit(text[i])) {
    const size_t start = i;
    while (i < text.size() && caps_digit(text[i])) {
      ++i;
    }
    components.push_back(text.substr(start, i - start));
    if (i + 1 < text.size() && text[i] == '.' && caps_digit(text[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  if (components.empty()) {
    error = "could not parse " + caps_quote(text) + " as version";
    return std::nullopt;
  }
  if (components.size() < 2) {
    error = "illegal version string " + caps_quote(text);
    return std::nullopt;
  }
  std::vector<std::string> numbers;
  for (size_t n = 0; n < components.size(); ++n) {
    const std::string &comp = components[n];
    if (n == 0 && comp.size() > 1 && comp[0] == '0') {
      error = "illegal zero-prefixed version component " + caps_quote(comp) + " in " + caps_quote(text);
      return std::nullopt;
    }
    errno = 0;
    const unsigned long long value = std::strtoull(comp.c_str(), nullptr, 10);
    if (errno == ERANGE) {
      error = "illegal non-numeric version component " + caps_quote(comp) + " in " + caps_quote(text) +
              ": strconv.ParseUint: parsing " + caps_quote(comp) + ": value out of range";
      return std::nullopt;
    }
    numbers.push_back(std::to_string(value));
  }
  KubeVersion out;
  out.version = "v";
  for (size_t n = 0; n < numbers.size(); ++n) {
    out.version += (n ? "." : "") + numbers[n];
  }
  out.major = numbers[0];
  out.minor = numbers[1];
  return out;
}

KubeVersion default_kube_version() {
  return {std::string("v") + kCapsKubeMajor + "." + kCapsKubeMinor + ".0", kCapsKubeMajor, kCapsKubeMinor};
}

std::vector<std::string> default_api_versions() {
  return {std::begin(kCapsApiVersions), std::end(kCapsApiVersions)};
}

Value capabilities_value(const std::string &kube_version, const std::vector<std::string> &api_versions) {
  std::string error;
  const std::optional<KubeVersion> given =
      kube_version.empty() ? std::nullopt : parse_kube_version(kube_version, error);
  std::vector<std::string> versions = default_api_versions();
  // Helm's install.go (ClientOnly): the defaults, then --api-versions.
  versions.insert(versions.end(), api_versions.begin(), api_versions.end());
  Map helm_version;
  helm_version["Version"] = Value::string(kCapsHelmVersion);
  helm_version["GitCommit"] = Value::string(kCapsHelmCommit);
  helm_version["GitTreeState"] = Value::string("clean");
  helm_version["GoVersion"] = Value::string(kCapsHelmGoVersion);
  helm_version["KubeClientVersion"] = Value::string(kCapsHelmKubeClient);
  Map m;
  m["KubeVersion"] = Value::of(std::make_shared<KubeVersionObject>(given ? *given : default_kube_version()));
  m["APIVersions"] = Value::of(std::make_shared<ApiVersionsObject>(std::move(versions)));
  m["HelmVersion"] = Value::new_map(std::move(helm_version));
  return Value::new_map(std::move(m));
}

} // namespace helm

std::string kube_version_problem(const std::string &text) {
  std::string error;
  if (helm::parse_kube_version(text, error)) {
    return {};
  }
  return "invalid kube version '" + text + "': " + error;
}

} // namespace wincompat
