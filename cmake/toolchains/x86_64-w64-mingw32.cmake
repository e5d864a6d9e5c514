# Cross-compiling wincompat for 64-bit Windows on Debian (scripts/build-windows.sh):
#
#   apt-get install g++-mingw-w64-x86-64 wine64
#   bash scripts/build-windows.sh            # libraries, then wincompat.exe
#
# The compiler is mingw-w64's POSIX-threads variant (std::thread and
# std::mutex through winpthreads, linked statically). The libraries are built
# for the target from Debian's source packages by scripts/build-windows.sh
# into WINCOMPAT_WINDOWS_PREFIX; only that prefix is searched, never the
# Linux libraries (nor Debian's prebuilt mingw-w64 packages).
# Build-time tools (the catalog converter) run under wine64.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_AR x86_64-w64-mingw32-gcc-ar-posix CACHE FILEPATH "")
set(CMAKE_RANLIB x86_64-w64-mingw32-gcc-ranlib-posix CACHE FILEPATH "")
find_program(WINCOMPAT_WINE64 NAMES wine64 wine PATHS /usr/lib/wine REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${WINCOMPAT_WINE64}")

set(WINCOMPAT_WINDOWS_PREFIX "" CACHE PATH "The target's libraries and headers (scripts/build-windows.sh)")
set(CMAKE_FIND_ROOT_PATH "${WINCOMPAT_WINDOWS_PREFIX}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config (tree-sitter) reads the prefix's .pc files only. (CMake reads
# this file more than once, the first time before the cache is loaded.)
if(WINCOMPAT_WINDOWS_PREFIX)
  set(ENV{PKG_CONFIG_LIBDIR} "${WINCOMPAT_WINDOWS_PREFIX}/lib/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
endif()
# Self-contained executables (the C++ runtime and winpthreads linked in), so
# that wine and Windows run them without mingw-w64's DLLs.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
