"""The analyst's questions on the seeds, each one stored query: who, when, where, says who."""

from __future__ import annotations

from pathlib import Path

from kg.storage.query import run_query
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
