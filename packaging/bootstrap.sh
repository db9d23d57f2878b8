#!/usr/bin/env bash
# Install everything ZCX Desktop needs into ./.venv (and, as root, the Debian packages Qt needs).
# Usage: bash packaging/bootstrap.sh        (idempotent; safe to run again)
set -euo pipefail
cd "$(dirname "$0")/.."

QT_DEBS="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 \
libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1"
TOOL_DEBS="poppler-utils"

missing_debs() {
  local pkg out=()
  for pkg in $QT_DEBS $TOOL_DEBS; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || out+=("$pkg")
  done
  echo "${out[@]:-}"
}

if command -v dpkg-query >/dev/null; then
  need=$(missing_debs)
  if [ -n "$need" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "==> apt-get install $need" >&2
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
    else
      echo "==> please run: sudo apt-get install -y $need" >&2
    fi
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv" >&2
  "$PY" -m venv .venv
fi
echo "==> pip install -e .[test]" >&2
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"
