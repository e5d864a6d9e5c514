// Inputs the fuzz targets (fuzz/) once failed on, replayed with the checks
// the targets make, in every build (the fuzz build replays them through the
// targets too: fuzz.regressions.* in ctest).
#include "e2e_support.hpp"
#include "wincompat/config.hpp"
#include "wincompat/engine.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace wincompat;
namespace fs = std::filesystem;

namespace {

/// What fuzz_config checks: every WC903 span lies within the decoded text.
void check_config_spans(const std::string &name, const std::string &bytes) {
  const ReadOutcome read = decode_text(".wincompat.yaml", bytes, 1u << 20);
  REQUIRE(read.source);
  const Config config = parse_config(*read.source, "/fuzz");
  const auto size = static_cast<uint32_t>(read.source->text().size());
  for (const Diagnostic &d : config.errors) {
    INFO(name << ": " << d.message << " at [" << d.span.begin << ", " << d.span.end << ") of " << size);
    CHECK(d.span.begin <= d.span.end);
    CHECK(d.span.end <= size);
  }
}

} // namespace

TEST_CASE("config: a YAML error at the end of the input lies within the text", "[config][fuzz]") {
  // yaml-cpp reports an escape cut by the end of the input one byte past it.
  for (const std::string text : {"a: \"\\", "hosts: [ltsc2022]\nrules: \"x\\", "a: \"\\\n"}) {
    const SourceFile source(".wincompat.yaml", text);
    const Config config = parse_config(source, "/fuzz");
    REQUIRE(config.errors.size() == 1);
    CHECK(config.errors[0].span.end <= text.size());
    CHECK(config.errors[0].span.begin <= config.errors[0].span.end);
  }
}

TEST_CASE("fuzz regressions: config inputs keep their error spans within the text", "[config][fuzz]") {
  const fs::path dir = fs::path(WINCOMPAT_SOURCE_DIR) / "fuzz" / "regressions" / "config";
  REQUIRE(fs::is_directory(dir));
  for (const auto &entry : fs::directory_iterator(dir)) {
    check_config_spans(entry.path().filename().string(), wincompat::e2e::slurp(entry.path()));
  }
}
