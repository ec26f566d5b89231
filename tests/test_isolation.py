"""Every article on its own: an error while one article is read or extracted skips that article,
named with the error in one line, and the build goes on (exit 1). And the errors themselves:
a person whose key changed after a mention took it (the KeyError from ``state_of``)."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.extraction.extract import extract_article
from kg.reading.gazetteer import default_gazetteer
from kg.reading.reader import parse_article

BUILD = importlib.import_module("kg.build")  # the module: kg.build is also the function
REGRESSIONS = Path("/work/shared/corpus/regressions")

GOOD = ("Hai nước thúc đẩy hợp tác\n\nThứ Hai, 03/03/2025 10:00\n\n"
        "Chiều 3/3/2025, Thủ tướng Phạm Minh Chính đã điện đàm với Thủ tướng Kyrgyzstan Adylbek Kasymaliev.\n")

# A short name, then in the same sentence or the next a fuller one the registry takes it into:
# the mention of the short name kept a key the registry had given up.
RENAMED = {
    "a spelling close to the fuller name's last word": (
        "Hai nước thúc đẩy hợp tác\n\nThứ Hai, 03/03/2025 10:00\n\n"
        "Sáng 3/3, tại Hà Nội, Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Hamid và Phó Thủ tướng Karim Ali Hamad "
        "nhân dịp chuyến thăm Việt Nam.\n\nThứ trưởng Hamad cảm ơn Việt Nam.\n"),
    "an entry merged into another's fuller name": (
        "Hai nước thúc đẩy hợp tác\n\nThứ Hai, 03/03/2025 10:00\n\n"
        "Sáng 3/3, tại Hà Nội, Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Rahman và Tổng thống Emomali Rahmon "
        "nhân dịp chuyến thăm Việt Nam.\n\nĐại sứ Rahmon cảm ơn Việt Nam.\n"),
}


@pytest.mark.parametrize("kind", sorted(RENAMED))
def test_a_mention_made_before_its_person_took_a_fuller_name_finds_that_person(kind: str) -> None:
    facts = extract_article(parse_article(RENAMED[kind], "a"), default_gazetteer())
    names = {p.name for p in facts.people}
    for visit in facts.visits:
        assert visit.guest in names


def _articles(tmp_path: Path, **texts: str) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_an_error_in_one_article_skips_it_and_the_build_goes_on(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _articles(tmp_path, good=GOOD, bad=GOOD.replace("Kyrgyzstan", "Kyrgyzstan "))

    def extract(article, gazetteer):  # type: ignore[no-untyped-def]
        if article.path.endswith("bad.txt"):
            raise RuntimeError("boom\non two lines")
        return extract_article(article, gazetteer)

    monkeypatch.setattr(BUILD, "extract_article", extract)
    summary = build(folder, tmp_path / "out", validate=False, jobs=1)
    assert summary.articles == 1
    assert [(Path(s.path).name, s.reason) for s in summary.skipped] == [
        ("bad.txt", "the reader failed on it: RuntimeError: boom\\non two lines")]


def test_the_cli_names_the_skipped_article_in_one_line_and_exits_1(tmp_path: Path, runner: CliRunner,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _articles(tmp_path, good=GOOD, bad=GOOD + "\n")

    def extract(article, gazetteer):  # type: ignore[no-untyped-def]
        if article.path.endswith("bad.txt"):
            raise KeyError("Somebody")
        return extract_article(article, gazetteer)

    monkeypatch.setattr(BUILD, "extract_article", extract)
    result = runner.invoke(main, ["build", "--articles", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"kg: skipped {folder / 'bad.txt'}: the reader failed on it: KeyError: 'Somebody'"]
    assert (tmp_path / "out" / "graph.trig").is_file()


def test_a_worker_killed_while_extracting_does_not_stop_the_build(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    folder = _articles(tmp_path, **{f"a{i}": GOOD.replace("3/3/2025", f"{i + 1}/3/2025") for i in range(6)})
    build_pid = os.getpid()

    def extract(article, gazetteer):  # type: ignore[no-untyped-def]
        if article.path.endswith("a3.txt") and os.getpid() != build_pid:
            os._exit(9)  # as the kernel ends a worker out of memory
        return extract_article(article, gazetteer)

    monkeypatch.setattr(BUILD, "extract_article", extract)
    monkeypatch.setattr(BUILD, "PARALLEL_FROM", 2)
    monkeypatch.setattr(BUILD, "BUILD_IN_FORK", False)
    summary = build(folder, tmp_path / "out", validate=False, jobs=2)
    assert summary.articles == 6 and summary.skipped == []


@pytest.mark.skipif(not REGRESSIONS.is_dir(), reason="no shared regressions folder")
def test_the_articles_that_once_stopped_a_build_are_built(tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "regressions"
    shutil.copytree(REGRESSIONS, articles, ignore=shutil.ignore_patterns("*.md"))
    result = runner.invoke(main, ["build", "--articles", str(articles), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "skipped" not in result.stderr
