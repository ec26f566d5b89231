"""Linear time: reading and extracting an article of adversarial forms (runs of spaces, one
sentence repeating a clause, long lists, long runs of capitalised words) takes time that grows
with its size, not faster. Each form is timed at 10 and 100 KB: ten times the text may take at
most 25 times as long (a quadratic stage takes 100 times, a cubic one 1,000)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from kg.extraction.extract import extract_article
from kg.reading.gazetteer import default_gazetteer
from kg.reading.reader import MAX_SENTENCE, parse_article, split_sentences

HEAD = "Hai nước thúc đẩy hợp tác\n\nThứ Hai, 03/03/2025 10:00\n\n"
GROWTH = 25.0

READER_FORMS: dict[str, Callable[[int], str]] = {
    "a run of spaces": lambda n: "Thủ tướng Phạm Minh Chính" + " " * n + "tiếp Đại sứ.\n",
    "a run of spaces and bars": lambda n: "Ảnh" + " " * n + "x|\n",
    "a run of spaces before a credit": lambda n: "Hai bên hội đàm" + " " * n + "(Ảnh: Minh Anh)\n",
    "initials without end": lambda n: "Ông " + "B. " * (n // 3) + "An tiếp Đại sứ.\n",
}
EXTRACT_FORMS: dict[str, Callable[[int], str]] = {
    "a visit clause repeated": lambda n: "Thủ tướng Phạm Minh Chính " + "thăm chính thức Lào, " * (n // 21)
    + "thăm Campuchia.\n",
    "a list of documents": lambda n: "Hai bên ký " + ", ".join(["bản ghi nhớ về hợp tác"] * (n // 24)) + ".\n",
    "capitalised words": lambda n: "Thủ tướng " + " ".join(["Nguyễn Văn"] * (n // 11)) + " tiếp Đại sứ.\n",
    "a list of guests": lambda n: "Thủ tướng Phạm Minh Chính tiếp " + ", ".join(["Đại sứ Lào Xay Phon"] * (n // 21))
    + ".\n",
    "a list of dates": lambda n: "Thủ tướng Phạm Minh Chính thăm Lào " + " ".join(["ngày 3/3/2025,"] * (n // 14))
    + ".\n",
}


def _seconds(work: Callable[[], object]) -> float:
    """The time of one run, from as many runs as take 50 ms (a single run of a fast stage is noise)."""
    runs, start = 0, time.perf_counter()
    while True:
        work()
        runs += 1
        elapsed = time.perf_counter() - start
        if elapsed >= 0.05:
            return elapsed / runs


def _growth(form: Callable[[int], str], stage: Callable[[str], object]) -> float:
    small, large = HEAD + form(10_000), HEAD + form(100_000)
    return _seconds(lambda: stage(large)) / _seconds(lambda: stage(small))


@pytest.mark.parametrize("name", sorted(READER_FORMS))
def test_reading_grows_linearly(name: str) -> None:
    growth = _growth(READER_FORMS[name], lambda text: parse_article(text, "a"))
    assert growth < GROWTH, f"{name}: 10 times the text took {growth:.0f} times as long"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXTRACT_FORMS))
def test_extracting_grows_linearly(name: str) -> None:
    gazetteer = default_gazetteer()
    growth = _growth(EXTRACT_FORMS[name], lambda text: extract_article(parse_article(text, "a"), gazetteer))
    assert growth < GROWTH, f"{name}: 10 times the text took {growth:.0f} times as long"


def test_a_sentence_too_long_is_cut_where_a_clause_ends() -> None:
    clause = "Thủ tướng thăm Lào, "
    pieces = split_sentences(clause * 500 + "và Campuchia.")
    assert all(len(p) <= MAX_SENTENCE for p in pieces) and len(pieces) > 1
    assert all(p.endswith(",") for p in pieces[:-1]) and pieces[-1].endswith("và Campuchia.")
    assert " ".join(pieces) == (clause * 500 + "và Campuchia.").strip()
