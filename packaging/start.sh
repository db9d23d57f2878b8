#!/usr/bin/env bash
# Install (first time) and launch ZCX Desktop; an empty library gets the bundled sample documents.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/bootstrap.sh
exec .venv/bin/python main.py --sample "$@"
