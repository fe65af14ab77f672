#!/usr/bin/env bash
# Publishes the installed form of `hft` into OUT (default: artifacts/publish/hft):
#   OUT/hft                       self-contained single-file executable for linux-x64 (no .NET install needed)
#   OUT/libhftnative.so, OUT/*.so the native libraries (HftScalper's C++ book, ONNX Runtime, LightGBM), found next to it
#   OUT/models/default*.onnx      the bundled model, found beside the binary
# The systemd unit, the Docker image and scripts/install.sh all run this same folder.
# Start-up code is precompiled (ReadyToRun; the hot path stays JIT-compiled, see HftScalper.Cli.csproj):
# HFT_READY_TO_RUN=0 publishes plain IL (faster to publish, ~0.7 s slower to start). Not composite: a single-file
# ReadyToRun publish otherwise compiles the whole framework into one image (over 20 minutes on a loaded 2-vCPU box).
#
# scripts/publish.sh --aot [OUT] (default OUT: artifacts/publish/hft-aot) publishes the Native AOT serving build instead:
#   OUT/hft                       one native executable (no JIT, no .NET install needed) with replay, run, simulate,
#                                 record, evaluate and the other serving verbs, ONNX Runtime (CPU) and the compiled tree
#                                 evaluator; `hft train` and `--adapt` (ML.NET, TorchSharp) refuse with exit code 2
#   OUT/*.so, OUT/models/         as above, without the trainers' native libraries
# It needs a C toolchain to link: clang, else gcc (the ILCompiler package falls back to it; g++ is on a fresh machine).
# HFT_AOT_ISA: the instruction set compiled for (default `native`: this machine's, as the JIT would use; e.g.
# x86-64-v3 for a binary that runs on any AVX2 host). The publish takes ~10 min on a loaded 2-vCPU box (bench/README).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
aot=0
if [[ "${1:-}" == "--aot" ]]; then aot=1; shift; fi
default_out="$repo/artifacts/publish/hft"
if [[ $aot == 1 ]]; then default_out="$repo/artifacts/publish/hft-aot"; fi
out="${1:-$default_out}"
mkdir -p "$out"
# HFT_NATIVE_DIR: reuse an already built C++ library folder (e.g. with HFT_ARTIFACTS set to a scratch folder, as the
# publish test does, so it builds apart from the checkout's artifacts/ without compiling the C++ again).
native=()
if [[ -n "${HFT_NATIVE_DIR:-}" ]]; then native=("-p:HftNativeBuildDir=$HFT_NATIVE_DIR"); fi
if [[ $aot == 1 ]]; then
  if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
    echo "publish.sh --aot: no C toolchain to link with (clang or gcc); install one, e.g. apt-get install -y gcc" >&2
    exit 2
  fi
  # Our code is held AOT-clean by the analyzers of every build (warnings are errors); the compiler's whole-program
  # pass reports what packages do, one line per assembly. Parquet.Net's is the one known (bench/README: three
  # reflection sites in its CLR-schema helpers, not on the trades file's path); any other assembly fails the publish.
  log="$(mktemp)"
  dotnet publish "$repo/src/HftScalper.Cli/HftScalper.Cli.csproj" -c Release -r linux-x64 --self-contained true \
    -p:PublishAot=true -p:IlcInstructionSet="${HFT_AOT_ISA:-native}" -p:StripSymbols=true -p:DebugType=none \
    -p:GenerateDocumentationFile=false "${native[@]}" -o "$out" --nologo -v quiet \
    | tee "$log"
  unexpected="$(grep -E 'warning IL[0-9]+' "$log" | grep -v "Assembly 'Parquet' produced" || true)"
  rm -f "$log"
  if [[ -n "$unexpected" ]]; then
    echo "publish.sh --aot: trim/AOT warnings beyond the known Parquet.Net ones (see bench/README):" >&2
    echo "$unexpected" >&2
    exit 1
  fi
else
  r2r="true"
  if [[ "${HFT_READY_TO_RUN:-1}" == "0" ]]; then r2r="false"; fi
  dotnet publish "$repo/src/HftScalper.Cli/HftScalper.Cli.csproj" -c Release -r linux-x64 --self-contained true \
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=false -p:DebugType=none -p:GenerateDocumentationFile=false \
    -p:PublishReadyToRun=$r2r -p:PublishReadyToRunComposite=false \
    "${native[@]}" -o "$out" --nologo -v quiet
fi
mkdir -p "$out/models"
cp "$repo"/models/default.onnx "$repo"/models/default.return.onnx "$out/models/"
rm -f "$out"/*.xml "$out"/*.pdb "$out"/*.dbg
echo "$out/hft"
