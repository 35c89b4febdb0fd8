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
# The docs ship too: the README and configuration errors link to them.
if grep -Ev '^(dist/|docs/[a-z-]+\.md$|README.md$|CHANGELOG.md$|LICENSE$|package.json$)' "$scratch/files.txt"; then
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

echo "the llmtrace command (npx llmtrace view / report):"
(cd "$consumer" && node viewer.mjs)
# The viewer's UI ships inside the package; its budget is 250 KB gzipped.
viewer_bytes=$(gzip -c "$consumer/node_modules/llmtrace/dist/viewer/app.js" | wc -c)
echo "  viewer UI bundle: $((viewer_bytes / 1024)) KB gzipped (budget 250 KB)"
if [ "$viewer_bytes" -gt $((250 * 1024)) ]; then echo "the viewer's UI bundle is over its 250 KB budget"; exit 1; fi

# An application that already depends on the OpenTelemetry SDK installs llmtrace: npm must keep one
# copy of the SDK (two copies mean two sets of SDK classes, and instanceof checks that
# fail between them). LLMTRACE_CHECK_APP_SDK replaces the application's range for
# @opentelemetry/sdk-trace-base: an exact 2.x older than ours (2.11.0) must make this check fail.
echo "one copy of the SDK beside an application that has it:"
app="$scratch/app-with-sdk"
app_sdk="${LLMTRACE_CHECK_APP_SDK:-^2}"
mkdir -p "$app"
# The application's ranges are written as given (`npm install x@range` would save its own ^range),
# installed, and only then is llmtrace added, as a user would add it to an existing project.
cat > "$app/package.json" <<EOF
{ "name": "app-with-sdk", "version": "1.0.0", "private": true,
  "dependencies": { "@opentelemetry/api": "^1.9.0", "@opentelemetry/sdk-trace-base": "$app_sdk" } }
EOF
(cd "$app" && npm install --silent --no-audit --no-fund && npm install --silent --no-audit --no-fund "$tarball")
dedupe_failed=0
for package in @opentelemetry/sdk-trace-base @opentelemetry/sdk-trace @opentelemetry/resources @opentelemetry/core @opentelemetry/sdk-metrics @opentelemetry/sdk-logs; do
  # One path per installed copy. `npm ls` exits non-zero on problems unrelated to this check, so its
  # output is counted, and the copies on disk are counted too so a change in npm's output cannot
  # hide one. The newest 2.x propagators (b3, jaeger 2.12.0) pin @opentelemetry/core 2.12.0 exactly
  # and no later 2.x exists, so their own nested core is expected and not counted.
  paths=$(cd "$app" && { npm ls "$package" --all --parseable 2>/dev/null || true; } \
    | grep "/node_modules/$package\$" | grep -Ev '/propagator-(b3|jaeger)/' | sort -u || true)
  on_disk=$(cd "$app" && find . -path "*/node_modules/$package/package.json" | grep -Ev '/propagator-(b3|jaeger)/' || true)
  copies=$(printf '%s' "$paths" | grep -c . || true)
  disk_copies=$(printf '%s' "$on_disk" | grep -c . || true)
  versions=$(cd "$app" && for f in $on_disk; do node -p "require('./$f').version"; done | tr '\n' ' ')
  echo "  $package: $copies in npm ls, $disk_copies on disk (${versions% })"
  if [ "$copies" != 1 ] || [ "$disk_copies" != 1 ]; then dedupe_failed=1; fi
done
if [ "$dedupe_failed" = 1 ]; then
  echo "llmtrace installed a second copy of the OpenTelemetry SDK beside the application's ($app_sdk):"
  (cd "$app" && npm ls @opentelemetry/sdk-trace-base --all) || true
  exit 1
fi
echo "  ok"

echo "publint:"
npx --no-install publint "$tarball" --strict
echo "are-the-types-wrong:"
npx --no-install attw "$tarball" --profile node16
