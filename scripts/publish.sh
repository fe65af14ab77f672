#!/usr/bin/env bash
# Publishes the installed form of `hft` into OUT (default: artifacts/publish/hft):
#   OUT/hft                       self-contained single-file executable for linux-x64 (no .NET install needed)
#   OUT/libhftnative.so, OUT/*.so the native libraries (HftScalper's C++ book, ONNX Runtime, LightGBM), found next to it
#   OUT/models/default*.onnx      the bundled model, found beside the binary
# The systemd unit, the Docker image and scripts/install.sh all run this same folder.
# Start-up code is precompiled (ReadyToRun; the hot path stays JIT-compiled, see HftScalper.Cli.csproj):
# HFT_READY_TO_RUN=0 publishes plain IL (faster to publish, ~0.7 s slower to start). Not composite: a single-file
# ReadyToRun publish otherwise compiles the whole framework into one image (over 20 minutes on a loaded 2-vCPU box).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo/artifacts/publish/hft}"
mkdir -p "$out"
# HFT_NATIVE_DIR: reuse an already built C++ library folder (e.g. with HFT_ARTIFACTS set to a scratch folder, as the
# publish test does, so it builds apart from the checkout's artifacts/ without compiling the C++ again).
native=()
if [[ -n "${HFT_NATIVE_DIR:-}" ]]; then native=("-p:HftNativeBuildDir=$HFT_NATIVE_DIR"); fi
r2r="true"
if [[ "${HFT_READY_TO_RUN:-1}" == "0" ]]; then r2r="false"; fi
dotnet publish "$repo/src/HftScalper.Cli/HftScalper.Cli.csproj" -c Release -r linux-x64 --self-contained true \
  -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=false -p:DebugType=none -p:GenerateDocumentationFile=false \
  -p:PublishReadyToRun=$r2r -p:PublishReadyToRunComposite=false \
  "${native[@]}" -o "$out" --nologo -v quiet
mkdir -p "$out/models"
cp "$repo"/models/default.onnx "$repo"/models/default.return.onnx "$out/models/"
rm -f "$out"/*.xml "$out"/*.pdb "$out"/*.dbg
echo "$out/hft"
