"""How big the reader is, at a git revision or in the working tree: lines of code, regular
expressions, Vietnamese literals in code, and lines of data.

    python scripts/reader_size.py                 # the working tree, the new layout
    python scripts/reader_size.py 9ee2d05         # before the reader moved its knowledge to data
    python scripts/reader_size.py HEAD kg/extraction/extract.py kg/reading/names.py

Without paths, the reader is kg/reading and kg/extraction where they exist at that revision, and
otherwise the flat modules of the old layout that became them (kg/extract.py, kg/names.py, ...).
Data is every entry of kg/data/lexicon/*.tsv (not its header, comments or blank lines) and
every line of ontology/reference/*.ttl.

Counts: lines of code are non-blank lines that are not only a comment (docstrings count);
regular expressions are calls of ``re.compile`` (and, apart, every call of re's
pattern functions, compile, search, match, sub, split, find...); a Vietnamese literal is a string constant
outside a docstring holding a letter with a Vietnamese mark (đ, ă, â, ê, ô, ơ, ư or a tone).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEW_LAYOUT = ("kg/reading", "kg/extraction")
# The modules the old flat layout had before they moved into kg/reading and kg/extraction.
OLD_LAYOUT = ("kg/extract.py", "kg/model.py", "kg/partnerships.py", "kg/dates.py", "kg/gazetteer.py",
              "kg/lexicon.py", "kg/money.py", "kg/names.py", "kg/reader.py", "kg/resolve_names.py",
              "kg/sources.py", "kg/syllables.py")
LEXICON = "kg/data/lexicon"
REFERENCE = ("ontology/reference",)


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout


def _files(revision: str | None, paths: tuple[str, ...]) -> list[str]:
    """Every file at or under PATHS (at REVISION, or in the working tree)."""
    if revision is None:
        found: list[str] = []
        for path in paths:
            target = ROOT / path
            items = sorted(target.rglob("*")) if target.is_dir() else [target] if target.exists() else []
            found += [str(p.relative_to(ROOT)) for p in items if p.is_file()]
        return found
    listed = _git("ls-tree", "-r", "--name-only", revision, "--", *paths)
    return [line for line in listed.splitlines() if line]


def _read(revision: str | None, path: str) -> str:
    if revision is None:
        return (ROOT / path).read_text(encoding="utf-8")
    return _git("show", f"{revision}:{path}")


def _is_vietnamese(text: str) -> bool:
    for char in unicodedata.normalize("NFD", text):
        if char in "đĐ" or "\u0300" <= char <= "\u036f":
            return True
    return False


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the constants that are docstrings (of the module, a class or a function)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


def code_counts(source: str) -> tuple[int, int, int, int]:
    """(lines of code, re.compile calls, all calls of re's pattern functions, Vietnamese string
    literals) of one module."""
    lines = sum(1 for line in source.splitlines() if line.strip() and not line.strip().startswith("#"))
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    regexes = re_calls = literals = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_CALLS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re":
            regexes += node.func.attr == "compile"
            re_calls += 1
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                and _is_vietnamese(node.value):
            literals += 1
    return lines, regexes, re_calls, literals


def lexicon_entries(text: str) -> int:
    rows = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return max(len(rows) - 1, 0)  # the first row names the columns


def measure(revision: str | None, paths: tuple[str, ...]) -> list[tuple[str, int]]:
    if not paths:
        paths = NEW_LAYOUT if _files(revision, NEW_LAYOUT) else OLD_LAYOUT
    modules = [p for p in _files(revision, paths) if p.endswith(".py")]
    totals = [0, 0, 0, 0]
    for path in modules:
        totals = [a + b for a, b in zip(totals, code_counts(_read(revision, path)), strict=True)]
    loc, regexes, re_calls, literals = totals
    tsv = [p for p in _files(revision, (LEXICON,)) if p.endswith(".tsv")]
    ttl = [p for p in _files(revision, REFERENCE) if p.endswith(".ttl")]
    return [
        ("modules of the reader", len(modules)),
        ("lines of code", loc),
        ("regular expressions (re.compile)", regexes),
        ("calls of re (compile, search, sub, ...)", re_calls),
        ("Vietnamese literals in code", literals),
        ("word lists (kg/data/lexicon/*.tsv)", len(tsv)),
        ("word-list entries", sum(lexicon_entries(_read(revision, p)) for p in tsv)),
        ("lines of reference data (ontology/reference/*.ttl)", sum(len(_read(revision, p).splitlines()) for p in ttl)),
    ]


def main(argv: list[str]) -> int:
    revision = argv[0] if argv else None
    rows = measure(revision, tuple(argv[1:]))
    label = _git("rev-parse", "--short", revision).strip() if revision else "working tree"
    width = max(len(name) for name, _ in rows)
    print(f"| {'reader at ' + label:<{width}} | count |")
    print(f"| {'-' * width} | ----: |")
    for name, value in rows:
        print(f"| {name:<{width}} | {value:>5} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
