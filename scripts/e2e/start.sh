#!/usr/bin/env bash
# Starts Jaeger, Zipkin, Phoenix and Prometheus on 127.0.0.1 and waits until each answers its health
# check (at most 120 s each). Stop them with stop.sh.
set -euo pipefail
cd "$(dirname "$0")"
source ./versions.sh
mkdir -p "$RUN_DIR"
bash ./stop.sh >/dev/null 2>&1 || true

for port in $JAEGER_OTLP_GRPC_PORT $JAEGER_OTLP_HTTP_PORT $JAEGER_ZIPKIN_PORT $JAEGER_QUERY_HTTP_PORT $JAEGER_QUERY_GRPC_PORT $JAEGER_HEALTH_PORT $ZIPKIN_PORT $PHOENIX_HTTP_PORT $PHOENIX_GRPC_PORT_E2E $PROMETHEUS_PORT $JAEGER_OTLP_TAIL_HTTP_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "start: port $port on 127.0.0.1 is already in use"; exit 1; fi
done
# Not LLMTRACE_METRICS_PORT: the test binds it (Prometheus's scrape target). prometheus.yml cannot
# read versions.sh, so check that the two agree.
grep -q "127.0.0.1:$LLMTRACE_METRICS_PORT" prometheus.yml \
  || { echo "start: prometheus.yml does not scrape 127.0.0.1:$LLMTRACE_METRICS_PORT (LLMTRACE_METRICS_PORT in versions.sh)"; exit 1; }

"$JAEGER_BIN" --config "file:$PWD/jaeger.yaml" --config "file:$PWD/../../examples/collector/tail-sampling-processor.yaml" > "$RUN_DIR/jaeger.log" 2>&1 &
echo $! > "$RUN_DIR/jaeger.pid"

java -Xmx512m -jar "$ZIPKIN_JAR" "--armeria.ports[0].ip=127.0.0.1" "--armeria.ports[0].port=$ZIPKIN_PORT" "--armeria.ports[0].protocols=http" > "$RUN_DIR/zipkin.log" 2>&1 &
echo $! > "$RUN_DIR/zipkin.pid"

rm -rf "$RUN_DIR/phoenix-data" && mkdir -p "$RUN_DIR/phoenix-data"
PHOENIX_HOST=127.0.0.1 PHOENIX_PORT=$PHOENIX_HTTP_PORT PHOENIX_GRPC_PORT=$PHOENIX_GRPC_PORT_E2E PHOENIX_WORKING_DIR="$RUN_DIR/phoenix-data" \
  PHOENIX_TELEMETRY_ENABLED=false "$PHOENIX_VENV/bin/phoenix" serve > "$RUN_DIR/phoenix.log" 2>&1 &
echo $! > "$RUN_DIR/phoenix.pid"

rm -rf "$RUN_DIR/prometheus-data" && mkdir -p "$RUN_DIR/prometheus-data"
"$PROMETHEUS_BIN" --config.file="$PWD/prometheus.yml" --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
  --storage.tsdb.path="$RUN_DIR/prometheus-data" > "$RUN_DIR/prometheus.log" 2>&1 &
echo $! > "$RUN_DIR/prometheus.pid"

# Health checks with Node (always here) rather than curl (not on every machine).
healthy() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"
}

wait_for() {
  local name=$1 url=$2 log=$3 deadline=$((SECONDS + 120))
  until healthy "$url"; do
    if [ $SECONDS -gt $deadline ]; then echo "start: $name did not become healthy at $url within 120 s; its log:"; tail -30 "$log"; exit 1; fi
    sleep 1
  done
  echo "start: $name healthy ($url)"
}
wait_for Jaeger "http://127.0.0.1:$JAEGER_HEALTH_PORT/status" "$RUN_DIR/jaeger.log"
wait_for Zipkin "http://127.0.0.1:$ZIPKIN_PORT/health" "$RUN_DIR/zipkin.log"
wait_for Phoenix "http://127.0.0.1:$PHOENIX_HTTP_PORT/healthz" "$RUN_DIR/phoenix.log"
wait_for Prometheus "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" "$RUN_DIR/prometheus.log"
