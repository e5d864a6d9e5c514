// The platform lifecycle table (rules/data/lifecycle.yaml): its loader, its
// checks on the data, platform identification and day counts.
#include "test_support.hpp"

#include "config_keys.hpp"
#include "wincompat/lifecycle.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>

using namespace wincompat;

namespace {

const PlatformRetirement *lifecycle_entry(const std::string &platform, const std::string &release) {
  const Platform *found = PlatformLifecycle::builtin().find(platform);
  REQUIRE(found);
  const Release *named = ReleaseCatalog::builtin().find_name(release, /*as_host=*/true);
  REQUIRE(named);
  return found->find(*named);
}

PlatformLifecycle lifecycle_parse(const std::string &windows_entry) {
  return PlatformLifecycle::parse("platforms:\n  - id: test\n    name: Test\n    windows:\n" + windows_entry,
                                  ReleaseCatalog::builtin());
}

} // namespace

TEST_CASE("lifecycle: the built-in table loads with each platform's announced dates", "[lifecycle][data]") {
  const PlatformLifecycle &table = PlatformLifecycle::builtin();
  REQUIRE(table.platforms().size() == 4);
  CHECK(lifecycle_entry("aks", "ltsc2019")->retires == "2026-03-01");
  CHECK(lifecycle_entry("aks", "WindowsAnnual")->retires == "2026-05-15");
  CHECK(lifecycle_entry("aks", "ltsc2022")->retires == "2028-06-30");
  CHECK(lifecycle_entry("aks", "ltsc2025")->retires.empty());
  CHECK(lifecycle_entry("aks-arc", "ltsc2019")->retires == "2026-04-01");
  CHECK(lifecycle_entry("gke", "20H2")->retires == "2022-08-09");
  CHECK(lifecycle_entry("gke", "ltsc2025") == nullptr);
  for (const Platform &platform : table.platforms()) {
    INFO(platform.id);
    for (const PlatformRetirement &entry : platform.windows) {
      INFO(entry.release->id);
      CHECK(entry.source.starts_with("https://"));
      if (entry.follows_microsoft) {
        // One date for a release: the release catalog's end of servicing.
        CHECK(entry.retires == entry.release->end_of_servicing);
        CHECK_FALSE(entry.retires.empty());
      }
    }
  }
  CHECK(lifecycle_entry("eks", "ltsc2019")->follows_microsoft);
  CHECK(lifecycle_entry("eks", "ltsc2019")->retires == "2029-01-09");
}

TEST_CASE("lifecycle: config `platform:` accepts exactly the table's platforms",
          "[lifecycle][config-schema]") {
  std::vector<std::string> ids;
  for (const Platform &platform : PlatformLifecycle::builtin().platforms()) {
    ids.push_back(platform.id);
  }
  const std::vector<std::string> choices(std::begin(config_keys::kPlatforms),
                                         std::end(config_keys::kPlatforms));
  CHECK(ids == choices);
}

TEST_CASE("lifecycle: bad table entries are refused", "[lifecycle]") {
  CHECK_NOTHROW(lifecycle_parse(
      "      - {release: ltsc2022, retires: 2030-01-01, source: https://x, read: 2026-12-06}\n"));
  CHECK_THROWS_AS(
      lifecycle_parse(
          "      - {release: ltsc2023, retires: 2030-01-01, source: https://x, read: 2026-12-06}\n"),
      std::runtime_error);
  CHECK_THROWS_AS(
      lifecycle_parse(
          "      - {release: ltsc2022, retires: 2030-02-30, source: https://x, read: 2026-12-06}\n"),
      std::runtime_error);
  CHECK_THROWS_AS(lifecycle_parse("      - {release: ltsc2022, retires: 2030-01-01, read: 2026-12-06}\n"),
                  std::runtime_error);
  CHECK_THROWS_AS(lifecycle_parse("      - {release: ltsc2022, retires: 2030-01-01, source: https://x}\n"),
                  std::runtime_error);
  CHECK_THROWS_AS(lifecycle_parse("      - {release: ltsc2022, retires: 2030-01-01, microsoft: true, source: "
                                  "https://x, read: 2026-12-06}\n"),
                  std::runtime_error);
  CHECK_THROWS_AS(lifecycle_parse("      - {release: ltsc2022, source: https://x, read: 2026-12-06}\n"
                                  "      - {release: \"2022\", source: https://x, read: 2026-12-06}\n"),
                  std::runtime_error);
}

TEST_CASE("lifecycle: a pool's platform comes from its labels, when they name one", "[lifecycle]") {
  const PlatformLifecycle &table = PlatformLifecycle::builtin();
  const auto id = [&](std::map<std::string, std::string> labels) {
    const Platform *platform = table.identify(labels);
    return platform ? platform->id : std::string("none");
  };
  CHECK(id({{"kubernetes.azure.com/os-sku", "Windows2022"}}) == "aks");
  CHECK(id({{"eks.amazonaws.com/nodegroup", "win"}}) == "eks");
  CHECK(id({{"cloud.google.com/gke-nodepool", "win"}}) == "gke");
  CHECK(id({{"cloud.google.com/machine-family", "n2"}}) == "none"); // not a gke- label
  CHECK(id({{"kubernetes.io/os", "windows"}}) == "none");
  CHECK(id({{"eks.amazonaws.com/nodegroup", "a"}, {"cloud.google.com/gke-nodepool", "b"}}) == "none");
  CHECK(table.find("AKS-Arc")->name == "AKS on Azure Local");
}

TEST_CASE("lifecycle: days between two dates", "[lifecycle]") {
  CHECK(days_between("2028-01-02", "2028-06-30") == 180);
  CHECK(days_between("2028-06-30", "2028-06-30") == 0);
  CHECK(days_between("2026-11-23", "2026-03-01") == -267);
  CHECK(days_between("2028-02-28", "2028-03-01") == 2); // a leap year
}

namespace {

/// WC213's messages for the inventory `file` (under tests/fixtures/WC213) on `today`.
std::vector<std::string> lifecycle_messages(const std::string &file, const std::string &today,
                                            const std::string &option = "--nodes") {
  const std::string path = test::source_dir() + "/tests/fixtures/WC213/" + file;
  const LintResult result =
      lint({}, test::options_from_words({option, path, "--today", today, "--select", "WC213"}, ""));
  std::vector<std::string> messages;
  for (const FileResult &linted : result.files) {
    for (const Diagnostic &d : linted.diagnostics) {
      CHECK(std::filesystem::equivalent(linted.path, path));
      CHECK(d.severity == Severity::Warning);
      messages.push_back(d.message);
    }
  }
  return messages;
}

} // namespace

TEST_CASE("lifecycle: WC213 names the pool, the date, its source and the plan target", "[lifecycle]") {
  const auto retired = lifecycle_messages("aks-ws2019-retired.yaml", "2026-11-23");
  REQUIRE(retired.size() == 1);
  CHECK(retired[0].starts_with("node pool win19 runs Windows Server 2019, which AKS retired on 2026-03-01, "
                               "267 days ago (https://github.com/Azure/AKS/issues/4091);"));
  CHECK(retired[0].ends_with("; `wincompat plan --to ltsc2025` shows what moving it breaks and fixes"));

  const auto soon = lifecycle_messages("aks-ws2022-180-days.yaml", "2028-01-02");
  REQUIRE(soon.size() == 1);
  CHECK(soon[0].find("which AKS retires on 2028-06-30, in 180 days") != std::string::npos);

  const auto microsoft = lifecycle_messages("eks-ltsc2019-follows-microsoft.yaml", "2029-01-09");
  REQUIRE(microsoft.size() == 1); // two nodes, one pool
  CHECK(microsoft[0].find("whose servicing by Microsoft, which EKS follows, ends on 2029-01-09, today") !=
        std::string::npos);
  // No LTSC after 2022 is recorded for GKE: the message says so instead of guessing a target.
  const auto gke = lifecycle_messages("gke-windows-build-label.yaml", "2031-10-20");
  REQUIRE(gke.size() == 1);
  CHECK(gke[0].find("ended on 2031-10-14, 6 days ago") != std::string::npos);
  CHECK(gke[0].ends_with("no newer Windows Server release is known to be supported on GKE beyond the warning "
                         "window"));
  // A config pool is reported at its `build:`, in the config.
  const auto arc = lifecycle_messages("config-pool-aks-arc.yaml", "2026-11-23", "--config");
  REQUIRE(arc.size() == 1);
  CHECK(
      arc[0].starts_with("node pool arc-win19 runs Windows Server 2019, which AKS on Azure Local retired on "
                         "2026-04-01"));
  CHECK(arc[0].find("--to ltsc2022") != std::string::npos);
}
