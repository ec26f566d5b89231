"""Answers kept with a build: a query's result on a build, computed once and read back after.

A build's graph never changes: the next build writes a new version folder and makes it current
(:mod:`kg.build`). So the answer to one query text with one set of parameters, on one build,
is the same every time, and a 10,000-article graph need not be loaded into a store (seconds)
and queried again (up to seconds more) to give it. The first ``kg query`` of a build computes
the answer on the store and keeps it as it was printed (CSV, TSV, JSON, a table...) in the
version folder (``answers/``); the next ones print it again. A new build starts with no
answers, and old ones go with their version folder, so a kept answer is never stale.
``--fresh`` asks the store.

Answers are kept only for build folders (not for a TriG file given by its path), and never
when the folder cannot be written, the answer is over :data:`MAX_ANSWER_BYTES`, or
:data:`MAX_ANSWERS` are kept already.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .query import QueryResult, StoredQuery, format_result, result_of, run_query
from .store import GRAPH_FILE, graph_file, kept_store

ANSWERS_DIR = "answers"
MAX_ANSWER_BYTES = 64_000_000
MAX_ANSWERS = 1_000


def answers_dir(location: Path) -> Path | None:
    """Where a build keeps its answers: its version folder's ``answers/`` (None for a file)."""
    if not location.is_dir() or not (location / GRAPH_FILE).is_file():
        return None
    return (location / GRAPH_FILE).resolve().parent / ANSWERS_DIR


def answer_key(graph: Path, query: StoredQuery, params: dict[str, str] | None, fmt: str) -> str:
    """What an answer depends on: the graph file (as written), the query text, the parameters,
    the format it is printed in and the query engine's version."""
    info = graph.stat()
    h = hashlib.sha256()
    for part in (str(graph.resolve()), str(info.st_size), str(info.st_mtime_ns), ox.__version__,
                 query.text, json.dumps(sorted((params or {}).items()), ensure_ascii=False), fmt):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()[:40]


def _path(location: Path, query: StoredQuery, params: dict[str, str] | None, fmt: str) -> Path | None:
    folder = answers_dir(location)
    if folder is None:
        return None
    return folder / f"{answer_key(graph_file(location), query, params, fmt)}.{fmt}"


def kept_answer(location: Path, query: StoredQuery, params: dict[str, str] | None = None,
                fmt: str = "json") -> str | None:
    """The answer the build keeps for this query, these parameters and this format, if any."""
    path = _path(location, query, params, fmt)
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # none kept (or a damaged one: ask the store)


def keep_answer(location: Path, query: StoredQuery, params: dict[str, str] | None, fmt: str,
                text: str) -> Path | None:
    """Keep an answer with the build (written whole or not at all); its path, or None."""
    path = _path(location, query, params, fmt)
    data = text.encode("utf-8")
    if path is None or len(data) > MAX_ANSWER_BYTES:
        return None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        if len(os.listdir(path.parent)) >= MAX_ANSWERS:
            return None
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return None  # a folder we cannot write to: answer anyway, keep nothing
    return path


def answer(location: Path, query: StoredQuery, params: dict[str, str] | None = None,
           fmt: str = "json", fresh: bool = False, notify: Callable[[str], None] | None = None) -> str:
    """A query's answer on a built graph, as ``kg query`` prints it in ``fmt``: the kept one,
    or the store's (then kept). ``notify`` is told when the build's store is being made."""
    if not fresh:
        kept = kept_answer(location, query, params, fmt)
        if kept is not None:
            return kept
    text = format_result(run_query(kept_store(location, notify=notify), query, params), fmt)
    keep_answer(location, query, params, fmt, text)
    return text


def answer_result(location: Path, query: StoredQuery, params: dict[str, str] | None = None,
                  fresh: bool = False, notify: Callable[[str], None] | None = None) -> QueryResult:
    """A query's result on a built graph, for kg's own use (the network): read back from the
    answer the build keeps as SPARQL JSON, or computed and kept."""
    text = answer(location, query, params, "json", fresh=fresh, notify=notify)
    return result_of(query, ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.JSON))
