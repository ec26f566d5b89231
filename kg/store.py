"""Loading a built graph: for SPARQL (an Oxigraph store) or for rdflib users (a Dataset).

A build folder holds ``graph.trig`` (every named graph: articles, resolution, reference,
inferred), ``validation.ttl`` and ``summary.json``. ``graph.trig`` is the source of truth
and is replaced atomically by each build.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from .errors import GraphNotFound
from .resources import ontology_file
from .vocab import ONTOLOGY_GRAPH

GRAPH_FILE = "graph.trig"
SUMMARY_FILE = "summary.json"
REPORT_FILE = "validation.ttl"


def graph_file(location: Path) -> Path:
    """The TriG file of a build folder (or the file itself)."""
    path = location / GRAPH_FILE if location.is_dir() else location
    if not path.is_file():
        raise GraphNotFound(
            f"no built graph at {location} (expected {GRAPH_FILE}); run 'kg build' first"
        )
    return path


# The default graph as the RDF merge (a set) of every named graph. Oxigraph's "union default
# graph" is a bag: a triple that 100 articles state matches 100 times, and a join of two such
# patterns gives 10,000 rows. The merge gives each triple once.
_MERGE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def open_store(location: Path, with_ontology: bool = True, merged: bool = True) -> ox.Store:
    """An in-memory Oxigraph store holding the build (and the ontology, for class names).

    With ``merged``, the default graph holds every triple of the named graphs once, and
    queries read it as it is (:func:`default_is_union`); the named graphs stay as built.
    """
    path = graph_file(location)
    store = ox.Store()
    fmt = ox.RdfFormat.TRIG if path.suffix in (".trig", ".nq", ".nquads") else ox.RdfFormat.TURTLE
    if path.suffix in (".nq", ".nquads"):
        fmt = ox.RdfFormat.N_QUADS
    store.bulk_load(path=str(path), format=fmt)
    if with_ontology:
        store.bulk_load(
            path=str(ontology_file()), format=ox.RdfFormat.TURTLE,
            to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)),
        )
    if merged:
        store.update(_MERGE)
    return store


def default_is_union(store: ox.Store) -> bool:
    """Whether queries should read the default graph as the union of the named graphs: when the
    store's own default graph is empty (a store not opened by :func:`open_store`)."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None


def load_dataset(location: Path) -> Dataset:
    """The build as an rdflib Dataset, for users of rdflib's API."""
    ds = Dataset()
    ds.parse(graph_file(location), format="trig")
    return ds
