"""Answers kept with a build: `kg query` asked twice reads the first answer back, never a stale one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.storage.answers import answer_key, answers_dir, kept_answer
from kg.storage.query import find_query, format_result, run_query
from kg.storage.store import graph_file, open_store

from ..conftest import SEEDS

pytestmark = pytest.mark.slow  # a build per test


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A build of two seed articles (and the folder of articles, to change)."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, articles / path.name)
    out = tmp_path / "build"
    build(articles, out, jobs=1)
    return articles, out


def ask(runner: CliRunner, out: Path, *args: str) -> str:
    result = runner.invoke(main, ["query", *args, "--graph", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.output


def test_each_format_is_kept_apart(built: tuple[Path, Path], runner: CliRunner) -> None:
    _, out = built
    for fmt in ("csv", "json", "table"):
        first = runner.invoke(main, ["query", "trade", "--graph", str(out), "--format", fmt]).output
        again = runner.invoke(main, ["query", "trade", "--graph", str(out), "--format", fmt]).output
        assert first == again
    folder = answers_dir(out)
    assert folder is not None
    assert sorted(p.suffix for p in folder.iterdir()) == [".csv", ".json", ".table"]


def test_the_second_ask_reads_the_kept_answer(built: tuple[Path, Path], runner: CliRunner) -> None:
    _, out = built
    folder = answers_dir(out)
    assert folder is not None and not folder.exists()  # a new build keeps no answers
    first = ask(runner, out, "visits")
    kept = list(folder.glob("*.csv"))
    assert len(kept) == 1
    assert folder.parent == graph_file(out).resolve().parent  # in the build's own version folder
    assert ask(runner, out, "visits") == first
    assert ask(runner, out, "visits", "--fresh") == first
    assert list(folder.glob("*.csv")) == kept
    assert len(first.splitlines()) > 1


def test_the_kept_answer_is_what_is_read(built: tuple[Path, Path], runner: CliRunner) -> None:
    """What the build keeps is what `kg query` prints (and --fresh asks the store instead)."""
    _, out = built
    query = find_query("relations")
    store_answer = ask(runner, out, "relations")
    folder = answers_dir(out)
    assert folder is not None
    path = folder / f"{answer_key(graph_file(out), query, None, 'csv')}.csv"
    assert path.read_text(encoding="utf-8") + "\n" == store_answer
    visits = run_query(open_store(out), find_query("visits"))
    path.write_text(format_result(visits, "csv"), encoding="utf-8")  # another answer in its place
    assert ask(runner, out, "relations").splitlines()[0].startswith("visit,")
    assert ask(runner, out, "relations", "--fresh") == store_answer
    assert ask(runner, out, "relations") == store_answer  # --fresh kept the store's answer again


def test_a_damaged_answer_is_asked_again(built: tuple[Path, Path], runner: CliRunner) -> None:
    _, out = built
    first = ask(runner, out, "meetings")
    folder = answers_dir(out)
    assert folder is not None
    for path in folder.glob("*.csv"):
        path.write_bytes(b"event,personA\n\xff\xfe")  # not UTF-8
    assert kept_answer(out, find_query("meetings"), None, "csv") is None
    assert ask(runner, out, "meetings") == first


def test_a_new_build_or_another_query_text_or_parameter_is_not_answered_from_an_old_one(
        built: tuple[Path, Path], runner: CliRunner, tmp_path: Path) -> None:
    articles, out = built
    before = ask(runner, out, "visits")
    timeline = ask(runner, out, "person_timeline", "--param", "name=Kasymaliev")
    other = ask(runner, out, "person_timeline", "--param", "name=Lâm")
    assert timeline != other
    # the user's own copy of a stored query, changed: its own answer
    mine = tmp_path / "mine.rq"
    mine.write_text(find_query("visits").text.replace("ORDER BY ?start", "ORDER BY DESC(?start)"),
                    encoding="utf-8")
    assert ask(runner, out, str(mine)) != before
    # a new article: a new build, which starts with no answers and gives the new one
    extra = sorted(SEEDS.glob("*.txt"))[2]
    shutil.copy(extra, articles / extra.name)
    build(articles, out, jobs=1)
    folder = answers_dir(out)
    assert folder is not None and not folder.exists()
    after = ask(runner, out, "visits")
    assert after != before
    assert after == format_result(run_query(open_store(out), find_query("visits")), "csv") + "\n"


def test_a_trig_file_or_an_unwritable_build_keeps_nothing(built: tuple[Path, Path], runner: CliRunner) -> None:
    _, out = built
    trig = graph_file(out).resolve()
    assert answers_dir(trig) is None
    from_file = ask(runner, trig, "visits")
    assert not (trig.parent / "answers").exists()
    (trig.parent / "answers").write_text("in the way")  # answers cannot be kept here
    assert ask(runner, out, "visits") == from_file  # answered all the same, without an error
    assert (trig.parent / "answers").read_text() == "in the way"


def test_the_network_is_read_from_the_kept_answer(built: tuple[Path, Path], runner: CliRunner) -> None:
    _, out = built
    first = runner.invoke(main, ["network", "--graph", str(out), "--json"])
    assert first.exit_code == 0, first.output
    folder = answers_dir(out)
    assert folder is not None
    [kept] = folder.glob("*.json")  # the network query's answer, as SPARQL JSON
    assert '"personA"' in kept.read_text(encoding="utf-8")
    again = runner.invoke(main, ["network", "--graph", str(out), "--json"])
    assert again.output == first.output
    states = runner.invoke(main, ["network", "--graph", str(out), "--level", "state", "--json"])
    assert states.exit_code == 0, states.output
    assert len(list(folder.glob("*.json"))) == 2
