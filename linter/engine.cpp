#include "wincompat/engine.hpp"

#include "suppress.hpp"
#include "wincompat/dockerfile.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <atomic>
#include <thread>
#include <cstring>
#include <filesystem>

namespace wincompat {

namespace {

Diagnostic engine_diagnostic(const char *code, std::string message, Span span = {}) {
  Diagnostic d;
  d.code = code;
  d.severity = find_rule(code)->default_severity;
  d.message = std::move(message);
  d.span = span;
  return d;
}

bool enabled(const std::string &code, const LintOptions &options) {
  if (!options.select.empty() && !code_matches(code, options.select)) {
    return false;
  }
  return !code_matches(code, options.ignore);
}

/// The span a Dockerfile suppression comment covers: the next instruction.
Span next_instruction(const ParsedDockerfile &parsed, Span comment) {
  for (const Instruction &inst : parsed.instructions) {
    if (inst.span.begin > comment.begin) {
      return inst.span;
    }
  }
  return {};
}

std::vector<Diagnostic> lint_dockerfile(const SourceFile &source, const LintOptions &options) {
  std::vector<Diagnostic> out;
  DockerfileInputs inputs{options.build_args};
  const DockerfileModel model = build_dockerfile_model(source, inputs);
  for (const SyntaxError &error : model.parsed.errors) {
    out.push_back(engine_diagnostic("WC901", error.message, error.span));
  }
  for (const RuleEntry &rule : all_rules()) {
    if (rule.dockerfile && enabled(std::string(rule.meta->code), options)) {
      RuleContext ctx(*rule.meta, options.settings, out);
      rule.dockerfile(model, ctx);
    }
  }
  std::vector<SuppressionComment> comments;
  for (const Comment &comment : model.parsed.comments) {
    comments.push_back({comment.text, comment.span});
  }
  std::vector<Diagnostic> problems;
  const auto suppressions = parse_suppressions(
      comments, [&](Span span) { return next_instruction(model.parsed, span); }, problems);
  apply_suppressions(suppressions, out);
  out.insert(out.end(), problems.begin(), problems.end());
  return out;
}

/// Severity overrides, selection, positions and a stable order.
void finish(FileResult &result, const LintOptions &options) {
  auto &diags = result.diagnostics;
  diags.erase(std::remove_if(diags.begin(), diags.end(),
                             [&](const Diagnostic &d) {
                               if (!enabled(d.code, options)) {
                                 return true;
                               }
                               auto it = options.severities.find(d.code);
                               return it != options.severities.end() && !it->second;
                             }),
              diags.end());
  for (Diagnostic &d : diags) {
    if (auto it = options.severities.find(d.code); it != options.severities.end() && it->second) {
      d.severity = *it->second;
    }
    if (result.source) {
      d.range = result.source->range(d.span);
    }
  }
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic &a, const Diagnostic &b) {
    if (a.range.start != b.range.start) {
      return a.range.start < b.range.start;
    }
    if (a.range.end != b.range.end) {
      return a.range.end < b.range.end;
    }
    return a.code < b.code;
  });
}

FileKind decide_kind(const std::string &path, const LintOptions &options, bool named_explicitly) {
  if (options.force_kind != FileKind::Auto) {
    return options.force_kind;
  }
  const FileKind kind = kind_from_name(path);
  // A file named on the command line is always linted (cli.md): as a Dockerfile
  // unless its name says YAML.
  return kind == FileKind::Auto && named_explicitly ? FileKind::Dockerfile : kind;
}

FileResult lint_source(const std::string &path, ReadOutcome read, FileKind kind, const LintOptions &options) {
  FileResult result;
  result.path = path;
  result.uri = file_uri(path);
  if (read.error) {
    result.diagnostics.push_back(*read.error);
  } else {
    result.source = read.source;
    if (kind == FileKind::Dockerfile) {
      result.diagnostics = lint_dockerfile(*read.source, options);
    } else {
      result.skipped = true; // YAML front-end: see issue #4
    }
  }
  finish(result, options);
  if (result.diagnostics.empty()) {
    result.source.reset(); // reporters need the text only to show diagnostics
  }
  return result;
}

/// One open, one fstat, one read: this runs once per file on every commit.
std::optional<std::string> read_file(const std::string &path, size_t limit, std::string &error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot be read: " + std::string(std::strerror(errno));
    return std::nullopt;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    error = "cannot be read: " + std::string(std::strerror(errno));
    return std::nullopt;
  }
  if (S_ISDIR(info.st_mode)) {
    error = "is a directory, not a file";
    return std::nullopt;
  }
  if (S_ISREG(info.st_mode) && static_cast<size_t>(info.st_size) > limit) {
    // Do not read what will not be linted; report the size.
    error = "file is " + std::to_string(info.st_size) + " bytes, over the " + std::to_string(limit) +
            "-byte limit (--max-file-size); it was not linted";
    return std::nullopt;
  }
  std::string bytes;
  bytes.resize(S_ISREG(info.st_mode) ? static_cast<size_t>(info.st_size) + 1 : 65536);
  size_t used = 0;
  while (true) {
    if (used == bytes.size()) {
      if (bytes.size() > limit) {
        error = "file is over the " + std::to_string(limit) + "-byte limit (--max-file-size); it was not linted";
        return std::nullopt;
      }
      bytes.resize(bytes.size() * 2);
    }
    const ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      error = "cannot be read: " + std::string(std::strerror(errno));
      return std::nullopt;
    }
    if (n == 0) {
      break;
    }
    used += static_cast<size_t>(n);
    // A regular file read to its known size needs no extra read for EOF.
    if (S_ISREG(info.st_mode) && used == static_cast<size_t>(info.st_size)) {
      break;
    }
  }
  bytes.resize(used);
  return bytes;
}

FileResult lint_input(const FileInput &input, const LintOptions &options) {
  const FileKind kind = decide_kind(input.path, options, input.named_explicitly);
  if (input.content) {
    return lint_source(input.path, decode_text(input.path, *input.content, options.max_file_size), kind, options);
  }
  std::string error;
  auto bytes = read_file(input.fs_path, options.max_file_size, error);
  if (!bytes) {
    ReadOutcome failed;
    failed.error = engine_diagnostic("WC902", input.path + " " + error);
    if (error.starts_with("file is")) {
      failed.error->message = error;
    }
    return lint_source(input.path, std::move(failed), kind, options);
  }
  return lint_source(input.path, decode_text(input.path, std::move(*bytes), options.max_file_size), kind, options);
}

} // namespace

LintResult lint(const std::vector<FileInput> &inputs, const LintOptions &options) {
  LintResult result;
  result.files.resize(inputs.size());
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, inputs.size()));
  std::atomic<size_t> next{0};
  const auto worker = [&] {
    for (size_t i = next++; i < inputs.size(); i = next++) {
      result.files[i] = lint_input(inputs[i], options);
    }
  };
  // Each file's result lands in its own slot, so output order never depends on jobs.
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) {
    threads.emplace_back(worker);
  }
  worker();
  for (auto &thread : threads) {
    thread.join();
  }
  return result;
}

FileResult lint_text(const std::string &path, const std::string &text, const LintOptions &options) {
  FileInput input{path, path, true, text};
  return lint_input(input, options);
}

} // namespace wincompat
