"""The query screen (kg/query_screen.py) decides from a full lexer of SPARQL's terminals: SERVICE
hidden every way the grammar (and Oxigraph's parser) allows is refused; keywords inside strings,
long strings, IRIs, comments and prefixed names are not keywords. The property tests check the
decision against Oxigraph itself: a query the screen lets through never reaches a listening
endpoint."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.storage.query import stored_queries
from kg.storage.query_screen import check_read_only, refused_keyword

URL = "http://127.0.0.1:9/sparql"

HIDDEN = [
    f"SELECT * WHERE {{ SERVICE <{URL}> {{ ?s ?p ?o }} }}",
    f"select * where {{ service silent <{URL}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE { FILTER(1<2)SERVICE?x{ ?s ?p ?o }FILTER(2>1) }",
    f"SELECT * WHERE {{ FILTER(1<2)SERVICE<{URL}>{{?s ?p ?o}} }}",
    f"SELECT * WHERE {{ FILTER(1<2#>'''\n)SERVICE<{URL}>{{?s ?p ?o}} #'''\n}}",
    f"SELECT * WHERE {{ FILTER(1<2)SERVICE#>\n<{URL}>{{?s ?p ?o}} }}",
    f"SELECT * WHERE {{ VALUES ?s {{1}} FILTER(?s<'x>')SERVICE<{URL}>{{?s ?p ?o}} FILTER(1>'x') }}",
    f"SELECT * WHERE {{ # a comment\nSERVICE <{URL}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ OPTIONAL{{}}SERVICE<{URL}>{{?s ?p ?o}} }}",
    f"SELECT * WHERE {{ FILTER(true)SERVICE<{URL}>{{?s ?p ?o}} }}",
    f"SELECT * WHERE {{ ?s ?p 1.SERVICE<{URL}>{{?s ?p ?o}} }}",
    f"SELECT * WHERE {{ ?s ?p \"x\"SERVICE<{URL}>{{?s ?p ?o}} }}",
    f"SELECT * WHERE {{ ?s ?p trueSERVICE<{URL}>{{?s ?p ?o}} }}",
    f"PREFIX : <{URL}#> SELECT * WHERE {{ SERVICE:x{{ ?s ?p ?o }} }}",
    f"PREFIX x: <{URL}#> SELECT * WHERE {{ SERVICEx:y{{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ BIND(\"a\" AS ?x) SeRvIcE <{URL}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{URL}> {{ ?s ?p ?o }} }} }} }}",
    f"ASK {{ FILTER EXISTS {{ SERVICE <{URL}> {{ ?s ?p ?o }} }} }}",
]

ACCEPTED = [
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:load ?o }",
    "PREFIX as: <https://www.w3.org/ns/activitystreams#> SELECT * WHERE { ?a a as:Create }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:SERVICE ?o ; ex:insert ?x }",
    'SELECT ("SERVICE <x:y> { }" AS ?a) (\'LOAD\' AS ?b) WHERE {}',
    'SELECT ("""\nSERVICE <x:y> {} "" \n""" AS ?a) (\'\'\'DELETE \' \'\' INSERT\'\'\' AS ?b) WHERE {}',
    "SELECT * WHERE { # SERVICE <http://x/> { ?s ?p ?o }\n ?s ?p ?o }",
    "SELECT * WHERE { ?s <http://example.org/service> ?o . ?s <https://schema.org/Service> ?x }",
    "SELECT * WHERE { ?s <http://dbpedia.org/resource/C\u00f4te_d'Ivoire> ?o }",
    "SELECT ?service ?load WHERE { ?service ?p ?load }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    "SELECT * WHERE { << ?s ?p ?o >> ?q ?r }",
    "SELECT * WHERE { ?s ?p ?o LATERAL { SELECT ?x WHERE { ?s ?q ?x } LIMIT 1 } }",
    'SELECT * WHERE { BIND("a"@en--ltr AS ?x) }',
    "SELECT * WHERE { ?s <urn:x:service> ?o }",
]


@pytest.mark.parametrize("text", HIDDEN)
def test_service_hidden_every_way_is_refused(text: str) -> None:
    assert refused_keyword(text) == "SERVICE"
    with pytest.raises(QueryError, match="uses SERVICE, which reaches another endpoint"):
        check_read_only(text)


@pytest.mark.parametrize("text", ACCEPTED)
def test_read_queries_the_store_accepts_are_accepted(text: str) -> None:
    assert refused_keyword(text) is None
    ox.Store().query(text)  # and the store reads them


def test_every_stored_query_is_accepted() -> None:
    for query in stored_queries().values():
        assert refused_keyword(query.text) is None, query.name


@pytest.mark.parametrize("text", ["INSERT DATA { <x:a> <x:b> <x:c> }", "LOAD <http://x/>", "clear all",
                                  "WITH <x:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DROP GRAPH <x:g>"])
def test_updates_are_refused(text: str) -> None:
    assert refused_keyword(text) in {"INSERT", "LOAD", "CLEAR", "WITH", "DROP"}


def test_the_screen_is_linear() -> None:
    import time
    text = "SELECT * WHERE { FILTER(" + "1<2 && " * 20000 + "true) " + "?s <http://x/y#z> ?o . " * 5000 + "}"
    start = time.perf_counter()
    assert refused_keyword(text) is None
    assert time.perf_counter() - start < 5
    # each '<' read as less-than starts a comment that runs to the end of the one long line
    for unit in ("<#>", "<" + "'" * 3, "<'a", "<x:a>"):
        start = time.perf_counter()
        refused_keyword("SELECT * WHERE { " + unit * (100_000 // len(unit)) + " }")
        assert time.perf_counter() - start < 5, unit


@pytest.mark.parametrize("text", HIDDEN[2:8])
def test_kg_query_of_a_file_refuses_hidden_service(text: str, seed_graph: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main
    path = tmp_path / "mine.rq"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(path), "--graph", str(seed_graph)])
    assert result.exit_code == 2
    assert "refused: the query uses SERVICE, which reaches another endpoint" in result.stderr


# ---------------------------------------------------------------- properties

KEYWORDS = st.sampled_from(["SERVICE", "service", "Service", "LOAD", "load", "INSERT", "delete", "SeRvIcE"])


def _string_forms(word: str) -> list[str]:
    return [f'"{word} <x:y> {{ }}"', f"'{word}'", f'"""{word}\n"" {word} "\n"""', f"'''{word} ' '' {word}'''",
            f'"\\"{word}\\""']


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(word=KEYWORDS, form=st.integers(0, 4), where=st.sampled_from(["select", "filter", "bind"]))
def test_keywords_inside_strings_are_not_keywords(word: str, form: int, where: str) -> None:
    literal = _string_forms(word)[form]
    text = {"select": f"SELECT ({literal} AS ?x) WHERE {{}}",
            "filter": f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o != {literal}) }}",
            "bind": f"SELECT * WHERE {{ BIND({literal} AS ?x) }}"}[where]
    ox.Store().query(text)
    assert refused_keyword(text) is None


@settings(max_examples=200)
@given(word=KEYWORDS, iri=st.sampled_from(["http://example.org/{}", "https://x.org/a#{}", "urn:x:{}", "http://x/a?q={}"]),
       pname=st.sampled_from(["ex:{}", "ex:a.{}", "ex:{}-x", "ex:{}%20"]))
def test_keywords_inside_iris_comments_and_local_names_are_not_keywords(word: str, iri: str, pname: str) -> None:
    text = (f"PREFIX ex: <http://example.org/>\n# {word} <{URL}> {{ }}\n"
            f"SELECT * WHERE {{ ?s <{iri.format(word)}> {pname.format(word)} . # {word}\n}}")
    ox.Store().query(text)
    assert refused_keyword(text) is None


BEFORE = st.sampled_from(["", " ", "\n", "# note\n", "FILTER(1<2)", "FILTER(true)", "OPTIONAL{}", "{}", "?a ?b ?c .",
                          "?a ?b 1.", "?a ?b \"x\"", "BIND(1 AS ?z)", "FILTER(?v<'x>')", "VALUES ?q {1}", "MINUS{}"])
AFTER = st.sampled_from(["", " ", "FILTER(2>1)", "#'''\n", ". ?a ?b ?c", "}UNION{}"])
TARGET = st.sampled_from([f"<{URL}>", "?x", "ex:x", ":x"])
GAP = st.sampled_from(["", " ", "\n", "\t", "#c\n", "  #>\n"])


@settings(max_examples=300)
@given(before=BEFORE, after=AFTER, target=TARGET, gap=GAP, silent=st.booleans(),
       word=st.sampled_from(["SERVICE", "service", "sErViCe"]))
def test_service_however_written_is_refused(before: str, after: str, target: str, gap: str, silent: bool,
                                            word: str) -> None:
    text = (f"PREFIX ex: <{URL}#> PREFIX : <{URL}#>\nSELECT * WHERE {{ {before}{word}{gap}"
            f"{'SILENT' + gap if silent else ''}{target}{gap}{{ ?s ?p ?o }}{after} }}")
    assert refused_keyword(text) == "SERVICE"


# ---------------------------------------------------------------- against the store itself

@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[str, list[int]]]:
    """An endpoint that counts the connections made to it and answers one row."""
    hits: list[int] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"literal","value":"x"}}]}}'

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            hits.append(1)
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                         b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", hits
    server.close()


PIECES = ["SERVICE", "service", "SILENT", "<URL>", "?x", "?s ?p ?o", "{", "}", "(", ")", "<", ">", "1", "2", "'", '"',
          "'''", '"""', "#", "\n", " ", ".", ":", "x:", "FILTER", "true", "BIND", "AS", "OPTIONAL", "UNION", "&&", "/",
          "=", "a", "ex:p", "\\u0053", "\\", "@en", "^^", ";", ",", "[", "]", "|", "*", "+", "-", "$y", "_:b"]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
def test_a_query_the_screen_lets_through_never_reaches_an_endpoint(pieces: list[str],
                                                                    listener: tuple[str, list[int]]) -> None:
    url, hits = listener
    body = "".join(pieces).replace("URL", url)
    text = f"PREFIX x: <{url}#> PREFIX : <{url}#> PREFIX ex: <{url}#>\nSELECT * WHERE {{ BIND(1 AS ?s) {body} }}"
    if refused_keyword(text) is not None:
        return
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("1")))
    before = len(hits)
    try:
        list(store.query(text))  # type: ignore[arg-type]
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    assert len(hits) == before, text
