"""A SPARQL server over HTTP: a build folder pushed to any SPARQL 1.1 store, and stored queries
run on a remote endpoint.

In: a build folder (``graph.trig``) or a stored query with its parameters, and the server's
address. Out: a :class:`PushSummary`, or a :class:`~kg.query.QueryResult` like a local query's.

Where requests go (see :func:`endpoint`): a bare server address (``http://127.0.0.1:7878``)
is an Oxigraph server, queried at ``/query`` and written at ``/store``; any other URL is the
SPARQL query endpoint itself, and the Graph Store Protocol address is given apart
(``--store``). Only ``http`` and ``https`` URLs are followed.

Pushing replaces each named graph of the build on the server: pushing again never duplicates a
triple. A graph the server already holds (or may hold: a server known by its store alone) is
PUT to ``STORE?graph=IRI`` (SPARQL 1.1 Graph Store HTTP Protocol), which replaces it; the
graphs new to it are POSTed many at a time as one TriG document to ``STORE`` itself (a dataset
POST, which Oxigraph and Fuseki take: adding a graph to a server that has none of that name is
replacing it), one request per 8 MB rather than one per article. A server that refuses such a
POST gets those graphs PUT one by one. The graphs of kg's namespace that the build no longer
has (an article taken out) are then deleted, so the server holds the build and nothing older.
The build's ``graph.trig`` is read a graph block at a time, so pushing 100,000 articles holds
one request's graphs in memory, not the graph.

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
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import EndpointError
from ..graph.trig import expand, header
from ..progress import Progress
from ..resources import ontology_file
from ..storage.query import QueryResult, StoredQuery, bind_parameters, result_of
from ..storage.store import TripleCounts, bad_graph, graph_file, open_store
from ..vocab import KGID, ONTOLOGY_GRAPH

DEFAULT_TIMEOUT = 60.0
# The largest answer read from a server: a hostile or broken one could send without end.
MAX_ANSWER = 256_000_000
RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
TRIG = "application/trig"
TURTLE = "text/turtle"
# The size of a POST of graphs new to the server: 10,000 articles (150 MB of TriG) in 19 requests.
BATCH_BYTES = 8_000_000
_READ = 1 << 24  # graph.trig is read 16 MB at a time


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


class _Refused(EndpointError):
    """A server that answered a request with an HTTP error (its status in ``code``)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


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
        raise _Refused(f"{url.split('?')[0]} refused {what}: HTTP {exc.code} {exc.reason}"
                       + (f": {detail}" if detail else ""), exc.code) from None
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


@dataclass(frozen=True)
class _Graph:
    """One named graph of the build, as sent: ``body`` (of ``content_type``) for a PUT of it
    alone, ``block`` (its TriG block) to go in a POST with others, when there is one."""

    name: str  # the IRI, without angle brackets
    content_type: str
    body: bytes
    triples: int
    block: bytes | None = None


def _store_graphs(location: Path) -> Iterator[_Graph]:
    """Each named graph of a graph file kg did not write, with the ontology, as N-Triples (the
    file loaded into memory whole: its graphs may be told in several blocks)."""
    store = open_store(location, merged=False)
    for graph in sorted(store.named_graphs(), key=str):
        count = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        if count and isinstance(graph, ox.NamedNode):
            yield _Graph(graph.value, N_TRIPLES, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b"", count)


def _block_graph(block: bytes, prefixes: bytes) -> _Graph:
    """A graph from its block as :func:`kg.graph.trig.graph_block` writes it: a line
    ``NAME {``, statements each ending with `` .`` at a line's end (no literal holds a line
    break), a line ``}``."""
    first = block.index(b"\n")
    name = expand(block[:first].removesuffix(b" {").decode("utf-8"))
    body = block[first + 1:block.rindex(b"}\n")]
    triples = body.count(b" ;\n") + body.count(b" ,\n") + body.count(b" .\n")
    return _Graph(name[1:-1], TURTLE, prefixes + body, triples, block)


def _blocks(handle: BinaryIO, path: Path, prefixes: bytes) -> Iterator[_Graph]:
    """The graphs of a graph.trig that kg wrote, read a piece at a time (bounded memory)."""
    buffer = bytearray()
    at = 0
    while True:
        end = buffer.find(b"\n}\n", at)
        if end < 0:
            del buffer[:at]
            at = 0
            more = handle.read(_READ)
            if not more:
                if buffer.strip():
                    raise bad_graph(path, ValueError("the last graph block is not closed"))
                return
            buffer += more
            continue
        while buffer[at:at + 1] == b"\n":
            at += 1
        line_end = buffer.find(b"\n", at)
        if not buffer[at:line_end].endswith(b" {"):
            raise bad_graph(path, ValueError(f"a graph block opens with {bytes(buffer[at:line_end])[:80]!r}"))
        yield _block_graph(bytes(buffer[at:end + 3]), prefixes)
        at = end + 3


def _built_graphs(location: Path) -> Iterator[_Graph]:
    """Each named graph of the build and the ontology (when the file has no graph of it): read a
    block at a time from a graph.trig kg wrote (it opens with kg's prefixes and writes each
    graph once, as one block), else from the file loaded into memory."""
    path = graph_file(location)
    prefixes = header().encode("utf-8")
    with path.open("rb") as handle:
        if handle.read(len(prefixes)) != prefixes:
            yield from _store_graphs(location)
            return
        names = set()
        for graph in _blocks(handle, path, prefixes):
            names.add(graph.name)
            yield graph
    if str(ONTOLOGY_GRAPH) in names:  # a build writes it in
        return
    ontology = ontology_file().read_bytes()
    triples = sum(1 for _ in ox.parse(ontology, format=ox.RdfFormat.TURTLE))
    yield _Graph(str(ONTOLOGY_GRAPH), TURTLE, ontology, triples)


def _graph_count(location: Path) -> int | None:
    """How many graph blocks a graph.trig kg wrote has (a quick count of their ends), for the
    progress bar; None for another file."""
    path = graph_file(location)
    prefixes = header().encode("utf-8")
    count, tail = 0, b""
    with path.open("rb") as handle:
        if handle.read(len(prefixes)) != prefixes:
            return None
        while piece := handle.read(_READ):
            count += (tail + piece).count(b"\n}\n")
            tail = piece[-2:]
    return count


def server_graphs(target: Endpoint, timeout: float = DEFAULT_TIMEOUT) -> set[str] | None:
    """Every named graph a server holds, asked of its query endpoint; None when only its graph
    store is known."""
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
    return {row[0].value for row in answer if isinstance(row[0], ox.NamedNode)}


def remote_graphs(target: Endpoint, timeout: float = DEFAULT_TIMEOUT) -> set[str] | None:
    """The named graphs a server holds under kg's namespace (``kgid:``), asked of its query
    endpoint; None when only its graph store is known."""
    graphs = server_graphs(target, timeout)
    return None if graphs is None else {g for g in graphs if g.startswith(str(KGID))}


_REFUSED_FORM = (400, 405, 406, 415, 501)  # what a server that does not take a request of that form answers


def _update_url(target: Endpoint) -> str | None:
    """Where an Oxigraph server (``/query`` and ``/store`` beside each other) takes SPARQL
    updates; None for any other server."""
    if target.store_url is None or not target.store_url.endswith("/store"):
        return None
    root = target.store_url.removesuffix("/store")
    return root + "/update" if target.query_url == root + "/query" else None


class _Pusher:
    """Sends the graphs of a build. Gathered into POSTs of :data:`BATCH_BYTES` of TriG: the
    graphs new to the server, and, on an Oxigraph server, the ones it holds too (DROPped by one
    SPARQL update per POST first). PUT alone: the others, and every graph of a server known by
    its store only. A server that refuses a form of request gets the next form down (Oxigraph's
    bulk load, ``?no_transaction``; a POST in a transaction; a PUT per graph)."""

    def __init__(self, store_url: str, update_url: str | None, held: set[str] | None, timeout: float) -> None:
        self.store_url, self.update_url, self.held, self.timeout = store_url, update_url, held, timeout
        self.sizes: dict[str, int] = {}
        self.batch: list[_Graph] = []
        self.batch_bytes = 0
        self.posts = held is not None  # until the server refuses one
        self.bulk = update_url is not None  # an Oxigraph server: bulk-loaded
        self.posted = False

    def send(self, graph: _Graph) -> int:
        """Send (or gather) one graph; return how many graphs were sent."""
        held = self.held is None or graph.name in self.held
        if self.posts and graph.block is not None and (not held or self.update_url):
            self.batch.append(graph)
            self.batch_bytes += len(graph.block)
            return self.flush() if self.batch_bytes >= BATCH_BYTES else 0
        self._put(graph)
        return 1

    def flush(self) -> int:
        """POST the graphs gathered, as one TriG document (those the server holds dropped
        first); return how many."""
        batch, self.batch, self.batch_bytes = self.batch, [], 0
        if not batch:
            return 0
        held = [g for g in batch if self.held is not None and g.name in self.held]
        if held and not self._drop(held):
            for graph in held:
                self._put(graph)
            batch = [g for g in batch if g not in held]
            if not batch:
                return len(held)
        body = b"".join([header().encode("utf-8"), *(g.block or b"" for g in batch)])
        what = f"{len(batch)} graphs ({batch[0].name} ...)"
        while True:
            url = self.store_url + ("?no_transaction" if self.bulk else "")
            try:
                _send("POST", url, body, {"Content-Type": TRIG}, self.timeout, what)
                break
            except _Refused as exc:
                if self.posted or exc.code not in _REFUSED_FORM:
                    raise self._cut_off(exc) from None
                if self.bulk:
                    self.bulk = False  # again, in a transaction
                    continue
                self.posts = False  # a server that takes graphs one at a time only
                for graph in batch:
                    self._put(graph)
                return len(batch) + len(held)
            except EndpointError as exc:
                raise self._cut_off(exc) from None
        self.posted = True
        self.sizes.update((g.name, g.triples) for g in batch)
        return len(batch) + len(held)

    def _drop(self, graphs: list[_Graph]) -> bool:
        """Drop graphs the server holds by one SPARQL update; False when it refuses updates."""
        assert self.update_url is not None
        text = " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g.name)}" for g in graphs)
        form = urllib.parse.urlencode({"update": text}).encode("utf-8")
        try:
            _send("POST", self.update_url, form, {"Content-Type": "application/x-www-form-urlencoded"}, self.timeout,
                  f"the update that drops {len(graphs)} graphs to replace them")
        except _Refused as exc:
            if self.posted or exc.code not in _REFUSED_FORM:
                raise self._cut_off(exc) from None
            self.update_url = None  # PUT, from now on
            return False
        except EndpointError as exc:
            raise self._cut_off(exc) from None
        return True

    def _put(self, graph: _Graph) -> None:
        url = _graph_url(self.store_url, ox.NamedNode(graph.name))
        try:
            _send("PUT", url, graph.body, {"Content-Type": graph.content_type}, self.timeout, f"graph <{graph.name}>")
        except EndpointError as exc:
            raise self._cut_off(exc) from None
        self.sizes[graph.name] = graph.triples

    def _cut_off(self, exc: EndpointError) -> EndpointError:
        done = (f"{len(self.sizes)} graphs ({sum(self.sizes.values())} triples) were replaced before it"
                if self.sizes else "nothing was replaced")
        return EndpointError(f"{exc}; {done}; push again to finish (each graph is replaced whole)")


def push(location: Path, target: Endpoint, timeout: float = DEFAULT_TIMEOUT,
         progress: Progress | None = None) -> PushSummary:
    """Make the server hold the build: replace each graph of it (and the ontology) on the
    server, then DELETE the graphs of kg's namespace the build does not have (the articles no
    longer in it). A push cut off halfway leaves graphs of both builds (and, from a bulk load
    on Oxigraph, which is not a transaction, part of a request's graphs), and pushing again
    finishes it: whatever the cut-off request left is then a graph the server holds, and is
    replaced whole."""
    if target.store_url is None:
        raise EndpointError(
            f"no graph store for {target.query_url}: give --store URL, the server's Graph Store "
            "Protocol address (Oxigraph: http://host:7878/store, Fuseki: http://host:3030/DATASET/data)"
        )
    start = time.perf_counter()
    progress = progress or Progress.quiet()
    location = Path(location)
    with progress.stage("read"):
        total = _graph_count(location)
    held = server_graphs(target, timeout)
    before = None if held is None else {g for g in held if g.startswith(str(KGID))}
    pusher = _Pusher(target.store_url, _update_url(target), held, timeout)
    with progress.stage("push", total, "graph") as advance:
        for graph in _built_graphs(location):
            advance(pusher.send(graph))
        advance(pusher.flush())
    names = set(pusher.sizes)
    stale = sorted(before - names) if before is not None else []
    with progress.stage("remove", len(stale), "graph") as advance:
        for name in stale:
            _send("DELETE", _graph_url(target.store_url, ox.NamedNode(name)), b"", {}, timeout,
                  f"the removal of graph <{name}>; every graph of the build is on the server: push again to finish")
            advance(1)
    counts = TripleCounts.of_graphs(pusher.sizes)
    replaced = len(names & before) if before is not None else 0
    return PushSummary(target.store_url, len(names), counts.total, time.perf_counter() - start, counts,
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
