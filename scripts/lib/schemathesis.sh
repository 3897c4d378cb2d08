# shellcheck shell=bash
# scripts/lib/schemathesis.sh — schemathesis (property-based API testing from the OpenAPI
# document), installed once from PyPI into a virtualenv in the download cache.
#
#   sc_ensure_schemathesis   installs it when missing; prints the path of its `st` command

SC_SCHEMATHESIS_VERSION="${SMARTCOURSE_SCHEMATHESIS_VERSION:-4.32.5}"

sc_ensure_schemathesis() {
  local venv="${SMARTCOURSE_CACHE:-$HOME/.cache/smartcourse}/schemathesis-$SC_SCHEMATHESIS_VERSION"
  if ! "$venv/bin/st" --version >/dev/null 2>&1; then
    local py
    py="$(command -v python3 || true)"
    [[ -n "$py" ]] || { printf '\033[1;31m[schemathesis] error:\033[0m python3 is needed to install schemathesis\n' >&2; return 1; }
    printf '\033[1;34m[schemathesis]\033[0m installing schemathesis %s from PyPI into %s\n' "$SC_SCHEMATHESIS_VERSION" "$venv" >&2
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    # a half-made venv is removed, so the next run starts over instead of finding a broken one
    if ! { "$py" -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check \
        "schemathesis==$SC_SCHEMATHESIS_VERSION"; } >&2; then
      rm -rf "$venv"
      return 1
    fi
  fi
  printf '%s\n' "$venv/bin/st"
}
