"""Stage 5, reasoning: asserted triples in, their OWL RL entailments (kept apart) out.

owlrl closes the ontology itself (the TBox: sub-class and sub-property hierarchies, inverses,
symmetric properties, domains and ranges). Every rule that then applies to the data has a
single premise (``x P y`` or ``x a C``), so the instance-level closure is a worklist over the
data that costs time in proportion to the data, not owlrl's full closure of everything on
every build. ``tests/test_reason.py`` checks the two give the same entailments on the seeds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import owlrl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]


@dataclass
class Rules:
    """Single-premise rules compiled from the closed ontology."""

    super_classes: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    super_properties: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    inverses: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    symmetric: set[URIRef] = field(default_factory=set)
    domains: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    ranges: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))

    def apply(self, t: Triple) -> Iterable[Triple]:
        s, p, o = t
        if p == RDF.type:
            if isinstance(o, URIRef):
                for c in self.super_classes.get(o, ()):
                    yield (s, RDF.type, c)
            return
        for q in self.super_properties.get(p, ()):
            yield (s, q, o)
        if not isinstance(o, Literal):
            for q in self.inverses.get(p, ()):
                yield (o, q, s)  # type: ignore[misc]
            if p in self.symmetric:
                yield (o, p, s)  # type: ignore[misc]
            for c in self.ranges.get(p, ()):
                yield (o, RDF.type, c)  # type: ignore[misc]
        for c in self.domains.get(p, ()):
            yield (s, RDF.type, c)


def _named(x: object) -> bool:
    return isinstance(x, URIRef)


def compile_rules(ontology: Graph) -> Rules:
    """Close the ontology with owlrl, then read its single-premise rules."""
    closed = Graph()
    for t in ontology:
        closed.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False).expand(closed)
    rules = Rules()
    ignore = {OWL.Thing, RDFS.Resource, OWL.Nothing}
    for c, d in closed.subject_objects(RDFS.subClassOf):
        if _named(c) and _named(d) and c != d and d not in ignore:
            rules.super_classes[c].add(d)
    for p, q in closed.subject_objects(RDFS.subPropertyOf):
        if _named(p) and _named(q) and p != q:
            rules.super_properties[p].add(q)
    for p, q in closed.subject_objects(OWL.inverseOf):
        if _named(p) and _named(q):
            rules.inverses[p].add(q)
            rules.inverses[q].add(p)
    for p in closed.subjects(RDF.type, OWL.SymmetricProperty):
        if _named(p):
            rules.symmetric.add(p)
    for p, c in closed.subject_objects(RDFS.domain):
        if _named(p) and _named(c) and c not in ignore:
            rules.domains[p].add(c)
    for p, c in closed.subject_objects(RDFS.range):
        if _named(p) and _named(c) and c not in ignore and not str(c).startswith(str(RDFS.Literal)) \
                and not str(c).startswith("http://www.w3.org/2001/XMLSchema#"):
            rules.ranges[p].add(c)
    # inverse of a super property is a super property of the inverse: the worklist finds it
    return rules


@lru_cache(maxsize=4)
def rules_for(ontology_path: Path, mtime: float) -> Rules:
    graph = Graph()
    graph.parse(ontology_path, format="turtle")
    return compile_rules(graph)


def entailments(triples: Iterable[Triple], rules: Rules) -> set[Triple]:
    """Every triple the rules derive from ``triples`` that is not among them."""
    asserted = set(triples)
    seen = set(asserted)
    work = list(asserted)
    derived: set[Triple] = set()
    while work:
        t = work.pop()
        for new in rules.apply(t):
            if new not in seen:
                seen.add(new)
                derived.add(new)
                work.append(new)
    return derived


def full_owlrl_closure(data: Graph, ontology: Graph) -> Graph:
    """owlrl's own OWL RL closure of data and ontology together (slow; for checking)."""
    g = Graph()
    for t in data:
        g.add(t)
    for t in ontology:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False).expand(g)
    return g
