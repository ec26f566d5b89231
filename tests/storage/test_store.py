"""The store a build writes on disk: the same answers as the graph loaded into memory, made
again on a rebuild from the previous one (the same quads as a fresh build's), gone with its
build; and for a build written by older code, made once by the first query, and never in the
way when it cannot be kept."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg.storage.store
from kg.build import build
from kg.cli import main
from kg.errors import BuildError
from kg.storage.query import find_query, run_query, stored_queries
from kg.storage.store import graph_file, kept_store, open_store

from ..conftest import SEEDS

pytestmark = pytest.mark.slow  # a build per test

EXTRA = "Chiều 3/3/2025, Thủ tướng Phạm Minh Chính đã điện đàm với Thủ tướng Kyrgyzstan Adylbek Kasymaliev.\n"


def kept_folders(out: Path) -> list[Path]:
    return sorted(graph_file(out).resolve().parent.glob("store-*"))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A build of the seeds of its own (its store is written into its version folder)."""
    folder = tmp_path / "build"
    build(SEEDS, folder, jobs=1)
    return folder


@pytest.fixture
def old(out: Path) -> Path:
    """A build as older code wrote it: no store."""
    for folder in kept_folders(out):
        shutil.rmtree(folder)
    return out


def rows(store: ox.Store, name: str, params: dict[str, str] | None = None) -> list[tuple[str, ...]]:
    return [tuple(str(t) for t in row) for row in run_query(store, find_query(name), params).rows]


def quads(out: Path) -> set[ox.Quad]:
    """Every quad of a build's store, named graphs and default graph."""
    [folder] = kept_folders(out)
    return set(ox.Store.read_only(str(folder)))


def test_a_build_writes_its_store_which_holds_the_graph_as_loaded(out: Path) -> None:
    [folder] = kept_folders(out)
    assert quads(out) == set(open_store(out))
    again = kept_store(out)
    with pytest.raises(RuntimeError, match="read-write"):  # opened read-only
        again.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("c")))
    assert kept_folders(out) == [folder]
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith(".store")] == []


def _articles(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copyfile(path, articles / path.name)
    return articles


def test_a_rebuilds_store_is_made_from_the_previous_one_and_equals_a_fresh_builds(tmp_path: Path) -> None:
    articles = _articles(tmp_path)
    out = tmp_path / "out"
    build(articles, out, jobs=1)
    with open(articles / "001_4318fc97673789ab.txt", "a", encoding="utf-8") as handle:
        handle.write(EXTRA)  # changed
    (articles / "000_e912ec60c3322451.txt").unlink()  # removed
    (articles / "005_added.txt").write_text(EXTRA, encoding="utf-8")  # added
    summary = build(articles, out, jobs=1)
    assert summary.store.startswith("copied, "), summary.store
    fresh = tmp_path / "fresh"
    assert build(articles, fresh, jobs=1).store == "loaded whole"
    assert quads(out) == quads(fresh)
    assert quads(out) == set(open_store(out))
    assert len(kept_folders(out)) == 1 and [p.name for p in (out / ".versions").iterdir()] == [
        os.readlink(out / "current").split("/")[-1]]  # the previous build went, its store with it


def test_a_build_that_fails_after_its_store_leaves_the_previous_store_whole(
        out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before, visits = quads(out), rows(kept_store(out), "visits")
    articles = _articles(tmp_path)
    with open(articles / "001_4318fc97673789ab.txt", "a", encoding="utf-8") as handle:
        handle.write(EXTRA)

    def fail(*_: object) -> None:
        raise OSError("the disk went away")

    monkeypatch.setattr(sys.modules["kg.build"], "publish", fail)
    with pytest.raises((BuildError, OSError)):
        build(articles, out, jobs=1)
    assert quads(out) == before  # the new store was a copy: the previous one is as it was
    assert rows(kept_store(out), "visits") == visits
    assert [p.name for p in (out / ".versions").iterdir()] == [os.readlink(out / "current").split("/")[-1]]


def test_every_stored_query_answers_the_same_from_the_store(out: Path) -> None:
    in_memory = open_store(out)
    on_disk = kept_store(out)
    assert len(kept_folders(out)) == 1
    params = {"person_timeline": {"name": "Tokayev"}, "person": {"name": "Tokayev"}, "state": {"state": "KZ"},
              "office_holders": {"state": "KZ"},
              "evidence": {"fact": str(run_query(in_memory, find_query("visits")).rows[0][0])}}
    nothing_in_the_seeds = {"partnerships"}  # no seed article tells of a partnership
    for name in stored_queries():
        expected = rows(in_memory, name, params.get(name))
        assert expected or name in nothing_in_the_seeds, name
        assert rows(on_disk, name, params.get(name)) == expected, name  # same rows, same order


def test_an_old_builds_store_is_made_once_and_read_after(old: Path) -> None:
    out = old
    kept_store(out, keep_from=0)
    [folder] = kept_folders(out)
    made = folder.stat().st_ino
    marker = folder / "kept-by-test"  # a store made again would be a new folder, without it
    marker.write_text("")
    again = kept_store(out, keep_from=0)
    assert marker.exists() and folder.stat().st_ino == made
    assert len(again) == len(open_store(out))
    with pytest.raises(RuntimeError, match="read-write"):  # opened read-only
        again.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("c")))


def test_a_small_old_build_or_a_file_is_loaded_into_memory(old: Path) -> None:
    out = old
    assert len(kept_store(out)) == len(open_store(out))  # the seeds are far below KEEP_STORE_FROM
    assert len(kept_store(graph_file(out), keep_from=0)) == len(open_store(out))
    assert kept_folders(out) == []


def test_a_new_build_keeps_none_of_the_old_store(out: Path) -> None:
    [old] = kept_folders(out)
    build(SEEDS, out, jobs=1)
    assert not old.exists()
    [new] = kept_folders(out)
    assert new.parent != old.parent


def test_an_old_build_in_a_folder_that_cannot_be_written_answers_from_memory(old: Path) -> None:
    out = old
    version = graph_file(out).resolve().parent
    version.chmod(0o555)
    try:
        if os.access(version, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        store = kept_store(out, keep_from=0)
        assert rows(store, "visits") == rows(open_store(out), "visits")
        assert kept_folders(out) == []
    finally:
        version.chmod(0o755)


def test_what_a_killed_query_left_is_cleared(old: Path) -> None:
    out = old
    version = graph_file(out).resolve().parent
    dead = version / ".store-0123456789abcdef.999999999.tmp"
    dead.mkdir()
    (dead / "LOCK").write_text("")
    other = version / "store-made-with-another-ontology"
    other.mkdir()
    kept_store(out, keep_from=0)
    assert not dead.exists() and not other.exists()
    assert len(kept_folders(out)) == 1


def test_another_query_making_it_first_is_fine(old: Path) -> None:
    out = old
    first = kept_store(out, keep_from=0)
    [folder] = kept_folders(out)
    del first
    path = graph_file(out)
    kg.storage.store._make_store(path, folder)  # the rename finds the folder there: theirs is kept
    assert rows(kept_store(out, keep_from=0), "visits") == rows(open_store(out), "visits")
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith(".store-")] == []


def test_kg_query_uses_the_builds_store(out: Path, runner: CliRunner) -> None:
    [folder] = kept_folders(out)
    expected = rows(open_store(out), "meetings")
    marker = folder / "kept-by-test"  # a store made again would be a new folder, without it
    marker.write_text("")
    result = runner.invoke(main, ["query", "meetings", "--graph", str(out), "--format", "csv", "--fresh"])
    assert result.exit_code == 0, result.output
    assert "keeping the graph" not in result.stderr
    assert len(result.stdout.splitlines()) == len(expected) + 1  # a header, then the rows
    assert kept_folders(out) == [folder] and marker.exists()


def test_kg_query_on_an_old_build_makes_its_store(old: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    out = old
    expected = runner.invoke(main, ["query", "meetings", "--graph", str(out), "--format", "csv"]).output
    expected_network = runner.invoke(main, ["network", "--graph", str(out), "--json"]).output
    shutil.rmtree(graph_file(out).resolve().parent / "answers")
    monkeypatch.setattr(kg.storage.store, "KEEP_STORE_FROM", 0)
    result = runner.invoke(main, ["query", "meetings", "--graph", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
    [folder] = kept_folders(out)
    assert f"kg: keeping the graph as a store in {folder} for the next queries" in result.stderr
    again = runner.invoke(main, ["query", "visits", "--graph", str(out), "--format", "csv"])
    assert again.exit_code == 0 and "keeping the graph" not in again.stderr
    network = runner.invoke(main, ["network", "--graph", str(out), "--json"])
    assert network.exit_code == 0, network.output
    assert network.output == expected_network and '"most_connected"' in network.output


def test_no_room_on_the_disk_answers_from_memory(old: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = old
    size = graph_file(out).stat().st_size
    monkeypatch.setattr(kg.storage.store.shutil, "disk_usage", lambda _: SimpleNamespace(total=10**12, used=10**12, free=size))
    assert rows(kept_store(out, keep_from=0), "visits") == rows(open_store(out), "visits")
    assert kept_folders(out) == []
