"""The extractor on short articles written for the tests (not taken from the corpus)."""

from __future__ import annotations

from kg.extraction.extract import extract_article
from kg.extraction.model import ArticleFacts
from kg.reading.gazetteer import default_gazetteer
from kg.reading.names import find_people
from kg.reading.reader import parse_article


def facts(text: str) -> ArticleFacts:
    return extract_article(parse_article(text, "test"), default_gazetteer())


def visits(f: ArticleFacts) -> set[tuple]:
    return {(v.guest, v.guest_state, v.host_state, v.start, v.status) for v in f.visits}


def meetings(f: ArticleFacts) -> set[tuple]:
    return {(frozenset(m.participants), m.kind, m.date, m.status) for m in f.meetings}


BIDEN = """ date 2023-09-11 Tổng thống Hoa Kỳ Joe Biden thăm cấp nhà nước Việt Nam

Nhận lời mời của Tổng Bí thư Nguyễn Phú Trọng, Tổng thống Hoa Kỳ Joe Biden thăm cấp nhà nước Việt Nam từ ngày 10-11/9/2023.

Chiều 10/9, tại Hà Nội, Tổng Bí thư Nguyễn Phú Trọng hội đàm với Tổng thống Joe Biden. Sau hội đàm, hai nhà lãnh đạo đã ra Tuyên bố chung về nâng cấp quan hệ Việt Nam - Hoa Kỳ.

Sáng 11/9, Thủ tướng Phạm Minh Chính đã hội kiến Tổng thống Joe Biden. Cùng ngày, Chủ tịch nước Võ Văn Thưởng đã tiếp Tổng thống Hoa Kỳ.

Việt Nam và Hoa Kỳ thiết lập quan hệ ngoại giao ngày 12/7/1995. Năm 2022, kim ngạch thương mại song phương đạt 123,86 tỷ USD.

Nhân dịp này, Tổng thống Joe Biden trân trọng mời Chủ tịch nước Võ Văn Thưởng sớm thăm Hoa Kỳ.
"""


def test_a_state_visit_its_meetings_and_an_invitation() -> None:
    f = facts(BIDEN)
    assert ("Joe Biden", "US", "VN", "2023-09-10", "completed") in visits(f)
    assert ("Võ Văn Thưởng", "VN", "US", None, "invited") in visits(f)
    (visit,) = [v for v in f.visits if v.start == "2023-09-10"]
    assert visit.kind == "state visit" and visit.end == "2023-09-11"
    assert visit.invited_by == "Nguyễn Phú Trọng"
    assert meetings(f) == {
        (frozenset({"Nguyễn Phú Trọng", "Joe Biden"}), "talks", "2023-09-10", "completed"),
        (frozenset({"Phạm Minh Chính", "Joe Biden"}), "meeting", "2023-09-11", "completed"),
        # "Cùng ngày, ... tiếp Tổng thống Hoa Kỳ": the same day, and the president named before
        (frozenset({"Võ Văn Thưởng", "Joe Biden"}), "reception", "2023-09-11", "completed"),
    }
    assert [(r.states, r.established) for r in f.relations] == [(("VN", "US"), "1995-07-12")]
    assert [(t.states, t.year, int(t.usd)) for t in f.trade] == [(("VN", "US"), "2022", 123_860_000_000)]
    (statement,) = f.agreements
    assert (statement.kind, statement.status, statement.date) == ("joint statement", "signed", "2023-09-10")


def test_planned_visit_and_attending_abroad() -> None:
    f = facts(
        "url: x\ndate: 2024-04-12\n\n"
        "Phó Thủ tướng Trần Lưu Quang sẽ dự Hội nghị thường niên Diễn đàn Kinh tế thế giới (WEF) "
        "tại Davos, Thụy Sĩ vào tháng 6/2024.\n\n"
        "Dự kiến, Thủ tướng Nhật Bản Kishida Fumio sẽ thăm chính thức Việt Nam vào cuối tháng 5/2024.\n"
    )
    assert visits(f) == {
        ("Trần Lưu Quang", "VN", "CH", "2024-06", "planned"),
        ("Kishida Fumio", "JP", "VN", "2024-05", "planned"),
    }
    assert {o.code for o in f.organisations} == {"WEF"}


def test_attending_abroad_with_the_place_named_first() -> None:
    f = facts(
        "Ngày 9/9/2023, tại New Delhi, nhân dịp tham dự Hội nghị Thượng đỉnh G20 mở rộng, "
        "Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Ấn Độ Narendra Modi.\n"
    )
    assert visits(f) == {("Phạm Minh Chính", "VN", "IN", "2023-09-09", "completed")}
    assert meetings(f) == {(frozenset({"Phạm Minh Chính", "Narendra Modi"}), "meeting", "2023-09-09", "completed")}


def test_history_list_of_visits() -> None:
    f = facts(
        "Hai nước thường xuyên trao đổi Đoàn cấp cao. Phía Việt Nam có các chuyến thăm "
        "Mông Cổ của: Chủ tịch nước Trần Đức Lương (tháng 12/2004), Thủ tướng Nguyễn Tấn Dũng "
        "(tháng 4/2008), Phó Chủ tịch Quốc hội Uông Chu Lưu dự hội nghị theo hình thức trực tuyến (2021)."
    )
    assert visits(f) == {
        ("Trần Đức Lương", "VN", "MN", "2004-12", "completed"),
        ("Nguyễn Tấn Dũng", "VN", "MN", "2008-04", "completed"),
    }


def test_telegrams_pair_respectively_and_per_clause() -> None:
    f = facts(
        "Ngày 20/5, nhân kỷ niệm 30 năm ngày thiết lập quan hệ ngoại giao (1993-2023), Chủ tịch nước "
        "Võ Văn Thưởng và Thủ tướng Phạm Minh Chính đã gửi điện mừng tới Tổng thống Shavkat "
        "Mirziyoyev và Thủ tướng Abdulla Aripov; Bộ trưởng Ngoại giao Bùi Thanh Sơn cũng gửi điện mừng "
        "tới Bộ trưởng Ngoại giao Uzbekistan Bakhtiyor Saidov."
    )
    assert meetings(f) == {
        (frozenset({"Võ Văn Thưởng", "Shavkat Mirziyoyev"}), "message", "2023-05-20", "completed"),
        (frozenset({"Phạm Minh Chính", "Abdulla Aripov"}), "message", "2023-05-20", "completed"),
        (frozenset({"Bùi Thanh Sơn", "Bakhtiyor Saidov"}), "message", "2023-05-20", "completed"),
    }
    assert [(r.states, r.established) for r in f.relations] == [(("VN", "UZ"), "1993")]


def test_planned_meetings_with_a_leader_named_by_role() -> None:
    f = facts(
        " date 2024-10-02 Tổng thống Mông Cổ Ukhnaagiin Khurelsukh thăm chính thức Việt Nam từ ngày 2 đến 4/10.\n\n"
        "Theo chương trình, Tổng thống Mông Cổ sẽ hội kiến Thủ tướng Phạm Minh Chính và "
        "Chủ tịch Quốc hội Trần Thanh Mẫn."
    )
    assert ("Ukhnaagiin Khurelsukh", "MN", "VN", "2024-10-02", "completed") in visits(f)
    assert {(tuple(sorted(m[0])), m[3]) for m in meetings(f)} == {
        (("Phạm Minh Chính", "Ukhnaagiin Khurelsukh"), "planned"),
        (("Trần Thanh Mẫn", "Ukhnaagiin Khurelsukh"), "planned"),
    }


def test_agreement_statuses() -> None:
    f = facts(
        "url: x\ndate: 2024-01-30\n\n"
        "Hai bên đã ký Bản ghi nhớ về hợp tác trong lĩnh vực trồng lúa và Bản ghi nhớ về hợp tác "
        "phòng ngừa sự cố trên biển (ngày 30/1/2024). Hai nước khẩn trương đàm phán, tiến tới ký kết "
        "các văn kiện, trong đó có Hiệp định miễn thị thực và Hiệp định tránh đánh thuế hai lần. Hiệp định "
        "Thương mại tự do ASEAN - Úc - Niu Di-lân có hiệu lực từ ngày 1/1/2010."
    )
    got = {(a.name, a.status, a.date) for a in f.agreements}
    assert ("Bản ghi nhớ về hợp tác trong lĩnh vực trồng lúa", "signed", "2024-01-30") in got
    assert ("Bản ghi nhớ về hợp tác phòng ngừa sự cố trên biển", "signed", "2024-01-30") in got
    assert ("Hiệp định tránh đánh thuế hai lần", "negotiating", None) in got
    assert ("Hiệp định miễn thị thực", "negotiating", None) in got
    assert any(a.status == "in force" and a.date == "2010-01-01" and a.kind == "FTA" for a in f.agreements)


def test_names_after_a_foreign_state_and_sino_vietnamese_names() -> None:
    f = facts(
        " date 2024-07-10 Chủ tịch Quốc hội Trần Thanh Mẫn hội đàm với Chủ tịch Thượng viện Campuchia Hun Sen.\n\n"
        "Chiều 9/7, Chủ tịch Quốc hội Trần Thanh Mẫn đã hội đàm với Chủ tịch Thượng viện Campuchia "
        "Hun Sen. Cùng ngày, Chủ tịch Quốc hội hội kiến Thủ tướng Campuchia Hun Manet. "
        "Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình đã điện đàm với Tổng Bí thư Tô Lâm."
    )
    people = {p.name: p.state for p in f.people}
    assert people == {"Trần Thanh Mẫn": "VN", "Hun Sen": "KH", "Hun Manet": "KH", "Tập Cận Bình": "CN", "Tô Lâm": "VN"}
    dated = {(tuple(sorted(m.participants)), m.date) for m in f.meetings}
    assert (("Hun Sen", "Trần Thanh Mẫn"), "2024-07-09") in dated
    assert (("Hun Manet", "Trần Thanh Mẫn"), "2024-07-09") in dated
    # the summary line repeats the talks without a date: it is the same meeting, not another
    assert {m.date for m in f.meetings if "Hun Sen" in m.participants} <= {"2024-07-09", None}


def test_same_person_in_one_article_under_several_spellings() -> None:
    f = facts(
        "Thứ trưởng Ngoại giao Kyrgyzstan Meder Abakirov đã điện đàm với Thứ trưởng Lê Thị Thu Hằng "
        "ngày 17/2/2025. Thứ trưởng Abakirov Meder cảm ơn. Thứ trưởng Abakirov cũng mời "
        "Thứ trưởng Lê Thị Thu Hằng sớm thăm Kyrgyzstan."
    )
    (abakirov,) = [p for p in f.people if "Abakirov" in p.name]
    assert set(abakirov.spellings) >= {"Meder Abakirov", "Abakirov Meder", "Abakirov"}
    assert ("Lê Thị Thu Hằng", "VN", "KG", None, "invited") in visits(f)


def test_only_two_way_trade_is_a_trade_figure() -> None:
    f = facts(
        "Năm 2023, kim ngạch thương mại hai chiều Việt Nam - Nhật Bản đạt 44,9 tỷ USD. "
        "Trong đó, xuất khẩu của Việt Nam sang Nhật Bản đạt 23,3 tỷ USD năm 2023. "
        "Về đầu tư, Nhật Bản có tổng vốn đăng ký 71 tỷ USD năm 2023, đứng thứ 3 trong thương mại. "
        "Hai nước phấn đấu đưa kim ngạch thương mại lên 60 tỷ USD năm 2030."
    )
    assert [(t.states, t.year, int(t.usd)) for t in f.trade] == [(("VN", "JP"), "2023", 44_900_000_000)]


def test_relations_in_both_word_orders() -> None:
    f = facts("Quan hệ ngoại giao Việt Nam - Nhật Bản được thiết lập ngày 21/9/1973.")
    assert [(r.states, r.established) for r in f.relations] == [(("VN", "JP"), "1973-09-21")]
    f = facts("Hai nước kỷ niệm 50 năm ngày thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản (21/9/1973 - 21/9/2023).")
    assert [(r.states, r.established) for r in f.relations] == [(("VN", "JP"), "1973-09-21")]
    # an anniversary alone is a relation too, its year counted back from the article's (here none)
    f = facts("Năm nay kỷ niệm 45 năm thiết lập quan hệ ngoại giao Việt Nam - Singapore.")
    assert [(r.states, r.established) for r in f.relations] == [(("VN", "SG"), None)]


def test_memberships_of_one_state_and_of_several() -> None:
    f = facts(
        "Kazakhstan là thành viên của Liên minh Kinh tế Á-Âu (EAEU).\n"
        "Việt Nam và Thái Lan đều là thành viên của Hiệp hội các quốc gia Đông Nam Á (ASEAN).\n"
        "Hợp tác giữa Việt Nam với Lào là thành viên của ASEAN.\n"
    )
    assert {(m.state, m.organisation) for m in f.memberships} == {("KZ", "EAEU"), ("VN", "ASEAN"), ("TH", "ASEAN"),
                                                                 ("LA", "ASEAN")}


PUTIN = """date: 2024-06-21

Theo lời mời của Tổng Bí thư Nguyễn Phú Trọng, Tổng thống Liên bang Nga Vladimir Putin đã thăm cấp Nhà nước Việt Nam trong hai ngày 19-20/6/2024.

Sáng 20/6, Chủ tịch nước Tô Lâm và Tổng thống Putin đã hội đàm tại Phủ Chủ tịch. Sau hội đàm, hai nhà lãnh đạo đã chứng kiến lễ ký các văn kiện hợp tác, gồm: Hiệp định giữa Chính phủ Việt Nam và Chính phủ Liên bang Nga về hợp tác giáo dục; Bản ghi nhớ về hợp tác trong lĩnh vực năng lượng.

Cùng ngày, Thủ tướng Phạm Minh Chính đã hội kiến Tổng thống Putin. Chủ tịch Quốc hội Trần Thanh Mẫn cũng đã gặp Tổng thống Vladimir Putin.
"""


def test_a_list_of_signed_documents_and_a_meeting_told_with_also() -> None:
    f = facts(PUTIN)
    assert {(a.name, a.kind, a.status, a.date) for a in f.agreements} == {
        ("Hiệp định giữa Chính phủ Việt Nam và Chính phủ Liên bang Nga về hợp tác giáo dục", "agreement", "signed",
         "2024-06-20"),
        ("Bản ghi nhớ về hợp tác trong lĩnh vực năng lượng", "memorandum", "signed", "2024-06-20"),
    }
    assert meetings(f) == {
        (frozenset({"Tô Lâm", "Vladimir Putin"}), "talks", "2024-06-20", "completed"),
        (frozenset({"Phạm Minh Chính", "Vladimir Putin"}), "meeting", "2024-06-20", "completed"),
        (frozenset({"Trần Thanh Mẫn", "Vladimir Putin"}), "meeting", "2024-06-20", "completed"),
    }


def test_on_this_occasion_is_the_day_just_told() -> None:
    f = facts(
        "Ngày 11/3/2024, tại Paris, Thứ trưởng Ngoại giao Đỗ Hùng Việt và Tổng Thư ký Bộ Châu Âu và Ngoại giao "
        "Pháp Anne-Marie Descôtes đã đồng chủ trì Tham vấn chính trị Việt Nam - Pháp lần thứ 12.\n\n"
        "Nhân dịp này, Thứ trưởng Đỗ Hùng Việt đã chào xã giao Bộ trưởng Châu Âu và Ngoại giao Pháp Stéphane Séjourné.\n"
    )
    assert meetings(f) == {
        (frozenset({"Đỗ Hùng Việt", "Anne-Marie Descôtes"}), "consultation", "2024-03-11", "completed"),
        (frozenset({"Đỗ Hùng Việt", "Stéphane Séjourné"}), "courtesy meeting", "2024-03-11", "completed"),
    }


def test_an_office_viet_nam_has_too_does_not_make_a_foreign_leader_vietnamese() -> None:
    f = facts(
        "Tổng Bí thư, Chủ tịch nước Cộng hòa Nhân dân Trung Hoa Tập Cận Bình đã thăm cấp Nhà nước Việt Nam "
        "từ ngày 12 đến 13/12/2023 theo lời mời của Tổng Bí thư Nguyễn Phú Trọng.\n\n"
        "Sáng 13/12, Thủ tướng Phạm Minh Chính đã hội kiến Tổng Bí thư, Chủ tịch Tập Cận Bình.\n"
    )
    states = {p.name: p.state for p in f.people}
    assert states == {"Nguyễn Phú Trọng": "VN", "Tập Cận Bình": "CN", "Phạm Minh Chính": "VN"}
    assert visits(f) == {("Tập Cận Bình", "CN", "VN", "2023-12-12", "completed")}


def test_officials_of_organisations_serve_no_state_and_palaces_are_no_titles() -> None:
    f = facts(
        "Chiều 4/7/2024, tại Phủ Chủ tịch, Chủ tịch nước Tô Lâm đã tiếp Đại sứ Brazil Marco Farani.\n\n"
        "Ngày 3/7/2024, Thứ trưởng Thường trực Bộ Ngoại giao Nguyễn Minh Vũ đã làm việc với Phó Tổng thư ký "
        "Liên hợp quốc Amina Mohammed tại Hà Nội.\n"
    )
    people = {p.name: (p.titles, p.state) for p in f.people}
    assert people["Tô Lâm"] == (("Chủ tịch nước",), "VN")
    assert people["Amina Mohammed"] == (("Phó Tổng thư ký Liên hợp quốc",), None)
    assert (frozenset({"Nguyễn Minh Vũ", "Amina Mohammed"}), "meeting", "2024-07-03", "completed") in meetings(f)


def test_signed_then_in_force_and_this_year() -> None:
    f = facts(
        "url: x\ndate: 2024-05-20\n\n"
        "Hiệp định tránh đánh thuế hai lần giữa Việt Nam và Hungary được ký năm 2016 và có hiệu lực từ năm 2017.\n\n"
        "Dự kiến, Thủ tướng Hungary Orbán Viktor sẽ thăm Việt Nam vào cuối năm nay.\n"
    )
    assert {(a.status, a.date) for a in f.agreements} == {("signed", "2016"), ("in force", "2017")}
    assert visits(f) == {("Orbán Viktor", "HU", "VN", "2024", "planned")}


def test_a_quoted_name_is_kept_whole() -> None:
    f = facts(
        "date: 2023-11-29\n\nChiều 27/11, tại Tokyo, Chủ tịch nước Võ Văn Thưởng đã hội đàm với Thủ tướng Nhật Bản "
        "Kishida Fumio. Hai nhà lãnh đạo đã ra Tuyên bố chung về việc nâng cấp quan hệ Việt Nam - Nhật Bản lên "
        "“Đối tác Chiến lược toàn diện vì hòa bình và thịnh vượng tại châu Á và trên thế giới”.\n"
    )
    (statement,) = f.agreements
    assert statement.name.endswith("lên “Đối tác Chiến lược toàn diện vì hòa bình và thịnh vượng tại châu Á và trên thế giới”")
    assert (statement.kind, statement.status, statement.date) == ("joint statement", "signed", "2023-11-27")


def test_a_meeting_on_the_day_the_sentence_opens_with_during_a_visit_of_several_days() -> None:
    f = facts(""" date 2025-01-10 Chủ tịch nước Lương Cường hội kiến Quốc vương Campuchia

Phnom Penh, ngày 9/1/2025 - Trong khuôn khổ chuyến thăm cấp Nhà nước tới Vương quốc Campuchia từ ngày 8 đến 10/1/2025, Chủ tịch nước Lương Cường đã hội kiến Quốc vương Campuchia Norodom Sihamoni.

Trước đó, Chủ tịch nước Lương Cường đã hội đàm với Chủ tịch Thượng viện Campuchia Hun Sen.
""")
    assert ("Lương Cường", "VN", "KH", "2025-01-08", "completed") in visits(f)
    # the stretch of days is the visit's; the headline's undated mention is the dated meeting
    # (one event), and a meeting dated nowhere was held during the visit
    assert meetings(f) == {
        (frozenset({"Lương Cường", "Norodom Sihamoni"}), "meeting", "2025-01-09", "completed"),
        (frozenset({"Lương Cường", "Hun Sen"}), "talks", "2025-01-08", "completed"),
    }


def test_an_agreement_named_again_by_its_kind_alone_and_a_year_after_its_name() -> None:
    f = facts(""" date 2025-04-16 Việt Nam - Nhật Bản

Việt Nam và Nhật Bản ký kết Hiệp định Đối tác Kinh tế Việt Nam - Nhật Bản năm 2008; Hiệp định có hiệu lực từ ngày 1/10/2009.

Hai bên đã ký Bản ghi nhớ.
""")
    # the year is when it was signed, not part of its name; "Hiệp định" alone is the one just
    # named; a memorandum named by its kind alone, with none named before, is left out
    assert {(a.name, a.parties, a.status, a.date) for a in f.agreements} == {
        ("Hiệp định Đối tác Kinh tế Việt Nam - Nhật Bản", ("JP", "VN"), "signed", "2008"),
        ("Hiệp định Đối tác Kinh tế Việt Nam - Nhật Bản", ("JP", "VN"), "in force", "2009-10-01"),
    }


def test_the_next_stop_of_a_visit_and_an_invitation_to_visit_again() -> None:
    f = facts(""" date 2024-11-01 Chủ tịch nước sẽ thăm Chile và Peru

Theo lời mời của Tổng thống Chile Gabriel Boric Font, Chủ tịch nước Lương Cường sẽ thăm cấp Nhà nước tới Chile từ ngày 9 đến 11/11/2024; sau đó thăm chính thức Peru.

Dịp này, Chủ tịch nước Lương Cường trân trọng mời Tổng thống Gabriel Boric Font sớm thăm lại Việt Nam.
""")
    assert visits(f) >= {  # (and the headline's undated visit to Chile)
        ("Lương Cường", "VN", "CL", "2024-11-09", "planned"),
        # "sau đó thăm ...": the same guest's next stop, as planned as the first
        ("Lương Cường", "VN", "PE", None, "planned"),
        ("Gabriel Boric Font", "CL", "VN", None, "invited"),
    }
    # the headline's undated visits to both (one node each with the body's, once resolved)
    assert {(v.host_state, v.kind) for v in f.visits if v.guest == "Lương Cường" and v.start != "2024-11-09"} == {
        ("CL", "visit"), ("PE", "visit"), ("PE", "official visit")}


def test_a_place_before_an_apposition_is_no_person() -> None:
    f = facts(""" date 2024-09-06 Đại sứ trình Quốc thư

Ngày 5/9/2024, tại Điện Élysée, Đại sứ Việt Nam tại Pháp Đinh Toàn Thắng đã trình Quốc thư lên Tổng thống Pháp Emmanuel Macron.

Ông Anwar Ibrahim, Thủ tướng Malaysia, khẳng định Malaysia coi trọng quan hệ với Việt Nam.
""")
    assert {(p.name, p.titles[0], p.state) for p in f.people} == {
        ("Đinh Toàn Thắng", "Đại sứ Việt Nam tại Pháp", "VN"),
        ("Emmanuel Macron", "Tổng thống Pháp", "FR"),
        ("Anwar Ibrahim", "Thủ tướng Malaysia", "MY"),  # an apposition after a person stays his title
    }


def test_the_visit_a_reception_is_held_for_and_a_headline_told_in_other_words() -> None:
    f = facts(""" date 2025-03-16 Bộ trưởng Lương Tam Quang làm việc với Bộ trưởng Bộ An ninh Lào Vilay Lakhamphong

Ngày 16/3/2025, Phó Chủ tịch nước Võ Thị Ánh Xuân đã tiếp Chủ tịch Quốc hội Hàn Quốc Woo Won-shik nhân dịp chuyến thăm chính thức Việt Nam từ ngày 15 đến 18/3/2025.

Cùng ngày, Đại tướng Lương Tam Quang, Bộ trưởng Bộ Công an Việt Nam đã hội đàm với Bộ trưởng Bộ An ninh Lào Vilay Lakhamphong.
""")
    # the visit is the guest's, not the host's who receives him
    assert visits(f) == {("Woo Won-shik", "KR", "VN", "2025-03-15", "completed")}
    # the headline's "làm việc với" is the talks the article dates: one event, not two
    assert {(m.participants, m.kind, m.date) for m in f.meetings if "Vilay Lakhamphong" in m.participants} == {
        (("Lương Tam Quang", "Vilay Lakhamphong"), "talks", "2025-03-16"),
    }


def test_a_leader_at_the_head_of_a_delegation_attends_abroad() -> None:
    f = facts(""" date 2024-10-09 Thủ tướng dự Hội nghị Cấp cao ASEAN

Ngày 9/10/2024, Thủ tướng Phạm Minh Chính dẫn đầu đoàn đại biểu cấp cao Việt Nam tham dự Hội nghị Cấp cao ASEAN lần thứ 44 tại Viêng Chăn, Lào.

Bên lề Hội nghị, Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Thái Lan Paetongtarn Shinawatra.
""")
    assert visits(f) == {("Phạm Minh Chính", "VN", "LA", "2024-10-09", "completed")}
    assert meetings(f) == {(frozenset({"Phạm Minh Chính", "Paetongtarn Shinawatra"}), "meeting", "2024-10-09", "completed")}


def test_a_working_trip_a_phone_exchange_the_year_of_a_month_told_before_and_joining() -> None:
    f = facts("""Phó Thủ tướng Trần Hồng Hà làm việc tại Hàn Quốc

Đầu tháng 11/2024, Phó Thủ tướng Trần Hồng Hà đã có chuyến công tác tại Hàn Quốc.

Phó Thủ tướng Trần Hồng Hà cũng đã trao đổi điện thoại với Bộ trưởng Môi trường Hàn Quốc Kim Wan-sup vào ngày 8/11.

Việt Nam gia nhập Liên hợp quốc năm 1977.
""")
    assert visits(f) == {("Trần Hồng Hà", "VN", "KR", "2024-11", "completed")}
    assert [v.kind for v in f.visits] == ["working visit"]
    # no publication date: "ngày 8/11" is in the year its month was told with
    assert meetings(f) == {(frozenset({"Trần Hồng Hà", "Kim Wan-sup"}), "phone call", "2024-11-08", "completed")}
    assert [(m.state, m.organisation) for m in f.memberships] == [("VN", "UN")]


def test_documents_handed_over_and_a_part_of_a_year_after_the_figure() -> None:
    f = facts("""date: 2024-07-02

Thủ tướng Lào thăm Việt Nam

Chiều 1/7, Thủ tướng Lào Sonexay Siphandone đã đến Hà Nội, bắt đầu chuyến thăm làm việc tại Việt Nam.

Hai Thủ tướng đã chứng kiến lễ trao các văn kiện hợp tác, gồm: Bản ghi nhớ về hợp tác giáo dục; Thỏa thuận về hợp tác năng lượng.

Thương mại song phương đạt 1,2 tỷ USD trong 6 tháng đầu năm 2024.
""")
    assert {(a.name, a.kind, a.status) for a in f.agreements} == {
        ("Bản ghi nhớ về hợp tác giáo dục", "memorandum", "signed"),
        ("Thỏa thuận về hợp tác năng lượng", "agreement", "signed"),
    }
    assert [(t.states, t.year, t.period, int(t.usd)) for t in f.trade] == [
        (("VN", "LA"), "2024", "6 tháng đầu năm", 1_200_000_000)]


def test_a_plans_year_is_part_of_its_name() -> None:
    f = facts(""" date 2025-01-02 Việt Nam - Nhật Bản

Ngày 1/1/2025, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm với Bộ trưởng Ngoại giao Nhật Bản Iwaya Takeshi. Hai bên đã ký Kế hoạch hành động năm 2025 giữa hai Bộ Ngoại giao.
""")
    assert [a.name for a in f.agreements] == ["Kế hoạch hành động năm 2025 giữa hai Bộ Ngoại giao"]


def test_an_agreement_signed_after_talks_is_dated_by_them() -> None:
    f = facts("""date: 2024-01-31

Tổng thống Philippines thăm Việt Nam

Hôm 30/1, Chủ tịch nước Võ Văn Thưởng và Tổng thống Philippines Ferdinand Marcos Jr. đã hội đàm tại Phủ Chủ tịch. Sau hội đàm, hai nhà lãnh đạo chứng kiến lễ ký Bản ghi nhớ về hợp tác phòng ngừa sự cố trên biển.
""")
    assert [(a.name, a.parties, a.status, a.date) for a in f.agreements] == [
        ("Bản ghi nhớ về hợp tác phòng ngừa sự cố trên biển", ("PH", "VN"), "signed", "2024-01-30")]


def test_a_visit_told_again_on_one_of_its_days_is_that_visit() -> None:
    f = facts("""Tổng Bí thư rời Kazakhstan

15:30 | 07/05/2025
Chiều 7/5, kết thúc các hoạt động trong chuyến thăm cấp Nhà nước Kazakhstan, Tổng Bí thư Tô Lâm đã rời thủ đô Astana, lên đường thăm cấp Nhà nước Azerbaijan.

Tổng Bí thư Tô Lâm có chuyến thăm cấp Nhà nước tới Kazakhstan từ ngày 5-7/5.
""")
    assert visits(f) == {
        ("Tô Lâm", "VN", "KZ", "2025-05-05", "completed"),  # not again on 7/5, the day it ended
        ("Tô Lâm", "VN", "AZ", "2025-05-07", "completed"),
    }


def test_a_title_inside_a_would_be_name_and_a_since_phrase_after_a_visit() -> None:
    f = facts("""Uzbekistan mong muốn đón đoàn cấp cao Việt Nam

Chiều 18/3/2024, Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Ngoại giao Uzbekistan Bakhtiyor Saidov đang thăm chính thức Việt Nam từ ngày 17-19/3/2024.

Tháp tùng Ngoại trưởng có Thứ trưởng Ngoại giao, 4 Phó Thống đốc tỉnh và khoảng 70 doanh nghiệp Uzbekistan.

Đây là chuyến thăm Việt Nam đầu tiên của Bộ trưởng Ngoại giao Uzbekistan kể từ khi 2 nước thiết lập quan hệ ngoại giao năm 1992.
""")
    # "Phó Thống đốc" is a title, not a person "Phó Thống"
    assert {p.name for p in f.people} == {"Phạm Minh Chính", "Bakhtiyor Saidov"}
    # the year of the relations is not the visit's: that visit is the one told before, undated
    assert visits(f) == {("Bakhtiyor Saidov", "UZ", "VN", "2024-03-17", "completed"),
                         ("Bakhtiyor Saidov", "UZ", "VN", None, "completed")}


def test_a_transliterated_name_is_also_known_by_its_original_in_brackets() -> None:
    f = facts("""Điện mừng Quốc khánh Mông Cổ

Ngày 10/7/2018, Thủ tướng Chính phủ Nguyễn Xuân Phúc đã gửi điện mừng đến Thủ tướng Mông Cổ Ô-khơ-na Hu-rên-su-khơ (Ukhnaagiin KHURELSUKH).
""")
    (mongolian,) = [p for p in f.people if p.state == "MN"]
    assert mongolian.name == "Ô-khơ-na Hu-rên-su-khơ"
    assert "Ukhnaagiin Khurelsukh" in mongolian.spellings  # so another article's spelling is the same node


def test_a_holiday_named_by_its_day_is_not_the_date_of_a_meeting() -> None:
    f = facts(""" date 2025-09-01 Chủ tịch nước tiếp Chủ tịch Hạ viện Belarus

Sáng 1/9, tại Phủ Chủ tịch, Chủ tịch nước Lương Cường đã tiếp Chủ tịch Hạ viện Belarus Igor Sergeyenko sang Việt Nam dự Lễ kỷ niệm 80 năm Cách mạng tháng Tám thành công và Quốc khánh 2/9 (1945-2025).
""")
    # "Quốc khánh 2/9" names the holiday: the reception is on 1/9, done, not planned for 2/9
    assert {m for m in meetings(f) if m[2]} == {
        (frozenset({"Lương Cường", "Igor Sergeyenko"}), "reception", "2025-09-01", "completed")}


def test_attending_abroad_told_with_nhan_du_and_a_leaders_meeting() -> None:
    f = facts(""" date 2025-10-28 Thủ tướng họp với Thủ tướng Singapore

Nhân dự Hội nghị Cấp cao ASEAN lần thứ 47 tại Kuala Lumpur, Malaysia, sáng 28/10, Thủ tướng Chính phủ Phạm Minh Chính và Thủ tướng Singapore Lawrence Wong đã có cuộc họp thường niên lần thứ 2.
""")
    assert ("Phạm Minh Chính", "VN", "MY", "2025-10-28", "completed") in visits(f)
    assert (frozenset({"Phạm Minh Chính", "Lawrence Wong"}), "meeting", "2025-10-28", "completed") in meetings(f)


def test_one_actor_through_a_list_of_meetings_and_a_council_in_a_title() -> None:
    f = facts(""" date 2023-09-30 Phó Chủ tịch Quốc hội thăm Kyrgyzstan

Phó Chủ tịch Quốc hội Nguyễn Khắc Định dẫn đầu Đoàn Đại biểu Quốc hội thăm Cộng hòa Kyrgystan từ ngày 29 - 30/9/2023.

Trong khuôn khổ chuyến thăm, Phó Chủ tịch Quốc hội Nguyễn Khắc Định đã có các cuộc hội đàm với Phó Chủ tịch Hội đồng Tối cao Kyrgyzstan Dzhamilia Isaeva; hội kiến Chủ tịch Hội đồng Bộ trưởng Kyrgyzstan, Akylbek Japarov.
""")
    assert ("Nguyễn Khắc Định", "VN", "KG", "2023-09-29", "completed") in visits(f)  # "Kyrgystan", as spelled
    # "; hội kiến C": the same actor as the clause before
    assert {(m.participants, m.kind) for m in f.meetings} == {
        (("Nguyễn Khắc Định", "Dzhamilia Isaeva"), "talks"), (("Nguyễn Khắc Định", "Akylbek Japarov"), "meeting")}
    japarov = next(p for p in f.people if p.name == "Akylbek Japarov")
    assert "Chủ tịch Hội đồng Bộ trưởng Kyrgyzstan" in japarov.titles  # not "Bộ trưởng Kyrgyzstan"


def test_a_meeting_told_without_a_date_on_the_day_told_last_and_a_month_with_a_dash() -> None:
    f = facts("""Chủ tịch nước chủ trì lễ đón Tổng thống Indonesia

Cập nhật: 12/01/2024
Tổng thống Indonesia Joko Widodo thăm cấp Nhà nước tới Việt Nam từ ngày 11-13/1 theo lời mời của Chủ tịch nước Võ Văn Thưởng. Sáng nay (12/1), tại Phủ Chủ tịch, Chủ tịch nước Võ Văn Thưởng chủ trì lễ đón trọng thể Tổng thống Joko Widodo.

Sau lễ đón, Chủ tịch nước Võ Văn Thưởng và Tổng thống Joko Widodo đã hội đàm.

Tổng thống Joko Widodo từng thăm chính thức Việt Nam vào tháng 9-2022.
""")
    # held during the visit, on the day the article told last (not its first day, 11/1)
    assert meetings(f) == {(frozenset({"Võ Văn Thưởng", "Joko Widodo"}), "talks", "2024-01-12", "completed")}
    assert ("Joko Widodo", "ID", "VN", "2022-09", "completed") in visits(f)  # "tháng 9-2022"


def test_a_title_in_lower_case_and_a_meeting_with_a_time_of_its_own_is_not_during_the_visit() -> None:
    f = facts("""Thủ tướng Campuchia sẽ thăm Việt Nam

Thủ tướng Vương quốc Campuchia Hun Manet sẽ thăm chính thức Việt Nam trong hai ngày 11 và 12-12.

Dự kiến, Thủ tướng Hun Manet sẽ hội kiến với Tổng bí thư Nguyễn Phú Trọng.

Hồi tháng 9 năm nay, Thủ tướng Phạm Minh Chính và Thủ tướng Campuchia Hun Manet đã lần đầu tiên gặp mặt trực tiếp.
""")
    assert ("Nguyễn Phú Trọng", "VN") in {(p.name, p.state) for p in f.people}  # "Tổng bí thư"
    assert (frozenset({"Hun Manet", "Nguyễn Phú Trọng"}), "meeting", "--12-11", "planned") in meetings(f)
    # "Hồi tháng 9": not on the visit's first day, though the year cannot be told
    assert (frozenset({"Hun Manet", "Phạm Minh Chính"}), "meeting", None, "completed") in meetings(f)


def test_the_days_of_the_visit_just_told_given_by_the_next_sentence() -> None:
    f = facts("""Thủ tướng Nguyễn Xuân Phúc đến Bangkok

Chiều 17/08, Thủ tướng Chính phủ Nguyễn Xuân Phúc dẫn đầu đoàn đại biểu cấp cao Việt Nam đến sân bay Don Mueang, thủ đô Bangkok, bắt đầu chuyến thăm chính thức Vương quốc Thái Lan.

Chuyến thăm diễn ra từ ngày 17-19/08/2017, theo lời mời của Thủ tướng Thái Lan Prayuth Chan-ocha.
""")
    (visit,) = [v for v in f.visits if v.start and v.end]
    assert (visit.guest, visit.host_state, visit.start, visit.end, visit.invited_by) == (
        "Nguyễn Xuân Phúc", "TH", "2017-08-17", "2017-08-19", "Prayuth Chan-ocha")


def test_a_father_named_in_his_sons_name_and_a_state_carried_along_a_list() -> None:
    f = facts("""Điện mừng Quốc khánh

Quốc vương Vương quốc Saudi Arabia Salman bin Abdullaziz Al Saud và Hoàng Thái tử, Thủ tướng Vương quốc Saudi Arabia Mohammed bin Salman bin Abdullaziz al Saud gửi Điện mừng tới Chủ tịch nước Võ Văn Thưởng.

Chủ tịch nước Lào Bounnhang Vorachith; Thủ tướng Lào Thongloun Sisoulith và Chủ tịch Quốc hội Pany Yathotou đã đồng gửi Điện mừng tới Chủ tịch nước Võ Văn Thưởng.

Theo lời mời của Bộ trưởng Kinh tế Lào Sonxay Inthavorath, Bộ trưởng Kiều Hồng Chiến thăm Lào từ ngày 20 đến ngày 23/4/2025.
""")
    people = {p.name: p.state for p in f.people}
    # two people: the king, and the crown prince whose name holds his father's
    assert people["Salman bin Abdullaziz Al Saud"] == people["Mohammed bin Salman bin Abdullaziz al Saud"] == "SA"
    assert people["Pany Yathotou"] == "LA"  # of the state of the title before, in the same list
    assert people["Kiều Hồng Chiến"] == "VN"  # after "Theo lời mời của ... Lào X," a new subject


def test_attending_an_event_told_without_du_on_the_day_told_nearest_before() -> None:
    f = facts(""" date 2023-07-14 Việt - Mỹ

Bộ Ngoại giao ngày 14/7 cho biết, tối 13/7, nhân dịp Hội nghị Bộ trưởng Ngoại giao ASEAN lần thứ 56 tại Jakarta, Indonesia, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã có cuộc gặp ngắn với Ngoại trưởng Mỹ Antony J. Blinken.
""")
    assert visits(f) == {("Bùi Thanh Sơn", "VN", "ID", "2023-07-13", "completed")}
    assert (frozenset({"Bùi Thanh Sơn", "Antony J. Blinken"}), "meeting", "2023-07-13", "completed") in meetings(f)


def test_an_officeholders_wife_is_no_official_and_what_is_to_come_runs_through_a_list() -> None:
    f = facts(""" date 2020-10-30 Chủ tịch Quốc hội Hàn Quốc thăm Việt Nam

Đoàn gồm Chủ tịch Quốc hội Hàn Quốc Park Byeong Seug và phu nhân Chủ tịch Quốc hội Hàn Quốc Han Myeong Hee.

Trong khuôn khổ chuyến thăm, Chủ tịch Quốc hội Hàn Quốc Park Byeong Seug sẽ hội đàm với Chủ tịch Quốc hội Nguyễn Thị Kim Ngân; hội kiến Thủ tướng Nguyễn Xuân Phúc.
""")
    assert "Han Myeong Hee" not in {p.name for p in f.people}
    # "A sẽ hội đàm với B; hội kiến C": both to come
    assert {(m.participants[1] if m.participants[0] == "Park Byeong Seug" else m.participants[0], m.status)
            for m in f.meetings} == {("Nguyễn Thị Kim Ngân", "planned"), ("Nguyễn Xuân Phúc", "planned")}


def test_a_visit_of_someone_whose_host_the_sentence_does_not_name() -> None:
    f = facts(""" date 2020-11-05 Quan hệ Việt Nam - Hàn Quốc

Chủ tịch Quốc hội Nguyễn Thị Kim Ngân đã hội đàm với Chủ tịch Quốc hội Hàn Quốc Park Byeong Seug.

Chuyến thăm chính thức của Chủ tịch Quốc hội Hàn Quốc Park Byeong Seug từ ngày 31/10-4/11 góp phần củng cố quan hệ hai nước.
""")
    # "Chuyến thăm ... của X" with no host: between Viet Nam and the state the article is about
    assert ("Park Byeong Seug", "KR", "VN", "2020-10-31", "completed") in visits(f)


def test_days_told_from_the_day_of_publication() -> None:
    # "hôm qua" is the day before the article was published, "ngày mai" the day after; a day
    # written after the word ("ngày mai 12/6") is that day
    f = facts("""Điện đàm giữa hai Ngoại trưởng

Ngày 27 tháng 5 năm 2021

Hôm qua, Ngoại trưởng Hoa Kỳ Antony Blinken đã điện đàm với Bộ trưởng Ngoại giao Bùi Thanh Sơn.

Ngày mai, Thủ tướng Phạm Minh Chính sẽ hội đàm với Thủ tướng Nhật Bản Suga Yoshihide.

Tối qua 25/5, Bộ trưởng Bùi Thanh Sơn đã tiếp Đại sứ Nhật Bản Yamada Takio.
""")
    assert meetings(f) == {
        (frozenset({"Antony Blinken", "Bùi Thanh Sơn"}), "phone call", "2021-05-26", "completed"),
        (frozenset({"Phạm Minh Chính", "Suga Yoshihide"}), "talks", "2021-05-28", "planned"),
        (frozenset({"Bùi Thanh Sơn", "Yamada Takio"}), "reception", "2021-05-25", "completed"),
    }


def test_a_day_from_publication_needs_the_day_of_publication() -> None:
    f = facts("Hôm qua, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Ngoại trưởng Hoa Kỳ Antony Blinken.")
    assert meetings(f) == {(frozenset({"Antony Blinken", "Bùi Thanh Sơn"}), "phone call", None, "completed")}


def test_documents_listed_one_a_line_after_the_ceremony() -> None:
    f = facts("""Hai nước trao văn kiện hợp tác

date: 2025-08-11

Trưa 11/8, tại Seoul, ngay sau hội đàm, Tổng Bí thư Tô Lâm và Tổng thống Hàn Quốc Lee Jae Myung đã chứng kiến Lễ trao các văn kiện hợp tác song phương.

Các văn kiện hợp tác gồm:

1. Bản ghi nhớ giữa Bộ Y tế Việt Nam và Bộ Y tế Hàn Quốc về hợp tác y tế.

2. Hiệp định dẫn độ giữa Việt Nam và Hàn Quốc.

Hai nhà lãnh đạo cũng trao đổi về Kế hoạch hợp tác giữa hai Bộ Tư pháp.
""")
    assert {(a.name, a.kind, a.parties, a.status, a.date) for a in f.agreements} == {
        ("Bản ghi nhớ giữa Bộ Y tế Việt Nam và Bộ Y tế Hàn Quốc về hợp tác y tế", "memorandum", ("KR", "VN"),
         "signed", "2025-08-11"),
        ("Hiệp định dẫn độ giữa Việt Nam và Hàn Quốc", "agreement", ("KR", "VN"), "signed", "2025-08-11"),
    }  # the list ends where a sentence opens with something else


def test_the_two_leaders_are_the_two_just_named() -> None:
    f = facts("""Thủ tướng Singapore thăm chính thức Việt Nam

date: 2025-03-26

Sáng 26/3, tại Hà Nội, Thủ tướng Phạm Minh Chính chủ trì Lễ đón Thủ tướng Singapore Lawrence Wong thăm chính thức Việt Nam từ ngày 25/3 đến ngày 26/3.

Sau Lễ đón, hai Thủ tướng tiến hành hội đàm.

Sau hội đàm, hai Thủ tướng chứng kiến Lễ ký kết Bản ghi nhớ về hợp tác kinh tế số giữa hai nước.
""")
    assert meetings(f) == {(frozenset({"Phạm Minh Chính", "Lawrence Wong"}), "talks", "2025-03-26", "completed")}
    # signed on the day told last, one of the visit's
    assert [(a.parties, a.status, a.date) for a in f.agreements] == [(("SG", "VN"), "signed", "2025-03-26")]


def test_the_two_leaders_are_not_guessed() -> None:
    # three people named before: which two is not told
    f = facts("""date: 2025-03-26

Thủ tướng Phạm Minh Chính đón Thủ tướng Singapore Lawrence Wong và Thủ tướng Lào Sonexay Siphandone.

Hai Thủ tướng hội đàm.
""")
    assert meetings(f) == set()


def test_a_visit_wished_for_is_invited_and_a_regnal_number_is_part_of_the_name() -> None:
    f = facts("""date: 2016-11-09

Ngày 9/11, Đại sứ Maroc Azzeddiine Farhane đã trình Quốc thư lên Chủ tịch nước Trần Đại Quang.

Nhân dịp này, Chủ tịch nước Trần Đại Quang bày tỏ mong muốn sớm được đón Quốc vương Maroc Mohammed VI thăm chính thức Việt Nam.
""")
    assert visits(f) == {("Mohammed VI", "MA", "VN", None, "invited")}
    (visit,) = f.visits
    assert visit.invited_by == "Trần Đại Quang"


WANG_YI = """Ngoại trưởng Trung Quốc sắp thăm Việt Nam

date: 2023-11-29

Ông Vương Nghị, Ủy viên Bộ Chính trị, Ngoại trưởng Trung Quốc, sẽ đến Việt Nam và cùng Phó Thủ tướng Trần Lưu Quang đồng chủ trì Phiên họp Ủy ban chỉ đạo hợp tác song phương ngày 1-2/12.

Ông Vương Nghị cũng dự kiến chào Tổng Bí thư Nguyễn Phú Trọng, cũng như hội đàm với Bộ trưởng Ngoại giao Bùi Thanh Sơn.

Năm ngoái, thương mại hai chiều Việt Nam - Trung Quốc đạt 175,6 tỷ USD, tăng 5,5% so với cùng kỳ.
"""


def test_an_arrival_told_with_its_days_is_the_visit_and_dates_its_meetings() -> None:
    f = facts(WANG_YI)
    # the title after the name, past the party office before it, says whom he serves
    (wang,) = [p for p in f.people if p.name == "Vương Nghị"]
    assert wang.state == "CN"
    # (the headline's "sắp thăm Việt Nam", undated, is the same visit: resolved into one node)
    assert visits(f) == {("Vương Nghị", "CN", "VN", "2023-12-01", "planned"), ("Vương Nghị", "CN", "VN", None, "planned")}
    # co-chairing a session is a meeting of the two co-chairs
    assert meetings(f) == {
        (frozenset({"Vương Nghị", "Trần Lưu Quang"}), "meeting", "2023-12-01", "planned"),
        (frozenset({"Vương Nghị", "Nguyễn Phú Trọng"}), "courtesy meeting", "2023-12-01", "planned"),
        (frozenset({"Vương Nghị", "Bùi Thanh Sơn"}), "talks", "2023-12-01", "planned"),
    }
    # "năm ngoái": the year before the article's
    assert [(t.states, t.year, int(t.usd)) for t in f.trade] == [(("VN", "CN"), "2022", 175_600_000_000)]


def test_an_arrival_told_again_is_not_another_visit() -> None:
    f = facts("""date: 2024-06-10

Tổng thống Kazakhstan Kassym-Jomart Tokayev thăm cấp Nhà nước Việt Nam từ ngày 11 đến 12/6/2024.

Tối 10/6, Tổng thống Kassym-Jomart Tokayev đã đến Hà Nội.
""")
    assert visits(f) == {("Kassym-Jomart Tokayev", "KZ", "VN", "2024-06-11", "completed")}


def test_the_actor_goes_on_through_a_list_of_meetings_to_come() -> None:
    f = facts("""date: 2023-12-10

Dự kiến, Chủ tịch Trung Quốc Tập Cận Bình sẽ hội đàm với Tổng Bí thư Nguyễn Phú Trọng; có các cuộc hội kiến với Chủ tịch Quốc hội Vương Đình Huệ, Thủ tướng Phạm Minh Chính.
""")
    assert {(frozenset(m.participants), m.status) for m in f.meetings} == {
        (frozenset({"Tập Cận Bình", "Nguyễn Phú Trọng"}), "planned"),
        (frozenset({"Tập Cận Bình", "Vương Đình Huệ"}), "planned"),
        (frozenset({"Tập Cận Bình", "Phạm Minh Chính"}), "planned"),
    }


def test_setting_out_for_a_state_is_a_visit_there() -> None:
    f = facts("""date: 2017-11-12

Trưa 12/11, Thủ tướng Nguyễn Xuân Phúc dẫn đầu Đoàn đại biểu cấp cao Việt Nam rời Hà Nội, lên đường đi Philippines tham dự Hội nghị Cấp cao ASEAN lần thứ 31 tại Thủ đô Manila từ ngày 12-14/11.
""")
    assert visits(f) == {("Nguyễn Xuân Phúc", "VN", "PH", "2017-11-12", "completed")}


def test_members_admitted_and_members_by_rank() -> None:
    f = facts("""date: 2023-07-28

Ngày 28/7/1995, Việt Nam chính thức trở thành thành viên thứ 7 của Hiệp hội các quốc gia Đông Nam Á (ASEAN).

Năm 1994, Việt Nam trở thành một trong những thành viên ban đầu của Diễn đàn khu vực ASEAN (ARF).

Sau đó, ASEAN kết nạp các nước Lào, Myanmar (năm 1997) và Campuchia (năm 1999), nhưng chưa kết nạp Timor-Leste.
""")
    assert {(m.state, m.organisation) for m in f.memberships} == {
        ("VN", "ASEAN"), ("VN", "ARF"), ("LA", "ASEAN"), ("MM", "ASEAN"), ("KH", "ASEAN"),
    }


def test_a_target_is_no_figure_but_the_figure_beside_it_is() -> None:
    f = facts("""date: 2024-08-01

Trưa 1/8, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Ấn Độ Narendra Modi.

Hai bên nhất trí phấn đấu nâng kim ngạch thương mại song phương lên 20 tỷ USD; năm 2023, kim ngạch thương mại hai chiều đạt 14,3 tỷ USD.

Sau hội đàm, hai Thủ tướng chứng kiến lễ trao 9 văn kiện hợp tác, trong đó có Bản ghi nhớ giữa Bộ Tài chính Việt Nam và Bộ Tài chính Ấn Độ về hợp tác hải quan.
""")
    assert [(t.states, t.year, int(t.usd)) for t in f.trade] == [(("VN", "IN"), "2023", 14_300_000_000)]
    assert [(a.kind, a.parties, a.status, a.date) for a in f.agreements] == [
        ("memorandum", ("IN", "VN"), "signed", "2024-08-01")]


def test_who_attended_a_reception_did_not_meet_and_a_signing_after_a_meeting_is_on_its_day() -> None:
    f = facts("""date: 2024-03-12

Chiều 11/3, Phó Thủ tướng Nguyễn Hòa Bình đã tiếp Ngài Annalena Baerbock, Bộ trưởng Ngoại giao Cộng hòa Liên bang Đức, nhân dịp bà thăm chính thức Việt Nam.

Tham dự buổi tiếp có Đại sứ Việt Nam tại Đức Vũ Quang Minh và Đại sứ Đức tại Việt Nam Helga Margarete Barth.

Cùng ngày, Bộ trưởng Ngoại giao Bùi Thanh Sơn và Bộ trưởng Ngoại giao Đức Annalena Baerbock đã đồng chủ trì Phiên tham vấn chính trị.

Hai Bộ trưởng đã ký Bản ghi nhớ về cơ chế tham vấn chính trị giữa hai Bộ Ngoại giao.
""")
    assert meetings(f) == {
        (frozenset({"Nguyễn Hòa Bình", "Annalena Baerbock"}), "reception", "2024-03-11", "completed"),
        (frozenset({"Bùi Thanh Sơn", "Annalena Baerbock"}), "consultation", "2024-03-11", "completed"),
    }
    assert [(a.parties, a.status, a.date) for a in f.agreements] == [(("DE", "VN"), "signed", "2024-03-11")]
    # the title after her name ends where a clause begins
    (baerbock,) = [p for p in f.people if p.name == "Annalena Baerbock"]
    assert "Bộ trưởng Ngoại giao Cộng hòa Liên bang Đức" in baerbock.titles
    assert not any("nhân dịp" in t for t in baerbock.titles)


def test_a_particle_joined_to_a_name_is_part_of_it() -> None:
    f = facts("""date: 2023-09-21

Ngày 15/9, Chủ tịch nước Võ Văn Thưởng đã gửi điện chia buồn tới Tổng thống Libya Mohamed al-Menfi; Thủ tướng Phạm Minh Chính gửi điện tới Tổng thống Ai Cập Abdel Fattah el-Sisi.
""")
    assert {p.name for p in f.people if p.state in ("LY", "EG")} == {"Mohamed al-Menfi", "Abdel Fattah el-Sisi"}


def test_a_delegation_led_by_a_minister_is_his_visit_and_his_title_ends_before_what_he_does() -> None:
    f = facts("""date: 2024-06-04

Ngày 3/6, tại Hà Nội, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng đã tiếp Đoàn đại biểu Bộ Quốc phòng Nhật Bản do ông Kihara Minoru, Bộ trưởng Quốc phòng Nhật Bản làm Trưởng đoàn, sang thăm chính thức Việt Nam.
""")
    assert visits(f) == {("Kihara Minoru", "JP", "VN", "2024-06-03", "completed")}
    (kihara,) = [p for p in f.people if p.name == "Kihara Minoru"]
    assert kihara.titles == ("Bộ trưởng Quốc phòng Nhật Bản",)


def test_a_particle_inside_a_name_after_its_state() -> None:
    f = facts("""date: 2024-11-19

Chiều 18/11, tại Rio de Janeiro, Thủ tướng Phạm Minh Chính đã có cuộc gặp với Tổng thống Brazil Luiz Inácio Lula da Silva.
""")
    assert meetings(f) == {(frozenset({"Phạm Minh Chính", "Luiz Inácio Lula da Silva"}), "meeting", "2024-11-18", "completed")}


def test_a_governor_general_and_a_governor_of_a_region_no_gazetteer_holds() -> None:
    f = facts("""date: 2023-10-16

Ngày 11/10, tại thủ đô Canberra, Phó Chủ tịch nước Võ Thị Ánh Xuân đã hội kiến Toàn quyền Australia David Hurley.

Ngày 13/10, tại Sydney, Phó Chủ tịch nước Võ Thị Ánh Xuân tiếp Thống đốc bang New South Wales Margaret Beazley.
""")
    assert meetings(f) == {
        (frozenset({"Võ Thị Ánh Xuân", "David Hurley"}), "meeting", "2023-10-11", "completed"),
        (frozenset({"Võ Thị Ánh Xuân", "Margaret Beazley"}), "reception", "2023-10-13", "completed"),
    }
    titles = {p.name: p.titles for p in f.people}
    assert titles["Margaret Beazley"] == ("Thống đốc bang New South Wales",)


def test_a_visit_to_two_states_is_a_visit_to_each() -> None:
    f = facts("""date: 2025-03-19

Theo lời mời của Thủ tướng Malaysia Anwar Ibrahim và Thủ tướng Singapore Lawrence Wong, Thủ tướng Phạm Minh Chính sẽ thăm chính thức Malaysia và Singapore từ ngày 20 đến 22/3/2025.
""")
    assert visits(f) == {("Phạm Minh Chính", "VN", "MY", "2025-03-20", "planned"),
                         ("Phạm Minh Chính", "VN", "SG", "2025-03-20", "planned")}
    assert {v.host_state: v.invited_by for v in f.visits}["SG"] == "Lawrence Wong"


def test_a_document_between_two_ministries_named_in_full() -> None:
    f = facts("""Lễ đón Thủ tướng Singapore

Sáng 26/3/2025, Thủ tướng Phạm Minh Chính chủ trì Lễ đón Thủ tướng Cộng hòa Singapore Lawrence Wong thăm chính thức Việt Nam từ ngày 25/3 đến ngày 26/3/2025. Sau Lễ đón, hai Thủ tướng tiến hành hội đàm.

Sau hội đàm, hai Thủ tướng chứng kiến Lễ ký kết Bản ghi nhớ về hợp tác kinh tế số giữa Bộ Công Thương Việt Nam và Bộ Thương mại và Công nghiệp Singapore.
""")
    # 23 words: the name runs on to the second ministry's state
    assert [(a.name, a.parties, a.status, a.date) for a in f.agreements] == [
        ("Bản ghi nhớ về hợp tác kinh tế số giữa Bộ Công Thương Việt Nam và Bộ Thương mại và Công "
         "nghiệp Singapore", ("SG", "VN"), "signed", "2025-03-26")]
    assert meetings(f) == {(frozenset({"Phạm Minh Chính", "Lawrence Wong"}), "talks", "2025-03-26", "completed")}


def test_a_visit_told_by_the_day_it_ended() -> None:
    f = facts("""Thủ tướng về đến Hà Nội

Ngày 18/3/2018

Tối 18/3, Thủ tướng Nguyễn Xuân Phúc và Phu nhân đã về đến sân bay Nội Bài, Hà Nội, kết thúc tốt đẹp chuyến thăm chính thức Australia theo lời mời của Thủ tướng Australia Malcolm Turnbull.

Sáng 15/3, Lễ đón chính thức Thủ tướng Nguyễn Xuân Phúc đã diễn ra tại Tòa nhà Quốc hội ở Canberra. Sau lễ đón, Thủ tướng Nguyễn Xuân Phúc hội đàm với Thủ tướng Malcolm Turnbull.
""")
    # 18/3 is the day it ended, not the day it began: only its month is known
    ((start, end),) = [(v.start, v.end) for v in f.visits]
    assert (start, end) == ("2018-03", "2018-03-18")
    # the talks on the day told last within it, which the visit's days now hold
    assert meetings(f) == {(frozenset({"Nguyễn Xuân Phúc", "Malcolm Turnbull"}), "talks", "2018-03-15", "completed")}


def test_a_visit_ending_on_one_of_the_days_told_is_that_visit() -> None:
    f = facts("""Thủ tướng Trung Quốc rời Hà Nội

Sáng 14/10/2024, Thủ tướng Trung Quốc Lý Cường rời Hà Nội, kết thúc chuyến thăm chính thức Việt Nam.

Thủ tướng Trung Quốc Lý Cường thăm chính thức Việt Nam từ ngày 12 đến ngày 14/10/2024 theo lời mời của Thủ tướng Phạm Minh Chính.
""")
    assert [(v.start, v.end, v.invited_by) for v in f.visits] == [("2024-10-12", "2024-10-14", "Phạm Minh Chính")]


def test_an_ambassador_of_a_state_named_in_full_with_a_transliteration() -> None:
    f = facts("""Ngày 19/3/2018

Chiều 19/3, Chủ tịch nước Trần Đại Quang tiếp Đại sứ Các Tiểu vương quốc Arab thống nhất (UAE) Khalid Ibrahim Al Qahtani (Kha-lít I-bơ-ra-him An Ca-ta-ni), người đến chào từ biệt trước khi rời nhiệm sở.
""")
    assert {(p.name, p.state) for p in f.people} == {("Trần Đại Quang", "VN"), ("Khalid Ibrahim Al Qahtani", "AE")}
    assert meetings(f) == {(frozenset({"Trần Đại Quang", "Khalid Ibrahim Al Qahtani"}), "reception", "2018-03-19", "completed")}


def test_a_meeting_named_by_whom_it_was_with_and_a_landing_at_an_airport() -> None:
    f = facts("""Thủ tướng đến Kazan

Ngày 25/10/2024

Sáng 23/10 theo giờ địa phương, chuyên cơ chở Thủ tướng Phạm Minh Chính và Đoàn đại biểu Việt Nam đã hạ cánh xuống sân bay Kazan (Cộng hòa Tatarstan, Nga), bắt đầu chuyến công tác tham dự Hội nghị các nhà lãnh đạo BRICS mở rộng.

Bên lề Hội nghị, chiều 24/10, Thủ tướng Phạm Minh Chính đã gặp Tổng thống Nga Vladimir Putin.

Tại cuộc gặp với Thủ tướng Ấn Độ Narendra Modi cùng ngày, Thủ tướng Phạm Minh Chính đề nghị hai bên tăng cường hợp tác.
""")
    assert visits(f) == {("Phạm Minh Chính", "VN", "RU", "2024-10-23", "completed")}
    # "Tại cuộc gặp với X": not the meeting told before, one with X, on the same day
    assert meetings(f) == {
        (frozenset({"Phạm Minh Chính", "Vladimir Putin"}), "meeting", "2024-10-24", "completed"),
        (frozenset({"Phạm Minh Chính", "Narendra Modi"}), "meeting", "2024-10-24", "completed"),
    }


def test_the_meeting_told_again_by_whom_it_was_with_is_that_meeting() -> None:
    f = facts("""Ngày 10/5/2024

Chiều 9/5, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lào Sonexay Siphandone. Tại cuộc hội đàm với Thủ tướng Sonexay Siphandone, Thủ tướng Phạm Minh Chính đề nghị hai bên tăng cường kết nối.
""")
    assert meetings(f) == {(frozenset({"Phạm Minh Chính", "Sonexay Siphandone"}), "talks", "2024-05-09", "completed")}


def test_a_visit_told_on_the_occasion_of_and_a_state_counsellor() -> None:
    f = facts("""Thủ tướng hội kiến lãnh đạo Myanmar

09:15 | 17/12/2019 GMT+7

Nhân dịp thăm chính thức Myanmar, sáng 17/12, tại Thủ đô Nay Pyi Taw, Thủ tướng Nguyễn Xuân Phúc có cuộc hội kiến với Tổng thống Win Myint, hội đàm với Cố vấn Nhà nước Aung San Suu Kyi.
""")
    # "Nhân dịp thăm Myanmar, ... Thủ tướng X": the visit is X's, on the day the sentence tells
    assert visits(f) == {("Nguyễn Xuân Phúc", "VN", "MM", "2019-12-17", "completed")}
    assert meetings(f) == {
        (frozenset({"Nguyễn Xuân Phúc", "Win Myint"}), "meeting", "2019-12-17", "completed"),
        (frozenset({"Nguyễn Xuân Phúc", "Aung San Suu Kyi"}), "talks", "2019-12-17", "completed"),
    }
    counsellor = next(p for p in f.people if p.name == "Aung San Suu Kyi")
    assert (counsellor.titles, counsellor.state) == (("Cố vấn Nhà nước",), "MM")


def test_sino_vietnamese_names_of_rarer_surnames_and_a_title_told_again_without_its_state() -> None:
    f = facts("""Tổng Bí thư thăm Trung Quốc

11:30 | 02/11/2022 GMT+7

Chiều 31/10, tại Bắc Kinh, Tổng Bí thư Nguyễn Phú Trọng hội đàm với Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình. Tổng Bí thư, Chủ tịch nước Tập Cận Bình nhấn mạnh quan hệ hai nước.

Ngày 1/11, Tổng Bí thư Nguyễn Phú Trọng gặp Chủ tịch Ủy ban Thường vụ Nhân đại toàn quốc Trung Quốc Lật Chiến Thư và Bộ trưởng Quốc phòng Trung Quốc Đổng Quân.
""")
    people = {p.name: (p.titles, p.state) for p in f.people}
    # "Chủ tịch nước" beside "Chủ tịch nước Trung Quốc" is the same title
    assert people["Tập Cận Bình"] == (("Tổng Bí thư, Chủ tịch nước Trung Quốc",), "CN")
    # "Thư" ends no name that has a surname (栗, 董)
    assert people["Lật Chiến Thư"] == (("Chủ tịch Ủy ban Thường vụ Nhân đại toàn quốc Trung Quốc",), "CN")
    assert people["Đổng Quân"] == (("Bộ trưởng Quốc phòng Trung Quốc",), "CN")


def test_members_of_a_list_of_organisations() -> None:
    f = facts("""Ngày 21/2/2024

Việt Nam và Singapore đều là thành viên của ASEAN, APEC và Liên hợp quốc. Lào là thành viên của ASEAN.

Năm 1997, Myanmar và Lào là thành viên của ASEAN. Hợp tác giữa Việt Nam và Campuchia là thành viên của WTO.
""")
    # the states a sentence (or a clause after a comma) opens with are each a member; "Hợp tác
    # giữa A và B là thành viên" only the nearest
    assert {(m.state, m.organisation) for m in f.memberships} == {
        (s, o) for s in ("VN", "SG") for o in ("ASEAN", "APEC", "UN")} | {
        ("LA", "ASEAN"), ("MM", "ASEAN"), ("KH", "WTO")}


def test_a_letter_of_intent_is_no_italian_document_and_signed_minutes_are_a_document() -> None:
    f = facts("""Ngày 26/5/2025

Sáng 26/5, Chủ tịch nước Lương Cường hội đàm với Tổng thống Pháp Emmanuel Macron. Sau hội đàm, hai nhà lãnh đạo chứng kiến lễ trao Thỏa thuận hợp tác về hàng không và Ý định thư về hợp tác quốc phòng.

Ý kiến của hai bên đều nhấn mạnh hợp tác. Hai bên ký Biên bản kỳ họp lần thứ 46 Ủy ban liên Chính phủ Việt Nam - Pháp.
""")
    assert {(a.name, a.kind, a.parties) for a in f.agreements} == {
        ("Thỏa thuận hợp tác về hàng không", "agreement", ("FR", "VN")),
        ("Ý định thư về hợp tác quốc phòng", "letter of intent", ("FR", "VN")),
        ("Biên bản kỳ họp lần thứ 46 Ủy ban liên Chính phủ Việt Nam - Pháp", "minutes", ("FR", "VN")),
    }
    assert "IT" not in f.states


def test_a_foreign_honorific_is_no_part_of_the_name() -> None:
    f = facts("""Ngày 12/12/2024

Chiều 12/12, Chủ tịch nước Lương Cường tiếp Chủ tịch Thượng viện Campuchia Samdech Techo Hun Sen. Cùng ngày, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Malaysia Dato' Seri Anwar Ibrahim.
""")
    people = {p.name: (p.titles, p.state) for p in f.people}
    assert people["Hun Sen"] == (("Chủ tịch Thượng viện Campuchia",), "KH")
    assert people["Anwar Ibrahim"] == (("Thủ tướng Malaysia",), "MY")
    assert meetings(f) == {
        (frozenset({"Lương Cường", "Hun Sen"}), "reception", "2024-12-12", "completed"),
        (frozenset({"Phạm Minh Chính", "Anwar Ibrahim"}), "talks", "2024-12-12", "completed"),
    }


def test_an_invitation_accepted_names_its_inviter_after_the_host() -> None:
    f = facts("""Ngày 12/12/2024

Chiều 12/12, Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Hàn Quốc Yoon Suk Yeol. Thủ tướng Phạm Minh Chính vui vẻ nhận lời mời sang thăm Hàn Quốc của Tổng thống Yoon Suk Yeol.
""")
    (visit,) = f.visits
    assert (visit.guest, visit.host_state, visit.status, visit.invited_by) == (
        "Phạm Minh Chính", "KR", "invited", "Yoon Suk Yeol")


def test_the_two_leaders_going_somewhere_to_hold_talks() -> None:
    f = facts("""Ngày 28/8/2023

Sáng 28/8, Thủ tướng Phạm Minh Chính chủ trì lễ đón chính thức Thủ tướng Singapore Lý Hiển Long thăm chính thức Việt Nam từ ngày 27/8 đến 29/8. Hai Thủ tướng đi bộ về Văn phòng Chính phủ để tiến hành hội đàm.
""")
    # "Hai Thủ tướng" at the start of a sentence is the two of them, not one prime minister
    assert meetings(f) == {(frozenset({"Phạm Minh Chính", "Lý Hiển Long"}), "talks", "2023-08-28", "completed")}


def test_a_title_told_again_with_the_short_name_of_the_state_is_the_same_title() -> None:
    f = facts("""Ngày 8/1/2022

Sáng 8/1, Thủ tướng Chính phủ Phạm Minh Chính đã chủ trì Lễ đón Thủ tướng Chính phủ nước Cộng hòa Dân chủ Nhân dân Lào Phankham Viphavanh thăm chính thức Việt Nam từ ngày 8-10/1. Thủ tướng Phạm Minh Chính đón Thủ tướng Lào Phankham Viphavanh.
""")
    people = {p.name: p.titles for p in f.people}
    assert people["Phankham Viphavanh"] == ("Thủ tướng Chính phủ nước Cộng hòa Dân chủ Nhân dân Lào",)
    assert people["Phạm Minh Chính"] == ("Thủ tướng Chính phủ",)


def test_the_visit_of_a_leaders_envoys_is_not_his() -> None:
    f = facts(""" date 2025-08-04 Hàn Quốc - Việt Nam

Vào ngày 6/8, Ngoại trưởng Hàn Quốc Cho Hyun đã có cuộc điện đàm với Phó Thủ tướng kiêm Bộ trưởng Ngoại giao Việt Nam Bùi Thanh Sơn. Bộ trưởng Cho đã bày tỏ cảm ơn sự tiếp đãi nồng nhiệt từ Việt Nam dành cho chuyến thăm của đoàn đặc phái viên của Tổng thống Lee Jae Myung gần đây.
""")
    assert f.visits == ()
    assert meetings(f) == {(frozenset({"Cho Hyun", "Bùi Thanh Sơn"}), "phone call", "2025-08-06", "completed")}


def test_telegrams_to_a_list_of_chinese_leaders_and_older_titles() -> None:
    f = facts("""Kỷ niệm quan hệ ngoại giao Việt Nam - Trung Quốc

Ngày 18/1/2021, Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng, Thủ tướng Chính phủ Nguyễn Xuân Phúc và Chủ tịch Quốc hội Nguyễn Thị Kim Ngân trao đổi điện mừng với Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình, Thủ tướng Quốc Vụ viện Lý Khắc Cường, Ủy viên trưởng Ủy ban thường vụ Đại hội đại biểu nhân dân toàn quốc Lật Chiến Thư.

Ngày 13/2/2015, Phó thủ tướng - Bộ trưởng Bộ Ngoại giao Phạm Bình Minh đã có cuộc điện đàm với Ngoại trưởng Mỹ John Kerry. Bộ trưởng Ngoại giao Trung Quốc Vương Nghị và Bộ trưởng Bùi Thanh Sơn cũng đã điện đàm.
""")
    people = {p.name: (p.titles, p.state) for p in f.people}
    # a Sino-Vietnamese name listed after a Chinese official is Chinese too ("nhân dân" ends no title)
    assert people["Lý Khắc Cường"] == (("Thủ tướng Quốc Vụ viện",), "CN")
    assert people["Lật Chiến Thư"] == (("Ủy viên trưởng Ủy ban thường vụ Đại hội đại biểu nhân dân toàn quốc",), "CN")
    assert people["Phạm Bình Minh"] == (("Phó thủ tướng - Bộ trưởng Bộ Ngoại giao",), "VN")
    assert people["Bùi Thanh Sơn"][1] == "VN"  # "A của Trung Quốc và B": the two sides
    # each of the three sent theirs to their counterpart
    assert {m.participants for m in f.meetings if m.kind == "message"} == {
        ("Nguyễn Phú Trọng", "Tập Cận Bình"), ("Nguyễn Xuân Phúc", "Lý Khắc Cường"),
        ("Nguyễn Thị Kim Ngân", "Lật Chiến Thư")}


def test_a_generals_office_after_his_name_and_the_talks_told_again_before_they_began() -> None:
    f = facts("""Ngày 7/1/2024

Sáng 6/1, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào Sonexay Siphandone. Trước khi hội đàm, hai Thủ tướng cùng tham quan trưng bày ảnh.

Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng Việt Nam và Đại tướng Chansamone Chanyalath, Phó Thủ tướng, Bộ trưởng Bộ Quốc phòng Lào ký Nghị định thư hợp tác biên phòng giữa hai Bộ Quốc phòng.
""")
    people = {p.name: (p.titles, p.state) for p in f.people}
    # a rank before the name, the office after it: the office is the title
    assert people["Phan Văn Giang"] == (("Bộ trưởng Bộ Quốc phòng Việt Nam",), "VN")
    assert people["Chansamone Chanyalath"] == (("Phó Thủ tướng, Bộ trưởng Bộ Quốc phòng Lào",), "LA")
    # "Trước khi hội đàm": the talks told of before, not another
    assert meetings(f) == {(frozenset({"Phạm Minh Chính", "Sonexay Siphandone"}), "talks", "2024-01-06", "completed")}


def test_titles_that_differ_only_in_case_or_a_word_cut_short_are_one() -> None:
    f = facts("""Ngày 9/2/2017

Chiều 9/2, Phó Chủ tịch nước Đặng Thị Ngọc Thịnh tiếp Phó Thủ tướng, Bộ trưởng Bộ Năng lượng và Khoáng sản CH Uzbekistan Zoyir Mirzaev. Phó Thủ tướng, Bộ trưởng Bộ Năng lượng và khoáng sản Cộng hòa Uzbekistan Zoyir Mirzaev cảm ơn. Cùng ngày, Phó Thủ tướng, Chủ tịch Ủy ban Thanh niên và Thể thao Cộng hòa Uzbekistan Zulaykho Makhkamova gặp Phó Chủ tịch nước Đặng Thị Ngọc Thịnh. Phó Thủ tướng, Chủ tịch Ủy ban Thanh niên và Thể thao Cộng hòa Uzbeki
""")
    people = {p.name: p.titles for p in f.people}
    assert people["Zoyir Mirzaev"] == ("Phó Thủ tướng, Bộ trưởng Bộ Năng lượng và Khoáng sản CH Uzbekistan",)
    assert people["Zulaykho Makhkamova"] == ("Phó Thủ tướng, Chủ tịch Ủy ban Thanh niên và Thể thao Cộng hòa Uzbekistan",)


def test_a_state_named_in_full_in_lower_case() -> None:
    f = facts("""Ngày 18/8/2024

Tổng Bí thư, Chủ tịch nước Tô Lâm và Phu nhân thăm cấp Nhà nước đến nước Cộng hoà nhân dân Trung Hoa từ ngày 18-20/8, theo lời mời của Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình.
""")
    assert visits(f) == {("Tô Lâm", "VN", "CN", "2024-08-18", "completed")}


def test_ambassadors_named_with_comrade_or_mr_and_mrs_and_their_titles_after_the_name() -> None:
    f = facts("""Ngày 10/1/2024

Chiều 10.1, Chủ tịch nước Võ Văn Thưởng tiếp bà Tredene Dobson, Đại sứ New Zealand và ông Augusto Morelli, Đại sứ Peru, đến chào từ biệt, kết thúc nhiệm kỳ công tác tại Việt Nam.

Chiều 8/2, Tổng Bí thư, đồng chí Nguyễn Phú Trọng đã tiếp thân mật đồng chí Hùng Ba, Đại sứ đặc mệnh toàn quyền nước Cộng hòa nhân dân Trung Hoa tại Việt Nam đến chào từ biệt nhân kết thúc nhiệm kỳ công tác.
""")
    people = {p.name: (p.titles, p.state) for p in f.people}
    assert people["Tredene Dobson"] == (("Đại sứ New Zealand",), "NZ")
    assert people["Augusto Morelli"] == (("Đại sứ Peru",), "PE")
    assert people["Hùng Ba"] == (("Đại sứ đặc mệnh toàn quyền nước Cộng hòa nhân dân Trung Hoa tại Việt Nam",), "CN")
    # "Tổng Bí thư, đồng chí X": the title before the word of address is X's (and stays so
    # with an apposition after the name)
    assert people["Nguyễn Phú Trọng"] == (("Tổng Bí thư",), "VN")
    tl = facts("Ngày 8/2/2025\n\nChiều 8/2, Tổng Bí thư, đồng chí Tô Lâm, Chủ tịch nước tiếp Đại sứ Trung Quốc Hùng Ba.\n")
    assert {p.name: p.titles for p in tl.people}["Tô Lâm"] == ("Tổng Bí thư",)
    assert meetings(f) == {
        (frozenset({"Võ Văn Thưởng", "Tredene Dobson"}), "reception", "2024-01-10", "completed"),
        (frozenset({"Võ Văn Thưởng", "Augusto Morelli"}), "reception", "2024-01-10", "completed"),
        (frozenset({"Nguyễn Phú Trọng", "Hùng Ba"}), "reception", "2024-02-08", "completed"),
    }


def test_arriving_told_right_after_the_name_and_a_visit_to_come_dates_no_talks_held() -> None:
    f = facts(""" date 2025-10-26 Thủ tướng tới Kuala Lumpur

Thủ tướng Phạm Minh Chính rạng sáng nay tới Kuala Lumpur dự Hội nghị Cấp cao ASEAN 47 và các hội nghị liên quan.

Tại Thái Lan, Tổng thống Hàn Quốc Moon Jae-in đã có cuộc hội đàm với Thủ tướng Thái Lan Prayuth Chan-ocha. Theo lịch trình, ngày 4/11, Tổng thống Moon Jae-in sẽ tới Myanmar.
""")
    assert visits(f) == {("Phạm Minh Chính", "VN", "MY", "2025-10-26", "completed"),
                         ("Moon Jae-in", "KR", "MM", "2025-11-04", "planned")}
    # the talks were held: not on the day of a visit still to come
    assert meetings(f) == {(frozenset({"Moon Jae-in", "Prayuth Chan-ocha"}), "talks", "2025-10-26", "completed")}


def test_telegrams_to_two_presidents_of_chambers_and_a_list_that_trails_off() -> None:
    f = facts("""Ngày 3/7/2017

Nhân dịp này, Chủ tịch Quốc hội Nguyễn Thị Kim Ngân cũng đã gửi điện mừng tới Ngài Michael Pence, Chủ tịch Thượng viện Hợp chúng quốc Hoa Kỳ và Ngài Paul Ryan, Chủ tịch Hạ viện Hợp chúng quốc Hoa Kỳ.

Cụ thể, Tổng thống Cộng hòa Pháp Emmanuel Macron, Tổng thống Ấn Độ Ram Nath Kovind… đã gửi điện mừng tới Chủ tịch nước Trần Đại Quang.
""")
    people = {p.name: (p.titles, p.state) for p in f.people}
    assert people["Michael Pence"] == (("Chủ tịch Thượng viện Hợp chúng quốc Hoa Kỳ",), "US")
    assert people["Paul Ryan"] == (("Chủ tịch Hạ viện Hợp chúng quốc Hoa Kỳ",), "US")
    assert people["Ram Nath Kovind"] == (("Tổng thống Ấn Độ",), "IN")
    assert frozenset({"Ram Nath Kovind", "Trần Đại Quang"}) in {frozenset(m.participants) for m in f.meetings}


def test_an_arrival_at_an_airport_in_a_city_the_gazetteer_places() -> None:
    f = facts("""Ngày 31/8/2025

Rạng sáng 31/8, Thủ tướng Phạm Minh Chính và đoàn đại biểu Việt Nam đã tới sân bay Tân Hải, thành phố Thiên Tân, bắt đầu chuyến công tác dự Hội nghị thượng đỉnh Tổ chức Hợp tác Thượng Hải (SCO) 2025.
""")
    assert visits(f) == {("Phạm Minh Chính", "VN", "CN", "2025-08-31", "completed")}


def test_a_visit_known_by_its_last_day_begins_on_the_first_of_its_days_and_chinese_names() -> None:
    f = facts("""Ngày 13/7/2019

Tối 12/7, Chủ tịch Quốc hội Nguyễn Thị Kim Ngân đã về tới Hà Nội, kết thúc tốt đẹp chuyến thăm chính thức Trung Quốc theo lời mời của Ủy viên trưởng Ủy ban Thường vụ Đại hội đại biểu nhân dân toàn quốc Trung Quốc (Chủ tịch Nhân đại-Chủ tịch Quốc hội) Lật Chiến Thư.

Trong thời gian từ ngày 8-12/7, tại Trung Quốc, Chủ tịch Quốc hội Nguyễn Thị Kim Ngân đã hội kiến Tổng Bí thư, Chủ tịch nước Tập Cận Bình; hội đàm với Chủ tịch Nhân đại Trung Quốc Lật Chiến Thư.
""")
    (visit,) = f.visits
    assert (visit.guest, visit.host_state, visit.start, visit.end) == ("Nguyễn Thị Kim Ngân", "CN", "2019-07-08", "2019-07-12")
    people = {p.name: (p.titles, p.state) for p in f.people}
    # an office Viet Nam has too, held by a Chinese name; a gloss in brackets is no title
    assert people["Tập Cận Bình"] == (("Tổng Bí thư, Chủ tịch nước",), "CN")
    assert people["Lật Chiến Thư"] == (("Chủ tịch Nhân đại Trung Quốc",), "CN")


def test_an_inviters_state_is_not_the_guests_and_a_visit_told_again_with_its_year() -> None:
    f = facts("""Quan hệ Việt Nam - Trung Quốc

Bộ trưởng Ngoại giao Trung Quốc Vương Nghị dự kiến sẽ thăm chính thức Việt Nam từ ngày 3-6/8.

Bộ trưởng Ngoại giao Trung Quốc Vương Nghị sẽ thăm chính thức tại Việt Nam từ ngày 3 – 6/8/2013 theo lời mời của Bộ trưởng Ngoại giao Việt Nam Phạm Bình Minh. Dự kiến hai ngoại trưởng sẽ có cuộc hội đàm vào ngày 4/8 tại Hà Nội.

Nhận lời mời của Bộ trưởng Ngoại giao Trung Quốc Dương Khiết Trì, Bộ trưởng Ngoại giao Phạm Bình Minh sẽ thăm chính thức Trung Quốc từ ngày 13-15/2/2012. Chuyến thăm diễn ra sau các chuyến thăm, gặp gỡ cấp cao Việt - Trung như chuyến thăm chính thức Trung Quốc của Tổng Bí thư Nguyễn Phú Trọng (tháng 10/2011) và chuyến thăm Việt Nam của Phó Chủ tịch nước Trung Quốc Tập Cận Bình (tháng 12/2011).
""")
    # the yearless days are those told with their year; the Vietnamese minister invited by a
    # Chinese one after a comma is Vietnamese still
    assert visits(f) == {
        ("Vương Nghị", "CN", "VN", "2013-08-03", "planned"),
        ("Phạm Bình Minh", "VN", "CN", "2012-02-13", "planned"),
        ("Nguyễn Phú Trọng", "VN", "CN", "2011-10", "completed"),
        ("Tập Cận Bình", "CN", "VN", "2011-12", "completed"),
    }
    # "hai ngoại trưởng" in lower case; meetings told in the plural are none of the two named
    assert meetings(f) == {(frozenset({"Vương Nghị", "Phạm Bình Minh"}), "talks", "2013-08-04", "planned")}


def test_a_body_of_a_state_in_a_title_names_the_state() -> None:
    f = facts("""Ngày 18/1/2021

Thủ tướng Chính phủ Nguyễn Xuân Phúc trao đổi điện mừng với Thủ tướng Quốc Vụ viện Lý Khắc Cường.
""")
    assert {p.name: p.state for p in f.people}["Lý Khắc Cường"] == "CN"


def test_a_visit_prepared_for_is_to_come_and_the_title_of_the_one_received_is_not_the_hosts() -> None:
    f = facts("""Ngày 24/2/2015

Đại sứ Việt Nam tại Mỹ Phạm Quang Vinh ngày 23/2 đã trình quốc thư lên Tổng thống Barack Obama, đề nghị hai bên tích cực chuẩn bị cho chuyến thăm Hoa Kỳ của Tổng Bí thư Nguyễn Phú Trọng trong thời gian tới.

Tiếp Đại sứ Maroc, Chủ tịch nước Trần Đại Quang đề nghị hai nước tiếp tục phối hợp chặt chẽ hơn.
""")
    # to come, and not on the day the ambassador presented his credentials
    assert ("Nguyễn Phú Trọng", "VN", "US", None, "planned") in visits(f)
    assert {p.name: (p.titles, p.state) for p in f.people}["Trần Đại Quang"] == (("Chủ tịch nước",), "VN")


def test_talks_on_the_day_told_during_a_trip_of_several_days_and_no_verb_in_a_title() -> None:
    f = facts("""Ngày 16/4/2025

Sáng 16/4/2025, tại Hà Nội, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào Sonexay Siphandone nhân chuyến sang Việt Nam tham dự Hội nghị thượng đỉnh P4G lần thứ tư từ ngày 14 đến 17/4/2025.

Tiếp Thủ tướng Malaysia Anwar Ibrahim, Thủ tướng kêu gọi tăng thương mại gạo, hợp tác lĩnh vực biển và Halal.
""")
    # the stretch of days is the trip's (a visit), the talks are on the day the sentence opens with
    assert visits(f) == {("Sonexay Siphandone", "LA", "VN", "2025-04-14", "completed")}
    assert (frozenset({"Phạm Minh Chính", "Sonexay Siphandone"}), "talks", "2025-04-16", "completed") in meetings(f)
    assert "Halal" not in {p.name for p in f.people}


def test_a_companys_name_before_its_chairmans_is_no_part_of_it() -> None:
    f = facts("""Ngày 12/12/2024

Chiều 12/12, Thủ tướng Phạm Minh Chính tiếp Chủ tịch Tập đoàn Boeing của Hoa Kỳ Kelly Ortberg và Tổng Giám đốc Tập đoàn Samsung Hàn Quốc Roh Tae-moon.
""")
    people = {p.name: (p.titles, p.state) for p in f.people}
    assert people["Kelly Ortberg"] == (("Chủ tịch Tập đoàn Boeing của Hoa Kỳ",), "US")
    assert "Boeing" not in people
    (_, roh), _ = find_people("Tô Lâm làm việc với Tổng Giám đốc Tập đoàn Samsung Roh Tae-moon.", default_gazetteer(), {"Tô Lâm"})
    assert (roh.name, roh.title) == ("Roh Tae-moon", "Tổng Giám đốc Tập đoàn Samsung")


def test_a_visit_put_off_is_to_come_and_one_called_off_or_not_made_is_none() -> None:
    f = facts("""Ngày 1/11/2019

Chuyến thăm Việt Nam của Tổng thống Mỹ Donald Trump dự kiến vào tháng 11 đã bị hoãn. Thủ tướng Australia Scott Morrison không thể thăm Việt Nam vào tháng 12 như dự kiến. Tổng thống Pháp Emmanuel Macron đã hủy chuyến thăm Lào. Thủ tướng Nhật Bản Abe Shinzo không chỉ thăm Việt Nam ngày 2/11 mà còn thăm Lào.
""")
    assert visits(f) == {
        ("Donald Trump", "US", "VN", "2019-11", "planned"),
        ("Abe Shinzo", "JP", "VN", "2019-11-02", "completed"),
        ("Abe Shinzo", "JP", "LA", "2019-11-02", "completed"),
    }
