"""Build each corpus and write every stored query's answer (CSV) into a folder, so that two
versions of kg can be compared byte for byte:

    python scripts/snapshot.py /tmp/before ../shared/corpus/seeds ../shared/corpus/dev ../shared/corpus/dev2
    ... change the code ...
    python scripts/snapshot.py /tmp/after  ../shared/corpus/seeds ../shared/corpus/dev ../shared/corpus/dev2
    diff -r /tmp/before /tmp/after

A corpus folder may hold its articles in ``articles/`` or directly. Queries that need a
parameter are run with a fixed one (``person_timeline``: every person named "Chính").
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

PARAMS = {"person_timeline": ["--param", "name=Chính"], "person": ["--param", "name=Chính"],
          "state": ["--param", "state=VN"], "office_holders": ["--param", "state=VN"], "evidence": None}


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, check=False)


def snapshot(out: Path, corpus: Path) -> None:
    articles = corpus / "articles" if (corpus / "articles").is_dir() else corpus
    target = out / corpus.name
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        built = _kg("build", "--articles", str(articles), "--out", tmp)
        (target / "build.txt").write_text(f"exit {built.returncode}\n", encoding="utf-8")
        listing = _kg("query", "--list").stdout
        names = [line.split()[0] for line in listing.splitlines() if line and not line[0].isspace()]
        for name in names:
            if name in PARAMS and PARAMS[name] is None:
                continue
            done = _kg("query", name, "--graph", tmp, "--format", "csv", *(PARAMS.get(name) or []))
            (target / f"{name}.csv").write_text(done.stdout + (f"\n# exit {done.returncode}: {done.stderr}" if done.returncode else ""), encoding="utf-8")


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit("usage: python scripts/snapshot.py OUT CORPUS [CORPUS ...]")
    out = Path(sys.argv[1])
    for corpus in sys.argv[2:]:
        snapshot(out, Path(corpus))
        print(f"{corpus}: written to {out / Path(corpus).name}")


if __name__ == "__main__":
    main()
