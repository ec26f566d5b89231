"""Visits the genre tells without saying "thăm": the word lists' examples, each run through the
extractor, and short texts of our own for each form."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.gazetteer import default_gazetteer
from kg.lexicon import lexicon
from kg.model import ArticleFacts
from kg.reader import parse_article


def facts(text: str) -> ArticleFacts:
    return extract_article(parse_article(text, "test"), default_gazetteer())


def visits(text: str) -> set[tuple]:
    return {(v.guest, v.guest_state, v.host_state, v.start, v.status) for v in facts(text).visits}


@pytest.mark.parametrize("name", ["visit_implied_by", "visit_kinds", "visit_attendance"])
def test_each_example_gives_a_visit_of_its_kind_and_status(name: str) -> None:
    for entry in lexicon(name):
        found = {(v.kind, v.status) for v in facts(entry.example).visits}
        want = (entry["kind"], entry.values.get("status", "completed"))
        assert want in found, f"{name}.tsv:{entry.line}: {entry.example!r} gives {found}, not {want}"


def test_each_venue_places_its_guest_in_its_state() -> None:
    for entry in lexicon("visit_venues"):
        hosts = {v.host_state for v in facts(entry.example).visits}
        assert entry["state"] in hosts, f"visit_venues.tsv:{entry.line}: {entry.example!r} gives {hosts}"


def test_a_guest_received_in_hanoi_is_on_a_visit() -> None:
    text = "Chiều 4/5, tại Hà Nội, Chủ tịch nước Lương Cường tiếp Tổng thống Ghana John Mahama."
    assert ("John Mahama", "GH", "VN", None, "completed") in visits(text)


def test_an_envoy_posted_there_and_a_call_are_no_visit() -> None:
    envoy = "Ngày 2/5, tại Phủ Chủ tịch, Chủ tịch nước Lương Cường tiếp Đại sứ Ghana Kwame Mensah."
    assert not visits(envoy)
    call = "Ngày 2/5, tại Hà Nội, Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Ghana Kwame Mensah."
    assert not {v for v in visits(call) if v[2] == "VN"}


def test_a_delegation_received_is_its_heads_visit() -> None:
    text = ("Ngày 9/3, tại Hà Nội, Phó Chủ tịch nước Võ Thị Ánh Xuân tiếp đoàn đại biểu Ghana gồm bà "
            "Ama Owusu, Bộ trưởng Y tế Ghana; ông Kofi Boateng, Bộ trưởng Giáo dục Ghana, Trưởng đoàn.")
    guests = {v[0] for v in visits(text) if v[2] == "VN"}
    assert guests == {"Kofi Boateng"}


def test_one_named_by_a_letter_is_not_there() -> None:
    text = ("Ngày 3/3, tại Berlin, Đại sứ Việt Nam tại Đức Vũ Quang Minh gặp ông Hans Weber, Vụ trưởng "
            "Lễ tân Đức, để trao bản sao Quốc thư mang chữ ký của Chủ tịch nước Lương Cường.")
    assert not visits(text)
