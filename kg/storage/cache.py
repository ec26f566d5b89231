"""The extraction cache: what each article says, kept between builds.

Keyed by the article's file name and bytes and by a fingerprint of the extractor (its source
and the reference data it reads with), so a rebuild re-reads only new or changed articles,
and any change to the extractor reads everything again. Stored as JSON in SQLite (one
transaction per build: a killed build leaves the cache as it was), never as pickles, so a
cache file cannot run code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import os
import sqlite3
import time
import types
import typing
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from .. import vocab
from ..extraction import extract, model, partnerships
from ..extraction.model import ArticleFacts
from ..reading import dates, gazetteer, lexicon, money, names, reader, resolve_names, syllables
from ..reading.lexicon import lexicon_files
from ..reading.reader import MAX_ARTICLE_BYTES
from ..reading.sources import read_limited
from ..resources import reference_files

# The modules whose code decides what is extracted from an article (a module or, for a kg
# module, its file name: "names" is kg/reading/names.py).
_EXTRACTOR_MODULES: tuple[types.ModuleType | str, ...] = (
    reader, extract, partnerships, names, dates, money, gazetteer, model, vocab, lexicon, resolve_names, syllables)

_KG = Path(__file__).resolve().parent.parent


@cache
def _kg_module_file(name: str) -> Path:
    """The file of the kg module named ``name`` (``"resolve"``: kg/resolution/resolve.py),
    wherever in kg's packages it is."""
    found = sorted(_KG.rglob(f"{name}.py"))
    if len(found) != 1:
        raise ValueError(f"{len(found)} kg modules named {name!r}: {found}")
    return found[0]


def _source_file(module: types.ModuleType | str) -> Path:
    if isinstance(module, str):
        return _kg_module_file(module)
    assert module.__file__ is not None
    return Path(module.__file__)


def code_digest(modules: Iterable[types.ModuleType | str], files: Iterable[Path] = (), *extra: str) -> str:
    """A digest of modules' source (a module, or a kg module's file name: ``"resolve"``), of
    other files and of strings: what a file kept for the next build was made with."""
    h = hashlib.sha256()
    for module in modules:
        h.update(_source_file(module).read_bytes())
    for path in files:
        h.update(path.read_bytes())
    for text in extra:
        h.update(text.encode("utf-8"))
    return h.hexdigest()


@cache
def extractor_fingerprint() -> str:
    """A digest of the extractor's source and reference data."""
    return code_digest(_EXTRACTOR_MODULES, [*reference_files(), *lexicon_files()])[:32]


def encode(value: Any) -> Any:
    """A dataclass value as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


def decode(hint: Any, data: Any) -> Any:
    """JSON data back to a value of type ``hint`` (dataclasses, tuples, Decimal, optionals).
    Its objects become the values' (decoded in place): pass data parsed for it."""
    return _decoder(hint)(data)


def _keep(data: Any) -> Any:
    return data


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """The decoder of one type, made once: a build decodes thousands of values of each."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _decoder(next(a for a in args if a is not type(None)))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            if item is _keep:
                return lambda data: None if data is None else tuple(data)
            return lambda data: None if data is None else tuple(item(v) for v in data)
        items = tuple(_decoder(a) for a in args)
        return lambda data: None if data is None else tuple(f(v) for f, v in zip(items, data))
    if hint is Decimal:
        return lambda data: None if data is None else Decimal(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        cls: Any = hint
        names = frozenset(f.name for f in dataclasses.fields(cls))
        convert: dict[str, Callable[[Any], Any]] = {}  # the fields that are not JSON as they are
        made: list[bool] = []

        def decode_fields(data: Any) -> Any:
            if data is None:
                return None
            if not made:  # at first use, so that a class may name itself in a field
                convert.update({k: f for k, h in _hints(cls).items() if (f := _decoder(h)) is not _keep})
                made.append(True)
            values = data  # freshly parsed JSON, the decoder's own: converted in place
            for k, f in convert.items():
                if k in values:
                    values[k] = f(values[k])
            if values.keys() != names:
                return cls(**values)  # a field missing or unknown: the constructor says so
            # every field given: the object made around them, without the frozen class's
            # checks on each one
            value = object.__new__(cls)
            object.__setattr__(value, "__dict__", values)
            return value
        return decode_fields
    return _keep


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def entry_text(facts: ArticleFacts) -> str:
    """What the cache keeps of an article's facts (JSON): worked out where they are extracted,
    in the workers (encoding 100,000 articles' facts in the build process took it a minute)."""
    return json.dumps(encode(facts), ensure_ascii=False)


def write_kept(path: Path, text: str) -> None:
    """Keep ``text`` in ``path`` (``KIND-KEY.json``) for the next build: written aside and
    renamed, so a killed build leaves it whole or absent; the files of that kind kept under
    other keys (an older ontology or code) are removed. Best effort: unwritable, it is left."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        kind = path.name.split("-", 1)[0]
        for old in path.parent.glob(f"{kind}-*{path.suffix}"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


_KEYS_PER_QUERY = 500  # under SQLite's oldest limit of 999 parameters


# A file changed this close to when it was read (nanoseconds) may change again without its
# times showing it (they are as coarse as the kernel's clock tick): it is read again next time.
_RACY_NS = 2_000_000_000


class ExtractionCache:
    """``key -> ArticleFacts`` in ``folder/extract.sqlite``; and the digest of each article
    file's bytes, with what ``stat`` said of the file when it was read (:meth:`file_digests`)."""

    max_bytes = MAX_ARTICLE_BYTES

    def __init__(self, folder: Path, fingerprint: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self._db = sqlite3.connect(folder / "extract.sqlite")
        self._db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        self._db.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, stat TEXT NOT NULL, "
                         "digest TEXT NOT NULL, read_ns INTEGER NOT NULL)")

    def key(self, name: str, digest: str) -> str:
        """The key of an article file by its name and the digest of its bytes."""
        h = hashlib.sha256(f"{digest}\0{name}\0{self.fingerprint}".encode())
        return h.hexdigest()

    def file_digests(self, paths: list[Path]) -> dict[Path, tuple[str | None, str]]:
        """The digest of each file's bytes, or None and why it cannot be read.

        A file is read and hashed only where it is new or ``stat`` tells of a change since it was
        read last (its size, times or inode; changed within 2 s of that reading, it is read
        again): hashing 10,000 articles read them all (0.2 s, more where they are not in the
        page cache), ``stat`` alone takes 0.03 s."""
        known = {p: (st, d, ns) for p, st, d, ns in self._db.execute("SELECT path, stat, digest, read_ns FROM files")}
        found: dict[Path, tuple[str | None, str]] = {}
        fresh = []
        for path in paths:
            try:
                st = os.stat(path)
                if st.st_size > self.max_bytes:
                    found[path] = None, f"the file is {st.st_size:,} bytes, over the {self.max_bytes:,}-byte limit"
                    continue
                name = os.path.abspath(path)
                told = f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} {st.st_dev}"
                seen = known.get(name)
                if seen is not None and seen[0] == told and max(st.st_mtime_ns, st.st_ctime_ns) < seen[2] - _RACY_NS:
                    found[path] = seen[1], ""
                    continue
                read_ns = time.time_ns()
                digest = hashlib.sha256(read_limited(path, self.max_bytes)).hexdigest()
            except OSError as exc:
                found[path] = None, f"cannot be read ({exc.strerror})"
                continue
            found[path] = digest, ""
            fresh.append((name, told, digest, read_ns))
        if fresh:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO files (path, stat, digest, read_ns) VALUES (?, ?, ?, ?)", fresh)
        return found

    def get_many(self, keys: list[str]) -> dict[str, ArticleFacts]:
        """The facts kept under each of ``keys`` that has any (a key absent is left out):
        asked a few hundred at a time, a third of the time of asking each alone."""
        found: dict[str, ArticleFacts] = {}
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            part = keys[start:start + _KEYS_PER_QUERY]
            marks = ",".join("?" * len(part))
            for key, data in self._db.execute(f"SELECT key, data FROM facts WHERE key IN ({marks})", part):
                try:
                    facts = decode(ArticleFacts, json.loads(data))
                except (ValueError, TypeError, KeyError):
                    continue  # an entry from an older layout: read the article again
                if isinstance(facts, ArticleFacts):
                    found[key] = facts
        return found

    def put_many(self, entries: dict[str, ArticleFacts]) -> None:
        self.put_encoded((k, entry_text(v)) for k, v in entries.items())

    def put_encoded(self, entries: Iterable[tuple[str, str]]) -> None:
        """Keep ``(key, entry_text(facts))`` pairs as they come (from the workers that encoded
        them while extracting), a few hundred at a time, in one transaction."""
        pairs = iter(entries)
        with self._db:
            while part := list(itertools.islice(pairs, _KEYS_PER_QUERY)):
                self._db.executemany("INSERT OR REPLACE INTO facts (key, data) VALUES (?, ?)", part)

    def close(self) -> None:
        self._db.close()
