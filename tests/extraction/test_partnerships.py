"""Partnerships (the framework two states have between them) and relations told as anniversaries,
read from short texts written for the tests; the word lists' examples each give their value; a
tiny corpus built and asked with ``kg query partnerships``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF

from kg.cli import main
from kg.extraction.extract import extract_article
from kg.extraction.model import ArticleFacts
from kg.graph.validate import load_ontology, load_shapes, validate_graph
from kg.reading.gazetteer import default_gazetteer
from kg.reading.lexicon import lexicon
from kg.reading.reader import parse_article
from kg.storage.store import load_dataset
from kg.vocab import DIP, KGID


def facts(body: str, published: str = "2024-05-20") -> ArticleFacts:
    return extract_article(parse_article(f"url: x\ndate: {published}\n\n{body}\n", "test"), default_gazetteer())


def rows(f: ArticleFacts) -> set[tuple[tuple[str, str], str, str, str | None]]:
    return {(p.states, p.framework, p.status, p.date) for p in f.partnerships}


@pytest.mark.parametrize("entry", lexicon("partnership_frameworks"), ids=lambda e: e.phrase)
def test_each_framework_of_the_word_list_is_read_from_its_example(entry) -> None:
    f = facts(entry.example)
    assert entry["framework"] in {p.framework for p in f.partnerships}, entry.example


_STATUS_OF_CUE = {"established": "established", "past": "established", "proposed": "proposed", "existing": "existing"}


@pytest.mark.parametrize("entry", lexicon("partnership_cues"), ids=lambda e: e.phrase)
def test_each_status_cue_of_the_word_list_gives_its_status(entry) -> None:
    f = facts(entry.example)
    assert f.partnerships, entry.example
    statuses = {p.status for p in f.partnerships}
    assert statuses == {_STATUS_OF_CUE[entry["cue"]]}, entry.example
    if entry["cue"] == "past":  # a step told as done before: dated only by the text
        assert {p.date for p in f.partnerships} == {None}
    if entry["cue"] == "established":  # dated by the text, else by the day of the news
        assert all(p.date for p in f.partnerships), entry.example


def test_an_upgrade_agreed_at_talks_takes_the_day_of_the_talks() -> None:
    f = facts("Chiều 18/5, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Ba Lan Donald Tusk. "
              "Hai Thủ tướng nhất trí nâng cấp quan hệ Việt Nam - Ba Lan lên Đối tác chiến lược.")
    assert rows(f) == {(("VN", "PL"), "strategic partnership", "established", "2024-05-18")}


def test_an_upgrade_without_talks_takes_the_day_of_the_article() -> None:
    f = facts("Việt Nam và Chile tuyên bố nâng tầm quan hệ lên Đối tác chiến lược toàn diện.")
    assert rows(f) == {(("VN", "CL"), "comprehensive strategic partnership", "established", "2024-05-20")}


def test_the_year_of_an_earlier_upgrade_is_its_own() -> None:
    f = facts("Hợp tác tăng mạnh kể từ khi hai nước nâng cấp quan hệ Việt Nam - Hungary lên Đối tác toàn diện vào năm 2017.")
    assert rows(f) == {(("VN", "HU"), "comprehensive partnership", "established", "2017")}
    f = facts("Năm 2012, Việt Nam và Ấn Độ ký Tuyên bố chung về Đối tác chiến lược và ký thêm một văn kiện năm 2021.")
    assert {r[3] for r in rows(f)} == {"2012"}


def test_from_one_framework_to_another() -> None:
    f = facts("Hai Tổng thống nhất trí nâng cấp quan hệ Việt Nam - Thái Lan từ quan hệ Đối tác chiến lược "
              "được thiết lập năm 2013 lên Đối tác chiến lược toàn diện.", "2025-05-16")
    assert rows(f) == {
        (("VN", "TH"), "strategic partnership", "established", "2013"),
        (("VN", "TH"), "comprehensive strategic partnership", "established", "2025-05-16"),
    }


def test_partners_already_each_state_of_a_list() -> None:
    f = facts("Bộ trưởng hài lòng về quan hệ Đối tác chiến lược giữa Việt Nam với Pháp, Ý và Tây Ban Nha.")
    assert {r[0] for r in rows(f)} == {("VN", "FR"), ("VN", "IT"), ("VN", "ES")}
    assert {r[2] for r in rows(f)} == {"existing"}


def test_the_states_a_sentence_names_after_a_framework() -> None:
    f = facts("Việt Nam có ba Đối tác chiến lược toàn diện là Trung Quốc, Nga và Ấn Độ.")
    assert {r[0] for r in rows(f)} == {("VN", "CN"), ("VN", "RU"), ("VN", "IN")}
    f = facts("Giới phân tích cho rằng quan hệ Đối tác chiến lược toàn diện Nga - Trung Quốc rất bền vững.")
    assert {r[0] for r in rows(f)} == {("CN", "RU")}
    # of no pair of states: in general, or with an organisation
    assert facts("Đến nay Việt Nam có quan hệ Đối tác chiến lược với 18 nước.").partnerships == ()
    assert facts("Thủ tướng Singapore chúc mừng. Hai bên thúc đẩy quan hệ Đối tác toàn diện Việt Nam - EU.").partnerships == ()


def test_a_framework_set_up_by_the_words_after_it() -> None:
    f = facts("Quan hệ Đối tác chiến lược Việt Nam - Đức được thiết lập từ năm 2011 và phát triển tốt.")
    assert rows(f) == {(("VN", "DE"), "strategic partnership", "established", "2011")}


def test_the_states_of_the_sentence_before() -> None:
    f = facts("Thủ tướng Phạm Minh Chính gặp Thủ tướng Canada Justin Trudeau. "
              "Hai bên nhấn mạnh quan hệ Đối tác toàn diện giữa hai nước phát triển tốt.")
    assert rows(f) == {(("VN", "CA"), "comprehensive partnership", "existing", None)}


def test_an_anniversary_before_an_upgrade_is_not_the_upgrade() -> None:
    f = facts("Nhân dịp kỷ niệm 30 năm quan hệ ngoại giao, hai nước nâng cấp quan hệ Việt Nam - Mông Cổ lên Đối tác toàn diện.")
    assert {r[2] for r in rows(f)} == {"established"}
    f = facts("Năm nay đánh dấu tròn 10 năm xác lập quan hệ Đối tác chiến lược Việt Nam - Philippines.")
    assert {r[2] for r in rows(f)} == {"existing"}


def test_an_upgrade_told_as_done_outweighs_partners_already() -> None:
    f = facts("Hai nước nâng cấp quan hệ Việt Nam - Peru lên Đối tác toàn diện. "
              "Quan hệ Đối tác toàn diện Việt Nam - Peru sẽ đi vào chiều sâu.")
    assert {r[2] for r in rows(f)} == {"established"}


def test_a_step_another_fact_took_is_not_the_partnership_s() -> None:
    f = facts("Việt Nam và Hàn Quốc thiết lập quan hệ ngoại giao năm 1992 và hiện là Đối tác chiến lược toàn diện.")
    assert rows(f) == {(("VN", "KR"), "comprehensive strategic partnership", "existing", None)}


def test_an_upgrade_still_to_come_is_proposed() -> None:
    f = facts("Hai Bộ trưởng bàn cách nâng cấp quan hệ Việt Nam - Hy Lạp lên Đối tác toàn diện trong thời gian tới.")
    assert rows(f) == {(("VN", "GR"), "comprehensive partnership", "proposed", None)}


def test_a_step_far_from_the_framework_is_not_its_step() -> None:
    f = facts("Hai bên nhất trí thiết lập cơ chế đối thoại thường niên nhằm cụ thể hóa quan hệ Đối tác chiến lược Việt Nam - Ý.")
    assert {r[2] for r in rows(f)} == {"existing"}


def test_partners_in_other_senses_are_no_framework() -> None:
    f = facts("Ai Cập là đối tác thương mại quan trọng của Việt Nam. "
              "Hai bên ký tuyên bố về quan hệ đối tác quốc phòng Việt Nam - Ai Cập.")
    assert f.partnerships == ()


# ---------------------------------------------------------------- relations told as anniversaries

def relations(f: ArticleFacts) -> list[tuple[tuple[str, str], str | None]]:
    return [(r.states, r.established) for r in f.relations]


@pytest.mark.parametrize("entry", lexicon("relation_triggers"), ids=lambda e: e.phrase)
def test_each_relation_trigger_of_the_word_list_gives_a_dated_relation(entry) -> None:
    (relation,) = facts(entry.example).relations
    assert relation.states[0] == "VN" and relation.established, entry.example


@pytest.mark.parametrize("entry", lexicon("anniversary_spans"), ids=lambda e: e.phrase)
def test_each_anniversary_span_in_words_counts_back_its_years(entry) -> None:
    (relation,) = facts(entry.example, "2024-03-01").relations
    assert relation.established == str(2024 - int(entry["years"])), entry.example


def test_a_relation_told_as_an_anniversary_counts_back_from_the_article() -> None:
    f = facts("Hai bên tổ chức nhiều hoạt động kỷ niệm 30 năm ngày thiết lập quan hệ ngoại giao Việt Nam - Mozambique.")
    assert relations(f) == [(("VN", "MZ"), "1994")]
    f = facts("Hai nước tổ chức lễ kỷ niệm 50 năm quan hệ ngoại giao Việt Nam - Algeria tại Hà Nội.", "2012-10-01")
    assert relations(f) == [(("VN", "DZ"), "1962")]
    f = facts("Hôm nay là 30 năm Ngày hai nước thiết lập quan hệ ngoại giao Việt Nam - Kenya.", "2023-10-01")
    assert relations(f) == [(("VN", "KE"), "1993")]


def test_an_anniversary_span_with_dots_or_dashes() -> None:
    f = facts("Năm nay tròn 25 năm Việt Nam và Chile thiết lập quan hệ ngoại giao (5.3.1999 - 5.3.2024).")
    f2 = facts("Lễ kỷ niệm 25 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Chile (5-3-1999 – 5-3-2024) diễn ra trọng thể.")
    assert relations(f2) == [(("VN", "CL"), "1999-03-05")]
    assert [r[1] for r in relations(f)] == ["1999-03-05"]


def test_the_date_the_text_gives_outweighs_an_anniversary_and_an_undated_mention() -> None:
    f = facts("Việt Nam và Ai Cập thiết lập quan hệ ngoại giao ngày 1/9/1963. "
              "Từ khi thiết lập quan hệ ngoại giao, hai nước luôn ủng hộ nhau. "
              "Năm 2023, hai nước kỷ niệm 60 năm thiết lập quan hệ ngoại giao.")
    assert relations(f) == [(("VN", "EG"), "1963-09-01")]


def test_relations_without_a_date_are_still_relations() -> None:
    f = facts("Trong những năm sau khi hai nước thiết lập quan hệ ngoại giao, Hoa Kỳ trở thành thị trường lớn của Việt Nam.")
    assert relations(f) == [(("VN", "US"), None)]


# ---------------------------------------------------------------- the graph and the stored query

@pytest.fixture(scope="module")
def tiny_graph(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    articles = tmp_path_factory.mktemp("partnership-articles")
    (articles / "a.txt").write_text(
        "url: x\ndate: 2024-05-20\n\nChiều 18/5, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Ba Lan Donald Tusk. "
        "Hai Thủ tướng nhất trí nâng cấp quan hệ Việt Nam - Ba Lan lên Đối tác chiến lược.\n", encoding="utf-8")
    (articles / "b.txt").write_text(
        "url: y\ndate: 2024-09-02\n\nHai Bộ trưởng Ngoại giao đánh giá cao quan hệ Đối tác chiến lược Việt Nam - Ba Lan. "
        "Phía bạn đề xuất nâng cấp quan hệ Việt Nam - Chile lên Đối tác toàn diện.\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("partnership-graph")
    built = CliRunner().invoke(main, ["build", "--articles", str(articles), "--out", str(out)])
    assert built.exit_code == 0, built.output
    return out, built.output


def test_kg_query_partnerships_on_a_tiny_corpus(tiny_graph: tuple[Path, str], runner: CliRunner) -> None:
    out, summary = tiny_graph
    assert "2 partnerships" in summary and "SHACL: conforms" in summary
    result = runner.invoke(main, ["query", "partnerships", "--graph", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == ["stateA", "stateB", "framework", "status", "date", "source"]
    assert [tuple(r.values()) for r in table] == [
        ("CL", "VN", "comprehensive partnership", "proposed", "", "b"),
        ("PL", "VN", "strategic partnership", "established", "2024-05-18", "a"),
        ("PL", "VN", "strategic partnership", "existing", "", "b"),
    ]


def test_the_shapes_catch_a_partnership_without_framework_or_states(tiny_graph: tuple[Path, str]) -> None:
    data = Graph()
    for s, p, o, _ in load_dataset(tiny_graph[0]).quads((None, None, None, None)):
        data.add((s, p, o))
    partnership = sorted(data.subjects(RDF.type, DIP.Partnership))[0]
    data.remove((partnership, DIP.framework, None))
    data.add((partnership, DIP.betweenState, KGID["state/RU"]))
    result = validate_graph(data, load_shapes(), load_ontology())
    assert not result.conforms
    assert "exactly one framework" in result.report_text and "exactly two states" in result.report_text
