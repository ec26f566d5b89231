"""The layout shows the pipeline: every module imports, no module imports itself back through
others, and the stages' packages depend on each other in one direction only."""

from __future__ import annotations

import ast
import importlib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import kg

PACKAGE = Path(kg.__file__).resolve().parent
# The stages, each depending only on those before it (and on the shared top-level modules).
STAGES = ["kg.reading", "kg.extraction", "kg.storage", "kg.resolution", "kg.graph", "kg.serving", "kg.network"]


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The kg modules that module ``name`` imports, at its top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            submodules = {f"{target}.{a.name}" for a in node.names} & MODULES.keys()  # "from .. import vocab"
            out.update(submodules or {target})
    return {m for m in out if m in MODULES and m != name}


def _unit(module: str) -> str:
    """A stage's package for a module in one (``kg.reading.names``: ``kg.reading``), else the module."""
    parts = module.split(".")
    return ".".join(parts[:2])


def _graph(nodes: dict[str, set[str]]) -> list[str]:
    return list(TopologicalSorter(nodes).static_order())


@pytest.mark.parametrize("name", sorted(set(MODULES) - {"kg.__main__"}))  # __main__ runs the CLI
def test_every_module_imports(name: str) -> None:
    importlib.import_module(name)


def test_no_module_imports_itself_back() -> None:
    edges = {m: _imports(m, p) for m, p in MODULES.items()}
    try:
        _graph(edges)
    except CycleError as exc:
        pytest.fail(f"an import cycle: {' -> '.join(exc.args[1])}")


def test_the_stages_depend_on_those_before_them_only() -> None:
    # kg/__init__.py (the public API) and kg/__main__.py import from everything, as the CLI does
    edges: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        if module in ("kg", "kg.__main__"):
            continue
        unit = _unit(module)
        edges.setdefault(unit, set()).update(u for u in map(_unit, _imports(module, path)) if u not in (unit, "kg"))
    try:
        _graph(edges)
    except CycleError as exc:
        pytest.fail(f"packages that import each other: {' -> '.join(exc.args[1])}")
    for i, stage in enumerate(STAGES):
        later = set(STAGES[i + 1:])
        assert not edges[stage] & later, f"{stage} imports a later stage: {sorted(edges[stage] & later)}"
    shared = {"kg.vocab", "kg.resources", "kg.errors"}
    for module in shared:
        assert edges.get(module, set()) <= shared, f"{module} (shared) imports a stage: {edges[module]}"
