#include "registry/auth.hpp"

#include "platform.hpp"
#include "text_util.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

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

/// Runs `path get` (`name` for messages) through the platform layer: its
/// standard output, or nullopt with `problem` saying how it failed (never
/// what it printed).
std::optional<std::string> run_helper(const std::string &path, const std::string &name,
                                      const std::string &input, std::chrono::milliseconds timeout,
                                      std::string *problem) {
  platform::ProgramRun run =
      platform::run_program(path, name, {"get"}, input, timeout, kCredentialHelperMaxOutput);
  if (!run.started) {
    *problem = "cannot start " + name;
    return std::nullopt;
  }
  if (run.too_long) {
    *problem = name + " get printed more than " + std::to_string(kCredentialHelperMaxOutput >> 20) +
               " MiB and was stopped";
    return std::nullopt;
  }
  if (run.timed_out) {
    *problem = name + " get did not answer within " + std::to_string((timeout.count() + 999) / 1000) +
               " s and was stopped";
    return std::nullopt;
  }
  if (!run.succeeded) {
    *problem = name + " get failed (" + run.ended + ")";
    return std::nullopt;
  }
  return std::move(run.output);
}

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
  return valid_helper_name(name) ? platform::find_program("docker-credential-" + name, path_list)
                                 : std::string();
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
  const std::string path = find_helper(helper, path_list_);
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
