"""Stage 2, extraction: an :class:`~kg.reader.Article` in, its :class:`~kg.model.ArticleFacts` out.

The extractor reads the genre the way an analyst does: titles and names first, then the
trigger words of each kind of fact, each read within its clause ("; " separates the items
of the lists Vietnamese news uses for visit histories and telegrams):

* visits: "thăm chính thức Việt Nam", "chuyến thăm ... của", "bắt đầu chuyến thăm", an
  arrival with its days ("sẽ đến Việt Nam ... ngày 1-2/12", "lên đường đi Philippines"), a wish to
  host ("mong sớm đón"), an invitation accepted ("nhận lời mời thăm Hàn Quốc của Tổng thống Y"),
  "nhân dịp thăm Myanmar, Thủ tướng X ...", "chuyến công tác tại X", an arrival after the name
  ("Thủ tướng X rạng sáng nay tới Kuala Lumpur", "tới sân bay Tân Hải, thành phố Thiên Tân"), the next stop ("; sau đó thăm Peru"), attending abroad ("dẫn đầu
  đoàn ... tham dự ... tại Viêng Chăn"), history lists "có các chuyến thăm Kazakhstan của:
  A (tháng 2/1994), B (tháng 6/1994)", "thăm lẫn nhau: A thăm Lào tháng 8/2017, B tháng 5/2019";
  and visits the text implies: a guest received, welcomed or holding talks at a venue of
  another state ("tại Hà Nội", "tại Phủ Chủ tịch"), a host described, not named ("trong khuôn
  khổ chuyến thăm nước bạn"), each leg of a trip with its own days. Their trigger words, kinds,
  venues and invitation words are the word lists ``kg/data/lexicon/visit_*.tsv``;
* meetings: hội đàm (talks), hội kiến / gặp (meeting), tiếp (reception), điện đàm / trao đổi
  điện thoại (phone call), trao đổi trực tuyến (video call), gửi điện mừng (message), chào xã
  giao, "chào Tổng Bí thư X", tham vấn; dated by their own words, else by the day the sentence opens with (not a
  visit's stretch of days), else by the visit they were held during; "hai Thủ tướng hội đàm" is
  between the two people named just before, one of Viet Nam and one of another state;
* agreements: the documents named (their kinds, the words that give their status, the words that
  make a step one to come or one asked for, and the agreements known by acronym are word lists in
  ``kg/data/lexicon/``: document_kinds, agreement_status, agreement_modality, known_agreements),
  each with its name (through "giữa A, B và C", up to its acronym), its parties (those its name or
  acronym names, else those the clause names before it, else Viet Nam and the article's state)
  and the status the nearest words give ("sớm ký, phê chuẩn X": planned; "đề nghị ký X": proposed;
  "ra tuyên bố chung": signed); "Hiệp định" alone or an acronym is the one named before; the
  documents of a ceremony listed one a line after it ("Các văn kiện gồm:") take its status and day;
* diplomatic relations ("thiết lập quan hệ ngoại giao" with its date), memberships
  ("là thành viên" of one organisation or a list, "gia nhập", "trở thành thành viên thứ 7 của", "ASEAN kết nạp Lào"), organisations, and yearly trade figures ("kim ngạch ... đạt X
  USD năm Y"; a part of a year, "9 tháng đầu năm", is kept apart).

Announced events ("dự kiến", "sẽ", "sắp tới", an invitation) are planned or invited, never done.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..reading.dates import DateMention, PartialDate, find_dates, parse_iso, shift_days
from ..reading.gazetteer import Gazetteer, GazetteerMatch
from ..reading.lexicon import alternation, alternation_where, lexicon, table
from ..reading.money import find_money
from ..reading.names import ROLE_ONLY_HEADS, PersonMention, RoleMention, find_people
from ..reading.reader import UPPER_CLASS, Article
from ..reading.resolve_names import same_person
from ..vocab import fold
from .model import (
    AGREEMENT_KINDS,
    AGREEMENT_STATUSES,
    MEETING_KINDS,
    VISIT_KINDS,
    Agreement,
    AgreementStatus,
    ArticleFacts,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Membership,
    Organisation,
    Person,
    Relation,
    Trade,
    Visit,
    VisitKind,
    VisitStatus,
)
from .partnerships import extract_partnerships, states_in

EXTRACTOR_VERSION = "2025.11.1"

# ---------------------------------------------------------------- triggers

_B = r"(?<![\w])"
_E = r"(?![\w])"
FUTURE = re.compile(_B + "(" + alternation_where("tense_markers", "tense", "future") + ")" + _E, re.I)
PAST = re.compile(_B + "(" + alternation_where("tense_markers", "tense", "past") + ")" + _E, re.I)
SPEECH = re.compile(
    _B + r"(khẳng định|nhấn mạnh|bày tỏ|cho biết|cho rằng|tin tưởng|đánh giá|chúc mừng|cảm ơn"
    r"|đề nghị|nhất trí|mong muốn|hoan nghênh|trân trọng|thông báo|trả lời|phát biểu|nói)" + _E
)
# Meeting words and the kind each gives (kg/data/lexicon/meeting_triggers.tsv): one pass, the
# longest phrase where several start at one place, and the first where they overlap.
MEETING_WORDS = re.compile(_B + "(" + alternation("meeting_triggers") + ")" + _E, re.I)
MEETING_KIND = table("meeting_triggers", "kind")
# "chào Tổng Bí thư X": a courtesy call ("lời chào", "chào mừng", "chào đón" are not), told by
# the word after it
COURTESY_CALL = re.compile(_B + r"(?<!lời )[Cc]hào(?= (?:Tổng|Chủ tịch|Thủ tướng|Phó|Bộ trưởng|Quốc vương|Nhà vua"
                           r"|Hoàng|Đại sứ|lãnh đạo|[Ôô]ng|[Bb]à|Ngài)\b)" + _E)
# "Tại cuộc điện đàm, ..." names an event already told of, or told of elsewhere in the article.
DEFINITE_FRAME = re.compile(
    r"(?:^|,\s*)(?:Tại|Trong|Sau|Phát biểu tại|Tại các|Trong các|Ngay sau|Trước khi|Sau khi|Ngay trước khi"
    r"|Ngay sau khi)\s+(?:(?:cuộc|buổi|các cuộc|các buổi)\s+)?$"
)
# "thăm"; "chuyến công tác tại X", a working trip; "nhân chuyến sang Việt Nam", a trip there
VISIT_TRIGGER = re.compile(_B + r"(?:thăm(?! hỏi| dò| khám| quan| viếng| nom)|(?<=chuyến )(?:công tác|sang|tới|đến))" + _E)
_VISIT_FILLER = re.compile(
    r"^(?:\s*(?:,|thăm|chính thức|cấp nhà nước|cấp Nhà nước|làm việc|và làm việc|tới|đến|tại|sang|"
    r"lần này|sắp tới|song phương|hữu nghị|và dự|và tham dự|lại))*\s*"
)
TRADE_WORDS = re.compile(r"kim ngạch|thương mại|xuất nhập khẩu|trao đổi thương mại|buôn bán", re.I)
# The nearest money word before an amount says what it counts: two-way trade, or something else
# (exports alone, investment, aid, GDP), which is not a trade figure.
MONEY_KIND = re.compile(
    r"(?P<trade>kim ngạch|thương mại|xuất nhập khẩu|trao đổi|buôn bán)"
    r"|(?P<other>xuất khẩu|nhập khẩu|vốn|đầu tư|FDI|ODA|viện trợ|GDP|tài trợ|cho vay|khoản vay|doanh thu)",
    re.I,
)
# A figure put before what it counts, the verb opening the sentence: "Đạt 3 tỷ USD năm 2023,
# thương mại hai chiều ..."; "Lên tới 800 triệu USD, kim ngạch ..."
_FRONTED_FIGURE = re.compile(r"\s*(?:[Đđ]ạt|[Ll]ên (?:tới|đến)|[Ởở] mức)\s+(?:(?:hơn|gần|khoảng|trên|xấp xỉ)\s+)?")
TRADE_TARGET = re.compile(r"phấn đấu|mục tiêu|hướng tới|đặt mục tiêu|nâng lên|tăng lên\s+\d", re.I)


# ---------------------------------------------------------------- article context

@dataclass
class _Mention:
    key: str  # the person's key in the article registry
    start: int
    end: int
    title_start: int
    role: bool = False


@dataclass
class _Sent:
    position: int
    text: str
    people: list[_Mention] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    states: list[GazetteerMatch] = field(default_factory=list)
    places: list[GazetteerMatch] = field(default_factory=list)
    orgs: list[GazetteerMatch] = field(default_factory=list)


# A name in its own script after the Vietnamese transliteration, in brackets.
_ORIGINAL_NAME = re.compile(r"\s*\(\s*((?:[A-Z][A-Za-z'’-]*\.?\s+){1,3}[A-Z][A-Za-z'’-]*)\s*\)")


def _other_given_name(name: str, spellings: list[str]) -> bool:
    """Whether a full name has the surname of a full spelling but not its given names ("Reem
    Al-Jabirani" after "Saud Al-Jabirani"): another person, whom the bare surname also fits."""
    words = name.split()
    return len(words) >= 2 and any(
        len(s.split()) >= 2 and s.split()[-1] == words[-1] and not same_person(name, s) for s in spellings
    )


@dataclass
class _Registry:
    """The people of one article, one entry per person however often and however spelled."""

    people: dict[str, dict[str, Any]] = field(default_factory=dict)  # spellings, titles, states...
    renamed: dict[str, str] = field(default_factory=dict)  # a key given up for a fuller spelling -> that spelling

    def add(self, m: PersonMention, position: int) -> str:
        key = self.find(m.name, None if m.assumed_state else m.state, m.title)
        if key is None:
            key = m.name
            self.renamed.pop(key, None)
            self.people[key] = {
                "spellings": [m.name], "titles": [], "states": Counter(), "assumed": Counter(),
                "vietnamese": m.vietnamese_name, "sentence": position, "count": 0,
            }
        entry = self.people[key]
        # the fullest spelling names the entry
        if len(re.split(r"[\s-]+", m.name)) > len(re.split(r"[\s-]+", key)) and not re.match(r"^[A-ZĐ]\.", m.name):
            self.people[m.name] = self.people.pop(key)
            self.renamed[key] = m.name
            key = m.name
            entry = self.people[key]
        if m.name not in entry["spellings"]:
            entry["spellings"].append(m.name)
        if m.title and m.title not in entry["titles"]:
            entry["titles"].append(m.title)
        if m.state:
            entry["assumed" if m.assumed_state else "states"][m.state] += 1
        entry["count"] += 1
        return key

    def current(self, key: str) -> str:
        """The key a person has now: a mention made before its person took a fuller name keeps the old one."""
        while key not in self.people and key in self.renamed:
            key = self.renamed[key]
        return key

    def find(self, name: str, state: str | None = None, title: str | None = None) -> str | None:
        """The person ``name`` may be; of two it may be ("Bộ trưởng X" after "Bộ trưởng A X"
        and "Thủ tướng B X", who share a surname), the first whose title ``title`` is."""
        found: list[str] = []
        for key, entry in self.people.items():
            states = set(entry["states"])
            # a Vietnamese name spelled in full is one person, whatever state a title names
            # ("đồng chí X, Trưởng đoàn ... tỉnh A và các tỉnh B, C (Lào)")
            if entry["vietnamese"] and name in entry["spellings"] and len(name.split()) >= 3:
                found.append(key)
                continue
            if state and states and state not in states:
                continue
            if any(same_person(name, s) for s in entry["spellings"]) and not _other_given_name(name, entry["spellings"]):
                found.append(key)
        if len(found) > 1 and title:
            head = title.casefold()
            fitting = [k for k in found if any(t.casefold().startswith(head) for t in self.people[k]["titles"])]
            return fitting[0] if fitting else found[0]
        return found[0] if found else None

    def state_of(self, key: str) -> str | None:
        """The state the article's titles give most often; an assumed one only failing that."""
        entry = self.people[key]
        counts = entry["states"] or entry["assumed"]
        return counts.most_common(1)[0][0] if counts else None


class _ArticleReader:
    def __init__(self, article: Article, gazetteer: Gazetteer) -> None:
        self.article = article
        self.gaz = gazetteer
        self.published = parse_iso(article.published)
        self.registry = _Registry()
        self.sents: list[_Sent] = []
        self.visits: list[Visit] = []
        self.meetings: list[Meeting] = []
        self.agreements: list[Agreement] = []
        self.organisations: list[Organisation] = []
        self.memberships: list[Membership] = []
        self.relations: list[Relation] = []
        self.trade: list[Trade] = []
        self.foreign_state: str | None = None

    # ---- pass 1: who and what is named
    def read_mentions(self) -> None:
        last_year: int | None = None
        months: dict[int, int] = {}  # month -> year, of "tháng 11/2024"
        for s in self.article.sentences:
            sent = _Sent(s.position, s.text)
            sent.states = self.gaz.states(s.text)
            sent.places = self.gaz.places(s.text)
            sent.orgs = self.gaz.organisations(s.text)
            sent.dates = self._resolve_dates(find_dates(s.text), last_year, months)
            for d in sent.dates:  # only a full date sets the year of later day-month dates
                if d.anniversary or d.first.year is None:
                    continue
                if d.first.day is not None:
                    last_year = d.first.year
                elif d.first.month is not None:
                    months[d.first.month] = d.first.year  # ... or of the days of that month
            self.sents.append(sent)
        counts: Counter[str] = Counter()
        for sent in self.sents:
            counts.update(st.code for st in states_in(sent, 0, len(sent.text)) if st.code != "VN")
        self.foreign_state = counts.most_common(1)[0][0] if counts else None
        for rounds in range(2):
            known = {sp for e in self.registry.people.values() for sp in e["spellings"]}
            for sent in self.sents:
                people, roles = find_people(sent.text, self.gaz, known if rounds else None)
                if sent is self.sents[-1] and not re.search(r"[.!?…\"”)]\s*$", sent.text):
                    # the excerpt ends inside a name ("... hội đàm với Thủ tướng Phạm Minh Ch"): no one
                    people = [p for p in people if sent.text[p.end:].strip()]
                if rounds == 0:
                    for p in people:
                        if p.title:
                            named = self.registry.add(p, sent.position)
                            original = _ORIGINAL_NAME.match(sent.text, p.end)
                            if original:  # "Ô-khơ-na Hu-rên-su-khơ (Ukhnaagiin KHURELSUKH)"
                                spelling = " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w
                                                    for w in original.group(1).split())
                                if spelling not in self.registry.people[named]["spellings"]:
                                    self.registry.people[named]["spellings"].append(spelling)
                    continue
                sent.people = []
                for p in people:
                    key = self.registry.find(p.name, p.state) if not p.title else None
                    key = key or self.registry.add(p, sent.position)
                    sent.people.append(_Mention(key, p.start, p.end, p.title_start))
                sent.roles = roles
        for sent in self.sents:
            for mention in sent.people:
                mention.key = self.registry.current(mention.key)
            for r in sent.roles:
                key = self._resolve_role(r)
                if key and not any(m.start <= r.start < m.end for m in sent.people):
                    sent.people.append(_Mention(key, r.start, r.end, r.start, role=True))
            sent.people.sort(key=lambda m: m.start)

    def _resolve_dates(self, dates: list[DateMention], last_year: int | None,
                       months: dict[int, int] | None = None) -> list[DateMention]:
        anniversary_year = next(
            (d.last.year for d in dates if d.anniversary and d.last and d.last.year), None
        )
        out = []
        for i, d in enumerate(dates):
            if d.anniversary:
                out.append(d)
                continue
            year = None
            later = [x for x in dates[i + 1:] if not x.anniversary and x.first.year]
            if d.relative is not None:
                if self.published is None or self.published.day is None:
                    continue  # "hôm qua" in an article of unknown day: no date
                day = shift_days(self.published, d.relative)
                out.append(replace(d, first=day))
                continue
            if d.this_year:
                year = self.published.year - d.years_ago if self.published and self.published.year else None
            elif d.first.year is None:
                # "Năm 2023, X thăm Lào (tháng 1), ...": the year the sentence opens with
                opening = [x for x in dates[:i] if not x.anniversary and x.first.year and x.first.month is None
                           and x.start < 12 and not x.this_year]
                if later and later[0].start - d.end < 120:
                    year = later[0].first.year
                elif opening:
                    year = opening[0].first.year
                elif anniversary_year:
                    year = anniversary_year
                elif self.published and self.published.year is not None:
                    month = d.last.month if d.last else d.first.month
                    late = bool(self.published.month and month and month > self.published.month + 1)
                    year = self.published.year - (1 if late else 0)  # "ngày 28/12" in early January
                else:
                    # "Đầu tháng 11/2024, ... Ngày 8/11, ...": the year that month was told with
                    month = d.last.month if d.last else d.first.month
                    year = (months or {}).get(month, last_year) if month is not None else last_year
            out.append(d.resolved(year))
        return out

    def _resolve_role(self, role: RoleMention) -> str | None:
        """"Tổng thống Kazakhstan" -> the article's Kazakh president, if there is one."""
        if role.state is None:
            return self._resolve_bare_role(role)
        candidates = []
        for key, entry in self.registry.people.items():
            if self.state_of(key) != role.state:
                continue
            titles = " ".join(entry["titles"])
            if role.head in ROLE_ONLY_HEADS or role.head in titles:
                candidates.append((entry["count"], sum(entry["states"].values()), key))
        if not candidates:
            return None
        candidates.sort(reverse=True)
        if len(candidates) > 1 and candidates[0][:2] == candidates[1][:2] and role.head in ROLE_ONLY_HEADS:
            return None
        return candidates[0][2]

    def _resolve_bare_role(self, role: RoleMention) -> str | None:
        """"Chủ tịch Quốc hội" with no state: the one person the article gives that title."""
        if role.head in ROLE_ONLY_HEADS:
            return None
        holders = [key for key, entry in self.registry.people.items()
                   if any(t == role.head or t.startswith(role.head + " ") and
                          not self.gaz.states(t[len(role.head):]) for t in entry["titles"])]
        if not holders:
            # "Quốc vương Brunei X ... Quốc vương đã hội đàm": the one holder of that office
            holders = [key for key, entry in self.registry.people.items()
                       if any(t == role.head or t.startswith(role.head + " ") for t in entry["titles"])]
        return holders[0] if len(holders) == 1 else None

    def state_of(self, key: str) -> str | None:
        entry = self.registry.people[key]
        state = self.registry.state_of(key)
        if state:
            return state
        if entry["vietnamese"]:
            return "VN"
        if self.serves_an_organisation(key):
            return None
        return self.foreign_state

    def serves_an_organisation(self, key: str) -> bool:
        """An official of an organisation ("Phó Tổng thư ký Liên hợp quốc"), who serves no state."""
        return any(self.gaz.organisations(title) for title in self.registry.people[key]["titles"])

    # ---- helpers
    def date_iso(self, d: PartialDate | None) -> str | None:
        return d.iso() if d else None

    def clause_bounds(self, sent: _Sent, pos: int) -> tuple[int, int]:
        starts = [0] + [m.end() for m in re.finditer(r";", sent.text)]
        ends = [m.start() for m in re.finditer(r";", sent.text)] + [len(sent.text)]
        for a, b in zip(starts, ends):
            if a <= pos <= b:
                return a, b
        return 0, len(sent.text)

    def dates_in(self, sent: _Sent, a: int, b: int) -> list[DateMention]:
        return [d for d in sent.dates if a <= d.start and d.end <= b and not d.anniversary]

    def is_future(self, text: str) -> bool:
        return bool(FUTURE.search(text))

    def after_publication(self, iso: str | None) -> bool:
        if not iso or not self.article.published or iso.startswith("--"):
            return False
        n = min(len(iso), len(self.article.published))
        return iso[:n] > self.article.published[:n]


# ---------------------------------------------------------------- visits

# "Tòa thánh Vatican", "Cộng hòa Bolivar Venezuela", "đất nước Việt Nam": kg/data/lexicon/state_forms.tsv
_STATE_FORM = re.compile(r"(?:" + alternation("state_forms") + r")(?:\s+[A-ZĐ][\w-]*){0,3}\s+(?=[A-ZĐ])")


def _host_after(reader: _ArticleReader, sent: _Sent, pos: int) -> tuple[str, int] | None:
    """The state a visit goes to: the first state or city after the trigger and its fillers."""
    filler = _VISIT_FILLER.match(sent.text[pos:])
    at = pos + (filler.end() if filler else 0)
    if not any(g.start == at for g in sent.states + sent.places) and (form := _STATE_FORM.match(sent.text, at)):
        # the name after the words of its form, if a state or a city of one stands there
        at = next((g.start for g in sent.states + sent.places if at < g.start <= form.end()), at)
    for g in sorted(sent.states + sent.places, key=lambda g: g.start):
        if g.start == at or (g.start > pos and g.start <= at + 1):
            return g.code, g.end
    return None


# (phrase, kind) of kg/data/lexicon/visit_kinds.tsv, in its order: the first found says the kind
_VISIT_KINDS = [(re.compile(_B + r"\s+".join(map(re.escape, e.phrase.split())) + _E, re.I), VISIT_KINDS[e["kind"]])
                for e in lexicon("visit_kinds") if e.phrase != "thăm"]


def _visit_kind(text: str) -> VisitKind:
    return next((kind for pattern, kind in _VISIT_KINDS if pattern.search(text)), "visit")


def _person_after(sent: _Sent, pos: int, limit: int = 90) -> _Mention | None:
    for m in sent.people:
        if pos <= m.title_start <= pos + limit or pos <= m.start <= pos + limit:
            return m
    return None


def _people_between(sent: _Sent, a: int, b: int) -> list[_Mention]:
    return [m for m in sent.people if a <= m.start and m.end <= b]


def _inviter(reader: _ArticleReader, sent: _Sent) -> str | None:
    m = re.search(r"(?:Nhận lời mời|nhận lời mời|theo lời mời|Theo lời mời|lời mời) của\s+", sent.text)
    if not m:
        return None
    p = _person_after(sent, m.end(), 120)
    return p.key if p else None


# "sẽ đến Việt Nam", "lên đường đi Philippines"
_ARRIVAL = re.compile(r"(?:(?<=sẽ )|(?<=đã )|(?<=vừa ))(?:đến|tới|sang|hạ cánh(?: xuống)?)(?= )"
                      r"|lên đường(?: đi| sang| tới| đến)?(?= )")
_ARRIVING_AFTER_NAME = re.compile(r"\s+(?:(?:và (?:Phu nhân|phu nhân)|cùng (?:Phu nhân|phu nhân))\s+)?"
                                  r"(?:(?:rạng sáng|sáng|chiều|tối|trưa|hôm)\s+nay\s+)?(?:đã\s+)?"
                                  r"(" + alternation("visit_arrivals") + r")(?= )")
# "hạ cánh xuống sân bay Kazan (Cộng hòa Tatarstan, Nga)", "tới sân bay quốc tế X, thành phố New
# York, Hoa Kỳ": the airport and the places it is in, up to its state
_AIRPORT = re.compile(r"(\s*sân bay(?:\s+quốc tế)?\s+[^,;()]{1,40}?(?:\s*\(\s*|\s*,\s*))"
                      r"(?:(?:thủ đô|Thủ đô|thành phố|Thành phố|bang|tỉnh|Cộng hòa|vùng)\s+[^,;()]{1,30}?,\s*)*")


def extract_visits(reader: _ArticleReader) -> None:
    list_spans: list[tuple[int, int, int]] = []  # (sentence, start, end) of history lists
    for sent in reader.sents:
        for m in re.finditer(r"(?:(?P<many>các|những) )?chuyến thăm\s+", sent.text):
            host = _host_after(reader, sent, m.end() - 1)
            tail = sent.text[host[1]:host[1] + 12] if host else ""
            if host and re.match(r"\s*của\s*:?", tail) and (m.group("many") or _dated_items(sent, host[1])):
                _history_list(reader, sent, m.start(), host[0], host[1])
                list_spans.append((sent.position, m.start(), len(sent.text)))
        _mutual_visits(reader, sent)
    for sent in reader.sents:
        for m in VISIT_TRIGGER.finditer(sent.text):
            if any(p == sent.position and a <= m.start() < b for p, a, b in list_spans):
                continue
            _visit_at(reader, sent, m.start(), m.end())
    # "X sẽ đến Việt Nam": an arrival is a visit, where the article tells of no dated visit of
    # X's there (a headline's "sắp thăm Việt Nam" is the same visit, and the arrival dates it)
    told = {(v.guest, v.host_state) for v in reader.visits if v.start}
    for sent in reader.sents:
        arrivals = [(m.start(), m.end()) for m in _ARRIVAL.finditer(sent.text)]
        # "Thủ tướng X (rạng sáng nay) tới Kuala Lumpur": arriving, told right after the name
        for p in sent.people:
            after = _ARRIVING_AFTER_NAME.match(sent.text, p.end)
            if after and not any(a <= after.start(1) < b for a, b in arrivals):
                arrivals.append((after.start(1), after.end(1)))
        for start, end in sorted(arrivals):
            count = len(reader.visits)
            airport = _AIRPORT.match(sent.text, end)
            _visit_at(reader, sent, start, airport.end() if airport else end)
            if airport and len(reader.visits) == count:
                # "tới sân bay Tân Hải, thành phố Thiên Tân, bắt đầu ...": the city names the state
                _visit_at(reader, sent, start, airport.end(1))
            arrived = reader.visits[count:]
            del reader.visits[count:]
            for v in arrived:
                if (v.guest, v.host_state) not in told and v.start:
                    reader.visits.append(v)
                    told.add((v.guest, v.host_state))  # (an undated arrival, a headline's, tells none)
    for sent in reader.sents:
        _attendance_visit(reader, sent)
        _delegation_visit(reader, sent)
    _same_visit_within_its_days(reader)
    _same_visit_told_without_its_year(reader)
    _began_on_the_first_of_its_days(reader)
    # "Chuyến thăm được thực hiện theo lời mời của X", "Chuyến thăm diễn ra từ ngày 17-19/8/2017":
    # the inviter and the days of the visit just told
    for sent in reader.sents:
        if re.match(r"^(?:Chuyến thăm|Chuyến thăm này)\b", sent.text) and reader.visits:
            before = [v for v in reader.visits if v.sentence < sent.position]
            if not before:
                continue
            i = reader.visits.index(before[-1])
            inviter = _inviter(reader, sent)
            if inviter and reader.visits[i].invited_by is None:
                reader.visits[i] = replace(reader.visits[i], invited_by=inviter)
            days = [d for d in sent.dates if d.last is not None and not d.anniversary and d.first.day is not None]
            visit = reader.visits[i]
            if days and visit.end is None and visit.status != "invited":
                first, last = reader.date_iso(days[0].first), reader.date_iso(days[0].last)
                # the visit's own day, if it has one, is the first of them (a year may be missing)
                if first and last and (visit.start is None or first.endswith(visit.start.lstrip("-"))):
                    reader.visits[i] = replace(visit, start=first, end=last)
    _implied_visits(reader)


def _is_day(iso: str | None) -> bool:
    return iso is not None and (len(iso) == 10 or (iso.startswith("--") and len(iso) == 7))


def _on_a_day_of(day: str | None, visit: Visit) -> bool:
    """``day`` is one of the days the visit is given ("2025-05-06" of "2025-05-05".."2025-05-07";
    a day without its year only of days without theirs; "2018-03-15" of a visit known to have
    begun in March and ended on "2018-03-18")."""
    start, end = visit.start, visit.end
    if not (_is_day(day) and start is not None and end is not None and _is_day(end)
            and len(day or "") == len(end)):
        return False
    if not _is_day(start):  # only the month it began in ("2018-03" .. "2018-03-18")
        return len(start) == 7 and not start.startswith("--") and start <= (day or "") <= end
    return len(start) == len(end) and start <= (day or "") <= end


def _same_visit_within_its_days(reader: _ArticleReader) -> None:
    """"Chiều 7/5, kết thúc chuyến thăm Kazakhstan ..." and "... thăm Kazakhstan từ ngày 5-7/5":
    a visit on one day of a visit the article gives the days of (or ending on one) is that
    visit, told again."""
    told_again: set[int] = set()
    inviters: dict[int, str] = {}
    for v in reader.visits:
        # told on one day (its first), or on the day it ended ("kết thúc chuyến thăm", the start
        # then only the month)
        if _is_day(v.start) == _is_day(v.end):
            continue
        day = v.start if _is_day(v.start) else v.end
        within = next((o for o in reader.visits if o is not v
                       and (o.guest, o.host_state, o.status) == (v.guest, v.host_state, v.status)
                       and _is_day(o.start) and _on_a_day_of(day, o)), None)
        if within is not None:
            told_again.add(id(v))
            if v.invited_by and within.invited_by is None:
                inviters[id(within)] = v.invited_by
    reader.visits[:] = [replace(v, invited_by=inviters[id(v)]) if id(v) in inviters else v
                        for v in reader.visits if id(v) not in told_again]


def _same_visit_told_without_its_year(reader: _ArticleReader) -> None:
    """"thăm chính thức Việt Nam từ ngày 3-6/8" and, further on, "... từ ngày 3 – 6/8/2013": the
    same visit, told once without its year (in an article that gives none)."""
    def same_days(yearless: str | None, dated: str | None) -> bool:
        return yearless is None or (yearless.startswith("--") and dated is not None and dated[4:] == yearless[1:])

    def told_again(v: Visit) -> bool:
        return bool(v.start and v.start.startswith("--")) and any(
            o is not v and (o.guest, o.host_state, o.status) == (v.guest, v.host_state, v.status)
            and o.start and not o.start.startswith("--") and same_days(v.start, o.start) and same_days(v.end, o.end)
            for o in reader.visits)
    reader.visits[:] = [v for v in reader.visits if not told_again(v)]


def _began_on_the_first_of_its_days(reader: _ArticleReader) -> None:
    """"Tối 12/7, ... về tới Hà Nội, kết thúc chuyến thăm" (known to end on 12/7, to begin that
    month) and "Trong thời gian từ ngày 8-12/7, ...": the visit began on the first of those days."""
    for i, v in enumerate(reader.visits):
        if not (_is_day(v.end) and v.start and not _is_day(v.start)):
            continue
        for sent in reader.sents:
            days = [d for d in sent.dates if d.last is not None and not d.anniversary
                    and reader.date_iso(d.last) == v.end and d.first.day is not None]
            first = reader.date_iso(days[0].first) if days else None
            if first and first[:-3] == v.start:
                reader.visits[i] = replace(v, start=first)
                break


# "nhân dịp (tham) dự Hội nghị X tại Y", "nhân dịp Hội nghị X tại Y": the attendees are at Y
_EVENT = r"(?:Hội nghị|Diễn đàn|Tuần lễ|Thượng đỉnh|Kỳ họp|Đại hội đồng)\b"
# the frames of kg/data/lexicon/visit_attendance.tsv ("nhân dịp", "trong khuôn khổ", "bên lề")
_ATTEND_FRAME = r"(?i:" + alternation("visit_attendance") + r")"
_ATTEND = re.compile(_B + _ATTEND_FRAME + r"\s+(?:(?:các\s+hoạt\s+động\s+)?(?:tham\s+)?dự\s+|(?=" + _EVENT + r"))"
                     r"[^;]{0,160}?\btại\s+")
# "tại New Delhi, nhân dịp tham dự Hội nghị G20, Thủ tướng X ...": the place first.
_PLACE_THEN_ATTEND = re.compile(
    r"\btại\s+(?P<place>[^,;]{2,40}?)\s*,\s*" + _ATTEND_FRAME + r"\s+(?:tham\s+)?dự\s+[^,;]{3,160},"
)


_PLACE_THEN_STATE = re.compile(r"\s*(?:,|\()\s*(?:(?:Vương quốc|Cộng hòa|Liên bang|nước|bang|tỉnh)\s+)?")


def _place_chain(sent: _Sent, at: int) -> tuple[str, int] | None:
    """The place named just after ``at`` ("tại thủ đô Viêng Chăn, nước Lào"): the
    state of the last of a place and the places or state it is in, and where they end."""
    places = sorted(sent.states + sent.places, key=lambda g: g.start)
    # the longest of names that overlap ("Mexico City", not its "Mexico")
    where = [g for g in places if at <= g.start <= at + 40
             and not any(h is not g and h.start <= g.start and g.end <= h.end and h.end - h.start > g.end - g.start
                         for h in places)]
    if not where:
        return None
    chain = where[:1]
    for g in where[1:]:
        if not _PLACE_THEN_STATE.fullmatch(sent.text[chain[-1].end:g.start]):
            break
        chain.append(g)
    return chain[-1].code, chain[-1].end


def _attendance_host(sent: _Sent) -> tuple[str, int] | None:
    """The state an attended event is in, and where in the sentence its attendees are named."""
    places = sorted(sent.states + sent.places, key=lambda g: g.start)
    if m := _ATTEND.search(sent.text):
        place = _place_chain(sent, m.end())
        if place is None or not re.match(r"\)?\s*,", sent.text[place[1]:place[1] + 4]):
            return None  # the attendees are not the subject that follows
        return place
    if m := _PLACE_THEN_ATTEND.search(sent.text):
        where = [g for g in places if m.start("place") <= g.start < m.end("place")]
        return (where[-1].code, m.end()) if where else None
    return None


def _attendance_visit(reader: _ArticleReader, sent: _Sent) -> None:
    """"Nhân dịp dự Hội nghị X tại Lima (Peru), Chủ tịch nước Y ..." (or "Tại Lima, nhân dịp dự
    Hội nghị X, Chủ tịch nước Y ..."): Y's visit to Peru."""
    found = _attendance_host(sent)
    if found is None:
        if not _ATTEND.search(sent.text):
            _subject_attends(reader, sent)
        return
    host, attendees = found
    people = [p for p in sent.people if p.start > attendees]
    if not people:
        return
    guest = people[0]
    guest_state = reader.state_of(guest.key)
    if guest_state is None or guest_state == host:
        return
    dates = [d for d in sent.dates if not d.anniversary]
    # the day told nearest before the attendees ("Bộ Ngoại giao ngày 14/7 cho biết, tối 13/7,
    # nhân dịp Hội nghị ... tại Jakarta, Bộ trưởng ..."), else the first
    before = [d for d in dates if d.end <= attendees]
    date = before[-1] if before else dates[0] if dates else None
    reader.visits.append(Visit(
        guest=guest.key, guest_state=guest_state, host_state=host, kind="visit", status="completed",
        start=reader.date_iso(date.first if date else None), end=None, sentence=sent.position,
        certain=bool(PAST.search(sent.text)),
    ))


_SUBJECT_ATTENDS = re.compile(
    r"\s*(?:đã|sẽ|đang|dự kiến sẽ|dự kiến)?\s*"
    # "X dẫn đầu đoàn đại biểu cấp cao Việt Nam tham dự ...": X attends, with a delegation
    r"(?:(?:dẫn đầu|làm trưởng)\s+(?:đoàn|Đoàn)[^;,]{0,60}?\s+(?:đi\s+|sang\s+)?)?"
    r"(?:tham\s+)?dự\s+[^;]{0,160}?\btại\s+")


def _subject_attends(reader: _ArticleReader, sent: _Sent) -> None:
    """"Phó Thủ tướng X sẽ dự Hội nghị Y tại Davos, Thụy Sĩ": X's visit to Switzerland."""
    for person in sent.people:
        m = _SUBJECT_ATTENDS.match(sent.text, person.end)
        if not m:
            continue
        where = [g for g in sorted(sent.states + sent.places, key=lambda g: g.start)
                 if m.end() <= g.start <= m.end() + 30]
        if not where:
            continue
        near = [g for g in where if g.start - where[0].end <= 3 or g is where[0]]
        host = near[-1].code
        guest_state = reader.state_of(person.key)
        if guest_state is None or guest_state == host:
            continue
        a, b = reader.clause_bounds(sent, person.start)
        # its day: the first told after the attendee, else the nearest before (not another
        # visit's, told earlier in the sentence)
        after = reader.dates_in(sent, person.end, b)
        before = reader.dates_in(sent, a, person.start)
        dates = after[:1] or before[-1:]
        status: VisitStatus = "planned" if reader.is_future(sent.text[person.end:m.end()]) else "completed"
        # "dự Hội nghị X tại Y từ ngày 26-28/10": the days of the event, its stay there
        last = dates[0].last if dates and after else None
        reader.visits.append(Visit(
            guest=person.key, guest_state=guest_state, host_state=host, kind="visit", status=status,
            start=reader.date_iso(dates[0].first) if dates else None, end=reader.date_iso(last), sentence=sent.position,
            certain=status == "completed" and bool(PAST.search(sent.text[person.end:m.end()])),
        ))
        return


def _delegation_visit(reader: _ArticleReader, sent: _Sent) -> None:
    """A delegation received ("tiếp đoàn đại biểu ... ông X, Trưởng đoàn"): X's visit."""
    if not re.search(r"(?:tiếp|đón|tiếp đón)\s+(?:đoàn|Đoàn)", sent.text):
        return
    for person in sent.people:
        titles = " ".join(reader.registry.people[person.key]["titles"])
        if "Trưởng đoàn" not in titles:
            continue
        guest_state = reader.state_of(person.key)
        places = [g.code for g in sent.places + sent.states if g.start < person.start]
        receivers = [m for m in sent.people if m.start < person.start and reader.state_of(m.key) != guest_state]
        host = reader.state_of(receivers[0].key) if receivers else (places[0] if places else None)
        if not guest_state or not host or host == guest_state:
            continue
        dates = [d for d in sent.dates if not d.anniversary]
        reader.visits.append(Visit(
            guest=person.key, guest_state=guest_state, host_state=host, kind="visit", status="completed",
            start=reader.date_iso(dates[0].first) if dates else None, end=None, sentence=sent.position,
        ))


# "tại Phủ Chủ tịch", "tại Hà Nội", "Hội đàm hôm qua tại Hà Nội": where an event is held
_VENUE = re.compile(_B + r"tại\s+")
_VENUE_HEADS = re.compile(r"(?:trụ sở\s+)?(" + alternation("visit_venues") + r")" + _E, re.I)
_VENUE_STATES = table("visit_venues", "state")
_VENUE_KINDS = table("visit_venues", "kind")
# "tại" in another's phrase: an envoy's post, a reporter's desk, a community or an investment abroad
_NOT_A_VENUE = re.compile(r"(?:Đại sứ|Lãnh sự|[Đđ]ại diện|Đại sứ quán|PV|[Pp]hóng viên|TTXVN|người Việt|cộng đồng"
                          r"|kiều bào|đầu tư|doanh nghiệp|hoạt động|sinh sống|học tập|làm việc)[^,;]{0,30}$")
# the events of kg/data/lexicon/visit_implied_by.tsv, not a word that merely begins the same
# ("tiếp tục", "tiếp xúc", "gặp khó khăn")
_IMPLIED_BY = re.compile(_B + r"(?:" + alternation("visit_implied_by") + r")"
                         r"(?! tục| xúc| nhận| cận| theo| thu| tế| diễn| nối| quản| sức| khó| phải| trở| sự cố"
                         r"| giáp| viện| thị| cứu| nhau)" + _E, re.I)
_HOSTS_IMPLIED = {fold(e.phrase) for e in lexicon("visit_implied_by") if e["hosts"] == "implied"}
# what places nobody: a call, a video link, a letter
_AT_A_DISTANCE = re.compile(r"điện đàm|điện thoại|trực tuyến|trực tiếp qua|gửi (?:điện|thư)|thư (?:chúc mừng|mừng|chia buồn)|qua video", re.I)
# "Quốc thư của Chủ tịch nước X", "lời mời của X": one named, not one present (but "với sự
# chứng kiến của X": X witnesses it there)
_ABSENT = re.compile(r"(?<!kiến )\bcủa\s+(?:(?:ông|bà|ngài|Ngài)\s+)?$")
# those who are posted in the host state, or who serve no state, are on no visit there
_RESIDENT = re.compile(r"Đại sứ|Lãnh sự|Tổng Lãnh sự|Trưởng [Đđ]ại diện|Tham tán|Tùy viên|Đại biện")
# the head of a company received is a business caller, not a state's guest
_IN_BUSINESS = re.compile(r"Tập đoàn|Công ty|Tổng công ty|[Dd]oanh nghiệp|Giám đốc|Hội đồng quản trị|\bCEO\b")


def _venue_state(reader: _ArticleReader, sent: _Sent, at: int) -> tuple[str, str] | None:
    """The state of the venue named at ``at`` (just after "tại"): a state or a city named in its
    phrase ("tại trụ sở Bộ Ngoại giao Nga", "tại thủ đô Lima, Peru"), else a venue of
    kg/data/lexicon/visit_venues.tsv the phrase opens with ("tại Phủ Chủ tịch"); and whether it
    is a "seat" (where hosts receive their guests) or an "event" (where all who attend are)."""
    end = re.search(r"[;.()]|,(?!\s*(?:thủ đô|Thủ đô)?\s*[A-ZĐ][\w-]*(?:\s[A-ZĐ][\w-]*)*\s*(?:[,;.]|$))|$",
                    sent.text[at:at + 80])
    stop = at + (end.start() if end else 0)
    named = [g for g in sorted(sent.states + sent.places, key=lambda g: g.start) if at <= g.start < stop]
    if named:
        return named[-1].code, "seat"
    head = _VENUE_HEADS.match(sent.text, at)
    if head is None:
        return None
    phrase = " ".join(head.group(1).split()).casefold()
    return _VENUE_STATES[phrase], _VENUE_KINDS[phrase]


def _implied_visits(reader: _ArticleReader) -> None:
    """"Chiều 8/9, tại Hà Nội, Chủ tịch nước A tiếp Tổng thống B", "Lễ đón Tổng thống B tại Phủ
    Chủ tịch": an event held at a venue in one state is a visit to that state by each of its
    participants from another (not an envoy posted there), where the article tells of no visit
    of theirs there already. Its days are the event's, not the visit's: it is left undated."""
    told = {(v.guest, v.host_state) for v in reader.visits if v.status == "completed"}
    for sent in reader.sents:
        if _AT_A_DISTANCE.search(sent.text):
            continue
        trigger = _IMPLIED_BY.search(sent.text)
        if trigger is None:
            continue
        hosts_implied = any(fold(" ".join(t.group(0).split())) in _HOSTS_IMPLIED for t in _IMPLIED_BY.finditer(sent.text))
        for venue in _VENUE.finditer(sent.text):
            if _NOT_A_VENUE.search(sent.text, max(0, venue.start() - 40), venue.start()) or any(
                    m.title_start <= venue.start() < m.start for m in sent.people):
                continue
            found = _venue_state(reader, sent, venue.end())
            if found is None:
                continue
            host, venue_kind = found
            states = {m.key: reader.state_of(m.key) for m in sent.people}
            if venue_kind == "seat" and host not in states.values() and not hosts_implied:
                continue  # no one of the host state receives them
            a = reader.clause_bounds(sent, venue.start())[0]
            status: VisitStatus = (
                "planned" if reader.is_future(sent.text[a:max(trigger.end(), venue.end())]) else "completed")
            guests = [m for m in sent.people if states[m.key] not in (None, host)
                      and not _RESIDENT.search(titles := " ".join(reader.registry.people[m.key]["titles"]))
                      and not _IN_BUSINESS.search(titles)
                      and not _ABSENT.search(sent.text, max(0, m.title_start - 20), m.title_start)]
            # a delegation received: the visit is its head's, the members come with them
            heads = [m for m in guests if "Trưởng đoàn" in " ".join(reader.registry.people[m.key]["titles"])]
            for m in heads or guests:
                guest_state = states[m.key]
                if guest_state is None or (m.key, host) in told:
                    continue
                told.add((m.key, host))
                reader.visits.append(Visit(
                    guest=m.key, guest_state=guest_state, host_state=host, kind="visit", status=status,
                    start=None, end=None, sentence=sent.position, certain=status == "completed",
                ))
            break


def _dated_items(sent: _Sent, at: int) -> bool:
    """"của A (10/2024), B (6/2023)": two or more people after ``at``, each with its date in brackets."""
    items = [m for m in sent.people if m.start > at]
    return len(items) >= 2 and bool(re.fullmatch(r"\s*\(\s*(?:tháng\s+|năm\s+)?\d[^()]{0,16}\)\s*,\s*",
                                                 sent.text[items[0].end:items[1].title_start]))


# "các đoàn cấp cao hai nước đã thăm lẫn nhau: A thăm Lào tháng 8/2017, B tháng 5/2019, ..."
_MUTUAL = re.compile(r"\b(?:thăm lẫn nhau|trao đổi (?:các )?(?:chuyến thăm|đoàn)[^:;.]{0,40}?)\s*:\s*")


def _mutual_visits(reader: _ArticleReader, sent: _Sent) -> None:
    """The items of a list of visits between Viet Nam and another state that name no host of their
    own ("B tháng 5/2019"): a visit to the other state of the two, dated as the item is. (Items
    with their own "thăm X" are read as any visit is.)"""
    opener = _MUTUAL.search(sent.text)
    if opener is None or reader.foreign_state is None:
        return
    items = [m for m in sent.people if m.start >= opener.end()]
    for i, person in enumerate(items):
        end = items[i + 1].title_start if i + 1 < len(items) else len(sent.text)
        item = sent.text[person.end:end]
        if VISIT_TRIGGER.search(item) or _AT_A_DISTANCE.search(item) \
                or re.search(r"\b(?:sắp tới|sẽ|dự kiến)\b", sent.text[person.title_start - 12:person.title_start]):
            continue
        dates = [d for d in sent.dates if person.end <= d.start < end and not d.anniversary]
        guest_state = reader.state_of(person.key)
        if not dates or guest_state is None:
            continue  # an item with no date of its own is not one of the list's visits
        host = reader.foreign_state if guest_state == "VN" else "VN"
        if host == guest_state:
            continue
        reader.visits.append(Visit(
            guest=person.key, guest_state=guest_state, host_state=host, kind="visit", status="completed",
            start=reader.date_iso(dates[0].first), end=reader.date_iso(dates[0].last), sentence=sent.position,
        ))


def _history_list(reader: _ArticleReader, sent: _Sent, start: int, host: str, host_end: int) -> None:
    """"... có các chuyến thăm Kazakhstan của: A (tháng 2/1994), B (tháng 6/1994), ..." """
    side = re.search(r"Về phía ([^,]+),", sent.text[:start + 1])
    side_state = reader.gaz.states(side.group(1))[0].code if side and reader.gaz.states(side.group(1)) else None
    items = [m for m in sent.people if m.start > host_end]
    for i, person in enumerate(items):
        end = items[i + 1].title_start if i + 1 < len(items) else len(sent.text)
        item = sent.text[person.title_start:end]
        if re.search(r"trực tuyến|hình thức trực tuyến", item):
            continue
        dates = [d for d in sent.dates if person.start <= d.start < end and not d.anniversary]
        date = dates[-1] if dates else None
        guest_state = reader.state_of(person.key) or side_state
        if not guest_state or guest_state == host:
            continue
        reader.visits.append(Visit(
            guest=person.key, guest_state=guest_state, host_state=host, kind=_visit_kind(item[:60]),
            status="completed", start=reader.date_iso(date.first if date else None),
            end=reader.date_iso(date.last if date and date.last else None), sentence=sent.position,
        ))


# "hủy chuyến thăm", "chuyến thăm ... đã bị hủy": called off; "hoãn", "lùi", "dời": put off
# (kg/data/lexicon/trip_undone.tsv). The passive form may come after a phrase set off by commas
# ("chuyến thăm của X, dự kiến vào cuối tháng, đã bị hủy").
_TRIP = r"chuyến (?:thăm|công tác)"


def _trip_undone(effect: str) -> re.Pattern[str]:
    """"VERB chuyến thăm" or "chuyến thăm ... bị/được VERB", VERB a word of that effect."""
    verb = "(?:" + alternation_where("trip_undone", "effect", effect) + ")"
    return re.compile(rf"(?<![\w]){verb} {_TRIP}|{_TRIP}[^;]{{0,120}}?\b(?:bị|được) {verb}(?![\w])", re.IGNORECASE)


_CALLED_OFF = _trip_undone("called off")
_PUT_OFF = _trip_undone("put off")


def _visit_at(reader: _ArticleReader, sent: _Sent, t0: int, t1: int) -> None:
    text = sent.text
    host = _host_after(reader, sent, t1) or _host_untold(reader, sent, t0, t1)
    if host is None:
        _host_described(reader, sent, t0, t1)
        return
    host_state, host_end = host
    a, b = reader.clause_bounds(sent, t0)
    # "chuyến thăm Myanmar", and "nhân dịp thăm Myanmar, Thủ tướng X ...": the visit as a noun,
    # whose guest is the one the sentence goes on to tell of
    noun = bool(re.search(r"(?:chuyến\s+(?:thăm\s+)?|(?:[Nn]hân dịp|[Tt]rong dịp|[Kk]hi)\s+(?:đang\s+)?)$",
                          text[max(a, t0 - 16):t0]))
    guest: _Mention | None = None
    # the people named before the trigger in its clause, not the inviter of "lời mời của X"
    before_people = [m for m in _people_between(sent, a, t0) if not _in_of_phrase(text, m)]
    after_host = text[host_end:b]
    # "chuyến thăm Lào (lần đầu tiên, mới đây, ...) của X": X's
    of = re.match(r"^\s*(?:(?:sắp tới|lần này|này|(?:lần )?đầu tiên|mới đây|vừa qua|gần đây|trước đó|lịch sử)\s+)?của\s+",
                  after_host)
    # "X nhận lời mời thăm Hàn Quốc của Tổng thống Y": the one "của" names invited the visit
    accepted = _person_after(sent, host_end + of.end(), 60) \
        if of and re.search(r"lời mời\s+(?:sang\s+|đến\s+)?$", text[a:t0]) else None
    if accepted is not None:
        guest = before_people[-1] if before_people else None
    elif of:
        guest = _person_after(sent, host_end + of.end(), 60)
        if guest is not None and re.search(r"(?:đoàn|đặc phái viên|phái viên|đại diện)\b[^,;]*\bcủa\s+$",
                                           text[host_end + of.end():guest.title_start]):
            return  # "chuyến thăm của đoàn đặc phái viên của Tổng thống X": his envoys', not his
        if guest is not None and re.search(r"\s(?:có|là|gồm|cùng|với)\s", text[host_end + of.end():guest.title_start]):
            return  # "chuyến thăm Peru của Nguyên thủ Việt Nam có Bộ trưởng X": one unnamed, and who came along
    elif noun:
        # "A tiếp B nhân dịp chuyến thăm Việt Nam": the visit is B's, who comes from elsewhere
        guests = [m for m in before_people if reader.state_of(m.key) not in (None, host_state)]
        guest = guests[0] if guests else before_people[0] if before_people else None
        if guest is None:
            after = [m for m in sent.people if m.start > host_end and not _in_of_phrase(text, m)]
            guest = after[0] if after else None
    else:
        guest = before_people[-1] if before_people else None
    if guest is None:
        _next_stop(reader, sent, a, t0, host_state, text[max(a, t0 - 10):host_end])
        return
    guest_state = reader.state_of(guest.key)
    if guest_state is None:
        guest_state = "VN" if host_state != "VN" else reader.foreign_state
    if guest_state is None or guest_state == host_state:
        return
    if _RESIDENT.search(" ".join(reader.registry.people[guest.key]["titles"])):
        return  # an envoy at, or arriving at, their post
    status: VisitStatus = "completed"
    invited_by = _inviter(reader, sent)
    pre = text[max(a, guest.title_start - 20):guest.title_start]
    inviter_m = None
    # "mời X thăm"; "mong muốn sớm được đón X thăm": a visit wished for is one invited
    if accepted is not None:
        status, invited_by = "invited", accepted.key
    elif _INVITES_BEFORE.search(pre) or _INVITES_TO.search(text, a, guest.title_start) \
            or _WISH_TO_HOST.search(text, max(a, guest.title_start - 50), guest.title_start):
        status = "invited"
        inviters = [m for m in _people_between(sent, a, guest.title_start) if m.key != guest.key]
        inviter_m = inviters[-1] if inviters else None
        invited_by = inviter_m.key if inviter_m else invited_by
    clause = text[a:b]
    # the date: first after the trigger in the clause, else the nearest before it; not one of
    # a "since" phrase ("chuyến thăm đầu tiên ... kể từ khi hai nước thiết lập quan hệ năm 1992")
    dates_after = [d for d in reader.dates_in(sent, t1, b) if not re.search(r"\bkể từ\b|\btừ khi\b", text[t1:d.start])]
    dates_before = reader.dates_in(sent, a, t0)
    date = dates_after[0] if dates_after else (dates_before[-1] if dates_before else None)
    if date is None and re.search(r"cùng năm", text[a:t0]) and reader.visits:
        prev = reader.visits[-1].start
        date = DateMention(0, 0, PartialDate(int(prev[:4]))) if prev and prev[0].isdigit() else None
    start = reader.date_iso(date.first if date else None)
    end = reader.date_iso(date.last if date and date.last else None)
    if not dates_after and end is None and _is_day(start) and _ENDED.search(text, max(a, t0 - 80), t0):
        # "Tối 18/3, ... về đến Hà Nội, kết thúc chuyến thăm chính thức Australia": the day it
        # ended; it began earlier that month, or the month before
        end, start = start, None if (start or "").endswith("-01") else (start or "")[:-3]
    certain = True
    # "không thể thăm", "chưa từng thăm", "đã hủy chuyến thăm": no visit; "hoãn chuyến thăm",
    # "chuyến thăm ... đã bị hoãn": one still to come
    if re.search(r"(?<![\w])(?:không thể|chưa thể|không được|không|chưa|chưa từng|chưa bao giờ)\s+$",
                 text[max(a, t0 - 16):t0]) or _CALLED_OFF.search(clause):
        return
    if _PUT_OFF.search(clause):
        status = "planned" if status == "completed" else status
    # "... chuyến thăm Hoa Kỳ của Tổng Bí thư X trong thời gian tới": what is to come, told after the guest
    # (not "chuyến thăm ... của X sẽ góp phần ...": what the visit will bring, said of it)
    if status == "completed" and (reader.is_future(text[a:t1 + 20])
                                  or (guest.start > t1 and reader.is_future(text[guest.end:guest.end + 25])
                                      and not _VISIT_WILL_BRING.match(text, guest.end))):
        status = "planned"
        if not dates_after and start and reader.article.published and not reader.after_publication(start) \
                and not start.startswith("--"):
            start = end = None  # "ngày 23/2 đã trình quốc thư ..., chuẩn bị cho chuyến thăm ...": that day's, not the visit's
    elif status == "completed" and _leaves_before(reader, text, a, t0, dates_before, start):
        status = "planned"
    elif status == "completed":
        certain = bool(PAST.search(text[a:b])) or (
            start is not None and reader.article.published is not None
            and not start.startswith("--") and not reader.after_publication(start)
        )
    if status == "invited":
        start = end = None
    kind_text = text[max(a, t0 - 10):host_end] + " " + clause[:0]
    visit = Visit(
        guest=guest.key, guest_state=guest_state, host_state=host_state, kind=_visit_kind(kind_text),
        status=status, start=start, end=end, sentence=sent.position,
        invited_by=invited_by if invited_by != guest.key else None, certain=certain,
    )
    reader.visits.append(visit)
    # "thăm chính thức Malaysia và Singapore từ ngày 20 đến 22/3": a visit to each, invited by
    # the one of that state named before, if any
    # "thăm Lào (tháng 1), Campuchia (tháng 5) và Thái Lan (tháng 10)": each with its own date
    at = host_end
    own_date = _bracketed_date(sent, at)
    if own_date is not None:
        visit = reader.visits[-1] = replace(visit, start=reader.date_iso(own_date.first),
                                            end=reader.date_iso(own_date.last) if own_date.last else None)
        at = own_date.end + 1
    while (joined := re.match(r"\s*(?:,|và)\s*", text[at:])) is not None:
        other = next((st for st in sent.states if st.start == at + joined.end()), None)
        if other is None:
            break
        if other.code not in (guest_state, host_state):
            of_that_state = [m.key for m in sent.people if m.end <= t0 and m.key != guest.key
                             and reader.state_of(m.key) == other.code]
            its_date = _bracketed_date(sent, other.end) if own_date is not None else None
            leg = replace(visit, host_state=other.code, invited_by=of_that_state[-1] if of_that_state else None)
            if its_date is not None:
                leg = replace(leg, start=reader.date_iso(its_date.first), end=None)
            reader.visits.append(leg)
        at = other.end
        if own_date is not None and (date_of_other := _bracketed_date(sent, at)) is not None:
            at = date_of_other.end + 1
    # "thăm Việt Nam năm 2016 và năm 2023": a visit on each of the dates
    if status == "completed" and len(dates_after) > 1 and own_date is None:
        for one, next_one in zip(dates_after, dates_after[1:]):
            if not re.fullmatch(r"\s*(?:,|và)\s*", text[one.end:next_one.start]) or next_one.last is not None:
                break
            reader.visits.append(replace(visit, start=reader.date_iso(next_one.first), end=None))
    _next_leg(reader, sent, visit, host_end, b)


def _bracketed_date(sent: _Sent, at: int) -> DateMention | None:
    """The date in brackets right after ``at`` ("Lào (tháng 1)"), if there is one."""
    m = re.match(r"\s*\(\s*", sent.text[at:])
    if m is None:
        return None
    return next((d for d in sent.dates if at + m.end() <= d.start <= at + m.end() + 6
                 and re.match(r"\s*\)", sent.text[d.end:])), None)


# "thăm Chile từ ngày 10-12/11 và dự Hội nghị Cấp cao APEC tại Lima, Peru hai ngày 14 và 15/11"
_NEXT_LEG = re.compile(r"\s(?:và|rồi|sau đó|tiếp đó)\s+(?:(?:sẽ|đã)\s+)?(?:tham\s+)?dự\s+[^;]{0,160}?\btại\s+")


def _next_leg(reader: _ArticleReader, sent: _Sent, visit: Visit, at: int, b: int) -> None:
    """The leg of a trip told after a visit in its clause, to the state of an event attended
    there: the same guest and status, with the days told after it."""
    leg = _NEXT_LEG.search(sent.text, at, b)
    if leg is None or VISIT_TRIGGER.search(sent.text, at, leg.start()):
        return
    place = _place_chain(sent, leg.end())
    if place is None or place[0] in (visit.host_state, visit.guest_state):
        return
    dates = reader.dates_in(sent, place[1], b)
    reader.visits.append(replace(
        visit, host_state=place[0], kind="visit", invited_by=None,
        start=reader.date_iso(dates[0].first) if dates and visit.status != "invited" else None,
        end=reader.date_iso(dates[0].last) if dates and dates[0].last and visit.status != "invited" else None,
    ))


# "rời Hà Nội đi thăm", "lên đường thăm": a departure, on the day the clause opens with
_DEPARTS = re.compile(r"\b(?:rời|lên đường|khởi hành)\b")


def _leaves_before(reader: _ArticleReader, text: str, a: int, t0: int, dates_before: list[DateMention],
                   start: str | None) -> bool:
    """"Ngày 18/11, X rời Hà Nội đi thăm Y từ ngày 19-20/11": told on the day of leaving, of a
    visit whose days are still to come (in an article of that day, or of no known day)."""
    if not dates_before or not _is_day(start) or not _DEPARTS.search(text, dates_before[0].end, t0):
        return False
    told = reader.date_iso(dates_before[0].first)
    if not _is_day(told) or len(told or "") != len(start or "") or (told or "") >= (start or ""):
        return False
    published = reader.article.published
    if published is None or len(published) < 10:
        return True
    return (published if not (told or "").startswith("--") else "--" + published[5:]) <= (told or "")


_VISIT_WILL_BRING = re.compile(r"[^.;]{0,40}?\bsẽ\s+(?:là|góp phần|tạo|mở ra|đánh dấu|thúc đẩy|giúp|đưa|củng cố"
                               r"|làm sâu sắc|có ý nghĩa)\b")
_ENDED = re.compile(r"\bkết thúc\s+(?:tốt đẹp\s+)?(?:[^,;.]{0,40}?\s)?chuyến\s+$")
# kg/data/lexicon/visit_invitations.tsv: "mời X", "chuyển lời mời ... tới X", "mong sớm đón X"
_WISH_TO_HOST = re.compile(_B + r"(?:" + alternation_where("visit_invitations", "form", "wish") + r")"
                           + _E + r"[^.;]{0,25}\bđón(?: tiếp)?\s*$")
_INVITES_BEFORE = re.compile(_B + r"(?:" + alternation_where("visit_invitations", "form", "before") + r")\s*$")
_INVITES_TO = re.compile(_B + r"(?:" + alternation_where("visit_invitations", "form", "to") + r")"
                         + _E + r"[^;]{0,80}?\s(?:tới|đến|cho)\s*$")


def _host_untold(reader: _ArticleReader, sent: _Sent, t0: int, t1: int) -> tuple[str, int] | None:
    """"Chuyến thăm chính thức của Chủ tịch Quốc hội Hàn Quốc từ ngày 31/10-4/11": a visit whose
    host the sentence does not name, between Viet Nam and the state the article is about (the
    one the guest is not from). Where it is told: just before "của"."""
    m = re.match(r"\s*(?:chính thức|cấp [Nn]hà nước|làm việc)?\s*(?=của\s)", sent.text[t1:])
    if not m or not re.search(r"[Cc]huyến\s+$", sent.text[max(0, t0 - 8):t0]) or reader.foreign_state is None:
        return None
    guest = _person_after(sent, t1 + m.end(), 60)
    if guest is None:
        return None
    state = reader.state_of(guest.key)
    if state is None:
        return None
    return ("VN" if state != "VN" else reader.foreign_state), t1 + m.end()


# "trong khuôn khổ chuyến thăm nước bạn", "trong chuyến thăm vào tháng 4/2023": a visit as a
# noun, its host described or left to the context, not named
_VISIT_FRAME = re.compile(r"(?:trong khuôn khổ|trong|nhân dịp|nhân|dịp|qua)\s+(?:các\s+|những\s+)?chuyến\s+$", re.I)
_RECEIVES = re.compile(r"\s*(?:đã\s+|vừa\s+)?(?:\S+\s+){0,2}?(?:tiếp|đón)(?:\s+(?:thân mật|trọng thể|chính thức))?\s+$")


def _host_described(reader: _ArticleReader, sent: _Sent, t0: int, t1: int) -> None:
    """"A gặp Thủ tướng Ai Cập B trong khuôn khổ chuyến thăm quốc gia châu Phi này"; "A ...; nhắc
    lại kỷ niệm về đất nước Chile trong chuyến thăm vào tháng 4/2023": the
    visit of the sentence's subject to the other state it names (or, for "A tiếp B nhân chuyến
    thăm", B's to A's)."""
    text = sent.text
    if not _VISIT_FRAME.search(text, max(0, t0 - 30), t0) or re.match(r"\s*(?:\S+\s+){0,3}?của\b", text[t1:]):
        return
    people = [m for m in sent.people if m.end <= t0 and not _in_of_phrase(text, m)]
    if len(people) < 2 or reader.is_future(text[:t1]):
        return
    subject, guest_state = people[0], reader.state_of(people[0].key)
    others = [m for m in people[1:] if reader.state_of(m.key) not in (None, guest_state)]
    if guest_state is None or not others:
        return
    received = others[0] if _RECEIVES.match(text[subject.end:others[0].title_start]) else None
    if received is not None:
        guest, guest_state, host = received, reader.state_of(received.key), guest_state
    else:
        named = [g.code for g in sent.states if g.end <= t0 and g.code != guest_state]
        guest, host = subject, named[-1] if named else reader.state_of(others[0].key)
    if host is None or guest_state is None or host == guest_state:
        return
    b = reader.clause_bounds(sent, t0)[1]
    dates = [d for d in reader.dates_in(sent, t1, b) if not re.search(r"\bkể từ\b|\btừ khi\b", text[t1:d.start])]
    reader.visits.append(Visit(
        guest=guest.key, guest_state=guest_state, host_state=host, kind=_visit_kind(text[t0:t1 + 20]),
        status="completed", start=reader.date_iso(dates[0].first) if dates else None,
        end=reader.date_iso(dates[0].last) if dates and dates[0].last else None, sentence=sent.position,
        certain=bool(PAST.search(text[:b])) or bool(dates),
    ))


def _next_stop(reader: _ArticleReader, sent: _Sent, a: int, t0: int, host_state: str, kind_text: str) -> None:
    """"A sẽ thăm Chile từ ngày 9 đến 11/11; sau đó thăm chính thức Peru": the next stop of the
    visit the sentence told of, by the same guest and with its status."""
    if not re.fullmatch(r"\s*(?:sau đó|tiếp đó|tiếp theo|rồi)\s*(?:(?:sẽ|đã)\s+)?(?:tới\s+|sang\s+)?", sent.text[a:t0], re.I):
        return
    told = [v for v in reader.visits if v.sentence == sent.position]
    if not told or told[-1].guest_state == host_state:
        return
    before = told[-1]
    dates = reader.dates_in(sent, t0, reader.clause_bounds(sent, t0)[1])
    reader.visits.append(Visit(
        guest=before.guest, guest_state=before.guest_state, host_state=host_state,
        kind=_visit_kind(kind_text), status=before.status,
        start=reader.date_iso(dates[0].first) if dates else None,
        end=reader.date_iso(dates[0].last) if dates and dates[0].last else None,
        sentence=sent.position, certain=before.certain,
    ))


def _in_of_phrase(text: str, m: _Mention) -> bool:
    """True for the X of "lời mời của X" (the inviter, not the actor)."""
    return bool(re.search(r"lời mời của\s*$", text[max(0, m.title_start - 20):m.title_start]))


# ---------------------------------------------------------------- meetings

@dataclass
class _Trigger:
    start: int
    end: int
    kind: MeetingKind


def _triggers(text: str) -> list[_Trigger]:
    """The meeting words of a sentence with their kinds (those of kind "none" hold their place
    and give none)."""
    words = [(m.start(), m.end(), MEETING_KIND[" ".join(m.group(1).split()).casefold()])
             for m in MEETING_WORDS.finditer(text)]
    found = [_Trigger(a, b, MEETING_KINDS[kind]) for a, b, kind in words if kind != "none"]
    for m in COURTESY_CALL.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b, _ in words):
            found.append(_Trigger(m.start(), m.end(), "courtesy meeting"))
    return sorted(found, key=lambda t: t.start)


def extract_meetings(reader: _ArticleReader) -> None:
    for sent in reader.sents:
        text = sent.text
        triggers = _triggers(text)
        actors: list[_Mention] = []  # who acts in the clause before: "A hội đàm với B; hội kiến C"
        actors_ahead = False  # ... and whether that clause tells of what is to come ("A sẽ ...")
        visit_stops = [m.start() for m in VISIT_TRIGGER.finditer(text)]
        for i, trig in enumerate(triggers):
            a, b = reader.clause_bounds(sent, trig.start)
            nxt = min([t.start for t in triggers[i + 1:] if t.start < b] + [x for x in visit_stops if x > trig.end] + [b])
            speech = SPEECH.search(text, trig.end, nxt)
            obj_end = speech.start() if speech else nxt
            prefix = text[a:trig.start]
            if re.search(r"(?<![\w])mời(?![\w])", prefix):
                continue  # what an invitation proposes is the invited visit, not a meeting held
            if _ATTENDING.search(prefix):
                continue  # "Tham dự buổi tiếp có A và B": who was there, not a meeting of theirs
            if _GLAD_TO.search(prefix):
                continue  # "bày tỏ vui mừng gặp lại X": the meeting under way, told already
            if i + 1 < len(triggers) and re.fullmatch(r"\s*(?:,|và|,\s*và|rồi)\s*(?:(?:đã|có)\s+)?",
                                                      text[trig.end:triggers[i + 1].start]):
                continue  # "A tiếp và làm việc với B", "gặp, hội đàm với": one event, told by its last word
            definite = bool(DEFINITE_FRAME.search(prefix))
            # "Tại cuộc gặp với Thủ tướng Ấn Độ X, Y đề nghị ...": the meeting named by whom it
            # was with, which may be one not told of before
            named = definite and (_WITH_WHOM.match(text, trig.end) is not None or _BETWEEN.match(text, trig.end) is not None)
            if definite and not named and any(_same_class(mt.kind, trig.kind) for mt in reader.meetings):
                continue  # "Tại cuộc gặp, ..." after "A hội đàm với B": that event
            if re.search(r"\bgồm\b", text[trig.end:obj_end]) and obj_end == b:
                obj_end = len(text)  # "tiếp đoàn ... gồm bà A, ...; ông B, ...": the list runs on
            objects = _parties_between(sent, trig.end, obj_end)
            if not objects and obj_end == b and _LIST_OPENS.search(text, trig.end, b):
                objects = _listed_after(reader, sent)  # "tiếp các Đại sứ, gồm:" and one a line
            giua = _BETWEEN.match(text, trig.end)
            first_trigger = next(t for t in triggers if t.start >= a)
            subjects = _subjects(sent, a, first_trigger.start)
            carried = False
            if subjects:
                actors, actors_ahead = subjects, reader.is_future(text[a:trig.end])
            elif a > 0 and actors and (re.fullmatch(
                    r"\s*(?:(?:và|rồi|sau đó|cũng|đã|sẽ|có|tiến hành|các|một|cuộc|buổi)\s+)*", text[a:trig.start])
                    or not _people_between(sent, a, trig.start)):
                # a clause that opens with its verb goes on with the same actor ("A chào B; dự lễ
                # đón, hội đàm với C")
                subjects, carried = actors, True
            if giua:
                subjects, objects = [], objects
            if not objects and _CO_CHAIR.search(text, max(0, trig.start - 20), trig.end):
                # "A, ... (Việt Nam); B, ...; C, ... đồng chủ trì hội đàm": all those named before
                subjects = list({m.key: m for m in _parties_between(sent, 0, trig.start)}.values())
            pairs = _pairs(subjects, objects, reader.state_of)
            if not objects and len(subjects) >= 2 and _OBJECT_UNNAMED.match(text, trig.end):
                pairs = []  # "A và B sẽ chào xã giao các lãnh đạo ...": together, they meet others
            if definite and not pairs:
                if any(mt.kind == trig.kind for mt in reader.meetings):
                    continue
                who = [m for m in sent.people if m.start > trig.end]
                if who:
                    other = _counterpart(reader, sent, who[0])
                    if other:
                        pairs = [(who[0].key, other)]
            if not pairs and len(subjects) == 1 and not giua:
                others = {m.key for m in _parties_between(sent, a, b)} - {subjects[0].key}
                if len(others) == 1:
                    pairs = [(subjects[0].key, others.pop())]
            # "các chuyến thăm, gặp gỡ cấp cao ...", "các cuộc gặp": meetings told in the plural
            # are none between the two people the sentence happens to name
            plural = re.search(r"(?<![\w])(?:các|những)\s+(?:cuộc\s+|buổi\s+|chuyến thăm,\s*)?$", prefix)
            parties = _parties_between(sent, 0, len(text))
            if not pairs and not subjects and not giua and not plural and len({m.key for m in parties}) == 2:
                keys = list(dict.fromkeys(m.key for m in parties))
                pairs = [(keys[0], keys[1])]
            if not pairs and not subjects and not objects and not giua and _THE_TWO.search(prefix):
                pairs = _the_two(reader, sent)
            if named:
                told = {frozenset(mt.participants) for mt in reader.meetings}
                pairs = [pq for pq in pairs if frozenset(pq) not in told]
            if not pairs:
                continue
            prev_end = max([t.end for t in triggers[:i] if t.end > a]
                           + [x + 4 for x in visit_stops if a < x < trig.start] + [a])
            scope_start = trig.start if definite else prev_end
            date = _meeting_date(reader, sent, scope_start, nxt, trig, definite)
            status: MeetingStatus = "completed"
            # "đã có cuộc điện đàm": told as done, whatever day the page gives for its publication
            done = re.search(r"(?<![\w])(?:đã|vừa)(?![\w])(?:\s+\w+){0,3}\s*$", text[a:trig.start])
            if reader.is_future(text[a:trig.end]) or (reader.after_publication(date) and not done) \
                    or (carried and actors_ahead):
                status = "planned"
            for p, q in pairs:
                if p == q or _one_side(reader, p, q):
                    continue  # the members of one side do not meet each other
                reader.meetings.append(Meeting((p, q), trig.kind, status, date, sent.position))
    _one_event_each(reader)
    # An undated mention of a meeting the article dates elsewhere (a headline, a caption) is that
    # meeting; one held in person and dated nowhere in the article was held during the visit of
    # one of its people the article tells of (on the day told last, if that is one of the
    # visit's, else on its first), or else when the article was published.
    dated = {frozenset(m.participants) for m in reader.meetings if m.date}
    remote = ("message", "phone call", "video call")
    for i, m in enumerate(reader.meetings):
        if m.date is None and m.sentence == 0 and m.kind not in remote:
            # a headline's "A làm việc với B" tells of the talks the article dates: that event
            kinds = [d.kind for d in reader.meetings if d.date and d.kind not in remote
                     and frozenset(d.participants) == frozenset(m.participants)]
            if kinds and m.kind not in kinds:
                reader.meetings[i] = m = replace(m, kind=kinds[0])
        if m.date is not None or frozenset(m.participants) in dated:
            continue
        during = None
        # a sentence that gives a time of its own ("Hồi tháng 9 năm nay"), if not one that can
        # be told, is not during the visit the article tells of
        timed = any(not d.anniversary for d in reader.sents[m.sentence].dates)
        if m.kind not in remote and not timed:
            # (a visit to come dates no meeting told as held, nor one held a visit to come)
            visit = next((v for v in reader.visits
                          if v.guest in m.participants and v.start and v.status != "invited"
                          and (v.status == "planned") == (m.status == "planned")), None)
            if visit is not None:
                during = _day_told_within(reader, m.sentence, visit) or visit.start
        if during is not None:
            status = "planned" if reader.after_publication(during) else m.status
            reader.meetings[i] = replace(m, date=during, status=status)
        else:
            reader.meetings[i] = replace(m, date=reader.article.published)


_WITH_WHOM = re.compile(r"\s*(?:,\s*(?:trao đổi|làm việc)\s+)?với\s")
_RIGHT_AFTER = re.compile(r"\s*(?:Ngay sau|Sau)\s+(?:khi\s+|đó,\s*)?(?:lễ|buổi|nghi lễ|cuộc)\b")
# "hội đàm giữa A và B", "cuộc gặp trực tiếp lần đầu tiên giữa A và B"
_BETWEEN = re.compile(r"\s*(?:[^\s,.;:]+\s+){0,6}?giữa\s")
_CO_CHAIR = re.compile(r"đồng chủ trì(?:\s+\S+){0,2}$", re.I)
# "vui mừng gặp lại", "rất vui được gặp": glad of the meeting under way
_GLAD_TO = re.compile(r"(?:vui mừng|rất vui|hân hạnh|vinh dự)\s+(?:(?:được|có dịp|lần đầu)\s+)*$")
# After the verb, those met named by no name: "chào xã giao các lãnh đạo", "tiếp đoàn"
_OBJECT_UNNAMED = re.compile(r"\s+(?:các|những|một số|nhiều|lãnh đạo|Lãnh đạo|đoàn|Đoàn)\b")
# "Tham dự buổi tiếp có A và B", "Cùng dự hội đàm có ...": who was there, with either side
_ATTENDING = re.compile(r"(?:(?:[Tt]ham dự|[Cc]ùng dự|[Dd]ự)\s+(?:các\s+)?(?:buổi|cuộc)"
                        r"|(?:^|[,:]\s*)(?:[Tt]ham dự|[Cc]ùng dự|[Cc]ùng tham gia|[Cc]ó mặt tại))\s+$")
# "Sau lễ đón, hai Thủ tướng tiến hành hội đàm": the two named just before, by their office
_THE_TWO = re.compile(
    r"(?<![\w])[Hh]ai (?i:nhà lãnh đạo|vị lãnh đạo|lãnh đạo|nguyên thủ|Thủ tướng|Phó Thủ tướng|Bộ trưởng|Ngoại trưởng"
    r"|Tổng thống|Chủ tịch nước|Chủ tịch Quốc hội|Chủ tịch|Tổng Bí thư|Thứ trưởng|Quốc vương)"
    # "Hai Thủ tướng đi bộ về Văn phòng Chính phủ để tiến hành hội đàm": going there to hold it
    r"\s+(?:[^,.;:]{1,60}?\s(?:để|rồi)\s+)?(?:(?:đã|sẽ|tiến hành|có|cuộc|buổi|chính thức)\s+)*$")


def _the_two(reader: _ArticleReader, sent: _Sent) -> list[tuple[str, str]]:
    """The two people "hai nhà lãnh đạo" are: those of the last sentence up to this one that
    names anyone, if it names two, one of Viet Nam and one of another state."""
    for s in reversed(reader.sents[max(0, sent.position - 3):sent.position + 1]):
        keys = list(dict.fromkeys(m.key for m in s.people))
        if not keys:
            continue
        states = [reader.state_of(k) for k in keys]
        if len(keys) == 2 and "VN" in states and None not in states and states[0] != states[1]:
            return [(keys[0], keys[1])]
        return []
    return []


def _day_told_within(reader: _ArticleReader, sentence: int, visit: Visit) -> str | None:
    """The day the article told last, up to ``sentence``, if it is one of the visit's days
    ("Sáng nay (12/1), ... lễ đón. Sau lễ đón, hai nhà lãnh đạo hội đàm"): when a meeting
    told without a date was held."""
    if re.match(r"\s*Trước (?:đó|khi)\b", reader.sents[sentence].text):
        return None  # "Trước đó, ...": before the day told last
    days = [reader.date_iso(d.first) for s in reader.sents[:sentence + 1] for d in s.dates
            if not d.anniversary and d.last is None and d.first.day is not None]
    day = days[-1] if days else None
    return day if _on_a_day_of(day, visit) else None


def _subjects(sent: _Sent, a: int, t: int) -> list[_Mention]:
    """The people acting in a clause: the first named before the trigger, with those joined
    to it by "và" / "cùng" ("A và B đã có cuộc hội đàm")."""
    before = [m for m in _parties_between(sent, a, t) if not _in_of_phrase(sent.text, m)]
    if not before:
        return []
    if SPEECH.search(sent.text, before[0].end, t):
        return []
    group = [before[0]]
    for m in before[1:]:
        gap = sent.text[group[-1].end:m.title_start]
        if re.fullmatch(r"\s*(?:và|cùng|,)\s*(?:Phu nhân\s*)?", gap):
            group.append(m)
        else:
            break
    return group


def _pairs(subjects: list[_Mention], objects: list[_Mention],
           state_of: Callable[[str], str | None] = lambda key: None) -> list[tuple[str, str]]:
    subj = list(dict.fromkeys(m.key for m in subjects))
    obj = [k for k in dict.fromkeys(m.key for m in objects) if k not in subj]
    if subj and obj:
        if len(subj) == len(obj) > 1:  # "A và B gửi điện tới C và D": A to C, B to D
            return list(zip(subj, obj))
        return [(s, o) for s in subj for o in obj]
    group = subj if len(subj) >= 2 and not obj else obj if len(obj) >= 2 and not subj else []
    if len(group) > 2:
        # "A, B, C và D đồng chủ trì hội đàm": each of one side with each of the other
        states = [state_of(k) for k in group]
        if None not in states and len(set(states)) == 2:
            return [(p, q) for i, p in enumerate(group) for j, q in enumerate(group) if i < j and states[i] != states[j]]
    return [(group[0], k) for k in group[1:]]


# A clause that ends on the opening of a list told one item a line: "..., gồm:", "như sau:"
_LIST_OPENS = re.compile(r"(?<![\w])(?:gồm|gồm có|bao gồm|như sau)\s*:\s*$", re.IGNORECASE)


def _listed_after(reader: _ArticleReader, sent: _Sent) -> list[_Mention]:
    """The people of the lines after ``sent`` that each open with one ("Đại sứ Italy X;"), up to
    the first line that does not."""
    listed: list[_Mention] = []
    following = reader.sents[reader.sents.index(sent) + 1:]
    for item in following[:30]:
        if not item.people or item.people[0].title_start > 2:
            break
        listed.append(item.people[0])
    return listed


def _parties_between(sent: _Sent, a: int, b: int) -> list[_Mention]:
    """The people between ``a`` and ``b`` who may take part in an event: not those named as
    whose something is ("Đặc phái viên của Tổng Bí thư X", "Quốc thư của Chủ tịch nước Y")."""
    return [m for m in _people_between(sent, a, b) if not _possessor(sent.text, m)]


def _possessor(text: str, m: _Mention) -> bool:
    of = _OF.search(text, max(0, m.title_start - 40), m.title_start)
    # "cuộc gặp của A với B", "chuyến thăm của A": the one who meets or visits
    return of is not None and not _triggers(of.group(1)) and not VISIT_TRIGGER.search(of.group(1))


_OF = re.compile(r"((?:\S+\s+){0,2}\S+)\s+của\s+$")


def _same_class(a: str, b: str) -> bool:
    """Two kinds of meeting the same frame may name: in person, or by phone or video, or by letter."""
    remote = {"phone call": "call", "video call": "call", "message": "message"}
    return remote.get(a, "in person") == remote.get(b, "in person")


def _one_side(reader: _ArticleReader, p: str, q: str) -> bool:
    """Whether two people are of one state, as their titles or their names say."""
    def state(key: str) -> str | None:
        # a name of Vietnamese syllables is Viet Nam's, but where the article's other state
        # writes its names so too ("Ngoại trưởng Vương Nghị" in an article on China)
        by_name = reader.registry.people[key]["vietnamese"] and reader.foreign_state not in _SINO_STATES
        return reader.registry.state_of(key) or ("VN" if by_name else None)
    sp, sq = state(p), state(q)
    return sp is not None and sp == sq


_SINO_STATES = frozenset({"CN", "TW", "HK", "MO"})


def _one_event_each(reader: _ArticleReader) -> None:
    """A meeting told again without its date (a headline, "Tại cuộc gặp") is the one the article
    tells with its date, or the one it tells in its body."""
    remote = ("message", "phone call", "video call")
    kept: list[Meeting] = []
    for m in reader.meetings:
        pair = frozenset(m.participants)
        same = [d for d in reader.meetings if d is not m and frozenset(d.participants) == pair
                and (d.kind in remote) == (m.kind in remote) and d.status == m.status]
        if m.date is None and same and (any(d.date for d in same) or m.sentence == 0
                                        or any(frozenset(k.participants) == pair and k.date is None for k in kept)):
            continue
        kept.append(m)
    reader.meetings[:] = kept


def _counterpart(reader: _ArticleReader, sent: _Sent, who: _Mention) -> str | None:
    """The other side of an event the article names without saying with whom."""
    state = reader.state_of(who.key)
    for other in reader.sents[sent.position + 1:sent.position + 4] + reader.sents[max(0, sent.position - 3):sent.position]:
        for m in other.people:
            if m.key != who.key and reader.state_of(m.key) not in (None, state):
                return m.key
    return None


def _meeting_date(reader: _ArticleReader, sent: _Sent, a: int, b: int, trig: _Trigger,
                  definite: bool) -> str | None:
    """The date of a meeting: in its own stretch of the clause (after the trigger first)."""
    after = reader.dates_in(sent, trig.start, b)
    before = reader.dates_in(sent, a, trig.start)
    own = after or before
    if own and all(d.last is not None for d in own):
        # "Ngày 9/1, trong khuôn khổ chuyến thăm ... từ ngày 8 đến 10/1, A hội kiến B", "Sáng
        # 16/4, A hội đàm với B nhân chuyến sang Việt Nam ... từ ngày 14 đến 17/4": the stretch of
        # days is the visit's or the trip's; the meeting is on the day the sentence opens with
        until = trig.start if after else a
        opening = [d for d in sent.dates if d.end <= until and d.last is None and not d.anniversary
                   and d.first.day is not None]
        if opening:
            return reader.date_iso(opening[-1].first)
    if after or before:
        return reader.date_iso((after[0] if after else before[-1]).first)
    if not definite:
        a0, b0 = reader.clause_bounds(sent, trig.start)
        clause = reader.dates_in(sent, a0, b0)
        if len(clause) == 1:
            return reader.date_iso(clause[0].first)
        whole = [d for d in sent.dates if not d.anniversary]
        if not clause and len(whole) == 1:  # "ngày 20/5, A gửi điện tới B; C gửi điện tới D"
            return reader.date_iso(whole[0].first)
    # "Cùng ngày, ...", "Ngay sau lễ đón, ...": on the day told last
    if re.search(r"(?:cùng ngày|Cùng ngày|cùng buổi|Cùng buổi)", sent.text[:b]) or _RIGHT_AFTER.match(sent.text):
        earlier = [d for s in reader.sents[:sent.position] for d in s.dates
                   if not d.anniversary and d.first.day is not None]
        # the day told last, not a stretch of days (a visit's "từ ngày 15 đến 18/3")
        earlier = [d for d in earlier if d.last is None] or earlier
        if earlier:
            return reader.date_iso(earlier[-1].first)
    if re.search(r"\bcũng\b|[Nn]hân dịp này|[Tt]rong dịp này|^\s*Dịp này", sent.text[a:trig.start]):
        # "X cũng đã gặp Y", "Nhân dịp này, X chào xã giao Y": on the day of the meeting just told
        told = [mt.date for mt in reader.meetings if mt.sentence == sent.position - 1 and mt.date]
        if told:
            return told[-1]
    if re.search(r"(?:Trong|trong) chuyến thăm này", sent.text[:trig.start]):
        visits_before = [v for v in reader.visits if v.sentence < sent.position and v.start]
        if visits_before:
            return visits_before[-1].start
    return None  # extract_meetings fills it in once the whole article is read


# ---------------------------------------------------------------- agreements

# What the reader knows of documents is data (kg/data/lexicon/): their kinds
# (document_kinds.tsv), the words that give their status (agreement_status.tsv), the words that
# make a step one to come or one asked for (agreement_modality.tsv), and the agreements the press
# names by an acronym (known_agreements.tsv).
_DOC_KIND = table("document_kinds", "kind")
_DOC_ALONE = frozenset(p for p, alone in table("document_kinds", "alone").items() if alone == "yes")
_DOC_HEAD = re.compile(_B + "(" + alternation("document_kinds") + ")" + _E, re.I)
_KNOWN = {entry.phrase: entry for entry in lexicon("known_agreements")}
# an acronym as written, a name of several words in any case
_KNOWN_RE = re.compile(_B + "(" + "|".join(f"(?i:{re.escape(p)})" if " " in p else re.escape(p)
                                           for p in sorted(_KNOWN, key=lambda p: (-len(p), p))) + ")" + _E)
_KNOWN_FOLDED = {p.casefold(): p for p in _KNOWN}
_STATUS_OF = {(" ".join(e.phrase.split()).casefold(), e["side"]): e for e in lexicon("agreement_status")}
_BEFORE = re.compile(_B + "(" + alternation_where("agreement_status", "side", "before") + ")" + _E, re.I)
_ADJACENT = re.compile(_B + "(" + alternation_where("agreement_status", "side", "adjacent") + ")" + _E + r"\s*$", re.I)
_AFTER = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:và (?:các|những) [^.;]{0,30}?\s)?(?:(?:đã|đang|cũng|chính thức|vừa|sẽ|dự kiến|sắp)\s+)*"
    r"(" + alternation_where("agreement_status", "side", "after") + ")" + _E, re.I)
# a status word right before a document: "ký kết biên bản hợp tác", "ra tuyên bố chung"
_GOVERNED = re.compile(_B + "(" + alternation_where("agreement_status", "side", "before") + "|"
                       + alternation_where("agreement_status", "side", "adjacent") + r")\s+$", re.I)
# "lễ trao 9 văn kiện, trong đó có X": documents handed over at a ceremony were signed
_HANDED = re.compile(r"\btrao(?: đổi)?\s+(?:các\s+|những\s+|\d+\s+)?văn kiện\b")
# a status word after its agent: "Hiệp định X đã được Quốc hội hai nước phê chuẩn", "do hai Bộ
# trưởng ký"
_BY_AGENT = re.compile(r"\s*(?:(?:đã|vừa|cũng)\s+)*(?:được|do)\s+(?:[^\s,.;()]+\s+){1,6}?("
                       + alternation_where("agreement_status", "status", "signed") + "|"
                       + alternation_where("agreement_status", "status", "ratified") + ")" + _E, re.I)
_MODALITY = re.compile(_B + "(" + alternation("agreement_modality") + ")" + _E, re.I)
_MODALITY_OF = table("agreement_modality", "modality")


# a joint statement or a plan given out or adopted ("ra Tuyên bố chung") is as good as signed;
# "thông qua Hiệp định X" is "through" it
_ISSUED_KINDS = frozenset({"joint statement", "plan", "programme", "minutes"})
_SIGNED_AS = {"ratified": "signed", "issued": "signed"}


def _word(m: re.Match[str]) -> str:
    return " ".join(m.group(1).split()).casefold()


# "ký" inside another word is no signing: "đăng ký" (register), "thư ký" (secretary), "chữ ký",
# "nhật ký", "ký ức", "ký giả", "ký túc xá", "ký quỹ"
_KY_BEFORE = re.compile(r"(?:đăng|thư|chữ|nhật|bút|tốc)\s+$", re.I)
_KY_AFTER = re.compile(r"\s+(?:ức|giả|sự|túc|hiệu|họa|gửi|thác|quỹ)(?!\w)", re.I)


def _other_word(text: str, start: int, end: int) -> bool:
    """Whether the status word at ``start:end`` is part of another word ("đăng ký")."""
    if not text[start:end].casefold().startswith("ký"):
        return False
    return bool(_KY_BEFORE.search(text, max(0, start - 8), start) or _KY_AFTER.match(text, end))


def _status_match(m: re.Match[str] | None, text: str) -> re.Match[str] | None:
    """``m``, unless its status word is part of another word."""
    return None if m is None or _other_word(text, m.start(1), m.end(1)) else m


# Where a name ends: at a clause's punctuation, a bracket, a word that begins what is told of it
# ("vào", "có hiệu lực", "được", "ký"), or "và" before the next document.
_NAME_END = re.compile(
    r"\s*(?:[,;:.!?…]|\((?!FTA\)|EAEU\)\s+giữa)|\s(?:vào|ngày|có hiệu lực|chính thức có|mà|tại|trong đó|đã|được|"
    r"để trao đổi|và (?:các|những)|với thời hạn|cho phép|ký|ký kết|khẳng định|đang|do|chưa|sẽ|và (?:tiếp tục|sẽ|cùng|đã))(?=[\s,.;])"
    r"|\svà\s(?=(?:" + alternation("document_kinds") + r")\b))"
)
# "ký Hiệp định X năm 2008": when it was signed. A plan's year is its own ("Kế hoạch hành động
# năm 2025"), and so is a horizon ("Tầm nhìn ... đến năm 2030"), so a name runs on over them.
_DATE_AFTER_NAME = re.compile(r"(?<!đến)(?<!tới)(?<!từ)\s(?:vào )?(?:năm|tháng) \d")
_PLAN_HEADS = re.compile(r"(?:Kế hoạch|Chương trình)", re.I)
_CLOSING_QUOTE = re.compile(r"[\"”]")
# The acronym a document's name closes with: "Hiệp định ... (EVFTA)"
_ACRONYM_AHEAD = re.compile(r"[^.;:()]{0,220}?\(([A-Z][A-Za-z0-9-]{2,11})\)")

# The most words a document's name runs to where nothing ends it sooner: a memorandum between two
# ministries named in full ("Bản ghi nhớ về hợp tác kinh tế số giữa Bộ Công Thương Việt Nam và Bộ
# Thương mại và Công nghiệp Singapore") takes 23.
_NAME_WORDS = 40

# "lễ ký các văn kiện", "Lễ trao 14 văn kiện hợp tác": documents told of as a whole, and then,
# perhaps, one by one, a sentence (a line of a list) each
_DOCUMENTS = re.compile(r"\b(?:[Cc]ác|[Nn]hững|\d+)\s+(?:văn kiện|thỏa thuận|văn bản)\b")
_ITEM = re.compile(r"\s*(?:[-–•+*]|\d{1,2}[.)]|[a-zđ]\))?\s*")
_CAPTION = re.compile(r"\(?\s*Ảnh\s*:|\bẢnh:")
# told as done on the day the article tells of: "đã ký", "chứng kiến lễ ký", "trong dịp này"
_TOLD_DONE = re.compile(r"\bchứng kiến\b|\b[Ll]ễ (?:ký|trao)\b|\b(?:nhân|trong) (?:dịp|chuyến thăm) (?:này|lần này)\b")


@dataclass
class _Document:
    """A document named in a sentence: where its name is, what it is, and what it is called."""

    start: int
    end: int
    head: str
    kind: str
    name: str
    acronym: str | None = None
    parties: tuple[str, ...] = ()


def _documents(reader: _ArticleReader, sent: _Sent, item: bool) -> list[_Document]:
    """The documents a sentence names, in order; a line of a list is one document, whole."""
    text = sent.text
    found: list[_Document] = []
    # where a kind and a known agreement's name begin together, the name: "Hiệp định Đối tác ..."
    heads = sorted([(m.start(), m.end(), m.group(1), None) for m in _DOC_HEAD.finditer(text)]
                   + [(m.start(), m.end(), m.group(1), _KNOWN_FOLDED[m.group(1).casefold()])
                      for m in _KNOWN_RE.finditer(text)], key=lambda h: (h[0], -h[1]))
    for start, head_end, head, known in heads:
        if found and start < found[-1].end:
            continue  # inside the name before ("Hiệp định Thương mại tự do (FTA) Việt Nam - X")
        if known is not None:
            entry = _KNOWN[known]
            found.append(_Document(start, head_end, known, entry["kind"], known, known))
            continue
        pre = text[max(0, start - 12):start]
        if re.search(r"(?:các|những|\d+)\s*$", pre):
            continue  # "các hiệp định": documents told of as a whole
        if head[0].islower() and not (re.match(r"\s+(?:về|giữa)\s", text[head_end:]) or re.search(r"\blà\s*$", pre)
                                      or _status_match(_GOVERNED.search(text, max(0, start - 30), start), text)):
            continue  # "hiệp định" in a sentence: a document only where a status word governs it
        if " ".join(head.split()).casefold() == "fta" and not _party_at(sent, head_end + 1):
            continue  # "FTA" alone is a document only with its parties: "FTA Việt Nam - MERCOSUR"
        is_item = item and not found and _ITEM.fullmatch(text, 0, start) is not None
        name, end = _document_name(reader, text, start, head_end, is_item)
        if head[0].islower() and " với " in name:
            # a document told of, not named: "biên bản hợp tác với các tỉnh bạn"
            end = start + name.index(" với ")
            name = text[start:end]
        kind = _DOC_KIND[" ".join(head.split()).casefold()]
        if kind == "agreement" and re.search(r"thương mại tự do|\bFTA\b", name, re.I):
            kind = "FTA"
        acronym = re.search(r"\(([A-Z][A-Za-z0-9-]{2,11})\)$", name)
        inner = _KNOWN_RE.search(name)
        found.append(_Document(start, end, head, kind, name,
                               acronym.group(1) if acronym else _KNOWN_FOLDED[inner.group(1).casefold()] if inner else None))
    return found


def _document_name(reader: _ArticleReader, text: str, start: int, head_end: int, item: bool) -> tuple[str, int]:
    if item:
        # a line of a list of documents is the document's name, up to where it is told of
        told = next((m for m in _AFTER.finditer(text, head_end) if _status_match(m, text)), None)
        end = told.start() if told else len(text)
        while end > head_end and text[end - 1] in " .;,":
            end -= 1
        return text[start:end].strip(), end
    # an acronym right after the kind belongs to it: "Bản ghi nhớ (MOU) về ..."
    bracket = re.match(r"\s*\([A-Z][A-Za-z0-9-]{1,11}\)", text[head_end:])
    rest_from = head_end = head_end + (bracket.end() if bracket else 0)
    while True:
        stop = _NAME_END.search(text, rest_from)
        end = stop.start() if stop else len(text)
        # "giữa Viện Sử học, Bộ Văn hóa Việt Nam và Viện Sử học Cuba": a comma between the parties
        # does not end the name before its "và"
        if stop and _other_word(text, stop.start() + 1, stop.end()):
            rest_from = stop.end()  # "Ban Thư ký ASEAN": no signing
            continue
        between = text[head_end:end]
        if (stop and text[stop.start():stop.end()].strip() == "," and "giữa " in between
                and " và " not in between[between.rfind("giữa "):] and end - start < 250):
            rest_from = stop.end()
            continue
        break
    dated = _DATE_AFTER_NAME.search(text, head_end, end)
    if dated and not _PLAN_HEADS.match(text, start):
        end = dated.start()
    # a name is complete once it gives its period: "... giai đoạn 2026-2030"
    period = re.search(r"giai đoạn \d{4}\s*[-–]\s*\d{4}", text[start:end])
    if period:
        end = start + period.end()
    # ... or with its acronym in brackets: "Hiệp định Bảo hộ đầu tư giữa ... (EVIPA)"
    ahead = _ACRONYM_AHEAD.match(text, head_end)
    if ahead and ahead.end() > end and not period and not _DOC_HEAD.search(text, end, ahead.start()) and (
            ahead.group(1) in _KNOWN or (
            ahead.group(1) not in reader.gaz.org_names and reader.gaz.state_code(ahead.group(1)) is None)):
        if not (_AFTER.search(text[end:ahead.start(1)]) or _BEFORE.search(text, end, ahead.start(1))):
            end = ahead.end()
    elif re.match(r"\s*\(([A-Z][A-Za-z0-9-]{2,11})\)", text[end:]) and not dated and not period:
        acr = re.match(r"\s*\(([A-Z][A-Za-z0-9-]{2,11})\)", text[end:])
        if acr and (acr.group(1) in _KNOWN or acr.group(1) not in reader.gaz.org_names):
            end += acr.end()
    words = text[start:end].split()
    if len(words) > _NAME_WORDS:
        end = start + len(" ".join(words[:_NAME_WORDS]))
    opened = [i for i, ch in enumerate(text[start:end], start) if ch in "\"“"]
    if len(opened) % 2:
        # a quoted name ("... lên “Đối tác Chiến lược toàn diện ...”"): up to its closing quote,
        # or, where that is far, up to where the quote opens
        close = _CLOSING_QUOTE.search(text, opened[-1] + 1, opened[-1] + 200)
        end = close.end() if close else opened[-1]
    return text[start:end].strip(), end


def extract_agreements(reader: _ArticleReader) -> None:
    planned_context = False
    named: list[_Document] = []  # every document the article names, with a status or not
    documents: tuple[AgreementStatus, str | None] | None = None  # the status and date of documents told of
    listing = False  # the documents told of are being listed, a line each ("... gồm:")
    for sent in reader.sents:
        text = sent.text
        if re.search(r"(?:sẽ|dự kiến)[^.]{0,40}ký kết", text):
            planned_context = True
        lead = _ITEM.match(text)
        is_item = listing and documents is not None and bool(_DOC_HEAD.match(text, lead.end() if lead else 0))
        docs = _documents(reader, sent, is_item)
        spans = [(d.start, d.end) for d in docs]
        listed: tuple[int, AgreementStatus, str | None] | None = None  # the item before: (its end, status, date)
        ceremony = False
        for i, doc in enumerate(docs):
            following = docs[i + 1].start if i + 1 < len(docs) else len(text)
            doc.parties = _document_parties(reader, sent, doc)
            antecedent = _antecedent(named, doc)
            bare = re.fullmatch(rf"{re.escape(doc.head)}(?:\s+(?:này|trên|nói trên|đó))?", doc.name, re.I)
            if bare and antecedent is None and doc.acronym is None and (
                    " ".join(doc.head.split()).casefold() not in _DOC_ALONE or doc.name != doc.head):
                continue  # "Hiệp định này", named nowhere: which one cannot be told
            if not bare and antecedent is None and doc.acronym is None and (
                    len(doc.name.split()) < 2 or (doc.kind == "plan" and len(doc.name.split()) < 3)):
                continue
            if antecedent is None:
                named.append(doc)
            status, date = _document_status(reader, sent, doc, spans, following, planned_context)
            if status is None and listed and re.fullmatch(r"\s*(?:[;,]|và)\s*(?:và\s+)?", text[listed[0]:doc.start]):
                # the next item of a list ("lễ ký các văn kiện, gồm: Hiệp định A; Bản ghi nhớ B")
                status, date = listed[1], listed[2]
            if status is None and is_item and i == 0 and documents is not None:
                status, date = documents  # a line of the list of documents told of before
            if status is None:
                continue
            if doc.kind in ("plan", "programme") and antecedent is None and not _of_two_sides(sent, doc):
                continue  # "thực hiện Kế hoạch phát triển kinh tế - xã hội": a state's own plan
            if documents is not None and status == documents[0]:
                # one of the documents of the ceremony told of (a photo's caption amid the list)
                date, ceremony = date or documents[1], True
            listed = (doc.end, status, date)
            name, kind, parties = doc.name, doc.kind, doc.parties
            if antecedent is not None:
                name, kind, parties = antecedent.name, antecedent.kind, antecedent.parties  # () if multilateral
            if len(parties) < 2:
                continue
            if status == "in force":
                # "X được ký năm 2016 và có hiệu lực từ năm 2017": signed, then in force
                signed = re.match(r"\s*(?:(?:đã )?được |đã )?ký(?: kết)?\b([^;]{0,40}?)\s+và\s+(?:chính thức\s+)?có hiệu lực",
                                  text[doc.end:])
                if signed:
                    when = [d for d in sent.dates if doc.end <= d.start < doc.end + signed.end(1) and not d.anniversary]
                    reader.agreements.append(Agreement(name, AGREEMENT_KINDS[kind], parties, "signed",
                                                       reader.date_iso(when[0].first) if when else None, sent.position))
                else:
                    # "Năm 2024, hai bên đã ký X, có hiệu lực từ ngày 1/1/2025": signed, then in force
                    signing = _document_status(reader, sent, doc, spans, following, planned_context, told_after=False)
                    if signing[0] == "signed":
                        reader.agreements.append(Agreement(name, AGREEMENT_KINDS[kind], parties, "signed",
                                                           signing[1], sent.position))
            reader.agreements.append(Agreement(name, AGREEMENT_KINDS[kind], parties, status, date, sent.position))
        # documents told of as a whole go on into a list, a line each, past photo captions
        if is_item or ceremony or (documents is not None and _CAPTION.search(text)):
            continue
        before, documents = documents, None
        told = _DOCUMENTS.search(text)
        if told and not any(d.start > told.end() for d in docs):
            whole = _Document(told.start(), told.end(), "", "", "")
            status, date = _document_status(reader, sent, whole, spans, len(text), planned_context)
            if before is not None and text.rstrip().endswith(":"):
                # "Các văn kiện được ký kết gồm:" after the ceremony: its status and day
                status, date = status or before[0], date or before[1]
            documents = (status, date) if status is not None else None
        listing = documents is not None and text.rstrip().endswith(":")
    # "thúc đẩy đàm phán FTA X" and "đề xuất đàm phán FTA X" in one article: the talks are proposed,
    # not under way
    proposed = {(ag.name, ag.parties) for ag in reader.agreements if ag.status == "proposed"}
    reader.agreements[:] = [ag for ag in reader.agreements
                            if ag.status != "negotiating" or (ag.name, ag.parties) not in proposed]


_TWO_SIDES = re.compile(r"\b(?:giữa|hai (?:nước|bên|Bộ|Chính phủ|Đảng)|song phương|hợp tác|đối tác|chung)\b", re.I)


def _of_two_sides(sent: _Sent, doc: _Document) -> bool:
    """Whether a plan is of two sides: its name says so (a partner named in it, "giữa", "hợp
    tác"), or the two carry it out ("Hai nước tiếp tục triển khai Kế hoạch ...")."""
    return bool(_TWO_SIDES.search(doc.name) or re.search(r"\b[Hh]ai (?:nước|bên|Bộ|Chính phủ|Đảng|Thủ tướng|nhà lãnh đạo)\b",
                                                         sent.text[:doc.start])) or any(
        m.start < doc.end and m.code != "VN" for m in [*sent.states, *sent.orgs])


def _antecedent(named: list[_Document], doc: _Document) -> _Document | None:
    """The document named before that this one names again: "Hiệp định" alone (the one of that
    kind just named), or its acronym ("Hiệp định EVFTA", "EVFTA")."""
    if doc.kind == "FTA" and len(doc.parties) > 1:  # one free trade agreement between the same parties
        for before in reversed(named):
            if before.kind == "FTA" and before.parties == doc.parties:
                return before if before.name != doc.name else None
    if doc.acronym:
        for before in reversed(named):
            if before.acronym == doc.acronym and before.name != doc.name:
                return before
        return None
    if re.fullmatch(rf"{re.escape(doc.head)}(?:\s+(?:này|trên|nói trên|đó))?", doc.name, re.I):
        return next((d for d in reversed(named) if d.name.lower().startswith(doc.head.lower())
                     and d.name.lower() != doc.head.lower()), None)
    return None


def _document_status(reader: _ArticleReader, sent: _Sent, doc: _Document, spans: list[tuple[int, int]],
                     following: int, planned_context: bool, told_after: bool = True,
                     ) -> tuple[AgreementStatus | None, str | None]:
    """The status a document is said to have, from the words of its clause, and its date (with
    ``told_after`` false, from the words before it only)."""
    text = sent.text
    start, end = doc.start, doc.end
    a, b = reader.clause_bounds(sent, start)

    def free(d: DateMention) -> bool:  # a date not in a document's name ("đến năm 2030")
        return not d.anniversary and not any(s <= d.start < e for s, e in spans)

    after = text[end:min(b, end + 160)] if told_after else ""
    in_force = re.match(r"[^;]*?(?:chính thức\s+)?có hiệu lực(?:\s+từ)?\s*", after)
    if in_force and _DOC_HEAD.search(after[:in_force.end()]):
        in_force = None
    if in_force and re.search(r"\b(?:chưa|không|chưa thể)\s+(?:chính thức\s+)?có hiệu lực", after[:in_force.end()]):
        return "signed", None  # "X chưa có hiệu lực": signed, and not yet in force
    if in_force:
        if reader.is_future(after[:in_force.end()]):
            dates = [d for d in sent.dates if d.start >= end + in_force.end() - 2 and free(d)]
            return "planned", reader.date_iso(dates[0].first) if dates else None
        dates = [d for d in sent.dates if d.start >= end + in_force.end() - 2 and free(d)]
        # "Ngày 1/8/2020, Hiệp định X chính thức có hiệu lực": the day before it, where no
        # signing is told between
        dates = dates or [d for d in sent.dates if a <= d.start and d.end <= start and free(d)
                          and not _BEFORE.search(text, d.end, start)][-1:]
        return "in force", reader.date_iso(dates[0].first) if dates else None
    said_after = (_status_match(_AFTER.match(text, end, b), text) or _status_match(_BY_AGENT.match(text, end, b), text)
                  if told_after else None)
    if said_after:
        entry = _STATUS_OF.get((_word(said_after), "after")) or _STATUS_OF[(_word(said_after), "before")]
        status = AGREEMENT_STATUSES[_SIGNED_AS.get(entry["status"], entry["status"])]
        if entry["status"] == "issued" and doc.kind not in _ISSUED_KINDS:
            return None, None
        if status == "signed" and reader.is_future(text[end:said_after.start(1)]):
            return "planned", None
        dates = [d for d in sent.dates if said_after.end() <= d.start <= said_after.end() + 40 and free(d)]
        if dates:
            return status, reader.date_iso(dates[0].first)
        if status == "signed" and _TOLD_DONE.match(text, said_after.end() + 1):
            return status, _event_day(reader, sent)
        return status, None
    lookback = max(a, start - 250)
    words = [m for m in _BEFORE.finditer(text, lookback, start) if not _other_word(text, m.start(1), m.end(1))
             if start - m.end() <= int(_STATUS_OF[(_word(m), "before")]["reach"])
             and not any(s <= m.start() < e for s, e in spans)]
    adjacent = _status_match(_ADJACENT.search(text, lookback, start), text)
    statuses = [(m, _STATUS_OF[(_word(m), "before")]["status"]) for m in words]
    statuses += [(m, "signed") for m in _HANDED.finditer(text, lookback, start)]
    if adjacent:
        word = _STATUS_OF[(_word(adjacent), "adjacent")]["status"]
        if word != "issued":
            statuses.append((adjacent, word))
        elif doc.kind in _ISSUED_KINDS:
            statuses.append((adjacent, "signed"))
    if not statuses:
        if planned_context and re.search(r"(?:là|kể đến là|nữa là)\s*$", text[lookback:start]):
            return "planned", reader.article.published
        return None, None
    statuses.sort(key=lambda s: s[0].start())
    # the status words coordinated with the nearest: "sớm ký, phê chuẩn Hiệp định X"
    group = [statuses[-1]]
    for m, word in reversed(statuses[:-1]):
        if not re.fullmatch(r"\s*(?:,|và|hoặc|hay)\s*", text[m.end():group[0][0].start()]):
            break
        group.insert(0, (m, word))
    group_start = group[0][0].start()
    kinds = {status for _, status in group}
    modality = None
    for m in _MODALITY.finditer(text, max(a, group_start - 40), group_start):
        if not any(m.start() < w.start() < group_start for w, _ in statuses if w.start() < group_start):
            # the nearest word decides, but signing to come inside a request is still asked
            # for: "đề nghị hai bên sớm ký X" is proposed ("đề nghị sớm ký, phê chuẩn X" is not:
            # a text put to ratification is settled, its signing planned)
            if not (modality == "proposal" and _MODALITY_OF[_word(m)] == "future" and "ratified" not in kinds):
                modality = _MODALITY_OF[_word(m)]
    nearest = statuses[-1][1]
    before_dates = [d for d in sent.dates if a <= d.start < group_start and free(d)]
    # (an anniversary right after the name, "ký Hiệp ước X (18/7/1977 - 18/7/2025)", from its first day)
    after_dates = [d for d in sent.dates if end <= d.start <= end + 25 and d.start < following and told_after
                   and (free(d) or d.anniversary and not any(s <= d.start < e for s, e in spans))]
    clause_dates = [d for d in sent.dates if a <= d.start and d.end <= b and free(d)]
    negotiated = any(status == "negotiating" for _, status in statuses)
    if nearest == "proposed":
        return "proposed", reader.date_iso(clause_dates[0].first) if clause_dates else None
    if nearest == "negotiating":
        return ("proposed" if modality == "proposal" else "negotiating"), None
    if nearest == "in force":
        return "in force", None
    if "signed" not in kinds:  # ratified: put to ratification, so signed before
        return "signed", None
    if modality == "proposal":
        return "proposed", None
    future = modality == "future" or (modality != "done" and reader.is_future(text[a:group_start]))
    if future:
        if negotiated:
            return "negotiating", None  # "kết thúc đàm phán và sớm ký X": still negotiating
        return "planned", reader.date_iso(after_dates[0].first) if after_dates else reader.article.published
    date = (after_dates[0] if after_dates else before_dates[-1] if before_dates
            else next((d for d in clause_dates if d.start >= end and d.start < following and told_after), None)
            or next((d for d in clause_dates if d.start >= end and told_after), None))
    if date is not None:
        return "signed", reader.date_iso(date.first)
    # "đã ký", "đã chứng kiến lễ ký", "Sau hội đàm, ... chứng kiến lễ ký": told as done, on
    # the day the article is telling of (:func:`_event_day`), or else on the day of the
    # meeting just told ("Hai Bộ trưởng đã ký ...") or of the talks the sentence follows
    after_talks = _AFTER_MEETING.match(text)
    told_done = (modality == "done" or _TOLD_DONE.search(text, a, group_start) or after_talks
                 or _TOLD_DONE.match(text, end + 1))
    if not told_done:
        return "signed", None
    held = [m for m in reader.meetings if m.sentence <= sent.position and m.date]
    just_told = [m.date for m in held if m.sentence >= sent.position - 1]
    talks = [m.date for m in held if m.sentence < sent.position and (
        after_talks and (after_talks.group(1) != "hội đàm" or m.kind == "talks"))]
    told = (talks if after_talks else []) or just_told
    # the day this sentence or the one before tells, else that of the talks it follows
    day = _event_day(reader, sent, visits=False) or (told[-1] if told else _event_day(reader, sent))
    return "signed", _to_the_day(reader, sent, day)


def _to_the_day(reader: _ArticleReader, sent: _Sent, when: str | None) -> str | None:
    """A month the article tells of as the last day it named in that month, if it named one
    ("Sáng 8/6, ... lễ đón. Ngay sau lễ đón, hai Bộ trưởng hội đàm ... Kết thúc hội đàm, ... ký")."""
    if when is None or _is_day(when):
        return when
    days = [iso for s in reader.sents[:sent.position + 1] for d in s.dates
            if not d.anniversary and (iso := reader.date_iso(d.first)) and _is_day(iso) and iso.startswith(when)]
    return days[-1] if days else when


_AFTER_MEETING = re.compile(r"\s*(?:Ngay )?(?:[Ss]au|[Kk]ết thúc) (?:khi )?(?:kết thúc )?(?:cuộc |buổi |các cuộc )?"
                            r"(hội đàm|hội kiến|gặp)\b")


def _event_day(reader: _ArticleReader, sent: _Sent, visits: bool = True) -> str | None:
    """The day an article is telling of: a day told in this sentence or the one before, or the
    day told last, if it is one of the days of a visit the article tells of ("Sáng 26/3, ... lễ
    đón ... Sau hội đàm, hai Thủ tướng chứng kiến lễ ký")."""
    for s in (sent, reader.sents[sent.position - 1] if sent.position else None):
        if s is None:
            continue
        days = [d for d in s.dates if not d.anniversary and d.first.day is not None and d.first.year]
        if days:
            return reader.date_iso(days[-1].first)
    if not visits:
        return None
    return next((day for v in reader.visits if (day := _day_told_within(reader, sent.position, v))), None)


def _document_parties(reader: _ArticleReader, sent: _Sent, doc: _Document) -> tuple[str, ...]:
    """The parties of a document: those its acronym stands for, else those its name names ("giữa
    Bộ Y tế Việt Nam và Bộ Y tế Cuba", "Việt Nam - EU", "với EU"; a ministry, a province or a city
    signs for its state), else those the clause names just before it ("Việt Nam và EU đã ký X"),
    else Viet Nam and the state the article is about."""
    if doc.acronym in _KNOWN:
        told = _KNOWN[doc.acronym]["parties"]
        return () if told == "-" else tuple(sorted(told.split()))
    parties: list[str] = [o.code for o in sent.orgs if doc.start <= o.start < doc.end + 10]
    parties += [s.code for s in [*sent.states, *sent.places] if doc.start <= s.start < doc.end]
    if re.search(r"liên minh này|tổ chức này", doc.name):
        before_orgs = [o for o in sent.orgs if o.start < doc.start]
        if before_orgs:
            parties.append(before_orgs[-1].code)
    if doc.kind == "convention" and len(set(parties)) < 2:
        return ()  # a convention open to every state is no bilateral document
    if not [p for p in parties if p != "VN"]:
        parties += _subject_parties(reader, sent, doc.start)
    parties = list(dict.fromkeys(parties))
    if not parties or (len(parties) == 1 and parties[0] != "VN"):
        parties.insert(0, "VN")
    if len(parties) == 1 and reader.foreign_state:
        parties.append(reader.foreign_state)
    return tuple(sorted(set(parties)))


def _party_at(sent: _Sent, pos: int) -> bool:
    """Whether a state or an organisation is named at ``pos``."""
    return any(m.start == pos for m in [*sent.states, *sent.orgs])


def _subject_parties(reader: _ArticleReader, sent: _Sent, pos: int) -> list[str]:
    """The states and organisations named together just before ``pos`` in its clause, as the
    ones who sign: "Việt Nam và Liên minh châu Âu (EU) ngày 12/4 đã ký ..."."""
    text = sent.text
    a, _ = reader.clause_bounds(sent, pos)
    named = sorted((m for m in [*sent.states, *sent.orgs, *sent.places] if a <= m.start and m.end <= pos),
                   key=lambda m: m.start)
    verb = _BEFORE.search(text, max(a, pos - 60), pos) or _ADJACENT.search(text, max(a, pos - 60), pos)
    anchor = verb.start() if verb else pos
    named = [m for m in named if m.end <= anchor]
    if not named or anchor - named[-1].end > 60 or re.search(r"[.;:]", text[named[-1].end:anchor]):
        return []
    group = [named[-1]]
    for m in reversed(named[:-1]):
        if m.end > group[0].start:
            continue  # one inside the other ("Liên minh châu Âu (EU)")
        if not re.fullmatch(r"[\s,()\-–]*(?:và|với|cùng)?[\s,()\-–]*", text[m.end:group[0].start]):
            break
        group.insert(0, m)
    return [m.code for m in group]


# ---------------------------------------------------------------- organisations, memberships

_ORG_HEAD = r"(?:Tổ chức|Liên minh|Hội đồng|Diễn đàn|Hiệp hội|Cơ quan|Ủy ban|Liên hợp|Quỹ|Ngân hàng|Hội nghị|Nhóm|Cộng đồng|Phong trào|Liên hiệp)"
_NEW_ORG = re.compile(rf"({_ORG_HEAD}[^()]{{3,90}}?)\s*\(([A-Z][A-Z0-9]{{1,9}})(?:-\d+)?\)")
_INTERNATIONAL = re.compile(r"quốc tế|thế giới|Liên hợp quốc|Liên Hiệp Quốc|châu Á|châu Âu|châu Phi|Á-Âu|khu vực|toàn cầu|Đông Nam Á|Thái Bình Dương", re.I)


# the General Assembly as the venue of a session ("Khóa họp thứ 80 Đại hội đồng LHQ", "bên lề
# Đại hội đồng LHQ") is an occasion, not a body (the Security Council, with its own members, is one)
_SESSION = re.compile(r"(?:[Kk]hóa|[Kk]hoá|[Kk]ỳ|[Pp]hiên) họp\b[^,;.]{0,30}$|\b(?:[Tt]uần lễ cấp cao|[Pp]hiên thảo luận chung)[^,;.]{0,20}$"
                      r"|\b(?:tại|bên lề|dự|tham dự)\s+$")


def extract_organisations(reader: _ArticleReader) -> None:
    # an agreement's acronym ("Liên minh châu Âu (EVFTA)" closing an agreement's name) is no body
    seen: set[str] = set(_KNOWN) | {m.group(1) for ag in reader.agreements
                                    if (m := re.search(r"\(([A-Z][A-Za-z0-9-]{1,11})\)$", ag.name))}
    for sent in reader.sents:
        for o in sent.orgs:
            if o.code == "UNGA" and _SESSION.search(sent.text, max(0, o.start - 50), o.start):
                continue  # "Khóa họp 80 Đại hội đồng Liên hợp quốc": where a session is held
            if o.code not in seen:
                seen.add(o.code)
                reader.organisations.append(Organisation(o.code, reader.gaz.org_labels.get(o.code, o.text), sent.position, True))
        for m in _NEW_ORG.finditer(sent.text):
            name, acronym = m.group(1).strip(), m.group(2)
            name = re.split(r"\b(?:vào|của|ở|tại|và)\s+(?=" + _ORG_HEAD + ")", name)[-1]
            if acronym in seen or acronym in reader.gaz.org_names:
                continue
            tail = sent.text[m.end():m.end() + 60]
            international = _INTERNATIONAL.search(name) or re.match(r"\s*thuộc\s", tail)
            if not international:
                continue
            seen.add(acronym)
            reader.organisations.append(Organisation(acronym, name, sent.position, False))


# "là thành viên (sáng lập | tích cực và có trách nhiệm) của": the qualifiers a word list holds
_MEMBER_QUALIFIER = r"(?:" + alternation("membership_qualifiers") + r")(?!\w)"
_MEMBER_OF = re.compile(r"là (?:một )?thành viên(?:(?:,| và)? " + _MEMBER_QUALIFIER + r"){0,3}(?: của| trong)?\s*")


def extract_memberships(reader: _ArticleReader) -> None:
    for sent in reader.sents:
        text = sent.text
        for m in _MEMBER_OF.finditer(text):
            after = [o for o in sent.orgs if m.end() <= o.start <= m.end() + 2]
            if after:  # "Kazakhstan là thành viên của EAEU"; "Việt Nam và Thái Lan đều là thành viên của ASEAN"
                states = [s for s in sent.states if s.end <= m.start()]
                if states:
                    subject = [states[-1]]
                    for s in reversed(states[:-1]):
                        if not re.fullmatch(r"\s*(?:,|và)\s*", text[s.end:subject[0].start]):
                            break
                        subject.insert(0, s)
                    # "Việt Nam và Thái Lan (đều) là thành viên": each; "Hợp tác giữa Việt Nam và
                    # Lào là thành viên": only the nearest, unless "đều" says each
                    lead = text[:subject[0].start]
                    opens = re.fullmatch(r"\s*(?:(?:[Cc]ả|[Hh]ai(?: nước)?)\s*)?", lead[max(lead.rfind(","), lead.rfind(";")) + 1:])
                    if len(subject) > 1 and not opens and not re.fullmatch(r"\s*(?:đều|cùng|cũng đều)\s*",
                                                                           text[subject[-1].end:m.start()]):
                        subject = subject[-1:]
                    for state in subject:
                        for org in _org_list(sent, after[0]):
                            reader.memberships.append(Membership(state.code, org.code, sent.position))
                continue
            orgs_before = [o for o in sent.orgs if o.end <= m.start()]
            if not orgs_before:
                continue
            org = orgs_before[-1]
            listing = text[org.end:m.start()]
            # "(EAEU), trong đó có Kyrgyzstan, Nga, Kazakhstan là thành viên" / "mà Kyrgyzstan là"
            if re.search(r"trong đó có|mà|gồm", listing):
                for s in sent.states:
                    if org.end <= s.start < m.start():
                        reader.memberships.append(Membership(s.code, org.code, sent.position))
        for m in re.finditer(r"(?:chính thức )?(?:gia nhập|trở thành (?:một trong (?:những|các) |một )?thành viên"
                             r"(?: chính thức| đầy đủ| thứ \d+| ban đầu| sáng lập)*(?: của)?)\s*", text):
            # "Việt Nam gia nhập Liên hợp quốc năm 1977": the state just before joins; "... thành
            # viên ban đầu của Diễn đàn khu vực ASEAN (ARF)": the one the acronym in brackets names
            after = [o for o in sent.orgs if m.end() <= o.start <= m.end() + 2] or [
                o for o in sent.orgs if m.end() < o.start <= m.end() + 60 and text[o.start - 1] == "("
                and re.fullmatch(rf"[{UPPER_CLASS}][^,;.()]*\(", text[m.end():o.start])]
            states = [s for s in sent.states if s.end <= m.start() and re.fullmatch(
                r"\s*(?:đã |chính thức |được )*", text[s.end:m.start()])]
            if after and states:
                reader.memberships.append(Membership(states[-1].code, after[0].code, sent.position))
        # "ASEAN kết nạp các nước Lào, Myanmar (năm 1997) và Campuchia": the states it admits
        for m in re.finditer(r"(?:đã |chính thức )*kết nạp (?:thêm )?(?:các )?", text):
            orgs = [o for o in sent.orgs if o.end <= m.start() and re.fullmatch(r"\s*", text[o.end:m.start()])]
            if not orgs:
                continue
            a, b = reader.clause_bounds(sent, m.start())
            for st in sent.states:
                if m.end() <= st.start < b and re.fullmatch(r"(?:\s*(?:,|và)?\s*(?:\([^()]{0,20}\))?)*",
                                                           text[max(m.end(), _end_before(sent, st.start)):st.start]):
                    reader.memberships.append(Membership(st.code, orgs[-1].code, sent.position))
        for m in re.finditer(r"(?:Với tư cách là )?(?:một )?thành viên (?:của|trong) ", text):
            orgs = [o for o in sent.orgs if m.end() <= o.start <= m.end() + 2]
            states = [s for s in sent.states if s.start > m.end()]
            if orgs and states and text.startswith(("Với tư cách", "Là thành viên")):
                reader.memberships.append(Membership(states[0].code, orgs[0].code, sent.position))


def _org_list(sent: _Sent, first: GazetteerMatch) -> list[GazetteerMatch]:
    """The organisation ``first`` and those listed after it ("của ASEAN, APEC và WTO")."""
    out = [first]
    for o in sorted(sent.orgs, key=lambda o: o.start):
        if o.start >= out[-1].end and re.fullmatch(r"\s*(?:,|và)\s*", sent.text[out[-1].end:o.start]):
            out.append(o)
    return out


def _end_before(sent: _Sent, pos: int) -> int:
    """Where the state named last before ``pos`` ends (0 if none is)."""
    return max([st.end for st in sent.states if st.end <= pos] + [0])


# ---------------------------------------------------------------- relations and trade

def _pair(reader: _ArticleReader, sent: _Sent, a: int = 0, b: int | None = None) -> tuple[str, str] | None:
    b = len(sent.text) if b is None else b
    states = [s.code for s in states_in(sent, a, b)]
    foreign = [s for s in dict.fromkeys(states) if s != "VN"]
    other = foreign[0] if foreign else reader.foreign_state
    if other is None or other == "VN":
        return None
    return ("VN", other)


# the phrases of relation_triggers.tsv, "quan hệ ngoại giao ... được thiết lập", and an anniversary
# told of the relations themselves: "kỷ niệm 30 năm quan hệ ngoại giao", "50 năm Ngày thiết lập ..."
# "kỷ niệm 50 năm thiết lập quan hệ ngoại giao", "tròn 30 năm Ngày hai nước thiết lập quan hệ
# ngoại giao", "nửa thế kỷ quan hệ ngoại giao" (anniversary_spans.tsv)
_YEARS_OF_RELATIONS = re.compile(
    _B + r"(?:(\d{1,3})\s+năm|(?i:(" + alternation("anniversary_spans") + r")))\s+(?:[Nn]gày\s+)?"
    r"(?:(?:(?!sau\s)[^\s,;.]+\s+){0,4}?(?:thiết lập|xác lập)\s+)?quan hệ ngoại giao")  # not "10 năm sau khi ..."
_RELATION = re.compile(_B + "(?i:" + alternation("relation_triggers") + ")" + _E
                       + r"|[Qq]uan hệ ngoại giao[^.;]{0,80}?được thiết lập|" + _YEARS_OF_RELATIONS.pattern)


def extract_relations(reader: _ArticleReader) -> None:
    told: list[tuple[Relation, bool]] = []  # each relation, and whether the text gives its date
    for sent in reader.sents:
        m = _RELATION.search(sent.text)
        if not m:
            continue
        anniversaries = [d for d in sent.dates if d.anniversary]
        years = _YEARS_OF_RELATIONS.search(sent.text)
        established: str | None
        if anniversaries:
            established = anniversaries[0].first.iso()
        elif years:  # an anniversary: the year the article celebrates it, less the years
            span = int(years.group(1)) if years.group(1) else int(table("anniversary_spans", "years")[
                " ".join(years.group(2).casefold().split())])
            established = _anniversary_origin(reader, sent, span)
        else:
            dated = [d for d in sent.dates if d.first.year is not None and d.last is None]
            established = min(dated, key=lambda d: abs(d.start - m.start())).first.iso() if dated else None
        pair = _pair(reader, sent)
        if pair:
            given = bool(established) and (bool(anniversaries) or not years)
            told.append((Relation(pair, established, sent.position), given))
    # an undated mention, or a year counted back from an anniversary, says nothing more where
    # the article gives the date of the relations of the pair
    dated_pairs = {r.states for r, given in told if given}
    reader.relations.extend(r for r, given in told if given or r.states not in dated_pairs)


def _anniversary_origin(reader: _ArticleReader, sent: _Sent, years: int) -> str | None:
    """The year relations began, of an anniversary of ``years`` years: counted back from the
    year the article was published, else from the latest year its sentence names."""
    if reader.published is not None and reader.published.year is not None:
        return str(reader.published.year - years)
    named = [d.first.year for d in sent.dates if d.first.year is not None and not d.anniversary]
    return str(max(named) - years) if named else None


def extract_trade(reader: _ArticleReader) -> None:
    for sent in reader.sents:
        text = sent.text
        if not TRADE_WORDS.search(text):
            continue
        amounts = find_money(text)
        for i, money in enumerate(amounts):
            if money.per_year:
                continue
            a, b = reader.clause_bounds(sent, money.start)
            if TRADE_TARGET.search(text, a, b):
                continue  # "phấn đấu nâng kim ngạch lên 20 tỷ USD": a target, not a figure (its clause only)
            words = list(MONEY_KIND.finditer(text, 0, money.start))
            if words:
                if words[-1].lastgroup != "trade":
                    continue
            elif not (_FRONTED_FIGURE.fullmatch(text, a, money.start)
                      and (later := MONEY_KIND.search(text, money.end)) and later.lastgroup == "trade"):
                continue  # no money word before: only a figure put first ("Đạt X USD, kim ngạch ...")
            lo = amounts[i - 1].end if i else 0
            lo = max(lo, a)
            # "đạt X USD (trong) năm 2023", "... trong 9 tháng đầu năm 2023"
            after = re.match(r"\s*,?\s*\(?\s*(?:trong\s+)?(?:(\d+)\s+tháng\s+(?:đầu\s+)?(?:của\s+)?)?năm\s+(\d{4}|nay|ngoái)\b",
                             text[money.end:])
            period = None
            if after:
                year = _year_of(reader, after.group(2))
                period = f"{after.group(1)} tháng đầu năm" if after.group(1) else None
            else:
                window = text[lo:money.start]
                partial = re.search(r"(\d+)\s+tháng\s+(?:đầu\s+)?(?:của\s+)?năm\s+(\d{4}|nay)", window)
                years = re.findall(r"[Nn]ăm\s+(\d{4}|ngoái)(?![\w])", window)
                if partial:
                    period = f"{partial.group(1)} tháng đầu năm"
                    year = _year_of(reader, partial.group(2))
                elif years:
                    year = _year_of(reader, years[-1])
                else:
                    continue
            if not year:
                continue
            pair = _pair(reader, sent)
            if pair:
                reader.trade.append(Trade(pair, year, money.usd, sent.position, period, money.qualifier))


def _year_of(reader: _ArticleReader, word: str) -> str | None:
    """"2023"; "nay", the year of publication; "ngoái", the year before it."""
    if word.isdigit():
        return word
    if reader.published is None or reader.published.year is None:
        return None
    return str(reader.published.year - (1 if word == "ngoái" else 0))


# ---------------------------------------------------------------- assembling

def _people(reader: _ArticleReader) -> tuple[Person, ...]:
    used = set()
    for v in reader.visits:
        used.update({v.guest, v.invited_by})
    for mt in reader.meetings:
        used.update(mt.participants)
    out = []
    for key, entry in reader.registry.people.items():
        state = reader.state_of(key)
        if state is None and not reader.serves_an_organisation(key):
            continue  # nobody knows whom they serve: not enough to be a person of the graph
        if not entry["titles"] and key not in used:
            continue
        out.append(Person(
            name=key, spellings=tuple(entry["spellings"]), titles=_distinct_titles(entry["titles"], reader.gaz), state=state,
            vietnamese_name=entry["vietnamese"], sentence=entry["sentence"],
        ))
    return tuple(out)


def _distinct_titles(titles: list[str], gazetteer: Gazetteer) -> tuple[str, ...]:
    """Titles minus those another one already says ("Thủ tướng" beside "Thủ tướng Kyrgyzstan",
    a title cut short at the end of an excerpt beside the whole), and one of each that say the
    same ("Thủ tướng Lào" after "Thủ tướng Chính phủ nước Cộng hòa Dân chủ Nhân dân Lào")."""
    def plain(t: str) -> str:
        # "Chủ tịch nước" beside "Chủ tịch nước Trung Quốc" says no more than it; nor does
        # "Ban chấp hành" beside "Ban Chấp hành"
        return re.sub(r"\b(?:Cộng hòa|nước|CH)(?:\s+|$)", "", t).strip().casefold()

    def meaning(t: str) -> str:
        for st in reversed(gazetteer.states(t)):  # a state by its code, however it is named
            t = t[:st.start] + st.code + t[st.end:]
        return plain(re.sub(r"\bThủ tướng Chính phủ\b", "Thủ tướng", t))

    def says_less(t: str, o: str) -> bool:
        return (plain(t) != plain(o) and plain(t) in plain(o)) or (t != o and o.startswith(t))
    kept = [t for t in titles if not any(says_less(t, o) for o in titles)]
    first: dict[str, str] = {}  # of those that say the same, the one told first
    for t in kept:
        first.setdefault(meaning(t), t)
    return tuple(first.values())


def extract_article(article: Article, gazetteer: Gazetteer) -> ArticleFacts:
    """Every fact one article tells."""
    reader = _ArticleReader(article, gazetteer)
    reader.read_mentions()
    extract_visits(reader)
    extract_meetings(reader)
    place_events(reader)
    extract_agreements(reader)
    extract_organisations(reader)
    extract_memberships(reader)
    extract_relations(reader)
    extract_trade(reader)
    states = sorted({s.code for sent in reader.sents for s in sent.states})
    # the day of the news, which an upgrade agreed at the talks it tells of takes
    met_on = sorted((m.sentence, m.date) for m in reader.meetings if m.date and len(m.date) == 10)
    partnerships = extract_partnerships(reader.sents, reader.published, reader.foreign_state,
                                        met_on[0][1] if met_on else None)
    return ArticleFacts(
        article=article,
        people=_people(reader),
        visits=tuple(reader.visits),
        meetings=tuple(reader.meetings),
        agreements=tuple(reader.agreements),
        organisations=tuple(reader.organisations),
        memberships=tuple(dict.fromkeys(reader.memberships)),
        relations=tuple(reader.relations),
        trade=tuple(reader.trade),
        partnerships=tuple(partnerships),
        states=tuple(states),
    )


def fold_key(name: str) -> str:
    return " ".join(sorted(fold(name).split()))


# ---------------------------------------------------------------- where, and on what occasion

# "bên lề Hội nghị Cấp cao ASEAN lần thứ 43", "nhân dịp dự Tuần lễ Cấp cao APEC": a frame of
# kg/data/lexicon/occasion_frames.tsv, then the name, opening with a head of occasion_heads.tsv
_OCCASION = re.compile(_B + r"(?i:" + alternation("occasion_frames") + r")\s+"
                       r"(?:(?i:các\s+hoạt\s+động|chuyến công tác)\s+)?(?:(?i:tham\s+)?dự\s+)?(?:và\s+\S+\s+)?"
                       r"(?P<name>(?i:" + alternation("occasion_heads") + r")" + _E + r")")
# where an occasion's name ends: a mark, a place or a time, another clause
_OCCASION_END = re.compile(r"\s*[,;.:()\"“”]|\s+(?:tại|ở|từ|vào|diễn ra|do|với|khi|hôm|ngày|sáng|chiều|tối|trưa"
                           r"|và|đã|sẽ|đang|nhằm|theo|cùng|trong|sau|trước|lần này|vừa qua|là)" + _E + r"|\s*$")
# "tại", "ở" before the place an event is held at; "đến", "tới" too for a visit's
_AT = re.compile(_B + r"(?:tại|ở)\s+")
_TO = re.compile(_B + r"(?:tại|ở|đến|tới)\s+")
_CITY_PREFIX = re.compile(r"^(?:thủ đô|thành phố|TP\.?|Thủ đô|Thành phố)\s*")
_REMOTE = ("message", "phone call", "video call")


def _occasion(sent: _Sent) -> tuple[str, str | None] | None:
    """The multilateral occasion a sentence names after its frame, and the acronym of the
    organisation or series it belongs to where the reference data knows it."""
    for m in _OCCASION.finditer(sent.text):
        start = m.start("name")
        stop = min([start + 120] + [p.title_start for p in sent.people if p.title_start > m.end("name")])
        end = _OCCASION_END.search(sent.text, m.end("name"), stop)
        name = sent.text[start:end.start() if end else stop].strip()
        orgs = [g for g in sent.orgs if start <= g.start < start + len(name)]
        if len(name) <= m.end("name") - start and not orgs:
            continue  # "dự Hội nghị" alone: no occasion named
        series = max(orgs, key=lambda g: (g.end - g.start, -g.start)).code if orgs else None
        return " ".join(name.split()), series
    return None


def _venue_after(sent: _Sent, at: int, in_state: str | None) -> tuple[str | None, str] | None:
    """The city (or seat) and state of the place named at ``at``: a city of the gazetteer (its
    state's name may follow, "tại Jakarta, Indonesia"), a seat or venue of
    kg/data/lexicon/visit_venues.tsv ("Phủ Chủ tịch"), or a state alone (no city)."""
    here = [g for g in sent.places + sent.states if g.start == at]
    if here:
        g = max(here, key=lambda g: g.end)
        if in_state is not None and g.code != in_state:
            return None
        return (_CITY_PREFIX.sub("", g.text) if g.kind == "place" else None), g.code
    head = _VENUE_HEADS.match(sent.text, at)
    if head is None:
        return None
    if _VENUE_KINDS[" ".join(head.group(1).split()).casefold()] != "seat":
        return None
    # the seat's whole name ("trụ sở Bộ Quốc phòng"), up to a mark, a place or a clause; a state
    # named in it is its state ("trụ sở Bộ Ngoại giao Nga")
    end = _OCCASION_END.search(sent.text, head.end(), min(len(sent.text), head.end() + 60))
    stop = end.start() if end else head.end()
    named = [g for g in sent.states + sent.places if at <= g.start < stop]
    state = max(named, key=lambda g: g.start).code if named else \
        _VENUE_STATES[" ".join(head.group(1).split()).casefold()]
    if in_state not in (None, state):
        return None
    return " ".join(sent.text[at:stop].split()), state


def _venue(sent: _Sent, host: str | None) -> tuple[str | None, str] | None:
    """Where a sentence places its event: the first place named after "tại" or "ở" (for a
    visit, also "đến", "tới", and only a place in the host state), not a place in another's
    phrase (an envoy's post, a community abroad) nor in a title."""
    found: tuple[str | None, str] | None = None
    for m in (_TO if host else _AT).finditer(sent.text):
        if _NOT_A_VENUE.search(sent.text, max(0, m.start() - 40), m.start()) or any(
                p.title_start <= m.start() < p.start for p in sent.people):
            continue
        where = _venue_after(sent, m.end(), host)
        if where is None:
            continue
        if where[0] is not None:
            return where
        found = found or where  # a state alone: a city named later says more
    return found


def place_events(reader: _ArticleReader) -> None:
    """Each meeting and visit with where its sentence places it (city or seat, and state) and
    the multilateral occasion it names; a call or a message is held nowhere."""
    for i, m in enumerate(reader.meetings):
        if m.kind in _REMOTE:
            continue
        sent = reader.sents[m.sentence]
        venue, occasion = _venue(sent, None), _occasion(sent)
        if venue is None and not _AT_A_DISTANCE.search(sent.text):
            # held during a visit of one of its two: in the state visited
            visit = next((v for v in reader.visits if v.guest in m.participants and v.start and m.date
                          and v.status != "invited" and (v.status, m.status) != ("planned", "completed")
                          and v.start <= m.date <= (v.end or v.start)), None)
            venue = (None, visit.host_state) if visit else None
        reader.meetings[i] = replace(m, venue=venue[0] if venue else None, venue_state=venue[1] if venue else None,
                                     occasion=occasion[0] if occasion else None,
                                     occasion_series=occasion[1] if occasion else None)
    guests: dict[int, set[str]] = {}
    hosts: dict[int, set[str]] = {}
    for v in reader.visits:
        guests.setdefault(v.sentence, set()).add(v.guest)
        hosts.setdefault(v.sentence, set()).add(v.host_state)
    for i, v in enumerate(reader.visits):
        if v.status == "invited" or len(guests[v.sentence]) > 1:
            continue  # a list of visits ("các chuyến thăm của: A (2019), B dự Hội nghị X (2020)")
        sent = reader.sents[v.sentence]
        venue, occasion = _venue(sent, v.host_state), _occasion(sent)
        if len(hosts[v.sentence]) > 1 and venue is None:
            occasion = None  # "dự Hội nghị X tại Lima, rồi thăm Venezuela": the occasion is in one of them
        reader.visits[i] = replace(v, venue=venue[0] if venue else None, venue_state=venue[1] if venue else None,
                                   occasion=occasion[0] if occasion else None,
                                   occasion_series=occasion[1] if occasion else None)
