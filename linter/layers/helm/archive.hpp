// Packaged charts: the .tgz archives `helm dependency build` puts in charts/.
// gzip through zlib, tar (ustar, GNU long names, pax paths) read here.
#pragma once

#include <string>
#include <vector>

namespace wincompat::helm {

struct ArchiveFile {
  std::string path; // "agent/templates/daemonset.yaml", normalised, never absolute nor with ".."
  std::string data;
};

/// The regular files of a gzipped tar. Links, devices and entries that would
/// land outside the archive's folder are left out; a broken or oversized
/// archive fills `error` and returns what was read before the problem.
/// `unpacked`, when given, is set to the bytes the gzip stream inflated to
/// (more than `max_bytes` when it was stopped there).
std::vector<ArchiveFile> read_tgz(const std::string &bytes, std::string &error,
                                  size_t max_bytes = size_t{64} << 20, size_t *unpacked = nullptr);
/// Go's path.Clean ("a/./b/../c" is "a/c"; "" is "."), as Helm's path
/// functions and its archive loader use it.
std::string clean_path(const std::string &path);

/// The same for a tar stream (already unzipped).
std::vector<ArchiveFile> read_tar(const std::string &tar, std::string &error);

} // namespace wincompat::helm
