# Cross-compiling wincompat for 64-bit Arm Linux on Debian (scripts/release.sh):
#
#   dpkg --add-architecture arm64 && apt-get update
#   apt-get install crossbuild-essential-arm64 qemu-user-static \
#     libtree-sitter-dev:arm64 zlib1g-dev:arm64
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake \
#     -DWINCOMPAT_ARM64_SYSROOT=/path/to/extracted/debs
#
# The arm64 libraries come from Debian's arm64 packages (multiarch). Those
# that can be installed beside their amd64 twins (Multi-Arch: same) are;
# libyaml-cpp-dev and libcurl4-openssl-dev cannot (installing the arm64 one
# removes the amd64 one), so scripts/release.sh unpacks them with
# `apt-get download` + `dpkg -x` into WINCOMPAT_ARM64_SYSROOT instead.
# Build-time tools (the catalog converter) run under qemu-aarch64-static,
# with the cross toolchain's own glibc (libc6-arm64-cross, what the binaries
# are linked against) for both the loader and the libraries. `-L` alone is
# not enough: it redirects the loader to /usr/aarch64-linux-gnu, but the
# loader then finds libc.so.6 through /etc/ld.so.cache in the multiarch
# /lib/aarch64-linux-gnu (libc6:arm64, a different build of glibc). The two
# builds disagree on their private ABI, and the first pthread_create of such
# a mix loops forever. LD_LIBRARY_PATH pins the libraries to the loader's glibc.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
find_program(WINCOMPAT_QEMU_AARCH64 qemu-aarch64-static REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR
    "${WINCOMPAT_QEMU_AARCH64};-L;/usr/aarch64-linux-gnu;-E;LD_LIBRARY_PATH=/usr/aarch64-linux-gnu/lib")

set(WINCOMPAT_ARM64_SYSROOT "" CACHE PATH "Unpacked arm64 -dev packages that cannot be installed beside amd64 ones")
# Searched in this order: the unpacked packages, then the system (where
# multiarch puts arm64 libraries under /usr/lib/aarch64-linux-gnu and
# architecture-independent headers and CMake files under /usr).
set(CMAKE_FIND_ROOT_PATH "${WINCOMPAT_ARM64_SYSROOT}" /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Never the amd64 libraries.
set(CMAKE_IGNORE_PATH /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu)
# pkg-config (tree-sitter) reads the arm64 .pc files only.
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
