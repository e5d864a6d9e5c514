// The Windows build's credential store (linter/registry/auth.cpp, running
// helpers through linter/platform.cpp), built by tests/windows/windows_test.sh
// with mingw-w64 and run under wine (wine has no libcurl for wincompat.exe's
// own look-ups to reach a registry):
//
//   credential_probe.exe CONFIG_JSON PATH_LIST TIMEOUT_MS REGISTRY...
//
// prints, per registry, what the store answers: the credentials or the
// problem.
#include "registry/auth.hpp"

#include <chrono>
#include <iostream>
#include <string>

int main(int argc, char **argv) {
  if (argc < 5) {
    std::cerr << "usage: credential_probe CONFIG_JSON PATH_LIST TIMEOUT_MS REGISTRY...\n";
    return 2;
  }
  wincompat::registry::CredentialStore store(argv[1], argv[2], std::chrono::milliseconds(std::stol(argv[3])));
  for (int i = 4; i < argc; ++i) {
    const auto started = std::chrono::steady_clock::now();
    const wincompat::registry::CredentialAnswer answer =
        store.lookup(argv[i], std::chrono::steady_clock::time_point::max());
    const auto took =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
    std::cout << argv[i] << ": ";
    if (answer.credentials) {
      std::cout << "username=" << answer.credentials->username
                << " password=" << answer.credentials->password;
    } else {
      std::cout << "no credentials";
    }
    std::cout << "; problem=" << (answer.problem.empty() ? "none" : answer.problem) << "; took " << took
              << " s\n";
  }
  return 0;
}
