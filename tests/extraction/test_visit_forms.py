"""Visits the genre tells without saying "thăm": the word lists' examples, each run through the
extractor, and short texts of our own for each form."""

from __future__ import annotations

import pytest

from kg.extraction.extract import extract_article
from kg.extraction.model import ArticleFacts
from kg.reading.gazetteer import default_gazetteer
from kg.reading.lexicon import lexicon
from kg.reading.reader import parse_article


def facts(text: str) -> ArticleFacts:
    return extract_article(parse_article(text, "test"), default_gazetteer())


def visits(text: str) -> set[tuple]:
    return {(v.guest, v.guest_state, v.host_state, v.start, v.status) for v in facts(text).visits}


@pytest.mark.parametrize("name", ["visit_implied_by", "visit_kinds", "visit_attendance", "visit_arrivals", "visit_invitations"])
def test_each_example_gives_a_visit_of_its_kind_and_status(name: str) -> None:
    for entry in lexicon(name):
        found = {(v.kind, v.status) for v in facts(entry.example).visits}
        want = (entry.values.get("kind", "visit"), entry.values.get("status", "completed"))
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
    call = "Ngày 2/5, tại Hà Nội, Phó Thủ tướng Hồ Đức Phớc điện đàm cùng Bộ trưởng Tài chính Ghana Kwame Mensah."
    assert not {v for v in visits(call) if v[2] == "VN"}


def test_a_delegation_received_is_its_heads_visit() -> None:
    text = ("Ngày 9/3, tại Hà Nội, Bộ trưởng Y tế Đào Hồng Lan tiếp đoàn đại biểu Ghana gồm bà "
            "Ama Owusu, Bộ trưởng Y tế Ghana; ông Kofi Boateng, Bộ trưởng Giáo dục Ghana, Trưởng đoàn.")
    guests = {v[0] for v in visits(text) if v[2] == "VN"}
    assert guests == {"Kofi Boateng"}


def test_one_named_by_a_letter_is_not_there() -> None:
    text = ("Ngày 3/3, tại Berlin, Đại sứ Việt Nam tại Đức Vũ Quang Minh gặp ông Hans Weber, Vụ trưởng "
            "Lễ tân Đức, để trao bản sao Quốc thư mang chữ ký của Chủ tịch nước Lương Cường.")
    assert not visits(text)


def test_a_visit_told_recently_is_the_guests_and_done() -> None:
    text = ("Thủ tướng Phạm Minh Chính cho rằng chuyến thăm Lào mới đây của Chủ tịch Quốc hội Trần Thanh Mẫn "
            "sẽ góp phần làm sâu sắc quan hệ hai nước.")
    assert ("Trần Thanh Mẫn", "VN", "LA", None, "completed") in visits(text)
    assert not {v for v in visits(text) if v[0] == "Phạm Minh Chính"}


def test_an_unnamed_guest_is_not_the_one_who_came_along() -> None:
    text = ("Tháp tùng Chủ tịch nước Lương Cường trong chuyến thăm Chile lần đầu tiên của một nguyên thủ Việt Nam "
            "có Bộ trưởng Ngoại giao Bùi Thanh Sơn.")
    assert not {v for v in visits(text) if v[0] == "Bùi Thanh Sơn"}


def test_attending_abroad_is_dated_by_its_own_day() -> None:
    text = ("Hai bên điểm lại việc Tổng thống Chile Gabriel Boric thăm Việt Nam hồi tháng 3/2025, rồi chuyến đi "
            "của Phó Thủ tướng Bùi Thanh Sơn dự Hội nghị G20 tại Johannesburg, Nam Phi vào tháng 11/2025.")
    assert ("Bùi Thanh Sơn", "VN", "ZA", "2025-11", "completed") in visits(text)
    assert not {v for v in visits(text) if v[0] == "Bùi Thanh Sơn" and v[3] == "2025-03"}


def test_a_history_list_gives_each_visit_with_its_month() -> None:
    text = ("Ông nhắc lại các dấu mốc như chuyến thăm Đức của Tổng Bí thư Tô Lâm (3/2025), "
            "Thủ tướng Phạm Minh Chính (1/2024).")
    assert ("Tô Lâm", "VN", "DE", "2025-03", "completed") in visits(text)
    assert ("Phạm Minh Chính", "VN", "DE", "2024-01", "completed") in visits(text)


def test_a_list_of_mutual_visits_gives_the_items_without_a_host() -> None:
    text = ("date: 2020-01-10\n\nHai năm qua, các đoàn cấp cao hai nước đã thăm lẫn nhau: Thủ tướng Nguyễn Xuân "
            "Phúc thăm Lào tháng 3/2018, Thủ tướng Lào Thongloun Sisoulith tháng 9/2019 và Phó Thủ tướng "
            "Phạm Bình Minh thăm Lào tháng 12/2019.")
    found = visits(text)
    assert ("Thongloun Sisoulith", "LA", "VN", "2019-09", "completed") in found
    assert ("Nguyễn Xuân Phúc", "VN", "LA", "2018-03", "completed") in found
    assert ("Phạm Bình Minh", "VN", "LA", "2019-12", "completed") in found


def test_each_state_form_leads_to_its_state() -> None:
    for entry in lexicon("state_forms"):
        hosts = {v.host_state for v in facts(entry.example).visits}
        assert entry["state"] in hosts, f"state_forms.tsv:{entry.line}: {entry.example!r} gives {hosts}"


def test_each_leg_of_a_trip_has_its_own_days() -> None:
    text = ("date: 2024-11-01\n\nThủ tướng Phạm Minh Chính sẽ thăm chính thức Chile từ ngày 10-12/11/2024 và tham dự "
            "Hội nghị Cấp cao APEC tại Lima, Peru trong hai ngày 14 và 15/11/2024.")
    found = visits(text)
    assert ("Phạm Minh Chính", "VN", "CL", "2024-11-10", "planned") in found
    assert ("Phạm Minh Chính", "VN", "PE", "2024-11-14", "planned") in found


def test_one_told_on_the_day_of_leaving_is_still_to_come() -> None:
    text = ("Ngày 3/5, Chủ tịch nước Lương Cường rời Hà Nội lên đường thăm cấp Nhà nước Chile từ ngày 4-6/5.")
    assert {v[4] for v in visits(text) if v[2] == "CL"} == {"planned"}
    later = "date: 2025-05-20\n\n" + text
    assert {v[4] for v in visits(later) if v[2] == "CL"} == {"completed"}


def test_a_visit_whose_host_is_described_not_named() -> None:
    text = ("Chiều 3/6, Thủ tướng Phạm Minh Chính gặp Thủ tướng Ai Cập Mostafa Madbouly trong khuôn khổ "
            "chuyến thăm làm việc tới đất nước Bắc Phi.")
    assert {v[:3] for v in visits(text)} == {("Phạm Minh Chính", "VN", "EG")}
    assert {v.kind for v in facts(text).visits} == {"working visit"}
    recalled = ("Bộ trưởng Bùi Thanh Sơn gặp Ngoại trưởng Chile Alberto van Klaveren; nhắc lại kỷ niệm đẹp về "
                "đất nước Chile trong chuyến thăm vào tháng 4/2023.")
    assert ("Bùi Thanh Sơn", "VN", "CL", "2023-04", "completed") in visits(recalled)


def test_one_received_on_an_unnamed_visit_is_the_guest() -> None:
    text = "Chủ tịch nước Lương Cường tiếp Tổng thống Chile Gabriel Boric nhân chuyến thăm chính thức lần này."
    assert {v[:3] for v in visits(text)} == {("Gabriel Boric", "CL", "VN")}


def test_a_stretch_of_days_with_month_and_year_in_dashes() -> None:
    text = "Thủ tướng Lào Sonexay Siphandone thăm chính thức Việt Nam từ ngày 5-8-11-2024."
    assert ("Sonexay Siphandone", "LA", "VN", "2024-11-05", "completed") in visits(text)
    assert {v.end for v in facts(text).visits} == {"2024-11-08"}


def test_an_envoy_arriving_at_their_post_is_on_no_visit() -> None:
    text = "Chiều 2/4, Đại sứ Việt Nam tại Chile Phạm Trường Giang đến Santiago, nhận nhiệm sở mới."
    assert not visits(text)


def test_the_head_of_a_company_received_is_no_states_guest() -> None:
    text = "Ngày 3/3, tại Hà Nội, Bộ trưởng Nguyễn Hồng Diên tiếp ông Kenji Sato, Chủ tịch Tập đoàn Marubeni Nhật Bản."
    assert not visits(text)


def test_attending_in_a_city_named_like_its_state() -> None:
    text = ("Nhân dịp dự Hội nghị Cấp cao G20 tại Mexico City (Mexico), sáng 8/10, Thủ tướng Phạm Minh Chính "
            "gặp Thủ tướng Ấn Độ Narendra Modi.")
    assert {v[:3] for v in visits(text)} == {("Phạm Minh Chính", "VN", "MX")}


def test_a_summit_city_places_its_attendees() -> None:
    text = "Nhân dịp dự Hội nghị Thượng đỉnh BRICS tại Kazan, chiều 23/10, Thủ tướng Phạm Minh Chính gặp báo chí."
    assert {v[:3] for v in visits(text)} == {("Phạm Minh Chính", "VN", "RU")}


def test_a_visit_on_each_of_the_dates_told() -> None:
    text = "Tổng thống Chile Gabriel Boric từng thăm Việt Nam năm 2016 và năm 2023."
    assert {v[3] for v in visits(text)} == {"2016", "2023"}


def test_each_host_of_a_list_with_its_own_month_in_the_year_told_first() -> None:
    text = "Năm 2023, Thủ tướng Phạm Minh Chính đã thăm chính thức Lào (tháng 1), Campuchia (tháng 5) và Thái Lan (tháng 10)."
    assert {v[2:4] for v in visits(text)} == {("LA", "2023-01"), ("KH", "2023-05"), ("TH", "2023-10")}


def test_a_history_list_with_years_in_brackets() -> None:
    text = ("Hai bên duy trì trao đổi đoàn, như các chuyến thăm Việt Nam của Tổng thống Chile Michelle Bachelet "
            "(2009), Tổng thống Chile Gabriel Boric (2023).")
    assert {(v[0], v[3]) for v in visits(text)} == {("Michelle Bachelet", "2009"), ("Gabriel Boric", "2023")}


def test_attending_abroad_then_visiting_a_neighbour() -> None:
    text = ("date: 2026-10-01\n\nThủ tướng Phạm Minh Chính sẽ tham dự Hội nghị Cấp cao ASEAN tại Kuala Lumpur, "
            "Malaysia từ ngày 26-28/10/2026 và thăm chính thức Singapore từ ngày 29-30/10/2026.")
    found = {(v.host_state, v.start, v.end, v.status) for v in facts(text).visits}
    assert found == {("MY", "2026-10-26", "2026-10-28", "planned"), ("SG", "2026-10-29", "2026-10-30", "planned")}


def test_a_stretch_of_days_across_months_in_words() -> None:
    text = "Quốc vương Campuchia Norodom Sihamoni thăm cấp Nhà nước Việt Nam từ ngày 28 tháng 2 đến ngày 3 tháng 3 năm 2026."
    assert {(v.start, v.end) for v in facts(text).visits} == {("2026-02-28", "2026-03-03")}
