"""The analyst's questions on the seeds, each one stored query: who, when, where, says who."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.storage.store import open_store

SCHEMA = "https://schema.org/"
ARTICLE = "https://w3id.org/vn-diplomacy/id/article/"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _select(graph: Path, text: str) -> list[tuple[str, ...]]:
    return [tuple(t.value for t in row) for row in open_store(graph).query(text, use_default_graph_as_union=True)]


def test_articles_carry_headline_outlet_and_date(seed_graph: Path) -> None:
    rows = _select(seed_graph, f"""
        SELECT DISTINCT ?headline ?outlet ?date WHERE {{
          <{ARTICLE}004_094af69dabc5281d> <{SCHEMA}headline> ?headline ;
             <{SCHEMA}publisher>/<{SCHEMA}name> ?outlet ; <{SCHEMA}datePublished> ?date }}""")
    # the headline is the seed article's first line (read from it, not copied here)
    headline = (SEEDS / "004_094af69dabc5281d.txt").read_text(encoding="utf-8").splitlines()[0].strip()
    assert rows == [(headline, "TTXVN/Vietnam+", "2023-08-20")]
    headlines = _select(seed_graph, f"SELECT DISTINCT ?a WHERE {{ ?a <{SCHEMA}headline> ?h }}")
    assert len(headlines) == 3  # 000, 003, 004; 001 and 002 open on a caption


def test_dates_compare_whatever_their_precision(seed_graph: Path) -> None:
    dip = "https://w3id.org/vn-diplomacy/ontology#"
    typed = _select(seed_graph, f"""SELECT DISTINCT ?v ?d WHERE {{ ?v <{dip}startDate> ?d
        FILTER(?d >= "2023-01-01"^^<http://www.w3.org/2001/XMLSchema#date>) }}""")
    days = _select(seed_graph, f"""SELECT DISTINCT ?v ?d WHERE {{ ?v <{dip}startDate> ?d ; <{dip}startDay> ?day
        FILTER(?day >= "2023-01-01"^^<http://www.w3.org/2001/XMLSchema#date>) }}""")
    assert {d for _, d in typed} < {d for _, d in days}
    assert "2025-03" in {d for _, d in days}  # a month's date: its twin is 2025-03-01


def test_a_day_without_its_year_is_no_year() -> None:
    from kg.graph.rdf import first_day

    assert first_day("2023") == '"2023-01-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert first_day("2023-08") == '"2023-08-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert first_day("--05-07") is None


def _rows(graph: Path, query: str, **params: str) -> list[dict[str, str]]:
    from kg.storage.query import find_query, run_query

    result = run_query(open_store(graph), find_query(query), params)
    return [{c: (v.value if v is not None else "") for c, v in zip(result.columns, row)} for row in result.rows]


def test_person_gives_each_claim_with_its_sentence_and_source(seed_graph: Path) -> None:
    rows = _rows(seed_graph, "person", name="tokaev")  # spelt as some write it, in lower case
    visits = [r for r in rows if r["fact"].endswith("visit/kassym-jomart-tokayev-vn-2023")]
    assert {r["date"] for r in visits} == {"2023-06-11/2023-06-13", "2023-08-20/2023-08-22"}
    assert {r["source"] for r in visits} == {"002_82ea18d4e3d743b1", "003_daa83f813ff2a179", "004_094af69dabc5281d"}
    assert all(r["sentence"] and r["person"] == "Kassym-Jomart Tokayev" for r in rows)
    told = next(r for r in visits if r["source"] == "004_094af69dabc5281d")
    assert "20-22/8/2023" in told["sentence"]
    assert (told["outlet"], told["published"]) == ("TTXVN/Vietnam+", "2023-08-20")
    assert rows == _rows(seed_graph, "person", name="TOKAYEV")
    assert _rows(seed_graph, "person", name="Kasym Jomart") == rows  # a doubled letter single, a hyphen a space


def test_state_by_code_or_by_name(seed_graph: Path) -> None:
    by_name = _rows(seed_graph, "state", state="Kazakhstan")
    assert by_name == _rows(seed_graph, "state", state="KZ") == _rows(seed_graph, "state", state="ca-dắc-xtan")
    kinds = {r["kind"] for r in by_name}
    assert {"official visit to", "diplomatic relations", "talks"} <= kinds
    assert any(r["kind"].startswith("trade") for r in by_name)
    assert all(r["sentence"] and r["source"] for r in by_name)


def test_office_holders_lists_the_president(seed_graph: Path) -> None:
    rows = _rows(seed_graph, "office_holders", state="KZ")
    assert "Kassym-Jomart Tokayev" in {r["name"] for r in rows}
    presidents = _rows(seed_graph, "office_holders", state="kazakhstan", title="tong thong", on="2023-08-21")
    assert {r["name"] for r in presidents} == {"Kassym-Jomart Tokayev"}  # not Nazarbayev, president in 2011
    nazarbayev = [r for r in rows if r["name"] == "Nursultan Nazarbayev"]
    assert [(r["status"], r["since"], r["until"]) for r in nazarbayev] == [("past", "2011-10", "2011-10")]
    assert all("Tổng thống" in r["title"] for r in presidents)
    in_2019 = _rows(seed_graph, "office_holders", state="KZ", on="2019")
    assert [r["name"] for r in in_2019] == ["Nurlan Nigmatulin"]  # his visit of 11/2019, in a list of visits


def test_parameters_are_checked_and_named(seed_graph: Path) -> None:
    from kg.errors import QueryError
    from kg.storage.query import find_query, query_bindings

    with pytest.raises(QueryError, match=r"needs state \(parameters state \(required\), title \(optional\)"):
        query_bindings(find_query("office_holders"), {})
    with pytest.raises(QueryError, match=r"takes parameters name \(required\), not nme"):
        query_bindings(find_query("person"), {"nme": "x"})
    with pytest.raises(QueryError, match="takes no parameters, not name"):
        query_bindings(find_query("visits"), {"name": "x"})
    with pytest.raises(QueryError, match="did you mean 'person'"):
        find_query("persn")


@pytest.mark.parametrize(("sentence", "title", "status", "held"), [
    ("Tổng thống Nước A Nguyễn Văn Ba thăm chính thức Việt Nam.", "Tổng thống", "current", "2024-05"),
    ("Đoàn do nguyên Thủ tướng Nguyễn Văn Ba dẫn đầu đã đến Hà Nội.", "Thủ tướng", "former", None),
    ("Gia đình cố Chủ tịch Nguyễn Văn Ba dự lễ.", "Chủ tịch", "late", None),
    ("Quyền Thủ tướng Nguyễn Văn Ba tiếp đoàn.", "Thủ tướng", "acting", "2024-05"),
    ("Ông Nguyễn Văn Ba, khi đó là Bộ trưởng Ngoại giao, đã ký văn kiện.", "Bộ trưởng Ngoại giao", "past", None),
    ("Các chuyến thăm của Thủ tướng Nguyễn Văn Ba (tháng 3/2009) và của đoàn khác.", "Thủ tướng", "past", "2009-03"),
])
def test_a_title_says_when_it_held(sentence: str, title: str, status: str, held: str | None) -> None:
    from kg.resolution.titles import TitleTime, title_time

    assert title_time(sentence, title, ("Nguyễn Văn Ba",), "2024-05") == TitleTime(status, held)


def test_person_says_where_through_the_command_line(seed_graph: Path) -> None:
    import csv
    import io

    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["query", "person", "--param", "name=tokaev", "--graph", str(seed_graph),
                                       "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    columns = ["date", "kind", "status", "counterpart", "venue", "sentence", "source", "outlet", "published"]
    assert all(c in rows[0] for c in [*columns, "occasion"])
    june = [r for r in rows if r["date"] == "2023-06-11/2023-06-13"]
    assert june and all(r["venue"] == "Hà Nội, VN" for r in june)  # "đến Hà Nội" in its sentence
    # the meetings held during the August visit, in the state visited
    assert {r["venue"] for r in rows if r["date"] == "2023-08-20" and r["kind"] == "meeting"} == {"VN"}
