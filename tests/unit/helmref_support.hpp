// The Helm reference (tests/helmref): Go's own text/template with Sprig and
// Helm's functions, built from Debian's Go packages into the build directory,
// and the C++ engine run on the same cases, for differential tests.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wincompat::helm::test {

/// One template with its helper files and values, executed by both engines.
struct DiffCase {
  std::string tpl;
  std::vector<std::string> extra;
  std::string values;   // YAML
  std::string top_json; // more top-level objects (.Chart), a JSON object
  /// `.Capabilities` as `helm template --kube-version K --api-versions A`
  /// sets it (the engine's own object; Helm's types in the reference).
  bool capabilities = false;
  std::string kube_version;
  std::vector<std::string> api_versions;
};

/// The answer for a case that ends the reference's process (not compared).
inline constexpr const char *kReferenceCrashed = "ERROR: helmref: the Go process ended";

/// What an engine made of a case: the output, or "ERROR: " and the message.
std::string engine_result(const DiffCase &c);

/// The reference, built once per process. `available()` is false when no Go
/// toolchain is installed (then `why()` says so); under CI=true that is a
/// test failure, never a skip.
class Reference {
public:
  static Reference &get();
  bool available() const {
    return !binary_.empty();
  }
  const std::string &why() const {
    return why_;
  }
  /// Runs every case in one process; results as `engine_result` shapes them.
  std::vector<std::string> run(const std::vector<DiffCase> &cases) const;

private:
  Reference();
  std::string binary_;
  std::string why_;
};

/// A regression case file: `--- tpl`, `--- extra` (any number), `--- values`,
/// `--- expect` sections, `#` comment lines before the first section.
struct CaseFile {
  DiffCase c;
  std::string expect;
};
std::optional<CaseFile> read_case_file(const std::string &text);
std::string write_case_file(const CaseFile &file, const std::string &comment);

} // namespace wincompat::helm::test
