"""The build at scale, as a user feels it: time and memory per stage, an incremental rebuild,
the first ``kg query`` of every stored query in a new process, and ``kg push`` to a server; on
a synthetic corpus and on real prose, at one size or several.

In: the corpora (``--corpus synthetic|real|both``), sizes (``--counts 1000,10000``) and a seed;
the synthetic corpus is made by :mod:`benchmarks.generate`, the real one by
:mod:`benchmarks.realtext` (each reused when the work folder already holds it). Out: a report
on stdout, each figure beside its target from issue 25, a table of seconds per 1,000 articles
per build stage across the sizes, and the same figures as JSON in the work folder
(``results-<corpus>-<count>-s<seed>.json``).

    python benchmarks/run.py --counts 1000,10000 --seed 1 --jobs 2

Steps, for each corpus and size: (1) make the corpus; (2) build the graph from scratch
(``kg.build.build`` in a subprocess, so the peak memory measured is the build's own); (3)
change one article and rebuild into the same folder; (4) ``kg query NAME`` of every stored
query, each in a process of its own, the first time after the build and again; (5) ``kg push``
of the build to a new local Oxigraph server (the ``oxigraph`` binary of the test extra); with
``--query-table``, (6) every stored query on the store in memory (the median of several runs on
``kg.storage.store.open_store`` + ``kg.storage.query.run_query``), and with ``--rdflib`` on
rdflib's in-memory ``Dataset`` too (in a subprocess, each query under a time limit).
"""

from __future__ import annotations

import argparse
import csv
import inspect
import io
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import generate, realtext  # noqa: E402

# The targets of issue 25, on 2 cores.
TARGET_BUILD_S = 60.0  # 10k articles from scratch
TARGET_FIRST_QUERY_S = 2.0  # 10k: the first `kg query NAME` of any stored query after the build, whole command
TARGET_PARAM_QUERY_S = 1.0  # 10k: person, state, person_timeline with a parameter, whole command
PARAM_QUERIES = ("person", "state", "person_timeline")
TARGET_REBUILD_S = 2.0  # 10k: after one changed article
TARGET_BUILD_100K_S = 600.0  # 100k articles from scratch
TARGET_PEAK_100K_MB = 8192.0
TARGET_GROWTH = 1.5  # no stage's seconds per 1,000 articles grow by more than half from one size to the next
TARGET_QUERY_MS = 200.0  # the old target of the in-memory query table (--query-table)
TARGET_SPEEDUP = 10.0  # Oxigraph against rdflib, per query (--rdflib)
STAGES = ("read", "extract", "resolve", "rdf", "serialise", "reason", "validate", "store", "write")
CORPORA = {"synthetic": generate, "real": realtext}
# A sentence the rebuild step adds to one article: a new fact, so the graph really changes.
ADDED_SENTENCE = "Hai bên nhất trí sớm hoàn tất đàm phán Hiệp định hợp tác văn hóa giữa hai nước."


# ---------------------------------------------------------------- the build, in a subprocess

def _child_build(articles: Path, out: Path, jobs: int | None) -> None:
    """Run one build in this process and print what it measured as one JSON line."""
    from kg.build import build

    kwargs: dict[str, object] = {}
    if jobs and "jobs" in inspect.signature(build).parameters:
        kwargs["jobs"] = jobs
    start = time.perf_counter()
    summary = build(articles, out, **kwargs)  # type: ignore[arg-type]
    wall = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({
        "wall_s": wall, "seconds": dict(getattr(summary, "seconds", {}) or {}),
        "peak_mb": dict(getattr(summary, "peak_mb", {}) or {}), "maxrss_mb": own, "worker_maxrss_mb": workers,
        "articles": summary.articles, "extracted": getattr(summary, "extracted", None),
        "counts": summary.counts, "asserted": summary.asserted_triples, "inferred": summary.inferred_triples,
        "conforms": summary.conforms, "violations": summary.violations,
        "validation": getattr(summary, "validation", ""), "skipped": len(summary.skipped),
        "reasoning": getattr(summary, "reasoning", ""), "kept_blocks": getattr(summary, "kept_blocks", None),
        "jobs": kwargs.get("jobs"),
    }))


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total / 1024


@dataclass
class BuildRun:
    wall_s: float
    report: dict[str, object]
    tree_peak_mb: float  # sampled every 0.1 s: the build process and its workers together


def run_build(articles: Path, out: Path, jobs: int | None) -> BuildRun:
    """Build in a fresh Python process; return its own figures and the sampled peak memory."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child-build", str(articles), str(out)]
    if jobs:
        command += ["--jobs", str(jobs)]
    run = run_sampled(command, stderr=None)
    if run.returncode != 0:
        raise SystemExit(f"the build failed (exit code {run.returncode})")
    report = json.loads(run.stdout.strip().splitlines()[-1])
    return BuildRun(run.wall_s, report, run.tree_peak_mb)


def change_one_article(articles: Path, suffix: str) -> tuple[Path, bytes]:
    """Add a sentence to the body of the middle article; return it and its old bytes."""
    files = sorted(articles.glob(f"*{suffix}"))
    path = files[len(files) // 2]
    old = path.read_bytes()
    lines = old.decode("utf-8").split("\n")
    # the sentence goes before the page furniture, which the reader cuts off
    stop = next((i for i, line in enumerate(lines) if i > 2 and line.startswith(("Theo ", "Nguồn:", "Tin bài liên quan"))),
                len(lines))
    lines[stop:stop] = [ADDED_SENTENCE, ""]
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return path, old


# ---------------------------------------------------------------- kg query and kg push, as a user runs them

def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def _run_timed(command: list[str], limit: float) -> tuple[float, subprocess.CompletedProcess[bytes] | None]:
    """Wall time of a command and what it did (None: killed at ``limit`` seconds)."""
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None
    return time.perf_counter() - start, done


def cli_params(visits_csv: bytes) -> dict[str, str]:
    """Parameter values taken from the middle row of ``kg query visits --format csv``: a
    visit (``fact``), its guest's surname (``name``) and the state other than Viet Nam."""
    rows = list(csv.DictReader(io.StringIO(visits_csv.decode("utf-8"))))
    if not rows:
        return {}
    row = rows[len(rows) // 2]
    state = row["hostState"] if row.get("guestState") == "VN" else row.get("guestState", "")
    return {"fact": _short(row["visit"]), "name": row["guest"].split()[-1], "state": state or "VN"}


def time_cli_queries(graph: Path, limit: float, only: list[str] | None = None) -> list[dict[str, object]]:
    """``kg query NAME --format csv`` of every stored query, each in a process of its own: the
    first time after the build (``visits`` first: its answer gives the parameters of the
    others), then again (the answer the build keeps). ``only``: these queries (and ``visits``
    when one of them needs a parameter)."""
    from kg.storage.query import stored_queries

    stored = stored_queries()
    names = ["visits", *sorted(n for n in stored if n != "visits")] if "visits" in stored else sorted(stored)
    if only:
        names = [n for n in names if n in only or (n == "visits" and any(stored[o].required for o in only if o in stored))]
    params: dict[str, str] = {}
    out: list[dict[str, object]] = []
    for name in names:
        given = {p: params[p] for p in stored[name].required if p in params}
        if len(given) < len(stored[name].required):
            out.append({"name": name, "params": given, "note": "no parameter value"})
            continue
        command = _kg("query", name, "--graph", str(graph), "--format", "csv",
                      *[a for p, v in given.items() for a in ("--param", f"{p}={v}")])
        entry: dict[str, object] = {"name": name, "params": given}
        for label in ("first_s", "again_s"):
            seconds, done = _run_timed(command, limit)
            entry[label] = seconds
            if done is None or done.returncode != 0:
                entry["note"] = (f"timed out at {limit:.0f} s" if done is None else
                                 f"exit code {done.returncode}: {done.stderr.decode('utf-8', 'replace').strip()[-200:]}")
                break
            entry["rows"] = max(0, len(done.stdout.decode("utf-8", "replace").splitlines()) - 1)
            if name == "visits" and not params:
                params = cli_params(done.stdout)
        out.append(entry)
        shown = f"first {float(entry['first_s']):.2f} s" + (  # type: ignore[arg-type]
            f", again {float(entry['again_s']):.2f} s" if "again_s" in entry else "")  # type: ignore[arg-type]
        print(f"  {name}: {shown}" + (f" ({entry['note']})" if "note" in entry else ""), flush=True)
    return out


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary (the test extra installs it beside Python)."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")


def time_push(graph: Path, workdir: Path, limit: float) -> dict[str, object]:
    """``kg push`` of a build to a new Oxigraph server on this machine (its store in the work
    folder, removed after): the whole command's wall time, its peak memory (process tree,
    sampled), and whether the server then holds every graph."""
    binary = oxigraph_binary()
    if binary is None:
        return {"note": "no 'oxigraph' server binary (pip install oxigraph, the 'test' extra)"}
    import urllib.request

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    location = workdir / f"oxigraph-{port}"
    shutil.rmtree(location, ignore_errors=True)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    server = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                opener.open(base + "/", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    return {"note": "oxigraph serve did not start"}
                time.sleep(0.1)
        run = run_sampled(_kg("push", "--endpoint", base, "--graph", str(graph), "--timeout", str(limit), "-q"))
        outcome: dict[str, object] = {"wall_s": run.wall_s, "peak_mb": run.tree_peak_mb, "ok": run.returncode == 0,
                                      "output": run.stdout.strip()[-400:]}
        if run.returncode != 0:
            outcome["note"] = f"exit code {run.returncode}: {run.stderr.strip()[-300:]}"
        outcome["server_mb"] = sum(f.stat().st_size for f in location.rglob("*") if f.is_file()) / 1e6
        return outcome
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(location, ignore_errors=True)


@dataclass
class Sampled:
    wall_s: float
    tree_peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_sampled(command: list[str], stderr: int | None = subprocess.PIPE) -> Sampled:
    """Run a command; its wall time and the peak resident memory of its process tree (its
    standard error kept, or with ``stderr=None`` shown as it comes)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(process.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, errors = process.communicate()
    done.set()
    sampler.join()
    return Sampled(time.perf_counter() - start, peak, process.returncode, stdout, errors or "")


# ---------------------------------------------------------------- queries

@dataclass
class QueryTiming:
    name: str
    params: dict[str, str]
    rows: int | None = None
    oxigraph_ms: float | None = None
    oxigraph_note: str = ""  # "timed out", "error: ...", "no parameter value"
    rdflib_ms: float | None = None
    rdflib_rows: int | None = None
    rdflib_note: str = ""  # "timed out", "error: ...", "not run"
    oxigraph_runs: list[float] = field(default_factory=list)
    rdflib_runs: list[float] = field(default_factory=list)
    kept_ms: float | None = None  # median time to read the answer the build keeps (kg.storage.answers)
    disk_ms: float | None = None  # median time on the store the build keeps on disk (kg.storage.store.kept_store)

    @property
    def ratio(self) -> float | None:
        if self.oxigraph_ms is None or self.rdflib_ms is None or self.oxigraph_ms <= 0:
            return None
        return self.rdflib_ms / self.oxigraph_ms


def _short(iri: str) -> str:
    return iri.split("/id/", 1)[1] if "/id/" in iri else iri


def query_params(store: object, stored: dict[str, object]) -> dict[str, dict[str, str] | None]:
    """Sensible parameters for the stored queries that need them (None: no sensible value)."""
    from kg.storage.query import run_query

    out: dict[str, dict[str, str] | None] = {}
    visits = run_query(store, stored["visits"]) if "visits" in stored else None  # type: ignore[arg-type]
    for name, query in stored.items():
        names = list(query.required)  # type: ignore[attr-defined]  # the optional ones left out
        if not names:
            out[name] = {}
            continue
        values: dict[str, str] = {}
        for param in names:
            if param == "fact" and visits and visits.rows:
                values[param] = _short(visits.rows[len(visits.rows) // 2][0].value)  # type: ignore[union-attr]
            elif param == "state" and visits and visits.rows:
                values[param] = visits.rows[len(visits.rows) // 2][2].value  # type: ignore[union-attr]
            elif param == "name" and visits and visits.rows:
                guest = visits.rows[len(visits.rows) // 2][1].value  # type: ignore[union-attr]
                values[param] = guest.split()[-1]
        out[name] = values if len(values) == len(names) else None
    return out


# Each query runs in a forked copy of the process that loaded the graph, so that a query that
# takes too long or too much memory can be stopped without stopping the benchmark (one stored
# query has been seen to take over 20 GB). Messages on the pipe: {"ms", "rows"} per run, or
# {"note"} when a run fails.

def _vm_size_mb() -> float:
    with open("/proc/self/status", encoding="ascii", errors="replace") as handle:
        for line in handle:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _query_process(run_once: object, runs: int, memory_mb: float, writer: object) -> None:
    """In the forked child: cap the memory it may add, then run and report each run."""
    try:
        limit = int((_vm_size_mb() + memory_mb) * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = run_once()  # type: ignore[operator]
            writer.send({"ms": (time.perf_counter() - t0) * 1000, "rows": rows})  # type: ignore[attr-defined]
    except MemoryError:
        writer.send({"note": f"out of memory (over {memory_mb:.0f} MB more)"})  # type: ignore[attr-defined]
    except Exception as exc:  # reported beside the query; the benchmark goes on
        writer.send({"note": f"error: {type(exc).__name__}: {str(exc)[:120]}"})  # type: ignore[attr-defined]


def timed_runs(run_once: object, runs: int, limit: float, memory_mb: float) -> dict[str, object]:
    """Run ``run_once`` ``runs`` times in a forked process, each run under ``limit`` seconds."""
    import multiprocessing

    context = multiprocessing.get_context("fork")  # the child shares the loaded graph
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_query_process, args=(run_once, runs, memory_mb, writer))
    process.start()
    writer.close()
    times: list[float] = []
    outcome: dict[str, object] = {}
    for _ in range(runs):  # the first run over the limit ends the query
        if not reader.poll(limit):
            outcome = {"note": "timed out"}
            break
        try:
            message = reader.recv()
        except EOFError:
            process.join(5)
            outcome = {"note": f"died (exit code {process.exitcode}; out of memory over {memory_mb:.0f} MB more?)"}
            break
        if "note" in message:
            outcome = message
            break
        times.append(message["ms"])
        outcome = {"rows": message["rows"]}
    if process.is_alive():
        process.kill()
    process.join()
    reader.close()
    if "note" not in outcome:
        outcome["runs"] = times
    return outcome


def _child_oxigraph(graph: Path, runs: int, limit: float, memory_mb: float) -> None:
    """Load the build into Oxigraph and time every stored query; one JSON line per query."""
    import pyoxigraph as ox

    from kg.storage.answers import keep_answer, kept_answer
    from kg.storage.query import format_result, run_query, stored_queries
    from kg.storage.store import graph_file, open_store, store_folder

    start = time.perf_counter()
    store = open_store(graph)
    print(json.dumps({"load_s": time.perf_counter() - start, "quads": len(store)}), flush=True)
    disk_folder = store_folder(graph, graph_file(graph))  # made by the `kg query` timed before
    if disk_folder is not None and not disk_folder.is_dir():
        disk_folder = None
    stored = stored_queries()
    params = query_params(store, stored)  # type: ignore[arg-type]
    for name, query in stored.items():
        given = params.get(name)
        if given is None:
            print(json.dumps({"name": name, "params": {}, "note": "no parameter value"}), flush=True)
            continue

        def run_once(query: object = query, given: dict[str, str] = given) -> int:
            return len(run_query(store, query, given).rows)  # type: ignore[arg-type]

        outcome = timed_runs(run_once, runs + 1, limit, memory_mb)  # the first run warms up
        if "runs" in outcome:
            outcome["runs"] = outcome["runs"][1:]  # type: ignore[index]
            # what `kg query --format json` does the next time: print the answer the build keeps
            keep_answer(graph, query, given, "json", format_result(run_query(store, query, given), "json"))

            def read_kept(query: object = query, given: dict[str, str] = given) -> int:
                kept = kept_answer(graph, query, given, "json")  # type: ignore[arg-type]
                if kept is None:
                    raise RuntimeError("the build kept no answer")
                return len(kept)

            kept = timed_runs(read_kept, runs, limit, memory_mb)
            if "runs" in kept:
                outcome["kept_ms"] = statistics.median(kept["runs"])  # type: ignore[arg-type]
            if disk_folder is not None:
                def on_disk(query: object = query, given: dict[str, str] = given) -> int:
                    # opened in the forked child itself (20 ms): RocksDB is not to be forked open
                    return len(run_query(ox.Store.read_only(str(disk_folder)), query, given).rows)  # type: ignore[arg-type]

                disk = timed_runs(on_disk, runs + 1, limit, memory_mb)  # the first run warms up
                if "runs" in disk:
                    outcome["disk_ms"] = statistics.median(disk["runs"][1:])  # type: ignore[index, arg-type]
        print(json.dumps({"name": name, "params": given, **outcome}), flush=True)


def _child_rdflib(graph: Path, jobs_file: Path, runs: int, limit: float, memory_mb: float, load_limit: float) -> None:
    """Load the build into rdflib (as open_store does: the graph and the ontology), then time
    each query; one JSON line for the load, then one per query."""
    from rdflib import Dataset, Literal, URIRef

    from kg.resources import ontology_file
    from kg.storage.store import graph_file
    from kg.vocab import ONTOLOGY_GRAPH

    jobs = json.loads(jobs_file.read_text(encoding="utf-8"))

    def too_long(signum: int, frame: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(max(1, int(load_limit)))
    start = time.perf_counter()
    try:
        dataset = Dataset(default_union=True)
        dataset.parse(graph_file(graph), format="trig")
        dataset.graph(URIRef(str(ONTOLOGY_GRAPH))).parse(ontology_file(), format="turtle")
    except TimeoutError:
        print(json.dumps({"load_s": None, "note": f"loading took over {load_limit:.0f} s"}), flush=True)
        return
    finally:
        signal.alarm(0)
    print(json.dumps({"load_s": time.perf_counter() - start, "triples": len(dataset)}), flush=True)
    for job in jobs:
        bindings = {k: (URIRef(v[1:-1]) if v.startswith("<") else Literal(v)) for k, v in job["params"].items()}

        def run_once(text: str = job["text"], bindings: dict[str, object] = bindings) -> int:
            return len(list(dataset.query(text, initBindings=bindings)))  # type: ignore[arg-type]

        print(json.dumps({"name": job["name"], **timed_runs(run_once, runs, limit, memory_mb)}), flush=True)


def _events(command: list[str]) -> list[dict[str, object]]:
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def time_oxigraph(graph: Path, runs: int, limit: float, memory_mb: float) -> tuple[float | None, list[QueryTiming]]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child-oxigraph", str(graph),
               "--query-runs", str(runs), "--query-limit", str(limit), "--query-memory", str(memory_mb)]
    load_s, timings = None, []
    for event in _events(command):
        if "load_s" in event:
            load_s = event["load_s"]
            continue
        t = QueryTiming(str(event["name"]), dict(event["params"]))  # type: ignore[call-overload]
        if "runs" in event:
            t.oxigraph_runs = list(event["runs"])  # type: ignore[call-overload]
            t.oxigraph_ms, t.rows = statistics.median(t.oxigraph_runs), event["rows"]  # type: ignore[assignment]
            t.kept_ms = event.get("kept_ms")  # type: ignore[assignment]
            t.disk_ms = event.get("disk_ms")  # type: ignore[assignment]
        else:
            t.oxigraph_note = str(event["note"])
        timings.append(t)
        print(f"  {t.name}: " + (f"{t.oxigraph_ms:.1f} ms" if t.oxigraph_ms is not None else t.oxigraph_note), flush=True)
    return load_s, timings


def time_rdflib(graph: Path, timings: list[QueryTiming], workdir: Path, runs: int, limit: float,
                memory_mb: float, load_limit: float) -> float | None:
    """Fill in the rdflib figures of ``timings``; return the time rdflib took to load the graph."""
    from kg.storage.query import stored_queries

    stored = stored_queries()
    jobs = [{"name": t.name, "text": stored[t.name].text, "params": t.params} for t in timings if t.name in stored
            and not t.oxigraph_note.startswith("no parameter")]
    jobs_file = workdir / "rdflib-queries.json"
    jobs_file.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, str(Path(__file__).resolve()), "--child-rdflib", str(graph), str(jobs_file),
               "--rdflib-runs", str(runs), "--rdflib-limit", str(limit), "--query-memory", str(memory_mb),
               "--rdflib-load-limit", str(load_limit)]
    by_name = {t.name: t for t in timings}
    load_s = None
    for event in _events(command):
        if "load_s" in event:
            load_s = event["load_s"]  # type: ignore[assignment]
            if load_s is None:
                for t in timings:
                    t.rdflib_note = "not run: " + str(event.get("note"))
            continue
        t = by_name[str(event["name"])]
        if "runs" in event:
            t.rdflib_runs = list(event["runs"])  # type: ignore[call-overload]
            t.rdflib_ms, t.rdflib_rows = statistics.median(t.rdflib_runs), event["rows"]  # type: ignore[assignment]
        else:
            t.rdflib_note = str(event["note"])
        print(f"  {t.name}: " + (f"{t.rdflib_ms:.1f} ms" if t.rdflib_ms is not None else t.rdflib_note), flush=True)
    jobs_file.unlink()
    return load_s


# ---------------------------------------------------------------- report

def _mark(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "MISSED")


def _peak_mb(scratch: dict[str, object]) -> float:
    child: dict[str, object] = scratch["report"]  # type: ignore[assignment]
    own = max([float(v) for v in (child.get("peak_mb") or {}).values()] + [0.0])  # type: ignore[attr-defined]
    return max(float(scratch["tree_peak_mb"]), float(child["maxrss_mb"]), float(child["worker_maxrss_mb"]), own)  # type: ignore[arg-type]


def stage_names(reports: list[dict[str, object]]) -> list[str]:
    """The stages the builds timed, in pipeline order (a stage not in :data:`STAGES` after them)."""
    seen: list[str] = []
    for child in reports:
        seen += [str(k) for k in (child.get("seconds") or {})]  # type: ignore[attr-defined]
    return list(dict.fromkeys([*[s for s in STAGES if s in seen], *seen]))


def report(results: dict[str, object]) -> str:
    lines = []
    scratch: dict[str, object] = results["build"]  # type: ignore[assignment]
    child: dict[str, object] = scratch["report"]  # type: ignore[assignment]
    lines.append(f"Benchmark: {results['count']} {results['corpus']} articles (seed {results['seed']}), "
                 f"{results['cpus']} CPUs, jobs {results['jobs'] or 'default'}")
    lines.append(f"corpus: {float(results['corpus_s']):.2f} s ({results['corpus_state']})")  # type: ignore[arg-type]
    lines.append("")
    lines.append(f"Build from scratch: {child['articles']} articles, {child['asserted']} asserted + "
                 f"{child['inferred']} inferred triples, validation: {child['validation'] or '?'}, "
                 f"conforms: {child['conforms']}")
    lines.append("  counts: " + ", ".join(f"{v} {k}" for k, v in child["counts"].items()))  # type: ignore[attr-defined]
    lines.append(f"  {'stage':<12} {'seconds':>9} {'peak MB':>9}")
    seconds: dict[str, float] = child["seconds"]  # type: ignore[assignment]
    peaks: dict[str, float] = child["peak_mb"]  # type: ignore[assignment]
    for stage in list(dict.fromkeys([*stage_names([child]), *peaks])):
        sec = f"{seconds[stage]:.2f}" if stage in seconds else ""
        peak = f"{peaks[stage]:.0f}" if stage in peaks else ""
        lines.append(f"  {stage:<12} {sec:>9} {peak:>9}")
    own_peak = max([float(v) for v in (child.get("peak_mb") or {}).values()] + [0.0])  # type: ignore[attr-defined]
    lines.append(f"  {'total':<12} {float(scratch['wall_s']):>9.2f}           (wall time of the build process, start-up included)")  # type: ignore[arg-type]
    lines.append(f"  peak memory: {_peak_mb(scratch):.0f} MB (process tree sampled: {float(scratch['tree_peak_mb']):.0f} MB; "  # type: ignore[arg-type]
                 f"the build's own ru_maxrss, as its summary gives it: {own_peak:.0f} MB; the process that calls "
                 f"kg.build.build, which the build is forked from: {float(child['maxrss_mb']):.0f} MB)")  # type: ignore[arg-type]
    rebuild: dict[str, object] = results["rebuild"]  # type: ignore[assignment]
    rchild: dict[str, object] = rebuild["report"]  # type: ignore[assignment]
    lines.append("")
    lines.append(f"Rebuild after one changed article ({results['changed']}): {float(rebuild['wall_s']):.2f} s wall, "  # type: ignore[arg-type]
                 f"{rchild.get('extracted')} article(s) extracted, validation: {rchild.get('validation') or '?'}")
    if rchild.get("reasoning"):
        lines.append(f"  reasoning: {rchild.get('reasoning')}; graphs whose TriG block was kept: {rchild.get('kept_blocks')}")
    lines.append("  " + ", ".join(f"{k} {v:.2f}s" for k, v in rchild["seconds"].items()))  # type: ignore[attr-defined]
    cli: list[dict[str, object]] = results.get("cli") or []  # type: ignore[assignment]
    if cli:
        lines.append("")
        lines.append("`kg query NAME --format csv`, each in a process of its own (whole command, start-up included):")
        lines.append(f"  {'query':<22} {'rows':>7} {'first s':>9} {'again s':>9}  parameters")
        for entry in cli:
            first = f"{float(entry['first_s']):.2f}" if "first_s" in entry else ""  # type: ignore[arg-type]
            again = f"{float(entry['again_s']):.2f}" if "again_s" in entry else ""  # type: ignore[arg-type]
            given = " ".join(f"{k}={v}" for k, v in entry["params"].items())  # type: ignore[attr-defined]
            note = f"  [{entry['note']}]" if "note" in entry else ""
            lines.append(f"  {entry['name']:<22} {entry.get('rows', ''):>7} {first:>9} {again:>9}  {given}{note}")
        lines.append("  (first: the first time after the build, no answer kept yet; again: the answer the build kept)")
    push: dict[str, object] = results.get("push") or {}  # type: ignore[assignment]
    if push:
        lines.append("")
        if "wall_s" in push:
            lines.append(f"`kg push` to a new local Oxigraph server: {float(push['wall_s']):.2f} s wall, "  # type: ignore[arg-type]
                         f"peak {float(push['peak_mb']):.0f} MB (kg push's process), "  # type: ignore[arg-type]
                         f"server store {float(push.get('server_mb') or 0):.0f} MB on disk")  # type: ignore[arg-type]
            lines.append(f"  {push.get('output') or push.get('note')}")
        else:
            lines.append(f"`kg push`: not run ({push.get('note')})")
    q: dict[str, object] | None = results.get("queries")  # type: ignore[assignment]
    if q:
        lines.append("")
        ox_load, rdflib_load = q["oxigraph_load_s"], q["rdflib_load_s"]
        lines.append("Stored queries on the store in memory: Oxigraph load "
                     + (f"{float(ox_load):.2f} s" if ox_load is not None else "failed")  # type: ignore[arg-type]
                     + "; rdflib load " + (f"{float(rdflib_load):.1f} s" if rdflib_load is not None else "not done")  # type: ignore[arg-type]
                     + f"; medians of {q['oxigraph_runs']} (Oxigraph) and {q['rdflib_runs']} (rdflib) runs")
        lines.append(f"  {'query':<22} {'rows':>7} {'kept ms':>9} {'disk ms':>9} {'oxigraph ms':>20} {'rdflib ms':>20} {'ratio':>9}  "
                     f"(oxigraph < {TARGET_QUERY_MS:.0f} ms and >= {TARGET_SPEEDUP:.0f}x)")
        for t in q["timings"]:  # type: ignore[attr-defined]
            lines.append("  " + _query_row(t, float(results["query_limit_s"]), float(results["rdflib_limit_s"])))  # type: ignore[arg-type]
        lines.append("  (kept: reading the answer the build keeps; disk: the query on the store the build keeps on disk,"
                     " opened read-only; oxigraph: on the store loaded into memory; a timed-out rdflib run makes the"
                     f" ratio a lower bound; each query may add {float(results['query_memory_mb']):.0f} MB of memory)")  # type: ignore[arg-type]
    lines.append("")
    lines.append(f"Targets (issue 25; stated for 10,000 and 100,000 articles on 2 cores; this run: {results['count']}):")
    for label, value, target, ok in results["targets"]:  # type: ignore[attr-defined]
        lines.append(f"  {label:<52} {value:>26}   target {target:<10} {_mark(ok)}")
    return "\n".join(lines)


def stage_table(corpus: str, runs: list[dict[str, object]]) -> tuple[str, list[tuple[str, int, int, float]]]:
    """Seconds per 1,000 articles of each build stage (from scratch) at each size, and the
    stages whose cost per 1,000 grows by more than half from one size to the next
    (``(stage, smaller, larger, ratio)``)."""
    runs = sorted(runs, key=lambda r: int(r["count"]))  # type: ignore[call-overload]
    reports = [r["build"]["report"] for r in runs]  # type: ignore[index]
    counts = [int(r["count"]) for r in runs]  # type: ignore[call-overload]
    rows: dict[str, list[float | None]] = {}
    for stage in stage_names(reports):
        rows[stage] = [(float(rep["seconds"][stage]) * 1000 / n if stage in rep["seconds"] else None)
                       for rep, n in zip(reports, counts, strict=True)]
    rows["total (wall)"] = [float(r["build"]["wall_s"]) * 1000 / n for r, n in zip(runs, counts, strict=True)]  # type: ignore[index, arg-type]
    flagged: list[tuple[str, int, int, float]] = []
    lines = [f"Seconds per 1,000 articles, per stage of the build from scratch ({corpus} corpus):",
             f"  {'stage':<14}" + "".join(f"{n:>12,}" for n in counts) + "   growth (next size / this size)"]
    for stage, values in rows.items():
        growth = []
        for (a, na), (b, nb) in zip(zip(values, counts, strict=True), list(zip(values, counts, strict=True))[1:]):
            if a is None or b is None or a <= 0:
                continue
            ratio = b / a
            # a stage that takes under a quarter of a second at the larger size is noise, not a cost that grows
            big = b * nb / 1000 >= 0.25
            growth.append(f"x{ratio:.2f}" + (" MORE THAN HALF" if ratio > TARGET_GROWTH and big else ""))
            if ratio > TARGET_GROWTH and big:
                flagged.append((stage, na, nb, ratio))
        cells = "".join(f"{v:>12.3f}" if v is not None else f"{'':>12}" for v in values)
        lines.append(f"  {stage:<14}{cells}   {' '.join(growth)}")
    lines.append("  target: no stage's cost per 1,000 articles grows by more than half from one size to the next: "
                 + ("met" if not flagged else "MISSED (" + ", ".join(f"{st} {a:,}->{b:,} x{r:.2f}" for st, a, b, r in flagged) + ")")
                 if len(runs) > 1 else "  (one size: give --counts 1000,10000 to compare)")
    return "\n".join(lines), flagged


def _query_row(t: dict[str, object], ox_limit: float, rdflib_limit: float) -> str:
    """One line of the query table: rows, both medians, the ratio, the target, any failure."""
    ox_ms: float | None = t["oxigraph_ms"]  # type: ignore[assignment]
    rd_ms: float | None = t["rdflib_ms"]  # type: ignore[assignment]
    ox_note, rd_note = str(t["oxigraph_note"]), str(t["rdflib_note"])
    notes = []
    if ox_ms is None:
        if ox_note.startswith("no parameter"):
            return f"{t['name']:<22} {'':>7} {'':>9} {'skipped':>20}   ({ox_note})"
        ox_text = f"> {ox_limit:.0f} s (timed out)" if ox_note == "timed out" else "failed"
        if ox_note != "timed out":
            notes.append(f"oxigraph: {ox_note}")
    else:
        ox_text = f"{ox_ms:.1f}"
    speedup: float | None = None
    lower_bound = False
    if rd_ms is not None:
        rd_text = f"{rd_ms:.1f}"
        speedup = rd_ms / ox_ms if ox_ms else None
    elif rd_note == "timed out":
        rd_text = f"> {rdflib_limit:.0f} s (timed out)"
        speedup, lower_bound = (rdflib_limit * 1000 / ox_ms if ox_ms else None), True
    else:
        rd_text = "failed" if rd_note.startswith(("error", "died", "out of")) else (rd_note or "not run")
        if rd_text == "failed":
            notes.append(f"rdflib: {rd_note}")
    ratio_text = "-" if speedup is None else f"{'> ' if lower_bound else ''}{speedup:.0f}x"
    if ox_ms is None or ox_ms >= TARGET_QUERY_MS:
        mark = "MISSED"
    elif speedup is None:
        mark = "? (ms met, speed-up unknown)"
    elif speedup >= TARGET_SPEEDUP:
        mark = "met"
    else:
        mark = "MISSED" if not lower_bound else "? (ms met, rdflib limit too short to tell)"
    rows = "" if t["rows"] is None else str(t["rows"])
    kept = "" if t.get("kept_ms") is None else f"{float(t['kept_ms']):.1f}"  # type: ignore[arg-type]
    disk = "" if t.get("disk_ms") is None else f"{float(t['disk_ms']):.1f}"  # type: ignore[arg-type]
    line = f"{t['name']:<22} {rows:>7} {kept:>9} {disk:>9} {ox_text:>20} {rd_text:>20} {ratio_text:>9}  {mark}"
    return line + (f"   [{'; '.join(notes)}]" if notes else "")


def targets(results: dict[str, object]) -> list[tuple[str, str, str, bool | None]]:
    """Each figure of the run beside its target of issue 25 (judged only at the size it is
    stated for: 10,000 or 100,000 articles)."""
    count = int(results["count"])  # type: ignore[call-overload]
    at_10k, at_100k = count == 10_000, count == 100_000
    scratch: dict[str, object] = results["build"]  # type: ignore[assignment]
    wall = float(scratch["wall_s"])  # type: ignore[arg-type]
    peak = _peak_mb(scratch)
    cli: list[dict[str, object]] = results.get("cli") or []  # type: ignore[assignment]
    answered = [e for e in cli if "note" not in e]
    failed = [str(e["name"]) for e in cli if "note" in e]
    slowest = max(answered, key=lambda e: float(e["first_s"])) if answered else None  # type: ignore[arg-type]
    with_param = [e for e in answered if e["name"] in PARAM_QUERIES]
    slowest_param = max(with_param, key=lambda e: float(e["first_s"])) if with_param else None  # type: ignore[arg-type]
    rebuild = float(results["rebuild"]["wall_s"])  # type: ignore[index, arg-type]
    push: dict[str, object] = results.get("push") or {}  # type: ignore[assignment]
    rows: list[tuple[str, str, str, bool | None]] = [
        ("build from scratch (10k)", f"{wall:.1f} s", f"< {TARGET_BUILD_S:.0f} s", wall < TARGET_BUILD_S if at_10k else None),
        ("first `kg query` of any stored query (10k)",
         f"{float(slowest['first_s']):.2f} s ({slowest['name']})" if slowest else "-",  # type: ignore[arg-type]
         f"< {TARGET_FIRST_QUERY_S:.0f} s",
         (not failed and float(slowest["first_s"]) < TARGET_FIRST_QUERY_S) if at_10k and slowest else None),  # type: ignore[arg-type]
        ("person, state, person_timeline with a parameter (10k)",
         f"{float(slowest_param['first_s']):.2f} s ({slowest_param['name']})" if slowest_param else "-",  # type: ignore[arg-type]
         f"< {TARGET_PARAM_QUERY_S:.0f} s",
         (len(with_param) == len(PARAM_QUERIES) and float(slowest_param["first_s"]) < TARGET_PARAM_QUERY_S)  # type: ignore[arg-type]
         if at_10k and slowest_param else None),
        ("rebuild after one changed article (10k)", f"{rebuild:.2f} s", f"< {TARGET_REBUILD_S:.0f} s",
         rebuild < TARGET_REBUILD_S if at_10k else None),
        ("build from scratch (100k)", f"{wall:.1f} s", f"< {TARGET_BUILD_100K_S:.0f} s",
         wall < TARGET_BUILD_100K_S if at_100k else None),
        ("peak memory of the build (100k)", f"{peak:.0f} MB", f"< {TARGET_PEAK_100K_MB:.0f} MB",
         peak < TARGET_PEAK_100K_MB if at_100k else None),
        ("every stored query answers (100k)", f"{len(answered)} of {len(cli)}" + (f" ({', '.join(failed)} not)" if failed else ""),
         "all", (not failed and bool(cli)) if at_100k else None),
        ("`kg push` to an Oxigraph server completes (100k)",
         f"{float(push['wall_s']):.1f} s" if push.get("ok") else str(push.get("note") or "not run"),  # type: ignore[arg-type]
         "done", bool(push.get("ok")) if at_100k else None),
    ]
    return rows


# ---------------------------------------------------------------- main

def make_corpus(corpus: str, workdir: Path, count: int, seed: int) -> tuple[Path, str, float]:
    """The corpus folder (made, or reused when it is there as its maker wrote it), whether it
    was reused, and the seconds it took."""
    maker = CORPORA[corpus]
    folder = workdir / (f"articles-{count}-s{seed}" if corpus == "synthetic" else f"{corpus}-{count}-s{seed}")
    start = time.perf_counter()
    reused = maker.corpus_is_current(folder, count, seed)
    if not reused:
        maker.write_corpus(folder, count, seed)
    return folder, "reused" if reused else "generated", time.perf_counter() - start


def run_one(corpus: str, count: int, args: argparse.Namespace) -> dict[str, object]:
    """Every step of the benchmark on one corpus at one size; the results, targets included."""
    workdir: Path = args.workdir
    articles, state, corpus_s = make_corpus(corpus, workdir, count, args.seed)
    suffix = CORPORA[corpus].SUFFIX
    print(f"corpus: {state} {articles} in {corpus_s:.2f} s", flush=True)
    out = workdir / (f"build-{count}-s{args.seed}" if corpus == "synthetic" else f"build-{corpus}-{count}-s{args.seed}")
    shutil.rmtree(out, ignore_errors=True)  # from scratch: no previous build, no extraction cache
    print("building from scratch ...", flush=True)
    scratch = run_build(articles, out, args.jobs)
    print(f"  {scratch.wall_s:.1f} s", flush=True)
    changed, old = change_one_article(articles, suffix)
    try:
        print(f"rebuilding after a change to {changed.name} ...", flush=True)
        rebuild = run_build(articles, out, args.jobs)
        print(f"  {rebuild.wall_s:.2f} s", flush=True)
    finally:
        changed.write_bytes(old)  # the corpus stays what the seed makes
    results: dict[str, object] = {
        "corpus": corpus, "count": count, "seed": args.seed, "jobs": args.jobs, "cpus": os.cpu_count(),
        "corpus_state": state, "corpus_s": corpus_s, "build": asdict(scratch), "rebuild": asdict(rebuild),
        "changed": changed.name, "cli": [], "push": {}, "queries": None,
        "rdflib_limit_s": args.rdflib_limit, "query_limit_s": args.query_limit, "query_memory_mb": args.query_memory,
    }
    print("timing `kg query NAME` of every stored query, each in a new process ...", flush=True)
    results["cli"] = time_cli_queries(out, args.cli_limit, args.queries)
    if not args.no_push:
        print("timing `kg push` to a new local Oxigraph server ...", flush=True)
        results["push"] = time_push(out, workdir, args.push_limit)
        print(f"  {results['push']}", flush=True)
    if args.query_table or args.rdflib:
        print("timing the stored queries on the store in memory ...", flush=True)
        ox_load, timings = time_oxigraph(out, args.query_runs, args.query_limit, args.query_memory)
        rdflib_load = None
        if args.rdflib:
            print(f"timing them on rdflib (up to {args.rdflib_limit:.0f} s a run) ...", flush=True)
            rdflib_load = time_rdflib(out, timings, workdir, args.rdflib_runs, args.rdflib_limit, args.query_memory,
                                      args.rdflib_load_limit)
        else:
            for t in timings:
                t.rdflib_note = t.rdflib_note or "not run"
        results["queries"] = {"oxigraph_load_s": ox_load, "rdflib_load_s": rdflib_load, "oxigraph_runs": args.query_runs,
                              "rdflib_runs": args.rdflib_runs,
                              "timings": [{**asdict(t), "ratio": t.ratio} for t in timings]}
    results["targets"] = targets(results)
    return results


def _counts(text: str) -> list[int]:
    try:
        counts = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("each count must be at least 1")
    return sorted(set(counts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark kg build, kg query and kg push on synthetic and real text.")
    parser.add_argument("--counts", type=_counts, default=None,
                        help="articles, one size or several (1000,10000,100000); default 1000")
    parser.add_argument("--count", type=int, default=None, help="one size (the same as --counts N)")
    parser.add_argument("--corpus", choices=("synthetic", "real", "both"), default="both",
                        help="the synthetic corpus, real articles with other names and years, or both (default)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for the build (default: one per core)")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--queries", type=lambda text: [q for q in text.split(",") if q], default=None,
                        help="time `kg query` of these stored queries only (default: every one)")
    parser.add_argument("--cli-limit", type=float, default=600.0, help="seconds one `kg query` may take")
    parser.add_argument("--no-push", action="store_true", help="leave out `kg push` to a local Oxigraph server")
    parser.add_argument("--push-limit", type=float, default=600.0, help="seconds one request of `kg push` may take")
    parser.add_argument("--query-table", action="store_true",
                        help="also time every stored query on the store in memory (median of --query-runs)")
    parser.add_argument("--rdflib", action="store_true", help="and on rdflib (implies --query-table)")
    parser.add_argument("--no-rdflib", action="store_true", help=argparse.SUPPRESS)  # the default now
    parser.add_argument("--query-runs", type=int, default=5, help="timed runs per query on Oxigraph (median)")
    parser.add_argument("--rdflib-runs", type=int, default=3, help="timed runs per query on rdflib (median)")
    parser.add_argument("--rdflib-limit", type=float, default=60.0, help="seconds one rdflib run of a query may take")
    parser.add_argument("--rdflib-load-limit", type=float, default=1800.0, help="seconds rdflib may take to load the graph")
    parser.add_argument("--query-limit", type=float, default=60.0, help="seconds one Oxigraph run of a query may take")
    parser.add_argument("--query-memory", type=float, default=4096.0,
                        help="MB of memory one query may add, on either engine (default 4096)")
    parser.add_argument("--child-build", nargs=2, metavar=("ARTICLES", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--child-oxigraph", metavar="GRAPH", help=argparse.SUPPRESS)
    parser.add_argument("--child-rdflib", nargs=2, metavar=("GRAPH", "QUERIES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_build:
        _child_build(Path(args.child_build[0]), Path(args.child_build[1]), args.jobs)
        return 0
    if args.child_oxigraph:
        _child_oxigraph(Path(args.child_oxigraph), args.query_runs, args.query_limit, args.query_memory)
        return 0
    if args.child_rdflib:
        _child_rdflib(Path(args.child_rdflib[0]), Path(args.child_rdflib[1]), args.rdflib_runs, args.rdflib_limit,
                      args.query_memory, args.rdflib_load_limit)
        return 0
    if args.count is not None and args.count < 1:
        parser.error("--count must be at least 1")
    counts: list[int] = args.counts or ([args.count] if args.count else [1000])
    corpora = ["synthetic", "real"] if args.corpus == "both" else [args.corpus]
    args.workdir.mkdir(parents=True, exist_ok=True)
    tables = []
    for corpus in corpora:
        runs = []
        for count in counts:
            print(f"== {corpus} corpus, {count} articles", flush=True)
            results = run_one(corpus, count, args)
            runs.append(results)
            print()
            print(report(results))
            path = args.workdir / f"results-{corpus}-{count}-s{args.seed}.json"
            path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"\nwritten to {path}\n", flush=True)
        table, _ = stage_table(corpus, runs)
        tables.append(table)
    print("\n\n".join(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
