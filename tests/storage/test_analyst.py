"""The analyst's questions on the seeds, each one stored query: who, when, where, says who."""

from __future__ import annotations

from pathlib import Path

from kg.storage.store import open_store

SCHEMA = "https://schema.org/"
ARTICLE = "https://w3id.org/vn-diplomacy/id/article/"


def _select(graph: Path, text: str) -> list[tuple[str, ...]]:
    return [tuple(t.value for t in row) for row in open_store(graph).query(text, use_default_graph_as_union=True)]


def test_articles_carry_headline_outlet_and_date(seed_graph: Path) -> None:
    rows = _select(seed_graph, f"""
        SELECT DISTINCT ?headline ?outlet ?date WHERE {{
          <{ARTICLE}004_094af69dabc5281d> <{SCHEMA}headline> ?headline ;
             <{SCHEMA}publisher>/<{SCHEMA}name> ?outlet ; <{SCHEMA}datePublished> ?date }}""")
    assert rows == [("Khẳng định độ tin cậy chính trị cao giữa Việt Nam-Kazakhstan", "TTXVN/Vietnam+", "2023-08-20")]
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
