"""Agreements and organisations in the forms the genre shows, on short articles written for the
tests: ceremonies with their lists of documents, statuses from the words around a document, the
parties of an agreement with a group, dates, and the bodies the reference data knows."""

from __future__ import annotations

from kg.extraction.extract import extract_article
from kg.extraction.model import ArticleFacts
from kg.reading.gazetteer import default_gazetteer
from kg.reading.reader import parse_article


def facts(text: str) -> ArticleFacts:
    return extract_article(parse_article(text, "test"), default_gazetteer())


def rows(f: ArticleFacts) -> set[tuple]:
    return {(a.name, a.kind, a.parties, a.status, a.date) for a in f.agreements}


def test_a_list_after_a_ceremony_runs_past_a_caption_and_names_each_document_whole() -> None:
    f = facts("""date: 2025-10-07

Chiều 6/10, sau hội đàm, Chủ tịch nước và Tổng thống Chile Gabriel Boric dự lễ trao 5 văn kiện về hợp tác.

Các văn kiện được trao gồm:

Bản ghi nhớ về hợp tác khoáng sản giữa Bộ Công Thương, Bộ Tài nguyên Việt Nam và Bộ Khai khoáng Chile;

Hai nhà lãnh đạo chứng kiến lễ trao Kế hoạch hợp tác văn hóa giữa hai Bộ Văn hóa giai đoạn 2026-2028.

Kế hoạch hợp tác văn hóa giữa hai Bộ Văn hóa giai đoạn 2026-2028.
""")
    assert rows(f) == {
        ("Bản ghi nhớ về hợp tác khoáng sản giữa Bộ Công Thương, Bộ Tài nguyên Việt Nam và Bộ Khai khoáng Chile",
         "memorandum", ("CL", "VN"), "signed", "2025-10-06"),
        ("Kế hoạch hợp tác văn hóa giữa hai Bộ Văn hóa giai đoạn 2026-2028", "plan", ("CL", "VN"), "signed",
         "2025-10-06"),
    }


def test_a_comma_between_the_parties_does_not_end_a_name() -> None:
    f = facts("""date: 2025-05-02

Hai Bộ trưởng đã ký Bản ghi nhớ về phòng chống dịch bệnh giữa Sở Y tế Hà Nội, Việt Nam và Bộ Y tế Peru vào ngày 1/5.
""")
    assert rows(f) == {("Bản ghi nhớ về phòng chống dịch bệnh giữa Sở Y tế Hà Nội, Việt Nam và Bộ Y tế Peru", "memorandum",
                        ("PE", "VN"), "signed", "2025-05-01")}


def test_statuses_from_the_words_around_a_document() -> None:
    f = facts("""date: 2025-06-20

Thủ tướng Ba Lan thăm Việt Nam.

Hai bên nhất trí sớm ký Hiệp định về hợp tác lao động.

Thủ tướng đề nghị hai bên xem xét ký mới Bản ghi nhớ về hợp tác nông nghiệp.

Phía Ba Lan sẽ sớm phê chuẩn Hiệp định về tương trợ tư pháp.

Hai nước tiếp tục triển khai hiệu quả Kế hoạch hành động về quốc phòng.

Hiệp định khung về vốn vay ưu đãi ký nhân chuyến thăm năm 2015.
""")
    assert {(a.name, a.status, a.date) for a in f.agreements} == {
        ("Hiệp định về hợp tác lao động", "planned", "2025-06-20"),
        ("Bản ghi nhớ về hợp tác nông nghiệp", "proposed", None),
        ("Hiệp định về tương trợ tư pháp", "signed", None),  # put to ratification: signed before
        ("Kế hoạch hành động về quốc phòng", "in force", None),
        ("Hiệp định khung về vốn vay ưu đãi", "signed", "2015"),
    }
    assert {a.kind for a in f.agreements if a.name.startswith("Hiệp định khung")} == {"framework agreement"}


def test_a_joint_statement_issued_after_talks_is_signed_on_their_day() -> None:
    f = facts("""date: 2025-04-10

Sáng 9/4, Chủ tịch nước hội đàm với Tổng thống Ai Cập. Sau hội đàm, hai nhà lãnh đạo ra tuyên bố chung Việt Nam - Ai Cập.

Tuyên bố chung được đưa ra ngày 9/4 khẳng định hai bên tăng cường hợp tác.
""")
    assert {(a.kind, a.parties, a.status, a.date) for a in f.agreements} == {
        ("joint statement", ("EG", "VN"), "signed", "2025-04-09")}


def test_an_agreement_with_a_group_is_with_the_group_and_its_acronym_is_no_organisation() -> None:
    f = facts("""date: 2025-07-01

Bộ trưởng Ngoại giao Đức Anna Weber thăm Hà Nội.

Sau sáu năm thương lượng, Việt Nam cùng Liên minh châu Âu (EU) ngày 12/5 đã ký Hiệp định Đối tác Kinh tế Việt Nam - EU (VEUPA) và Hiệp định Hàng hải.

Bà Anna Weber hứa sớm ký, phê chuẩn EVFTA.
""")
    assert rows(f) == {
        ("Hiệp định Đối tác Kinh tế Việt Nam - EU (VEUPA)", "agreement", ("EU", "VN"), "signed", "2025-05-12"),
        ("Hiệp định Hàng hải", "agreement", ("EU", "VN"), "signed", "2025-05-12"),
        ("EVFTA", "FTA", ("EU", "VN"), "planned", "2025-07-01"),
    }
    assert {o.code for o in f.organisations} == {"EU"}


def test_a_number_in_a_title_is_never_its_date() -> None:
    f = facts("""date: 2024-06-09

Sáng 8/6, Bộ trưởng Quốc phòng hai nước hội đàm. Sau hội đàm, hai Bộ trưởng ký Tuyên bố tầm nhìn chung về an ninh biển Việt Nam - Nhật Bản đến năm 2035 và Bản ghi nhớ về đào tạo sĩ quan.
""")
    assert {(a.name, a.date) for a in f.agreements} == {
        ("Tuyên bố tầm nhìn chung về an ninh biển Việt Nam - Nhật Bản đến năm 2035", "2024-06-08"),
        ("Bản ghi nhớ về đào tạo sĩ quan", "2024-06-08"),
    }


def test_a_convention_open_to_all_is_no_bilateral_document() -> None:
    f = facts("""date: 2025-02-01

Thủ tướng Na Uy thăm Việt Nam. Hai bên ký Bản ghi nhớ về hợp tác biển. Việt Nam đã ký Công ước về chống tội phạm mạng.
""")
    assert {(a.name, a.parties) for a in f.agreements} == {("Bản ghi nhớ về hợp tác biển", ("NO", "VN"))}


def test_an_fta_proposed_with_a_bloc_and_the_bodies_of_the_reference_data() -> None:
    # talks told of and proposed in one article: proposed, not under way
    f = facts("""date: 2025-08-28

Bộ trưởng Công Thương tiếp Đại sứ Qatar tại Hà Nội, bàn cách đẩy nhanh việc đàm phán FTA Việt Nam - GCC.

Phía Qatar đề xuất đàm phán FTA Việt Nam - GCC (Hội đồng Hợp tác vùng Vịnh) trong năm tới.

Qatar là thành viên của Tổ Chức Y Tế Thế Giới; Việt Nam tham gia CPTPP từ năm 2019.
""")
    assert {(a.parties, a.status) for a in f.agreements} == {(("GCC", "VN"), "proposed")}
    assert {o.code for o in f.organisations} == {"GCC", "WHO"}


def test_a_states_own_plan_is_no_agreement_and_an_acronym_after_the_kind_is_part_of_the_name() -> None:
    f = facts("""date: 2025-03-12

Tổng thống Kenya thăm Việt Nam.

Chính phủ Việt Nam đang thực hiện Kế hoạch phát triển kinh tế xã hội 5 năm. Tháng trước, Chính phủ thông qua Kế hoạch hành động quốc gia về tăng trưởng xanh.

Hai Bộ trưởng đã ký Bản ghi nhớ (MOU) về hợp tác chè và cà phê ngày 11/3.
""")
    assert rows(f) == {("Bản ghi nhớ (MOU) về hợp tác chè và cà phê", "memorandum", ("KE", "VN"), "signed",
                        "2025-03-11")}


def test_a_sentence_after_a_ceremony_is_an_item_of_its_list_only_after_a_colon() -> None:
    f = facts("""date: 2025-09-20

Sáng 19/9, hai Thủ tướng dự lễ ký các văn kiện về giáo dục và y tế.

Hiệp định thương mại song phương ký năm 2010 đã giúp hàng hóa Kenya vào Việt Nam.
""")
    assert rows(f) == {("Hiệp định thương mại song phương", "agreement", ("KE", "VN"), "signed", "2010")}


def test_the_general_assembly_as_the_venue_of_a_session_is_no_organisation_the_security_council_is() -> None:
    f = facts("""date: 2025-09-25

Phó Thủ tướng dự Khóa họp thứ 80 Đại hội đồng Liên hợp quốc tại New York và gặp Ngoại trưởng Ireland bên lề Đại hội đồng Liên hợp quốc. Ireland cam kết bỏ phiếu cho Việt Nam tại cuộc bầu Hội đồng Bảo an nhiệm kỳ 2030-2031.
""")
    assert {o.code for o in f.organisations} == {"UNSC"}


def test_signed_in_one_year_and_in_force_from_a_day_of_the_next() -> None:
    f = facts("""date: 2025-05-16

Thủ tướng Thái Lan thăm Việt Nam. Năm 2024, hai bên đã ký Thỏa thuận về miễn thị thực cho người đi công tác, có hiệu lực từ ngày 1/1/2025.
""")
    assert {(a.status, a.date) for a in f.agreements} == {("signed", "2024"), ("in force", "2025-01-01")}


def test_a_status_after_its_agent_and_the_day_in_force_told_before() -> None:
    f = facts("""date: 2025-03-01

Thủ tướng Chile thăm Việt Nam. Hiệp định về miễn thị thực đã được Quốc hội hai nước phê chuẩn. Ngày 1/8/2020, Hiệp định về vận tải biển chính thức có hiệu lực. Bản ghi nhớ về giáo dục do hai Bộ trưởng ký năm 2018.
""")
    assert {(a.name, a.status, a.date) for a in f.agreements} == {
        ("Hiệp định về miễn thị thực", "signed", None),
        ("Hiệp định về vận tải biển", "in force", "2020-08-01"),
        ("Bản ghi nhớ về giáo dục", "signed", "2018"),
    }


def test_not_yet_in_force_is_signed() -> None:
    f = facts("""date: 2025-03-01

Thủ tướng Chile thăm Việt Nam. Hiệp định về bảo hộ đầu tư chưa có hiệu lực vì còn chờ phía bạn phê chuẩn.
""")
    assert {(a.name, a.status) for a in f.agreements} == {("Hiệp định về bảo hộ đầu tư", "signed")}


def test_ky_inside_another_word_is_no_signing() -> None:
    f = facts("""date: 2025-03-01

Thủ tướng Chile thăm Việt Nam. Tổng vốn đăng ký đầu tư của Chile đạt 10 triệu USD theo Hiệp định về đầu tư. Hai bên ký Bản ghi nhớ giữa Bộ Ngoại giao và Ban Thư ký ASEAN về đào tạo. Nhật ký chuyến đi kể về Hiệp định về du lịch.
""")
    assert rows(f) == {("Bản ghi nhớ giữa Bộ Ngoại giao và Ban Thư ký ASEAN về đào tạo", "memorandum", ("ASEAN", "VN"),
                        "signed", None)}


def test_through_an_agreement_is_no_status_of_it() -> None:
    f = facts("""date: 2025-03-01

Thủ tướng Chile thăm Việt Nam. Thông qua Hiệp định về thương mại song phương, hàng hóa hai nước tăng mạnh. Hai bên ra Thông cáo chung.
""")
    assert {(a.name, a.status) for a in f.agreements} == {("Thông cáo chung", "signed")}


def test_a_bulleted_list_after_a_colon_and_talks_to_sign() -> None:
    f = facts("""Việt Nam và Kazakhstan trao văn kiện

12:00 | 15/05/2025

Trưa 14/5, sau hội đàm, hai nhà lãnh đạo đã dự lễ trao các văn kiện giữa hai nước, gồm:

- Bản ghi nhớ giữa Bộ Khoa học Việt Nam với Bộ Trí tuệ nhân tạo Kazakhstan về chuyển đổi số;

- Thỏa thuận giữa Tổng công ty Hàng không Việt Nam và Hãng hàng không Air Astana về liên danh.

Hai bên cũng nhất trí sớm đàm phán để ký Hiệp định về miễn thị thực cho người đi công tác.
""")
    assert rows(f) == {
        ("Bản ghi nhớ giữa Bộ Khoa học Việt Nam với Bộ Trí tuệ nhân tạo Kazakhstan về chuyển đổi số", "memorandum",
         ("KZ", "VN"), "signed", "2025-05-14"),
        ("Thỏa thuận giữa Tổng công ty Hàng không Việt Nam và Hãng hàng không Air Astana về liên danh", "agreement",
         ("KZ", "VN"), "signed", "2025-05-14"),
        ("Hiệp định về miễn thị thực cho người đi công tác", "agreement", ("KZ", "VN"), "negotiating", None),
    }


def test_the_anniversary_of_a_signing_dates_it() -> None:
    f = facts("""date: 2025-07-18

Nhân dịp 48 năm ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào (18/7/1977 - 18/7/2025), lãnh đạo hai nước gửi điện mừng nhau.
""")
    assert {(a.name, a.parties, a.status, a.date) for a in f.agreements} == {
        ("Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào", ("LA", "VN"), "signed", "1977-07-18")}


def test_to_be_signed_told_after_the_name_is_planned() -> None:
    f = facts("""date: 2025-03-01

Thủ tướng Chile thăm Việt Nam. Bản ghi nhớ về hợp tác đồng sẽ được ký trong chuyến thăm tới của Tổng thống.
""")
    assert {(a.name, a.status) for a in f.agreements} == {("Bản ghi nhớ về hợp tác đồng", "planned")}
