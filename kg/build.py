"""The pipeline, end to end: a folder of articles in, a built graph folder out.

read -> extract -> resolve -> RDF -> reason -> validate -> write. The graph file is written
to a temporary name and moved into place in one step, so a build that dies leaves the
previous graph whole.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from .errors import ArticleError, BuildError
from .extract import EXTRACTOR_VERSION, extract_article
from .gazetteer import build_gazetteer, load_reference_graph
from .model import ArticleFacts
from .rdf import build_dataset
from .reader import read_article
from .reason import entailments, rules_for
from .resolve import resolve
from .resources import ontology_file
from .store import GRAPH_FILE, REPORT_FILE, SUMMARY_FILE
from .validate import load_ontology, validate_graph
from .vocab import INFERRED_GRAPH, PREFIXES

MAX_FILES = 200_000


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
    extractor_version: str = EXTRACTOR_VERSION
    output: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


def article_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise BuildError(f"no folder of articles at {folder}")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt" and not p.name.startswith("."))
    if len(files) > MAX_FILES:
        raise BuildError(f"{folder} holds {len(files):,} articles, over the limit of {MAX_FILES:,}")
    return files


def read_and_extract(files: list[Path], reference: Graph) -> tuple[list[ArticleFacts], list[SkippedFile]]:
    gazetteer = build_gazetteer(reference)
    facts, skipped = [], []
    for path in files:
        try:
            article = read_article(path)
        except ArticleError as exc:
            skipped.append(SkippedFile(str(path), exc.reason))
            continue
        facts.append(extract_article(article, gazetteer))
    return facts, skipped


def infer(dataset: Dataset) -> Graph:
    """The OWL RL entailments of everything asserted, as one graph."""
    path = ontology_file()
    rules = rules_for(path, path.stat().st_mtime)
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    inferred = Graph()
    for t in sorted(entailments(triples, rules)):
        inferred.add(t)
    return inferred


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def serialise_dataset(ds: Dataset) -> bytes:
    """TriG with graphs and triples in a fixed order, so equal input gives equal bytes."""
    out = Dataset()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    out.bind("skos", "http://www.w3.org/2004/02/skos/core#")
    graphs = sorted((g for g in ds.graphs() if len(g)), key=lambda g: str(g.identifier))
    for g in graphs:
        target = out.graph(g.identifier)
        for t in g:
            target.add(t)
    data = out.serialize(format="trig")
    return data.encode("utf-8") if isinstance(data, str) else data


def build(articles_dir: Path, out_dir: Path, validate: bool = True) -> BuildSummary:
    """Build the graph of every ``*.txt`` article in ``articles_dir`` into ``out_dir``."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    files = article_files(articles_dir)
    reference = load_reference_graph()
    facts, skipped = read_and_extract(files, reference)
    times["read+extract"] = time.perf_counter() - t0
    t = time.perf_counter()
    resolved = resolve(facts)
    times["resolve"] = time.perf_counter() - t
    t = time.perf_counter()
    dataset = build_dataset(resolved, reference)
    asserted = sum(1 for _ in dataset.quads((None, None, None, None)))
    times["rdf"] = time.perf_counter() - t
    t = time.perf_counter()
    inferred = infer(dataset)
    times["reason"] = time.perf_counter() - t
    inferred_graph = dataset.graph(URIRef(str(INFERRED_GRAPH)))
    for triple in inferred:
        inferred_graph.add(triple)
    t = time.perf_counter()
    conforms, violations, warnings, report = True, 0, 0, Graph()
    if validate:
        data = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            data.add((s, p, o))
        result = validate_graph(data, ontology=load_ontology())
        conforms, violations, warnings, report = result.conforms, result.violations, result.warnings, result.report_graph
    times["validate"] = time.perf_counter() - t
    t = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {
        "people": len(resolved.people), "visits": len(resolved.visits),
        "meetings": len(resolved.meetings), "agreements": len(resolved.agreements),
        "organisations": len(resolved.organisations), "memberships": len(resolved.memberships),
        "relations": len(resolved.relations), "trade figures": len(resolved.trade),
    }
    summary = BuildSummary(
        articles=len(facts), skipped=skipped, counts=counts, asserted_triples=asserted,
        inferred_triples=len(inferred), conforms=conforms, violations=violations,
        warnings=warnings, output=str(out_dir),
    )
    report_data = report.serialize(format="turtle")
    _write_atomically(out_dir / REPORT_FILE, report_data.encode() if isinstance(report_data, str) else report_data)
    _write_atomically(out_dir / GRAPH_FILE, serialise_dataset(dataset))
    times["write"] = time.perf_counter() - t
    summary.seconds = {k: round(v, 3) for k, v in times.items()}
    _write_atomically(out_dir / SUMMARY_FILE, summary.to_json().encode("utf-8"))
    return summary
