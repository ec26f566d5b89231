"""Writing named graphs as TriG, the same bytes for the same graphs.

Graphs in the order of their IRIs; in each, subjects in order with ``rdf:type`` first, then
their other predicates and objects in order; the project's prefixes for readable names. Each
graph's block is written on its own, so a build can keep the blocks it did not change.
"""

from __future__ import annotations

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
    ordered = sorted(triples, key="\x00".join)
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


def turtle(triples: Iterable[Triple]) -> bytes:
    """A graph as a Turtle document, in the order and with the prefixes of the TriG."""
    lines = [header()]
    _statements(triples, lines, "")
    return "".join(lines).encode("utf-8")


def write_trig(blocks: Mapping[str, bytes]) -> bytes:
    """The TriG document of graph blocks (``graph IRI -> block``, UTF-8), in the order of their IRIs."""
    return header().encode("utf-8") + b"".join(blocks[g] for g in sorted(blocks))
