# wincompat in a container, for CI systems that run jobs in images (GitLab CI,
# Azure Pipelines container jobs, Jenkins' docker agents):
#
#   docker build -t wincompat .
#   docker run --rm -v "$PWD:/src" -w /src wincompat lint .
#
# The first stage builds the binary and its Debian package on Debian 12. The
# final stage is a slim Debian with only that package installed: the
# package's Depends, computed by dpkg-shlibdeps, pull in exactly the shared
# libraries the binary needs.
# It keeps a shell, which GitLab and Azure Pipelines need to run job scripts.
# This image is Linux: wincompat lints Windows images, it does not run them.

FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config ca-certificates npm \
      libyaml-cpp-dev libtree-sitter-dev libcli11-dev nlohmann-json3-dev \
      libcurl4-openssl-dev zlib1g-dev help2man dpkg-dev file \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DWINCOMPAT_BUILD_TESTS=OFF \
 && cmake --build /build \
 && cd /build && cpack -G DEB \
 && /build/wincompat --version

FROM debian:bookworm-slim
COPY --from=build /build/wincompat_*.deb /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/wincompat_*.deb libcurl4 ca-certificates \
 && rm -rf /var/lib/apt/lists/* /tmp/wincompat_*.deb \
 && wincompat --version
WORKDIR /src
ENTRYPOINT ["wincompat"]
CMD ["lint", "."]
