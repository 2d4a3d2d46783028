# claimtrace for any CI: a Debian 12 image holding the binary.
#   docker build -t claimtrace .
#   docker run --rm -v "$PWD:/work" claimtrace check --source reports/report.pdf drafts/*.md
FROM debian:12-slim AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends g++ cmake \
      ninja-build pkg-config libre2-dev libicu-dev libfmt-dev libcli11-dev \
      nlohmann-json3-dev libpoppler-cpp-dev libxml2-dev libzip-dev libtomlplusplus-dev \
      libstemmer-dev \
      libssl-dev libsqlite3-dev libpq-dev libcurl4-openssl-dev \
      libcpp-httplib-dev \
    && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN cmake -S /src -B /build -G Ninja -DCLAIMTRACE_BUILD_TESTS=OFF \
      -DCMAKE_BUILD_TYPE=Release \
    && cmake --build /build && cmake --install /build --prefix /usr/local

FROM debian:12-slim
# The shared libraries the binary links (ldd build/claimtrace).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libre2-9 \
      libicu72 libfmt9 libpoppler-cpp0v5 libxml2 libzip4 libtomlplusplus3 libstemmer0d libssl3 libsqlite3-0 libpq5 \
      libcurl4 ca-certificates libcpp-httplib0.11 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/claimtrace /usr/local/bin/claimtrace
WORKDIR /work
ENTRYPOINT ["claimtrace"]
