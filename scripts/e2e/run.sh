#!/usr/bin/env bash
# npm run test:e2e — provisions the backends (cached), starts them, runs test/e2e, stops them.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/e2e/provision.sh
# The viewer's browser tests run the built command and UI bundle, as the package ships them.
npm run build --silent > /dev/null
trap 'bash scripts/e2e/stop.sh' EXIT
bash scripts/e2e/start.sh
npx vitest run --config vitest.e2e.config.ts "$@"
