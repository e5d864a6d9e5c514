// Build limits (issue #19, item 2): kustomize diamonds are built once per
// base, a build's objects and its replacements' work are bounded, and the
// packaged subcharts of a chart share one unpacked budget. Every tree is
// built in a scratch folder. The file system counts what the builder asks
// of it and stops a run that asks too much (the old exponential builds), so
// a regression fails quickly instead of hanging.
#include "e2e_support.hpp"
#include "wincompat/file_system.hpp"
#include "wincompat/helm.hpp"
#include "wincompat/kustomize.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <zlib.h>

#include <atomic>
#include <stdexcept>
#include <string>

using namespace wincompat;
using namespace wincompat::e2e;

namespace {

/// The disk, counting every question; past `budget` questions it throws
/// (the builder turns that into WC912 "cannot be built").
class CountingFileSystem : public FileSystem {
public:
  explicit CountingFileSystem(size_t budget) : budget_(budget) {}
  FileType type(const std::string &path) const override {
    count();
    return disk_.type(path);
  }
  std::optional<std::string> read(const std::string &path, size_t limit, std::string &error) const override {
    count();
    return disk_.read(path, limit, error);
  }
  std::vector<DirEntry> list(const std::string &path) const override {
    count();
    return disk_.list(path);
  }
  std::string absolute(const std::string &path) const override {
    return disk_.absolute(path);
  }
  std::string real_path(const std::string &path) const override {
    return disk_.real_path(path);
  }
  size_t calls() const {
    return calls_;
  }

private:
  void count() const {
    if (++calls_ > budget_) {
      throw std::runtime_error("the test's file system budget is spent");
    }
  }
  DiskFileSystem disk_;
  size_t budget_;
  mutable std::atomic<size_t> calls_{0};
};

/// The WC912 messages of building the kustomization `root` in `dir`
/// through `files`; every build here fails, so it makes no document.
std::vector<std::string> build_failures(const TempDir &dir, const std::string &root,
                                        const FileSystem &files) {
  KustomizeRequest request;
  request.path = root;
  request.fs_path = (dir / root).string();
  request.boundary = dir.path().string();
  request.files = &files;
  const LayerResult result = build_kustomization(request);
  CHECK(result.documents.empty());
  std::vector<std::string> out;
  for (const LayerDiagnostic &d : result.diagnostics) {
    if (d.diagnostic.code == "WC912") {
      out.push_back(d.path + ": " + d.diagnostic.message);
    }
  }
  return out;
}

bool any_contains(const std::vector<std::string> &messages, const std::string &words) {
  return std::any_of(messages.begin(), messages.end(),
                     [&](const std::string &m) { return m.find(words) != std::string::npos; });
}

std::string config_map(const std::string &name, const std::string &data = "  a: b\n") {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n" + data;
}

} // namespace

TEST_CASE("kustomize: a base included twice at every level of 50 is built once per level",
          "[kustomize][limits]") {
  // l0 includes l1 twice, l1 includes l2 twice, ... : 2^50 builds unless
  // each base is built once. The duplicate objects fail the build, as
  // kustomize fails it ("already registered id").
  TempDir dir;
  constexpr int kLevels = 50;
  for (int i = 0; i < kLevels; ++i) {
    const std::string next = "../l" + std::to_string(i + 1);
    dir.write("l" + std::to_string(i) + "/kustomization.yaml",
              "resources:\n- " + next + "\n- " + next + "/\n");
  }
  dir.write("l" + std::to_string(kLevels) + "/kustomization.yaml", "resources:\n- cm.yaml\n");
  dir.write("l" + std::to_string(kLevels) + "/cm.yaml", config_map("shared"));
  const CountingFileSystem files(20000);
  const std::vector<std::string> failed = build_failures(dir, "l0", files);
  INFO((failed.empty() ? "" : failed.front()));
  CHECK(files.calls() < 20 * kLevels);
  CHECK_FALSE(any_contains(failed, "cannot be built"));
  CHECK(
      any_contains(failed, "l1/kustomization.yaml: the resource ConfigMap.v1/shared.[noNs] is added twice"));
}

TEST_CASE("kustomize: a diamond that doubles its objects stops at the objects limit", "[kustomize][limits]") {
  // Every level holds two overlays with their own name prefix over the next
  // level: the objects double per level (2^40 at the top).
  TempDir dir;
  constexpr int kLevels = 40;
  for (int i = 0; i < kLevels; ++i) {
    const std::string level = "l" + std::to_string(i);
    const std::string next = "../../l" + std::to_string(i + 1);
    dir.write(level + "/kustomization.yaml", "resources:\n- a\n- b\n");
    dir.write(level + "/a/kustomization.yaml", "namePrefix: a-\nresources:\n- " + next + "\n");
    dir.write(level + "/b/kustomization.yaml", "namePrefix: b-\nresources:\n- " + next + "\n");
  }
  dir.write("l" + std::to_string(kLevels) + "/kustomization.yaml", "resources:\n- cm.yaml\n");
  dir.write("l" + std::to_string(kLevels) + "/cm.yaml", config_map("leaf"));
  const CountingFileSystem files(20000);
  const std::vector<std::string> failed = build_failures(dir, "l0", files);
  INFO((failed.empty() ? "" : failed.front()));
  CHECK_FALSE(any_contains(failed, "cannot be built"));
  REQUIRE(failed.size() == 1);
  CHECK(any_contains(failed, "the build makes more than " + std::to_string(20000) + " objects"));
}

TEST_CASE("kustomize: a replacement's fan-out is bounded", "[kustomize][limits]") {
  // Many targets times many objects: 2,000 targets, each checked against
  // 600 objects, are 1.2 million steps, over the limit of a million.
  TempDir dir;
  std::string objects;
  for (int i = 0; i < 600; ++i) {
    objects += (i ? "---\n" : "") + config_map("cm-" + std::to_string(i));
  }
  std::string targets;
  for (int i = 0; i < 2000; ++i) {
    targets +=
        "  - select: {kind: ConfigMap, name: cm-" + std::to_string(i) + "}\n    fieldPaths: [data.a]\n";
  }
  dir.write("app/objects.yaml", objects);
  dir.write("app/kustomization.yaml", "resources:\n- objects.yaml\n"
                                      "replacements:\n"
                                      "- source: {kind: ConfigMap, name: cm-0, fieldPath: data.a}\n"
                                      "  targets:\n" +
                                          targets);
  const DiskFileSystem files;
  const std::vector<std::string> failed = build_failures(dir, "app", files);
  REQUIRE(failed.size() == 1);
  CHECK(failed.front().starts_with("app/kustomization.yaml: the replacements take more than 1000000 steps"));
}

namespace {

/// A gzipped tar holding NAME/Chart.yaml and NAME/big.bin of `size` zero
/// bytes (it compresses to a few hundredths).
std::string packaged_chart(const std::string &name, size_t size) {
  std::string tar;
  const auto add = [&](const std::string &path, const std::string &data) {
    std::string header(512, '\0');
    header.replace(0, path.size(), path);
    header.replace(100, 7, "0000644");
    char octal[13];
    std::snprintf(octal, sizeof octal, "%011zo", data.size());
    header.replace(124, 11, octal);
    header[156] = '0';
    header.replace(257, 5, "ustar");
    header.replace(148, 8, "        ");
    unsigned sum = 0;
    for (unsigned char c : header) {
      sum += c;
    }
    std::snprintf(octal, sizeof octal, "%06o", sum);
    header.replace(148, 7, std::string(octal, 6) + '\0');
    tar += header + data + std::string((512 - data.size() % 512) % 512, '\0');
  };
  add(name + "/Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n");
  add(name + "/big.bin", std::string(size, '\0'));
  tar += std::string(1024, '\0');
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&stream, tar.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef *>(tar.data());
  stream.avail_in = static_cast<uInt>(tar.size());
  stream.next_out = reinterpret_cast<Bytef *>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

} // namespace

TEST_CASE("packaged subcharts share one unpacked budget per chart", "[helm][limits]") {
  // Three archives of 22 MB each: each is under the 64 MB an archive may
  // unpack to, together they are over the chart's 64 MB.
  TempDir dir;
  dir.write("app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\n");
  dir.write("app/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n");
  for (const char *name : {"s1", "s2", "s3"}) {
    dir.write("app/charts/" + std::string(name) + "-0.1.0.tgz", packaged_chart(name, size_t{22} << 20));
  }
  ChartRequest request;
  request.path = "app";
  request.fs_path = (dir / "app").string();
  const LayerResult result = render_chart(request);
  std::vector<std::string> messages;
  for (const LayerDiagnostic &d : result.diagnostics) {
    messages.push_back(d.path + ": " + d.diagnostic.code + " " + d.diagnostic.message);
  }
  INFO((messages.empty() ? "" : messages.front()));
  REQUIRE(messages.size() == 1);
  CHECK(messages.front().starts_with(
      "app/Chart.yaml: WC910 packaged subchart app/charts/s3-0.1.0.tgz cannot be "
      "read: the packaged charts of this chart unpack to more than 64 MB in total"));
  CHECK(result.documents.size() == 1); // the parent still renders
}
