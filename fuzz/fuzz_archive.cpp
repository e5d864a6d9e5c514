// Fuzz target: the tar reader behind packaged Helm subcharts
// (charts/NAME-VERSION.tgz). The input is a tar stream (gzip is zlib's
// business). Every file it returns must have a relative path that stays
// inside the archive's folder: an archive must never write elsewhere.
#include "fuzz_common.hpp"

#include "layers/helm/archive.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string error;
  const auto files = wincompat::helm::read_tar(wincompat::fuzz::text_of(data, size), error);
  for (const auto &file : files) {
    const std::string &path = file.path;
    if (path.empty() || path.front() == '/' || path == ".." || path.starts_with("../") ||
        path.find("/../") != std::string::npos || path.ends_with("/..")) {
      wincompat::fuzz::violated("an archive entry escapes its folder: " + path);
    }
  }
  return 0;
}
