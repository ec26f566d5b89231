"""Where a meeting or a visit took place and on what occasion: the word lists' examples, each
run through the extractor, and short texts of our own."""

from __future__ import annotations

import pytest

from kg.extraction.extract import _ArticleReader, _occasion, extract_article
from kg.extraction.model import ArticleFacts
from kg.reading.gazetteer import default_gazetteer
from kg.reading.lexicon import lexicon
from kg.reading.reader import parse_article


def facts(text: str) -> ArticleFacts:
    return extract_article(parse_article(text, "test"), default_gazetteer())


def occasions(text: str) -> list[tuple[str, str | None]]:
    reader = _ArticleReader(parse_article(text, "test"), default_gazetteer())
    reader.read_mentions()
    return [found for sent in reader.sents if (found := _occasion(sent))]


def test_each_head_opens_the_occasion_of_its_example() -> None:
    for entry in lexicon("occasion_heads"):
        found = occasions(entry.example)
        assert any(name.casefold().startswith(entry.phrase.casefold()) for name, _ in found), \
            f"occasion_heads.tsv:{entry.line}: {entry.example!r} gives {found}"


def test_each_frame_puts_its_example_on_an_occasion() -> None:
    for entry in lexicon("occasion_frames"):
        assert occasions(entry.example), f"occasion_frames.tsv:{entry.line}: {entry.example!r} gives none"


def where(text: str) -> set[tuple[str, str | None, str | None, str | None, str | None]]:
    f = facts(text)
    return {("meeting", m.venue, m.venue_state, m.occasion, m.occasion_series) for m in f.meetings} | {
        ("visit", v.venue, v.venue_state, v.occasion, v.occasion_series) for v in f.visits}


@pytest.mark.parametrize(("text", "want"), [
    ("Ngày 5/9/2023, bên lề Hội nghị Cấp cao ASEAN lần thứ 43 tại Jakarta, Thủ tướng Phạm Minh Chính gặp "
     "Thủ tướng Úc Anthony Albanese.",
     ("meeting", "Jakarta", "ID", "Hội nghị Cấp cao ASEAN lần thứ 43", "ASEAN")),
    ("Ngày 23/10/2024, nhân dịp dự Hội nghị Thượng đỉnh BRICS ở Kazan, Thủ tướng Phạm Minh Chính hội kiến "
     "Thủ tướng Ấn Độ Narendra Modi.",
     ("meeting", "Kazan", "RU", "Hội nghị Thượng đỉnh BRICS", "BRICS")),
    ("Ngày 15/11/2023, trong khuôn khổ Tuần lễ Cấp cao APEC, Chủ tịch nước Võ Văn Thưởng gặp Tổng thống "
     "Chile Gabriel Boric.",
     ("meeting", None, None, "Tuần lễ Cấp cao APEC", "APEC")),
    ("Chiều 4/5, tại Phủ Chủ tịch, Chủ tịch nước Lương Cường tiếp Tổng thống Ghana John Mahama.",
     ("meeting", "Phủ Chủ tịch", "VN", None, None)),
    ("Sáng 8/3, tại thủ đô Hà Nội, Thủ tướng Phạm Minh Chính tiếp Thủ tướng Lào Sonexay Siphandone.",
     ("meeting", "Hà Nội", "VN", None, None)),
    ("Ngày 20/9/2023, khi dự Đại hội đồng Liên hợp quốc tại New York, Chủ tịch nước Võ Văn Thưởng gặp "
     "Tổng thống Cuba Miguel Díaz-Canel.",
     ("meeting", "New York", "US", "Đại hội đồng Liên hợp quốc", "UNGA")),
])
def test_a_meeting_has_its_place_and_occasion(text: str, want: tuple) -> None:
    assert want in where(text)


def test_a_call_is_held_nowhere() -> None:
    text = "Ngày 2/4, tại Hà Nội, Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Nhật Bản Fumio Kishida."
    assert {m.venue_state for m in facts(text).meetings} <= {None}


def test_a_visit_is_placed_in_its_host_state_only() -> None:
    text = ("Tổng thống Chile Gabriel Boric đến Hà Nội, bắt đầu chuyến thăm chính thức Việt Nam từ ngày 3 "
            "đến 5/11/2024.")
    assert ("visit", "Hà Nội", "VN", None, None) in where(text)


def test_a_list_of_visits_gives_none_the_occasion_of_another() -> None:
    text = ("Về phía Lào, có các chuyến thăm Việt Nam của: Thủ tướng Sonexay Siphandone (tháng 1/2023), "
            "Phó Chủ tịch Quốc hội Sommad Pholsena dự Hội nghị Cấp cao ASEAN tại Hà Nội (tháng 6/2020).")
    assert {v.occasion for v in facts(text).visits} <= {None}


def test_a_meeting_during_a_visit_is_in_the_state_visited() -> None:
    text = ("Tổng thống Chile Gabriel Boric thăm chính thức Việt Nam từ ngày 3 đến 5/11/2024.\n\n"
            "Ngày 4/11/2024, Chủ tịch nước Lương Cường hội đàm với Tổng thống Gabriel Boric.")
    assert {m.venue_state for m in facts(text).meetings} == {"VN"}


def test_a_seat_keeps_its_whole_name() -> None:
    text = "Ngày 7/7, tại trụ sở Bộ Quốc phòng, Bộ trưởng Phan Văn Giang tiếp Bộ trưởng Quốc phòng Ấn Độ Rajnath Singh."
    assert "trụ sở Bộ Quốc phòng" in {m.venue for m in facts(text).meetings}


def test_a_seat_named_with_its_state_is_in_that_state() -> None:
    text = "Chiều 3/3, tại trụ sở Bộ Ngoại giao Nga, Ngoại trưởng Sergei Lavrov hội đàm với Bộ trưởng Bùi Thanh Sơn."
    assert ("trụ sở Bộ Ngoại giao Nga", "RU") in {(m.venue, m.venue_state) for m in facts(text).meetings}
