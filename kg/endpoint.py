"""A SPARQL server over HTTP: a build folder pushed to any SPARQL 1.1 store, and stored queries
run on a remote endpoint.

In: a build folder (``graph.trig``) or a stored query with its parameters, and the server's
address. Out: a :class:`PushSummary`, or a :class:`~kg.query.QueryResult` like a local query's.

Where requests go (see :func:`endpoint`): a bare server address (``http://127.0.0.1:7878``)
is an Oxigraph server, queried at ``/query`` and written at ``/store``; any other URL is the
SPARQL query endpoint itself, and the Graph Store Protocol address is given apart
(``--store``). Only ``http`` and ``https`` URLs are followed.

Pushing PUTs each named graph to ``STORE?graph=IRI`` (SPARQL 1.1 Graph Store HTTP Protocol),
which replaces that graph on the server: pushing again never duplicates a triple. The graphs of
kg's namespace that the build no longer has (an article taken out) are then deleted, so the
server holds the build and nothing older.

Stored queries read the default graph as the union of the named graphs. A remote query asks
for that with Oxigraph's ``union-default-graph`` parameter; other servers must be set up so
(Fuseki: ``unionDefaultGraph``). Parameters are bound as RDF terms, written in SPARQL syntax
by pyoxigraph (which escapes them), in a ``VALUES`` block that opens the query's WHERE group;
a parameter used where such a block would not mean the same as binding it (in a sub-query or
a nested group) is refused rather than bound differently.
"""

from __future__ import annotations

import http.client
import ipaddress
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import EndpointError, QueryError
from .progress import Progress
from .query import (
    TOKEN,
    Bindings,
    QueryResult,
    StoredQuery,
    check_read_only,
    query_bindings,
    result_of,
    with_constants,
)
from .store import TripleCounts, open_store
from .vocab import KGID

DEFAULT_TIMEOUT = 60.0
RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Endpoint:
    """Where a server answers queries (SPARQL 1.1 Protocol) and stores graphs (Graph Store Protocol)."""

    query_url: str
    store_url: str | None


@dataclass(frozen=True)
class PushSummary:
    store_url: str
    graphs: int
    triples: int
    seconds: float
    counts: TripleCounts = TripleCounts(0, 0, 0, 0)  # the triples pushed, as kg build counts them
    replaced: int = 0  # graphs the server held before, now as built
    added: int = 0  # graphs new to the server
    removed: int | None = 0  # kg's graphs the build no longer has, deleted (None: not known)

    def to_text(self) -> str:
        done = (f"{self.replaced} replaced, {self.added} added, {self.removed} removed" if self.removed is not None
                else "replaced or added; none removed (the server's query endpoint, --endpoint, says which it holds)")
        return f"Pushed {self.graphs} graphs, {self.counts.text()} to {self.store_url} in {self.seconds:.2f}s: {done}"


def endpoint(url: str | None = None, store: str | None = None) -> Endpoint:
    """The query and store URLs of a server.

    ``http://host:7878`` (no path) is an Oxigraph server: ``/query`` and ``/store``. A URL with
    a path is the query endpoint itself (``http://host:3030/ds/sparql``); its store URL is
    ``store`` (``http://host:3030/ds/data``).
    """
    if url is None and store is None:
        raise EndpointError("give the server's address (--endpoint URL) or its graph store (--store URL)")
    query_url, store_url = "", _checked_url(store, "--store") if store else None
    if url is not None:
        base = _checked_url(url, "--endpoint")
        if urllib.parse.urlsplit(base).path in ("", "/"):
            root = base.rstrip("/")
            query_url = root + "/query"
            store_url = store_url or root + "/store"
        else:
            query_url = base
    return Endpoint(query_url, store_url)


def _checked_url(url: str, option: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{option} {url!r} is not an http:// or https:// URL")
    if parts.fragment:
        raise EndpointError(f"{option} {url!r} has a #fragment, which a server never sees")
    return url


# ---------------------------------------------------------------- HTTP

def _opener(url: str) -> urllib.request.OpenerDirector:
    """urllib's opener; a server on this machine is reached directly, never through a proxy."""
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    return urllib.request.build_opener(urllib.request.ProxyHandler({})) if loopback \
        else urllib.request.build_opener()


def _excerpt(data: bytes, limit: int = 300) -> str:
    text = " ".join(data.decode("utf-8", "replace").split())
    return text if len(text) <= limit else text[:limit] + "..."


def _send(method: str, url: str, body: bytes, headers: dict[str, str], timeout: float,
          what: str) -> tuple[bytes, str]:
    """The body and Content-Type of the server's answer; an EndpointError when there is none."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            return response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        detail = _excerpt(exc.read() or b"")
        raise EndpointError(f"{url.split('?')[0]} refused {what}: HTTP {exc.code} {exc.reason}"
                            + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as exc:
        raise EndpointError(f"cannot reach {url}: {exc.reason}") from None
    except TimeoutError:
        raise EndpointError(f"no answer from {url} within {timeout:g}s ({what})") from None
    except (OSError, http.client.HTTPException) as exc:
        raise EndpointError(f"cannot talk to {url}: {exc or type(exc).__name__}") from None


# ---------------------------------------------------------------- push

def _graph_url(store_url: str, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    parts = urllib.parse.urlsplit(store_url)
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    if isinstance(graph, ox.DefaultGraph):
        query = urllib.parse.urlencode(pairs + [("default", "")]).removesuffix("=")
    else:
        query = urllib.parse.urlencode(pairs + [("graph", graph.value)])
    return urllib.parse.urlunsplit(parts._replace(query=query))


def _graphs(store: ox.Store) -> Iterator[tuple[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, bytes, int]]:
    """Each graph of the store that holds triples, as N-Triples, with its number of triples."""
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    graphs += sorted(store.named_graphs(), key=str)
    for graph in graphs:
        count = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        if count:
            body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            yield graph, body or b"", count


def remote_graphs(target: Endpoint, timeout: float = DEFAULT_TIMEOUT) -> set[str] | None:
    """The named graphs a server holds under kg's namespace (``kgid:``), asked of its query
    endpoint; None when only its graph store is known."""
    if not target.query_url:
        return None
    form = urllib.parse.urlencode({"query": "SELECT ?g WHERE { GRAPH ?g { } }"}).encode("ascii")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULTS_JSON}
    data, content_type = _send("POST", target.query_url, form, headers, timeout, "the list of its graphs")
    try:
        answer = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise EndpointError(f"{target.query_url} did not list its graphs in SPARQL JSON results "
                            f"({content_type or 'no type'}: {exc})") from None
    assert isinstance(answer, ox.QuerySolutions)
    return {row[0].value for row in answer
            if isinstance(row[0], ox.NamedNode) and row[0].value.startswith(str(KGID))}


def push(location: Path, target: Endpoint, timeout: float = DEFAULT_TIMEOUT,
         progress: Progress | None = None) -> PushSummary:
    """Make the server hold the build: PUT each graph of it (and the ontology), replacing what the
    server held under that name, then DELETE the graphs of kg's namespace the build does not
    have (the articles no longer in it). Each request is whole or not done, so a push cut off
    halfway leaves graphs of both builds, and pushing again finishes it."""
    if target.store_url is None:
        raise EndpointError(
            f"no graph store for {target.query_url}: give --store URL, the server's Graph Store "
            "Protocol address (Oxigraph: http://host:7878/store, Fuseki: http://host:3030/DATASET/data)"
        )
    start = time.perf_counter()
    sizes: dict[str, int] = {}
    progress = progress or Progress.quiet()
    with progress.stage("read"):
        store = open_store(location, merged=False)
    before = remote_graphs(target, timeout)
    with progress.stage("push", len(list(store.named_graphs())), "graph") as advance:
        for graph, body, count in _graphs(store):
            what = "the default graph" if isinstance(graph, ox.DefaultGraph) else f"graph {graph}"
            _send("PUT", _graph_url(target.store_url, graph), body,
                  {"Content-Type": N_TRIPLES}, timeout, what)
            sizes[str(graph)] = count
            advance(1)
    names = {name.strip("<>") for name in sizes}
    stale = sorted(before - names) if before is not None else []
    with progress.stage("remove", len(stale), "graph") as advance:
        for name in stale:
            _send("DELETE", _graph_url(target.store_url, ox.NamedNode(name)), b"", {}, timeout,
                  f"the removal of graph <{name}>")
            advance(1)
    counts = TripleCounts.of_graphs(sizes)
    replaced = len(names & before) if before is not None else 0
    return PushSummary(target.store_url, len(sizes), counts.total, time.perf_counter() - start, counts,
                       replaced=replaced, added=len(names) - replaced,
                       removed=len(stale) if before is not None else None)


# ---------------------------------------------------------------- remote query

def run_remote_query(target: Endpoint, query: StoredQuery, params: dict[str, str] | None = None,
                     timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Run a SELECT (or ASK) query on a SPARQL endpoint, its parameters bound as RDF terms."""
    check_read_only(query.text)
    bindings = query_bindings(query, params)
    text = with_constants(query.text, bindings)
    if text is None:
        text = bind_values(query.text, bindings)
    check_read_only(text)
    form = urllib.parse.urlencode({"query": text, "union-default-graph": ""}).encode("ascii")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULTS_JSON}
    data, content_type = _send("POST", target.query_url, form, headers, timeout, f"query {query.name!r}")
    try:
        answer = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise EndpointError(
            f"{target.query_url} did not answer with SPARQL JSON results ({content_type or 'no type'}: "
            f"{_excerpt(data, 120)!r}); is it a SPARQL query endpoint? ({exc})"
        ) from None
    return result_of(query, answer)


@dataclass(frozen=True)
class _Group:
    start: int          # offset of its '{'
    after: str          # the word before it: EXISTS, OPTIONAL, ... or ''
    subquery: bool = False


def _where_start(text: str, params: set[str]) -> tuple[int, set[str]]:
    """The offset of the '{' opening a SELECT or ASK query's WHERE group, and which of
    ``params`` the query uses; a QueryError when one is used where VALUES would not bind it."""
    form, where, last_word = "", -1, ""
    stack: list[_Group] = []
    used: set[str] = set()
    for m in TOKEN.finditer(text):
        kind, value = m.lastgroup, m.group()
        if kind == "word" and not stack and not form and value.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form = value.upper()
        elif kind == "word" and stack and value.upper() == "SELECT":
            stack[-1] = _Group(stack[-1].start, stack[-1].after, subquery=True)
        elif kind == "open":
            if where < 0 and form:
                where = m.start()
            stack.append(_Group(m.start(), last_word.upper()))
        elif kind == "close" and stack:
            stack.pop()
        elif kind == "var" and value[1:] in params:
            used.add(value[1:])
            if not _binds_like_substitution(stack):
                raise QueryError(
                    f"parameter {value} is used in a sub-query or nested group; a remote endpoint "
                    "cannot bind it the way the local store does (run the query locally)"
                )
        if kind != "skip":
            last_word = value if kind in ("word", "other") else ""
    if form not in ("SELECT", "ASK") or where < 0:
        raise QueryError("parameters can be sent to a remote endpoint only in SELECT and ASK queries")
    return where, used


def _binds_like_substitution(stack: list[_Group]) -> bool:
    """A variable bound by a VALUES block at the start of the WHERE group has the parameter's
    value where it is read: in the WHERE group itself, the select clause and the solution
    modifiers, and in a FILTER (NOT) EXISTS, which sees the bindings of its group."""
    if any(g.subquery for g in stack):
        return False
    return len(stack) <= 1 or stack[1].after == "EXISTS"


def bind_values(text: str, bindings: Bindings) -> str:
    """The query with its parameters in a VALUES block opening the WHERE group:
    ``SELECT ?p WHERE { VALUES (?name) { ("Tokayev") } ?p skos:prefLabel ?name }``."""
    if not bindings:
        return text
    names = {var.value for var in bindings}
    where, used = _where_start(text, names)
    bound = [(var, term) for var, term in bindings.items() if var.value in used]
    if not bound:
        return text
    variables = " ".join(str(var) for var, _ in bound)
    terms = " ".join(str(term) for _, term in bound)
    block = f"\n  VALUES ({variables}) {{ ({terms}) }}  # kg: parameters\n"
    return text[: where + 1] + block + text[where + 1:]
