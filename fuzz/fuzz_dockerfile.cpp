// Fuzz target: the Dockerfile front-end. The input is a Dockerfile's bytes.
// It goes through the engine (decoding, the BuildKit parser, the model with
// ARG/stage resolution, every Dockerfile rule, suppressions, fixes and the
// reporters), then every instruction's words are expanded, which the model
// does only for FROM and ARG.
#include "fuzz_common.hpp"

#include "wincompat/dockerfile.hpp"

using namespace wincompat;

namespace {

/// Expansion spans point into the file; each origin lies within the text.
void check_expansion(const Expansion &expansion, size_t size) {
  for (const Span &span : expansion.origin) {
    if (span.begin > span.end || span.end > size) {
      fuzz::violated("expansion origin outside the text");
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const LintOptions options = [] {
    LintOptions o = fuzz::lint_options();
    o.force_kind = FileKind::Dockerfile;
    o.build_args = {{"OSVERSION", "ltsc2022"}}; // as --build-arg: overrides ARG defaults
    return o;
  }();
  const std::string bytes = fuzz::text_of(data, size);
  const FileResult file = lint_text("Dockerfile", bytes, options);
  fuzz::check_spans(file);
  fuzz::render(file, bytes);

  const ReadOutcome read = decode_text("Dockerfile", bytes, options.max_file_size);
  if (!read.source) {
    return 0;
  }
  const size_t text_size = read.source->text().size();
  const DockerfileModel model = build_dockerfile_model(*read.source, {});
  for (const Stage &stage : model.stages) {
    check_expansion(stage.image, text_size);
    model.root_of(stage); // follows base_stage links
  }
  for (const Instruction &instruction : model.parsed.instructions) {
    if (instruction.span.end > text_size ||
        instruction.args.span(0, instruction.args.text.size()).end > text_size) {
      fuzz::violated(instruction.keyword + " span outside the text");
    }
    for (const Word &word : split_words(instruction.args, model.parsed.escape)) {
      check_expansion(expand_word(word.raw, model.global_args, model.parsed.escape), text_size);
    }
  }
  return 0;
}
