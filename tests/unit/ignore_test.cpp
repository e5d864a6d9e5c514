// Ignore files for directory walks (linter/ignore.hpp): gitignore(5)
// pattern semantics, precedence between files, git's global excludes path;
// and which names are Dockerfiles (kind_from_name).
#include "frontends/sniff.hpp"
#include "ignore.hpp"
#include "wincompat/engine.hpp"

#include <catch2/catch.hpp>

using namespace wincompat;

TEST_CASE("gitignore wildcards: * and ? stay in one folder, ** spans folders, classes, escapes",
          "[ignore][glob]") {
  CHECK(gitignore_glob("*.o", "main.o"));
  CHECK_FALSE(gitignore_glob("*.o", "main.obj"));
  CHECK_FALSE(gitignore_glob("*.o", "src/main.o")); // '*' never crosses '/'
  CHECK(gitignore_glob("src/*.o", "src/main.o"));
  CHECK_FALSE(gitignore_glob("src/*.o", "src/sub/main.o"));
  CHECK(gitignore_glob("?.txt", "a.txt"));
  CHECK_FALSE(gitignore_glob("?.txt", "ab.txt"));
  CHECK_FALSE(gitignore_glob("a?b", "a/b"));
  // `**/x`: x in any folder; `x/**`: everything inside x; `a/**/b`: zero or more folders.
  CHECK(gitignore_glob("**/foo", "foo"));
  CHECK(gitignore_glob("**/foo", "a/b/foo"));
  CHECK(gitignore_glob("**/foo/bar", "x/foo/bar"));
  CHECK(gitignore_glob("abc/**", "abc/x"));
  CHECK(gitignore_glob("abc/**", "abc/x/y"));
  CHECK_FALSE(gitignore_glob("abc/**", "abc"));
  CHECK(gitignore_glob("a/**/b", "a/b"));
  CHECK(gitignore_glob("a/**/b", "a/x/b"));
  CHECK(gitignore_glob("a/**/b", "a/x/y/b"));
  CHECK_FALSE(gitignore_glob("a/**/b", "a/x/c"));
  // Other runs of stars are one star.
  CHECK(gitignore_glob("foo**bar", "fooxbar"));
  CHECK_FALSE(gitignore_glob("foo**bar", "foo/bar"));
  // Classes, ranges, negated classes; an unclosed '[' is itself.
  CHECK(gitignore_glob("file[0-9].txt", "file7.txt"));
  CHECK_FALSE(gitignore_glob("file[0-9].txt", "filex.txt"));
  CHECK(gitignore_glob("file[!0-9].txt", "filex.txt"));
  CHECK_FALSE(gitignore_glob("file[!0-9].txt", "file1.txt"));
  CHECK(gitignore_glob("a[", "a["));
  // A backslash quotes the next character.
  CHECK(gitignore_glob("\\*.md", "*.md"));
  CHECK_FALSE(gitignore_glob("\\*.md", "x.md"));
}

TEST_CASE("gitignore files: anchoring, folders only, negation, comments and spaces", "[ignore]") {
  const IgnoreFile file("# build products\n"
                        "build/\n"
                        "/out\n"
                        "*.o\n"
                        "!keep.o\n"
                        "docs/generated/\n"
                        "\\#hash\n"
                        "\\!bang\n"
                        "trailing   \n"
                        "escaped\\ \n"
                        "\n");
  // `build/` is a folder at any level, never a file.
  CHECK(file.match("build", true) == std::optional<bool>(true));
  CHECK(file.match("src/build", true) == std::optional<bool>(true));
  CHECK(file.match("build", false) == std::nullopt);
  // `/out` is anchored to the file's folder.
  CHECK(file.match("out", false) == std::optional<bool>(true));
  CHECK(file.match("src/out", false) == std::nullopt);
  // The last matching pattern decides: `!keep.o` re-includes.
  CHECK(file.match("src/main.o", false) == std::optional<bool>(true));
  CHECK(file.match("src/keep.o", false) == std::optional<bool>(false));
  // A pattern with a slash in the middle is relative to the file's folder.
  CHECK(file.match("docs/generated", true) == std::optional<bool>(true));
  CHECK(file.match("x/docs/generated", true) == std::nullopt);
  // Comments, escaped '#' and '!', trailing spaces dropped unless escaped.
  CHECK(file.match("# build products", false) == std::nullopt);
  CHECK(file.match("#hash", false) == std::optional<bool>(true));
  CHECK(file.match("!bang", false) == std::optional<bool>(true));
  CHECK(file.match("trailing", false) == std::optional<bool>(true));
  CHECK(file.match("escaped ", false) == std::optional<bool>(true));
  CHECK(file.match("escaped", false) == std::nullopt);
  CHECK(IgnoreFile("\n# only a comment\n").empty());
  CHECK(IgnoreFile("a\r\n").match("a", false) == std::optional<bool>(true));
}

TEST_CASE("ignore stacks: deeper files win, .ignore wins over .gitignore, outer files come last",
          "[ignore]") {
  // info/exclude and the global file apply to the repository's root; the
  // walk's root is "svc/" inside it.
  auto stack = IgnoreStack::from_texts({{"svc/", "*.log\n/svc/secret\n"}, {"svc/", "*.tmp\n!keep.log\n"}});
  CHECK(stack->ignored("app.log", false));
  CHECK(stack->ignored("secret", false)); // anchored at the repository's root
  CHECK(stack->ignored("x.tmp", false));
  CHECK(stack->ignored("keep.log", false)); // info/exclude comes before the global file
  CHECK_FALSE(stack->ignored("Dockerfile", false));
}

TEST_CASE("git's global excludes: core.excludesFile, else XDG_CONFIG_HOME, else ~/.config/git/ignore",
          "[ignore]") {
  CHECK(global_excludes_path("/home/u", nullptr, {}) == "/home/u/.config/git/ignore");
  CHECK(global_excludes_path("/home/u", "", {}) == "/home/u/.config/git/ignore");
  CHECK(global_excludes_path("/home/u", "/xdg", {}) == "/xdg/git/ignore");
  CHECK(global_excludes_path("/home/u", "/xdg", {"[core]\n\texcludesFile = ~/.gitignore_global\n"}) ==
        "/home/u/.gitignore_global");
  // Section and key names are case-insensitive; later config files win; quotes and comments.
  CHECK(global_excludes_path("/home/u", nullptr,
                             {"[Core]\n  ExcludesFile = /a\n",
                              "[user]\nname = x\n[core]\nexcludesfile = \"/b c\"\n"}) == "/b c");
  CHECK(global_excludes_path("/home/u", nullptr, {"[core]\nexcludesfile = /etc/ignore # global\n"}) ==
        "/etc/ignore");
  CHECK(global_excludes_path("/home/u", nullptr, {"[user]\nexcludesfile = /nope\n"}) ==
        "/home/u/.config/git/ignore");
  CHECK(global_excludes_path(nullptr, nullptr, {}).empty());
}

TEST_CASE("Dockerfile names: a source, script, document or data extension is not a Dockerfile",
          "[ignore][names]") {
  for (const char *name :
       {"Dockerfile", "dockerfile", "Containerfile", "Dockerfile.windows", "Dockerfile-windows",
        "Dockerfile_windows", "Dockerfile.1803", "Windows.Dockerfile", "Dockerfile.matrix",
        "Dockerfile.ltsc2022", "Dockerfile.template", "Containerfile.nanoserver",
        "images/Dockerfile.windows-arch"}) {
    INFO(name);
    CHECK(kind_from_name(name) == FileKind::Dockerfile);
    CHECK_FALSE(dockerfile_like_name(name));
  }
  // Only their content can make these Dockerfiles.
  for (const char *name :
       {"pkg/dockerfile.go", "pkg/dockerfile_test.go", "linter/dockerfile_parser.cpp",
        "include/dockerfile.hpp", "Dockerfile.sh", "dockerfile.py", "Dockerfile.txt",
        "build/dockerfile_parser.cpp.o", "Dockerfile.orig", "dockerfile.dict", "Dockerfile.tgz"}) {
    INFO(name);
    CHECK(kind_from_name(name) == FileKind::Auto);
    CHECK(dockerfile_like_name(name));
  }
  // YAML is YAML, whatever its name starts with; documents are neither.
  CHECK(kind_from_name(".github/workflows/dockerfile-lint.yml") == FileKind::Yaml);
  CHECK(kind_from_name("dockerfile.yaml") == FileKind::Yaml);
  CHECK(kind_from_name("Dockerfile.md") == FileKind::Auto);
  CHECK(kind_from_name("Dockerfile~") == FileKind::Auto); // an editor's backup
  CHECK(kind_from_name("Dockerfile.dockerignore") == FileKind::Auto);
  CHECK_FALSE(dockerfile_like_name("Dockerfile.dockerignore"));
  CHECK_FALSE(dockerfile_like_name("main.go"));
}
