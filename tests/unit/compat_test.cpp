// The compatibility rule over every pair of catalog builds, both isolations.
// The tables are written out by hand so they can be checked against
// docs/how-it-works.md ("Which image runs on which host") by eye: rows are image builds, columns host builds.
//   .  compatible   1 WC301   2 WC302   3 WC303   4 WC304 (portability)   5 WC305 (Hyper-V)
#include "test_support.hpp"

#include "text_util.hpp"
#include "wincompat/compat.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

using namespace wincompat;

namespace {

const std::vector<uint32_t> kBuilds{14393, 16299, 17134, 17763, 18362, 18363, 19041, 19042, 19043,
                                    19044, 19045, 20348, 22000, 22621, 22631, 25398, 26100};

const std::vector<std::string> kProcess{
    "14393: . 2 2 2 2 2 2 2 2 2 2 2 2 2 2 3 2", "16299: 1 . 2 2 2 2 2 2 2 2 2 2 2 2 2 3 2",
    "17134: 1 1 . 2 2 2 2 2 2 2 2 2 2 2 2 3 2", "17763: 1 1 1 . 2 2 2 2 2 2 2 2 2 2 2 3 2",
    "18362: 1 1 1 1 . 2 2 2 2 2 2 2 2 2 2 3 2", "18363: 1 1 1 1 1 . 2 2 2 2 2 2 2 2 2 3 2",
    "19041: 1 1 1 1 1 1 . 2 2 2 2 2 2 2 2 3 2", "19042: 1 1 1 1 1 1 1 . 2 2 2 2 2 2 2 3 2",
    "19043: 1 1 1 1 1 1 1 1 . 2 2 2 2 2 2 3 2", "19044: 1 1 1 1 1 1 1 1 1 . 2 2 2 2 2 3 2",
    "19045: 1 1 1 1 1 1 1 1 1 1 . 2 2 2 2 3 2", "20348: 1 1 1 1 1 1 1 1 1 1 1 . 4 4 4 4 4",
    "22000: 1 1 1 1 1 1 1 1 1 1 1 1 . 4 4 3 4", "22621: 1 1 1 1 1 1 1 1 1 1 1 1 1 . 4 3 4",
    "22631: 1 1 1 1 1 1 1 1 1 1 1 1 1 1 . 3 4", "25398: 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 3 4",
    "26100: 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 .",
};

const std::vector<std::string> kHyperV{
    "14393: . 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5", "16299: 1 . 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5",
    "17134: 1 1 . 5 5 5 5 5 5 5 5 5 5 5 5 5 5", "17763: 1 1 1 . 5 5 5 5 5 5 5 5 5 5 5 5 5",
    "18362: 1 1 1 1 . 5 5 5 5 5 5 5 5 5 5 5 5", "18363: 1 1 1 1 1 . 5 5 5 5 5 5 5 5 5 5 5",
    "19041: 1 1 1 1 1 1 . 5 5 5 5 5 5 5 5 5 5", "19042: 1 1 1 1 1 1 1 . 5 5 5 5 5 5 5 5 5",
    "19043: 1 1 1 1 1 1 1 1 . 5 5 5 5 5 5 5 5", "19044: 1 1 1 1 1 1 1 1 1 . 5 5 5 5 5 5 5",
    "19045: 1 1 1 1 1 1 1 1 1 1 . 5 5 5 5 5 5", "20348: 1 1 1 1 1 1 1 1 1 1 1 . . . . . .",
    "22000: 1 1 1 1 1 1 1 1 1 1 1 1 . . . 5 .", "22621: 1 1 1 1 1 1 1 1 1 1 1 1 1 . . 5 .",
    "22631: 1 1 1 1 1 1 1 1 1 1 1 1 1 1 . 5 .", "25398: 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 5 .",
    "26100: 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 .",
};

struct Expected {
  bool runs;
  std::string code;
};

Expected decode(char symbol) {
  switch (symbol) {
  case '.':
    return {true, ""};
  case '4':
    return {true, "WC304"};
  case '5':
    return {true, "WC305"};
  default:
    return {false, std::string("WC30") + symbol};
  }
}

/// (image, host) -> expected, from one of the tables.
std::map<std::pair<uint32_t, uint32_t>, Expected> table(const std::vector<std::string> &rows) {
  std::map<std::pair<uint32_t, uint32_t>, Expected> out;
  REQUIRE(rows.size() == kBuilds.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    std::istringstream in(rows[r]);
    std::string label;
    in >> label;
    REQUIRE(label == std::to_string(kBuilds[r]) + ":");
    for (uint32_t host : kBuilds) {
      char symbol = 0;
      in >> symbol;
      out[{kBuilds[r], host}] = decode(symbol);
    }
  }
  return out;
}

std::string run_binary(const std::string &args, int &status) {
  const std::string command = std::string(WINCOMPAT_BINARY) + " " + args;
  FILE *pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  std::array<char, 4096> buffer{};
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) {
    out.append(buffer.data(), n);
  }
  status = WEXITSTATUS(pclose(pipe));
  return out;
}

} // namespace

TEST_CASE("the catalog holds exactly the builds the tables cover", "[compat]") {
  std::set<uint32_t> catalog;
  for (const Release &release : ReleaseCatalog::builtin().releases()) {
    catalog.insert(release.build);
  }
  CHECK(catalog == std::set<uint32_t>(kBuilds.begin(), kBuilds.end()));
}

TEST_CASE("evaluate_compat agrees with the table on every pair", "[compat]") {
  for (auto [isolation, rows] :
       {std::pair{Isolation::Process, kProcess}, std::pair{Isolation::HyperV, kHyperV}}) {
    for (const auto &[pair, expected] : table(rows)) {
      const Verdict verdict =
          evaluate_compat(WindowsBuild{pair.first, {}}, WindowsBuild{pair.second, {}}, isolation);
      INFO("image " << pair.first << " host " << pair.second << " " << to_string(isolation) << ": "
                    << verdict.reason);
      CHECK(verdict.runs == expected.runs);
      CHECK(verdict.code == expected.code);
      CHECK_FALSE(verdict.reason.empty());
    }
  }
}

namespace {

/// The pairs the binary is asked about: every image against the next build
/// (so every image and every host is asked about once), plus the first pair of
/// each verdict. The library test above covers every pair; this one checks
/// that the command reports what the library decides, and spawning the binary
/// 578 times (seconds each under the sanitizers) would add nothing to that.
std::vector<std::pair<std::pair<uint32_t, uint32_t>, Expected>>
sampled_pairs(const std::map<std::pair<uint32_t, uint32_t>, Expected> &all) {
  const auto index = [](uint32_t build) {
    return static_cast<size_t>(std::find(kBuilds.begin(), kBuilds.end(), build) - kBuilds.begin());
  };
  std::set<std::string> verdicts_seen;
  std::vector<std::pair<std::pair<uint32_t, uint32_t>, Expected>> out;
  for (const auto &[pair, expected] : all) {
    const size_t image = index(pair.first);
    const size_t host = index(pair.second);
    const bool next = host == (image + 1) % kBuilds.size();
    if (verdicts_seen.insert(expected.code).second || next) {
      out.emplace_back(pair, expected);
    }
  }
  return out;
}

} // namespace

TEST_CASE("wincompat compat agrees with the table on every image, host and verdict", "[compat][e2e]") {
  for (auto [isolation, rows] : {std::pair{"process", kProcess}, std::pair{"hyperv", kHyperV}}) {
    const auto all = table(rows);
    std::set<std::string> verdicts;
    for (const auto &[pair, expected] : all) {
      verdicts.insert(expected.code);
    }
    const auto sample = sampled_pairs(all);
    std::set<uint32_t> images;
    std::set<uint32_t> hosts;
    std::set<std::string> sampled_verdicts;
    for (const auto &[pair, expected] : sample) {
      images.insert(pair.first);
      hosts.insert(pair.second);
      sampled_verdicts.insert(expected.code);
    }
    CHECK(images.size() == kBuilds.size());
    CHECK(hosts.size() == kBuilds.size());
    CHECK(sampled_verdicts == verdicts);
    for (const auto &[pair, expected] : sample) {
      int status = -1;
      const std::string out =
          run_binary("compat --format json --isolation " + std::string(isolation) + " --image 10.0." +
                         std::to_string(pair.first) + " --host 10.0." + std::to_string(pair.second),
                     status);
      const auto json = nlohmann::json::parse(out);
      INFO("image " << pair.first << " host " << pair.second << " " << isolation << "\n" << out);
      CHECK(status == (expected.runs ? 0 : 1));
      CHECK(json["compatible"].get<bool>() == expected.runs);
      CHECK(json["code"] ==
            (expected.code.empty() ? nlohmann::json(nullptr) : nlohmann::json(expected.code)));
      CHECK(json["imageBuild"] == "10.0." + std::to_string(pair.first));
      CHECK(json["hostBuild"] == "10.0." + std::to_string(pair.second));
    }
  }
}

TEST_CASE("revisions matter only before Windows Server 2019", "[compat]") {
  const auto verdict = [](uint32_t build, uint32_t image_rev, uint32_t host_rev) {
    return evaluate_compat(WindowsBuild{build, image_rev}, WindowsBuild{build, host_rev}, Isolation::Process);
  };
  CHECK(verdict(14393, 2068, 2125).code == "WC302");
  CHECK(verdict(14393, 2068, 2068).runs);
  CHECK(verdict(17763, 5122, 6054).runs);
  CHECK(verdict(20348, 2113, 2700).runs);
}

TEST_CASE("host specs accept release names, AKS os-skus and builds", "[compat]") {
  const ReleaseCatalog &catalog = ReleaseCatalog::builtin();
  const std::map<std::string, uint32_t> expected{
      {"ltsc2016", 14393},    {"ltsc2019", 17763},    {"1809", 17763},
      {"20H2", 19042},        {"2009", 19042},        {"ltsc2022", 20348},
      {"23H2", 25398},        {"ltsc2025", 26100},    {"Windows2019", 17763},
      {"Windows2022", 20348}, {"Windows2025", 26100}, {"WindowsAnnual", 25398},
      {"win11-22h2", 22621},  {"10.0.20348", 20348},  {"10.0.20348.2113", 20348},
      {"LTSC2022", 20348}};
  for (const auto &[spec, build] : expected) {
    INFO(spec);
    auto host = parse_host_spec(spec, catalog);
    REQUIRE(host);
    CHECK(host->build.build == build);
  }
  CHECK_FALSE(parse_host_spec("ltsc2021", catalog));
  CHECK_FALSE(parse_host_spec("10.0", catalog));
  CHECK_FALSE(parse_host_spec("", catalog));
}
