"""Stage 6, validation: a data graph in, a SHACL report out.

pyshacl is the validator of record. A build validates with it the whole graph while the graph
is small (:data:`PYSHACL_LIMIT` triples), and after that only what changed since the last
build: the nodes of the graphs whose content changed, each with the triples said of it in any
graph and the types of what it points to (every shape here looks one step from its focus
node). A large graph built from scratch, or given to ``kg validate``, is checked with the same
shapes compiled into SPARQL (:mod:`kg.shacl_sparql`), which the tests hold to pyshacl's results
and to the W3C SHACL Core test suite; shapes the compiler refuses (``UnsupportedShape``) are
checked with pyshacl, however large the graph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from ..progress import Progress
from ..resources import ontology_file, shapes_file
from ..storage.store import TripleCounts
from .ntriples import RDF_TYPE, Triple, is_literal
from .shacl_sparql import Check, UnsupportedShape, compile_shapes, run_checks

PYSHACL_LIMIT = 150_000
SH = "http://www.w3.org/ns/shacl#"


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


def sparql_checks(triples: int) -> tuple[Check, ...] | None:
    """The one choice of validator, for a graph of ``triples`` triples: the shapes compiled
    into SPARQL checks (run on Oxigraph) over :data:`PYSHACL_LIMIT`, where every shape
    compiles; else None, and pyshacl, the validator of record, however long it takes."""
    if triples <= PYSHACL_LIMIT:
        return None
    try:
        return compile_shapes(load_shapes())
    except UnsupportedShape:
        return None


def validate_location(location: Path, progress: Progress | None = None) -> LocationReport:
    """Validate a built graph (asserted and inferred triples together): with pyshacl, or, over
    :data:`PYSHACL_LIMIT` triples, with the shapes as SPARQL on Oxigraph, as a build does (pyshacl
    takes about 100 s for 100,000 triples here; the SPARQL checks 11 s for the 1.4 million of
    10,000 articles, reading included)."""
    import pyoxigraph as ox

    from ..storage.store import graph_file
    from ..vocab import ONTOLOGY_GRAPH

    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))  # not data: the shapes read it apart, as a build's do
    sizes: Counter[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = Counter()

    def data_quads() -> Iterator[ox.Quad]:
        for q in ox.parse(path=str(graph_file(location)), format=ox.RdfFormat.TRIG):
            sizes[q.graph_name] += 1
            if q.graph_name != ontology:
                yield ox.Quad(q.subject, q.predicate, q.object)

    progress = progress or Progress.quiet()
    merged = ox.Store()  # the merge of the named graphs: each triple once
    with progress.stage("read"):
        merged.bulk_extend(data_quads())
    counts = TripleCounts.of_graphs({str(g): n for g, n in sizes.items()})
    checks = sparql_checks(len(merged))
    if checks is not None:
        with progress.stage("check (SPARQL)"):
            found = run_checks(merged, checks)
        violations = sum(1 for v in found if v.severity == "Violation")
        return LocationReport(violations == 0, violations, sum(1 for v in found if v.severity == "Warning"),
                              tuple((v.severity, v.focus, v.message) for v in found),
                              f"the shapes as SPARQL on Oxigraph ({len(merged):,} distinct data triples)", counts)
    # pyshacl reads the same merge (the graph file is read once)
    with progress.stage("check (pyshacl)"):
        data = Graph().parse(data=merged.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
                             format="nt")
        result = validate_graph(data)
    return LocationReport(result.conforms, result.violations, result.warnings, report_messages(result.report_graph),
                          f"pyshacl ({len(merged):,} distinct data triples)", counts)


def report_messages(report: Graph) -> tuple[tuple[str, str, str], ...]:
    return tuple((f.severity, f.focus, f.message) for f in findings(report))
