#!/usr/bin/env bash
# Stops the backends start.sh started.
cd "$(dirname "$0")"
source ./versions.sh
for name in jaeger zipkin phoenix prometheus; do
  pid_file="$RUN_DIR/$name.pid"
  [ -f "$pid_file" ] || continue
  pid=$(cat "$pid_file")
  kill "$pid" 2>/dev/null && for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pid_file"
done
