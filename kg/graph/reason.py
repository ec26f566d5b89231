"""Stage 5, reasoning: asserted triples in, their OWL RL entailments (kept apart) out.

owlrl closes the ontology itself (the TBox: sub-class and sub-property hierarchies, inverses,
symmetric properties, domains and ranges, equivalences, intersections and unions). Most rules
that then apply to the data have a single premise (``x P y`` or ``x a C``), so the
instance-level closure is a worklist over the data that costs time in proportion to the data,
not owlrl's full closure of everything on every build. What a single-premise rule derives from
``s P o`` is said of ``s`` or of ``o``, so what is inferred of a node depends only on the
triples it is the subject or object of: a rebuild works it out again for the nodes whose
triples changed and keeps the rest (:func:`kg.build.reason_again`).

The rules with more than one premise that an ontology's axioms call for (a transitive
property, a property chain, ``owl:someValuesFrom`` a class, ``owl:allValuesFrom``, an
intersection of classes, functional and inverse-functional properties and the ``owl:sameAs``
they entail or the data states) are run after the worklist, to a fixpoint, over the whole
graph; :attr:`Rules.single_premise` is then false and a rebuild reasons over the whole graph.
An axiom whose entailments this module does not work out (``owl:hasKey``, a maximum
cardinality, ``owl:oneOf``, a restriction on a restriction, ...) is refused when the rules
are compiled, by :class:`UnsupportedAxiom` naming it, rather than left out. The README's "What
each engine supports" lists both. The compiled rules are kept in the build's cache
(:func:`kept_rules`). ``tests/test_reason.py`` and ``tests/test_reason_owlrl.py`` check the
entailments equal owlrl's full closure on the seeds, with the ontology and with variants of it
that add each kind of axiom.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from ..errors import KgError
from ..storage.cache import code_digest, write_kept

# Terms are whatever the data is written in: rdflib terms, or N-Triples text (the build's).
Term = Hashable
Triple = tuple[Any, Any, Any]


def _is_literal(term: object) -> bool:
    return isinstance(term, Literal) or (isinstance(term, str) and term.startswith('"'))


class UnsupportedAxiom(KgError):
    """An axiom of the ontology whose OWL RL entailments the reasoner does not work out."""


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
    # owl:hasValue restrictions: ``x a C`` gives ``x p v`` (cls-hv1); ``x p v`` gives ``x a C`` (cls-hv2)
    class_values: dict[Term, set[tuple[Term, Term]]] = field(default_factory=lambda: defaultdict(set))
    value_classes: dict[tuple[Term, Term], set[Term]] = field(default_factory=lambda: defaultdict(set))
    # the rules of more than one premise
    same_as: Term = OWL.sameAs
    transitive: set[Term] = field(default_factory=set)  # prp-trp
    chains: dict[Term, list[tuple[Term, ...]]] = field(default_factory=lambda: defaultdict(list))  # prp-spo2
    # cls-svf1: x p y, y a filler -> x a each class; (property, filler, classes)
    some_values: list[tuple[Term, Term, tuple[Term, ...]]] = field(default_factory=list)
    # cls-avf: x a one of the classes, x p y -> y a filler; (classes, property, filler)
    all_values: list[tuple[tuple[Term, ...], Term, Term]] = field(default_factory=list)
    # cls-int1: x a every one of the parts -> x a each class; (parts, classes)
    intersections: list[tuple[tuple[Term, ...], tuple[Term, ...]]] = field(default_factory=list)
    functional: set[Term] = field(default_factory=set)  # prp-fp
    inverse_functional: set[Term] = field(default_factory=set)  # prp-ifp

    @property
    def single_premise(self) -> bool:
        """Whether every rule has one premise (so what is inferred of a node depends only on the
        triples it is in), as long as the data states no ``owl:sameAs``."""
        return not (self.transitive or self.chains or self.some_values or self.all_values
                    or self.intersections or self.functional or self.inverse_functional)

    def apply(self, t: Triple) -> Iterable[Triple]:
        s, p, o = t
        if p == self.rdf_type:
            if not _is_literal(o):
                for c in self.super_classes.get(o, ()):
                    yield (s, p, c)
                for q, v in self.class_values.get(o, ()):
                    yield (s, q, v)
            return
        for c in self.value_classes.get((p, o), ()):
            yield (s, self.rdf_type, c)
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

        def row(terms: tuple[Any, ...]) -> tuple[Term, ...]:
            return tuple(term(x) for x in terms)
        return Rules(
            rdf_type=term(self.rdf_type), super_classes=each(self.super_classes),
            super_properties=each(self.super_properties), inverses=each(self.inverses),
            symmetric={term(x) for x in self.symmetric}, domains=each(self.domains),
            ranges=each(self.ranges),
            class_values={term(c): {(term(p), term(x)) for p, x in v} for c, v in self.class_values.items()},
            value_classes={(term(p), term(x)): {term(c) for c in v} for (p, x), v in self.value_classes.items()},
            same_as=term(self.same_as), transitive={term(x) for x in self.transitive},
            chains={term(p): [row(c) for c in v] for p, v in self.chains.items()},
            some_values=[(term(p), term(d), row(cs)) for p, d, cs in self.some_values],
            all_values=[(row(cs), term(p), term(d)) for cs, p, d in self.all_values],
            intersections=[(row(parts), row(cs)) for parts, cs in self.intersections],
            functional={term(x) for x in self.functional},
            inverse_functional={term(x) for x in self.inverse_functional},
        )


def n3(term: Any) -> str:
    """An rdflib term as N-Triples text, the form the build's data is in."""
    return str(term.n3())


def _named(x: object) -> bool:
    return isinstance(x, URIRef)


def compile_rules(ontology: Graph) -> Rules:
    """Close the ontology with owlrl, then read its rules (over rdflib terms); raise
    :class:`UnsupportedAxiom` for an axiom whose entailments they would not give."""
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
    _refuse_unsupported(closed)
    _read_restrictions(closed, rules, ignore)
    _read_multi_premise(closed, rules, ignore)
    return rules


# Axioms whose OWL RL entailments are not worked out here: refused, never skipped. (Axioms that
# only make a graph inconsistent, such as owl:disjointWith or owl:AsymmetricProperty, entail
# nothing; owlrl only logs a message for them, and so they are neither run nor refused.)
_REFUSED = {OWL.hasKey: "owl:hasKey (rule prp-key)", OWL.oneOf: "owl:oneOf (rule cls-oo)",
            OWL.hasSelf: "owl:hasSelf (not OWL RL)"}
_CARDINALITIES = (OWL.maxCardinality, OWL.maxQualifiedCardinality, OWL.cardinality, OWL.qualifiedCardinality)


def _refuse_unsupported(closed: Graph) -> None:
    for predicate, name in _REFUSED.items():
        for subject in closed.subjects(predicate, None):
            raise UnsupportedAxiom(f"the ontology uses {name} (on {subject}), which the reasoner does not support")
    for predicate in _CARDINALITIES:
        for subject, n in closed.subject_objects(predicate):
            if str(n) != "0":
                raise UnsupportedAxiom(f"the ontology uses {predicate.n3(closed.namespace_manager)} {n} (on "
                                       f"{closed.value(subject, OWL.onProperty)}), whose owl:sameAs entailments "
                                       f"(rules cls-maxc2, cls-maxqc3/4) the reasoner does not support")


def _supers(closed: Graph, c: Node, ignore: set[URIRef]) -> tuple[Term, ...]:
    """The named classes ``c`` is (itself, if named, and its super-classes in the closed ontology)."""
    named = {d for d in closed.objects(c, RDFS.subClassOf) if _named(d) and d not in ignore}
    return tuple(sorted(named | ({c} if _named(c) else set()), key=str))


def _subs(closed: Graph, c: Node) -> tuple[Term, ...]:
    """The named classes that are ``c`` or its sub-classes in the closed ontology."""
    return tuple(sorted({d for d in closed.subjects(RDFS.subClassOf, c) if _named(d)} |
                        ({c} if _named(c) else set()), key=str))


def _read_restrictions(closed: Graph, rules: Rules, ignore: set[URIRef]) -> None:
    """owl:hasValue, owl:someValuesFrom and owl:allValuesFrom restrictions, as rules on the named
    classes that are sub- and super-classes of each."""
    for r, p in closed.subject_objects(OWL.onProperty):
        if not _named(p):
            raise UnsupportedAxiom(f"a restriction on the property expression {p} (an inverse, ...)")
        for v in closed.objects(r, OWL.hasValue):
            if isinstance(v, BNode):
                raise UnsupportedAxiom(f"owl:hasValue of a blank node on {p}")
            for c in _subs(closed, r):  # cls-hv1
                rules.class_values[c].add((p, v))
            rules.value_classes[(p, v)].update(_supers(closed, r, ignore))  # cls-hv2
        for filler in closed.objects(r, OWL.someValuesFrom):
            classes = _supers(closed, r, ignore)
            if filler == OWL.Thing:  # cls-svf2: one premise, like a domain
                rules.domains[p].update(classes)
            elif not _named(filler) or str(filler).startswith((str(RDFS.Literal), "http://www.w3.org/2001/XMLSchema#")):
                raise UnsupportedAxiom(f"owl:someValuesFrom {filler} on {p}: only a named class is supported")
            elif classes:
                rules.some_values.append((p, filler, classes))
        for filler in closed.objects(r, OWL.allValuesFrom):
            if not _named(filler) or str(filler).startswith((str(RDFS.Literal), "http://www.w3.org/2001/XMLSchema#")):
                raise UnsupportedAxiom(f"owl:allValuesFrom {filler} on {p}: only a named class is supported")
            if filler not in ignore and (holders := _subs(closed, r)):
                rules.all_values.append((holders, p, filler))
    rules.some_values.sort(key=str)
    rules.all_values.sort(key=str)


def _read_multi_premise(closed: Graph, rules: Rules, ignore: set[URIRef]) -> None:
    for kind, found in ((OWL.TransitiveProperty, rules.transitive), (OWL.FunctionalProperty, rules.functional),
                        (OWL.InverseFunctionalProperty, rules.inverse_functional)):
        for p in closed.subjects(RDF.type, kind):
            if not _named(p):
                raise UnsupportedAxiom(f"{kind.n3(closed.namespace_manager)} of a property expression {p}")
            found.add(p)
    for p, chain in closed.subject_objects(OWL.propertyChainAxiom):
        links = tuple(closed.items(chain))
        if not _named(p) or not links or not all(_named(q) for q in links):
            raise UnsupportedAxiom(f"owl:propertyChainAxiom of {p}: only a chain of named properties is supported")
        if links not in rules.chains[p]:
            rules.chains[p].append(links)
    for c, parts_list in closed.subject_objects(OWL.intersectionOf):
        parts = tuple(closed.items(parts_list))
        if not all(_named(part) for part in parts):
            raise UnsupportedAxiom(f"owl:intersectionOf on {c}: only an intersection of named classes is supported")
        classes = _supers(closed, c, ignore)
        if parts and classes:
            rules.intersections.append((parts, classes))
    rules.intersections.sort(key=str)


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
        return _from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # not made yet, or unreadable: compile again
    rules = rules_for(ontology_path, ontology_path.stat().st_mtime)
    write_kept(path, json.dumps(_to_json(rules), sort_keys=True))
    return rules


def _to_json(rules: Rules) -> dict[str, Any]:
    """Rules over N-Triples text, as JSON values (tuples as lists)."""
    return {"rdf_type": rules.rdf_type, "same_as": rules.same_as, "symmetric": sorted(rules.symmetric),
            **{name: {k: sorted(v) for k, v in getattr(rules, name).items()} for name in _RULE_SETS},
            "class_values": {c: sorted(v) for c, v in rules.class_values.items()},
            "value_classes": sorted([list(pv), sorted(cs)] for pv, cs in rules.value_classes.items()),  # type: ignore[type-var]
            "transitive": sorted(rules.transitive), "functional": sorted(rules.functional),
            "inverse_functional": sorted(rules.inverse_functional),
            "chains": {p: [list(c) for c in cs] for p, cs in rules.chains.items()},
            "some_values": [[p, d, list(cs)] for p, d, cs in rules.some_values],
            "all_values": [[list(cs), p, d] for cs, p, d in rules.all_values],
            "intersections": [[list(parts), list(cs)] for parts, cs in rules.intersections]}


def _from_json(data: dict[str, Any]) -> Rules:
    return Rules(
        rdf_type=data["rdf_type"], same_as=data["same_as"], symmetric=set(data["symmetric"]),
        super_classes=defaultdict(set, {k: set(v) for k, v in data["super_classes"].items()}),
        super_properties=defaultdict(set, {k: set(v) for k, v in data["super_properties"].items()}),
        inverses=defaultdict(set, {k: set(v) for k, v in data["inverses"].items()}),
        domains=defaultdict(set, {k: set(v) for k, v in data["domains"].items()}),
        ranges=defaultdict(set, {k: set(v) for k, v in data["ranges"].items()}),
        class_values=defaultdict(set, {c: {(p, v) for p, v in pvs} for c, pvs in data["class_values"].items()}),
        value_classes=defaultdict(set, {(pv[0], pv[1]): set(cs) for pv, cs in data["value_classes"]}),
        transitive=set(data["transitive"]), functional=set(data["functional"]),
        inverse_functional=set(data["inverse_functional"]),
        chains=defaultdict(list, {p: [tuple(c) for c in cs] for p, cs in data["chains"].items()}),
        some_values=[(p, d, tuple(cs)) for p, d, cs in data["some_values"]],
        all_values=[(tuple(cs), p, d) for cs, p, d in data["all_values"]],
        intersections=[(tuple(parts), tuple(cs)) for parts, cs in data["intersections"]])


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

    The single-premise rules first: what a triple entails through them depends only on its
    predicate (its class, for ``x a C``; its object too where an owl:hasValue rule reads it) and
    on whether its object is a literal: worked out once for each, on stand-ins for the subject
    and the object, then filled in for every triple. Then, where the ontology calls for them or
    the data states ``owl:sameAs``, the rules of more than one premise, to a fixpoint.
    """
    asserted: AbstractSet[Triple] = triples if isinstance(triples, (set, frozenset)) else set(triples)
    templates: dict[Any, tuple[tuple[int, Any, Any, int, Any], ...]] = {}
    derived = _single(asserted, rules, templates)
    if not rules.single_premise or any(key[0] == rules.same_as for key in templates):
        derived |= _to_fixpoint(asserted | derived, rules, templates)
        derived = {t for t in derived if not _is_literal(t[0])}  # (no literal is a subject in RDF)
    derived -= asserted
    return derived


def reasons_locally(rules: Rules, incident: Iterable[Triple], previous: bytes) -> bool:
    """Whether what is inferred of the nodes of ``incident`` (every triple they are in) can be
    worked out from those triples alone, the rest of the ``previous`` inferred graph (its TriG
    block) kept: only when every rule has one premise and no ``owl:sameAs`` is stated, in these
    triples or, judging by the previous inferred graph, anywhere else."""
    return rules.single_premise and str(OWL.sameAs).encode() not in previous and \
        not any(t[1] == rules.same_as for t in incident)


def _role(term: Any, stand_in: Any) -> tuple[int, Any]:
    """Where a term of a template comes from: the triple's subject (0), its object (1), or itself (2)."""
    if term == _S:
        return 0, None
    if term == stand_in:
        return 1, None
    return 2, term


def _single(triples: AbstractSet[Triple], rules: Rules,
            templates: dict[Any, tuple[tuple[int, Any, Any, int, Any], ...]]) -> set[Triple]:
    """What the single-premise rules derive from ``triples`` (some of them may be among them)."""
    rdf_type = rules.rdf_type
    read_object = {p for p, _ in rules.value_classes}  # predicates whose value an owl:hasValue rule reads
    derived: set[Triple] = set()
    add = derived.add
    for t in triples:
        s, p, o = t
        if p == rdf_type:
            key: Any = ("a", o)
        elif p in read_object:
            key = ("v", p, o)
        else:
            key = (p, o[0] == '"' if type(o) is str else _is_literal(o))
        template = templates.get(key)
        if template is None:
            if p == rdf_type or p in read_object:
                stand_in = o
            else:
                stand_in = _O_LITERAL if key[1] else _O
            template = tuple((*_role(ts, stand_in), tp, *_role(to, stand_in))
                             for ts, tp, to in _closure_of((_S, p, stand_in), rules))
            templates[key] = template
        for s_role, s_term, tp, o_role, o_term in template:
            add((s if s_role == 0 else (o if s_role == 1 else s_term), tp,
                 s if o_role == 0 else (o if o_role == 1 else o_term)))
    return derived


def _to_fixpoint(known: AbstractSet[Triple], rules: Rules,
                 templates: dict[Any, tuple[tuple[int, Any, Any, int, Any], ...]]) -> set[Triple]:
    """What the rules of more than one premise (and the single-premise ones after them) add to
    ``known``, closed under the single-premise rules, until nothing more follows."""
    known = set(known)
    added: set[Triple] = set()
    while True:
        found = _multi_step(known, rules) - known
        if not found:
            return added
        found |= _single(found, rules, templates)
        found -= known
        known |= found
        added |= found


def _index(known: set[Triple], rules: Rules) -> tuple[dict[Any, list[tuple[Any, Any]]], dict[Any, set[Any]]]:
    """The (subject, object) pairs of the predicates, and the members of the classes, the
    rules of more than one premise read."""
    predicates = {rules.same_as, *rules.transitive, *rules.functional, *rules.inverse_functional,
                  *(q for chains in rules.chains.values() for chain in chains for q in chain),
                  *(p for p, _, _ in rules.some_values), *(p for _, p, _ in rules.all_values)}
    classes = {*(d for _, d, _ in rules.some_values), *(c for cs, _, _ in rules.all_values for c in cs),
               *(c for parts, _ in rules.intersections for c in parts)}
    pairs: dict[Any, list[tuple[Any, Any]]] = defaultdict(list)
    members: dict[Any, set[Any]] = defaultdict(set)
    for s, p, o in known:
        if p == rules.rdf_type:
            if o in classes:
                members[o].add(s)
        elif p in predicates:
            pairs[p].append((s, o))
    return pairs, members


def _successors(pairs: list[tuple[Any, Any]]) -> dict[Any, set[Any]]:
    out: dict[Any, set[Any]] = defaultdict(set)
    for s, o in pairs:
        out[s].add(o)
    return out


def _components(succ: dict[Any, set[Any]]) -> tuple[list[list[Any]], dict[Any, int]]:
    """The strongly connected components of a graph (Tarjan's, without recursion), each after
    every component it reaches, and the component of each node."""
    index: dict[Any, int] = {}
    low: dict[Any, int] = {}
    stack: list[Any] = []
    on_stack: set[Any] = set()
    components: list[list[Any]] = []
    component_of: dict[Any, int] = {}
    for root in list(succ):
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work: list[tuple[Any, Iterator[Any]]] = [(root, iter(succ.get(root, ())))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(succ.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component_of[member] = len(components)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
    return components, component_of


def _transitive_closure(succ: dict[Any, set[Any]]) -> Iterator[tuple[Any, Any]]:
    """Every pair (x, z) with a path from x to z: by components, each reaching what the
    components it points to reach (linear in the size of the answer, not a search from
    every node)."""
    components, component_of = _components(succ)
    reached: list[set[Any]] = []  # of each component: its members and all they reach
    for i, component in enumerate(components):
        beyond: set[Any] = set()
        for member in component:
            for child in succ.get(member, ()):
                if component_of[child] != i:
                    beyond |= reached[component_of[child]]
        cyclic = len(component) > 1 or component[0] in succ.get(component[0], ())
        targets = beyond | set(component) if cyclic else beyond
        for member in component:
            for target in targets:
                yield member, target
        reached.append(beyond | set(component))


def _multi_step(known: set[Triple], rules: Rules) -> set[Triple]:
    """One round of the rules of more than one premise over ``known``."""
    pairs, members = _index(known, rules)
    a = rules.rdf_type
    out: set[Triple] = set()
    for p in rules.transitive:  # prp-trp
        out.update((x, p, y) for x, y in _transitive_closure(_successors(pairs[p])))
    for p, chains in rules.chains.items():  # prp-spo2
        for chain in chains:
            ends = _successors(pairs[chain[0]])
            for q in chain[1:]:
                step = _successors(pairs[q])
                ends = {x: {z for y in ys for z in step.get(y, ())} for x, ys in ends.items()}
            out.update((x, p, y) for x, ys in ends.items() for y in ys)
    for p, filler, classes in rules.some_values:  # cls-svf1
        inside = members.get(filler, set())
        out.update((s, a, c) for s, o in pairs[p] if o in inside for c in classes)
    for holders, p, filler in rules.all_values:  # cls-avf
        held = set().union(*(members.get(c, set()) for c in holders))
        out.update((o, a, filler) for s, o in pairs[p] if s in held)
    for parts, classes in rules.intersections:  # cls-int1
        common = set.intersection(*(members.get(c, set()) for c in parts))
        out.update((x, a, c) for x in common for c in classes)
    out |= _same_as(known, rules, pairs)
    return out


def _same_as(known: set[Triple], rules: Rules, pairs: dict[Any, list[tuple[Any, Any]]]) -> set[Triple]:
    """owl:sameAs: stated, or entailed by a functional or inverse-functional property (prp-fp,
    prp-ifp); its symmetric and transitive closure (eq-sym, eq-trans) and every triple with a
    term replaced by one the same as it (eq-rep-s, eq-rep-p, eq-rep-o)."""
    same = list(pairs[rules.same_as])
    for p in rules.functional:
        for ys in _successors(pairs[p]).values():
            same += [(y, z) for y in ys for z in ys if y != z]
    for p in rules.inverse_functional:
        for xs in _successors([(o, s) for s, o in pairs[p]]).values():
            same += [(x, z) for x in xs for z in xs if x != z]
    if not same:
        return set()
    parent: dict[Any, Any] = {}

    def root(x: Any) -> Any:
        while parent.get(x, x) != x:
            x = parent[x]
        return x
    for x, y in same:
        rx, ry = root(x), root(y)
        if rx != ry:
            parent[rx] = ry
    groups: dict[Any, set[Any]] = defaultdict(set)
    for x in list(parent):
        groups[root(x)].add(x)
    for r, group in groups.items():
        group.add(r)
    of = {x: group for group in groups.values() for x in group}
    out = {(x, rules.same_as, y) for group in groups.values() for x in group for y in group if x != y}
    for s, p, o in known:
        if s in of or p in of or o in of:
            out.update((s2, p2, o2) for s2 in of.get(s, (s,)) for p2 in of.get(p, (p,)) for o2 in of.get(o, (o,)))
    return out


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
