"""Find the project's data files (ontology, shapes, reference data, stored queries).

The same lookup works from a source checkout (the folders beside ``kg/``) and from an
installed wheel (copies packed under ``kg/data/``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``name`` (``ontology`` or ``queries``) of this installation."""
    for candidate in (_PACKAGE / "data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg data folder {name!r} not found beside {_PACKAGE}")


def ontology_file() -> Path:
    return data_dir("ontology") / "dip.ttl"


def shapes_file() -> Path:
    return data_dir("ontology") / "shapes.ttl"


def reference_files() -> list[Path]:
    return sorted((data_dir("ontology") / "reference").glob("*.ttl"))


def queries_dir() -> Path:
    return data_dir("queries")
