"""Stage 6, validation: a data graph in, a SHACL report out.

The shapes are compiled into SPARQL (:mod:`kg.graph.shacl_sparql`) and run on Oxigraph, at every
size: the whole graph of a build from scratch or of ``kg validate``, and on a rebuild only what
changed since the last build (the nodes of the graphs whose content changed, each with the
triples said of it in any graph and the types of what it points to: every shape here looks one
step from its focus node). The tests hold the compiled checks to pyshacl's results (the seeds,
every broken graph of the shape tests, the build's ``validation.ttl`` byte for byte) and to the
W3C SHACL Core test suite. pyshacl checks the shapes the compiler refuses
(:class:`~kg.graph.shacl_sparql.UnsupportedShape`), however large the graph, and is the second
opinion of ``kg validate --engine pyshacl``.

Why not pyshacl for small graphs (measured, seconds, both engines alternating in one process on a
shared 2-core machine; benchmarks/README.md, "Which validator", has the table): the whole graph
of 100 synthetic articles (26,350 triples) takes pyshacl 17.6-18.2 s and the SPARQL checks
0.16-0.44 s; 500 articles (105,775) 78.7 s against 2.8 s; the seeds (6,575) 1.8 s against 0.05 s.
pyshacl's cost per triple grows with the graph, the checks' does not. The nodes of one changed
article: 0.08-2.0 s against 0.01-0.18 s.

:func:`validate_store` checks the data an Oxigraph store holds (in its default graph: the build's
store holds there the merge of the named graphs and the ontology, which changes no finding, as
``tests/graph/test_shacl.py`` checks). Given the build's own store, on disk, the checks load
nothing and hold no copy of the graph: loading is most of the time of a whole-graph check
made without it (5.1-5.8 s of 7.8-8.7 s for 10,000 articles on 2 cores), and an
in-memory store takes about 0.5 GB for 10,000 articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..errors import KgError
from ..progress import Progress
from ..resources import ontology_file, shapes_file
from ..storage.store import TripleCounts, default_is_union
from .ntriples import RDF_TYPE, Triple, is_literal
from .shacl_sparql import Check, UnsupportedShape, compile_shapes, run_checks

SH = "http://www.w3.org/ns/shacl#"
ENGINES = ("sparql", "pyshacl")  # the shapes compiled into SPARQL (on Oxigraph), or pyshacl
SPARQL_ENGINE = "shapes as SPARQL on Oxigraph"


@dataclass(frozen=True, order=True)
class Finding:
    """One SHACL result: how bad, about which node, what is wrong."""

    severity: str  # "Violation", "Warning", "Info"
    focus: str
    message: str


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: int
    warnings: int
    report_graph: Graph
    report_text: str


def load_shapes() -> Graph:
    return Graph().parse(shapes_file(), format="turtle")


def load_ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def validate_graph(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None,
                   focus: list[str | URIRef] | None = None) -> ValidationResult:
    """Check ``data`` (asserted and inferred triples together) against the shapes, all of its
    focus nodes or only those in ``focus``."""
    import pyshacl  # here: a rebuild that checks with SPARQL does without its 70 ms of imports

    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        ont_graph=ontology if ontology is not None else load_ontology(),
        inference="none",
        allow_warnings=True,
        advanced=True,
        focus_nodes=focus,
    )
    severities = [str(o) for _, p, o in report if str(p) == SH + "resultSeverity"]
    violations = sum(1 for s in severities if s == SH + "Violation")
    warnings = sum(1 for s in severities if s == SH + "Warning")
    return ValidationResult(bool(conforms), violations, warnings, report, str(text))


def graph_of(triples: Iterable[Triple]) -> Graph:
    """An rdflib graph of N-Triples text triples."""
    g = Graph()
    g.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in triples), format="nt")
    return g


def neighbourhood(triples: Iterable[Triple], focus: set[str]) -> list[Triple]:
    """What the shapes look at for ``focus``: every triple about a focus node, and the types
    of the nodes those triples point to."""
    triples = list(triples)
    about = [t for t in triples if t[0] in focus]
    objects = {o for _, _, o in about if not is_literal(o)} - focus
    return about + [t for t in triples if t[1] == RDF_TYPE and t[0] in objects]


def findings(report: Graph) -> list[Finding]:
    """The results of a pyshacl report graph (not the nested details of an ``sh:node``)."""
    out = set()
    for res in set(report.objects(None, URIRef(SH + "result"))):
        severity = str(report.value(res, URIRef(SH + "resultSeverity"))).rsplit("#", 1)[-1]
        focus = str(report.value(res, URIRef(SH + "focusNode")))
        message = str(report.value(res, URIRef(SH + "resultMessage")) or "")
        out.add(Finding(severity, focus, message))
    return sorted(out)


def report_turtle(results: list[Finding]) -> bytes:
    """A SHACL validation report (sh:ValidationReport) of ``results``, in a fixed order."""
    from .ntriples import literal

    lines = ["@prefix sh: <http://www.w3.org/ns/shacl#> .", "",
             "[] a sh:ValidationReport ;",
             f"    sh:conforms {'false' if any(r.severity == 'Violation' for r in results) else 'true'}"]
    for r in sorted(results):
        lines[-1] += " ;"
        lines += [f"    sh:result [ a sh:ValidationResult ; sh:resultSeverity sh:{r.severity} ;",
                  f"        sh:focusNode <{r.focus}> ; sh:resultMessage {literal(r.message)} ]"]
    lines[-1] += " ."
    return ("\n".join(lines) + "\n").encode("utf-8")


@dataclass(frozen=True)
class LocationReport:
    conforms: bool
    violations: int
    warnings: int
    messages: tuple[tuple[str, str, str], ...]  # (severity, focus node, message)
    how: str = "pyshacl"  # what checked the graph
    triples: TripleCounts = TripleCounts(0, 0, 0, 0)  # of the graph file (the ontology not checked as data)

    def summary_text(self) -> str:
        lines = []
        for severity, focus, message in self.messages:
            lines.append(f"{severity:9} {focus}: {message}")
        lines.append(f"{self.violations} violations, {self.warnings} warnings")
        return "\n".join(lines)


def compiled_checks() -> tuple[Check, ...] | None:
    """The shapes compiled into SPARQL checks; None where a shape does not compile (pyshacl
    checks them then)."""
    try:
        return compile_shapes(load_shapes())
    except UnsupportedShape:
        return None


def validate_store(store: ox.Store, focus: set[str] | None = None, engine: str = "sparql"
                   ) -> tuple[list[Finding], str]:
    """The findings of the shapes in the data ``store`` holds, and what found them.

    The data is the store's default graph (where that is empty, the union of its named graphs):
    a build's store holds there the merge of its named graphs, each triple once, and the
    ontology, as pyshacl reads the data with the ontology mixed in. Only the ``focus`` nodes
    (N-Triples IRIs) are checked when given. ``engine`` "sparql": the shapes compiled into SPARQL,
    or pyshacl where one does not compile; "pyshacl": pyshacl."""
    if engine not in ENGINES:
        raise KgError(f"no validator {engine!r}: one of {', '.join(ENGINES)}")
    checks = compiled_checks() if engine == "sparql" else None
    if focus is not None and not focus:
        return [], SPARQL_ENGINE if checks is not None else "pyshacl"
    if checks is not None:
        return [Finding(v.severity, v.focus, v.message) for v in run_checks(store, checks, focus)], SPARQL_ENGINE
    data = Graph()
    data.parse(data=_default_graph(store), format="nt")
    nodes: list[str | URIRef] | None = None if focus is None else [URIRef(n[1:-1]) for n in sorted(focus)]
    return findings(validate_graph(data, focus=nodes).report_graph), "pyshacl"


def _default_graph(store: ox.Store) -> bytes:
    """The data of a store as N-Triples: its default graph, or the union of its graphs."""
    if not default_is_union(store):
        return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store).encode("utf-8")


def merged_store(quads: Iterable[ox.Quad], path: Path | None = None) -> ox.Store:
    """A store whose default graph is the merge of ``quads`` (each triple once, whatever graph
    states it): in memory, or on disk at ``path``, where a graph of millions of triples takes
    little memory."""
    store = ox.Store() if path is None else ox.Store(str(path))
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    return store


def validate_location(location: Path, progress: Progress | None = None, engine: str = "sparql") -> LocationReport:
    """Validate a built graph (asserted and inferred triples together, the ontology read apart
    as a build does): with the shapes as SPARQL on Oxigraph, or pyshacl (``engine``)."""
    from ..storage.store import graph_file
    from ..vocab import ONTOLOGY_GRAPH

    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    sizes: Counter[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = Counter()

    def data_quads() -> Iterator[ox.Quad]:
        for q in ox.parse(path=str(graph_file(location)), format=ox.RdfFormat.TRIG):
            sizes[q.graph_name] += 1
            if q.graph_name != ontology:
                yield q

    progress = progress or Progress.quiet()
    with progress.stage("read"):
        merged = merged_store(data_quads())
    counts = TripleCounts.of_graphs({str(g): n for g, n in sizes.items()})
    with progress.stage("check"):
        found, how = validate_store(merged, engine=engine)
    violations = sum(1 for f in found if f.severity == "Violation")
    return LocationReport(violations == 0, violations, sum(1 for f in found if f.severity == "Warning"),
                          tuple((f.severity, f.focus, f.message) for f in found),
                          f"{'the ' if how == SPARQL_ENGINE else ''}{how} ({len(merged):,} distinct data triples)",
                          counts)


def report_messages(report: Graph) -> tuple[tuple[str, str, str], ...]:
    return tuple((f.severity, f.focus, f.message) for f in findings(report))
