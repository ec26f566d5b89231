"""Writing named graphs as TriG, the same bytes for the same graphs.

Graphs in the order of their IRIs; in each, subjects in order with ``rdf:type`` first, then
their other predicates and objects in order; the project's prefixes for readable names. Each
graph's block is written on its own, so a build can keep the blocks it did not change.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from .ntriples import RDF_TYPE, XSD, Triple

PREFIXES = {
    "dip": "https://w3id.org/vn-diplomacy/ontology#",
    "kgid": "https://w3id.org/vn-diplomacy/id/",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "wd": "http://www.wikidata.org/entity/",
    "xsd": XSD,
}
# A local name that needs no escaping in Turtle: "Visit", "prefLabel", "Q881".
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_TYPED = re.compile(r'\^\^<([^<>"]*)>$')


def header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n"


def _compact_iri(value: str) -> str:
    """``<https://...ontology#Visit>`` -> ``dip:Visit``; other IRIs unchanged."""
    body = value[1:-1]
    for prefix, ns in PREFIXES.items():
        if body.startswith(ns) and _LOCAL.match(body[len(ns):]):
            return f"{prefix}:{body[len(ns):]}"
    return value


@lru_cache(maxsize=1 << 18)
def _compact(term: str) -> str:
    """A term as TriG writes it (kept: a graph names the same IRIs and literals many times)."""
    if term.startswith("<"):
        return _compact_iri(term)
    if term.startswith('"'):
        m = _TYPED.search(term)
        if m:
            return term[:m.start()] + "^^" + _compact_iri(f"<{m.group(1)}>")
    return term


def _statements(triples: Iterable[Triple], lines: list[str], indent: str,
                flush: Callable[[list[str]], None] | None = None) -> None:
    """The triples as Turtle statements, one per subject, appended to ``lines``; ``flush``,
    given, is called with them after a statement whenever they are over a few thousand (it
    takes them out)."""
    # by subject, then predicate and object compared as one string (rdf:type comes first
    # below): the same order as the tuples (no term holds a NUL), a third faster on a large
    # graph; the subjects compared as they are, so that a large graph's triples do not all
    # have a key string made at once (the inferred graph's took ~140 MB at 10,000 articles)
    ordered = sorted(triples, key=itemgetter(0))
    for subject, same_subject in groupby(ordered, key=itemgetter(0)):
        group = sorted(same_subject, key="\x00".join)
        types = [t for t in group if t[1] == RDF_TYPE]
        if types and len(types) < len(group):
            group = types + [t for t in group if t[1] != RDF_TYPE]
        predicate = None
        for _, p, o in group:
            obj = _compact(o)
            if predicate is None:
                pred = "a" if p == RDF_TYPE else _compact(p)
                lines.append(f"{indent}{_compact(subject)}\n{indent}    {pred} {obj}")
            elif p != predicate:
                pred = "a" if p == RDF_TYPE else _compact(p)
                lines.append(f" ;\n{indent}    {pred} {obj}")
            else:
                lines.append(f" ,\n{indent}        {obj}")
            predicate = p
        lines.append(" .\n")
        if flush is not None and len(lines) >= _FLUSH_LINES:
            flush(lines)


def graph_block(name: str, triples: Iterable[Triple]) -> str:
    """One named graph as a TriG block."""
    lines = [f"{_compact(name)} {{\n"]
    _statements(triples, lines, "    ")
    lines.append("}\n\n")
    return "".join(lines)


# Lines of a block encoded at a time by :func:`block_bytes`.
_FLUSH_LINES = 8192


def block_bytes(name: str, triples: Iterable[Triple]) -> bytes:
    """``graph_block(name, triples)`` in UTF-8, encoded a few thousand lines at a time: a large
    graph's block (the inferred graph's) never held as its lines, one string of them and its
    bytes at once (a string of Vietnamese text takes two bytes a character, or four)."""
    parts: list[bytes] = []

    def flush(lines: list[str]) -> None:
        parts.append("".join(lines).encode("utf-8"))
        lines.clear()

    lines = [f"{_compact(name)} {{\n"]
    _statements(triples, lines, "    ", flush)
    lines.append("}\n\n")
    flush(lines)
    return b"".join(parts)


def _digest(lines: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def digest(triples: Iterable[Triple]) -> str:
    """A digest of a graph's triples in the order given: what a rebuild compares to know which
    graphs changed, without writing their blocks. The build adds a graph's triples in the same
    order whenever its facts are the same (:class:`kg.rdf.Graph`); the same triples in another
    order give another digest, and the block is written again, to the same bytes."""
    return _digest(map("\x00".join, triples))


def turtle(triples: Iterable[Triple]) -> bytes:
    """A graph as a Turtle document, in the order and with the prefixes of the TriG."""
    lines = [header()]
    _statements(triples, lines, "")
    return "".join(lines).encode("utf-8")


def expand(term: str) -> str:
    """The N-Triples form of a term as TriG writes a subject (``dip:Visit`` -> ``<...#Visit>``)."""
    if term.startswith(("<", "_:", '"')):
        return term
    prefix, _, local = term.partition(":")
    return f"<{PREFIXES[prefix]}{local}>"


def subject_statements(triples: Iterable[Triple]) -> list[tuple[str, bytes]]:
    """The statement of each subject of ``triples`` as :func:`graph_block` writes it, in the
    block's order: ``(subject, statement)``."""
    by_subject: dict[str, list[Triple]] = {}
    for t in triples:
        by_subject.setdefault(t[0], []).append(t)
    out = []
    for subject in sorted(by_subject):
        lines: list[str] = []
        _statements(by_subject[subject], lines, "    ")
        out.append((subject, "".join(lines).encode("utf-8")))
    return out


class Statements:
    """A block written by :func:`graph_block`, its statements found by subject without taking
    it all apart: they are in the order of their subjects' N-Triples text, so a statement is
    found by bisecting the bytes (a hundred steps or so for 200,000 statements)."""

    def __init__(self, block: bytes) -> None:
        self.block = block
        self.start = block.index(b"\n") + 1  # of the first statement (or of the closing brace)
        self.end = block.rindex(b"}\n")

    def _next(self, at: int) -> int:
        """Where the first statement starting at or after ``at`` starts (or the end)."""
        if at <= self.start:
            return self.start
        found = self.block.find(b"\n    ", at - 1, self.end)
        while found != -1 and self.block[found + 5] == 0x20:  # a line that goes on a statement
            found = self.block.find(b"\n    ", found + 1, self.end)
        return self.end if found == -1 else found + 1

    def _subject(self, at: int) -> str:
        return expand(self.block[at + 4:self.block.index(b"\n", at)].decode("utf-8"))

    def _first_from(self, subject: str, low: int) -> int:
        """Where the first statement from ``low`` on whose subject is not before ``subject``
        starts: galloping ahead from ``low``, then bisecting (subjects asked in order are
        found a few steps from each other)."""
        low = self._next(low)
        if low >= self.end or self._subject(low) >= subject:
            return low
        step, high = 1024, self.end
        while True:  # the statement at ``low`` is before ``subject``
            probe = self._next(low + step)
            if probe >= self.end:
                break
            if self._subject(probe) >= subject:
                high = probe
                break
            low, step = probe, step * 2
        low = self._next(low + 1)
        while low < high:
            at = self._next((low + high) // 2)
            if at >= high:
                at = low
            if self._subject(at) < subject:
                low = self._next(at + 1)
            else:
                high = at
        return low

    def of_each(self, subjects: Iterable[str]) -> dict[str, bytes]:
        """The statement of each of ``subjects`` the block has one of."""
        found, at = {}, self.start
        for subject in sorted(set(subjects)):
            at = self._first_from(subject, at)
            if at < self.end and self._subject(at) == subject:
                found[subject] = self.block[at:self._next(at + 1)]
        return found

    def replaced(self, name: str, subjects: Iterable[str], statements: Iterable[tuple[str, bytes]]
                 ) -> tuple[bytes, int, int]:
        """The block with the statements of ``subjects`` taken out and ``statements`` put in
        (``(subject, statement)``, each subject among ``subjects``), and how many triples were
        taken out and put in."""
        new = dict(statements)
        pieces: list[bytes | memoryview] = [f"{_compact(name)} {{\n".encode()]
        view = memoryview(self.block)
        at, removed = self.start, 0
        for subject in sorted(set(subjects) | set(new)):
            found = self._first_from(subject, at)
            pieces.append(view[at:found])
            at = found
            if found < self.end and self._subject(found) == subject:
                at = self._next(found + 1)
                removed += statement_triples(self.block[found:at])
            if subject in new:
                pieces.append(new[subject])
        pieces += [view[at:self.end], b"}\n\n"]
        return b"".join(pieces), removed, sum(statement_triples(s) for s in new.values())


def block_statements(block: bytes) -> set[bytes]:
    """The statements of a block written by :func:`graph_block`, as bytes: two blocks differ
    in the triples of the subjects whose statements differ, and only those."""
    body = block[block.index(b"\n") + 1:block.rindex(b"}\n")]
    # a statement ends with " ." at the end of a line, which no literal holds (no line break)
    return {s for s in body.split(b" .\n") if s.strip()}


def statement_triples(statement: bytes) -> int:
    """How many triples a statement writes (one per object; a literal holds no line break)."""
    return statement.count(b" ;\n") + statement.count(b" ,\n") + 1


def write_trig(blocks: Mapping[str, bytes]) -> bytes:
    """The TriG document of graph blocks (``graph IRI -> block``, UTF-8), in the order of their IRIs."""
    return header().encode("utf-8") + b"".join(blocks[g] for g in sorted(blocks))
