"""kg: a knowledge graph of Vietnam's diplomacy, read from Vietnamese news articles.

The pipeline, a package per stage, each depending only on those before it:
:mod:`kg.reading` (articles), :mod:`kg.extraction` (facts), :mod:`kg.storage` (the store,
stored queries, kept files), :mod:`kg.resolution` (one node per real thing), :mod:`kg.graph`
(named graphs, OWL RL, SHACL, export), :mod:`kg.serving` (SPARQL over HTTP, remote endpoints),
:mod:`kg.network` (numbers and pictures); :mod:`kg.build` runs the stages, :mod:`kg.cli` is
the command line. :mod:`kg.vocab`, :mod:`kg.resources` and :mod:`kg.errors` are shared.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import BuildSummary, build
    from .errors import ArticleError, BuildError, GraphNotFound, KgError, QueryError
    from .extraction.extract import extract_article
    from .reading.reader import Article, parse_article, read_article
    from .resolution.resolve import resolve
    from .storage.query import find_query, format_result, run_query, stored_queries
    from .storage.store import load_dataset, open_store

# Each name is imported from its module when it is first used: `kg query` needs the store and
# the queries, not the extractor (a third of a second of imports, at every command).
_MODULES = {
    "BuildSummary": ".build", "build": ".build",
    "ArticleError": ".errors", "BuildError": ".errors", "GraphNotFound": ".errors", "KgError": ".errors",
    "QueryError": ".errors",
    "extract_article": ".extraction.extract",
    "Article": ".reading.reader", "parse_article": ".reading.reader", "read_article": ".reading.reader",
    "resolve": ".resolution.resolve",
    "find_query": ".storage.query", "format_result": ".storage.query", "run_query": ".storage.query",
    "stored_queries": ".storage.query",
    "load_dataset": ".storage.store", "open_store": ".storage.store",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "Article", "ArticleError", "BuildError", "BuildSummary", "GraphNotFound", "KgError",
    "QueryError", "build", "extract_article", "find_query", "format_result", "load_dataset",
    "open_store", "parse_article", "read_article", "resolve", "run_query", "stored_queries",
]
