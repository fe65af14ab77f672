#!/usr/bin/env bash
# Every test, C# (xunit) and C++ (GoogleTest via ctest), on a fresh machine. The dashboard's browser test drives
# Debian's chromium (never a downloaded browser), so it is installed first when missing (as root, else via sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "installing Debian's chromium for the dashboard's browser test" >&2
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
dotnet test HftScalper.sln -c Release && cmake --build artifacts/native -j 2 && ctest --test-dir artifacts/native --output-on-failure
