"""kg serve as SPARQL tools expect it: rdflib's SPARQLStore and SPARQLWrapper at their defaults
get the rows kg query gives; SELECT and ASK in JSON, XML, CSV and TSV by Accept; CONSTRUCT in
Turtle, N-Triples, RDF/XML and JSON-LD that parse back; a service description; and the requests
YASGUI sends from the served origin (simulated with urllib: no browser, no CDN)."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.storage.query import bind_parameters, list_columns, run_query, stored_queries
from kg.storage.store import open_store
from tests.serving.test_serve import Server, kg_serve

pytestmark = pytest.mark.slow  # a server in a subprocess

DIP = "https://w3id.org/vn-diplomacy/ontology#"
SELECT = f"SELECT ?s ?label WHERE {{ ?s a <{DIP}Visit> OPTIONAL {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }} }} ORDER BY ?s LIMIT 5"
CONSTRUCT = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s a <{DIP}Visit> ; ?p ?o }} LIMIT 40"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.fixture(scope="module")
def served(seed_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    """kg serve at its defaults (the row cap far above the seeds' answers), and its URL."""
    with kg_serve(seed_graph, tmp_path_factory.mktemp("serve"), "--quiet") as url:
        port = urllib.parse.urlsplit(url).port
        assert port is not None
        yield Server("127.0.0.1", port), url


def _plain(term: object) -> str | None:
    if term is None:
        return None
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)) else str(term)


def _local_rows(seed_graph: Path) -> Iterator[tuple[str, str, list[tuple[str | None, ...]]]]:
    """Each stored query that needs no parameter: its name, its text as sent, and kg query's rows."""
    store = open_store(seed_graph)
    for name, query in sorted(stored_queries().items()):
        if query.required:
            continue
        text, _ = bind_parameters(query, {})
        result = run_query(store, query)
        yield name, text, sorted((tuple(_plain(t) for t in row) for row in result.rows), key=repr)


def _as_kg_query(text: str, columns: list[str], rows: Iterator[tuple[str | None, ...]]) -> list[tuple[str | None, ...]]:
    """Rows of a remote answer as kg query shows them: the items of a GROUP_CONCAT sorted (their
    order is the store's), as ``kg query --endpoint`` does."""
    lists = list_columns(text)
    def cell(column: str, value: str | None) -> str | None:
        sep = lists.get(column)
        return sep.join(sorted(value.split(sep))) if sep and value is not None else value
    return sorted((tuple(cell(c, v) for c, v in zip(columns, row)) for row in rows), key=repr)


# ---------------------------------------------------------------- clients at their defaults

def test_rdflib_sparqlstore_gets_the_rows_kg_query_gives(served: tuple[Server, str], seed_graph: Path) -> None:
    store = SPARQLStore(served[1])  # its defaults: GET, Accept application/sparql-results+xml
    graph = rdflib.Graph(store=store)
    checked = 0
    for name, text, local in _local_rows(seed_graph):
        result = graph.query(text)
        columns = [str(v) for v in result.vars or []]
        remote = _as_kg_query(text, columns, (tuple(None if row[c] is None else str(row[c]) for c in columns)
                                              for row in result))
        assert remote == local, name
        checked += bool(local)
    assert checked >= 5


def test_sparqlwrapper_gets_the_rows_kg_query_gives(served: tuple[Server, str], seed_graph: Path) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper
    for name, text, local in _local_rows(seed_graph):
        default = SPARQLWrapper(served[1])  # its defaults: XML, with format=xml in the URL
        default.setQuery(text)
        document = default.query().convert()
        remote_xml = []
        for result in document.getElementsByTagName("result"):
            cells = {b.getAttribute("name"): b.firstChild.firstChild.data if b.firstChild.firstChild else ""
                     for b in (n for n in result.childNodes if getattr(n, "tagName", None) == "binding")}
            remote_xml.append(cells)
        as_json = SPARQLWrapper(served[1], returnFormat=JSON)
        as_json.setQuery(text)
        answer = as_json.query().convert()
        columns = answer["head"]["vars"]
        remote = _as_kg_query(text, columns, (tuple(b[c]["value"] if c in b else None for c in columns)
                                              for b in answer["results"]["bindings"]))
        assert remote == local, name
        assert _as_kg_query(text, columns, (tuple(r.get(c) for c in columns) for r in remote_xml)) == local, name


# ---------------------------------------------------------------- formats

@pytest.mark.parametrize("media, fmt", [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_and_ask_in_each_format_by_accept(served: tuple[Server, str], media: str,
                                                 fmt: ox.QueryResultsFormat) -> None:
    server = served[0]
    reference = [tuple(_plain(s[v]) for v in ("s", "label"))
                 for s in ox.parse_query_results(server.get(SELECT).body, format=ox.QueryResultsFormat.JSON)]
    reply = server.get(SELECT, accept=f"text/html;q=0.5, {media};q=0.9, */*;q=0.1")
    assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media
    if fmt == ox.QueryResultsFormat.CSV:  # plain values, which pyoxigraph does not read back
        header, *rows = csv.reader(io.StringIO(reply.text, newline=""))
        got = [tuple(cell or None for cell in row) for row in rows]
        assert header == ["s", "label"] and reply.text.endswith("\r\n")
    else:
        solutions = ox.parse_query_results(reply.body, format=fmt)
        assert isinstance(solutions, ox.QuerySolutions)
        got = [tuple(_plain(s[v]) for v in ("s", "label")) for s in solutions]
    assert got == reference and len(reference) == 5
    for ask, expected in (("ASK { ?s ?p ?o }", True), ("ASK { <urn:x:no> ?p ?o }", False)):
        reply = server.get(ask, accept=media)
        assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media
        if fmt in (ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV):
            assert reply.text.strip() == str(expected).lower()
        else:
            assert bool(ox.parse_query_results(reply.body, format=fmt)) is expected


@pytest.mark.parametrize("media, rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
    ("application/ld+json", "json-ld"),
])
def test_construct_in_each_rdf_format_parses_back(served: tuple[Server, str], media: str, rdflib_format: str) -> None:
    server = served[0]
    reference = rdflib.Graph().parse(data=server.get(CONSTRUCT, accept="application/n-triples").text, format="nt")
    assert len(reference) == 40
    reply = server.get(CONSTRUCT, accept=media)
    assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media
    got = rdflib.Graph().parse(data=reply.text, format=rdflib_format)
    assert rdflib.compare.isomorphic(got, reference)
    described = server.get(f"DESCRIBE ?s WHERE {{ ?s a <{DIP}Visit> }} LIMIT 1", accept=media)
    assert described.status == 200 and len(rdflib.Graph().parse(data=described.text, format=rdflib_format)) > 0


def test_json_ld_is_compact_with_kg_s_context(served: tuple[Server, str]) -> None:
    document = served[0].get(CONSTRUCT, accept="application/ld+json").json
    assert document["@context"]["dip"] == DIP
    types = [node.get("@type", []) for node in document["@graph"]]
    assert any("dip:Visit" in (t if isinstance(t, list) else [t]) for t in types), types


def test_the_format_parameter_stands_for_accept(served: tuple[Server, str]) -> None:
    server = served[0]
    for name, media in (("xml", "application/sparql-results+xml"), ("json", "application/sparql-results+json"),
                        ("csv", "text/csv"), ("tsv", "text/tab-separated-values")):
        reply = server.call("GET", "/query?" + urllib.parse.urlencode({"query": SELECT, "format": name}),
                            headers={"Accept": "application/sparql-results+json"})
        assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media
    rdf = server.call("GET", "/query?" + urllib.parse.urlencode({"query": CONSTRUCT, "format": "xml"}))
    assert rdf.headers["content-type"].startswith("application/rdf+xml")
    bad = server.call("GET", "/query?" + urllib.parse.urlencode({"query": SELECT, "format": "yaml"}))
    assert bad.status == 400 and "unknown format" in bad.text


def test_a_type_nobody_offers_is_406(served: tuple[Server, str]) -> None:
    assert served[0].get(SELECT, accept="image/png").status == 406
    assert served[0].get(CONSTRUCT, accept="text/csv").status == 406


# ---------------------------------------------------------------- the service description

def test_the_service_description_parses(served: tuple[Server, str]) -> None:
    server, url = served
    for accept, fmt in (("", "turtle"), ("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                        ("application/ld+json", "json-ld")):
        reply = server.call("GET", "/query", headers={"Accept": accept} if accept else {})
        assert reply.status == 200, reply.text
        graph = rdflib.Graph().parse(data=reply.text, format=fmt)
        me = rdflib.URIRef(url)
        assert (me, rdflib.RDF.type, SD.Service) in graph and (me, SD.endpoint, me) in graph
        formats = {str(o).rsplit("/", 1)[1] for o in graph.objects(me, SD.resultFormat)}
        assert {"SPARQL_Results_XML", "SPARQL_Results_JSON", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "RDF_XML", "JSON-LD"} <= formats
        names = set(graph.objects(None, SD.name))
        assert rdflib.URIRef("https://w3id.org/vn-diplomacy/id/graph/ontology") in names
    head = server.call("HEAD", "/query")
    assert head.status == 200 and head.body == b"" and head.headers["content-type"].startswith("text/turtle")
    # a browser at / gets a few lines of text
    page = server.call("GET", "/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status == 200 and page.text.startswith("kg: a read-only SPARQL 1.1 endpoint")


# ---------------------------------------------------------------- YASGUI's requests

def test_yasgui_s_requests_from_the_served_origin(served: tuple[Server, str]) -> None:
    """YASGUI POSTs a form with Accept 'application/sparql-results+json,*/*;q=0.9' (CONSTRUCT:
    Turtle first); a page of the served origin may read the answers; a preflight is answered."""
    server, url = served
    origin = f"http://127.0.0.1:{server.port}"
    preflight = server.call("OPTIONS", headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                                "Access-Control-Request-Headers": "content-type,accept"})
    assert preflight.status == 204 and preflight.headers["access-control-allow-origin"] == origin
    assert "POST" in preflight.headers["access-control-allow-methods"]
    for query, accept, media in (
            (SELECT, "application/sparql-results+json,*/*;q=0.9", "application/sparql-results+json"),
            ("ASK { ?s ?p ?o }", "application/sparql-results+json,*/*;q=0.9", "application/sparql-results+json"),
            (CONSTRUCT, "text/turtle,*/*;q=0.9", "text/turtle")):
        request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(), method="POST",
                                         headers={"Accept": accept, "Origin": origin,
                                                  "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
        with urllib.request.urlopen(request, timeout=30) as reply:
            assert reply.status == 200 and reply.headers["Content-Type"].split(";")[0] == media
            assert reply.headers["Access-Control-Allow-Origin"] == origin
            body = reply.read()
        if media.endswith("json"):
            assert "head" in json.loads(body)
