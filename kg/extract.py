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
* agreements: Hiệp định, Nghị định thư, Bản ghi nhớ, Ý định thư, Biên bản, Kế hoạch, thỏa thuận
  về ..., with their status (ký, lễ trao văn kiện, lễ trao Thỏa thuận X, có hiệu lực, đàm phán, dự thảo, dự kiến ký); "Hiệp định" alone
  is the one just named; the documents of a ceremony listed one a line after it ("Các văn
  kiện gồm:") take its status and day;
* diplomatic relations ("thiết lập quan hệ ngoại giao" with its date), memberships
  ("là thành viên" of one organisation or a list, "gia nhập", "trở thành thành viên thứ 7 của", "ASEAN kết nạp Lào"), organisations, and yearly trade figures ("kim ngạch ... đạt X
  USD năm Y"; a part of a year, "9 tháng đầu năm", is kept apart).

Announced events ("dự kiến", "sẽ", "sắp tới", an invitation) are planned or invited, never done.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .dates import DateMention, PartialDate, find_dates, parse_iso, shift_days
from .gazetteer import Gazetteer, GazetteerMatch
from .lexicon import alternation, alternation_where, lexicon, table
from .model import (
    Agreement,
    ArticleFacts,
    Meeting,
    Membership,
    Organisation,
    Person,
    Relation,
    Trade,
    Visit,
)
from .money import find_money
from .names import ROLE_ONLY_HEADS, PersonMention, RoleMention, find_people
from .reader import UPPER_CLASS, Article
from .resolve_names import same_person
from .vocab import fold

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
MEETING_TRIGGERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_B + r"(?:hội đàm|trao đổi|điện đàm|họp|gặp|hội nghị) trực tuyến" + _E, re.I), "video call"),
    (re.compile(_B + r"(?:điện đàm|gọi điện|(?:trao đổi|nói chuyện|hội đàm)(?: qua)? điện thoại)" + _E, re.I), "phone call"),
    (re.compile(_B + r"(?:gửi (?:điện|thư)(?: chúc mừng| mừng| chia buồn| thăm hỏi)?|điện mừng|thư chúc mừng)" + _E, re.I), "message"),
    (re.compile(_B + r"hội đàm" + _E, re.I), "talks"),
    (re.compile(_B + r"hội kiến" + _E, re.I), "meeting"),
    (re.compile(_B + r"(?:chào xã giao|thăm xã giao)" + _E, re.I), "courtesy meeting"),
    # "chào Tổng Bí thư X": a courtesy call ("lời chào", "chào mừng", "chào đón" are not)
    (re.compile(_B + r"(?<!lời )[Cc]hào(?= (?:Tổng|Chủ tịch|Thủ tướng|Phó|Bộ trưởng|Quốc vương|Nhà vua|Hoàng"
                r"|Đại sứ|lãnh đạo|[Ôô]ng|[Bb]à|Ngài)\b)" + _E), "courtesy meeting"),
    (re.compile(_B + r"tham vấn" + _E, re.I), "consultation"),
    # presenting credentials to a head of state or of parliament is received in audience
    (re.compile(_B + r"trình (?:Quốc thư|quốc thư|Thư ủy nhiệm|thư ủy nhiệm|Ủy nhiệm thư|bản sao Thư ủy nhiệm)" + _E), "reception"),
    (re.compile(_B + r"làm việc với" + _E), "meeting"),
    # "A và B đã có cuộc họp thường niên": the two leaders' own meeting (not a press conference)
    (re.compile(_B + r"có cuộc họp(?! báo)" + _E), "meeting"),
    (re.compile(r"(?<!trực )(?<!đón )(?<!kế )(?<!liên )(?<!tiếp )" + _B + r"tiếp"
                r"(?! tục| xúc| nhận| cận| theo| đón| thu| sức| tế| diễn| quản| giáp| nối| viện| tay| thị| xuc| cứu)" + _E), "reception"),
    (re.compile(_B + r"(?:gặp gỡ|gặp mặt|gặp)(?! khó| nhau| phải| trở| sự cố| nhiều)" + _E, re.I), "meeting"),
]
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
AGREEMENT_HEADS: list[tuple[str, str]] = [
    ("Hiệp định Thương mại tự do", "FTA"), ("Hiệp định thương mại tự do", "FTA"),
    ("Hiệp định Thương mại Tự do", "FTA"), ("Hiệp định FTA", "FTA"), ("Hiệp định", "agreement"),
    ("Hiệp ước", "treaty"), ("Công ước", "treaty"), ("Nghị định thư", "protocol"),
    ("Biên bản ghi nhớ", "memorandum"), ("Bản ghi nhớ", "memorandum"), ("Kế hoạch", "plan"),
    ("Chương trình Hành động", "plan"), ("Chương trình hành động", "plan"),
    ("Thỏa thuận", "agreement"), ("thỏa thuận", "agreement"), ("Tuyên bố chung", "joint statement"),
    ("hiệp định", "agreement"), ("Ý định thư", "memorandum"),
    ("Biên bản", "agreement"),  # "Biên bản kỳ họp lần thứ 46 Ủy ban liên Chính phủ", signed minutes
]
_AGREEMENT_RE = re.compile(
    _B + "(" + "|".join(re.escape(h) for h, _ in sorted(AGREEMENT_HEADS, key=lambda x: -len(x[0]))) + ")" + _E
)
_AGREEMENT_KIND = dict(AGREEMENT_HEADS)
_NAME_END = re.compile(
    r"\s*(?:[,;:.!?…]|\((?!FTA\)|EAEU\)\s+giữa)|\s(?:vào|ngày|có hiệu lực|chính thức có|mà|tại|trong đó|đã|được|"
    r"để trao đổi|và (?:các|những)|với thời hạn|cho phép)(?=[\s,.;])"
    r"|\svà\s(?=(?:Bản ghi nhớ|Biên bản|Hiệp định|Nghị định thư|Kế hoạch|Chương trình|Thỏa thuận|Tuyên bố|Hiệp ước|Công ước|Ý định thư)\b))"
)
TRADE_WORDS = re.compile(r"kim ngạch|thương mại|xuất nhập khẩu|trao đổi thương mại|buôn bán", re.I)
# The nearest money word before an amount says what it counts: two-way trade, or something else
# (exports alone, investment, aid, GDP), which is not a trade figure.
MONEY_KIND = re.compile(
    r"(?P<trade>kim ngạch|thương mại|xuất nhập khẩu|trao đổi|buôn bán)"
    r"|(?P<other>xuất khẩu|nhập khẩu|vốn|đầu tư|FDI|ODA|viện trợ|GDP|tài trợ|cho vay|khoản vay|doanh thu)",
    re.I,
)
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


@dataclass
class _Registry:
    """The people of one article, one entry per person however often and however spelled."""

    people: dict[str, dict] = field(default_factory=dict)

    def add(self, m: PersonMention, position: int) -> str:
        key = self.find(m.name, None if m.assumed_state else m.state)
        if key is None:
            key = m.name
            self.people[key] = {
                "spellings": [m.name], "titles": [], "states": Counter(), "assumed": Counter(),
                "vietnamese": m.vietnamese_name, "sentence": position, "count": 0,
            }
        entry = self.people[key]
        # the fullest spelling names the entry
        if len(m.name.split()) > len(key.split()) and not re.match(r"^[A-ZĐ]\.", m.name):
            self.people[m.name] = self.people.pop(key)
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

    def find(self, name: str, state: str | None = None) -> str | None:
        for key, entry in self.people.items():
            states = set(entry["states"])
            if state and states and state not in states:
                continue
            if any(same_person(name, s) for s in entry["spellings"]):
                return key
        return None

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
            in_orgs = [(o.start, o.end) for o in sent.orgs]
            for st in sent.states:
                if st.code != "VN" and not any(a <= st.start < b for a, b in in_orgs):
                    counts[st.code] += 1
        self.foreign_state = counts.most_common(1)[0][0] if counts else None
        for rounds in range(2):
            known = {sp for e in self.registry.people.values() for sp in e["spellings"]}
            for sent in self.sents:
                people, roles = find_people(sent.text, self.gaz, known if rounds else None)
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
_VISIT_KINDS = [(re.compile(_B + r"\s+".join(map(re.escape, e.phrase.split())) + _E, re.I), e["kind"])
                for e in lexicon("visit_kinds") if e.phrase != "thăm"]


def _visit_kind(text: str) -> str:
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
        status = "planned" if reader.is_future(sent.text[person.end:m.end()]) else "completed"
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
            status = "planned" if reader.is_future(sent.text[a:max(trigger.end(), venue.end())]) else "completed"
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
_TRIP = r"chuyến (?:thăm|công tác)"


def _trip_undone(verb: str, tail: str, passive: str) -> re.Pattern[str]:
    """"VERB (TAIL) chuyến thăm" or "chuyến thăm ... PASSIVE VERB"."""
    return re.compile(rf"(?<![\w]){verb}(?: {tail})? {_TRIP}|{_TRIP}[^,;]{{0,80}}?\b{passive} {verb}(?![\w])")


_CALLED_OFF = _trip_undone("(?:hủy|huỷ)", "bỏ", "bị")
_PUT_OFF = _trip_undone("(?:hoãn|lùi|dời)", "lại", "(?:bị|được)")


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
    status = "completed"
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
    kind: str


def _triggers(text: str) -> list[_Trigger]:
    found: list[_Trigger] = []
    for pattern, kind in MEETING_TRIGGERS:
        for m in pattern.finditer(text):
            if any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            found.append(_Trigger(m.start(), m.end(), kind))
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
            definite = bool(DEFINITE_FRAME.search(prefix))
            # "Tại cuộc gặp với Thủ tướng Ấn Độ X, Y đề nghị ...": the meeting named by whom it
            # was with, which may be one not told of before
            named = definite and _WITH_WHOM.match(text, trig.end) is not None
            if definite and not named and any(mt.kind == trig.kind for mt in reader.meetings):
                continue
            if re.search(r"\bgồm\b", text[trig.end:obj_end]) and obj_end == b:
                obj_end = len(text)  # "tiếp đoàn ... gồm bà A, ...; ông B, ...": the list runs on
            objects = [m for m in _people_between(sent, trig.end, obj_end)]
            giua = re.match(r"\s*(?:chính thức\s+)?giữa\s", text[trig.end:])
            first_trigger = next(t for t in triggers if t.start >= a)
            subjects = _subjects(sent, a, first_trigger.start)
            carried = False
            if subjects:
                actors, actors_ahead = subjects, reader.is_future(text[a:trig.end])
            elif a > 0 and actors and re.fullmatch(
                    r"\s*(?:(?:và|rồi|sau đó|cũng|đã|sẽ|có|tiến hành|các|một|cuộc|buổi)\s+)*", text[a:trig.start]):
                subjects, carried = actors, True  # a clause that opens with its verb goes on with the same actor
            if giua:
                subjects, objects = [], objects
            pairs = _pairs(subjects, objects)
            if definite and not pairs:
                if any(mt.kind == trig.kind for mt in reader.meetings):
                    continue
                who = [m for m in sent.people if m.start > trig.end]
                if who:
                    other = _counterpart(reader, sent, who[0])
                    if other:
                        pairs = [(who[0].key, other)]
            if not pairs and len(subjects) == 1 and not giua:
                others = {m.key for m in _people_between(sent, a, b)} - {subjects[0].key}
                if len(others) == 1:
                    pairs = [(subjects[0].key, others.pop())]
            # "các chuyến thăm, gặp gỡ cấp cao ...", "các cuộc gặp": meetings told in the plural
            # are none between the two people the sentence happens to name
            plural = re.search(r"(?<![\w])(?:các|những)\s+(?:cuộc\s+|buổi\s+|chuyến thăm,\s*)?$", prefix)
            if not pairs and not subjects and not giua and not plural and len({m.key for m in sent.people}) == 2:
                keys = list(dict.fromkeys(m.key for m in sent.people))
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
            status = "completed"
            # "đã có cuộc điện đàm": told as done, whatever day the page gives for its publication
            done = re.search(r"(?<![\w])(?:đã|vừa)(?![\w])(?:\s+\w+){0,3}\s*$", text[a:trig.start])
            if reader.is_future(text[a:trig.end]) or (reader.after_publication(date) and not done) \
                    or (carried and actors_ahead):
                status = "planned"
            for p, q in pairs:
                if p == q:
                    continue
                reader.meetings.append(Meeting((p, q), trig.kind, status, date, sent.position))
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
_ATTENDING = re.compile(r"(?:[Tt]ham dự|[Cc]ùng dự|[Dd]ự)\s+(?:các\s+)?(?:buổi|cuộc)\s+$")
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
    before = [m for m in _people_between(sent, a, t) if not _in_of_phrase(sent.text, m)]
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


def _pairs(subjects: list[_Mention], objects: list[_Mention]) -> list[tuple[str, str]]:
    subj = list(dict.fromkeys(m.key for m in subjects))
    obj = [k for k in dict.fromkeys(m.key for m in objects) if k not in subj]
    if subj and obj:
        if len(subj) == len(obj) > 1:  # "A và B gửi điện tới C và D": A to C, B to D
            return list(zip(subj, obj))
        return [(s, o) for s in subj for o in obj]
    if len(subj) >= 2 and not obj:
        return [(subj[0], s) for s in subj[1:]]
    if len(obj) >= 2 and not subj:
        return [(obj[0], o) for o in obj[1:]]
    return []


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
    if re.search(r"(?:cùng ngày|Cùng ngày|cùng buổi|Cùng buổi)", sent.text[:b]):
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

# "lễ ký các văn kiện", "Lễ trao 14 văn kiện hợp tác": documents told of as a whole, and then,
# perhaps, one by one, a sentence (a line of a list) each
_DOCUMENTS = re.compile(r"\b(?:các|những|\d+)\s+(?:văn kiện|thỏa thuận|văn bản)\b")
_DOCUMENTS_LISTED = re.compile(r"^\s*(?:Các|Những)\s+(?:văn kiện|thỏa thuận|văn bản)\b[^.]{0,60}(?:gồm|là)\s*:\s*$")


def extract_agreements(reader: _ArticleReader) -> None:
    planned_context = False
    documents: tuple[str, str | None] | None = None  # the status and date of documents told of
    for sent in reader.sents:
        text = sent.text
        if re.search(r"(?:sẽ|dự kiến)[^.]{0,40}ký kết", text):
            planned_context = True
        listed: tuple[int, str, str | None] | None = None  # the item before: (its end, status, date)
        # the documents of the sentence before go on into a list: its items each open a sentence
        item = documents if documents and _AGREEMENT_RE.match(text) else None
        if item is None and not _DOCUMENTS_LISTED.match(text):
            documents = None
            told = _DOCUMENTS.search(text)
            if told and not _AGREEMENT_RE.search(text, told.end()):
                # (from the end of the words: "trao" is a status word only before "các văn kiện")
                status, date = _agreement_status(reader, sent, told.end(), told.end(), planned_context)
                documents = (status, date) if status is not None else None
        for m in _AGREEMENT_RE.finditer(text):
            head = m.group(1)
            pre = text[max(0, m.start() - 12):m.start()]
            if re.search(r"(?:các|những|\d+)\s*$", pre):
                continue
            if head[0].islower() and not re.match(r"\s+về\s", text[m.end():]) and not re.search(r"\blà\s*$", pre):
                continue
            name, name_end = _agreement_name(text, m.start(), m.end())
            # "Hiệp định có hiệu lực ...", "Bản ghi nhớ này ...": the one of that kind just named
            antecedent = None
            if re.fullmatch(rf"{re.escape(head)}(?:\s+(?:này|trên|nói trên|đó))?", name, re.I):
                antecedent = next((ag for ag in reversed(reader.agreements)
                                   if ag.name.lower().startswith(head.lower())), None)
                if antecedent is None:
                    continue  # named nowhere: which one cannot be told
            elif len(name.split()) < 2 or (head.lower() == "kế hoạch" and len(name.split()) < 3):
                continue
            status, date = _agreement_status(reader, sent, m.start(), name_end, planned_context)
            if status is None and listed and re.fullmatch(r"\s*(?:[;,]|và)\s*(?:và\s+)?", text[listed[0]:m.start()]):
                # the next item of a list ("lễ ký các văn kiện, gồm: Hiệp định A; Bản ghi nhớ B")
                status, date = listed[1], listed[2]
            if status is None and item is not None and m.start() == 0:
                status, date = item  # a line of the list of documents told of before
            if status is None:
                continue
            listed = (name_end, status, date)
            kind = _AGREEMENT_KIND[head]
            if kind == "agreement" and re.search(r"thương mại tự do|\bFTA\b", name, re.I):
                kind = "FTA"
            parties = _parties(reader, sent, text, name, m.start(), name_end)
            if antecedent is not None:
                name, kind, parties = antecedent.name, antecedent.kind, antecedent.parties
            if len(parties) < 2:
                continue
            if status == "in force":
                # "X được ký năm 2016 và có hiệu lực từ năm 2017": signed, then in force
                signed = re.match(r"\s*(?:(?:đã )?được |đã )?ký(?: kết)?\b([^;]{0,40}?)\s+và\s+(?:chính thức\s+)?có hiệu lực",
                                  text[name_end:])
                if signed:
                    when = [d for d in sent.dates if name_end <= d.start < name_end + signed.end(1) and not d.anniversary]
                    reader.agreements.append(Agreement(name, kind, parties, "signed",
                                                       reader.date_iso(when[0].first) if when else None, sent.position))
            reader.agreements.append(Agreement(name, kind, parties, status, date, sent.position))


_CLOSING_QUOTE = re.compile(r"[\"”]")


# "ký Hiệp định X năm 2008": when it was signed. A plan's year is its own ("Kế hoạch hành động
# năm 2025"), so a plan's name runs on over it.
_DATE_AFTER_NAME = re.compile(r"\s(?:vào )?(?:năm|tháng) \d")
_PLAN_HEADS = re.compile(r"(?:Kế hoạch|Chương trình)", re.I)


# The most words a document's name runs to where nothing ends it sooner: a memorandum between two
# ministries named in full ("Bản ghi nhớ về hợp tác kinh tế số giữa Bộ Công Thương Việt Nam và Bộ
# Thương mại và Công nghiệp Singapore") takes 23.
_NAME_WORDS = 40


def _agreement_name(text: str, start: int, head_end: int) -> tuple[str, int]:
    rest = text[head_end:]
    stop = _NAME_END.search(rest)
    end = head_end + (stop.start() if stop else len(rest))
    dated = _DATE_AFTER_NAME.search(text, head_end, end)
    if dated and not _PLAN_HEADS.match(text, start):
        end = dated.start()
    # a name is complete once it gives its period: "... giai đoạn 2026-2030"
    period = re.search(r"giai đoạn \d{4}\s*[-–]\s*\d{4}", text[start:end])
    if period:
        end = start + period.end()
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


_STATUS_WORDS = re.compile(
    r"(?P<proposed>dự thảo)|(?P<negotiating>đàm phán)|(?P<adopt>(?:sớm|sẽ|dự kiến)(?: chính thức)? thông qua)"
    r"|(?P<issued>\b(?:ra|công bố|thông qua|ra bản)\s*$)"
    r"|(?P<future>sẽ ký|dự kiến ký|sẽ được ký|sớm ký)|(?P<toward>tiến tới ký(?: kết)?)"
    r"|(?P<signed>(?<!thư )(?<!đăng )\bký(?: kết)?(?: chính thức)?"
    # "lễ trao (đổi) các văn kiện": documents signed, handed over at the ceremony
    r"|\btrao(?: đổi)?(?= (?:các |những |\d+ )?(?:văn kiện|"
    + "|".join(re.escape(h) for h, _ in AGREEMENT_HEADS) + r")))"
)


def _agreement_status(reader: _ArticleReader, sent: _Sent, start: int, end: int,
                      planned_context: bool) -> tuple[str | None, str | None]:
    """The status an agreement is said to have, from the nearest status words of its clause."""
    text = sent.text
    a, b = reader.clause_bounds(sent, start)
    after = text[end:min(b, end + 160)]
    in_force = re.match(r"[^;]*?(?:chính thức\s+)?có hiệu lực(?:\s+từ)?\s*", after)
    if in_force and _AGREEMENT_RE.search(after[:in_force.end()]):
        in_force = None
    if in_force:
        dates = [d for d in sent.dates if d.start >= end + in_force.end() - 2 and not d.anniversary]
        return "in force", reader.date_iso(dates[0].first) if dates else None
    after_dates = [d for d in sent.dates if end <= d.start <= end + 25 and not d.anniversary]
    clause_dates = reader.dates_in(sent, a, b)
    lookback = max(a, start - 250)
    words = list(_STATUS_WORDS.finditer(text, lookback, start))
    before = text[lookback:start]
    # "lễ trao Thỏa thuận X": "trao" is a status word by what follows it, past ``start``
    handed = re.search(r"\btrao(?: đổi)?\s+$", before)
    if handed and (word := _STATUS_WORDS.match(text, lookback + handed.start())) is not None:
        words = [w for w in words if w.start() < word.start()] + [word]
    if re.match(r"\s*(?:và các [^.;]{0,30})?đã (?:được )?ký", text[end:b]):
        date = after_dates[0] if after_dates else None
        return "signed", reader.date_iso(date.first if date else None)
    if not words:
        if planned_context and re.search(r"(?:là|kể đến là|nữa là)\s*$", before):
            return "planned", reader.article.published
        return None, None
    last = words[-1]
    kind = last.lastgroup
    if kind == "proposed":
        date = clause_dates[0] if clause_dates else None
        return "proposed", reader.date_iso(date.first if date else None)
    if kind == "negotiating" or (kind == "toward" and any(w.lastgroup == "negotiating" for w in words)):
        return "negotiating", None
    if kind == "adopt":
        return "planned", None
    if kind == "issued" and last.end() >= start - 1:
        if reader.is_future(text[a:start]):
            return "planned", reader.article.published
        return "signed", reader.date_iso(clause_dates[-1].first) if clause_dates else _event_day(reader, sent)
    if kind in ("future", "toward") and any(w.lastgroup == "negotiating" for w in words):
        return "negotiating", None  # "kết thúc đàm phán và sớm ký X": still negotiating
    if kind in ("future", "toward"):
        date = after_dates[0] if after_dates else None
        return "planned", reader.date_iso(date.first) if date else reader.article.published
    if kind == "signed":
        if reader.is_future(text[a:start]):
            return "planned", reader.article.published
        date = after_dates[0] if after_dates else (clause_dates[-1] if clause_dates else None)
        if date is not None:
            return "signed", reader.date_iso(date.first)
        # "đã ký", "đã chứng kiến lễ ký", "Sau hội đàm, ... chứng kiến lễ ký": told as done, on
        # the day the article is telling of (:func:`_event_day`), or else on the day of the
        # meeting just told ("Hai Bộ trưởng đã ký ...") or of the talks the sentence follows
        after_talks = _AFTER_MEETING.match(text)
        told_done = (re.search(r"\bđã\b(?:\s+\w+){0,3}\s*$", text[max(a, last.start() - 30):last.start()])
                     or re.search(r"\bchứng kiến\s+(?:lễ\s+)?$", text[a:last.start()]) or after_talks)
        if not told_done:
            return "signed", None
        held = [m for m in reader.meetings if m.sentence <= sent.position and m.date]
        just_told = [m.date for m in held if m.sentence >= sent.position - 1]
        talks = [m.date for m in held if m.sentence < sent.position and (
            after_talks and (after_talks.group(1) != "hội đàm" or m.kind == "talks"))]
        return "signed", _event_day(reader, sent) or (just_told or talks or [None])[-1]
    return None, None


_AFTER_MEETING = re.compile(r"\s*(?:Ngay )?[Ss]au (?:khi )?(?:kết thúc )?(?:cuộc |buổi |các cuộc )?(hội đàm|hội kiến|gặp)\b")


def _event_day(reader: _ArticleReader, sent: _Sent) -> str | None:
    """The day an article is telling of: a day told in this sentence or the one before, or the
    day told last, if it is one of the days of a visit the article tells of ("Sáng 26/3, ... lễ
    đón ... Sau hội đàm, hai Thủ tướng chứng kiến lễ ký")."""
    for s in (sent, reader.sents[sent.position - 1] if sent.position else None):
        if s is None:
            continue
        days = [d for d in s.dates if not d.anniversary and d.first.day is not None and d.first.year]
        if days:
            return reader.date_iso(days[-1].first)
    return next((day for v in reader.visits if (day := _day_told_within(reader, sent.position, v))), None)


def _parties(reader: _ArticleReader, sent: _Sent, text: str, name: str, start: int, end: int) -> tuple[str, ...]:
    parties: list[str] = []
    span_end = end + 10
    for o in sent.orgs:
        if start <= o.start < span_end:
            parties.append(o.code)
    for s in sent.states:
        if start <= s.start < end:
            parties.append(s.code)
    if re.search(r"liên minh này|tổ chức này", name):
        before_orgs = [o for o in sent.orgs if o.start < start]
        if before_orgs:
            parties.append(before_orgs[-1].code)
    parties = list(dict.fromkeys(parties))
    if not parties or (len(parties) == 1 and parties[0] != "VN"):
        parties.insert(0, "VN")
    if len(parties) == 1 and reader.foreign_state:
        parties.append(reader.foreign_state)
    return tuple(sorted(set(parties)))


# ---------------------------------------------------------------- organisations, memberships

_ORG_HEAD = r"(?:Tổ chức|Liên minh|Hội đồng|Diễn đàn|Hiệp hội|Cơ quan|Ủy ban|Liên hợp|Quỹ|Ngân hàng|Hội nghị|Nhóm|Cộng đồng|Phong trào|Liên hiệp)"
_NEW_ORG = re.compile(rf"({_ORG_HEAD}[^()]{{3,90}}?)\s*\(([A-Z][A-Z0-9]{{1,9}})(?:-\d+)?\)")
_INTERNATIONAL = re.compile(r"quốc tế|thế giới|Liên hợp quốc|Liên Hiệp Quốc|châu Á|châu Âu|châu Phi|Á-Âu|khu vực|toàn cầu|Đông Nam Á|Thái Bình Dương", re.I)


def extract_organisations(reader: _ArticleReader) -> None:
    seen: set[str] = set()
    for sent in reader.sents:
        for o in sent.orgs:
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


def extract_memberships(reader: _ArticleReader) -> None:
    for sent in reader.sents:
        text = sent.text
        for m in re.finditer(r"là (?:một )?thành viên(?: của| trong)?\s*", text):
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
    in_orgs = [(o.start, o.end) for o in sent.orgs]
    states = [s.code for s in sent.states if a <= s.start < b and not any(x <= s.start < y for x, y in in_orgs)]
    foreign = [s for s in dict.fromkeys(states) if s != "VN"]
    other = foreign[0] if foreign else reader.foreign_state
    if other is None or other == "VN":
        return None
    return ("VN", other)


def extract_relations(reader: _ArticleReader) -> None:
    for sent in reader.sents:
        m = re.search(r"(?:thiết lập|lập) quan hệ ngoại giao|[Qq]uan hệ ngoại giao[^.;]{0,40}?được thiết lập",
                      sent.text)
        if not m:
            continue
        anniversaries = [d for d in sent.dates if d.anniversary]
        if anniversaries:
            established = anniversaries[0].first.iso()
        else:
            if re.search(r"kỷ niệm\s+\d+\s+năm", sent.text):
                continue
            dated = [d for d in sent.dates if d.first.year is not None and d.last is None]
            if not dated:
                continue
            established = min(dated, key=lambda d: abs(d.start - m.start())).first.iso()
        pair = _pair(reader, sent)
        if pair and established:
            reader.relations.append(Relation(pair, established, sent.position))


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
            if not words or words[-1].lastgroup != "trade":
                continue
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
    extract_agreements(reader)
    extract_organisations(reader)
    extract_memberships(reader)
    extract_relations(reader)
    extract_trade(reader)
    states = sorted({s.code for sent in reader.sents for s in sent.states})
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
        states=tuple(states),
    )


def fold_key(name: str) -> str:
    return " ".join(sorted(fold(name).split()))
