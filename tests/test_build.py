"""The build as a user meets it: incremental, reproducible, atomic, one build at a time."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.graph.validate as validate_module
from kg.build import BuildSummary, build
from kg.resources import shapes_file
from kg.storage.query import find_query, run_query
from kg.storage.store import open_store

pytestmark = pytest.mark.slow  # builds, rebuilds, killed builds

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXTRA = "Chiều 3/3/2025, Thủ tướng Phạm Minh Chính đã điện đàm với Thủ tướng Kyrgyzstan Adylbek Kasymaliev.\n"


def _copy_seeds(folder: Path, copies: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(copies):
        for path in sorted(SEEDS.glob("*.txt")):
            name = path.name if copies == 1 else f"{n:03d}_{path.name}"
            shutil.copyfile(path, folder / name)
    return folder


def _rows(out: Path, name: str) -> list[tuple[object, ...]]:
    return sorted(tuple(str(t) for t in row) for row in run_query(open_store(out), find_query(name)).rows)


def test_the_same_articles_give_the_same_bytes(tmp_path: Path) -> None:
    build(SEEDS, tmp_path / "a")
    build(SEEDS, tmp_path / "b", jobs=1)
    for name in ("graph.trig", "validation.ttl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_the_same_articles_give_the_same_turtle(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    exports = []
    for name in ("a", "b"):
        build(SEEDS, tmp_path / name)
        out = tmp_path / f"{name}.ttl"
        result = CliRunner().invoke(main, ["export", "--graph", str(tmp_path / name), "--format", "turtle",
                                           "-o", str(out)])
        assert result.exit_code == 0, result.output
        exports.append(out.read_bytes())
    assert exports[0] == exports[1] and len(exports[0]) > 100_000


def test_a_rebuild_reads_only_the_changed_article_and_equals_a_fresh_build(tmp_path: Path) -> None:
    articles = _copy_seeds(tmp_path / "articles")
    out = tmp_path / "out"
    first = build(articles, out)
    assert first.extracted == 5 and first.validation == "shapes as SPARQL on Oxigraph, whole graph"
    assert first.reasoning == "the whole graph" and first.kept_blocks == 0
    with open(articles / "001_4318fc97673789ab.txt", "a", encoding="utf-8") as handle:
        handle.write(EXTRA)
    again = build(articles, out)
    assert again.extracted == 1
    assert again.conforms
    # the other four articles' graphs and the reference data are kept as they were written;
    # the entailments are worked out again for what the new sentence touches only
    assert again.kept_blocks == 5
    assert re.fullmatch(r"the \d+ nodes whose triples changed", again.reasoning), again.reasoning
    checked = re.fullmatch(r"shapes as SPARQL on Oxigraph, the (\d+) nodes? whose triples changed", again.validation)
    assert checked, again.validation
    # the new sentence and what it tells, not every node of the changed graphs
    assert 0 < int(checked.group(1)) < 40
    fresh = tmp_path / "fresh"
    fresh_summary = build(articles, fresh)
    assert (out / "graph.trig").read_bytes() == (fresh / "graph.trig").read_bytes()
    assert (out / "validation.ttl").read_bytes() == (fresh / "validation.ttl").read_bytes()
    assert again.inferred_triples == fresh_summary.inferred_triples
    assert any('"2025-03-03"' in row for row in _rows(out, "meetings"))  # terms in N-Triples form


def test_a_removed_article_leaves_the_graph(tmp_path: Path) -> None:
    articles = _copy_seeds(tmp_path / "articles")
    out = tmp_path / "out"
    build(articles, out)
    (articles / "000_e912ec60c3322451.txt").unlink()
    summary = build(articles, out)
    assert summary.articles == 4 and summary.extracted == 0 and summary.conforms
    assert summary.reasoning.endswith("whose triples changed")
    assert "000_e912ec60c3322451" not in (out / "graph.trig").read_text(encoding="utf-8")
    fresh = build(articles, tmp_path / "fresh")
    assert (out / "graph.trig").read_bytes() == (tmp_path / "fresh" / "graph.trig").read_bytes()
    assert summary.inferred_triples == fresh.inferred_triples


# Shapes the seeds break, besides ours: findings of each severity, with values in some.
STRICTER = """
kgs:StrictPersonShape a sh:NodeShape ;
    sh:targetClass dip:Person ;
    sh:property [ sh:path skos:prefLabel ; sh:maxLength 12 ; sh:message "a name of at most 12 characters" ] ,
                [ sh:path dip:birthPlace ; sh:minCount 1 ; sh:severity sh:Warning ;
                  sh:message "a person's birth place is not known" ] .
kgs:StrictVisitShape a sh:NodeShape ;
    sh:targetClass dip:Visit ;
    sh:property [ sh:path dip:endDate ; sh:minCount 1 ; sh:severity sh:Info ; sh:message "a visit without an end date" ] .
"""


@pytest.fixture
def stricter_shapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(shapes_file().read_text(encoding="utf-8") + STRICTER, encoding="utf-8")
    monkeypatch.setattr(validate_module, "shapes_file", lambda: shapes)


def _as_if_a_shape_did_not_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate_module, "compiled_checks", lambda: None)  # then pyshacl checks


@pytest.mark.usefixtures("stricter_shapes")
def test_the_build_reports_what_pyshacl_reports_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sparql = build(SEEDS, tmp_path / "sparql")
    _as_if_a_shape_did_not_compile(monkeypatch)
    pyshacl = build(SEEDS, tmp_path / "pyshacl")
    assert sparql.validation == "shapes as SPARQL on Oxigraph, whole graph"
    assert pyshacl.validation == "pyshacl, whole graph"
    report = (tmp_path / "sparql" / "validation.ttl").read_bytes()
    assert report == (tmp_path / "pyshacl" / "validation.ttl").read_bytes()
    assert sparql.violations > 0 and sparql.warnings > 0 and b"sh:Info" in report
    assert (sparql.violations, sparql.warnings) == (pyshacl.violations, pyshacl.warnings)


def _rebuilt_and_fresh(tmp_path: Path) -> tuple[BuildSummary, BuildSummary]:
    """The seeds built, one article changed and built again; and a fresh build of them, which
    the rebuild must equal byte for byte."""
    articles = _copy_seeds(tmp_path / "articles")
    build(articles, tmp_path / "out")
    with open(articles / "001_4318fc97673789ab.txt", "a", encoding="utf-8") as handle:
        handle.write(EXTRA)
    again = build(articles, tmp_path / "out")
    fresh = build(articles, tmp_path / "fresh")
    for name in ("graph.trig", "validation.ttl"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()
    return again, fresh


@pytest.mark.usefixtures("stricter_shapes")
@pytest.mark.parametrize("engine", ["shapes as SPARQL on Oxigraph", "pyshacl"])
def test_a_rebuild_checked_with_either_engine_reports_what_a_fresh_build_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str) -> None:
    if engine == "pyshacl":
        _as_if_a_shape_did_not_compile(monkeypatch)
    again, fresh = _rebuilt_and_fresh(tmp_path)  # validation.ttl compared byte for byte
    assert re.fullmatch(rf"{engine}, the \d+ nodes whose triples changed", again.validation)
    assert fresh.validation == f"{engine}, whole graph"
    assert again.violations == fresh.violations > 0


def test_a_rebuild_sharing_its_work_with_a_forked_process_equals_a_fresh_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # as a rebuild of thousands of articles does: half the digests and the checks in a fork
    monkeypatch.setattr(sys.modules["kg.build"], "FORK_FROM", 0)
    again, fresh = _rebuilt_and_fresh(tmp_path)
    assert again.kept_blocks == 5 and again.validation.endswith("whose triples changed")
    assert (again.asserted_triples, again.inferred_triples, again.counts) == (
        fresh.asserted_triples, fresh.inferred_triples, fresh.counts)


def test_a_forked_process_that_fails_fails_the_build() -> None:
    from kg.errors import BuildError
    from kg.plumbing import forked

    join = forked(lambda: [1, "two"])
    assert join is not None and join() == [1, "two"]

    def broken() -> None:
        raise ValueError("the checks broke")

    join = forked(broken)
    assert join is not None
    with pytest.raises(BuildError, match="ValueError: the checks broke"):
        join()
    join = forked(lambda: os.kill(os.getpid(), signal.SIGKILL))
    assert join is not None
    with pytest.raises(BuildError, match="killed by signal 9 without an answer"):
        join()


def test_a_build_in_a_forked_copy_equals_one_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forked = build(SEEDS, tmp_path / "forked")
    monkeypatch.setattr(sys.modules["kg.build"], "BUILD_IN_FORK", False)
    here = build(SEEDS, tmp_path / "here")
    assert (tmp_path / "forked" / "graph.trig").read_bytes() == (tmp_path / "here" / "graph.trig").read_bytes()
    assert (forked.counts, forked.asserted_triples, forked.inferred_triples, forked.conforms) == (
        here.counts, here.asserted_triples, here.inferred_triples, here.conforms)


def test_what_a_forked_build_raises_is_raised_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.errors import BuildError

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BuildError, match="no articles"):
        build(empty, tmp_path / "out")
    out = tmp_path / "out"
    build(SEEDS, out)
    before = (out / "graph.trig").read_bytes()
    changed = _copy_seeds(tmp_path / "changed")
    (changed / "extra.txt").write_text(EXTRA, encoding="utf-8")

    def dies(*args: object) -> None:
        os._exit(3)  # the build's process ends, as if the machine took it

    from kg.plumbing import running_threads

    if running_threads() != 1:  # the build would run here, and its end would end the tests
        pytest.skip("threads left by other tests (Python's, or RocksDB's of a store opened): the build would not fork")

    monkeypatch.setattr(sys.modules["kg.build"], "build_graphs", dies)
    with pytest.raises(BuildError, match="ended with status 3 without an answer"):
        build(changed, out)
    assert (out / "graph.trig").read_bytes() == before  # the previous build is still current


def test_summary_gives_time_and_memory_per_stage(seed_build: tuple[Path, BuildSummary]) -> None:
    _, summary = seed_build
    stages = ["read", "extract", "resolve", "rdf", "serialise", "reason", "store", "validate", "write"]
    assert list(summary.seconds) == stages and list(summary.peak_mb) == stages
    assert all(v > 0 for v in summary.peak_mb.values())


def _orphans() -> set[int]:
    """Processes whose parent died and were handed to init: what a killed build could leave."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if fields[1] == "1" and b"kg" in cmdline and b"build" in cmdline:
            found.add(int(stat.parent.name))
    return found


def _kg_build(articles: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", "--articles", str(articles), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_killed_build_leaves_the_previous_graph_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(SEEDS, out)
    before = (out / "graph.trig").read_bytes()
    visits = _rows(out, "visits")
    many = _copy_seeds(tmp_path / "many", copies=30)
    build(many, tmp_path / "reference")
    after = (tmp_path / "reference" / "graph.trig").read_bytes()  # what a build of them writes
    orphans_before = _orphans()
    for delay in (0.3, 1.0, 2.0, 3.5):
        proc = _kg_build(many, out)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        graph = (out / "graph.trig").read_bytes()
        if graph == after:
            break  # it made its graph current before it was killed: the new graph is whole too
        assert graph == before
        assert _rows(out, "visits") == visits
    deadline = time.monotonic() + 5
    while _orphans() - orphans_before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _orphans() - orphans_before, "a killed build left worker processes behind"
    summary = build(many, out)  # and the next build goes through, over what the killed ones left
    assert summary.articles == 150
    assert [p.name for p in (out / ".versions").iterdir()] == [os.readlink(out / "current").split("/")[-1]]


def test_two_builds_into_one_folder_take_turns(tmp_path: Path) -> None:
    small, large = _copy_seeds(tmp_path / "small"), _copy_seeds(tmp_path / "large", copies=6)
    out = tmp_path / "out"
    procs = [_kg_build(small, out), _kg_build(large, out)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    graph = (out / "graph.trig").read_bytes()
    expected = {}
    for name, folder in (("small", small), ("large", large)):
        build(folder, tmp_path / f"ref-{name}")
        expected[name] = (tmp_path / f"ref-{name}" / "graph.trig").read_bytes()
    assert graph in expected.values()
    summary = (out / "summary.json").read_text(encoding="utf-8")
    articles = 5 if graph == expected["small"] else 30
    assert f'"articles": {articles},' in summary


def test_the_cache_gives_back_what_was_read_from_each_seed_article() -> None:
    import json

    from kg.extraction.extract import extract_article
    from kg.extraction.model import ArticleFacts
    from kg.reading.gazetteer import default_gazetteer
    from kg.reading.reader import read_article
    from kg.storage.cache import decode, encode

    from .conftest import SEEDS

    for path in sorted(SEEDS.glob("*.txt")):
        facts = extract_article(read_article(path), default_gazetteer())
        assert facts.people and facts.article.sentences, path.name
        back = decode(ArticleFacts, json.loads(json.dumps(encode(facts), ensure_ascii=False)))
        assert back == facts, path.name


def test_an_entry_of_the_cache_in_an_older_layout_reads_its_article_again(tmp_path: Path) -> None:
    import sqlite3

    articles = _copy_seeds(tmp_path / "articles")
    out = tmp_path / "out"
    build(articles, out)
    first = (out / "graph.trig").read_bytes()
    with sqlite3.connect(out / ".cache" / "extract.sqlite") as db:
        rows = db.execute("SELECT key FROM facts ORDER BY key").fetchall()
        assert len(rows) == 5
        db.execute("UPDATE facts SET data = ? WHERE key = ?", ('{"article": 1}', rows[0][0]))
        db.execute("UPDATE facts SET data = ? WHERE key = ?", ("not json", rows[1][0]))
    again = build(articles, out)
    assert again.extracted == 2 and again.conforms
    assert (out / "graph.trig").read_bytes() == first


def test_a_part_of_the_graph_file_that_cannot_be_written_fails_the_write(tmp_path: Path) -> None:
    from kg.plumbing import SyncedFile

    synced = SyncedFile(tmp_path / "graph.trig")
    synced.write([b"@prefix a: <urn:a:> .\n"])
    synced.wait()
    synced.write(["not bytes"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        synced.close()
    synced.abandon()  # and a build that failed closes it again without harm


def test_a_transliterated_name_and_the_original_in_another_article_are_one_person(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "date: 2018-07-11\n\nĐiện mừng\n\nNgày 10/7/2018, Thủ tướng Chính phủ Nguyễn Xuân Phúc đã gửi điện mừng đến "
        "Thủ tướng Mông Cổ Ô-khơ-na Hu-rên-su-khơ (Ukhnaagiin KHURELSUKH).\n", encoding="utf-8")
    (articles / "b.txt").write_text(
        "date: 2023-11-02\n\nTổng thống Mông Cổ thăm Việt Nam\n\nTổng thống Mông Cổ Ukhnaagiin Khurelsukh thăm cấp "
        "Nhà nước Việt Nam từ ngày 1 đến 5/11/2023.\n", encoding="utf-8")
    build(articles, tmp_path / "out")
    mongolians = [row for row in _rows(tmp_path / "out", "officials") if row[3] == '"MN"']
    assert [row[1] for row in mongolians] == ['"Ukhnaagiin Khurelsukh"']


def test_an_article_is_read_again_only_when_its_file_tells_of_a_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.storage.cache
    from kg.storage.cache import ExtractionCache

    cache = ExtractionCache(tmp_path / "cache", "fingerprint")
    article = tmp_path / "a.txt"
    article.write_bytes(b"one")
    reads: list[str] = []
    read_limited = kg.storage.cache.read_limited
    monkeypatch.setattr(kg.storage.cache, "read_limited", lambda path, limit: reads.append(path.name) or read_limited(path, limit))
    monkeypatch.setattr(kg.storage.cache, "_RACY_NS", 0)  # as if the file had been written long before
    first = cache.file_digests([article])
    time.sleep(0.01)
    assert cache.file_digests([article]) == first and reads == ["a.txt"]  # not read again
    before = article.stat()
    article.write_bytes(b"two")  # the same size, and its time of change put back
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    changed = cache.file_digests([article])
    assert reads == ["a.txt", "a.txt"] and changed[article][0] != first[article][0]
    # a file changed within 2 s of its reading may change again unseen: it is read each time
    monkeypatch.setattr(kg.storage.cache, "_RACY_NS", 2_000_000_000)
    cache.file_digests([article])
    assert reads == ["a.txt"] * 3
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (cache.max_bytes + 1))
    assert cache.file_digests([big])[big][0] is None


def test_two_values_one_article_gives_are_no_conflict(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "19:30 | 10/03/2025 GMT+7\n\nViệt Nam - Indonesia\n\n"
        "Năm 2024, kim ngạch thương mại song phương giữa Việt Nam và Indonesia đạt 14 tỷ USD.\n"
        "Theo số liệu khác, năm 2024 thương mại hai chiều giữa Việt Nam và Indonesia đạt 16 tỷ USD.\n",
        encoding="utf-8")
    build(articles, tmp_path / "out")
    store = open_store(tmp_path / "out")
    assert len(run_query(store, find_query("trade")).rows) == 2  # the article's two values
    assert run_query(store, find_query("conflicts")).rows == ()  # its error, not two sources


def test_two_articles_that_disagree_on_when_a_visit_ended_are_a_conflict(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "19:30 | 10/03/2025 GMT+7\n\nTổng Bí thư thăm Indonesia\n\n"
        "Tổng Bí thư Tô Lâm thăm chính thức Cộng hòa Indonesia từ ngày 9 đến 11/3/2025, theo lời mời "
        "của Tổng thống Indonesia Prabowo Subianto.\n", encoding="utf-8")
    (articles / "b.txt").write_text(
        "08:00 | 11/03/2025 GMT+7\n\nViệt Nam - Indonesia\n\n"
        "Tổng Bí thư Tô Lâm đã thăm chính thức Indonesia từ ngày 9-10/3/2025 và hội đàm với Tổng thống "
        "Indonesia Prabowo Subianto.\n", encoding="utf-8")
    build(articles, tmp_path / "out")
    conflicts = run_query(open_store(tmp_path / "out"), find_query("conflicts")).rows
    assert [tuple(t.value for t in row[2:5]) for row in conflicts] == [("end date", "2025-03-10", "b"),
                                                                      ("end date", "2025-03-11", "a")]
    assert [row[6].value for row in conflicts] == ["2025-03-11", "2025-03-10"]  # when each was published
    assert "9-10/3/2025" in conflicts[0][7].value  # and what it said
    visits = _rows(tmp_path / "out", "visits")
    assert len({row[0] for row in visits}) == 1, "one visit, told by both"
