// Seeds for fuzz_lsp: one editor session per file given, written as the
// framed bytes a client sends (initialize, didOpen with the file's text, an
// incremental and a full didChange, codeAction, didSave, didClose, shutdown,
// exit). Sessions alternate UTF-16 and UTF-8 position encodings.
//
//   wincompat_lsp_seeds OUT_DIR FILE...
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

class Session {
public:
  void send(const Json &message) {
    const std::string body = message.dump(-1, ' ', false, Json::error_handler_t::replace);
    bytes_ += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }
  void request(int id, const std::string &method, Json params) {
    send(Json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
  }
  void notify(const std::string &method, Json params) {
    send(Json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  const std::string &bytes() const {
    return bytes_;
  }

private:
  std::string bytes_;
};

Json position(int line, int character) {
  return Json{{"line", line}, {"character", character}};
}

Json range(int l1, int c1, int l2, int c2) {
  return Json{{"start", position(l1, c1)}, {"end", position(l2, c2)}};
}

std::string session_for(const fs::path &file, const std::string &text, bool utf8) {
  const std::string name = file.filename().string();
  const bool yaml = file.extension() == ".yaml" || file.extension() == ".yml";
  const std::string uri = "file:///w/" + name;
  Session s;
  Json capabilities = Json::object();
  if (utf8) {
    capabilities["general"] = Json{{"positionEncodings", Json::array({"utf-8", "utf-16"})}};
  }
  s.request(0, "initialize",
            Json{{"processId", nullptr}, {"rootUri", "file:///w"}, {"capabilities", capabilities}});
  s.notify("initialized", Json::object());
  s.notify("textDocument/didOpen", Json{{"textDocument", Json{{"uri", uri},
                                                              {"languageId", yaml ? "yaml" : "dockerfile"},
                                                              {"version", 1},
                                                              {"text", text}}}});
  s.request(1, "textDocument/codeAction",
            Json{{"textDocument", Json{{"uri", uri}}},
                 {"range", range(0, 0, 40, 0)},
                 {"context", Json{{"diagnostics", Json::array()}}}});
  s.notify("textDocument/didChange",
           Json{{"textDocument", Json{{"uri", uri}, {"version", 2}}},
                {"contentChanges", Json::array({Json{{"range", range(0, 0, 0, 4)}, {"text", "# x\n"}}})}});
  s.notify("textDocument/didChange", Json{{"textDocument", Json{{"uri", uri}, {"version", 3}}},
                                          {"contentChanges", Json::array({Json{{"text", text}}})}});
  s.request(2, "textDocument/codeAction",
            Json{{"textDocument", Json{{"uri", uri}}},
                 {"range", range(0, 0, 1000, 0)},
                 {"context", Json::object()}});
  s.notify("textDocument/didSave", Json{{"textDocument", Json{{"uri", uri}}}});
  s.notify("workspace/didChangeWatchedFiles", Json{{"changes", Json::array()}});
  s.notify("textDocument/didClose", Json{{"textDocument", Json{{"uri", uri}}}});
  s.request(3, "shutdown", nullptr);
  s.notify("exit", nullptr);
  return s.bytes();
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::cerr << "usage: wincompat_lsp_seeds OUT_DIR FILE...\n";
    return 2;
  }
  const fs::path out_dir = argv[1];
  fs::create_directories(out_dir);
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const fs::path file = argv[i];
    std::ofstream(out_dir / (std::to_string(i - 1) + "-" + file.filename().string() + ".lsp"),
                  std::ios::binary)
        << session_for(file, text.str(), i % 2 == 0);
  }
  return 0;
}
