#!/usr/bin/env bash
# README's second command. Installs what the tests need when it is missing (Debian packages), starts the peers the
# tests talk to in one private temporary folder — two PyKMIP servers and a throwaway PostgreSQL cluster of its own,
# never the machine's — publishes the single-file keyhold once, runs every test, and on exit stops all it started.
# Extra arguments go to `dotnet test` (e.g. --filter ...).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
log() { echo "[test.sh] $*" >&2; }

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# ---------------------------------------------------------------- install what is missing
# python3-pykmip: real KMIP servers; ansible + python3-requests: NetApp's own modules drive keyhold; postgresql: the
# shared store of multi-node clusters; openssl: the peers' throwaway CAs; chromium: the browser test of /docs/api.
missing=()
[ -x /usr/bin/pykmip-server ] || missing+=(python3-pykmip)
[ -x /usr/bin/ansible-playbook ] || missing+=(ansible)
/usr/bin/python3 -c 'import requests' 2>/dev/null || missing+=(python3-requests)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v openssl >/dev/null || missing+=(openssl)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "${KEYHOLD_NO_INSTALL:-}" = 1 ]; then
    log "not installing (KEYHOLD_NO_INSTALL=1): ${missing[*]}; the tests that need them are skipped"
  else
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Wait for the package lock rather than fail when another install is running.
    $SUDO apt-get -o DPkg::Lock::Timeout=300 update -q >&2
    $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >&2
  fi
fi

# ---------------------------------------------------------------- one private folder, emptied on exit
WORK=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-test.XXXXXX")
chmod 711 "$WORK"   # the PostgreSQL cluster below runs as the postgres user and must reach its folder
SCRIPTS=${KEYHOLD_KMIP_SCRIPTS:-$ROOT/test/peers/kmip-server}
PGBIN=""; PGDATA_DIR=""; AS_PG=()

cleanup() {
  local status=$?
  set +e
  # Every PyKMIP server started in WORK: test.sh's two and the siblings tests started in their temp folders.
  while IFS= read -r pidfile; do
    bash "$SCRIPTS/stop.sh" "$(dirname "$pidfile")" 2>/dev/null
  done < <(find "$WORK" -name server.pid 2>/dev/null)
  if [ -n "$PGDATA_DIR" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
    (cd / && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1)
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# ---------------------------------------------------------------- PyKMIP: two throwaway servers
if [ -z "${KEYHOLD_KMIP_A:-}" ] && [ -x /usr/bin/pykmip-server ] && [ -f "$SCRIPTS/start.sh" ]; then
  bash "$SCRIPTS/start.sh" "$WORK/kmip/a" >/dev/null
  bash "$SCRIPTS/start.sh" "$WORK/kmip/b" >/dev/null
  export KEYHOLD_KMIP_A="$WORK/kmip/a" KEYHOLD_KMIP_B="$WORK/kmip/b" KEYHOLD_KMIP_SCRIPTS="$SCRIPTS"
  log "PyKMIP servers: a on port $(cat "$WORK/kmip/a/port"), b on port $(cat "$WORK/kmip/b/port")"
fi

# ---------------------------------------------------------------- PostgreSQL: a private throwaway cluster
PGBIN=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1 || true)
if [ -z "${KEYHOLD_TEST_POSTGRES:-}" ] && [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ]; then
  pg=$WORK/postgres
  mkdir -p "$pg"
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the unprivileged postgres account the package created.
    AS_PG=(runuser -u postgres --)
    chown postgres "$pg"
  fi
  chmod 700 "$pg"
  password=$(openssl rand -hex 24)
  (umask 077; printf '%s\n' "$password" > "$pg/pwfile")
  [ "$(id -u)" != 0 ] || chown postgres "$pg/pwfile"
  (cd / && "${AS_PG[@]}" "$PGBIN/initdb" -D "$pg/data" -U postgres --pwfile="$pg/pwfile" --auth=scram-sha-256 \
      --no-locale -E UTF8 >"$pg/initdb.log" 2>&1) || { cat "$pg/initdb.log" >&2; exit 1; }
  rm -f "$pg/pwfile"
  PGDATA_DIR=$pg/data
  port=$(free_port)
  # Loopback only, its socket in its own folder; fsync off: the cluster is thrown away when the run ends.
  (cd / && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$pg/server.log" -w -t 60 \
      -o "-p $port -k $pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off" \
      start >/dev/null) || { cat "$pg/server.log" >&2; exit 1; }
  export KEYHOLD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
  log "PostgreSQL $(basename "$(dirname "$PGBIN")"): private cluster on port $port"
fi

# ---------------------------------------------------------------- the self-contained single-file keyhold, once
if [ -z "${KEYHOLD_PUBLISHED:-}" ]; then
  log "publishing the single-file keyhold"
  dotnet publish src/Keyhold -c Release -r linux-x64 -o "$WORK/publish" --disable-build-servers -v quiet -nologo >&2
  export KEYHOLD_PUBLISHED="$WORK/publish/keyhold"
fi
command -v chromium >/dev/null && export KEYHOLD_CHROMIUM=${KEYHOLD_CHROMIUM:-$(command -v chromium)}

# Temporary folders of the tests (and the peers they start) live in WORK too, so the trap finds and removes them.
mkdir -p "$WORK/tmp"
TMPDIR="$WORK/tmp" dotnet test Keyhold.slnx -c Release --disable-build-servers "$@"
