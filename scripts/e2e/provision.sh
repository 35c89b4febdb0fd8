#!/usr/bin/env bash
# Installs the end-to-end backends into the cache when they are missing; a machine that has them
# skips the work. Any failure fails the script, saying which backend and why.
set -euo pipefail
cd "$(dirname "$0")"
source ./versions.sh
mkdir -p "$CACHE/logs"
started=$SECONDS

# Say at once which tool is missing, rather than failing halfway through an install.
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "provision: '$1' is not on PATH; it is needed to $2 (see docs/backends.md, 'The end-to-end suite')"; exit 1; }
}
[ -x "$JAEGER_BIN" ] || need go "build Jaeger"
[ -f "$ZIPKIN_JAR" ] || need mvn "fetch the Zipkin server"
need java "run the Zipkin server"
[ -x "$PHOENIX_VENV/bin/phoenix" ] || need python3 "install Arize Phoenix"
[ -x "$PROMETHEUS_BIN" ] || need go "build Prometheus"

if [ ! -x "$JAEGER_BIN" ]; then
  echo "provision: building Jaeger $JAEGER_VERSION (first time: several minutes)"
  # go install refuses modules whose go.mod has replace directives (Jaeger's does), so the module is
  # fetched from the Go module proxy and built as the main module, where they apply.
  module_dir=$(cd /tmp && go mod download -json "github.com/jaegertracing/jaeger@$JAEGER_VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  src="$CACHE/jaeger-src-$JAEGER_VERSION"
  rm -rf "$src" && cp -r "$module_dir" "$src" && chmod -R u+w "$src" && mkdir -p "$(dirname "$JAEGER_BIN")"
  (cd "$src" && go build -o "$JAEGER_BIN.tmp" ./cmd/jaeger) > "$CACHE/logs/jaeger-build.log" 2>&1 || { echo "provision: Jaeger build failed, see $CACHE/logs/jaeger-build.log"; tail -20 "$CACHE/logs/jaeger-build.log"; exit 1; }
  mv "$JAEGER_BIN.tmp" "$JAEGER_BIN" && rm -rf "$src"
fi

if [ ! -f "$ZIPKIN_JAR" ]; then
  echo "provision: fetching Zipkin server $ZIPKIN_VERSION with Maven"
  mkdir -p "$(dirname "$ZIPKIN_JAR")"
  mvn -q -B dependency:copy "-Dartifact=io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" "-DoutputDirectory=$(dirname "$ZIPKIN_JAR")" > "$CACHE/logs/zipkin-fetch.log" 2>&1 \
    || { echo "provision: Zipkin fetch failed, see $CACHE/logs/zipkin-fetch.log"; tail -20 "$CACHE/logs/zipkin-fetch.log"; exit 1; }
fi

if [ ! -x "$PHOENIX_VENV/bin/phoenix" ]; then
  echo "provision: installing Arize Phoenix $PHOENIX_VERSION into a virtualenv"
  rm -rf "$PHOENIX_VENV"
  python3 -m venv "$PHOENIX_VENV"
  "$PHOENIX_VENV/bin/pip" install --quiet "arize-phoenix==$PHOENIX_VERSION" > "$CACHE/logs/phoenix-install.log" 2>&1 \
    || { echo "provision: Phoenix install failed, see $CACHE/logs/phoenix-install.log"; tail -20 "$CACHE/logs/phoenix-install.log"; rm -rf "$PHOENIX_VENV"; exit 1; }
fi
if [ ! -x "$PROMETHEUS_BIN" ]; then
  echo "provision: building Prometheus $PROMETHEUS_RELEASE ($PROMETHEUS_VERSION; first time: several minutes)"
  # Prometheus's go.mod has no replace lines, so go install builds it straight from the module
  # proxy. Without the builtinassets tag the web UI is not compiled in (it would need the UI built
  # with npm first); the suite only uses the HTTP API. The -X stamps the release into the binary
  # (prometheus --version, /api/v1/status/buildinfo).
  mkdir -p "$(dirname "$PROMETHEUS_BIN")"
  gobin=$(mktemp -d "$(dirname "$PROMETHEUS_BIN")/gobin.XXXXXX")
  (cd /tmp && GOBIN="$gobin" go install -ldflags "-X github.com/prometheus/common/version.Version=$PROMETHEUS_RELEASE" \
      "github.com/prometheus/prometheus/cmd/prometheus@$PROMETHEUS_VERSION") > "$CACHE/logs/prometheus-build.log" 2>&1 \
    || { echo "provision: Prometheus build failed, see $CACHE/logs/prometheus-build.log"; tail -20 "$CACHE/logs/prometheus-build.log"; rm -rf "$gobin"; exit 1; }
  mv "$gobin/prometheus" "$PROMETHEUS_BIN" && rm -rf "$gobin"
fi
# The viewer's browser tests drive Debian's Chromium (playwright-core, no browser download).
if ! chromium_path >/dev/null; then
  command -v apt-get >/dev/null 2>&1 || { echo "provision: Chromium is not installed and apt-get is not here to install it; install Chromium and set LLMTRACE_CHROMIUM to its path"; exit 1; }
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "provision: installing Chromium needs root (apt-get install chromium); run as root or install it first"; exit 1; }
    sudo_cmd="sudo -n"
  fi
  echo "provision: installing Debian's chromium package (apt-get)"
  { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; } > "$CACHE/logs/chromium-install.log" 2>&1 \
    || { echo "provision: Chromium install failed, see $CACHE/logs/chromium-install.log"; tail -20 "$CACHE/logs/chromium-install.log"; exit 1; }
  chromium_path >/dev/null || { echo "provision: apt-get installed chromium but no executable was found"; exit 1; }
fi
echo "provision: Jaeger, Zipkin, Phoenix, Prometheus and Chromium ($(chromium_path)) ready in $((SECONDS - started))s"
