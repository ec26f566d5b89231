"""The store a build keeps on disk: the same answers as the graph loaded into memory, made once,
gone with its build, and never in the way when it cannot be kept."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg.storage.store
from kg.build import build
from kg.cli import main
from kg.storage.query import find_query, run_query, stored_queries
from kg.storage.store import graph_file, kept_store, open_store

from ..conftest import SEEDS

pytestmark = pytest.mark.slow  # a build per test


def kept_folders(out: Path) -> list[Path]:
    return sorted(graph_file(out).resolve().parent.glob("store-*"))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A build of the seeds of its own (a kept store is written into its version folder)."""
    folder = tmp_path / "build"
    build(SEEDS, folder, jobs=1)
    return folder


def rows(store: ox.Store, name: str, params: dict[str, str] | None = None) -> list[tuple[str, ...]]:
    return [tuple(str(t) for t in row) for row in run_query(store, find_query(name), params).rows]


def test_every_stored_query_answers_the_same_from_the_kept_store(out: Path) -> None:
    in_memory = open_store(out)
    on_disk = kept_store(out, keep_from=0)
    assert len(kept_folders(out)) == 1
    params = {"person_timeline": {"name": "Tokayev"}, "person": {"name": "Tokayev"}, "state": {"state": "KZ"},
              "office_holders": {"state": "KZ"},
              "evidence": {"fact": str(run_query(in_memory, find_query("visits")).rows[0][0])}}
    nothing_in_the_seeds = {"partnerships"}  # no seed article tells of a partnership
    for name in stored_queries():
        expected = rows(in_memory, name, params.get(name))
        assert expected or name in nothing_in_the_seeds, name
        assert rows(on_disk, name, params.get(name)) == expected, name  # same rows, same order


def test_the_store_is_made_once_and_read_after(out: Path) -> None:
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


def test_a_small_graph_or_a_file_is_loaded_into_memory(out: Path) -> None:
    assert len(kept_store(out)) == len(open_store(out))  # the seeds are far below KEEP_STORE_FROM
    assert len(kept_store(graph_file(out), keep_from=0)) == len(open_store(out))
    assert kept_folders(out) == []


def test_a_new_build_keeps_none_of_the_old_store(out: Path) -> None:
    kept_store(out, keep_from=0)
    [old] = kept_folders(out)
    build(SEEDS, out, jobs=1)
    assert not old.exists()
    assert kept_folders(out) == []


def test_a_folder_that_cannot_be_written_answers_from_memory(out: Path) -> None:
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


def test_what_a_killed_query_left_is_cleared(out: Path) -> None:
    version = graph_file(out).resolve().parent
    dead = version / ".store-0123456789abcdef.999999999.tmp"
    dead.mkdir()
    (dead / "LOCK").write_text("")
    other = version / "store-made-with-another-ontology"
    other.mkdir()
    kept_store(out, keep_from=0)
    assert not dead.exists() and not other.exists()
    assert len(kept_folders(out)) == 1


def test_another_query_making_it_first_is_fine(out: Path) -> None:
    first = kept_store(out, keep_from=0)
    [folder] = kept_folders(out)
    del first
    path = graph_file(out)
    kg.storage.store._make_store(path, folder)  # the rename finds the folder there: theirs is kept
    assert rows(kept_store(out, keep_from=0), "visits") == rows(open_store(out), "visits")
    assert [p.name for p in folder.parent.iterdir() if p.name.startswith(".store-")] == []


def test_kg_query_uses_the_kept_store(out: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
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


def test_no_room_on_the_disk_answers_from_memory(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = graph_file(out).stat().st_size
    monkeypatch.setattr(kg.storage.store.shutil, "disk_usage", lambda _: SimpleNamespace(total=10**12, used=10**12, free=size))
    assert rows(kept_store(out, keep_from=0), "visits") == rows(open_store(out), "visits")
    assert kept_folders(out) == []
