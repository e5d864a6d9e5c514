// The OCI distribution v2 client: manifests, indexes and image configs,
// with the docker CLI's credentials and the registry's auth challenge.
#include "registry/auth.hpp"
#include "registry/http.hpp"
#include "wincompat/registry.hpp"

#include "parallel.hpp"
#include "text_util.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>

namespace wincompat {

namespace {

using Json = nlohmann::json;
using registry::Challenge;
using registry::Credentials;
using registry::CredentialStore;
using registry::HttpResponse;
using registry::HttpSession;
using registry::sha256_digest;

constexpr const char *kOciIndex = "application/vnd.oci.image.index.v1+json";
constexpr const char *kDockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
constexpr const char *kOciManifest = "application/vnd.oci.image.manifest.v1+json";
constexpr const char *kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

/// Every type we can read, so that no registry picks one platform for us.
const std::string kAcceptAll =
    std::string("Accept: ") + kOciIndex + ", " + kDockerList + ", " + kOciManifest + ", " + kDockerManifest;

std::string media_type_of(const HttpResponse &response, const Json &body) {
  std::string type =
      to_lower(trim(response.header("content-type").substr(0, response.header("content-type").find(';'))));
  if (body.is_object() && body.contains("mediaType") && body["mediaType"].is_string()) {
    const std::string declared = body["mediaType"].get<std::string>();
    if (type.empty() || type == "application/json" || type == "application/octet-stream") {
      type = declared;
    }
  }
  if (type.empty() && body.is_object() && body.contains("manifests")) {
    type = kOciIndex; // OCI allows an index without mediaType
  }
  if (type.empty() && body.is_object() && body.contains("config")) {
    type = kOciManifest;
  }
  return type;
}

std::string json_string(const Json &object, const char *key) {
  if (!object.is_object()) {
    return {};
  }
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// A failed lookup; the message says why and what to do.
struct Failure {
  std::string problem;
};

using Clock = std::chrono::steady_clock;

/// "60 s": a limit as messages state it.
std::string seconds_of(long ms) {
  return std::to_string((ms + 999) / 1000) + " s";
}

/// Why an image was not read when the run's look-ups ran out of time, and
/// what to do (WC914).
std::string run_deadline_problem(const RegistrySettings &settings) {
  return "registry look-ups of this run took longer than the " + seconds_of(settings.run_deadline_ms) +
         " allowed per run" + (settings.lock_mode ? "" : " of lint --lookup") +
         ", so its build was not read and it was not checked against the hosts; " +
         (settings.lock_mode
              ? "run `wincompat lock` again on a faster network (entries already read are kept)"
              : "run `wincompat lock` (which allows " + seconds_of(kLockRunDeadlineMs) +
                    ") to pin the builds in .wincompat.lock, which lint reads offline");
}

class Client {
public:
  Client(const RegistrySettings &settings, CredentialStore &credentials, Clock::time_point run_deadline)
      : settings_(settings), credentials_(credentials),
        http_(settings.connect_timeout_ms, settings.request_timeout_ms), run_deadline_(run_deadline) {}

  LookupOutcome resolve(const ImageRef &ref) {
    LookupOutcome out;
    ref_ = &ref;
    image_deadline_ =
        std::min(Clock::now() + std::chrono::milliseconds(settings_.image_deadline_ms), run_deadline_);
    http_.set_deadline(image_deadline_);
    host_ = ref.registry == "docker.io" ? "registry-1.docker.io" : ref.registry;
    insecure_ = std::any_of(settings_.insecure.begin(), settings_.insecure.end(),
                            [&](const std::string &h) { return to_lower(h) == ref.registry; });
    base_ = std::string(insecure_ ? "http" : "https") + "://" + host_ + "/v2/" + ref.repository + "/";
    // Credentials go only where they belong: Basic per registry, tokens per repository.
    authorization_ = remembered(basic_, ref.registry);
    if (authorization_.empty()) {
      authorization_ = remembered(bearer_, ref.registry + "/" + ref.repository);
    }
    try {
      LockedImage image;
      image.reference = lock_key(ref);
      image.read = settings_.today;
      const std::string wanted = !ref.digest.empty() ? ref.digest : ref.tag.empty() ? "latest" : ref.tag;
      const Fetched top = fetch("manifests/" + wanted, true, ref.digest);
      image.digest = top.digest;
      image.platforms = platforms_of(top);
      std::sort(image.platforms.begin(), image.platforms.end());
      image.platforms.erase(std::unique(image.platforms.begin(), image.platforms.end()),
                            image.platforms.end());
      if (image.platforms.empty()) {
        throw Failure{"its manifest names no platform"};
      }
      for (const ImagePlatform &p : image.platforms) {
        if (p.os == "windows" && p.os_version.empty()) {
          throw Failure{"its Windows manifest has no os.version, so its build is unknown; rebuild it with a "
                        "current docker or buildkit, which record it"};
        }
      }
      out.image = std::move(image);
    } catch (const Failure &failure) {
      out.problem =
          "cannot read " + ref.original + " from its registry " + ref.registry + ": " + failure.problem;
    }
    return out;
  }

  /// Whether the run's deadline stopped a request: later images are not asked.
  bool run_over() const {
    return run_over_;
  }

private:
  struct Fetched {
    std::string media_type;
    Json body;
    std::string digest;
  };

  /// GETs `path` (manifests/REF or blobs/DIGEST) and checks its digest.
  Fetched fetch(const std::string &path, bool manifest, const std::string &expected_digest) {
    const HttpResponse response =
        get_authorized(base_ + path, manifest ? std::vector{kAcceptAll} : std::vector<std::string>{});
    check_status(response, path);
    Fetched out;
    out.digest = sha256_digest(response.body);
    const std::string header = response.header("docker-content-digest");
    if (!header.empty() && header.starts_with("sha256:") && header != out.digest) {
      throw Failure{"the registry says its digest is " + registry::shown_text(header, 80) +
                    " but the content it sent hashes to " + out.digest +
                    "; something between you and the registry altered it"};
    }
    if (!expected_digest.empty() && expected_digest.starts_with("sha256:") && expected_digest != out.digest) {
      throw Failure{"the content for " + expected_digest + " hashes to " + out.digest +
                    "; the registry or a proxy sent other content"};
    }
    out.body = Json::parse(response.body, nullptr, false);
    if (!out.body.is_object()) {
      throw Failure{"its " + std::string(manifest ? "manifest" : "config") + " is not JSON"};
    }
    out.media_type = manifest ? media_type_of(response, out.body) : std::string();
    return out;
  }

  std::vector<ImagePlatform> platforms_of(const Fetched &fetched) {
    if (fetched.media_type == kOciIndex || fetched.media_type == kDockerList) {
      return platforms_of_index(fetched.body);
    }
    if (fetched.media_type == kOciManifest || fetched.media_type == kDockerManifest) {
      return {platform_of_manifest(fetched.body)};
    }
    throw Failure{"its manifest has media type '" + registry::shown_text(fetched.media_type, 100) +
                  "', which wincompat does not read (schema 1 images are deprecated; push it again)"};
  }

  std::vector<ImagePlatform> platforms_of_index(const Json &index) {
    std::vector<ImagePlatform> out;
    const Json manifests = index.value("manifests", Json::array());
    for (const Json &entry : manifests) {
      const Json platform = entry.value("platform", Json::object());
      ImagePlatform p{json_string(platform, "os"), json_string(platform, "architecture"),
                      json_string(platform, "os.version"), json_string(platform, "variant")};
      if (p.os.empty() || p.os == "unknown") {
        continue; // attestations and other artifacts
      }
      if (p.os == "windows" && p.os_version.empty()) {
        // Some builders leave it out of the index: the image config has it.
        const std::string digest = json_string(entry, "digest");
        if (!digest.empty()) {
          const Fetched child = fetch("manifests/" + digest, true, digest);
          if (child.media_type == kOciManifest || child.media_type == kDockerManifest) {
            p.os_version = platform_of_manifest(child.body).os_version;
          }
        }
      }
      out.push_back(std::move(p));
    }
    return out;
  }

  ImagePlatform platform_of_manifest(const Json &manifest) {
    const std::string digest = json_string(manifest.value("config", Json::object()), "digest");
    if (digest.empty()) {
      throw Failure{"its manifest has no config"};
    }
    const Fetched config = fetch("blobs/" + digest, false, digest);
    return ImagePlatform{json_string(config.body, "os"), json_string(config.body, "architecture"),
                         json_string(config.body, "os.version"), json_string(config.body, "variant")};
  }

  /// Throws the deadline's Failure when the image's or the run's time is up
  /// (`response`: a request the deadline stopped).
  void check_deadline(const HttpResponse *response = nullptr) const {
    if (Clock::now() < image_deadline_ && !(response && response->past_deadline)) {
      return;
    }
    if (image_deadline_ >= run_deadline_) {
      run_over_ = true;
      throw Failure{run_deadline_problem(settings_)};
    }
    throw Failure{"reading it took longer than the " + seconds_of(settings_.image_deadline_ms) +
                  " allowed per image and was stopped, so it was not checked against the hosts; check the "
                  "network or the proxy, then run `wincompat lock` to pin its build in .wincompat.lock"};
  }

  HttpResponse get_authorized(const std::string &url, std::vector<std::string> headers) {
    if (!authorization_.empty()) {
      headers.push_back("Authorization: " + authorization_);
    }
    HttpResponse response = http_.get(url, headers);
    if (response.status != 401) {
      return response;
    }
    auto challenge = registry::parse_challenge(response.header("www-authenticate"));
    if (!challenge) {
      return response;
    }
    std::optional<Credentials> credentials;
    if (insecure_) {
      // Plain HTTP: anonymous only. Credentials, and tokens bought with them,
      // are never sent where anyone on the network can read them.
      plain_http_refused_ = true;
    } else {
      registry::CredentialAnswer answer = credentials_.lookup(ref_->registry, image_deadline_);
      if (answer.refused) {
        throw Failure{answer.problem};
      }
      helper_problem_ = answer.problem;
      credentials = std::move(answer.credentials);
      check_deadline();
    }
    had_credentials_ = credentials.has_value();
    if (challenge->scheme == "basic") {
      if (!credentials || credentials->username.empty()) {
        return response;
      }
      authorization_ =
          "Basic " + registry::base64_encode(credentials->username + ":" + credentials->password);
      basic_[ref_->registry] = authorization_;
    } else {
      authorization_ = "Bearer " + bearer_token(*challenge, credentials);
      bearer_[ref_->registry + "/" + ref_->repository] = authorization_;
    }
    headers.erase(std::remove_if(headers.begin(), headers.end(),
                                 [](const std::string &h) { return h.starts_with("Authorization:"); }),
                  headers.end());
    headers.push_back("Authorization: " + authorization_);
    return http_.get(url, headers);
  }

  std::string bearer_token(const Challenge &challenge, const std::optional<Credentials> &credentials) {
    auto param = [&](const char *name) {
      auto it = challenge.params.find(name);
      return it == challenge.params.end() ? std::string() : it->second;
    };
    const std::string realm = param("realm");
    if (realm.empty() || !(realm.starts_with("https://") || realm.starts_with("http://"))) {
      throw Failure{"its auth challenge names no token service"};
    }
    if (realm.starts_with("http://") && !insecure_) {
      throw Failure{"its token service " + registry::shown_url(realm) + " is plain HTTP; add " +
                    ref_->registry + " to insecureRegistries only if you trust that network"};
    }
    const std::string scope =
        param("scope").empty() ? "repository:" + ref_->repository + ":pull" : param("scope");
    HttpResponse response;
    if (credentials && !credentials->identity_token.empty()) {
      response = http_.post_form(
          realm, "grant_type=refresh_token&client_id=wincompat&service=" +
                     HttpSession::url_encode(param("service")) + "&scope=" + HttpSession::url_encode(scope) +
                     "&refresh_token=" + HttpSession::url_encode(credentials->identity_token));
    } else {
      std::string url = realm + (realm.find('?') == std::string::npos ? "?" : "&") +
                        "service=" + HttpSession::url_encode(param("service")) +
                        "&scope=" + HttpSession::url_encode(scope);
      const std::string user_password = credentials && !credentials->username.empty()
                                            ? credentials->username + ":" + credentials->password
                                            : "";
      response = http_.get(url, {}, user_password);
    }
    if (response.status == 0) {
      check_deadline(&response);
      throw Failure{"its token service " + registry::shown_url(realm) + " cannot be reached (" +
                    response.error + ")"};
    }
    if (response.status == 401 || response.status == 403) {
      throw Failure{"its token service refused " +
                    std::string(credentials ? "the credentials" : "anonymous access") + " (HTTP " +
                    std::to_string(response.status) + "); " + login_advice()};
    }
    const Json body = Json::parse(response.body, nullptr, false);
    std::string token = json_string(body, "token");
    if (token.empty()) {
      token = json_string(body, "access_token");
    }
    if (response.status != 200 || token.empty()) {
      throw Failure{"its token service answered HTTP " + std::to_string(response.status) +
                    " without a token"};
    }
    return token;
  }

  std::string login_advice() const {
    if (plain_http_refused_) {
      return "wincompat sends no credentials over plain HTTP, and " + ref_->registry +
             " is reached over HTTP (insecureRegistries or --insecure-registry): serve it over HTTPS to "
             "use credentials";
    }
    std::string advice =
        had_credentials_
            ? "check that the credentials docker has for " + ref_->registry + " may pull " + ref_->repository
            : "log in with `docker login " + ref_->registry + "` (wincompat reads docker's credentials)";
    if (!helper_problem_.empty()) {
      advice += " (" + helper_problem_ + ")";
    }
    return advice;
  }

  void check_status(const HttpResponse &response, const std::string &path) {
    if (response.status == 200) {
      return;
    }
    if (response.status == 0) {
      check_deadline(&response);
      if (response.timed_out) {
        throw Failure{"the request timed out; check the network or the proxy, or retry later"};
      }
      if (!insecure_ && (response.tls_failed || contains(response.error, "SSL"))) {
        throw Failure{"HTTPS failed (" + response.error + "); if " + ref_->registry +
                      " serves plain HTTP, add it to insecureRegistries or pass --insecure-registry " +
                      ref_->registry};
      }
      throw Failure{"the registry cannot be reached (" + response.error +
                    "); check the name and the network"};
    }
    if (response.status == 401 || response.status == 403) {
      throw Failure{"access denied (HTTP " + std::to_string(response.status) + "); " + login_advice()};
    }
    if (response.status == 404) {
      throw Failure{path.starts_with("manifests/")
                        ? "no such image or tag (HTTP 404); check the repository name and the tag"
                        : "the registry lacks a blob the manifest names (HTTP 404)"};
    }
    throw Failure{"the registry answered HTTP " + std::to_string(response.status)};
  }

  static std::string remembered(const std::map<std::string, std::string> &map, const std::string &key) {
    auto it = map.find(key);
    return it == map.end() ? std::string() : it->second;
  }

  static bool contains(const std::string &text, const std::string &needle) {
    return text.find(needle) != std::string::npos;
  }

  const RegistrySettings &settings_;
  CredentialStore &credentials_;
  HttpSession http_;
  const ImageRef *ref_ = nullptr;
  std::string host_;
  std::string base_;
  bool insecure_ = false;
  std::string authorization_;
  std::map<std::string, std::string> basic_;  // by registry
  std::map<std::string, std::string> bearer_; // by registry/repository
  bool had_credentials_ = false;
  bool plain_http_refused_ = false; // a 401 over plain HTTP was answered anonymously
  std::string helper_problem_;
  Clock::time_point run_deadline_;
  Clock::time_point image_deadline_;
  mutable bool run_over_ = false; // the run's deadline stopped a request
};

class RegistryLookup final : public ImageLookup {
public:
  explicit RegistryLookup(const RegistrySettings &settings) : settings_(settings) {}

  std::vector<LookupOutcome> lookup(const std::vector<ImageRef> &refs) override {
    std::vector<LookupOutcome> out(refs.size());
    const unsigned threads = static_cast<unsigned>(
        std::min<size_t>(std::max(1u, settings_.parallel), std::max<size_t>(refs.size(), 1)));
    std::atomic<size_t> next{0};
    const Clock::time_point run_deadline = this->run_deadline();
    std::atomic<bool> over{false};
    auto worker = [&] {
      Client client(settings_, credentials_, run_deadline); // one connection pool per thread
      for (size_t i = next++; i < refs.size(); i = next++) {
        if (over || Clock::now() >= run_deadline) {
          out[i].problem = "cannot read " + refs[i].original + " from its registry " + refs[i].registry +
                           ": not looked up: " + run_deadline_problem(settings_);
          continue;
        }
        out[i] = client.resolve(refs[i]);
        if (client.run_over()) {
          over = true;
        }
      }
    };
    run_on_threads(threads, worker);
    return out;
  }

private:
  /// The run's deadline counts from its first lookup (lint may ask twice:
  /// images, then the bases of Dockerfiles that map them).
  Clock::time_point run_deadline() {
    std::lock_guard lock(mutex_);
    if (!started_) {
      started_ = Clock::now();
    }
    return *started_ + std::chrono::milliseconds(settings_.run_deadline_ms);
  }

  RegistrySettings settings_;
  CredentialStore credentials_;
  std::mutex mutex_;
  std::optional<Clock::time_point> started_;
};

} // namespace

std::unique_ptr<ImageLookup> make_registry_lookup(const RegistrySettings &settings) {
  return std::make_unique<RegistryLookup>(settings);
}

} // namespace wincompat
