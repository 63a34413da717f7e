#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: trust auth, listening on 127.0.0.1:<port>
# and on a unix socket inside <dir>, with a database `latchkey_test`.
#
#   scripts/pg-cluster.sh start <dir> [port]   prints the DATABASE_URL on stdout (only that)
#   scripts/pg-cluster.sh stop <dir>           stops it and deletes <dir>
#   scripts/pg-cluster.sh down <dir>           stops the server, keeps the data (fault tests)
#   scripts/pg-cluster.sh up <dir>             starts it again on the same port
#
# The cluster trades durability for speed (fsync off): it is for tests only.
# PG_BIN overrides where the server binaries are (default /usr/lib/postgresql/15/bin).
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DB_NAME=latchkey_test
MARKER=.latchkey-pg-cluster

usage() {
  echo "usage: $0 start <dir> [port] | stop <dir> | down <dir> | up <dir>" >&2
  exit 2
}

log() { echo "pg-cluster: $*" >&2; }

# initdb refuses to run as root: the server runs as `postgres` then, else as the caller.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_binaries() {
  [[ -x "$PG_BIN/initdb" ]] && return
  if [[ $(id -u) -ne 0 ]]; then
    log "no PostgreSQL server binaries in $PG_BIN (install the Debian package postgresql)"
    exit 1
  fi
  log "installing PostgreSQL (apt-get install -y postgresql)"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

start() {
  local dir="$1" port="${2:-55432}"
  ensure_binaries
  if [[ -e "$dir/$MARKER" ]]; then
    log "$dir already holds a cluster; stop it first"
    exit 1
  fi
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  touch "$dir/$MARKER"
  mkdir -p "$dir/socket"
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$dir"
  if ! as_owner test -w "$dir"; then
    log "the server's user cannot write $dir (a parent directory is closed to it); use one under /tmp"
    rm -rf "$dir"
    exit 1
  fi

  as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
    log "initdb failed:"; cat "$dir/initdb.log" >&2; exit 1
  }
  local opts="-p $port -k $dir/socket -c listen_addresses=127.0.0.1"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  echo "$opts" >"$dir/server.opts"
  if ! as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null; then
    log "server did not start (is port $port free?):"
    tail -n 20 "$dir/server.log" >&2
    exit 1
  fi
  as_owner "$PG_BIN/psql" -h "$dir/socket" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE $DB_NAME" >&2
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir"
  echo "postgresql://postgres@127.0.0.1:$port/$DB_NAME"
}

stop() {
  local dir="$1"
  if [[ ! -e "$dir/$MARKER" ]]; then
    log "$dir is not a cluster made by this script; leaving it alone"
    exit 1
  fi
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null ||
      log "pg_ctl stop failed; removing the data anyway"
  fi
  rm -rf "$dir"
  log "stopped and removed $dir"
}

# The server only: connections are cut (fast shutdown), the data stays for `up`.
down() {
  local dir="$1"
  [[ -e "$dir/$MARKER" ]] || { log "$dir is not a cluster made by this script"; exit 1; }
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
}

up() {
  local dir="$1"
  [[ -e "$dir/$MARKER" ]] || { log "$dir is not a cluster made by this script"; exit 1; }
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/server.opts")" start >/dev/null
}

case "${1:-}" in
  start) [[ $# -ge 2 ]] || usage; start "$2" "${3:-}" ;;
  stop) [[ $# -ge 2 ]] || usage; stop "$2" ;;
  down) [[ $# -ge 2 ]] || usage; down "$2" ;;
  up) [[ $# -ge 2 ]] || usage; up "$2" ;;
  *) usage ;;
esac
