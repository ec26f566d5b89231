"""Stage 5, reasoning: asserted triples in, their OWL RL entailments (kept apart) out.

owlrl closes the ontology itself (the TBox: sub-class and sub-property hierarchies, inverses,
symmetric properties, domains and ranges). Every rule that then applies to the data has a
single premise (``x P y`` or ``x a C``), so the instance-level closure is a worklist over the
data that costs time in proportion to the data, not owlrl's full closure of everything on
every build. What a rule derives from ``s P o`` is said of ``s`` or of ``o``, so what is
inferred of a node depends only on the triples it is the subject or object of: a rebuild
works it out again for the nodes whose triples changed and keeps the rest
(:func:`kg.build.reason_again`). The compiled rules are kept in the build's cache
(:func:`kept_rules`). ``tests/test_reason.py`` checks the worklist gives the same
entailments as owlrl's full closure on the seeds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..storage.cache import code_digest, write_kept

# Terms are whatever the data is written in: rdflib terms, or N-Triples text (the build's).
Term = Hashable
Triple = tuple[Any, Any, Any]


def _is_literal(term: object) -> bool:
    return isinstance(term, Literal) or (isinstance(term, str) and term.startswith('"'))


@dataclass
class Rules:
    """Single-premise rules compiled from the closed ontology, over terms of one kind."""

    rdf_type: Term = RDF.type
    super_classes: dict[Term, set[Term]] = field(default_factory=lambda: defaultdict(set))
    super_properties: dict[Term, set[Term]] = field(default_factory=lambda: defaultdict(set))
    inverses: dict[Term, set[Term]] = field(default_factory=lambda: defaultdict(set))
    symmetric: set[Term] = field(default_factory=set)
    domains: dict[Term, set[Term]] = field(default_factory=lambda: defaultdict(set))
    ranges: dict[Term, set[Term]] = field(default_factory=lambda: defaultdict(set))

    def apply(self, t: Triple) -> Iterable[Triple]:
        s, p, o = t
        if p == self.rdf_type:
            if not _is_literal(o):
                for c in self.super_classes.get(o, ()):
                    yield (s, p, c)
            return
        for q in self.super_properties.get(p, ()):
            yield (s, q, o)
        if not _is_literal(o):
            for q in self.inverses.get(p, ()):
                yield (o, q, s)
            if p in self.symmetric:
                yield (o, p, s)
            for c in self.ranges.get(p, ()):
                yield (o, self.rdf_type, c)
        for c in self.domains.get(p, ()):
            yield (s, self.rdf_type, c)

    def translated(self, term: Callable[[Any], Term]) -> Rules:
        """The same rules over terms written another way (``n3``: N-Triples text)."""
        def each(rules: dict[Term, set[Term]]) -> dict[Term, set[Term]]:
            return {term(k): {term(x) for x in v} for k, v in rules.items()}
        return Rules(
            rdf_type=term(self.rdf_type), super_classes=each(self.super_classes),
            super_properties=each(self.super_properties), inverses=each(self.inverses),
            symmetric={term(x) for x in self.symmetric}, domains=each(self.domains),
            ranges=each(self.ranges),
        )


def n3(term: Any) -> str:
    """An rdflib term as N-Triples text, the form the build's data is in."""
    return str(term.n3())


def _named(x: object) -> bool:
    return isinstance(x, URIRef)


def compile_rules(ontology: Graph) -> Rules:
    """Close the ontology with owlrl, then read its single-premise rules (over rdflib terms)."""
    closed = Graph()
    for t in ontology:
        closed.add(t)
    # improved_datatypes=False: owlrl would otherwise swap rdflib's literal converters and leave
    # its own for xsd:gMonthDay registered, which fails on "--10-02" and logs a traceback.
    import owlrl  # here: a build that finds the rules kept does without its imports

    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, improved_datatypes=False).expand(closed)
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
    """The rules of an ontology file over N-Triples text (kept while the file is unchanged)."""
    graph = Graph()
    graph.parse(ontology_path, format="turtle")
    return compile_rules(graph).translated(n3)


_RULE_SETS = ("super_classes", "super_properties", "inverses", "domains", "ranges")


def kept_rules(ontology_path: Path, folder: Path) -> Rules:
    """:func:`rules_for`, kept as JSON in ``folder`` between builds: owlrl's closure of the
    ontology takes most of a second, every build. Keyed by the ontology's bytes, this module's
    source and owlrl's version, so a change to any of them compiles the rules again."""
    try:
        owlrl_version = metadata.version("owlrl")
    except metadata.PackageNotFoundError:
        owlrl_version = ""
    path = folder / f"rules-{code_digest(('reason',), [ontology_path], owlrl_version)[:24]}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Rules(rdf_type=data["rdf_type"], symmetric=set(data["symmetric"]),
                     **{name: defaultdict(set, {k: set(v) for k, v in data[name].items()})
                        for name in _RULE_SETS})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # not made yet, or unreadable: compile again
    rules = rules_for(ontology_path, ontology_path.stat().st_mtime)
    data = {"rdf_type": rules.rdf_type, "symmetric": sorted(rules.symmetric),
            **{name: {k: sorted(v) for k, v in getattr(rules, name).items()} for name in _RULE_SETS}}
    write_kept(path, json.dumps(data, sort_keys=True))
    return rules


# Stand-ins for a triple's subject and object, to work out once what the rules derive from any
# triple of one predicate (or of one class, for ``x a C``).
_S, _O, _O_LITERAL = "<urn:kg:subject>", "<urn:kg:object>", '"urn:kg:object"'


def _closure_of(seed: Triple, rules: Rules) -> set[Triple]:
    """Everything the rules derive from one triple, by the worklist."""
    seen, work = {seed}, [seed]
    while work:
        for new in rules.apply(work.pop()):
            if new not in seen:
                seen.add(new)
                work.append(new)
    seen.discard(seed)
    return seen


def entailments(triples: Iterable[Triple], rules: Rules) -> set[Triple]:
    """Every triple the rules derive from ``triples`` that is not among them.

    Each rule has a single premise, so what a triple entails depends only on its predicate (its
    class, for ``x a C``) and on whether its object is a literal: worked out once for each, on
    stand-ins for the subject and the object, then filled in for every triple.
    """
    asserted = triples if isinstance(triples, (set, frozenset)) else set(triples)
    rdf_type = rules.rdf_type
    # what a triple entails, by its key: (predicate, object is a literal), or its class for
    # ``x a C``; each as the triples to add from its subject and object
    templates: dict[Any, tuple[tuple[bool, Any, Any], ...]] = {}
    derived: set[Triple] = set()
    add = derived.add
    for t in asserted:
        s, p, o = t
        if p == rdf_type:
            key: Any = ("a", o)
        else:
            key = (p, o[0] == '"' if type(o) is str else _is_literal(o))
        template = templates.get(key)
        if template is None:
            stand_in = o if p == rdf_type else (_O_LITERAL if key[1] else _O)
            template = tuple((ts == _O, tp, to) for ts, tp, to in _closure_of((_S, p, stand_in), rules))
            templates[key] = template
        if not template:
            continue
        for from_object, tp, to in template:
            if from_object:
                add((o, tp, s if to == _S else to))
            else:
                add((s, tp, o if to in (_O, _O_LITERAL) else (s if to == _S else to)))
    derived -= asserted
    return derived


def full_owlrl_closure(data: Graph, ontology: Graph) -> Graph:
    """owlrl's own OWL RL closure of data and ontology together (slow; for checking)."""
    g = Graph()
    for t in data:
        g.add(t)
    for t in ontology:
        g.add(t)
    import owlrl

    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, improved_datatypes=False).expand(g)
    return g
