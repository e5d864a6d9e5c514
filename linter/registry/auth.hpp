// Registry credentials as the docker CLI finds them, and the WWW-Authenticate
// challenge a registry answers 401 with.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace wincompat::registry {

struct Credentials {
  std::string username;
  std::string password;
  std::string identity_token; // an OAuth2 refresh token (docker login to ACR and others)
  bool empty() const {
    return username.empty() && password.empty() && identity_token.empty();
  }
};

/// How long a credential helper may take to answer before it, and every
/// process it started, is killed. Helpers answer from a keychain in
/// milliseconds, or after one token request to a cloud (ecr-login, gcloud,
/// acr) in a few seconds; 30 s leaves room for a slow login while a helper
/// that never exits cannot hang lint.
constexpr std::chrono::milliseconds kCredentialHelperTimeout{30000};
/// The most a helper may print: an answer is one small JSON object.
constexpr size_t kCredentialHelperMaxOutput = 1u << 20;

/// Whether `name` can be a credential helper: a plain name such as
/// "desktop", "ecr-login" or "wincred.exe" (letters, digits, '.', '_', '-',
/// starting with a letter or a digit, no "..", at most 64 characters). A
/// path ("x/evil", "..\\x"), an option ("-x"), NUL or a blank is none.
bool valid_helper_name(std::string_view name);

/// The absolute path of the executable `docker-credential-NAME` in the first
/// absolute folder of `path_list` (a PATH value) that holds one; empty,
/// relative (".") and unreadable entries are skipped. Empty when none. On
/// Windows, `docker-credential-NAME.exe` (PATHEXT's extensions that run
/// without a shell: platform::find_program).
std::string find_helper(const std::string &name, const std::string &path_list);

/// What the docker configuration yields for one registry.
struct CredentialAnswer {
  std::optional<Credentials> credentials;
  /// Why a helper gave nothing: its exit status, a timeout, not on PATH
  /// (never a word of what it printed).
  std::string problem;
  /// The lookup must stop with `problem`: the configured helper name is not
  /// a plain name, so nothing was run.
  bool refused = false;
};

/// Reads $DOCKER_CONFIG/config.json (else ~/.docker/config.json) once:
/// `credHelpers` per registry, else `credsStore`, else `auths` (`auth`,
/// `username`/`password`, `identitytoken`). Helpers run as
/// `docker-credential-NAME get` (found on PATH, executed by absolute path,
/// never through a shell) with the server URL on standard input; their
/// standard error is discarded and they are killed after `helper_timeout`.
class CredentialStore {
public:
  /// The docker config and PATH of the environment.
  CredentialStore();
  /// A given config file and PATH value (tests).
  CredentialStore(std::string config_path, std::string path_list, std::chrono::milliseconds helper_timeout);
  /// Credentials for a registry host ("127.0.0.1:5000", "docker.io"); none
  /// when nothing is configured. Each registry is answered once per run. A
  /// helper gets the time left until `deadline` when that is shorter than
  /// its timeout (an answer cut short that way is not kept for later images).
  CredentialAnswer
  lookup(const std::string &registry,
         std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

private:
  CredentialAnswer from_helper(const std::string &helper, const std::string &server,
                               const std::string &registry, std::chrono::steady_clock::time_point deadline,
                               bool &cut_short);
  std::mutex mutex_;
  bool loaded_ = false;
  std::string config_path_;
  std::string path_list_;
  std::chrono::milliseconds helper_timeout_;
  std::map<std::string, Credentials> auths_;   // by normalised host
  std::map<std::string, std::string> helpers_; // by normalised host
  std::string store_;
  std::map<std::string, CredentialAnswer> answered_;
};

/// The host a config key or server URL names: "https://index.docker.io/v1/"
/// -> "docker.io", "myreg.io:5000/" -> "myreg.io:5000".
std::string normalise_registry_host(const std::string &key);

/// A parsed `WWW-Authenticate` header.
struct Challenge {
  std::string scheme;                        // "basic" or "bearer" (lower case)
  std::map<std::string, std::string> params; // realm, service, scope ...
};
std::optional<Challenge> parse_challenge(const std::string &header);

std::string base64_encode(const std::string &bytes);
std::optional<std::string> base64_decode(const std::string &text);

} // namespace wincompat::registry
