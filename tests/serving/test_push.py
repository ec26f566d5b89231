"""kg push mirrors the build on a real Oxigraph server: after a push of a smaller build the
server holds exactly its graphs and answers the stored queries as the build does; a push cut
off halfway is finished by pushing again."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.errors import EndpointError
from kg.serving.endpoint import Endpoint, endpoint, push, remote_graphs, run_remote_query
from kg.storage.query import find_query, run_query
from kg.storage.store import open_store

from ..conftest import SEEDS
from .test_endpoint import _answers, _oxigraph_binary, comparable, free_port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Endpoint]:
    """An Oxigraph server with an empty store of its own, for one test."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("no 'oxigraph' server binary (pip install oxigraph, the 'test' extra)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with (tmp_path / "oxigraph.log").open("wb") as log:
        proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 20
            while not _answers(base + "/"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.05)
            yield endpoint(base)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seeds' build (five articles) and a build of two of them."""
    root = tmp_path_factory.mktemp("push-builds")
    two = root / "two"
    two.mkdir()
    for name in sorted(p.name for p in SEEDS.glob("*.txt"))[:2]:
        shutil.copy(SEEDS / name, two / name)
    build(SEEDS, root / "five")
    build(two, root / "out-two")
    return root / "five", root / "out-two"


def _built_graphs(location: Path) -> set[str]:
    return {g.value for g in open_store(location, merged=False).named_graphs()}  # type: ignore[union-attr]


def _same_answers(target: Endpoint, location: Path) -> None:
    local = open_store(location)
    for name in ("conflicts", "trade", "visits", "meetings"):
        query = find_query(name)
        assert comparable(run_remote_query(target, query)) == comparable(run_query(local, query)), name


def test_a_push_of_a_smaller_build_leaves_exactly_its_graphs(server: Endpoint, builds: tuple[Path, Path],
                                                             runner: CliRunner) -> None:
    five, two = builds
    first = push(five, server)
    assert (first.replaced, first.added, first.removed) == (0, len(_built_graphs(five)), 0)
    result = runner.invoke(main, ["push", "--endpoint", server.query_url.removesuffix("/query"), "--graph", str(two)])
    assert result.exit_code == 0, result.output
    kept = _built_graphs(five) & _built_graphs(two)
    gone = _built_graphs(five) - _built_graphs(two)
    assert len(gone) == 3  # the three articles taken out
    assert result.output.endswith(f": {len(kept)} replaced, {len(_built_graphs(two) - kept)} added, 3 removed\n")
    assert remote_graphs(server) == _built_graphs(two)
    _same_answers(server, two)  # conflicts and trade: no rows of the articles taken out


def test_a_push_cut_off_halfway_is_finished_by_pushing_again(server: Endpoint, builds: tuple[Path, Path],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    five, two = builds
    push(two, server)
    import kg.serving.endpoint

    real_send = kg.serving.endpoint._send
    sent: list[str] = []

    def cut_off(method: str, url: str, *args: object) -> tuple[bytes, str]:
        if len(sent) == 3:  # after the listing and two requests that change the server
            raise EndpointError("the network went away")
        sent.append(url)
        return real_send(method, url, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.serving.endpoint, "_send", cut_off)
    monkeypatch.setattr(kg.serving.endpoint, "BATCH_BYTES", 1)  # a graph a request
    with pytest.raises(EndpointError, match="push again to finish"):
        push(five, server)
    monkeypatch.undo()
    assert remote_graphs(server) != _built_graphs(five)  # a mix of both builds
    again = push(five, server)
    assert again.removed == 0 and again.replaced + again.added == len(_built_graphs(five))
    assert remote_graphs(server) == _built_graphs(five)
    _same_answers(server, five)


def test_a_server_known_by_its_store_alone_is_not_cleared(server: Endpoint, builds: tuple[Path, Path]) -> None:
    five, two = builds
    push(five, server)
    assert server.store_url is not None
    summary = push(two, endpoint(None, server.store_url))
    assert summary.removed is None and "none removed" in summary.to_text()
    assert remote_graphs(server) == _built_graphs(five)  # nothing deleted that it could not see


def _counting_sends(monkeypatch: pytest.MonkeyPatch, refuse_posts: bool = False) -> list[str]:
    """Record each request push makes (METHOD URL); with ``refuse_posts``, the server refuses a
    POST of graphs to its store (bulk or not) as a server of the Graph Store Protocol alone would."""
    import kg.serving.endpoint

    real_send = kg.serving.endpoint._send
    sent: list[str] = []

    def recorded(method: str, url: str, *args: object) -> tuple[bytes, str]:
        sent.append(f"{method} {url}")
        if refuse_posts and method == "POST" and "/store" in url and "graph=" not in url:
            raise kg.serving.endpoint._Refused(f"{url} refused: HTTP 415 Unsupported Media Type", 415)
        return real_send(method, url, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.serving.endpoint, "_send", recorded)
    return sent


def test_graphs_new_to_the_server_go_many_to_a_request(server: Endpoint, builds: tuple[Path, Path],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    five, _ = builds
    sent = _counting_sends(monkeypatch)
    summary = push(five, server)
    graphs = _built_graphs(five)
    assert summary.added == len(graphs) and summary.graphs == len(graphs)
    assert len(sent) < len(graphs)  # the listing, one POST of the new graphs, the ontology
    assert summary.triples == len(open_store(five, merged=False))
    assert remote_graphs(server) == graphs
    _same_answers(server, five)
    sent.clear()
    again = push(five, server)  # every graph held now: dropped by one update, then POSTed again
    assert (again.replaced, again.added) == (len(graphs), 0) and len(sent) == 3
    assert summary.triples == again.triples == len(open_store(five, merged=False))
    _same_answers(server, five)


def test_a_server_that_refuses_graphs_in_one_post_gets_them_one_at_a_time(
        server: Endpoint, builds: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    five, _ = builds
    sent = _counting_sends(monkeypatch, refuse_posts=True)
    summary = push(five, server)
    assert summary.added == len(_built_graphs(five))
    assert sum(line.startswith("PUT ") for line in sent) == len(_built_graphs(five))
    assert remote_graphs(server) == _built_graphs(five)
    _same_answers(server, five)


def test_graph_blocks_read_in_small_pieces_push_the_same_graphs(server: Endpoint, builds: tuple[Path, Path],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.serving.endpoint

    five, _ = builds
    monkeypatch.setattr(kg.serving.endpoint, "_READ", 97)  # every block across several reads
    summary = push(five, server)
    assert summary.graphs == len(_built_graphs(five)) and remote_graphs(server) == _built_graphs(five)
    assert summary.triples == len(open_store(five, merged=False))
    _same_answers(server, five)


def test_a_trig_file_kg_did_not_write_is_pushed_whole(server: Endpoint, builds: tuple[Path, Path],
                                                      tmp_path: Path) -> None:
    import pyoxigraph as ox

    five, _ = builds
    other = tmp_path / "other.trig"  # the same graphs, in N-Quads order and without kg's prefixes
    other.write_bytes(ox.serialize(open_store(five, merged=False, with_ontology=False),
                                   format=ox.RdfFormat.TRIG) or b"")
    summary = push(other, server)
    assert remote_graphs(server) == _built_graphs(five)
    assert summary.triples == len(open_store(five, merged=False))
    _same_answers(server, five)
