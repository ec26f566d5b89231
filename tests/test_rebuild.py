"""A rebuild after articles are added, changed or removed gives the bytes of a fresh build of
the same articles, whatever the change does to the resolution: people merged or split, keys
renumbered."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kg.build import BuildSummary, build

pytestmark = pytest.mark.slow  # builds

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Khurelsukh by his Vietnamese transliteration only, then by his own name only: two people, until
# an article gives both names of him (and, sorted first, is resolved first).
BY_TRANSLITERATION = ("date: 2018-07-11\n\nĐiện mừng\n\nNgày 10/7/2018, Thủ tướng Chính phủ Nguyễn Xuân Phúc "
                      "đã gửi điện mừng đến Thủ tướng Mông Cổ Ô-khơ-na Hu-rên-su-khơ.\n")
BY_NAME = ("date: 2023-11-02\n\nTổng thống Mông Cổ thăm Việt Nam\n\nTổng thống Mông Cổ Ukhnaagiin Khurelsukh "
           "thăm cấp Nhà nước Việt Nam từ ngày 1 đến 5/11/2023.\n")
BOTH_NAMES = ("date: 2018-07-12\n\nĐiện mừng\n\nNgày 11/7/2018, Chủ tịch nước Trần Đại Quang đã gửi điện mừng "
              "đến Thủ tướng Mông Cổ Ô-khơ-na Hu-rên-su-khơ (Ukhnaagiin KHURELSUKH).\n")
# One agreement, by two names close enough to be one's: every article that names it gives both.
AGREEMENT = ("date: 2023-09-11\n\nKý kết hiệp định\n\nNgày 10/9/2023, tại Hà Nội, Việt Nam và Hoa Kỳ đã ký "
             "Hiệp định hợp tác khoa học và công nghệ.\n")
AGREEMENT_RENAMED = ("date: 2023-09-12\n\nHiệp định\n\nNgày 11/9/2023, tại Washington, Việt Nam và Hoa Kỳ đã ký "
                     "kết Hiệp định về hợp tác khoa học và công nghệ.\n")
NEW_ARTICLE = ("date: 2025-03-04\n\nĐiện đàm\n\nChiều 3/3/2025, Thủ tướng Phạm Minh Chính đã điện đàm với "
               "Thủ tướng Kyrgyzstan Adylbek Kasymaliev.\n")


def _rebuilt_equals_fresh(articles: Path, out: Path, fresh: Path) -> tuple[BuildSummary, BuildSummary]:
    again = build(articles, out)
    shutil.rmtree(fresh, ignore_errors=True)
    anew = build(articles, fresh)
    for name in ("graph.trig", "validation.ttl"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    assert (again.asserted_triples, again.inferred_triples, again.counts, again.violations) == (
        anew.asserted_triples, anew.inferred_triples, anew.counts, anew.violations)
    return again, anew


def _people(out: Path) -> set[str]:
    return set(re.findall(r"/id/person/([a-z0-9-]+)>", (out / "graph.trig").read_text(encoding="utf-8")))


def test_an_article_that_makes_two_people_one_and_its_removal_rebuild_as_fresh_builds(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(BY_TRANSLITERATION, encoding="utf-8")
    (articles / "b.txt").write_text(BY_NAME, encoding="utf-8")
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build(articles, out)
    assert {"o-kho-na-hu-ren-su-kho", "ukhnaagiin-khurelsukh"} <= _people(out)
    (articles / "0.txt").write_text(BOTH_NAMES, encoding="utf-8")
    merged, _ = _rebuilt_equals_fresh(articles, out, fresh)
    assert "ukhnaagiin-khurelsukh" not in _people(out) and "o-kho-na-hu-ren-su-kho" in _people(out)
    assert merged.extracted == 1 and merged.kept_blocks >= 1  # the reference data at least
    (articles / "0.txt").unlink()
    split, _ = _rebuilt_equals_fresh(articles, out, fresh)
    assert {"o-kho-na-hu-ren-su-kho", "ukhnaagiin-khurelsukh"} <= _people(out)
    assert split.extracted == 0


def test_an_added_article_and_a_changed_one_rebuild_as_fresh_builds(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build(articles, out)
    (articles / "005_added.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    added, _ = _rebuilt_equals_fresh(articles, out, fresh)
    assert added.extracted == 1 and added.kept_blocks == 6  # the five seeds' graphs and the reference data
    assert added.reasoning.endswith("whose triples changed")
    first = articles / "000_e912ec60c3322451.txt"
    first.write_text(first.read_text(encoding="utf-8").replace("2023", "2022"), encoding="utf-8")
    changed, _ = _rebuilt_equals_fresh(articles, out, fresh)
    assert changed.extracted == 1


def _block(out: Path, stem: str) -> str:
    text = (out / "graph.trig").read_text(encoding="utf-8")
    start = text.index(f"/article/{stem}> {{")
    return text[start:text.index("\n}\n", start)]


def test_an_article_that_changes_what_an_unchanged_one_says_rebuilds_as_a_fresh_build(tmp_path: Path) -> None:
    # a.txt is not changed, but its graph is: the agreement it names gets the name b.txt gives it
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(AGREEMENT, encoding="utf-8")
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build(articles, out)
    alone = _block(out, "a")
    unchanged, _ = _rebuilt_equals_fresh(articles, out, fresh)
    assert unchanged.kept_blocks == 3  # every graph: a.txt's, the resolution and the reference data
    (articles / "b.txt").write_text(AGREEMENT_RENAMED, encoding="utf-8")
    _rebuilt_equals_fresh(articles, out, fresh)
    assert "Hiệp định về hợp tác" in _block(out, "a") and "Hiệp định về hợp tác" not in alone
    (articles / "b.txt").unlink()
    _rebuilt_equals_fresh(articles, out, fresh)
    assert _block(out, "a") == alone
