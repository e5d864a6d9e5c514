#include "registry/curl_api.hpp"

#include "platform.hpp"

#include <mutex>

namespace wincompat::registry {

namespace {

#ifdef _WIN32
// curl for Windows (curl.se/windows) names its DLL libcurl-x64.dll; builds
// from MSYS2 or vcpkg name it libcurl-4.dll or libcurl.dll. Looked for where
// Windows looks: beside wincompat.exe, then on PATH.
constexpr const char *kLibraries[] = {"libcurl-x64.dll", "libcurl-4.dll", "libcurl.dll", nullptr};
constexpr const char *kNoLibcurl =
    "libcurl is not installed: registry look-ups on Windows need libcurl-x64.dll (from curl.se/windows) "
    "beside wincompat.exe or on PATH, so registries cannot be asked";
#else
// The soname of libcurl's ABI 4 (every libcurl since 7.16); Debian and Ubuntu
// ship it as libcurl4 (OpenSSL) or libcurl3-gnutls, which has another name.
constexpr const char *kLibraries[] = {"libcurl.so.4", "libcurl-gnutls.so.4", nullptr};
constexpr const char *kNoLibcurl =
    "libcurl is not installed (Debian and Ubuntu: apt-get install libcurl4), so "
    "registries cannot be asked";
#endif

template <typename Fn> bool bind(void *library, const char *name, Fn &slot) {
  slot = reinterpret_cast<Fn>(platform::library_symbol(library, name));
  return slot != nullptr;
}

struct Loaded {
  CurlApi api{};
  bool ok = false;
  std::string error;
};

Loaded load() {
  Loaded out;
  void *library = platform::load_library(kLibraries);
  if (!library) {
    out.error = kNoLibcurl;
    return out;
  }
  CurlApi &api = out.api;
  const bool all = bind(library, "curl_global_init", api.global_init) &&
                   bind(library, "curl_easy_init", api.easy_init) &&
                   bind(library, "curl_easy_cleanup", api.easy_cleanup) &&
                   bind(library, "curl_easy_reset", api.easy_reset) &&
                   bind(library, "curl_easy_setopt", api.easy_setopt) &&
                   bind(library, "curl_easy_perform", api.easy_perform) &&
                   bind(library, "curl_easy_getinfo", api.easy_getinfo) &&
                   bind(library, "curl_easy_strerror", api.easy_strerror) &&
                   bind(library, "curl_slist_append", api.slist_append) &&
                   bind(library, "curl_slist_free_all", api.slist_free_all);
  if (!all) {
    out.error = "the installed libcurl lacks functions wincompat needs; update libcurl4";
    return out;
  }
  out.ok = api.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!out.ok) {
    out.error = "libcurl could not be initialised";
  }
  return out; // the library stays loaded for the rest of the run
}

} // namespace

const CurlApi *curl_api(std::string *error) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  if (!loaded.ok && error) {
    *error = loaded.error;
  }
  return loaded.ok ? &loaded.api : nullptr;
}

} // namespace wincompat::registry
