// The language server (`wincompat lsp`, docs/integrations/editors.md): a scripted JSON-RPC
// client drives it in-process through streams (every message of a script is
// buffered, as a fast client's burst would be), and one test talks to the
// built binary over pipes, one message at a time, as an editor does.
#include "e2e_support.hpp"
#include "lsp/document.hpp"
#include "lsp/server.hpp"
#include "lsp/transport.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace wincompat;
using namespace wincompat::e2e;
using LspJson = lsp::Json;

namespace {

/// The bytes a client sends: framed messages and, for hardening tests, raw bytes.
class Script {
public:
  Script &send(const LspJson &message) {
    const std::string body = message.dump();
    bytes_ += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return *this;
  }
  Script &raw(std::string_view bytes) {
    bytes_ += bytes;
    return *this;
  }
  Script &request(int id, const std::string &method, LspJson params = LspJson::object()) {
    return send(LspJson{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
  }
  Script &notify(const std::string &method, LspJson params = LspJson::object()) {
    return send(LspJson{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  Script &initialize(LspJson capabilities = LspJson::object()) {
    request(0, "initialize",
            LspJson{{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", capabilities}});
    return notify("initialized");
  }
  Script &open(const std::string &uri, const std::string &text, const std::string &language = "",
               int version = 1) {
    return notify(
        "textDocument/didOpen",
        LspJson{{"textDocument",
                 LspJson{{"uri", uri}, {"languageId", language}, {"version", version}, {"text", text}}}});
  }
  /// A code action request at the document's start: the server lints what
  /// is dirty before it answers, so publishes so far are sent.
  Script &code_action(int id, const std::string &uri) {
    return request(id, "textDocument/codeAction",
                   LspJson{{"textDocument", LspJson{{"uri", uri}}},
                           {"range", LspJson::parse(R"({"start":{"line":0,"character":0},)"
                                                    R"("end":{"line":0,"character":0}})")},
                           {"context", LspJson{{"diagnostics", LspJson::array()}}}});
  }
  Script &change(const std::string &uri, int version, LspJson changes) {
    return notify(
        "textDocument/didChange",
        LspJson{{"textDocument", LspJson{{"uri", uri}, {"version", version}}}, {"contentChanges", changes}});
  }
  Script &finish() {
    request(9999, "shutdown");
    return notify("exit");
  }
  const std::string &bytes() const {
    return bytes_;
  }

private:
  std::string bytes_;
};

/// Reads framed messages until the end; every one must be framed and valid JSON.
std::vector<LspJson> parse_messages(const std::string &bytes) {
  std::istringstream in(bytes);
  std::vector<LspJson> out;
  while (true) {
    lsp::Incoming message = lsp::read_message(in);
    if (message.status == lsp::ReadStatus::Eof) {
      return out;
    }
    REQUIRE(message.status == lsp::ReadStatus::Message);
    out.push_back(LspJson::parse(message.body));
  }
}

struct Session {
  int status = -1;
  std::vector<LspJson> messages;

  const LspJson &response(int id) const {
    for (const LspJson &m : messages) {
      if (m.contains("id") && m["id"] == id && !m.contains("method")) {
        return m;
      }
    }
    FAIL("no response to request " << id << " in " << dump());
    throw std::logic_error("unreachable");
  }
  bool has_response(int id) const {
    return std::any_of(messages.begin(), messages.end(),
                       [&](const LspJson &m) { return m.contains("id") && m["id"] == id; });
  }
  std::vector<LspJson> publishes(const std::string &uri) const {
    std::vector<LspJson> out;
    for (const LspJson &m : messages) {
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri) {
        out.push_back(m["params"]);
      }
    }
    return out;
  }
  /// The last publishDiagnostics params for `uri` (one must exist).
  LspJson last(const std::string &uri) const {
    const auto all = publishes(uri);
    INFO(dump());
    REQUIRE(!all.empty());
    return all.back();
  }
  std::vector<LspJson> errors() const {
    std::vector<LspJson> out;
    for (const LspJson &m : messages) {
      if (m.contains("error")) {
        out.push_back(m);
      }
    }
    return out;
  }
  std::string dump() const {
    std::string out;
    for (const LspJson &m : messages) {
      out += m.dump().substr(0, 1500) + "\n";
    }
    return out;
  }
};

Session run(const Script &script) {
  std::istringstream in(script.bytes());
  std::ostringstream out;
  Session session;
  session.status = lsp::run_server(in, out);
  session.messages = parse_messages(out.str());
  return session;
}

std::vector<std::string> codes(const LspJson &diagnostics) {
  std::vector<std::string> out;
  for (const LspJson &d : diagnostics) {
    out.push_back(d["code"].get<std::string>());
  }
  return out;
}

bool has_code(const LspJson &params, const std::string &code) {
  const auto all = codes(params["diagnostics"]);
  return std::find(all.begin(), all.end(), code) != all.end();
}

std::string uri(const fs::path &path) {
  return file_uri(path.string());
}

/// A copy of the repository's examples/ (manifests, Dockerfiles, configs)
/// in a fresh repository, so tests can change files.
struct ExampleRepo {
  TempDir dir;
  ExampleRepo() {
    fs::copy(fs::path(WINCOMPAT_SOURCE_DIR) / "examples", dir / "examples", fs::copy_options::recursive);
  }
  fs::path k8s(const std::string &relative) const {
    return dir / ("examples/k8s/" + relative);
  }
};

const std::string kWc302 = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\nRUN echo hello\n";
const auto kTag = static_cast<uint32_t>(kWc302.find("ltsc2019"));

/// A repository whose config targets Windows Server 2022 hosts.
struct DockerRepo {
  TempDir dir;
  fs::path dockerfile;
  DockerRepo() {
    dir.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
    dockerfile = dir.write("app/Dockerfile", kWc302);
  }
};

/// The diagnostics `wincompat lint --format json` gives for `file`, run in `cwd`.
LspJson cli_diagnostics(const fs::path &cwd, const std::string &args, const fs::path &file) {
  const RunResult r = run_cli("lint --format json " + args, RunOptions{.cwd = cwd});
  INFO(describe(r));
  const LspJson doc = LspJson::parse(r.out);
  for (const LspJson &f : doc["files"]) {
    if (f["uri"] == uri(file)) {
      return f["diagnostics"];
    }
  }
  FAIL("no file " << file << " in the CLI output");
  return LspJson();
}

} // namespace

// ---------------------------------------------------------------------------
// Position arithmetic, URIs and framing

TEST_CASE("lsp: LineIndex counts columns in every position encoding", "[lsp]") {
  // "é" is 2 bytes / 1 UTF-16 unit, "😀" 4 bytes / 2 units / 1 code point.
  const std::string text = "a\xC3\xA9\xF0\x9F\x98\x80z\r\nsecond\rthird\n";
  const lsp::LineIndex index(text);
  using lsp::Encoding;
  CHECK(index.offset({0, 2}, Encoding::Utf16) == 3); // after "aé"
  CHECK(index.offset({0, 4}, Encoding::Utf16) == 7); // after the emoji
  CHECK(index.offset({0, 3}, Encoding::Utf16) == 3); // between surrogates: the character's start
  CHECK(index.offset({0, 7}, Encoding::Utf8) == 7);
  CHECK(index.offset({0, 3}, Encoding::Utf32) == 7);
  CHECK(index.offset({0, 99}, Encoding::Utf16) == 8); // past the line's end: its end
  CHECK(index.offset({1, 2}, Encoding::Utf16) == 12); // CRLF ends line 0
  CHECK(index.offset({2, 0}, Encoding::Utf16) == 17); // a lone CR ends line 1
  CHECK(index.offset({3, 0}, Encoding::Utf16) == 23); // the empty last line
  CHECK(index.offset({99, 5}, Encoding::Utf16) == text.size());
  CHECK(index.position(7, Encoding::Utf16) == Position{0, 4});
  CHECK(index.position(7, Encoding::Utf8) == Position{0, 7});
  CHECK(index.position(7, Encoding::Utf32) == Position{0, 3});
  CHECK(index.position(9, Encoding::Utf16) == Position{0, 5}); // inside CRLF: the line's end
  CHECK(index.position(1000, Encoding::Utf16) == Position{3, 0});
  CHECK(lsp::convert(text, {0, 4}, Encoding::Utf16, Encoding::Utf8) == Position{0, 7});
}

TEST_CASE("lsp: incremental changes apply in the negotiated encoding and clamp", "[lsp]") {
  lsp::Document doc;
  doc.text = "x\xF0\x9F\x98\x80y\nline two\n";
  const auto edit = [](uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2, const std::string &text) {
    return LspJson{{"range", LspJson{{"start", LspJson{{"line", l1}, {"character", c1}}},
                                     {"end", LspJson{{"line", l2}, {"character", c2}}}}},
                   {"text", text}};
  };
  SECTION("utf-16") {
    lsp::apply_change(doc, edit(0, 3, 0, 4, "Y"), lsp::Encoding::Utf16);
    CHECK(doc.text == "x\xF0\x9F\x98\x80Y\nline two\n");
  }
  SECTION("utf-8") {
    lsp::apply_change(doc, edit(0, 5, 0, 6, "Y"), lsp::Encoding::Utf8);
    CHECK(doc.text == "x\xF0\x9F\x98\x80Y\nline two\n");
  }
  SECTION("utf-32") {
    lsp::apply_change(doc, edit(0, 2, 0, 3, "Y"), lsp::Encoding::Utf32);
    CHECK(doc.text == "x\xF0\x9F\x98\x80Y\nline two\n");
  }
  SECTION("out-of-range positions clamp, reversed ranges are swapped") {
    lsp::apply_change(doc, edit(1, 100, 1, 200, "!"), lsp::Encoding::Utf16);
    CHECK(doc.text == "x\xF0\x9F\x98\x80y\nline two!\n");
    lsp::apply_change(doc, edit(500, 0, 600, 0, "end\n"), lsp::Encoding::Utf16);
    CHECK(doc.text == "x\xF0\x9F\x98\x80y\nline two!\nend\n");
    lsp::apply_change(doc, edit(1, 4, 1, 0, ""), lsp::Encoding::Utf16);
    CHECK(doc.text == "x\xF0\x9F\x98\x80y\n two!\nend\n");
  }
  SECTION("negative and huge numbers clamp") {
    lsp::apply_change(doc,
                      LspJson{{"range", LspJson{{"start", LspJson{{"line", -5}, {"character", -1}}},
                                                {"end", LspJson{{"line", 0}, {"character", 1}}}}},
                              {"text", "X"}},
                      lsp::Encoding::Utf16);
    CHECK(doc.text == "X\xF0\x9F\x98\x80y\nline two\n");
    lsp::apply_change(
        doc,
        LspJson{{"range", LspJson{{"start", LspJson{{"line", 1e300}, {"character", 0}}},
                                  {"end", LspJson{{"line", 18446744073709551615ull}, {"character", 0}}}}},
                {"text", "Z"}},
        lsp::Encoding::Utf16);
    CHECK(doc.text.ends_with("Z"));
  }
  SECTION("without a range, the whole text") {
    lsp::apply_change(doc, LspJson{{"text", "new"}}, lsp::Encoding::Utf16);
    CHECK(doc.text == "new");
  }
}

TEST_CASE("lsp: file URIs become paths", "[lsp]") {
  CHECK(lsp::path_from_uri("file:///tmp/a%20b/Dockerfile") == "/tmp/a b/Dockerfile");
  CHECK(lsp::path_from_uri("file://localhost/etc/x.yaml") == "/etc/x.yaml");
  CHECK(lsp::path_from_uri("FILE:///x/%E2%82%ACuro.yaml") == "/x/\xE2\x82\xACuro.yaml");
  CHECK(lsp::path_from_uri("file:///bad%zzescape%") == "/bad%zzescape%");
  CHECK(lsp::path_from_uri("untitled:Untitled-1").empty());
  CHECK(lsp::path_from_uri("file://otherhost/share/x").empty());
  CHECK(lsp::path_from_uri("file:").empty());
}

TEST_CASE("lsp: framing tolerates headers and reports what it cannot read", "[lsp]") {
  SECTION("Content-Type and header case") {
    std::istringstream in(
        "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}");
    const auto m = lsp::read_message(in);
    CHECK(m.status == lsp::ReadStatus::Message);
    CHECK(m.body == "{}");
  }
  SECTION("bare LF line ends") {
    std::istringstream in("Content-Length: 2\n\n{}");
    CHECK(lsp::read_message(in).body == "{}");
  }
  SECTION("no Content-Length") {
    std::istringstream in("Content-Type: x\r\n\r\n{}");
    CHECK(lsp::read_message(in).status == lsp::ReadStatus::BadHeader);
  }
  SECTION("a Content-Length that is not a number") {
    std::istringstream in("Content-Length: -3\r\n\r\n{}");
    CHECK(lsp::read_message(in).status == lsp::ReadStatus::BadHeader);
  }
  SECTION("a body over the limit is skipped") {
    std::istringstream in("Content-Length: 99999999999\r\n\r\n{}");
    CHECK(lsp::read_message(in).status == lsp::ReadStatus::TooLarge);
    CHECK(lsp::read_message(in).status == lsp::ReadStatus::Eof);
  }
  SECTION("the end of input in a body") {
    std::istringstream in("Content-Length: 10\r\n\r\n{}");
    CHECK(lsp::read_message(in).status == lsp::ReadStatus::Eof);
  }
}

// ---------------------------------------------------------------------------
// Lifecycle and protocol errors

TEST_CASE("lsp: initialize negotiates the position encoding", "[lsp]") {
  const auto negotiated = [](const LspJson &capabilities) {
    const Session s = run(Script().initialize(capabilities).finish());
    const LspJson &result = s.response(0)["result"];
    CHECK(result["capabilities"]["textDocumentSync"] ==
          LspJson::parse(R"({"openClose":true,"change":2,"save":{"includeText":false}})"));
    CHECK(result["capabilities"]["codeActionProvider"]["codeActionKinds"] == LspJson::array({"quickfix"}));
    CHECK(result["serverInfo"]["name"] == "wincompat");
    CHECK(result["serverInfo"]["version"] == WINCOMPAT_VERSION);
    return result;
  };
  CHECK(negotiated(LspJson::object())["capabilities"]["positionEncoding"] == "utf-16");
  CHECK(negotiated(LspJson::parse(
            R"({"general":{"positionEncodings":["utf-8"]}})"))["capabilities"]["positionEncoding"] ==
        "utf-8");
  CHECK(negotiated(LspJson::parse(
            R"({"general":{"positionEncodings":["utf-8","utf-16"]}})"))["capabilities"]["positionEncoding"] ==
        "utf-16");
  CHECK(negotiated(LspJson::parse(
            R"({"general":{"positionEncodings":["utf-32"]}})"))["capabilities"]["positionEncoding"] ==
        "utf-32");
  CHECK(negotiated(LspJson::parse(
            R"({"general":{"positionEncodings":["ebcdic"]}})"))["capabilities"]["positionEncoding"] ==
        "utf-16");
  CHECK(negotiated(LspJson::parse(
            R"({"general":{"positionEncodings":"utf-8"}})"))["capabilities"]["positionEncoding"] == "utf-16");
  // The clangd extension, still sent by some clients.
  const LspJson clangd = negotiated(LspJson::parse(R"({"offsetEncoding":["utf-8"]})"));
  CHECK(clangd["capabilities"]["positionEncoding"] == "utf-8");
  CHECK(clangd["offsetEncoding"] == "utf-8");
}

TEST_CASE("lsp: lifecycle: before initialize, after shutdown, exit status", "[lsp]") {
  DockerRepo repo;
  SECTION("requests before initialize are refused, notifications dropped") {
    const Session s = run(Script()
                              .request(1, "textDocument/codeAction")
                              .open(uri(repo.dockerfile), kWc302)
                              .initialize()
                              .finish());
    CHECK(s.response(1)["error"]["code"] == -32002);
    CHECK(s.publishes(uri(repo.dockerfile)).empty());
    CHECK(s.response(9999)["result"].is_null());
    CHECK(s.status == 0);
  }
  SECTION("initialize twice") {
    const Session s = run(Script()
                              .initialize()
                              .request(1, "initialize", LspJson{{"capabilities", LspJson::object()}})
                              .finish());
    CHECK(s.response(1)["error"]["code"] == -32600);
  }
  SECTION("after shutdown, requests are invalid and exit ends with 0") {
    const Session s = run(Script()
                              .initialize()
                              .request(1, "shutdown")
                              .request(2, "shutdown")
                              .open(uri(repo.dockerfile), kWc302)
                              .notify("exit")
                              .request(3, "shutdown"));
    CHECK(s.response(1)["result"].is_null());
    CHECK(s.response(2)["error"]["code"] == -32600);
    CHECK(s.publishes(uri(repo.dockerfile)).empty());
    CHECK_FALSE(s.has_response(3)); // nothing is read after exit
    CHECK(s.status == 0);
  }
  SECTION("exit without shutdown is status 1") {
    CHECK(run(Script().initialize().notify("exit")).status == 1);
  }
  SECTION("the end of input ends the server") {
    CHECK(run(Script().initialize()).status == 1);
    CHECK(run(Script().initialize().request(1, "shutdown")).status == 0);
    CHECK(run(Script()).status == 1);
  }
}

TEST_CASE("lsp: unknown methods", "[lsp]") {
  const Session s = run(Script()
                            .initialize()
                            .request(1, "workspace/symbol", LspJson{{"query", "x"}})
                            .request(2, "$/unknownRequest")
                            .notify("$/cancelRequest", LspJson{{"id", 1}})
                            .notify("$/setTrace", LspJson{{"value", "off"}})
                            .notify("custom/notification", LspJson{{"anything", true}})
                            .finish());
  CHECK(s.response(1)["error"]["code"] == -32601);
  CHECK(s.response(2)["error"]["code"] == -32601);
  CHECK(s.errors().size() == 2); // notifications get no answer
  CHECK(s.status == 0);
}

TEST_CASE("lsp: malformed messages never crash the server", "[lsp]") {
  // Each case ends with `shutdown` (9999) and `exit`: the answer to it shows
  // the server read on after the bad input.
  Script script;
  script.initialize();
  int expected_errors = 1;
  SECTION("invalid JSON") {
    script.raw("Content-Length: 9\r\n\r\n{\"id\": 1,");
  }
  SECTION("missing Content-Length") {
    script.raw("Content-Type: application/vscode-jsonrpc\r\n\r\n");
  }
  SECTION("Content-Length not a number") {
    script.raw("Content-Length: twelve\r\n\r\n");
  }
  SECTION("Content-Length too short: the rest is skipped until the next header") {
    const std::string body = R"({"jsonrpc":"2.0","id":5,"method":"shutdown"})";
    script.raw("Content-Length: 10\r\n\r\n" + body);
  }
  SECTION("Content-Length too long: the next message is lost, not the one after") {
    const std::string body = R"({"jsonrpc":"2.0","method":"initialized"})";
    script.raw("Content-Length: " + std::to_string(body.size() + 25) + "\r\n\r\n" + body);
    script.notify("initialized");
  }
  SECTION("a body over the size limit") {
    script.raw("Content-Length: 70000000\r\n\r\n" + std::string(70000000, ' '));
  }
  SECTION("not an object") {
    script.send(LspJson::array({1, 2}));
    script.send(LspJson(42));
    script.send(LspJson("text"));
    expected_errors = 3;
  }
  SECTION("ids and methods of the wrong type") {
    script.send(LspJson{{"jsonrpc", "2.0"}, {"id", LspJson::object()}, {"method", "shutdown"}});
    script.send(LspJson{{"jsonrpc", "2.0"}, {"id", 3}, {"method", 17}});
    script.send(LspJson{{"jsonrpc", "2.0"}, {"id", 4}});
    expected_errors = 3;
  }
  SECTION("params of the wrong shape") {
    script.request(1, "textDocument/codeAction", LspJson::array());
    script.request(2, "textDocument/codeAction", LspJson{{"textDocument", 5}});
    script.notify("textDocument/didOpen", LspJson{{"textDocument", LspJson{{"uri", 5}, {"text", "x"}}}});
    script.notify("textDocument/didOpen", LspJson{{"textDocument", "x"}});
    script.notify("textDocument/didChange",
                  LspJson{{"textDocument", LspJson{{"uri", "file:///x"}}},
                          {"contentChanges", LspJson::array({LspJson{{"range", "bad"}}})}});
    script.notify("textDocument/didClose", nullptr);
    script.send(LspJson{{"jsonrpc", "2.0"}, {"method", "textDocument/didSave"}});
    expected_errors = 2;
  }
  SECTION("hostile nesting depth") {
    script.raw("Content-Length: 3000000\r\n\r\n" + std::string(3000000, '['));
    std::string deep = R"({"jsonrpc":"2.0","id":1,"method":"shutdown","params":)";
    for (int i = 0; i < 100000; ++i) {
      deep += R"({"a":)";
    }
    deep += "1" + std::string(100000, '}') + "}";
    script.raw("Content-Length: " + std::to_string(deep.size()) + "\r\n\r\n" + deep);
    expected_errors = 2;
  }
  SECTION("binary garbage") {
    std::string garbage;
    for (int i = 0; i < 4096; ++i) {
      garbage += static_cast<char>((i * 7919) & 0xFF);
    }
    script.raw(garbage + "\r\n\r\n");
    expected_errors = -1; // whatever it made of it
  }
  const Session s = run(script.finish());
  INFO(s.dump());
  CHECK(s.response(9999)["result"].is_null());
  CHECK(s.status == 0);
  if (expected_errors >= 0) {
    CHECK(s.errors().size() == static_cast<size_t>(expected_errors));
  }
  for (const LspJson &error : s.errors()) {
    CHECK(error["error"]["code"].is_number_integer());
    CHECK(error["error"]["message"].is_string());
  }
}

// ---------------------------------------------------------------------------
// Diagnostics

TEST_CASE("lsp: diagnostics are the JSON output's, with the document version", "[lsp]") {
  DockerRepo repo;
  const Session s = run(Script().initialize().open(uri(repo.dockerfile), kWc302, "dockerfile", 7).finish());
  const LspJson published = s.last(uri(repo.dockerfile));
  CHECK(published["version"] == 7);
  CHECK(codes(published["diagnostics"]) == std::vector<std::string>{"WC302"});
  CHECK(published["diagnostics"] == cli_diagnostics(repo.dir.path(), "app/Dockerfile", repo.dockerfile));
}

TEST_CASE("lsp: didChange, full and incremental, and didClose", "[lsp]") {
  DockerRepo repo;
  const std::string u = uri(repo.dockerfile);
  const auto range = [](uint32_t line, uint32_t from, uint32_t to) {
    return LspJson{{"start", LspJson{{"line", line}, {"character", from}}},
                   {"end", LspJson{{"line", line}, {"character", to}}}};
  };
  SECTION("an incremental edit fixes the tag") {
    const Session s =
        run(Script()
                .initialize()
                .open(u, kWc302)
                .change(u, 2,
                        LspJson::array({LspJson{{"range", range(0, kTag, kTag + 8)}, {"text", "ltsc2022"}}}))
                .finish());
    CHECK(s.last(u)["version"] == 2);
    CHECK(s.last(u)["diagnostics"].empty());
  }
  SECTION("several edits in one notification, then a full text") {
    Script script;
    script.initialize().open(u, "FROM scratch\n");
    // Type the Dockerfile at the end of the text, one change per character.
    LspJson changes = LspJson::array({LspJson{{"range", range(0, 0, 12)}, {"text", ""}}});
    for (size_t i = 0; i < kWc302.size(); ++i) {
      changes.push_back(LspJson{{"range", range(100, 0, 0)}, {"text", kWc302.substr(i, 1)}});
    }
    script.change(u, 2, changes);
    Script typed_script = script;
    const Session typed = run(typed_script.finish());
    CHECK(codes(typed.last(u)["diagnostics"]) == std::vector<std::string>{"WC302"});
    script.change(
        u, 3, LspJson::array({LspJson{{"text", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"}}}));
    const Session s = run(script.finish());
    CHECK(s.last(u)["version"] == 3);
    CHECK(s.last(u)["diagnostics"].empty());
  }
  SECTION("each message is linted when the client waits in between") {
    // The in-process stream holds the whole script, so bursts coalesce; a
    // request in between forces the pending lint first.
    const Session s =
        run(Script()
                .initialize()
                .open(u, kWc302)
                .request(1, "textDocument/codeAction",
                         LspJson{{"textDocument", LspJson{{"uri", u}}},
                                 {"range", range(0, 0, 0)},
                                 {"context", LspJson{{"diagnostics", LspJson::array()}}}})
                .change(u, 2,
                        LspJson::array({LspJson{{"range", range(0, kTag, kTag + 8)}, {"text", "ltsc2022"}}}))
                .finish());
    const auto all = s.publishes(u);
    REQUIRE(all.size() == 2);
    CHECK(all[0]["version"] == 1);
    CHECK(codes(all[0]["diagnostics"]) == std::vector<std::string>{"WC302"});
    CHECK(all[1]["version"] == 2);
    CHECK(all[1]["diagnostics"].empty());
  }
  SECTION("didClose clears the diagnostics") {
    const Session closed =
        run(Script()
                .initialize()
                .open(u, kWc302)
                .notify("textDocument/didClose", LspJson{{"textDocument", LspJson{{"uri", u}}}})
                .finish());
    CHECK(closed.last(u)["diagnostics"].empty());
    CHECK_FALSE(closed.last(u).contains("version"));
  }
  SECTION("didSave relints from the editor's text") {
    const Session s = run(Script()
                              .initialize()
                              .open(u, kWc302)
                              .notify("textDocument/didSave", LspJson{{"textDocument", LspJson{{"uri", u}}}})
                              .finish());
    CHECK(codes(s.last(u)["diagnostics"]) == std::vector<std::string>{"WC302"});
  }
}

TEST_CASE("lsp: didChange before didOpen", "[lsp]") {
  DockerRepo repo;
  const std::string u = uri(repo.dockerfile);
  SECTION("an incremental change to an unknown document is ignored") {
    const LspJson edit = LspJson{{"range", LspJson{{"start", LspJson{{"line", 0}, {"character", 0}}},
                                                   {"end", LspJson{{"line", 0}, {"character", 4}}}}},
                                 {"text", "x"}};
    const Session s = run(Script().initialize().change(u, 2, LspJson::array({edit})).finish());
    CHECK(s.publishes(u).empty());
    CHECK(s.errors().empty());
    CHECK(s.status == 0);
  }
  SECTION("a full change opens it") {
    const Session s =
        run(Script().initialize().change(u, 4, LspJson::array({LspJson{{"text", kWc302}}})).finish());
    CHECK(s.last(u)["version"] == 4);
    CHECK(codes(s.last(u)["diagnostics"]) == std::vector<std::string>{"WC302"});
  }
}

TEST_CASE("lsp: a manifest sees the repository's RuntimeClasses and Dockerfiles", "[lsp]") {
  ExampleRepo repo;
  const fs::path pricing = repo.k8s("deploy/legacy-pricing.yaml");
  const fs::path classes = repo.k8s("deploy/runtimeclasses.yaml");
  const fs::path shop = repo.k8s("deploy/shop.yaml");
  const std::string pricing_text = slurp(pricing);

  SECTION("the same diagnostics as linting the repository") {
    const Session s = run(Script()
                              .initialize()
                              .open(uri(pricing), pricing_text, "yaml")
                              .open(uri(shop), slurp(shop), "yaml")
                              .finish());
    // WC305, not WC206: RuntimeClass windows-2022-hyperv is in another file.
    CHECK(codes(s.last(uri(pricing))["diagnostics"]) == std::vector<std::string>{"WC305"});
    CHECK(s.last(uri(pricing))["diagnostics"] == cli_diagnostics(repo.k8s(""), ".", pricing));
    // WC204 needs the single Windows build that the Dockerfile the config maps the image to resolves.
    const LspJson shop_diagnostics = s.last(uri(shop))["diagnostics"];
    CHECK(has_code(s.last(uri(shop)), "WC204"));
    CHECK(shop_diagnostics == cli_diagnostics(repo.k8s(""), ".", shop));
  }
  SECTION("unsaved text of other open documents wins over the disk") {
    std::string without = slurp(classes);
    const size_t at = without.find("windows-2022-hyperv");
    REQUIRE(at != std::string::npos);
    without.replace(at, 19, "renamed-hyperv-class");
    const Session s = run(
        Script().initialize().open(uri(pricing), pricing_text, "yaml").request(1, "shutdown").notify("exit"));
    CHECK(has_code(s.last(uri(pricing)), "WC305"));
    const Session edited = run(
        Script()
            .initialize()
            .open(uri(pricing), pricing_text, "yaml")
            .request(1, "textDocument/codeAction",
                     LspJson{{"textDocument", LspJson{{"uri", uri(pricing)}}},
                             {"range",
                              LspJson::parse(
                                  R"({"start":{"line":0,"character":0},"end":{"line":0,"character":0}})")},
                             {"context", LspJson{{"diagnostics", LspJson::array()}}}})
            .open(uri(classes), without, "yaml")
            .finish());
    const auto all = edited.publishes(uri(pricing));
    REQUIRE(all.size() == 2);
    CHECK(has_code(all[0], "WC305"));
    CHECK(has_code(all[1], "WC206")); // the class it names is gone from the open file
  }
  SECTION("the document's own unsaved text is what is linted") {
    std::string fixed = pricing_text;
    fixed.replace(fixed.find("ltsc2019"), 8, "ltsc2022");
    const Session s = run(Script().initialize().open(uri(pricing), fixed, "yaml").finish());
    CHECK(s.last(uri(pricing))["diagnostics"].empty());
  }
}

TEST_CASE("lsp: config and inventory are found from the document's folder", "[lsp]") {
  TempDir repo;
  repo.write("a/.wincompat.yaml", "hosts: [ltsc2022]\n");
  repo.write("b/.wincompat.yaml", "hosts: [ltsc2019]\n");
  const fs::path a = repo.write("a/Dockerfile", kWc302);
  const fs::path b = repo.write("b/Dockerfile", kWc302);
  SECTION("hosts") {
    const Session s = run(Script().initialize().open(uri(a), kWc302).open(uri(b), kWc302).finish());
    CHECK(codes(s.last(uri(a))["diagnostics"]) == std::vector<std::string>{"WC302"});
    CHECK(s.last(uri(b))["diagnostics"].empty());
  }
  SECTION("a node inventory named by the config") {
    ExampleRepo examples;
    const fs::path config = examples.k8s(".wincompat.yaml");
    std::string text = slurp(config);
    text = text.substr(0, text.find("nodePools:")) + "nodes: [nodes.yaml]\n";
    write_file(config, text);
    const fs::path intranet = examples.k8s("deploy/intranet.yaml");
    const Session s = run(Script().initialize().open(uri(intranet), slurp(intranet), "yaml").finish());
    CHECK(has_code(s.last(uri(intranet)), "WC302"));
    CHECK(s.last(uri(intranet))["diagnostics"] ==
          cli_diagnostics(examples.k8s(""), "deploy/intranet.yaml", intranet));
  }
  SECTION("an open config's unsaved text is the project's config") {
    const fs::path config = repo / "a" / ".wincompat.yaml";
    const Session s = run(
        Script().initialize().open(uri(config), "hosts: [ltsc2019]\n", "yaml").open(uri(a), kWc302).finish());
    CHECK(s.last(uri(a))["diagnostics"].empty()); // the saved config's ltsc2022 host would report WC302
  }
  SECTION("a .wincompat.yml that extends another, as the command line reads it") {
    repo.write("d/.wincompat.yml", "extend: ../a/.wincompat.yaml\n");
    const fs::path d = repo.write("d/Dockerfile", kWc302);
    const Session s = run(Script().initialize().open(uri(d), kWc302).finish());
    CHECK(codes(s.last(uri(d))["diagnostics"]) == std::vector<std::string>{"WC302"});
    CHECK(s.last(uri(d))["diagnostics"] == cli_diagnostics(repo / "d", "Dockerfile", d));
  }
  SECTION("config problems are shown on the config file") {
    const fs::path config = repo.write("c/.wincompat.yaml", "hosts: [ltsc2022]\nnoSuchKey: 1\n");
    const fs::path c = repo.write("c/Dockerfile", kWc302);
    const Session s = run(Script().initialize().open(uri(c), kWc302).finish());
    CHECK(codes(s.last(uri(c))["diagnostics"]) == std::vector<std::string>{"WC302"});
    CHECK(codes(s.last(uri(config))["diagnostics"]) == std::vector<std::string>{"WC903"});
    CHECK(s.last(uri(config))["diagnostics"][0]["range"]["start"]["line"] == 1);
    // The open config is linted from the editor's text.
    const Session edited =
        run(Script().initialize().open(uri(config), "hosts: [ltsc2022]\n\n\nbadKey: 2\n", "yaml").finish());
    CHECK(codes(edited.last(uri(config))["diagnostics"]) == std::vector<std::string>{"WC903"});
    CHECK(edited.last(uri(config))["diagnostics"][0]["range"]["start"]["line"] == 3);
  }
}

TEST_CASE("lsp: .wincompat.lock beside the config answers for private images", "[lsp]") {
  TempDir repo;
  repo.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
  const std::string pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n"
                          "  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n"
                          "  - name: web\n    image: myreg.example/shop/web:1.0\n";
  const fs::path manifest = repo.write("deploy/pod.yaml", pod);
  const Session unknown = run(Script().initialize().open(uri(manifest), pod, "yaml").finish());
  CHECK(codes(unknown.last(uri(manifest))["diagnostics"]) == std::vector<std::string>{"WC208"});
  repo.write(".wincompat.lock", "version: 1\nimages:\n  \"myreg.example/shop/web:1.0\":\n"
                                "    digest: sha256:0000\n    read: 2026-12-01\n    platforms:\n"
                                "      - {os: windows, architecture: amd64, os.version: 10.0.17763.1}\n");
  const Session locked = run(Script().initialize().open(uri(manifest), pod, "yaml").finish());
  CHECK(codes(locked.last(uri(manifest))["diagnostics"]) == std::vector<std::string>{"WC302"});
  CHECK(locked.last(uri(manifest))["diagnostics"][0]["data"]["source"] == "lock");
}

TEST_CASE("lsp: a chart's files get the findings rendering the chart places in them", "[lsp]") {
  TempDir repo;
  repo.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
  repo.write("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n");
  const std::string values = "image:\n  tag: ltsc2019\n";
  const fs::path values_file = repo.write("web/values.yaml", values);
  const std::string pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n"
                          "  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - name: web\n"
                          "    image: mcr.microsoft.com/windows/servercore:{{ .Values.image.tag }}\n";
  const fs::path template_file = repo.write("web/templates/pod.yaml", pod);
  const Session s = run(Script()
                            .initialize()
                            .open(uri(values_file), values, "yaml")
                            .open(uri(template_file), pod, "yaml")
                            .finish());
  // On the values line that set the tag, as `wincompat lint web` reports it.
  const LspJson found = s.last(uri(values_file))["diagnostics"];
  CHECK(codes(found) == std::vector<std::string>{"WC302"});
  CHECK(found[0]["range"]["start"]["line"] == 1);
  CHECK(found == cli_diagnostics(repo.path(), "web", values_file));
  // The template file is no plain YAML: no WC907, nothing of its own.
  CHECK(s.last(uri(template_file))["diagnostics"].empty());
  // An unsaved edit of values.yaml is what the chart renders with, and the
  // other open files of the chart are linted again.
  const std::string fixed = "image:\n  tag: ltsc2022\n";
  const Session edited = run(Script()
                                 .initialize()
                                 .open(uri(values_file), values, "yaml")
                                 .open(uri(template_file), pod, "yaml")
                                 .code_action(1, uri(values_file))
                                 .change(uri(values_file), 2, LspJson::array({LspJson{{"text", fixed}}}))
                                 .finish());
  CHECK(has_code(edited.publishes(uri(values_file)).front(), "WC302"));
  CHECK(edited.last(uri(values_file))["diagnostics"].empty());
  CHECK(edited.publishes(uri(template_file)).size() == 2);
}

TEST_CASE("lsp: an unsaved Chart.yaml makes its folder a chart", "[lsp]") {
  TempDir repo;
  repo.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
  const fs::path chart = repo / "web" / "Chart.yaml"; // not saved yet
  const std::string values = "image:\n  tag: ltsc2019\n";
  const fs::path values_file = repo.write("web/values.yaml", values);
  repo.write("web/templates/pod.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n"
             "  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - name: web\n"
             "    image: mcr.microsoft.com/windows/servercore:{{ .Values.image.tag }}\n");
  const Session s = run(Script()
                            .initialize()
                            .open(uri(chart), "apiVersion: v2\nname: web\nversion: 1.0.0\n", "yaml")
                            .open(uri(values_file), values, "yaml")
                            .finish());
  CHECK(codes(s.last(uri(values_file))["diagnostics"]) == std::vector<std::string>{"WC302"});
}

TEST_CASE("lsp: unsaved Dockerfiles and kustomization files are read by every layer", "[lsp]") {
  TempDir repo;
  repo.write(".wincompat.yaml", "hosts: [ltsc2022]\nimages:\n  myreg.example/shop/web: web/Dockerfile\n");
  const std::string on_disk = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n";
  const fs::path dockerfile = repo.write("web/Dockerfile", on_disk);
  const std::string pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n"
                          "  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n"
                          "  - name: web\n    image: myreg.example/shop/web:1.0\n";
  const fs::path manifest = repo.write("deploy/pod.yaml", pod);
  const std::string deployment =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n"
      "  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n"
      "    spec:\n      nodeSelector: {kubernetes.io/os: windows}\n      containers:\n"
      "      - name: api\n        image: mcr.microsoft.com/windows/servercore:ltsc2022\n";
  const fs::path base = repo.write("kustomize/base/deployment.yaml", deployment);
  repo.write("kustomize/base/kustomization.yaml", "resources: [deployment.yaml]\n");
  const std::string overlay_text = "resources: [../base]\nimages:\n"
                                   "- name: mcr.microsoft.com/windows/servercore\n  newTag: ltsc2019\n";
  const fs::path overlay = repo.write("kustomize/prod/kustomization.yaml", overlay_text);

  SECTION("a manifest's image is built from the Dockerfile as the editor shows it") {
    const Session saved = run(Script().initialize().open(uri(manifest), pod, "yaml").finish());
    CHECK(saved.last(uri(manifest))["diagnostics"].empty());
    const std::string edited = "FROM mcr.microsoft.com/windows/servercore:ltsc2019\n";
    const Session unsaved = run(Script()
                                    .initialize()
                                    .open(uri(dockerfile), edited, "dockerfile")
                                    .open(uri(manifest), pod, "yaml")
                                    .finish());
    CHECK(has_code(unsaved.last(uri(manifest)), "WC302"));
    // Typing in the Dockerfile lints the open manifest again.
    const Session typed = run(Script()
                                  .initialize()
                                  .open(uri(manifest), pod, "yaml")
                                  .open(uri(dockerfile), on_disk, "dockerfile")
                                  .code_action(1, uri(manifest))
                                  .change(uri(dockerfile), 2, LspJson::array({LspJson{{"text", edited}}}))
                                  .finish());
    const auto all = typed.publishes(uri(manifest));
    REQUIRE(!all.empty());
    CHECK(all.front()["diagnostics"].empty());
    CHECK(has_code(all.back(), "WC302"));
  }
  SECTION("a kustomization is built with its bases as the editor shows them") {
    // The overlay's `images:` entry sets the tag: the finding is on it, as
    // `wincompat lint kustomize/prod` reports it.
    const Session saved = run(Script().initialize().open(uri(overlay), overlay_text, "yaml").finish());
    const LspJson found = saved.last(uri(overlay))["diagnostics"];
    CHECK(codes(found) == std::vector<std::string>{"WC302"});
    CHECK(found == cli_diagnostics(repo.path(), "kustomize/prod", overlay));
    // An unsaved edit of the base renames the image: the entry matches nothing.
    std::string renamed = deployment;
    renamed.replace(renamed.find("servercore"), 10, "nanoserver");
    const Session unsaved = run(Script()
                                    .initialize()
                                    .open(uri(base), renamed, "yaml")
                                    .open(uri(overlay), overlay_text, "yaml")
                                    .finish());
    CHECK(!has_code(unsaved.last(uri(overlay)), "WC302"));
    // And the overlay's own unsaved text is what is built.
    std::string fixed = overlay_text;
    fixed.replace(fixed.find("ltsc2019"), 8, "ltsc2022");
    const Session own = run(Script().initialize().open(uri(overlay), fixed, "yaml").finish());
    CHECK(own.last(uri(overlay))["diagnostics"].empty());
  }
}

TEST_CASE("lsp: documents the linter does not know stay clean", "[lsp]") {
  TempDir repo;
  const Session s = run(Script()
                            .initialize()
                            .open(uri(repo / "notes.txt"), kWc302, "plaintext")
                            .open("untitled:Untitled-1", kWc302, "dockerfile")
                            .open(uri(repo / "values.yaml"), "replicas: 3\n", "yaml")
                            .finish());
  CHECK(s.last(uri(repo / "notes.txt"))["diagnostics"].empty());
  CHECK(s.last(uri(repo / "values.yaml"))["diagnostics"].empty());
  // An unsaved Dockerfile is linted by its languageId (WC302 needs a host,
  // and no config is found from the working directory: nothing or WC1xx).
  CHECK(s.last("untitled:Untitled-1")["version"] == 1);
}

// ---------------------------------------------------------------------------
// Code actions

TEST_CASE("lsp: quick fixes come from data.fix", "[lsp]") {
  DockerRepo repo;
  const std::string u = uri(repo.dockerfile);
  // First learn the published diagnostic, then ask about it.
  const Session first = run(Script().initialize().open(u, kWc302).finish());
  const LspJson diagnostic = first.last(u)["diagnostics"][0];
  REQUIRE(diagnostic["data"].contains("fix"));
  const auto ask = [&](LspJson context, LspJson range = LspJson()) {
    return LspJson{{"textDocument", LspJson{{"uri", u}}},
                   {"range", range.is_null() ? diagnostic["range"] : range},
                   {"context", std::move(context)}};
  };
  LspJson stripped = diagnostic;
  stripped.erase("data");
  LspJson foreign = diagnostic;
  foreign["source"] = "hadolint";
  const Session s = run(
      Script()
          .initialize()
          .open(u, kWc302)
          .request(1, "textDocument/codeAction", ask(LspJson{{"diagnostics", LspJson::array({diagnostic})}}))
          .request(2, "textDocument/codeAction", ask(LspJson{{"diagnostics", LspJson::array({stripped})}}))
          .request(3, "textDocument/codeAction", ask(LspJson{{"diagnostics", LspJson::array()}}))
          .request(4, "textDocument/codeAction",
                   ask(LspJson{{"diagnostics", LspJson::array({diagnostic})},
                               {"only", LspJson::array({"refactor"})}}))
          .request(5, "textDocument/codeAction", ask(LspJson{{"diagnostics", LspJson::array({foreign})}}))
          .request(
              6, "textDocument/codeAction",
              ask(LspJson{{"diagnostics", LspJson::array()}},
                  LspJson::parse(R"({"start":{"line":1,"character":0},"end":{"line":1,"character":3}})")))
          .finish());
  const LspJson expected_edit = diagnostic["data"]["fix"]["edits"];
  for (int id : {1, 2, 3}) {
    INFO("request " << id);
    const LspJson &actions = s.response(id)["result"];
    REQUIRE(actions.size() == 1);
    CHECK(actions[0]["kind"] == "quickfix");
    CHECK(actions[0]["title"] == "use ltsc2022");
    CHECK(actions[0]["edit"]["changes"][u] == expected_edit);
    CHECK(actions[0]["diagnostics"][0]["code"] == "WC302");
  }
  CHECK(s.response(4)["result"].empty());
  CHECK(s.response(5)["result"].empty());
  CHECK(s.response(6)["result"].empty());

  // Applying the edit clears the diagnostic.
  const LspJson edit = expected_edit[0];
  const Session applied =
      run(Script()
              .initialize()
              .open(u, kWc302)
              .change(u, 2, LspJson::array({LspJson{{"range", edit["range"]}, {"text", edit["newText"]}}}))
              .finish());
  CHECK(applied.last(u)["diagnostics"].empty());
}

// ---------------------------------------------------------------------------
// Position encodings

TEST_CASE("lsp: positions follow the negotiated encoding", "[lsp]") {
  TempDir repo;
  repo.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
  // "😀é" before the image on the same line: 6 bytes, 3 UTF-16 units, 2 code points.
  const std::string manifest =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector: {kubernetes.io/os: windows}\n"
      "  containers: [{name: \"\xF0\x9F\x98\x80\xC3\xA9\", image: "
      "mcr.microsoft.com/windows/servercore:ltsc2019}]\n";
  const fs::path file = repo.write("pod.yaml", manifest);
  const std::string u = uri(file);
  const auto first = [&](const char *encodings) {
    const Session s = run(Script().initialize(LspJson::parse(encodings)).open(u, manifest, "yaml").finish());
    const LspJson diagnostics = s.last(u)["diagnostics"];
    REQUIRE(has_code(s.last(u), "WC302"));
    for (const LspJson &d : diagnostics) {
      if (d["code"] == "WC302") {
        return d;
      }
    }
    return LspJson();
  };
  const LspJson utf16 = first("{}");
  const LspJson utf8 = first(R"({"general":{"positionEncodings":["utf-8"]}})");
  const LspJson utf32 = first(R"({"general":{"positionEncodings":["utf-32"]}})");
  for (const LspJson &d : cli_diagnostics(repo.path(), "pod.yaml", file)) {
    if (d["code"] == "WC302") {
      CHECK(utf16 == d);
    }
  }
  const std::string line = manifest.substr(manifest.find("  containers"));
  const auto bytes = static_cast<int64_t>(line.find("mcr."));
  CHECK(utf8["range"]["start"]["character"] == bytes);
  CHECK(utf16["range"]["start"]["character"] == bytes - 3); // 😀 is 4 bytes, 2 units; é 2 bytes, 1 unit
  CHECK(utf32["range"]["start"]["character"] == bytes - 4);
  const int64_t tag_utf8 = utf8["data"]["fix"]["edits"][0]["range"]["start"]["character"];
  CHECK(tag_utf8 == static_cast<int64_t>(line.find("ltsc2019")));
  CHECK(utf16["data"]["fix"]["edits"][0]["range"]["start"]["character"] == tag_utf8 - 3);

  // An incremental change in UTF-8 columns lands where the client meant.
  const LspJson fix_edit = utf8["data"]["fix"]["edits"][0];
  const Session s =
      run(Script()
              .initialize(LspJson::parse(R"({"general":{"positionEncodings":["utf-8"]}})"))
              .open(u, manifest, "yaml")
              .change(u, 2, LspJson::array({LspJson{{"range", fix_edit["range"]}, {"text", "ltsc2022"}}}))
              .finish());
  CHECK_FALSE(has_code(s.last(u), "WC302"));
}

TEST_CASE("lsp: a BOM the editor kept shifts the first line", "[lsp]") {
  DockerRepo repo;
  const std::string u = uri(repo.dockerfile);
  const Session plain = run(Script().initialize().open(u, kWc302).finish());
  const Session bom = run(Script().initialize().open(u, "\xEF\xBB\xBF" + kWc302).finish());
  const LspJson a = plain.last(u)["diagnostics"][0]["range"];
  const LspJson b = bom.last(u)["diagnostics"][0]["range"];
  CHECK(b["start"]["character"] == a["start"]["character"].get<int>() + 1);
  CHECK(b["end"]["character"] == a["end"]["character"].get<int>() + 1);
}

// ---------------------------------------------------------------------------
// The binary, over pipes

namespace {

/// `wincompat lsp` as a child process with pipes, read with a timeout.
class Child {
public:
  explicit Child(const fs::path &cwd) {
    int to_child[2], from_child[2];
    REQUIRE(::pipe(to_child) == 0);
    REQUIRE(::pipe(from_child) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(to_child[0], 0);
      ::dup2(from_child[1], 1);
      ::close(to_child[1]);
      ::close(from_child[0]);
      if (::chdir(cwd.c_str()) != 0) {
        ::_exit(126);
      }
      ::execl(WINCOMPAT_BINARY, WINCOMPAT_BINARY, "lsp", "--stdio", static_cast<char *>(nullptr));
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    in_ = to_child[1];
    out_ = from_child[0];
    ::signal(SIGPIPE, SIG_IGN);
  }
  ~Child() {
    if (in_ >= 0) {
      ::close(in_);
    }
    ::close(out_);
    if (pid_ > 0 && status_ < 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  void send(const LspJson &message) {
    const std::string body = message.dump();
    send_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  void send_raw(const std::string &bytes) {
    REQUIRE(::write(in_, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  }
  /// The next message, waiting at most 20 seconds.
  LspJson receive() {
    while (true) {
      const size_t header_end = buffer_.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        const size_t length = std::stoul(buffer_.substr(buffer_.find(':') + 1));
        if (buffer_.size() >= header_end + 4 + length) {
          LspJson message = LspJson::parse(buffer_.substr(header_end + 4, length));
          buffer_.erase(0, header_end + 4 + length);
          return message;
        }
      }
      pollfd fd{out_, POLLIN, 0};
      REQUIRE(::poll(&fd, 1, 20000) == 1);
      char chunk[65536];
      const ssize_t n = ::read(out_, chunk, sizeof chunk);
      REQUIRE(n > 0);
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }
  /// Messages until one satisfies `wanted`.
  LspJson receive_until(const std::function<bool(const LspJson &)> &wanted) {
    for (int i = 0; i < 100; ++i) {
      LspJson message = receive();
      if (wanted(message)) {
        return message;
      }
    }
    FAIL("the expected message never came");
    return LspJson();
  }
  int wait() {
    ::close(in_);
    in_ = -1;
    int raw = 0;
    for (int i = 0; i < 200 && ::waitpid(pid_, &raw, WNOHANG) == 0; ++i) {
      ::usleep(50000);
    }
    status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128;
    return status_;
  }

private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  int status_ = -1;
  std::string buffer_;
};

} // namespace

TEST_CASE("lsp: the binary serves an editor session over pipes", "[lsp][e2e]") {
  ExampleRepo repo;
  const fs::path pricing = repo.k8s("deploy/legacy-pricing.yaml");
  const std::string u = uri(pricing);
  Child child(repo.dir.path());
  child.send(LspJson{{"jsonrpc", "2.0"},
                     {"id", 1},
                     {"method", "initialize"},
                     {"params", LspJson{{"capabilities", LspJson::object()}}}});
  CHECK(child.receive()["result"]["capabilities"]["positionEncoding"] == "utf-16");
  child.send(LspJson{{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", LspJson::object()}});
  child.send(LspJson{
      {"jsonrpc", "2.0"},
      {"method", "textDocument/didOpen"},
      {"params",
       LspJson{{"textDocument",
                LspJson{{"uri", u}, {"languageId", "yaml"}, {"version", 1}, {"text", slurp(pricing)}}}}}});
  const auto is_publish = [&](const LspJson &m) {
    return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == u;
  };
  LspJson published = child.receive_until(is_publish);
  CHECK(codes(published["params"]["diagnostics"]) == std::vector<std::string>{"WC305"});
  // Garbage in the middle of a session is answered, not fatal.
  child.send_raw("Content-Length: 3\r\n\r\n{{{");
  CHECK(child.receive()["error"]["code"] == -32700);
  child.send(LspJson{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "no/such/method"}});
  CHECK(child.receive()["error"]["code"] == -32601);
  // An edit: the image moves to ltsc2022, WC305 goes away.
  std::string text = slurp(pricing);
  const size_t at = text.find("ltsc2019");
  const auto line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  const auto column = static_cast<int>(at - text.rfind('\n', at) - 1);
  child.send(LspJson{
      {"jsonrpc", "2.0"},
      {"method", "textDocument/didChange"},
      {"params", LspJson{{"textDocument", LspJson{{"uri", u}, {"version", 2}}},
                         {"contentChanges",
                          LspJson::array({LspJson{
                              {"range", LspJson{{"start", LspJson{{"line", line}, {"character", column}}},
                                                {"end", LspJson{{"line", line}, {"character", column + 8}}}}},
                              {"text", "ltsc2022"}}})}}}});
  published = child.receive_until(is_publish);
  CHECK(published["params"]["version"] == 2);
  CHECK(published["params"]["diagnostics"].empty());
  child.send(LspJson{{"jsonrpc", "2.0"}, {"id", 3}, {"method", "shutdown"}});
  CHECK(child.receive()["result"].is_null());
  child.send(LspJson{{"jsonrpc", "2.0"}, {"method", "exit"}});
  CHECK(child.wait() == 0);
}

TEST_CASE("lsp: mutated sessions never crash the server", "[lsp]") {
  // A valid session with every kind of message, then random byte edits of
  // it: whatever the server makes of them, it must answer in framed JSON
  // and end.
  DockerRepo repo;
  const std::string u = uri(repo.dockerfile);
  const LspJson range =
      LspJson::parse(R"({"start":{"line":0,"character":3},"end":{"line":0,"character":9}})");
  const std::string session =
      Script()
          .initialize(LspJson::parse(R"({"general":{"positionEncodings":["utf-8","utf-16"]}})"))
          .open(u, kWc302, "dockerfile")
          .change(u, 2, LspJson::array({LspJson{{"range", range}, {"text", "é😀\r\n"}}}))
          .request(1, "textDocument/codeAction",
                   LspJson{{"textDocument", LspJson{{"uri", u}}},
                           {"range", range},
                           {"context", LspJson{{"diagnostics", LspJson::array()}}}})
          .notify("textDocument/didSave", LspJson{{"textDocument", LspJson{{"uri", u}}}})
          .notify("textDocument/didClose", LspJson{{"textDocument", LspJson{{"uri", u}}}})
          .finish()
          .bytes();
  uint64_t state = 0x9E3779B97F4A7C15ull;
  const auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int round = 0; round < 300; ++round) {
    std::string bytes = session;
    const int edits = 1 + static_cast<int>(next() % 8);
    for (int e = 0; e < edits; ++e) {
      const size_t at = next() % bytes.size();
      switch (next() % 4) {
      case 0:
        bytes[at] = static_cast<char>(next());
        break;
      case 1:
        bytes.erase(at, 1 + next() % 16);
        break;
      case 2:
        bytes.insert(at, std::string(1 + next() % 4, "0123456789{}[]\":,\r\n"[next() % 18]));
        break;
      default:
        bytes.resize(at);
        break;
      }
      if (bytes.empty()) {
        bytes = "x";
      }
    }
    INFO("round " << round);
    const Session s = run(Script().raw(bytes));
    CHECK((s.status == 0 || s.status == 1));
  }
}

TEST_CASE("lsp: a base's resource shows the findings the overlays' builds place in it", "[lsp]") {
  TempDir repo;
  repo.write(".wincompat.yaml", "hosts: [ltsc2019, ltsc2022]\n");
  // The base's image is 2022; the legacy overlay pins its pods to 2019
  // nodes. Linted alone the file is fine; built, the overlay's pods cannot
  // run, and `wincompat lint .` places that at the base's image line.
  const std::string deployment =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n"
      "  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n"
      "    spec:\n      nodeSelector: {kubernetes.io/os: windows}\n      containers:\n"
      "      - name: api\n        image: mcr.microsoft.com/windows/servercore:ltsc2022\n";
  const fs::path base = repo.write("kustomize/base/deployment.yaml", deployment);
  repo.write("kustomize/base/kustomization.yaml", "resources: [deployment.yaml]\n");
  repo.write("kustomize/legacy/kustomization.yaml",
             "resources: [../base]\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n"
             "    metadata: {name: api}\n    spec:\n      template:\n        spec:\n          nodeSelector:\n"
             "            node.kubernetes.io/windows-build: \"10.0.17763\"\n");
  const Session session = run(Script().initialize().open(uri(base), deployment, "yaml").finish());
  const LspJson found = session.last(uri(base))["diagnostics"];
  const LspJson expected = cli_diagnostics(repo.path(), ".", base);
  CHECK(!found.empty());
  // The server names the overlay by its full path, the CLI relative to
  // where it runs: otherwise the findings are the CLI's.
  std::string text = found.dump();
  const std::string absolute = "deployed by " + repo.path().string() + "/";
  for (size_t at = text.find(absolute); at != std::string::npos; at = text.find(absolute, at)) {
    text.replace(at, absolute.size(), "deployed by ");
  }
  CHECK(text == expected.dump());
}

namespace {

/// The server names builds by their full paths, the CLI relative to where
/// it runs: `found` with the repository's prefix taken out of those names.
std::string lsp_builds_named_relative(const LspJson &found, const fs::path &repo) {
  std::string text = found.dump();
  const std::string absolute = "deployed by " + repo.string() + "/";
  for (size_t at = text.find(absolute); at != std::string::npos; at = text.find(absolute, at)) {
    text.replace(at, absolute.size(), "deployed by ");
  }
  return text;
}

const std::string kLspBaseDeployments =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n"
    "  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n"
    "    spec:\n      nodeSelector: {kubernetes.io/os: windows}\n      containers:\n"
    "      - name: api\n        image: mcr.microsoft.com/windows/servercore:ltsc2022\n"
    "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: tool}\nspec:\n"
    "  selector: {matchLabels: {app: tool}}\n  template:\n    metadata: {labels: {app: tool}}\n"
    "    spec:\n      nodeSelector: {kubernetes.io/os: windows}\n      containers:\n"
    "      - name: tool\n        image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n";
// The base retags nanoserver to 2019: a finding every build has, in the base.
const std::string kLspBaseKustomization =
    "resources: [deployments.yaml]\nimages:\n"
    "- name: mcr.microsoft.com/windows/nanoserver\n  newTag: ltsc2019\n";
// The overlay retags servercore to 2019: a finding only its build has.
const std::string kLspOverlayKustomization =
    "resources: [../base]\nimages:\n"
    "- name: mcr.microsoft.com/windows/servercore\n  newTag: ltsc2019\n";

/// A repository for 2022 hosts with a base and the overlay above.
struct LspOverlayRepo {
  TempDir dir;
  fs::path deployments, base, overlay;
  LspOverlayRepo() {
    dir.write(".wincompat.yaml", "hosts: [ltsc2022]\n");
    deployments = dir.write("kustomize/base/deployments.yaml", kLspBaseDeployments);
    base = dir.write("kustomize/base/kustomization.yaml", kLspBaseKustomization);
    overlay = dir.write("kustomize/prod/kustomization.yaml", kLspOverlayKustomization);
  }
};

uint32_t lsp_line_of(const std::string &text, const std::string &needle) {
  const size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<uint32_t>(
      std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

} // namespace

TEST_CASE("lsp: an open base kustomization shows the findings of the overlays that build it", "[lsp]") {
  LspOverlayRepo repo;
  const Session s = run(Script().initialize().open(uri(repo.base), kLspBaseKustomization, "yaml").finish());
  // The base-only finding is on the base's own newTag line, naming the
  // overlay that deploys it too.
  const LspJson base = s.last(uri(repo.base))["diagnostics"];
  REQUIRE(codes(base) == std::vector<std::string>{"WC302"});
  CHECK(base[0]["range"]["start"]["line"] == lsp_line_of(kLspBaseKustomization, "newTag"));
  CHECK(base.dump().find("also deployed by " + (repo.dir / "kustomize/prod").string()) != std::string::npos);
  // The overlay's finding is published on the overlay's newTag line, though
  // the overlay is not open.
  const LspJson overlay = s.last(uri(repo.overlay))["diagnostics"];
  REQUIRE(codes(overlay) == std::vector<std::string>{"WC302"});
  CHECK(overlay[0]["range"]["start"]["line"] == lsp_line_of(kLspOverlayKustomization, "newTag"));
  // Both are what `wincompat lint .` reports for those files.
  CHECK(lsp_builds_named_relative(base, repo.dir.path()) ==
        cli_diagnostics(repo.dir.path(), ".", repo.base).dump());
  CHECK(lsp_builds_named_relative(overlay, repo.dir.path()) ==
        cli_diagnostics(repo.dir.path(), ".", repo.overlay).dump());
  // The resource file has no finding of its own: nothing is published for it.
  CHECK(s.publishes(uri(repo.deployments)).empty());
}

TEST_CASE("lsp: editing an overlay lints the open base files its build reads again", "[lsp]") {
  LspOverlayRepo repo;
  // Unrelated: another base and overlay in the same repository.
  const std::string other_base = "resources: [pod.yaml]\n";
  const fs::path other = repo.dir.write("other/base/kustomization.yaml", other_base);
  repo.dir.write("other/base/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n"
                                        "  containers:\n  - name: x\n    image: busybox\n");
  const std::string other_overlay_text = "resources: [../base]\n";
  const fs::path other_overlay = repo.dir.write("other/prod/kustomization.yaml", other_overlay_text);
  // The overlay pins its pods to 2019 nodes: the base's 2022 servercore
  // image cannot run there, found at the base's image line.
  const std::string pinned = kLspOverlayKustomization.substr(0, kLspOverlayKustomization.find("images:")) +
                             "patches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n"
                             "    metadata: {name: api}\n    spec:\n      template:\n        spec:\n"
                             "          nodeSelector:\n"
                             "            node.kubernetes.io/windows-build: \"10.0.17763\"\n";
  const std::string unpinned = kLspOverlayKustomization.substr(0, kLspOverlayKustomization.find("images:"));
  const Session s = run(Script()
                            .initialize()
                            .open(uri(repo.deployments), kLspBaseDeployments, "yaml")
                            .open(uri(repo.overlay), unpinned, "yaml")
                            .open(uri(other), other_base, "yaml")
                            .open(uri(other_overlay), other_overlay_text, "yaml")
                            .code_action(1, uri(repo.overlay))
                            .change(uri(repo.overlay), 2, LspJson::array({LspJson{{"text", pinned}}}))
                            .code_action(2, uri(repo.overlay))
                            .change(uri(repo.overlay), 3, LspJson::array({LspJson{{"text", unpinned}}}))
                            .finish());
  const auto published = s.publishes(uri(repo.deployments));
  REQUIRE(published.size() == 3);
  CHECK(published[0]["diagnostics"].empty());
  const LspJson found = published[1]["diagnostics"];
  REQUIRE(!found.empty());
  CHECK(found[0]["range"]["start"]["line"] == lsp_line_of(kLspBaseDeployments, "servercore"));
  CHECK(found.dump().find("deployed by " + (repo.dir / "kustomize/prod").string()) != std::string::npos);
  CHECK(published[2]["diagnostics"].empty());
  // As the CLI reports it once the edit is saved.
  repo.dir.write("kustomize/prod/kustomization.yaml", pinned);
  CHECK(lsp_builds_named_relative(found, repo.dir.path()) ==
        cli_diagnostics(repo.dir.path(), ".", repo.deployments).dump());
  // The other tree's files were linted once, when opened: no build of
  // theirs reads the overlay.
  CHECK(s.publishes(uri(other)).size() == 1);
  CHECK(s.publishes(uri(other_overlay)).size() == 1);
}
