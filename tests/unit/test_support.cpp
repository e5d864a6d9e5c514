#include "test_support.hpp"

#include "text_util.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace wincompat::test {

LintOptions options_from_words(const std::vector<std::string> &words) {
  LintOptions options;
  options.jobs = 1;
  options.settings.today = "2026-11-23";
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string &word = words[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= words.size()) {
        throw std::runtime_error("option " + word + " needs a value");
      }
      return words[++i];
    };
    if (word == "--host") {
      auto host = parse_host_spec(value(), ReleaseCatalog::builtin());
      if (!host) {
        throw std::runtime_error("bad --host in test options");
      }
      options.settings.hosts.push_back(*host);
    } else if (word == "--isolation") {
      options.settings.isolation = parse_isolation(value()).value();
    } else if (word == "--build-arg") {
      const std::string pair = value();
      options.build_args[pair.substr(0, pair.find('='))] = pair.substr(pair.find('=') + 1);
    } else if (word == "--today") {
      options.settings.today = value();
    } else if (word == "--select") {
      for (const auto &code : split(value(), ',')) {
        options.select.push_back(code);
      }
    } else {
      throw std::runtime_error("unknown test option " + word);
    }
  }
  return options;
}

FileResult run(const std::string &text, const std::vector<std::string> &words, const std::string &name) {
  return lint_text(name, text, options_from_words(words));
}

std::vector<std::string> codes(const std::string &text, const std::vector<std::string> &words,
                               const std::string &name) {
  std::vector<std::string> out;
  for (const auto &d : run(text, words, name).diagnostics) {
    out.push_back(d.code);
  }
  return out;
}

bool fires(const std::string &code, const std::string &text, const std::vector<std::string> &words) {
  std::vector<std::string> all = words;
  all.push_back("--select");
  all.push_back(code);
  for (const auto &c : codes(text, all)) {
    if (c == code) {
      return true;
    }
  }
  return false;
}

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string source_dir() { return WINCOMPAT_SOURCE_DIR; }

} // namespace wincompat::test
