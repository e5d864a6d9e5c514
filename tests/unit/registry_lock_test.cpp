// The lock file, the image resolver's order (mapping, catalog, lock, then
// registry) and the pieces of the registry client that need no network. The
// client itself is tested against a real registry in tests/e2e/registry_lookup.sh.
#include "registry/auth.hpp"
#include "test_support.hpp"
#include "wincompat/config.hpp"
#include "wincompat/dockerfile.hpp"
#include "wincompat/image_resolver.hpp"
#include "wincompat/pod.hpp"
#include "wincompat/registry.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace wincompat;
using wincompat::test::ref_of;
namespace fs = std::filesystem;

namespace {

LockedImage windows_image(const std::string &key, const std::string &version) {
  return LockedImage{
      key, "sha256:" + std::string(64, 'a'), {{"windows", "amd64", version, ""}}, "2026-12-01"};
}

/// A lookup that answers from a table and counts what it was asked.
class FakeLookup final : public ImageLookup {
public:
  std::map<std::string, LookupOutcome> answers;
  std::vector<std::string> *asked;
  explicit FakeLookup(std::vector<std::string> *log) : asked(log) {}
  std::vector<LookupOutcome> lookup(const std::vector<ImageRef> &refs) override {
    std::vector<LookupOutcome> out;
    for (const ImageRef &ref : refs) {
      asked->push_back(lock_key(ref));
      auto it = answers.find(lock_key(ref));
      out.push_back(it != answers.end() ? it->second : LookupOutcome{std::nullopt, "no such image (fake)"});
    }
    return out;
  }
};

const char *kPod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n"
                   "  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n"
                   "  - name: web\n    image: myreg.example/shop/web:1.8.0\n";

} // namespace

TEST_CASE("lock keys are the same however the reference is written", "[registry_lock]") {
  CHECK(lock_key(ref_of("myreg.example/shop/web:1.8.0")) == "myreg.example/shop/web:1.8.0");
  CHECK(lock_key(ref_of("myreg.example/shop/web")) == "myreg.example/shop/web:latest");
  CHECK(lock_key(ref_of("python:3")) == lock_key(ref_of("docker.io/library/python:3")));
  const std::string digest = "sha256:" + std::string(64, 'b');
  CHECK(lock_key(ref_of("myreg.example/web@" + digest)) == "myreg.example/web@" + digest);
}

TEST_CASE("the lock file round-trips in a stable order", "[registry_lock]") {
  ImageLock lock;
  lock.images["z.example/b:1"] = windows_image("z.example/b:1", "10.0.20348.2113");
  lock.images["a.example/a:1"] =
      LockedImage{"a.example/a:1",
                  "sha256:" + std::string(64, 'c'),
                  {{"windows", "amd64", "10.0.17763.5458", ""}, {"linux", "arm64", "", "v8"}},
                  "2026-12-01"};
  const std::string text = lock.serialize();
  CHECK(text.find("\"a.example/a:1\"") < text.find("\"z.example/b:1\""));
  CHECK(text.find("os: linux") < text.find("os: windows")); // platforms sorted too
  std::string error;
  const ImageLock back = ImageLock::parse(text, &error);
  CHECK(error.empty());
  REQUIRE(back.images.size() == 2);
  CHECK(back.images.at("a.example/a:1").platforms.size() == 2);
  CHECK(back.images.at("a.example/a:1").read == "2026-12-01");
  CHECK(back.serialize() == text);
  CHECK(ImageLock().serialize().find("images: {}") != std::string::npos);
}

TEST_CASE("a broken lock file is an error, not a guess", "[registry_lock]") {
  std::string error;
  CHECK(ImageLock::parse("version: 2\nimages: {}\n", &error).images.empty());
  CHECK(error.find("version") != std::string::npos);
  error.clear();
  ImageLock::parse("version: 1\nimages:\n  \"a/b:1\":\n    platforms: []\n", &error);
  CHECK(error.find("'digest'") != std::string::npos);
  error.clear();
  ImageLock::parse("version: 1\nimages: [1, 2]\n", &error);
  CHECK_FALSE(error.empty());
  error.clear();
  ImageLock::parse("version: 1\nimages:\n  \"a/b:1\": {digest: x, platforms: [{architecture: amd64}]}\n",
                   &error);
  CHECK(error.find("'os'") != std::string::npos);
}

TEST_CASE("what an entry says about the Windows build", "[registry_lock]") {
  const ImageResolution one = resolution_of(windows_image("a/b:1", "10.0.20348.2113"));
  CHECK(one.os == ImageOs::WindowsBuild);
  CHECK(one.build.str() == "10.0.20348");
  LockedImage multi = windows_image("a/b:1", "10.0.17763.1");
  multi.platforms.push_back({"windows", "amd64", "10.0.20348.1", ""});
  CHECK(resolution_of(multi).os == ImageOs::WindowsMultiPlatform);
  LockedImage linux{"a/b:1", "sha256:x", {{"linux", "amd64", "", ""}}, ""};
  CHECK(resolution_of(linux).os == ImageOs::Linux);
  LockedImage mixed = windows_image("a/b:1", "10.0.26100.1");
  mixed.platforms.push_back({"linux", "amd64", "", ""});
  CHECK(resolution_of(mixed).os == ImageOs::WindowsBuild); // a Windows node pulls the Windows entry
  CHECK(resolution_of(LockedImage{}).os == ImageOs::Unknown);
}

TEST_CASE("the resolver answers from the lock, and asks only for what the lock lacks", "[registry_lock]") {
  std::vector<std::string> asked;
  auto fake = std::make_unique<FakeLookup>(&asked);
  fake->answers["myreg.example/new:1"] = {windows_image("myreg.example/new:1", "10.0.17763.5458"), ""};
  ImageLock lock;
  lock.images["myreg.example/old:1"] = windows_image("myreg.example/old:1", "10.0.20348.1");
  RegistryResolver resolver(lock, std::move(fake));
  resolver.prefetch({ref_of("myreg.example/old:1"), ref_of("myreg.example/new:1"),
                     ref_of("myreg.example/new:1"), ref_of("myreg.example/gone:1")});
  CHECK(asked == std::vector<std::string>{"myreg.example/new:1", "myreg.example/gone:1"});
  auto old = resolver.answer(ref_of("myreg.example/old:1"));
  REQUIRE(old);
  CHECK(old->source == "lock");
  CHECK(old->note == "from .wincompat.lock, read 2026-12-01");
  auto fresh = resolver.answer(ref_of("myreg.example/new:1"));
  REQUIRE(fresh);
  CHECK(fresh->source == "registry");
  CHECK(fresh->resolution.build.str() == "10.0.17763");
  auto gone = resolver.answer(ref_of("myreg.example/gone:1"));
  REQUIRE(gone);
  CHECK(gone->resolution.os == ImageOs::Unknown);
  CHECK(gone->problem == "no such image (fake)");
  CHECK_FALSE(resolver.answer(ref_of("myreg.example/never:1")));
  CHECK(resolver.looked_up().size() == 2);
}

TEST_CASE("lock --update reads locked entries again; a failure keeps the lock's answer", "[registry_lock]") {
  std::vector<std::string> asked;
  ImageLock lock;
  lock.images["myreg.example/old:1"] = windows_image("myreg.example/old:1", "10.0.20348.1");
  RegistryResolver resolver(lock, std::make_unique<FakeLookup>(&asked), /*reread_locked=*/true);
  resolver.prefetch({ref_of("myreg.example/old:1")});
  CHECK(asked.size() == 1);
  auto answer = resolver.answer(ref_of("myreg.example/old:1"));
  REQUIRE(answer);
  CHECK(answer->source == "lock");
  CHECK(answer->problem.empty());
}

TEST_CASE("without a lookup the resolver never asks", "[registry_lock]") {
  RegistryResolver resolver(ImageLock{}, nullptr);
  resolver.prefetch({ref_of("myreg.example/x:1")});
  CHECK(resolver.looked_up().empty());
  CHECK_FALSE(resolver.answer(ref_of("myreg.example/x:1")));
}

TEST_CASE("lint uses the lock like the catalog: WC208 becomes a verdict", "[registry_lock]") {
  LintOptions options = test::options_from_words({"--host", "ltsc2022"});
  CHECK(lint_text("pod.yaml", kPod, options).diagnostics.front().code == "WC208");

  ImageLock lock;
  lock.images["myreg.example/shop/web:1.8.0"] =
      windows_image("myreg.example/shop/web:1.8.0", "10.0.17763.5458");
  options.registry = std::make_shared<RegistryResolver>(lock, nullptr);
  const FileResult locked = lint_text("pod.yaml", kPod, options);
  REQUIRE(locked.diagnostics.size() == 1);
  CHECK(locked.diagnostics[0].code == "WC302");
  CHECK(locked.diagnostics[0].data.source == "lock");
  CHECK(locked.diagnostics[0].message.find("(10.0.17763, from .wincompat.lock, read 2026-12-01)") !=
        std::string::npos);

  lock.images["myreg.example/shop/web:1.8.0"] =
      windows_image("myreg.example/shop/web:1.8.0", "10.0.20348.2113");
  options.registry = std::make_shared<RegistryResolver>(lock, nullptr);
  CHECK(lint_text("pod.yaml", kPod, options).diagnostics.empty()); // known and compatible: nothing
}

TEST_CASE("a failed lookup is WC914, with no WC208 beside it", "[registry_lock]") {
  LintOptions options = test::options_from_words({"--host", "ltsc2022"});
  std::vector<std::string> asked;
  options.registry = std::make_shared<RegistryResolver>(ImageLock{}, std::make_unique<FakeLookup>(&asked));
  const FileResult result = lint_text("pod.yaml", kPod, options);
  CHECK(asked == std::vector<std::string>{"myreg.example/shop/web:1.8.0"});
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].code == "WC914");
  CHECK(result.diagnostics[0].severity == Severity::Info);
  CHECK(result.diagnostics[0].message == "no such image (fake)");
}

TEST_CASE("catalog images are never looked up", "[registry_lock]") {
  LintOptions options = test::options_from_words({"--host", "ltsc2022"});
  std::vector<std::string> asked;
  options.registry = std::make_shared<RegistryResolver>(ImageLock{}, std::make_unique<FakeLookup>(&asked));
  std::string pod = kPod;
  pod.replace(pod.find("myreg.example/shop/web:1.8.0"), 28, "mcr.microsoft.com/windows/servercore:ltsc2022");
  lint_text("pod.yaml", pod, options);
  CHECK(asked.empty());
}

TEST_CASE("the lock is found beside the config, else upward to the repository root", "[registry_lock]") {
  const fs::path root = fs::temp_directory_path() / ("wincompat-lock-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / ".git");
  fs::create_directories(root / "deploy/app");
  fs::create_directories(root / "conf");
  CHECK(find_lock((root / "deploy/app").string(), "").empty());
  CHECK(lock_write_path((root / "deploy/app").string(), "") == (root / ".wincompat.lock").string());
  CHECK(lock_write_path((root / "deploy/app").string(), (root / "conf").string()) ==
        (root / "conf/.wincompat.lock").string());
  std::ofstream(root / ".wincompat.lock") << "version: 1\n";
  CHECK(find_lock((root / "deploy/app").string(), "") == (root / ".wincompat.lock").string());
  std::ofstream(root / "conf/.wincompat.lock") << "version: 1\n";
  CHECK(find_lock((root / "deploy/app").string(), (root / "conf").string()) ==
        (root / "conf/.wincompat.lock").string());
  fs::remove_all(root);
}

TEST_CASE("config keys lookup and insecureRegistries", "[registry_lock]") {
  const SourceFile good(".wincompat.yaml", "lookup: true\ninsecureRegistries: [\"127.0.0.1:5000\"]\n");
  const Config config = parse_config(good, "/repo");
  CHECK(config.errors.empty());
  CHECK(config.lookup == true);
  CHECK(config.insecure_registries == std::vector<std::string>{"127.0.0.1:5000"});
  const SourceFile bad(".wincompat.yaml", "lookup: maybe\n");
  const Config broken = parse_config(bad, "/repo");
  REQUIRE(broken.errors.size() == 1);
  CHECK(broken.errors[0].message.find("lookup must be true or false") != std::string::npos);
}

TEST_CASE("registry auth pieces: challenges, base64, config keys", "[registry_lock]") {
  using namespace wincompat::registry;
  auto bearer = parse_challenge(
      R"(Bearer realm="https://auth.example/token",service="registry.example",scope="repository:shop/web:pull")");
  REQUIRE(bearer);
  CHECK(bearer->scheme == "bearer");
  CHECK(bearer->params.at("realm") == "https://auth.example/token");
  CHECK(bearer->params.at("service") == "registry.example");
  CHECK(bearer->params.at("scope") == "repository:shop/web:pull");
  auto basic = parse_challenge(R"(Basic realm="x")");
  REQUIRE(basic);
  CHECK(basic->scheme == "basic");
  CHECK_FALSE(parse_challenge("Negotiate"));
  for (const std::string &text :
       std::vector<std::string>{"", "a", "ab", "abc", "tester:s3cret", std::string("\0\xff", 2)}) {
    CHECK(base64_decode(base64_encode(text)) == text);
  }
  CHECK(base64_encode("tester:s3cret") == "dGVzdGVyOnMzY3JldA==");
  CHECK_FALSE(base64_decode("not*base64"));
  CHECK(normalise_registry_host("https://index.docker.io/v1/") == "docker.io");
  CHECK(normalise_registry_host("http://127.0.0.1:5000") == "127.0.0.1:5000");
  CHECK(normalise_registry_host("MyReg.azurecr.io") == "myreg.azurecr.io");
}

// ---- The image resolver: one order for every image ---------------------------

namespace {

/// A mapping (config `images:`, Compose, Skaffold) whose Dockerfile is built
/// on `build`.
ImageSource mapped(const std::string &image, uint32_t build, const std::string &problem = "") {
  ImageSource source;
  source.image = image;
  source.dockerfile = "web/Dockerfile";
  source.problem = problem;
  if (problem.empty()) {
    source.resolution.os = ImageOs::WindowsBuild;
    source.resolution.build = WindowsBuild{build, std::nullopt};
  }
  return source;
}

/// A lock holding one Windows image per key (its os.version).
ImageLock lock_of(const std::map<std::string, std::string> &versions) {
  ImageLock lock;
  for (const auto &[key, version] : versions) {
    lock.images[key] = windows_image(key, version);
  }
  return lock;
}

/// A lookup that answers each key with a Windows image (its os.version).
std::unique_ptr<FakeLookup> answering(std::vector<std::string> *asked,
                                      const std::map<std::string, std::string> &versions) {
  auto fake = std::make_unique<FakeLookup>(asked);
  for (const auto &[key, version] : versions) {
    fake->answers[key] = {windows_image(key, version), ""};
  }
  return fake;
}

} // namespace

TEST_CASE("resolver order: a mapping beats the catalog, the lock and the registry", "[image_resolver]") {
  std::vector<std::string> asked;
  RegistryResolver registry(lock_of({{"myreg.example/web:1", "10.0.20348.1"},
                                     {"mcr.microsoft.com/windows/servercore:ltsc2022", "10.0.20348.1"}}),
                            answering(&asked, {{"myreg.example/web:1", "10.0.26100.1"}}));
  ImageResolver images(&registry);
  images.set_sources(
      {mapped("myreg.example/web", 17763), mapped("mcr.microsoft.com/windows/servercore", 17763)});

  // Deployed images: the Dockerfile that builds them decides, whatever their tag.
  const std::pair<const char *, size_t> cases[] = {{"myreg.example/web:1", 0},
                                                   {"mcr.microsoft.com/windows/servercore:ltsc2022", 1}};
  for (const auto &[text, mapping] : cases) {
    const ImageAnswer answer = images.resolve(ref_of(text));
    CHECK(answer.source == &images.sources()[mapping]);
    CHECK(answer.resolution.build.build == 17763);
    CHECK(answer.build_source.empty());
    CHECK_FALSE(images.needs_lookup(ref_of(text)));
  }
  images.prefetch({ref_of("myreg.example/web:1")}); // asks what the lock lacks; the answer is not used
  CHECK(images.resolve(ref_of("myreg.example/web:1")).resolution.build.build == 17763);
}

TEST_CASE("resolver order: a mapping whose Dockerfile cannot be resolved leaves the catalog alone",
          "[image_resolver]") {
  RegistryResolver registry(lock_of({{"myreg.example/web:1", "10.0.20348.1"}}), nullptr);
  ImageResolver images(&registry);
  images.set_sources({mapped("myreg.example/web", 0, "its Dockerfile web/Dockerfile cannot be read")});
  const ImageAnswer answer = images.resolve(ref_of("myreg.example/web:1"));
  REQUIRE(answer.source);
  CHECK(answer.source->problem == "its Dockerfile web/Dockerfile cannot be read");
  CHECK(answer.resolution.os == ImageOs::Unknown); // not the lock's 20348
  CHECK(answer.build_source.empty());
  CHECK_FALSE(images.needs_lookup(ref_of("myreg.example/web:1")));
}

TEST_CASE("resolver order: the catalog (a build the tag names included) beats the lock", "[image_resolver]") {
  RegistryResolver registry(lock_of({{"mcr.microsoft.com/windows/servercore:ltsc2022", "10.0.17763.1"},
                                     {"myreg.example/agent:ltsc2019", "10.0.20348.1"}}),
                            nullptr);
  const ImageResolver images(&registry);

  const ImageAnswer known = images.resolve(ref_of("mcr.microsoft.com/windows/servercore:ltsc2022"));
  CHECK(known.resolution.build.build == 20348);
  CHECK(known.build_source.empty());
  CHECK_FALSE(known.source);

  const ImageAnswer tagged = images.resolve(ref_of("myreg.example/agent:ltsc2019"));
  CHECK(tagged.resolution.build.build == 17763);
  CHECK(tagged.resolution.from_tag);
  CHECK(tagged.build_source.empty());
  CHECK_FALSE(images.needs_lookup(ref_of("myreg.example/agent:ltsc2019")));
}

TEST_CASE("resolver order: the lock, then the registry for what the lock lacks", "[image_resolver]") {
  std::vector<std::string> asked;
  RegistryResolver registry(lock_of({{"myreg.example/old:1", "10.0.20348.1"}}),
                            answering(&asked, {{"myreg.example/new:1", "10.0.17763.5458"},
                                               {"myreg.example/old:1", "10.0.17763.5458"}}));
  ImageResolver images(&registry);
  CHECK(images.asks());
  CHECK(images.needs_lookup(ref_of("myreg.example/old:1")));
  CHECK(images.needs_lookup(ref_of("myreg.example/new:1")));
  images.prefetch({ref_of("myreg.example/old:1"), ref_of("myreg.example/new:1")});
  CHECK(asked == std::vector<std::string>{"myreg.example/new:1"});
  const ImageAnswer old = images.resolve(ref_of("myreg.example/old:1"));
  CHECK(old.build_source == "lock");
  CHECK(old.resolution.build.build == 20348);
  const ImageAnswer fresh = images.resolve(ref_of("myreg.example/new:1"));
  CHECK(fresh.build_source == "registry");
  CHECK(fresh.resolution.build.build == 17763);
  CHECK(images.resolve(ref_of("myreg.example/never:1")).resolution.os == ImageOs::Unknown);
}

TEST_CASE("resolver order: a Dockerfile's FROM is not answered by a mapping", "[image_resolver]") {
  RegistryResolver registry(lock_of({{"myreg.example/base:1", "10.0.20348.1"}}), nullptr);
  ImageResolver images(&registry);
  images.set_sources({mapped("myreg.example/base", 17763)});
  const ImageAnswer base = images.resolve(ref_of("myreg.example/base:1"), ImageUse::Base);
  CHECK_FALSE(base.source);
  CHECK(base.build_source == "lock");
  CHECK(base.resolution.build.build == 20348);
  CHECK(images.needs_lookup(ref_of("myreg.example/base:1"), ImageUse::Base));

  const SourceFile file("Dockerfile", "FROM myreg.example/base:1 AS base\nFROM base\n");
  const DockerfileModel model = build_dockerfile_model(file, {}, images);
  REQUIRE(model.stages.size() == 2);
  CHECK(model.stages[1].resolution.build.build == 20348);
  CHECK(model.stages[0].build_source == "lock");
}

TEST_CASE("a mapping is resolved from its Dockerfile's model, not from the disk", "[image_resolver]") {
  ImageMapping mapping;
  mapping.image = "myreg.example/web";
  mapping.dockerfile = "/nonexistent/web/Dockerfile";
  mapping.target = "runtime";
  mapping.build_args = {{"TAG", "ltsc2019"}};
  const std::map<std::string, std::string> run_args{{"TAG", "ltsc2022"}, {"OTHER", "x"}};
  const std::map<std::string, std::string> args = mapping_build_args(mapping, run_args);
  CHECK(args.at("TAG") == "ltsc2019");
  CHECK(args.at("OTHER") == "x");

  const SourceFile file("/nonexistent/web/Dockerfile",
                        "ARG TAG\nFROM mcr.microsoft.com/windows/nanoserver:$TAG AS runtime\n"
                        "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS tools\n");
  const DockerfileModel model = build_dockerfile_model(file, {args});
  const ImageSource source = resolve_image_source(mapping, &model);
  CHECK(source.problem.empty());
  CHECK(source.resolution.build.build == 17763); // the target stage, with the mapping's TAG
  CHECK(source.base_text == "mcr.microsoft.com/windows/nanoserver:ltsc2019");
  CHECK(source.from_range.start.line == 1);

  const ImageSource unreadable = resolve_image_source(mapping, nullptr, "its Dockerfile cannot be read");
  CHECK(unreadable.problem == "its Dockerfile cannot be read");
  CHECK(unreadable.resolution.os == ImageOs::Unknown);
}

TEST_CASE("a Dockerfile on a base only a registry knows is linted once, after the registry answered",
          "[image_resolver]") {
  // No host: the run's one pairing notice (WC906) goes to the first Dockerfile
  // whose deployed image is a known Windows build. Both bases are known only
  // once the registry has answered, so the notice shows that each file was
  // linted after the answers (a lint before them would know neither build).
  LintOptions options = test::options_from_words({});
  std::vector<std::string> asked;
  options.registry = std::make_shared<RegistryResolver>(
      ImageLock{}, answering(&asked, {{"myreg.example/base:1", "10.0.17763.5458"},
                                      {"myreg.example/other:1", "10.0.20348.1"}}));
  const std::vector<FileInput> inputs{
      {"a/Dockerfile", "a/Dockerfile", true, std::string("FROM myreg.example/base:1\nRUN cmd /c echo\n")},
      {"b/Dockerfile", "b/Dockerfile", true, std::string("FROM myreg.example/other:1\nRUN cmd /c echo\n")}};
  const LintResult result = lint(inputs, options);
  std::sort(asked.begin(), asked.end());
  CHECK(asked == std::vector<std::string>{"myreg.example/base:1", "myreg.example/other:1"}); // once each
  REQUIRE(result.files.size() == 2);
  std::vector<std::string> first, second;
  for (const Diagnostic &d : result.files[0].diagnostics) {
    first.push_back(d.code);
  }
  for (const Diagnostic &d : result.files[1].diagnostics) {
    second.push_back(d.code);
  }
  CHECK(first == std::vector<std::string>{"WC906"});
  CHECK(second.empty()); // one notice per run, no WC108: the build is known
  REQUIRE_FALSE(result.files[0].diagnostics.empty());
  CHECK(result.files[0].diagnostics[0].range.start.line == 0);
}
