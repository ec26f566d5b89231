"""The reader's word lists: what it knows of the genre, kept as data.

Each file ``kg/data/lexicon/NAME.tsv`` is a table: a header line naming the columns, then one
entry a line, tab-separated. The first column is the phrase (matched without regard to case),
the last is ``example``: a sentence of the project's own that uses the phrase, which the tests
read. The columns between say what the phrase gives (a kind, a status, a state, ...). Lines
that open with ``#`` and blank lines are comments.

Adding a trigger phrase is one line of data and its example; no code changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

_PACKAGE = Path(__file__).resolve().parent.parent


class LexiconError(ValueError):
    """A word list that cannot be read: names the file and line."""


@dataclass(frozen=True)
class Entry:
    """One line of a word list: its phrase, the values its columns give, and its example."""

    phrase: str
    values: dict[str, str]
    example: str
    line: int

    def __getitem__(self, column: str) -> str:
        return self.values[column]


def lexicon_dir() -> Path:
    return _PACKAGE / "data" / "lexicon"


def lexicon_files() -> list[Path]:
    """Every word list, in a stable order (the extraction cache's fingerprint reads them)."""
    return sorted(lexicon_dir().glob("*.tsv"))


def read_lexicon(path: Path) -> list[Entry]:
    """The entries of one word list; a malformed line raises :class:`LexiconError`."""
    header: list[str] | None = None
    entries: list[Entry] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if header is None:
            header = cells
            if len(header) < 2 or header[-1] != "example":
                raise LexiconError(f"{path.name}:{number}: the header must name the columns and end with 'example'")
            continue
        if len(cells) != len(header):
            raise LexiconError(f"{path.name}:{number}: {len(cells)} cells where the header names {len(header)}")
        if not cells[0] or not cells[-1]:
            raise LexiconError(f"{path.name}:{number}: a phrase and an example are required")
        values = dict(zip(header[1:-1], cells[1:-1], strict=True))
        entries.append(Entry(cells[0], values, cells[-1], number))
    if header is None:
        raise LexiconError(f"{path.name}: no header line")
    return entries


@cache
def lexicon(name: str) -> tuple[Entry, ...]:
    """The word list ``name`` (``kg/data/lexicon/NAME.tsv``)."""
    path = lexicon_dir() / f"{name}.tsv"
    if not path.is_file():
        raise LexiconError(f"no word list named {name!r} in {lexicon_dir()}")
    return tuple(read_lexicon(path))


def phrases(name: str) -> list[str]:
    """The phrases of a word list, longest first (so a regular expression prefers the longer)."""
    return sorted({entry.phrase for entry in lexicon(name)}, key=lambda p: (-len(p), p))


def _alternation(items: list[str]) -> str:
    ordered = sorted(set(items), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(part) for part in p.split()) for p in ordered)


def alternation(name: str) -> str:
    """The phrases of a word list as one regular-expression alternation, longest first, with
    the spaces inside a phrase matching any run of spaces."""
    return _alternation([entry.phrase for entry in lexicon(name)])


def alternation_where(name: str, column: str, value: str) -> str:
    """:func:`alternation` of the entries whose ``column`` is ``value``."""
    chosen = [entry.phrase for entry in lexicon(name) if entry[column] == value]
    if not chosen:
        raise LexiconError(f"{name}.tsv: no entry with {column} = {value!r}")
    return _alternation(chosen)


@cache
def table(name: str, column: str) -> Mapping[str, str]:
    """Each phrase of a word list (case folded) with the value of one of its columns (made once:
    the readers look phrases up in it sentence by sentence)."""
    return MappingProxyType({entry.phrase.casefold(): entry[column] for entry in lexicon(name)})
