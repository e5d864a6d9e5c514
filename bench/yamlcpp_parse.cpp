// yaml-cpp parse-only baseline for bench/run_yaml.sh and bench/run_mixed.sh.
//
//   yamlcpp_parse [--errors] DIR|FILE...
//   yamlcpp_parse [--errors] --list FILE     (one path a line)
//
// Collects *.yaml / *.yml (case-insensitive, as wincompat's walker: .git and
// node_modules skipped, symlinked directories not followed), reads each file
// whole and runs YAML::LoadAll on its text, single-threaded, catching
// exceptions (a syntax error counts in `errors`; --errors prints the files on
// standard error). Nothing is done with the nodes: this is the parse alone.
//
// Prints one line of `key value` pairs on standard output:
//   files N bytes N docs N errors N parse_s S total_s S parse_mb_s X
// parse_s sums the LoadAll calls only (steady clock); total_s also counts the
// walk and the reads. Exit status 0, or 2 on bad usage / an unreadable path.
//
// Build: bench/build_yamlcpp_parse.sh (g++ -O2 -std=c++20 ... -lyaml-cpp).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

bool is_yaml_name(const std::string &name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.ends_with(".yaml") || lower.ends_with(".yml");
}

bool collect(const std::string &root, std::vector<std::string> &out) {
  std::error_code ec;
  const fs::file_status status = fs::status(root, ec);
  if (ec || !fs::exists(status)) {
    std::cerr << "yamlcpp_parse: no such file or directory: " << root << "\n";
    return false;
  }
  if (!fs::is_directory(status)) {
    out.push_back(root);
    return true;
  }
  std::vector<std::string> found;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      const std::string name = it->path().filename().string();
      if (name == ".git" || name == "node_modules") {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (is_yaml_name(it->path().filename().string()) && it->is_regular_file(type_ec)) {
      found.push_back(it->path().string());
    }
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
  return true;
}

bool read_file(const std::string &path, std::string &text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return false;
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  text.resize(size > 0 ? static_cast<size_t>(size) : 0);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return static_cast<bool>(in) || in.eof();
}

} // namespace

int main(int argc, char **argv) {
  const auto start = Clock::now();
  std::vector<std::string> files;
  bool list_errors = false;
  bool any_path = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--errors") {
      list_errors = true;
    } else if (arg == "--list" && i + 1 < argc) {
      std::ifstream list(argv[++i]);
      if (!list) {
        std::cerr << "yamlcpp_parse: cannot read " << argv[i] << "\n";
        return 2;
      }
      for (std::string line; std::getline(list, line);) {
        if (!line.empty()) {
          files.push_back(line);
        }
      }
      any_path = true;
    } else if (arg == "-h" || arg == "--help" || arg.starts_with("--")) {
      std::cerr << "usage: yamlcpp_parse [--errors] DIR|FILE... | --list FILE\n";
      return 2;
    } else {
      if (!collect(arg, files)) {
        return 2;
      }
      any_path = true;
    }
  }
  if (!any_path) {
    std::cerr << "usage: yamlcpp_parse [--errors] DIR|FILE... | --list FILE\n";
    return 2;
  }

  size_t bytes = 0, docs = 0, errors = 0, unreadable = 0;
  Clock::duration parse_time{};
  std::string text;
  for (const auto &path : files) {
    if (!read_file(path, text)) {
      ++unreadable;
      std::cerr << "yamlcpp_parse: cannot read " << path << "\n";
      continue;
    }
    bytes += text.size();
    const auto t0 = Clock::now();
    try {
      const std::vector<YAML::Node> nodes = YAML::LoadAll(text);
      docs += nodes.size();
    } catch (const YAML::Exception &e) {
      ++errors;
      if (list_errors) {
        std::cerr << path << ": " << e.what() << "\n";
      }
    }
    parse_time += Clock::now() - t0;
  }
  const double parse_s = std::chrono::duration<double>(parse_time).count();
  const double total_s = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("files %zu bytes %zu docs %zu errors %zu parse_s %.4f total_s %.4f parse_mb_s %.2f\n",
              files.size() - unreadable, bytes, docs, errors, parse_s, total_s,
              parse_s > 0 ? bytes / 1e6 / parse_s : 0.0);
  return unreadable ? 2 : 0;
}
