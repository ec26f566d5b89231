"""Answers kept with a build: a query's result on a build, computed once and read back after.

A build's graph never changes: the next build writes a new version folder and makes it current
(:mod:`kg.build`). So the answer to one query text with one set of parameters, on one build,
is the same every time, and a 10,000-article graph need not be loaded into a store (seconds)
and queried again (up to seconds more) to give it. The first ``kg query`` of a build computes
the answer on the store and keeps it, as SPARQL 1.1 Query Results JSON, in the version folder
(``answers/``); the next ones read it back. A new build starts with no answers, and old ones
go with their version folder, so a kept answer is never stale. ``--fresh`` asks the store.

Answers are kept only for build folders (not for a TriG file given by its path), and never
when the folder cannot be written, the answer is over :data:`MAX_ANSWER_BYTES`, or
:data:`MAX_ANSWERS` are kept already.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

import pyoxigraph as ox

from .query import QueryResult, StoredQuery, format_result, result_of, run_query
from .store import GRAPH_FILE, graph_file, open_store

ANSWERS_DIR = "answers"
MAX_ANSWER_BYTES = 64_000_000
MAX_ANSWERS = 1_000


def answers_dir(location: Path) -> Path | None:
    """Where a build keeps its answers: its version folder's ``answers/`` (None for a file)."""
    if not location.is_dir() or not (location / GRAPH_FILE).is_file():
        return None
    return (location / GRAPH_FILE).resolve().parent / ANSWERS_DIR


def answer_key(graph: Path, query: StoredQuery, params: dict[str, str] | None) -> str:
    """What an answer depends on: the graph file (as written), the query text, the parameters
    and the query engine's version."""
    info = graph.stat()
    h = hashlib.sha256()
    for part in (str(graph.resolve()), str(info.st_size), str(info.st_mtime_ns), ox.__version__,
                 query.text, json.dumps(sorted((params or {}).items()), ensure_ascii=False)):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()[:40]


def kept_answer(location: Path, query: StoredQuery, params: dict[str, str] | None = None) -> QueryResult | None:
    """The answer the build keeps for this query and these parameters, if it keeps one."""
    folder = answers_dir(location)
    if folder is None:
        return None
    path = folder / f"{answer_key(graph_file(location), query, params)}.srj"
    try:
        data = path.read_bytes()
        return result_of(query.name, ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON))
    except (OSError, SyntaxError, ValueError):
        return None  # none kept (or a damaged one: ask the store)


def keep_answer(location: Path, query: StoredQuery, params: dict[str, str] | None,
                result: QueryResult) -> Path | None:
    """Keep an answer with the build (written whole or not at all); its path, or None."""
    folder = answers_dir(location)
    if folder is None:
        return None
    data = format_result(result, "json").encode("utf-8")
    if len(data) > MAX_ANSWER_BYTES:
        return None
    path = folder / f"{answer_key(graph_file(location), query, params)}.srj"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(exist_ok=True)
        if len(os.listdir(folder)) >= MAX_ANSWERS:
            return None
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return None  # a folder we cannot write to: answer anyway, keep nothing
    return path


def answer(location: Path, query: StoredQuery, params: dict[str, str] | None = None,
           fresh: bool = False) -> QueryResult:
    """A query's result on a built graph: the kept answer, or the store's (then kept)."""
    if not fresh:
        kept = kept_answer(location, query, params)
        if kept is not None:
            return kept
    result = run_query(open_store(location), query, params)
    keep_answer(location, query, params, result)
    return result
