// Keeps the released binary runnable on glibc 2.34 (Ubuntu 22.04, RHEL 9,
// Amazon Linux 2023), docs/install.md.
//
// The C++ runtime is linked statically (CMakeLists.txt, WINCOMPAT_STATIC).
// GCC 12's libstdc++.a, built on glibc 2.36, refers to arc4random for
// std::random_device, which wincompat never uses but which the archive member
// holding it drags in. Left alone, that one reference makes the dynamic
// loader demand GLIBC_2.36. Defining the function here satisfies the
// reference inside the executable, with getrandom (glibc 2.25), so no
// versioned import is recorded. The definition is not exported, so libraries
// loaded later (libcurl) keep glibc's own.
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sys/random.h>

extern "C" uint32_t arc4random(void) noexcept {
  uint32_t value = 0;
  size_t filled = 0;
  while (filled < sizeof value) {
    const ssize_t got = getrandom(reinterpret_cast<char *>(&value) + filled, sizeof value - filled, 0);
    if (got > 0) {
      filled += static_cast<size_t>(got);
    } else if (errno != EINTR) {
      std::abort(); // no kernel entropy (Linux < 3.17): nothing sound to return
    }
  }
  return value;
}
