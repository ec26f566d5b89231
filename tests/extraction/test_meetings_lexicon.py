"""Meetings as the genre tells them: each trigger word runs on its own example, and short
sentences of our own for each form (a delegation, co-hosts, letters, an event told again)."""

from __future__ import annotations

import pytest

from kg.extraction.extract import extract_article
from kg.extraction.model import ArticleFacts
from kg.reading.gazetteer import default_gazetteer
from kg.reading.lexicon import lexicon
from kg.reading.reader import parse_article


def facts(text: str) -> ArticleFacts:
    return extract_article(parse_article(text, "test"), default_gazetteer())


def meetings(text: str) -> set[tuple[frozenset[str], str]]:
    return {(frozenset(m.participants), m.kind) for m in facts(text).meetings}


@pytest.mark.parametrize("entry", lexicon("meeting_triggers"), ids=lambda e: e.phrase)
def test_each_trigger_gives_its_kind_in_its_example(entry) -> None:  # type: ignore[no-untyped-def]
    found = facts("date: 2025-05-05\n\n" + entry.example + "\n").meetings
    if entry["kind"] == "none":
        assert not found, (entry.example, found)
    else:
        assert [m.kind for m in found] == [entry["kind"]], (entry.example, found)


def test_co_hosts_of_one_side_do_not_meet_each_other() -> None:
    found = meetings("date: 2025-05-05\n\nQuốc vương Malaysia Ibrahim Iskandar đã hội đàm với Chủ tịch nước Trần Văn Lâm; "
                     "hội kiến Thủ tướng Lê Văn Hòa và Chủ tịch Quốc hội Đỗ Văn Bình.\n")
    assert found == {
        (frozenset({"Ibrahim Iskandar", "Trần Văn Lâm"}), "talks"),
        (frozenset({"Ibrahim Iskandar", "Lê Văn Hòa"}), "meeting"),
        (frozenset({"Ibrahim Iskandar", "Đỗ Văn Bình"}), "meeting"),
    }


def test_a_clause_that_opens_with_its_verb_goes_on_with_its_actor() -> None:
    found = meetings("date: 2025-05-05\n\nThủ tướng Thái Lan Somchai Wong đã chào xã giao Chủ tịch nước Trần Văn Lâm; "
                     "dự lễ đón chính thức, hội đàm với Thủ tướng Lê Văn Hòa.\n")
    assert (frozenset({"Somchai Wong", "Lê Văn Hòa"}), "talks") in found


def test_whose_envoy_or_letter_takes_no_part() -> None:
    found = meetings("date: 2025-05-05\n\nĐại sứ Lê Văn Toàn, Đặc phái viên của Chủ tịch nước Trần Văn Lâm, "
                     "đã hội đàm với Bộ trưởng Ngoại giao Peru Ana Flores.\n")
    assert found == {(frozenset({"Lê Văn Toàn", "Ana Flores"}), "talks")}
    found = meetings("date: 2025-05-05\n\nĐại sứ Lê Văn Toàn đã tiếp ông Diego Soto, Vụ trưởng Lễ tân Chile, "
                     "và trao Thư của Chủ tịch nước Trần Văn Lâm.\n")
    assert found == {(frozenset({"Lê Văn Toàn", "Diego Soto"}), "reception")}


def test_co_chairs_of_two_sides_meet_across_them() -> None:
    found = meetings("date: 2025-05-05\n\nBí thư Tỉnh ủy Lê Văn Sơn (Việt Nam), Tỉnh trưởng Lào Khamla Vong và "
                     "Tỉnh trưởng Lào Somsak Inthavong đồng chủ trì kỳ họp thường niên.\n")
    assert found == {(frozenset({"Lê Văn Sơn", "Khamla Vong"}), "meeting"),
                     (frozenset({"Lê Văn Sơn", "Somsak Inthavong"}), "meeting")}


def test_a_meeting_told_again_is_one_event() -> None:
    f = facts("Thủ tướng Lê Văn Hòa tiếp Thủ tướng Ghana Kofi Mensah\n\ndate: 2025-05-05\n\n"
              "Ngày 4/5, Thủ tướng Lê Văn Hòa đã hội đàm với Thủ tướng Ghana Kofi Mensah. "
              "Tại cuộc gặp, hai bên nhất trí tăng cường hợp tác.\n")
    assert [(m.kind, m.date) for m in f.meetings] == [("talks", "2025-05-04")]


def test_glad_to_meet_again_is_no_new_meeting() -> None:
    found = meetings("date: 2025-05-05\n\nNgày 4/5, Thủ tướng Lê Văn Hòa hội đàm với Tổng thống Chile Pablo Rojas. "
                     "Thủ tướng bày tỏ vui mừng gặp lại Tổng thống Pablo Rojas sau chuyến thăm tháng 3/2023.\n")
    assert len(found) == 1


def test_a_frame_that_names_its_two_people_is_a_meeting_of_its_own() -> None:
    found = meetings("date: 2025-05-05\n\nNgày 4/5, Thủ tướng Lê Văn Hòa có cuộc trao đổi với Tổng thống Chile Pablo Rojas. "
                     "Tại cuộc gặp trực tiếp lần đầu tiên giữa Thủ tướng Lê Văn Hòa và Thủ tướng Bỉ Jan Peeters, "
                     "hai bên nhất trí tăng cường hợp tác.\n")
    assert {pair for pair, _ in found} == {frozenset({"Lê Văn Hòa", "Pablo Rojas"}), frozenset({"Lê Văn Hòa", "Jan Peeters"})}


def test_right_after_the_welcome_is_the_day_told_last() -> None:
    f = facts("date: 2025-05\n\nSáng 8/5, Bộ trưởng Lê Văn Tâm chủ trì lễ đón Bộ trưởng Quốc phòng Ấn Độ Ravi Kumar. "
              "Ngay sau lễ đón, hai Bộ trưởng đã hội đàm tại Bộ Quốc phòng.\n")
    assert [(m.kind, m.date) for m in f.meetings] == [("talks", "2025-05-08")]


def test_an_office_named_bare_is_its_one_holder() -> None:
    found = meetings("date: 2025-05-05\n\nQuốc vương Brunei Omar Ali thăm cấp Nhà nước Việt Nam. Trong chuyến thăm, "
                     "Quốc vương đã hội đàm với Chủ tịch nước Trần Văn Lâm.\n")
    assert found == {(frozenset({"Omar Ali", "Trần Văn Lâm"}), "talks")}


def test_those_who_attend_the_talks_do_not_meet_each_other() -> None:
    found = meetings("date: 2025-05-05\n\nNgày 4/5, Thủ tướng Lê Văn Hòa hội đàm với Thủ tướng Ghana Kofi Mensah. "
                     "Tham dự hội đàm có Bộ trưởng Ngoại giao Trần Văn Phúc, Bộ trưởng Ngoại giao Ghana Ama Owusu.\n")
    assert found == {(frozenset({"Lê Văn Hòa", "Kofi Mensah"}), "talks")}


def test_messages_pair_each_sender_with_the_one_written_to() -> None:
    found = meetings("date: 2025-05-05\n\nNgày 4/5, Chủ tịch nước Trần Văn Lâm gửi điện mừng tới Tổng thống Ghana "
                     "Kofi Mensah; Thủ tướng Lê Văn Hòa gửi điện mừng tới Thủ tướng Ghana Ama Owusu.\n")
    assert found == {(frozenset({"Trần Văn Lâm", "Kofi Mensah"}), "message"),
                     (frozenset({"Lê Văn Hòa", "Ama Owusu"}), "message")}


def test_a_chinese_name_in_vietnamese_syllables_is_no_one_of_viet_nam() -> None:
    found = meetings("date: 2025-05-05\n\nNgày 4/5, Ngoại trưởng Vương Minh hội đàm với Bộ trưởng Ngoại giao Lê Văn Phúc "
                     "tại Bắc Kinh, Trung Quốc.\n")
    assert found == {(frozenset({"Vương Minh", "Lê Văn Phúc"}), "talks")}


def test_two_words_for_one_event_give_one_meeting() -> None:
    found = meetings("date: 2025-05-05\n\nChiều 4/5, Bộ trưởng Lê Văn Phúc đã tiếp và làm việc với Đại sứ Nhật Bản "
                     "Ito Naoki.\n")
    assert found == {(frozenset({"Lê Văn Phúc", "Ito Naoki"}), "meeting")}
