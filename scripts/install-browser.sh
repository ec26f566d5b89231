#!/usr/bin/env bash
# Install the browser the page test (tests/test_browser.py) drives: Debian's chromium.
# Idempotent: does nothing when /usr/bin/chromium is there. Exits non-zero when it cannot
# install it (not root, no apt-get, no package). The test then skips and says why.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    echo "chromium: already installed ($(/usr/bin/chromium --version 2>/dev/null | tail -n 1))"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium: cannot install, no apt-get on this machine" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "chromium: cannot install, not root and no password-less sudo" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
if [ ! -x /usr/bin/chromium ]; then
    echo "chromium: apt-get ran but /usr/bin/chromium is missing" >&2
    exit 1
fi
echo "chromium: installed ($(/usr/bin/chromium --version 2>/dev/null | tail -n 1))"
