"""Progress of long work (build, validate, push) on a terminal: a bar per stage on stderr, with
the stage's name, what is done of it where that is known, and the time it has taken.

Shown only where stderr is a terminal, so a pipe, a file or a test sees nothing; ``--quiet``
hides it too. A stage that is one long call (pyshacl's check) cannot say how far it is: its bar
shows the time going by, redrawn by a thread twice a second, so a terminal never looks stuck.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TextIO

# How often a bar is redrawn while its stage gives no news, in seconds.
REDRAW = 0.5

Advance = Callable[[int], None]


def _nothing(_: int) -> None:
    pass


class Progress:
    """Bars for the stages of one piece of work, or nothing (:meth:`quiet`)."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled

    @staticmethod
    def quiet() -> Progress:
        return Progress(enabled=False)

    @staticmethod
    def shown(quiet: bool) -> Progress:
        """A terminal's bars, unless ``quiet``."""
        return Progress.quiet() if quiet else Progress()

    @contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "it") -> Iterator[Advance]:
        """A bar while the block runs; the block calls what it is given with how much more it did."""
        if not self.enabled:
            yield _nothing
            return
        sized = _columns(self.stream) > 0  # a terminal that says its width (a bare pseudo-terminal: 0)
        bar = _bar_class()(total=total, desc=name, unit=unit, file=self.stream, leave=False, dynamic_ncols=sized,
                   ncols=None if sized else 80, nrows=None if sized else 24, mininterval=0.1, bar_format=None if total else "{desc}: {elapsed}")
        done = threading.Event()

        def redraw() -> None:
            while not done.wait(REDRAW):
                bar.refresh()

        thread = threading.Thread(target=redraw, name="kg-progress", daemon=True)
        thread.start()
        try:
            yield bar.update
        finally:
            done.set()
            thread.join()
            bar.close()


@cache
def _bar_class() -> type:
    """tqdm's bar without its monitor thread, which would outlive the bar: a build forks only
    while its process has one thread (:func:`kg.build.build`). Imported here: a run without bars
    does without the import."""
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[misc]
        monitor_interval = 0

    return Bar


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 0


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
