#include "registry/auth.hpp"

#include "text_util.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#ifndef _WIN32
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
#endif

namespace wincompat::registry {

namespace {

using Json = nlohmann::json;

constexpr const char *kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string docker_config_path() {
  std::string path = under_environment("DOCKER_CONFIG", "/config.json");
#ifdef _WIN32
  // Docker Desktop's: %USERPROFILE%\.docker\config.json.
  if (path.empty()) {
    path = under_environment("USERPROFILE", "/.docker/config.json");
  }
#endif
  return path.empty() ? under_environment("HOME", "/.docker/config.json") : path;
}

/// The server URL docker passes to credential helpers for a registry.
std::string helper_server_url(const std::string &host) {
  return host == "docker.io" ? "https://index.docker.io/v1/" : host;
}

std::string json_string(const Json &object, const char *key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Credentials from_auth_entry(const Json &entry) {
  Credentials out;
  if (auto decoded = base64_decode(json_string(entry, "auth")); decoded && !decoded->empty()) {
    const size_t colon = decoded->find(':');
    out.username = decoded->substr(0, colon);
    out.password = colon == std::string::npos ? "" : decoded->substr(colon + 1);
  }
  if (out.username.empty()) {
    out.username = json_string(entry, "username");
    out.password = json_string(entry, "password");
  }
  out.identity_token = json_string(entry, "identitytoken");
  return out;
}

#ifdef _WIN32
/// Credential helpers are not run by the Windows build yet (docs/install.md):
/// nothing is started, and the look-up says so.
std::optional<std::string> run_helper(const std::string &path, const std::string &name,
                                      const std::string &input, std::chrono::milliseconds timeout,
                                      std::string *problem) {
  (void)path;
  (void)input;
  (void)timeout;
  *problem = name + " was not run: the Windows build of wincompat does not run credential helpers yet; "
                    "put the registry's credentials in config.json's \"auths\" (docker login without a "
                    "credsStore) to look it up";
  return std::nullopt;
}
#else
/// "exit status 1", "killed by signal 9": how a helper ended, nothing of its output.
std::string how_it_ended(int status) {
  if (WIFEXITED(status)) {
    return "exit status " + std::to_string(WEXITSTATUS(status));
  }
  return WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status)) : "status unknown";
}

/// Waits for `pid` until `deadline`; false when it is still running then.
bool reap_before(pid_t pid, std::chrono::steady_clock::time_point deadline, int &status) {
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) {
      return true;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

/// Runs `path get` (an absolute path; `name` for messages) in a process
/// group of its own, `input` on its standard input, its standard error
/// discarded. Its standard output, or nullopt with `problem` saying how it
/// failed (never what it printed): the group is killed at `timeout`.
std::optional<std::string> run_helper(const std::string &path, const std::string &name,
                                      const std::string &input, std::chrono::milliseconds timeout,
                                      std::string *problem) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) {
    *problem = "cannot start " + name;
    return std::nullopt;
  }
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    close(in_pipe[0]);
    close(in_pipe[1]);
    *problem = "cannot start " + name;
    return std::nullopt;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setpgroup(&attributes, 0); // its own group: a timeout kills what it started too
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  char *argv[] = {const_cast<char *>(name.c_str()), const_cast<char *>("get"), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, path.c_str(), &actions, &attributes, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(in_pipe[0]);
  close(out_pipe[1]);
  if (spawned != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    *problem = "cannot start " + name;
    return std::nullopt;
  }
  // The input is one short line: it fits the pipe buffer, so write then read.
  // MSG_NOSIGNAL is for sockets; a helper that closed its input gets EPIPE
  // here only because SIGPIPE is ignored while writing.
  const sighandler_t old = signal(SIGPIPE, SIG_IGN);
  [[maybe_unused]] ssize_t written = write(in_pipe[1], input.data(), input.size());
  close(in_pipe[1]);
  signal(SIGPIPE, old);
  std::string output;
  bool timed_out = false;
  bool too_long = false;
  char buffer[4096];
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd ready{out_pipe[0], POLLIN, 0};
    const int polled = poll(&ready, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (polled < 0 && errno != EINTR) {
      break;
    }
    if (polled <= 0) {
      continue;
    }
    const ssize_t n = read(out_pipe[0], buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    if (output.size() + static_cast<size_t>(n) > kCredentialHelperMaxOutput) {
      too_long = true;
      break;
    }
    output.append(buffer, static_cast<size_t>(n));
  }
  close(out_pipe[0]);
  int status = 0;
  if (timed_out || too_long || !reap_before(pid, deadline, status)) {
    kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::fill(output.begin(), output.end(), '\0');
    *problem = too_long ? name + " get printed more than " +
                              std::to_string(kCredentialHelperMaxOutput >> 20) + " MiB and was stopped"
                        : name + " get did not answer within " +
                              std::to_string((timeout.count() + 999) / 1000) + " s and was stopped";
    return std::nullopt;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fill(output.begin(), output.end(), '\0'); // what it printed is never shown
    *problem = name + " get failed (" + how_it_ended(status) + ")";
    return std::nullopt;
  }
  return output;
}
#endif

/// `text` with anything but printable ASCII as '?', at most 64 characters:
/// a refused helper name, quoted so that the user can find it.
std::string shown_name(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 64)) {
    out += c >= 0x20 && c < 0x7f ? c : '?';
  }
  return text.size() > 64 ? out + "..." : out;
}

} // namespace

std::string base64_encode(const std::string &bytes) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += kBase64[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const uint32_t v = uint8_t(bytes[i]) << 16;
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(const std::string &text) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == '\n' || c == '\r') {
      continue;
    }
    const char *at = std::strchr(kBase64, c);
    if (!at || c == '\0') {
      return std::nullopt;
    }
    acc = (acc << 6) | static_cast<uint32_t>(at - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

std::string normalise_registry_host(const std::string &key) {
  std::string host = to_lower(trim(key));
  if (const size_t scheme = host.find("://"); scheme != std::string::npos) {
    host = host.substr(scheme + 3);
  }
  host = host.substr(0, host.find('/'));
  if (host == "index.docker.io" || host == "registry-1.docker.io" || host == "registry.hub.docker.com") {
    return "docker.io";
  }
  return host;
}

std::optional<Challenge> parse_challenge(const std::string &header) {
  const std::string_view text = trim(header);
  const size_t space = text.find(' ');
  Challenge out;
  out.scheme = to_lower(text.substr(0, space));
  if (out.scheme != "basic" && out.scheme != "bearer") {
    return std::nullopt;
  }
  size_t at = space == std::string_view::npos ? text.size() : space + 1;
  while (at < text.size()) {
    while (at < text.size() && (text[at] == ' ' || text[at] == ',')) {
      ++at;
    }
    const size_t eq = text.find('=', at);
    if (eq == std::string_view::npos) {
      break;
    }
    const std::string name = to_lower(trim(text.substr(at, eq - at)));
    std::string value;
    at = eq + 1;
    if (at < text.size() && text[at] == '"') {
      for (++at; at < text.size() && text[at] != '"'; ++at) {
        if (text[at] == '\\' && at + 1 < text.size()) {
          ++at;
        }
        value += text[at];
      }
      ++at; // the closing quote
    } else {
      const size_t end = std::min(text.find(',', at), text.size());
      value = std::string(trim(text.substr(at, end - at)));
      at = end;
    }
    out.params[name] = value;
  }
  return out;
}

bool valid_helper_name(std::string_view name) {
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (name.empty() || name.size() > 64 || !alnum(name[0]) || name.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

std::string find_helper(const std::string &name, const std::string &path_list) {
  if (!valid_helper_name(name)) {
    return {};
  }
  size_t start = 0;
  while (start <= path_list.size()) {
    const size_t end = std::min(path_list.find(':', start), path_list.size());
    const std::string folder = path_list.substr(start, end - start);
    start = end + 1;
    if (folder.empty() || folder[0] != '/') {
      continue; // "" and "." mean the working directory: the checkout being linted
    }
    const std::string candidate =
        (folder.back() == '/' ? folder : folder + "/") + "docker-credential-" + name;
#ifndef _WIN32 // (the Windows build runs no helper: run_helper)
    struct stat info {};
    if (stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
#else
    (void)candidate;
#endif
  }
  return {};
}

CredentialStore::CredentialStore()
    : CredentialStore(docker_config_path(),
                      std::getenv("PATH") ? std::getenv("PATH") : "/usr/local/bin:/usr/bin:/bin",
                      kCredentialHelperTimeout) {}

CredentialStore::CredentialStore(std::string config_path, std::string path_list,
                                 std::chrono::milliseconds helper_timeout)
    : config_path_(std::move(config_path)), path_list_(std::move(path_list)),
      helper_timeout_(helper_timeout) {}

CredentialAnswer CredentialStore::lookup(const std::string &registry,
                                         std::chrono::steady_clock::time_point deadline) {
  const std::string host = normalise_registry_host(registry);
  std::lock_guard lock(mutex_);
  if (auto it = answered_.find(host); it != answered_.end()) {
    return it->second;
  }
  if (!loaded_) {
    loaded_ = true;
    std::ifstream in(config_path_);
    if (in) {
      std::stringstream text;
      text << in.rdbuf();
      const Json config = Json::parse(text.str(), nullptr, false);
      if (config.is_object()) {
        if (auto auths = config.find("auths"); auths != config.end() && auths->is_object()) {
          for (const auto &[key, entry] : auths->items()) {
            if (entry.is_object()) {
              auths_[normalise_registry_host(key)] = from_auth_entry(entry);
            }
          }
        }
        if (auto helpers = config.find("credHelpers"); helpers != config.end() && helpers->is_object()) {
          for (const auto &[key, name] : helpers->items()) {
            if (name.is_string()) {
              helpers_[normalise_registry_host(key)] = name.get<std::string>();
            }
          }
        }
        store_ = json_string(config, "credsStore");
      }
    }
  }
  bool cut_short = false;
  CredentialAnswer answer;
  if (auto it = helpers_.find(host); it != helpers_.end()) {
    answer = from_helper(it->second, helper_server_url(host), host, deadline, cut_short);
  } else if (!store_.empty()) {
    answer = from_helper(store_, helper_server_url(host), host, deadline, cut_short);
  }
  if (!answer.credentials && !answer.refused) {
    if (auto it = auths_.find(host); it != auths_.end() && !it->second.empty()) {
      answer.credentials = it->second;
    }
  }
  if (!cut_short) {
    answered_[host] = answer;
  }
  return answer;
}

CredentialAnswer CredentialStore::from_helper(const std::string &helper, const std::string &server,
                                              const std::string &registry,
                                              std::chrono::steady_clock::time_point deadline,
                                              bool &cut_short) {
  CredentialAnswer out;
  if (!valid_helper_name(helper)) {
    out.refused = true;
    out.problem = "the credential helper '" + shown_name(helper) + "' that " + config_path_ + " names for " +
                  registry +
                  " is not a valid helper name: a helper is a plain name (docker-credential-NAME, found on "
                  "PATH), never a path or an option; nothing was run. Fix credHelpers or credsStore there";
    return out;
  }
  const std::string program = "docker-credential-" + helper;
#ifdef _WIN32
  const std::string path = program; // run_helper says why it is not run
#else
  const std::string path = find_helper(helper, path_list_);
#endif
  if (path.empty()) {
    out.problem = program + " is not on PATH";
    return out;
  }
  // Less time than the helper's own timeout is left: a failure then is the
  // deadline's, not the helper's, and is not kept for the next image.
  auto timeout = helper_timeout_;
  bool shortened = false;
  if (deadline != std::chrono::steady_clock::time_point::max()) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    shortened = left < timeout;
    timeout = std::min(timeout, left);
  }
  if (timeout.count() <= 0) {
    cut_short = true;
    out.problem = program + " was not run: the look-up's time was up";
    return out;
  }
  auto output = run_helper(path, program, server + "\n", timeout, &out.problem);
  if (!output) {
    cut_short = shortened;
    return out;
  }
  const Json answer = Json::parse(*output, nullptr, false);
  std::fill(output->begin(), output->end(), '\0');
  if (!answer.is_object()) {
    out.problem = program + " answered something that is not JSON";
    return out;
  }
  Credentials found;
  const std::string user = json_string(answer, "Username");
  const std::string secret = json_string(answer, "Secret");
  if (user == "<token>") { // the helper protocol's marker for an identity token
    found.identity_token = secret;
  } else {
    found.username = user;
    found.password = secret;
  }
  if (!found.empty()) {
    out.credentials = std::move(found);
  }
  return out;
}

} // namespace wincompat::registry
