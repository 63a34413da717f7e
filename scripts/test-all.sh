#!/usr/bin/env bash
# The whole suite, as CI runs it (`npm test`; needs `npm ci` first):
#   lint, typecheck, the OpenAPI document linted (Redocly, offline), migration drift, unit tests, integration tests on embedded PGlite and
#   on PostgreSQL, production build, Playwright journeys.
# It keeps going after a failure where later steps still mean something, then ends with one
# line "N passed, N failed, N skipped" summed over every suite, and exits 1 if anything
# failed. A step that fails outside any test (lint, typecheck, drift, build, a runner that
# crashed) counts as one failure in that line.
#
# Settings (environment):
#   TEST_DATABASE_URL  PostgreSQL for the drift check (its role needs CREATEDB: Prisma makes a
#                      shadow database) and the integration tests; unset: a throwaway cluster is
#                      started (scripts/pg-cluster.sh) on TEST_PG_PORT (default: a free port)
#   E2E_PORT           port of the server the journeys use (default: a free port)
#   E2E_OIDC_PORT      port of the OpenID Connect provider the journeys sign in with (default: a free port)
#   E2E_SPARE_PORT     port of a second app the provider also knows (a journey's own server; default: a free port)
#   CHROMIUM_PATH      browser for the journeys (default /usr/bin/chromium when present)
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# Free ports chosen by the OS unless given: fixed numbers collide with whatever else runs.
{ read -r free_pg; read -r free_e2e; read -r free_oidc; read -r free_spare; } < <(node scripts/free-port.mjs 4)
PG_PORT="${TEST_PG_PORT:-$free_pg}"
export E2E_PORT="${E2E_PORT:-$free_e2e}"
export E2E_OIDC_PORT="${E2E_OIDC_PORT:-$free_oidc}"
export E2E_SPARE_PORT="${E2E_SPARE_PORT:-$free_spare}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-test.XXXXXX")"
REPORTS="$WORK/reports"
PG_DIR="$WORK/pg"
mkdir -p "$REPORTS" "$WORK/tmp"
# Whatever the suites leave in the temp dir goes when this script ends. Traversable: a
# PostgreSQL cluster under it runs as user postgres when we are root.
chmod 755 "$WORK" "$WORK/tmp"
export TMPDIR="$WORK/tmp"

cleanup() {
  if [[ -e "$PG_DIR" ]]; then scripts/pg-cluster.sh stop "$PG_DIR" >/dev/null 2>&1; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0 failed=0 skipped=0
summary=()

banner() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# A step without test counts: ok, or one failure.
check() {
  local name="$1" start=$SECONDS
  shift
  banner "$name"
  if "$@"; then
    summary+=("$(printf '  %-26s ok (%ss)' "$name" $((SECONDS - start)))")
  else
    failed=$((failed + 1))
    summary+=("$(printf '  %-26s FAILED (%ss)' "$name" $((SECONDS - start)))")
    return 1
  fi
}

# A test suite writing a JSON report to $report: its counts join the totals. A non-zero exit
# that no failed test explains (crash, unhandled error, missing report) is one more failure.
suite() {
  local name="$1" report="$2" start=$SECONDS status counts p=0 f=0 s=0
  shift 2
  banner "$name"
  "$@"
  status=$?
  if counts="$(node_modules/.bin/tsx scripts/count-tests.ts "$report")"; then
    read -r p f s <<<"$counts"
  fi
  if [[ $status -ne 0 && $f -eq 0 ]]; then
    f=1
    echo "$name: exited with status $status without a failed test; counted as one failure" >&2
  fi
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  summary+=("$(printf '  %-26s passed %s, failed %s, skipped %s (%ss)' "$name" "$p" "$f" "$s" $((SECONDS - start)))")
}

# A suite that could not run counts as one failure.
not_run() {
  failed=$((failed + 1))
  summary+=("$(printf '  %-26s NOT RUN: %s' "$1" "$2")")
}

# One Vitest project; extra VAR=value arguments set its environment. DATABASE_URL is cleared
# first so that only an explicit one selects PostgreSQL.
vitest_suite() {
  local name="$1" project="$2" id="$3"
  shift 3
  local report="$REPORTS/$id.json"
  suite "$name" "$report" env -u DATABASE_URL "$@" node_modules/.bin/vitest run --project "$project" \
    --reporter=default --reporter=json --outputFile.json="$report"
}

# PostgreSQL for the migration drift check and the PostgreSQL integration tests:
# TEST_DATABASE_URL, or a throwaway cluster (stopped once those two are done).
PG_URL="${TEST_DATABASE_URL:-}"
start_postgres() {
  [[ -n "$PG_URL" ]] && return
  banner "start PostgreSQL on port $PG_PORT"
  PG_URL="$(scripts/pg-cluster.sh start "$PG_DIR" "$PG_PORT")" || PG_URL=""
}
stop_postgres() {
  if [[ -e "$PG_DIR" ]]; then scripts/pg-cluster.sh stop "$PG_DIR"; fi
}

e2e_suite() {
  suite "e2e (Playwright)" "$REPORTS/e2e.json" \
    env PLAYWRIGHT_JSON_OUTPUT_FILE="$REPORTS/e2e.json" E2E_DATA_DIR="$WORK/e2e" node_modules/.bin/playwright test
}

# The document GET /api/openapi.json serves, written without a server and linted with
# Redocly's recommended rules (no network: telemetry and the update check off).
openapi_lint() {
  node_modules/.bin/tsx scripts/openapi.mts >"$WORK/openapi.json" &&
    REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly lint --config redocly.yaml "$WORK/openapi.json"
}

started=$SECONDS
check "lint" npm run -s lint
check "typecheck" npm run -s typecheck
check "OpenAPI lint" openapi_lint
start_postgres
if [[ -n "$PG_URL" ]]; then
  check "migration drift" env DATABASE_URL="$PG_URL" npm run -s db:drift
else
  not_run "migration drift" "PostgreSQL did not start"
fi
vitest_suite "unit" unit unit
vitest_suite "integration (PGlite)" integration integration-pglite
if [[ -n "$PG_URL" ]]; then
  vitest_suite "integration (PostgreSQL)" integration integration-postgres DATABASE_URL="$PG_URL"
  stop_postgres
else
  not_run "integration (PostgreSQL)" "PostgreSQL did not start"
fi
if check "build" npm run -s build; then
  e2e_suite
else
  not_run "e2e (Playwright)" "the build failed"
fi

banner "Summary ($((SECONDS - started))s)"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
