"""One-line errors everywhere: every command, against every class of bad input (a graph file cut
short, not RDF, binary; a folder where a file is written; a file where a folder is; a missing
folder; a malformed endpoint URL; an error while an answer is read), exits non-zero with one
line that says what to do, and never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError

BAD_GRAPHS = {
    "cut short": lambda good: good[: len(good) // 3],
    "not RDF": lambda good: b"hello, this is not RDF {\n",
    "binary": lambda good: bytes(range(256)) * 8,
    "empty prefix": lambda good: b"@prefix : <x> .\n:a :b",
}
COMMANDS = {
    "query": ["query", "visits"],
    "export": ["export", "--format", "turtle"],
    "validate": ["validate"],
    "network": ["network"],
    "push": ["push", "--endpoint", "http://127.0.0.1:9/sparql", "--store", "http://127.0.0.1:9/store"],
    "serve": ["serve", "--port", "0"],
}


def _one_line_error(result, *needles: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code != 0
    assert "Traceback" not in result.output + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture(scope="module")
def good_trig(seed_graph: Path) -> bytes:
    return (seed_graph / "graph.trig").read_bytes()


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("bad", sorted(BAD_GRAPHS))
def test_a_bad_graph_file_is_one_line(command: str, bad: str, good_trig: bytes, tmp_path: Path,
                                      runner: CliRunner) -> None:
    folder = tmp_path / "build"
    folder.mkdir()
    (folder / "graph.trig").write_bytes(BAD_GRAPHS[bad](good_trig))
    result = runner.invoke(main, [*COMMANDS[command], "--graph", str(folder)])
    _one_line_error(result)
    if command != "push":  # push asks the server first, which is not there
        assert "build the graph again with 'kg build'" in result.stderr


def test_export_to_a_folder(seed_graph: Path, tmp_path: Path, runner: CliRunner) -> None:
    _one_line_error(runner.invoke(main, ["export", "--graph", str(seed_graph), "-o", str(tmp_path)]),
                    "is a folder: give the name of a file")


def test_build_out_a_file(tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Tin\n\nThủ tướng Phạm Minh Chính tiếp Đại sứ Lào.\n", encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    _one_line_error(runner.invoke(main, ["build", "--articles", str(articles), "--out", str(tmp_path / "afile")]),
                    "is a file: give a folder")


@pytest.mark.parametrize("args", [
    ["build", "--articles", "/nonexistent/articles"],
    ["query", "visits", "--graph", "/nonexistent/build"],
    ["validate", "--graph", "/nonexistent/build"],
    ["export", "--graph", "/nonexistent/build"],
])
def test_a_missing_folder(args: list[str], tmp_path: Path, runner: CliRunner) -> None:
    _one_line_error(runner.invoke(main, args + (["--out", str(tmp_path / "o")] if args[0] == "build" else [])))


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1/sparql", "http://host:port/sparql", "ftp://x"])
@pytest.mark.parametrize("command", ["query", "push"])
def test_a_malformed_endpoint_url(url: str, command: str, seed_graph: Path, runner: CliRunner) -> None:
    args = ["query", "visits"] if command == "query" else ["push", "--graph", str(seed_graph)]
    _one_line_error(runner.invoke(main, [*args, "--endpoint", url]), "--endpoint")


def test_an_error_while_the_answer_is_read(seed_graph: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.storage.query

    def failing(query, result):  # type: ignore[no-untyped-def]
        raise RuntimeError("the store went away")

    monkeypatch.setattr(kg.storage.query, "result_of", failing)
    result = runner.invoke(main, ["query", "visits", "--graph", str(seed_graph)])
    _one_line_error(result, "failed while its answer was read: the store went away")
    with pytest.raises(QueryError):
        from kg.storage.query import find_query, run_query
        from kg.storage.store import open_store
        run_query(open_store(seed_graph), find_query("visits"))


def test_an_unexpected_error_is_one_line_too(seed_graph: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.cli

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(kg.cli, "export", broken)
    _one_line_error(runner.invoke(main, ["export", "--graph", str(seed_graph)]),
                    "unexpected ZeroDivisionError: a bug (KG_DEBUG=1 shows where")


def test_a_cache_that_cannot_be_written_is_one_line(tmp_path: Path, runner: CliRunner,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import kg.build

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(kg.build, "build", full)  # the CLI imports it when it builds
    _one_line_error(runner.invoke(main, ["build", "--articles", str(tmp_path), "--out", str(tmp_path / "o")]),
                    "cache cannot be used (disk I/O error): free some space")


def test_a_full_disk_is_one_line(seed_graph: Path, tmp_path: Path, runner: CliRunner) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    _one_line_error(runner.invoke(main, ["export", "--graph", str(seed_graph), "-o", "/dev/full"]),
                    "free some space")


def test_a_folder_that_cannot_be_written(tmp_path: Path, runner: CliRunner, seed_graph: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        probe = locked / "probe"
        try:
            probe.write_text("x")
        except OSError:
            pass
        else:
            pytest.skip("this user writes anywhere (root)")
        _one_line_error(runner.invoke(main, ["export", "--graph", str(seed_graph), "-o", str(locked / "x.ttl")]),
                        "no permission")
    finally:
        locked.chmod(0o755)
        shutil.rmtree(locked, ignore_errors=True)
