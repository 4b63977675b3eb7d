#!/usr/bin/env bash
# bench/scripts/postgres.sh start DIR | stop DIR: a private, throwaway PostgreSQL cluster for the bench (never the
# machine's), loopback only, its socket in DIR. Unlike test.sh's cluster, fsync stays on: the bench compares durable
# commits (SQLite runs with synchronous=FULL). `start` prints the Npgsql connection string of a fresh database.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?DIR}
PGBIN=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1 || true)
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 3; }
AS_PG=(); [ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)
case "$cmd" in
  start)
    mkdir -p "$dir"; chmod 711 "$(dirname "$dir")" 2>/dev/null || true
    [ ${#AS_PG[@]} -eq 0 ] || chown postgres "$dir"
    chmod 700 "$dir"
    password=$(openssl rand -hex 24)
    (umask 077; printf '%s\n' "$password" > "$dir/pwfile")
    [ ${#AS_PG[@]} -eq 0 ] || chown postgres "$dir/pwfile"
    (cd / && "${AS_PG[@]}" "$PGBIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" --auth=scram-sha-256 \
        --no-locale -E UTF8 > "$dir/initdb.log" 2>&1) || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    (cd / && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start > /dev/null) \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    (cd / && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1) || true
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
