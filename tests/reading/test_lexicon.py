"""The reader's word lists (kg/data/lexicon/*.tsv): each reads, each entry has its own example,
and no example is a sentence of the shared corpora."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.reading.lexicon import LexiconError, lexicon_files, read_lexicon
from kg.vocab import fold

HERE = Path(__file__).resolve()
# shared/ lies beside the checkout (CI) or beside the folder that holds it (a git worktree)
CORPUS = next((p / "shared" / "corpus" for p in HERE.parents if (p / "shared" / "corpus").is_dir()), HERE / "no-corpus")
# Stock phrases of the genre ("thiết lập quan hệ ngoại giao Việt Nam - ...") run to ten syllables;
# a copied clause is longer.
WINDOW = 12


def _word_windows(text: str, size: int) -> set[tuple[str, ...]]:
    words = fold(text).split()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_there_are_word_lists() -> None:
    assert lexicon_files(), "kg/data/lexicon holds no word list"


@pytest.mark.parametrize("path", lexicon_files(), ids=lambda p: p.name)
def test_each_entry_has_an_example_that_uses_its_phrase(path: Path) -> None:
    entries = read_lexicon(path)
    assert entries, f"{path.name} has no entries"
    seen: dict[str, int] = {}
    for entry in entries:
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in entry.phrase.split()) + r"(?!\w)"
        assert re.search(pattern, entry.example, re.I), f"{path.name}:{entry.line}: the example does not use {entry.phrase!r}"
        key = entry.phrase.casefold() + "\t" + "\t".join(entry.values.values())
        assert key not in seen, f"{path.name}:{entry.line}: the same entry as line {seen[key]}"
        seen[key] = entry.line


def test_a_malformed_line_names_its_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("phrase\tkind\texample\nhội đàm\ttalks\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.tsv:2"):
        read_lexicon(bad)
    bad.write_text("phrase\tkind\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="example"):
        read_lexicon(bad)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no shared corpus beside the project")
def test_no_example_is_taken_from_the_corpus() -> None:
    """Examples are the project's own sentences: none shares a run of WINDOW syllables with an article."""
    corpus_windows: set[tuple[str, ...]] = set()
    for article in CORPUS.glob("*/articles/*.txt"):
        corpus_windows |= _word_windows(article.read_text(encoding="utf-8", errors="replace"), WINDOW)
    for path in lexicon_files():
        for entry in read_lexicon(path):
            shared = _word_windows(entry.example, WINDOW) & corpus_windows
            assert not shared, f"{path.name}:{entry.line}: the example repeats an article: {' '.join(next(iter(shared)))}"
