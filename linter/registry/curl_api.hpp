// libcurl, loaded when a registry is first asked rather than at start-up.
//
// Linking libcurl made every run load it and about 30 libraries it needs
// (TLS, HTTP/2, IDN, Kerberos, LDAP), which cost more start-up time than
// linting one file; only `wincompat lock` and `lint --lookup` use it.
#pragma once

#include <curl/curl.h>

#include <string>

namespace wincompat::registry {

/// The libcurl functions the HTTP client uses.
struct CurlApi {
  CURLcode (*global_init)(long flags);
  CURL *(*easy_init)();
  void (*easy_cleanup)(CURL *handle);
  void (*easy_reset)(CURL *handle);
  CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
  CURLcode (*easy_perform)(CURL *handle);
  CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
  const char *(*easy_strerror)(CURLcode code);
  curl_slist *(*slist_append)(curl_slist *list, const char *text);
  void (*slist_free_all)(curl_slist *list);
};

/// libcurl's functions, loaded (and curl_global_init run) on the first call;
/// null when libcurl cannot be loaded, with the reason and the fix in `error`.
const CurlApi *curl_api(std::string *error);

} // namespace wincompat::registry
