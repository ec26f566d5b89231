"""The synthetic corpus of benchmarks/: reproducible, well formed, readable by the extractor,
and the benchmark script end to end on a tiny corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import SUFFIX, generate_article, write_corpus
from benchmarks.recall import found
from benchmarks.world import build_world
from kg.build import build
from kg.extraction.extract import extract_article
from kg.reading.gazetteer import default_gazetteer
from kg.reading.reader import parse_article
from kg.storage.query import find_query, run_query
from kg.storage.store import open_store

pytestmark = pytest.mark.slow  # generates and builds a corpus

ROOT = Path(__file__).resolve().parent.parent


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob(f"*{SUFFIX}"))}


def test_same_seed_same_bytes_and_a_smaller_corpus_is_a_prefix(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 40, seed=5)
    write_corpus(tmp_path / "b", 40, seed=5)
    write_corpus(tmp_path / "c", 40, seed=6)
    write_corpus(tmp_path / "d", 10, seed=5)
    a = _contents(tmp_path / "a")
    assert len(a) == 40 and all(name.endswith(SUFFIX) and name[:6].isdigit() for name in a)
    assert a == _contents(tmp_path / "b")
    assert a != _contents(tmp_path / "c")
    assert _contents(tmp_path / "d") == {k: v for k, v in a.items() if k < f"{10:06d}"}


def test_rewriting_a_smaller_corpus_removes_the_articles_beyond_it(tmp_path: Path) -> None:
    write_corpus(tmp_path, 12, seed=1)
    write_corpus(tmp_path, 5, seed=1)
    assert len(_contents(tmp_path)) == 5


def test_articles_are_utf8_news_with_a_date_and_a_headline() -> None:
    world = build_world(2)
    for index in range(60):
        text, facts = generate_article(world, index)
        data = text.encode("utf-8")
        assert data.decode("utf-8") == text and "\r" not in text and "\x00" not in text
        article = parse_article(text, f"{index:06d}_synth")
        assert article.published is not None and len(article.published) == 10
        assert len(article.sentences) >= 2
        assert facts, f"article {index} states no fact"
        assert "Tin bài liên quan" not in article.text  # page furniture is cut off by the reader


def test_the_extractor_reads_most_of_what_the_articles_state() -> None:
    world = build_world(1)
    gazetteer = default_gazetteer()
    stated = read = 0
    for index in range(80):
        text, facts = generate_article(world, index)
        got = extract_article(parse_article(text, f"{index:06d}_synth"), gazetteer)
        stated += len(facts)
        read += sum(found(f, got) for f in facts)
    assert read / stated >= 0.9


def test_a_build_of_generated_articles_has_people_visits_and_meetings(tmp_path: Path) -> None:
    write_corpus(tmp_path / "articles", 30, seed=1)
    summary = build(tmp_path / "articles", tmp_path / "build")
    assert summary.articles == 30 and not summary.skipped and summary.conforms
    assert summary.counts["people"] >= 30 and summary.counts["visits"] >= 15 and summary.counts["meetings"] >= 15
    store = open_store(tmp_path / "build")
    visits = run_query(store, find_query("visits"))
    meetings = run_query(store, find_query("meetings"))
    assert len(visits.rows) >= 15 and len(meetings.rows) >= 15
    assert {"VN"} < {row[visits.columns.index("hostState")].value for row in visits.rows}  # type: ignore[union-attr]


def test_the_benchmark_runs_end_to_end_on_two_tiny_corpora(tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--counts", "10,20", "--corpus", "synthetic",
               "--workdir", str(tmp_path), "--queries", "person,meetings", "--query-table", "--query-runs", "1"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for heading in ("Build from scratch: 20 articles", "Rebuild after one changed article", "`kg query NAME",
                    "`kg push` to a new local Oxigraph server", "Stored queries on the store in memory", "Targets",
                    "peak memory", "Seconds per 1,000 articles, per stage of the build from scratch (synthetic corpus)"):
        assert heading in out
    results = json.loads((tmp_path / "results-synthetic-20-s1.json").read_text(encoding="utf-8"))
    assert results["build"]["report"]["articles"] == 20
    assert results["rebuild"]["report"]["extracted"] == 1
    # visits first: its answer gives the person's name
    assert [e["name"] for e in results["cli"]] == ["visits", "meetings", "person"]
    assert all("note" not in e and e["first_s"] > 0 for e in results["cli"])
    assert results["cli"][2]["params"]["name"]
    assert results["push"]["ok"] or "no 'oxigraph'" in results["push"]["note"]
    stages = [line.split()[0] for line in out.split("(synthetic corpus):")[1].splitlines()[2:]]
    assert {"extract", "validate", "total"} <= set(stages)
    assert all(t["oxigraph_ms"] is not None for t in results["queries"]["timings"] if t["name"] == "visits")
    # the changed article is put back: the corpus is again what the seed makes
    assert _contents(tmp_path / "articles-20-s1") == {
        f"{i:06d}{SUFFIX}": generate_article(build_world(1), i)[0].encode("utf-8") for i in range(20)}
