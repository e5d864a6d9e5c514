// The Dockerfile front-end on the hard cases BuildKit's parser defines:
// directives, continuations, heredocs, CRLF and BOM, FROM and ARG scoping.
// Every span is checked against the exact text it must cover.
#include "wincompat/dockerfile.hpp"
#include "wincompat/engine.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace wincompat;

namespace {

/// The text a span covers.
std::string at(const std::string &text, Span span) {
  REQUIRE(span.begin <= span.end);
  REQUIRE(span.end <= text.size());
  return text.substr(span.begin, span.end - span.begin);
}

/// The file text the whole of a MappedText came from.
std::string source_of(const std::string &text, const MappedText &mapped) {
  if (mapped.text.empty()) {
    return "";
  }
  return at(text, mapped.span(0, mapped.text.size()));
}

ParsedDockerfile parse(const std::string &text) {
  const SourceFile source("Dockerfile", text);
  return parse_dockerfile(source);
}

/// The first error whose message contains `needle`, or null.
const SyntaxError *find_error(const std::vector<SyntaxError> &errors, const std::string &needle) {
  for (const auto &error : errors) {
    if (error.message.find(needle) != std::string::npos) {
      return &error;
    }
  }
  return nullptr;
}

std::string all_errors(const std::vector<SyntaxError> &errors) {
  std::string out;
  for (const auto &error : errors) {
    out += error.message + "\n";
  }
  return out;
}

std::vector<std::string> keywords(const ParsedDockerfile &parsed) {
  std::vector<std::string> out;
  for (const auto &inst : parsed.instructions) {
    out.push_back(inst.keyword);
  }
  return out;
}

/// A model with the SourceFile it points into kept alive beside it.
struct Built {
  std::unique_ptr<SourceFile> source;
  DockerfileModel model;
  const std::string &text() const {
    return source->text();
  }
};

Built build(const std::string &text, const DockerfileInputs &inputs = {},
            const std::string &path = "Dockerfile") {
  Built out;
  out.source = std::make_unique<SourceFile>(path, text);
  out.model = build_dockerfile_model(*out.source, inputs);
  return out;
}

const std::string kServercore = "mcr.microsoft.com/windows/servercore";

} // namespace

// ---- Parser directives --------------------------------------------------------

TEST_CASE("parser: escape, syntax and check directives at the top of the file", "[parser][directive]") {
  const std::string text = "# syntax=docker/dockerfile:1\n"
                           "# escape=`\n"
                           "# check=skip=all\n"
                           "FROM " +
                           kServercore + ":ltsc2022\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  CHECK(parsed.escape == '`');
  CHECK(parsed.directives.size() == 3);
  CHECK(parsed.directives.at("syntax") == "docker/dockerfile:1");
  CHECK(parsed.directives.at("escape") == "`");
  CHECK(parsed.directives.at("check") == "skip=all");
  // Directive lines are comments too.
  REQUIRE(parsed.comments.size() == 3);
  CHECK(parsed.comments[0].text == "syntax=docker/dockerfile:1");
  CHECK(at(text, parsed.comments[0].span) == "# syntax=docker/dockerfile:1");
  CHECK(parsed.comments[0].line == 0);
  CHECK(at(text, parsed.comments[1].span) == "# escape=`");
  CHECK(parsed.comments[1].line == 1);
  CHECK(parsed.comments[2].line == 2);
  REQUIRE(parsed.instructions.size() == 1);
  CHECK(parsed.instructions[0].line == 3);
  CHECK(at(text, parsed.instructions[0].keyword_span) == "FROM");
}

TEST_CASE("parser: directive names are case-insensitive and allow blanks around '='", "[parser][directive]") {
  for (const std::string line :
       {"#escape=`", "# escape =`", "#\tescape= `", "# escape = `  ", "#  EsCaPe=`", "  # escape=`"}) {
    const ParsedDockerfile parsed = parse(line + "\nFROM alpine\n");
    INFO("directive line: '" << line << "'");
    CHECK(parsed.escape == '`');
    CHECK(parsed.directives.count("escape") == 1);
    CHECK(parsed.errors.empty());
  }
}

TEST_CASE("parser: a directive after a comment is a plain comment", "[parser][directive]") {
  const std::string text = "# About this Dockerfile\n"
                           "# escape=`\n"
                           "FROM alpine\n"
                           "RUN echo a \\\n"
                           "  b\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.escape == '\\');
  CHECK(parsed.directives.empty());
  REQUIRE(parsed.comments.size() == 2);
  CHECK(parsed.comments[0].text == "About this Dockerfile");
  CHECK(parsed.comments[1].text == "escape=`");
  CHECK(parsed.comments[1].line == 1);
  // The backslash still continues lines.
  REQUIRE(parsed.instructions.size() == 2);
  CHECK(parsed.instructions[1].args.text == "echo a   b");
}

TEST_CASE("parser: a directive after a blank line is a plain comment", "[parser][directive]") {
  const ParsedDockerfile parsed = parse("\n# escape=`\nFROM alpine\n");
  CHECK(parsed.escape == '\\');
  CHECK(parsed.directives.empty());
  REQUIRE(parsed.comments.size() == 1);
  CHECK(parsed.comments[0].line == 1);
}

TEST_CASE("parser: a directive after an instruction is a plain comment", "[parser][directive]") {
  const ParsedDockerfile parsed = parse("FROM alpine\n# escape=`\nRUN echo `\n");
  CHECK(parsed.escape == '\\');
  CHECK(parsed.directives.empty());
  REQUIRE(parsed.instructions.size() == 2);
  CHECK(parsed.instructions[1].args.text == "echo `");
}

TEST_CASE("parser: an unknown directive ends directive processing", "[parser][directive]") {
  const ParsedDockerfile parsed = parse("# unknowndirective=value\n# escape=`\nFROM alpine\n");
  CHECK(parsed.escape == '\\');
  CHECK(parsed.directives.empty());
  CHECK(parsed.comments.size() == 2);
  CHECK(parsed.errors.empty());
}

TEST_CASE("parser: a directive may follow another directive only", "[parser][directive]") {
  const ParsedDockerfile parsed = parse("# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine\n");
  CHECK(parsed.escape == '`');
  CHECK(parsed.directives.size() == 2);
}

TEST_CASE("parser: a duplicate directive is an error", "[parser][directive][error]") {
  const std::string text = "# escape=`\n"
                           "# escape=\\\n"
                           "FROM alpine\n";
  const ParsedDockerfile parsed = parse(text);
  const SyntaxError *error = find_error(parsed.errors, "only one 'escape' parser directive");
  INFO(all_errors(parsed.errors));
  REQUIRE(error != nullptr);
  CHECK(at(text, error->span) == "# escape=\\");
  // The first one stands.
  CHECK(parsed.escape == '`');
  CHECK(parsed.directives.at("escape") == "`");
  SECTION("for syntax too") {
    const std::string twice = "# syntax=a\n# syntax=b\nFROM alpine\n";
    const ParsedDockerfile p = parse(twice);
    const SyntaxError *e = find_error(p.errors, "only one 'syntax' parser directive");
    REQUIRE(e != nullptr);
    CHECK(at(twice, e->span) == "# syntax=b");
    CHECK(p.directives.at("syntax") == "a");
  }
}

TEST_CASE("parser: an escape directive must be a backslash or a backtick", "[parser][directive][error]") {
  const std::string text = "# escape=x\nFROM alpine\n";
  const ParsedDockerfile parsed = parse(text);
  const SyntaxError *error = find_error(parsed.errors, "invalid escape directive 'x'");
  INFO(all_errors(parsed.errors));
  REQUIRE(error != nullptr);
  CHECK(at(text, error->span) == "# escape=x");
  CHECK(parsed.escape == '\\');
  SECTION("the explicit default is fine") {
    const ParsedDockerfile p = parse("# escape=\\\nFROM alpine\n");
    CHECK(p.errors.empty());
    CHECK(p.escape == '\\');
  }
}

// ---- Continuations ------------------------------------------------------------

TEST_CASE("parser: a trailing backslash continues the line", "[parser][continuation]") {
  const std::string text = "FROM alpine\n"
                           "RUN echo hello \\\n"
                           "    world\n"
                           "USER app\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "RUN", "USER"});
  const Instruction &run = parsed.instructions[1];
  CHECK(run.keyword == "RUN");
  CHECK(at(text, run.keyword_span) == "RUN");
  CHECK(run.args.text == "echo hello     world");
  CHECK(source_of(text, run.args) == "echo hello \\\n    world");
  CHECK(at(text, run.span) == "RUN echo hello \\\n    world");
  CHECK(run.line == 1);
  CHECK(run.end_line == 2);
  // Each byte of the joined text maps back to its line.
  const size_t world = run.args.text.find("world");
  CHECK(at(text, run.args.span(world, world + 5)) == "world");
  CHECK(run.args.origin_of(world) == text.find("world"));
  CHECK(run.args.origin_of(0) == text.find("echo"));
  CHECK(parsed.instructions[2].line == 3);
}

TEST_CASE("parser: a backtick continues the line under the backtick escape", "[parser][continuation]") {
  const std::string text = "# escape=`\n"
                           "FROM " +
                           kServercore +
                           ":ltsc2022\n"
                           "WORKDIR C:\\app\\\n"
                           "RUN powershell -Command `\n"
                           "    Write-Host hi\n"
                           "COPY . C:\\app\\\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "WORKDIR", "RUN", "COPY"});
  // A backslash is an ordinary character: Windows paths end in one.
  const Instruction &workdir = parsed.instructions[1];
  CHECK(workdir.args.text == "C:\\app\\");
  CHECK(source_of(text, workdir.args) == "C:\\app\\");
  CHECK(workdir.line == 2);
  CHECK(workdir.end_line == 2);
  const Instruction &run = parsed.instructions[2];
  CHECK(run.args.text == "powershell -Command     Write-Host hi");
  CHECK(at(text, run.span) == "RUN powershell -Command `\n    Write-Host hi");
  CHECK(run.line == 3);
  CHECK(run.end_line == 4);
  const Instruction &copy = parsed.instructions[3];
  CHECK(copy.args.text == ". C:\\app\\");
  CHECK(copy.line == 5);
}

TEST_CASE("parser: without the backtick escape a Windows path's trailing backslash continues",
          "[parser][continuation]") {
  // BuildKit's documented pitfall: "WORKDIR C:\app\" swallows the next line.
  const std::string text = "FROM " + kServercore +
                           ":ltsc2022\n"
                           "WORKDIR C:\\app\\\n"
                           "COPY . .\n";
  const ParsedDockerfile parsed = parse(text);
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "WORKDIR"});
  CHECK(parsed.instructions[1].args.text == "C:\\appCOPY . .");
  CHECK(at(text, parsed.instructions[1].span) == "WORKDIR C:\\app\\\nCOPY . .");
}

TEST_CASE("parser: blanks after the escape character still continue the line", "[parser][continuation]") {
  SECTION("backslash") {
    const std::string text = "FROM alpine\nRUN a \\  \t\nb\n";
    const ParsedDockerfile parsed = parse(text);
    REQUIRE(parsed.instructions.size() == 2);
    CHECK(parsed.instructions[1].args.text == "a b");
    CHECK(parsed.instructions[1].end_line == 2);
  }
  SECTION("backtick") {
    const std::string text = "# escape=`\nFROM alpine\nRUN a ` \t \n  b\n";
    const ParsedDockerfile parsed = parse(text);
    REQUIRE(parsed.instructions.size() == 2);
    CHECK(parsed.instructions[1].args.text == "a   b");
  }
  SECTION("an escape followed by other text does not") {
    const ParsedDockerfile parsed = parse("FROM alpine\nRUN a \\ b\nUSER x\n");
    CHECK(parsed.instructions.size() == 3);
  }
}

TEST_CASE("parser: a doubled escape at the end of a line still continues it", "[parser][continuation]") {
  // BuildKit's continuation test is a regular expression on the line's end;
  // it does not pair escapes.
  const ParsedDockerfile parsed = parse("FROM alpine\nRUN echo \\\\\nUSER x\n");
  REQUIRE(parsed.instructions.size() == 2);
  CHECK(parsed.instructions[1].args.text == "echo \\USER x");
}

TEST_CASE("parser: comment lines and blank lines inside a continuation are skipped",
          "[parser][continuation]") {
  const std::string text = "FROM alpine\n"
                           "RUN apt-get update && \\\n"
                           "    # install curl\n"
                           "    apt-get install -y curl \\\n"
                           "\n"
                           "   \n"
                           "    && echo done\n"
                           "USER app\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "RUN", "USER"});
  const Instruction &run = parsed.instructions[1];
  CHECK(run.args.text == "apt-get update &&     apt-get install -y curl     && echo done");
  CHECK(run.line == 1);
  CHECK(run.end_line == 6);
  CHECK(at(text, run.span).ends_with("    && echo done"));
  CHECK(at(text, run.span).starts_with("RUN apt-get update"));
  // The comment is still recorded, at its own line.
  REQUIRE(parsed.comments.size() == 1);
  CHECK(parsed.comments[0].text == "install curl");
  CHECK(parsed.comments[0].line == 2);
  CHECK(at(text, parsed.comments[0].span) == "# install curl");
  // The comment's text is not part of the arguments.
  CHECK(run.args.text.find("install curl") == std::string::npos);
  CHECK(parsed.instructions[2].line == 7);
}

TEST_CASE("parser: a continuation right after the keyword", "[parser][continuation]") {
  const std::string text = "FROM alpine\nRUN \\\n  echo hi\n";
  const ParsedDockerfile parsed = parse(text);
  REQUIRE(parsed.instructions.size() == 2);
  const Instruction &run = parsed.instructions[1];
  CHECK(run.keyword == "RUN");
  CHECK(at(text, run.keyword_span) == "RUN");
  CHECK(run.args.text == "echo hi");
  CHECK(source_of(text, run.args) == "echo hi");
}

TEST_CASE("parser: a continuation at the end of the file ends the instruction", "[parser][continuation]") {
  const std::string text = "FROM alpine\nRUN echo \\";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(parsed.instructions.size() == 2);
  CHECK(parsed.instructions[1].args.text == "echo");
  CHECK(parsed.instructions[1].end_line == 1);
}

TEST_CASE("parser: a 5,000-line continuation is one instruction", "[parser][continuation]") {
  std::string text = "FROM alpine\nRUN echo 0 \\\n";
  for (int i = 1; i < 4999; ++i) {
    text += "  && echo " + std::to_string(i) + " \\\n";
  }
  const std::string last = "  && echo 4999";
  text += last + "\nUSER app\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "RUN", "USER"});
  const Instruction &run = parsed.instructions[1];
  CHECK(run.line == 1);
  CHECK(run.end_line == 5000);
  const size_t last_at = text.find(last + "\n");
  CHECK(run.span.begin == text.find("RUN"));
  CHECK(run.span.end == last_at + last.size());
  CHECK(run.args.text.starts_with("echo 0   && echo 1 "));
  CHECK(run.args.text.ends_with("&& echo 4999"));
  CHECK(parsed.instructions[2].line == 5001);
}

// ---- Heredocs -------------------------------------------------------------------

TEST_CASE("parser: a <<EOF heredoc body is not instructions", "[parser][heredoc]") {
  const std::string text = "FROM alpine\n"
                           "RUN <<EOF\n"
                           "echo hello\n"
                           "FROM not-an-instruction\n"
                           "EOF\n"
                           "USER app\n";
  const ParsedDockerfile parsed = parse(text);
  INFO(all_errors(parsed.errors));
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "RUN", "USER"});
  const Instruction &run = parsed.instructions[1];
  CHECK(run.args.text == "<<EOF");
  REQUIRE(run.heredocs.size() == 1);
  const Heredoc &doc = run.heredocs[0];
  CHECK(doc.delimiter == "EOF");
  CHECK_FALSE(doc.strip_tabs);
  CHECK_FALSE(doc.quoted);
  CHECK(at(text, doc.body) == "echo hello\nFROM not-an-instruction\n");
  CHECK(at(text, run.span) == "RUN <<EOF\necho hello\nFROM not-an-instruction\nEOF");
  CHECK(run.line == 1);
  CHECK(run.end_line == 4);
  CHECK(parsed.instructions[2].line == 5);
}

TEST_CASE("parser: '#' lines in a heredoc body are body, not comments", "[parser][heredoc]") {
  const std::string text = "FROM alpine\n"
                           "RUN <<EOF\n"
                           "# escape=`\n"
                           "  # not a comment\n"
                           "EOF\n"
                           "# a comment\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(parsed.comments.size() == 1);
  CHECK(parsed.comments[0].text == "a comment");
  CHECK(parsed.comments[0].line == 5);
  REQUIRE(parsed.instructions.size() == 2);
  CHECK(at(text, parsed.instructions[1].heredocs[0].body) == "# escape=`\n  # not a comment\n");
}

TEST_CASE("parser: a heredoc opened on a continued line starts after the last line", "[parser][heredoc]") {
  const std::string text = "FROM alpine\n"
                           "RUN cat <<EOF \\\n"
                           "    > /etc/motd\n"
                           "hello\n"
                           "EOF\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(parsed.instructions.size() == 2);
  const Instruction &run = parsed.instructions[1];
  CHECK(run.args.text == "cat <<EOF     > /etc/motd");
  REQUIRE(run.heredocs.size() == 1);
  CHECK(at(text, run.heredocs[0].body) == "hello\n");
  CHECK(run.line == 1);
  CHECK(run.end_line == 4);
}

TEST_CASE("parser: a heredoc with a command after the opener", "[parser][heredoc]") {
  const std::string text = "FROM alpine\n"
                           "COPY <<EOF /app/config.json\n"
                           "{\"a\": 1}\n"
                           "EOF\n";
  const ParsedDockerfile parsed = parse(text);
  REQUIRE(parsed.instructions.size() == 2);
  const Instruction &copy = parsed.instructions[1];
  CHECK(copy.args.text == "<<EOF /app/config.json");
  REQUIRE(copy.heredocs.size() == 1);
  CHECK(at(text, copy.heredocs[0].body) == "{\"a\": 1}\n");
}

TEST_CASE("parser: <<-EOF strips leading tabs from the terminator", "[parser][heredoc]") {
  const std::string text = "FROM alpine\n"
                           "RUN <<-EOF\n"
                           "\techo hi\n"
                           "\t\tEOF\n"
                           "USER app\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "RUN", "USER"});
  const Instruction &run = parsed.instructions[1];
  REQUIRE(run.heredocs.size() == 1);
  CHECK(run.heredocs[0].delimiter == "EOF");
  CHECK(run.heredocs[0].strip_tabs);
  CHECK(at(text, run.heredocs[0].body) == "\techo hi\n");
  CHECK(at(text, run.span) == "RUN <<-EOF\n\techo hi\n\t\tEOF");
  CHECK(run.end_line == 3);
}

TEST_CASE("parser: without '-' an indented terminator does not end the heredoc", "[parser][heredoc]") {
  const std::string text = "FROM alpine\n"
                           "RUN <<EOF\n"
                           "x\n"
                           "\tEOF\n"
                           "EOF \n"
                           "EOF\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(parsed.instructions.size() == 2);
  REQUIRE(parsed.instructions[1].heredocs.size() == 1);
  CHECK(at(text, parsed.instructions[1].heredocs[0].body) == "x\n\tEOF\nEOF \n");
  CHECK(parsed.instructions[1].end_line == 5);
}

TEST_CASE("parser: a quoted heredoc delimiter", "[parser][heredoc]") {
  SECTION("double quotes") {
    const std::string text = "FROM alpine\n"
                             "RUN <<\"EOF\" cat\n"
                             "$HOME\n"
                             "EOF\n";
    const ParsedDockerfile parsed = parse(text);
    CHECK(parsed.errors.empty());
    REQUIRE(parsed.instructions.size() == 2);
    REQUIRE(parsed.instructions[1].heredocs.size() == 1);
    const Heredoc &doc = parsed.instructions[1].heredocs[0];
    CHECK(doc.delimiter == "EOF");
    CHECK(doc.quoted);
    CHECK_FALSE(doc.strip_tabs);
    CHECK(at(text, doc.body) == "$HOME\n");
  }
  SECTION("single quotes with <<-") {
    const std::string text = "FROM alpine\nRUN <<-'END'\n\tx\n\tEND\n";
    const ParsedDockerfile parsed = parse(text);
    REQUIRE(parsed.instructions.size() == 2);
    REQUIRE(parsed.instructions[1].heredocs.size() == 1);
    const Heredoc &doc = parsed.instructions[1].heredocs[0];
    CHECK(doc.delimiter == "END");
    CHECK(doc.quoted);
    CHECK(doc.strip_tabs);
  }
}

TEST_CASE("parser: two heredocs on one line are read in order", "[parser][heredoc]") {
  const std::string text = "FROM alpine\n"
                           "COPY <<FILE1 <<FILE2 /dest/\n"
                           "first body\n"
                           "FILE1\n"
                           "second body\n"
                           "FROM still-not-an-instruction\n"
                           "FILE2\n"
                           "USER app\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "COPY", "USER"});
  const Instruction &copy = parsed.instructions[1];
  REQUIRE(copy.heredocs.size() == 2);
  CHECK(copy.heredocs[0].delimiter == "FILE1");
  CHECK(at(text, copy.heredocs[0].body) == "first body\n");
  CHECK(copy.heredocs[1].delimiter == "FILE2");
  CHECK(at(text, copy.heredocs[1].body) == "second body\nFROM still-not-an-instruction\n");
  CHECK(copy.line == 1);
  CHECK(copy.end_line == 6);
  CHECK(at(text, copy.span).ends_with("FILE2"));
  CHECK(parsed.instructions[2].line == 7);
}

TEST_CASE("parser: an empty heredoc body", "[parser][heredoc]") {
  const std::string text = "FROM alpine\nRUN <<EOF\nEOF\nUSER app\n";
  const ParsedDockerfile parsed = parse(text);
  REQUIRE(parsed.instructions.size() == 3);
  REQUIRE(parsed.instructions[1].heredocs.size() == 1);
  const Span body = parsed.instructions[1].heredocs[0].body;
  CHECK(body.begin == body.end);
  CHECK(body.begin == text.find("\nEOF\n") + 1);
}

TEST_CASE("parser: heredocs with CRLF line endings", "[parser][heredoc][crlf]") {
  const std::string text = "FROM alpine\r\nRUN <<EOF\r\necho hi\r\nEOF\r\nUSER app\r\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "RUN", "USER"});
  const Instruction &run = parsed.instructions[1];
  REQUIRE(run.heredocs.size() == 1);
  CHECK(at(text, run.heredocs[0].body) == "echo hi\r\n");
  CHECK(at(text, run.span) == "RUN <<EOF\r\necho hi\r\nEOF");
}

TEST_CASE("parser: only RUN, COPY and ADD open heredocs", "[parser][heredoc]") {
  const std::string text = "FROM alpine\nENV A=<<EOF\nUSER app\nEOF\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(keywords(parsed) == std::vector<std::string>{"FROM", "ENV", "USER", "EOF"});
  CHECK(parsed.instructions[1].heredocs.empty());
  SECTION("ADD does") {
    const std::string add = "FROM alpine\nADD <<EOF /x\nFROM y\nEOF\n";
    const ParsedDockerfile p = parse(add);
    CHECK(keywords(p) == std::vector<std::string>{"FROM", "ADD"});
    CHECK(p.instructions[1].heredocs.size() == 1);
  }
  SECTION("'<<' inside quotes does not") {
    const ParsedDockerfile p = parse("FROM alpine\nRUN echo \"a <<b\"\nUSER app\n");
    CHECK(p.instructions.size() == 3);
    CHECK(p.instructions[1].heredocs.empty());
  }
}

TEST_CASE("parser: ONBUILD RUN opens a heredoc too", "[parser][heredoc]") {
  // BuildKit's heredocCompoundDirectives: ONBUILD wraps RUN/COPY/ADD, whose
  // heredocs are read the same way.
  const std::string text = "FROM alpine\nONBUILD RUN <<EOF\necho hi\nEOF\nUSER app\n";
  const ParsedDockerfile parsed = parse(text);
  INFO(all_errors(parsed.errors));
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "ONBUILD", "USER"});
  REQUIRE(parsed.instructions[1].heredocs.size() == 1);
  CHECK(at(text, parsed.instructions[1].heredocs[0].body) == "echo hi\n");
}

TEST_CASE("parser: an unterminated heredoc is an error", "[parser][heredoc][error]") {
  const std::string text = "FROM alpine\n"
                           "RUN <<EOF\n"
                           "echo hi\n"
                           "FROM other\n";
  const ParsedDockerfile parsed = parse(text);
  const SyntaxError *error = find_error(parsed.errors, "unterminated heredoc");
  INFO(all_errors(parsed.errors));
  REQUIRE(error != nullptr);
  CHECK(error->message.find("EOF") != std::string::npos);
  CHECK(at(text, error->span) == "<<EOF");
  // The rest of the file is the body, not instructions.
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "RUN"});
  REQUIRE(parsed.instructions[1].heredocs.size() == 1);
  CHECK(at(text, parsed.instructions[1].heredocs[0].body) == "echo hi\nFROM other\n");
  CHECK(parsed.instructions[1].span.end == text.size());
}

// ---- Instruction forms ------------------------------------------------------------

TEST_CASE("parser: JSON-form and shell-form arguments are kept as written", "[parser]") {
  const std::string text = "FROM " + kServercore +
                           ":ltsc2022\n"
                           "SHELL [\"powershell\", \"-Command\"]\n"
                           "CMD [\"powershell\", \"-Command\", \"Write-Host hi\"]\n"
                           "ENTRYPOINT cmd /S /C echo hi\n"
                           "RUN [\"cmd\", \\\n"
                           "     \"/S\"]\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "SHELL", "CMD", "ENTRYPOINT", "RUN"});
  CHECK(parsed.instructions[1].args.text == R"(["powershell", "-Command"])");
  CHECK(source_of(text, parsed.instructions[1].args) == R"(["powershell", "-Command"])");
  CHECK(parsed.instructions[2].args.text == R"(["powershell", "-Command", "Write-Host hi"])");
  CHECK(parsed.instructions[3].args.text == "cmd /S /C echo hi");
  CHECK(at(text, parsed.instructions[3].keyword_span) == "ENTRYPOINT");
  CHECK(parsed.instructions[4].args.text == "[\"cmd\",      \"/S\"]");
  CHECK(source_of(text, parsed.instructions[4].args) == "[\"cmd\", \\\n     \"/S\"]");
}

TEST_CASE("parser: instructions are case-insensitive", "[parser]") {
  const std::string text = "from alpine AS build\n"
                           "  rUn echo hi\n"
                           "From build\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "RUN", "FROM"});
  CHECK(at(text, parsed.instructions[0].keyword_span) == "from");
  CHECK(at(text, parsed.instructions[1].keyword_span) == "rUn");
  CHECK(parsed.instructions[1].keyword_span.begin == text.find("rUn"));
  CHECK(at(text, parsed.instructions[1].span) == "rUn echo hi");
  CHECK(at(text, parsed.instructions[2].keyword_span) == "From");
  CHECK(parsed.instructions[2].line == 2);
}

TEST_CASE("parser: arguments are trimmed, the span keeps the whole line", "[parser]") {
  const std::string text = "FROM   alpine:3.19   \n";
  const ParsedDockerfile parsed = parse(text);
  REQUIRE(parsed.instructions.size() == 1);
  CHECK(parsed.instructions[0].args.text == "alpine:3.19");
  CHECK(source_of(text, parsed.instructions[0].args) == "alpine:3.19");
  CHECK(at(text, parsed.instructions[0].span) == "FROM   alpine:3.19   ");
}

TEST_CASE("parser: CRLF line endings are not part of any span", "[parser][crlf]") {
  const std::string text = "# escape=`\r\n"
                           "# a comment\r\n"
                           "FROM " +
                           kServercore +
                           ":ltsc2019\r\n"
                           "RUN echo a `\r\n"
                           "  b\r\n"
                           "WORKDIR C:\\app\r\n";
  const ParsedDockerfile parsed = parse(text);
  CHECK(parsed.errors.empty());
  CHECK(parsed.escape == '`');
  CHECK(parsed.directives.at("escape") == "`");
  REQUIRE(parsed.comments.size() == 2);
  CHECK(at(text, parsed.comments[0].span) == "# escape=`");
  CHECK(parsed.comments[1].text == "a comment");
  CHECK(at(text, parsed.comments[1].span) == "# a comment");
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "RUN", "WORKDIR"});
  const Instruction &from = parsed.instructions[0];
  CHECK(from.args.text == kServercore + ":ltsc2019");
  CHECK(at(text, from.span) == "FROM " + kServercore + ":ltsc2019");
  CHECK(from.line == 2);
  const Instruction &run = parsed.instructions[1];
  CHECK(run.args.text == "echo a   b");
  CHECK(at(text, run.span) == "RUN echo a `\r\n  b");
  CHECK(run.line == 3);
  CHECK(run.end_line == 4);
  const Instruction &workdir = parsed.instructions[2];
  CHECK(workdir.args.text == "C:\\app");
  CHECK(at(text, workdir.span) == "WORKDIR C:\\app");
  CHECK(workdir.line == 5);
  for (const auto &inst : parsed.instructions) {
    CHECK(inst.args.text.find('\r') == std::string::npos);
  }
}

TEST_CASE("parser: a UTF-8 BOM before '# escape=`' (decode_text)", "[parser][bom]") {
  const std::string bytes = "\xEF\xBB\xBF# escape=`\r\n"
                            "FROM " +
                            kServercore +
                            ":ltsc2019\r\n"
                            "WORKDIR C:\\app\\\r\n"
                            "RUN powershell `\r\n"
                            "    -Command Write-Host hi\r\n";
  const ReadOutcome read = decode_text("Dockerfile", bytes, 1u << 20);
  REQUIRE_FALSE(read.error.has_value());
  REQUIRE(read.source != nullptr);
  const SourceFile &source = *read.source;
  CHECK(source.had_bom());
  const std::string &text = source.text();
  REQUIRE(text == bytes.substr(3));
  const ParsedDockerfile parsed = parse_dockerfile(source);
  CHECK(parsed.errors.empty());
  CHECK(parsed.escape == '`');
  REQUIRE(keywords(parsed) == std::vector<std::string>{"FROM", "WORKDIR", "RUN"});
  // Offsets are in the decoded text (no BOM).
  CHECK(parsed.comments[0].span == Span{0, 10});
  CHECK(at(text, parsed.instructions[0].keyword_span) == "FROM");
  CHECK(parsed.instructions[0].keyword_span.begin == 12);
  CHECK(parsed.instructions[1].args.text == "C:\\app\\");
  CHECK(parsed.instructions[2].args.text == "powershell     -Command Write-Host hi");
  CHECK(at(text, parsed.instructions[2].span) == "RUN powershell `\r\n    -Command Write-Host hi");
  SECTION("and the model resolves the FROM and sees Windows") {
    const DockerfileModel model = build_dockerfile_model(source, {});
    REQUIRE(model.stages.size() == 1);
    CHECK(model.stages[0].resolution.os == ImageOs::WindowsBuild);
    CHECK(model.stages[0].resolution.build.build == 17763);
    CHECK(model.windows_evidence);
  }
}

// ---- Errors ---------------------------------------------------------------------------

TEST_CASE("parser: an unknown instruction suggests the nearest one", "[parser][error]") {
  const std::string text = "FROM alpine\n"
                           "RUNN echo hi\n"
                           "cpoy a b\n"
                           "FOOBAR x\n";
  const ParsedDockerfile parsed = parse(text);
  INFO(all_errors(parsed.errors));
  REQUIRE(parsed.errors.size() == 3);
  CHECK(parsed.errors[0].message == "unknown instruction 'RUNN' (did you mean RUN?)");
  CHECK(at(text, parsed.errors[0].span) == "RUNN");
  CHECK(parsed.errors[1].message == "unknown instruction 'CPOY' (did you mean COPY?)");
  CHECK(at(text, parsed.errors[1].span) == "cpoy");
  CHECK(parsed.errors[2].message == "unknown instruction 'FOOBAR'");
  CHECK(at(text, parsed.errors[2].span) == "FOOBAR");
  // They are still instructions, so the lines after them parse.
  CHECK(keywords(parsed) == std::vector<std::string>{"FROM", "RUNN", "CPOY", "FOOBAR"});
  SECTION("a misspelt FROM") {
    const std::string form = "FORM alpine\n";
    const ParsedDockerfile p = parse(form);
    const SyntaxError *error = find_error(p.errors, "did you mean FROM?");
    REQUIRE(error != nullptr);
    CHECK(at(form, error->span) == "FORM");
  }
}

TEST_CASE("is_known_instruction: the eighteen BuildKit instructions, upper-case", "[parser]") {
  for (const char *name :
       {"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
        "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}) {
    CHECK(is_known_instruction(name));
  }
  CHECK_FALSE(is_known_instruction("from"));
  CHECK_FALSE(is_known_instruction("RUNN"));
  CHECK_FALSE(is_known_instruction(""));
}

TEST_CASE("parser: an empty file is an error", "[parser][error]") {
  const ParsedDockerfile parsed = parse("");
  REQUIRE(parsed.errors.size() == 1);
  CHECK(parsed.errors[0].message.find("empty") != std::string::npos);
  CHECK(parsed.errors[0].span == Span{0, 0});
  CHECK(parsed.instructions.empty());
}

TEST_CASE("parser: a file with only comments and blank lines is an error", "[parser][error]") {
  const std::string text = "# just a comment\n\n   \n# another\n";
  const ParsedDockerfile parsed = parse(text);
  REQUIRE(parsed.errors.size() == 1);
  CHECK(parsed.errors[0].message.find("no instructions") != std::string::npos);
  CHECK(at(text, parsed.errors[0].span) == "# just a comment");
  CHECK(parsed.comments.size() == 2);
  CHECK(parsed.comments[1].line == 3);
  SECTION("blank lines only") {
    const ParsedDockerfile p = parse("\n  \n\t\n");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message.find("no instructions") != std::string::npos);
  }
}

TEST_CASE("model: an instruction before the first FROM is an error, and ARG is not", "[model][error]") {
  const Built b = build("ARG TAG=ltsc2022\nRUN echo hi\nFROM alpine\n");
  const SyntaxError *error = find_error(b.model.parsed.errors, "'RUN' before the first FROM");
  INFO(all_errors(b.model.parsed.errors));
  REQUIRE(error != nullptr);
  CHECK(at(b.text(), error->span) == "RUN");
  CHECK(b.model.parsed.errors.size() == 1);
  CHECK(b.model.stages.size() == 1);
}

TEST_CASE("model: a Dockerfile with no FROM is an error", "[model][error]") {
  const Built b = build("ARG TAG=ltsc2022\n");
  const SyntaxError *error = find_error(b.model.parsed.errors, "no FROM");
  REQUIRE(error != nullptr);
  CHECK(at(b.text(), error->span) == "ARG");
  CHECK(b.model.stages.empty());
  CHECK(b.model.final_stage() == nullptr);
}

// ---- FROM ------------------------------------------------------------------------------

TEST_CASE("model: FROM --platform=... image AS name", "[model][from]") {
  const Built b = build("FROM --platform=windows/amd64 " + kServercore + ":ltsc2022 AS build\n");
  const std::string &text = b.text();
  CHECK(b.model.parsed.errors.empty());
  REQUIRE(b.model.stages.size() == 1);
  const Stage &stage = b.model.stages[0];
  CHECK(stage.index == 0);
  CHECK(stage.from == &b.model.parsed.instructions[0]);
  REQUIRE(stage.platform.has_value());
  CHECK(stage.platform->raw.text == "windows/amd64");
  CHECK(at(text, stage.platform->span) == "windows/amd64");
  CHECK(stage.platform_value == "windows/amd64");
  CHECK(stage.name == "build");
  CHECK(at(text, stage.name_span) == "build");
  CHECK(at(text, stage.image_span) == kServercore + ":ltsc2022");
  CHECK(stage.image.value == kServercore + ":ltsc2022");
  REQUIRE(stage.ref.has_value());
  CHECK(stage.ref->name() == kServercore);
  CHECK(at(text, stage.image.span(stage.ref->tag_begin, stage.ref->tag_end)) == "ltsc2022");
  CHECK(stage.resolution.os == ImageOs::WindowsBuild);
  CHECK(stage.resolution.build.build == 20348);
  CHECK_FALSE(stage.base_stage.has_value());
  CHECK(&b.model.root_of(stage) == &stage);
  CHECK(b.model.final_stage() == &stage);
}

TEST_CASE("model: stage names are lower-cased, and 'as' is case-insensitive", "[model][from]") {
  const Built b = build("FROM alpine as Builder\n");
  CHECK(b.model.parsed.errors.empty());
  REQUIRE(b.model.stages.size() == 1);
  CHECK(b.model.stages[0].name == "builder");
  CHECK(at(b.text(), b.model.stages[0].name_span) == "Builder");
}

TEST_CASE("model: an invalid stage name is an error", "[model][from][error]") {
  const Built b = build("FROM alpine AS 1st\n");
  const SyntaxError *error = find_error(b.model.parsed.errors, "invalid stage name '1st'");
  INFO(all_errors(b.model.parsed.errors));
  REQUIRE(error != nullptr);
  CHECK(at(b.text(), error->span) == "1st");
  SECTION("symbols are not allowed either") {
    const Built s = build("FROM alpine AS my:stage\n");
    const SyntaxError *e = find_error(s.model.parsed.errors, "invalid stage name");
    REQUIRE(e != nullptr);
    CHECK(at(s.text(), e->span) == "my:stage");
  }
  SECTION("letters, digits, '_', '.' and '-' are") {
    CHECK(build("FROM alpine AS a1_b.c-d\n").model.parsed.errors.empty());
  }
}

TEST_CASE("model: a duplicate stage name is an error, case-insensitively", "[model][from][error]") {
  const std::string text = "FROM alpine AS build\nFROM alpine AS BUILD\n";
  const Built b = build(text);
  const SyntaxError *error = find_error(b.model.parsed.errors, "duplicate stage name 'build'");
  INFO(all_errors(b.model.parsed.errors));
  REQUIRE(error != nullptr);
  CHECK(at(text, error->span) == "BUILD");
  CHECK(error->span.begin == text.rfind("BUILD"));
}

TEST_CASE("model: FROM with no image is an error", "[model][from][error]") {
  SECTION("bare FROM") {
    const std::string text = "FROM\n";
    const Built b = build(text);
    const SyntaxError *error = find_error(b.model.parsed.errors, "FROM needs an image");
    INFO(all_errors(b.model.parsed.errors));
    REQUIRE(error != nullptr);
    CHECK(at(text, error->span) == "FROM");
    REQUIRE(b.model.stages.size() == 1);
    CHECK_FALSE(b.model.stages[0].ref.has_value());
  }
  SECTION("only a flag") {
    const Built b = build("FROM --platform=linux/amd64\n");
    CHECK(find_error(b.model.parsed.errors, "FROM needs an image") != nullptr);
  }
}

TEST_CASE("model: FROM with the wrong number of words", "[model][from][error]") {
  SECTION("image AS with no name") {
    const std::string text = "FROM alpine AS\n";
    const Built b = build(text);
    const SyntaxError *error = find_error(b.model.parsed.errors, "optionally 'AS name'");
    REQUIRE(error != nullptr);
    CHECK(at(text, error->span) == "alpine");
  }
  SECTION("a word other than AS") {
    const std::string text = "FROM alpine TO build\n";
    const Built b = build(text);
    const SyntaxError *error = find_error(b.model.parsed.errors, "expected 'AS'");
    REQUIRE(error != nullptr);
    CHECK(at(text, error->span) == "TO");
  }
  SECTION("an unknown flag") {
    const std::string text = "FROM --foo=bar alpine\n";
    const Built b = build(text);
    const SyntaxError *error = find_error(b.model.parsed.errors, "unknown flag '--foo'");
    REQUIRE(error != nullptr);
    CHECK(at(text, error->span) == "--foo=bar");
    REQUIRE(b.model.stages.size() == 1);
    CHECK(b.model.stages[0].image.value == "alpine");
  }
}

TEST_CASE("model: an invalid image reference is an error at the image", "[model][from][error]") {
  const std::string text = "FROM mcr.microsoft.com/Windows/servercore:ltsc2022\n";
  const Built b = build(text);
  const SyntaxError *error = find_error(b.model.parsed.errors, "invalid image reference");
  INFO(all_errors(b.model.parsed.errors));
  REQUIRE(error != nullptr);
  CHECK(at(text, error->span) == "mcr.microsoft.com/Windows/servercore:ltsc2022");
  REQUIRE(b.model.stages.size() == 1);
  CHECK(b.model.stages[0].invalid_reference);
  CHECK(b.model.stages[0].reference_error.find("lower-case") != std::string::npos);
}

TEST_CASE("model: a malformed ${...} in FROM is an error", "[model][from][error]") {
  const std::string text = "FROM alpine:${}\n";
  const Built b = build(text);
  const SyntaxError *error = find_error(b.model.parsed.errors, "bad substitution");
  INFO(all_errors(b.model.parsed.errors));
  REQUIRE(error != nullptr);
  CHECK(at(text, error->span) == "alpine:${}");
  CHECK(b.model.stages[0].invalid_reference);
}

TEST_CASE("model: a FROM split across lines keeps exact spans", "[model][from][continuation]") {
  const std::string text = "FROM mcr.microsoft.com/windows/\\\n"
                           "servercore:ltsc2022 \\\n"
                           "  AS base\n";
  const Built b = build(text);
  CHECK(b.model.parsed.errors.empty());
  REQUIRE(b.model.stages.size() == 1);
  const Stage &stage = b.model.stages[0];
  CHECK(stage.image.value == kServercore + ":ltsc2022");
  CHECK(at(text, stage.image_span) == "mcr.microsoft.com/windows/\\\nservercore:ltsc2022");
  REQUIRE(stage.ref.has_value());
  CHECK(at(text, stage.image.span(stage.ref->tag_begin, stage.ref->tag_end)) == "ltsc2022");
  const size_t core = stage.image.value.find("servercore");
  CHECK(at(text, stage.image.span(core, core + 10)) == "servercore");
  CHECK(stage.image.origin[core].begin == text.find("servercore"));
  CHECK(stage.name == "base");
  CHECK(at(text, stage.name_span) == "base");
  CHECK(stage.from->line == 0);
  CHECK(stage.from->end_line == 2);
  CHECK(stage.resolution.build.build == 20348);
}

TEST_CASE("model: FROM scratch", "[model][from]") {
  const Built b = build("FROM scratch\nCOPY app /app\n");
  REQUIRE(b.model.stages.size() == 1);
  CHECK(b.model.stages[0].resolution.os == ImageOs::Scratch);
  CHECK(b.model.parsed.errors.empty());
}

// ---- ARG scoping ----------------------------------------------------------------------

TEST_CASE("model: a global ARG before the first FROM is usable in FROM", "[model][arg]") {
  const std::string text = "ARG TAG=ltsc2019\n"
                           "FROM " +
                           kServercore + ":$TAG\n";
  const Built b = build(text);
  CHECK(b.model.parsed.errors.empty());
  REQUIRE(b.model.global_args.count("TAG") == 1);
  const ArgValue &arg = b.model.global_args.at("TAG");
  CHECK(arg.value == "ltsc2019");
  CHECK(at(text, arg.declared) == "TAG=ltsc2019");
  CHECK_FALSE(arg.from_build_arg);
  REQUIRE(b.model.stages.size() == 1);
  const Stage &stage = b.model.stages[0];
  CHECK(at(text, stage.image_span) == kServercore + ":$TAG");
  CHECK(stage.image.value == kServercore + ":ltsc2019");
  CHECK(stage.unresolved.empty());
  CHECK(stage.image.used == std::vector<std::string>{"TAG"});
  REQUIRE(stage.ref.has_value());
  CHECK(stage.ref->tag == "ltsc2019");
  // The tag's bytes come from "$TAG" in the file.
  CHECK(at(text, stage.image.span(stage.ref->tag_begin, stage.ref->tag_end)) == "$TAG");
  CHECK(stage.resolution.os == ImageOs::WindowsBuild);
  CHECK(stage.resolution.build.build == 17763);
}

TEST_CASE("model: several ARGs on one line", "[model][arg]") {
  const std::string text = "ARG REGISTRY=mcr.microsoft.com IMAGE=windows/nanoserver TAG\n"
                           "FROM $REGISTRY/$IMAGE:${TAG:-1809}\n";
  const Built b = build(text);
  CHECK(b.model.global_args.size() == 3);
  CHECK(at(text, b.model.global_args.at("IMAGE").declared) == "IMAGE=windows/nanoserver");
  CHECK_FALSE(b.model.global_args.at("TAG").value.has_value());
  REQUIRE(b.model.stages.size() == 1);
  CHECK(b.model.stages[0].image.value == "mcr.microsoft.com/windows/nanoserver:1809");
  CHECK(b.model.stages[0].unresolved.empty());
  CHECK(b.model.stages[0].resolution.build.build == 17763);
}

TEST_CASE("model: an ARG inside a stage does not affect a later FROM", "[model][arg]") {
  const std::string text = "ARG TAG=ltsc2019\n"
                           "FROM " +
                           kServercore +
                           ":$TAG AS one\n"
                           "ARG TAG=ltsc2022\n"
                           "FROM " +
                           kServercore + ":$TAG AS two\n";
  const Built b = build(text);
  CHECK(b.model.parsed.errors.empty());
  REQUIRE(b.model.stages.size() == 2);
  CHECK(b.model.stages[0].image.value == kServercore + ":ltsc2019");
  CHECK(b.model.stages[1].image.value == kServercore + ":ltsc2019");
  CHECK(b.model.stages[1].resolution.build.build == 17763);
  CHECK(b.model.global_args.at("TAG").value == "ltsc2019");
  SECTION("an ARG declared only inside a stage is not visible to FROM") {
    const std::string inner = "FROM alpine\n"
                              "ARG OTHER=ltsc2022\n"
                              "FROM " +
                              kServercore + ":$OTHER\n";
    const Built i = build(inner);
    REQUIRE(i.model.stages.size() == 2);
    CHECK(i.model.stages[1].unresolved == std::vector<std::string>{"OTHER"});
    CHECK(i.model.global_args.count("OTHER") == 0);
  }
}

TEST_CASE("model: an ARG default may reference an earlier ARG", "[model][arg]") {
  const std::string text = "ARG WINDOWS_VERSION=ltsc2022\n"
                           "ARG BASE=" +
                           kServercore +
                           ":${WINDOWS_VERSION}\n"
                           "FROM $BASE\n";
  const Built b = build(text);
  CHECK(b.model.global_args.at("BASE").value == kServercore + ":ltsc2022");
  REQUIRE(b.model.stages.size() == 1);
  const Stage &stage = b.model.stages[0];
  CHECK(stage.image.value == kServercore + ":ltsc2022");
  CHECK(stage.resolution.build.build == 20348);
  // The whole value came from "$BASE".
  CHECK(at(text, stage.image.span(0, stage.image.value.size())) == "$BASE");
  CHECK(at(text, stage.image_span) == "$BASE");
}

TEST_CASE("model: --build-arg overrides ARG defaults", "[model][arg]") {
  const std::string text = "ARG TAG=ltsc2019\n"
                           "FROM " +
                           kServercore + ":$TAG\n";
  DockerfileInputs inputs;
  inputs.build_args["TAG"] = "ltsc2022";
  const Built b = build(text, inputs);
  const ArgValue &arg = b.model.global_args.at("TAG");
  CHECK(arg.value == "ltsc2022");
  CHECK(arg.from_build_arg);
  CHECK(at(text, arg.declared) == "TAG=ltsc2019");
  REQUIRE(b.model.stages.size() == 1);
  CHECK(b.model.stages[0].image.value == kServercore + ":ltsc2022");
  CHECK(b.model.stages[0].resolution.build.build == 20348);
  SECTION("it gives a value to an ARG declared without one") {
    const Built n = build("ARG TAG\nFROM " + kServercore + ":$TAG\n", inputs);
    CHECK(n.model.stages[0].unresolved.empty());
    CHECK(n.model.stages[0].resolution.build.build == 20348);
  }
  SECTION("it flows into later defaults") {
    const Built n = build("ARG TAG=ltsc2019\nARG BASE=" + kServercore + ":${TAG}\nFROM ${BASE}\n", inputs);
    CHECK(n.model.stages[0].image.value == kServercore + ":ltsc2022");
  }
  SECTION("it does not declare an ARG the Dockerfile does not") {
    const Built n = build("FROM " + kServercore + ":$TAG\n", inputs);
    CHECK(n.model.stages[0].unresolved == std::vector<std::string>{"TAG"});
    CHECK(n.model.global_args.empty());
  }
}

TEST_CASE("model: a quoted ARG value holding a whole reference", "[model][arg]") {
  const std::string text = "ARG BASE=\"mcr.microsoft.com/powershell:nanoserver-1809\"\n"
                           "FROM ${BASE}\n";
  const Built b = build(text);
  CHECK(b.model.parsed.errors.empty());
  CHECK(b.model.global_args.at("BASE").value == "mcr.microsoft.com/powershell:nanoserver-1809");
  REQUIRE(b.model.stages.size() == 1);
  const Stage &stage = b.model.stages[0];
  CHECK(stage.image.value == "mcr.microsoft.com/powershell:nanoserver-1809");
  REQUIRE(stage.ref.has_value());
  CHECK(stage.ref->name() == "mcr.microsoft.com/powershell");
  CHECK(stage.resolution.os == ImageOs::WindowsBuild);
  CHECK(stage.resolution.build.build == 17763);
  CHECK(stage.resolution.variant == "nanoserver");
  SECTION("single quotes") {
    const Built s = build("ARG BASE='" + kServercore + ":ltsc2022'\nFROM $BASE\n");
    CHECK(s.model.stages[0].image.value == kServercore + ":ltsc2022");
  }
}

TEST_CASE("model: the repository split across ARGs", "[model][arg]") {
  const std::string text = "ARG REGISTRY=mcr.microsoft.com\n"
                           "ARG IMAGE=windows/servercore\n"
                           "ARG VERSION=ltsc2022\n"
                           "FROM ${REGISTRY}/${IMAGE}:${VERSION}\n";
  const Built b = build(text);
  CHECK(b.model.parsed.errors.empty());
  REQUIRE(b.model.stages.size() == 1);
  const Stage &stage = b.model.stages[0];
  CHECK(stage.image.value == kServercore + ":ltsc2022");
  CHECK(at(text, stage.image_span) == "${REGISTRY}/${IMAGE}:${VERSION}");
  REQUIRE(stage.ref.has_value());
  CHECK(stage.ref->name() == kServercore);
  CHECK(at(text, stage.image.span(stage.ref->tag_begin, stage.ref->tag_end)) == "${VERSION}");
  CHECK(at(text, stage.image.span(0, stage.ref->name_end)) == "${REGISTRY}/${IMAGE}");
  CHECK(stage.resolution.build.build == 20348);
  CHECK(stage.image.used == std::vector<std::string>{"REGISTRY", "IMAGE", "VERSION"});
  SECTION("mcr.microsoft.com/${Repo}:${tag}") {
    const Built m =
        build("ARG Repo=windows/nanoserver\nARG tag=ltsc2025\nFROM mcr.microsoft.com/${Repo}:${tag}\n");
    CHECK(m.model.stages[0].image.value == "mcr.microsoft.com/windows/nanoserver:ltsc2025");
    CHECK(m.model.stages[0].resolution.build.build == 26100);
  }
}

TEST_CASE("model: a quoted tag is unquoted", "[model][arg]") {
  const std::string text = "ARG WINDOWS_VERSION=ltsc2019\n"
                           "FROM " +
                           kServercore + ":\"${WINDOWS_VERSION}\"\n";
  const Built b = build(text);
  CHECK(b.model.parsed.errors.empty());
  REQUIRE(b.model.stages.size() == 1);
  const Stage &stage = b.model.stages[0];
  CHECK(stage.image.value == kServercore + ":ltsc2019");
  CHECK(at(text, stage.image_span) == kServercore + ":\"${WINDOWS_VERSION}\"");
  REQUIRE(stage.ref.has_value());
  CHECK(at(text, stage.image.span(stage.ref->tag_begin, stage.ref->tag_end)) == "${WINDOWS_VERSION}");
  CHECK(stage.resolution.build.build == 17763);
}

TEST_CASE("model: FROM an earlier stage's alias, case-insensitively", "[model][stage]") {
  const std::string text = "FROM " + kServercore +
                           ":ltsc2022 AS Base\n"
                           "RUN echo hi\n"
                           "FROM base AS app\n"
                           "FROM APP\n";
  const Built b = build(text);
  INFO(all_errors(b.model.parsed.errors));
  CHECK(b.model.parsed.errors.empty());
  REQUIRE(b.model.stages.size() == 3);
  const Stage &base = b.model.stages[0];
  const Stage &app = b.model.stages[1];
  const Stage &last = b.model.stages[2];
  CHECK(base.name == "base");
  REQUIRE(app.base_stage.has_value());
  CHECK(*app.base_stage == 0);
  CHECK_FALSE(app.ref.has_value());
  REQUIRE(last.base_stage.has_value());
  CHECK(*last.base_stage == 1);
  CHECK(&b.model.root_of(last) == &base);
  CHECK(&b.model.root_of(app) == &base);
  CHECK(&b.model.root_of(base) == &base);
  CHECK(b.model.final_stage() == &last);
  // The resolution is the root's.
  CHECK(last.resolution.os == ImageOs::WindowsBuild);
  CHECK(last.resolution.build.build == 20348);
  CHECK(at(text, last.image_span) == "APP");
  CHECK(last.from->line == 3);
}

TEST_CASE("model: only earlier stages count as aliases", "[model][stage]") {
  const Built b = build("FROM python AS first\nFROM alpine AS python\nFROM python:3.12\nFROM python\n");
  REQUIRE(b.model.stages.size() == 4);
  // "python" before the stage named python is the Docker Hub image.
  CHECK_FALSE(b.model.stages[0].base_stage.has_value());
  CHECK(b.model.stages[0].resolution.os == ImageOs::MultiOs);
  // "python:3.12" is not a stage name.
  CHECK_FALSE(b.model.stages[2].base_stage.has_value());
  CHECK(b.model.stages[2].resolution.os == ImageOs::MultiOs);
  // "python" after it is the stage.
  REQUIRE(b.model.stages[3].base_stage.has_value());
  CHECK(*b.model.stages[3].base_stage == 1);
  CHECK(b.model.stages[3].resolution.os == ImageOs::Linux);
}

TEST_CASE("model: a stage alias through an ARG", "[model][stage]") {
  const Built b = build("ARG BASE=builder\nFROM alpine AS builder\nFROM ${BASE}\n");
  REQUIRE(b.model.stages.size() == 2);
  REQUIRE(b.model.stages[1].base_stage.has_value());
  CHECK(*b.model.stages[1].base_stage == 0);
}

TEST_CASE("model: FROM --platform=$BUILDPLATFORM", "[model][from]") {
  const std::string text = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"
                           "FROM " +
                           kServercore + ":ltsc2022\n";
  const Built b = build(text);
  CHECK(b.model.parsed.errors.empty());
  REQUIRE(b.model.stages.size() == 2);
  const Stage &stage = b.model.stages[0];
  REQUIRE(stage.platform.has_value());
  CHECK(stage.platform->raw.text == "$BUILDPLATFORM");
  CHECK(at(text, stage.platform->span) == "$BUILDPLATFORM");
  CHECK(stage.platform_value.empty()); // set by the builder: unknown here
  CHECK(at(text, stage.image_span) == "golang:1.22");
  CHECK(stage.name == "build");
  CHECK(stage.resolution.os == ImageOs::MultiOs);
  CHECK_FALSE(b.model.stages[1].platform.has_value());
  SECTION("a platform from a global ARG is expanded") {
    const Built p = build("ARG P=windows/amd64\nFROM --platform=$P alpine\n");
    REQUIRE(p.model.stages.size() == 1);
    CHECK(p.model.stages[0].platform_value == "windows/amd64");
  }
}

TEST_CASE("model: an ARG with no value leaves the FROM unresolved", "[model][arg]") {
  const std::string text = "ARG TAG\n"
                           "FROM " +
                           kServercore + ":$TAG\n";
  const Built b = build(text);
  REQUIRE(b.model.stages.size() == 1);
  const Stage &stage = b.model.stages[0];
  CHECK(stage.unresolved == std::vector<std::string>{"TAG"});
  REQUIRE(stage.image.unresolved_spans.size() == 1);
  CHECK(at(text, stage.image.unresolved_spans[0]) == "$TAG");
  CHECK(stage.image.unresolved_spans[0].begin == text.find("$TAG"));
  CHECK(stage.resolution.os == ImageOs::Unknown);
  CHECK_FALSE(stage.invalid_reference);
  SECTION("an undeclared variable is unresolved; a BuildKit automatic ARG has its value") {
    const std::string two = "FROM " + kServercore + ":${TAG}-${TARGETARCH}\n";
    const Built t = build(two);
    CHECK(t.model.stages[0].unresolved == std::vector<std::string>{"TAG"});
    CHECK(at(two, t.model.stages[0].image.unresolved_spans[0]) == "${TAG}");
    CHECK(t.model.stages[0].image.value == kServercore + ":-amd64");
  }
  SECTION("a default resolves it") {
    const Built d = build("ARG TAG\nFROM " + kServercore + ":${TAG:-ltsc2022}\n");
    CHECK(d.model.stages[0].unresolved.empty());
    CHECK(d.model.stages[0].resolution.build.build == 20348);
  }
}

// ---- Windows evidence -----------------------------------------------------------------

TEST_CASE("model: Windows evidence", "[model][evidence]") {
  SECTION("a backtick escape") {
    const Built b = build("# escape=`\nFROM python:3.12\n");
    CHECK(b.model.windows_evidence);
    CHECK(b.model.windows_evidence_reason.find("escape") != std::string::npos);
  }
  SECTION("SHELL powershell") {
    const Built b = build("FROM python:3.12\nSHELL [\"powershell\", \"-Command\"]\n");
    CHECK(b.model.windows_evidence);
    CHECK(b.model.windows_evidence_reason.find("SHELL") != std::string::npos);
  }
  SECTION("SHELL cmd") {
    CHECK(build("FROM python:3.12\nSHELL [\"cmd\", \"/S\", \"/C\"]\n").model.windows_evidence);
  }
  SECTION("WORKDIR C:\\app") {
    const Built b = build("FROM python:3.12\nWORKDIR C:\\app\n");
    CHECK(b.model.windows_evidence);
    CHECK(b.model.windows_evidence_reason.find("WORKDIR") != std::string::npos);
  }
  SECTION("COPY to a drive path with forward slashes") {
    CHECK(build("FROM python:3.12\nCOPY app.py c:/app/\n").model.windows_evidence);
  }
  SECTION("--platform=windows/amd64") {
    const Built b = build("FROM --platform=windows/amd64 python:3.12\n");
    CHECK(b.model.windows_evidence);
    CHECK(b.model.windows_evidence_reason.find("windows/amd64") != std::string::npos);
  }
  SECTION("a stage built on a pinned Windows image") {
    CHECK(build("FROM " + kServercore + ":ltsc2022 AS win\nFROM python:3.12\n").model.windows_evidence);
  }
  SECTION("the file name") {
    for (const std::string path : {"Dockerfile.windows", "src/Dockerfile-windows", "Dockerfile_windows",
                                   "windows.Dockerfile", "DOCKERFILE.WINDOWS", "Dockerfile.nanoserver"}) {
      const Built b = build("FROM python:3.12\n", {}, path);
      INFO(path);
      CHECK(b.model.windows_evidence);
      CHECK(b.model.windows_evidence_reason.find("file name") != std::string::npos);
    }
  }
}

TEST_CASE("model: no Windows evidence in a plain Linux Dockerfile", "[model][evidence]") {
  const std::string text = "# syntax=docker/dockerfile:1\n"
                           "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"
                           "ARG TARGETOS TARGETARCH\n"
                           "WORKDIR /src\n"
                           "ENV PATH=/usr/local/go/bin:$PATH CGO_ENABLED=0\n"
                           "COPY . .\n"
                           "RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\n"
                           "FROM --platform=linux/amd64 alpine:3.19\n"
                           "RUN apk add --no-cache ca-certificates && \\\n"
                           "    adduser -D app\n"
                           "COPY --from=build /out/app /usr/local/bin/app\n"
                           "USER app\n"
                           "CMD [\"/usr/local/bin/app\", \"--listen=:8080\"]\n";
  for (const std::string path :
       {"Dockerfile", "Dockerfile.linux", "build/Dockerfile", "windows/Dockerfile"}) {
    const Built b = build(text, {}, path);
    INFO(path << ": " << b.model.windows_evidence_reason);
    CHECK(b.model.parsed.errors.empty());
    CHECK_FALSE(b.model.windows_evidence);
    CHECK(b.model.windows_evidence_reason.empty());
  }
}

TEST_CASE("model: installing PowerShell on Linux is not Windows evidence", "[model][evidence]") {
  // PowerShell runs on Linux too: a package install or pwsh on a Linux image
  // says nothing about the target OS (it turns a plain python:3.12 into WC102).
  const Built b = build("FROM python:3.12\n"
                        "RUN apt-get update && apt-get install -y powershell\n");
  INFO(b.model.windows_evidence_reason);
  CHECK_FALSE(b.model.windows_evidence);
}

// ---- split_words ------------------------------------------------------------------------

TEST_CASE("split_words: words keep their quotes and escapes, with exact spans", "[parser][words]") {
  const std::string text = "FROM --platform=$BUILDPLATFORM \"golang:1.22\" AS build\n"
                           "ARG A=\"a b\" B=c\\ d C='e f'\n";
  const ParsedDockerfile parsed = parse(text);
  REQUIRE(parsed.instructions.size() == 2);
  const std::vector<Word> from = split_words(parsed.instructions[0].args, parsed.escape);
  REQUIRE(from.size() == 4);
  CHECK(from[0].raw.text == "--platform=$BUILDPLATFORM");
  CHECK(at(text, from[0].span) == "--platform=$BUILDPLATFORM");
  CHECK(from[1].raw.text == "\"golang:1.22\"");
  CHECK(at(text, from[1].span) == "\"golang:1.22\"");
  CHECK(at(text, from[3].span) == "build");
  const std::vector<Word> arg = split_words(parsed.instructions[1].args, parsed.escape);
  REQUIRE(arg.size() == 3);
  CHECK(arg[0].raw.text == "A=\"a b\"");
  CHECK(arg[1].raw.text == "B=c\\ d");
  CHECK(arg[2].raw.text == "C='e f'");
  CHECK(at(text, arg[2].span) == "C='e f'");
  SECTION("under the backtick escape") {
    MappedText args;
    args.text = "A=a` b C:\\x\\ D";
    for (uint32_t i = 0; i < args.text.size(); ++i) {
      args.origin.push_back(i);
    }
    const std::vector<Word> words = split_words(args, '`');
    REQUIRE(words.size() == 3);
    CHECK(words[0].raw.text == "A=a` b");
    CHECK(words[1].raw.text == "C:\\x\\");
    CHECK(words[2].raw.text == "D");
  }
}

TEST_CASE("MappedText: run-length origins map every byte", "[parser][words]") {
  // "ab" at offset 10, then "cde" at offset 19, after "\\\n" and 5 bytes.
  const std::string file = std::string(10, '.') + "ab\\\n" + std::string(5, '.') + "cde";
  REQUIRE(file.substr(19, 3) == "cde");
  MappedText m;
  m.append(file, 10, 12);
  m.append(file, 19, 22);
  REQUIRE(m.text == "abcde");
  CHECK(m.origin_of(0) == 10);
  CHECK(m.origin_of(1) == 11);
  CHECK(m.origin_of(2) == 19);
  CHECK(m.origin_of(4) == 21);
  CHECK(m.span(0, 5) == Span{10, 22});
  CHECK(m.span(1, 3) == Span{11, 20});
  CHECK(m.span(2, 2) == Span{19, 20}); // empty ranges widen to one byte
  const MappedText tail = m.substr(1, 4);
  CHECK(tail.text == "bcd");
  CHECK(tail.origin_of(0) == 11);
  CHECK(tail.origin_of(1) == 19);
  CHECK(tail.origin_of(2) == 20);
  CHECK(tail.span(0, 3) == Span{11, 21});
  const MappedText inner = m.substr(3, 5);
  CHECK(inner.text == "de");
  CHECK(inner.origin_of(0) == 20);
  CHECK(inner.span(0, 2) == Span{20, 22});
}

TEST_CASE("MappedText: dense origins", "[parser][words]") {
  MappedText m;
  m.text = "abcdef";
  m.origin = {10, 11, 20, 21, 22, 30};
  const MappedText sub = m.substr(1, 4);
  CHECK(sub.text == "bcd");
  CHECK(sub.origin == std::vector<uint32_t>{11, 20, 21});
  CHECK(m.span(1, 4) == Span{11, 22});
  CHECK(m.span(0, 6) == Span{10, 31});
  CHECK(m.span(5, 100) == Span{30, 31});
  CHECK(m.substr(4, 2).text.empty());
  CHECK(MappedText{}.span(0, 1) == Span{});
}
