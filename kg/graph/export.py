"""Stage 8, export: a built graph in, standard RDF files out (Turtle, TriG, N-Triples, N-Quads,
JSON-LD).

The asserted triples (what the articles say, the resolution and the reference data) and the
inferred triples (the OWL RL entailments) can be exported apart or together. The graph is read
with Oxigraph and written by kg's own writers (:mod:`kg.trig`; JSON-LD by Oxigraph), in a fixed
order, so the same build gives the same bytes: 10,000 articles export in 7-16 s; rdflib took
14-26 s for 1,000.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from ..errors import KgError
from ..storage.store import graph_file
from ..vocab import INFERRED_GRAPH
from .ntriples import Triple
from .trig import graph_block, turtle, write_trig

EXPORT_FORMATS = ("turtle", "trig", "nt", "nquads", "jsonld")
PARTS = ("asserted", "inferred", "both")


def _quads(location: Path, part: str) -> list[ox.Quad]:
    """The quads of a build's asserted graphs, of its inferred graph, or of all."""
    if part not in PARTS:
        raise KgError(f"unknown part {part!r}; choose one of {', '.join(PARTS)}")
    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    return [q for q in ox.parse(path=str(graph_file(location)), format=ox.RdfFormat.TRIG)
            if part == "both" or (q.graph_name == inferred) == (part == "inferred")]


def read_graphs(location: Path, part: str = "both") -> dict[str, set[Triple]]:
    """The named graphs of a build (N-Triples terms): the asserted ones, the inferred one or all."""
    graphs: dict[str, set[Triple]] = defaultdict(set)
    for q in _quads(location, part):
        graphs[str(q.graph_name)].add((str(q.subject), str(q.predicate), str(q.object)))
    return dict(graphs)


def export(location: Path, fmt: str, part: str = "both") -> bytes:
    """Serialise the build; triple formats (turtle, nt) merge the named graphs into one."""
    if fmt not in EXPORT_FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "jsonld":  # Oxigraph's writer, the quads in order (graph, subject, predicate, object)
        quads = sorted(_quads(location, part),
                       key=lambda q: "\x00".join((str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))))
        return ox.serialize(quads, format=ox.RdfFormat.JSON_LD) or b""
    if fmt == "trig" and part == "both":
        return graph_file(location).read_bytes()  # what kg's TriG writer makes of the whole graph
    graphs = read_graphs(location, part)
    if fmt == "trig":
        return write_trig({g: graph_block(g, triples).encode("utf-8") for g, triples in graphs.items()})
    if fmt == "nquads":
        return "".join(sorted(f"{s} {p} {o} {g} .\n" for g, triples in graphs.items()
                              for s, p, o in triples)).encode("utf-8")
    merged: set[Triple] = set().union(*graphs.values())
    if fmt == "turtle":
        return turtle(merged)
    return "".join(sorted(f"{s} {p} {o} .\n" for s, p, o in merged)).encode("utf-8")
