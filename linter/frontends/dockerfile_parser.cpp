// A Dockerfile parser that follows BuildKit's frontend (moby/buildkit
// frontend/dockerfile/parser): directives, comments, continuations, heredocs.
#include "wincompat/dockerfile.hpp"

#include "text_util.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace wincompat {

uint32_t MappedText::origin_of(size_t index) const {
  if (runs.empty()) {
    return origin.empty() ? 0 : origin[std::min(index, origin.size() - 1)];
  }
  auto it =
      std::upper_bound(runs.begin(), runs.end(), index, [](size_t i, const Run &run) { return i < run.at; });
  const Run &run = it == runs.begin() ? runs.front() : *std::prev(it);
  return run.origin + static_cast<uint32_t>(index - run.at);
}

Span MappedText::span(size_t begin, size_t end) const {
  if (text.empty() && origin.empty()) {
    return {};
  }
  const size_t size = std::max(text.size(), origin.size());
  begin = std::min(begin, size - 1);
  end = std::min(std::max(end, begin + 1), size);
  return {origin_of(begin), origin_of(end - 1) + 1};
}

MappedText MappedText::substr(size_t begin, size_t end) const {
  MappedText out;
  end = std::min(end, text.size());
  if (begin >= end) {
    return out;
  }
  out.text = text.substr(begin, end - begin);
  if (runs.empty()) {
    if (!origin.empty()) {
      out.origin.assign(origin.begin() + static_cast<long>(begin), origin.begin() + static_cast<long>(end));
    }
    return out;
  }
  out.runs.push_back({0, origin_of(begin)});
  for (const Run &run : runs) {
    if (run.at > begin && run.at < end) {
      out.runs.push_back({static_cast<uint32_t>(run.at - begin), run.origin});
    }
  }
  return out;
}

void MappedText::append(const std::string &file, uint32_t begin, uint32_t end) {
  runs.push_back({static_cast<uint32_t>(text.size()), begin});
  text.append(file, begin, end - begin);
}

namespace {

struct PhysicalLine {
  uint32_t begin; // first byte
  uint32_t end;   // end of content: before "\n" and a trailing "\r"
};

/// Lines as BuildKit's scanner sees them: split at LF, one trailing CR dropped.
std::vector<PhysicalLine> physical_lines(const std::string &text) {
  std::vector<PhysicalLine> lines;
  uint32_t start = 0;
  const auto size = static_cast<uint32_t>(text.size());
  while (start < size) {
    size_t newline = text.find('\n', start);
    uint32_t stop = newline == std::string::npos ? size : static_cast<uint32_t>(newline);
    uint32_t end = (stop > start && text[stop - 1] == '\r') ? stop - 1 : stop;
    lines.push_back({start, end});
    start = stop + 1;
  }
  return lines;
}

bool is_go_space(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n';
}

uint32_t skip_leading_space(const std::string &text, uint32_t begin, uint32_t end) {
  while (begin < end && is_go_space(text[begin])) {
    ++begin;
  }
  return begin;
}

/// BuildKit's line-continuation test: the escape token, then only blanks.
/// Returns the content end without the continuation, or nullopt.
std::optional<uint32_t> continuation_end(const std::string &text, uint32_t begin, uint32_t end, char escape) {
  uint32_t i = end;
  while (i > begin && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
    --i;
  }
  if (i > begin && text[i - 1] == escape) {
    return i - 1;
  }
  return std::nullopt;
}

const std::set<std::string> &known_instructions() {
  static const std::set<std::string> names{
      "ADD",   "ARG",        "CMD",     "COPY", "ENTRYPOINT", "ENV",        "EXPOSE", "FROM",   "HEALTHCHECK",
      "LABEL", "MAINTAINER", "ONBUILD", "RUN",  "SHELL",      "STOPSIGNAL", "USER",   "VOLUME", "WORKDIR"};
  return names;
}

/// Optimal string alignment distance: a swap of neighbours (CPOY) counts once.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string unknown_instruction_message(const std::string &keyword) {
  std::string message = "unknown instruction '" + keyword + "'";
  for (const auto &known : known_instructions()) {
    if (edit_distance(keyword, known) <= (keyword.size() >= 5 ? 2u : 1u)) {
      return message + " (did you mean " + known + "?)";
    }
  }
  return message;
}

class Parser {
public:
  explicit Parser(const SourceFile &source) : text_(source.text()), lines_(physical_lines(source.text())) {}

  ParsedDockerfile run() {
    while (index_ < lines_.size()) {
      parse_next();
    }
    return std::move(out_);
  }

private:
  void error(std::string message, Span span) {
    out_.errors.push_back({std::move(message), span});
  }

  Span line_span(size_t index) const {
    return {lines_[index].begin, lines_[index].end};
  }

  /// `# name = value` before anything else; returns true when it was one.
  bool try_directive(uint32_t begin, uint32_t end) {
    if (directives_done_) {
      return false;
    }
    std::string_view line(text_.data() + begin, end - begin);
    size_t i = 0;
    if (line.empty() || line[0] != '#') {
      directives_done_ = true;
      return false;
    }
    ++i;
    while (i < line.size() && is_go_space(line[i])) {
      ++i;
    }
    const size_t name_begin = i;
    if (i >= line.size() || !std::isalpha(static_cast<unsigned char>(line[i]))) {
      directives_done_ = true;
      return false;
    }
    while (i < line.size() && std::isalnum(static_cast<unsigned char>(line[i]))) {
      ++i;
    }
    const std::string name = to_lower(line.substr(name_begin, i - name_begin));
    while (i < line.size() && is_go_space(line[i])) {
      ++i;
    }
    if (i >= line.size() || line[i] != '=') {
      directives_done_ = true;
      return false;
    }
    const std::string value(trim(line.substr(i + 1)));
    if (value.empty() || (name != "escape" && name != "syntax" && name != "check")) {
      directives_done_ = true;
      return false;
    }
    const Span span{begin, end};
    if (out_.directives.count(name)) {
      error("only one '" + name + "' parser directive can be used", span);
      return true;
    }
    out_.directives[name] = value;
    if (name == "escape") {
      if (value == "`" || value == "\\") {
        out_.escape = value[0];
      } else {
        error("invalid escape directive '" + value + "': it must be ` or \\", span);
      }
    }
    return true;
  }

  void add_comment(uint32_t begin, uint32_t end) {
    std::string_view body(text_.data() + begin + 1, end - begin - 1);
    out_.comments.push_back({std::string(trim(body)), Span{begin, end}, static_cast<uint32_t>(index_)});
  }

  void parse_next() {
    const PhysicalLine first = lines_[index_];
    uint32_t begin = first.begin;
    begin = skip_leading_space(text_, begin, first.end);
    if (try_directive(begin, first.end)) {
      add_comment(begin, first.end);
      ++index_;
      return;
    }
    if (begin < first.end && text_[begin] == '#') {
      add_comment(begin, first.end);
      ++index_;
      return;
    }
    if (begin == first.end) {
      ++index_;
      return;
    }
    const size_t first_index = index_;
    MappedText logical;
    auto cont = continuation_end(text_, begin, first.end, out_.escape);
    logical.append(text_, begin, cont.value_or(first.end));
    uint32_t last_end = first.end;
    while (cont && index_ + 1 < lines_.size()) {
      ++index_;
      const PhysicalLine line = lines_[index_];
      const uint32_t content = skip_leading_space(text_, line.begin, line.end);
      if (content < line.end && text_[content] == '#') {
        add_comment(content, line.end);
        continue;
      }
      if (content == line.end) {
        continue; // an empty continuation line (deprecated, still accepted)
      }
      cont = continuation_end(text_, line.begin, line.end, out_.escape);
      logical.append(text_, line.begin, cont.value_or(line.end));
      last_end = line.end;
    }
    ++index_;
    build_instruction(std::move(logical), first_index, last_end);
  }

  void build_instruction(MappedText logical, size_t first_index, uint32_t last_end) {
    Instruction inst;
    size_t i = 0;
    while (i < logical.text.size() && !is_go_space(logical.text[i])) {
      ++i;
    }
    inst.keyword = to_upper(logical.text.substr(0, i));
    inst.keyword_span = logical.span(0, i);
    while (i < logical.text.size() && is_go_space(logical.text[i])) {
      ++i;
    }
    size_t args_end = logical.text.size();
    while (args_end > i && is_go_space(logical.text[args_end - 1])) {
      --args_end;
    }
    inst.args = logical.substr(i, args_end);
    inst.line = static_cast<uint32_t>(first_index);
    inst.span = {inst.keyword_span.begin, last_end};
    if (!known_instructions().count(inst.keyword)) {
      error(unknown_instruction_message(inst.keyword), inst.keyword_span);
    }
    if (can_contain_heredoc(inst)) {
      read_heredocs(inst);
    }
    inst.end_line = static_cast<uint32_t>(index_ == 0 ? 0 : index_ - 1);
    out_.instructions.push_back(std::move(inst));
  }

  static bool can_contain_heredoc(const Instruction &inst) {
    const auto heredoc_keyword = [](std::string_view word) {
      return iequals(word, "RUN") || iequals(word, "COPY") || iequals(word, "ADD");
    };
    if (inst.keyword == "ONBUILD") {
      const std::string &args = inst.args.text;
      return heredoc_keyword(std::string_view(args).substr(0, args.find_first_of(" \t")));
    }
    return heredoc_keyword(inst.keyword);
  }

  /// Words like <<EOF, <<-EOF, <<"EOF", 3<<EOF open heredocs whose bodies
  /// follow the instruction, in order.
  void read_heredocs(Instruction &inst) {
    if (inst.args.text.find("<<") == std::string::npos) {
      return;
    }
    for (const Word &word : split_words(inst.args, out_.escape)) {
      const std::string &raw = word.raw.text;
      size_t i = 0;
      while (i < raw.size() && std::isdigit(static_cast<unsigned char>(raw[i]))) {
        ++i;
      }
      if (raw.compare(i, 2, "<<") != 0) {
        continue;
      }
      i += 2;
      Heredoc doc;
      if (i < raw.size() && raw[i] == '-') {
        doc.strip_tabs = true;
        ++i;
      }
      std::string name = raw.substr(i);
      if (name.empty() || name.find('<') != std::string::npos) {
        continue;
      }
      if (name.find_first_of("\"'") != std::string::npos) {
        doc.quoted = true;
        std::string unquoted;
        for (char c : name) {
          if (c != '"' && c != '\'') {
            unquoted += c;
          }
        }
        name = unquoted;
      }
      if (name.empty()) {
        continue;
      }
      doc.delimiter = name;
      read_heredoc_body(inst, doc, word.span);
      inst.heredocs.push_back(doc);
    }
  }

  void read_heredoc_body(Instruction &inst, Heredoc &doc, Span opener) {
    const uint32_t body_begin =
        index_ < lines_.size() ? lines_[index_].begin : static_cast<uint32_t>(text_.size());
    while (index_ < lines_.size()) {
      const PhysicalLine line = lines_[index_];
      uint32_t begin = line.begin;
      if (doc.strip_tabs) {
        while (begin < line.end && text_[begin] == '\t') {
          ++begin;
        }
      }
      ++index_;
      if (text_.compare(begin, line.end - begin, doc.delimiter) == 0 &&
          line.end - begin == doc.delimiter.size()) {
        doc.body = {body_begin, line.begin};
        inst.span.end = line.end;
        return;
      }
    }
    doc.body = {body_begin, static_cast<uint32_t>(text_.size())};
    inst.span.end = static_cast<uint32_t>(text_.size());
    error("unterminated heredoc: no line '" + doc.delimiter + "' closes it", opener);
  }

  const std::string &text_;
  std::vector<PhysicalLine> lines_;
  size_t index_ = 0;
  bool directives_done_ = false;
  ParsedDockerfile out_;
};

} // namespace

bool is_known_instruction(std::string_view keyword) {
  return known_instructions().count(std::string(keyword)) > 0;
}

ParsedDockerfile parse_dockerfile(const SourceFile &source) {
  ParsedDockerfile parsed = Parser(source).run();
  // Editors show a lone CR (classic Mac line end) as a line break; BuildKit's
  // scanner does not, so what follows joins the line. Say so once, where it is.
  const std::string &text = source.text();
  size_t line_end = 0;
  for (size_t at = text.find('\r'); at != std::string::npos; at = text.find('\r', line_end)) {
    line_end = std::min(text.find('\n', at), text.size()); // later CRs of the line: same verdict
    // Harmless when only blanks and CRs follow it on the line ("\r\r\n").
    if (text.find_first_not_of(" \t\r", at) < line_end) {
      parsed.errors.push_back(
          {"carriage return without a line feed (classic Mac line end): Docker ends lines "
           "only at LF, so the text after it continues this line; save the file with LF "
           "or CRLF line ends",
           Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + 1)}});
      break;
    }
  }
  if (parsed.instructions.empty()) {
    const uint32_t end = static_cast<uint32_t>(source.text().size());
    parsed.errors.push_back({source.text().empty() ? "the Dockerfile is empty: Docker refuses to build it"
                                                   : "the Dockerfile has no instructions",
                             Span{0, std::min<uint32_t>(end, static_cast<uint32_t>(source.line(0).size()))}});
  }
  return parsed;
}

std::vector<Word> split_words(const MappedText &args, char escape) {
  // BuildKit's parseWords: words keep their quotes and escapes; those are
  // removed later by the shell-word expansion.
  std::vector<Word> words;
  const std::string &s = args.text;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_go_space(s[i])) {
      ++i;
    }
    if (i >= s.size()) {
      break;
    }
    const size_t start = i;
    char quote = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (quote) {
        if (c == quote) {
          quote = 0;
        } else if (c == escape && quote != '\'' && i + 1 < s.size()) {
          ++i;
        }
        ++i;
        continue;
      }
      if (is_go_space(c)) {
        break;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == escape && i + 1 < s.size()) {
        ++i;
      }
      ++i;
    }
    Word word;
    word.raw = args.substr(start, i);
    word.span = args.span(start, i);
    words.push_back(std::move(word));
  }
  return words;
}

} // namespace wincompat
