// Fuzz target: the .wincompat.yaml loader. The input is a config file's
// bytes. It is decoded and validated as load_config does (every key, type
// and value check, WC903 positions), then its node pools become the
// inventory as load_inventory builds it (taints parsed, kubelet labels
// added) and its hosts are parsed as the CLI does. Node files named by
// `nodes:` are not read (fuzz_nodes covers their contents).
#include "fuzz_common.hpp"

#include "wincompat/config.hpp"

using namespace wincompat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const ReadOutcome read = decode_text(".wincompat.yaml", fuzz::text_of(data, size), 1u << 20);
  if (!read.source) {
    return 0;
  }
  Config config = parse_config(*read.source, "/fuzz");
  config.source = read.source;
  const auto text_size = static_cast<uint32_t>(read.source->text().size());
  for (const Diagnostic &d : config.errors) {
    if (d.span.begin > d.span.end || d.span.end > text_size) {
      fuzz::violated("config error span outside the text: " + d.message);
    }
    read.source->range(d.span);
  }
  for (const std::string &host : config.hosts) {
    parse_host_spec(host, ReleaseCatalog::builtin());
  }
  config.nodes.clear(); // file paths: no I/O here
  std::vector<FileResult> errors;
  load_inventory(config, {}, errors);
  return 0;
}
