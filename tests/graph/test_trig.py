"""The TriG writer's blocks, taken apart by subject and put together again, as a rebuild does
with the inferred graph of the previous build."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import BuildSummary
from kg.graph import trig
from kg.graph.ntriples import Triple
from kg.graph.trig import (
    Statements,
    block_bytes,
    block_statements,
    digest,
    graph_block,
    header,
    statement_triples,
    subject_statements,
)

NAME = "<https://w3id.org/vn-diplomacy/id/graph/inferred>"


def _triples(build_dir: Path) -> set[Triple]:
    quads = ox.parse(path=str(build_dir / "graph.trig"), format=ox.RdfFormat.TRIG)
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}


def test_a_block_is_read_by_subject_and_spliced_as_if_written_again(seed_build: tuple[Path, BuildSummary]) -> None:
    triples = _triples(seed_build[0])
    block = graph_block(NAME, triples).encode("utf-8")
    statements = dict(subject_statements(triples))
    assert sum(statement_triples(s) for s in statements.values()) == len(triples)
    before = Statements(block)
    subjects = sorted(statements)
    asked = subjects[::7] + [subjects[0], subjects[-1]]
    assert before.of_each(asked) == {s: statements[s] for s in asked}
    assert before.of_each(["<urn:kg:nobody>"]) == {}
    # take some subjects out, change others, add new ones: the block as graph_block writes it
    gone, changed = set(subjects[::5]), set(subjects[1::5])
    new = {("<urn:kg:new>", "<urn:kg:p>", '"x"'), ("<urn:a>", "<urn:kg:p>", '"y"')}
    new |= {(s, "<urn:kg:p>", '"z"') for s in changed}
    after = {t for t in triples if t[0] not in gone} | new
    nodes = gone | changed | {"<urn:kg:new>", "<urn:a>"}
    spliced, removed, added = before.replaced(NAME, nodes, subject_statements(t for t in after if t[0] in nodes))
    assert spliced == graph_block(NAME, after).encode("utf-8")
    assert len(triples) - removed + added == len(after)


def test_a_block_encoded_a_part_at_a_time_is_the_block(seed_build: tuple[Path, BuildSummary],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    triples = _triples(seed_build[0])
    monkeypatch.setattr(trig, "_FLUSH_LINES", 50)  # the seeds' graph in a hundred parts and more
    assert block_bytes(NAME, triples) == graph_block(NAME, triples).encode("utf-8")
    assert block_bytes(NAME, set()) == graph_block(NAME, set()).encode("utf-8")


def test_literals_that_look_like_turtle_stay_in_their_statement() -> None:
    tricky = {
        ("<urn:a>", "<urn:p>", '"one ;\\n    <urn:b>\\n two , three ."'),
        ("<urn:a>", "<urn:q>", '"x"@vi'),
        ("<urn:b>", "<urn:p>", '"    four spaces"'),
    }
    block = graph_block(NAME, tricky).encode("utf-8")
    before = Statements(block)
    found = before.of_each(["<urn:a>", "<urn:b>"])
    assert [statement_triples(found[s]) for s in ("<urn:a>", "<urn:b>")] == [2, 1]
    spliced, removed, added = before.replaced(NAME, ["<urn:b>"], [])
    assert (removed, added) == (1, 0)
    parsed = ox.parse(spliced, format=ox.RdfFormat.TRIG)
    assert {(str(q.subject), str(q.predicate), str(q.object)) for q in parsed} == {
        t for t in tricky if t[0] == "<urn:a>"}


def test_an_empty_block_takes_statements_in() -> None:
    empty = Statements(graph_block(NAME, set()).encode("utf-8"))
    assert empty.of_each(["<urn:a>"]) == {}
    one = {("<urn:a>", "<urn:p>", "<urn:o>")}
    assert empty.replaced(NAME, ["<urn:a>"], subject_statements(one))[0] == graph_block(NAME, one).encode("utf-8")


def test_a_graph_keeps_the_order_its_triples_came_in_and_the_digest_tells_it() -> None:
    from kg.graph.rdf import Graph

    triples = [("<urn:b>", "<urn:p>", '"1"'), ("<urn:a>", "<urn:p>", '"2"'), ("<urn:b>", "<urn:p>", '"1"')]
    graph = Graph()
    for t in triples:
        graph.add(t)
    assert list(graph) == triples[:2] and len(graph) == 2 and triples[0] in graph
    assert digest(graph) == digest(triples[:2]) != digest(triples[1::-1])
    assert digest(triples[:1]) != digest(triples[:2])
    # the block does not depend on the order
    assert graph_block(NAME, graph) == graph_block(NAME, reversed(triples[:2]))


def test_the_statements_two_blocks_differ_in_hold_the_triples_that_changed() -> None:
    before = {
        ("<urn:a>", "<urn:p>", '"one ;\\n two . three \\" ."'),
        ("<urn:a>", "<urn:q>", '"x"@vi'),
        ("<urn:b>", "<urn:p>", "<urn:a>"),
        ("<urn:c>", "<urn:p>", '"kept"'),
    }
    after = (before - {("<urn:a>", "<urn:q>", '"x"@vi')}) | {("<urn:d>", "<urn:p>", '"new ."')}
    old, new = (block_statements(graph_block(NAME, t).encode("utf-8")) for t in (before, after))
    assert len(old) == 3 and len(new) == 4  # one per subject

    def parsed(statements: set[bytes]) -> set[Triple]:
        text = header().encode("utf-8") + b"".join(s + b" .\n" for s in statements)
        return {(str(t.subject), str(t.predicate), str(t.object)) for t in ox.parse(text, format=ox.RdfFormat.TURTLE)}

    assert {s.split(b"\n")[0].strip() for s in old ^ new} == {b"<urn:a>", b"<urn:d>"}
    assert parsed(old - new) ^ parsed(new - old) == before ^ after
    assert block_statements(graph_block(NAME, set()).encode("utf-8")) == set()
