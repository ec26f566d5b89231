"""Namespaces and IRI minting shared by every stage (see ontology/VOCABULARY.md)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rdflib import Namespace, URIRef

DIP = Namespace("https://w3id.org/vn-diplomacy/ontology#")
KGID = Namespace("https://w3id.org/vn-diplomacy/id/")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "dip": DIP,
    "kgid": KGID,
    "schema": SCHEMA,
    "prov": PROV,
    "org": ORG,
    "time": TIME,
    "wd": WD,
}

RESOLUTION_GRAPH = KGID["graph/resolution"]
REFERENCE_GRAPH = KGID["graph/reference"]
INFERRED_GRAPH = KGID["graph/inferred"]
ONTOLOGY_GRAPH = KGID["graph/ontology"]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without diacritics, for keys and comparisons ("Đà Nẵng" -> "da nang")."""
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


@lru_cache(maxsize=1 << 16)
def search_key(text: str) -> str:
    """A name as a search matches it: folded (case, tone marks, hyphens), and the letters a
    transliteration varies in made one: y as i, a glide between vowels dropped, a doubled
    letter single ("Kassym-Jomart Tokayev" and "Kasym Jomart Tokaev": "kasim jomart tokaev")."""
    key = fold(text).replace("y", "i")
    key = re.sub(r"(?<=[aeiou])i(?=[aeiou])", "", key)
    return re.sub(r"([a-z])\1", r"\1", key)


def slug(text: str) -> str:
    """An IRI-safe, readable segment: "Lê Thị Thu Hằng" -> "le-thi-thu-hang"."""
    return "-".join(fold(text).split()) or "x"


def state_iri(code: str) -> URIRef:
    return KGID[f"state/{code}"]


def org_iri(code: str) -> URIRef:
    return KGID[f"org/{code}"]


def status_iri(code: str) -> URIRef:
    return KGID[f"status/{code.replace(' ', '-')}"]


def article_iri(stem: str) -> URIRef:
    return KGID[f"article/{slug_keep_case(stem)}"]


def sentence_iri(stem: str, position: int) -> URIRef:
    return KGID[f"article/{slug_keep_case(stem)}/sentence/{position}"]


def slug_keep_case(text: str) -> str:
    """File stems keep their case and underscores; anything else becomes "-"."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text) or "x"
