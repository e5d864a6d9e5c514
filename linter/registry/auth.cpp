#include "registry/auth.hpp"

#include "text_util.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace wincompat::registry {

namespace {

using Json = nlohmann::json;

constexpr const char *kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string docker_config_path() {
  std::string path = under_environment("DOCKER_CONFIG", "/config.json");
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

/// Runs `program get`, writing `input` to its standard input; its standard
/// output, or nullopt when it cannot run or exits non-zero (`problem` says).
std::optional<std::string> run_helper(const std::string &program, const std::string &input,
                                      std::string *problem) {
  int in_pipe[2], out_pipe[2];
  if (pipe(in_pipe) != 0) {
    *problem = "cannot start " + program;
    return std::nullopt;
  }
  if (pipe(out_pipe) != 0) {
    close(in_pipe[0]);
    close(in_pipe[1]);
    *problem = "cannot start " + program;
    return std::nullopt;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_addclose(&actions, in_pipe[1]);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  char *argv[] = {const_cast<char *>(program.c_str()), const_cast<char *>("get"), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  if (spawned != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    *problem = program + " is not on PATH";
    return std::nullopt;
  }
  // The input is one short line: it fits the pipe buffer, so write then read.
  const sighandler_t old = signal(SIGPIPE, SIG_IGN);
  [[maybe_unused]] ssize_t written = write(in_pipe[1], input.data(), input.size());
  close(in_pipe[1]);
  std::string output;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(out_pipe[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0 || output.size() > (1u << 20)) {
      break;
    }
    output.append(buffer, static_cast<size_t>(n));
  }
  close(out_pipe[0]);
  signal(SIGPIPE, old);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *problem = program + " get failed" + (output.empty() ? "" : ": " + std::string(trim(output)));
    return std::nullopt;
  }
  return output;
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

CredentialStore::CredentialStore() = default;

std::optional<Credentials> CredentialStore::lookup(const std::string &registry, std::string *problem) {
  const std::string host = normalise_registry_host(registry);
  std::lock_guard lock(mutex_);
  if (auto it = answered_.find(host); it != answered_.end()) {
    return it->second;
  }
  if (!loaded_) {
    loaded_ = true;
    config_path_ = docker_config_path();
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
  std::optional<Credentials> found;
  std::string helper_problem;
  if (auto it = helpers_.find(host); it != helpers_.end()) {
    found = from_helper(it->second, helper_server_url(host), &helper_problem);
  } else if (!store_.empty()) {
    found = from_helper(store_, helper_server_url(host), &helper_problem);
  }
  if (!found) {
    if (auto it = auths_.find(host); it != auths_.end() && !it->second.empty()) {
      found = it->second;
    }
  }
  if (!found && !helper_problem.empty() && problem) {
    *problem = helper_problem;
  }
  answered_[host] = found;
  return found;
}

std::optional<Credentials> CredentialStore::from_helper(const std::string &helper, const std::string &server,
                                                        std::string *problem) {
  const std::string program = "docker-credential-" + helper;
  auto output = run_helper(program, server + "\n", problem);
  if (!output) {
    return std::nullopt;
  }
  const Json answer = Json::parse(*output, nullptr, false);
  if (!answer.is_object()) {
    *problem = program + " answered something that is not JSON";
    return std::nullopt;
  }
  Credentials out;
  const std::string user = json_string(answer, "Username");
  const std::string secret = json_string(answer, "Secret");
  if (user == "<token>") { // the helper protocol's marker for an identity token
    out.identity_token = secret;
  } else {
    out.username = user;
    out.password = secret;
  }
  if (out.empty()) {
    return std::nullopt;
  }
  return out;
}

} // namespace wincompat::registry
