"""Writing named graphs as TriG, the same bytes for the same graphs.

Graphs in the order of their IRIs; in each, subjects in order with ``rdf:type`` first, then
their other predicates and objects in order; the project's prefixes for readable names. Each
graph's block is written on its own, so a build can keep the blocks it did not change.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
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


def _statements(triples: Iterable[Triple], lines: list[str], indent: str) -> None:
    """The triples as Turtle statements, one per subject, appended to ``lines``."""
    # by subject, predicate, object (rdf:type comes first below), compared as one string: the
    # same order as the tuples (no term holds a NUL), and a third faster on a large graph
    _sorted_statements(sorted(triples, key="\x00".join), lines, indent)


def _sorted_statements(ordered: list[Triple], lines: list[str], indent: str) -> None:
    for subject, same_subject in groupby(ordered, key=itemgetter(0)):
        group = list(same_subject)
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


def graph_block(name: str, triples: Iterable[Triple]) -> str:
    """One named graph as a TriG block."""
    lines = [f"{_compact(name)} {{\n"]
    _statements(triples, lines, "    ")
    lines.append("}\n\n")
    return "".join(lines)


def _digest(lines: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def digest(triples: Iterable[Triple]) -> str:
    """A digest of a graph's triples, whatever their order: what a rebuild compares to know
    which graphs changed, without writing their blocks."""
    return _digest(sorted(map("\x00".join, triples)))


def graph_block_and_digest(name: str, triples: Iterable[Triple]) -> tuple[bytes, str]:
    """:func:`graph_block` (UTF-8) and :func:`digest`, the triples sorted once for both."""
    ordered = sorted(triples, key="\x00".join)
    lines = [f"{_compact(name)} {{\n"]
    _sorted_statements(ordered, lines, "    ")
    lines.append("}\n\n")
    return "".join(lines).encode("utf-8"), _digest(map("\x00".join, ordered))


def turtle(triples: Iterable[Triple]) -> bytes:
    """A graph as a Turtle document, in the order and with the prefixes of the TriG."""
    lines = [header()]
    _statements(triples, lines, "")
    return "".join(lines).encode("utf-8")


# Where a subject's statement starts in a block: a line indented by four spaces exactly (the
# lines that go on with its predicates and objects are indented by eight or twelve, and a
# literal never holds a line break: it is written escaped).
_STATEMENT_START = re.compile(rb"^    (?! )", re.M)


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


def block_statements(block: bytes) -> list[tuple[str, bytes]]:
    """A block written by :func:`graph_block`, back as its statements ``(subject, statement)``."""
    body = block[block.index(b"\n") + 1:block.rindex(b"}\n")]
    starts = [m.start() for m in _STATEMENT_START.finditer(body)] + [len(body)]
    out = []
    for start, end in zip(starts, starts[1:]):
        subject = body[start + 4:body.index(b"\n", start)].decode("utf-8")
        out.append((expand(subject), body[start:end]))
    return out


def block_of(name: str, statements: Iterable[tuple[str, bytes]]) -> bytes:
    """A graph's block made of its statements (in order): what :func:`graph_block` writes."""
    return f"{_compact(name)} {{\n".encode() + b"".join(s for _, s in statements) + b"}\n\n"


def statement_triples(statement: bytes) -> int:
    """How many triples a statement writes (one per object; a literal holds no line break)."""
    return statement.count(b" ;\n") + statement.count(b" ,\n") + 1


def trig_chunks(blocks: Mapping[str, bytes]) -> list[bytes]:
    """The TriG document of graph blocks (``graph IRI -> block``, UTF-8), in the order of their
    IRIs, as the pieces to write one after the other (joining 100 MB would copy it)."""
    return [header().encode("utf-8"), *(blocks[g] for g in sorted(blocks))]


def write_trig(blocks: Mapping[str, bytes]) -> bytes:
    """The TriG document of graph blocks, in one piece."""
    return b"".join(trig_chunks(blocks))
