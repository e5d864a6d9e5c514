// The one file-system interface every read goes through: a tree in memory,
// the editor's overlay, the disk; charts (packaged subcharts included) and
// kustomizations built entirely in memory; one run's parse cache.
#include "e2e_support.hpp"
#include "test_support.hpp"
#include "wincompat/config.hpp"
#include "wincompat/file_system.hpp"
#include "wincompat/helm.hpp"
#include "wincompat/inputs.hpp"
#include "wincompat/kustomize.hpp"
#include "wincompat/options.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace wincompat;
using namespace wincompat::e2e;

namespace {

std::vector<std::string> names(const std::vector<DirEntry> &entries) {
  std::vector<std::string> out;
  for (const DirEntry &entry : entries) {
    out.push_back(entry.name);
  }
  return out;
}

bool has_code(const LayerResult &result, const std::string &code) {
  return std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                     [&](const LayerDiagnostic &d) { return d.diagnostic.code == code; });
}

/// Sets an environment variable for a scope.
class ScopedEnv {
public:
  ScopedEnv(const char *name, const char *value) : name_(name) {
    if (const char *old = std::getenv(name)) {
      old_ = old;
    }
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

private:
  const char *name_;
  std::optional<std::string> old_;
};

const std::string kAgentTemplate =
    "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}-agent\nspec:\n"
    "  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n"
    "    spec:\n      nodeSelector: {kubernetes.io/os: windows}\n      containers:\n"
    "      - name: agent\n        image: {{ .Values.image }}\n";

/// `helm package`'s archive of a chart "agent", as bytes.
std::string packaged_agent() {
  TempDir source;
  source.write("agent/Chart.yaml", "apiVersion: v2\nname: agent\nversion: 2.1.0\n");
  source.write("agent/values.yaml", "image: mcr.microsoft.com/windows/servercore:ltsc2022\n");
  source.write("agent/templates/daemonset.yaml", kAgentTemplate);
  const std::string tar =
      "tar -C '" + source.path().string() + "' -czf '" + (source.path() / "agent.tgz").string() + "' agent";
  REQUIRE(std::system(tar.c_str()) == 0);
  return slurp(source.path() / "agent.tgz");
}

} // namespace

TEST_CASE("file systems: a tree in memory answers as the disk does", "[files]") {
  MemoryFileSystem files;
  files.add_file("/repo/b.txt", "bee\n");
  files.add_file("/repo/sub/a.yaml", "a: 1\n");
  files.add_file("repo/sub/deeper/c.yaml", "c: 3\n"); // relative: from "/"
  files.add_dir("/repo/empty");
  CHECK(files.type("/repo") == FileType::Directory);
  CHECK(files.type("/repo/./sub/../b.txt") == FileType::File);
  CHECK(files.type("/repo/missing") == FileType::Missing);
  CHECK(files.is_dir("/repo/empty"));
  CHECK(names(files.list("/repo")) == std::vector<std::string>{"b.txt", "empty", "sub"});
  CHECK(files.walk("/repo") == std::vector<std::string>{"b.txt", "sub/a.yaml", "sub/deeper/c.yaml"});
  std::string error;
  CHECK(files.read("/repo/b.txt", 100, error) == std::optional<std::string>("bee\n"));
  CHECK_FALSE(files.read("/repo/b.txt", 3, error));
  CHECK(error == "file is 4 bytes, over the 3-byte limit (--max-file-size); it was not linted");
  CHECK_FALSE(files.read("/repo/sub", 100, error));
  CHECK(error == "is a directory, not a file");
  CHECK_FALSE(files.read("/repo/nothing", 100, error));
  CHECK(error.starts_with("cannot be read: "));
  CHECK(read_error_message("x/b.txt", error) == "x/b.txt " + error);
}

TEST_CASE("file systems: the disk reads with the same checks", "[files]") {
  TempDir dir;
  dir.write("a/one.txt", "12345");
  dir.write("a/two/three.txt", "3");
  DiskFileSystem disk;
  const std::string root = dir.path().string();
  CHECK(disk.type(root + "/a") == FileType::Directory);
  CHECK(disk.type(root + "/a/one.txt") == FileType::File);
  CHECK(disk.walk(root + "/a") == std::vector<std::string>{"one.txt", "two/three.txt"});
  std::string error;
  CHECK(disk.read(root + "/a/one.txt", 5, error) == std::optional<std::string>("12345"));
  CHECK_FALSE(disk.read(root + "/a/one.txt", 4, error));
  CHECK(error == "file is 5 bytes, over the 4-byte limit (--max-file-size); it was not linted");
  CHECK_FALSE(disk.read(root + "/a", 100, error));
  CHECK(error == "is a directory, not a file");
}

TEST_CASE("file systems: the editor's overlay wins over the files below it", "[files]") {
  auto below = std::make_shared<MemoryFileSystem>();
  below->add_file("/repo/Dockerfile", "FROM a\n");
  below->add_file("/repo/other", "x\n");
  OverlayFileSystem overlay(below);
  overlay.set("/repo/./Dockerfile", "FROM b\n");
  overlay.set("/repo/new.yaml", "n: 1\n"); // not saved yet
  std::string error;
  CHECK(overlay.read("/repo/Dockerfile", 100, error) == std::optional<std::string>("FROM b\n"));
  CHECK(overlay.read("/repo/other", 100, error) == std::optional<std::string>("x\n"));
  CHECK(overlay.is_file("/repo/new.yaml"));
  CHECK(names(overlay.list("/repo")) == std::vector<std::string>{"Dockerfile", "new.yaml", "other"});
  CHECK_FALSE(overlay.read("/repo/Dockerfile", 3, error)); // the same limit for unsaved text
  CHECK(error.starts_with("file is 7 bytes, over the 3-byte limit"));
}

TEST_CASE("a chart renders entirely from a tree in memory", "[files][helm]") {
  MemoryFileSystem files;
  files.add_file("/repo/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n");
  files.add_file("/repo/web/values.yaml", "image:\n  tag: ltsc2019\n");
  files.add_file("/repo/web/files/app.conf", "level=info\n");
  files.add_file("/repo/prod.yaml", "image:\n  tag: ltsc2022\n");
  files.add_file("/repo/web/templates/pod.yaml",
                 "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n"
                 "    conf: {{ .Files.Get \"files/app.conf\" | trim | quote }}\nspec:\n  containers:\n"
                 "  - name: web\n    image: mcr.microsoft.com/windows/servercore:{{ .Values.image.tag }}\n");
  ChartRequest request;
  request.path = "web";
  request.fs_path = "/repo/web";
  request.files = &files;
  CHECK(is_chart_directory("/repo/web", &files));
  CHECK_FALSE(is_chart_directory("/repo", &files));
  const LayerResult result = render_chart(request);
  const GeneratedDocument *pod = test::document_named(result, "web/templates/pod.yaml");
  REQUIRE(pod);
  CHECK(pod->text.find("servercore:ltsc2019") != std::string::npos);
  CHECK(pod->text.find("level=info") != std::string::npos);
  CHECK(result.files.count("web/values.yaml") == 1);
  // A values file is read through the same file system.
  request.values_files = {"/repo/prod.yaml"};
  const LayerResult rendered = render_chart(request);
  const GeneratedDocument *with_values = test::document_named(rendered, "web/templates/pod.yaml");
  REQUIRE(with_values);
  CHECK(with_values->text.find("servercore:ltsc2022") != std::string::npos);
}

TEST_CASE("a packaged subchart is read from its archive in memory, never unpacked to a folder",
          "[files][helm][archive]") {
  const std::string archive = packaged_agent();
  const std::string parent = "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n"
                             "- name: agent\n  version: 2.1.0\n";
  SECTION("from a tree in memory") {
    // No temporary folder to unpack in: the archive is read where it is.
    ScopedEnv no_temp("TMPDIR", "/nonexistent/wincompat-no-temp");
    MemoryFileSystem files;
    files.add_file("/repo/app/Chart.yaml", parent);
    files.add_file("/repo/app/values.yaml",
                   "agent:\n  image: mcr.microsoft.com/windows/servercore:ltsc2019\n");
    files.add_file("/repo/app/charts/agent-2.1.0.tgz", archive);
    CHECK(is_packaged_chart("/repo/app/charts/agent-2.1.0.tgz", 16u << 20, &files));
    ChartRequest request;
    request.path = "app";
    request.fs_path = "/repo/app";
    request.files = &files;
    const LayerResult result = render_chart(request);
    CHECK_FALSE(has_code(result, "WC910"));
    const GeneratedDocument *agent =
        test::document_named(result, "app/charts/agent/templates/daemonset.yaml");
    REQUIRE(agent);
    CHECK(agent->text.find("servercore:ltsc2019") != std::string::npos);
    CHECK(result.files.count("app/charts/agent-2.1.0.tgz/agent/values.yaml") == 1);
    CHECK(result.read_only_dirs == std::vector<std::string>{"app/charts/agent-2.1.0.tgz/agent"});
  }
  SECTION("from the disk") {
    TempDir dir;
    dir.write("app/Chart.yaml", parent);
    dir.write("app/charts/agent-2.1.0.tgz", archive);
    ScopedEnv no_temp("TMPDIR", "/nonexistent/wincompat-no-temp");
    ChartRequest request;
    request.path = "app";
    request.fs_path = (dir.path() / "app").string();
    const LayerResult result = render_chart(request);
    CHECK_FALSE(has_code(result, "WC910"));
    REQUIRE(test::document_named(result, "app/charts/agent/templates/daemonset.yaml"));
    // A chart package linted itself.
    request.path = "app/charts/agent-2.1.0.tgz";
    request.fs_path = (dir.path() / "app/charts/agent-2.1.0.tgz").string();
    const LayerResult package = render_chart(request);
    CHECK_FALSE(has_code(package, "WC910"));
    CHECK(test::document_named(package, "agent/templates/daemonset.yaml"));
  }
}

TEST_CASE("a kustomization builds entirely from a tree in memory", "[files][kustomize]") {
  MemoryFileSystem files;
  files.add_file("/repo/base/kustomization.yaml", "resources: [deployment.yaml]\n");
  files.add_file("/repo/base/deployment.yaml",
                 "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n"
                 "  template:\n    spec:\n      containers:\n"
                 "      - name: api\n        image: mcr.microsoft.com/windows/servercore:ltsc2022\n");
  files.add_file("/repo/prod/kustomization.yaml", "resources: [../base]\nnamePrefix: prod-\nimages:\n"
                                                  "- name: mcr.microsoft.com/windows/servercore\n"
                                                  "  newTag: ltsc2019\n");
  CHECK(is_kustomization_directory("/repo/prod", &files));
  CHECK_FALSE(is_kustomization_directory("/repo", &files));
  KustomizeRequest request;
  request.path = "prod";
  request.fs_path = "/repo/prod";
  request.boundary = "/repo";
  request.files = &files;
  const LayerResult result = build_kustomization(request);
  INFO((result.diagnostics.empty() ? "" : result.diagnostics.front().diagnostic.message));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.documents.size() == 1);
  CHECK(result.documents.front().text.find("name: prod-api") != std::string::npos);
  CHECK(result.documents.front().text.find("servercore:ltsc2019") != std::string::npos);
  CHECK(result.files.count("base/deployment.yaml") == 1);
}

TEST_CASE("a base changed on disk is built again, whatever its size and time", "[files][kustomize]") {
  // Parsed files are kept by one run's file system, not by the process: a
  // base rewritten with the same size and modification time is read again.
  TempDir dir;
  const std::string deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n"
                                 "  template:\n    spec:\n      containers:\n"
                                 "      - name: api\n        image: example.com/app:ltsc2019\n";
  const fs::path base = dir.write("base/deployment.yaml", deployment);
  dir.write("base/kustomization.yaml", "resources: [deployment.yaml]\n");
  KustomizeRequest request;
  request.path = "base";
  request.fs_path = (dir.path() / "base").string();
  const LayerResult first = build_kustomization(request);
  REQUIRE(first.documents.size() == 1);
  CHECK(first.documents.front().text.find("app:ltsc2019") != std::string::npos);
  const auto when = fs::last_write_time(base);
  std::string changed = deployment;
  changed.replace(changed.find("ltsc2019"), 8, "ltsc2022");
  write_file(base, changed);
  fs::last_write_time(base, when);
  const LayerResult second = build_kustomization(request);
  REQUIRE(second.documents.size() == 1);
  CHECK(second.documents.front().text.find("app:ltsc2022") != std::string::npos);
}

TEST_CASE("lint reads every input and mapped Dockerfile through the run's file system", "[files]") {
  auto files = std::make_shared<MemoryFileSystem>();
  files->add_file("/repo/web/Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n");
  files->add_file("/repo/deploy/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n"
                                           "  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n"
                                           "  - name: web\n    image: myreg.example/shop/web:1.0\n");
  LintOptions options = test::options_from_words({"--host", "ltsc2022"});
  options.files = files;
  ImageMapping web;
  web.image = "myreg.example/shop/web";
  web.dockerfile = "/repo/web/Dockerfile";
  options.images.push_back(web);
  const LintResult result = lint({FileInput{"deploy/pod.yaml", "/repo/deploy/pod.yaml", false, std::nullopt},
                                  FileInput{"web/Dockerfile", "/repo/web/Dockerfile", false, std::nullopt}},
                                 options);
  REQUIRE(result.files.size() == 2);
  std::vector<std::string> pod_codes;
  for (const Diagnostic &d : result.files[0].diagnostics) {
    pod_codes.push_back(d.code);
  }
  CHECK(pod_codes == std::vector<std::string>{"WC302"});
  REQUIRE(!result.files[1].diagnostics.empty());
  CHECK(result.files[1].diagnostics.front().code == "WC302");
}

TEST_CASE("a folder is linted entirely from a tree in memory: walk, config, ignore files", "[files]") {
  auto files = std::make_shared<MemoryFileSystem>();
  const std::string old_image = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n";
  const std::string pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n"
                          "  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n"
                          "  - name: web\n    image: ";
  files->add_dir("/repo/.git"); // the repository's root: config discovery stops here
  files->add_file("/shared.yaml", "hosts: [ltsc2022]\n");
  files->add_file("/repo/.wincompat.yaml", "extend: ../shared.yaml\n"
                                           "images:\n  myreg.example/shop/web: web/Dockerfile\n"
                                           "exclude: [\"generated/**\"]\n");
  files->add_file("/repo/.gitignore", "build/\n");
  files->add_file("/repo/build/Dockerfile", old_image);     // ignored by .gitignore
  files->add_file("/repo/generated/Dockerfile", old_image); // excluded by the config
  files->add_file("/repo/web/Dockerfile", old_image);
  files->add_file("/repo/deploy/.ignore", "old.yaml\n");
  files->add_file("/repo/deploy/old.yaml", pod + "mcr.microsoft.com/windows/nanoserver:1809\n"); // ignored
  files->add_file("/repo/deploy/pod.yaml", pod + "myreg.example/shop/web:1.0\n");

  ConfigCache configs(files);
  const std::string config_path = configs.config_for("/repo/deploy");
  REQUIRE(config_path == "/repo/.wincompat.yaml");
  CHECK(configs.config_for("/repo") == config_path);
  const std::shared_ptr<const Config> config = configs.load(config_path);
  REQUIRE(config->errors.empty()); // extend: and images: paths found in memory
  CHECK(config->extends == "/shared.yaml");

  std::vector<std::string> missing;
  const std::vector<FileInput> inputs =
      collect_inputs({"/repo"}, config->exclude, config->directory, missing, false, false, *files);
  CHECK(missing.empty());
  std::vector<std::string> paths;
  for (const FileInput &input : inputs) {
    paths.push_back(input.fs_path);
  }
  // As on disk: the config is walked too (YAML), and lints clean.
  CHECK(paths ==
        std::vector<std::string>{"/repo/.wincompat.yaml", "/repo/deploy/pod.yaml", "/repo/web/Dockerfile"});

  OptionOverrides overrides;
  overrides.offline = true;
  overrides.start = "/repo";
  OptionsResult built = build_options(config.get(), overrides);
  REQUIRE(built.errors.empty());
  LintOptions options = std::move(built.options);
  options.files = files;
  const LintResult result = lint(inputs, options);
  REQUIRE(result.files.size() == 3);
  CHECK(result.files[0].diagnostics.empty());
  for (size_t i = 1; i < result.files.size(); ++i) {
    INFO(result.files[i].path);
    REQUIRE(result.files[i].diagnostics.size() == 1);
    // The ltsc2019 image (the pod's by the config's mapping) on the host of the extended config.
    CHECK(result.files[i].diagnostics.front().code == "WC302");
  }
}
