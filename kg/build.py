"""The pipeline, end to end: a folder of articles in, a built graph folder out.

read -> extract -> resolve -> RDF -> reason -> validate -> write.

- **Incremental**: what an article says is kept in a cache keyed by the article's bytes and a
  fingerprint of the extractor and its reference data (:mod:`kg.cache`); a rebuild re-reads
  only the articles that are new or changed, then re-resolves, reasons and validates the rest
  from the cache. Validation looks again only at the nodes whose triples changed.
- **Parallel**: articles are read and extracted in worker processes, one per core.
- **Atomic**: each build is written whole into a folder of its own under ``.versions/`` and
  made current by replacing one symbolic link (``current``); ``graph.trig``, ``summary.json``
  and ``validation.ttl`` in the output folder point through it. A build killed at any moment
  leaves the previous build current and whole; a lock makes two builds into one folder take
  turns.
- **Reproducible**: the same articles give the same bytes (:mod:`kg.trig`).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import resource
import shutil
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

import pyoxigraph as ox

from .cache import ExtractionCache, extractor_fingerprint
from .errors import ArticleError, BuildError
from .extract import EXTRACTOR_VERSION, extract_article
from .gazetteer import default_gazetteer
from .model import ArticleFacts
from .ntriples import Triple, iri
from .rdf import Graphs, build_graphs, read_turtle
from .reader import read_article
from .reason import entailments, kept_rules
from .resolve import Resolved, resolve
from .resources import ontology_file, reference_files, shapes_file
from .shacl_sparql import UnsupportedShape, compile_shapes, run_checks
from .store import GRAPH_FILE, REPORT_FILE, SUMMARY_FILE
from .trig import graph_block, header, write_trig
from .validate import (
    PYSHACL_LIMIT,
    Finding,
    findings,
    graph_of,
    load_ontology,
    load_shapes,
    neighbourhood,
    report_turtle,
    validate_graph,
)
from .vocab import INFERRED_GRAPH

MAX_FILES = 200_000
MANIFEST_FILE = "manifest.json"
VERSIONS = ".versions"
CURRENT = "current"
LOCK_FILE = ".kg-build.lock"
CACHE_DIR = ".cache"
# Over this many changed nodes, the whole graph is checked (at once, faster than node by node).
CHANGED_NODES_LIMIT = 2_000
# Below this many articles to extract, worker processes cost more than they save.
PARALLEL_FROM = 24


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass
class BuildSummary:
    articles: int
    skipped: list[SkippedFile]
    counts: dict[str, int]
    asserted_triples: int
    inferred_triples: int
    conforms: bool
    violations: int
    warnings: int
    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)
    extracted: int = 0  # articles read from text this time (the others came from the cache)
    validation: str = ""  # how the graph was checked
    extractor_version: str = EXTRACTOR_VERSION
    output: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


class _Stages:
    """Wall time and peak memory (this process and its workers) at the end of each stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.peak_mb: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - start, 3)
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self.peak_mb[name] = round(max(own, workers) / 1024, 1)  # ru_maxrss is in KiB on Linux


def article_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise BuildError(f"no folder of articles at {folder}")
    files = sorted(p for p in folder.iterdir()
                   if p.suffix.lower() == ".txt" and not p.name.startswith(".") and not p.is_dir())
    if len(files) > MAX_FILES:
        raise BuildError(f"{folder} holds {len(files):,} articles, over the limit of {MAX_FILES:,}")
    if not files:
        raise BuildError(f"no articles (*.txt files) in {folder}")
    return files


def _extract_one(path: Path) -> tuple[str, ArticleFacts | None, str]:
    """Read and extract one article (in a worker): (path, facts or None, reason skipped)."""
    try:
        article = read_article(path)
    except ArticleError as exc:
        return str(path), None, exc.reason
    return str(path), extract_article(article, default_gazetteer()), ""


def _extract_all(paths: list[Path], jobs: int) -> list[tuple[str, ArticleFacts | None, str]]:
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        return [_extract_one(p) for p in paths]
    chunk = max(1, min(64, len(paths) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"),
                             initializer=_end_with_parent, initargs=(os.getpid(),)) as pool:
        return list(pool.map(_extract_one, paths, chunksize=chunk))


def _end_with_parent(parent: int) -> None:
    """In a worker: exit as soon as the build that started it is gone.

    A worker holds both ends of the pool's pipes, so it never sees them close: without this,
    the workers of a build killed with SIGKILL would wait for work for ever.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def read_and_extract(files: list[Path], cache: ExtractionCache, jobs: int,
                     stages: _Stages) -> tuple[list[ArticleFacts], list[SkippedFile], int]:
    """The facts of every file, from the cache where the file is unchanged."""
    facts: dict[str, ArticleFacts] = {}
    skipped: list[SkippedFile] = []
    todo: list[Path] = []
    keys: dict[str, str] = {}
    with stages.stage("read"):
        for path in files:
            try:
                size = path.stat().st_size
                if size > cache.max_bytes:
                    raise ArticleError(str(path), f"the file is {size:,} bytes, over the "
                                                  f"{cache.max_bytes:,}-byte limit")
                key = cache.key(path.name, path.read_bytes())
            except OSError as exc:
                skipped.append(SkippedFile(str(path), f"cannot be read ({exc.strerror})"))
                continue
            except ArticleError as exc:
                skipped.append(SkippedFile(str(path), exc.reason))
                continue
            keys[str(path)] = key
            found = cache.get(key)
            if found is None:
                todo.append(path)
            else:
                facts[str(path)] = found
    with stages.stage("extract"):
        fresh = {}
        for path_text, result, reason in _extract_all(todo, jobs):
            if result is None:
                skipped.append(SkippedFile(path_text, reason))
            else:
                facts[path_text] = result
                fresh[keys[path_text]] = result
        cache.put_many(fresh)
    ordered = [facts[str(p)] for p in files if str(p) in facts]
    skipped.sort(key=lambda s: s.path)
    return ordered, skipped, len(fresh)


def infer(graphs: Graphs, cache_dir: Path) -> set[Triple]:
    """The OWL RL entailments of everything asserted, not already asserted (the rules compiled
    from the ontology are kept in ``cache_dir``)."""
    rules = kept_rules(ontology_file(), cache_dir)
    asserted: set[Triple] = set().union(*graphs.values()) if graphs else set()
    return entailments(asserted, rules)


# ---------------------------------------------------------------- validation

@dataclass(frozen=True)
class _Previous:
    """What the current build of an output folder says of itself (its manifest)."""

    folder: Path  # the build's version folder
    digests: dict[str, str]  # named graph -> sha256 of its TriG block
    spans: dict[str, list[int]]  # named graph -> [start, end) of its block in graph.trig, in bytes
    findings: list[Finding]
    rules: str  # fingerprint of the shapes and ontology the findings were made with

    @staticmethod
    def read(out_dir: Path) -> _Previous | None:
        try:
            folder = (out_dir / CURRENT).resolve()
            data = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
            return _Previous(folder, data["graphs"], data["spans"],
                             [Finding(*f) for f in data["findings"]], data["rules"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def triples(self, graph: str) -> set[Triple] | None:
        """What a named graph held in this build (read back from its block of graph.trig)."""
        span = self.spans.get(graph)
        if span is None:
            return None
        try:
            with open(self.folder / GRAPH_FILE, "rb") as handle:
                handle.seek(span[0])
                block = handle.read(span[1] - span[0])
            quads = ox.parse(header().encode("utf-8") + block, format=ox.RdfFormat.TRIG)
            return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}
        except (OSError, SyntaxError, ValueError):
            return None


def graph_nodes(triples: set[Triple]) -> set[str]:
    """The IRIs a graph says something of, or points to."""
    return {s for s, _, _ in triples if s.startswith("<")} | {o for _, _, o in triples if o.startswith("<")}


def changed_nodes(graphs: Graphs, digests: dict[str, str], previous: _Previous) -> set[str] | None:
    """The nodes whose triples changed since the previous build: the subjects and objects of
    every triple added to or removed from a graph (None when the previous one cannot be read)."""
    focus: set[str] = set()
    for g in sorted(set(digests) | set(previous.digests)):
        if previous.digests.get(g) == digests.get(g):
            continue
        before = previous.triples(g) if g in previous.digests else set()
        if before is None:
            return None
        focus |= graph_nodes(before ^ graphs.get(g, set()))
    return focus


def _rules_fingerprint() -> str:
    h = hashlib.sha256()
    for path in (shapes_file(), ontology_file()):
        h.update(path.read_bytes())
    return h.hexdigest()


def _validate(graphs: Graphs, inferred: set[Triple], digests: dict[str, str],
              previous: _Previous | None) -> tuple[list[Finding], str]:
    """SHACL findings of the build and how they were found."""
    everything = set().union(*graphs.values(), inferred)
    if previous is not None and previous.rules == _rules_fingerprint():
        # A node can break a shape only through a triple of it that changed (what it entails
        # changes with it).
        focus = changed_nodes(graphs, digests, previous)
        if focus is not None and len(focus) <= CHANGED_NODES_LIMIT:
            return _validate_changed(everything, focus, previous), (
                f"pyshacl, the {len(focus)} {'node' if len(focus) == 1 else 'nodes'} whose triples changed")
    checks = None
    if len(everything) > PYSHACL_LIMIT:
        try:
            checks = compile_shapes(load_shapes())
        except UnsupportedShape:
            pass  # pyshacl it is, however long it takes
    if checks is None:
        result = validate_graph(graph_of(everything), load_shapes(), load_ontology())
        return findings(result.report_graph), "pyshacl, whole graph"
    # The checks read the merge of the graphs: each triple once, however many articles state it
    # (Oxigraph's union of graphs would join a triple 100 articles state with itself 10,000 times).
    store = ox.Store()
    store.bulk_load("".join(f"{s} {p} {o} .\n" for s, p, o in everything).encode("utf-8"),
                    format=ox.RdfFormat.N_TRIPLES)
    found = [Finding("Violation", v.focus, v.message) for v in run_checks(store, checks)]
    return found, "shapes as SPARQL on Oxigraph, whole graph"


def _validate_changed(everything: set[Triple], focus: set[str], previous: _Previous) -> list[Finding]:
    from rdflib import URIRef

    kept = [f for f in previous.findings if f"<{f.focus}>" not in focus]
    if not focus:
        return kept
    data = graph_of(neighbourhood(everything, focus))
    nodes: list[str | URIRef] = [URIRef(n[1:-1]) for n in sorted(focus)]
    result = validate_graph(data, load_shapes(), load_ontology(), focus=nodes)
    return sorted(set(kept) | set(findings(result.report_graph)))


# ---------------------------------------------------------------- output

@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """One build at a time in an output folder (the next one waits).

    A POSIX record lock belongs to this process alone: it is never inherited by a child, and
    the kernel releases it when the process dies, however it dies.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK_FILE, "a+b") as handle:
        fcntl.lockf(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(handle.fileno(), fcntl.LOCK_UN)


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _replace_link(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` in one step (a new link renamed over the old name)."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _publish(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write a build's files into a new version folder and make it current."""
    versions = out_dir / VERSIONS
    versions.mkdir(exist_ok=True)
    name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    staging = versions / f".{name}.partial"
    staging.mkdir()
    for file_name, data in files.items():
        _write_file(staging / file_name, data)
    final = versions / name
    os.replace(staging, final)
    _replace_link(out_dir / CURRENT, f"{VERSIONS}/{name}")
    for file_name in files:
        if file_name == MANIFEST_FILE:
            continue  # the build's own bookkeeping stays in the version folder
        link = out_dir / file_name
        if not link.is_symlink() or os.readlink(link) != f"{CURRENT}/{file_name}":
            _replace_link(link, f"{CURRENT}/{file_name}")
    dir_fd = os.open(out_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    for old in versions.iterdir():
        if old.name != name:
            shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- the build

def build(articles_dir: Path, out_dir: Path, validate: bool = True, jobs: int | None = None) -> BuildSummary:
    """Build the graph of every ``*.txt`` article in ``articles_dir`` into ``out_dir``."""
    files = article_files(articles_dir)
    jobs = jobs or os.cpu_count() or 1
    stages = _Stages()
    with _locked(out_dir):
        previous = _Previous.read(out_dir)
        cache = ExtractionCache(out_dir / CACHE_DIR, extractor_fingerprint())
        try:
            facts, skipped, extracted = read_and_extract(files, cache, jobs, stages)
        finally:
            cache.close()
        if not facts:
            # Replacing a graph with an empty one would lose it: keep what is there.
            reasons = "; ".join(f"{Path(f.path).name}: {f.reason}" for f in skipped[:5])
            more = f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
            raise BuildError(f"no article in {articles_dir} could be read ({reasons}{more}); "
                             f"nothing was written to {out_dir}")
        with stages.stage("resolve"):
            resolved = resolve(facts)
        with stages.stage("rdf"):
            graphs = build_graphs(resolved, read_turtle(reference_files()))
            asserted = sum(len(g) for g in graphs.values())
        with stages.stage("reason"):
            inferred = infer(graphs, out_dir / CACHE_DIR)
        with stages.stage("serialise"):
            blocks = {g: graph_block(g, triples).encode("utf-8") for g, triples in graphs.items()}
            blocks[iri(INFERRED_GRAPH)] = graph_block(iri(INFERRED_GRAPH), inferred).encode("utf-8")
            trig = write_trig(blocks)
            digests, spans = {}, {}
            start = len(header().encode("utf-8"))
            for g in sorted(blocks):  # the order write_trig writes them in
                data = blocks[g]
                spans[g] = [start, start + len(data)]
                start += len(data)
                if g in graphs:
                    digests[g] = hashlib.sha256(data).hexdigest()
        with stages.stage("validate"):
            found, how = (_validate(graphs, inferred, digests, previous) if validate
                          else ([], "not validated"))
        violations = sum(1 for f in found if f.severity == "Violation")
        summary = BuildSummary(
            articles=len(facts), skipped=skipped, counts=_counts(resolved), asserted_triples=asserted,
            inferred_triples=len(inferred), conforms=violations == 0, violations=violations,
            warnings=sum(1 for f in found if f.severity == "Warning"), extracted=extracted,
            validation=how, output=str(out_dir),
        )
        with stages.stage("write"):
            manifest = {"graphs": digests, "spans": spans, "findings": [list(asdict(f).values()) for f in found],
                        "rules": _rules_fingerprint() if validate else ""}
            files_out = {GRAPH_FILE: trig, REPORT_FILE: report_turtle(found),
                         MANIFEST_FILE: json.dumps(manifest, sort_keys=True).encode("utf-8")}
            summary.seconds, summary.peak_mb = stages.seconds, stages.peak_mb
            files_out[SUMMARY_FILE] = summary.to_json().encode("utf-8")
            _publish(out_dir, files_out)
        summary.seconds, summary.peak_mb = stages.seconds, stages.peak_mb
    return summary


def _counts(resolved: Resolved) -> dict[str, int]:
    return {
        "people": len(resolved.people), "visits": len(resolved.visits),
        "meetings": len(resolved.meetings), "agreements": len(resolved.agreements),
        "organisations": len(resolved.organisations), "memberships": len(resolved.memberships),
        "relations": len(resolved.relations), "trade figures": len(resolved.trade),
    }
