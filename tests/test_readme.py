"""The README's example query output is the real output: every row it shows is a row (or the
first columns of a row) that the query gives on the seed graph."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import ROOT

EXAMPLE = re.compile(r"^`(kg query [^`]*--format markdown)`[^\n]*\n\n((?:\|[^\n]*\n)+)", re.M)


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_every_example_table_in_the_readme_is_what_the_query_prints(seed_graph: Path, runner: CliRunner) -> None:
    examples = EXAMPLE.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(examples) >= 6
    for command, table in examples:
        result = runner.invoke(main, [*shlex.split(command)[1:], "--graph", str(seed_graph)])
        assert result.exit_code == 0, result.output
        printed = [_cells(line) for line in result.stdout.splitlines()]
        shown = [_cells(line) for line in table.splitlines()]
        assert shown[0] == printed[0][:len(shown[0])], command  # the columns
        for row in shown[2:]:
            assert any(row == p[:len(row)] for p in printed[2:]), (command, row)


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else len(text)]


def test_the_python_section_of_the_readme_runs(seed_graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    blocks = re.findall(r"```python\n(.*?)```", _section("From Python"), re.S)
    assert len(blocks) >= 2
    (tmp_path / "build").symlink_to(seed_graph, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out
    assert "trade/KG-VN-2022,KG,VN,2022,4500000" in printed
    assert "6 trade figures" in printed


def test_the_union_default_graph_holds_each_triple_once(seed_graph: Path) -> None:
    import pyoxigraph as ox

    import kg

    distinct = {(q.subject, q.predicate, q.object)
                for q in ox.parse(path=str(seed_graph / "graph.trig"), format=ox.RdfFormat.TRIG)}
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    store = kg.open_store(str(seed_graph), with_ontology=False)
    assert int(next(iter(store.query(count)))[0].value) == len(distinct)
    dataset = kg.load_dataset(str(seed_graph))
    assert int(next(iter(dataset.query(count)))[0]) == len(distinct)
    assert len(kg.open_store(seed_graph / "graph.trig")) == len(kg.open_store(str(seed_graph)))


def _console_runs(block: str) -> list[tuple[str, list[str]]]:
    """The commands of a console block, each with the lines it printed."""
    runs: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            runs.append((line[2:], []))
        elif line.strip() and runs:
            runs[-1][1].append(line)
    return runs


def test_the_readme_build_and_validate_outputs_are_a_real_run(tmp_path: Path, runner: CliRunner,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    commands = _section("Commands")
    block = re.search(r"```console\n(\$ kg build\n.*?)```", commands, re.S)
    assert block is not None
    runs = [(c, out) for c, out in _console_runs(block.group(1)) if out]
    assert [shlex.split(c, comments=True) for c, _ in runs] == [["kg", "build"], ["kg", "build"], ["kg", "validate"]]
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for command, shown in runs:
        result = runner.invoke(main, shlex.split(command, comments=True)[1:])
        assert result.exit_code == 0, result.output
        printed = result.output.splitlines()
        assert [line for line in printed if not line.startswith("  time: ")] == \
            [line for line in shown if not line.startswith("  time: ")], command
