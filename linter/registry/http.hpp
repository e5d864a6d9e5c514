// A small HTTP client over libcurl (loaded on first use, curl_api.hpp): one handle per session (so
// connections to a registry are reused), bounded timeouts and body sizes.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

typedef void CURL;

namespace wincompat::registry {

struct CurlApi;

struct HttpResponse {
  long status = 0;                            // 0: no HTTP answer (see error)
  std::map<std::string, std::string> headers; // names lower-cased; last one wins
  std::string body;
  std::string error; // transport failure, for messages
  bool timed_out = false;
  bool past_deadline = false; // timed out at the session's deadline (set_deadline), not its own timeout
  bool tls_failed = false;
  std::string header(const std::string &lower_name) const;
};

/// "sha256:<hex>" of `bytes`.
std::string sha256_digest(const std::string &bytes);

class HttpSession {
public:
  HttpSession(long connect_timeout_ms, long request_timeout_ms);
  ~HttpSession();
  HttpSession(const HttpSession &) = delete;
  HttpSession &operator=(const HttpSession &) = delete;

  /// GET `url`; `user_password` non-empty sends it as Basic credentials.
  HttpResponse get(const std::string &url, const std::vector<std::string> &headers,
                   const std::string &user_password = "");
  /// POST an application/x-www-form-urlencoded body.
  HttpResponse post_form(const std::string &url, const std::string &form);

  static std::string url_encode(const std::string &text);

  /// No request runs past `deadline`: each one's timeout is cut to the time
  /// left, and none starts after it (its response says `timed_out`).
  void set_deadline(std::chrono::steady_clock::time_point deadline) {
    deadline_ = deadline;
  }

private:
  HttpResponse perform(const std::string &url, const std::vector<std::string> &headers,
                       const std::string &user_password, const std::string *form);
  std::string unavailable_; // why libcurl could not be loaded
  const CurlApi *curl_;
  CURL *handle_;
  long connect_timeout_ms_;
  long request_timeout_ms_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
};

/// What a registry sent (a header, a media type) as messages may quote it:
/// control characters as '?', at most `limit` characters ("..." after).
std::string shown_text(std::string_view text, size_t limit);
/// `url` as messages may quote it: no user name or password, no query (a
/// token service may carry a token there), shown_text with 200 characters.
std::string shown_url(const std::string &url);

} // namespace wincompat::registry
