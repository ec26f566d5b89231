"""The SHACL shapes as SPARQL queries, for validating a large graph on Oxigraph.

pyshacl is the validator of record (``kg validate`` and every build, of graphs of up to
:data:`kg.validate.PYSHACL_LIMIT` triples). It checks each focus node in Python, about a tenth
of a millisecond per triple here: a minute and more for a graph of a million triples. The
shapes in ``ontology/shapes.ttl`` use a small part of SHACL Core, and each of their
constraints is one SPARQL query that finds every focus node breaking it, which Oxigraph
answers in well under a second at that size. ``tests/test_shacl.py`` checks the two engines
report the same focus nodes and messages on the seed graph and on every broken graph.

Supported: node shapes with ``sh:targetClass`` / ``sh:targetSubjectsOf``; property shapes
with a single IRI ``sh:path`` and ``sh:minCount``, ``sh:maxCount``, ``sh:class``,
``sh:datatype``, ``sh:minInclusive``, ``sh:node`` (to a shape of ``sh:or`` datatypes); and
``sh:sparql`` SELECT constraints. Anything else raises :class:`UnsupportedShape`, and the
build falls back to pyshacl. Class targets and ``sh:class`` rely on the inferred
``rdf:type`` triples (the OWL RL closure of sub-classes), which the build's graph holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from ..errors import KgError
from ..storage.store import default_is_union

# Every SHACL predicate the compiler understands on a node or property shape.
_NODE_KEYS = {SH.targetClass, SH.targetSubjectsOf, SH.property, SH.sparql, SH.name, SH.message, SH.severity,
              SH["or"], RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), SH.declare}
_PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.minInclusive,
                  SH.node, SH.message, SH.name, SH.severity}
_VALID_CAST = {XSD.date, XSD.gYear, XSD.gYearMonth, XSD.gMonthDay, XSD.decimal, XSD.integer,
               XSD.boolean, XSD.dateTime}


class UnsupportedShape(KgError):
    """A shape uses SHACL that the SPARQL compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: each row is a focus node (``?this``) that breaks it."""

    shape: str
    message: str
    query: str
    severity: str = "Violation"  # or "Warning", "Info": the constraint's sh:severity


@dataclass(frozen=True)
class Violation:
    """A focus node that breaks a constraint (of the constraint's severity)."""

    focus: str
    message: str
    severity: str = "Violation"


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


def _targets(shapes: Graph, shape: Node) -> str:
    parts = [f"{{ ?this a {_n(c)} }}" for c in shapes.objects(shape, SH.targetClass)]
    parts += [f"{{ ?this {_n(p)} [] }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    return " UNION ".join(parts)


def _valid(var: str, datatypes: list[URIRef]) -> str:
    """A filter true when ``var`` is a well-formed literal of one of ``datatypes``."""
    options = []
    for dt in datatypes:
        if dt in _VALID_CAST:
            # the cast fails (and COALESCE gives false) when the lexical form is not valid
            options.append(f"(datatype({var}) = {_n(dt)} && COALESCE(STRLEN(STR({_n(dt)}(STR({var})))) > 0, false))")
        else:
            options.append(f"(isLiteral({var}) && datatype({var}) = {_n(dt)})")
    return "(" + " || ".join(options) + ")"


def _or_datatypes(shapes: Graph, node_shape: Node) -> list[URIRef]:
    """The datatypes of a shape that is only ``sh:or ( [sh:datatype A] [sh:datatype B] ...)``."""
    lists = list(shapes.objects(node_shape, SH["or"]))
    extra = set(shapes.predicates(node_shape)) - {SH["or"], SH.message, RDF.type, SH.name,
                                                  URIRef("http://www.w3.org/2000/01/rdf-schema#label")}
    if len(lists) != 1 or extra:
        raise UnsupportedShape(f"sh:node {node_shape} is not a plain sh:or of datatypes")
    out = []
    for member in Collection(shapes, lists[0]):
        dts = list(shapes.objects(member, SH.datatype))
        if len(dts) != 1 or set(shapes.predicates(member)) != {SH.datatype}:
            raise UnsupportedShape(f"sh:or member of {node_shape} is not a single sh:datatype")
        out.append(URIRef(str(dts[0])))
    return out


def _select(targets: str, body: str, having: str = "") -> str:
    group = f" GROUP BY ?this HAVING ({having})" if having else ""
    return f"SELECT DISTINCT ?this WHERE {{ {targets} {body} }}{group}"


def _property_checks(shapes: Graph, shape_name: str, targets: str, prop: Node) -> list[Check]:
    unknown = set(shapes.predicates(prop)) - _PROPERTY_KEYS
    if unknown:
        raise UnsupportedShape(f"property shape of {shape_name} uses {sorted(map(str, unknown))}")
    paths = list(shapes.objects(prop, SH.path))
    if len(paths) != 1 or not isinstance(paths[0], URIRef):
        raise UnsupportedShape(f"property shape of {shape_name}: only a single IRI sh:path is supported")
    path = _n(paths[0])
    message = str(shapes.value(prop, SH.message) or f"{paths[0]} does not conform")
    checks = []

    severity = _severity(shapes, prop)

    def add(query: str) -> None:
        checks.append(Check(shape_name, message, query, severity))

    count = f"OPTIONAL {{ ?this {path} ?v }}"
    if (n := shapes.value(prop, SH.minCount)) is not None and int(str(n)) > 0:
        add(f"SELECT ?this WHERE {{ {targets} {count} }} GROUP BY ?this "
            f"HAVING (COUNT(DISTINCT ?v) < {int(str(n))})")
    if (n := shapes.value(prop, SH.maxCount)) is not None:
        add(f"SELECT ?this WHERE {{ {targets} {count} }} GROUP BY ?this "
            f"HAVING (COUNT(DISTINCT ?v) > {int(str(n))})")
    for cls in shapes.objects(prop, SH["class"]):
        add(_select(targets, f"?this {path} ?v . FILTER NOT EXISTS {{ ?v a {_n(cls)} }}"))
    for dt in shapes.objects(prop, SH.datatype):
        add(_select(targets, f"?this {path} ?v . FILTER(!{_valid('?v', [URIRef(str(dt))])})"))
    for low in shapes.objects(prop, SH.minInclusive):
        add(_select(targets, f"?this {path} ?v . FILTER(!(?v >= {_n(low)}))"))
    for node in shapes.objects(prop, SH.node):
        add(_select(targets, f"?this {path} ?v . FILTER(!{_valid('?v', _or_datatypes(shapes, node))})"))
    return checks


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for decl_owner in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(decl_owner, SH.declare):
            prefix, ns = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{ns}>")
    return "\n".join(lines)


def _sparql_checks(shapes: Graph, shape_name: str, targets: str, constraint: Node) -> list[Check]:
    select = str(shapes.value(constraint, SH.select) or "")
    if not select:
        raise UnsupportedShape(f"sh:sparql constraint of {shape_name} has no sh:select")
    body = select.replace("$this", "?this")
    # The constraint's own WHERE, joined with the shape's targets.
    m = re.search(r"WHERE\s*\{", body, re.I)
    if not m:
        raise UnsupportedShape(f"sh:sparql constraint of {shape_name}: no WHERE clause")
    query = body[:m.end()] + f" {targets} " + body[m.end():]
    message = str(shapes.value(constraint, SH.message) or "SPARQL constraint")
    # the severity is the shape's (SHACL gives a SPARQL constraint none of its own)
    return [Check(shape_name, message, _prefixes(shapes, constraint) + "\n" + query, _severity(shapes, URIRef(shape_name)))]


def compile_shapes(shapes: Graph) -> tuple[Check, ...]:
    """Every constraint of every node shape that has targets, as a query."""
    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        targets = _targets(shapes, shape)
        if not targets:
            continue  # a shape used only through sh:node
        unknown = set(shapes.predicates(shape)) - _NODE_KEYS
        if unknown:
            raise UnsupportedShape(f"{shape} uses {sorted(map(str, unknown))}")
        for prop in shapes.objects(shape, SH.property):
            checks += _property_checks(shapes, str(shape), targets, prop)
        for constraint in shapes.objects(shape, SH.sparql):
            checks += _sparql_checks(shapes, str(shape), targets, constraint)
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


def run_checks(store: ox.Store, checks: tuple[Check, ...], focus: set[str] | None = None) -> list[Violation]:
    """The violations in ``store``: in its default graph, or where that is empty, in the union of
    its named graphs; of the ``focus`` nodes only (N-Triples IRIs), when given."""
    found: set[Violation] = set()
    nodes = sorted(focus) if focus is not None else []
    for check in checks:
        query = check.query if focus is None else _only(check.query, nodes)
        result = store.query(query, use_default_graph_as_union=default_is_union(store))
        assert isinstance(result, ox.QuerySolutions)  # every check is a SELECT
        for row in result:
            assert isinstance(row, ox.QuerySolution)
            this = row["this"]
            if this is not None:
                found.add(Violation(str(getattr(this, "value", this)), _fill(check.message, row), check.severity))
    return sorted(found, key=lambda v: (v.focus, v.message))
