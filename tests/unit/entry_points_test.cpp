// One project, three entry points (docs/configuration.md "Precedence"):
// `wincompat lint`, `wincompat render` piped into `wincompat lint -`, and the
// language server's Workspace build their options with one function
// (wincompat/options.hpp), so over the examples and over trees on which they
// once disagreed (tests/entry-points) they report the same findings.
#include "e2e_support.hpp"
#include "lsp/workspace.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <set>
#include <tuple>

using namespace wincompat;
using namespace wincompat::e2e;
using Json = nlohmann::json;

namespace {

/// The date every entry point is given (WC104 depends on it).
constexpr const char *kExamplesToday = "2026-12-01";

/// A finding: file (relative to the tree's root), code, line, column (0-based).
using Finding = std::tuple<std::string, std::string, uint32_t, uint32_t>;

/// "path:line:column CODE" for each finding, so that a failed comparison
/// prints what differs.
std::set<std::string> printed(const std::set<Finding> &findings) {
  std::set<std::string> out;
  for (const auto &[path, code, line, column] : findings) {
    out.insert(path + ":" + std::to_string(line + 1) + ":" + std::to_string(column + 1) + " " + code);
  }
  return out;
}

std::string relative_to(const fs::path &root, const std::string &path) {
  return fs::absolute(path).lexically_normal().lexically_relative(root).generic_string();
}

/// The findings of the JSON output of a lint run over `root`.
std::set<Finding> json_findings(const RunResult &run, const fs::path &root) {
  std::set<Finding> out;
  const Json doc = Json::parse(run.out);
  for (const auto &file : doc.at("files")) {
    for (const auto &d : file.at("diagnostics")) {
      out.emplace(relative_to(root, file.at("path").get<std::string>()), d.at("code").get<std::string>(),
                  d.at("range").at("start").at("line").get<uint32_t>(),
                  d.at("range").at("start").at("character").get<uint32_t>());
    }
  }
  return out;
}

RunOptions with_today() {
  RunOptions options; // the working directory is a fresh folder outside the tree
  options.env = std::string("WINCOMPAT_TODAY=") + kExamplesToday;
  return options;
}

/// `wincompat lint --format json ROOT`, run from outside the tree.
std::set<Finding> cli_findings(const fs::path &root) {
  const RunResult run = run_cli("lint --format json " + sh_quote(root.string()), with_today());
  INFO(describe(run));
  REQUIRE((run.status == 0 || run.status == 1));
  return json_findings(run, root);
}

/// WINCOMPAT_TODAY set for the in-process language server, then restored.
class TodayGuard {
public:
  explicit TodayGuard(const char *today = kExamplesToday) {
    if (const char *old = std::getenv("WINCOMPAT_TODAY")) {
      old_ = old;
    }
    ::setenv("WINCOMPAT_TODAY", today, 1);
  }
  TodayGuard(const TodayGuard &) = delete;
  TodayGuard &operator=(const TodayGuard &) = delete;
  ~TodayGuard() {
    if (old_) {
      ::setenv("WINCOMPAT_TODAY", old_->c_str(), 1);
    } else {
      ::unsetenv("WINCOMPAT_TODAY");
    }
  }

private:
  std::optional<std::string> old_;
};

bool is_config(const fs::path &path) {
  return path.filename() == ".wincompat.yaml" || path.filename() == ".wincompat.yml";
}

/// The language server with every Dockerfile and YAML file of the tree open
/// (below `skip`, if given, nothing is opened): each document's findings.
std::set<Finding> editor_findings(const fs::path &root, const std::vector<std::string> &skip = {}) {
  const TodayGuard today;
  std::map<std::string, lsp::Document> open;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const std::string relative = it->path().lexically_relative(root).generic_string();
    const bool skipped = std::any_of(skip.begin(), skip.end(),
                                     [&](const std::string &folder) { return relative.starts_with(folder); });
    if (it->is_directory() && (it->path().filename() == ".git" || skipped)) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || is_config(it->path()) ||
        kind_from_name(it->path().string()) == FileKind::Auto) {
      continue;
    }
    lsp::Document document;
    document.uri = file_uri(it->path().string());
    document.path = it->path().string();
    document.text = slurp(it->path());
    open.emplace(document.uri, std::move(document));
  }
  lsp::Workspace workspace;
  std::set<Finding> out;
  for (const auto &[uri, document] : open) {
    for (const Diagnostic &d : workspace.lint(document, open)) {
      out.emplace(relative_to(root, document.path), d.code, d.range.start.line, d.range.start.character);
    }
  }
  return out;
}

/// Every chart and kustomization folder of the tree, relative to it.
std::vector<std::string> layers(const fs::path &root) {
  std::vector<std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (name == "Chart.yaml" || name == "kustomization.yaml") {
      out.push_back(it->path().parent_path().lexically_relative(root).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::multiset<std::string> codes(const std::set<Finding> &findings) {
  std::multiset<std::string> out;
  for (const auto &finding : findings) {
    out.insert(std::get<1>(finding));
  }
  return out;
}

/// The codes `wincompat render LAYER | wincompat lint -` reports (the output
/// linted as a file of the layer's folder, so under the layer's config).
std::multiset<std::string> rendered_codes(const fs::path &root, const std::string &layer) {
  const RunResult render = run_cli("render " + sh_quote((root / layer).string()), with_today());
  INFO(describe(render));
  REQUIRE(render.status == 0);
  RunOptions options = with_today();
  options.stdin_text = render.out;
  const fs::path name = root / layer / "rendered.yaml";
  const RunResult lint =
      run_cli("lint --format json --stdin-filename " + sh_quote(name.string()) + " -", options);
  INFO(describe(lint));
  REQUIRE((lint.status == 0 || lint.status == 1));
  return codes(json_findings(lint, root));
}

/// The codes `wincompat lint LAYER` reports.
std::multiset<std::string> linted_codes(const fs::path &root, const std::string &layer) {
  const RunResult lint = run_cli("lint --format json " + sh_quote((root / layer).string()), with_today());
  INFO(describe(lint));
  REQUIRE((lint.status == 0 || lint.status == 1));
  return codes(json_findings(lint, root));
}

/// A copy of tests/entry-points/NAME in a fresh repository.
void copy_fixture(const std::string &name, const TempDir &repo) {
  fs::copy(test::source_dir() + "/tests/entry-points/" + name, repo.path(), fs::copy_options::recursive);
}

} // namespace

TEST_CASE("entry points: lint, render and the language server agree over the examples", "[e2e][options]") {
  const fs::path examples = fs::path(test::source_dir()) / "examples";
  const std::set<Finding> cli = cli_findings(examples);
  REQUIRE(!cli.empty());

  // The editor opens every file and publishes what lint reports. A
  // kustomization file is built as lint builds its folder; a resource of a
  // kustomization (a base's deployment.yaml) is still linted on its own in
  // the editor, where lint sees it only through the overlays that use it,
  // so those files are compared apart from this.
  const auto kustomize_resource = [](const Finding &f) {
    const std::string &path = std::get<0>(f);
    return path.starts_with("kustomize/") && !path.ends_with("/kustomization.yaml");
  };
  std::set<Finding> editor = editor_findings(examples);
  std::set<Finding> lint = cli;
  std::erase_if(editor, kustomize_resource);
  std::erase_if(lint, kustomize_resource);
  CHECK(printed(editor) == printed(lint));

  // What render prints is what lint lints: the same codes, layer by layer
  // (the chart's config `charts:` environments included).
  for (const std::string &layer : layers(examples)) {
    INFO(layer);
    CHECK(rendered_codes(examples, layer) == linted_codes(examples, layer));
  }
}

TEST_CASE("entry points: a lock above the config answers for lint run from anywhere and for the editor",
          "[e2e][options]") {
  TempDir repo;
  copy_fixture("lock-above-config", repo);
  const std::set<Finding> expected = {{"app/Dockerfile", "WC302", 0, 30},
                                      {"app/deploy/agent.yaml", "WC302", 15, 17}};
  CHECK(cli_findings(repo.path()) == expected);
  CHECK(editor_findings(repo.path()) == expected);
  // From inside the tree, as before.
  RunOptions inside = with_today();
  inside.cwd = repo / "app";
  const RunResult run = run_cli("lint --format json .", inside);
  INFO(describe(run));
  CHECK(run.status == 1);
  CHECK(count_of(run.out, "\"code\": \"WC302\"") == 2);
}

TEST_CASE("entry points: a WINCOMPAT_TODAY that is no date is an error for the command line and the editor",
          "[e2e][options]") {
  TempDir repo;
  const fs::path dockerfile =
      repo.write("Dockerfile", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n");
  const std::string message = "WINCOMPAT_TODAY must be a date written YYYY-MM-DD, not '2026-13-01'";
  RunOptions options;
  options.env = "WINCOMPAT_TODAY=2026-13-01";
  const RunResult run = run_cli("lint " + sh_quote(dockerfile.string()), options);
  INFO(describe(run));
  CHECK(run.status == 2);
  CHECK(contains(run.err, message));

  // The editor keeps linting (with the UTC date) and says why in its log.
  const TodayGuard today("2026-13-01");
  lsp::Document document;
  document.path = dockerfile.string();
  document.uri = file_uri(document.path);
  document.text = slurp(dockerfile);
  lsp::Workspace workspace;
  workspace.lint(document, {{document.uri, document}});
  const std::vector<std::string> messages = workspace.take_messages();
  CHECK(std::any_of(messages.begin(), messages.end(),
                    [&](const std::string &m) { return contains(m, message); }));
}
