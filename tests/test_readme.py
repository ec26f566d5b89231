"""The README's example query output is the real output: every row it shows is a row (or the
first columns of a row) that the query gives on the seed graph."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

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
