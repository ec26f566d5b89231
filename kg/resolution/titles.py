"""When a title held, as the sentence that gives it tells: a sentence in the present gives the
title as of the article's date; "nguyên" (former), "cố" (late) and "quyền" (acting) before
the title say what it was; a title told in a dated past ("Tổng thống X (tháng 10/2011)" in a
list of past visits, "khi đó là", "lúc bấy giờ") held at the time the text gives, or at no
known time, and never as of the article's date.

A title and a sentence in; a :class:`TitleTime` out. Nothing here reads the article again:
the sentence is the one extraction gave the person's title from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..reading.dates import find_dates

# The word before a title that says what the title was (a former minister is "nguyên Bộ
# trưởng", a dead leader "cố Chủ tịch", one standing in "quyền Thủ tướng").
QUALIFIERS = {"nguyên": "former", "cố": "late", "quyền": "acting"}
# Words that put the title in the past of the sentence: "ông X, khi đó là Thủ tướng".
_THEN = re.compile(r"\b(?:khi đó|lúc đó|khi ấy|lúc ấy|lúc bấy giờ|thời điểm đó|thời điểm ấy|hồi đó)\b", re.I)
# A date in brackets right after the name: "Tổng thống X (tháng 10/2011)".
_BRACKET = re.compile(r"^\s*\(([^()]{1,40})\)")


@dataclass(frozen=True)
class TitleTime:
    status: str  # "current", "former", "late", "acting", or "past" (told of a dated past)
    held: str | None  # when it held, at the text's precision (ISO); None where the text says not


def title_time(sentence: str, title: str, names: tuple[str, ...], published: str | None) -> TitleTime:
    """When ``title`` held for the person named (by one of ``names``) in ``sentence``."""
    at = sentence.casefold().find(title.casefold()) if title else -1
    before = sentence[:at].split()[-1:] if at > 0 else []
    qualifier = QUALIFIERS.get(before[0].casefold()) if before else None
    first_word = title.split()[0].casefold() if title.split() else ""
    qualifier = qualifier or QUALIFIERS.get(first_word)
    past = _told_then(sentence, names)
    if qualifier in ("former", "late"):
        return TitleTime(qualifier, past)
    if past is not None or _THEN.search(sentence[max(0, at - 40):at + len(title)] if at >= 0 else ""):
        return TitleTime("past", past)
    return TitleTime(qualifier or "current", published)


def _told_then(sentence: str, names: tuple[str, ...]) -> str | None:
    """The date in brackets right after the name, if any: "X (tháng 10/2011)" -> "2011-10"."""
    for name in sorted(names, key=len, reverse=True):
        at = sentence.find(name)
        if at < 0:
            continue
        if m := _BRACKET.match(sentence[at + len(name):]):
            return _bracket_date(m.group(1))
        return None
    return None


@lru_cache(maxsize=1 << 12)  # a corpus brackets the same few things after names, many times
def _bracket_date(text: str) -> str | None:
    """The dated past a bracket gives, if it gives one: "tháng 10/2011" -> "2011-10"."""
    for date in find_dates(text):
        if date.first.year is not None and not date.relative and not date.this_year:
            return date.first.iso()
    return None
