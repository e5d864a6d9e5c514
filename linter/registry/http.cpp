#include "registry/http.hpp"

#include "registry/curl_api.hpp"
#include "sha256.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <cstdlib>

namespace wincompat::registry {

namespace {

constexpr size_t kMaxBody = 8u << 20; // manifests and configs are small; refuse to buffer more

size_t on_body(char *data, size_t size, size_t count, void *user) {
  auto *out = static_cast<HttpResponse *>(user);
  const size_t n = size * count;
  if (out->body.size() + n > kMaxBody) {
    return 0; // curl reports a write error
  }
  out->body.append(data, n);
  return n;
}

size_t on_header(char *data, size_t size, size_t count, void *user) {
  auto *out = static_cast<HttpResponse *>(user);
  const size_t n = size * count;
  const std::string line(data, n);
  if (line.starts_with("HTTP/")) {
    out->headers.clear(); // a new response (after a redirect or 100-continue)
    return n;
  }
  const size_t colon = line.find(':');
  if (colon != std::string::npos) {
    out->headers[to_lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  }
  return n;
}

} // namespace

std::string sha256_digest(const std::string &bytes) {
  return "sha256:" + sha256_hex(bytes);
}

std::string HttpResponse::header(const std::string &lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string shown_text(std::string_view text, size_t limit) {
  std::string out(text.substr(0, limit));
  for (char &c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      c = '?';
    }
  }
  return text.size() > limit ? out + "..." : out;
}

std::string shown_url(const std::string &url) {
  std::string out = url.substr(0, url.find_first_of("?#"));
  const size_t scheme = out.find("://");
  const size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t at = out.find('@', host);
  if (at != std::string::npos && at < out.find('/', host)) {
    out.erase(host, at + 1 - host);
  }
  return shown_text(out, 200);
}

HttpSession::HttpSession(long connect_timeout_ms, long request_timeout_ms)
    : curl_(curl_api(&unavailable_)), connect_timeout_ms_(connect_timeout_ms),
      request_timeout_ms_(request_timeout_ms) {
  handle_ = curl_ ? curl_->easy_init() : nullptr;
}

HttpSession::~HttpSession() {
  if (handle_) {
    curl_->easy_cleanup(handle_);
  }
}

std::string HttpSession::url_encode(const std::string &text) {
  return percent_encode(text);
}

HttpResponse HttpSession::get(const std::string &url, const std::vector<std::string> &headers,
                              const std::string &user_password) {
  return perform(url, headers, user_password, nullptr);
}

HttpResponse HttpSession::post_form(const std::string &url, const std::string &form) {
  return perform(url, {"Content-Type: application/x-www-form-urlencoded"}, "", &form);
}

HttpResponse HttpSession::perform(const std::string &url, const std::vector<std::string> &headers,
                                  const std::string &user_password, const std::string *form) {
  HttpResponse out;
  if (!handle_) {
    out.error = unavailable_.empty() ? "cannot start an HTTP client" : unavailable_;
    return out;
  }
  const long left_ms = static_cast<long>(std::min<long long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now())
          .count(),
      request_timeout_ms_));
  if (left_ms <= 0) {
    out.error = "the time allowed has passed";
    out.timed_out = out.past_deadline = true;
    return out;
  }
  const CurlApi &curl = *curl_;
  CURL *h = handle_;
  curl.easy_reset(h); // keeps the connection cache
  curl.easy_setopt(h, CURLOPT_URL, url.c_str());
  curl.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  // A redirect never leaves HTTPS: what an HTTPS request carries (a token,
  // credentials) must not follow it to plain HTTP.
  curl.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, url.starts_with("https://") ? "https" : "http,https");
  curl.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L); // blobs may redirect to storage
  curl.easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
  curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, std::min(connect_timeout_ms_, left_ms));
  curl.easy_setopt(h, CURLOPT_TIMEOUT_MS, left_ms);
  curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  // The certificate authorities docker trusts on Linux: the system's, or
  // those SSL_CERT_FILE / SSL_CERT_DIR name (a company's own CA), as Go's
  // crypto/x509 reads them (src/crypto/x509/root_unix.go: certFileEnv,
  // certDirEnv, a colon-separated list, which OpenSSL's CAPATH also takes).
  if (const char *file = std::getenv("SSL_CERT_FILE"); file && *file) {
    curl.easy_setopt(h, CURLOPT_CAINFO, file);
  }
  if (const char *dir = std::getenv("SSL_CERT_DIR"); dir && *dir) {
    curl.easy_setopt(h, CURLOPT_CAPATH, dir);
  }
  curl.easy_setopt(h, CURLOPT_USERAGENT, "wincompat/" WINCOMPAT_VERSION);
  curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl.easy_setopt(h, CURLOPT_WRITEDATA, &out);
  curl.easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl.easy_setopt(h, CURLOPT_HEADERDATA, &out);
  if (!user_password.empty()) {
    curl.easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl.easy_setopt(h, CURLOPT_USERPWD, user_password.c_str());
  }
  if (form) {
    curl.easy_setopt(h, CURLOPT_POSTFIELDS, form->c_str());
    curl.easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(form->size()));
  }
  curl_slist *list = nullptr;
  for (const std::string &header : headers) {
    list = curl.slist_append(list, header.c_str());
  }
  curl.easy_setopt(h, CURLOPT_HTTPHEADER, list);
  const CURLcode code = curl.easy_perform(h);
  curl.slist_free_all(list);
  if (code != CURLE_OK) {
    out.error = curl.easy_strerror(code);
    out.timed_out = code == CURLE_OPERATION_TIMEDOUT;
    // curl's timer may fire a little before the clock reaches the deadline.
    out.past_deadline =
        out.timed_out && std::chrono::steady_clock::now() + std::chrono::milliseconds(50) >= deadline_;
    out.tls_failed = code == CURLE_SSL_CONNECT_ERROR || code == CURLE_PEER_FAILED_VERIFICATION ||
                     code == CURLE_SSL_CACERT_BADFILE;
    out.status = 0;
    return out;
  }
  curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out.status);
  return out;
}

} // namespace wincompat::registry
