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
import json
import sqlite3
import types
import typing
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from .model import ArticleFacts
from .reader import MAX_ARTICLE_BYTES
from .resources import reference_files

# The modules whose code decides what is extracted from an article.
_EXTRACTOR_MODULES = ("reader", "extract", "names", "dates", "money", "gazetteer", "model", "vocab")


@cache
def extractor_fingerprint() -> str:
    """A digest of the extractor's source and reference data."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in _EXTRACTOR_MODULES:
        h.update((here / f"{name}.py").read_bytes())
    for path in reference_files():
        h.update(path.read_bytes())
    return h.hexdigest()[:32]


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
    """JSON data back to a value of type ``hint`` (dataclasses, tuples, Decimal, optionals)."""
    if data is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return decode(next(a for a in args if a is not type(None)), data)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in data)
        return tuple(decode(a, v) for a, v in zip(args, data))
    if hint is Decimal:
        return Decimal(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(**{k: decode(hints[k], v) for k, v in data.items()})
    return data


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


class ExtractionCache:
    """``key -> ArticleFacts`` in ``folder/extract.sqlite``."""

    max_bytes = MAX_ARTICLE_BYTES

    def __init__(self, folder: Path, fingerprint: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self._db = sqlite3.connect(folder / "extract.sqlite")
        self._db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, data TEXT NOT NULL)")

    def key(self, name: str, data: bytes) -> str:
        h = hashlib.sha256(data)
        h.update(b"\0" + name.encode("utf-8") + b"\0" + self.fingerprint.encode())
        return h.hexdigest()

    def get(self, key: str) -> ArticleFacts | None:
        row = self._db.execute("SELECT data FROM facts WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            facts = decode(ArticleFacts, json.loads(row[0]))
        except (ValueError, TypeError, KeyError):
            return None  # an entry from an older layout: read the article again
        return facts if isinstance(facts, ArticleFacts) else None

    def put_many(self, entries: dict[str, ArticleFacts]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO facts (key, data) VALUES (?, ?)",
                [(k, json.dumps(encode(v), ensure_ascii=False)) for k, v in entries.items()],
            )

    def close(self) -> None:
        self._db.close()
