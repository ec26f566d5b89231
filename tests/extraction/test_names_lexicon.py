"""Names and titles as the genre writes them: the word lists of title heads and honorifics run
on their own examples, and short sentences of our own for each form."""

from __future__ import annotations

import pytest

from kg.reading.gazetteer import default_gazetteer
from kg.reading.lexicon import lexicon
from kg.reading.names import find_people


def people(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.title, p.state) for p in find_people(text, default_gazetteer())[0]]


@pytest.mark.parametrize("entry", lexicon("title_heads"), ids=lambda e: e.phrase)
def test_each_title_head_gives_its_title_in_its_example(entry) -> None:  # type: ignore[no-untyped-def]
    found = find_people(entry.example, default_gazetteer())[0]
    if entry["kind"] == "role":
        assert not found, entry.example
        return
    titled = [p for p in found if p.title and p.title.casefold().startswith(entry.phrase.casefold())]
    assert titled, (entry.example, found)
    if entry["state"] != "-":
        assert titled[0].state == entry["state"], (entry.example, titled[0])


@pytest.mark.parametrize("entry", [e for e in lexicon("honorifics") if e["use"] == "style"], ids=lambda e: e.phrase)
def test_a_style_is_no_part_of_the_name(entry) -> None:  # type: ignore[no-untyped-def]
    found = find_people(entry.example, default_gazetteer())[0]
    assert found, entry.example
    assert not found[0].name.startswith(entry.phrase + " "), (entry.example, found[0])


@pytest.mark.parametrize("entry", [e for e in lexicon("honorifics") if e["use"] == "address"], ids=lambda e: e.phrase)
def test_a_word_of_address_marks_a_person(entry) -> None:  # type: ignore[no-untyped-def]
    found = find_people(entry.example, default_gazetteer())[0]
    assert found, entry.example
    assert entry.phrase.casefold() not in found[0].name.casefold().split(), (entry.example, found[0])


def test_styles_of_several_words_before_a_name_after_a_state() -> None:
    assert people("Thủ tướng Vương quốc Campuchia Samdech Thipadei Sok Chenda đón đoàn.") == [
        ("Sok Chenda", "Thủ tướng Vương quốc Campuchia", "KH")]
    assert people("Phó Tổng thống U Kyaw Tint Swe sang thăm Hà Nội.")[0][0] == "Kyaw Tint Swe"


def test_a_head_written_with_every_word_capitalised() -> None:
    assert people("Tổng Thống Hoa Kỳ John Adams đã tiếp Thủ Tướng Lê Văn Hòa tại Nhà Trắng.") == [
        ("John Adams", "Tổng Thống Hoa Kỳ", "US"), ("Lê Văn Hòa", "Thủ Tướng", None)]


def test_words_of_a_name_are_no_head() -> None:
    # "Trung Quốc Vương Nghị": "Quốc Vương" (a king) only where no capitalised word comes before
    assert people("Bộ trưởng Ngoại giao Trung Quốc Vương Minh sẽ sang thăm.") == [
        ("Vương Minh", "Bộ trưởng Ngoại giao Trung Quốc", "CN")]


def test_the_state_named_last_of_two_side_by_side() -> None:
    assert people("Thư mời của Tổng thống nước Cộng hòa Bolivia Venezuela Pedro Lara.")[0][2] == "VE"


def test_the_holy_see_and_its_clergy() -> None:
    assert people("Đón đoàn có Đức ông Marco Bellini, Tổng giám mục, Sứ thần Tòa thánh.") == [
        ("Marco Bellini", "Tổng giám mục, Sứ thần Tòa thánh", "VA")]
    assert people("Chủ tịch nước hội kiến Đức Giáo hoàng Benedict tại Vatican.")[-1] == ("Benedict", "Đức Giáo hoàng", "VA")


def test_a_city_and_a_particle_in_a_name() -> None:
    assert people("Lãnh sự danh dự Việt Nam tại Napoli Paolo Greco dự lễ đón.")[0][0] == "Paolo Greco"
    assert people("Thủ tướng Cộng hòa Mozambique Adriano do Couto kết thúc chuyến thăm.")[0][0] == "Adriano do Couto"


@pytest.mark.parametrize("entry", [e for e in lexicon("honorifics") if e["use"] == "after"], ids=lambda e: e.phrase)
def test_a_style_after_the_name_is_no_part_of_it(entry) -> None:  # type: ignore[no-untyped-def]
    found = find_people(entry.example, default_gazetteer())[0]
    assert found, entry.example
    assert entry.phrase.split()[0] not in found[0].name, (entry.example, found[0])


def test_in_a_joint_statement_each_title_follows_its_name() -> None:
    assert people("Theo lời mời của Ngài Lê Văn Sơn, Thủ tướng nước Cộng hòa xã hội chủ nghĩa Việt Nam, "
                  "Ngài Omar Khalid, Thủ tướng Malaysia đã thăm chính thức Việt Nam.") == [
        ("Lê Văn Sơn", "Thủ tướng nước Cộng hòa xã hội chủ nghĩa Việt Nam", "VN"),
        ("Omar Khalid", "Thủ tướng Malaysia", "MY")]


def test_a_foreign_office_told_before_a_vietnamese_title_is_anothers() -> None:
    found = people("Chúc mừng ông Park Jin-ho vừa nhậm chức Bộ trưởng Ngoại giao Hàn Quốc, "
                   "Phó Thủ tướng Lê Văn Hải bày tỏ tin tưởng.")
    assert ("Lê Văn Hải", "Phó Thủ tướng", None) in found


def test_a_leader_remembered_and_a_place_after_at_are_no_one() -> None:
    assert people("Đoàn đã đặt vòng hoa và viếng Lăng Chủ tịch Hồ Chí Minh.") == []
    assert people("Đoàn dự hội nghị thượng đỉnh các Nhà lãnh đạo tại Kazan, Liên bang Nga.") == []
    assert people("Bài viết cuối trang nhắc tới Thủ tướng Ph") == []


def test_a_deputy_of_any_office() -> None:
    assert people("Phó Thứ trưởng Bộ Thương mại Pakistan Ali Raza dự phiên họp.") == [
        ("Ali Raza", "Phó Thứ trưởng Bộ Thương mại Pakistan", "PK")]


def test_a_vietnamese_name_told_with_two_states_is_one_person() -> None:
    from kg.extraction.extract import extract_article
    from kg.reading.reader import parse_article

    f = extract_article(parse_article(
        "date: 2025-05-05\n\nĐồng chí Lê Quốc Hưng, Bí thư Tỉnh ủy Sơn La (Việt Nam), hội đàm với Tỉnh trưởng Lào "
        "Khamla Vong.\n\n"
        "Tại hội đàm, đồng chí Lê Quốc Hưng, Trưởng đoàn đại biểu tỉnh Sơn La và các tỉnh bạn (Lào) phát biểu.\n",
        "test"), default_gazetteer())
    assert [(p.name, p.state) for p in f.people if p.name == "Lê Quốc Hưng"] == [("Lê Quốc Hưng", "VN")]


def test_a_party_or_a_company_before_the_name_is_the_titles() -> None:
    assert people("Chủ tịch Đảng Azerbaijan Mới Rauf Mammadov tiếp đoàn.") == [
        ("Rauf Mammadov", "Chủ tịch Đảng Azerbaijan Mới", "AZ")]
    assert people("Tổng giám đốc Tập đoàn Vinacomin Lê Văn Hùng dự lễ ký.")[0][0] == "Lê Văn Hùng"
    assert people("Tổng thống Cuba Miguel Díaz-Canel Bermúdez tiếp đoàn.")[0][0] == "Miguel Díaz-Canel Bermúdez"


def test_a_name_glued_to_the_next_word_ends_where_the_word_begins() -> None:
    assert people("Thủ tướng Lào Kim Yêng Incảm ơn đoàn Việt Nam.")[0][0] == "Kim Yêng In"
    assert people("Chủ tịch nước Nguyễn Văn Thuận dự lễ.")[0][0] == "Nguyễn Văn Thuận"


def test_a_style_and_one_word_is_the_name() -> None:
    assert people("Quốc vương Malaysia Sultan Ahmad tiếp đoàn.") == [("Sultan Ahmad", "Quốc vương Malaysia", "MY")]


def test_particles_inside_a_foreign_name() -> None:
    assert people("Chủ tịch Ủy ban châu Âu Anna von der Berg phát biểu.")[0][0] == "Anna von der Berg"


def test_a_company_named_before_a_name_is_no_one() -> None:
    assert people("Tổng Giám đốc Vinaphone Lê Đức Hạnh tháp tùng đoàn.") == [
        ("Lê Đức Hạnh", "Tổng Giám đốc Vinaphone", None)]


def test_a_vietnamese_name_after_a_foreign_state_keeps_its_surname() -> None:
    assert people("Đón đoàn có Đại sứ Việt Nam tại Lào Nguyễn Văn Hùng.")[0][0] == "Nguyễn Văn Hùng"


def test_a_name_cut_off_at_the_end_of_an_excerpt_is_no_one() -> None:
    from kg.extraction.extract import extract_article
    from kg.reading.reader import parse_article

    f = extract_article(parse_article("date: 2025-05-05\n\nNgày 4/5, Thủ tướng Lê Văn Hòa tiếp Đại sứ Chile Pablo Rojas. "
                                      "Cùng ngày, Bộ trưởng Lê Văn Phúc tiếp Đại sứ Peru Luis Var", "test"),
                        default_gazetteer())
    assert {p.name for p in f.people} == {"Lê Văn Hòa", "Pablo Rojas", "Lê Văn Phúc"}
