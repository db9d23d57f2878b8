#!/usr/bin/env bash
# Install (first time) and run the whole test suite offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
