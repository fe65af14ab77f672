#!/usr/bin/env bash
# One-line install of `hft` from a clone:   scripts/install.sh            (into ~/.local: ~/.local/bin/hft)
#                                          sudo scripts/install.sh /usr/local
# Publishes the self-contained single-file build (scripts/publish.sh) into PREFIX/lib/hft and links PREFIX/bin/hft to it.
# Uninstall: rm -rf PREFIX/lib/hft PREFIX/bin/hft
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${1:-${PREFIX:-$HOME/.local}}"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
"$repo/scripts/publish.sh" "$stage/hft" >/dev/null
rm -rf "$prefix/lib/hft"
mkdir -p "$prefix/lib" "$prefix/bin"
cp -a "$stage/hft" "$prefix/lib/hft"
ln -sfn "$prefix/lib/hft/hft" "$prefix/bin/hft"
"$prefix/bin/hft" --version >/dev/null
echo "installed: $prefix/bin/hft -> $prefix/lib/hft/hft"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on PATH; add it, e.g.  export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
