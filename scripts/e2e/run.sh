#!/usr/bin/env bash
# npm run test:e2e — provisions the backends (cached), starts them, runs test/e2e, stops them.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/e2e/provision.sh
trap 'bash scripts/e2e/stop.sh' EXIT
bash scripts/e2e/start.sh
npx vitest run --config vitest.e2e.config.ts "$@"
