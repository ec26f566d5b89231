"""What the README's install offers works with the core install alone (``pip install -e .``,
no extras): the main command (``scripts/run.sh``: build the seeds, list the visits), the HTML
page of the network, the numbers and an export, in a virtual environment of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS


@pytest.mark.slow
def test_the_readme_commands_work_after_the_core_install(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-e", str(ROOT)],
                               capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr
    listed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "list"], capture_output=True, text=True,
                            check=True).stdout.lower()
    assert "matplotlib" not in listed and "pytest" not in listed  # the core install only
    kg = str(venv / "bin" / "kg")
    for command in ([kg, "build", "--articles", str(SEEDS), "--out", "build"], [kg, "query", "visits"],
                    [kg, "viz", "-o", "network.html"], [kg, "network", "--top", "3"],
                    [kg, "export", "--format", "jsonld", "-o", "graph.jsonld"]):
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert done.returncode == 0, (command, done.stderr)
    assert "Kassym-Jomart Tokayev" in (tmp_path / "network.html").read_text(encoding="utf-8")
