"""Where the articles come from: a folder in; its article files (``*.txt``) out, each a regular
file inside the folder, and the entries left out with the reason of each.

A build reads only what the user put in the folder: a link to a file elsewhere
(``passwd.txt -> /etc/passwd``) is left out unless the user asks (``follow_links``); a FIFO, a
device (``zero.txt -> /dev/zero``), a socket, a link to nothing or a loop of links is left out
and never opened, so nothing hangs or reads without end. A file is opened without blocking and
checked again once open (it may have been swapped since it was listed), and read up to a limit.
File names are shown escaped (:func:`shown`): a newline or a byte that is not UTF-8 in a name
cannot forge a line of a report.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LeftOut:
    path: str
    reason: str


def shown(path: str | Path) -> str:
    """A path as one printable line: control characters, and bytes that are not UTF-8 (kept by
    Python as lone surrogates), written as escapes (``bad\\xff.txt``, ``two\\nlines.txt``)."""
    text = os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def check_entry(path: Path, root: Path, follow_links: bool) -> str | None:
    """Why ``path`` (an entry of the folder ``root``, resolved) is left out; None to read it."""
    try:
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except RuntimeError:
                return "a link that loops"
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return "a link that loops"
                return "a link to nothing" if exc.errno == errno.ENOENT else f"a link that cannot be followed ({exc.strerror})"
            if not follow_links and not target.is_relative_to(root):
                return f"a link to {shown(target)}, outside the articles folder (--follow-links reads it)"
        info = os.stat(path)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return f"{_kind(info.st_mode)}, not an article file"
    return None


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them (OSError beyond, or when the file
    is no longer a regular file once open: opening never waits, for a FIFO or a device)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, f"{_kind(info.st_mode)}, not an article file")
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise OSError(errno.EFBIG, f"over the {limit:,}-byte limit")
        return b"".join(chunks)
    finally:
        os.close(fd)
