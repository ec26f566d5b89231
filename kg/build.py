"""The pipeline, end to end: a folder of articles in, a built graph folder out.

read -> extract -> resolve -> RDF -> serialise -> reason -> validate -> write.

- **Incremental**: what an article says is kept in a cache keyed by the article's bytes and a
  fingerprint of the extractor and its reference data (:mod:`kg.cache`); a rebuild re-reads
  only the articles that are new or changed, then re-resolves everything from the cache (with
  the name comparisons of the build before, kept too) and builds every graph again. A graph
  whose triples are the previous build's keeps its TriG block as written then; the
  entailments are worked out again only for the nodes whose triples changed, the rest of the
  inferred graph kept statement by statement; and only those nodes are checked with SHACL.
  The same bytes as a fresh build, whatever changed (the tests compare them).
- **Parallel**: articles are read and extracted in worker processes, one per core; in a
  rebuild of thousands of articles, a forked copy of the build works out half the graphs'
  digests on the other core, and a thread writes graph.trig as its parts are ready. The build
  itself runs in a forked copy of the caller, which ends without freeing what it made.
- **Memory**: what no stage after needs is let go of as the build goes: the facts and the
  resolved model once the graphs are made, the articles' TriG blocks of a fresh build once
  written; the extraction cache's entries are encoded by the workers and kept as they come.
- **Atomic**: each build is written whole into a folder of its own under ``.versions/`` and
  made current by replacing one symbolic link (``current``); ``graph.trig``, ``summary.json``
  and ``validation.ttl`` in the output folder point through it. A build killed at any moment
  leaves the previous build current and whole; a lock makes two builds into one folder take
  turns.
- **Reproducible**: the same articles give the same bytes (:mod:`kg.trig`).
"""

from __future__ import annotations

import itertools
import json
import mmap
import os
import resource
import shutil
import time
from collections.abc import Iterator, Mapping
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from .errors import ArticleError, BuildError
from .extraction.extract import EXTRACTOR_VERSION, extract_article
from .extraction.model import ArticleFacts
from .graph.ntriples import RDF_TYPE, Triple, iri
from .graph.rdf import Graphs, build_graphs, read_turtle
from .graph.reason import Rules, entailments, kept_rules, reasons_locally
from .graph.trig import (
    Statements,
    block_bytes,
    block_statements,
    digest,
    graph_block,
    header,
    subject_statements,
)
from .graph.validate import Finding, compiled_checks, neighbourhood, report_turtle, validate_store
from .plumbing import CURRENT, MANIFEST_FILE, SyncedFile, forked, in_workers, locked, new_version, publish, run_apart
from .progress import Advance, Progress
from .reading.gazetteer import default_gazetteer
from .reading.reader import read_article
from .reading.sources import check_entry, shown
from .resolution.resolve import Resolved, remembered, resolve
from .resources import ontology_file, reference_files, shapes_file
from .storage.cache import ExtractionCache, code_digest, entry_text, extractor_fingerprint
from .storage.store import GRAPH_FILE, REPORT_FILE, SUMMARY_FILE, TripleCounts, store_folder
from .storage.written import PreviousStore, write_store
from .vocab import INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH

MAX_FILES = 200_000
CACHE_DIR = ".cache"
# Over this many changed nodes, the whole graph is checked (at once, faster than node by node).
CHANGED_NODES_LIMIT = 2_000
# Below this many articles to extract, worker processes cost more than they save.
PARALLEL_FROM = 24


# Each graph's TriG block: written now, or a view of the previous build's graph.trig (kept).
Blocks = dict[str, bytes | memoryview]


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass
class BuildSummary:
    articles: int
    skipped: list[SkippedFile]
    counts: dict[str, int]
    asserted_triples: int  # what the articles say and the resolution (kg.store.TripleCounts)
    inferred_triples: int
    conforms: bool
    violations: int
    warnings: int
    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)
    extracted: int = 0  # articles read from text this time (the others came from the cache)
    validation: str = ""  # how the graph was checked
    reasoning: str = ""  # what the entailments were worked out for
    kept_blocks: int = 0  # graphs whose TriG block was kept from the previous build, unchanged
    store: str = ""  # how the build's store was made (kg.storage.written)
    extractor_version: str = EXTRACTOR_VERSION
    output: str = ""
    reference_triples: int = 0
    ontology_triples: int = 0

    @property
    def triples(self) -> TripleCounts:
        """The counts every command reports (graph.trig's named graphs, each counted)."""
        return TripleCounts(self.asserted_triples, self.reference_triples, self.ontology_triples,
                            self.inferred_triples)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


class _Stages:
    """Wall time and peak memory (this process and its workers) at the end of each stage, and a
    bar for each on a terminal (:mod:`kg.progress`)."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.seconds: dict[str, float] = {}
        self.peak_mb: dict[str, float] = {}
        self.progress = progress or Progress.quiet()

    @contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "it") -> Iterator[Advance]:
        start = time.perf_counter()
        with self.progress.stage(name, total, unit) as advance:
            yield advance
        self.seconds[name] = round(time.perf_counter() - start, 3)
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self.peak_mb[name] = round(max(own, workers) / 1024, 1)  # ru_maxrss is in KiB on Linux


def article_files(folder: Path, follow_links: bool = False) -> tuple[list[Path], list[SkippedFile]]:
    """The article files of a folder, and the entries left out (:mod:`kg.sources`): links out
    of the folder unless ``follow_links``, FIFOs, devices, loops, names that are not UTF-8."""
    if not folder.is_dir():
        raise BuildError(f"no folder of articles at {shown(folder)}")
    root = folder.resolve()
    found: list[str] = []
    left_out: list[SkippedFile] = []
    with os.scandir(folder) as entries:  # the kind of each entry comes with it: no stat per file
        for e in entries:
            if not e.name.lower().endswith(".txt") or e.name.startswith("."):
                continue
            if e.is_file(follow_symlinks=False):  # a regular file (from the listing: no stat)
                reason = None
            elif e.is_dir(follow_symlinks=False):
                continue
            else:
                reason = check_entry(Path(e.path), root, follow_links)
            if reason is None and not _utf8(e.name):
                reason = "its name is not UTF-8; rename it"
            if reason is None:
                found.append(e.path)
            elif reason != "a folder, not an article file":
                left_out.append(SkippedFile(shown(e.path), reason))
    # sorted as strings: comparing Paths took longer than listing the folder
    files = [Path(p) for p in sorted(found)]
    if len(files) > MAX_FILES:
        raise BuildError(f"{folder} holds {len(files):,} articles, over the limit of {MAX_FILES:,}")
    if not files:
        more = f" ({shown(left_out[0].path)}: {left_out[0].reason})" if left_out else ""
        raise BuildError(f"no articles (*.txt files) in {shown(folder)}{more}")
    return files, left_out


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# An article read in a worker: its path, its facts (None where it is skipped), why it is
# skipped, and what the cache keeps of its facts (:func:`kg.storage.cache.entry_text`).
_Extracted = tuple[str, ArticleFacts | None, str, str]


def _extract_one(path: Path) -> _Extracted:
    """Read and extract one article (in a worker): (path, facts or None, reason skipped, the
    facts as the cache keeps them).

    Whatever goes wrong while one article is read stays with it: the article is skipped with
    the error named, and the build goes on with the others.
    """
    try:
        article = read_article(path)
    except ArticleError as exc:
        return str(path), None, exc.reason, ""
    except Exception as exc:
        return str(path), None, f"cannot be read: {_one_line(exc)}", ""
    try:
        facts = extract_article(article, default_gazetteer())
        return str(path), facts, "", entry_text(facts)
    except Exception as exc:
        return str(path), None, f"the reader failed on it: {_one_line(exc)}", ""


def _one_line(exc: BaseException) -> str:
    """An exception in one line: its kind and its message, control characters escaped."""
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text.encode("unicode_escape", "backslashreplace").decode("ascii") if not text.isprintable() else text


def _extract_all(paths: list[Path], jobs: int) -> Iterator[_Extracted]:
    """Each article's facts, in the order of ``paths``, as they come."""
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        yield from (_extract_one(p) for p in paths)
        return
    done = 0
    try:
        for answer in in_workers(_extract_one, paths, jobs):
            yield answer
            done += 1
    except BrokenProcessPool:  # a worker was killed (out of memory?): read the rest here, one at a time
        yield from (_extract_one(p) for p in paths[done:])


def read_and_extract(files: list[Path], cache: ExtractionCache, jobs: int,
                     stages: _Stages) -> tuple[list[ArticleFacts], list[SkippedFile], int]:
    """The facts of every file, from the cache where the file is unchanged."""
    facts: dict[str, ArticleFacts] = {}
    skipped: list[SkippedFile] = []
    todo: list[Path] = []
    keys: dict[str, str] = {}
    with stages.stage("read"):
        for path, (digest, reason) in cache.file_digests(files).items():  # in the order of the files
            if digest is None:
                skipped.append(SkippedFile(str(path), reason))
                continue
            keys[str(path)] = cache.key(path.name, digest)
        kept = cache.get_many(list(keys.values()))
        for path_text, key in keys.items():  # in the order of the files
            if key in kept:
                facts[path_text] = kept[key]
            else:
                todo.append(Path(path_text))
    with stages.stage("extract", len(todo), "article") as advance:
        fresh = 0

        def extracted() -> Iterator[tuple[str, str]]:
            """Each article's cache entry as it comes, its facts kept and its count told."""
            nonlocal fresh
            for path_text, result, reason, text in _extract_all(todo, jobs):
                advance(1)
                if result is None:
                    skipped.append(SkippedFile(path_text, reason))
                else:
                    facts[path_text] = result
                    fresh += 1
                    yield keys[path_text], text
        cache.put_encoded(extracted())  # written while the workers read the next articles
    ordered = [facts[str(p)] for p in files if str(p) in facts]
    skipped.sort(key=lambda s: s.path)
    return ordered, skipped, fresh


# ---------------------------------------------------------------- validation

@dataclass(frozen=True)
class _Previous:
    """What the current build of an output folder says of itself (its manifest)."""

    folder: Path  # the build's version folder
    digests: dict[str, str]  # named graph -> sha256 of its TriG block
    spans: dict[str, list[int]]  # named graph -> [start, end) of its block in graph.trig, in bytes
    findings: list[Finding]
    rules: str  # fingerprint of the shapes and ontology the findings were made with
    inference: str = ""  # fingerprint of what the inferred graph was worked out and written with
    inferred: int | None = None  # how many triples the inferred graph holds

    @staticmethod
    def read(out_dir: Path) -> _Previous | None:
        try:
            folder = (out_dir / CURRENT).resolve()
            data = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
            return _Previous(folder, data["graphs"], data["spans"],
                             [Finding(*f) for f in data["findings"]], data["rules"],
                             data.get("inference", ""), data.get("inferred"))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def block(self, graph: str) -> bytes | None:
        """A named graph's block of graph.trig in this build."""
        view = self.view(graph)
        return None if view is None else bytes(view)

    def view(self, graph: str) -> memoryview | None:
        """A named graph's block of graph.trig in this build, not copied: a view of the file
        mapped in memory, which a build writes out again as it is (reading the 137 MB of a
        10,000-article graph and copying 10,000 blocks out of it took a sixth of a rebuild)."""
        span = self.spans.get(graph)
        data = self._graph_file
        if span is None or data is None or len(data) < span[1]:
            return None
        return data[span[0]:span[1]]

    @cached_property
    def _graph_file(self) -> memoryview | None:
        try:
            with open(self.folder / GRAPH_FILE, "rb") as handle:
                # the map stays valid once the file is closed, or replaced by the next build
                return memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
            return None


def graph_nodes(triples: set[Triple]) -> set[str]:
    """The IRIs a graph says something of, or points to."""
    return {s for s, _, _ in triples if s.startswith("<")} | {o for _, _, o in triples if o.startswith("<")}


def changed_triples(blocks: Blocks, digests: dict[str, str], previous: _Previous
                    ) -> set[Triple] | None:
    """Every triple added to or removed from a graph since the previous build (None when the
    previous one cannot be read): the graphs whose digests changed, compared a statement at a
    time, and only the statements that differ read back as triples (the resolution graph
    names every person and event: reading it all took longer than the rest of the rebuild's
    reasoning)."""
    changed: set[Triple] = set()
    for g in sorted(set(digests) | set(previous.digests)):
        if previous.digests.get(g) == digests.get(g):
            continue
        old = previous.block(g) if g in previous.digests else b""
        if old is None:
            return None
        before = block_statements(old) if old else set()
        after = block_statements(bytes(blocks[g])) if g in blocks else set()
        removed, added = _triples_of(before - after), _triples_of(after - before)
        if removed is None or added is None:
            return None
        changed |= removed ^ added
    return changed


def _triples_of(statements: set[bytes]) -> set[Triple] | None:
    """The triples of TriG statements (of one graph's block), or None where they cannot be read."""
    if not statements:
        return set()
    text = header().encode("utf-8") + b"".join(s + b" .\n" for s in statements)
    try:
        return {(str(t.subject), str(t.predicate), str(t.object))
                for t in ox.parse(text, format=ox.RdfFormat.TURTLE)}
    except (SyntaxError, ValueError):
        return None


def _rules_fingerprint() -> str:
    """What the findings of a build depend on besides the data: the shapes and the ontology."""
    return code_digest((), [shapes_file(), ontology_file()])


def _output_fingerprint() -> str:
    """What a graph's block and digest depend on besides its triples, and the inferred graph
    besides the asserted ones: the ontology, and the code that reasons and writes."""
    return code_digest(("reason", "trig", "ntriples"), [ontology_file()], "graph digests: kg.trig.digest")


# ---------------------------------------------------------------- reasoning

@dataclass
class _Reasoned:
    """The inferred graph of a build: its block, and what validation needs of it."""

    block: bytes
    count: int  # its triples
    inferred: set[Triple] | None = None  # the inferred triples, when worked out from scratch
    # worked out again for the changed nodes only: the asserted triples that touch them, what
    # is inferred of them, and the previous build's block (the other subjects' statements)
    incident: set[Triple] = field(default_factory=set)
    derived: set[Triple] = field(default_factory=set)
    before: Statements | None = None


def _blocks(graphs: Graphs, previous: _Previous | None) -> tuple[Blocks, dict[str, str], int]:
    """The TriG block and digest of each graph, and how many blocks were kept: a graph whose
    digest is the previous build's keeps its block as written then (the same bytes, as
    :func:`_output_fingerprint` is the same)."""
    blocks: Blocks = {}
    digests, kept = {}, 0
    known = _digests({g: t for g, t in graphs.items() if g in previous.digests}) if previous is not None else {}
    for g, triples in graphs.items():
        if previous is not None and g in previous.digests:
            digests[g] = known[g]
            if digests[g] == previous.digests[g]:
                view = previous.view(g)
                if view is not None:
                    blocks[g] = view
                    kept += 1
                    continue
            blocks[g] = graph_block(g, triples).encode("utf-8")
        else:
            blocks[g], digests[g] = graph_block(g, triples).encode("utf-8"), digest(triples)
    return blocks, digests, kept


# Bytes of blocks handed to graph.trig's writing thread at a time by :func:`_written_blocks`.
_PART_BYTES = 8 << 20


def _written_blocks(graphs: Graphs, inferred_name: str, trig: SyncedFile
                    ) -> tuple[Blocks, dict[str, str], dict[str, int]]:
    """A fresh build's blocks and digests: the blocks that come before the inferred graph's in
    graph.trig (the articles') handed to ``trig``'s thread a few megabytes at a time, after its
    header, and let go of once written (only their sizes kept: held all at once, they were a
    tenth of a build's memory); the others kept. Each block and digest as :func:`_blocks`
    makes them."""
    blocks: Blocks = {}
    digests: dict[str, str] = {}
    sizes: dict[str, int] = {}
    part: list[bytes | memoryview] = [header().encode("utf-8")]
    held = 0
    for g in sorted(graphs):
        block = graph_block(g, graphs[g]).encode("utf-8")
        digests[g] = digest(graphs[g])
        if g > inferred_name:
            blocks[g] = block
            continue
        sizes[g] = len(block)
        part.append(block)
        held += len(block)
        if held >= _PART_BYTES:
            trig.write(part, sync=False)
            part, held = [], 0
    trig.write(part, sync=False)
    return blocks, digests, sizes


def ontology_block() -> tuple[bytes, int]:
    """The ontology as a named graph of graph.trig (``kgid:graph/ontology``), so that the file
    alone answers the stored queries, which read the kinds' names and the statuses' codes from
    it. It is not data: not reasoned over or checked as such, and not among the graphs whose
    changes a rebuild follows (a new ontology makes every graph new, :func:`_output_fingerprint`).
    Its block, and how many triples it holds."""
    triples = read_turtle([ontology_file()])
    return graph_block(iri(ONTOLOGY_GRAPH), triples).encode("utf-8"), len(triples)


# Below this many graphs, a second process costs more than it saves.
FORK_FROM = 2_000


def _digests(graphs: Graphs) -> dict[str, str]:
    """The digest of each graph: half of them worked out by a forked copy of this process
    (only the digests come back)."""
    names = list(graphs)
    mine, theirs = names[:len(names) // 2], names[len(names) // 2:]
    join = forked(lambda: [digest(graphs[g]) for g in theirs]) if len(names) >= FORK_FROM else None
    found = {g: digest(graphs[g]) for g in (mine if join else names)}
    if join is not None:
        found.update(zip(theirs, join()))
    return found


def reason_all(graphs: Graphs, rules: Rules) -> _Reasoned:
    asserted: set[Triple] = set().union(*graphs.values()) if graphs else set()
    inferred = entailments(asserted, rules)
    del asserted  # validation loads the graphs and the inferred triples, not a union set
    return _Reasoned(block_bytes(iri(INFERRED_GRAPH), inferred), len(inferred), inferred=inferred)


def reason_again(graphs: Graphs, nodes: set[str], previous: _Previous, rules: Rules) -> _Reasoned | None:
    """The inferred graph, from the previous build's, for ``nodes`` changed (their triples).

    Every rule has a single premise, and what it derives from ``s p o`` is said of ``s`` or of
    ``o``: so what is inferred of a node depends only on the asserted triples it is the subject
    or the object of. A node none of whose triples changed keeps its statement of the inferred
    block as it was; the changed nodes' statements are worked out again from their triples.
    The same block as reasoning over everything (the tests compare rebuilds with fresh builds).
    """
    if previous.inferred is None:
        return None
    if any(n.startswith("_:") for n in nodes):
        return None  # blank nodes are named anew by every parse: they cannot be matched up
    block = previous.block(iri(INFERRED_GRAPH))
    if block is None:
        return None
    before = Statements(block)
    incident = {t for g in graphs.values() for t in g if t[0] in nodes or t[2] in nodes}
    if not reasons_locally(rules, incident, block):
        return None  # a rule of more than one premise, or owl:sameAs: the whole graph it is
    derived = {t for t in entailments(incident, rules) if t[0] in nodes}
    spliced, removed, added = before.replaced(iri(INFERRED_GRAPH), nodes, subject_statements(derived))
    return _Reasoned(spliced, previous.inferred - removed + added, incident=incident, derived=derived,
                     before=before)


def _neighbourhood(graphs: Graphs, focus: set[str], reasoned: _Reasoned) -> list[Triple]:
    """What the shapes look at for ``focus`` (:func:`kg.validate.neighbourhood`), without the
    whole inferred graph: the triples about a focus node, and the types of what they point to."""
    if reasoned.inferred is not None:
        return neighbourhood(itertools.chain(*graphs.values(), reasoned.inferred), focus)
    about = [t for t in reasoned.incident if t[0] in focus] + [t for t in reasoned.derived if t[0] in focus]
    objects = {o for _, _, o in about if not o.startswith('"')} - focus
    types = {t for g in graphs.values() for t in g if t[1] == RDF_TYPE and t[0] in objects}
    statements = list(reasoned.before.of_each(objects).values()) if reasoned.before is not None else []
    if statements:
        for t in ox.parse(header().encode("utf-8") + b"".join(statements), format=ox.RdfFormat.TURTLE):
            if str(t.predicate) == RDF_TYPE:
                types.add((str(t.subject), RDF_TYPE, str(t.object)))
    return about + list(types)


def _validate(graphs: Graphs, reasoned: _Reasoned, changed: set[Triple] | None,
              previous: _Previous | None, store: ox.Store | None = None) -> tuple[list[Finding], str]:
    """SHACL findings of the build and how they were found (:func:`kg.graph.validate.validate_store`).

    ``store``: the build's store, up to date, whose default graph holds the merge of the build's
    graphs (the ontology may be in it too: it changes no finding); the checks read it, of the
    changed nodes only on a rebuild (0.04-0.09 s for the 30 nodes of an article in the store of
    10,000 articles). Without it, they read a store made here: of the graph, or on a rebuild of
    what the shapes look at for the changed nodes."""
    if previous is not None and previous.rules == _rules_fingerprint() and changed is not None:
        # A node can break a shape only through a triple of it that changed (what it entails
        # changes with it).
        focus = graph_nodes(changed)
        if len(focus) <= CHANGED_NODES_LIMIT:
            found, engine = _validate_changed(graphs, reasoned, focus, previous, store)
            return found, f"{engine}, {_changed_nodes(len(focus))}"
    found, engine = validate_store(store if store is not None else _data_store(graphs, reasoned))
    return found, f"{engine}, whole graph"


# Triples loaded into a store at a time: N-Triples text of a few tens of MB, never the whole graph's.
LOAD_CHUNK = 100_000


def _data_store(graphs: Graphs, reasoned: _Reasoned) -> ox.Store:
    """A store whose default graph is the merge of the graphs and the inferred triples, each
    triple once however many articles state it (Oxigraph's union of graphs would join a triple
    100 articles state with itself 10,000 times), loaded a chunk of N-Triples at a time."""
    store = ox.Store()
    inferred = reasoned.inferred if reasoned.inferred is not None else _inferred_triples(reasoned)
    triples = itertools.chain(*graphs.values(), inferred)  # (a triple in several graphs is stored once)
    while chunk := list(itertools.islice(triples, LOAD_CHUNK)):
        # lenient: the build's own N-Triples, checked as they were made (10-25% faster); load,
        # not bulk_load: 4.2-4.8 s against 5.8-6.1 s for 10,000 articles (one string: 5.2-7.2 s)
        store.load("".join(f"{s} {p} {o} .\n" for s, p, o in chunk).encode("utf-8"),
                   format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return store


def _inferred_triples(reasoned: _Reasoned) -> set[Triple]:
    quads = ox.parse(header().encode("utf-8") + reasoned.block, format=ox.RdfFormat.TRIG)
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}


def _validate_changed(graphs: Graphs, reasoned: _Reasoned, focus: set[str], previous: _Previous,
                      store: ox.Store | None) -> tuple[list[Finding], str]:
    """The previous findings of the nodes that did not change, and the changed nodes checked:
    in ``store`` where it is given and the shapes compile; else on what the shapes look at for
    them (:func:`_neighbourhood`; the other nodes in it are seen only in part, so only the
    focus is checked)."""
    kept = [f for f in previous.findings if f"<{f.focus}>" not in focus]
    if store is None or compiled_checks() is None:
        store = ox.Store()
        if focus:
            around = set(_neighbourhood(graphs, focus, reasoned))
            store.bulk_load("".join(f"{s} {p} {o} .\n" for s, p, o in around).encode("utf-8"),
                            format=ox.RdfFormat.N_TRIPLES)
    fresh, engine = validate_store(store, focus)
    return sorted(set(kept) | set(fresh)), engine


# ---------------------------------------------------------------- the build

# Whether a build runs in a forked copy of the calling process, where one can be forked.
BUILD_IN_FORK = True


def build(articles_dir: Path, out_dir: Path, validate: bool = True, jobs: int | None = None,
          follow_links: bool = False, progress: Progress | None = None) -> BuildSummary:
    """Build the graph of every ``*.txt`` article in ``articles_dir`` into ``out_dir``.

    Where it can, the build runs in a forked copy of this process (:func:`kg.plumbing.run_apart`), which ends
    as soon as the build is written, without freeing its millions of objects one by one (that
    took 0.3-0.5 s after a 10,000-article rebuild was done, and 0.15 s more as Python shut
    down), and leaves the caller's memory as it was. Its summary, or what it raised, comes back.
    ``progress`` shows its stages as they go (on a terminal; nothing by default).
    """
    keep: list[object] = []  # the build's objects, which the forked copy ends without freeing
    summary = run_apart(lambda: _build(articles_dir, out_dir, validate, jobs, keep, follow_links, progress),
                        fork=BUILD_IN_FORK)
    assert isinstance(summary, BuildSummary)
    return summary


def _build(articles_dir: Path, out_dir: Path, validate: bool, jobs: int | None,
           keep: list[object], follow_links: bool = False, progress: Progress | None = None) -> BuildSummary:
    """The build; its large objects are put in ``keep`` (a forked build ends without freeing them)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"--out {shown(out_dir)} is a file: give a folder to write the graph to")
    files, left_out = article_files(articles_dir, follow_links)
    jobs = jobs or os.cpu_count() or 1
    stages = _Stages(progress)
    with locked(out_dir):
        previous = _Previous.read(out_dir)
        cache = ExtractionCache(out_dir / CACHE_DIR, extractor_fingerprint())
        try:
            facts, skipped, extracted = read_and_extract(files, cache, jobs, stages)
        finally:
            cache.close()
        skipped = sorted(skipped + left_out, key=lambda s: s.path)
        if not facts:
            # Replacing a graph with an empty one would lose it: keep what is there.
            reasons = "; ".join(f"{Path(f.path).name}: {f.reason}" for f in skipped[:5])
            more = f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
            raise BuildError(f"no article in {articles_dir} could be read ({reasons}{more}); "
                             f"nothing was written to {out_dir}")
        with stages.stage("resolve"), remembered(out_dir / CACHE_DIR):
            resolved = resolve(facts)
        with stages.stage("rdf"):
            graphs = build_graphs(resolved, read_turtle(reference_files()))
            reference = len(graphs.get(iri(REFERENCE_GRAPH), ()))
            asserted = sum(len(g) for g in graphs.values()) - reference
            counts, article_count = _counts(resolved), len(facts)
            # What the articles say is in the graphs now: the memory of the facts and of the
            # resolved model (a sixth of a 10,000-article build's) goes to the stages after.
            del facts, resolved
        output = _output_fingerprint()
        if previous is not None and previous.inference != output:
            previous = None  # made by other code: its blocks and digests cannot be compared
        # graph.trig is written and synced by a thread as its parts are ready: the blocks before
        # the inferred graph's as they are made (a fresh build) or while the build reasons, the
        # rest while it checks
        inferred_name = iri(INFERRED_GRAPH)
        staging = new_version(out_dir)
        trig = SyncedFile(staging / GRAPH_FILE)
        try:
            with stages.stage("serialise"):
                if previous is None:
                    blocks, digests, sizes = _written_blocks(graphs, inferred_name, trig)
                    kept = 0
                else:
                    blocks, digests, kept = _blocks(graphs, previous)
                    sizes = {}
                blocks[iri(ONTOLOGY_GRAPH)], ontology = ontology_block()
                sizes.update((g, len(b)) for g, b in blocks.items())
            order = sorted([*sizes, inferred_name])
            cut = order.index(inferred_name)
            if previous is not None:
                trig.write([header().encode("utf-8"), *(blocks[g] for g in order[:cut])], sync=False)
            with stages.stage("reason"):
                reasoned, changed, reasoning = _reason(graphs, blocks, digests, previous, out_dir / CACHE_DIR)
                blocks[inferred_name] = reasoned.block
                sizes[inferred_name] = len(reasoned.block)
                spans = {}
                start = len(header().encode("utf-8"))
                for g in order:  # the order graph.trig holds them in
                    spans[g] = [start, start + sizes[g]]
                    start += sizes[g]
            inferred_count = reasoned.count
            # The changed nodes are checked in this process: a forked copy checking them while
            # the build let go of the graph took 0.75-0.94 s against 0.1 s, as every page the
            # build freed was copied for the copy first.
            trig.write([blocks[g] for g in order[cut:]])
            with stages.stage("store"):
                with _BlocksOnFile(blocks, spans, staging / GRAPH_FILE) as every_block:
                    store, stored = _write_store(staging, every_block, digests, previous)
            with stages.stage("validate"):
                found, how = (_validate(graphs, reasoned, changed, previous, store) if validate
                              else ([], "not validated"))
            violations = sum(1 for f in found if f.severity == "Violation")
            summary = BuildSummary(
                articles=article_count, skipped=skipped, counts=counts,
                asserted_triples=asserted, inferred_triples=inferred_count,
                conforms=violations == 0, violations=violations,
                warnings=sum(1 for f in found if f.severity == "Warning"), extracted=extracted,
                validation=how, reasoning=reasoning, kept_blocks=kept, output=str(out_dir),
                reference_triples=reference, ontology_triples=ontology, store=stored,
            )
            if store is not None:
                store.flush()
                del store  # closed before its folder is named after graph.trig
            with stages.stage("write"):
                manifest = {"graphs": digests, "spans": spans,
                            "findings": [list(asdict(f).values()) for f in found],
                            "rules": _rules_fingerprint() if validate else "",
                            "inference": output, "inferred": inferred_count}
                files_out = {
                    REPORT_FILE: report_turtle(found),
                    MANIFEST_FILE: json.dumps(manifest, sort_keys=True).encode("utf-8")}
                summary.seconds, summary.peak_mb = stages.seconds, stages.peak_mb
                files_out[SUMMARY_FILE] = summary.to_json().encode("utf-8")
                trig.close()
                if stored_in(staging).is_dir():
                    folder = store_folder(staging, staging / GRAPH_FILE)
                    assert folder is not None
                    os.rename(stored_in(staging), folder)
                publish(out_dir, staging, files_out, (GRAPH_FILE,))
        except BaseException:
            trig.abandon()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        summary.seconds, summary.peak_mb = stages.seconds, stages.peak_mb
        keep.extend((graphs, blocks, reasoned, previous))
    return summary


def stored_in(staging: Path) -> Path:
    """Where a build writes its store, until graph.trig is whole and names it
    (:func:`kg.storage.store.store_folder`)."""
    return staging / ".store.partial"


class _BlocksOnFile(Mapping[str, bytes]):
    """Every graph's block, as bytes: from ``blocks`` where the build holds it, else read back
    from the graph.trig being written, where it is already (a fresh build lets go of the
    articles' blocks once they are written: held all at once, they were a tenth of its memory)."""

    def __init__(self, blocks: Blocks, spans: dict[str, list[int]], path: Path) -> None:
        self._blocks, self._spans = blocks, spans
        self._fd = os.open(path, os.O_RDONLY)

    def __getitem__(self, graph: str) -> bytes:
        block = self._blocks.get(graph)
        if block is not None:
            return bytes(block) if isinstance(block, memoryview) else block
        start, end = self._spans[graph]
        data = os.pread(self._fd, end - start, start)
        if len(data) != end - start:
            raise OSError(f"graph.trig is shorter than its block of {graph}")
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def __enter__(self) -> _BlocksOnFile:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self._fd)


def _write_store(staging: Path, blocks: Mapping[str, bytes], digests: dict[str, str], previous: _Previous | None
                 ) -> tuple[ox.Store | None, str]:
    """The build's store (:mod:`kg.storage.written`), from the previous build's where it has
    one, and how it was made; None where it cannot be written (queries then load graph.trig)."""
    try:
        before = None
        if previous is not None:
            folder = store_folder(previous.folder, previous.folder / GRAPH_FILE)
            # the graphs whose digests differ, and the two that have none
            changed = {g for g in set(digests) | set(previous.digests) if digests.get(g) != previous.digests.get(g)}
            changed |= set(blocks) - set(digests)
            if folder is not None:
                before = PreviousStore(folder, list(previous.spans), previous.block, changed)
        return write_store(stored_in(staging), header().encode("utf-8"), blocks, before)
    except OSError as exc:  # no room left?
        shutil.rmtree(stored_in(staging), ignore_errors=True)
        return None, f"not written: {_one_line(exc)}"


def _changed_nodes(count: int) -> str:
    if count == 0:
        return "no node: no triple changed"
    return f"the {count} {'node' if count == 1 else 'nodes'} whose triples changed"


def _reason(graphs: Graphs, blocks: Blocks, digests: dict[str, str], previous: _Previous | None,
            cache_dir: Path) -> tuple[_Reasoned, set[Triple] | None, str]:
    """The inferred graph; the triples changed since the previous build (None when it cannot be
    told); and what was reasoned over."""
    rules = kept_rules(ontology_file(), cache_dir)
    changed = changed_triples(blocks, digests, previous) if previous is not None else None
    if changed is not None and previous is not None:
        # a class is not said anything of by ``x a C``: only x is
        nodes = {s for s, _, _ in changed} | {o for _, p, o in changed if p != RDF_TYPE and not o.startswith('"')}
        if len(nodes) <= CHANGED_NODES_LIMIT:
            reasoned = reason_again(graphs, nodes, previous, rules)
            if reasoned is not None:
                return reasoned, changed, _changed_nodes(len(nodes))
    return reason_all(graphs, rules), changed, "the whole graph"


def _counts(resolved: Resolved) -> dict[str, int]:
    return {
        "people": len(resolved.people), "visits": len(resolved.visits),
        "meetings": len(resolved.meetings), "agreements": len(resolved.agreements),
        "organisations": len(resolved.organisations), "memberships": len(resolved.memberships),
        "relations": len(resolved.relations), "trade figures": len(resolved.trade),
        "partnerships": len(resolved.partnerships),
    }
