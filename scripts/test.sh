#!/usr/bin/env bash
# Install kg with its test dependencies into .venv and run the whole test suite.
# Also installs what the browser test needs (Debian's chromium) when it can.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test,viz]"
if [ -x scripts/install-browser.sh ]; then bash scripts/install-browser.sh || echo "(no browser: the browser test will be skipped)"; fi
.venv/bin/python -m pytest "$@"
