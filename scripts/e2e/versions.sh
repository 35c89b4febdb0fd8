# Versions and ports of the end-to-end backends. Sourced by the other scripts.
# The Go module proxy this project builds from serves Jaeger only at tagged versions; v1.76.0 is
# the newest (the v1.76.0 / v2.13.0 release), and its cmd/jaeger is the Jaeger v2 all-in-one.
JAEGER_VERSION=v1.76.0
ZIPKIN_VERSION=3.5.1
PHOENIX_VERSION=20.26.1
# Prometheus 3.x is published on the Go module proxy as github.com/prometheus/prometheus v0.3XX.Y
# (3.16.0 is v0.316.0); PROMETHEUS_RELEASE is the release it is, stamped into the binary.
PROMETHEUS_VERSION=v0.316.0
PROMETHEUS_RELEASE=3.16.0

CACHE="${LLMTRACE_CACHE:-$HOME/.cache/llmtrace}"
RUN_DIR="$CACHE/e2e-run"
JAEGER_BIN="$CACHE/jaeger-$JAEGER_VERSION/jaeger"
ZIPKIN_JAR="$CACHE/zipkin-$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar"
PHOENIX_VENV="$CACHE/phoenix-$PHOENIX_VERSION"
PROMETHEUS_BIN="$CACHE/prometheus-$PROMETHEUS_VERSION/prometheus"

# Loopback only, in a range the usual development servers do not use.
export JAEGER_OTLP_GRPC_PORT=27317 JAEGER_OTLP_HTTP_PORT=27318 JAEGER_ZIPKIN_PORT=27411
export JAEGER_QUERY_HTTP_PORT=27686 JAEGER_QUERY_GRPC_PORT=27685 JAEGER_HEALTH_PORT=27133
# A second OTLP/HTTP receiver whose pipeline runs the Collector's tail sampling processor.
export JAEGER_OTLP_TAIL_HTTP_PORT=27319
export ZIPKIN_PORT=27412 PHOENIX_HTTP_PORT=27006 PHOENIX_GRPC_PORT_E2E=27007
# Prometheus listens on PROMETHEUS_PORT and scrapes llmtrace's Prometheus exporter, which the test
# itself serves on LLMTRACE_METRICS_PORT (start.sh neither checks nor binds that one); both are also
# written in prometheus.yml.
export PROMETHEUS_PORT=27090 LLMTRACE_METRICS_PORT=27464

# The Chromium the viewer's browser tests drive: LLMTRACE_CHROMIUM, else the system's (Debian: chromium).
chromium_path() {
  for candidate in "${LLMTRACE_CHROMIUM:-}" "$(command -v chromium 2>/dev/null)" "$(command -v chromium-browser 2>/dev/null)" /usr/bin/chromium; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
