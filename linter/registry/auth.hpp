// Registry credentials as the docker CLI finds them, and the WWW-Authenticate
// challenge a registry answers 401 with.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace wincompat::registry {

struct Credentials {
  std::string username;
  std::string password;
  std::string identity_token; // an OAuth2 refresh token (docker login to ACR and others)
  bool empty() const {
    return username.empty() && password.empty() && identity_token.empty();
  }
};

/// Reads $DOCKER_CONFIG/config.json (else ~/.docker/config.json) once:
/// `credHelpers` per registry, else `credsStore`, else `auths` (`auth`,
/// `username`/`password`, `identitytoken`). Helpers run as
/// `docker-credential-NAME get` with the server URL on standard input.
class CredentialStore {
public:
  CredentialStore();
  /// Credentials for a registry host ("127.0.0.1:5000", "docker.io"); none
  /// when nothing is configured. `problem` says why a helper failed.
  std::optional<Credentials> lookup(const std::string &registry, std::string *problem);

private:
  std::optional<Credentials> from_helper(const std::string &helper, const std::string &server,
                                         std::string *problem);
  std::mutex mutex_;
  bool loaded_ = false;
  std::string config_path_;
  std::map<std::string, Credentials> auths_;   // by normalised host
  std::map<std::string, std::string> helpers_; // by normalised host
  std::string store_;
  std::map<std::string, std::optional<Credentials>> answered_;
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
