#include "sniff.hpp"

#include "text_util.hpp"
#include "wincompat/engine.hpp"

#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace wincompat {

bool is_json_name(std::string_view path) {
  return to_lower(path).ends_with(".json");
}

bool may_hold_kubernetes_json(std::string_view text) {
  return text.find("\"apiVersion\"") != std::string_view::npos &&
         text.find("\"kind\"") != std::string_view::npos;
}

bool looks_like_dockerfile(std::string_view text) {
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = trim(text.substr(at, end - at));
    at = end + 1;
    if (line.empty() || line[0] == '#') {
      continue; // blank, a comment, or a parser directive (# syntax=, # escape=)
    }
    size_t word = 0;
    while (word < line.size() && std::isalpha(static_cast<unsigned char>(line[word]))) {
      ++word;
    }
    const std::string keyword = to_upper(line.substr(0, word));
    const bool separated = word < line.size() && (line[word] == ' ' || line[word] == '\t');
    return (keyword == "FROM" || keyword == "ARG") && separated;
  }
  return false;
}

std::string chart_directory_of(const std::string &path) {
  std::error_code ec;
  fs::path dir = fs::absolute(path, ec).parent_path();
  for (int depth = 0; depth < 8 && !dir.empty(); ++depth) {
    if (fs::is_regular_file(dir / "Chart.yaml", ec)) {
      return dir.string();
    }
    if (fs::exists(dir / ".git", ec) || dir == dir.parent_path()) {
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

} // namespace wincompat
