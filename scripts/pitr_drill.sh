#!/usr/bin/env bash
# The point-in-time recovery drill (docs/backups.md): on a throwaway PostgreSQL cluster of its
# own (port PITR_PORT, default 5439, under a new /tmp/drill-pitr.* folder) it archives WAL,
# takes a base backup with pg_basebackup, writes rows, notes the time, writes more rows, then
# recovers a copy of the base backup to that time and checks that exactly the rows written
# before it are there. The cluster is stopped and its folder removed at the end, even on
# failure. PostgreSQL refuses to run as root: as root, the drill runs as the postgres user.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then
  exec runuser -u "${PITR_USER:-postgres}" -- bash "$0" "$@"
fi
PORT="${PITR_PORT:-5439}"
BIN="${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}"
DIR="$(mktemp -d /tmp/drill-pitr.XXXXXX)"
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 -At)
started=$SECONDS

cleanup() {
  for data in "$DIR/primary" "$DIR/restored"; do
    if [ -f "$data/postmaster.pid" ]; then
      "$BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  done
  rm -rf "$DIR"
}
trap cleanup EXIT

fail() {
  echo "PITR drill failed: $*" >&2
  tail -n 20 "$DIR"/*.log >&2 2>/dev/null || true
  exit 1
}

if pg_isready -h 127.0.0.1 -p "$PORT" -q; then
  fail "port $PORT is taken; set PITR_PORT to a free one"
fi

# 1. A cluster that archives its WAL: archive_command copies each finished segment, never
#    over an existing one.
"$BIN/initdb" -D "$DIR/primary" -U postgres --auth=trust >/dev/null
mkdir "$DIR/wal"
cat >>"$DIR/primary/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $DIR/wal/%f && cp %p $DIR/wal/%f'
archive_timeout = 60
CONF
"$BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
"${PSQL[@]}" -c "create table drill (n int primary key)"
"${PSQL[@]}" -c "insert into drill select generate_series(1, 100)"

# 2. The base backup.
pg_basebackup -h 127.0.0.1 -p "$PORT" -U postgres -D "$DIR/base" -Ft -z -X stream -c fast

# 3. Rows before the target time, the target, rows after it; the last segment archived.
"${PSQL[@]}" -c "insert into drill select generate_series(101, 200)"
target="$("${PSQL[@]}" -c "select now()")"
sleep 1
"${PSQL[@]}" -c "insert into drill select generate_series(201, 300)"
segment="$("${PSQL[@]}" -c "select pg_walfile_name(pg_switch_wal())")"
for _ in $(seq 60); do
  [ -f "$DIR/wal/$segment" ] && break
  sleep 0.5
done
[ -f "$DIR/wal/$segment" ] || fail "WAL segment $segment was not archived"
[ "$("${PSQL[@]}" -c "select count(*) from drill")" = 300 ] || fail "the primary lacks rows"
"$BIN/pg_ctl" -D "$DIR/primary" -m fast -w stop >/dev/null

# 4. Recovery into a new data folder: the base backup, restore_command reading the archive,
#    recovery_target_time, recovery.signal.
mkdir -m 700 "$DIR/restored"
tar -xzf "$DIR/base/base.tar.gz" -C "$DIR/restored"
tar -xzf "$DIR/base/pg_wal.tar.gz" -C "$DIR/restored/pg_wal"
cat >>"$DIR/restored/postgresql.conf" <<CONF
archive_mode = off
restore_command = 'cp $DIR/wal/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
CONF
touch "$DIR/restored/recovery.signal"
"$BIN/pg_ctl" -D "$DIR/restored" -l "$DIR/restored.log" -w -t 120 start >/dev/null
for _ in $(seq 120); do
  [ "$("${PSQL[@]}" -c "select pg_is_in_recovery()")" = f ] && break
  sleep 0.5
done
[ "$("${PSQL[@]}" -c "select pg_is_in_recovery()")" = f ] || fail "recovery did not finish"
rows="$("${PSQL[@]}" -c "select count(*) || ' rows, the last ' || max(n) from drill")"
[ "$rows" = "200 rows, the last 200" ] || fail "recovered $rows; expected 200 rows, the last 200"
echo "PITR drill passed in $((SECONDS - started)) s: 300 rows written, recovered to $target:" \
  "$rows, as written before that time."
