# syntax=docker/dockerfile:1
# hft in a container: a thin mirror of the tested install (scripts/publish.sh -> one folder with the single-file
# `hft`, its native libraries and the bundled model). Build stage on the SDK image (plus cmake/g++ for the C++ book),
# run stage on the official runtime-deps image (the binary is self-contained: no .NET runtime needed).
# Not built in this repository's CI: images cannot be pulled there (README: "Docker").
#   docker build -t hft .
#   docker run --rm hft replay --sim-minutes 1 --json
#   docker run -d --name hft --env-file hft.env hft run --symbols btcusdt --mode paper
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends cmake g++ make \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/publish.sh /out

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS run
# LightGBM's native library (training) links OpenMP.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/hft && chown "$APP_UID" /var/lib/hft
COPY --from=build /out /opt/hft
ENV PATH=/opt/hft:$PATH DOTNET_gcServer=0 DOTNET_TieredCompilation=0
WORKDIR /var/lib/hft
USER $APP_UID
# `docker stop` sends SIGTERM: the host cancels the run, drains, cancels open orders and prints the summary.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/hft/hft"]
CMD ["run", "--symbols", "btcusdt", "--mode", "paper", "--quiet"]
