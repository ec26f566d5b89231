"""Synthetic Vietnamese news about Viet Nam's foreign relations, for benchmarking ``kg build``.

In: a seed and a number of articles. Out: ``NNNNNN_synth.txt`` files shaped like the real
ones (a ``url:``/``date:`` preamble, a ``21:02 | 05/03/2025 GMT+7`` stamp or none; a headline;
body paragraphs; sometimes page furniture such as "Tin bài liên quan" and a list of other
headlines) and, with ``--truth``, ``truth.jsonl``: the facts each article states.

Each article tells one story about one partner state — a visit to or from Viet Nam, a phone
call, a reception, telegrams, a meeting on the sidelines of a summit, an announced visit, or a
background piece with the history of visits — and a few background facts (diplomatic
relations, trade, memberships, agreements). The people come from an invented world
(:mod:`benchmarks.world`) where offices change hands every few years, so people recur across
articles as they do in real news, and several articles often report the same visit.

The same seed and index give the same bytes: article ``i`` does not depend on how many
articles are asked for, so a corpus of 1,000 is the first 1,000 of a corpus of 10,000.

    python benchmarks/generate.py --count 10000 --seed 1 --out benchmarks/out/articles
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/generate.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.world import (  # noqa: E402
    FIRST_YEAR,
    LAST_YEAR,
    MONARCHIES,
    PRESIDENTIAL,
    SUMMIT_CITY,
    SUMMITS,
    AgreementPlan,
    Official,
    World,
    build_world,
)

GENERATOR_VERSION = "1"
SUFFIX = "_synth.txt"
TRUTH_FILE = "truth.jsonl"
MANIFEST_FILE = "corpus.json"

Fact = dict[str, object]

# ---------------------------------------------------------------- titles


# States the press often names in full as "Cộng hòa ...".
REPUBLICS = set(
    "KZ KG UZ TJ TM BY AM AZ MD UA FR DE IT PL CZ SK HU BG RS HR SI AT KR SG ID PH TR CL AR PE CO VE "
    "EG DZ TN ZA KE IE PT FI EE LV LT GR CY".split()
)


class Titles:
    """How the press titles an official: in full on first mention, shorter afterwards."""

    VN_FULL = {
        "gs": ["Tổng Bí thư"], "pres": ["Chủ tịch nước"], "pm": ["Thủ tướng Chính phủ", "Thủ tướng"],
        "na": ["Chủ tịch Quốc hội"], "vp": ["Phó Chủ tịch nước"], "dpm": ["Phó Thủ tướng", "Phó Thủ tướng Chính phủ"],
        "fm": ["Bộ trưởng Ngoại giao", "Bộ trưởng Bộ Ngoại giao"],
        "vfm": ["Thứ trưởng Bộ Ngoại giao", "Thứ trưởng Ngoại giao"], "vna": ["Phó Chủ tịch Quốc hội"],
        "moit": ["Bộ trưởng Bộ Công Thương"], "ext": ["Trưởng Ban Đối ngoại Trung ương"],
    }
    VN_SHORT = {
        "gs": "Tổng Bí thư", "pres": "Chủ tịch nước", "pm": "Thủ tướng", "na": "Chủ tịch Quốc hội",
        "vp": "Phó Chủ tịch nước", "dpm": "Phó Thủ tướng", "fm": "Bộ trưởng", "vfm": "Thứ trưởng",
        "vna": "Phó Chủ tịch Quốc hội", "moit": "Bộ trưởng", "ext": "Trưởng Ban",
    }

    def __init__(self, world: World) -> None:
        self.world = world

    def head_of_state(self, code: str) -> str:
        if code in ("CN", "LA", "CU"):
            return "Chủ tịch nước" if code != "CN" else "Chủ tịch"
        if code == "KP":
            return "Chủ tịch"
        if code == "JP":
            return "Nhà vua"
        return "Quốc vương" if code in MONARCHIES else "Tổng thống"

    def full(self, p: Official, rng: random.Random) -> str:
        if p.vietnamese:
            if p.office.startswith("amb:"):
                return f"Đại sứ Việt Nam tại {self.world.states[p.office[4:]].name}"
            return rng.choice(self.VN_FULL[p.office])
        code = p.state
        state = self.world.states[code].name
        if rng.random() < 0.2:
            if state.startswith(("Cộng hòa", "Vương quốc")):
                pass
            elif code in REPUBLICS:
                state = f"Cộng hòa {state}"
            elif code == "RU":
                state = "Liên bang Nga"
            elif code in MONARCHIES and code != "JP" and not state.startswith("Các "):
                state = f"Vương quốc {state}"
        office = p.office
        if office == "hos":
            return f"{self.head_of_state(code)} {state}"
        if office == "hog":
            return f"{'Phó Tổng thống' if code in PRESIDENTIAL else 'Thủ tướng'} {state}"
        if office == "dpm":
            return f"{'Bộ trưởng Tài chính' if code in PRESIDENTIAL else 'Phó Thủ tướng'} {state}"
        if office == "fm":
            if code == "US":
                return "Ngoại trưởng Hoa Kỳ"
            return f"{rng.choice(['Bộ trưởng Ngoại giao', 'Bộ trưởng Bộ Ngoại giao'])} {state}"
        if office == "vfm":
            return f"{rng.choice(['Thứ trưởng Ngoại giao', 'Thứ trưởng Bộ Ngoại giao'])} {state}"
        if office == "speaker":
            return f"{self.world.speaker_title[code]} {state}"
        if office == "amb":
            return rng.choice([f"Đại sứ {state} tại Việt Nam", f"Đại sứ đặc mệnh toàn quyền {state} tại Việt Nam"])
        return f"{rng.choice(['Bộ trưởng Thương mại', 'Bộ trưởng Kinh tế', 'Bộ trưởng Công nghiệp và Thương mại'])} {state}"

    def short(self, p: Official) -> str:
        if p.vietnamese:
            head = "Đại sứ" if p.office.startswith("amb:") else self.VN_SHORT[p.office]
            return f"{head} {p.name}"
        code = p.state
        head = {
            "hos": self.head_of_state(code), "hog": "Phó Tổng thống" if code in PRESIDENTIAL else "Thủ tướng",
            "dpm": "Bộ trưởng" if code in PRESIDENTIAL else "Phó Thủ tướng", "fm": "Bộ trưởng",
            "vfm": "Thứ trưởng", "speaker": "Chủ tịch", "amb": "Đại sứ", "trade": "Bộ trưởng",
        }[p.office]
        if head == "Chủ tịch nước":  # "Chủ tịch nước" alone would make them Vietnamese
            head = "Chủ tịch"
        return f"{head} {p.surname}"


# ---------------------------------------------------------------- one article


@dataclass
class Article:
    """An article being written: its paragraphs and the facts they state."""

    world: World
    rng: random.Random
    code: str  # the partner state
    published: dt.date | None
    yearless: bool  # may day dates leave out the year (the article is dated to the day)
    titles: Titles
    headline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    @property
    def s(self) -> str:
        return self.world.states[self.code].name

    def who(self, p: Official) -> str:
        """The official as this article names them: in full the first time."""
        if p.name not in self.seen:
            self.seen.add(p.name)
            return f"{self.titles.full(p, self.rng)} {p.name}"
        return self.titles.short(p) if self.rng.random() < 0.8 else f"{self.titles.full(p, self.rng)} {p.name}"

    def day(self, d: dt.date, capital: bool = True) -> str:
        """"Chiều 17/2" or "Chiều 17/2/2025"."""
        part = self.rng.choice(["Sáng", "Chiều", "Tối", "Trưa", "Ngày", "Chiều", "Sáng"])
        return f"{part if capital else part.lower()} {self.dm(d)}"

    def dm(self, d: dt.date) -> str:
        if self.yearless and self.rng.random() < 0.75:
            return f"{d.day}/{d.month}"
        return f"{d.day}/{d.month}/{d.year}"

    def span(self, a: dt.date, b: dt.date) -> str:
        """"từ ngày 20 đến 22/8/2023" and its variants (a and b in one month)."""
        tail = f"/{a.month}" if self.yearless and self.rng.random() < 0.5 else f"/{a.month}/{a.year}"
        if b == a + dt.timedelta(days=1) and self.rng.random() < 0.4:
            return f"trong các ngày {a.day} và {b.day}{tail}"
        return self.rng.choice([
            f"từ ngày {a.day} đến {b.day}{tail}", f"từ ngày {a.day}-{b.day}{tail}",
            f"từ ngày {a.day} đến ngày {b.day}{tail}",
        ])

    def say(self, *sentences: str) -> None:
        self.paragraphs.append(" ".join(s for s in sentences if s))

    def fact(self, fact_type: str, **values: object) -> None:
        self.facts.append({"type": fact_type, **values})

    def visit(self, guest: Official, host_state: str, kind: str, status: str,
              start: dt.date | None, end: dt.date | None, month_only: bool = False,
              invited_by: Official | None = None) -> None:
        def iso(d: dt.date | None) -> str | None:
            if d is None:
                return None
            return d.isoformat()[:7] if month_only else d.isoformat()
        self.fact("visit", guest=guest.name, guest_state=guest.state, host_state=host_state, kind=kind,
                  status=status, start=iso(start), end=iso(end),
                  invited_by=invited_by.name if invited_by else None)

    def meeting(self, a: Official, b: Official, kind: str, status: str, date: dt.date | None) -> None:
        self.fact("meeting", participants=sorted([a.name, b.name]), kind=kind, status=status,
                  date=date.isoformat() if date else None)


VISIT_WORDS = {
    "state visit": "thăm cấp nhà nước", "official visit": "thăm chính thức",
    "working visit": "thăm làm việc tại", "visit": "thăm",
}
VN_VENUES = {
    "gs": "Trụ sở Trung ương Đảng", "pres": "Trung tâm Hội nghị quốc tế", "pm": "Trụ sở Chính phủ",
    "na": "Nhà Quốc hội", "fm": "trụ sở Bộ Ngoại giao", "vfm": "trụ sở Bộ Ngoại giao",
    "dpm": "Trụ sở Chính phủ", "moit": "trụ sở Bộ Công Thương",
}
# Which Vietnamese office meets which foreign one.
COUNTERPART = {"hos": "pres", "hog": "pm", "speaker": "na", "fm": "fm", "dpm": "dpm", "vfm": "vfm", "trade": "moit"}
LEVELS = ["hos", "hog", "speaker", "fm", "dpm", "vfm", "trade"]
LEVEL_WEIGHTS = [3, 3, 2, 3, 1, 1, 1]


def _quarter_date(rng: random.Random, year: int, quarter: int) -> dt.date:
    return dt.date(year, quarter * 3 + rng.randint(1, 3), rng.randint(1, 24))


# ---------------------------------------------------------------- stories

@dataclass(frozen=True)
class VisitEvent:
    guest: Official
    host: Official
    host_state: str
    kind: str
    start: dt.date
    end: dt.date
    others: tuple[Official, ...]  # leaders the guest also meets
    agreements: tuple[AgreementPlan, ...]


def visit_event(world: World, code: str, year: int, quarter: int, inbound: bool) -> VisitEvent:
    """One visit, the same in every article that reports it (seeded by state, time, direction)."""
    rng = random.Random(f"{world.seed}|visit|{code}|{year}|{quarter}|{inbound}")
    level = rng.choices(LEVELS, LEVEL_WEIGHTS)[0]
    start = _quarter_date(rng, year, quarter)
    end = start + dt.timedelta(days=rng.choice([1, 1, 2, 2, 3]))
    foreign = world.holder(code, level, year, rng.randrange(4))
    vn = world.holder("VN", COUNTERPART[level], year, rng.randrange(6))
    if inbound:
        pool = [world.holder("VN", o, year) for o in ("gs", "pres", "pm", "na") if o != COUNTERPART[level]]
    else:
        pool = [world.holder(code, o, year) for o in ("hos", "hog", "speaker") if o != level]
    others = tuple(rng.sample(pool, rng.randint(0, 2 if inbound else 1)))
    if level == "hos":
        kind = rng.choice(["state visit", "official visit", "official visit"])
    else:
        kind = rng.choice(["official visit", "official visit", "working visit", "visit"])
    agreements = tuple(rng.sample(world.agreements[code], rng.choice([0, 1, 2, 2, 3])))
    guest, host = (foreign, vn) if inbound else (vn, foreign)
    return VisitEvent(guest, host, "VN" if inbound else code, kind, start, end, others, agreements)


def story_visit(a: Article, event: VisitEvent) -> None:
    """A visit under way or just made: arrival, talks, other meetings, agreements signed."""
    rng, g, h = a.rng, event.guest, event.host
    inbound = event.host_state == "VN"
    where = "Việt Nam" if inbound else a.s
    words = VISIT_WORDS[event.kind]
    city = "Hà Nội" if inbound else (a.world.states[a.code].capital or a.s)
    if rng.random() < 0.5:
        a.headline = f"{a.who(g)} {words} {where}"
    elif rng.random() < 0.5:
        a.headline = f"{a.who(h)} hội đàm với {a.who(g)}"
    else:
        a.headline = rng.choice([
            f"Việt Nam - {a.s}: làm sâu sắc hơn quan hệ hữu nghị truyền thống",
            f"Đưa quan hệ Việt Nam - {a.s} lên tầm cao mới",
            f"Thúc đẩy hợp tác nhiều mặt giữa Việt Nam và {a.s}",
        ])
    guest, host, span = a.who(g), a.who(h), a.span(event.start, event.end)
    lead = rng.choice([
        f"Nhận lời mời của {host}, {guest} {words} {where} {span}.",
        f"Theo lời mời của {host}, {guest} và Phu nhân {words} {where} {span}.",
        f"{a.day(event.start)}, {guest} đã đến {city}, bắt đầu chuyến {words} {where} {span} theo lời mời của {host}.",
        f"{guest} {words} {where} {span}, theo lời mời của {host}.",
        f"Chuyến {words} {where} của {guest} {span} diễn ra theo lời mời của {host}.",
    ])
    a.say(lead, rng.choice(FILLER_VISIT).format(S=a.s))
    a.visit(g, event.host_state, event.kind, "completed", event.start, event.end, invited_by=h)
    talks = event.start
    venue = VN_VENUES.get(h.office, "Hà Nội") if inbound else f"thủ đô {city}" if city != a.s else a.s
    if rng.random() < 0.5:
        sentence = f"{a.day(talks)}, ngay sau lễ đón chính thức, {a.who(h)} đã hội đàm với {a.who(g)}."
    else:
        sentence = f"{a.day(talks)}, tại {venue}, {a.who(h)} và {a.who(g)} đã có cuộc hội đàm."
    a.say(sentence, rng.choice(FILLER_TALKS).format(S=a.s))
    a.meeting(g, h, "talks", "completed", talks)
    if event.agreements:
        names = [p.named(event.start.year) for p in event.agreements]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
        a.say(rng.choice([
            f"Sau hội đàm, hai nhà lãnh đạo đã chứng kiến lễ ký {listed}.",
            f"Nhân dịp này, hai bên đã ký {listed}.",
            f"Trong khuôn khổ chuyến thăm, các bộ, ngành hai nước đã ký kết {listed}.",
        ]))
        for name in names:
            a.fact("agreement", name=name, status="signed")
    day = talks
    for other in event.others:
        day = min(day + dt.timedelta(days=rng.choice([0, 1])), event.end)
        o = a.who(other)
        guest_short = a.who(g)
        form = rng.randrange(4)
        if form == 0:
            a.say(f"{a.day(day)}, {guest_short} đã hội kiến {o}.")
            a.meeting(g, other, "meeting", "completed", day)
        elif form == 1:
            a.say(f"{a.day(day)}, {o} đã tiếp {guest_short}.", rng.choice(FILLER_PEOPLE).format(p=a.who(other), S=a.s))
            a.meeting(g, other, "reception", "completed", day)
        elif form == 2:
            a.say(f"{a.day(day)}, {guest_short} đã chào xã giao {o}.")
            a.meeting(g, other, "courtesy meeting", "completed", day)
        else:
            a.say(f"{a.day(day)}, {guest_short} đã có cuộc gặp với {o}.")
            a.meeting(g, other, "meeting", "completed", day)


def story_planned(a: Article, event: VisitEvent) -> None:
    """A visit announced before it happens: every fact of it is planned."""
    rng, g, h = a.rng, event.guest, event.host
    where = "Việt Nam" if event.host_state == "VN" else a.s
    words = VISIT_WORDS[event.kind]
    a.headline = f"{a.who(g)} sẽ {words} {where}"
    a.yearless = False  # an announcement dates the visit in full
    guest, host, span = a.who(g), a.who(h), a.span(event.start, event.end)
    a.say(rng.choice([
        f"Bộ Ngoại giao thông báo: nhận lời mời của {host}, {guest} sẽ {words} {where} {span}.",
        f"Theo thông báo của Bộ Ngoại giao, {guest} sẽ {words} {where} {span} theo lời mời của {host}.",
        f"Nhận lời mời của {host}, {guest} dự kiến sẽ {words} {where} {span}.",
    ]), rng.choice(FILLER_VISIT).format(S=a.s))
    a.visit(g, event.host_state, event.kind, "planned", event.start, event.end, invited_by=h)
    if rng.random() < 0.6:
        others = list(event.others[:1])
        plan = f"Trong chuyến thăm, {a.who(g)} dự kiến sẽ hội đàm với {a.who(h)}"
        if others:
            plan += f" và hội kiến {a.who(others[0])}"
        a.say(plan + ".")
        a.meeting(g, h, "talks", "planned", None)
        for other in others:
            a.meeting(g, other, "meeting", "planned", None)


def story_call(a: Article, year: int, quarter: int) -> None:
    event = random.Random(f"{a.world.seed}|call|{a.code}|{year}|{quarter}")  # the call itself
    level = event.choice(["hog", "fm", "fm", "vfm", "hos", "speaker"])
    date = _quarter_date(event, year, quarter)
    f = a.world.holder(a.code, level, year, event.randrange(2))
    vn = a.world.holder("VN", COUNTERPART[level], year, event.randrange(5))
    video = event.random() < 0.2
    rng = a.rng  # how this article tells of it
    verb = "hội đàm trực tuyến" if video else "điện đàm"
    a.headline = rng.choice([f"{a.who(vn)} {verb} với {a.who(f)}",
                             f"Việt Nam và {a.s} nhất trí thúc đẩy hợp tác thực chất"])
    x, y = a.who(vn), a.who(f)
    if video:
        lead = f"{a.day(date)}, {x} đã hội đàm trực tuyến với {y}."
    else:
        lead = rng.choice([
            f"{a.day(date)}, {x} đã điện đàm với {y}.",
            f"{a.day(date)}, {x} đã có cuộc điện đàm với {y} để trao đổi về quan hệ song phương.",
            f"{a.day(date)}, {x} và {y} đã điện đàm.",
            f"Theo đề nghị của phía {a.s}, {a.day(date, capital=False)}, {y} đã điện đàm với {x}.",
        ])
    a.say(lead, rng.choice(FILLER_TALKS).format(S=a.s))
    a.meeting(vn, f, "video call" if video else "phone call", "completed", date)
    a.say(rng.choice(FILLER_PEOPLE).format(p=a.who(f), S=a.s))
    if rng.random() < 0.5:
        if rng.random() < 0.5:
            a.say(f"Nhân dịp này, {a.who(f)} đã mời {a.who(vn)} thăm {a.s} vào thời gian phù hợp.")
            a.visit(vn, a.code, "visit", "invited", None, None, invited_by=f)
        else:
            a.say(f"{a.who(vn)} trân trọng mời {a.who(f)} sớm thăm Việt Nam.")
            a.visit(f, "VN", "visit", "invited", None, None, invited_by=vn)


def story_reception(a: Article, year: int, quarter: int) -> None:
    event = random.Random(f"{a.world.seed}|reception|{a.code}|{year}|{quarter}")  # the reception itself
    date = _quarter_date(event, year, quarter)
    form = event.randrange(3)
    offices = (event.choice(["fm", "vfm", "pres", "pm"]), event.choice(["fm", "dpm", "trade", "vfm"]),
               event.choice(["pres", "pm", "na", "dpm"]), event.randrange(5))
    rng = a.rng  # how this article tells of it
    if form == 0:  # a foreign ambassador comes to the ministry
        amb = a.world.holder(a.code, "amb", year)
        vn = a.world.holder("VN", offices[0], year, offices[3])
        a.headline = f"{a.who(vn)} tiếp {a.who(amb)}"
        why = rng.choice(["đến chào nhân dịp bắt đầu nhiệm kỳ công tác tại Việt Nam",
                          "đến chào từ biệt nhân dịp kết thúc nhiệm kỳ công tác tại Việt Nam"])
        a.say(f"{a.day(date)}, tại Hà Nội, {a.who(vn)} đã tiếp {a.who(amb)} {why}.",
              rng.choice(FILLER_PEOPLE).format(p=a.who(amb), S=a.s))
        a.meeting(vn, amb, "reception", "completed", date)
    elif form == 1:  # a minister in Viet Nam is received by a leader
        guest = a.world.holder(a.code, offices[1], year)
        vn = a.world.holder("VN", offices[2], year, offices[3])
        a.headline = f"{a.who(vn)} tiếp {a.who(guest)}"
        a.say(f"{a.day(date)}, tại Hà Nội, {a.who(vn)} đã tiếp {a.who(guest)} đang thăm và làm việc tại Việt Nam.",
              rng.choice(FILLER_PEOPLE).format(p=a.who(guest), S=a.s))
        a.meeting(vn, guest, "reception", "completed", date)
        a.visit(guest, "VN", "working visit", "completed", date, None)
    else:  # a Vietnamese ambassador presents credentials
        amb = a.world.holder("VN", f"amb:{a.code}", year)
        head = a.world.holder(a.code, "hos", year)
        city = a.world.states[a.code].capital
        a.headline = f"Đại sứ {amb.name} trình Quốc thư lên {a.titles.head_of_state(a.code)} {a.s}"
        where = f", tại {city}" if city else ""
        a.say(f"{a.day(date)}{where}, {a.who(amb)} đã trình Quốc thư lên {a.who(head)}.",
              rng.choice(FILLER_PEOPLE).format(p=a.who(head), S=a.s))
        a.meeting(amb, head, "reception", "completed", date)
    a.say(rng.choice(FILLER_GENERAL).format(S=a.s))


def story_telegrams(a: Article, year: int) -> None:
    """Telegrams on the national day, or on an anniversary of relations."""
    rng = a.rng
    w = a.world
    pairs = [(w.holder("VN", "pres", year), w.holder(a.code, "hos", year)),
             (w.holder("VN", "pm", year), w.holder(a.code, "hog", year)),
             (w.holder("VN", "fm", year), w.holder(a.code, "fm", year))]
    pairs = pairs[:rng.choice([1, 2, 2, 3])]
    relation = w.relation_dates[a.code]
    anniversary = year - relation.year
    if anniversary >= 5 and rng.random() < 0.4:
        day = relation.replace(year=year)
        a.headline = f"Điện mừng kỷ niệm {anniversary} năm thiết lập quan hệ ngoại giao Việt Nam - {a.s}"
        occasion = (f"kỷ niệm {anniversary} năm Ngày thiết lập quan hệ ngoại giao giữa Việt Nam và {a.s} "
                    f"({relation.day}/{relation.month}/{relation.year} - {day.day}/{day.month}/{year})")
        a.fact("relation", state=a.code, date=relation.isoformat())
    else:
        national = w.national_days[a.code]
        day = national.replace(year=year)
        a.headline = f"Điện mừng Quốc khánh {a.s}"
        occasion = (f"kỷ niệm {year - national.year} năm Quốc khánh {a.s} "
                    f"({national.day}/{national.month}/{national.year} - {day.day}/{day.month}/{year})")
    a.yearless = True
    clauses = [f"{a.who(vn)} đã gửi điện mừng tới {a.who(f)}" for vn, f in pairs]
    a.say(f"Nhân dịp {occasion}, ngày {day.day}/{day.month}, " + "; ".join(clauses) + ".")
    for vn, f in pairs:
        a.meeting(vn, f, "message", "completed", day)
    a.published = day


def story_summit(a: Article, year: int) -> None:
    """Meetings on the sidelines of a summit the Vietnamese leader attends abroad."""
    rng = a.rng
    w = a.world
    options = [o for o in SUMMITS if o in ("UN", "WEF") or a.code in w.members.get(o, []) or
               (o == "APEC" and a.code in SUMMITS["APEC"][1])]
    org = rng.choice(options)
    er = random.Random(f"{w.seed}|summit|{org}|{year}")
    template, hosts = SUMMITS[org]
    host = er.choice(hosts)
    date = dt.date(year, er.randint(1, 12), er.randint(1, 26))
    name = template.format(year=year, n=year - 1945 if org == "UN" else year - 1982)
    city = SUMMIT_CITY.get(org, {}).get(host) or w.states[host].capital
    vn = w.holder("VN", rng.choice(["pres", "pm"]), year)
    f = w.holder(a.code, rng.choice(["hos", "hog"]), year)
    place = f"{city} ({w.states[host].name})" if city else w.states[host].name
    a.headline = f"{a.who(vn)} gặp {a.who(f)} bên lề {name.split(' lần thứ')[0]}"
    x, y = a.who(vn), a.who(f)
    a.say(rng.choice([
        f"Nhân dịp dự {name} tại {place}, {a.day(date, capital=False)}, {x} đã có cuộc gặp với {y}.",
        f"Nhân dịp tham dự {name} tại {place}, {a.day(date, capital=False)}, {x} đã gặp {y}.",
        f"{a.day(date)}, trong dịp dự {name} tại {place}, {x} đã có cuộc gặp song phương với {y}.",
    ]), rng.choice(FILLER_TALKS).format(S=a.s))
    a.meeting(vn, f, "meeting", "completed", date)
    if host != "VN":
        a.visit(vn, host, "visit", "completed", date, None)


def story_profile(a: Article, year: int) -> None:
    """A background piece: relations, the history of visits both ways, agreements, trade."""
    rng = a.rng
    w = a.world
    relation = w.relation_dates[a.code]
    a.headline = rng.choice([
        f"Quan hệ hữu nghị và hợp tác Việt Nam - {a.s}", f"Vài nét về quan hệ Việt Nam - {a.s}",
        f"Việt Nam - {a.s}: chặng đường {year - relation.year} năm quan hệ ngoại giao",
    ])
    a.yearless = False
    background_relation(a)
    for inbound in (False, True):
        years = sorted(rng.sample(range(max(FIRST_YEAR - 10, relation.year + 1), year), k=min(3, year - relation.year - 1)))
        items: list[str] = []
        for y in years:
            office = rng.choice(["pm", "pres", "fm", "na", "dpm"]) if not inbound else rng.choice(["hog", "hos", "fm", "speaker"])
            person = w.holder("VN" if not inbound else a.code, office, y)
            if any(person.name in item for item in items):
                continue
            month = rng.randint(1, 12)
            items.append(f"{a.who(person)} (tháng {month}/{y})")
            a.visit(person, "VN" if inbound else a.code, "visit", "completed", dt.date(y, month, 1), None, month_only=True)
        if items:
            side, host = (a.s, "Việt Nam") if inbound else ("Việt Nam", a.s)
            a.say(f"Về phía {side}, có các chuyến thăm {host} của: " + ", ".join(items) + ".")
    for _ in range(2):
        rng.choice([background_trade, background_agreement, background_membership])(a, year)


# ---------------------------------------------------------------- background facts

def background_relation(a: Article) -> None:
    d = a.world.relation_dates[a.code]
    full = f"{d.day}/{d.month}/{d.year}"
    a.say(a.rng.choice([
        f"Việt Nam và {a.s} thiết lập quan hệ ngoại giao ngày {full}.",
        # (the extractor looks at most 40 characters between "quan hệ ngoại giao" and
        # "được thiết lập", so long names go in other sentences)
        f"Quan hệ ngoại giao Việt Nam - {a.s} được thiết lập ngày {full}." if len(a.s) < 25 else
        f"Việt Nam và {a.s} chính thức thiết lập quan hệ ngoại giao ngày {full}.",
        f"Hai nước chính thức thiết lập quan hệ ngoại giao vào ngày {d.day} tháng {d.month} năm {d.year}.",
        f"Kể từ khi thiết lập quan hệ ngoại giao ngày {full}, quan hệ hữu nghị giữa hai nước không ngừng được củng cố.",
    ]))
    a.fact("relation", state=a.code, date=d.isoformat())


def money(value: Decimal) -> str:
    """4_570_000_000 -> "4,57 tỷ USD"; 13_500_000 -> "13,5 triệu USD"."""
    scale, word = (10**9, "tỷ") if value >= 10**9 else (10**6, "triệu")
    number = format((value / scale).normalize(), "f").replace(".", ",")
    return f"{number} {word} USD"


def background_trade(a: Article, year: int) -> None:
    rng = a.rng
    w = a.world
    y = year - 1
    form = rng.randrange(4)
    if form == 0:
        a.say(f"Năm {y}, kim ngạch thương mại song phương đạt {money(w.trade(a.code, y))}, "
              f"tăng {rng.randint(2, 40)}% so với năm trước.")
    elif form == 1:
        a.say(f"Kim ngạch thương mại hai chiều giữa Việt Nam và {a.s} năm {y} đạt {money(w.trade(a.code, y))}.")
    elif form == 2:
        years = [y - 2, y - 1, y]
        figures = [f"{money(w.trade(a.code, x))} (năm {x})" for x in years]
        a.say(f"Kim ngạch thương mại song phương đạt {figures[0]}, {figures[1]} và {figures[2]}.")
        for x in years[:2]:
            a.fact("trade", state=a.code, year=str(x), usd=str(w.trade(a.code, x)))
    elif a.published and a.published.month > 3:
        months = rng.randint(2, a.published.month - 1)
        value = w.trade(a.code, year) * months / 12
        value = Decimal(str(round(value / 100_000))) * 100_000
        a.say(f"Trong {months} tháng đầu năm {year}, trao đổi thương mại giữa hai nước đạt {money(value)}.")
        a.fact("trade", state=a.code, year=str(year), usd=str(value), period=f"{months} tháng đầu năm")
        return
    else:
        a.say(f"Năm {y}, trao đổi thương mại giữa hai nước đạt {money(w.trade(a.code, y))}.")
    a.fact("trade", state=a.code, year=str(y), usd=str(w.trade(a.code, y)))


def background_agreement(a: Article, year: int) -> None:
    rng = a.rng
    plan = rng.choice(a.world.agreements[a.code])
    plan = AgreementPlan(plan.named(year - rng.randint(0, 3)), plan.kind)
    form = rng.randrange(4)
    if form == 0:
        d = dt.date(rng.randint(year - 12, year - 1), rng.randint(1, 12), rng.randint(1, 28))
        name = f"{plan.name} giữa hai nước" if rng.random() < 0.5 else plan.name
        a.say(f"{name} có hiệu lực từ ngày {d.day}/{d.month}/{d.year}.")
        a.fact("agreement", name=name, status="in force")
    elif form == 1:
        a.say(rng.choice([f"Hai bên đang đàm phán {plan.name}.",
                          f"Hai bên nhất trí sớm hoàn tất đàm phán {plan.name}."]))
        a.fact("agreement", name=plan.name, status="negotiating")
    elif form == 2:
        a.say(f"Hai nước đã ký {plan.name} (năm {rng.randint(year - 12, year - 1)}).")
        a.fact("agreement", name=plan.name, status="signed")
    else:
        a.say(f"Hai bên dự kiến sẽ ký {plan.name} vào cuối năm nay.")
        a.fact("agreement", name=plan.name, status="planned")


def background_membership(a: Article, year: int) -> None:
    rng = a.rng
    orgs = a.world.memberships[a.code]
    org = rng.choice(orgs)
    label = a.world.org_names[org]
    shown = rng.choice([label, f"{label} ({org})" if label != org else label, org if org != "UN" else "LHQ"])
    if rng.random() < 0.7:
        a.say(f"{a.s} là thành viên của {shown}.")
    else:
        a.say(f"Với tư cách là thành viên của {shown}, {a.s} luôn ủng hộ lập trường của Việt Nam tại các diễn đàn quốc tế.")
    a.fact("membership", state=a.code, org=org)


# ---------------------------------------------------------------- filler (no facts)

FILLER_VISIT = [
    "Đây là dịp để hai bên cùng nhìn lại chặng đường hợp tác đã qua và bàn các phương hướng lớn cho thời gian tới.",
    "Chuyến thăm diễn ra trong bối cảnh quan hệ hữu nghị truyền thống Việt Nam - {S} đang phát triển tốt đẹp.",
    "Hai bên kỳ vọng chuyến thăm sẽ mở ra giai đoạn hợp tác mới, thực chất và hiệu quả hơn.",
    "Dư luận {S} đánh giá cao ý nghĩa của chuyến thăm đối với quan hệ song phương.",
    "",
]
FILLER_TALKS = [
    "Hai bên hài lòng trước những bước phát triển tích cực của quan hệ song phương thời gian qua.",
    "Lãnh đạo hai nước nhất trí tăng cường trao đổi đoàn các cấp, nhất là cấp cao, nhằm củng cố tin cậy chính trị.",
    "Hai bên cũng trao đổi về các vấn đề quốc tế và khu vực cùng quan tâm.",
    "Hai bên nhất trí phối hợp chặt chẽ và ủng hộ lẫn nhau tại các diễn đàn đa phương.",
    "Về kinh tế, hai bên nhất trí tạo thuận lợi để hàng hóa của mỗi nước tiếp cận thị trường của nhau.",
    "Hai bên khẳng định quyết tâm đưa quan hệ Việt Nam - {S} phát triển sâu rộng hơn nữa.",
]
FILLER_PEOPLE = [
    "{p} khẳng định {S} luôn coi trọng quan hệ hợp tác nhiều mặt với Việt Nam.",
    "{p} bày tỏ vui mừng trước những kết quả hợp tác mà hai nước đạt được thời gian qua.",
    "{p} đề nghị hai bên phát huy hơn nữa các cơ chế hợp tác hiện có.",
    "{p} cho rằng tiềm năng hợp tác giữa hai nước còn rất lớn, nhất là trong nông nghiệp và năng lượng tái tạo.",
]
FILLER_GENERAL = [
    "Cộng đồng người Việt Nam tại {S} hiện có khoảng vài nghìn người, phần lớn đã ổn định cuộc sống.",
    "Hợp tác giáo dục - đào tạo, văn hóa và du lịch tiếp tục là điểm sáng trong quan hệ song phương.",
    "Hai nước duy trì cơ chế tham khảo chính trị định kỳ giữa hai Bộ Ngoại giao.",
    "Việc mở đường bay thẳng đã góp phần thúc đẩy giao lưu nhân dân giữa hai nước.",
    "Doanh nghiệp {S} ngày càng quan tâm tới thị trường Việt Nam.",
]


# ---------------------------------------------------------------- the page around the article

SITES = ["baoquocte.vn", "vietnamplus.vn", "nhandan.vn", "baochinhphu.vn", "qdnd.vn", "vov.vn", "dangcongsan.vn"]
AGENCIES = ["TTXVN", "VGP", "Bộ Ngoại giao", "Thống Nhất/TTXVN", "Dương Giang/TTXVN"]


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())[:80]


def header(a: Article, index: int) -> tuple[str, str]:
    """The lines before the headline and right after it (date stamps sit in either)."""
    rng, p = a.rng, a.published
    assert p is not None
    hh, mm = rng.randint(6, 22), rng.randint(0, 59)
    form = rng.randrange(5)
    if form == 0:
        url = f"https://{rng.choice(SITES)}/{_slug(a.headline)}-{100000 + index}.html"
        return f"url: {url}\ndate: {p.isoformat()}\n\n", ""
    if form == 1:
        section = rng.choice(["Chính trị - Xã hội", "Thời sự", "Đối ngoại", "Chính trị"])
        return f"Trang chủ {section}\n{hh:02d}:{mm:02d} | {p.day:02d}/{p.month:02d}/{p.year} GMT+7\n\n", ""
    if form == 2:
        author = rng.choice(["Minh Hằng", "Quang Vinh", "Thu Trang", "Hải Yến", "Việt Đức"])
        return "", f"\n{author} (TTXVN/Vietnam+)| {p.day:02d}/{p.month:02d}/{p.year} {hh:02d}:{mm:02d}\n"
    if form == 3:
        return f" date {p.isoformat()} ", ""
    url = f"https://{rng.choice(SITES)}/{_slug(a.headline)}-post{200000 + index}.vnp"
    return f"url: {url}\ndate: {p.isoformat()}\n\n", ""


def related_headlines(world: World, rng: random.Random) -> list[str]:
    out = []
    for _ in range(rng.randint(2, 5)):
        code = rng.choices(world.partners, world.weights)[0]
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        person = world.holder(code, rng.choice(["hos", "hog", "fm"]), year)
        out.append(rng.choice([
            f"Thúc đẩy quan hệ hợp tác Việt Nam - {world.states[code].name}",
            f"Điện mừng nhân kỷ niệm quan hệ ngoại giao Việt Nam - {world.states[code].name}",
            f"{person.name} đánh giá cao vai trò của Việt Nam",
        ]))
    return out


# ---------------------------------------------------------------- assembling an article

KINDS = ["visit_in", "visit_out", "call", "reception", "telegrams", "summit", "planned", "profile"]
KIND_WEIGHTS = [22, 14, 14, 12, 8, 10, 6, 14]


def generate_article(world: World, index: int) -> tuple[str, list[Fact]]:
    """The text of article ``index`` and the facts it states."""
    rng = random.Random(world.seed * 1_000_003 + index)
    code = rng.choices(world.partners, world.weights)[0]
    year = rng.choices(range(FIRST_YEAR, LAST_YEAR + 1), [y - 2000 for y in range(FIRST_YEAR, LAST_YEAR + 1)])[0]
    quarter = rng.randrange(4)
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    a = Article(world, rng, code, None, True, Titles(world))
    if kind in ("visit_in", "visit_out", "planned"):
        event = visit_event(world, code, year, quarter, inbound=kind != "visit_out" or rng.random() < 0.1)
        if kind == "planned":
            story_planned(a, event)
            a.published = event.start - dt.timedelta(days=rng.randint(3, 15))
        else:
            story_visit(a, event)
    elif kind == "call":
        story_call(a, year, quarter)
    elif kind == "reception":
        story_reception(a, year, quarter)
    elif kind == "telegrams":
        story_telegrams(a, year)
    elif kind == "summit":
        story_summit(a, year)
    else:
        story_profile(a, year)
    if a.published is None:  # the day after the last event the article tells of
        dated = [str(f.get("date") or f.get("start")) for f in a.facts
                 if f["type"] in ("meeting", "visit") and f["status"] == "completed" and (f.get("date") or f.get("start"))]
        a.published = dt.date.fromisoformat(max(dated)) if dated and kind != "profile" else dt.date(year, 12, 28)
        a.published += dt.timedelta(days=rng.randint(0, 1))
    for _ in range(rng.choice([0, 1, 1, 2])):
        rng.choice([background_trade, background_agreement, background_membership, _relation])(a, year)
    if rng.random() < 0.5:
        a.say(rng.choice(FILLER_GENERAL).format(S=a.s))
    return render(a, index), a.facts


def _relation(a: Article, year: int) -> None:
    if not any(f["type"] == "relation" for f in a.facts):
        background_relation(a)


def render(a: Article, index: int) -> str:
    rng = a.rng
    before, after_headline = header(a, index)
    lines: list[str] = []
    if before.startswith(" date "):
        lines.append(before + f"{a.headline}. (Ảnh: {rng.choice(AGENCIES)})")
        lines.append("")
    else:
        if before:
            lines.append(before.rstrip("\n"))
            lines.append("")
        lines.append(a.headline)
        if after_headline:
            lines.append(after_headline.rstrip("\n"))
        lines.append("")
    if rng.random() < 0.2:
        lines += ["aa", ""]
    for i, paragraph in enumerate(a.paragraphs):
        lines += [paragraph, ""]
        if i == 0 and rng.random() < 0.25:
            lines += [f"Quang cảnh buổi làm việc. (Ảnh: {rng.choice(AGENCIES)})", ""]
    if rng.random() < 0.6:
        lines += [rng.choice(["Theo TTXVN", "Theo Báo Quốc tế", "Nguồn: VGP", "Theo Vietnam+"]), ""]
    if rng.random() < 0.5:
        lines += ["Tin bài liên quan", ""] + [h for h in related_headlines(a.world, rng) for h in (h, "")]
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------- the corpus

def write_corpus(out_dir: Path, count: int, seed: int, truth: bool = False) -> list[Path]:
    """Write ``count`` articles into ``out_dir`` (removing older generated ones beyond them)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    world = build_world(seed)
    paths = []
    truth_lines = []
    for index in range(count):
        text, facts = generate_article(world, index)
        path = out_dir / f"{index:06d}{SUFFIX}"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
        if truth:
            truth_lines.append(json.dumps({"article": path.stem, "facts": facts}, ensure_ascii=False, sort_keys=True))
    if truth:
        (out_dir / TRUTH_FILE).write_text("\n".join(truth_lines) + "\n", encoding="utf-8")
    seal_corpus(out_dir, paths, SUFFIX, {"generator": GENERATOR_VERSION, "seed": seed, "count": count,
                                         "people_in_world": world.people})
    return paths


def seal_corpus(out_dir: Path, paths: list[Path], suffix: str, manifest: dict[str, object]) -> None:
    """Remove the older articles (named ``*suffix``) beyond ``paths``, and write the corpus's
    manifest: ``manifest`` and the digest of the articles (:func:`corpus_is_current`)."""
    wanted = {p.name for p in paths}
    for old in out_dir.glob(f"*{suffix}"):
        if old.name not in wanted:
            old.unlink()
    manifest = {**manifest, "sha256": corpus_digest(out_dir, suffix)}
    (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def corpus_digest(out_dir: Path, suffix: str = SUFFIX) -> str:
    """A digest of every article's name and bytes."""
    h = hashlib.sha256()
    for path in sorted(out_dir.glob(f"*{suffix}")):
        h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def corpus_is_current(out_dir: Path, count: int, seed: int, suffix: str = SUFFIX,
                      generator: str = GENERATOR_VERSION) -> bool:
    """True when ``out_dir`` already holds this generator's corpus for this seed and count, as
    it wrote it (a benchmark killed while an article was changed leaves it changed)."""
    try:
        manifest = json.loads((out_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if manifest.get("generator") != generator or manifest.get("seed") != seed or manifest.get("count") != count:
        return False
    return len(list(out_dir.glob(f"*{suffix}"))) == count and manifest.get("sha256") == corpus_digest(out_dir, suffix)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate synthetic Vietnamese diplomatic news articles.")
    parser.add_argument("--count", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/articles"), help="output folder")
    parser.add_argument("--truth", action="store_true", help="also write truth.jsonl, the facts each article states")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    start = time.perf_counter()
    paths = write_corpus(args.out, args.count, args.seed, args.truth)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles ({size / 1e6:.1f} MB) to {args.out} in {time.perf_counter() - start:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
