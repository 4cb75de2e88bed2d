#!/usr/bin/env bash
# `make test-citus`: the suite (browser tests excepted) against a local Citus cluster started
# with `ordergate cluster up` (coordinator on CITUS_PORT, two workers on the next ports) and
# stopped afterwards. CITUS_TESTS chooses what runs (default: the subset CI runs, README).
set -euo pipefail

VENV="${VENV:-.venv}"
PORT="${CITUS_PORT:-9700}"
DATA="${CITUS_DATA_DIR:-$(mktemp -d /tmp/og-citus-test.XXXXXX)}"
chmod 755 "$DATA"
PYTEST_ARGS="${PYTEST_ARGS:--n 2 --dist loadgroup -q}"
read -r -a TESTS <<< "${CITUS_TESTS:-tests/citus}"

out="$DATA/cluster-up.out"
"$VENV/bin/ordergate" cluster up --workers 2 --data-dir "$DATA" --port "$PORT" >"$out" 2>&1 &
cluster=$!
stop() {
    kill -TERM "$cluster" 2>/dev/null || true
    wait "$cluster" 2>/dev/null || true
    rm -rf "$DATA"
}
trap stop EXIT

for _ in $(seq 1 240); do
    url="$(grep -m1 '^postgresql://' "$out" || true)"
    [[ -n "$url" ]] && break
    if ! kill -0 "$cluster" 2>/dev/null; then cat "$out" >&2; exit 1; fi
    sleep 0.5
done
[[ -n "$url" ]] || { echo "cluster up printed no URL in 120 s" >&2; cat "$out" >&2; exit 1; }
echo "==> Citus cluster at $url; running: ${TESTS[*]}"
# shellcheck disable=SC2086  # PYTEST_ARGS is a list of options
DATABASE_URL="$url" "$VENV/bin/pytest" $PYTEST_ARGS -m "not browser" "${TESTS[@]}"
