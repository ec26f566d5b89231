"""The real-text corpus of benchmarks/ (benchmarks/realtext.py): copies of real articles with
other people and years, reproducible, that kg builds. Made from the shared corpora when they
are there (a few of their articles copied into a temporary folder at run time; no text of
them is kept in the project)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.realtext import (
    DEFAULT_SOURCES,
    SUFFIX,
    YEAR,
    corpus_is_current,
    read_sources,
    source_files,
    write_corpus,
)
from kg.build import build
from kg.extraction.extract import extract_article
from kg.reading.gazetteer import default_gazetteer
from kg.reading.reader import parse_article

pytestmark = [
    pytest.mark.slow,  # reads articles and builds a corpus
    pytest.mark.skipif(not source_files(DEFAULT_SOURCES), reason="no shared corpus beside the checkout"),
]

SOURCES = 3
COUNT = 7  # every source twice, one three times


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three real articles with people in them, in a corpus folder of their own."""
    root = tmp_path_factory.mktemp("real-sources")
    folder = root / "seeds" / "articles"
    folder.mkdir(parents=True)
    for path in source_files(DEFAULT_SOURCES)[:SOURCES]:
        shutil.copy(path, folder / path.name)
    return root


@pytest.fixture(scope="module")
def corpus(sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real") / "articles"
    write_corpus(out, COUNT, seed=1, sources_dir=sources)
    return out


def _texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob(f"*{SUFFIX}"))}


def test_the_corpus_has_the_articles_asked_for_each_another_than_its_source(sources: Path, corpus: Path) -> None:
    texts = _texts(corpus)
    assert list(texts) == [f"{i:06d}{SUFFIX}" for i in range(COUNT)]
    originals = read_sources(sources)
    assert len(originals) == SOURCES
    assert len(set(texts.values())) == COUNT  # no two copies alike
    for i, text in enumerate(texts.values()):
        source = originals[i % SOURCES].text
        assert text != source
        assert 0.9 < len(text) / len(source) < 1.1  # the same prose, other names and years
        assert text.count("\n") == source.count("\n")


def test_the_people_and_years_of_a_copy_are_others(sources: Path, corpus: Path) -> None:
    gazetteer = default_gazetteer()
    for i, (name, text) in enumerate(_texts(corpus).items()):
        source = read_sources(sources)[i % SOURCES]
        copied = extract_article(parse_article(text, name), gazetteer)
        old_names = {s for p in source.people for s in p.spellings}
        assert copied.people and not old_names & {p.name for p in copied.people}
        assert YEAR.findall(text) != YEAR.findall(source.text) or not YEAR.findall(source.text)


def test_same_seed_same_bytes_and_a_smaller_corpus_is_a_prefix(sources: Path, corpus: Path, tmp_path: Path) -> None:
    write_corpus(tmp_path / "again", COUNT, seed=1, sources_dir=sources)
    write_corpus(tmp_path / "fewer", 4, seed=1, sources_dir=sources)
    write_corpus(tmp_path / "other", COUNT, seed=2, sources_dir=sources)
    assert _texts(tmp_path / "again") == _texts(corpus)
    assert _texts(tmp_path / "fewer") == {k: v for k, v in _texts(corpus).items() if k < f"{4:06d}"}
    assert _texts(tmp_path / "other") != _texts(corpus)
    assert corpus_is_current(corpus, COUNT, 1) and not corpus_is_current(corpus, COUNT, 2)
    (tmp_path / "again" / f"{0:06d}{SUFFIX}").write_text("changed", encoding="utf-8")
    assert not corpus_is_current(tmp_path / "again", COUNT, 1)


def test_kg_builds_the_corpus(corpus: Path, tmp_path: Path) -> None:
    summary = build(corpus, tmp_path / "build")
    assert summary.articles == COUNT and not summary.skipped
    assert summary.counts["people"] > 0 and summary.conforms
