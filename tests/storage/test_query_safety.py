"""`kg query` runs read queries only, binds parameters as RDF terms, and looks names up among
the stored queries: what a user sees for each refused form, an injection attempt and a path
escape, and that the graph is unchanged afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

REFUSED = {
    "INSERT": ("PREFIX dip: <https://w3id.org/vn-diplomacy/ontology#>\n"
               "INSERT DATA { <urn:x> dip:code \"XX\" }", "would change data"),
    "DELETE": ("DELETE WHERE { ?s ?p ?o }", "would change data"),
    "DELETE (lower case)": ("delete { ?s ?p ?o } where { ?s ?p ?o }", "would change data"),
    "LOAD": ("LOAD <http://127.0.0.1:9/data.ttl>", "would change data"),
    "CLEAR": ("CLEAR ALL", "would change data"),
    "DROP": ("DROP GRAPH <urn:g>", "would change data"),
    "SERVICE": ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "reaches another endpoint"),
    "SERVICE SILENT": ("SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                       "reaches another endpoint"),
}


def _query_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.rq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("form", sorted(REFUSED))
def test_each_update_form_and_service_is_refused(form: str, seed_graph: Path, tmp_path: Path,
                                                  runner: CliRunner) -> None:
    text, why = REFUSED[form]
    before = (seed_graph / "graph.trig").read_bytes()
    result = runner.invoke(main, ["query", str(_query_file(tmp_path, text)), "--graph", str(seed_graph)])
    assert result.exit_code == 2
    word = form.split()[0]
    assert result.stderr.strip() == f"kg: error: refused: the query uses {word}, which {why}; only read queries run here"
    assert (seed_graph / "graph.trig").read_bytes() == before


def test_keywords_inside_strings_comments_and_names_are_not_refused(seed_graph: Path, tmp_path: Path,
                                                                     runner: CliRunner) -> None:
    text = ('# DELETE and INSERT in a comment are words\n'
            'SELECT ?insert ("LOAD CLEAR SERVICE" AS ?words) WHERE { BIND(<urn:delete> AS ?insert) }')
    result = runner.invoke(main, ["query", str(_query_file(tmp_path, text)), "--graph", str(seed_graph),
                                  "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["insert,words", "urn:delete,LOAD CLEAR SERVICE"]


def test_from_a_file_iri_reads_no_file(seed_graph: Path, tmp_path: Path, runner: CliRunner) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text('<urn:a> <urn:b> "the secret" .\n', encoding="utf-8")
    text = f"SELECT ?o FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"
    result = runner.invoke(main, ["query", str(_query_file(tmp_path, text)), "--graph", str(seed_graph),
                                  "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "the secret" not in result.output
    assert result.output.splitlines() == ["o"]  # FROM names a graph of the store; there is none such


INJECTIONS = [
    'x" } ; DROP ALL #',
    'x") } DELETE WHERE { ?s ?p ?o } #',
    "Tokayev' . ?p ?q ?r } #",
    "<https://w3id.org/vn-diplomacy/id/person/x> } DROP ALL {",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_an_injection_in_a_parameter_is_a_string_that_matches_nothing(value: str, seed_graph: Path,
                                                                       runner: CliRunner) -> None:
    before = (seed_graph / "graph.trig").read_bytes()
    result = runner.invoke(main, ["query", "person_timeline", "--graph", str(seed_graph),
                                  "--param", f"name={value}", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["date,person,event,what,with,status,source,name"]
    assert (seed_graph / "graph.trig").read_bytes() == before


def test_an_iri_parameter_that_is_not_an_iri_is_a_clear_error(seed_graph: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "evidence", "--graph", str(seed_graph),
                                  "--param", "fact=<urn:x> } DROP ALL { <urn:y>"])
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: bad IRI parameter <urn:x> } DROP ALL { <urn:y>")


@pytest.mark.parametrize("name", ["../queries/visits", "../../etc/passwd", "/etc/passwd", "visits/../../x",
                                  "..", "visits\x00", "VISITS;rm"])
def test_a_query_name_cannot_escape_the_stored_queries(name: str, seed_graph: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", name, "--graph", str(seed_graph)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"kg: error: {name!r} is not a stored query name (letters, digits, '-' and '_'); see 'kg query --list'")


def test_a_query_file_that_is_not_utf8_or_not_sparql(seed_graph: Path, tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_bytes(b"SELECT \xff WHERE {}")
    result = runner.invoke(main, ["query", str(bad), "--graph", str(seed_graph)])
    assert result.exit_code == 2 and result.stderr.startswith(f"kg: error: cannot read query file {bad}")
    wrong = _query_file(tmp_path, "SELECT WHERE nothing")
    result = runner.invoke(main, ["query", str(wrong), "--graph", str(seed_graph)])
    assert result.exit_code == 2 and result.stderr.startswith("kg: error: query 'mine' is not valid SPARQL")


def test_article_text_cannot_drive_the_terminal_or_break_a_markdown_table(tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    hostile = ("Chiều 3/3/2025, Thủ tướng Phạm Minh Chính đã điện đàm với Thủ tướng Kyrgyzstan Adylbek Kasymaliev"
               " \x1b[2J\x1b]0;owned\x07 | <b>x</b>.\n")
    (articles / "a.txt").write_text(hostile, encoding="utf-8")
    assert runner.invoke(main, ["build", "--articles", str(articles), "--out", str(tmp_path / "out")]).exit_code == 0
    fact = "fact=meeting/phone-call-adylbek-kasymaliev-pham-minh-chinh-2025"
    table = runner.invoke(main, ["query", "evidence", "--graph", str(tmp_path / "out"), "--param", fact])
    assert table.exit_code == 0, table.output
    assert "\x1b" not in table.output and "\x07" not in table.output
    assert "Thủ tướng Phạm Minh Chính" in table.output
    markdown = runner.invoke(main, ["query", "evidence", "--graph", str(tmp_path / "out"), "--param", fact,
                                    "--format", "markdown"])
    row = markdown.output.splitlines()[2]
    assert "\x1b" not in row and "<b>" not in row and "&lt;b&gt;x&lt;/b&gt;" in row
    assert row.count(" | ") == 4 and "\\|" in row  # five cells: the text's own bar is escaped


# ---------------------------------------------------------------- parameters written as constants

def _bound(text: str, **values: str) -> str | None:
    import pyoxigraph as ox

    from kg.storage.query import with_constants
    return with_constants(text, {ox.Variable(k): ox.Literal(v) for k, v in values.items()})


def test_a_parameter_is_written_where_the_query_reads_it_and_bound_for_its_answer() -> None:
    text = 'SELECT ?s ?name WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), ?name)) } GROUP BY ?s ?name ORDER BY ?name'
    out = _bound(text, name='x" } ; DROP ALL #')
    assert out == ('SELECT ?s ?name WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "x\\" } ; DROP ALL #")) '
                   '  BIND("x\\" } ; DROP ALL #" AS ?name)  # kg: parameter\n} GROUP BY ?s ?name ORDER BY ?name')
    import pyoxigraph as ox
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal('x" } ; DROP ALL # and more')))
    rows = list(store.query(out))
    assert [(str(r["s"]), r["name"].value) for r in rows] == [("<urn:a>", 'x" } ; DROP ALL #')]
    assert len(store) == 1


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { { SELECT ?s ?name WHERE { ?s ?p ?name } } }",  # a sub-query's select clause
    "SELECT ?s WHERE { VALUES ?name { \"a\" } ?s ?p ?name }",
    "SELECT ?s WHERE { ?s ?p ?o BIND(STR(?o) AS ?name) }",
    "CONSTRUCT { ?s ?p ?name } WHERE { ?s ?p ?name }",
])
def test_where_a_constant_cannot_stand_the_parameter_is_substituted(text: str) -> None:
    assert _bound(text, name="a") is None


def test_strings_comments_and_names_like_the_parameter_are_left_alone() -> None:
    text = 'SELECT * WHERE { # ?name in a comment\n ?s <urn:p?name> "?name" ; <urn:q> ?name_2 , ?name }'
    out = _bound(text, name="a")
    assert out is not None
    assert '# ?name in a comment' in out and '<urn:p?name> "?name"' in out and "?name_2" in out
    assert ', "a"   BIND("a" AS ?name)' in out


def test_constants_give_the_rows_substitution_gives(seed_graph: Path) -> None:
    import pyoxigraph as ox

    from kg.storage.query import find_query, query_bindings, result_of, run_query
    from kg.storage.store import open_store
    store = open_store(seed_graph)
    for name, params in (("person_timeline", {"name": "Tokayev"}), ("person_timeline", {"name": "chính"}),
                         ("evidence", {"fact": "visit/kassym-jomart-tokayev-vn-2023"})):
        query = find_query(name)
        substituted = store.query(query.text, substitutions=query_bindings(query, params))
        assert isinstance(substituted, ox.QuerySolutions)
        expected = sorted(tuple(str(t) for t in row) for row in result_of(query, substituted).rows)
        rows = run_query(store, query, params).rows
        assert rows and sorted(tuple(str(t) for t in row) for row in rows) == expected, (name, params)
