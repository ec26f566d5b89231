"""Vietnamese syllables and capitalised words: what names and the gazetteer both ask of a word."""

from __future__ import annotations

import re
import unicodedata

_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(a|ă|â|e|ê|i|o|ô|ơ|u|ư|y|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ôô|ua|uâ"
    r"|uê|ui|uô|uơ|ưa|ưi|ươ|ưu|uy|iêu|yê|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|uê)"
    r"(ch|ng|nh|[cmnpt])?$"
)


def is_vietnamese_syllable(token: str) -> bool:
    """True for a possible Vietnamese syllable ("Hằng", "Nguyễn"), False for "Abakirov"."""
    base = unicodedata.normalize("NFC", unicodedata.normalize("NFD", token).translate(_TONES))
    return bool(_SYLLABLE.match(base.casefold()))


def is_capitalised(token: str) -> bool:
    return bool(token) and token[0].isupper()
