"""A change that should not change what kg answers (a refactoring) gives the same answer to
every stored query on the shared corpora as the version before it, byte for byte:

    KG_SAME_AS=REV .venv/bin/python -m pytest -m slow tests/test_same_outputs.py

Skipped without ``KG_SAME_AS`` (a revision) or without the corpora (``KG_SAME_ON``: folders
separated by ``:``; by default seeds, dev and dev2 of the shared corpus beside the checkout).
"""

from __future__ import annotations

import os
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from same_outputs import same_outputs  # noqa: E402


def _corpora() -> list[str]:
    if os.environ.get("KG_SAME_ON"):
        return os.environ["KG_SAME_ON"].split(":")
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (shared / "corpus").is_dir():
            return [str(shared / "corpus" / name) for name in ("seeds", "dev", "dev2")
                    if (shared / "corpus" / name).is_dir()]
    return []


@pytest.mark.slow
def test_the_same_answers_as_the_version_before() -> None:
    rev, corpora = os.environ.get("KG_SAME_AS"), _corpora()
    if not rev or not corpora:
        pytest.skip("set KG_SAME_AS to a revision (and KG_SAME_ON to corpora) to compare with it")
    same, diff = same_outputs(rev, corpora)
    assert same, diff
