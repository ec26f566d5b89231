"""Reading amounts of money: "13,5 triệu USD", "349,2 triệu USD", "hơn 142 triệu USD",
"20 tỷ USD", "124, 1 triệu USD" (a stray space after the decimal comma), "3.600 USD", and an
amount told in two scales, "2 tỷ 750 triệu USD" (billions, then the millions beyond them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SCALE = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_CURRENCY = r"(?P<cur>USD|đô la Mỹ|đô-la Mỹ|US\$|\$)"
_AMOUNT = re.compile(
    r"(?P<qual>(?:hơn|gần|khoảng|trên|xấp xỉ|đạt)\s+)?"
    # "2 tỷ 750 triệu USD": the billions before the millions
    r"(?:(?P<big>\d+)\s*(?:tỷ|tỉ)\s+(?=\d{1,3}\s*triệu))?"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\s?\d+)?)\s*"
    r"(?P<scale>nghìn|ngàn|triệu|tỷ|tỉ)?\s*" + _CURRENCY
)


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    usd: Decimal
    qualifier: str | None  # "hơn" (over), "khoảng" (about), ...
    per_year: bool  # "1,36 triệu USD/năm"


def parse_number(text: str) -> Decimal | None:
    """Vietnamese number: "." groups thousands, "," is the decimal mark."""
    cleaned = text.replace(" ", "").replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def find_money(text: str) -> list[MoneyMention]:
    out = []
    for m in _AMOUNT.finditer(text):
        number = parse_number(m.group("num"))
        if number is None:
            continue
        scale = _SCALE.get(m.group("scale") or "", 1)
        value = number * scale
        if m.group("big"):
            value += int(m.group("big")) * _SCALE["tỷ"]
        qualifier = (m.group("qual") or "").strip() or None
        per_year = text[m.end():m.end() + 5].startswith("/năm")
        out.append(
            MoneyMention(
                m.start(), m.end(), value.normalize(),
                None if qualifier == "đạt" else qualifier, per_year,
            )
        )
    return out
