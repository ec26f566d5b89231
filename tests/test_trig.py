"""The TriG writer's blocks, taken apart by subject and put together again, as a rebuild does
with the inferred graph of the previous build."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.build import BuildSummary
from kg.ntriples import Triple
from kg.trig import (
    block_of,
    block_statements,
    digest,
    graph_block,
    graph_block_and_digest,
    statement_triples,
    subject_statements,
)

NAME = "<https://w3id.org/vn-diplomacy/id/graph/inferred>"


def _triples(build_dir: Path) -> set[Triple]:
    quads = ox.parse(path=str(build_dir / "graph.trig"), format=ox.RdfFormat.TRIG)
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}


def test_a_block_comes_apart_into_its_statements_and_back(seed_build: tuple[Path, BuildSummary]) -> None:
    triples = _triples(seed_build[0])
    block = graph_block(NAME, triples).encode("utf-8")
    statements = block_statements(block)
    assert statements == subject_statements(triples)
    assert block_of(NAME, statements) == block
    assert sum(statement_triples(s) for _, s in statements) == len(triples)
    assert [s for s, _ in statements] == sorted({t[0] for t in triples})


def test_literals_that_look_like_turtle_stay_in_their_statement() -> None:
    tricky = {
        ("<urn:a>", "<urn:p>", '"one ;\\n    <urn:b>\\n two , three ."'),
        ("<urn:a>", "<urn:q>", '"x"@vi'),
        ("<urn:b>", "<urn:p>", '"    four spaces"'),
    }
    block = graph_block(NAME, tricky).encode("utf-8")
    statements = block_statements(block)
    assert [s for s, _ in statements] == ["<urn:a>", "<urn:b>"]
    assert [statement_triples(s) for _, s in statements] == [2, 1]
    parsed = ox.parse(block_of("<urn:g>", statements), format=ox.RdfFormat.TRIG)
    assert {(str(q.subject), str(q.predicate), str(q.object)) for q in parsed} == tricky


def test_an_empty_graph_has_no_statements() -> None:
    assert block_statements(graph_block(NAME, set()).encode("utf-8")) == []
    assert block_of(NAME, []) == graph_block(NAME, set()).encode("utf-8")


def test_the_digest_is_of_the_triples_not_their_order(seed_build: tuple[Path, BuildSummary]) -> None:
    triples = sorted(_triples(seed_build[0]))
    block, made = graph_block_and_digest(NAME, triples)
    assert made == digest(reversed(triples)) == digest(set(triples))
    assert block == graph_block(NAME, triples).encode("utf-8")
    assert digest(triples[1:]) != made
