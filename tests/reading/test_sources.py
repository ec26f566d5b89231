"""Files stay in their folder: links out of the articles folder are left out unless
--follow-links; FIFOs, devices and loops are left out with a reason and never opened; odd file
names are shown escaped, one line each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.reading.sources import read_limited, shown

GOOD = ("Hai nước thúc đẩy hợp tác\n\nThứ Hai, 03/03/2025 10:00\n\n"
        "Chiều 3/3/2025, Thủ tướng Phạm Minh Chính đã điện đàm với Thủ tướng Kyrgyzstan Adylbek Kasymaliev.\n")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text(GOOD.replace("Kasymaliev", "Kasymaliev, the secret"), encoding="utf-8")
    os.symlink(outside, folder / "secret.txt")
    os.symlink("good.txt", folder / "inside.txt")  # a link within the folder is read
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("nowhere", folder / "broken.txt")
    os.mkfifo(folder / "fifo.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    (folder / "a folder.txt").mkdir()
    (folder / "two\nkg: skipped forged.txt").write_text(GOOD, encoding="utf-8")
    (folder / os.fsdecode(b"bad\xff.txt")).write_text(GOOD, encoding="utf-8")
    return folder


def test_each_hostile_entry_is_left_out_with_its_reason_on_one_line(hostile: Path, tmp_path: Path,
                                                                     runner: CliRunner) -> None:
    result = runner.invoke(main, ["build", "--articles", str(hostile), "--out", str(tmp_path / "out"),
                                  "--no-validate"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output + result.stderr
    lines = sorted(result.stderr.splitlines())
    assert lines == sorted([
        f"kg: skipped {hostile}/bad\\xff.txt: its name is not UTF-8; rename it",
        f"kg: skipped {hostile}/broken.txt: a link to nothing",
        f"kg: skipped {hostile}/fifo.txt: a FIFO, not an article file",
        f"kg: skipped {hostile}/loop.txt: a link that loops",
        f"kg: skipped {hostile}/secret.txt: a link to {tmp_path}/secret.txt, outside the articles folder "
        "(--follow-links reads it)",
        f"kg: skipped {hostile}/zero.txt: a link to /dev/zero, outside the articles folder (--follow-links reads it)",
    ])
    assert "from 3 articles" in result.output  # good, inside, and the one whose name holds a newline
    assert "the secret" not in (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")


def test_follow_links_reads_a_link_out_but_never_a_device(hostile: Path, tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["build", "--articles", str(hostile), "--out", str(tmp_path / "out"),
                                  "--no-validate", "--follow-links"])
    assert result.exit_code == 1
    assert f"kg: skipped {hostile}/zero.txt: a device, not an article file" in result.stderr.splitlines()
    assert "secret.txt" not in result.stderr
    assert "the secret" in (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")


def test_a_file_swapped_for_a_fifo_is_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="a FIFO, not an article file"):
        read_limited(fifo, 100)  # opened without blocking: no writer needed to get here
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    with pytest.raises(OSError, match="over the 100-byte limit"):
        read_limited(big, 100)
    assert read_limited(big, 101) == b"x" * 101


@pytest.mark.parametrize(("name", "seen"), [
    ("plain.txt", "plain.txt"), ("a\nb.txt", "a\\nb.txt"), ("tab\t.txt", "tab\\t.txt"), ("esc\x1b[2J.txt", "esc\\x1b[2J.txt"),
    (os.fsdecode(b"bad\xff.txt"), "bad\\xff.txt"), ("Hà Nội.txt", "Hà Nội.txt"),
])
def test_a_name_is_shown_on_one_printable_line(name: str, seen: str) -> None:
    assert shown(name) == seen
