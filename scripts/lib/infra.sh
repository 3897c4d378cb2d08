# shellcheck shell=bash
# scripts/lib/infra.sh — local infrastructure for SmartCourse, without Docker.
#
# Sourced by scripts/up, scripts/test, scripts/down and scripts/status (which all run with
# `set -euo pipefail`). It installs what is missing (downloads cached under
# ${SMARTCOURSE_CACHE:-$HOME/.cache/smartcourse}), starts the servers as local processes on
# 127.0.0.1, waits until each answers, writes .run/<profile>/env, and stops them again.
#
#   component  server                                  port          skipped when set
#   postgres   PostgreSQL 15 (Debian package)          5432          POSTGRES_URL
#   redis      Redis 7 (Debian package)                6379          REDIS_URL
#   kafka      Apache Kafka 3.9.1 KRaft (Maven jars)   9092 (+9093)  KAFKA_BROKERS
#   registry   Apicurio Registry 3.0.9, kafkasql       8081          SCHEMA_REGISTRY_URL
#   ferretdb   FerretDB 1.24.2 on Postgres (Go build)  27017         MONGO_URL
#   maildev    MailDev 2 (npm workspace dependency)    1025, 1080    SMTP_URL
#
# Profiles: data and logs live in .run/<profile>/ (gitignored). `dev` keeps its data across
# restarts; `test` is wiped every time it is initialised.
#
# Public functions (the rest is internal, prefixed sc__):
#   sc_profile_init <dev|test>  choose the profile (stops and wipes `test`)
#   sc_infra_install            install/build everything missing (idempotent)
#   sc_infra_start              start what is not running and not overridden; write env file
#   sc_infra_stop [all|started] stop servers of the profile (by pidfile); `started` = only
#                               those this shell started
#   sc_infra_status             print one line per component
#   sc_ensure_node_modules      npm ci / npm install when node_modules is missing or stale
#   sc_log / sc_warn / sc_die   messages

# ---------------------------------------------------------------------------------------
# Constants and defaults
# ---------------------------------------------------------------------------------------

SC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SC_INFRA="$SC_ROOT/infrastructure"
SC_CACHE="${SMARTCOURSE_CACHE:-$HOME/.cache/smartcourse}"

SC_KAFKA_VERSION=3.9.1
SC_APICURIO_VERSION=3.0.9
SC_PG_MAJOR=15

SC_KAFKA_HOME="$SC_CACHE/kafka-$SC_KAFKA_VERSION"
SC_APICURIO_HOME="$SC_CACHE/apicurio-registry-$SC_APICURIO_VERSION"
SC_FERRETDB_BIN="$SC_CACHE/ferretdb/smartcourse-ferretdb"

SC_HOST=127.0.0.1
SC_KAFKA_PORT="${SMARTCOURSE_KAFKA_PORT:-9092}"
SC_KAFKA_CONTROLLER_PORT="${SMARTCOURSE_KAFKA_CONTROLLER_PORT:-9093}"
SC_REGISTRY_PORT="${SMARTCOURSE_REGISTRY_PORT:-8081}"
SC_PG_PORT="${SMARTCOURSE_POSTGRES_PORT:-5432}"
SC_REDIS_PORT="${SMARTCOURSE_REDIS_PORT:-6379}"
SC_FERRETDB_PORT="${SMARTCOURSE_FERRETDB_PORT:-27017}"
SC_SMTP_PORT="${SMARTCOURSE_SMTP_PORT:-1025}"
SC_MAIL_WEB_PORT="${SMARTCOURSE_MAIL_WEB_PORT:-1080}"

SC_KAFKA_HEAP="${SMARTCOURSE_KAFKA_HEAP:--Xmx512m -Xms128m}"
SC_REGISTRY_HEAP="${SMARTCOURSE_REGISTRY_HEAP:--Xmx384m -Xms64m}"
SC_START_TIMEOUT="${SMARTCOURSE_START_TIMEOUT:-120}"   # seconds per server
SC_STOP_TIMEOUT="${SMARTCOURSE_STOP_TIMEOUT:-30}"      # seconds before SIGKILL

SC_PG_ROLE=smartcourse
SC_PG_PASSWORD=smartcourse
SC_PG_SUPERPASSWORD=postgres      # local loopback server only

# Start order; stop runs in reverse.
SC_COMPONENTS=(postgres redis kafka registry ferretdb maildev)

# Variables a user may set to use an existing server instead of starting one.
declare -A SC_OVERRIDE_VAR=(
  [postgres]=POSTGRES_URL [redis]=REDIS_URL [kafka]=KAFKA_BROKERS
  [registry]=SCHEMA_REGISTRY_URL [ferretdb]=MONGO_URL [maildev]=SMTP_URL
)
declare -A SC_LABEL=(
  [postgres]=PostgreSQL [redis]=Redis [kafka]=Kafka [registry]="schema registry (Apicurio)"
  [ferretdb]="FerretDB (MongoDB API)" [maildev]="MailDev (SMTP)"
)

# Variables written to the env file (also used to recognise an env file sourced earlier).
SC_ENV_VARS=(KAFKA_BROKERS SCHEMA_REGISTRY_URL POSTGRES_URL REDIS_URL MONGO_URL SMTP_URL
  MAIL_API_URL USER_DATABASE_URL COURSE_DATABASE_URL ENROLLMENT_DATABASE_URL
  CERTIFICATE_DATABASE_URL CERTIFICATE_FILES_DIR CERTIFICATE_KEY_DIR FERRETDB_DATABASE_URL
  NOTIFICATION_SCHEDULER_DATABASE_URL)

SC_STARTED=()        # components started by this shell
SC_PROFILE=""
SC_RUN=""

# ---------------------------------------------------------------------------------------
# Messages and small helpers
# ---------------------------------------------------------------------------------------

sc_log()  { printf '\033[1;34m[infra]\033[0m %s\n' "$*" >&2; }
sc_ok()   { printf '\033[1;32m[infra]\033[0m %s\n' "$*" >&2; }
sc_warn() { printf '\033[1;33m[infra] warning:\033[0m %s\n' "$*" >&2; }
sc_die()  { printf '\033[1;31m[infra] error:\033[0m %s\n' "$*" >&2; exit 1; }

# shellcheck source=node.sh
source "$SC_ROOT/scripts/lib/node.sh"
sc_ensure_node

sc__now() { date +%s; }
sc__is_root() { [[ "$(id -u)" == 0 ]]; }

# Is something listening on 127.0.0.1:<port>?
sc_port_open() {
  local port=$1
  (exec 3<>"/dev/tcp/$SC_HOST/$port") 2>/dev/null
}

# Name of the process listening on a port (best effort, for error messages).
sc__port_owner() {
  local port=$1 out
  out="$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:(([^)]*' | head -1 | sed 's/users:((//')" || true
  [[ -n "$out" ]] && printf ' (%s)' "$out"
  return 0
}

sc__port_conflict() {
  local component=$1 port=$2
  local var="${SC_OVERRIDE_VAR[$component]}"
  local hint=""
  [[ "$component" == postgres ]] && hint=" (a Debian cluster? try: pg_ctlcluster $SC_PG_MAJOR main stop)"
  [[ "$component" == redis ]] && hint=" (the Debian service? try: service redis-server stop)"
  local other=""
  if [[ "$SC_PROFILE" == test && -d "$SC_ROOT/.run/dev" ]]; then
    other=" If it is the dev infrastructure (.run/dev), stop it with scripts/down, or run the tests against it with SMARTCOURSE_TEST_USE_DEV=1 scripts/test"
  elif [[ "$SC_PROFILE" == dev && -d "$SC_ROOT/.run/test" ]]; then
    other=" If it is a test run's infrastructure, stop it with: scripts/down --profile test"
  fi
  sc_die "port $port (${SC_LABEL[$component]}) is in use by another process$(sc__port_owner "$port")$hint; stop it or set $var to use it.$other"
}

# Is the process alive (zombies — exited children not yet reaped — count as dead)?
sc__pid_running() {
  local pid=$1 state
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" || return 0
  [[ "$state" != Z ]]
}

# sc__wait_until <timeout> <description> <pid-or-empty> <logfile-or-empty> <command...>
# Polls the command every 0.25 s; fails early if the pid dies.
sc__wait_until() {
  local timeout=$1 what=$2 pid=$3 logfile=$4
  shift 4
  local deadline=$(( $(sc__now) + timeout ))
  while ! "$@" >/dev/null 2>&1; do
    if [[ -n "$pid" ]] && ! sc__pid_running "$pid"; then
      sc_warn "$what: the process exited during start-up."
      [[ -n "$logfile" && -f "$logfile" ]] && { echo "--- last lines of $logfile ---" >&2; tail -n 40 "$logfile" >&2; }
      return 1
    fi
    if (( $(sc__now) >= deadline )); then
      sc_warn "$what: not ready after ${timeout}s."
      [[ -n "$logfile" && -f "$logfile" ]] && { echo "--- last lines of $logfile ---" >&2; tail -n 40 "$logfile" >&2; }
      return 1
    fi
    sleep 0.25
  done
}

sc__http_ok() { # url → 0 when it answers 2xx
  curl -fsS -o /dev/null --max-time 2 "$1"
}

sc__sha() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

# ---------------------------------------------------------------------------------------
# Process bookkeeping: pidfiles under .run/<profile>/pids/
# ---------------------------------------------------------------------------------------

sc__pidfile() { echo "$SC_RUN/pids/$1.pid"; }

# sc__alive_pid <pidfile> <cmdline-substring> → prints the pid when that process is alive and
# its command line contains the substring (guards against recycled pids).
sc__alive_pid() {
  local pidfile=$1 pattern=$2 pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(head -n1 "$pidfile" 2>/dev/null | tr -dc '0-9')"
  [[ -n "$pid" ]] || return 1
  sc__pid_running "$pid" || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern" || return 1
  fi
  echo "$pid"
}

# sc__stop_pid <name> <pid> [timeout]: SIGTERM (the whole process group when the pid leads
# one), wait, then SIGKILL.
sc__stop_pid() {
  local name=$1 pid=$2 timeout=${3:-$SC_STOP_TIMEOUT}
  local target=$pid pgid
  pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" || true
  [[ "$pgid" == "$pid" ]] && target="-$pid"
  kill -TERM -- "$target" 2>/dev/null || return 0
  local deadline=$(( $(sc__now) + timeout ))
  while sc__pid_running "$pid"; do
    if (( $(sc__now) >= deadline )); then
      sc_warn "$name (pid $pid) did not stop within ${timeout}s; killing it."
      kill -KILL -- "$target" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
}

# sc__spawn <name> <logfile> <command...>: start a server in its own session (so Ctrl-C in the
# calling terminal does not reach it directly), stdout+stderr appended to logfile.
sc__spawn() {
  local name=$1 logfile=$2
  shift 2
  mkdir -p "$(dirname "$logfile")" "$SC_RUN/pids"
  printf '\n===== %s: starting %s (profile %s) =====\n' "$(date -Is)" "$name" "$SC_PROFILE" >>"$logfile"
  setsid "$@" >>"$logfile" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$(sc__pidfile "$name")"
  echo "$pid"
}

# ---------------------------------------------------------------------------------------
# Profiles and environment overrides
# ---------------------------------------------------------------------------------------

# Forget values that came from sourcing one of our own env files earlier in this shell:
# only values the user set themselves count as "use this existing server".
sc__forget_sourced_env() {
  if [[ -n "${SMARTCOURSE_ENV_FILE:-}" ]]; then
    local v
    for v in "${SC_ENV_VARS[@]}"; do unset "$v"; done
    unset SMARTCOURSE_ENV_FILE SMARTCOURSE_PROFILE
  fi
}

sc_profile_init() {
  local profile=${1:-dev}
  case "$profile" in dev|test) ;; *) sc_die "unknown profile '$profile' (use dev or test)";; esac
  sc__forget_sourced_env
  SC_PROFILE=$profile
  SC_RUN="$SC_ROOT/.run/$profile"
  if [[ "$profile" == test && "${SMARTCOURSE_KEEP_TEST_DATA:-0}" != 1 ]]; then
    if [[ -d "$SC_RUN" ]]; then
      sc_infra_stop all quiet
      sc__pg_wipe_external_datadir
      rm -rf "$SC_RUN"
    fi
  fi
  mkdir -p "$SC_RUN/pids" "$SC_RUN/logs"
}

sc__overridden() { # component → 0 when the user gave an existing server
  local var="${SC_OVERRIDE_VAR[$1]}"
  [[ -n "${!var:-}" ]]
}

# ---------------------------------------------------------------------------------------
# Prerequisites and installers
# ---------------------------------------------------------------------------------------

sc__wait_for_apt() {
  local waited=0
  while pgrep -x apt-get >/dev/null 2>&1 || pgrep -x dpkg >/dev/null 2>&1 || pgrep -x apt >/dev/null 2>&1; do
    (( waited == 0 )) && sc_log "another apt-get/dpkg is running; waiting for it to finish..."
    sleep 2
    waited=$((waited + 2))
    (( waited > 900 )) && sc_die "apt-get/dpkg still running after 15 minutes; try again later"
  done
  return 0
}

sc_apt_install() { # packages...
  local sudo=()
  if ! sc__is_root; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      sc_die "missing Debian packages: $*. Install them with: sudo apt-get update && sudo apt-get install -y $*"
    fi
  fi
  sc__wait_for_apt
  sc_log "installing Debian packages: $* (apt-get)"
  local log="$SC_CACHE/apt.log"
  mkdir -p "$SC_CACHE"
  if ! { "${sudo[@]}" apt-get update && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "$@"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    sc_die "apt-get install $* failed (full log: $log)"
  fi
}

sc__need_cmd() { # command apt-package
  command -v "$1" >/dev/null 2>&1 && return 0
  sc_apt_install "$2"
  command -v "$1" >/dev/null 2>&1 || sc_die "'$1' is still missing after installing $2"
}

sc__pg_bindir() {
  local d
  for d in "/usr/lib/postgresql/$SC_PG_MAJOR/bin" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$d/postgres" && -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  return 1
}

sc_install_postgres() {
  sc__pg_bindir >/dev/null && command -v psql >/dev/null && return 0
  sc_apt_install postgresql
  sc__pg_bindir >/dev/null || sc_die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin after installing postgresql"
}

sc_install_redis() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
  sc_apt_install redis-server
}

sc__need_java() {
  if ! command -v java >/dev/null 2>&1; then
    sc_apt_install openjdk-17-jre-headless
  fi
  local v
  v="$(java -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/')"
  { [[ "$v" =~ ^[0-9]+$ ]] && (( v >= 17 )); } || sc_die "Java 17 or later is needed (found: $(java -version 2>&1 | head -1))"
}

sc__need_maven() {
  sc__need_java
  sc__need_cmd mvn maven
}

sc_install_kafka() {
  local stamp
  stamp="$(sc__sha "$SC_INFRA/kafka/pom.xml")"
  [[ -f "$SC_KAFKA_HOME/.installed" && "$(cat "$SC_KAFKA_HOME/.installed")" == "$stamp" ]] && return 0
  sc__need_maven
  sc_log "downloading Kafka $SC_KAFKA_VERSION jars from Maven Central (about 56 MB, once)..."
  mkdir -p "$SC_KAFKA_HOME"
  rm -rf "$SC_KAFKA_HOME/libs.tmp"
  local log="$SC_KAFKA_HOME/install.log"
  if ! mvn -q -B -f "$SC_INFRA/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$SC_KAFKA_HOME/libs.tmp" -DincludeScope=runtime >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    sc_die "could not download Kafka jars with Maven (log: $log)"
  fi
  rm -rf "$SC_KAFKA_HOME/libs"
  mv "$SC_KAFKA_HOME/libs.tmp" "$SC_KAFKA_HOME/libs"
  echo "$stamp" >"$SC_KAFKA_HOME/.installed"
  sc_ok "Kafka $SC_KAFKA_VERSION installed in $SC_KAFKA_HOME ($(ls "$SC_KAFKA_HOME/libs" | wc -l) jars)"
}

sc_install_registry() {
  local runner="$SC_APICURIO_HOME/apicurio-registry-app-$SC_APICURIO_VERSION-runner.jar"
  [[ -f "$SC_APICURIO_HOME/.installed" && -f "$runner" ]] && return 0
  sc__need_maven
  sc_log "downloading Apicurio Registry $SC_APICURIO_VERSION from Maven Central (about 105 MB, once)..."
  local dl="$SC_CACHE/downloads" log="$SC_CACHE/apicurio-install.log"
  mkdir -p "$dl"
  if ! (cd "$dl" && mvn -q -B dependency:copy \
      -Dartifact="io.apicurio:apicurio-registry-app:$SC_APICURIO_VERSION:tar.gz:all" \
      -DoutputDirectory="$dl") >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    sc_die "could not download Apicurio Registry with Maven (log: $log)"
  fi
  rm -rf "$SC_APICURIO_HOME.tmp"
  mkdir -p "$SC_APICURIO_HOME.tmp"
  tar -xzf "$dl/apicurio-registry-app-$SC_APICURIO_VERSION-all.tar.gz" -C "$SC_APICURIO_HOME.tmp"
  [[ -f "$SC_APICURIO_HOME.tmp/apicurio-registry-app-$SC_APICURIO_VERSION-runner.jar" ]] \
    || sc_die "unexpected Apicurio archive layout (no runner jar) in $dl"
  rm -rf "$SC_APICURIO_HOME"
  mv "$SC_APICURIO_HOME.tmp" "$SC_APICURIO_HOME"
  rm -f "$dl/apicurio-registry-app-$SC_APICURIO_VERSION-all.tar.gz"
  date -Is >"$SC_APICURIO_HOME/.installed"
  sc_ok "Apicurio Registry $SC_APICURIO_VERSION installed in $SC_APICURIO_HOME"
}

sc_install_ferretdb() {
  local src="$SC_INFRA/ferretdb" stamp
  command -v go >/dev/null 2>&1 || [[ -f "$SC_FERRETDB_BIN" ]] \
    || sc_die "Go 1.24 or later is needed once to build FerretDB (infrastructure/ferretdb); install it from https://go.dev/dl/ (Debian's golang-go 1.19 is too old), or set MONGO_URL to an existing MongoDB"
  stamp="$(sc__sha "$src/main.go" "$src/go.mod" "$src/go.sum")"
  [[ -x "$SC_FERRETDB_BIN" && -f "$SC_FERRETDB_BIN.stamp" && "$(cat "$SC_FERRETDB_BIN.stamp")" == "$stamp" ]] && return 0
  command -v go >/dev/null 2>&1 || sc_die "Go is needed to rebuild FerretDB (infrastructure/ferretdb changed); install Go 1.24+ from https://go.dev/dl/"
  sc_log "building FerretDB 1.24.2 (Go; about 80 s the first time)..."
  mkdir -p "$(dirname "$SC_FERRETDB_BIN")"
  local log="$SC_CACHE/ferretdb/build.log"
  if ! (cd "$src" && GOFLAGS=-mod=mod go build -o "$SC_FERRETDB_BIN.tmp" .) >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    sc_die "could not build FerretDB (log: $log)"
  fi
  mv "$SC_FERRETDB_BIN.tmp" "$SC_FERRETDB_BIN"
  echo "$stamp" >"$SC_FERRETDB_BIN.stamp"
  sc_ok "FerretDB built: $SC_FERRETDB_BIN"
}

sc__maildev_bin() {
  local b="$SC_ROOT/node_modules/maildev/bin/maildev"
  [[ -f "$b" ]] && { echo "$b"; return 0; }
  return 1
}

sc_install_maildev() {
  sc__maildev_bin >/dev/null && return 0
  sc_die "MailDev is missing from node_modules (it is a dependency of infrastructure/package.json); run: npm install"
}

# Install only what will be started (overridden components are skipped). Independent
# downloads run in parallel.
sc_infra_install() {
  command -v node >/dev/null || sc_die "Node.js (>= 20) is needed; install it first"
  command -v curl >/dev/null || sc_apt_install curl
  local debs=()
  if ! sc__overridden postgres || ! sc__overridden ferretdb; then
    sc__pg_bindir >/dev/null && command -v psql >/dev/null || debs+=(postgresql)
  fi
  sc__overridden redis || { command -v redis-server >/dev/null && command -v redis-cli >/dev/null; } || debs+=(redis-server)
  if ! sc__overridden kafka || ! sc__overridden registry; then
    command -v java >/dev/null || debs+=(openjdk-17-jre-headless)
    command -v mvn >/dev/null || debs+=(maven)
  fi
  (( ${#debs[@]} )) && sc_apt_install "${debs[@]}"

  local pids=() names=() i rc=0
  if ! sc__overridden kafka || ! sc__overridden registry; then
    # the registry needs the Kafka CLI jars even with an external broker (topic creation)
    ( sc_install_kafka ) & pids+=($!); names+=(kafka)
  fi
  if ! sc__overridden registry; then ( sc_install_registry ) & pids+=($!); names+=(registry); fi
  if ! sc__overridden ferretdb; then ( sc_install_ferretdb ) & pids+=($!); names+=(ferretdb); fi
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { rc=1; sc_warn "installing ${names[$i]} failed (see above)"; }
  done
  (( rc == 0 )) || sc_die "installation failed"
  sc__overridden postgres || sc_install_postgres
  sc__overridden redis || sc_install_redis
  sc__overridden maildev || sc_install_maildev
}

# ---------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------

# Root cannot run postgres: as root, the server runs as the `postgres` user, from / (it may
# not be allowed into the clone; every path it is given is absolute).
sc__as_pg() {
  if sc__is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

sc__pg_datadir_file() { echo "$SC_RUN/postgres/datadir"; }

SC_PG_EXTERNAL_ROOT=/var/tmp/smartcourse

# Where the cluster lives. Normally .run/<profile>/postgres/data. As root the server runs as the
# `postgres` user, which cannot reach a clone under a private directory (e.g. /root, mode 700):
# then /var/tmp/smartcourse/<hash of the clone path>-<profile>/data. Chosen at the first
# start and recorded in .run/<profile>/postgres/datadir.
sc__pg_datadir() {
  local f; f="$(sc__pg_datadir_file)"
  if [[ -f "$f" ]]; then cat "$f"; return 0; fi
  local d="$SC_RUN/postgres/data"
  if sc__is_root && ! runuser -u postgres -- test -x "$SC_RUN" 2>/dev/null; then
    mkdir -p "$SC_RUN"
    if ! runuser -u postgres -- test -x "$SC_RUN" 2>/dev/null; then
      d="$SC_PG_EXTERNAL_ROOT/$(echo "$SC_ROOT" | md5sum | cut -c1-8)-$SC_PROFILE/data"
    fi
  fi
  echo "$d"
}

# Everything the server user writes or reads (the data directory, the server log, the password
# file for initdb) lives in the directory holding the data directory, owned by that user.
sc__pg_home() { dirname "$(sc__pg_datadir)"; }

sc__pg_wipe_external_datadir() {
  local f="$SC_RUN/postgres/datadir" d
  [[ -f "$f" ]] || return 0
  d="$(cat "$f")"
  case "$d" in "$SC_PG_EXTERNAL_ROOT"/*) rm -rf "$(dirname "$d")";; esac
}

# A profile without a recorded data directory may find an external one left by an earlier
# clone at the same path (or before .run was deleted). Nothing refers to it any more, so it is
# removed, as the rest of that profile's data was; unless its server still runs.
sc__pg_claim_external_home() {
  local home=$1 pid
  [[ "$home" == "$SC_PG_EXTERNAL_ROOT"/* && -d "$home" ]] || return 0
  pid="$(head -n1 "$home/data/postmaster.pid" 2>/dev/null | tr -dc '0-9')" || true
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    sc_die "a PostgreSQL started by an earlier clone at this path still runs on $home/data (pid $pid); stop it with: runuser -u postgres -- $(sc__pg_bindir)/pg_ctl -D $home/data stop"
  fi
  sc_log "removing PostgreSQL data left by an earlier clone at this path ($home)"
  rm -rf "$home"
}

sc__pg_sockdir() {
  local data; data="$(sc__pg_datadir)"
  # unix socket paths are limited to 107 bytes
  if (( ${#data} + 20 > 100 )); then
    echo "/tmp/smartcourse-pg-$(echo "$data" | md5sum | cut -c1-8)"
  else
    echo "$data"
  fi
}

sc__pg_pid() {
  local data; data="$(sc__pg_datadir)"
  [[ -f "$data/postmaster.pid" ]] || return 1
  local pid; pid="$(head -n1 "$data/postmaster.pid" | tr -dc '0-9')"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && { echo "$pid"; return 0; }
  return 1
}

# shellcheck disable=SC2120  # optional extra psql arguments
sc__psql_admin() { # psql args... (local superuser over the unix socket)
  PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h "$(sc__pg_sockdir)" -p "$SC_PG_PORT" -U postgres -d postgres "$@"
}

# SQL that creates the role and databases when missing (idempotent), for psql.
sc__pg_bootstrap_sql() {
  cat <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', '$SC_PG_ROLE', '$SC_PG_PASSWORD')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$SC_PG_ROLE') \gexec
SQL
  local db
  while read -r db; do
    cat <<SQL
SELECT format('CREATE DATABASE %I OWNER %I', '$db', '$SC_PG_ROLE')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db') \gexec
SQL
  done < <(sc_pg_databases)
}

sc_pg_databases() {
  grep -v '^[[:space:]]*#' "$SC_INFRA/postgres/databases.txt" | tr -d ' \t\r' | grep -v '^$'
}

sc_start_postgres() {
  local bindir data home sockdir log
  bindir="$(sc__pg_bindir)" || sc_die "PostgreSQL is not installed (run sc_infra_install)"
  data="$(sc__pg_datadir)"
  home="$(sc__pg_home)"
  sockdir="$(sc__pg_sockdir)"
  log="$home/postgres.log"

  if sc__pg_pid >/dev/null; then
    if sc_port_open "$SC_PG_PORT"; then
      sc_log "PostgreSQL already running (pid $(sc__pg_pid), port $SC_PG_PORT)"
      sc__pg_bootstrap
      return 0
    fi
  fi
  sc_port_open "$SC_PG_PORT" && sc__port_conflict postgres "$SC_PG_PORT"

  [[ -f "$(sc__pg_datadir_file)" ]] || sc__pg_claim_external_home "$home"
  # umask 022: the server user must be able to traverse every directory above its own
  (umask 022 && mkdir -p "$SC_RUN/postgres" "$home")
  echo "$data" >"$(sc__pg_datadir_file)"
  # the log is read where the other servers' logs are, wherever the server writes it
  [[ "$home" == "$SC_RUN/postgres" ]] || ln -sfn "$log" "$SC_RUN/postgres/postgres.log"
  if sc__is_root; then
    chown postgres: "$home"
    [[ "$sockdir" == /tmp/* ]] && { mkdir -p "$sockdir"; chown postgres: "$sockdir"; }
    touch "$log"; chown postgres: "$log"
  else
    [[ "$sockdir" == /tmp/* ]] && mkdir -p "$sockdir"
  fi

  if [[ ! -f "$data/PG_VERSION" ]]; then
    sc_log "initialising PostgreSQL data directory $data"
    local pw="$home/.pw"
    echo "$SC_PG_SUPERPASSWORD" >"$pw"
    sc__is_root && chown postgres: "$pw"
    if ! sc__as_pg "$bindir/initdb" -D "$data" -U postgres --pwfile="$pw" -E UTF8 --no-locale \
        --auth-local=trust --auth-host=scram-sha-256 >"$SC_RUN/postgres/initdb.log" 2>&1; then
      rm -f "$pw"
      tail -n 20 "$SC_RUN/postgres/initdb.log" >&2
      sc_die "initdb failed (log: $SC_RUN/postgres/initdb.log)"
    fi
    rm -f "$pw"
    echo "include_if_exists = 'smartcourse.conf'" >>"$data/postgresql.conf"
  fi
  # settings are refreshed from infrastructure/postgres on every start
  {
    cat "$SC_INFRA/postgres/postgresql.conf"
    [[ "$SC_PROFILE" == test ]] && cat "$SC_INFRA/postgres/postgresql-test.conf"
  } >"$data/smartcourse.conf"
  sc__is_root && chown postgres: "$data/smartcourse.conf"

  sc_log "starting PostgreSQL on $SC_HOST:$SC_PG_PORT"
  printf '\n===== %s: starting PostgreSQL (profile %s) =====\n' "$(date -Is)" "$SC_PROFILE" >>"$log"
  # pg_ctl forks the postmaster into the background; setsid keeps Ctrl-C away from it
  if ! sc__as_pg setsid "$bindir/pg_ctl" -D "$data" -l "$log" -w -t "$SC_START_TIMEOUT" -s \
      -o "-c listen_addresses=$SC_HOST -p $SC_PG_PORT -k $sockdir" start </dev/null; then
    tail -n 30 "$log" >&2
    sc_die "PostgreSQL did not start (log: $log)"
  fi
  SC_STARTED+=(postgres)
  sc__pg_bootstrap
  sc_ok "PostgreSQL ready (pid $(sc__pg_pid))"
}

sc__pg_bootstrap() {
  local out
  if ! out="$(sc__pg_bootstrap_sql | sc__psql_admin 2>&1)"; then
    echo "$out" >&2
    sc_die "could not create the $SC_PG_ROLE role/databases on the local PostgreSQL"
  fi
}

sc_stop_postgres() {
  local bindir data
  sc__pg_pid >/dev/null || return 0
  bindir="$(sc__pg_bindir)"
  data="$(sc__pg_datadir)"
  sc_log "stopping PostgreSQL"
  sc__as_pg "$bindir/pg_ctl" -D "$data" -m fast -w -t "$SC_STOP_TIMEOUT" -s stop >/dev/null 2>&1 \
    || sc__as_pg "$bindir/pg_ctl" -D "$data" -m immediate -w -t 10 -s stop >/dev/null 2>&1 || true
}

# External server (POSTGRES_URL): create our role and databases when the URL allows it.
sc__pg_external_bootstrap() {
  sc_log "using the existing PostgreSQL from POSTGRES_URL"
  command -v psql >/dev/null || { sc_warn "psql not installed; cannot create the $SC_PG_ROLE role/databases on POSTGRES_URL — make sure they exist"; return 0; }
  local out
  if ! out="$(sc__pg_bootstrap_sql | PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 "$POSTGRES_URL" 2>&1)"; then
    sc_warn "could not create role $SC_PG_ROLE / the databases on POSTGRES_URL: ${out//$'\n'/ }"
    sc_warn "the service database URLs assume role $SC_PG_ROLE/$SC_PG_PASSWORD and databases from infrastructure/postgres/databases.txt"
  fi
}

# prints "host port" of a postgres URL
sc__pg_url_hostport() {
  node -e 'const u=new URL(process.argv[1]); console.log((u.hostname||"127.0.0.1").replace(/^\[|\]$/g,"")+" "+(u.port||"5432"))' "$1"
}

# ---------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------

sc_start_redis() {
  local dir="$SC_RUN/redis" pidfile="$SC_RUN/pids/redis.pid" pid
  if pid="$(sc__alive_pid "$pidfile" redis-server)" && sc_port_open "$SC_REDIS_PORT"; then
    sc_log "Redis already running (pid $pid, port $SC_REDIS_PORT)"
    return 0
  fi
  sc_port_open "$SC_REDIS_PORT" && sc__port_conflict redis "$SC_REDIS_PORT"
  mkdir -p "$dir" "$SC_RUN/pids"
  rm -f "$pidfile"
  local extra=()
  [[ "$SC_PROFILE" == test ]] && extra=(--save '' --appendonly no)
  sc_log "starting Redis on $SC_HOST:$SC_REDIS_PORT"
  printf '\n===== %s: starting Redis (profile %s) =====\n' "$(date -Is)" "$SC_PROFILE" >>"$dir/redis.log"
  setsid redis-server "$SC_INFRA/redis/redis.conf" --bind "$SC_HOST" --port "$SC_REDIS_PORT" \
    --daemonize yes --dir "$dir" --pidfile "$pidfile" --logfile "$dir/redis.log" "${extra[@]}" </dev/null \
    || { tail -n 20 "$dir/redis.log" >&2; sc_die "redis-server did not start (log: $dir/redis.log)"; }
  SC_STARTED+=(redis)
  sc__wait_until "$SC_START_TIMEOUT" Redis "" "$dir/redis.log" \
    bash -c "[[ \"\$(redis-cli -h $SC_HOST -p $SC_REDIS_PORT ping 2>/dev/null)\" == PONG ]]" \
    || sc_die "Redis did not become ready (log: $dir/redis.log)"
  sc_ok "Redis ready (pid $(cat "$pidfile"))"
}

sc_stop_redis() {
  local pid
  pid="$(sc__alive_pid "$SC_RUN/pids/redis.pid" redis-server)" || return 0
  sc_log "stopping Redis"
  sc__stop_pid Redis "$pid"
}

# ---------------------------------------------------------------------------------------
# Kafka
# ---------------------------------------------------------------------------------------

# sc_kafka_tool <main-class> [args...]: run a Kafka command-line tool with the cached jars,
# e.g. sc_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
# JVM class-data-sharing archive for faster starts. The dev profile records one at the
# JVM's first exit (-XX:ArchiveClassesAtExit); later starts (any profile) map it. A stale or
# broken archive is ignored by the JVM.
sc__cds_opts() { # archive-path
  local jsa=$1
  [[ "${SMARTCOURSE_JVM_CDS:-1}" == 1 ]] || return 0
  if [[ -f "$jsa.new" ]]; then mv -f "$jsa.new" "$jsa"; fi
  if [[ -f "$jsa" ]]; then
    echo "-XX:SharedArchiveFile=$jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
  elif [[ "$SC_PROFILE" == dev ]]; then
    echo "-XX:ArchiveClassesAtExit=$jsa.new -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}

sc_kafka_tool() {
  local cls=$1; shift
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j.configuration="file:$SC_INFRA/kafka/tools-log4j.properties" \
    -cp "$SC_KAFKA_HOME/libs/*" "$cls" "$@"
}

sc__kafka_bootstrap() { echo "${KAFKA_BROKERS:-$SC_HOST:$SC_KAFKA_PORT}"; }

# Two phases so other servers can start while the JVM boots: sc__kafka_spawn, sc__kafka_wait.
SC__KAFKA_PID=""
SC__KAFKA_OFFSET=0
sc__kafka_spawn() {
  local dir="$SC_RUN/kafka" pidfile="$SC_RUN/pids/kafka.pid" pid
  local props="$dir/server.properties" log="$dir/kafka.log"
  SC__KAFKA_PID=""
  if pid="$(sc__alive_pid "$pidfile" kafka.Kafka)"; then
    if sc_port_open "$SC_KAFKA_PORT"; then
      sc_log "Kafka already running (pid $pid, port $SC_KAFKA_PORT)"
    else
      sc_log "Kafka is starting (pid $pid); waiting for it"
      SC__KAFKA_PID=$pid
      SC__KAFKA_OFFSET=0
    fi
    return 0
  fi
  sc_port_open "$SC_KAFKA_PORT" && sc__port_conflict kafka "$SC_KAFKA_PORT"
  sc_port_open "$SC_KAFKA_CONTROLLER_PORT" && sc__port_conflict kafka "$SC_KAFKA_CONTROLLER_PORT"
  mkdir -p "$dir/data" "$dir/logs"
  sed -e "s|@LOG_DIR@|$dir/data|g" -e "s|@KAFKA_PORT@|$SC_KAFKA_PORT|g" \
      -e "s|@CONTROLLER_PORT@|$SC_KAFKA_CONTROLLER_PORT|g" \
      "$SC_INFRA/kafka/server.properties" >"$props"
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    sc_log "formatting Kafka storage in $dir/data (KRaft)"
    local id
    # a Kafka Uuid: 16 random bytes, base64url without padding, not starting with '-'
    [[ -f "$dir/cluster-id" ]] || node -e 'let s; do { s = require("crypto").randomBytes(16).toString("base64url"); } while (s.startsWith("-")); console.log(s);' >"$dir/cluster-id"
    id="$(tr -d '[:space:]' <"$dir/cluster-id")"
    sc_kafka_tool kafka.tools.StorageTool format -t "$id" -c "$props" --ignore-formatted >"$dir/format.log" 2>&1 \
      || { cat "$dir/format.log" >&2; sc_die "could not format Kafka storage (log: $dir/format.log)"; }
  fi
  sc_log "starting Kafka $SC_KAFKA_VERSION on $SC_HOST:$SC_KAFKA_PORT (controller $SC_KAFKA_CONTROLLER_PORT)"
  SC__KAFKA_OFFSET=0
  [[ -f "$log" ]] && SC__KAFKA_OFFSET=$(stat -c %s "$log")
  # shellcheck disable=SC2086,SC2046  # JVM options are word lists on purpose
  SC__KAFKA_PID="$(sc__spawn kafka "$log" java $SC_KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    $(sc__cds_opts "$SC_KAFKA_HOME/app-cds.jsa") \
    -XX:InitiatingHeapOccupancyPercent=35 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$SC_INFRA/kafka/log4j.properties" -Dkafka.logs.dir="$dir/logs" \
    -cp "$SC_KAFKA_HOME/libs/*" kafka.Kafka "$props")"
  SC_STARTED+=(kafka)
}

sc__kafka_wait() {
  [[ -n "$SC__KAFKA_PID" ]] || return 0
  local log="$SC_RUN/kafka/kafka.log"
  sc__wait_until "$SC_START_TIMEOUT" Kafka "$SC__KAFKA_PID" "$log" \
    bash -c "tail -c +$((SC__KAFKA_OFFSET + 1)) '$log' | grep -q 'Kafka Server started' && (exec 3<>/dev/tcp/$SC_HOST/$SC_KAFKA_PORT)" \
    || sc_die "Kafka did not become ready (log: $log)"
  sc_ok "Kafka ready (pid $SC__KAFKA_PID)"
  SC__KAFKA_PID=""
}

sc_start_kafka() { sc__kafka_spawn; sc__kafka_wait; }

sc_stop_kafka() {
  local pid
  pid="$(sc__alive_pid "$SC_RUN/pids/kafka.pid" kafka.Kafka)" || return 0
  sc_log "stopping Kafka (controlled shutdown)"
  sc__stop_pid Kafka "$pid" 60
}

# ---------------------------------------------------------------------------------------
# Apicurio Registry (kafkasql storage)
# ---------------------------------------------------------------------------------------

SC_REGISTRY_TOPICS=(kafkasql-journal kafkasql-snapshots registry-events)

# The broker does not auto-create topics, so the registry's topics are created here
# (1 partition; journal and snapshots kept forever). Apicurio skips topics that exist.
sc__registry_topics() {
  local bootstrap marker existing t pids=() rc=0
  bootstrap="$(sc__kafka_bootstrap)"
  marker="$SC_RUN/kafka/data/.smartcourse-registry-topics"
  if ! sc__overridden kafka && [[ -f "$marker" ]]; then return 0; fi
  existing="$(sc_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --list 2>/dev/null)" \
    || sc_die "could not list topics on $bootstrap"
  for t in "${SC_REGISTRY_TOPICS[@]}"; do
    grep -qx -- "$t" <<<"$existing" && continue
    local cfg=()
    [[ "$t" != registry-events ]] && cfg=(--config retention.ms=-1 --config retention.bytes=-1 --config cleanup.policy=delete)
    sc_log "creating topic $t for the schema registry"
    sc_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create --if-not-exists \
      --topic "$t" --partitions 1 --replication-factor 1 "${cfg[@]}" >/dev/null &
    pids+=($!)
  done
  for t in "${pids[@]}"; do wait "$t" || rc=1; done
  (( rc == 0 )) || sc_die "could not create the schema registry's topics on $bootstrap"
  sc__overridden kafka || touch "$marker"
}

SC__REGISTRY_PID=""
sc__registry_spawn() {
  local dir="$SC_RUN/registry" pidfile="$SC_RUN/pids/registry.pid" pid log="$SC_RUN/registry/registry.log"
  local url="http://$SC_HOST:$SC_REGISTRY_PORT"
  SC__REGISTRY_PID=""
  if pid="$(sc__alive_pid "$pidfile" apicurio-registry)"; then
    if sc_port_open "$SC_REGISTRY_PORT"; then
      sc_log "schema registry already running (pid $pid, port $SC_REGISTRY_PORT)"
    else
      sc_log "schema registry is starting (pid $pid); waiting for it"
      SC__REGISTRY_PID=$pid
    fi
    return 0
  fi
  sc_port_open "$SC_REGISTRY_PORT" && sc__port_conflict registry "$SC_REGISTRY_PORT"
  sc__registry_topics
  mkdir -p "$dir/snapshots"
  sc_log "starting Apicurio Registry $SC_APICURIO_VERSION on $url (kafkasql on $(sc__kafka_bootstrap))"
  # shellcheck disable=SC2086,SC2046  # JVM options are word lists on purpose
  pid="$(cd "$dir" && sc__spawn registry "$log" env \
    APICURIO_STORAGE_KIND=kafkasql \
    APICURIO_KAFKASQL_BOOTSTRAP_SERVERS="$(sc__kafka_bootstrap)" \
    APICURIO_KAFKASQL_TOPIC=kafkasql-journal \
    APICURIO_KAFKASQL_SNAPSHOTS_TOPIC=kafkasql-snapshots \
    APICURIO_EVENTS_KAFKA_TOPIC=registry-events \
    APICURIO_KAFKASQL_CONSUMER_POLL_TIMEOUT=100 \
    APICURIO_STORAGE_SNAPSHOT_LOCATION="$dir/snapshots" \
    APICURIO_CCOMPAT_USE_CANONICAL_HASH=true \
    APICURIO_REST_DELETION_ARTIFACT_ENABLED=true \
    APICURIO_REST_DELETION_ARTIFACT_VERSION_ENABLED=true \
    APICURIO_REST_DELETION_GROUP_ENABLED=true \
    QUARKUS_HTTP_HOST="$SC_HOST" QUARKUS_HTTP_PORT="$SC_REGISTRY_PORT" \
    QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
    QUARKUS_LOG_LEVEL="$([[ $SC_PROFILE == test ]] && echo WARN || echo INFO)" QUARKUS_LOG_CONSOLE_COLOR=false \
    java $SC_REGISTRY_HEAP -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
      $(sc__cds_opts "$SC_APICURIO_HOME/app-cds.jsa") \
      -jar "$SC_APICURIO_HOME/apicurio-registry-app-$SC_APICURIO_VERSION-runner.jar")"
  SC_STARTED+=(registry)
  SC__REGISTRY_PID=$pid
}

sc__registry_wait() {
  [[ -n "$SC__REGISTRY_PID" ]] || return 0
  local log="$SC_RUN/registry/registry.log" url="http://$SC_HOST:$SC_REGISTRY_PORT"
  sc__wait_until "$SC_START_TIMEOUT" "schema registry" "$SC__REGISTRY_PID" "$log" \
    sc__http_ok "$url/apis/ccompat/v7/subjects" \
    || sc_die "the schema registry did not become ready (log: $log)"
  sc_ok "schema registry ready (pid $SC__REGISTRY_PID)"
  SC__REGISTRY_PID=""
}

sc_start_registry() { sc__registry_spawn; sc__registry_wait; }

sc_stop_registry() {
  local pid
  pid="$(sc__alive_pid "$SC_RUN/pids/registry.pid" apicurio-registry)" || return 0
  sc_log "stopping the schema registry"
  sc__stop_pid "schema registry" "$pid"
}

# ---------------------------------------------------------------------------------------
# FerretDB
# ---------------------------------------------------------------------------------------

sc__ferretdb_pg_url() {
  if [[ -n "${POSTGRES_URL:-}" ]]; then
    local hp; read -r -a hp <<<"$(sc__pg_url_hostport "$POSTGRES_URL")"
    echo "postgres://$SC_PG_ROLE:$SC_PG_PASSWORD@${hp[0]}:${hp[1]}/smartcourse_ferretdb"
  else
    echo "postgres://$SC_PG_ROLE:$SC_PG_PASSWORD@$SC_HOST:$SC_PG_PORT/smartcourse_ferretdb"
  fi
}

sc_start_ferretdb() {
  local dir="$SC_RUN/ferretdb" pidfile="$SC_RUN/pids/ferretdb.pid" pid log="$SC_RUN/ferretdb/ferretdb.log"
  if pid="$(sc__alive_pid "$pidfile" smartcourse-ferretdb)" && sc_port_open "$SC_FERRETDB_PORT"; then
    sc_log "FerretDB already running (pid $pid, port $SC_FERRETDB_PORT)"
    return 0
  fi
  sc_port_open "$SC_FERRETDB_PORT" && sc__port_conflict ferretdb "$SC_FERRETDB_PORT"
  mkdir -p "$dir"
  sc_log "starting FerretDB on $SC_HOST:$SC_FERRETDB_PORT (PostgreSQL database smartcourse_ferretdb)"
  pid="$(sc__spawn ferretdb "$log" env \
    FERRETDB_LISTEN_ADDR="$SC_HOST:$SC_FERRETDB_PORT" \
    FERRETDB_POSTGRESQL_URL="$(sc__ferretdb_pg_url)" \
    FERRETDB_LOG_LEVEL="${FERRETDB_LOG_LEVEL:-$([[ $SC_PROFILE == test ]] && echo error || echo warn)}" \
    "$SC_FERRETDB_BIN")"
  SC_STARTED+=(ferretdb)
  sc__wait_until "$SC_START_TIMEOUT" FerretDB "$pid" "$log" sc_port_open "$SC_FERRETDB_PORT" \
    || sc_die "FerretDB did not become ready (log: $log)"
  sc_ok "FerretDB ready (pid $pid)"
}

sc_stop_ferretdb() {
  local pid
  pid="$(sc__alive_pid "$SC_RUN/pids/ferretdb.pid" smartcourse-ferretdb)" || return 0
  sc_log "stopping FerretDB"
  sc__stop_pid FerretDB "$pid"
}

# ---------------------------------------------------------------------------------------
# MailDev
# ---------------------------------------------------------------------------------------

sc_start_maildev() {
  local dir="$SC_RUN/maildev" pidfile="$SC_RUN/pids/maildev.pid" pid log="$SC_RUN/maildev/maildev.log"
  if pid="$(sc__alive_pid "$pidfile" maildev)" && sc_port_open "$SC_SMTP_PORT"; then
    sc_log "MailDev already running (pid $pid, SMTP $SC_SMTP_PORT, web $SC_MAIL_WEB_PORT)"
    return 0
  fi
  sc_port_open "$SC_SMTP_PORT" && sc__port_conflict maildev "$SC_SMTP_PORT"
  sc_port_open "$SC_MAIL_WEB_PORT" && sc__port_conflict maildev "$SC_MAIL_WEB_PORT"
  local bin; bin="$(sc__maildev_bin)" || sc_install_maildev
  mkdir -p "$dir/mail"
  sc_log "starting MailDev (SMTP $SC_HOST:$SC_SMTP_PORT, web http://$SC_HOST:$SC_MAIL_WEB_PORT)"
  pid="$(sc__spawn maildev "$log" node "$bin" --smtp "$SC_SMTP_PORT" --web "$SC_MAIL_WEB_PORT" \
    --ip "$SC_HOST" --web-ip "$SC_HOST" --mail-directory "$dir/mail")"
  SC_STARTED+=(maildev)
  sc__wait_until "$SC_START_TIMEOUT" MailDev "$pid" "$log" \
    bash -c "curl -fsS -o /dev/null --max-time 2 http://$SC_HOST:$SC_MAIL_WEB_PORT/email && (exec 3<>/dev/tcp/$SC_HOST/$SC_SMTP_PORT)" \
    || sc_die "MailDev did not become ready (log: $log)"
  sc_ok "MailDev ready (pid $pid)"
}

sc_stop_maildev() {
  local pid
  pid="$(sc__alive_pid "$SC_RUN/pids/maildev.pid" maildev)" || return 0
  sc_log "stopping MailDev"
  sc__stop_pid MailDev "$pid" 10
}

# ---------------------------------------------------------------------------------------
# Start / stop / status of the whole set
# ---------------------------------------------------------------------------------------

sc_infra_start() {
  [[ -n "$SC_PROFILE" ]] || sc_profile_init dev
  local t0; t0=$(sc__now)
  # one starter at a time per profile
  exec 8>"$SC_RUN/.lock"
  flock -w 600 8 || sc_die "another scripts/up or scripts/test is starting the $SC_PROFILE infrastructure"

  local c var
  for c in "${SC_COMPONENTS[@]}"; do
    var="${SC_OVERRIDE_VAR[$c]}"
    if sc__overridden "$c"; then
      case "$c" in
        postgres) sc__pg_external_bootstrap ;;
        *) sc_log "using the existing ${SC_LABEL[$c]} from $var=${!var}" ;;
      esac
    fi
  done
  # The JVMs boot while the quick servers start: Kafka, then Postgres and Redis; the registry
  # (needs Kafka), then FerretDB (needs Postgres) and MailDev.
  sc__overridden kafka || sc__kafka_spawn
  sc__overridden postgres || sc_start_postgres
  sc__overridden redis || sc_start_redis
  sc__kafka_wait
  sc__overridden registry || sc__registry_spawn
  sc__overridden ferretdb || sc_start_ferretdb
  sc__overridden maildev || sc_start_maildev
  sc__registry_wait
  sc_write_env
  flock -u 8; exec 8>&-
  sc_ok "infrastructure ($SC_PROFILE) ready in $(( $(sc__now) - t0 ))s; environment: $SC_RUN/env"
}

sc_write_env() {
  local pg_host=$SC_HOST pg_port=$SC_PG_PORT admin
  if [[ -n "${POSTGRES_URL:-}" ]]; then
    local hp; read -r -a hp <<<"$(sc__pg_url_hostport "$POSTGRES_URL")"
    pg_host=${hp[0]}; pg_port=${hp[1]}
    admin=$POSTGRES_URL
  else
    admin="postgres://postgres:$SC_PG_SUPERPASSWORD@$SC_HOST:$SC_PG_PORT/postgres"
  fi
  local base="postgres://$SC_PG_ROLE:$SC_PG_PASSWORD@$pg_host:$pg_port"
  local tmp="$SC_RUN/env.tmp"
  {
    echo "# SmartCourse local infrastructure ($SC_PROFILE profile) — written by scripts/lib/infra.sh"
    echo "# Use: set -a; source $SC_RUN/env; set +a   (or just: source $SC_RUN/env)"
    echo "export SMARTCOURSE_PROFILE=$SC_PROFILE"
    echo "export SMARTCOURSE_ENV_FILE=$SC_RUN/env"
    printf 'export KAFKA_BROKERS=%q\n' "${KAFKA_BROKERS:-$SC_HOST:$SC_KAFKA_PORT}"
    printf 'export SCHEMA_REGISTRY_URL=%q\n' "${SCHEMA_REGISTRY_URL:-http://$SC_HOST:$SC_REGISTRY_PORT/apis/ccompat/v7}"
    printf 'export POSTGRES_URL=%q\n' "$admin"
    printf 'export REDIS_URL=%q\n' "${REDIS_URL:-redis://$SC_HOST:$SC_REDIS_PORT}"
    printf 'export MONGO_URL=%q\n' "${MONGO_URL:-mongodb://$SC_HOST:$SC_FERRETDB_PORT}"
    printf 'export SMTP_URL=%q\n' "${SMTP_URL:-smtp://$SC_HOST:$SC_SMTP_PORT}"
    printf 'export MAIL_API_URL=%q\n' "${MAIL_API_URL:-http://$SC_HOST:$SC_MAIL_WEB_PORT}"
    printf 'export USER_DATABASE_URL=%q\n' "${USER_DATABASE_URL:-$base/smartcourse_user}"
    printf 'export COURSE_DATABASE_URL=%q\n' "${COURSE_DATABASE_URL:-$base/smartcourse_course}"
    printf 'export ENROLLMENT_DATABASE_URL=%q\n' "${ENROLLMENT_DATABASE_URL:-$base/smartcourse_enrollment}"
    printf 'export CERTIFICATE_DATABASE_URL=%q\n' "${CERTIFICATE_DATABASE_URL:-$base/smartcourse_certificate}"
    printf 'export CERTIFICATE_FILES_DIR=%q\n' "${CERTIFICATE_FILES_DIR:-$SC_RUN/certificates}"
    printf 'export CERTIFICATE_KEY_DIR=%q\n' "${CERTIFICATE_KEY_DIR:-$SC_RUN/certificate-keys}"
    printf 'export FERRETDB_DATABASE_URL=%q\n' "${FERRETDB_DATABASE_URL:-$base/smartcourse_ferretdb}"
    printf 'export NOTIFICATION_SCHEDULER_DATABASE_URL=%q\n' "${NOTIFICATION_SCHEDULER_DATABASE_URL:-$base/smartcourse_notification}"
  } >"$tmp"
  mv "$tmp" "$SC_RUN/env"
}

# sc_infra_stop [all|started] [quiet]
sc_infra_stop() {
  local which=${1:-all} quiet=${2:-}
  [[ -n "$SC_RUN" && -d "$SC_RUN" ]] || return 0
  local i c
  for (( i=${#SC_COMPONENTS[@]}-1; i>=0; i-- )); do
    c="${SC_COMPONENTS[$i]}"
    if [[ "$which" == started ]]; then
      [[ " ${SC_STARTED[*]:-} " == *" $c "* ]] || continue
    fi
    "sc_stop_$c"
  done
  [[ -n "$quiet" ]] || sc_ok "infrastructure ($SC_PROFILE) stopped"
}

sc__rss_mb() { # pid → resident MB of the process and its children
  local pid=$1 total=0 p
  for p in $pid $(pgrep -P "$pid" 2>/dev/null); do
    total=$(( total + $(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0) ))
  done
  echo $(( total / 1024 ))
}

sc_infra_status() {
  local c pid state port var
  printf '%-10s %-8s %-8s %-7s %s\n' COMPONENT STATE PID RSS_MB ADDRESS
  for c in "${SC_COMPONENTS[@]}"; do
    pid=""; var="${SC_OVERRIDE_VAR[$c]}"
    case "$c" in
      postgres) port=$SC_PG_PORT; pid="$(sc__pg_pid 2>/dev/null)" || pid="" ;;
      redis)    port=$SC_REDIS_PORT; pid="$(sc__alive_pid "$SC_RUN/pids/redis.pid" redis-server)" || pid="" ;;
      kafka)    port=$SC_KAFKA_PORT; pid="$(sc__alive_pid "$SC_RUN/pids/kafka.pid" kafka.Kafka)" || pid="" ;;
      registry) port=$SC_REGISTRY_PORT; pid="$(sc__alive_pid "$SC_RUN/pids/registry.pid" apicurio-registry)" || pid="" ;;
      ferretdb) port=$SC_FERRETDB_PORT; pid="$(sc__alive_pid "$SC_RUN/pids/ferretdb.pid" smartcourse-ferretdb)" || pid="" ;;
      maildev)  port=$SC_SMTP_PORT; pid="$(sc__alive_pid "$SC_RUN/pids/maildev.pid" maildev)" || pid="" ;;
    esac
    if [[ -n "$pid" ]]; then
      state=running
      sc_port_open "$port" || state=starting
      printf '%-10s %-8s %-8s %-7s %s\n' "$c" "$state" "$pid" "$(sc__rss_mb "$pid")" "$SC_HOST:$port"
    elif sc_port_open "$port"; then
      printf '%-10s %-8s %-8s %-7s %s\n' "$c" foreign - - "$SC_HOST:$port (another process)"
    else
      printf '%-10s %-8s %-8s %-7s %s\n' "$c" stopped - - "$SC_HOST:$port"
    fi
  done
}

# ---------------------------------------------------------------------------------------
# npm dependencies
# ---------------------------------------------------------------------------------------

# npm ci when node_modules is missing; npm install when a package.json or the lock file is
# newer than the last install.
sc_ensure_node_modules() {
  command -v npm >/dev/null || sc_die "npm is needed (Node.js >= 22)"
  local marker="$SC_ROOT/node_modules/.package-lock.json" reason=""
  if [[ ! -d "$SC_ROOT/node_modules" || ! -f "$marker" ]]; then
    reason=missing
  else
    local f files=("$SC_ROOT/package.json" "$SC_ROOT/package-lock.json")
    while IFS= read -r f; do files+=("$f"); done < <(
      find "$SC_ROOT/contracts" "$SC_ROOT/gateway" "$SC_ROOT/services" "$SC_ROOT/infrastructure" \
        -name node_modules -prune -o -name package.json -print 2>/dev/null)
    for f in "${files[@]}"; do
      [[ -f "$f" && "$f" -nt "$marker" ]] && { reason="stale (${f#"$SC_ROOT"/} changed)"; break; }
    done
  fi
  [[ -z "$reason" ]] && return 0
  # `npm install`, not `npm ci`: npm 11 writes lock files without the other platforms'
  # optional bindings (e.g. @unrs/resolver-binding-*) and then refuses them in `npm ci`.
  # With the lock file present, `npm install` still installs the locked versions.
  sc_log "node_modules $reason: running npm install"
  (cd "$SC_ROOT" && npm install --no-audit --no-fund) || sc_die "npm install failed"
  # npm leaves the marker alone when nothing needed installing; record that we are current
  [[ -f "$marker" ]] && touch "$marker"
  return 0
}
