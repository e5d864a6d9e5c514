#include "archive.hpp"

#include <zlib.h>

#include <cstdint>
#include <string_view>

namespace wincompat::helm {

namespace {

constexpr size_t kBlock = 512;

/// The gzip stream inflated, up to `max_bytes` (an archive bomb stops there).
bool gunzip(const std::string &bytes, std::string &out, std::string &error, size_t max_bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) { // 16: gzip framing
    error = "cannot start zlib";
    return false;
  }
  stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  char buffer[64 * 1024];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef *>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      error = std::string("not a valid gzip file") + (stream.msg ? std::string(": ") + stream.msg : "");
      break;
    }
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > max_bytes) {
      error = "it unpacks to more than " + std::to_string(max_bytes >> 20) + " MB";
      break;
    }
    if (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      error = "the gzip stream is truncated";
      break;
    }
  }
  inflateEnd(&stream);
  return error.empty();
}

/// A NUL-terminated header field.
std::string field(const char *at, size_t size) {
  size_t length = 0;
  while (length < size && at[length] != '\0') {
    ++length;
  }
  return std::string(at, length);
}

/// An octal number field (tar's sizes); false when it is not one.
bool octal(const char *at, size_t size, uint64_t &value) {
  value = 0;
  size_t i = 0;
  while (i < size && (at[i] == ' ' || at[i] == '\0')) {
    ++i;
  }
  bool digits = false;
  for (; i < size && at[i] >= '0' && at[i] <= '7'; ++i) {
    value = value * 8 + static_cast<uint64_t>(at[i] - '0');
    digits = true;
  }
  return digits || i == size;
}

/// `path` cleaned, or empty when it is absolute or climbs out ("..").
std::string safe_path(std::string_view path) {
  const std::string clean = clean_path(std::string(path));
  if (clean == "." || clean.starts_with('/') || clean == ".." || clean.starts_with("../")) {
    return "";
  }
  return clean;
}

/// The "path" record of a pax extended header ("LEN path=VALUE\n" records).
std::string pax_path(std::string_view records) {
  std::string found;
  while (!records.empty()) {
    const size_t space = records.find(' ');
    if (space == std::string_view::npos) {
      break;
    }
    size_t length = 0;
    for (char c : records.substr(0, space)) {
      length = c >= '0' && c <= '9' ? length * 10 + static_cast<size_t>(c - '0') : 0;
    }
    if (length <= space || length > records.size()) {
      break;
    }
    const std::string_view record = records.substr(space + 1, length - space - 2); // no "\n"
    if (record.starts_with("path=")) {
      found = std::string(record.substr(5));
    }
    records.remove_prefix(length);
  }
  return found;
}

} // namespace

std::vector<ArchiveFile> read_tgz(const std::string &bytes, std::string &error, size_t max_bytes,
                                  size_t *unpacked) {
  std::string tar;
  const bool inflated = gunzip(bytes, tar, error, max_bytes);
  if (unpacked) {
    *unpacked = tar.size();
  }
  if (!inflated) {
    return {};
  }
  return read_tar(tar, error);
}

std::vector<ArchiveFile> read_tar(const std::string &tar, std::string &error) {
  std::vector<ArchiveFile> files;
  std::string long_name; // from a GNU 'L' or pax 'x' entry, for the next one
  for (size_t at = 0; at + kBlock <= tar.size();) {
    const char *header = tar.data() + at;
    if (header[0] == '\0') {
      break; // the end-of-archive blocks
    }
    uint64_t size = 0;
    if (!octal(header + 124, 12, size) || size > tar.size() - at - kBlock) {
      error = "a tar header is damaged";
      break;
    }
    const char type = header[156];
    const std::string data = tar.substr(at + kBlock, static_cast<size_t>(size));
    at += kBlock + (static_cast<size_t>(size) + kBlock - 1) / kBlock * kBlock;
    if (type == 'L') {
      long_name = field(data.data(), data.size());
      continue;
    }
    if (type == 'x') {
      long_name = pax_path(data);
      continue;
    }
    std::string name = field(header, 100);
    if (const std::string prefix = field(header + 345, 155);
        !prefix.empty() && std::string_view(header + 257, 5) == "ustar") {
      name = prefix + "/" + name;
    }
    if (!long_name.empty()) {
      name = long_name;
      long_name.clear();
    }
    if (type != '0' && type != '\0' && type != '7') {
      continue; // folders, links, devices
    }
    if (std::string path = safe_path(name); !path.empty()) {
      files.push_back({std::move(path), data});
    }
  }
  return files;
}

} // namespace wincompat::helm
