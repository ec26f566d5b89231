#!/usr/bin/env bash
# Install kg into .venv and build the graph of the bundled seed articles into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/kg build --articles seeds --out build
.venv/bin/kg query visits
