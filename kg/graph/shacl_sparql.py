"""The SHACL shapes as SPARQL queries: the validator of every build and of ``kg validate``.

Each constraint of a shape is one SPARQL query that finds every focus node (and value) breaking
it, run on Oxigraph: its cost grows with the graph as the queries' scans do, where pyshacl,
which checks each focus node in Python, took 18 s for the 26,000 triples of 100 articles and
79 s for the 106,000 of 500 (:mod:`kg.graph.validate` has the measurements).
``tests/graph/test_shacl.py`` checks the two engines report the same focus nodes and messages on
the seed graph and on every broken graph, ``tests/test_build.py`` that a build's report is the
same bytes with either; ``tests/graph/test_shacl_conformance.py`` runs the W3C SHACL Core test
suite.

What is compiled (SHACL Core, the README's "What each engine supports" lists it too):

- targets: ``sh:targetClass``, ``sh:targetNode``, ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf`` and implicit class targets (a shape that is an ``rdfs:Class``);
- paths: an IRI, ``sh:inversePath``, sequences, ``sh:alternativePath``,
  ``sh:zeroOrMorePath``, ``sh:oneOrMorePath``, ``sh:zeroOrOnePath`` (SPARQL property paths);
- value constraints: ``sh:class``, ``sh:datatype`` (lexical forms checked for the XSD types
  SPARQL can cast to), ``sh:nodeKind``, ``sh:minExclusive`` / ``minInclusive`` /
  ``maxExclusive`` / ``maxInclusive``, ``sh:minLength`` / ``maxLength``, ``sh:pattern`` with
  ``sh:flags``, ``sh:languageIn``, ``sh:in``, ``sh:hasValue``;
- ``sh:minCount``, ``sh:maxCount``, ``sh:uniqueLang``, ``sh:equals``, ``sh:disjoint``,
  ``sh:lessThan``, ``sh:lessThanOrEquals``, ``sh:closed`` with ``sh:ignoredProperties``;
- shapes within shapes: ``sh:property``, ``sh:node``, ``sh:not``, ``sh:and``, ``sh:or``,
  ``sh:xone`` and ``sh:qualifiedValueShape`` (with ``sh:qualifiedValueShapesDisjoint``),
  where the inner shape's constraints can be written as one SPARQL expression (counts of at
  most :data:`_MOST_COUNTED`, no recursion);
- ``sh:severity``, ``sh:message``, ``sh:deactivated``; ``sh:sparql`` SELECT constraints of
  node shapes (``$this`` only).

Anything else (another ``sh:`` term on a shape, a SHACL-SPARQL constraint component of one's
own, ``sh:entailment``, a blank node where a value is expected) raises
:class:`UnsupportedShape`, never a silent skip, and pyshacl checks the graph instead. Class
targets and ``sh:class`` read ``rdf:type`` only, not ``rdf:type/rdfs:subClassOf*``: they rely
on the build's graph holding the inferred types (the OWL RL closure of sub-classes).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from ..errors import KgError
from ..storage.store import default_is_union

# What a shape may say besides its constraints: targets, its path, annotations.
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_NOT_CONSTRAINTS = {*_TARGETS, SH.path, SH.name, SH.description, SH.message, SH.severity, SH.order,
                    SH.group, SH.defaultValue, SH.deactivated, SH.declare}
# Parameters read together with another one (sh:flags with sh:pattern, ...).
_COMPANIONS = {SH.flags, SH.ignoredProperties, SH.qualifiedMinCount, SH.qualifiedMaxCount,
               SH.qualifiedValueShapesDisjoint}
# Constraints on each value node on its own, written as one SPARQL expression.
_VALUE_TESTS = {SH["class"], SH.datatype, SH.nodeKind, SH.minExclusive, SH.minInclusive, SH.maxExclusive,
                SH.maxInclusive, SH.minLength, SH.maxLength, SH.pattern, SH.languageIn, SH["in"], SH.node,
                SH["not"], SH["and"], SH["or"], SH.xone}
_PAIRS = {SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals}
_OTHERS = {SH.minCount, SH.maxCount, SH.hasValue, SH.uniqueLang, SH.closed, SH.property,
           SH.qualifiedValueShape, SH.sparql}
_KNOWN = _NOT_CONSTRAINTS | _COMPANIONS | _VALUE_TESTS | _PAIRS | _OTHERS

# XSD types whose lexical forms Oxigraph checks by a cast, and integer types with their bounds.
_CASTS = {XSD.date, XSD.gYear, XSD.gYearMonth, XSD.gMonthDay, XSD.gMonth, XSD.gDay, XSD.decimal,
          XSD.integer, XSD.boolean, XSD.dateTime, XSD.time, XSD.float, XSD.double, XSD.duration,
          XSD.dayTimeDuration, XSD.yearMonthDuration}
# Integer types Oxigraph stores as xsd:integer ("5"^^xsd:int is read back as "5"^^xsd:integer).
_INTEGERS = {XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort,
             XSD.unsignedByte, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger,
             XSD.negativeInteger}
_NODE_KINDS = {SH.IRI: "isIRI({0})", SH.BlankNode: "isBlank({0})", SH.Literal: "isLiteral({0})",
               SH.BlankNodeOrIRI: "(isBlank({0}) || isIRI({0}))",
               SH.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))",
               SH.IRIOrLiteral: "(isIRI({0}) || isLiteral({0}))"}
_COMPARISONS = {SH.minExclusive: ">", SH.minInclusive: ">=", SH.maxExclusive: "<", SH.maxInclusive: "<="}
_MOST_COUNTED = 4  # the largest count a shape within a shape may ask for (a pattern of n values)
_DEEPEST = 8  # shapes within shapes, at most


class UnsupportedShape(KgError):
    """A shape uses SHACL that the SPARQL compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: each row is a focus node (``?this``) that breaks it, with the
    value that does (``?value``) and the path (``?path``) where the result has them."""

    shape: str
    message: str
    query: str
    severity: str = "Violation"  # or "Warning", "Info": the constraint's sh:severity
    component: str = ""  # the constraint component's IRI
    path: str | None = None  # the property shape's path, as a SPARQL path


@dataclass(frozen=True)
class Violation:
    """A focus node that breaks a constraint (of the constraint's severity)."""

    focus: str
    message: str
    severity: str = "Violation"


@dataclass(frozen=True)
class Result:
    """One validation result in full; terms in N-Triples (``<iri>``, ``_:b``, ``"x"^^<dt>``)."""

    focus: str
    path: str | None  # a SPARQL path (the property shape's, or the predicate a closed shape refused)
    component: str
    value: str | None
    severity: str
    message: str


def _severity(shapes: Graph, node: Node) -> str:
    """The local name of a constraint's sh:severity ("Violation" unless it says otherwise)."""
    value = shapes.value(node, SH.severity)
    return "Violation" if value is None else str(value).rsplit("#", 1)[-1]


def _n(term: object) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return str(term.n3())
    raise UnsupportedShape(f"a blank node or odd term where an IRI or literal was expected: {term!r}")


def _same(term: object) -> str:
    """A term compared as a term (sh:in, sh:hasValue, sh:targetNode): refused where Oxigraph would
    store another form of it ("4.0"^^xsd:decimal as "4"), which no data term could then be."""
    text = _n(term)
    if isinstance(term, Literal):
        store = ox.Store()
        store.update(f"INSERT DATA {{ <urn:kg:s> <urn:kg:p> {text} }}")
        stored = str(next(iter(store)).object)
        if stored != str(ox.Literal(str(term), language=term.language) if term.language else
                         ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))):
            raise UnsupportedShape(f"the literal {text}: Oxigraph stores it as {stored}")
    return text


def _component(name: str) -> str:
    return str(SH[name[0].upper() + name[1:] + "ConstraintComponent"])


def _local(key: URIRef) -> str:
    return str(key).rsplit("#", 1)[-1]


def _true(shapes: Graph, node: Node, key: URIRef) -> bool:
    """Whether ``node key true``: the literal true, not another form of it ("1")."""
    value = shapes.value(node, key)
    return isinstance(value, Literal) and value.datatype == XSD.boolean and str(value) == "true"


def _list(shapes: Graph, node: Node) -> list[Node]:
    if node != RDF.nil and shapes.value(node, RDF.first) is None:
        raise UnsupportedShape(f"{node} is not an RDF list")
    return list(Collection(shapes, node))


def sparql_path(shapes: Graph, path: Node) -> str:
    """A SHACL path as a SPARQL property path (also the form a result's path is compared in)."""
    if isinstance(path, URIRef):
        return _n(path)
    if not isinstance(path, BNode):
        raise UnsupportedShape(f"not a SHACL path: {path!r}")
    if shapes.value(path, RDF.first) is not None:
        return "(" + "/".join(sparql_path(shapes, p) for p in _list(shapes, path)) + ")"
    forms = {SH.inversePath: "^({})", SH.zeroOrMorePath: "({})*", SH.oneOrMorePath: "({})+",
             SH.zeroOrOnePath: "({})?"}
    for key, form in forms.items():
        if (inner := shapes.value(path, key)) is not None:
            return form.format(sparql_path(shapes, inner))
    if (alternatives := shapes.value(path, SH.alternativePath)) is not None:
        return "(" + "|".join(sparql_path(shapes, p) for p in _list(shapes, alternatives)) + ")"
    raise UnsupportedShape(f"a path the compiler does not know: {path}")


def _valid(var: str, datatypes: list[URIRef]) -> str:
    """A filter true when ``var`` is a well-formed literal of one of ``datatypes``."""
    options = []
    for dt in datatypes:
        typed = f"datatype({var}) = {_n(dt)}"
        if dt in _CASTS:
            # the cast fails (and COALESCE gives false) when the lexical form is not valid
            options.append(f"({typed} && COALESCE(isLiteral({_n(dt)}(STR({var}))), false))")
        elif dt in _INTEGERS:
            raise UnsupportedShape(f"sh:datatype {dt}: Oxigraph keeps its values as xsd:integer")
        elif dt == XSD.string:
            options.append(f"(isLiteral({var}) && {typed})")
        elif dt == RDF.langString:
            options.append(f"COALESCE(LANG({var}) != \"\", false)")
        elif str(dt).startswith(str(XSD)):
            raise UnsupportedShape(f"sh:datatype {dt}: the compiler does not check its lexical forms")
        else:
            options.append(f"(isLiteral({var}) && {typed})")
    return "(" + " || ".join(options) + ")" if options else "false"


class _Compiler:
    """Compiles one shapes graph; ``fresh`` names the variables of shapes within shapes."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self._counter = itertools.count()
        self._stack: list[Node] = []

    def fresh(self) -> str:
        return f"?k{next(self._counter)}"

    # ---- what a shape says

    def keys(self, shape: Node) -> set[URIRef]:
        """The SHACL terms a shape uses as constraints; an unknown one is refused."""
        used = {p for p in self.shapes.predicates(shape) if isinstance(p, URIRef) and str(p).startswith(str(SH))}
        unknown = used - _KNOWN
        if unknown:
            raise UnsupportedShape(f"{shape} uses {sorted(map(str, unknown))}")
        return used - _NOT_CONSTRAINTS - _COMPANIONS

    def path(self, shape: Node) -> str | None:
        paths = list(self.shapes.objects(shape, SH.path))
        if len(paths) > 1:
            raise UnsupportedShape(f"{shape} has more than one sh:path")
        return sparql_path(self.shapes, paths[0]) if paths else None

    def values(self, shape: Node, focus: str, var: str) -> str:
        """A pattern binding ``var`` to each value node of ``shape`` at ``focus``."""
        path = self.path(shape)
        return f"BIND({focus} AS {var})" if path is None else f"{focus} {path} {var} ."

    # ---- a shape, or one constraint, as an expression true when a node conforms

    def test(self, shape: Node, key: URIRef, value: Node, var: str) -> str:
        """An expression true when value node ``var`` meets ``key value`` of ``shape``."""
        s = self.shapes
        if key == SH["class"]:
            return f"EXISTS {{ {var} a {_n(value)} }}"
        if key == SH.datatype:
            return _valid(var, [URIRef(str(value))])
        if key == SH.nodeKind:
            if not isinstance(value, URIRef) or value not in _NODE_KINDS:
                raise UnsupportedShape(f"sh:nodeKind {value}")
            return _NODE_KINDS[value].format(var)
        if key in _COMPARISONS:
            if not isinstance(value, Literal):
                raise UnsupportedShape(f"{_local(key)} {value!r} is not a literal")
            return f"COALESCE({var} {_COMPARISONS[key]} {_n(value)}, false)"
        if key in (SH.minLength, SH.maxLength):
            op = ">=" if key == SH.minLength else "<="
            return f"COALESCE(!isBlank({var}) && STRLEN(STR({var})) {op} {int(str(value))}, false)"
        if key == SH.pattern:
            flags = s.value(shape, SH.flags)
            extra = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            return f"COALESCE(!isBlank({var}) && REGEX(STR({var}), {Literal(str(value)).n3()}{extra}), false)"
        if key == SH.languageIn:
            tags = [f"langMatches(LANG({var}), {Literal(str(t)).n3()})" for t in _list(s, value)]
            return f"COALESCE({' || '.join(tags) or 'false'}, false)"
        if key == SH["in"]:
            return "(" + (" || ".join(f"sameTerm({var}, {_same(m)})" for m in _list(s, value)) or "false") + ")"
        if key == SH.node:
            return self.conforms(value, var)
        if key == SH["not"]:
            return f"!{self.conforms(value, var)}"
        if key in (SH["and"], SH["or"]):
            parts = [self.conforms(member, var) for member in _list(s, value)]
            joiner = " && " if key == SH["and"] else " || "
            return "(" + (joiner.join(parts) or ("true" if key == SH["and"] else "false")) + ")"
        if key == SH.xone:
            parts = [f"IF({self.conforms(member, var)}, 1, 0)" for member in _list(s, value)]
            return f"(({' + '.join(parts) or '0'}) = 1)"
        raise UnsupportedShape(f"{_local(key)} on a value")

    def conforms(self, shape: Node, var: str) -> str:
        """An expression true when node ``var`` conforms to ``shape`` (its targets aside)."""
        if _true(self.shapes, shape, SH.deactivated):
            return "true"
        if shape in self._stack or len(self._stack) >= _DEEPEST:
            raise UnsupportedShape(f"{shape} refers to itself, or shapes nest too deep")
        self._stack.append(shape)
        try:
            parts = [self._holds(shape, key, var) for key in sorted(self.keys(shape))]
        finally:
            self._stack.pop()
        return "(" + (" && ".join(parts) or "true") + ")"

    def _holds(self, shape: Node, key: URIRef, focus: str) -> str:
        """An expression true when ``focus`` meets every ``key`` constraint of ``shape``."""
        s, v = self.shapes, self.fresh()
        values = self.values(shape, focus, v)
        objects = list(s.objects(shape, key))
        if key not in _VALUE_TESTS and key != SH.property and len(objects) > 1:
            raise UnsupportedShape(f"{shape} has more than one {_local(key)}")
        if key in (SH.minCount, SH.maxCount, SH.closed) and (self.path(shape) is None) == (key != SH.closed):
            raise UnsupportedShape(f"{_local(key)} on {'node' if key != SH.closed else 'property'} shape {shape}")
        if key in _VALUE_TESTS or key == SH.property:
            if self.path(shape) is None:  # the node itself is the value: no pattern to match
                v = focus
            tests = [self.conforms(o, v) if key == SH.property else self.test(shape, key, o, v) for o in objects]
            if v == focus:
                return "(" + " && ".join(tests) + ")"
            return f"NOT EXISTS {{ {values} FILTER(!({' && '.join(tests)})) }}"
        if key in (SH.minCount, SH.maxCount):
            n = int(str(objects[0])) + (1 if key == SH.maxCount else 0)
            if n > _MOST_COUNTED:
                raise UnsupportedShape(f"{_local(key)} {objects[0]} in a shape within a shape")
            if n == 0:
                return "true" if key == SH.minCount else f"NOT EXISTS {{ {values} }}"
            many = self._distinct(shape, focus, n)
            return f"EXISTS {{ {many} }}" if key == SH.minCount else f"NOT EXISTS {{ {many} }}"
        if key == SH.hasValue:
            wanted = self.fresh()
            return f"EXISTS {{ {self.values(shape, focus, wanted)} FILTER(sameTerm({wanted}, {_same(objects[0])})) }}"
        if key in _PAIRS:
            bad = self._pair_violations(key, objects[0], v, self.fresh(), focus, shape)
            return " && ".join(f"NOT EXISTS {{ {b} }}" for b in bad)
        if key == SH.uniqueLang:
            if not _true(s, shape, SH.uniqueLang):
                return "true"
            other = self.fresh()
            return (f"NOT EXISTS {{ {values} {self.values(shape, focus, other)} "
                    f"FILTER(!sameTerm({v}, {other}) && LANG({v}) != \"\" && LANG({v}) = LANG({other})) }}")
        if key == SH.closed:
            if not _true(s, shape, SH.closed):
                return "true"
            p = self.fresh()
            return f"NOT EXISTS {{ {focus} {p} [] . FILTER({p} NOT IN ({self._allowed(shape)})) }}"
        raise UnsupportedShape(f"{_local(key)} in a shape within a shape ({shape})")

    def _distinct(self, shape: Node, focus: str, n: int) -> str:
        names = [self.fresh() for _ in range(n)]
        pairs = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        binds = " ".join(self.values(shape, focus, name) for name in names)
        return binds + (f" FILTER({' && '.join(pairs)})" if pairs else "")

    def _pair_violations(self, key: URIRef, prop: Node, value: str, other: str, focus: str,
                         shape: Node) -> list[str]:
        """Patterns (any of them) matching each value of ``shape`` at ``focus`` that breaks
        ``key prop``, when ``focus`` is bound before them."""
        p = _n(prop)
        values = self.values(shape, focus, value)
        if key == SH.disjoint:
            return [f"{values} {focus} {p} {value} ."]
        if key == SH.equals:
            again = self.fresh()
            return [f"{values} FILTER NOT EXISTS {{ {focus} {p} {value} }}",
                    f"{focus} {p} {value} . FILTER NOT EXISTS {{ {self.values(shape, focus, again)} "
                    f"FILTER(sameTerm({again}, {value})) }}"]
        op = "<" if key == SH.lessThan else "<="
        return [f"{values} {focus} {p} {other} . FILTER(!COALESCE({value} {op} {other}, false))"]

    def _allowed(self, shape: Node) -> str:
        allowed = [p for prop in self.shapes.objects(shape, SH.property)
                   for p in self.shapes.objects(prop, SH.path) if isinstance(p, URIRef)]
        for ignored in self.shapes.objects(shape, SH.ignoredProperties):
            allowed += [p for p in _list(self.shapes, ignored) if isinstance(p, URIRef)]
        return ", ".join(_n(p) for p in sorted(set(allowed))) or "<urn:kg:nothing>"

    # ---- a shape as checks: each a query of the focus nodes that break one constraint

    def checks(self, shape: Node, focus: Callable[[str], str], owner: str | None = None) -> Iterator[Check]:
        """The checks of ``shape`` for the focus nodes ``focus(var)`` binds ``var`` to; each
        named for ``owner``, the shape with the targets (a property shape is often a blank node)."""
        if _true(self.shapes, shape, SH.deactivated):
            return
        s = self.shapes
        path = self.path(shape)
        name = owner or str(shape)
        message = str(s.value(shape, SH.message) or f"{path or name} does not conform")
        severity = _severity(s, shape)
        this = focus("?this")
        values = self.values(shape, "?this", "?value")

        def check(component: str, query: str, result_path: str | None = path) -> Check:
            return Check(name, message, query, severity, _component(component), result_path)

        for key in sorted(self.keys(shape)):
            objects = sorted(s.objects(shape, key), key=str)
            if key == SH["class"]:
                for c in objects:  # (a literal is never an instance)
                    yield check("class", f"SELECT DISTINCT ?this ?value WHERE {{ {this} {values} "
                                         f"FILTER NOT EXISTS {{ ?value a {_n(c)} }} }}")
            elif key in _VALUE_TESTS:
                for o in objects:
                    yield check(_local(key), f"SELECT DISTINCT ?this ?value WHERE {{ {this} {values} "
                                             f"FILTER(!{self.test(shape, key, o, '?value')}) }}")
            elif key in (SH.minCount, SH.maxCount):
                if path is None:
                    raise UnsupportedShape(f"{_local(key)} on node shape {shape}")
                for o in objects:
                    if key == SH.minCount and int(str(o)) == 0:
                        continue
                    yield check(_local(key), _count_query(this, path, key == SH.minCount, int(str(o))))
            elif key == SH.hasValue:
                for o in objects:
                    missing = (f"FILTER(!sameTerm(?this, {_same(o)}))" if path is None
                               else f"FILTER NOT EXISTS {{ ?this {path} {_same(o)} }}")
                    yield check("hasValue", f"SELECT DISTINCT ?this WHERE {{ {this} {missing} }}")
            elif key == SH.uniqueLang:
                if _true(s, shape, SH.uniqueLang):
                    yield check("uniqueLang", f"SELECT DISTINCT ?this WHERE {{ {this} {values} "
                                              f"{self.values(shape, '?this', '?other')} FILTER(!sameTerm(?value, ?other) "
                                              f"&& LANG(?value) != \"\" && LANG(?value) = LANG(?other)) }}")
            elif key in _PAIRS:
                for o in objects:
                    for bad in self._pair_violations(key, o, "?value", "?other", "?this", shape):
                        yield check(_local(key), f"SELECT DISTINCT ?this ?value WHERE {{ {this} {bad} }}")
            elif key == SH.closed:
                if path is not None:
                    raise UnsupportedShape(f"sh:closed on property shape {shape}")
                if _true(s, shape, SH.closed):
                    yield check("closed", f"SELECT DISTINCT ?this ?path ?value WHERE {{ {this} ?this ?path ?value . "
                                          f"FILTER(?path NOT IN ({self._allowed(shape)})) }}", None)
            elif key == SH.qualifiedValueShape:
                yield from self._qualified(shape, path, this, check)
            elif key == SH.property:
                inner = focus if path is None else self._values_of(shape, focus)
                for prop in objects:
                    yield from self.checks(prop, inner, name)
            elif key == SH.sparql:
                if path is not None:
                    raise UnsupportedShape(f"sh:sparql on property shape {shape}")
                for constraint in objects:
                    yield from self._sparql(shape, this, constraint)
            else:  # pragma: no cover - every key of _KNOWN is handled above
                raise UnsupportedShape(f"{shape} uses {key}")

    def _values_of(self, shape: Node, focus: Callable[[str], str]) -> Callable[[str], str]:
        """The focus nodes of a property shape's own property shapes: its value nodes."""
        def inner(var: str) -> str:
            outer = self.fresh()
            return f"{focus(outer)} {self.values(shape, outer, var)}"
        return inner

    def _qualified(self, shape: Node, path: str | None, this: str,
                   check: Callable[..., Check]) -> Iterator[Check]:
        s = self.shapes
        if path is None:
            raise UnsupportedShape(f"sh:qualifiedValueShape on node shape {shape}")
        wanted = [self.conforms(q, "?v") for q in s.objects(shape, SH.qualifiedValueShape)]
        if len(wanted) != 1:
            raise UnsupportedShape(f"{shape} has more than one sh:qualifiedValueShape")
        test = wanted[0]
        if _true(s, shape, SH.qualifiedValueShapesDisjoint):
            # not conforming to a sibling's qualified shape: those of the other property shapes
            # of each shape this one is a property shape of
            siblings = {q for parent in s.subjects(SH.property, shape) for other in s.objects(parent, SH.property)
                        if other != shape for q in s.objects(other, SH.qualifiedValueShape)}
            test += "".join(f" && !{self.conforms(q, '?v')}" for q in sorted(siblings, key=str))
        counted = f"SELECT ?this WHERE {{ {this} OPTIONAL {{ ?this {path} ?v FILTER({test}) }} }} GROUP BY ?this "
        if (low := s.value(shape, SH.qualifiedMinCount)) is not None and int(str(low)) > 0:
            yield check("qualifiedMinCount", counted + f"HAVING (COUNT(DISTINCT ?v) < {int(str(low))})")
        if (high := s.value(shape, SH.qualifiedMaxCount)) is not None:
            yield check("qualifiedMaxCount", counted + f"HAVING (COUNT(DISTINCT ?v) > {int(str(high))})")

    def _sparql(self, shape: Node, this: str, constraint: Node) -> Iterator[Check]:
        s = self.shapes
        if _true(s, constraint, SH.deactivated):
            return
        select = str(s.value(constraint, SH.select) or "")
        if not select:
            raise UnsupportedShape(f"sh:sparql constraint of {shape} has no sh:select")
        if re.search(r"\$(?!this\b)\w+", select):
            raise UnsupportedShape(f"sh:sparql constraint of {shape}: only $this is pre-bound here")
        body = select.replace("$this", "?this")
        # The constraint's own WHERE, joined with the shape's targets.
        m = re.search(r"WHERE\s*\{", body, re.I)
        if not m:
            raise UnsupportedShape(f"sh:sparql constraint of {shape}: no WHERE clause")
        query = body[:m.end()] + f" {this} " + body[m.end():]
        message = str(s.value(constraint, SH.message) or "SPARQL constraint")
        # the severity is the shape's (SHACL gives a SPARQL constraint none of its own)
        yield Check(str(shape), message, _prefixes(s, constraint) + "\n" + query, _severity(s, shape),
                    str(SH.SPARQLConstraintComponent))


def _count_query(this: str, path: str, at_least: bool, n: int) -> str:
    """The focus nodes ``this`` with fewer than ``n`` values at ``path`` (``at_least``), or more.
    A count of 1 (or 0) is a test of existence, which takes half the time of counting each
    node's values (0.15-0.18 s against 0.28-0.38 s for the text of the 2,000 articles' sentences)."""
    if at_least and n == 1:
        return f"SELECT DISTINCT ?this WHERE {{ {this} FILTER NOT EXISTS {{ ?this {path} ?v }} }}"
    if not at_least and n == 0:
        return f"SELECT DISTINCT ?this WHERE {{ {this} FILTER EXISTS {{ ?this {path} ?v }} }}"
    if not at_least and n == 1:
        return (f"SELECT DISTINCT ?this WHERE {{ {this} ?this {path} ?v . "
                f"FILTER EXISTS {{ ?this {path} ?w . FILTER(!sameTerm(?v, ?w)) }} }}")
    return (f"SELECT ?this WHERE {{ {this} OPTIONAL {{ ?this {path} ?v }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {'<' if at_least else '>'} {n})")


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for decl_owner in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(decl_owner, SH.declare):
            prefix, ns = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{ns}>")
    return "\n".join(lines)


def _targets(shapes: Graph, shape: Node) -> Callable[[str], str]:
    """The focus nodes of a shape, as a pattern that binds a variable to each."""
    classes = sorted(shapes.objects(shape, SH.targetClass), key=str)
    if (shape, RDF.type, RDFS.Class) in shapes:
        classes.append(shape)  # an implicit class target
    nodes = sorted(shapes.objects(shape, SH.targetNode), key=str)
    subjects_of = sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str)
    objects_of = sorted(shapes.objects(shape, SH.targetObjectsOf), key=str)
    node_list = " ".join(_same(n) for n in nodes)

    def pattern(var: str) -> str:
        parts = [f"{{ {var} a {_n(c)} }}" for c in classes]
        parts += [f"{{ {var} {_n(p)} [] }}" for p in subjects_of]
        parts += [f"{{ [] {_n(p)} {var} }}" for p in objects_of]
        if nodes:
            parts.append(f"{{ VALUES {var} {{ {node_list} }} }}")
        return " UNION ".join(parts)
    return pattern


def _targeted(shapes: Graph) -> list[Node]:
    """Every shape with targets: the subjects of the target terms, and shapes that are classes."""
    found = {s for t in _TARGETS for s in shapes.subjects(t, None)}
    found |= {s for s in shapes.subjects(RDF.type, RDFS.Class)
              if (s, RDF.type, SH.NodeShape) in shapes or (s, RDF.type, SH.PropertyShape) in shapes}
    return sorted(found, key=str)


def compile_shapes(shapes: Graph) -> tuple[Check, ...]:
    """Every constraint of every shape that has targets, as a query; :class:`UnsupportedShape`
    where a shape uses what the compiler does not translate."""
    if next(shapes.subjects(RDF.type, SH.ConstraintComponent), None) is not None:
        raise UnsupportedShape("the shapes declare constraint components of their own (SHACL-SPARQL)")
    if next(shapes.triples((None, SH.entailment, None)), None) is not None:
        raise UnsupportedShape("the shapes ask for sh:entailment")
    compiler = _Compiler(shapes)
    checks: list[Check] = []
    for shape in _targeted(shapes):
        checks += compiler.checks(shape, _targets(shapes, shape))
    return tuple(checks)


def _fill(message: str, solution: ox.QuerySolution) -> str:
    """``"ends ({?end}) before"`` with the row's values."""
    def value(m: re.Match[str]) -> str:
        term = solution[m.group(1)]
        return "" if term is None else str(getattr(term, "value", term))
    return re.sub(r"\{[?$](\w+)\}", value, message)


def _only(query: str, focus: list[str]) -> str:
    """A check's query for these focus nodes only (N-Triples IRIs): bound where its WHERE opens."""
    m = re.search(r"WHERE\s*\{", query, re.I)
    if m is None:
        return query
    return f"{query[:m.end()]} VALUES ?this {{ {' '.join(focus)} }} {query[m.end():]}"


def run_report(store: ox.Store, checks: tuple[Check, ...], focus: set[str] | None = None) -> list[Result]:
    """Every result in ``store``: in its default graph, or where that is empty, in the union of
    its named graphs; of the ``focus`` nodes only (N-Triples IRIs), when given. The checks run
    on a thread per core (Oxigraph lets go of Python's lock while it answers: 2 threads took
    3.1-3.4 s where one took 6.5-6.9 s, the whole graph of 2,000 articles)."""
    nodes = sorted(focus) if focus is not None else []
    union = default_is_union(store)

    def results(check: Check) -> list[Result]:
        query = check.query if focus is None else _only(check.query, nodes)
        solutions = store.query(query, use_default_graph_as_union=union)
        assert isinstance(solutions, ox.QuerySolutions)  # every check is a SELECT
        found = []
        for row in solutions:
            assert isinstance(row, ox.QuerySolution)
            this, value, path = row["this"], row["value"], row["path"]
            if this is not None:
                found.append(Result(str(this), check.path if path is None else str(path), check.component,
                                    None if value is None else str(value), check.severity,
                                    _fill(check.message, row)))
        return found

    with ThreadPoolExecutor(min(len(checks), os.cpu_count() or 1) or 1) as pool:
        found = {r for rows in pool.map(results, checks) for r in rows}
    return sorted(found, key=lambda r: (r.focus, r.path or "", r.component, r.value or "", r.message))


def _plain(term: str) -> str:
    """An IRI's text without its brackets, as the build names focus nodes."""
    return term[1:-1] if term.startswith("<") and term.endswith(">") else term


def run_checks(store: ox.Store, checks: tuple[Check, ...], focus: set[str] | None = None) -> list[Violation]:
    """The violations in ``store`` (:func:`run_report`), one for each focus node and message."""
    found = {Violation(_plain(r.focus), r.message, r.severity) for r in run_report(store, checks, focus)}
    return sorted(found, key=lambda v: (v.focus, v.message))
