"""No text of the shared corpora in the project: every string literal and comment of
kg/**/*.py and tests/**/*.py, every word list and every golden case is the project's own.

A run of WINDOW syllables shared with an article of ../shared/corpus/*/articles is a copied
clause; the stock phrases of the genre ("thiết lập quan hệ ngoại giao Việt Nam - ...") are
shorter. The seed articles themselves (seeds/*.txt) are the project's input, not its text.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.vocab import fold

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve()
# shared/ lies beside the checkout (CI) or beside the folder that holds it (a git worktree)
CORPUS = next((p / "shared" / "corpus" for p in HERE.parents if (p / "shared" / "corpus").is_dir()), HERE / "no-corpus")
WINDOW = 12
DATA_SUFFIXES = (".tsv", ".yaml", ".yml", ".json")
# Runs of an article that a text may hold for now (a folded run of WINDOW words, as the failure
# prints it): the lines it covers are not reported. Empty since every copy found was rewritten;
# a run goes here only while its rewrite is pending, never to keep a copy.
TO_REWRITE: frozenset[str] = frozenset()


def syllables(text: str) -> list[str]:
    """The words of TEXT folded (case and tone marks), punctuation dropped."""
    return fold(text).split()


def python_text(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each string literal and comment of a module."""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.STRING, tokenize.COMMENT):
            yield token.start[0], token.string


def data_text(source: str) -> Iterator[tuple[int, str]]:
    yield from enumerate(source.splitlines(), start=1)


def project_files() -> list[Path]:
    modules = [p for folder in ("kg", "tests") for p in sorted((ROOT / folder).rglob("*.py"))]
    data = [p for folder in ("kg/data/lexicon", "tests/golden") if (ROOT / folder).is_dir()
            for p in sorted((ROOT / folder).rglob("*")) if p.suffix in DATA_SUFFIXES]
    return modules + data


def shared_runs(path: Path, corpus: set[tuple[str, ...]]) -> list[str]:
    """file:line and the words of each run of PATH's text that an article holds too.

    The texts of one file are read as one stream, so a sentence split over string literals
    that Python joins still counts; the line is the one the run starts on."""
    source = path.read_text(encoding="utf-8")
    pieces = python_text(source) if path.suffix == ".py" else data_text(source)
    words: list[tuple[int, str]] = [(line, word) for line, text in pieces for word in syllables(text)]
    found: list[str] = []
    runs = [tuple(word for _, word in words[i : i + WINDOW]) for i in range(len(words) - WINDOW + 1)]
    # the lines of a text listed in TO_REWRITE, from its first word to its last
    excused = {words[j][0] for i, run in enumerate(runs) if " ".join(run) in TO_REWRITE for j in range(i, i + WINDOW)}
    last_line = 0
    for i, run in enumerate(runs):
        lines = {words[j][0] for j in range(i, i + WINDOW)}
        if run in corpus and not lines <= excused and words[i][0] != last_line:
            found.append(f"{path.relative_to(ROOT)}:{words[i][0]}: {' '.join(run)}")
            last_line = words[i][0]
    return found


def corpus_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for article in CORPUS.glob("*/articles/*.txt"):
        words = syllables(article.read_text(encoding="utf-8", errors="replace"))
        runs |= {tuple(words[i : i + WINDOW]) for i in range(len(words) - WINDOW + 1)}
    return runs


def test_the_words_of_a_module_are_its_strings_and_comments() -> None:
    source = 'x = "Thủ tướng hội đàm"  # với Tổng thống\ny = 1\n'
    assert [text for _, text in python_text(source)] == ['"Thủ tướng hội đàm"', "# với Tổng thống"]
    assert syllables("Hà Nội, ngày 5/3") == ["ha", "noi", "ngay", "5", "3"]


def test_a_run_of_an_article_is_found_with_its_line(tmp_path: Path) -> None:
    corpus = {tuple(syllables("một hai ba bốn năm sáu bảy tám chín mười mười một mười hai"))[i : i + WINDOW]
              for i in range(3)}
    copied = ROOT / "tests" / f"_copied_{tmp_path.name}.py"
    try:
        copied.write_text('a = 1\nB = ("Một hai ba bốn năm sáu "\n     "bảy tám chín mười, mười một mười hai")\n',
                          encoding="utf-8")
        assert [hit.split(": ")[0] for hit in shared_runs(copied, corpus)] == [f"tests/{copied.name}:2"]
    finally:
        copied.unlink()


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="no shared corpus beside the project")
def test_no_text_of_the_project_repeats_an_article() -> None:
    corpus = corpus_runs()
    assert corpus, f"no articles under {CORPUS}"
    copies = [hit for path in project_files() for hit in shared_runs(path, corpus)]
    assert not copies, "text of a corpus article in the project:\n" + "\n".join(copies)


def test_numbers_are_words_too() -> None:
    """A date or a figure is part of the run: '20/8/2023' is three words."""
    assert re.fullmatch(r"20 8 2023", " ".join(syllables("20/8/2023")))
