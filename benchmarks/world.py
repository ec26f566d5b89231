"""The invented world the synthetic articles report on: states, who held which office when,
agreements, trade, diplomatic relations, memberships and summits.

In: a seed and ``ontology/reference/*.ttl`` (the states and organisations, with their
Vietnamese names and members). Out: a :class:`World`. The same seed gives the same world,
whatever the number of articles asked for later; offices change hands every few years, so an
official recurs in every article about their state and office during their term.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, Namespace

from .names import REGION_OF, STYLES, chinese_name, foreign_name, foreign_token, vietnamese_name

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "ontology" / "reference"
DIP = Namespace("https://w3id.org/vn-diplomacy/ontology#")

FIRST_YEAR, LAST_YEAR = 2006, 2025  # articles report events in these years
# States the corpus leaves out: one that no longer exists, and two the Vietnamese
# press does not report as partners in this genre.
LEFT_OUT = {"VN", "SU", "TW", "VA", "XK"}
MONARCHIES = set("GB TH KH MY BN SA QA KW OM JO MA ES NL BE SE NO DK LU BT LS JP".split())
PRESIDENTIAL = set("US MX BR AR CL CO VE NI BO UY PA PH ID CY KE NG ZA GH ZM ZW AO TM BW NA IR AF".split())
# How often the press writes about each partner, relative to the rest (weight 1).
PROMINENCE = {
    "CN": 9, "LA": 9, "KH": 8, "JP": 8, "KR": 8, "US": 8, "RU": 7, "IN": 5, "AU": 5, "FR": 5, "DE": 5,
    "GB": 4, "TH": 5, "SG": 5, "MY": 5, "ID": 5, "PH": 4, "MM": 3, "BN": 3, "KZ": 4, "KG": 3, "UZ": 3,
    "TM": 2, "TJ": 2, "BY": 3, "MN": 3, "CU": 4, "IT": 3, "CA": 3, "NZ": 3, "BR": 3, "HU": 2, "CZ": 2,
    "PL": 2, "TR": 2, "AE": 2, "SA": 2, "IL": 2, "EG": 2, "ZA": 2, "MX": 2, "AR": 2, "CL": 2,
}
# Offices: name -> (seats held at once, shortest and longest term in years).
VN_OFFICES = {
    "gs": (1, 5, 10), "pres": (1, 4, 6), "pm": (1, 4, 6), "na": (1, 4, 6), "vp": (1, 4, 6),
    "dpm": (3, 3, 6), "fm": (1, 4, 6), "vfm": (5, 3, 6), "vna": (3, 4, 5), "moit": (1, 3, 6),
    "ext": (1, 4, 6),
}
FOREIGN_OFFICES = {
    "hos": (1, 4, 9), "hog": (1, 2, 6), "dpm": (2, 2, 5), "fm": (1, 2, 6), "vfm": (2, 2, 5),
    "speaker": (1, 3, 6), "amb": (1, 3, 4), "trade": (1, 2, 5),
}
# Summits a Vietnamese leader attends abroad: organisation, how the press names the meeting,
# where it is held.
APEC_HOSTS = "US PE CN JP KR AU TH MY ID PH SG CL MX NZ CA RU PG".split()
SUMMITS = {
    "APEC": ("Tuần lễ Cấp cao APEC {year}", APEC_HOSTS),
    "ASEAN": ("Hội nghị Cấp cao ASEAN lần thứ {n}", "TH LA KH MM MY SG ID PH BN".split()),
    "G20": ("Hội nghị Thượng đỉnh G20 mở rộng", "US CN JP IN BR AR ZA IT DE FR GB AU SA ID TR MX KR CA RU".split()),
    "UN": ("phiên thảo luận chung cấp cao Khóa {n} Đại hội đồng Liên hợp quốc", ["US"]),
    "WEF": ("Hội nghị thường niên Diễn đàn Kinh tế thế giới (WEF)", ["CH", "CN"]),
}
SUMMIT_CITY = {"UN": {"US": "New York"}, "WEF": {"CH": "Davos", "CN": "Thiên Tân"}}
AGREEMENT_FIELDS = (
    "nông nghiệp", "giáo dục và đào tạo", "du lịch", "y tế", "năng lượng", "khoa học và công nghệ",
    "văn hóa nghệ thuật", "quốc phòng", "an ninh mạng", "chuyển đổi số", "thông tin và truyền thông",
    "lao động", "hàng không dân dụng", "thể thao", "phòng chống tội phạm xuyên quốc gia", "hải quan",
    "tài chính", "ngân hàng", "bảo vệ môi trường", "thủy sản", "vận tải biển", "dầu khí", "tư pháp",
    "kiểm dịch động thực vật", "giao lưu nhân dân", "phát triển bền vững",
)


@dataclass(frozen=True)
class State:
    code: str
    name: str  # the Vietnamese name: "Kazakhstan", "Hàn Quốc"
    places: tuple[str, ...]  # cities the press names, the capital first

    @property
    def capital(self) -> str | None:
        return self.places[0] if self.places else None


@dataclass(frozen=True)
class Official:
    """One person holding one office for one term."""

    name: str
    surname: str  # how the press names them alone ("Tokayev"); the whole name for Vietnamese
    state: str
    office: str
    female: bool
    start: int
    end: int  # first year out of office

    @property
    def vietnamese(self) -> bool:
        return self.state == "VN"


@dataclass(frozen=True)
class AgreementPlan:
    name: str  # may hold "{start}-{end}": a plan's period, from the year it is agreed
    kind: str  # "memorandum", "agreement", ...
    length: int = 0

    def named(self, year: int) -> str:
        return self.name.format(start=year, end=year + self.length)


@dataclass
class World:
    seed: int
    states: dict[str, State]
    partners: list[str]
    weights: list[float]
    offices: dict[tuple[str, str], list[list[Official]]]
    org_names: dict[str, str]  # code -> Vietnamese name
    members: dict[str, list[str]]  # org code -> member states
    relation_dates: dict[str, dt.date]
    national_days: dict[str, dt.date]
    trade_base: dict[str, float]
    speaker_title: dict[str, str]
    agreements: dict[str, list[AgreementPlan]]
    people: int = 0
    memberships: dict[str, list[str]] = field(default_factory=dict)  # state -> orgs

    def holder(self, state: str, office: str, year: int, seat: int = 0) -> Official:
        seats = self.offices[(state, office)]
        terms = seats[seat % len(seats)]
        for official in terms:
            if official.start <= year < official.end:
                return official
        return terms[-1]

    def holders(self, state: str, office: str, year: int) -> list[Official]:
        return [self.holder(state, office, year, i) for i in range(len(self.offices[(state, office)]))]

    def trade(self, state: str, year: int) -> Decimal:
        """Two-way trade with Viet Nam in a year, rounded as the press prints it."""
        rng = random.Random(f"{self.seed}|trade|{state}|{year}")
        value = self.trade_base[state] * (1.09 ** (year - 2010)) * rng.uniform(0.8, 1.2)
        return round_money(value)


def round_money(value: float) -> Decimal:
    """13_512_345 -> 13_500_000; 4_567_000_000 -> 4_570_000_000 (three significant figures)."""
    if value >= 1e9:
        return Decimal(str(round(value / 1e7))) * 10_000_000
    if value >= 1e8:
        return Decimal(str(round(value / 1e6))) * 1_000_000
    return Decimal(str(round(value / 1e5))) * 100_000


def _label(graph: Graph, node: URIRef) -> str:
    for value in graph.objects(node, SKOS.prefLabel):
        if isinstance(value, Literal) and value.language == "vi":
            return str(value)
    return str(graph.value(node, DIP.code))


def _reference() -> tuple[dict[str, State], dict[str, str], dict[str, list[str]], set[str]]:
    """States, organisation names and members, and every word a name must not use."""
    graph = Graph()
    for name in ("states.ttl", "organisations.ttl"):
        graph.parse(REFERENCE / name, format="turtle")
    listed_places = _places_in_order((REFERENCE / "states.ttl").read_text(encoding="utf-8"))
    states: dict[str, State] = {}
    taken: set[str] = set()
    for node in sorted(graph.subjects(RDF.type, DIP.State), key=str):
        code = str(graph.value(node, DIP.code))
        places = listed_places.get(code, ())
        states[code] = State(code, _press_name(graph, node), places)
        for value in (*graph.objects(node, SKOS.prefLabel), *graph.objects(node, SKOS.altLabel), *places):
            taken.update(str(value).split())
    orgs: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for node in sorted(graph.subjects(RDF.type, DIP.InternationalOrganisation), key=str):
        code = str(graph.value(node, DIP.code))
        orgs[code] = _label(graph, node)
        members[code] = sorted(str(graph.value(m, DIP.code)) for m in graph.objects(node, DIP.hasMember))
        for value in (*graph.objects(node, SKOS.prefLabel), *graph.objects(node, SKOS.altLabel)):
            taken.update(str(value).split())
    return states, orgs, members, taken


def _press_name(graph: Graph, node: URIRef) -> str:
    """The name an article uses: the Vietnamese one, or for the two-letter ones the extractor
    leaves out as ordinary words ("Áo", "Bỉ") the longer form ("Cộng hòa Áo", "Vương quốc Bỉ")."""
    name = _label(graph, node)
    if len(name) >= 3:
        return name
    longer = sorted(str(v) for v in graph.objects(node, SKOS.altLabel)
                    if isinstance(v, Literal) and v.language == "vi" and str(v).endswith(" " + name))
    return longer[-1] if longer else name


def _places_in_order(turtle: str) -> dict[str, tuple[str, ...]]:
    """Each state's place names in the order the file lists them (the capital first);
    rdflib does not keep the order of a property's values."""
    out: dict[str, tuple[str, ...]] = {}
    for block in turtle.split("\n\n"):
        code = re.search(r'dip:code "([A-Z]{2})"', block)
        line = re.search(r"dip:placeName ([^;\n]*)", block)
        if code and line:
            out[code.group(1)] = tuple(re.findall(r'"([^"]+)"', line.group(1)))
    return out


def build_world(seed: int) -> World:
    rng = random.Random(seed)
    states, orgs, members, taken = _reference()
    partners = [c for c in sorted(states) if c not in LEFT_OUT]
    used: set[str] = set()
    offices: dict[tuple[str, str], list[list[Official]]] = {}

    def new_person(state: str, office: str, start: int, end: int) -> Official:
        for _ in range(200):
            female = rng.random() < 0.22 and not (office == "hos" and state in MONARCHIES)
            if state == "VN":
                name = vietnamese_name(female, rng)
                surname = name
            elif state == "CN":
                name = chinese_name(rng)
                surname = name
            else:
                style = STYLES[REGION_OF.get(state, "anglo")]
                name, surname = foreign_name(style, female, rng)
                tokens = name.split()
                if REGION_OF.get(state) != "burmese" and not any(foreign_token(t) for t in tokens):
                    continue
                if any(t in taken for t in tokens):
                    continue
            if name not in used:
                used.add(name)
                if not foreign_token(surname):  # "Kong", "Choi": alone, not a name the extractor sees
                    surname = name
                return Official(name, surname, state, office, female, start, end)
        raise RuntimeError(f"no new name left for {state} {office}")

    def terms(state: str, office: str, lo: int, hi: int) -> list[Official]:
        if office == "hos" and state in MONARCHIES:
            lo, hi = 15, 35
        year = 1990 - rng.randint(0, hi)
        out = []
        while year <= LAST_YEAR + 1:
            length = rng.randint(lo, hi)
            out.append(new_person(state, office, year, year + length))
            year += length
        return out

    for office, (seats, lo, hi) in VN_OFFICES.items():
        offices[("VN", office)] = [terms("VN", office, lo, hi) for _ in range(seats)]
    for code in partners:
        offices[("VN", f"amb:{code}")] = [terms("VN", f"amb:{code}", 3, 4)]
        for office, (seats, lo, hi) in FOREIGN_OFFICES.items():
            offices[(code, office)] = [terms(code, office, lo, hi) for _ in range(seats)]
    relation_dates = {}
    national_days = {}
    trade_base = {}
    speaker_title = {}
    agreements = {}
    soviet = {"KZ", "KG", "UZ", "TM", "TJ", "BY", "UA", "MD", "AM", "AZ", "GE", "EE", "LV", "LT"}
    for code in partners:
        year = rng.randint(1992, 1993) if code in soviet else rng.randint(1950, 2005)
        relation_dates[code] = _random_day(rng, year)
        national_days[code] = _random_day(rng, rng.randint(1776, 1993))
        trade_base[code] = 10 ** rng.uniform(6.5, 9.5) * PROMINENCE.get(code, 1)
        speaker_title[code] = rng.choice(["Chủ tịch Quốc hội", "Chủ tịch Hạ viện", "Chủ tịch Thượng viện"])
        agreements[code] = _agreement_plans(rng, states[code].name)
    memberships: dict[str, list[str]] = {code: ["UN"] for code in partners}
    for org, states_in in sorted(members.items()):
        for code in states_in:
            if code in memberships:
                memberships[code].append(org)
    world = World(
        seed=seed, states=states, partners=partners,
        weights=[PROMINENCE.get(c, 1) for c in partners], offices=offices, org_names=orgs,
        members=members, relation_dates=relation_dates, national_days=national_days,
        trade_base=trade_base, speaker_title=speaker_title, agreements=agreements,
        memberships=memberships,
    )
    world.people = len(used)
    return world


def _random_day(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


def _agreement_plans(rng: random.Random, state_name: str) -> list[AgreementPlan]:
    fields = rng.sample(AGREEMENT_FIELDS, 9)
    # "{y}" is the year a plan is agreed: each round of plans covers the next years.
    length = rng.choice([2, 3, 4, 5])
    plans = [
        AgreementPlan(f"Bản ghi nhớ về hợp tác trong lĩnh vực {fields[0]}", "memorandum"),
        AgreementPlan(f"Bản ghi nhớ hợp tác về {fields[1]}", "memorandum"),
        AgreementPlan(f"Hiệp định hợp tác {fields[2]}", "agreement"),
        AgreementPlan(f"Nghị định thư về hợp tác {fields[3]}", "protocol"),
        AgreementPlan(f"Kế hoạch hợp tác {fields[4]} giai đoạn {{start}}-{{end}}", "plan", length),
        AgreementPlan(f"Chương trình hành động hợp tác {fields[5]} giai đoạn {{start}}-{{end}}", "plan", 4),
        AgreementPlan(f"Thỏa thuận về hợp tác {fields[6]}", "agreement"),
        AgreementPlan(rng.choice([
            "Hiệp định khuyến khích và bảo hộ đầu tư", "Hiệp định tránh đánh thuế hai lần",
            "Hiệp định tương trợ tư pháp về hình sự", "Hiệp định về dẫn độ",
            "Hiệp định miễn thị thực cho người mang hộ chiếu phổ thông",
        ]), "agreement"),
    ]
    if rng.random() < 0.25:
        plans.append(AgreementPlan(f"Hiệp định Thương mại tự do Việt Nam - {state_name}", "FTA"))
    return plans
