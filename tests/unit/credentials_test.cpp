// Credentials and execution on hostile input (issue #19, item 3) and the
// registry deadlines (item 2): credential helpers are plain names found on
// absolute PATH folders and run without a shell, killed at a timeout, and
// never quoted; the repository's own config cannot make lint go online; a
// registry that never answers costs one image's deadline, a slow run the
// run's. Every helper is a script written into the test's scratch folder.
#include "e2e_support.hpp"
#include "registry/auth.hpp"
#include "registry/http.hpp"
#include "wincompat/config.hpp"
#include "wincompat/image_ref.hpp"
#include "wincompat/options.hpp"
#include "wincompat/registry.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <future>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace wincompat;
using namespace wincompat::e2e;
using registry::CredentialAnswer;
using registry::CredentialStore;

namespace {

const std::string kSecret = "WINCOMPAT-SECRET-MARKER-7f3a";

/// An executable script at `relative` in `dir`.
fs::path script(const TempDir &dir, const std::string &relative, const std::string &body) {
  const fs::path path = dir.write(relative, "#!/bin/sh\n" + body);
  fs::permissions(path, fs::perms::owner_all);
  return path;
}

/// A docker config.json in `dir` naming `helper` for reg.example.
std::string docker_config(const TempDir &dir, const std::string &helper) {
  return dir.write("docker/config.json", R"({"credHelpers":{"reg.example":")" + helper + R"("}})").string();
}

/// `call()` on a thread; fails the test instead of hanging it when the call
/// has not returned after `seconds` (the thread is then left behind).
template <typename Result> Result within(int seconds, std::function<Result()> call) {
  auto task = std::make_shared<std::packaged_task<Result()>>(std::move(call));
  std::future<Result> done = task->get_future();
  std::thread([task] { (*task)(); }).detach();
  if (done.wait_for(std::chrono::seconds(seconds)) != std::future_status::ready) {
    FAIL("still running after " << seconds << " s: it hangs");
  }
  return done.get();
}

bool process_gone(pid_t pid) {
  const std::string stat = slurp("/proc/" + std::to_string(pid) + "/stat");
  const size_t paren = stat.rfind(')');
  return stat.empty() || (paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] == 'Z');
}

/// A TCP port on 127.0.0.1 that accepts connections (the kernel's backlog)
/// and never answers: a registry that hangs.
class SilentServer {
public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0);
    REQUIRE(::listen(fd_, 64) == 0);
    socklen_t size = sizeof address;
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr *>(&address), &size) == 0);
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() {
    ::close(fd_);
  }
  std::string address() const {
    return "127.0.0.1:" + std::to_string(port_);
  }

private:
  int fd_ = -1;
  int port_ = 0;
};

} // namespace

TEST_CASE("a credential helper is a plain name, never a path or an option", "[credentials]") {
  for (const char *good : {"desktop", "osxkeychain", "ecr-login", "wincred.exe", "acr_env", "pass"}) {
    CHECK(registry::valid_helper_name(good));
  }
  for (const std::string &bad : std::vector<std::string>{
           "", "x/evil", "../evil", "..", "a..b", "x\\evil", "-evil", ".hidden", "/usr/bin/evil", "a b",
           "a;b", std::string("a\0b", 3), "a\nb", std::string(65, 'a')}) {
    CHECK_FALSE(registry::valid_helper_name(bad));
  }
}

TEST_CASE("helpers are found on absolute PATH folders only", "[credentials]") {
  TempDir dir;
  const fs::path helper = script(dir, "bin/docker-credential-ok", "exit 0\n");
  script(dir, "notexec/docker-credential-ok", "exit 0\n");
  fs::permissions(dir / "notexec/docker-credential-ok", fs::perms::owner_read | fs::perms::owner_write);
  fs::create_directories(dir / "dir/docker-credential-ok"); // a folder is no program
  const std::string bin = (dir / "bin").string();
  CHECK(registry::find_helper("ok", ".::relative/bin:" + (dir / "notexec").string() + ":" +
                                        (dir / "dir").string() + ":" + bin) == helper.string());
  CHECK(registry::find_helper("ok", bin + "/") == helper.string());
  CHECK(registry::find_helper("ok", ".:bin:") == "");
  CHECK(registry::find_helper("missing", bin) == "");
  CHECK(registry::find_helper("../bin/docker-credential-ok", bin) == "");
}

TEST_CASE("a credHelpers value that is a path runs nothing and says the name is invalid",
          "[credentials][hostile]") {
  TempDir dir;
  const fs::path ran = dir / "ran";
  // What `credHelpers: "x/evil"` ran before: docker-credential-x/evil.
  script(dir, "bin/docker-credential-x/evil", "touch '" + ran.string() + "'\n");
  script(dir, "bin/evil", "touch '" + ran.string() + "'\n");
  for (const std::string &name :
       std::vector<std::string>{"x/evil", "../evil", "-evil", (dir / "bin/evil").string()}) {
    CredentialStore store(docker_config(dir, name), (dir / "bin").string() + ":.", std::chrono::seconds(5));
    const CredentialAnswer answer = store.lookup("reg.example");
    CHECK(answer.refused);
    CHECK_FALSE(answer.credentials);
    CHECK(contains(answer.problem, "is not a valid helper name"));
    CHECK(contains(answer.problem, "nothing was run"));
    CHECK_FALSE(fs::exists(ran));
  }
}

TEST_CASE("a helper's output never reaches a message", "[credentials][hostile]") {
  TempDir dir;
  script(dir, "bin/docker-credential-leaky",
         "read server\necho '" + kSecret + "'\necho '" + kSecret + "' >&2\nexit 1\n");
  CredentialStore store(docker_config(dir, "leaky"), (dir / "bin").string(), std::chrono::seconds(20));
  const CredentialAnswer answer = within<CredentialAnswer>(60, [&] { return store.lookup("reg.example"); });
  CHECK_FALSE(answer.refused);
  CHECK_FALSE(answer.credentials);
  CHECK(answer.problem == "docker-credential-leaky get failed (exit status 1)");
  CHECK_FALSE(contains(answer.problem, kSecret));
}

TEST_CASE("a helper that answers gives its credentials, once per registry", "[credentials]") {
  TempDir dir;
  const fs::path count = dir / "count";
  script(dir, "bin/docker-credential-good",
         "read server\necho run >>'" + count.string() +
             "'\n[ \"$server\" = reg.example ] || exit 1\n"
             "printf '{\"ServerURL\":\"%s\",\"Username\":\"tester\",\"Secret\":\"s3cret\"}' \"$server\"\n");
  CredentialStore store(docker_config(dir, "good"), (dir / "bin").string(), std::chrono::seconds(20));
  for (int i = 0; i < 2; ++i) {
    const CredentialAnswer answer = within<CredentialAnswer>(60, [&] { return store.lookup("reg.example"); });
    REQUIRE(answer.credentials);
    CHECK(answer.credentials->username == "tester");
    CHECK(answer.credentials->password == "s3cret");
    CHECK(answer.problem.empty());
  }
  CHECK(slurp(count) == "run\n");
}

TEST_CASE("a helper that never exits is killed with everything it started", "[credentials][hostile]") {
  TempDir dir;
  const fs::path child_pid = dir / "child.pid";
  // The helper starts a child that keeps standard output open, then waits.
  script(dir, "bin/docker-credential-stuck",
         "sleep 1000 &\necho $! >'" + child_pid.string() + "'\nwhile :; do sleep 1; done\n");
  CredentialStore store(docker_config(dir, "stuck"), (dir / "bin").string(), std::chrono::milliseconds(500));
  const CredentialAnswer answer = within<CredentialAnswer>(60, [&] { return store.lookup("reg.example"); });
  CHECK_FALSE(answer.credentials);
  CHECK(answer.problem == "docker-credential-stuck get did not answer within 1 s and was stopped");
  REQUIRE(fs::exists(child_pid));
  const pid_t child = std::stoi(slurp(child_pid));
  for (int i = 0; i < 200 && !process_gone(child); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(process_gone(child));
}

TEST_CASE("a helper gets only the time left before the look-up's deadline", "[credentials][hostile]") {
  TempDir dir;
  const fs::path count = dir / "count";
  script(dir, "bin/docker-credential-slow", "echo run >>'" + count.string() + "'\nsleep 1000\n");
  CredentialStore store(docker_config(dir, "slow"), (dir / "bin").string(), std::chrono::seconds(30));
  const auto soon = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
  const CredentialAnswer first =
      within<CredentialAnswer>(20, [&] { return store.lookup("reg.example", soon); });
  CHECK(first.problem == "docker-credential-slow get did not answer within 1 s and was stopped");
  // The time was up, not the helper's own 30 s: the next image asks again,
  // and one whose deadline has passed runs nothing.
  const auto past = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
  const CredentialAnswer second =
      within<CredentialAnswer>(20, [&] { return store.lookup("reg.example", past); });
  CHECK(second.problem == "docker-credential-slow was not run: the look-up's time was up");
  CHECK(slurp(count) == "run\n");
}

TEST_CASE("what a registry sent is quoted bounded; URLs carry no user name, password or query",
          "[credentials]") {
  CHECK(registry::shown_url("https://user:pa55@auth.example/token?secret=1#x") ==
        "https://auth.example/token");
  CHECK(registry::shown_url("https://auth.example/a@b") == "https://auth.example/a@b");
  CHECK(registry::shown_url("http://h/\x1b[31m") == "http://h/?[31m");
  CHECK(registry::shown_url("https://h/" + std::string(500, 'a')).size() == 203);
  CHECK(registry::shown_text("application/x\r\nSet-Cookie: a", 100) == "application/x??Set-Cookie: a");
  CHECK(registry::shown_text(std::string(300, 'b'), 100) == std::string(100, 'b') + "...");
}

TEST_CASE("only a config the user names may turn lookups on by itself", "[credentials][options]") {
  TempDir dir;
  const fs::path path = dir.write(".wincompat.yaml", "lookup: true\ninsecureRegistries: [\"127.0.0.1:1\"]\n");
  const Config config = load_config(path.string());
  REQUIRE(config.errors.empty());
  OptionOverrides overrides;
  overrides.start = dir.path().string();

  SECTION("the repository's own config: ignored, said once") {
    const OptionsResult built = build_options(&config, overrides);
    CHECK_FALSE(config_trusted(&config, overrides));
    CHECK_FALSE(built.options.registry);
    REQUIRE(built.notices.size() == 1);
    CHECK(contains(built.notices[0],
                   "`lookup: true` and `insecureRegistries` in " + path.string() + " ignored"));
    CHECK(contains(built.notices[0], "pass --lookup"));
  }
  SECTION("--lookup: the config's insecureRegistries apply") {
    overrides.lookup = true;
    const OptionsResult built = build_options(&config, overrides);
    REQUIRE(built.options.registry);
    CHECK(built.options.registry->asks());
    CHECK(built.notices.empty());
  }
  SECTION("--config names it: trusted, even written another way") {
    overrides.config_file = (dir.path() / "." / ".wincompat.yaml").string();
    CHECK(config_trusted(&config, overrides));
    const OptionsResult built = build_options(&config, overrides);
    REQUIRE(built.options.registry);
    CHECK(built.options.registry->asks());
    CHECK(built.notices.empty());
  }
  SECTION("--config names another file") {
    overrides.config_file = dir.write("other.yaml", "lookup: true\n").string();
    CHECK_FALSE(config_trusted(&config, overrides));
    CHECK_FALSE(build_options(&config, overrides).options.registry);
  }
  SECTION("the editor never goes online, and says nothing") {
    overrides.offline = true;
    const OptionsResult built = build_options(&config, overrides);
    CHECK_FALSE(built.options.registry);
    CHECK(built.notices.empty());
  }
}

TEST_CASE("lint does not go online for the repository's config; it says why", "[credentials][e2e]") {
  TempDir dir;
  SilentServer registry; // old behaviour: asked, then WC914 after the request timeout
  dir.write(".wincompat.yaml", "lookup: true\ninsecureRegistries: [\"" + registry.address() + "\"]\n");
  dir.write("Dockerfile", "FROM " + registry.address() + "/shop/app:1.0\nRUN echo\n");
  RunOptions options;
  options.cwd = dir.path();
  options.timeout_seconds = 60;
  const RunResult run = run_cli("lint --host ltsc2022 --format json Dockerfile", options);
  INFO(describe(run));
  CHECK(run.status == 0);
  CHECK_FALSE(contains(run.out, "WC914"));
  CHECK(count_of(run.err, "ignored: the linted repository's own config cannot make lint ask registries") ==
        1);
}

TEST_CASE("a registry that never answers costs one image's deadline", "[credentials][hostile]") {
  SilentServer server;
  RegistrySettings settings;
  settings.insecure = {server.address()};
  settings.image_deadline_ms = 300;
  const auto ref = parse_image_ref(server.address() + "/shop/app:1.0");
  REQUIRE(ref);
  const auto outcomes =
      within<std::vector<LookupOutcome>>(60, [&] { return make_registry_lookup(settings)->lookup({*ref}); });
  REQUIRE(outcomes.size() == 1);
  CHECK_FALSE(outcomes[0].image);
  CHECK(contains(outcomes[0].problem, "took longer than the 1 s allowed per image"));
  CHECK(contains(outcomes[0].problem, "run `wincompat lock`"));
}

TEST_CASE("images past the run's deadline are reported, not looked up", "[credentials][hostile]") {
  SilentServer server;
  RegistrySettings settings;
  settings.insecure = {server.address()};
  settings.run_deadline_ms = 300;
  settings.parallel = 1;
  std::vector<ImageRef> refs;
  for (const char *name : {"a", "b", "c", "d"}) {
    refs.push_back(*parse_image_ref(server.address() + "/shop/" + name + ":1.0"));
  }
  const auto outcomes =
      within<std::vector<LookupOutcome>>(60, [&] { return make_registry_lookup(settings)->lookup(refs); });
  REQUIRE(outcomes.size() == 4);
  for (const LookupOutcome &outcome : outcomes) {
    INFO(outcome.problem);
    CHECK_FALSE(outcome.image);
    CHECK(contains(outcome.problem, "took longer than the 1 s allowed per run of lint --lookup"));
    CHECK(contains(outcome.problem, "run `wincompat lock` (which allows 600 s)"));
  }
  CHECK(contains(outcomes[3].problem, ": not looked up: "));
}
