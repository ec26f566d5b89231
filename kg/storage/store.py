"""Loading a built graph: for SPARQL (an Oxigraph store) or for rdflib users (a Dataset).

A build folder holds ``graph.trig`` (every named graph: articles, resolution, reference,
inferred), ``validation.ttl`` and ``summary.json``. ``graph.trig`` is the source of truth
and is replaced atomically by each build.

A build also writes its store on disk (:mod:`kg.storage.written`), in its own version folder,
so it goes with the build and is never stale: loading the TriG of 10,000 articles into
Oxigraph takes 15 s, opening the store on disk 20 ms (:func:`kept_store`). For a build written
by older code, a large one's store is made by the first query that needs it. The TriG stays
what other tools read.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from ..errors import BadGraph, GraphNotFound
from ..resources import ontology_file
from ..vocab import INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH

GRAPH_FILE = "graph.trig"
# A graph file this size or more is kept as a store on disk: a smaller one loads into memory in
# about a second (2 s at 1,000 articles, 16 MB).
KEEP_STORE_FROM = 8_000_000
# Free space a kept store needs, in multiples of the TriG file (Oxigraph's indexes of 10,000
# articles take 670 MB, five times their 137 MB of TriG).
STORE_SPACE = 8
SUMMARY_FILE = "summary.json"
REPORT_FILE = "validation.ttl"


# A build folder or a graph file, as a str or a Path ("build", Path("build/graph.trig")).
Location = str | os.PathLike[str]


@dataclass(frozen=True)
class TripleCounts:
    """The triples of a build as ``graph.trig`` holds them, each named graph's counted and summed
    (a triple two articles state counts in each): what ``kg build``, ``kg validate``, ``kg serve``
    and ``kg push`` report, and what a quad store loaded with the file holds in its named graphs."""

    asserted: int  # what the articles say (a graph each) and the resolution
    reference: int  # states, organisations, regions (ontology/reference/)
    ontology: int  # ontology/dip.ttl
    inferred: int  # the OWL RL entailments

    @property
    def total(self) -> int:
        return self.asserted + self.reference + self.ontology + self.inferred

    def text(self) -> str:
        return (f"{self.total:,} triples ({self.asserted:,} asserted, {self.reference:,} reference, "
                f"{self.ontology:,} ontology, {self.inferred:,} inferred)")

    @staticmethod
    def of_graphs(sizes: Mapping[str, int]) -> TripleCounts:
        """The counts of named graphs given by IRI (with or without angle brackets)."""
        by_name = {name.strip("<>"): n for name, n in sizes.items()}
        reference = by_name.pop(str(REFERENCE_GRAPH), 0)
        ontology = by_name.pop(str(ONTOLOGY_GRAPH), 0)
        inferred = by_name.pop(str(INFERRED_GRAPH), 0)
        return TripleCounts(sum(by_name.values()), reference, ontology, inferred)


def store_counts(store: ox.Store) -> TripleCounts:
    """The counts of the named graphs of a store (its default graph, the merge, not counted)."""
    sizes = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert isinstance(sizes, ox.QuerySolutions)
    return TripleCounts.of_graphs({str(row[0]): int(row[1].value) for row in sizes})


def graph_file(location: Location) -> Path:
    """The TriG file of a build folder (or the file itself)."""
    location = Path(location)
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


def open_store(location: Location, with_ontology: bool = True, merged: bool = True) -> ox.Store:
    """An in-memory Oxigraph store holding the build (and the ontology, for class names).

    With ``merged``, the default graph holds every triple of the named graphs once, and
    queries read it as it is (:func:`default_is_union`); the named graphs stay as built. Query
    it without ``use_default_graph_as_union``: Oxigraph's union takes in the default graph too,
    and would give every triple twice.
    """
    path = graph_file(location)
    store = ox.Store()
    fmt = ox.RdfFormat.TRIG if path.suffix in (".trig", ".nq", ".nquads") else ox.RdfFormat.TURTLE
    if path.suffix in (".nq", ".nquads"):
        fmt = ox.RdfFormat.N_QUADS
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise bad_graph(path, exc) from None
    if with_ontology:
        store.bulk_load(
            path=str(ontology_file()), format=ox.RdfFormat.TURTLE,
            to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)),
        )
    if merged:
        store.update(_MERGE)
    return store


def kept_store(location: Location, keep_from: int | None = None,
               notify: Callable[[str], None] | None = None) -> ox.Store:
    """The build's store, as :func:`open_store` gives it: the one ``kg build`` wrote in its
    version folder, opened read-only; otherwise (a TriG file given by its path, a build written
    by older code) loaded into memory, or, for a graph file of ``keep_from`` bytes or more
    (:data:`KEEP_STORE_FROM` unless given), made on disk there the first time, where there is
    room. ``notify`` is told when the store is being made (it takes a while)."""
    location = Path(location)
    path = graph_file(location)
    folder = store_folder(location, path)
    if folder is None:
        return open_store(location)
    built = built_store(location)
    if built is not None:
        return built
    if path.stat().st_size < (KEEP_STORE_FROM if keep_from is None else keep_from):
        return open_store(location)
    if shutil.disk_usage(folder.parent).free < STORE_SPACE * path.stat().st_size:
        return open_store(location)
    if notify is not None:
        notify(f"keeping the graph as a store in {folder} for the next queries (once per build) ...")
    try:
        _make_store(path, folder)
        return ox.Store.read_only(str(folder))
    except OSError:
        return open_store(location)  # a folder we cannot write to: in memory, as before
    except (SyntaxError, ValueError) as exc:
        raise bad_graph(path, exc) from None


def built_store(location: Location) -> ox.Store | None:
    """The store a build folder holds (written by ``kg build``, or made by a query), opened
    read-only; None for a graph file, a build without one, or a damaged one (a disk gone full?)."""
    location = Path(location)
    folder = store_folder(location, graph_file(location))
    if folder is None or not folder.is_dir():
        return None
    try:
        return ox.Store.read_only(str(folder))
    except OSError:
        return None


def bad_graph(path: Path, exc: BaseException) -> BadGraph:
    """The error for a graph file that is not RDF (cut short, overwritten, another format)."""
    detail = " ".join(str(getattr(exc, "strerror", None) or exc).split())
    return BadGraph(f"{path} cannot be read as RDF ({detail}); build the graph again with 'kg build'")


def store_folder(location: Path, path: Path) -> Path | None:
    """Where a build folder keeps its store (None for a TriG file given by its path): named by
    what it is made of, so a new ontology or Oxigraph never reads an old one."""
    if not location.is_dir():
        return None
    h = hashlib.sha256()
    info = path.stat()
    for part in (ox.__version__, str(info.st_size), str(info.st_mtime_ns)):
        h.update(part.encode("utf-8") + b"\0")
    h.update(ontology_file().read_bytes())
    return path.resolve().parent / f"store-{h.hexdigest()[:16]}"


def _make_store(path: Path, folder: Path) -> None:
    """Write the store into ``folder`` whole, or not at all (made aside, then renamed)."""
    for old in folder.parent.glob("store-*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)  # made with another ontology or Oxigraph
    for stale in folder.parent.glob(".store-*.tmp"):
        pid = stale.name.rsplit(".", 2)[-2]
        if not pid.isdigit() or not _running(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)  # left by a query that was killed
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    try:
        store = ox.Store(str(tmp))
        store.bulk_extend(_quads_with_merge(path))
        store.flush()
        del store  # closed before it is renamed
        try:
            os.rename(tmp, folder)
        except OSError:
            if not folder.is_dir():
                raise
            # another query made it first: theirs is as good
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's
    return True


def _quads_with_merge(path: Path) -> Iterator[ox.Quad]:
    """The quads of the build and the ontology, each also in the default graph (the merge of
    :func:`open_store`, in the same pass: an update of a store on disk takes three times as long)."""
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
        yield quad
        yield ox.Quad(quad.subject, quad.predicate, quad.object)
    for triple in ox.parse(path=str(ontology_file()), format=ox.RdfFormat.TURTLE):
        yield ox.Quad(triple.subject, triple.predicate, triple.object, ontology)
        yield ox.Quad(triple.subject, triple.predicate, triple.object)


def default_is_union(store: ox.Store) -> bool:
    """Whether queries should read the default graph as the union of the named graphs: when the
    store's own default graph is empty (a store not opened by :func:`open_store`)."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None


def load_dataset(location: Location) -> Dataset:
    """The build as an rdflib Dataset, for users of rdflib's API: its named graphs as built,
    and a default graph that is their union (each triple once: rdflib's union is a set), which
    is what the stored queries read (``dataset.query(kg.find_query("trade").text)``)."""
    ds = Dataset(default_union=True)
    ds.parse(graph_file(location), format="trig")
    return ds
