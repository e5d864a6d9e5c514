#include "helmref_support.hpp"

#include "e2e_support.hpp"
#include "helm_support.hpp"
#include "layers/helm/capabilities.hpp"
#include "layers/helm/yaml_emit.hpp"
#include "test_support.hpp"
#include "wincompat/helm.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using wincompat::test::read_file;
using wincompat::test::source_dir;

namespace wincompat::helm::test {

namespace {

std::string find_go() {
  const char *explicit_go = std::getenv("WINCOMPAT_GO");
  if (explicit_go != nullptr && *explicit_go != '\0') {
    return explicit_go;
  }
  if (const char *path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
      if (!dir.empty() && ::access((dir + "/go").c_str(), X_OK) == 0) {
        return dir + "/go";
      }
    }
  }
  for (const char *candidate : {"/usr/lib/go/bin/go", "/usr/local/go/bin/go"}) {
    if (::access(candidate, X_OK) == 0) {
      return candidate;
    }
  }
  return "";
}

} // namespace

std::string engine_result(const DiffCase &c) {
  Value top;
  if (!c.top_json.empty()) {
    std::string error;
    if (!parse_json(c.top_json, top, error)) {
      return "ERROR: top: " + error;
    }
  }
  Map top_map = top.map ? *top.map : Map{};
  if (c.capabilities) {
    if (const std::string problem = kube_version_problem(c.kube_version);
        !c.kube_version.empty() && !problem.empty()) {
      return "ERROR: " + problem; // `helm template` fails before rendering
    }
    top_map["Capabilities"] = capabilities_value(c.kube_version, c.api_versions);
  }
  Rendered r;
  try {
    r = render_template(c.tpl, c.values, c.extra, top_map);
  } catch (ParseError &error) { // in a helper file
    return std::string("ERROR: ") + error.what();
  } catch (std::exception &error) { // never Go's: shows as a divergence
    return std::string("ENGINE EXCEPTION: ") + error.what();
  }
  return r.error.empty() ? r.text : "ERROR: " + r.error;
}

Reference &Reference::get() {
  static Reference reference;
  return reference;
}

Reference::Reference() {
  const std::string go = find_go();
  if (go.empty()) {
    why_ = "no Go toolchain (install golang-go, golang-github-masterminds-sprig-dev, "
           "golang-k8s-sigs-yaml-dev and golang-github-burntsushi-toml-dev, or set WINCOMPAT_GO)";
    return;
  }
  const fs::path out_dir = fs::path(WINCOMPAT_BINARY).parent_path() / "helmref";
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  // Parallel test processes each build to their own file, then rename it in
  // place (atomic), so none runs a half-written binary.
  const std::string target = (out_dir / "helmref").string();
  const std::string temp = target + "." + std::to_string(::getpid());
  const std::string log = temp + ".log";
  const std::string command = "cd " + wincompat::e2e::sh_quote(source_dir()) +
                              " && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= GOCACHE=" +
                              wincompat::e2e::sh_quote((out_dir / "gocache").string()) + " " +
                              wincompat::e2e::sh_quote(go) + " build -o " + wincompat::e2e::sh_quote(temp) +
                              " ./tests/helmref > " + wincompat::e2e::sh_quote(log) + " 2>&1";
  if (std::system(command.c_str()) != 0) {
    why_ = "the reference does not build (" + go + "): " + read_file(log);
    fs::remove(log, ec);
    return;
  }
  fs::remove(log, ec);
  fs::rename(temp, target, ec);
  if (ec) {
    why_ = "cannot install the reference binary: " + ec.message();
    return;
  }
  binary_ = target;
}

std::vector<std::string> Reference::run(const std::vector<DiffCase> &cases) const {
  std::vector<std::string> results;
  if (binary_.empty()) {
    return results;
  }
  const std::string base =
      (fs::temp_directory_path() / ("wincompat-helmref-" + std::to_string(::getpid()))).string();
  {
    std::ofstream in(base + ".in", std::ios::binary);
    for (const DiffCase &c : cases) {
      nlohmann::json j;
      j["tpl"] = c.tpl;
      j["extra"] = c.extra;
      j["values"] = c.values;
      if (!c.top_json.empty()) {
        j["top"] = nlohmann::json::parse(c.top_json);
      }
      if (c.capabilities) {
        j["capabilities"] = {{"kubeVersion", c.kube_version}, {"apiVersions", c.api_versions}};
      }
      in << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  }
  // Go's text/template has no limits: a random program can run for ever
  // (`until` of a huge count, a template that includes itself with growing
  // data). Such a case has no answer, as one that ends Go's process.
  const std::string seconds = cases.size() == 1 ? "5" : "60";
  const std::string command = "timeout -k 2 " + seconds + " " + wincompat::e2e::sh_quote(binary_) + " < " +
                              wincompat::e2e::sh_quote(base + ".in") + " > " +
                              wincompat::e2e::sh_quote(base + ".out");
  const int status = std::system(command.c_str());
  std::ifstream out(base + ".out", std::ios::binary);
  std::string line;
  while (std::getline(out, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    const std::string err = j.value("err", "");
    results.push_back(err.empty() ? j.value("out", "") : "ERROR: " + err);
  }
  std::error_code ec;
  fs::remove(base + ".in", ec);
  fs::remove(base + ".out", ec);
  if (status == 0 && results.size() == cases.size()) {
    return results;
  }
  // A case that ends Go's process (its stack overflows on deep recursion,
  // as Helm's would) or runs past the time limit has no answer; the others
  // are answered one by one.
  if (cases.size() == 1) {
    return {std::string(kReferenceCrashed)};
  }
  results.clear();
  for (const DiffCase &c : cases) {
    results.push_back(run({c}).front());
  }
  return results;
}

std::optional<CaseFile> read_case_file(const std::string &text) {
  CaseFile file;
  std::string *section = nullptr;
  std::istringstream lines(text);
  std::string line;
  bool any = false;
  while (std::getline(lines, line)) {
    if (line.rfind("--- ", 0) == 0) {
      const std::string name = line.substr(4);
      any = true;
      if (name == "tpl") {
        section = &file.c.tpl;
      } else if (name == "extra") {
        file.c.extra.emplace_back();
        section = &file.c.extra.back();
      } else if (name == "values") {
        section = &file.c.values;
      } else if (name == "expect") {
        section = &file.expect;
      } else {
        return std::nullopt;
      }
      continue;
    }
    if (section == nullptr) {
      continue; // comments before the first section
    }
    *section += line + "\n";
  }
  // Each section ends with the newline before the next marker; the text
  // itself keeps its own: "--- tpl\nx\n" is "x".
  auto chop = [](std::string &s) {
    if (!s.empty() && s.back() == '\n') {
      s.pop_back();
    }
  };
  chop(file.c.tpl);
  for (std::string &e : file.c.extra) {
    chop(e);
  }
  chop(file.c.values);
  chop(file.expect);
  if (!any) {
    return std::nullopt;
  }
  return file;
}

std::string write_case_file(const CaseFile &file, const std::string &comment) {
  std::string out;
  std::istringstream lines(comment);
  std::string line;
  while (std::getline(lines, line)) {
    out += "# " + line + "\n";
  }
  out += "--- tpl\n" + file.c.tpl + "\n";
  for (const std::string &e : file.c.extra) {
    out += "--- extra\n" + e + "\n";
  }
  out += "--- values\n" + file.c.values + "\n";
  out += "--- expect\n" + file.expect + "\n";
  return out;
}

} // namespace wincompat::helm::test
