"""The store a build writes: its graph in an on-disk Oxigraph store, beside ``graph.trig``.

In: the build's TriG blocks (graph IRI -> block, as :mod:`kg.graph.trig` writes them, the
ontology's among them), the header of prefixes they are written with, and, on a rebuild, the
previous build's store and blocks. Out: a store in the build's version folder holding what
:func:`kg.storage.store.open_store` makes of ``graph.trig``: the named graphs as built, and the
default graph their merge (each triple once), which the stored queries read.

- **From scratch**, the blocks are bulk-loaded in one pass (no transaction), each block twice:
  as its named graph, and without its name, into the default graph (the store keeps a quad
  once, so the default graph is the merge).
- **On a rebuild**, the previous build's store is copied (:meth:`pyoxigraph.Store.backup`:
  hard links to its files, which Oxigraph never changes, so the previous build stays whole and
  queryable), and only the statements of the blocks that differ are replaced; a triple removed
  from a graph leaves the default graph only when no other graph still holds it. The same quads
  as a store made from scratch (the tests compare them).

The store is written into the version folder before it is published, and goes with it: a build
killed midway leaves the previous build current, its store whole.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

# Blocks shorter than this are compared statement by statement; a longer one (the inferred
# graph, the resolution) first loses the bytes it shares with the previous block at its start
# and its end.
_TRIM_FROM = 1 << 20
_CHUNK = 1 << 20
_END = b" .\n"  # the end of a statement: no literal holds a line break


@dataclass(frozen=True)
class PreviousStore:
    """The store of the previous build, and what it was made of."""

    folder: Path
    graphs: Collection[str]  # its named graphs (``<IRI>``), as its blocks name them
    block: Callable[[str], bytes | None]  # a graph's block in that build (None: cannot be read)
    # the graphs whose blocks may have changed since (None: any); the others are not compared
    changed: Collection[str] | None = None


def write_store(folder: Path, header: bytes, blocks: Mapping[str, bytes], previous: PreviousStore | None = None
                ) -> tuple[ox.Store, str]:
    """Write the store of ``blocks`` into ``folder`` (which must not exist), from the previous
    build's store where there is one; the store (open, writable) and how it was made."""
    if previous is not None and previous.folder.is_dir():
        try:
            changed = _copy_and_change(folder, header, blocks, previous)
        except (OSError, SyntaxError, ValueError):
            changed = None  # a damaged store or block: made from scratch below
        if changed is not None:
            return changed
        shutil.rmtree(folder, ignore_errors=True)
    store = ox.Store(str(folder))
    store.bulk_load(io.BufferedReader(_Chunks(_merged_trig(header, blocks)), _CHUNK), format=ox.RdfFormat.TRIG,
                    lenient=True)  # written by kg.graph.trig: no IRI to check
    return store, "loaded whole"


def _merged_trig(header: bytes, blocks: Mapping[str, bytes]) -> Iterator[bytes | memoryview]:
    """A TriG document of the blocks, then of their statements again in the default graph."""
    names = sorted(blocks)
    yield header
    yield from (blocks[g] for g in names)
    yield b"{\n"
    for g in names:
        start, end = _body(blocks[g])
        yield memoryview(blocks[g])[start:end]
    yield b"}\n"


def _body(block: bytes) -> tuple[int, int]:
    """Where a block's statements start and end (after ``name {`` and before ``}``)."""
    return block.index(b"{\n") + 2, block.rindex(b"}")


class _Chunks(io.RawIOBase):
    """A stream of the bytes of chunks, read without joining them."""

    def __init__(self, chunks: Iterator[bytes | memoryview]) -> None:
        self._chunks = chunks
        self._rest = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._rest:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._rest = memoryview(chunk)
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n


def _copy_and_change(folder: Path, header: bytes, blocks: Mapping[str, bytes], previous: PreviousStore
                     ) -> tuple[ox.Store, str] | None:
    """The previous store copied into ``folder``, and changed where the blocks changed (None
    when a previous block cannot be read)."""
    changes: dict[str, tuple[set[ox.Triple], set[ox.Triple]]] = {}
    graphs = set(blocks) | set(previous.graphs)
    for g in sorted(graphs if previous.changed is None else graphs & set(previous.changed)):
        old = previous.block(g) if g in previous.graphs else b""
        new = blocks.get(g, b"")
        if old is None:
            return None
        if old != new:
            changes[g] = _difference(header, old, new)
    ox.Store.read_only(str(previous.folder)).backup(str(folder))
    store = ox.Store(str(folder))
    added_anywhere: set[ox.Triple] = set()
    removed_somewhere: set[ox.Triple] = set()
    for g, (removed, added) in changes.items():
        name = ox.NamedNode(g[1:-1])
        for t in removed:
            store.remove(ox.Quad(t.subject, t.predicate, t.object, name))
        store.extend([ox.Quad(t.subject, t.predicate, t.object, name) for t in added])
        added_anywhere |= added
        removed_somewhere |= removed
    store.extend([ox.Quad(t.subject, t.predicate, t.object) for t in added_anywhere])
    for t in removed_somewhere - added_anywhere:
        if not any(not isinstance(q.graph_name, ox.DefaultGraph)
                   for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None)):
            store.remove(ox.Quad(t.subject, t.predicate, t.object))
    triples = sum(len(r) + len(a) for r, a in changes.values())
    return store, f"copied, {len(changes)} {'graph' if len(changes) == 1 else 'graphs'} changed ({triples} triples)"


def _difference(header: bytes, old: bytes, new: bytes) -> tuple[set[ox.Triple], set[ox.Triple]]:
    """The triples of block ``old`` that ``new`` does not have, and the other way round."""
    old_part, new_part = _differing(old, new)
    before, after = _statements(old_part), _statements(new_part)
    removed, added = _triples(header, before - after), _triples(header, after - before)
    return removed - added, added - removed


def _differing(old: bytes, new: bytes) -> tuple[bytes, bytes]:
    """The statements of two blocks of a graph, less the ones at their start and end that they
    share (a block's subjects are in order: one changed node changes the middle of it)."""
    if not old or not new:
        return (old[slice(*_body(old))] if old else b""), (new[slice(*_body(new))] if new else b"")
    if min(len(old), len(new)) < _TRIM_FROM:
        return old[slice(*_body(old))], new[slice(*_body(new))]
    same = _common_prefix(old, new)
    end = old.rfind(_END, 0, same)
    start = end + len(_END) if end >= 0 else _body(old)[0]
    # the end they share, not overlapping the start: cut after the first statement in it
    tail = min(_common_suffix(old, new), min(len(old), len(new)) - start)
    found = old.find(_END, len(old) - tail)
    old_end = found + len(_END) if found >= 0 else _body(old)[1]
    new_end = old_end - len(old) + len(new) if found >= 0 else _body(new)[1]
    return old[start:old_end], new[start:new_end]


def _common_prefix(a: bytes, b: bytes) -> int:
    """How many bytes ``a`` and ``b`` share at their start (compared a chunk at a time: fast)."""
    view, at, step, n = memoryview(b), 0, _CHUNK, min(len(a), len(b))
    while step:
        while at + step <= n and a.startswith(view[at:at + step], at):
            at += step
        step //= 2
    return at


def _common_suffix(a: bytes, b: bytes) -> int:
    """How many bytes ``a`` and ``b`` share at their end."""
    view, done, step, n = memoryview(b), 0, _CHUNK, min(len(a), len(b))
    while step:
        while done + step <= n and a.endswith(view[len(b) - done - step:len(b) - done], 0, len(a) - done):
            done += step
        step //= 2
    return done


def _statements(body: bytes) -> set[bytes]:
    return {s for s in body.split(_END) if s.strip()}


def _triples(header: bytes, statements: set[bytes]) -> set[ox.Triple]:
    if not statements:
        return set()
    text = header + b"".join(s + _END for s in statements)
    return {q.triple for q in ox.parse(text, format=ox.RdfFormat.TURTLE)}
