"""Reference data as lookup tables: states, places and international organisations.

In: ``ontology/reference/*.ttl``. Out: a :class:`Gazetteer` that finds their names in a
sentence ("Cộng hòa Kazakhstan", "CH U-dơ-bê-ki-xtan", "Liên minh Kinh tế Á-Âu", "LHQ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from ..resources import reference_files
from ..vocab import DIP
from .reader import normalise_text
from .syllables import is_capitalised, is_vietnamese_syllable


@dataclass(frozen=True)
class GazetteerMatch:
    kind: str  # "state", "place", "org" or "region"
    code: str  # ISO code of the state (also for a place), or the organisation's acronym
    start: int
    end: int
    text: str


# Prefixes the press puts before a state's short name: "nước Cộng hòa", "CH", "Vương quốc",
# in either case ("nước Cộng hoà nhân dân Trung Hoa", "Cộng hòa Dân chủ Nhân dân Lào").
_STATE_PREFIX = (
    r"(?:(?:nước|Nhà nước)\s+)?(?:(?:CH|(?i:cộng hòa(?:\s+(?:dân chủ nhân dân|liên bang|hồi giáo|nhân dân"
    r"|xã hội chủ nghĩa|dân chủ))?|vương quốc|liên bang|quốc gia|nhà nước))\s+)?"
)


@dataclass
class Gazetteer:
    state_names: dict[str, str]  # label -> ISO code
    place_names: dict[str, str]  # city label -> ISO code of its state
    org_names: dict[str, str]  # label or acronym -> acronym
    org_labels: dict[str, str]  # acronym -> preferred Vietnamese name
    state_labels: dict[str, str]  # ISO code -> preferred Vietnamese name
    org_members: dict[str, frozenset[str]]
    region_names: dict[str, str] = field(default_factory=dict)  # label -> the region's IRI slug
    body_names: dict[str, str] = field(default_factory=dict)  # a state's institution -> its ISO code

    def __post_init__(self) -> None:
        def alternation(labels: list[str]) -> str:
            return "|".join(re.escape(x) for x in sorted(set(labels), key=len, reverse=True))

        self._state_re = re.compile(
            rf"(?<![\w])({_STATE_PREFIX})({alternation(list(self.state_names))})(?![\w])"
        )
        self._place_re = re.compile(
            rf"(?<![\w])(?:(?:thủ đô|thành phố|TP\.?|Thủ đô|Thành phố)\s*)?"
            rf"({alternation(list(self.place_names))})(?![\w])"
        )
        # a name of several words in any case ("Tổ Chức Thương Mại Thế Giới"), an acronym as written
        self._org_folded = {name.casefold(): code for name, code in self.org_names.items() if " " in name}
        org_alternatives = sorted(self.org_names, key=len, reverse=True)
        self._org_re = re.compile(r"(?<![\w])(" + "|".join(
            f"(?i:{re.escape(x)})" if " " in x else re.escape(x) for x in org_alternatives) + r")(?![\w])")
        self._region_re = re.compile(rf"(?<![\w])({alternation(list(self.region_names))})(?![\w])") \
            if self.region_names else None
        self._bodies = {name.casefold(): code for name, code in self.body_names.items()}
        self._body_re = re.compile(rf"(?<![\w])({alternation(list(self._bodies))})(?![\w])", re.I) \
            if self._bodies else None

    def states(self, text: str) -> list[GazetteerMatch]:
        return [
            GazetteerMatch("state", self.state_names[m.group(2)], m.start(), m.end(), m.group(0))
            for m in self._state_re.finditer(text)
            if (m.group(2) not in _SHORT_NAMES_IN_PLACE_NAMES or not _in_a_vietnamese_name(text, m.start(2), m.end()))
            and not (m.group(2) == "Ý" and _IDEA_WORD.match(text, m.end()))
            and not (m.group(2) == "Đức" and _REVERENCE_WORD.match(text, m.end()))
        ]

    def places(self, text: str) -> list[GazetteerMatch]:
        return [
            GazetteerMatch("place", self.place_names[m.group(1)], m.start(), m.end(), m.group(0))
            for m in self._place_re.finditer(text)
        ]

    def organisations(self, text: str) -> list[GazetteerMatch]:
        return [
            GazetteerMatch("org", self.org_names.get(m.group(1)) or self._org_folded[m.group(1).casefold()],
                           m.start(), m.end(), m.group(0))
            for m in self._org_re.finditer(text)
        ]

    def regions(self, text: str) -> list[GazetteerMatch]:
        if self._region_re is None:
            return []
        return [
            GazetteerMatch("region", self.region_names[m.group(1)], m.start(), m.end(), m.group(0))
            for m in self._region_re.finditer(text)
        ]

    def body_state(self, text: str) -> str | None:
        """The state whose own institution a text names ("Thủ tướng Quốc Vụ viện": CN), if any."""
        m = self._body_re.search(text) if self._body_re else None
        return self._bodies[m.group(1).casefold()] if m else None

    def state_code(self, text: str) -> str | None:
        """The ISO code of a text that is exactly a state's name, else None."""
        m = self._state_re.fullmatch(text.strip())
        return self.state_names[m.group(2)] if m else None


_UNAMBIGUOUS_SHORT_NAMES = frozenset({"Úc", "Bỉ"})
# Short names that are also words of Vietnamese names and places: "Mỹ" is the United States in
# "Tổng thống Mỹ Joe Biden" and "thăm Mỹ", "Anh" the United Kingdom in "Thủ tướng Anh Keir
# Starmer", but not in "Mỹ Đình", "Nguyễn Thị Mỹ Hạnh", "Mỹ Latinh", "Nguyễn Tuấn Anh".
_SHORT_NAMES_IN_PLACE_NAMES = frozenset({"Mỹ", "Anh"})
_SHORT_NAMES_KEPT = _UNAMBIGUOUS_SHORT_NAMES | _SHORT_NAMES_IN_PLACE_NAMES
# "Ý" is Italy, but not where it begins a word of its own: "Ý định thư" (a letter of intent),
# "Ý kiến", "Ý nghĩa" at the start of a sentence.
_IDEA_WORD = re.compile(r" (?:định|kiến|nghĩa|thức|tưởng|chí|niệm|muốn|tứ|đồ)(?![\w])")
# "Đức" is Germany, but not where it opens a word of reverence: "Đức ông" (a monsignor),
# "Đức Giáo hoàng", "Đức Thánh Cha", "Đức cha", "Đức Phật".
_REVERENCE_WORD = re.compile(r" (?:ông|cha|Cha|Giáo (?i:hoàng)|Thánh (?i:cha)|Hồng (?i:y)|Tổng (?i:giám mục)|Phật"
                             r"|Đạt Lai)(?![\w])")
_NEXT_WORD = re.compile(r"[ -]([^\W\d_][\w-]*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)\s$")


def _in_a_vietnamese_name(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is part of a Vietnamese name, a place or a language: a
    capitalised word before it ("Tuấn Anh"), "tiếng" before it, or a capitalised syllable after
    it ("Mỹ Đình", "Mỹ Latinh")."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before and (before.group(1).casefold() == "tiếng"  # "tiếng Anh": the language
                   or is_capitalised(before.group(1)) and is_vietnamese_syllable(before.group(1))):
        return True
    m = _NEXT_WORD.match(text, end)
    if not m:
        return False
    word = m.group(1)
    return word.startswith(("Latinh", "La-tinh", "Latin")) or (is_capitalised(word) and is_vietnamese_syllable(word))


def _labels(graph: Graph, node: object) -> list[str]:
    out = []
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for value in graph.objects(node, prop):  # type: ignore[arg-type]
            if isinstance(value, Literal):
                out.append(normalise_text(str(value)).strip())
    return [x for x in out if x]


def build_gazetteer(graph: Graph) -> Gazetteer:
    """Lookup tables from reference RDF (states and organisations)."""
    state_names: dict[str, str] = {}
    place_names: dict[str, str] = {}
    org_names: dict[str, str] = {}
    org_labels: dict[str, str] = {}
    state_labels: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    body_names = {normalise_text(str(body)): str(graph.value(state, DIP.code))
                  for state in graph.subjects(RDF.type, DIP.State) for body in graph.objects(state, DIP.bodyName)}
    region_names = {label: str(region).rsplit("/", 1)[-1]
                    for region in graph.subjects(RDF.type, DIP.Region) for label in _labels(graph, region)}
    for state in graph.subjects(RDF.type, DIP.State):
        code = str(graph.value(state, DIP.code))
        for label in _labels(graph, state):
            # Short labels that are ordinary words or parts of names stay out ("Anh", "Ý", "Mỹ"
            # as in "Mỹ Đình", "Nguyễn Thị Mỹ Hạnh"), but for those that are nothing else ("Úc").
            if len(label) >= 3 or label.isupper() or label in _SHORT_NAMES_KEPT:
                state_names.setdefault(label, code)
        for place in graph.objects(state, DIP.placeName):
            place_names.setdefault(normalise_text(str(place)), code)
        pref = [
            str(v) for v in graph.objects(state, SKOS.prefLabel) if getattr(v, "language", "") == "vi"
        ]
        state_labels[code] = pref[0] if pref else code
    for org in graph.subjects(RDF.type, DIP.InternationalOrganisation):
        code = str(graph.value(org, DIP.code))
        org_names.setdefault(code, code)
        for label in _labels(graph, org):
            org_names.setdefault(label, code)
        pref = [str(v) for v in graph.objects(org, SKOS.prefLabel) if getattr(v, "language", "") == "vi"]
        org_labels[code] = normalise_text(pref[0]) if pref else code
        members[code] = {str(graph.value(m, DIP.code)) for m in graph.objects(org, DIP.hasMember)}
    return Gazetteer(
        state_names=state_names,
        place_names=place_names,
        org_names=org_names,
        org_labels=org_labels,
        state_labels=state_labels,
        org_members={k: frozenset(v) for k, v in members.items()},
        region_names=region_names,
        body_names=body_names,
    )


def load_reference_graph(files: list[Path] | None = None) -> Graph:
    graph = Graph()
    for path in files if files is not None else reference_files():
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return build_gazetteer(load_reference_graph())
