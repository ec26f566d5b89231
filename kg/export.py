"""Stage 8, export: a built graph in, standard RDF files out (Turtle, TriG, N-Triples, JSON-LD).

The asserted triples (what the articles say, the resolution and the reference data) and the
inferred triples (the OWL RL entailments) can be exported apart or together.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from .errors import KgError
from .store import load_dataset
from .vocab import INFERRED_GRAPH, PREFIXES

EXPORT_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "jsonld": "json-ld", "nquads": "nquads"}
PARTS = ("asserted", "inferred", "both")


def select(ds: Dataset, part: str) -> Dataset:
    if part not in PARTS:
        raise KgError(f"unknown part {part!r}; choose one of {', '.join(PARTS)}")
    out = Dataset()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    out.bind("skos", "http://www.w3.org/2004/02/skos/core#")
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        inferred = str(g.identifier) == str(INFERRED_GRAPH)
        if (part == "asserted" and inferred) or (part == "inferred" and not inferred) or not len(g):
            continue
        target = out.graph(g.identifier)
        for t in g:
            target.add(t)
    return out


def export(location: Path, fmt: str, part: str = "both") -> bytes:
    """Serialise the build; triple formats (turtle, nt) merge the named graphs into one."""
    if fmt not in EXPORT_FORMATS:
        raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    ds = select(load_dataset(location), part)
    if fmt in ("turtle", "nt"):
        merged = Graph()
        for prefix, ns in PREFIXES.items():
            merged.bind(prefix, ns)
        merged.bind("skos", "http://www.w3.org/2004/02/skos/core#")
        for s, p, o, _ in ds.quads((None, None, None, None)):
            merged.add((s, p, o))
        data = merged.serialize(format=EXPORT_FORMATS[fmt])
    else:
        data = ds.serialize(format=EXPORT_FORMATS[fmt])
    return data.encode("utf-8") if isinstance(data, str) else data
