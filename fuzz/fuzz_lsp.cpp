// Fuzz target: the language server. The input is what a client writes to
// the server's standard input: Content-Length framed JSON-RPC messages. It
// is served as run_server serves a stream (framing, JSON parsing, dispatch,
// document sync with incremental edits, linting with the workspace's config
// and context files, publishing, code actions), the output discarded.
//
// The server reads files named by file:// URIs (a document's folder, its
// repository, a config). So that inputs cannot make it walk or read the
// machine's files (slow, and not what is being tested), every JSON string
// holding "file:" is rewritten into a URI inside a scratch repository made
// at start-up (a .git, a .wincompat.yaml with hosts and node pools, and a
// RuntimeClass file). Bodies that are not valid JSON go to the server as
// they are.
#include "lsp/server.hpp"
#include "lsp/transport.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <streambuf>
#include <string>
#include <unistd.h>

using namespace wincompat::lsp;
namespace fs = std::filesystem;

namespace {

class NullBuffer : public std::streambuf {
protected:
  int overflow(int c) override {
    return c;
  }
  std::streamsize xsputn(const char *, std::streamsize n) override {
    return n;
  }
};

std::string g_root; // the scratch repository

void remove_root() {
  std::error_code ec;
  fs::remove_all(g_root, ec);
}

void write_file(const fs::path &path, const char *text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// Whether `text` holds "file:" in any letter case.
bool mentions_file_scheme(std::string_view text) {
  for (size_t i = 0; i + 5 <= text.size(); ++i) {
    if ((text[i] | 0x20) == 'f' && (text[i + 1] | 0x20) == 'i' && (text[i + 2] | 0x20) == 'l' &&
        (text[i + 3] | 0x20) == 'e' && text[i + 4] == ':') {
      return true;
    }
  }
  return false;
}

/// A file name inside the scratch repository from the end of a URI: only
/// letters, digits, '.', '-', '_' (no '/', no '%' escapes, never "..").
std::string confined_uri(const std::string &uri) {
  const size_t slash = uri.find_last_of('/');
  std::string name = "f";
  for (char c : uri.substr(slash == std::string::npos ? 0 : slash + 1)) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') {
      name += c;
    }
  }
  return "file://" + g_root + "/" + name;
}

void confine(Json &value) {
  if (value.is_string()) {
    if (mentions_file_scheme(value.get_ref<const std::string &>())) {
      value = confined_uri(value.get_ref<const std::string &>());
    }
  } else if (value.is_structured()) {
    for (auto &item : value) {
      confine(item);
    }
  }
}

std::string confined_body(const std::string &body) {
  if (!mentions_file_scheme(body) && body.find("\\u") == std::string::npos) {
    return body;
  }
  if (nested_too_deep(body)) {
    return body; // the server rejects it unparsed; so does this harness
  }
  Json message = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded()) {
    return body;
  }
  confine(message);
  return message.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  char pattern[] = "/tmp/wincompat-fuzz-lsp-XXXXXX";
  if (!mkdtemp(pattern)) {
    std::perror("mkdtemp");
    std::abort();
  }
  g_root = pattern;
  std::atexit(remove_root);
  fs::create_directory(g_root + "/.git");
  write_file(g_root + "/.wincompat.yaml", "hosts: [ltsc2022, 23H2]\n"
                                          "nodePools:\n"
                                          "  - name: win22\n"
                                          "    os: windows\n"
                                          "    build: ltsc2022\n"
                                          "    taints: [\"os=windows:NoSchedule\"]\n"
                                          "  - name: linux\n"
                                          "    os: linux\n");
  write_file(g_root + "/runtimeclasses.yaml", "apiVersion: node.k8s.io/v1\n"
                                              "kind: RuntimeClass\n"
                                              "metadata:\n"
                                              "  name: windows-2019\n"
                                              "handler: runhcs-wcow-hypervisor\n"
                                              "scheduling:\n"
                                              "  nodeSelector:\n"
                                              "    kubernetes.io/os: windows\n");
  if (chdir(g_root.c_str()) != 0) {
    std::perror("chdir");
    std::abort();
  }
  setenv("WINCOMPAT_TODAY", "2025-06-01", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char *>(data), size));
  NullBuffer discard;
  std::ostream out(&discard);
  // run_server's loop, with file URIs confined.
  Server server(out);
  while (!server.exited()) {
    const Incoming message = read_message(in);
    if (message.status == ReadStatus::Eof) {
      break;
    }
    if (message.status == ReadStatus::Message) {
      server.handle(confined_body(message.body));
    } else {
      server.framing_error(message.error);
    }
    if (!server.exited() && !input_pending(in)) {
      server.flush();
    }
  }
  return 0;
}
