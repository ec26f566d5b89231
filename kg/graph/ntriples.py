"""RDF terms and triples as N-Triples text: the form the build works in.

A term is its N-Triples text (``<https://...>``, ``"Hà Nội"@vi``, ``"2023"^^<...#gYear>``), a
triple a tuple of three such strings, a graph a set of triples. Strings hash and compare fast,
so a million of them are cheap to build, reason over, sort and write, and the text is what
RDF parsers (Oxigraph, rdflib) read back.
"""

from __future__ import annotations

import re

Triple = tuple[str, str, str]
Quad = tuple[str, str, str, str]

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

# N-Triples string escapes (RDF 1.1 N-Triples, ECHAR and UCHAR for other control characters).
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group(0)
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def iri(value: str) -> str:
    """``<value>``; raises ValueError for characters an IRI cannot hold."""
    if _BAD_IRI.search(value):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """A literal: plain, typed (``datatype`` is an IRI without brackets) or language-tagged."""
    # most text needs no escape: printable, without quotes or backslashes (a quicker test)
    body = text if text.isprintable() and '"' not in text and "\\" not in text else _NEEDS_ESCAPE.sub(_escape_char, text)
    if lang:
        return f'"{body}"@{lang}'
    if datatype and datatype != XSD + "string":
        return f'"{body}"^^<{datatype}>'
    return f'"{body}"'


def is_literal(term: str) -> bool:
    return term.startswith('"')


def is_iri(term: str) -> bool:
    return term.startswith("<")


def iri_value(term: str) -> str:
    """``<x>`` -> ``x``."""
    return term[1:-1]


class Vocabulary:
    """Terms of one namespace as N-Triples text: ``Vocabulary(DIP).source`` is ``<...#source>``."""

    def __init__(self, namespace: str) -> None:
        self._ns = str(namespace)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        term = f"<{self._ns}{name}>"
        setattr(self, name, term)  # the next lookup is a plain attribute: a build makes a million
        return term

    def __getitem__(self, name: str) -> str:
        return iri(f"{self._ns}{name}")


def nquads(quads: list[Quad]) -> str:
    """N-Quads text of ``(s, p, o, g)`` quads, in the order given."""
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in quads)
