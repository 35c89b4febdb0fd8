#!/usr/bin/env bash
# Checks the package as users receive it: pack the tarball, install it into a scratch project,
# import it from ESM and CommonJS, type-check consumer files in both module systems, and lint the
# tarball with publint and are-the-types-wrong. Run after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

tarball="$scratch/$(npm pack --silent --pack-destination "$scratch" | tail -n 1)"
echo "packed $(basename "$tarball") ($(du -k "$tarball" | cut -f1) KB)"
tar -tzf "$tarball" | sed 's/^package\///' | sort > "$scratch/files.txt"
if grep -Ev '^(dist/|README.md$|CHANGELOG.md$|LICENSE$|package.json$)' "$scratch/files.txt"; then
  echo "unexpected files in the tarball (above)"; exit 1
fi

consumer="$scratch/consumer"
mkdir -p "$consumer"
cp "$root/scripts/package-consumer/"* "$consumer/"
# The same consumer code, type-checked once as ESM and once as CommonJS.
{ cat "$consumer/consumer.mts"; echo "export {};"; } > "$consumer/consumer.cts"
api_version=$(node -p "require('$root/package.json').devDependencies['@opentelemetry/api']")
ts_version=$(node -p "require('$root/package.json').devDependencies['typescript']")
(cd "$consumer" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "$tarball" "@opentelemetry/api@$api_version" "typescript@$ts_version" "@types/node@20")

echo "ESM import:";      (cd "$consumer" && node esm.mjs)
echo "CommonJS require:"; (cd "$consumer" && node cjs.cjs)
echo "type-check (nodenext, ESM and CommonJS consumers):"
(cd "$consumer" && npx tsc --noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 --types node consumer.mts consumer.cts)
echo "  ok"

echo "publint:"
npx --no-install publint "$tarball" --strict
echo "are-the-types-wrong:"
npx --no-install attw "$tarball" --profile node16
