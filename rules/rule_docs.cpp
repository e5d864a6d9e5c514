#include "rule_docs.hpp"

#include "text_util.hpp"

namespace wincompat {

namespace {

/// The text's lines, without their line breaks.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return lines;
}

template <typename T, size_t N>
std::optional<T> word_of(std::string_view word, const std::pair<std::string_view, T> (&words)[N]) {
  for (const auto &[text, value] : words) {
    if (text == word) {
      return value;
    }
  }
  return std::nullopt;
}

constexpr std::pair<std::string_view, Severity> kSeverities[] = {
    {"error", Severity::Error}, {"warning", Severity::Warning}, {"info", Severity::Info}};
constexpr std::pair<std::string_view, Target> kTargets[] = {
    {"dockerfile", Target::Dockerfile}, {"kubernetes", Target::Kubernetes}, {"any", Target::Any}};
constexpr std::pair<std::string_view, Scope> kScopes[] = {{"file", Scope::File}, {"run", Scope::Run}};
constexpr std::pair<std::string_view, Merge> kMerges[] = {
    {"none", Merge::None}, {"first-per-run", Merge::FirstPerRun}, {"one-per-image", Merge::OnePerImage}};

class DocReader {
public:
  DocReader(RuleMeta &meta, std::deque<std::string> &storage) : meta_(meta), storage_(storage) {}

  std::optional<std::string> front_matter(std::string_view key, std::string_view value) {
    const auto set = [&](auto &field, const auto &words) -> std::optional<std::string> {
      if (const auto parsed = word_of(value, words)) {
        field = *parsed;
        return std::nullopt;
      }
      return std::string(key) + ": unknown value '" + std::string(value) + "'";
    };
    if (key == "name") {
      meta_.name = value;
    } else if (key == "example-options") {
      meta_.example_options = value;
    } else if (key == "severity") {
      return set(meta_.default_severity, kSeverities);
    } else if (key == "target") {
      return set(meta_.target, kTargets);
    } else if (key == "scope") {
      return set(meta_.scope, kScopes);
    } else if (key == "merge") {
      return set(meta_.merge, kMerges);
    } else if (key == "yields-to") {
      for (const std::string &word : split(value, ',')) {
        const std::optional<RuleCode> code = find_rule(trim(word));
        if (!code) {
          return "yields-to: unknown rule '" + std::string(trim(word)) + "'";
        }
        meta_.yields_to.push_back(*code);
      }
    } else {
      return "unknown front matter key '" + std::string(key) + "'";
    }
    return std::nullopt;
  }

  /// The field a `## ` heading fills, and whether it is a fenced example.
  std::optional<std::pair<std::string_view *, bool>> section(std::string_view title) {
    if (title == "Summary") {
      return std::pair{&meta_.summary, false};
    }
    if (title == "Rationale") {
      return std::pair{&meta_.rationale, false};
    }
    if (title == "Bad example") {
      return std::pair{&meta_.example_bad, true};
    }
    if (title == "Good example") {
      return std::pair{&meta_.example_good, true};
    }
    if (title == "Fix") {
      return std::pair{&meta_.fix, false};
    }
    return std::nullopt;
  }

  /// A paragraph section's lines: lines joined with spaces, paragraphs with a blank line.
  std::string_view prose(const std::vector<std::string_view> &lines) {
    std::string text;
    bool blank = false;
    for (const std::string_view line : lines) {
      if (line.empty()) {
        blank = !text.empty();
        continue;
      }
      text += text.empty() ? "" : blank ? "\n\n" : " ";
      text += line;
      blank = false;
    }
    return storage_.emplace_back(std::move(text));
  }

private:
  RuleMeta &meta_;
  std::deque<std::string> &storage_;
};

/// A fenced example's text: the lines between its fences, without the last line break.
std::optional<std::string_view> fenced(std::string_view text, const std::vector<std::string_view> &lines) {
  size_t first = 0;
  while (first < lines.size() && lines[first].empty()) {
    ++first;
  }
  size_t last = lines.size();
  while (last > first && lines[last - 1].empty()) {
    --last;
  }
  if (last - first < 3 || !lines[first].starts_with("```") || lines[last - 1] != "```") {
    return std::nullopt;
  }
  const char *begin = lines[first + 1].data();
  const char *end = lines[last - 2].data() + lines[last - 2].size();
  return text.substr(static_cast<size_t>(begin - text.data()), static_cast<size_t>(end - begin));
}

} // namespace

std::optional<std::string> parse_rule_doc(std::string_view text, RuleMeta &meta,
                                          std::deque<std::string> &storage) {
  const std::vector<std::string_view> lines = lines_of(text);
  DocReader reader(meta, storage);
  if (lines.empty() || lines[0] != "---") {
    return "the file must start with a front matter between `---` lines";
  }
  size_t i = 1;
  for (; i < lines.size() && lines[i] != "---"; ++i) {
    const size_t colon = lines[i].find(": ");
    if (colon == std::string_view::npos) {
      return "front matter line " + std::to_string(i + 1) + " is not `key: value`";
    }
    if (auto error = reader.front_matter(lines[i].substr(0, colon), trim(lines[i].substr(colon + 2)))) {
      return error;
    }
  }
  if (i == lines.size()) {
    return "the front matter has no closing `---`";
  }
  std::vector<std::string_view> seen;
  for (++i; i < lines.size();) {
    if (lines[i].empty()) {
      ++i;
      continue;
    }
    if (!lines[i].starts_with("## ")) {
      return "line " + std::to_string(i + 1) + " is outside a `## ` section";
    }
    const std::string_view title = lines[i].substr(3);
    const auto field = reader.section(title);
    if (!field || std::find(seen.begin(), seen.end(), title) != seen.end()) {
      return "unknown or repeated section '" + std::string(title) + "'";
    }
    seen.push_back(title);
    std::vector<std::string_view> body;
    bool in_fence = false;
    for (++i; i < lines.size() && (in_fence || !lines[i].starts_with("## ")); ++i) {
      in_fence = lines[i].starts_with("```") ? !in_fence : in_fence;
      body.push_back(lines[i]);
    }
    if (field->second) {
      const std::optional<std::string_view> example = fenced(text, body);
      if (!example) {
        return "section '" + std::string(title) + "' must hold one fenced block";
      }
      *field->first = *example;
    } else {
      *field->first = reader.prose(body);
    }
  }
  if (seen.size() != 5) {
    return "the sections are Summary, Rationale, Bad example, Good example and Fix";
  }
  if (meta.name.empty()) {
    return "the front matter has no `name`";
  }
  return std::nullopt;
}

} // namespace wincompat
