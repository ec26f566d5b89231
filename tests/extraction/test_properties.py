"""Property-based tests (hypothesis): no input string makes a reader or the extractor raise,
and what they return stays inside the text they were given."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import ArticleError
from kg.extraction.extract import extract_article
from kg.reading.dates import find_dates, parse_iso
from kg.reading.gazetteer import default_gazetteer
from kg.reading.money import find_money, parse_number
from kg.reading.names import find_heads, find_people
from kg.reading.reader import decode, normalise_text, page_text, parse_article, split_sentences
from kg.reading.resolve_names import name_key, same_person
from kg.resolution.resolve import resolve

# Pieces of the genre, so that the strings reach deep into the patterns, not only their first
# character: titles, trigger verbs, states, dates, money, furniture, markup.
WORDS = [
    "Thủ tướng", "Chủ tịch nước", "Bộ trưởng Ngoại giao", "Phó Thủ tướng,", "Thứ trưởng Bộ Ngoại giao",
    "Đại sứ", "tại", "Tổng thống", "Chủ tịch Hạ viện", "Kazakhstan", "Việt Nam", "Cộng hòa", "Kyrgyzstan",
    "LHQ", "SNG", "ASEAN", "(EAEU)", "Liên minh Kinh tế Á-Âu", "Phạm Minh Chính", "K.Tokayev", "Abakirov Meder",
    "thăm chính thức", "thăm cấp nhà nước", "hội đàm", "hội kiến", "tiếp", "điện đàm", "điện mừng", "gặp",
    "tham vấn", "trực tuyến", "dự kiến", "sẽ", "sắp tới", "mời", "nhận lời mời", "ký", "có hiệu lực",
    "đàm phán", "Hiệp định", "Bản ghi nhớ", "quan hệ ngoại giao", "thiết lập", "kim ngạch", "thương mại",
    "ngày", "tháng", "năm", "từ ngày", "đến", "và", "6 và 7/3/2025", "11-13/6/2023", "20 đến 22/8",
    "tháng 3/2009", "4/6/1992", "31/2/2024", "99/99/9999", "năm 2023", "13,5 triệu USD", "349,2 triệu USD",
    "1.000 tỷ đồng", "USD", "triệu", "tỷ", "Về phía Việt Nam, có các chuyến thăm Kazakhstan của:", "(tháng 2/1994)",
    "Tin bài liên quan", "Đọc nhiều", "./.", "TP.", "B.", "ảnh:", "<p>", "</p>", "<script>", "&amp;", "<!DOCTYPE html>",
    "url:", "date:", " date 2025-08-28", "21:02 | 05/03/2025 GMT+7", "20/08/2023 10:22", ".", ",", ";", ":", "(", ")",
    "-", "–", "/", "\n", "\n\n", "\u200b", "\u0301", "\ufeff", "\r\n", " ",
]
PIECE = st.one_of(st.sampled_from(WORDS), st.text(max_size=8), st.integers(0, 3000).map(str))
TEXT = st.lists(PIECE, max_size=40).map(" ".join)
# derandomize: the same examples on every run, so CI passes or fails the same way each time
# (raise max_examples or drop derandomize locally to look further).
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_dates_never_raise_and_lie_inside_the_text(text: str) -> None:
    for d in find_dates(text):
        assert 0 <= d.start <= len(text)
        iso = d.first.iso()
        assert iso is None or parse_iso(iso) is not None or iso.startswith("--")


@SETTINGS
@given(TEXT)
def test_money_never_raises_and_is_never_negative(text: str) -> None:
    for m in find_money(text):
        assert m.usd >= 0
    parse_number(text)


@SETTINGS
@given(TEXT)
def test_titles_and_names_never_raise(text: str) -> None:
    gazetteer = default_gazetteer()
    people, roles = find_people(text, gazetteer)
    find_heads(text)
    for person in people:
        assert person.name.strip()
        name_key(person.name)
        same_person(person.name, person.name)


@SETTINGS
@given(TEXT, TEXT)
def test_name_comparison_is_symmetric(a: str, b: str) -> None:
    assert same_person(a, b) == same_person(b, a)


@SETTINGS
@given(TEXT)
def test_furniture_removal_and_sentences_never_raise(text: str) -> None:
    article = parse_article(text, "x")
    for sentence in article.sentences:
        assert sentence.text.strip()
        assert sentence.text == unicodedata.normalize("NFC", sentence.text)
        assert "\u200b" not in sentence.text
    split_sentences(text)
    page_text(text)


@SETTINGS
@given(TEXT)
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_say_why(data: bytes) -> None:
    try:
        decode(data, "x.txt")
    except ArticleError as exc:
        assert exc.path == "x.txt" and exc.reason


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=3))
def test_the_whole_extractor_and_resolver_never_raise(texts: list[str]) -> None:
    gazetteer = default_gazetteer()
    facts = []
    for n, text in enumerate(texts):
        article = parse_article(text, f"a{n}")
        if article.sentences:
            facts.append(extract_article(article, gazetteer))
    resolve(facts)
