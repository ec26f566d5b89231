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
(Fuseki: ``unionDefaultGraph``). Parameters are bound as for a local query
(:func:`kg.storage.query.bind_parameters`): RDF terms written in SPARQL syntax by pyoxigraph
(which escapes them) as constants where the query reads them, else in a ``VALUES`` block that
opens the query's WHERE group; a parameter used where such a block would not mean the same as
binding it (in a sub-query or a nested group) is refused rather than bound differently.
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

from ..errors import EndpointError
from ..progress import Progress
from ..storage.query import QueryResult, StoredQuery, bind_parameters, result_of
from ..storage.store import TripleCounts, built_store, open_store
from ..vocab import KGID

DEFAULT_TIMEOUT = 60.0
# The largest answer read from a server: a hostile or broken one could send without end.
MAX_ANSWER = 256_000_000
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
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (read to check it: a port that is not a number raises)
    except ValueError as exc:
        raise EndpointError(f"{option} {url!r} is not a URL ({exc})") from None
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
    """The body and Content-Type of the server's answer; an EndpointError when there is none,
    when it is over :data:`MAX_ANSWER` bytes, or when the whole request takes over ``timeout``
    seconds (not each read: a server sending a byte at a time is stopped too)."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            return _read_answer(response, deadline, url), response.headers.get("Content-Type", "")
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


def _read_answer(response: http.client.HTTPResponse, deadline: float, url: str) -> bytes:
    """The body of an answer, read a piece at a time until the deadline or the size cap."""
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)  # to shorten each wait to what is left
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        if sock is not None:
            sock.settimeout(left)
        chunk = response.read1(1 << 16)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER:
            raise EndpointError(f"the answer of {url.split('?')[0]} is over {MAX_ANSWER:,} bytes; not read further")
        chunks.append(chunk)


# ---------------------------------------------------------------- push

def _graph_url(store_url: str, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    parts = urllib.parse.urlsplit(store_url)
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    if isinstance(graph, ox.DefaultGraph):
        query = urllib.parse.urlencode(pairs + [("default", "")]).removesuffix("=")
    else:
        query = urllib.parse.urlencode(pairs + [("graph", graph.value)])
    return urllib.parse.urlunsplit(parts._replace(query=query))


def _graphs(store: ox.Store, with_default: bool = True
            ) -> Iterator[tuple[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, bytes, int]]:
    """Each graph of the store that holds triples, as N-Triples, with its number of triples (the
    default graph too, ``with_default``)."""
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()] if with_default else []
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
        # the build's store, whose default graph is the merge of its graphs (not sent), or the
        # graph file loaded as it is
        built = built_store(location)
        store = built if built is not None else open_store(location, merged=False)
    before = remote_graphs(target, timeout)
    with progress.stage("push", len(list(store.named_graphs())), "graph") as advance:
        for graph, body, count in _graphs(store, with_default=built is None):
            what = "the default graph" if isinstance(graph, ox.DefaultGraph) else f"graph {graph}"
            try:
                _send("PUT", _graph_url(target.store_url, graph), body,
                      {"Content-Type": N_TRIPLES}, timeout, what)
            except EndpointError as exc:
                done = (f"{len(sizes)} graphs ({sum(sizes.values())} triples) were replaced before it"
                        if sizes else "nothing was replaced")
                raise EndpointError(f"{exc}; {done}; push again to finish (each graph is replaced whole)") from None
            sizes[str(graph)] = count
            advance(1)
    names = {name.strip("<>") for name in sizes}
    stale = sorted(before - names) if before is not None else []
    with progress.stage("remove", len(stale), "graph") as advance:
        for name in stale:
            _send("DELETE", _graph_url(target.store_url, ox.NamedNode(name)), b"", {}, timeout,
                  f"the removal of graph <{name}>; every graph of the build is on the server: push again to finish")
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
    text, _ = bind_parameters(query, params, substitutions=False)
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
