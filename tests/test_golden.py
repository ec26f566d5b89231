"""Golden cases: short texts written for the tests, with the rows each must give.

tests/golden/KIND.json holds the cases of one fact kind (a stored query):

    {"query": "visits",
     "cases": [{"id": "state-visit-header-tuoitre",
                "text": "...the article, header and all...",
                "rows": [{"guest": "...", "guestState": "CL", "hostState": "VN", "start": "2025-04-08"}],
                "absent": [{"guestState": "VN"}],
                "xfail": "why the reader fails it today (optional)"}]}

All cases of a kind are built together, each its own article (``NN_ID.txt``), with the command
line (``kg build`` then ``kg query NAME --format json``, as the shared scorer runs them). A row
of ``rows`` must be matched by a row of the answer and no row of ``absent`` may be; a row names
only the columns that matter. Where the query has a ``source`` column, only the case's own rows
count; officials, organisations and relations have none, so their cases use names and states no
other case of the file uses. Values: a state is its code (an IRI's last segment counts);
``parties`` is the set of codes, ``members`` the codes the case names (among others); ``states`` stands for stateA and stateB and
``participants`` for personA and personB, in either order; ``framework`` is
compared by the words of its Vietnamese or English name; a date matches a more precise one
("2025-07" matches "2025-07-25"), as the scorer reads dates. A case with ``xfail`` is expected to
fail (strict: once it passes, remove the mark) and says what the reader still misses.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.vocab import fold

GOLDEN = Path(__file__).resolve().parent / "golden"
Row = dict[str, str]
PAIRS = {"states": ("stateA", "stateB"), "participants": ("personA", "personB")}
STATES = {"state", "guestState", "hostState", "stateA", "stateB"}
DATES = {"start", "end", "date", "established"}


def golden_files() -> list[Path]:
    return sorted(GOLDEN.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def case_stem(number: int, case: dict[str, Any]) -> str:
    return f"{number:02d}_{case['id']}"


def _kg(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), f"kg {' '.join(args)}: {done.stderr[-2000:]}"
    return done.stdout


def _value(column: str, value: str) -> str:
    if column in STATES or value.startswith("http"):
        value = value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return value


def answer(path: Path, tmp: Path) -> list[Row]:
    """The rows of the file's query over a build of all its cases."""
    data = load(path)
    articles = tmp / "articles"
    articles.mkdir()
    for number, case in enumerate(data["cases"], start=1):
        (articles / f"{case_stem(number, case)}.txt").write_text(case["text"], encoding="utf-8")
    _kg("build", "--articles", str(articles), "--out", str(tmp / "graph"), "--no-validate", "-q")
    result = json.loads(_kg("query", data["query"], "--graph", str(tmp / "graph"), "--format", "json"))
    return [{k: _value(k, v["value"]) for k, v in binding.items()} for binding in result["results"]["bindings"]]


def matches(expected: Row, row: Row) -> bool:
    for column, want in expected.items():
        if column in PAIRS:
            a, b = PAIRS[column]
            if sorted(want) != sorted([row.get(a, ""), row.get(b, "")]):
                return False
        elif column == "parties":
            if set(str(want).split()) != set(row.get(column, "").split()):
                return False
        elif column == "members":  # the members a case names; reference data knows the rest
            if not set(str(want).split()) <= set(row.get(column, "").split()):
                return False
        elif column == "framework":
            if framework(str(want)) != framework(row.get(column, "")):
                return False
        elif column in DATES:  # as the scorer: the graph may be more precise than the case
            if not row.get(column, "").startswith(str(want)):
                return False
        elif str(want) != row.get(column, ""):
            return False
    return True


# A framework by the words of its Vietnamese or English name, most specific first, as the scorer
# reads it (the graph may give either, or an IRI that says it).
FRAMEWORKS = (("chien luoc toan dien", "comprehensive strategic"), ("chien luoc sau rong", "extensive strategic"),
              ("chien luoc", "strategic"), ("toan dien", "comprehensive"), ("dac biet", "special"))


def framework(value: str) -> str:
    words = fold(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", _value("framework", value)).replace("_", " "))
    return next((english for vietnamese, english in FRAMEWORKS if vietnamese in words or english in words), words)


def problems(case: dict[str, Any], rows: list[Row]) -> list[str]:
    missing = [f"missing {r}" for r in case.get("rows", []) if not any(matches(r, row) for row in rows)]
    spurious = [f"must not appear {r}" for r in case.get("absent", []) if any(matches(r, row) for row in rows)]
    return missing + spurious


def test_there_are_golden_cases() -> None:
    assert golden_files(), "tests/golden holds no cases"


def test_matching_reads_pairs_sets_and_iris() -> None:
    row = {"stateA": "VN", "stateB": "CL", "parties": "VN CL", "framework": "doi-tac-chien-luoc", "name": "X"}
    assert matches({"states": ["CL", "VN"], "parties": "CL VN", "framework": "Đối tác chiến lược"}, row)
    assert not matches({"states": ["CL", "AR"]}, row)
    assert framework("https://example.org/ComprehensiveStrategicPartnership") == framework("Đối tác Chiến lược Toàn diện")
    assert _value("state", "https://w3id.org/vn-diplomacy/id/state/KZ") == "KZ"


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Row]]:
    """Each golden file's rows, built once (lazily) for the module."""
    cache: dict[str, list[Row]] = {}

    class Lazy(dict[str, list[Row]]):
        def __missing__(self, name: str) -> list[Row]:
            cache[name] = answer(GOLDEN / name, tmp_path_factory.mktemp(name.removesuffix(".json")))
            self[name] = cache[name]
            return cache[name]

    return Lazy()


def _cases() -> list[Any]:
    params = []
    for path in golden_files():
        for number, case in enumerate(load(path)["cases"], start=1):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(path.name, number, case, marks=marks, id=f"{path.stem}:{case['id']}"))
    return params


@pytest.mark.slow
@pytest.mark.parametrize(("name", "number", "case"), _cases())
def test_golden_case(name: str, number: int, case: dict[str, Any], answers: dict[str, list[Row]]) -> None:
    rows = answers[name]
    if rows and "source" in rows[0]:
        rows = [row for row in rows if case_stem(number, case) in row["source"].split()]
    found = problems(case, rows)
    assert not found, f"{name} {case['id']}:\n  " + "\n  ".join(found) + "\n  rows: " + json.dumps(rows, ensure_ascii=False)


# the columns of each stored query the scorer reads (../shared/corpus/README.md), and the pairs
COLUMNS = {
    "officials": {"name", "title", "state"},
    "visits": {"guest", "guestState", "hostState", "start", "end", "kind", "status"},
    "meetings": {"participants", "date", "kind", "status"},
    "agreements": {"name", "kind", "parties", "status", "date"},
    "organisations": {"name", "acronym", "members"},
    "relations": {"states", "established"},
    "trade": {"states", "year", "usd"},
    "partnerships": {"states", "framework", "status", "date"},
}


@pytest.mark.parametrize("path", golden_files(), ids=lambda p: p.name)
def test_each_case_is_well_formed(path: Path) -> None:
    data = load(path)
    assert data["query"] in COLUMNS, f"{path.name}: no known query {data['query']!r}"
    ids = [case["id"] for case in data["cases"]]
    assert len(ids) == len(set(ids)), f"{path.name}: an id used twice"
    for case in data["cases"]:
        assert re.fullmatch(r"[a-z0-9-]+", case["id"]), f"{path.name}: id {case['id']!r} is not a file name"
        assert case["text"].strip() and (case.get("rows") or case.get("absent")), f"{path.name} {case['id']}: nothing to check"
        for row in case.get("rows", []) + case.get("absent", []):
            assert set(row) <= COLUMNS[data["query"]], f"{path.name} {case['id']}: unknown columns {set(row) - COLUMNS[data['query']]}"
