"""Exceptions of the kg library. Only the command line turns them into exit codes."""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error the library raises on purpose."""


class ArticleError(KgError):
    """An article file that cannot be read as a Vietnamese news text."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class BuildError(KgError):
    """A build that could not be written or loaded."""


class QueryError(KgError):
    """A stored query that does not exist, is not allowed, or failed."""


class GraphNotFound(KgError):
    """No built graph where one was expected."""


class BadGraph(KgError):
    """A graph file that is there but cannot be read as RDF."""


class EndpointError(KgError):
    """A SPARQL server that cannot be reached, refuses a request, or answers something else."""
