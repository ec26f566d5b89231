"""Reading dates in Vietnamese news text.

Single days ("ngày 4/6/1992", "chiều 9/2", "Ngày 22-1", "ngày 5.11"), ranges ("từ ngày 20 đến
22/8", "11-13/6/2023", "6 và 7/3/2025", "từ ngày 2 đến 4-10", "từ ngày 5 đến ngày 6 tháng 11 năm 2015"), months ("tháng 3/2009", "tháng 6"),
years ("năm 2022", "(năm 2020)", "Năm 1959") and anniversary spans ("(4/6/1992-4/6/2022)",
"(1992-2022)"), and days told from the day of publication ("hôm qua", "ngày mai"). A date without a year takes it from the context the caller gives
(:func:`PartialDate.with_year`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class PartialDate:
    """A date at the precision the text gives: a year, a month or a day."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def iso(self) -> str | None:
        if self.year is None:
            if self.month and self.day:
                return f"--{self.month:02d}-{self.day:02d}"
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def with_year(self, year: int | None) -> PartialDate:
        if self.year is not None or year is None:
            return self
        return replace(self, year=year)

    def is_valid(self) -> bool:
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is not None:
            try:
                dt.date(self.year or 2000, self.month or 1, self.day)
            except ValueError:
                return False
        return self.year is None or 1800 <= self.year <= 2100


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    first: PartialDate
    last: PartialDate | None = None  # the end of a range
    anniversary: bool = False  # "(4/6/1992-4/6/2022)": first is the origin, last today
    this_year: bool = False  # "năm nay", "cuối năm nay": the year the article was published
    # "hôm nay" (0), "hôm qua" (-1), "ngày mai" (1): days from the day the article was published
    relative: int | None = None
    years_ago: int = 0  # "năm ngoái": this_year, a year before

    def resolved(self, year: int | None) -> DateMention:
        """Fill a missing year; a range's first day takes the year of its last."""
        last = self.last.with_year(year) if self.last else None
        first_year = last.year if last and last.year is not None else year
        return replace(self, first=self.first.with_year(first_year), last=last)


_DAYPART = r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|qua|mai|Ngày|Sáng|Chiều|Tối|Trưa|Đêm)"
_D = r"(\d{1,2})"
_M = r"(\d{1,2})"
_Y = r"(\d{4})"

# "từ ngày 20 đến (ngày) ", "ngày 6 và ": the first day of a range, before its last
_RANGE_FROM = rf"(?:(?:từ\s+)?(?:các\s+)?ngày\s+)?{_D}\s+(?:đến|tới|và|-)\s+(?:ngày\s+)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # (4/6/1992-4/6/2022), (01/9/1991 - 01/9/2024), (21.9.1973 - 21.9.2023), (21-8-1973 – 21-8-2013)
    ("anniv_dmy", re.compile(rf"\(\s*{_D}([/.-]){_M}\2{_Y}\s*[-–]\s*{_D}([/.-]){_M}\6{_Y}\s*\)")),
    # (1992-2022)
    ("anniv_y", re.compile(rf"\(\s*{_Y}\s*[-–]\s*{_Y}\s*\)")),
    # từ ngày 30/9 đến 1/10/2024 ; 28/2-2/3/2025 ; từ 31/12/2024 đến 2/1/2025 (across months)
    (
        "range_months",
        re.compile(
            rf"(?<![\d/]){_D}/{_M}(?:/{_Y})?\s*(?:đến|tới|-|–)\s*(?:ngày\s+)?{_D}/{_M}(?:/{_Y})?(?![\d/])"
        ),
    ),
    # từ ngày 28 tháng 2 đến ngày 3 tháng 3 năm 2026 (across months, in words)
    (
        "range_months",
        re.compile(
            rf"[Nn]gày\s+{_D}\s+tháng\s+{_M}(?:\s+năm\s+{_Y})?\s+(?:đến|tới|-|–)\s+(?:ngày\s+)?"
            rf"{_D}\s+tháng\s+{_M}(?:\s+năm\s+{_Y})?(?!\d)"
        ),
    ),
    # từ ngày 20 đến ngày 21/7/2023 ; từ ngày 2 đến 4-10 ; ngày 6 và 7/3/2025 ; 13 và 14/09
    ("range_words", re.compile(rf"{_RANGE_FROM}{_D}\s*[/-]\s*{_M}(?:\s*/\s*{_Y})?(?!\d)")),
    # từ ngày 05 đến ngày 06 tháng 11 năm 2015 ; ngày 6 và 7 tháng 3
    ("range_words", re.compile(rf"{_RANGE_FROM}{_D}\s+tháng\s+{_M}(?:\s+năm\s+{_Y})?(?!\d)")),
    # ngày 15 tháng 3 năm 2024 ; ngày 2 tháng 9
    ("day_words", re.compile(rf"[Nn]gày\s+{_D}\s+tháng\s+{_M}(?:\s+năm\s+{_Y})?(?!\d)")),
    # 11-13/6/2023 ; 20-22/8 ; 18-22/8
    ("range_dash", re.compile(rf"(?<![\d/]){_D}\s*[-–]\s*{_D}/{_M}(?:/{_Y})?(?![\d/])")),
    # "từ ngày 5-8-11-2007": a stretch of days with its month and year in dashes, after "ngày"
    ("range_dash", re.compile(rf"(?<=ngày )\s*{_D}\s*[-–]\s*{_D}-{_M}-{_Y}(?![\d-])")),
    # 4/6/1992 ; 17/2/2025 ; 12/6
    ("day_slash", re.compile(rf"(?<![\d/-]){_D}/{_M}(?:/{_Y})?(?![\d/])")),
    # chiều ngày 5.11 ; ngày 5.11.2015 ; Chiều 10.1 (after a day word only: "5.11" may be a number)
    ("day_dot", re.compile(rf"(?<![\w]){_DAYPART}\s+(?:ngày\s+)?{_D}\.{_M}(?:\.{_Y})?(?!\d)(?![.,]\d)")),
    # ngày 22-1 ; chiều 26-11 ; "Sáng nay, 12-11" ; 30-9 after a day word
    ("day_dash", re.compile(rf"{_DAYPART}\s+(?:qua\s+|nay,?\s+)?{_D}-{_M}(?:-{_Y})?(?![\d-])")),
    # tháng 3/2009 ; tháng 10 / 2011 ; tháng 5-2022 ; tháng 6
    ("month", re.compile(rf"[Tt]háng\s+{_M}(?:\s*[/-]\s*{_Y}|\s+năm\s+{_Y})?(?![\d/])")),
    # "Tổng Bí thư X (10/2024)": a month and year in brackets after a name, in a list of visits
    ("month", re.compile(rf"(?<=\()\s*{_M}\s*/\s*{_Y}()(?=\s*\))")),
    # năm nay ; cuối năm nay ; năm ngoái (the year is the publication's, or the one before, filled in later)
    ("this_year", re.compile(r"(?<![\w])[Nn]ăm (nay|ngoái)(?![\w])")),
    # hôm nay ; tối qua ; ngày mai ; sáng nay (a day told after it, "ngày mai 12/6", is that day)
    ("relative", re.compile(
        r"(?<![\w])(?:ngày\s+)?(?:hôm|sáng|chiều tối|chiều|tối|trưa|đêm|ngày)\s+(nay|qua|mai)(?![\w])"
        r"(?!\s*[(,]?\s*(?:ngày\s+)?\d)", re.I)),
    # năm 2022 ; Năm 1959 ; (2011)
    ("year", re.compile(rf"(?:[Nn]ăm\s+){_Y}(?![\d/-])")),
    # "Tổng thống X (2009)": a year alone in brackets after a name, in a list of visits
    ("year", re.compile(rf"(?<=\()\s*{_Y}(?=\s*\))")),
]


# A day that names a holiday ("Quốc khánh 2/9", "Chiến thắng 30/4") is no date of the news.
_HOLIDAY = re.compile(r"(?:Quốc khánh|Chiến thắng|Giải phóng(?: hoàn toàn)?(?: miền Nam)?|Thống nhất đất nước)\s*$", re.I)


def find_dates(text: str) -> list[DateMention]:
    """Every date expression of a sentence, left to right, without overlaps."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if _HOLIDAY.search(text[max(0, m.start() - 40):m.start()]):
                taken.append((m.start(), m.end()))
                continue
            mention = _to_mention(kind, m)
            if mention is None:
                continue
            found.append(mention)
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _num(value: str | None) -> int | None:
    return int(value) if value else None


def _to_mention(kind: str, m: re.Match[str]) -> DateMention | None:
    g = m.groups()
    if kind == "anniv_dmy":  # day, separator, month, year; the same again
        first = PartialDate(int(g[3]), int(g[2]), int(g[0]))
        last = PartialDate(int(g[7]), int(g[6]), int(g[4]))
        mention = DateMention(m.start(), m.end(), first, last, anniversary=True)
    elif kind == "anniv_y":
        y1, y2 = int(g[0]), int(g[1])
        if not 0 < y2 - y1 <= 100:
            return None
        mention = DateMention(m.start(), m.end(), PartialDate(y1), PartialDate(y2), anniversary=True)
    elif kind == "range_months":
        d1, m1, d2, m2 = int(g[0]), int(g[1]), int(g[3]), int(g[4])
        first_year, last_year = _num(g[2]), _num(g[5])
        if first_year is None and last_year is not None:
            first_year = last_year - 1 if m1 > m2 else last_year  # 30/12 đến 2/1/2025: from 2024
        if first_year is not None and last_year is not None:
            if (first_year, m1, d1) >= (last_year, m2, d2) or last_year - first_year > 1:
                return None  # backwards, or "4/6/1992-4/6/2022": two dates, not one event's days
        elif (m1, d1) >= (m2, d2):
            return None  # "12/6 - 4/6": two dates
        mention = DateMention(m.start(), m.end(), PartialDate(first_year, m1, d1), PartialDate(last_year, m2, d2))
    elif kind in ("range_words", "range_dash"):
        d1, d2, month, year = int(g[0]), int(g[1]), int(g[2]), _num(g[3])
        if d1 >= d2:
            return None
        mention = DateMention(
            m.start(), m.end(), PartialDate(year, month, d1), PartialDate(year, month, d2)
        )
    elif kind in ("day_slash", "day_dash", "day_words", "day_dot"):
        mention = DateMention(m.start(), m.end(), PartialDate(_num(g[2]), int(g[1]), int(g[0])))
    elif kind == "relative":
        words = m.group(0).lower().split()
        if words[-2:] == ["ngày", "nay"] or words[-2:] == ["ngày", "qua"]:
            return None  # "ngày nay": nowadays; "ngày qua": the days past
        offset = {"nay": 0, "qua": -1, "mai": 1}[g[0]]
        mention = DateMention(m.start(), m.end(), PartialDate(), relative=offset)
    elif kind == "this_year":
        mention = DateMention(m.start(), m.end(), PartialDate(), this_year=True, years_ago=int(g[0] == "ngoái"))
    elif kind == "month":
        year = _num(g[1]) or _num(g[2])
        mention = DateMention(m.start(), m.end(), PartialDate(year, int(g[0])))
    else:
        mention = DateMention(m.start(), m.end(), PartialDate(int(g[0])))
    dates = [mention.first] + ([mention.last] if mention.last else [])
    return mention if all(d.is_valid() for d in dates) else None


def parse_iso(value: str | None) -> PartialDate | None:
    """"2023-08" -> PartialDate(2023, 8); None or garbage -> None."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        return None
    date = PartialDate(int(m.group(1)), _num(m.group(2)), _num(m.group(3)))
    return date if date.is_valid() else None


def compatible(a: str | None, b: str | None) -> bool:
    """Two ISO dates that can name the same time: one is a prefix of the other."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def more_precise(a: str | None, b: str | None) -> str | None:
    if not a:
        return b
    if not b:
        return a
    return a if len(a) >= len(b) else b


def shift_days(date: PartialDate, days: int) -> PartialDate:
    if date.year is None or date.month is None or date.day is None:
        return date
    moved = dt.date(date.year, date.month, date.day) + dt.timedelta(days=days)
    return PartialDate(moved.year, moved.month, moved.day)
