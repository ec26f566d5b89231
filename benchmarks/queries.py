"""Every stored query as a user runs it: ``kg query NAME --fresh`` in a process of its own, on a
build's store, timed whole (Python started, the store opened, the query run, the answer printed).

The parameters are real values of the graph, picked from the build's store: for ``person`` and
``person_timeline`` the foreign guest with the most visits and a person of few facts; for
``state`` and ``office_holders`` the state that receives the most visits, the foreign state
that receives the most and one of few; for ``evidence`` the visit told by the most articles.
``--fresh`` makes ``kg query`` ask the store, not read the answer the build keeps.

    .venv/bin/python benchmarks/queries.py --graph /tmp/build-10000 [--runs 3] [--only person,state]

``run.py`` may call :func:`time_queries` and print :func:`report`.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PREFIXES = """PREFIX dip: <https://w3id.org/vn-diplomacy/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# (query, what the value is, SPARQL giving candidates best first: the value in the first column)
_PICKS: dict[str, str] = {
    "prolific guest": """SELECT ?name WHERE { { SELECT ?p (COUNT(DISTINCT ?v) AS ?n) WHERE {
        ?v dip:guest ?p ; dip:guestState ?gs . FILTER(?gs != <https://w3id.org/vn-diplomacy/id/state/VN>)
        } GROUP BY ?p } ?p skos:prefLabel ?name } ORDER BY DESC(?n) ?name LIMIT 1""",
    "ordinary person": """SELECT ?name WHERE { { SELECT ?p (COUNT(DISTINCT ?v) AS ?n) WHERE {
        ?v dip:participant ?p } GROUP BY ?p HAVING(COUNT(DISTINCT ?v) = 3) } ?p skos:prefLabel ?name }
        ORDER BY ?name LIMIT 1""",
    "most visited state": """SELECT ?code WHERE { { SELECT ?s (COUNT(DISTINCT ?v) AS ?n) WHERE {
        ?v dip:hostState ?s } GROUP BY ?s } ?s dip:code ?code } ORDER BY DESC(?n) ?code LIMIT 1""",
    "most visited foreign state": """SELECT ?code WHERE { { SELECT ?s (COUNT(DISTINCT ?v) AS ?n) WHERE {
        ?v dip:hostState ?s } GROUP BY ?s } ?s dip:code ?code } ORDER BY DESC(?n) ?code OFFSET 1 LIMIT 1""",
    "ordinary state": """SELECT ?code WHERE { { SELECT ?s (COUNT(DISTINCT ?v) AS ?n) WHERE {
        ?v dip:hostState ?s } GROUP BY ?s HAVING(COUNT(DISTINCT ?v) >= 20 && COUNT(DISTINCT ?v) <= 30) }
        ?s dip:code ?code } ORDER BY ?code LIMIT 1""",
    "visit told most": """SELECT ?v WHERE { { SELECT ?v (COUNT(DISTINCT ?g) AS ?n) WHERE {
        GRAPH ?g { ?v dip:guest ?p } } GROUP BY ?v } } ORDER BY DESC(?n) ?v LIMIT 1""",
}
# which picks give the parameters of which query
_RUNS: dict[str, list[tuple[str, str]]] = {
    "person": [("name", "prolific guest"), ("name", "ordinary person")],
    "person_timeline": [("name", "prolific guest"), ("name", "ordinary person")],
    "state": [("state", "most visited state"), ("state", "most visited foreign state"), ("state", "ordinary state")],
    "office_holders": [("state", "most visited state"), ("state", "most visited foreign state"),
                       ("state", "ordinary state")],
    "evidence": [("fact", "visit told most")],
}


@dataclass(frozen=True)
class QueryTime:
    name: str
    params: dict[str, str]
    seconds: list[float]
    rows: int
    error: str = ""
    cpu: list[float] = field(default_factory=list)  # the process's CPU time (user + system)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _short(iri: str) -> str:
    return iri.split("/id/", 1)[1] if "/id/" in iri else iri


def pick_values(graph: Path) -> dict[str, str]:
    """The value of each pick on this build (those the graph has none for left out)."""
    import pyoxigraph as ox

    from kg.storage.store import default_is_union, kept_store

    store = kept_store(graph)
    union = default_is_union(store)
    values = {}
    for label, text in _PICKS.items():
        result = store.query(PREFIXES + text, use_default_graph_as_union=union)
        assert isinstance(result, ox.QuerySolutions)
        for row in result:
            term = row[0]
            if term is not None:
                values[label] = _short(term.value)
    return values


def runs_of(names: list[str], values: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(query, parameters) for every stored query in ``names``: each set of picked values of a
    query that takes parameters, one run with none for the others."""
    runs: list[tuple[str, dict[str, str]]] = []
    for name in names:
        picks = _RUNS.get(name)
        if picks is None:
            runs.append((name, {}))
        for param, label in picks or []:
            if label in values:
                runs.append((name, {param: values[label]}))
    return runs


ROOT = Path(__file__).resolve().parent.parent  # `python -m kg` runs this checkout's kg


def time_query(graph: Path, name: str, params: dict[str, str], runs: int, limit: float = 120.0) -> QueryTime:
    """Wall time of ``kg query NAME --fresh`` in new processes, ``runs`` times (a run over
    ``limit`` seconds is stopped and reported)."""
    command = [sys.executable, "-m", "kg", "query", name, "--graph", str(graph), "--format", "csv", "--fresh"]
    for k, v in params.items():
        command += ["--param", f"{k}={v}"]
    seconds, cpu, rows = [], [], 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), _children_cpu()
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT, timeout=limit)
        except subprocess.TimeoutExpired:
            return QueryTime(name, params, [time.perf_counter() - start], 0, f"stopped after {limit:.0f} s")
        seconds.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - start_cpu)
        if done.returncode != 0:
            return QueryTime(name, params, seconds, 0, done.stderr.strip().splitlines()[-1:][0] if done.stderr else "failed")
        rows = max(0, done.stdout.count("\n") - 1)  # the header line, then one line per row
    return QueryTime(name, params, seconds, rows, cpu=cpu)


def time_queries(graph: Path, runs: int = 1, only: list[str] | None = None, limit: float = 120.0
                 ) -> list[QueryTime]:
    from kg.storage.query import stored_queries

    names = [n for n in stored_queries() if not only or n in only]
    values = pick_values(graph)
    return [time_query(graph, name, params, runs, limit) for name, params in runs_of(names, values)]


def report(times: list[QueryTime]) -> str:
    lines = ["`kg query NAME --fresh` in a process of its own (whole command; median of the runs;"
             " cpu: its CPU time, user + system, what a busy machine changes least)",
             f"  {'query':<16} {'parameters':<40} {'rows':>6} {'seconds':>8} {'cpu s':>6}"]
    for t in times:
        given = " ".join(f"{k}={v}" for k, v in t.params.items())
        shown = f"{t.median:8.2f} {t.median_cpu:6.2f}" + (f"  failed: {t.error}" if t.error else "")
        lines.append(f"  {t.name:<16} {given[:40]:<40} {t.rows:>6} {shown}")
    slowest = max(times, key=lambda t: t.median, default=None)
    if slowest is not None:
        lines.append(f"  slowest: {slowest.name} {slowest.median:.2f} s")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, required=True, help="a build folder")
    parser.add_argument("--runs", type=int, default=1, help="runs of each query (default 1)")
    parser.add_argument("--only", default="", help="comma-separated query names (default: all)")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds a run may take (default 120)")
    args = parser.parse_args()
    only = [n for n in args.only.split(",") if n]
    print(report(time_queries(args.graph, args.runs, only, args.limit)))


if __name__ == "__main__":
    main()
