"""kg push and kg query --endpoint against a real Oxigraph server (the `oxigraph` binary of
the PyPI package `oxigraph`), started on a free loopback port for this module."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import EndpointError, QueryError
from kg.serving.endpoint import Endpoint, endpoint, push, run_remote_query
from kg.storage.query import QueryResult, StoredQuery, bind_values, find_query, query_bindings, run_query
from kg.storage.store import open_store

pytestmark = pytest.mark.slow  # an Oxigraph server in a subprocess

SCORED = ["officials", "visits", "meetings", "agreements", "organisations", "relations", "trade"]
INJECTION = 'x" } ; DROP ALL #'
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of an Oxigraph server with an empty store of its own."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("no 'oxigraph' server binary (pip install oxigraph, the 'test' extra)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    location = tmp_path_factory.mktemp("oxigraph-db")
    log = (location.parent / f"oxigraph-{port}.log").open("wb")
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while not _answers(base + "/"):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"oxigraph serve did not start (see {log.name})")
            time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def pushed(oxigraph: str, seed_graph: Path) -> Endpoint:
    target = endpoint(oxigraph)
    push(seed_graph, target)
    return target


def adhoc(text: str, params: tuple[tuple[str, str], ...] = ()) -> StoredQuery:
    return StoredQuery("adhoc", Path("adhoc.rq"), "", "", params, text)


def remote_count(target: Endpoint) -> int:
    return int(run_remote_query(target, adhoc(COUNT)).rows[0][0].value)  # type: ignore[union-attr]


def comparable(result: QueryResult) -> list[tuple[str, ...]]:
    """Rows as N-Triples text, in their order. The server's on-disk store joins a GROUP_CONCAT's
    values in another order than the in-memory one (``VN KG`` / ``KG VN``): kg sorts them, so
    the rows are equal as they are."""
    return [tuple(str(t) for t in row) for row in result.rows]


# ---------------------------------------------------------------- where requests go

def test_a_bare_address_is_an_oxigraph_server() -> None:
    assert endpoint("http://127.0.0.1:7878") == Endpoint("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store")
    assert endpoint("http://127.0.0.1:7878/") == Endpoint("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store")


def test_a_url_with_a_path_is_the_query_endpoint_and_the_store_is_given_apart() -> None:
    assert endpoint("http://h:3030/ds/sparql") == Endpoint("http://h:3030/ds/sparql", None)
    assert endpoint("http://h:3030/ds/sparql", "http://h:3030/ds/data") == \
        Endpoint("http://h:3030/ds/sparql", "http://h:3030/ds/data")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://h/x", "127.0.0.1:7878", "http://h/q#frag"])
def test_only_http_urls_are_followed(url: str) -> None:
    with pytest.raises(EndpointError, match="--endpoint"):
        endpoint(url)


def test_push_without_a_store_says_which_option_is_missing(seed_graph: Path) -> None:
    with pytest.raises(EndpointError, match="--store"):
        push(seed_graph, endpoint("http://127.0.0.1:9/ds/sparql"))


# ---------------------------------------------------------------- push

def test_push_writes_every_graph_and_the_ontology(oxigraph: str, seed_graph: Path) -> None:
    local = open_store(seed_graph, merged=False)  # the named graphs as built, nothing in the default graph
    summary = push(seed_graph, endpoint(oxigraph))
    assert summary.graphs == len(list(local.named_graphs()))
    assert summary.triples == len(local)
    assert remote_count(endpoint(oxigraph)) == len(local)


def test_pushing_again_replaces_and_never_duplicates(pushed: Endpoint, seed_graph: Path, runner: CliRunner) -> None:
    before = remote_count(pushed)
    result = runner.invoke(main, ["push", "--endpoint", pushed.query_url.removesuffix("/query"),
                                  "--graph", str(seed_graph)])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"Pushed \d+ graphs, {before:,} triples \([^)]+ inferred\) to {pushed.store_url} in \d+\.\d\ds: "
                        r"\d+ replaced, 0 added, 0 removed\n", result.output)
    assert remote_count(pushed) == before == len(open_store(seed_graph, merged=False))


def test_push_with_an_explicit_store_url(pushed: Endpoint, seed_graph: Path) -> None:
    assert pushed.store_url is not None
    summary = push(seed_graph, endpoint(None, pushed.store_url))
    assert summary.triples == remote_count(pushed)


# ---------------------------------------------------------------- remote queries

@pytest.mark.parametrize("name", SCORED)
def test_stored_query_gives_the_same_rows_remotely(pushed: Endpoint, seed_graph: Path, name: str) -> None:
    query = find_query(name)
    local = run_query(open_store(seed_graph), query)
    remote = run_remote_query(pushed, query)
    assert remote.columns == local.columns
    assert local.rows, name
    assert comparable(remote) == comparable(local)


def test_cli_query_through_the_endpoint(pushed: Endpoint, seed_graph: Path, runner: CliRunner) -> None:
    base = pushed.query_url.removesuffix("/query")
    remote = runner.invoke(main, ["query", "relations", "--endpoint", base, "--format", "csv"])
    local = runner.invoke(main, ["query", "relations", "--graph", str(seed_graph), "--format", "csv"])
    assert remote.exit_code == 0, remote.output
    assert local.exit_code == 0, local.output
    assert len(remote.output.splitlines()) > 1
    assert remote.output == local.output


def test_a_parameter_gives_the_same_rows_remotely(pushed: Endpoint, seed_graph: Path) -> None:
    query = find_query("person_timeline")
    local = run_query(open_store(seed_graph), query, {"name": "Tokayev"})
    remote = run_remote_query(pushed, query, {"name": "Tokayev"})
    assert local.rows and comparable(remote) == comparable(local)


def test_an_injection_string_is_a_literal_that_matches_nothing_and_changes_nothing(pushed: Endpoint) -> None:
    before = remote_count(pushed)
    query = find_query("person_timeline")
    result = run_remote_query(pushed, query, {"name": INJECTION})
    assert result.rows == ()
    assert remote_count(pushed) == before
    text = bind_values(query.text, query_bindings(query, {"name": INJECTION}))
    assert 'VALUES (?name) { ("x\\" } ; DROP ALL #") }' in text
    ox.Store().query(text)  # still one valid query


def test_an_iri_parameter_cannot_break_out(pushed: Endpoint) -> None:
    query = adhoc("SELECT ?p WHERE { ?s ?p ?o }", (("s", ""),))
    with pytest.raises(QueryError, match="bad IRI"):
        run_remote_query(pushed, query, {"s": "<http://x> } DROP ALL { <http://y>"})


def test_read_only_check_applies_to_remote_queries(pushed: Endpoint) -> None:
    before = remote_count(pushed)
    for text in ["DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", "DROP ALL",
                 "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"]:
        with pytest.raises(QueryError, match="refused"):
            run_remote_query(pushed, adhoc(text))
    assert remote_count(pushed) == before


# ---------------------------------------------------------------- where a VALUES block binds like the store

def test_values_open_the_where_group_past_braces_in_strings_comments_and_iris() -> None:
    text = ('# a { in a comment\nPREFIX ex: <http://ex/p#> SELECT ?n (CONCAT("{", ?n) AS ?m)\n'
            'WHERE { ?s ex:p ?n FILTER(?n = ?name) }')
    out = bind_values(text, {ox.Variable("name"): ox.Literal("a")})
    assert out.index('VALUES (?name) { ("a") }') > out.index("WHERE {")
    ox.Store().query(out)


def test_a_parameter_in_a_filter_exists_is_bound_there() -> None:
    text = "SELECT ?s WHERE { ?s ?p ?o FILTER EXISTS { ?s ?q ?v FILTER(?v = ?name) } }"
    assert "VALUES" in bind_values(text, {ox.Variable("name"): ox.Literal("a")})


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?name } } }",
    "SELECT ?s WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?v FILTER(?v = ?name) } }",
    "SELECT ?s WHERE { { ?s ?p ?o FILTER(?o = ?name) } UNION { ?s ?p ?o } }",
])
def test_a_parameter_a_values_block_would_not_bind_is_refused(text: str) -> None:
    with pytest.raises(QueryError, match="sub-query or nested group"):
        bind_values(text, {ox.Variable("name"): ox.Literal("a")})


def test_a_parameter_the_query_does_not_use_adds_nothing() -> None:
    text = "SELECT * WHERE { ?s ?p ?o }"
    assert bind_values(text, {ox.Variable("other"): ox.Literal("a")}) == text


def test_parameters_only_in_select_and_ask() -> None:
    with pytest.raises(QueryError, match="SELECT and ASK"):
        bind_values("CONSTRUCT { ?s ?p ?name } WHERE { ?s ?p ?name }", {ox.Variable("name"): ox.Literal("a")})


# ---------------------------------------------------------------- servers that refuse or are not there

def test_an_unreachable_server_is_a_clear_error(seed_graph: Path, runner: CliRunner) -> None:
    gone = f"http://127.0.0.1:{free_port()}"
    for args in (["push", "--endpoint", gone, "--graph", str(seed_graph)], ["query", "visits", "--endpoint", gone]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2
        assert "kg: error: cannot reach" in result.output and "Traceback" not in result.output


def test_a_refusing_server_is_a_clear_error(pushed: Endpoint, seed_graph: Path) -> None:
    with pytest.raises(EndpointError, match=r"refused graph <.*>: HTTP 404"):
        push(seed_graph, Endpoint(pushed.query_url, pushed.query_url.replace("/query", "/no-such-store")))


def test_an_answer_that_is_not_sparql_results_is_a_clear_error(pushed: Endpoint) -> None:
    assert pushed.store_url is not None
    with pytest.raises(EndpointError):
        run_remote_query(Endpoint(pushed.store_url, None), find_query("visits"))
