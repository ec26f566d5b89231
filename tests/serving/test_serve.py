"""kg serve: the seed build as a read-only SPARQL endpoint, run as a user runs it (a
subprocess on a free loopback port), asked over HTTP."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kg.storage.query import find_query, format_result, run_query
from kg.storage.store import open_store

pytestmark = pytest.mark.slow  # a server in a subprocess

TIMEOUT = 1.0
MAX_ROWS = 50
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass(frozen=True)
class Server:
    host: str
    port: int

    def call(self, method: str, path: str = "/query", body: bytes | None = None,
             headers: dict[str, str] | None = None) -> Reply:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT + 10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            conn.close()

    def get(self, query: str, accept: str = "application/sparql-results+json") -> Reply:
        return self.call("GET", "/query?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})

    def post_form(self, query: str, **extra: str) -> Reply:
        return self.call("POST", body=urllib.parse.urlencode({"query": query, **extra}).encode(),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})

    def post_query(self, body: bytes, content_type: str = "application/sparql-query") -> Reply:
        return self.call("POST", body=body, headers={"Content-Type": content_type})

    def count(self) -> int:
        reply = self.get(COUNT)
        assert reply.status == 200, reply.text
        return int(reply.json["results"]["bindings"][0]["n"]["value"])


def _first_line(proc: subprocess.Popen[bytes], seconds: float) -> str:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        if not sel.select(seconds):
            return ""
    return proc.stdout.readline().decode("utf-8")


@contextlib.contextmanager
def kg_serve(graph: Path, log_dir: Path, *options: str) -> Iterator[str]:
    """``kg serve`` of ``graph`` on a free port of 127.0.0.1 with ``options``, in a process of its
    own (its stderr in ``log_dir``): the URL it says it serves at, until it is stopped (Ctrl-C)."""
    log = (log_dir / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--graph", str(graph), "--host", "127.0.0.1", "--port", "0", *options],
        stdout=subprocess.PIPE, stderr=log,
    )
    try:
        line = _first_line(proc, 30)
        url = line.split(" at ")[-1].split(";")[0] if " at " in line else ""
        if not url or urllib.parse.urlsplit(url).port is None:
            pytest.fail(f"kg serve did not start: {line!r} (see {log.name})")
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def server(seed_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with kg_serve(seed_graph, tmp_path_factory.mktemp("serve"), "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS),
                  "--quiet", "--allow-origin", "http://yasgui.example") as url:
        port = urllib.parse.urlsplit(url).port
        assert port is not None
        yield Server("127.0.0.1", port)


def bindings(reply: Reply) -> list[dict]:
    assert reply.status == 200, reply.text
    return reply.json["results"]["bindings"]


# ---------------------------------------------------------------- answers

def test_select_through_get_and_both_posts(server: Server) -> None:
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/vn-diplomacy/ontology#Visit> } ORDER BY ?s"
    got = bindings(server.get(query))
    assert got and got == bindings(server.post_form(query)) == bindings(server.post_query(query.encode()))


def test_a_stored_query_gives_the_rows_kg_query_gives(server: Server, seed_graph: Path) -> None:
    query = find_query("visits")
    local = json.loads(format_result(run_query(open_store(seed_graph), query), "json"))
    assert server.post_form(query.text).json == local


def test_csv_and_tsv_by_accept(server: Server) -> None:
    query = 'SELECT ?code WHERE { ?s <https://w3id.org/vn-diplomacy/ontology#code> ?code FILTER(?code = "VN") } LIMIT 1'
    csv = server.get(query, accept="text/csv")
    assert csv.headers["content-type"].startswith("text/csv") and csv.text == "code\r\nVN\r\n"
    tsv = server.get(query, accept="text/tab-separated-values")
    assert tsv.headers["content-type"].startswith("text/tab-separated-values") and tsv.text == '?code\n"VN"\n'
    assert server.get(query, accept="image/png").status == 406


def test_ask_and_construct(server: Server) -> None:
    assert server.get("ASK { ?s ?p ?o }").json == {"head": {}, "boolean": True}
    reply = server.get("CONSTRUCT WHERE { ?s a <https://w3id.org/vn-diplomacy/ontology#Visit> } LIMIT 2",
                       accept="application/n-triples")
    assert reply.status == 200 and reply.text.count(" .\n") == 2


def test_cors_headers_and_preflight(server: Server) -> None:
    assert "access-control-allow-origin" not in server.get("ASK {}").headers
    reply = server.call("OPTIONS", headers={"Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST",
                                            "Access-Control-Request-Headers": "content-type"})
    assert reply.status == 204
    assert reply.headers["access-control-allow-origin"] == "http://yasgui.example"
    assert "POST" in reply.headers["access-control-allow-methods"]
    assert reply.headers["access-control-allow-headers"] == "content-type"
    assert "Kg-Truncated" in reply.headers["access-control-expose-headers"]


# ---------------------------------------------------------------- refusals

@pytest.mark.parametrize("query", [
    "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "CLEAR ALL",
    "DROP ALL",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { FILTER(1<2)SERVICE<http://127.0.0.1:9/sparql>{?s ?p ?o}FILTER(2>1) }",
    "SELECT * WHERE { FILTER(1<2#>'''\n)SERVICE<http://127.0.0.1:9/sparql>{?s ?p ?o} #'''\n}",
    "PREFIX : <http://127.0.0.1:9/sparql#> SELECT * WHERE { service:x{ ?s ?p ?o } }",
])
def test_updates_and_service_are_refused(server: Server, query: str) -> None:
    before = server.count()
    for reply in (server.get(query), server.post_form(query), server.post_query(query.encode())):
        assert reply.status == 403 and reply.text.startswith("refused:"), reply.text
    assert server.count() == before


def test_read_queries_with_keyword_like_names_are_answered(server: Server) -> None:
    for query in ("PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:load ?o }",
                  "PREFIX as: <https://www.w3.org/ns/activitystreams#> SELECT * WHERE { ?a a as:Create }",
                  'SELECT ("SERVICE <x:y> {}" AS ?x) WHERE {}'):
        for reply in (server.get(query), server.post_form(query), server.post_query(query.encode())):
            assert reply.status == 200, reply.text


def test_the_update_operation_is_refused(server: Server) -> None:
    assert server.post_query(b"DROP ALL", "application/sparql-update").status == 403
    assert server.call("POST", body=b"update=DROP+ALL",
                       headers={"Content-Type": "application/x-www-form-urlencoded"}).status == 403
    assert server.call("PUT", body=b"").status == 405


def test_malformed_requests_answer_4xx_with_a_message(server: Server) -> None:
    cases = {
        "no query": (server.call("GET", "/query?default-graph-uri=urn%3Ax%3Ag"), 400),  # none at all: the description
        "empty query": (server.post_form(""), 400),
        "bad SPARQL": (server.get("SELECT WHERE {"), 400),
        "bad percent-encoding": (server.call("GET", "/query?query=%FF%FE"), 400),
        "body not UTF-8": (server.post_query(b"SELECT * WHERE { ?s ?p \xff }"), 400),
        "two queries": (server.call("GET", "/query?query=ASK{}&query=ASK{}"), 400),
        "unknown body type": (server.post_query(b"ASK {}", "text/plain"), 415),
        "unknown path": (server.call("GET", "/admin"), 404),
        "bad graph IRI": (server.call("GET", "/query?query=ASK{}&default-graph-uri=not%20an%20iri"), 400),
    }
    for what, (reply, status) in cases.items():
        assert reply.status == status, (what, reply.status, reply.text)
        assert reply.text.strip() and "Traceback" not in reply.text, what
    assert server.count() > 0  # still answering


def test_a_huge_body_is_refused_unread(server: Server) -> None:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
    try:
        conn.putrequest("POST", "/query")
        conn.putheader("Content-Type", "application/sparql-query")
        conn.putheader("Content-Length", str(50_000_000))
        conn.endheaders(b"SELECT")
        reply = conn.getresponse()
        assert reply.status == 413 and b"larger than" in reply.read()
    finally:
        conn.close()
    assert server.count() > 0


# ---------------------------------------------------------------- limits

def test_a_slow_query_hits_the_time_limit_and_the_server_goes_on(server: Server) -> None:
    start = time.monotonic()
    reply = server.get(SLOW)
    took = time.monotonic() - start
    assert reply.status == 503 and "ran out of time" in reply.text
    assert TIMEOUT * 0.9 <= took < TIMEOUT + 3
    assert server.count() > 0


def test_the_row_cap_cuts_and_says_so(server: Server) -> None:
    reply = server.get("SELECT * WHERE { ?s ?p ?o }")
    assert len(bindings(reply)) == MAX_ROWS
    assert reply.headers["kg-truncated"] == "true" and reply.headers["kg-max-rows"] == str(MAX_ROWS)
    small = server.get("SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    assert len(bindings(small)) == 10 and "kg-truncated" not in small.headers


def test_default_graph_is_the_union_unless_the_protocol_names_graphs(server: Server) -> None:
    # the merge of the named graphs: a triple two articles state is there once
    union = server.get("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    distinct = server.get("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    assert int(bindings(union)[0]["n"]["value"]) == int(bindings(distinct)[0]["n"]["value"]) < server.count()
    path = "/query?" + urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                                "default-graph-uri": "https://w3id.org/vn-diplomacy/id/graph/ontology"})
    ontology = server.call("GET", path, headers={"Accept": "application/sparql-results+json"})
    assert 0 < int(bindings(ontology)[0]["n"]["value"]) < server.count()


def test_the_worker_process_ends_with_the_server(seed_graph: Path) -> None:
    """Killed outright, the server leaves no worker behind: the worker sees its pipe close."""
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--graph", str(seed_graph), "--port", "0", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert "Serving" in _first_line(proc, 30)
        children = _children(proc.pid)
        assert children
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in children)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        pytest.skip("no /proc to list child processes")
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    if state == "Z":  # finished, waiting for init to reap it
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# ---------------------------------------------------------------- who may ask

@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "10.0.0.1:{port}", "", "[::1"])
def test_a_request_that_does_not_name_the_server_gets_421(server: Server, host: str) -> None:
    reply = server.call("GET", "/query?query=ASK%7B%7D", headers={"Host": host.format(port=server.port)})
    assert reply.status == 421 and "Host must be one of" in reply.text


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST", "[::1]:{port}"])
def test_the_server_s_own_names_are_answered(server: Server, host: str) -> None:
    reply = server.call("GET", "/query?query=ASK%7B%7D", headers={"Host": host.format(port=server.port)})
    assert reply.status == 200


def test_only_the_own_origin_and_the_allowed_one_may_read(server: Server) -> None:
    own = f"http://127.0.0.1:{server.port}"
    for origin, allowed in ((own, True), ("http://yasgui.example", True), ("http://evil.example", False),
                            ("null", False)):
        reply = server.call("GET", "/query?query=ASK%7B%7D", headers={"Origin": origin})
        assert reply.headers.get("access-control-allow-origin") == (origin if allowed else None), origin
        assert reply.headers["vary"] == "Origin"


def test_head_answers_as_get_without_a_body(server: Server) -> None:
    get = server.call("GET", "/query?query=ASK%7B%7D")
    head = server.call("HEAD", "/query?query=ASK%7B%7D")
    assert head.status == 200 and head.body == b""
    assert head.headers["content-length"] == get.headers["content-length"]


def test_two_content_lengths_are_refused(server: Server) -> None:
    import socket
    with socket.create_connection((server.host, server.port), timeout=10) as conn:
        conn.sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 9\r\nContent-Length: 40\r\n\r\nASK { }\r\n")
        assert conn.recv(200).startswith(b"HTTP/1.1 400")


def test_a_time_limit_no_alarm_can_keep_is_refused_at_start(seed_graph: Path) -> None:
    from kg.serving.serve import ServeError, ServeOptions, open_server
    with pytest.raises(ServeError, match="time limit"):
        with open_server(seed_graph, ServeOptions(port=0, timeout=1e308)):
            pass


# ---------------------------------------------------------------- a service that holds

@contextmanager
def _in_process(seed_graph: Path, **options: Any) -> Iterator[Server]:
    from kg.serving.serve import ServeOptions, open_server
    with open_server(seed_graph, ServeOptions(port=0, **options), quiet=True) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        try:
            yield Server("127.0.0.1", int(running.url.split(":")[2].split("/")[0]))
        finally:
            running.shutdown()
            thread.join(timeout=10)


def test_a_worker_that_dies_is_started_again(seed_graph: Path) -> None:
    import kg.serving.serve
    workers: list[Any] = []
    original = kg.serving.serve._Worker.__init__

    def remember(self: Any, *args: Any) -> None:
        original(self, *args)
        workers.append(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(kg.serving.serve._Worker, "__init__", remember)
        with _in_process(seed_graph) as server:
            assert server.count() > 0
            os.kill(workers[0].process.pid, signal.SIGKILL)
            workers[0].process.join(timeout=10)
            assert server.count() > 0  # not 500 for ever


def test_idle_connections_are_dropped_and_their_number_bounded(seed_graph: Path) -> None:
    import socket

    import kg.serving.serve
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(kg.serving.serve, "MAX_CONNECTIONS", 2)
        mp.setattr(kg.serving.serve._Handler, "timeout", 1.0)
        with _in_process(seed_graph) as server:
            idle = [socket.create_connection((server.host, server.port), timeout=10) for _ in range(2)]
            time.sleep(0.3)
            with socket.create_connection((server.host, server.port), timeout=10) as third:
                assert third.recv(100).startswith(b"HTTP/1.1 503")
            for conn in idle:  # dropped by the server once idle for its timeout
                assert conn.recv(100) == b""
                conn.close()
            assert server.count() > 0


def test_a_query_that_takes_too_much_memory_is_stopped(seed_graph: Path) -> None:
    hungry = ("SELECT (GROUP_CONCAT(?x) AS ?y) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
              "BIND(CONCAT(STR(?c), STR(?f), STR(?i)) AS ?x) }")
    with _in_process(seed_graph, memory_mb=64, timeout=60.0) as server:
        start = time.monotonic()
        reply = server.get(hungry)
        assert reply.status == 500 and "64 MB of memory" in reply.text, reply.text
        assert time.monotonic() - start < 30
        assert server.count() > 0
