"""The build's plumbing: processes and files, apart from what the build makes of articles.

- **Processes**: work in a forked copy of this process, its answer pickled back through a pipe
  (:func:`forked`, :func:`run_apart`), the copy never running the cyclic collector and ending
  without freeing its objects; a pool of forked workers (:func:`in_workers`); every child ends
  with the process that started it (:func:`end_with_parent`), and is waited for later.
- **Files**: one build at a time in an output folder (:func:`locked`); each build written
  into a version folder of its own (:func:`new_version`) and made current by replacing one
  symbolic link (:func:`publish`); a file written and synced by a thread as its parts are
  ready (:class:`SyncedFile`).
"""

from __future__ import annotations

import fcntl
import gc
import os
import pickle
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path
from typing import Any, TypeVar

from .errors import BuildError

MANIFEST_FILE = "manifest.json"
VERSIONS = ".versions"
CURRENT = "current"
LOCK_FILE = ".kg-build.lock"

_Item = TypeVar("_Item")
_Answer = TypeVar("_Answer")


def in_workers(work: Callable[[_Item], _Answer], items: list[_Item], jobs: int) -> Iterator[_Answer]:
    """``work`` of each item (in the order of the items, as they come), in ``jobs`` forked worker
    processes."""
    chunk = max(1, min(64, len(items) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"),
                             initializer=end_with_parent, initargs=(os.getpid(),)) as pool:
        yield from pool.map(work, items, chunksize=chunk)


def run_apart(work: Callable[[], Any], fork: bool = True) -> Any:
    """What ``work`` returns (or raises): worked out in a forked copy of this process where one
    can be forked (with ``fork``, and this process running one thread), else here with the
    cyclic collector off."""
    if fork and running_threads() == 1:
        join = forked(work, as_raised=True)
        if join is not None:
            return join()
    # A build makes millions of small objects (facts, terms, triples) and no cycles of them that
    # must be collected while it runs: Python's cyclic collector would walk them all again and
    # again as they are made (it took 0.6 of the 1.0 s of reading 10,000 articles' facts from
    # the cache). Reference counting frees them as before.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return work()
    finally:
        if collecting:
            gc.enable()


def running_threads() -> int:
    """The threads this process runs, native ones included: a forked copy of a process that has
    opened an on-disk Oxigraph store waits forever on RocksDB's threads, which it has not."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # not Linux
        return threading.active_count()


def end_with_parent(parent: int) -> None:
    """In a worker: exit as soon as the build that started it is gone.

    A worker holds both ends of the pool's pipes, so it never sees them close: without this,
    the workers of a build killed with SIGKILL would wait for work for ever.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def forked(work: Callable[[], Any], as_raised: bool = False) -> Callable[[], Any] | None:
    """Start ``work`` in a forked copy of this process, on the other core; return what waits for
    its answer (pickled, through a pipe), or None where a process cannot be forked. The copy
    shares this process's memory as it is, never runs the cyclic collector, ends without
    running any exit code or freeing its objects (``os._exit``: its memory goes back at once),
    and ends with this process if it is killed. What ``work`` raises is raised by the waiting
    as a BuildError naming it, or ``as_raised``, as it was raised."""
    if not hasattr(os, "fork"):
        return None
    _reap()
    parent = os.getpid()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:
        status = 1
        try:
            os.close(read_end)
            gc.disable()  # its first collection would walk every object the copy has
            end_with_parent(parent)
            try:
                answer: dict[str, Any] = {"ok": work()}
            except BaseException as exc:  # told to the waiting process, which raises it
                answer = {"error": exc if as_raised else BuildError(f"{type(exc).__name__}: {exc}")}
            try:
                data = pickle.dumps(answer)
            except Exception:
                data = pickle.dumps({"error": BuildError(f"{type(answer['error']).__name__}: {answer['error']}")})
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def join() -> Any:
        try:
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
        except BaseException:
            os.kill(pid, signal.SIGINT)  # it cleans up (a build: its version folder, its lock) and ends
            os.waitpid(pid, 0)
            raise
        try:
            answer = pickle.loads(data) if data else None
        except Exception:
            answer = None
        if not isinstance(answer, dict) or not ("ok" in answer or "error" in answer):
            _, status = os.waitpid(pid, 0)
            how = (f"was killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
                   else f"ended with status {os.waitstatus_to_exitcode(status)}")
            raise BuildError(f"a forked process of the build {how} without an answer")
        # it has told all, and is letting go of its memory (0.06-0.09 s for a 10,000-article
        # build): it is waited for later, not now
        _UNREAPED.append(pid)
        if "error" in answer:
            raise answer["error"]
        return answer["ok"]
    return join


# Forked processes that gave their answer and have not been waited for yet.
_UNREAPED: list[int] = []


def _reap() -> None:
    while _UNREAPED:
        try:
            os.waitpid(_UNREAPED.pop(), 0)
        except ChildProcessError:
            pass  # waited for already (by whoever waits for every child)


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """One build at a time in an output folder (the next one waits).

    A POSIX record lock belongs to this process alone: it is never inherited by a child, and
    the kernel releases it when the process dies, however it dies.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK_FILE, "a+b") as handle:
        fcntl.lockf(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(handle.fileno(), fcntl.LOCK_UN)


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _replace_link(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` in one step (a new link renamed over the old name)."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)


def new_version(out_dir: Path) -> Path:
    """The folder a build writes its files into (``.versions/.NAME.partial``)."""
    versions = out_dir / VERSIONS
    versions.mkdir(exist_ok=True)
    name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    staging = versions / f".{name}.partial"
    staging.mkdir()
    return staging


def publish(out_dir: Path, staging: Path, files: dict[str, bytes], written: tuple[str, ...]) -> None:
    """Write a build's files into its version folder (``written`` are there already) and make
    it current."""
    versions = out_dir / VERSIONS
    name = staging.name[1:-len(".partial")]
    for file_name, data in files.items():
        _write_file(staging / file_name, data)
    final = versions / name
    os.replace(staging, final)
    _replace_link(out_dir / CURRENT, f"{VERSIONS}/{name}")
    for file_name in (*written, *files):
        if file_name == MANIFEST_FILE:
            continue  # the build's own bookkeeping stays in the version folder
        link = out_dir / file_name
        if not link.is_symlink() or os.readlink(link) != f"{CURRENT}/{file_name}":
            _replace_link(link, f"{CURRENT}/{file_name}")
    dir_fd = os.open(out_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    for old in versions.iterdir():
        if old.name != name:
            shutil.rmtree(old, ignore_errors=True)


class SyncedFile:
    """A file written and synced to disk by a thread, a part at a time, while the build goes
    on. :meth:`wait` waits for the part being written."""

    def __init__(self, path: Path) -> None:
        self._fd: int | None = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)  # closed by close() or abandon()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def _write(self, chunks: list[bytes | memoryview], sync: bool) -> None:
        try:
            assert self._fd is not None
            _write_all(self._fd, chunks)
            if sync:
                os.fsync(self._fd)
        except BaseException as exc:  # raised in the build by wait(): a file not whole is not published
            self._error = exc

    def write(self, chunks: list[bytes | memoryview], sync: bool = True) -> None:
        """Write ``chunks`` after what was written before; ``sync``: and then all of the file
        to disk (a part that is not the last need not be: waiting for it to reach the disk
        took 0.13-0.28 s of a 10,000-article rebuild, the next part is written after it anyway,
        and the last part's sync takes all of it to disk)."""
        self.wait()
        self._thread = threading.Thread(target=self._write, args=(chunks, sync), name="kg-write")
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Wait until all of it is on disk, and close it."""
        self.wait()
        self._close()

    def abandon(self) -> None:
        """The build failed: close the file, synced or not."""
        if self._thread is not None:
            self._thread.join()
        self._close()

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


# Buffers one call of os.writev takes (IOV_MAX on Linux).
_IOV_MAX = 1024


def _write_all(fd: int, chunks: list[bytes | memoryview]) -> None:
    """Write ``chunks`` in order, a thousand at a time, each time in one system call, during
    which other threads run (written one by one, the thousands of blocks of graph.trig took
    the writing thread turn after turn for the interpreter's lock while the build reasons)."""
    views = [memoryview(c) for c in chunks if len(c)]
    first = 0  # the first buffer not written whole
    while first < len(views):
        written = os.writev(fd, views[first:first + _IOV_MAX])
        while first < len(views) and written >= len(views[first]):
            written -= len(views[first])
            first += 1
        if written:  # a buffer written in part: the rest of it next
            views[first] = views[first][written:]
