#include "sniff.hpp"

#include "repository.hpp"
#include "text_util.hpp"
#include "wincompat/paths.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace wincompat {

bool is_json_name(std::string_view path) {
  return to_lower(path).ends_with(".json");
}

bool may_hold_kubernetes_json(std::string_view text) {
  return text.find("\"apiVersion\"") != std::string_view::npos &&
         text.find("\"kind\"") != std::string_view::npos;
}

namespace {

std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> words;
  size_t at = 0;
  while (at < line.size()) {
    const size_t start = line.find_first_not_of(" \t", at);
    if (start == std::string_view::npos) {
      break;
    }
    const size_t end = std::min(line.find_first_of(" \t", start), line.size());
    words.push_back(line.substr(start, end - start));
    at = end;
  }
  return words;
}

bool is_arg_name(std::string_view word) {
  const std::string_view name = word.substr(0, word.find('='));
  return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

/// `FROM [--flag=...] image [AS name]` or `ARG NAME[=value] ...`: the shape
/// of the instruction, so that prose starting with "From" is not taken.
bool instruction_shape(const std::vector<std::string_view> &words) {
  const std::string keyword = to_upper(words.front());
  std::vector<std::string_view> rest(words.begin() + 1, words.end());
  if (!rest.empty() && (rest.back() == "\\" || rest.back() == "`")) {
    return !rest.empty(); // continued on the next line
  }
  if (keyword == "ARG") {
    // `ARG NAME`, `ARG NAME=value` (a quoted value may hold spaces), `ARG A=1 B=2`.
    return !rest.empty() && is_arg_name(rest.front()) &&
           (rest.size() == 1 || rest.front().find('=') != std::string_view::npos ||
            std::all_of(rest.begin(), rest.end(), is_arg_name));
  }
  if (keyword != "FROM") {
    return false;
  }
  while (!rest.empty() && rest.front().starts_with("--")) {
    rest.erase(rest.begin());
  }
  return rest.size() == 1 || (rest.size() == 3 && to_upper(rest[1]) == "AS");
}

} // namespace

bool looks_like_dockerfile(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    const std::string_view line = trim(next_line(text, at));
    if (line.empty() || line[0] == '#') {
      continue; // blank, a comment, or a parser directive (# syntax=, # escape=)
    }
    return instruction_shape(words_of(line));
  }
  return false;
}

std::string chart_directory_of(const std::string &path) {
  std::error_code ec;
  const DiskFileSystem disk;
  fs::path dir = fs::absolute(path, ec).parent_path();
  for (int depth = 0; depth < 8 && !dir.empty(); ++depth) {
    if (fs::is_regular_file(dir / "Chart.yaml", ec)) {
      return dir.string();
    }
    if (is_search_top(dir, disk)) {
      break;
    }
    dir = dir.parent_path();
  }
  return "";
}

std::string unrendered_template_message(const std::string &path, const std::string &fs_path) {
  std::string message = path + " is an unrendered Helm template: its documents with template actions "
                               "({{ ... }}) were not linted. ";
  const std::string chart = chart_directory_of(fs_path);
  if (!chart.empty()) {
    return message + "Lint the chart directory instead: wincompat lint " + display_path(chart);
  }
  return message + "Lint the chart directory (the folder holding Chart.yaml), or the rendered output: "
                   "helm template CHART | wincompat lint --stdin-filename rendered.yaml -";
}

std::string not_linted_message(const std::string &path) {
  return path + " is neither a Dockerfile nor a Kubernetes manifest; not linted (use --kind dockerfile "
                "or --kind yaml to force)";
}

std::optional<Span> dockerfile_template_action(std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = text.substr(start, end - start);
    const size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] != '#') {
      const std::string_view rest = line.substr(first);
      const bool from_line = rest.size() > 4 && to_lower(rest.substr(0, 4)) == "from" &&
                             std::isspace(static_cast<unsigned char>(rest[4]));
      const size_t action = rest.starts_with("{{") ? 0 : from_line ? rest.find("{{") : std::string_view::npos;
      if (action != std::string_view::npos) {
        const auto at = static_cast<uint32_t>(start + first + action);
        return Span{at, at + 2};
      }
    }
    start = end + 1;
  }
  return std::nullopt;
}

} // namespace wincompat
