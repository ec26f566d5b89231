"""The readers of dates, money, titles, names and page furniture, on sentences written here."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.reading.dates import compatible, find_dates
from kg.reading.gazetteer import default_gazetteer
from kg.reading.money import find_money
from kg.reading.names import find_people, is_vietnamese_syllable
from kg.reading.reader import normalise_text, parse_article, split_sentences
from kg.reading.resolve_names import same_person


def _dates(text: str) -> list[tuple[str | None, str | None]]:
    return [(d.first.iso(), d.last.iso() if d.last else None) for d in find_dates(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("thăm Việt Nam vào ngày 6 và 7/3/2025.", [("2025-03-06", "2025-03-07")]),
        ("thăm chính thức từ ngày 20 đến 22/8.", [("--08-20", "--08-22")]),
        ("chuyến thăm từ ngày 11-13/6/2023.", [("2023-06-11", "2023-06-13")]),
        ("từ ngày 20 đến ngày 21/7/2023 theo lời mời", [("2023-07-20", "2023-07-21")]),
        ("từ ngày 2 đến 4-10 theo lời mời", [("--10-02", "--10-04")]),
        ("ký vào ngày 4/6/1992.", [("1992-06-04", None)]),
        ("Chiều tối qua 26-11, Tổng Bí thư", [("--11-26", None)]),
        ("Ngày 22-1, tại Hà Nội", [("--01-22", None)]),
        ("thăm Kyrgyzstan (tháng 3/2009)", [("2009-03", None)]),
        ("Năm 1959, Chủ tịch", [("1959", None)]),
        ("giai đoạn 2017-2021 và nhiệm kỳ 2023-2025", []),
        ("(4/6/1992-4/6/2022), ngày 4/6", [("1992-06-04", "2022-06-04"), ("--06-04", None)]),
        ("ngày 31/2/2024 không có", []),
        ("ký ngày 15 tháng 3 năm 2024 tại Hà Nội", [("2024-03-15", None)]),
        ("vào tháng 3 năm 2024", [("2024-03", None)]),
        ("Từ ngày 30/9 đến 1/10/2024, Tổng Bí thư", [("2024-09-30", "2024-10-01")]),
        ("thăm từ 28/2-2/3/2025 theo lời mời", [("2025-02-28", "2025-03-02")]),
        ("từ ngày 30/12 đến 2/1/2025", [("2024-12-30", "2025-01-02")]),
        ("từ ngày 31/10 đến ngày 1/11", [("--10-31", "--11-01")]),
        ("ngày 12/6 - 4/6", [("--06-12", None), ("--06-04", None)]),
        ("sẽ thăm Việt Nam vào cuối năm nay.", [(None, None)]),  # the year is the publication's, filled in later
        ("từ ngày 05 đến ngày 06 tháng 11 năm 2015.", [("2015-11-05", "2015-11-06")]),
        ("trong hai ngày 6 và 7 tháng 3", [("--03-06", "--03-07")]),
        ("lễ đón vào chiều ngày 5.11, hội đàm ngày 6.11.2015", [("--11-05", None), ("2015-11-06", None)]),
        ("tăng 5.11 lần; ngày 5.11,5 tỷ", []),  # numbers, not days
        ("Sáng nay, 12-11, tại Phủ Chủ tịch", [("--11-12", None)]),  # the day told after "nay"
    ],
)
def test_dates(text: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert _dates(text) == expected


def test_anniversary_and_year_inference() -> None:
    (anniversary,) = [d for d in find_dates("kỷ niệm 30 năm (1992-2022)") if d.anniversary]
    assert (anniversary.first.iso(), anniversary.last.iso()) == ("1992", "2022")
    (day,) = find_dates("ngày mai 12/6")
    assert day.resolved(2023).first.iso() == "2023-06-12"
    (rng,) = find_dates("từ ngày 20 đến 22/8")
    resolved = rng.resolved(2023)
    assert (resolved.first.iso(), resolved.last.iso()) == ("2023-08-20", "2023-08-22")


def test_compatible_dates() -> None:
    assert compatible("2025-03", "2025-03-06")
    assert not compatible("2023-06-11", "2023-08-20")
    assert compatible(None, "2023")


@pytest.mark.parametrize(
    "text, usd, qualifier",
    [
        ("đạt 13,5 triệu USD trong năm 2024", Decimal("13500000"), None),
        ("đạt 349,2 triệu USD (năm 2020)", Decimal("349200000"), None),
        ("đạt 124, 1 triệu USD, tăng 34,5%", Decimal("124100000"), None),
        ("đạt hơn 142 triệu USD", Decimal("142000000"), "hơn"),
        ("sớm đạt 20 tỷ USD", Decimal("20000000000"), None),
        ("khoảng 3.600 USD", Decimal("3600"), "khoảng"),
        ("đạt 2 tỷ 750 triệu USD", Decimal("2750000000"), None),
        ("hơn 1 tỷ 40 triệu USD", Decimal("1040000000"), "hơn"),
    ],
)
def test_money(text: str, usd: Decimal, qualifier: str | None) -> None:
    (money,) = find_money(text)
    assert money.usd == usd
    assert money.qualifier == qualifier


def test_money_per_year_is_marked() -> None:
    (money,) = find_money("duy trì ở mức 1,36 triệu USD/năm")
    assert money.per_year


def _people(text: str) -> list[tuple[str, str | None, str | None]]:
    people, _ = find_people(normalise_text(text), default_gazetteer())
    return [(p.name, p.title, p.state) for p in people]


def test_compound_title_and_state_from_title() -> None:
    assert _people("Phó Thủ tướng, Bộ trưởng Ngoại giao Kazakhstan Mukhtar Tileuberdi thăm Việt Nam.") == [
        ("Mukhtar Tileuberdi", "Phó Thủ tướng, Bộ trưởng Ngoại giao Kazakhstan", "KZ")
    ]
    assert _people("điện mừng Phó Thủ tướng kiêm Bộ trưởng Ngoại giao Thái Lan Parnpree Bahiddha-Nukara.") == [
        ("Parnpree Bahiddha-Nukara", "Phó Thủ tướng kiêm Bộ trưởng Ngoại giao Thái Lan", "TH")
    ]


def test_ministry_title_with_state_and_vietnamese_name() -> None:
    got = _people(
        "Thứ trưởng Bộ Ngoại giao Lê Thị Thu Hằng gặp Thứ trưởng Bộ Ngoại giao "
        "Cộng hòa Kyrgyzstan Abakirov Mede."
    )
    # a Vietnamese name with no state in its title: the extractor decides (VN, unless the
    # article says otherwise, as for "Bộ trưởng Ngoại giao Trung Quốc Vương Nghị")
    assert got == [
        ("Lê Thị Thu Hằng", "Thứ trưởng Bộ Ngoại giao", None),
        ("Abakirov Mede", "Thứ trưởng Bộ Ngoại giao Cộng hòa Kyrgyzstan", "KG"),
    ]


def test_ambassador_serves_the_state_before_tai() -> None:
    got = _people("Đại sứ Cộng hòa Kazakhstan tại Việt Nam Yerlan Baizhanov trả lời phỏng vấn.")
    assert got == [("Yerlan Baizhanov", "Đại sứ Cộng hòa Kazakhstan tại Việt Nam", "KZ")]
    # "Hàn Quốc" opens like a surname (Hàn); "Hữu" also opens body names ("Hữu nghị")
    got = _people("Đại sứ Việt Nam tại Hàn Quốc Trương Trọng Hữu Tuấn trình Thư ủy nhiệm.")
    assert got == [("Trương Trọng Hữu Tuấn", "Đại sứ Việt Nam tại Hàn Quốc", "VN")]
    assert _people("Thủ tướng Hàn Quốc Han Duck-soo tiếp đoàn.") == [("Han Duck-soo", "Thủ tướng Hàn Quốc", "KR")]
    assert _people("Thủ tướng Úc Anthony Albanese hội đàm.") == [("Anthony Albanese", "Thủ tướng Úc", "AU")]
    assert _people("Tổng thống Mỹ Joe Biden hội đàm.") == [("Joe Biden", "Tổng thống Mỹ", "US")]
    # "Mỹ" also opens Vietnamese names and places: there it is no state
    assert _people("Bà Nguyễn Thị Mỹ Hạnh, Đại sứ Việt Nam tại Mexico, phát biểu.")[0][0] == "Nguyễn Thị Mỹ Hạnh"
    states = [m.text for m in default_gazetteer().states("tại Mỹ Đình, thăm Mỹ và các nước Mỹ Latinh")]
    assert states == ["Mỹ"]
    assert _people("Thủ tướng Anh Keir Starmer tiếp đoàn.") == [("Keir Starmer", "Thủ tướng Anh", "GB")]
    states = [m.code for m in default_gazetteer().states("Thứ trưởng Nguyễn Tuấn Anh phát biểu bằng tiếng Anh tại Pháp")]
    assert states == ["FR"]
    # a region inside a ministry's name is not a person either (Châu is a Vietnamese surname)
    assert _people("Bộ trưởng Châu Âu và Ngoại giao Pháp Stéphane Séjourné tiếp đoàn.") == [
        ("Stéphane Séjourné", "Bộ trưởng Châu Âu và Ngoại giao Pháp", "FR")
    ]
    # a foreign word inside a parliament's name is not a person
    assert _people("Chủ tịch Đại Hural Nhà nước Mông Cổ Dashzegviin Amarbayasgalan hội kiến.") == [
        ("Dashzegviin Amarbayasgalan", "Chủ tịch Đại Hural Nhà nước Mông Cổ", "MN")
    ]


def test_parliament_title_and_initial() -> None:
    got = _people("Chủ tịch Hạ viện Zhakupov Kabibolla Kabenovich gặp Chủ tịch Nhóm Nghị sỹ B. Elvira.")
    assert [g[0] for g in got] == ["Zhakupov Kabibolla Kabenovich", "B. Elvira"]


def test_state_name_is_not_a_person() -> None:
    got = _people("Thủ tướng Thái Lan Paetongtarn Shinawatra điện đàm với Thủ tướng Chính phủ Phạm Minh Chính.")
    assert got == [
        ("Paetongtarn Shinawatra", "Thủ tướng Thái Lan", "TH"),
        ("Phạm Minh Chính", "Thủ tướng Chính phủ", "VN"),
    ]


def test_apposition_title() -> None:
    got = _people("ông Trần Văn Khải, Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam, đã đón đoàn.")
    assert got[0][0] == "Trần Văn Khải"
    assert got[0][1] is not None and got[0][1].startswith("Chủ tịch Liên hiệp")


def test_vietnamese_syllables() -> None:
    assert all(is_vietnamese_syllable(w) for w in ["Nguyễn", "Hằng", "Thưởng", "Quốc", "Khoa"])
    assert not any(is_vietnamese_syllable(w) for w in ["Abakirov", "Tokayev", "Yang", "Foong", "Mede"])


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Abakirov Meder", "Meder Abakirov", True),
        ("Abakirov Mede", "Meder Abakirov", True),
        ("Adylbek Kasimalyev", "Adylbek Kasymaliev", True),
        ("K. Tokayev", "Kassym-Jomart Tokayev", True),
        ("Abakirov", "Meder Abakirov", True),
        ("Nguyễn Tấn Dũng", "Nguyễn Việt Dũng", False),
        ("Nguyễn Xuân Phúc", "Nguyễn Phú Trọng", False),
        ("Shavkat Mirziyoev", "Shavkat Mirziyoyev", True),
        ("Akylbek Japarov", "Adylbek Kasymaliev", False),
    ],
)
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same


def test_tone_marks_and_invisible_characters_are_normalised() -> None:
    assert normalise_text("Cộng hoà Thuỳ\u200b khoẻ") == "Cộng hòa Thùy khỏe"
    assert normalise_text("thỏa thuận quý") == "thỏa thuận quý"


def test_sentences_not_split_on_initials_or_abbreviations() -> None:
    text = "Tổng thống K. Tokayev đến TP. Hồ Chí Minh. Ông gặp B. Elvira ngày 4/6/1992. Hết."
    assert split_sentences(text) == [
        "Tổng thống K. Tokayev đến TP. Hồ Chí Minh.",
        "Ông gặp B. Elvira ngày 4/6/1992.",
        "Hết.",
    ]


def test_sentences_not_split_on_digraph_initials() -> None:
    text = "Bộ trưởng Kh. Batbayar tới Hà Nội. Ông gặp Yu. Petrov. Hết."
    assert split_sentences(text) == ["Bộ trưởng Kh. Batbayar tới Hà Nội.", "Ông gặp Yu. Petrov.", "Hết."]


def test_header_forms_and_furniture() -> None:
    page = "\n".join([
        "Trang chủ Chính trị - Xã hội",
        "07:45 | 18/06/2025 GMT+7",
        "",
        "Thủ tướng Phạm Minh Chính tiếp Đại sứ. (Ảnh: TTXVN)",
        "https://example.org/a.amp",
        "Theo TTXVN/Vietnam+",
        "Tin bài liên quan",
        "Chủ tịch nước Lương Cường thăm Lào.",
    ])
    article = parse_article(page, "x")
    assert article.published == "2025-06-18"
    assert [s.text for s in article.sentences] == ["Thủ tướng Phạm Minh Chính tiếp Đại sứ."]


def test_a_box_of_links_in_the_middle_of_an_article_is_skipped() -> None:
    """A page may put its related-news box between two parts of the text: the headlines are
    left out and the text after them is read; at the end of the page the box ends the article."""
    prose = ("Phóng viên hỏi Đại sứ về những kết quả nổi bật của hợp tác giữa hai nước trong "
             "những năm gần đây và những lĩnh vực còn nhiều tiềm năng cần khai thác thêm.")
    answer = ("Đại sứ cho biết năm ngoái Thủ tướng nước bạn đã thăm chính thức Việt Nam và hai bên "
              "đã ký nhiều văn kiện hợp tác quan trọng về thương mại, nông nghiệp và giáo dục.")
    middle = "\n".join([
        "Bộ trưởng Ngoại giao hai nước gặp nhau tại Hà Nội.",
        "TIN LIÊN QUAN",
        "Hai nước thúc đẩy hợp tác nông nghiệp",
        "Thủ tướng tiếp Bộ trưởng Thương mại nước bạn",
        "",
        prose,
        "",
        answer,
    ])
    texts = [s.text for s in parse_article(middle, "x").sentences]
    assert texts[0].startswith("Bộ trưởng Ngoại giao") and prose in texts and answer in texts
    assert not any("thúc đẩy hợp tác nông nghiệp" in t for t in texts)
    at_the_end = "\n".join(["Bộ trưởng Ngoại giao hai nước gặp nhau tại Hà Nội.", "Tin liên quan",
                            "Hai nước thúc đẩy hợp tác nông nghiệp", "", "Bản quyền thuộc về tòa soạn."])
    assert [s.text for s in parse_article(at_the_end, "x").sentences] == [
        "Bộ trưởng Ngoại giao hai nước gặp nhau tại Hà Nội."]


@pytest.mark.parametrize(
    "header, published",
    [
        ("url: http://x\ndate: 2017-02\n\nNội dung bài.", "2017-02"),
        (" date 2025-08-28 Thứ trưởng tại cuộc điện đàm.", "2025-08-28"),
        ("Tiêu đề\n\nViệt Đức (TTXVN/Vietnam+)| 20/08/2023 10:22\n\nNội dung.", "2023-08-20"),
        ("Tiêu đề\nDương Thuỳ 22/01/2024 - 22:38\nNội dung.", "2024-01-22"),
        ("Thứ Hai, 21 tháng 8, 2023\n\nTiêu đề\n\nNội dung.", "2023-08-21"),
        ("Thứ hai, 21/08/2023 - 10:22\n\nTiêu đề\n\nNội dung.", "2023-08-21"),
        ("Chủ nhật, ngày 5/5/2024\n\nTiêu đề\n\nNội dung.", "2024-05-05"),
        ("Tiêu đề\n\nNgày 27 tháng 5 năm 2021\n\nHôm nay, hai bên điện đàm.", "2021-05-27"),
        ("Tiêu đề\nTháng Năm 27, 2021\nNội dung.", "2021-05-27"),
        ("Tiêu đề\nTháng Mười Hai 3, 2020\nNội dung.", "2020-12-03"),
        ("Tiêu đề\nCập nhật: 27-05-2021\nNội dung.", "2021-05-27"),
        ("27/05/2021\n\nTiêu đề\n\nNội dung.", "2021-05-27"),
        ("Tiêu đề\n\n21:21 14-04-2025 | :98\n\nNội dung.", "2025-04-14"),  # the day with dashes
        ("Thứ Hai, hội đàm ngày 21/8.", None),  # a sentence, not a date line
        ("Tiêu đề\n\nNgày 27 tháng 5 năm 2021, hai bên điện đàm.", None),
        ("date: unknown\n\nNội dung bài.", None),
        ("Nội dung bài không có ngày.", None),
    ],
)
def test_publication_dates(header: str, published: str | None) -> None:
    assert parse_article(header, "x").published == published


def test_glued_words_and_missing_spaces_are_separated() -> None:
    article = parse_article("Tổng thống Cộng hòa KazakhstanKassym-Jomart Tokayev đến.Chủ tịch nước tiếp.", "x")
    assert [s.text for s in article.sentences] == [
        "Tổng thống Cộng hòa Kazakhstan Kassym-Jomart Tokayev đến.",
        "Chủ tịch nước tiếp.",
    ]


def test_the_items_of_a_list_are_sentences_and_a_menu_is_not() -> None:
    page = "\n".join(["Tiêu đề bài", "", "Các văn kiện gồm:", "1. Bản ghi nhớ về hợp tác y tế giữa hai nước.",
                      "- Hiệp định dẫn độ giữa hai nước.", "• Mặc định", "a) Kế hoạch hợp tác năm 2025 của hai Bộ.",
                      "(2) Thỏa thuận về đào tạo nghề giữa hai Bộ."])
    assert [s.text for s in parse_article(page, "x").sentences] == [
        "Tiêu đề bài", "Các văn kiện gồm:", "Bản ghi nhớ về hợp tác y tế giữa hai nước.",
        "Hiệp định dẫn độ giữa hai nước.", "Kế hoạch hợp tác năm 2025 của hai Bộ.",
        "Thỏa thuận về đào tạo nghề giữa hai Bộ.",
    ]


def test_a_sentence_the_page_broke_over_lines_is_one_sentence() -> None:
    article = parse_article(
        "Tăng cường quan hệ Việt Nam - Hoa Kỳ\n"
        "Kyrgyzstan luôn coi Việt Nam là đối tác quan trọng\n"
        "Ngày 16/2 vừa qua, Bộ trưởng Ngoại giao Phạm Bình Minh và Ngoại trưởng Hoa Kỳ\n"
        "John Kerry đã có cuộc điện đàm.\n"
        "Ngoại trưởng John Kerry\n"
        "chúc mừng nhân dân Việt Nam nhân dịp Tết Nguyên đán.\n"
        "Hai\n"
        "Ngoại trưởng trao đổi về một số biện pháp thúc đẩy quan hệ song phương.\n", "test")
    # a headline and a link line stay lines of their own; a line that opens on its day, ends
    # on a word no sentence ends on, or is followed by one in lower case goes on
    assert [s.text for s in article.sentences] == [
        "Tăng cường quan hệ Việt Nam - Hoa Kỳ",
        "Kyrgyzstan luôn coi Việt Nam là đối tác quan trọng",
        "Ngày 16/2 vừa qua, Bộ trưởng Ngoại giao Phạm Bình Minh và Ngoại trưởng Hoa Kỳ John Kerry đã có cuộc điện đàm.",
        "Ngoại trưởng John Kerry chúc mừng nhân dân Việt Nam nhân dịp Tết Nguyên đán.",
        "Hai Ngoại trưởng trao đổi về một số biện pháp thúc đẩy quan hệ song phương.",
    ]


@pytest.mark.parametrize(("page", "headline", "outlet", "published"), [
    # a url:/date: preamble, a section label, then the headline
    ("url: https://www.example-news.vn/bai-viet-123.html\ndate: 2024-05\n\nThế giới\n\n"
     "Hai nước nhất trí mở rộng hợp tác giáo dục\n\nNgày 3/5, hai Bộ trưởng đã gặp nhau tại Hà Nội.",
     "Hai nước nhất trí mở rộng hợp tác giáo dục", "example-news.vn", "2024-05"),
    # a page header: the headline, a byline with the agency and its time stamp
    ("Hai nước nhất trí mở rộng hợp tác giáo dục\n\nNgọc Lan (TTXVN/Vietnam+)| 04/05/2024 09:15\n\n"
     "Ngày 3/5, hai Bộ trưởng đã gặp nhau tại Hà Nội.",
     "Hai nước nhất trí mở rộng hợp tác giáo dục", "TTXVN/Vietnam+", "2024-05-04"),
    # " date ..." then a photo's caption: no headline; the lead's credit is the outlet
    (" date 2024-05-04 Hai Bộ trưởng tại cuộc gặp. Ảnh: TTXVN\n\n(VOV5) - Ngày 3/5, hai Bộ trưởng đã gặp nhau.",
     None, "VOV5", "2024-05-04"),
    # nothing: the article opens on its first sentence
    ("Ngày 3/5, hai Bộ trưởng đã gặp nhau tại Hà Nội.\nHai bên nhất trí mở rộng hợp tác.", None, None, None),
])
def test_article_header_gives_headline_outlet_and_date(page: str, headline: str | None, outlet: str | None,
                                                       published: str | None) -> None:
    article = parse_article(page, "x")
    assert (article.headline, article.outlet, article.published) == (headline, outlet, published)
