#!/usr/bin/env bash
# The dashboard check against a local run of its own: starts ./ledgerline up (a small simulated company, a fresh data
# directory under e2e/target), runs dashboard-check.mjs once the URLs are printed, saves the screenshot as
# e2e/target/dashboard.png, and stops the run. CI runs it after `mvn -B verify` (which built the applications).
# Needs Chromium (/usr/bin/chromium or CHROMIUM=path) and `npm --prefix e2e/dashboard ci`.
set -euo pipefail
cd "$(dirname "$0")/../.."

export LEDGERLINE_DATA_DIR=$PWD/e2e/target/dashboard-run
export LEDGERLINE_SIMULATOR_CONTACTS=${LEDGERLINE_SIMULATOR_CONTACTS:-150}
export LEDGERLINE_SIMULATOR_DEALS=${LEDGERLINE_SIMULATOR_DEALS:-300}
kpi_port=${LEDGERLINE_KPI_PORT:-8084}
mkdir -p e2e/target
log=e2e/target/dashboard-run.log

./ledgerline up --fresh --no-build >"$log" 2>&1 &
up=$!
stop() {
    # SIGTERM: a background job may have SIGINT ignored; the script stops everything on either.
    kill -TERM "$up" 2>/dev/null || true
    wait "$up" 2>/dev/null || true
}
trap stop EXIT

for _ in $(seq 600); do
    grep -q '^Press Ctrl-C to stop everything.$' "$log" && break
    if ! kill -0 "$up" 2>/dev/null; then
        cat "$log" >&2
        echo "check-local-run: ./ledgerline up ended before it was up" >&2
        exit 1
    fi
    sleep 1
done
grep -q '^Press Ctrl-C to stop everything.$' "$log" || { cat "$log" >&2; echo "check-local-run: not up in 10 minutes" >&2; exit 1; }

LEDGERLINE_TOKEN=$(./ledgerline token --tenant demo --role viewer) \
    node e2e/dashboard/dashboard-check.mjs "http://localhost:$kpi_port" demo e2e/target/dashboard.png
