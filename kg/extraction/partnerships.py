"""Partnerships: the framework two states have set up between them, read from an article's
sentences (with the states and dates the extractor found in each), as
:class:`~kg.model.Partnership` values.

A framework is named by a phrase of ``kg/data/lexicon/partnership_frameworks.tsv``
("Đối tác chiến lược toàn diện", "quan hệ đặc biệt"); the words of its clause before it
(``partnership_cues.tsv``) say what the sentence tells of it:

* "nâng cấp quan hệ Việt Nam - X lên Đối tác toàn diện": ``established``, on the date the
  clause gives, else on the day of the news (the article's first dated meeting, else its date);
* "kể từ khi hai nước nâng cấp quan hệ lên ...": ``established`` before, dated by the text only;
* "đề nghị nâng cấp quan hệ lên ...", "nhất trí xem xét nâng cấp ...": ``proposed``;
* "quan hệ Đối tác chiến lược Việt Nam - X", "kỷ niệm 10 năm xác lập quan hệ Đối tác ...":
  ``existing``.

The states are those named after the framework ("Việt Nam - X", "giữa Việt Nam với A, B và C"),
else before it in the sentence, else in the sentences just before, else the article's foreign
state. "nâng cấp từ quan hệ A (được thiết lập năm 2001) lên B": A is the framework before the
step, existing (or established on the date its own words give).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from ..reading.dates import DateMention, PartialDate
from ..reading.gazetteer import GazetteerMatch
from ..reading.lexicon import alternation, alternation_where, lexicon, table
from .model import Partnership, PartnershipStatus

_B = r"(?<![\w])"
_E = r"(?![\w])"
# the step a clause tells: the strongest wins when one article tells a framework twice
_RANK = {"existing": 0, "proposed": 1, "established": 2}
# what may stand between a step and the framework it leads to, the states named there blanked:
# "nâng cấp quan hệ [Việt Nam - Hà Lan] lên", "thiết lập khuôn khổ quan hệ", "ký Tuyên bố chung về"
# (not "thiết lập quan hệ ngoại giao năm 1992 và hiện là ...": that step was another fact's)
_STEP_TO_FRAMEWORK = re.compile(
    r"[\s“”\"'‘’()–—-]*(?:(?:quan hệ|khuôn khổ|hai nước|song phương|hữu nghị|truyền thống|hợp tác|giữa|với|và"
    r"|từ|lên|mức|thành|chính thức|việc|về|tầm|mối|hai bên|Việt)[\s“”\"'‘’()–—-]+)*", re.I)
# "từ quan hệ A ... lên B": A is the framework the two had before the step
_FORMER = re.compile(r"(?:^|\s)từ\s+(?:quan hệ\s+|mức\s+|khuôn khổ\s+)?$", re.I)
# what may stand between the states named after a framework: "Việt Nam - X", "giữa Việt Nam với
# A, B và C", "của hai nước Việt Nam và X"
_STATE_GAP = re.compile(r"[\s,–—-]*(?:(?:giữa|của|với|và|là|hai nước|nước)[\s,–—-]+)*", re.I)
# frameworks told of in general, of no one pair: "các Đối tác chiến lược", "với 18 nước"
_GENERIC_BEFORE = re.compile(r"(?<![\w])(?:các|những|\d+)\s+(?:quan hệ\s+)?$", re.I)
_GENERIC_AFTER = re.compile(r"\s*(?:với\s+)?(?:\d+|các|nhiều|những|một số)\s+(?:nước|quốc gia|đối tác|thành viên)", re.I)
_CLAUSE_END = re.compile(r"[,;:]")
# what may stand between a framework (and its states) and its date: "vào", "từ", "hồi", a dash
_DATE_GAP = re.compile(r"[\s()–—-]*(?:(?:vào|từ|hồi|trong|cuối|đầu|giữa)[\s()–—-]+)*", re.I)


class SentenceView(Protocol):
    """What the reader knows of a sentence: its text, position, states, organisations and dates."""

    @property
    def position(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def states(self) -> list[GazetteerMatch]: ...
    @property
    def orgs(self) -> list[GazetteerMatch]: ...
    @property
    def dates(self) -> list[DateMention]: ...


@cache
def _framework_re() -> re.Pattern[str]:
    return re.compile(_B + "(" + alternation("partnership_frameworks") + ")" + _E, re.I)


@cache
def _cue_re() -> re.Pattern[str]:
    return re.compile(_B + "(" + alternation("partnership_cues") + ")" + _E, re.I)


@cache
def _set_up_after_re() -> re.Pattern[str]:
    """A step told after a framework, in its next few words: "(Việt Nam - X) được thiết lập"."""
    steps = alternation_where("partnership_cues", "cue", "established")
    return re.compile(r"\s*(?:[^\s,;.]+\s+){0,6}?(?:đã\s+)?(được\s+)?(?:chính thức\s+)?(?:" + steps + ")" + _E, re.I)


@cache
def _future_re() -> re.Pattern[str]:
    return re.compile(_B + "(" + alternation_where("tense_markers", "tense", "future") + ")" + _E, re.I)


@cache
def _frameworks() -> dict[str, tuple[str, str]]:
    """Each phrase (folded, single spaces) -> (English framework, Vietnamese name)."""
    return {e.phrase.casefold(): (e["framework"], e.phrase[:1].upper() + e.phrase[1:]) for e in lexicon("partnership_frameworks")}


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def extract_partnerships(sentences: Sequence[SentenceView], published: PartialDate | None,
                         foreign_state: str | None, news_day: str | None = None) -> list[Partnership]:
    """The partnerships an article tells of, one for each framework, pair of states and
    sentence, minus those a stronger status of the same framework and pair outweighs
    (an upgrade told as done makes "the two are partners" of it say nothing more)."""
    day = news_day or (published.iso() if published else None)
    found: list[Partnership] = []
    for i, sent in enumerate(sentences):
        for p in _read_sentence(sent, sentences[max(0, i - 3):i], day, foreign_state):
            found.append(p)
    best: dict[tuple[tuple[str, str], str], int] = {}
    for p in found:
        key = (p.states, p.framework)
        best[key] = max(best.get(key, 0), _RANK[p.status])
    return [p for p in found if _RANK[p.status] == best[(p.states, p.framework)]]


def _read_sentence(sent: SentenceView, before: Sequence[SentenceView], day: str | None,
                   foreign_state: str | None) -> list[Partnership]:
    text = sent.text
    mentions = list(_framework_re().finditer(text))
    out: list[Partnership] = []
    previous_end = 0
    own_date: dict[int, str | None] = {}
    step: tuple[PartnershipStatus, bool] | None = None  # the step of "nâng cấp từ A lên B", which B takes
    for n, m in enumerate(mentions):
        framework, name = _frameworks()[_key(m.group(1))]
        clause_start = max([previous_end] + [c.end() for c in _CLAUSE_END.finditer(text, 0, m.start())])
        window = text[clause_start:m.start()]
        status, dated_here = _status(_blank_states(sent, clause_start, m.start()))
        if step is not None and status == "existing" and re.search(r"\blên\s+(?:mức\s+|thành\s+)?$", window):
            status, dated_here = step
        step = None
        next_start = mentions[n + 1].start() if n + 1 < len(mentions) else len(text)
        passive = _set_up_after_re().match(text, m.end(), next_start)
        if status == "existing" and passive and passive.group(1) and not _cue_re().search(window):
            # "quan hệ Đối tác chiến lược Việt Nam - X được thiết lập năm 2016"
            status, dated_here = "established", False
            own_date[n] = _date_between(sent, passive.end(), min(_clause_end(text, passive.end()), next_start))
        if _FORMER.search(window):
            # "nâng cấp từ quan hệ A được thiết lập từ năm 2001 lên B"
            step = (status, dated_here)
            status, dated_here = "existing", False
            after = text[m.end():next_start]
            if _set_up_after_re().match(after):
                status = "established"
                own_date[n] = _date_between(sent, m.end(), next_start)
        if status == "established" and dated_here and _future_re().search(text, m.end(), min(_clause_end(text, m.end()), next_start)):
            status = "proposed"  # "nâng cấp quan hệ lên Đối tác toàn diện trong thời gian tới"
        date: str | None = None
        if status == "established":
            if n in own_date:
                date = own_date[n]
            else:
                first_cue = clause_start + _first_cue(window)
                date = _date_of(sent, m.end(), next_start, previous_end, first_cue)
                if date is None and dated_here:
                    date = day
        for pair in _pairs(sent, m.start(), m.end(), next_start, before, foreign_state):
            out.append(Partnership(pair, framework, name, status, date, sent.position))
        previous_end = m.end()
        if n in own_date:  # the words after the former framework, to its date, are its own
            setup = _set_up_after_re().match(text[m.end():next_start])
            own = [d.end for d in sent.dates if m.end() <= d.start and d.end <= next_start and _usable(d)]
            previous_end = own[0] if own else m.end() + (setup.end() if setup else 0)
    return out


def _blank_states(sent: SentenceView, a: int, b: int) -> str:
    """The text from ``a`` to ``b`` with the states named in it blanked out (as many spaces)."""
    chars = list(sent.text[a:b])
    for st in sent.states:
        if a <= st.start and st.end <= b:
            chars[st.start - a:st.end - a] = " " * (st.end - st.start)
    return "".join(chars)


def _clause_end(text: str, pos: int) -> int:
    return next((c.start() for c in _CLAUSE_END.finditer(text, pos)), len(text))


def _status(window: str) -> tuple[PartnershipStatus, bool]:
    """The status the words before a framework give, and whether a step told as done then
    takes the day of the news (not one told as a past step, "kể từ khi")."""
    cues = [(c.start(), c.end(), table("partnership_cues", "cue")[_key(c.group(1))]) for c in _cue_re().finditer(window)]
    steps = [c for c in cues if c[2] == "established"]
    if not steps or not _STEP_TO_FRAMEWORK.fullmatch(window, steps[-1][1]):
        return "existing", False
    step = steps[-1]
    earlier = {kind for start, _end, kind in cues if start < step[0]}
    if cues[-1][2] == "existing" or "existing" in earlier:
        return "existing", False
    if "proposed" in earlier:
        return "proposed", False
    return "established", "past" not in earlier


def _first_cue(window: str) -> int:
    m = _cue_re().search(window)
    return m.start() if m else len(window)


def _usable(d: DateMention) -> bool:
    return not d.anniversary and d.last is None and d.first.year is not None and d.relative is None


def _date_between(sent: SentenceView, a: int, b: int) -> str | None:
    dates = [d for d in sent.dates if a <= d.start and d.end <= b and _usable(d)]
    return dates[0].first.iso() if dates else None


def _date_right_after(sent: SentenceView, end: int, b: int) -> str | None:
    """A date told just after a framework ("lên Đối tác toàn diện (vào) năm 2018"), with at
    most the states and a preposition between."""
    for d in sent.dates:
        if end <= d.start and d.end <= b and _usable(d):
            gap = sent.text[end:d.start]
            for st in sorted(states_in(sent, end, d.start), key=lambda s: -s.start):
                gap = gap[:st.start - end] + gap[st.end - end:]
            return d.first.iso() if _DATE_GAP.fullmatch(gap) else None
    return None


def _date_of(sent: SentenceView, end: int, next_start: int, previous_end: int, first_cue: int) -> str | None:
    """The date of a step: the first after the framework in its clause ("lên Đối tác toàn diện
    vào năm 2018"), else the last before the clause's first cue ("Năm 2010, hai nước ký ...")."""
    after = _date_right_after(sent, end, min(_clause_end(sent.text, end), next_start))
    if after:
        return after
    before = [d for d in sent.dates if previous_end <= d.start and d.end <= first_cue and _usable(d)]
    return before[-1].first.iso() if before else None


def states_in(sent: SentenceView, a: int, b: int) -> list[GazetteerMatch]:
    """The states a sentence names between ``a`` and ``b``, but for those inside an
    organisation's name ("Liên minh Kinh tế Á-Âu", "Hiệp hội các quốc gia Đông Nam Á")."""
    in_orgs = [(o.start, o.end) for o in sent.orgs]
    return [s for s in sent.states if a <= s.start < b and not any(x <= s.start < y for x, y in in_orgs)]


def _pairs(sent: SentenceView, start: int, end: int, next_start: int, before: Sequence[SentenceView],
           foreign_state: str | None) -> list[tuple[str, str]]:
    text = sent.text
    named: list[str] = []
    pos = end
    dashed = False  # "Nga - Trung Quốc": the two named are the pair
    for st in sorted(states_in(sent, end, next_start), key=lambda s: s.start):
        gap = text[pos:st.start]
        if _STATE_GAP.fullmatch(gap) is None:
            break
        dashed = dashed or (len(named) == 1 and re.fullmatch(r"\s*[–—-]\s*", gap) is not None)
        named.append(st.code)
        pos = st.end
    named = list(dict.fromkeys(named))
    if not [c for c in named if c != "VN"]:
        if _GENERIC_BEFORE.search(text, 0, start) or _GENERIC_AFTER.match(text, end):
            return []  # "Việt Nam có quan hệ Đối tác chiến lược với 18 nước": no pair named
        if any(_STATE_GAP.fullmatch(text[pos:o.start]) for o in sent.orgs if o.start >= pos):
            return []  # "quan hệ Đối tác toàn diện Việt Nam - EU": not between two states
    if len(named) == 2 and dashed and "VN" not in named:
        return [_ordered(named[0], named[1])]
    others = [c for c in named if c != "VN"]
    if not others:
        earlier = [s.code for s in states_in(sent, 0, start) if s.code != "VN"]
        others = earlier[-1:]
    if not others:
        for prior in reversed(before):
            codes = [s.code for s in states_in(prior, 0, len(prior.text)) if s.code != "VN"]
            if codes:
                others = codes[-1:]
                break
    if not others and foreign_state and foreign_state != "VN":
        others = [foreign_state]
    return [("VN", c) for c in others]


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)
