"""The SHACL shapes catch real mistakes: each test breaks one thing in the seed graph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, SKOS

from kg.graph.shacl_sparql import UnsupportedShape, compile_shapes, run_checks
from kg.graph.validate import (
    SPARQL_ENGINE,
    findings,
    load_ontology,
    load_shapes,
    validate_graph,
    validate_location,
    validate_store,
)
from kg.storage.store import load_dataset, open_store
from kg.vocab import DIP, KGID, ONTOLOGY_GRAPH

pytestmark = pytest.mark.slow  # pyshacl on the seed graph, per shape

Mutation = Callable[[Graph], None]


@pytest.fixture(scope="module")
def seed_data(seed_graph: Path) -> Graph:
    ds = load_dataset(seed_graph)
    data = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        data.add((s, p, o))
    return data


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def _first(g: Graph, cls: URIRef) -> URIRef:
    return sorted(s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef))[0]


def _visit(g: Graph) -> URIRef:
    return _first(g, DIP.OfficialVisit)


def drop_guest(g: Graph) -> None:
    g.remove((_visit(g), DIP.guest, None))


def drop_host_state(g: Graph) -> None:
    g.remove((_visit(g), DIP.hostState, None))


def drop_start_of_completed_visit(g: Graph) -> None:
    g.remove((_visit(g), DIP.startDate, None))


def end_before_start(g: Graph) -> None:
    v = URIRef(str(KGID["visit/test"]))
    for p, o in g.predicate_objects(_visit(g)):
        if p not in (DIP.startDate, DIP.endDate):
            g.add((v, p, o))
    g.add((v, DIP.startDate, Literal("2023-08-22", datatype=XSD.date)))
    g.add((v, DIP.endDate, Literal("2023-08-20", datatype=XSD.date)))


def impossible_date(g: Graph) -> None:
    g.add((_visit(g), DIP.endDate, Literal("2023-02-30", datatype=XSD.date)))


def untyped_date(g: Graph) -> None:
    g.add((_first(g, DIP.Talks), DIP.date, Literal("12 June 2023")))


def meeting_with_one_person(g: Graph) -> None:
    m = _first(g, DIP.Talks)
    people = sorted(g.objects(m, DIP.participant))
    g.remove((m, DIP.participant, people[0]))


def agreement_without_parties(g: Graph) -> None:
    g.remove((_first(g, DIP.Protocol), DIP.party, None))


def agreement_without_status(g: Graph) -> None:
    g.remove((_first(g, DIP.Protocol), DIP.hasStatusEvent, None))


def person_without_name(g: Graph) -> None:
    g.add((KGID["person/nobody"], RDF.type, DIP.Person))


def fact_without_source(g: Graph) -> None:
    g.remove((_first(g, DIP.TradeFigure), DIP.source, None))


def fact_without_sentence(g: Graph) -> None:
    g.remove((_first(g, DIP.DiplomaticRelation), DIP.evidence, None))


def trade_with_three_states(g: Graph) -> None:
    g.add((_first(g, DIP.TradeFigure), DIP.betweenState, KGID["state/RU"]))


def negative_trade(g: Graph) -> None:
    t = _first(g, DIP.TradeFigure)
    g.remove((t, DIP.valueUSD, None))
    g.add((t, DIP.valueUSD, Literal("-5", datatype=XSD.decimal)))


def two_preferred_names(g: Graph) -> None:
    p = _first(g, DIP.Person)
    g.add((p, SKOS.prefLabel, Literal("Someone Else")))


def held_in_an_organisation(g: Graph) -> None:
    g.add((_visit(g), DIP.heldIn, KGID["org/ASEAN"]))


def occasion_of_a_state(g: Graph) -> None:
    g.add((_visit(g), DIP.occasionOf, KGID["state/RU"]))


CASES: list[tuple[Mutation, str]] = [
    (drop_guest, "exactly one guest"),
    (drop_host_state, "host state"),
    (end_before_start, "before it starts"),
    (impossible_date, "not a valid date"),
    (untyped_date, "not a valid date"),
    (meeting_with_one_person, "at least two participants"),
    (agreement_without_parties, "parties"),
    (agreement_without_status, "needs a status"),
    (person_without_name, "preferred name"),
    (fact_without_source, "article it was read from"),
    (fact_without_sentence, "sentence it was read from"),
    (trade_with_three_states, "exactly two states"),
    (negative_trade, "non-negative value"),
    (two_preferred_names, "preferred name"),
    (held_in_an_organisation, "held in a state"),
    (occasion_of_a_state, "belongs to an international organisation"),
]


def test_the_seed_graph_conforms(seed_data: Graph, shapes: Graph, ontology: Graph) -> None:
    result = validate_graph(seed_data, shapes, ontology)
    assert result.conforms, result.report_text


def _broken(seed_data: Graph, mutate: Mutation) -> Graph:
    """A copy of the seed graph, broken by ``mutate``."""
    bad = Graph()
    for t in seed_data:
        bad.add(t)
    mutate(bad)
    return bad


@pytest.mark.parametrize("mutate, message", CASES, ids=[c[0].__name__ for c in CASES])
def test_each_shape_catches_a_bad_graph(seed_data: Graph, shapes: Graph, ontology: Graph,
                                        mutate: Mutation, message: str) -> None:
    result = validate_graph(_broken(seed_data, mutate), shapes, ontology)
    assert not result.conforms
    assert result.violations >= 1
    assert message in result.report_text, result.report_text[:2000]


def test_a_completed_visit_told_without_its_date_is_a_warning_not_a_violation(
        seed_data: Graph, shapes: Graph, ontology: Graph) -> None:
    bad = _broken(seed_data, drop_start_of_completed_visit)
    assert (DIP.status, URIRef("https://w3id.org/vn-diplomacy/id/status/completed")) in set(
        bad.predicate_objects(_visit(bad)))
    result = validate_graph(bad, shapes, ontology)
    assert (result.conforms, result.violations, result.warnings) == (True, 0, 1)
    assert "completed visit has no start date" in result.report_text
    store = ox.Store()  # the large builds' validator says the same, as a warning
    store.load(bad.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert [(v.focus, v.severity) for v in run_checks(store, compile_shapes(shapes))] == [(str(_visit(bad)), "Warning")]


# ---- the shapes as SPARQL (the validator of large builds) report what pyshacl reports

def _pyshacl_findings(g: Graph, shapes: Graph, ontology: Graph) -> set[tuple[str, str]]:
    return {(f.focus, f.message) for f in findings(validate_graph(g, shapes, ontology).report_graph)
            if f.severity == "Violation"}


def _sparql_findings(g: Graph, shapes: Graph) -> set[tuple[str, str]]:
    store = ox.Store()  # the data in the default graph, as the build gives it to the checks
    store.load(g.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return {(v.focus, v.message) for v in run_checks(store, compile_shapes(shapes))}


def test_the_shapes_as_sparql_find_nothing_in_the_seed_graph(seed_data: Graph, shapes: Graph) -> None:
    assert _sparql_findings(seed_data, shapes) == set()


@pytest.mark.parametrize("mutate, message", CASES, ids=[c[0].__name__ for c in CASES])
def test_the_shapes_as_sparql_report_what_pyshacl_reports(seed_data: Graph, shapes: Graph, ontology: Graph,
                                                         mutate: Mutation, message: str) -> None:
    bad = _broken(seed_data, mutate)
    theirs = _pyshacl_findings(bad, shapes, ontology)
    assert any(message in m for _, m in theirs)
    assert _sparql_findings(bad, shapes) == theirs


def test_the_sparql_checks_of_some_focus_nodes_find_theirs_only(seed_data: Graph, shapes: Graph) -> None:
    bad = _broken(seed_data, CASES[0][0])
    store = ox.Store()
    store.load(bad.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    checks = compile_shapes(shapes)
    everything = run_checks(store, checks)
    assert everything
    broken = {f"<{v.focus}>" for v in everything}
    assert run_checks(store, checks, broken) == everything
    assert run_checks(store, checks, {"<https://w3id.org/vn-diplomacy/id/nobody>"}) == []


def test_a_shape_the_compiler_cannot_translate_is_refused(shapes: Graph) -> None:
    odd = Graph()
    for t in shapes:
        odd.add(t)
    shape = URIRef("https://example.org/OddShape")
    odd.add((shape, RDF.type, SH.NodeShape))
    odd.add((shape, SH.targetClass, DIP.Visit))
    odd.add((shape, SH.rule, URIRef("https://example.org/SomeRule")))  # SHACL-AF, not Core
    with pytest.raises(UnsupportedShape, match="rule"):
        compile_shapes(odd)


@pytest.fixture(scope="module")
def broken_trig(seed_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph with a visit without a guest and a meeting without participants, in every graph."""
    ds = load_dataset(seed_graph)
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    visit, meeting = _visit(merged), _first(merged, DIP.Talks)
    for g in ds.graphs():
        g.remove((visit, DIP.guest, None))
        g.remove((meeting, DIP.participant, None))
    broken = tmp_path_factory.mktemp("broken") / "broken.trig"
    ds.serialize(broken, format="trig")
    return broken


def test_kg_validate_finds_with_either_engine_what_the_other_does(seed_graph: Path, broken_trig: Path) -> None:
    second = validate_location(broken_trig, engine="pyshacl")
    assert second.how.startswith("pyshacl") and not second.conforms and second.violations >= 2
    first = validate_location(broken_trig)
    assert first.how.startswith("the shapes as SPARQL on Oxigraph")
    assert (first.conforms, first.violations, first.messages) == (False, second.violations, second.messages)
    g = load_dataset(seed_graph)
    assert {m[1] for m in first.messages} >= {str(_visit(g)), str(_first(g, DIP.Talks))}
    assert validate_location(seed_graph).conforms


def test_the_checks_read_a_build_store_as_they_read_the_graph(broken_trig: Path) -> None:
    # named graphs, and in the default graph their merge and the ontology (as a build's store)
    store = open_store(broken_trig)
    found, how = validate_store(store)
    assert how == SPARQL_ENGINE
    assert tuple((f.severity, f.focus, f.message) for f in found) == validate_location(broken_trig).messages
    broken = {f"<{f.focus}>" for f in found}
    conforming = f"<{_first(load_dataset(broken_trig), DIP.Person)}>"
    assert validate_store(store, broken | {conforming}) == (found, SPARQL_ENGINE)  # a rebuild's changed nodes
    assert validate_store(store, {conforming}) == ([], SPARQL_ENGINE)
    assert validate_store(store, set()) == ([], SPARQL_ENGINE)


@pytest.fixture(scope="module")
def data_alone(seed_graph: Path) -> Graph:
    """The seed graph without its ontology graph."""
    ds = load_dataset(seed_graph)
    data = Graph()
    for s, p, o, g in ds.quads((None, None, None, None)):
        if g != ONTOLOGY_GRAPH:
            data.add((s, p, o))
    return data


@pytest.mark.parametrize("mutate, message", CASES, ids=[c[0].__name__ for c in CASES])
def test_the_ontology_beside_the_data_changes_no_finding(data_alone: Graph, shapes: Graph, ontology: Graph,
                                                         mutate: Mutation, message: str) -> None:
    # the build's store holds the ontology in its default graph, with the merge of the data
    bad = _broken(data_alone, mutate)
    with_ontology = _broken(bad, lambda g: [g.add(t) for t in ontology])
    assert len(with_ontology) > len(bad)
    found = _sparql_findings(bad, shapes)
    assert any(message in m for _, m in found)
    assert _sparql_findings(with_ontology, shapes) == found
