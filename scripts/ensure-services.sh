#!/bin/sh
# Makes sure PostgreSQL and Redis answer and ReadStat is installed (and, with --for-tests, that Debian's
# Chromium is installed).
# On Debian as root it installs and starts what is missing; elsewhere it stops and says what to do.
# Reads DATABASE_URL and REDIS_URL like the application does (defaults: 127.0.0.1:5432 and :6379).
set -eu

for_tests=0
[ "${1:-}" = "--for-tests" ] && for_tests=1

db_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/rsu}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379/0}"

# host and port of a URL such as scheme://user:pass@host:port/path
url_host() { echo "$1" | sed -E 's#^[a-z]+://([^@/]*@)?(\[[^]]*\]|[^:/]*).*#\2#' | tr -d '[]'; }
url_port() { p=$(echo "$1" | sed -nE 's#^[a-z]+://([^@/]*@)?(\[[^]]*\]|[^:/]*):([0-9]+).*#\3#p'); echo "${p:-$2}"; }

answers() { # host port
  if command -v timeout >/dev/null 2>&1; then
    timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
  else
    bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
  fi
}

is_local() { case "$1" in 127.*|localhost|::1) return 0;; *) return 1;; esac; }
can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

give_up() { # what
  cat >&2 <<MSG
rsu: $1 is not answering.
  Install and start it (Debian/Ubuntu: sudo apt-get install postgresql redis-server; macOS: brew install postgresql@15 redis),
  or point rsu at running servers, for example:
    DATABASE_URL=postgres://user:password@db-host:5432/rsu REDIS_URL=redis://redis-host:6379/0 npm start
MSG
  exit 1
}

pg_host=$(url_host "$db_url"); pg_port=$(url_port "$db_url" 5432)
if ! answers "$pg_host" "$pg_port"; then
  if is_local "$pg_host" && can_install; then
    if [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
      echo "rsu: installing PostgreSQL (Debian package postgresql)…"
      apt_install postgresql
      # A fresh cluster asks for passwords over TCP; the quick start connects as postgres without one on
      # this machine only (loopback), as the development machines of this project do.
      hba=$(ls /etc/postgresql/*/main/pg_hba.conf | head -n 1)
      sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    fi
    echo "rsu: starting PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
    i=0; until answers "$pg_host" "$pg_port" || [ $i -ge 30 ]; do sleep 1; i=$((i+1)); done
  fi
  answers "$pg_host" "$pg_port" || give_up "PostgreSQL at $pg_host:$pg_port"
fi

redis_host=$(url_host "$redis_url"); redis_port=$(url_port "$redis_url" 6379)
if ! answers "$redis_host" "$redis_port"; then
  if is_local "$redis_host" && can_install; then
    if ! command -v redis-server >/dev/null 2>&1; then
      echo "rsu: installing Redis (Debian package redis-server)…"
      apt_install redis-server
    fi
    echo "rsu: starting Redis…"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$redis_port" --save "" --appendonly no >/dev/null
    i=0; until answers "$redis_host" "$redis_port" || [ $i -ge 15 ]; do sleep 1; i=$((i+1)); done
  fi
  answers "$redis_host" "$redis_port" || give_up "Redis at $redis_host:$redis_port"
fi

# ReadStat writes and reads the Stata and SPSS files of registry exports and bulk imports.
if ! command -v readstat >/dev/null 2>&1; then
  if can_install; then
    echo "rsu: installing ReadStat for Stata/SPSS files (Debian package readstat)…"
    apt_install readstat
  else
    echo "rsu: Stata/SPSS exports and imports need ReadStat (Debian: sudo apt-get install readstat)." >&2
  fi
fi

if [ $for_tests = 1 ] && [ ! -x /usr/bin/chromium ]; then
  if can_install; then
    echo "rsu: installing Chromium for the browser tests (Debian package chromium)…"
    apt_install chromium
  else
    echo "rsu: the browser tests need Chromium at /usr/bin/chromium (Debian: sudo apt-get install chromium)." >&2
    exit 1
  fi
fi
exit 0
