"""When two spellings name the same person.

"Abakirov Meder" = "Meder Abakirov" = "Abakirov Mede" = "Abakirov"; "K. Tokayev" =
"Kassym-Jomart Tokayev"; "Kasimalyev" ~ "Kasymaliev". Two Vietnamese names must be equal
(after removing diacritics' case), so "Nguyễn Tấn Dũng" never merges with "Nguyễn Việt Dũng".
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from ..vocab import fold


@lru_cache(maxsize=1 << 16)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(fold(name.replace("-", " ")).split())


@lru_cache(maxsize=1 << 16)
def _looks_vietnamese(name: str) -> bool:
    from .names import SURNAMES
    from .syllables import is_vietnamese_syllable

    words = name.split()
    return len(words) >= 2 and words[0] in SURNAMES and all(is_vietnamese_syllable(w) for w in words)


# The answers worked out, by pair: resolving a corpus asks the same pairs again and again (a
# person named in 100 articles is compared with the spellings of every article), and a rebuild
# asks those of the build before, which keeps them (kg.resolve.remembered).
SAME: dict[tuple[str, str], bool] = {}


def same_person(a: str, b: str) -> bool:
    """True when spellings ``a`` and ``b`` name one person (within a shared context)."""
    found = SAME.get((a, b))
    if found is None:
        found = SAME[(a, b)] = _same_person(a, b)
    return found


def _same_person(a: str, b: str) -> bool:
    if a == b:
        return True
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if sorted(ta) == sorted(tb):
        return True
    if _looks_vietnamese(a) and _looks_vietnamese(b):
        return False
    # the shorter name within the longer; names of one length are tried both ways round
    orders = [(ta, tb), (tb, ta)] if len(ta) == len(tb) else [(ta, tb) if len(ta) < len(tb) else (tb, ta)]
    if any(_within(short, long_) for short, long_ in orders):
        return True
    if _looks_vietnamese(a) or _looks_vietnamese(b):
        return False
    if len(ta) == len(tb) or abs(len(ta) - len(tb)) <= 1 and min(len(ta), len(tb)) >= 2:
        ka, kb = " ".join(sorted(ta)), " ".join(sorted(tb))
        if _similar(ka, kb, 0.86):
            return True
        # one word spelled two ways, the others equal: "Kasimalyev" / "Kasymaliev"
        rest_a, rest_b = set(ta) - set(tb), set(tb) - set(ta)
        if len(rest_a) == len(rest_b) == 1:
            x, y = rest_a.pop(), rest_b.pop()
            if len(x) >= 5 and _similar(x, y, 0.75):
                return True
            # two words in common and one letter apart in the third: "Myung-bak" / "Myung Pak"
            if len(ta) - 1 >= 2 and len(x) == len(y) >= 3 and sum(p != q for p, q in zip(x, y)) == 1:
                return True
    return False


def _similar(a: str, b: str, at_least: float) -> bool:
    """difflib's ratio of ``a`` and ``b`` is ``at_least``, whichever string comes first
    (difflib's ratio alone depends on the order; its quick upper bounds do not, and rule most
    pairs out without the full comparison)."""
    if 2 * min(len(a), len(b)) < at_least * (len(a) + len(b)):
        return False  # real_quick_ratio, without making a matcher
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return False
    return max(matcher.ratio(), difflib.SequenceMatcher(None, b, a).ratio()) >= at_least


# "Mohammed bin Salman": the son of Salman, not Salman.
_PATRONYMIC = {"bin", "binti", "bint", "ibn", "ben"}


def _within(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """Every word of ``short`` is in ``long_``, and each of its initials starts another word;
    not where ``short`` is the father's name inside ``long_`` ("Salman bin Abdulaziz" in
    "Mohammed bin Salman bin Abdulaziz")."""
    initials = [t for t in short if len(t) == 1]
    words = [t for t in short if len(t) > 1]
    if not words or not all(w in long_ for w in words):
        return False
    at = long_.index(words[0])
    if at > 0 and long_[at - 1] in _PATRONYMIC:
        return False
    if not all(any(x.startswith(i) for x in long_ if x not in words) for i in initials):
        return False
    # a surname alone must be the long name's first or last word
    return len(short) != 1 or short[0] in (long_[0], long_[-1])


def name_key(name: str) -> str:
    return " ".join(sorted(_tokens(re.sub(r"^[A-ZĐ]\.\s*", "", name))))
