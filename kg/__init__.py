"""kg: a knowledge graph of Vietnam's diplomacy, read from Vietnamese news articles.

The pipeline, one module per stage: :mod:`kg.reader` (articles), :mod:`kg.extract` (facts),
:mod:`kg.resolve` (one node per real thing), :mod:`kg.rdf` (named graphs), :mod:`kg.reason`
(OWL RL), :mod:`kg.validate` (SHACL), :mod:`kg.query` (stored SPARQL), :mod:`kg.export`.
"""

from .build import BuildSummary, build
from .errors import ArticleError, BuildError, GraphNotFound, KgError, QueryError
from .extract import extract_article
from .query import find_query, format_result, run_query, stored_queries
from .reader import Article, parse_article, read_article
from .resolve import resolve
from .store import load_dataset, open_store

__all__ = [
    "Article", "ArticleError", "BuildError", "BuildSummary", "GraphNotFound", "KgError",
    "QueryError", "build", "extract_article", "find_query", "format_result", "load_dataset",
    "open_store", "parse_article", "read_article", "resolve", "run_query", "stored_queries",
]
