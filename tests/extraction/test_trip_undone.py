"""kg/data/lexicon/trip_undone.tsv: each entry's example is read as a trip of its effect, and
only that effect; a registry tells apart two people who share a surname."""

from __future__ import annotations

import pytest

from kg.extraction.extract import _CALLED_OFF, _PUT_OFF, extract_article
from kg.reading.gazetteer import default_gazetteer
from kg.reading.lexicon import lexicon
from kg.reading.reader import parse_article

PATTERNS = {"called off": _CALLED_OFF, "put off": _PUT_OFF}


@pytest.mark.parametrize("entry", lexicon("trip_undone"), ids=lambda e: e.phrase)
def test_each_example_is_read_as_its_effect(entry) -> None:  # type: ignore[no-untyped-def]
    for effect, pattern in PATTERNS.items():
        assert bool(pattern.search(entry.example)) == (effect == entry["effect"]), effect


def test_a_visit_called_off_after_a_phrase_in_commas_is_none() -> None:
    text = (" date 2025-03-02\nChuyến thăm Việt Nam của Thủ tướng Peru Ana Torres, dự kiến vào"
            " giữa tháng 3, đã bị hủy bỏ.\n")
    facts = extract_article(parse_article(text, "x"), default_gazetteer())
    assert not facts.visits


def test_a_bare_surname_with_a_title_is_the_person_of_that_title() -> None:
    text = (" date 2025-05-10\nNgày 9/5, Bộ trưởng Ngoại giao Oman Khalid Al-Harthi đón Thủ tướng"
            " Vũ Văn Hòa.\nThủ tướng Oman Nasser Al-Harthi cũng có mặt.\n"
            "Sau đó, Thủ tướng Vũ Văn Hòa hội đàm với Thủ tướng Al-Harthi.\n")
    facts = extract_article(parse_article(text, "x"), default_gazetteer())
    pairs = {frozenset(m.participants) for m in facts.meetings}
    assert frozenset({"Vũ Văn Hòa", "Nasser Al-Harthi"}) in pairs
    names = {p.name for p in facts.people}
    assert {"Khalid Al-Harthi", "Nasser Al-Harthi"} <= names
