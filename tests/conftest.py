from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import BuildSummary, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    """The graph of the five seed articles, built once for the whole test session."""
    out = tmp_path_factory.mktemp("seed-build")
    summary = build(SEEDS, out)
    return out, summary


@pytest.fixture(scope="session")
def seed_graph(seed_build: tuple[Path, BuildSummary]) -> Path:
    return seed_build[0]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
