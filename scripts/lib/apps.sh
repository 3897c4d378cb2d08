# shellcheck shell=bash
# scripts/lib/apps.sh — the SmartCourse Node processes started by scripts/up.
# Needs scripts/lib/infra.sh (sourced first).
#
# The processes come from the declared topology (contracts/src/topology.ts), read once by
# scripts/topology.ts as "name|entry|port" lines in start order (services, then the gateway;
# stopped in reverse). Each must answer GET http://127.0.0.1:<port>/ready with 200 once it can
# take work. Read lazily: scripts/up installs node_modules (and so tsx) after sourcing this file.
SC_APPS=()

sc_apps_load() {
  (( ${#SC_APPS[@]} )) && return 0
  [[ -d "$SC_ROOT/node_modules/tsx" ]] || sc_die "node_modules is missing (the process list is read with tsx); run: npm install"
  local out
  out="$(cd "$SC_ROOT" && node --import tsx scripts/topology.ts)" || sc_die "could not read the process list from contracts/src/topology.ts"
  [[ -n "$out" ]] || sc_die "contracts/src/topology.ts declares no process"
  mapfile -t SC_APPS <<<"$out"
}

SC_APP_TIMEOUT="${SMARTCOURSE_APP_TIMEOUT:-90}"   # seconds until /ready must answer 200
SC_APPS_STARTED=()

sc__app_field() { # "name|entry|port" index → field
  local IFS='|'; local -a f
  read -r -a f <<<"$1"
  echo "${f[$2]}"
}

# sc_app_start <name> <entry> <port>: start one process with the profile's env file.
sc_app_start() {
  local name=$1 entry=$2 port=$3
  local log="$SC_RUN/logs/$name.log" pidfile="$SC_RUN/pids/app-$name.pid" pid
  if pid="$(sc__alive_pid "$pidfile" "$entry")"; then
    sc_log "$name already running (pid $pid)"
    return 0
  fi
  sc_port_open "$port" && sc_die "port $port ($name) is in use by another process$(sc__port_owner "$port"); stop it first"
  mkdir -p "$SC_RUN/logs" "$SC_RUN/pids"
  printf '\n===== %s: starting %s (%s) =====\n' "$(date -Is)" "$name" "$entry" >>"$log"
  sc_log "starting $name ($entry, port $port, log ${log#"$SC_ROOT"/})"
  (
    cd "$SC_ROOT" || exit 1
    set -a
    # shellcheck disable=SC1091
    source "$SC_RUN/env"
    set +a
    export NODE_ENV="${NODE_ENV:-development}" SERVICE_NAME="$name"
    exec setsid node --enable-source-maps --import tsx "$entry"
  ) >>"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pidfile"
  SC_APPS_STARTED+=("$name")
  if ! sc__wait_until "$SC_APP_TIMEOUT" "$name" "$pid" "$log" sc__ready_ok "http://$SC_HOST:$port/ready"; then
    return 1
  fi
  sc_ok "$name ready on http://$SC_HOST:$port (pid $pid)"
}

# Start every listed process whose entry file exists.
sc_apps_start() {
  local spec name entry port
  sc_apps_load
  for spec in "${SC_APPS[@]}"; do
    name="$(sc__app_field "$spec" 0)"; entry="$(sc__app_field "$spec" 1)"; port="$(sc__app_field "$spec" 2)"
    if [[ ! -f "$SC_ROOT/$entry" ]]; then
      sc_warn "skipping $name: $entry does not exist yet"
      continue
    fi
    sc_app_start "$name" "$entry" "$port" || return 1
  done
}

# sc_apps_stop: stop all listed processes of the profile (reverse order), by pidfile.
sc_apps_stop() {
  local i spec name entry pid
  sc_apps_load
  for (( i=${#SC_APPS[@]}-1; i>=0; i-- )); do
    spec="${SC_APPS[$i]}"
    name="$(sc__app_field "$spec" 0)"; entry="$(sc__app_field "$spec" 1)"
    pid="$(sc__alive_pid "$SC_RUN/pids/app-$name.pid" "$entry")" || continue
    sc_log "stopping $name (pid $pid)"
    sc__stop_pid "$name" "$pid" 20
    rm -f "$SC_RUN/pids/app-$name.pid"
  done
}

# Names of listed processes that were started and have exited.
sc_apps_dead() {
  local name spec entry
  sc_apps_load
  for name in "${SC_APPS_STARTED[@]}"; do
    for spec in "${SC_APPS[@]}"; do
      [[ "$(sc__app_field "$spec" 0)" == "$name" ]] || continue
      entry="$(sc__app_field "$spec" 1)"
      sc__alive_pid "$SC_RUN/pids/app-$name.pid" "$entry" >/dev/null || echo "$name"
    done
  done
}

sc_apps_status() {
  local spec name entry port pid state
  sc_apps_load
  printf '%-13s %-8s %-8s %-7s %s\n' PROCESS STATE PID RSS_MB ADDRESS
  for spec in "${SC_APPS[@]}"; do
    name="$(sc__app_field "$spec" 0)"; entry="$(sc__app_field "$spec" 1)"; port="$(sc__app_field "$spec" 2)"
    if pid="$(sc__alive_pid "$SC_RUN/pids/app-$name.pid" "$entry")"; then
      state=running
      sc__ready_ok "http://$SC_HOST:$port/ready" || state=starting
      printf '%-13s %-8s %-8s %-7s %s\n' "$name" "$state" "$pid" "$(sc__rss_mb "$pid")" "http://$SC_HOST:$port"
    elif [[ -f "$SC_ROOT/$entry" ]]; then
      printf '%-13s %-8s %-8s %-7s %s\n' "$name" stopped - - "http://$SC_HOST:$port"
    else
      printf '%-13s %-8s %-8s %-7s %s\n' "$name" absent - - "($entry not written yet)"
    fi
  done
}
