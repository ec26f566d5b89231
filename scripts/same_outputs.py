"""Whether this tree gives the same outputs as a committed version of kg: every stored query's
answer on each corpus, byte for byte (:mod:`snapshot`, run once with each version's code).

    python scripts/same_outputs.py REV CORPUS [CORPUS ...]
    python scripts/same_outputs.py HEAD~3 /work/shared/corpus/seeds /work/shared/corpus/dev

The version ``REV`` is taken out of git (``git archive``) into a temporary folder and run from
there (``python -m kg`` finds the package of the folder it runs in first). Exit 0: the same
outputs; 1: they differ (``diff -r`` printed); 2: usage.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _snapshot(code: Path, out: Path, corpora: list[str]) -> None:
    kg = subprocess.run([sys.executable, "-c", "import kg; print(kg.__file__)"], cwd=code,
                        capture_output=True, text=True, check=True).stdout.strip()
    if not Path(kg).resolve().is_relative_to(code.resolve()):
        sys.exit(f"the kg of {code} is not the one that runs there ({kg})")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "snapshot.py"), str(out), *corpora],
                   cwd=code, check=True, stdout=subprocess.DEVNULL)


def same_outputs(rev: str, corpora: list[str]) -> tuple[bool, str]:
    """Whether ``rev`` and this tree answer every stored query alike on ``corpora``, and the diff."""
    corpora = [str(Path(c).resolve()) for c in corpora]
    with tempfile.TemporaryDirectory(prefix="kg-same-") as tmp:
        old = Path(tmp) / "code"
        old.mkdir()
        archive = subprocess.run(["git", "archive", rev, "kg", "queries", "ontology", "pyproject.toml"],
                                 cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(old, filter="data")
        _snapshot(old, Path(tmp) / "before", corpora)
        _snapshot(ROOT, Path(tmp) / "after", corpora)
        diff = subprocess.run(["diff", "-r", "before", "after"], cwd=tmp, capture_output=True, text=True)
        return diff.returncode == 0, diff.stdout


def main() -> None:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    same, diff = same_outputs(sys.argv[1], sys.argv[2:])
    print(diff or f"the same outputs as {sys.argv[1]} on {len(sys.argv) - 2} corpora")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
