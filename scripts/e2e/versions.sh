# Versions and ports of the end-to-end backends. Sourced by the other scripts.
# The Go module proxy this project builds from serves Jaeger only at tagged versions; v1.76.0 is
# the newest (the v1.76.0 / v2.13.0 release), and its cmd/jaeger is the Jaeger v2 all-in-one.
JAEGER_VERSION=v1.76.0
ZIPKIN_VERSION=3.5.1
PHOENIX_VERSION=20.26.1

CACHE="${LLMTRACE_CACHE:-$HOME/.cache/llmtrace}"
RUN_DIR="$CACHE/e2e-run"
JAEGER_BIN="$CACHE/jaeger-$JAEGER_VERSION/jaeger"
ZIPKIN_JAR="$CACHE/zipkin-$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar"
PHOENIX_VENV="$CACHE/phoenix-$PHOENIX_VERSION"

# Loopback only, in a range the usual development servers do not use.
export JAEGER_OTLP_GRPC_PORT=27317 JAEGER_OTLP_HTTP_PORT=27318 JAEGER_ZIPKIN_PORT=27411
export JAEGER_QUERY_HTTP_PORT=27686 JAEGER_QUERY_GRPC_PORT=27685 JAEGER_HEALTH_PORT=27133
export ZIPKIN_PORT=27412 PHOENIX_HTTP_PORT=27006 PHOENIX_GRPC_PORT_E2E=27007
