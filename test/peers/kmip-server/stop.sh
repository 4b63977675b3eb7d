#!/usr/bin/env bash
# stop.sh DIR -- stop the PyKMIP server that start.sh DIR started (by its pid
# in DIR/server.pid; the server runs in its own process group, so its
# multiprocessing.Manager child goes too). Leaves certs/config/db in DIR.
set -uo pipefail
if [ $# -lt 1 ]; then echo "usage: $0 DIR" >&2; exit 2; fi
DIR=$(cd "$1" 2>/dev/null && pwd) || { echo "[kmip-server] no such dir: $1" >&2; exit 0; }
PIDFILE="$DIR/server.pid"
[ -f "$PIDFILE" ] || { echo "[kmip-server] not running (no $PIDFILE)" >&2; exit 0; }
PID=$(cat "$PIDFILE")

ours() {
  kill -0 "$PID" 2>/dev/null &&
    tr '\0' ' ' < "/proc/$PID/cmdline" 2>/dev/null | grep -q -- "pykmip-server -f $DIR/server.conf"
}
if ! ours; then
  echo "[kmip-server] pid $PID is not running (or is not this server); removing pid file" >&2
  rm -f "$PIDFILE"; exit 0
fi

# Is the server the leader of its own process group (start.sh uses setsid)?
PGID=$(ps -o pgid= -p "$PID" 2>/dev/null | tr -d ' ')
[ -n "$PGID" ] || PGID=$(cut -d' ' -f5 "/proc/$PID/stat" 2>/dev/null)   # no procps on a minimal machine
target="$PID"; [ "$PGID" = "$PID" ] && target="-$PID"

kill -INT -- "$target" 2>/dev/null       # SIGINT: PyKMIP's accept loop exits at once
for i in $(seq 1 50); do                 # 10 s
  kill -0 "$PID" 2>/dev/null || break
  [ "$i" = 25 ] && kill -TERM -- "$target" 2>/dev/null
  sleep 0.2
done
if kill -0 "$PID" 2>/dev/null; then
  kill -KILL -- "$target" 2>/dev/null
  sleep 0.2
fi
# the Manager child may outlive the leader briefly
[ "$target" = "-$PID" ] && kill -KILL -- "-$PID" 2>/dev/null
rm -f "$PIDFILE"
echo "[kmip-server] stopped pid $PID" >&2
