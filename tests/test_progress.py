"""Progress bars: on a terminal, kg build and kg validate show their stages on stderr; piped,
or with --quiet, nothing but what they print without them."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

from kg.progress import Progress

from .conftest import ROOT, SEEDS


def _on_a_terminal(*args: str) -> tuple[int, str]:
    """Run kg with its stderr on a pseudo-terminal (stdout piped): its exit code and what the
    terminal showed."""
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal's other end closed: kg is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    return process.wait(), shown.decode("utf-8", "replace")


def test_a_build_and_a_check_show_their_stages_on_a_terminal(tmp_path: Path) -> None:
    code, shown = _on_a_terminal("build", "--articles", str(SEEDS), "--out", str(tmp_path / "out"))
    assert code == 0
    assert "extract: " in shown and "article" in shown and "validate: " in shown  # the stages, the articles
    code, shown = _on_a_terminal("validate", "--graph", str(tmp_path / "out"))
    assert code == 0 and "check: " in shown


def test_quiet_shows_nothing_on_a_terminal(tmp_path: Path) -> None:
    code, shown = _on_a_terminal("build", "--quiet", "--articles", str(SEEDS), "--out", str(tmp_path / "out"))
    assert code == 0 and shown == ""
    code, shown = _on_a_terminal("validate", "-q", "--graph", str(tmp_path / "out"))
    assert code == 0 and "\r" not in shown.removesuffix("\r\n") and shown.startswith("kg: checked")


def test_no_bar_where_stderr_is_not_a_terminal() -> None:
    before = set(threading.enumerate())
    piped = io.StringIO()
    progress = Progress(piped)
    assert not progress.enabled
    with progress.stage("work", 3) as advance:
        advance(3)
    assert piped.getvalue() == ""
    shown = io.StringIO()
    with Progress(shown, enabled=True).stage("work", 3, "graph") as advance:
        advance(3)
    assert "work:   0%" in shown.getvalue() and "0/3 [00:00<?, ?graph/s]" in shown.getvalue()
    # no thread left behind by a bar (tqdm's monitor): a build forks only where no other thread runs
    assert {t for t in threading.enumerate() if t.is_alive()} <= before
