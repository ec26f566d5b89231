"""The built graph as a read-only SPARQL 1.1 Protocol endpoint, for YASGUI and other clients.

In: a build folder, an address, a time limit and a row cap. Out: an HTTP server answering
``GET /query?query=...``, ``POST /query`` (form-encoded, or ``application/sparql-query``) as
SPARQL tools expect: SELECT and ASK in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in
Turtle, N-Triples, RDF/XML or JSON-LD (compact, kg's context); chosen by the ``Accept`` header
with its q-values, or by a ``format`` parameter (``json``, ``xml``, ``csv``, ``turtle``...,
as SPARQLWrapper sends it), which stands for it. A GET without a query answers the SPARQL 1.1
Service Description of the endpoint (Turtle unless another RDF type is asked for; at ``/``, a
browser gets a few lines of text). ``/sparql`` and ``/`` answer the same. HEAD answers as GET
without the body.

Why kg's own server and not ``oxigraph serve-read-only``, which answers these formats too:
measured on the seeds, the latter answers a request whatever its ``Host`` names (DNS
rebinding), runs ``SERVICE`` (it calls other servers), kept running a four-way cross product
past ``--timeout-s 1`` for as long as the client waited (20 s), has no row cap (7,399 rows for
``SELECT *``), allows every origin or none, and needs the build loaded into an on-disk store
first. A request must name this server in its
``Host`` header (the address it listens on, or ``localhost`` for a loopback one): a web page that
renamed its own site to point at it (DNS rebinding) gets 421. Browsers let a page read the
answers only when it comes from the server's own origin or one given with ``allow_origins``
(CORS): a page on another site cannot use a local server to make requests.

The default graph is the union of the named graphs, as for ``kg query``; the protocol's
``default-graph-uri`` and ``named-graph-uri`` choose other graphs.

Refused: updates and SERVICE (403); no query, bad SPARQL, bad encoding (400); a body over
:data:`MAX_BODY` bytes (413). A query runs at most ``timeout`` seconds (then 503) and gives
at most ``max_rows`` rows: more are cut, and the answer says so in the ``Kg-Truncated``
header (the cap is always in ``Kg-Max-Rows``).

A query may take ``memory_mb`` megabytes beyond the loaded graph (its process's address space
is limited: beyond, it ends and the answer is 500); an answer cut short, by the time limit or
otherwise, is never sent as a 200 (the child says how long its answer is). A connection idle
:data:`IDLE_TIMEOUT` seconds is dropped, at most :data:`MAX_CONNECTIONS` are served at once
(more get 503), and a worker that dies is started again by the next query.

How a query is stopped: pyoxigraph cannot interrupt a query from another thread, so the
store lives in a worker process of its own (started clean, single-threaded), which forks
one child per query. The child shares the loaded store copy-on-write, sets an alarm for the
time limit, and the kernel ends it when the alarm rings, whatever it is doing; the server
thread sees the answer end early and says the time ran out.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import json
import multiprocessing
import os
import resource
import select
import shutil
import signal
import socket
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import KgError
from ..graph.export import JSONLD_CONTEXT, jsonld
from ..storage.query import QueryResult, format_result
from ..storage.query_screen import check_read_only
from ..storage.store import default_is_union, open_store, store_counts

MAX_BODY = 1_000_000
MAX_TIMEOUT = 86_400.0  # a day: the alarm of a query child cannot be set much further
IDLE_TIMEOUT = 20.0  # seconds a connection may wait for (each part of) a request
MAX_CONNECTIONS = 64  # connections served at once; more are told 503 and closed
DEFAULT_PORT = 7879
PATHS = ("/", "/query", "/sparql")
RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
# SELECT and ASK answers, by Accept; on a tie (``*/*``) the first
RESULT_FORMATS = {
    RESULTS_JSON: ox.QueryResultsFormat.JSON, RESULTS_XML: ox.QueryResultsFormat.XML,
    "application/json": ox.QueryResultsFormat.JSON, "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
SELECT_TYPES = tuple(RESULT_FORMATS)
# CONSTRUCT and DESCRIBE answers and the service description (JSON-LD is kg's writer, with a context)
RDF_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": None,
    "text/plain": ox.RdfFormat.N_TRIPLES, "application/x-turtle": ox.RdfFormat.TURTLE,
}
GRAPH_TYPES = tuple(RDF_FORMATS)
# the ``format`` parameter (as Fuseki and SPARQLWrapper name formats): it stands for Accept
FORMAT_NAMES = {
    "json": f"{RESULTS_JSON}, application/ld+json", "xml": f"{RESULTS_XML}, application/rdf+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
    "n3": "text/turtle", "nt": "application/n-triples", "ntriples": "application/n-triples",
    "n-triples": "application/n-triples", "rdf": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
    "rdfxml": "application/rdf+xml", "json-ld": "application/ld+json", "jsonld": "application/ld+json",
}
SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS_NS = "http://www.w3.org/ns/formats/"
CORS = {
    "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
    "Access-Control-Expose-Headers": "Kg-Truncated, Kg-Max-Rows",
    "Access-Control-Max-Age": "86400",
}


class ServeError(KgError):
    """A server that could not start."""


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 4  # queries running at once; more wait for a free worker up to the time limit
    allow_origins: tuple[str, ...] = ()  # web origins besides the server's own whose pages may read answers
    memory_mb: int = 2_048  # memory a query may take beyond the loaded graph's


@dataclass(frozen=True)
class Answer:
    """What the server sends back: a status, a type, a body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


# ---------------------------------------------------------------- in the query child

def _choose(accept: str, offers: tuple[str, ...]) -> str | None:
    """The offered type the Accept header likes best (the first offer on a tie); None if none."""
    best, best_q = None, 0.0
    for offer in offers:
        q = _quality(accept or "*/*", offer)
        if q > best_q:
            best, best_q = offer, q
    return best


def _quality(accept: str, offer: str) -> float:
    kind = offer.split("/")[0]
    found, specificity = 0.0, -1
    for item in accept.split(","):
        media, *params = [p.strip() for p in item.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        level = 2 if media.lower() == offer else 1 if media.lower() == f"{kind}/*" else 0 if media == "*/*" else -1
        if level > specificity:
            found, specificity = q, level
    return found


def _csv(result: QueryResult) -> bytes:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value
                         for t in row])
    return buf.getvalue().encode("utf-8")


def _tsv(result: QueryResult) -> bytes:
    """SPARQL 1.1 Query Results TSV: terms in SPARQL syntax, as pyoxigraph writes (and escapes) them."""
    lines = ["\t".join("?" + c for c in result.columns)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _solutions(result: ox.QuerySolutions, max_rows: int) -> tuple[QueryResult, bool]:
    columns = tuple(v.value for v in result.variables)
    rows: list[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...]] = []
    for solution in result:
        if len(rows) == max_rows:
            return QueryResult(columns, tuple(rows)), True
        rows.append(tuple(solution[c] for c in columns))
    return QueryResult(columns, tuple(rows)), False


def _limits(max_rows: int, truncated: bool) -> tuple[tuple[str, str], ...]:
    return (("Kg-Max-Rows", str(max_rows)),) + ((("Kg-Truncated", "true"),) if truncated else ())


def evaluate(store: ox.Store, request: dict[str, Any]) -> Answer:
    """Run one read query on the store and write its results in the type the client accepts."""
    accept, max_rows = request.get("accept", ""), int(request["max_rows"])
    default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.NamedNode(g) for g in request.get("default", [])]
    named: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(g) for g in request.get("named", [])]
    try:
        result = store.query(request["query"], use_default_graph_as_union=not (default or named) and default_is_union(store),
                             default_graph=default or None, named_graphs=named or None)
    except SyntaxError as exc:
        return _text(400, f"not valid SPARQL: {exc}")
    except (OSError, RuntimeError, ValueError) as exc:
        return _text(400, f"the query failed: {exc}")
    if isinstance(result, (ox.QueryBoolean, ox.QuerySolutions)):
        chosen = _choose(accept, SELECT_TYPES)
        if chosen is None:
            return _text(406, "SELECT and ASK results come as " + ", ".join(SELECT_TYPES))
        if isinstance(result, ox.QueryBoolean):
            body, truncated = result.serialize(format=RESULT_FORMATS[chosen]) or b"", False
        else:
            table, truncated = _solutions(result, max_rows)
            body = _results(table, chosen)
        return Answer(200, _with_charset(chosen), body, _limits(max_rows, truncated))
    chosen = _choose(accept, GRAPH_TYPES)
    if chosen is None:
        return _text(406, "CONSTRUCT and DESCRIBE results come as " + ", ".join(GRAPH_TYPES))
    triples: list[ox.Triple] = []
    truncated = False
    for triple in result:
        if len(triples) == max_rows:
            truncated = True
            break
        triples.append(triple)
    return Answer(200, _with_charset(chosen), rdf_bytes(triples, chosen), _limits(max_rows, truncated))


def _with_charset(media: str) -> str:
    return media + ("; charset=utf-8" if media.startswith("text/") or media.endswith("json") else "")


def _results(table: QueryResult, chosen: str) -> bytes:
    """SELECT rows in a SPARQL results format: JSON, CSV and TSV by kg's writers (the JSON as
    ``kg query --format json`` writes it), XML by pyoxigraph's, from the JSON."""
    if chosen == "text/csv":
        return _csv(table)
    if chosen == "text/tab-separated-values":
        return _tsv(table)
    body = format_result(table, "json").encode("utf-8")
    if RESULT_FORMATS[chosen] == ox.QueryResultsFormat.XML:
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=ox.QueryResultsFormat.XML) or b""
    return body


def rdf_bytes(triples: list[ox.Triple], media: str, more_prefixes: dict[str, str] | None = None) -> bytes:
    """Triples in one of :data:`GRAPH_TYPES`: Turtle and RDF/XML with kg's prefixes (and
    ``more_prefixes``), JSON-LD compact with kg's context (:func:`kg.graph.export.jsonld`)."""
    fmt = RDF_FORMATS[media]
    if fmt is None:
        return jsonld([ox.Quad(t.subject, t.predicate, t.object) for t in triples])
    prefixes = {**JSONLD_CONTEXT, **(more_prefixes or {})} if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) \
        else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""


def service_description(endpoint: str, graphs: list[str]) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``: the language, the
    formats it answers in, its dataset (the default graph the union of the named ones)."""
    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)
    a = ox.NamedNode(JSONLD_CONTEXT["rdf"] + "type")
    me, dataset, default = ox.NamedNode(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")
    triples = [ox.Triple(me, a, sd("Service")), ox.Triple(me, sd("endpoint"), me),
               ox.Triple(me, sd("supportedLanguage"), sd("SPARQL11Query")),
               ox.Triple(me, sd("feature"), sd("UnionDefaultGraph")),
               ox.Triple(me, sd("defaultDataset"), dataset), ox.Triple(dataset, a, sd("Dataset")),
               ox.Triple(dataset, sd("defaultGraph"), default), ox.Triple(default, a, sd("Graph"))]
    triples += [ox.Triple(me, sd("resultFormat"), ox.NamedNode(_FORMATS_NS + name)) for name in (
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
        "Turtle", "N-Triples", "RDF_XML", "JSON-LD")]
    for i, graph in enumerate(graphs):
        node = ox.BlankNode(f"graph{i}")
        triples += [ox.Triple(dataset, sd("namedGraph"), node), ox.Triple(node, a, sd("NamedGraph")),
                    ox.Triple(node, sd("name"), ox.NamedNode(graph))]
    return triples


def _limit_memory(megabytes: int) -> None:
    """Let this process take ``megabytes`` more address space than it has now (the store it
    shares with the worker counts in what it has): beyond, an allocation fails and the query
    ends, where it would have taken the machine's memory."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            now = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = now + megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass  # not Linux, or the limit cannot be lowered: the time limit still holds


def _answer_one(store: ox.Store, client: socket.socket, timeout: float, memory_mb: int) -> None:
    """In a forked child: read one request, answer it, before the alarm ends this process."""
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    _limit_memory(memory_mb)
    data = b""
    while chunk := client.recv(65536):
        data += chunk
    try:
        answer = evaluate(store, json.loads(data))
    except Exception as exc:  # an answer, not a silent end: the server says what went wrong
        answer = _text(500, f"the query failed: {exc}")
    head = {"status": answer.status, "type": answer.content_type, "headers": list(answer.headers),
            "length": len(answer.body)}  # an answer cut short by the alarm is told from a whole one
    client.sendall(json.dumps(head).encode("utf-8") + b"\n" + answer.body)
    client.close()


def _worker_main(location: str, socket_path: str, parent: Connection, timeout: float, memory_mb: int) -> None:
    """The worker process: load the store once, then fork a child per query."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is for the server, which stops us
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    try:
        store = open_store(Path(location))
    except KgError as exc:
        parent.send(("error", str(exc)))
        return
    except Exception as exc:  # said by the server in one line, not a traceback of this process
        parent.send(("error", f"cannot load {location}: {type(exc).__name__}: {exc}"))
        return
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    if os.path.exists(socket_path):
        os.unlink(socket_path)  # left by a worker that died: this one takes its place
    listener.bind(socket_path)
    listener.listen(64)
    graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    parent.send(("ready", {"triples": store_counts(store).total, "graphs": graphs}))  # counted as kg build counts
    while True:
        readable, _, _ = select.select([listener.fileno(), parent.fileno()], [], [])
        if parent.fileno() in readable:  # the server closed its end: it is stopping, or gone
            shutil.rmtree(os.path.dirname(socket_path), ignore_errors=True)
            return
        try:
            client, _ = listener.accept()
        except OSError:
            continue
        try:
            child = os.fork()
        except OSError:  # no process to spare: the server thread sees no answer and says so
            child = -1
        if child == 0:
            try:
                listener.close()
                _answer_one(store, client, timeout, memory_mb)
            finally:
                os._exit(0)
        client.close()


# ---------------------------------------------------------------- in the server

class _Worker:
    """The server's side of the worker process."""

    def __init__(self, location: Path, options: ServeOptions) -> None:
        self.options, self.location = options, location
        self.folder = tempfile.mkdtemp(prefix="kg-serve-")
        self.socket_path = os.path.join(self.folder, "worker.sock")
        self.slots = threading.BoundedSemaphore(options.workers)
        self.starting = threading.Lock()
        try:
            self._start()
        except ServeError:
            self.close()
            raise

    def _start(self) -> None:
        """Start the worker process and wait until it has loaded the graph."""
        context = multiprocessing.get_context("spawn")
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(
            target=_worker_main, name="kg-serve-worker", daemon=True,
            args=(str(self.location), self.socket_path, child_conn, self.options.timeout, self.options.memory_mb),
        )
        self.process.start()
        child_conn.close()
        try:
            status, detail = self.conn.recv()
        except EOFError:
            status, detail = "error", "the query worker stopped while loading the graph"
        if status != "ready":
            raise ServeError(str(detail))
        self.triples, self.graphs = int(detail["triples"]), list(detail["graphs"])

    def _alive(self) -> bool:
        """Whether the worker runs, started again if it died (killed, out of memory)."""
        with self.starting:
            if self.process.is_alive():
                return True
            self.conn.close()
            self.process.join(timeout=1)
            try:
                self._start()
            except ServeError:
                return False
            return True

    def run(self, request: dict[str, Any]) -> Answer:
        if not self.slots.acquire(timeout=self.options.timeout):
            return _text(503, f"busy: {self.options.workers} queries are running; try again")
        try:
            if not self._alive():
                return _text(503, "the query worker stopped and could not start again; try again later")
            return self._ask(request)
        finally:
            self.slots.release()

    def _ask(self, request: dict[str, Any]) -> Answer:
        timeout = self.options.timeout
        start, data = time.monotonic(), b""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout + 2.0)  # the child's alarm rings first
            try:
                conn.connect(self.socket_path)
                conn.sendall(json.dumps(request).encode("utf-8"))
                conn.shutdown(socket.SHUT_WR)
                while chunk := conn.recv(1 << 16):
                    data += chunk
            except OSError:
                pass  # the child was stopped, or never came: said below
        head, sep, body = data.partition(b"\n")
        meta = json.loads(head) if sep else {}
        if not sep or meta.get("length") != len(body):  # no answer, or one cut short
            if time.monotonic() - start >= timeout * 0.9:
                return _text(503, f"the query ran out of time: this server stops queries after {timeout:g}s")
            return _text(500, "the query stopped before it answered: it took more than the "
                              f"{self.options.memory_mb} MB of memory a query may, or failed")
        return Answer(int(meta["status"]), str(meta["type"]), body,
                      tuple((str(k), str(v)) for k, v in meta["headers"]))

    def close(self) -> None:
        self.conn.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        shutil.rmtree(self.folder, ignore_errors=True)


def _single(values: dict[str, list[str]], name: str) -> str | None:
    got = values.get(name, [])
    if len(got) > 1:
        raise _Refused(400, f"give one {name!r} parameter, not {len(got)}")
    return got[0] if got else None


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.answer = _text(status, message)


def _form(text: bytes | str) -> dict[str, list[str]]:
    try:
        raw = text.decode("ascii") if isinstance(text, bytes) else text
        return urllib.parse.parse_qs(raw, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise _Refused(400, f"the parameters are not percent-encoded UTF-8: {exc}") from None


def request_of(method: str, path: str, headers: dict[str, str], body: bytes | None,
               max_rows: int) -> dict[str, Any]:
    """The query request of a SPARQL 1.1 Protocol call, checked; _Refused when it is not one."""
    url = urllib.parse.urlsplit(path)
    values = _form(url.query)
    if method == "POST":
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/x-www-form-urlencoded":
            for key, items in _form(body or b"").items():
                values.setdefault(key, []).extend(items)
        elif ctype == "application/sparql-query":
            charset = dict(_param(p) for p in headers.get("content-type", "").split(";")[1:]).get("charset", "utf-8")
            if charset.lower() not in ("utf-8", "utf8"):
                raise _Refused(415, f"a query must be UTF-8, not {charset}")
            try:
                values.setdefault("query", []).append((body or b"").decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise _Refused(400, f"the query is not UTF-8: {exc}") from None
        elif ctype == "application/sparql-update":
            raise _Refused(403, "refused: this endpoint is read-only; it runs no updates")
        else:
            raise _Refused(415, "POST a query as application/x-www-form-urlencoded or application/sparql-query")
    if "update" in values:
        raise _Refused(403, "refused: this endpoint is read-only; it runs no updates")
    query = _single(values, "query")
    if query is None or not query.strip():
        raise _Refused(400, "no query: send ?query=... (GET), or POST a form or application/sparql-query")
    try:
        check_read_only(query)
    except KgError as exc:
        raise _Refused(403, str(exc)) from None
    graphs = {key: values.get(key, []) for key in ("default-graph-uri", "named-graph-uri")}
    for iri in graphs["default-graph-uri"] + graphs["named-graph-uri"]:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise _Refused(400, f"{iri!r} is not an IRI") from None
    accept = headers.get("accept", "")
    fmt = _single(values, "format")
    if fmt:
        if "/" not in fmt and fmt.strip().lower() not in FORMAT_NAMES:
            raise _Refused(400, f"unknown format {fmt!r}: give one of {', '.join(FORMAT_NAMES)} or a media type")
        accept = FORMAT_NAMES.get(fmt.strip().lower(), fmt)
    return {"query": query, "accept": accept, "max_rows": max_rows,
            "default": graphs["default-graph-uri"], "named": graphs["named-graph-uri"]}


def _param(text: str) -> tuple[str, str]:
    key, _, value = text.strip().partition("=")
    return key.lower(), value.strip('"')


class _Handler(BaseHTTPRequestHandler):
    server: _SparqlHTTPServer
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT  # a client idle or slow this long between reads is dropped

    def _send(self, answer: Answer) -> None:
        try:
            self.send_response(answer.status)
            for key, value in [*CORS.items(), *self._origin_headers(), *answer.headers]:
                self.send_header(key, value)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _origin_headers(self) -> list[tuple[str, str]]:
        origin = self.headers.get("Origin", "")
        if origin and origin in self.server.origins():
            return [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
        return [("Vary", "Origin")]

    def _handle(self, method: str) -> None:
        try:
            if not self.server.names_me(self.headers.get_all("Host") or []):
                self.close_connection = True
                self._send(_text(421, "this server answers only requests addressed to it: "
                                      f"Host must be one of {', '.join(sorted(self.server.host_names))}"))
                return
            url = urllib.parse.urlsplit(self.path)
            if url.path not in PATHS:
                self.close_connection = True  # a body is left unread
                self._send(_text(404, f"no such path; ask {PATHS[1]}"))
                return
            body = self._body() if method == "POST" else None
            headers = {k.lower(): v for k, v in self.headers.items()}
            if method == "GET" and not url.query:
                self._send(self._description(url.path, headers.get("accept", "")))
                return
            request = request_of(method, self.path, headers, body, self.server.options.max_rows)
            self._send(self.server.worker.run(request))
        except _Refused as refused:
            self._send(refused.answer)
        except Exception as exc:  # never a traceback to the client; the server goes on
            self.log_error("internal error: %r", exc)
            self._send(_text(500, "internal error"))

    def _description(self, path: str, accept: str) -> Answer:
        """The service description (the SPARQL protocol's answer to a GET without a query), in the
        RDF format asked for, Turtle first; at ``/``, a few lines of text for a browser or ``text/plain``."""
        offers = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")
        chosen = _choose(accept, offers + (("text/html", "text/plain") if path == "/" else ("text/plain",)))
        if chosen in ("text/html", "text/plain") and path == "/":
            return _text(200, self.server.about())
        if chosen is None:
            return _text(406, "the service description comes as " + ", ".join(offers))
        host = (self.headers.get("Host") or "").strip()  # checked: it names this server
        triples = service_description(f"http://{host}{path}", self.server.worker.graphs)
        return Answer(200, _with_charset(chosen), rdf_bytes(triples, chosen, {"sd": SD, "formats": _FORMATS_NS}))

    def _body(self) -> bytes:
        lengths = self.headers.get_all("Content-Length") or []
        if len(lengths) > 1:
            self.close_connection = True
            raise _Refused(400, "give one Content-Length header")
        length = lengths[0] if lengths else None
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise _Refused(411, "send the body with a Content-Length, not chunked")
        if length is None:
            raise _Refused(411, "a POST needs a Content-Length")
        try:
            size = int(length)
        except ValueError:
            self.close_connection = True
            raise _Refused(400, "Content-Length is not a number") from None
        if size < 0 or size > MAX_BODY:
            self.close_connection = True  # the body is not read, so the connection cannot go on
            raise _Refused(413, f"the body is larger than {MAX_BODY} bytes")
        return self.rfile.read(size)

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        self._handle("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def do_OPTIONS(self) -> None:  # noqa: N802
        if not self.server.names_me(self.headers.get_all("Host") or []):
            self.close_connection = True
            self._send(_text(421, "this server answers only requests addressed to it"))
            return
        asked = self.headers.get("Access-Control-Request-Headers", "Content-Type, Accept")
        self._send(Answer(204, "text/plain", b"", (("Access-Control-Allow-Headers", asked),)))

    def _not_allowed(self) -> None:
        self._send(Answer(405, "text/plain; charset=utf-8", b"this endpoint is read-only: GET, HEAD, POST, OPTIONS\n",
                          (("Allow", "GET, HEAD, POST, OPTIONS"),)))

    do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)


class _SparqlHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], worker: _Worker, options: ServeOptions,
                 location: Path, quiet: bool) -> None:
        self.worker, self.options, self.location, self.quiet = worker, options, location, quiet
        self.connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, _Handler)
        self.port = int(self.server_address[1])
        self.host_names = host_names(options.host, str(self.server_address[0]))

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread for the connection, while there are fewer than MAX_CONNECTIONS; else 503."""
        if not self.connections.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                                b"Content-Length: 32\r\nConnection: close\r\n\r\ntoo many connections; try again\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def names_me(self, hosts: list[str]) -> bool:
        """Whether a request's Host header names this server (one header, its name, its port)."""
        if len(hosts) != 1:
            return False
        try:
            url = urllib.parse.urlsplit("//" + hosts[0].strip())
            port = url.port
        except ValueError:
            return False
        name = (url.hostname or "").lower()
        if port not in (None, self.port) or not name:
            return False
        if name in self.host_names:
            return True
        return "*" in self.host_names and _is_ip(name)

    def origins(self) -> set[str]:
        own = {f"http://{f'[{n}]' if ':' in n else n}:{self.port}" for n in self.host_names if n != "*"}
        return own | set(self.options.allow_origins)

    def about(self) -> str:
        return (f"kg: a read-only SPARQL 1.1 endpoint over {self.location} ({self.worker.triples} triples).\n"
                f"Query at /query: GET ?query=..., or POST a form or application/sparql-query.\n"
                f"Queries stop after {self.options.timeout:g}s; at most {self.options.max_rows} rows "
                f"(header Kg-Truncated when cut).\n")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_names(option: str, bound: str) -> frozenset[str]:
    """The names a request may give in its Host header: the address listened on as given and
    as bound; for a loopback address, localhost; for all addresses (0.0.0.0, ::), this
    machine's names and any IP address ("*")."""
    names = {option.strip("[]").lower(), bound.lower()}
    try:
        ip = ipaddress.ip_address(bound)
    except ValueError:
        return frozenset(names)
    if ip.is_loopback:
        names |= {"localhost", "127.0.0.1", "::1"}
    if ip.is_unspecified:
        names |= {"localhost", "*", socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


@dataclass(frozen=True)
class Server:
    """A running endpoint: its URL, and the means to serve and stop."""

    url: str
    triples: int
    httpd: _SparqlHTTPServer

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def shutdown(self) -> None:
        self.httpd.shutdown()


@contextmanager
def open_server(location: Path, options: ServeOptions = ServeOptions(), quiet: bool = False) -> Iterator[Server]:
    """Load the build in a worker process and listen; the caller serves, then leaves the block."""
    if not 0 < options.timeout <= MAX_TIMEOUT or options.max_rows < 1 or options.workers < 1 \
            or options.memory_mb < 1:
        raise ServeError(f"the time limit must be between 0 and {MAX_TIMEOUT} seconds, and the row cap and "
                         "the number of workers positive")
    worker = _Worker(location, options)
    try:
        try:
            httpd = _SparqlHTTPServer((options.host, options.port), worker, options, location, quiet)
        except OSError as exc:
            raise ServeError(f"cannot listen on {options.host}:{options.port}: {exc.strerror or exc}") from None
        host, port = str(httpd.server_address[0]), int(httpd.server_address[1])
        shown = f"[{host}]" if ":" in host else host
        try:
            yield Server(f"http://{shown}:{port}/query", worker.triples, httpd)
        finally:
            httpd.server_close()
    finally:
        worker.close()
