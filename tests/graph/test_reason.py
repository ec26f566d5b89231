"""The reasoner: owlrl closes the ontology; the single-premise worklist over the data gives
the same instance-level entailments as owlrl's full OWL RL closure of data and ontology."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph.reason import compile_rules, entailments, full_owlrl_closure
from kg.graph.validate import load_ontology
from kg.storage.store import load_dataset
from kg.vocab import DIP, INFERRED_GRAPH, KGID, ONTOLOGY_GRAPH


def _asserted(seed_graph: Path) -> Graph:
    ds = load_dataset(seed_graph)
    g = Graph()
    for s, p, o, c in ds.quads((None, None, None, None)):
        if str(c) not in (str(INFERRED_GRAPH), str(ONTOLOGY_GRAPH)):  # the data (the ontology is in graph.trig too)
            g.add((s, p, o))
    return g


def _instance_level(triples: set, ontology: Graph) -> set:
    """Triples about the graph's own resources (not the ontology, not OWL bookkeeping)."""
    schema = set(ontology.subjects())
    out = set()
    for s, p, o in triples:
        if not (isinstance(s, URIRef) and str(s).startswith(str(KGID))):
            continue
        if p in (OWL.sameAs,) or (p == RDF.type and o in (OWL.Thing, RDFS.Resource, OWL.NamedIndividual)):
            continue
        if isinstance(o, Literal) and p == RDF.type:
            continue
        if s in schema:
            continue
        out.add((s, p, o))
    return out


@pytest.mark.slow
def test_worklist_equals_owlrl_on_the_seeds(seed_graph: Path) -> None:
    ontology = load_ontology()
    data = _asserted(seed_graph)
    ours = entailments(set(data), compile_rules(ontology))
    full = full_owlrl_closure(data, ontology)
    theirs = _instance_level(set(full) - set(data), ontology)
    assert _instance_level(ours, ontology) == theirs
    assert len(theirs) > 1000


def test_inferred_graph_is_kept_apart_and_holds_the_entailments(seed_graph: Path) -> None:
    ds = load_dataset(seed_graph)
    inferred = ds.graph(INFERRED_GRAPH)
    asserted = _asserted(seed_graph)
    assert len(inferred) > 0
    assert not any(t in asserted for t in inferred)
    visit = KGID["visit/kassym-jomart-tokayev-vn-2023"]
    assert (visit, RDF.type, DIP.Visit) in inferred  # from dip:OfficialVisit
    assert (visit, RDF.type, DIP.DiplomaticEvent) in inferred
    guest = KGID["person/kassym-jomart-tokayev"]
    assert (guest, DIP.guestIn, visit) in inferred  # owl:inverseOf
    a, b = KGID["person/nguyen-khac-dinh"], KGID["person/dzhamilia-isaeva"]
    assert ((a, DIP.metWith, b) in inferred) != ((b, DIP.metWith, a) in inferred)  # symmetric
    assert (KGID["state/KG"], DIP.hasDiplomaticRelationWith, KGID["state/VN"]) in inferred or \
        (KGID["state/VN"], DIP.hasDiplomaticRelationWith, KGID["state/KG"]) in inferred
