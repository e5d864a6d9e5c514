// Reading an input's bytes: standard input or the file, within --max-file-size.
#include "read.hpp"

#include "wincompat/rule.hpp"

namespace wincompat {

ReadOutcome read_input(const FileInput &input, const LintOptions &options) {
  if (input.content) {
    return decode_text(input.path, *input.content, options.max_file_size);
  }
  std::string error;
  auto bytes = options.files->read(input.fs_path, options.max_file_size, error);
  if (!bytes) {
    ReadOutcome failed;
    // Outside the repository root: WC916, a warning that says why it was not read.
    failed.error = engine_diagnostic(is_refusal(error) ? RuleCode::WC916 : RuleCode::WC902,
                                     read_error_message(input.path, error));
    return failed;
  }
  return decode_text(input.path, std::move(*bytes), options.max_file_size);
}

} // namespace wincompat
