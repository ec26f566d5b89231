"""Every kind of bad article file, as a user meets it through `kg build`: each file either
yields its facts (after normalising) or is named on stderr with the reason; the others are
still built; the exit code says whether some were skipped; nothing already built is lost."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.storage.query import find_query, run_query
from kg.storage.store import open_store

pytestmark = pytest.mark.slow  # a build per test

CALL = "Chiều 3/3/2025, Thủ tướng Phạm Minh Chính đã điện đàm với Thủ tướng Kyrgyzstan Adylbek Kasymaliev."
ARTICLE = f"Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Kyrgyzstan\n{CALL}\n"
EXPECTED_ROW = ("Adylbek Kasymaliev", "Phạm Minh Chính", "2025-03-03", "phone call", "completed")


def _meetings(graph: Path) -> dict[str, tuple[str, ...]]:
    """The meetings query's rows by source article: (personA, personB, date, kind, status)."""
    rows = run_query(open_store(graph), find_query("meetings")).rows
    out = {}
    for row in rows:
        values = tuple(t.value if t is not None else "" for t in row)
        for source in values[6].split():
            out[source] = values[1:6]
    return out


def _build(runner: CliRunner, articles: Path, out: Path) -> tuple[int, str, str]:
    result = runner.invoke(main, ["build", "--articles", str(articles), "--out", str(out)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.txt").write_text(ARTICLE, encoding="utf-8")
    return articles


# ---------------------------------------------------------------- files that are reported

REPORTED = {
    "windows-1258": (ARTICLE.encode("cp1258", errors="replace"), "not UTF-8 text (byte 0x"),
    "empty": (b"", "the file is empty"),
    "blank": (b" \n\t\r\n  \n", "the file is empty"),
    "binary": (bytes(range(256)) * 40, "binary data (NUL bytes), not a text article"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary data (NUL bytes)"),
    "furniture-only": ("https://baoquocte.vn/tin\nanh-1.jpg\n• Trang chủ\n|\n".encode(),
                       "no article text left after removing page furniture"),
}


@pytest.mark.parametrize("kind", sorted(REPORTED))
def test_a_bad_file_is_named_with_its_reason_and_the_others_are_built(
        kind: str, folder: Path, tmp_path: Path, runner: CliRunner) -> None:
    data, reason = REPORTED[kind]
    (folder / f"{kind}.txt").write_bytes(data)
    code, out, err = _build(runner, folder, tmp_path / "out")
    assert code == 1, out + err
    assert f"kg: skipped {folder / kind}.txt: {reason}" in err
    assert "Built" in out and "(1 skipped)" in out
    assert _meetings(tmp_path / "out") == {"good": EXPECTED_ROW}


def test_a_legacy_encoding_gets_a_hint_to_convert_it(folder: Path, tmp_path: Path, runner: CliRunner) -> None:
    (folder / "old.txt").write_bytes(ARTICLE.encode("cp1258", errors="replace"))
    _, _, err = _build(runner, folder, tmp_path / "out")
    assert "save it as UTF-8, for example with: iconv -f WINDOWS-1258 -t UTF-8" in err


def test_a_50_mb_file_is_refused_unread(folder: Path, tmp_path: Path, runner: CliRunner) -> None:
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs without writing them
    code, _, err = _build(runner, folder, tmp_path / "out")
    assert code == 1
    assert f"kg: skipped {folder / 'huge.txt'}: the file is 52,428,800 bytes, over the 5,000,000-byte limit" in err
    assert _meetings(tmp_path / "out") == {"good": EXPECTED_ROW}


# ---------------------------------------------------------------- files that are normalised and read

READ = {
    "utf-16-bom": ARTICLE.encode("utf-16"),
    "utf-8-bom": b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
    "nfd": unicodedata.normalize("NFD", ARTICLE).encode("utf-8"),
    "mixed": (unicodedata.normalize("NFD", ARTICLE[:40]) + ARTICLE[40:]).encode("utf-8"),
    "crlf": ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    "cr": ARTICLE.replace("\n", "\r").encode("utf-8"),
    "zero-width": ARTICLE.replace("Chính", "Ch\u200bính").replace("Kasymaliev", "Kasy\u200dmaliev\ufeff").encode(),
    "html": (
        "<!DOCTYPE html><html><head><title>Tin</title><style>p{color:red}</style>"
        "<script>var x = '<p>Thủ tướng Nguyễn Văn Giả điện đàm</p>';</script></head>"
        f"<body><nav>Trang chủ | Thời sự</nav><article><h1>Điện đàm</h1><p>{CALL.replace('và', '&#224;')}</p>"
        "</article></body></html>"
    ).encode(),
}


@pytest.mark.parametrize("kind", sorted(READ))
def test_a_file_that_only_needs_normalising_gives_the_same_facts(
        kind: str, tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / f"{kind}.txt").write_bytes(READ[kind])
    code, out, err = _build(runner, articles, tmp_path / "out")
    assert code == 0, out + err
    assert _meetings(tmp_path / "out") == {kind: EXPECTED_ROW}


def test_a_saved_web_page_keeps_no_markup_or_script(tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "page.txt").write_bytes(READ["html"])
    _build(runner, articles, tmp_path / "out")
    trig = (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")
    assert CALL in trig
    for leftover in ("<p>", "<script", "var x", "Nguyễn Văn Giả", "color:red", "&#"):
        assert leftover not in trig


def test_a_folder_of_thousands_of_files(tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(2000):
        (articles / f"{n:04d}.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "0500.txt").write_bytes(b"")
    (articles / "subfolder.txt").mkdir()  # a folder named like an article is not one
    code, out, err = _build(runner, articles, tmp_path / "out")
    assert code == 1
    assert "Built" in out and "from 1999 articles (1 skipped)" in out
    assert err.strip() == f"kg: skipped {articles / '0500.txt'}: the file is empty"
    rows = run_query(open_store(tmp_path / "out"), find_query("meetings")).rows
    assert len(rows) == 1 and len(rows[0][6].value.split()) == 1999  # one call, told 1,999 times


# ---------------------------------------------------------------- nothing already built is lost

def test_when_no_file_can_be_read_the_previous_graph_is_kept(folder: Path, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "out"
    assert _build(runner, folder, out)[0] == 0
    before = (out / "graph.trig").read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)))
    code, _, err = _build(runner, bad, out)
    assert code == 2
    assert f"kg: error: no article in {bad} could be read (binary.txt: binary data (NUL bytes), " in err
    assert f"nothing was written to {out}" in err
    assert (out / "graph.trig").read_bytes() == before
    assert _meetings(out) == {"good": EXPECTED_ROW}


def test_a_folder_without_articles_is_an_error_that_writes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "none").mkdir()
    (tmp_path / "none" / "notes.md").write_text("not an article", encoding="utf-8")
    code, _, err = _build(runner, tmp_path / "none", tmp_path / "out")
    assert code == 2
    assert err.strip() == f"kg: error: no articles (*.txt files) in {tmp_path / 'none'}"
    assert not (tmp_path / "out" / "graph.trig").exists()


def test_no_such_folder(tmp_path: Path, runner: CliRunner) -> None:
    code, _, err = _build(runner, tmp_path / "missing", tmp_path / "out")
    assert code == 2
    assert err.strip() == f"kg: error: no folder of articles at {tmp_path / 'missing'}"
