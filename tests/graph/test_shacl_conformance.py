"""The SHACL compiler on the W3C SHACL Core test suite.

For each test: the shapes compiled to SPARQL give the expected report (``sh:conforms`` and the
set of focus node, path, constraint component and value), or the compiler refuses them
(:class:`UnsupportedShape`) and pyshacl, the build's fallback, gives it. Never a third case.
The data graph is given the ``rdfs:subClassOf`` closure of its types first, as the build's graph
holds it (class targets and ``sh:class`` read ``rdf:type`` only). The suite lives in the shared
folder beside the checkout (``shared/conformance/shacl-core``, or ``$KG_SHACL_SUITE``); without it the test
is skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD, Namespace
from rdflib.term import Node

from kg.graph.shacl_sparql import UnsupportedShape, compile_shapes, run_report, sparql_path
from kg.graph.validate import validate_graph

_HERE = Path(__file__).resolve()
# shared/ lies beside the checkout (CI) or beside the folder that holds it (a git worktree)
_BESIDE = next((p / "shared" / "conformance" / "shacl-core" for p in _HERE.parents
                if (p / "shared" / "conformance" / "shacl-core").is_dir()), _HERE / "no-suite")
SUITE = Path(os.environ.get("KG_SHACL_SUITE", str(_BESIDE)))
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

# (focus node, path as SPARQL, constraint component, value), terms as rdflib terms
Row = tuple[Node, str | None, str, Node | None]


@dataclass(frozen=True)
class Case:
    name: str
    data: Graph
    shapes: Graph
    conforms: bool
    expected: frozenset[Row]


def _parse(path: Path, cache: dict[Path, Graph]) -> Graph:
    """A file of the suite, its literals as written: rdflib would otherwise rewrite them to their
    canonical forms (\"1\"^^xsd:boolean to \"true\", an ill-formed \"none\" to \"false\"), which some
    tests are about."""
    if path not in cache:
        normalize = rdflib.NORMALIZE_LITERALS
        rdflib.NORMALIZE_LITERALS = False
        try:
            cache[path] = Graph().parse(path, format="turtle")
        finally:
            rdflib.NORMALIZE_LITERALS = normalize
    return cache[path]


def _file(uri: Node) -> Path:
    return Path(str(uri).removeprefix("file://"))


def _rows(report: Graph, node: Node) -> frozenset[Row]:
    rows = set()
    for res in report.objects(node, SH.result):
        path = report.value(res, SH.resultPath)
        rows.add((report.value(res, SH.focusNode), None if path is None else sparql_path(report, path),
                  str(report.value(res, SH.sourceConstraintComponent)), report.value(res, SH.value)))
    return frozenset(rows)


def _cases() -> list[Case]:
    cache: dict[Path, Graph] = {}
    found: list[Case] = []

    def read(manifest: Path) -> None:
        g = _parse(manifest, cache)
        for m in g.subjects(RDF.type, MF.Manifest):
            for included in g.objects(m, MF.include):
                read(_file(included))
            for entries in g.objects(m, MF.entries):
                for entry in g.items(entries):
                    action, result = g.value(entry, MF.action), g.value(entry, MF.result)
                    data = _parse(_file(g.value(action, SHT.dataGraph)), cache)
                    shapes = _parse(_file(g.value(action, SHT.shapesGraph)), cache)
                    conforms = str(g.value(result, SH.conforms)).lower() == "true"
                    name = f"{manifest.parent.name}/{str(entry).rsplit('/', 1)[-1]}"
                    found.append(Case(name, data, shapes, conforms, _rows(g, result)))

    read(SUITE / "manifest.ttl")
    return found


def with_types_closed(data: Graph) -> Graph:
    """``data`` and the types its ``rdfs:subClassOf`` triples entail (``x a C``, ``C ⊑ D`` gives ``x a D``)."""
    closed = Graph()
    for t in data:
        closed.add(t)
    supers = {c: set(data.transitive_objects(c, RDFS.subClassOf)) for c in set(data.subjects(RDFS.subClassOf))}
    for x, c in list(data.subject_objects(RDF.type)):
        for d in supers.get(c, ()):
            closed.add((x, RDF.type, d))
    return closed


def _term(text: str | None) -> Node | None:
    """An N-Triples term of a result as an rdflib term."""
    if text is None:
        return None
    store_term = next(iter(ox.parse(f"<urn:s> <urn:p> {text} .".encode(), format=ox.RdfFormat.N_TRIPLES))).object
    if isinstance(store_term, ox.NamedNode):
        return URIRef(store_term.value)
    if isinstance(store_term, ox.BlankNode):
        return BNode(text[2:])  # the label as written (parsing would rename it)
    assert isinstance(store_term, ox.Literal)
    if store_term.language:
        return Literal(store_term.value, lang=store_term.language, normalize=False)
    datatype = store_term.datatype.value
    return Literal(store_term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype),
                   normalize=False)


def _ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))  # the same label: results name the data's own blank nodes
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))


def by_sparql(data: Graph, shapes: Graph) -> tuple[bool, frozenset[Row]]:
    """The report of the shapes compiled to SPARQL (raises :class:`UnsupportedShape`)."""
    checks = compile_shapes(shapes)
    store = ox.Store()
    store.extend(ox.Quad(_ox(s), _ox(p), _ox(o)) for s, p, o in data)  # type: ignore[arg-type]
    results = run_report(store, checks)
    rows = frozenset((_term(r.focus), r.path, r.component, _term(r.value)) for r in results)
    return not results, rows  # type: ignore[return-value]  # (SHACL: any result, of any severity)


def by_pyshacl(data: Graph, shapes: Graph) -> tuple[bool, frozenset[Row]]:
    result = validate_graph(data, shapes, Graph())
    report = result.report_graph
    return result.conforms, _rows(report, next(report.subjects(RDF.type, SH.ValidationReport)))


def _agrees(case: Case, got: tuple[bool, frozenset[Row]]) -> bool:
    return got == (case.conforms, case.expected)


def run_suite() -> dict[str, list[str]]:
    """Each test's name under how it went: agreed, refused (then agreed through pyshacl), or
    disagreed (with what was got)."""
    out: dict[str, list[str]] = {"agree": [], "refused": [], "disagree": []}
    for case in _cases():
        data = with_types_closed(case.data)
        try:
            got = by_sparql(data, case.shapes)
        except UnsupportedShape as refused:
            got = by_pyshacl(data, case.shapes)
            kind, note = "refused", f" ({refused})"
        else:
            kind, note = "agree", ""
        if not _agrees(case, got):
            kind = "disagree"
            note += (f": expected conforms {case.conforms}, got {got[0]}; missing {sorted(map(str, case.expected - got[1]))}"
                     f", unexpected {sorted(map(str, got[1] - case.expected))}")
        out[kind].append(case.name + note)
    return out


@pytest.mark.skipif(not (SUITE / "manifest.ttl").exists(), reason="the SHACL Core suite is not here")
def test_the_compiler_agrees_with_the_shacl_core_suite_or_refuses() -> None:
    out = run_suite()
    counts = {k: len(v) for k, v in out.items()}
    print(f"\nSHACL Core suite: {counts['agree']} agree directly, {counts['refused']} refused then agree "
          f"through pyshacl, {counts['disagree']} disagree")
    for name in out["refused"]:
        print("  refused:", name)
    assert sum(counts.values()) >= 98  # the tests of the suite as published
    assert out["disagree"] == []
    assert counts["agree"] >= 90


SMALL = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:a ex:code "VN" ; ex:name "Việt Nam" .
ex:b ex:code "vn1" ; ex:partner ex:a .
ex:CodeShape a sh:NodeShape ; sh:targetNode ex:a , ex:b ;
    sh:property [ sh:path ex:code ; sh:pattern "^[A-Z]{2}$" ; sh:maxLength 2 ] .
ex:PartnerShape a sh:NodeShape ; sh:targetObjectsOf ex:partner ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:in ( "Việt Nam" "Lào" ) ] .
"""


def test_shapes_targeted_by_node_or_by_object_are_checked_not_skipped() -> None:
    g = Graph().parse(data=SMALL, format="turtle")
    conforms, rows = by_sparql(g, g)
    code, ex = "<https://example.org/code>", "https://example.org/"
    assert not conforms and rows == {
        (URIRef(ex + "b"), code, str(SH.PatternConstraintComponent), Literal("vn1")),
        (URIRef(ex + "b"), code, str(SH.MaxLengthConstraintComponent), Literal("vn1"))}
    assert by_pyshacl(g, g) == (conforms, rows)


def test_a_shape_with_a_constraint_the_compiler_does_not_know_is_refused_whatever_its_targets() -> None:
    for target in ("sh:targetNode ex:a", "sh:targetObjectsOf ex:partner", "sh:targetSubjectsOf ex:code"):
        g = Graph().parse(data=SMALL + f"ex:Odd a sh:NodeShape ; {target} ; sh:rule [ ] .", format="turtle")
        with pytest.raises(UnsupportedShape, match="rule"):
            compile_shapes(g)
