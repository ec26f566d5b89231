"""The reasoner against owlrl's full OWL RL closure (``DeductiveClosure(OWLRL_Semantics)``), on
the seeds' graph: with the ontology, and with variants of it that add each kind of axiom. The
entailments compared are those about the data (subjects under ``kgid:``), as the build keeps
them; an axiom the reasoner does not support must be refused when the rules are compiled."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph.reason import UnsupportedAxiom, compile_rules, entailments, full_owlrl_closure
from kg.graph.validate import load_ontology
from kg.storage.store import load_dataset
from kg.vocab import INFERRED_GRAPH, KGID

pytestmark = pytest.mark.slow  # owlrl closes the seeds graph once per variant: minutes

PREFIXES = """
@prefix dip: <https://w3id.org/vn-diplomacy/ontology#> .
@prefix kgid: <https://w3id.org/vn-diplomacy/id/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/test#> .
"""

# Each variant adds axioms of one kind, over properties and classes the seeds' data uses.
VARIANTS: dict[str, str] = {
    "ontology as it is": "",
    "transitive": """
        ex:linkedTo a owl:ObjectProperty , owl:TransitiveProperty .
        dip:evidence rdfs:subPropertyOf ex:linkedTo .
        dip:inArticle rdfs:subPropertyOf ex:linkedTo .
        dip:metWith a owl:TransitiveProperty .""",
    "property chain": """
        ex:visitedState a owl:ObjectProperty ; rdfs:domain ex:Traveller ;
            owl:propertyChainAxiom ( dip:guestIn dip:hostState ) .
        ex:sentenceOf owl:propertyChainAxiom ( dip:evidence dip:inArticle ) .""",
    "someValuesFrom": """
        ex:Host owl:equivalentClass [ a owl:Restriction ; owl:onProperty dip:hostedVisit ;
                                      owl:someValuesFrom dip:OfficialVisit ] .
        ex:Guest owl:equivalentClass [ a owl:Restriction ; owl:onProperty dip:guestIn ;
                                       owl:someValuesFrom owl:Thing ] .""",
    "hasValue": """
        ex:Completed owl:equivalentClass [ a owl:Restriction ; owl:onProperty dip:status ;
                                           owl:hasValue kgid:status\\/completed ] .
        dip:Talks rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:form ; owl:hasValue "talks" ] .""",
    "allValuesFrom": """
        dip:Meeting rdfs:subClassOf [ a owl:Restriction ; owl:onProperty dip:participant ;
                                      owl:allValuesFrom ex:Participant ] .
        ex:Participant rdfs:subClassOf ex:Attendee .""",
    "intersectionOf and unionOf": """
        ex:Completed owl:equivalentClass [ a owl:Restriction ; owl:onProperty dip:status ;
                                           owl:hasValue kgid:status\\/completed ] .
        ex:CompletedVisit owl:equivalentClass [ owl:intersectionOf ( dip:Visit ex:Completed ) ] .
        ex:Gathering owl:equivalentClass [ owl:unionOf ( dip:Visit dip:Meeting ) ] .""",
    "inverse, symmetric, sub- and equivalent properties and classes, domain and range": """
        ex:hosts owl:inverseOf dip:hostState .
        ex:attendee owl:equivalentProperty dip:participant ; rdfs:range ex:Attendee .
        ex:Envoy owl:equivalentClass dip:Person .
        ex:knows a owl:SymmetricProperty ; rdfs:domain ex:Acquaintance .
        dip:metWith rdfs:subPropertyOf ex:knows .""",
    "functional and inverse-functional": """
        dip:holder a owl:InverseFunctionalProperty .
        dip:guest a owl:FunctionalProperty .""",
}

REFUSED: dict[str, str] = {
    "owl:hasKey": "dip:Person owl:hasKey ( dip:holdsPosition ) .",
    "owl:maxCardinality": """dip:Visit rdfs:subClassOf [ a owl:Restriction ; owl:onProperty dip:guest ;
                                                  owl:maxCardinality 1 ] .""",
    "owl:oneOf": "ex:Statuses owl:oneOf ( kgid:status\\/completed kgid:status\\/planned ) .",
}


@pytest.fixture(scope="module")
def asserted(seed_graph: Path) -> Graph:
    ds = load_dataset(seed_graph)
    g = Graph()
    for s, p, o, c in ds.quads((None, None, None, None)):
        if str(c) != str(INFERRED_GRAPH):
            g.add((s, p, o))
    return g


def _variant(extra: str) -> Graph:
    ontology = load_ontology()
    if extra:
        ontology.parse(data=PREFIXES + extra, format="turtle")
    return ontology


def about_the_data(triples: set, ontology: Graph) -> set:
    """The entailments a build keeps: of the graph's own resources, not of the ontology's terms,
    without OWL's bookkeeping (``x a owl:Thing``, ``x owl:sameAs x``) or the blank nodes that
    stand for the ontology's restrictions."""
    schema = set(ontology.subjects())
    out = set()
    for s, p, o in triples:
        if not (isinstance(s, URIRef) and str(s).startswith(str(KGID))) or s in schema:
            continue
        if p == RDF.type and (isinstance(o, (Literal, BNode)) or o in (OWL.Thing, RDFS.Resource, OWL.NamedIndividual)):
            continue
        if p == OWL.sameAs and s == o:
            continue
        out.add((s, p, o))
    return out


def _compare(data: Graph, ontology: Graph) -> tuple[set, set]:
    ours = about_the_data(entailments(set(data), compile_rules(ontology)), ontology)
    theirs = about_the_data(set(full_owlrl_closure(data, ontology)) - set(data), ontology)
    return ours, theirs


@pytest.mark.parametrize("name", list(VARIANTS))
def test_the_reasoner_gives_what_owlrl_gives(asserted: Graph, name: str) -> None:
    ontology = _variant(VARIANTS[name])
    ours, theirs = _compare(asserted, ontology)
    assert ours == theirs, (sorted(ours - theirs)[:5], sorted(theirs - ours)[:5])
    base = about_the_data(entailments(set(asserted), compile_rules(load_ontology())), load_ontology())
    assert name == "ontology as it is" or len(ours - base) > 0  # the variant adds entailments


def test_owl_same_as_in_the_data(asserted: Graph) -> None:
    data = Graph()
    for t in asserted:
        data.add(t)
    a, b = KGID["person/kassym-jomart-tokayev"], KGID["person/nguyen-khac-dinh"]
    data.add((a, OWL.sameAs, b))
    ours, theirs = _compare(data, load_ontology())
    assert ours == theirs, (sorted(ours - theirs)[:5], sorted(theirs - ours)[:5])
    assert (b, OWL.sameAs, a) in ours


def test_multi_premise_rules_say_so() -> None:
    assert compile_rules(load_ontology()).single_premise
    assert not compile_rules(_variant(VARIANTS["transitive"])).single_premise


@pytest.mark.parametrize("name", list(REFUSED))
def test_an_axiom_the_reasoner_does_not_support_is_refused(name: str) -> None:
    with pytest.raises(UnsupportedAxiom, match=name.split(":")[-1]):
        compile_rules(_variant(REFUSED[name]))


def _with_ontology(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str) -> None:
    """Builds from now on read the ontology with ``extra`` axioms."""
    path = tmp_path / "dip.ttl"
    path.write_text(load_ontology().serialize(format="turtle") + PREFIXES + extra, encoding="utf-8")
    monkeypatch.setattr(sys.modules["kg.build"], "ontology_file", lambda: path)


def test_a_rebuild_with_a_transitive_property_reasons_over_the_whole_graph_and_equals_a_fresh_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.build import build
    from tests.test_build import EXTRA, _copy_seeds

    _with_ontology(tmp_path, monkeypatch, VARIANTS["transitive"])
    articles = _copy_seeds(tmp_path / "articles")
    out = tmp_path / "out"
    build(articles, out)
    with open(articles / "001_4318fc97673789ab.txt", "a", encoding="utf-8") as handle:
        handle.write(EXTRA)
    again = build(articles, out)
    assert again.extracted == 1 and again.reasoning == "the whole graph"
    fresh = build(articles, tmp_path / "fresh")
    assert (out / "graph.trig").read_bytes() == (tmp_path / "fresh" / "graph.trig").read_bytes()
    assert again.inferred_triples == fresh.inferred_triples
    assert "https://example.org/test#linkedTo" in (out / "graph.trig").read_text(encoding="utf-8")


def test_a_build_refuses_an_axiom_the_reasoner_does_not_support(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.build import build
    from tests.test_build import _copy_seeds

    _with_ontology(tmp_path, monkeypatch, REFUSED["owl:hasKey"])
    with pytest.raises(UnsupportedAxiom, match="owl:hasKey"):
        build(_copy_seeds(tmp_path / "articles"), tmp_path / "out")
