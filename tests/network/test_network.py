"""Who met whom: the network read from the seed build, its filters, numbers and files."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.network.network import (
    Network,
    NetworkError,
    NetworkFilter,
    Node,
    Sentence,
    Tie,
    filter_network,
    load_network,
    network_stats,
    to_networkx,
)
from kg.network.viz import (
    DATA_MARKER,
    TEMPLATE,
    VizError,
    label_sides,
    layout,
    page_data,
    render_html,
    write_network,
)
from kg.storage.query import find_query, run_query
from kg.storage.store import open_store

TOKAYEV = "https://w3id.org/vn-diplomacy/id/person/kassym-jomart-tokayev"
THUONG = "https://w3id.org/vn-diplomacy/id/person/vo-van-thuong"
HOSTILE = "<img src=x onerror=alert(1)>"


def _person(key: str) -> str:
    return f"https://w3id.org/vn-diplomacy/id/person/{key}"


def small_network() -> Network:
    """Four people, two states, five events: a known answer for the numbers."""
    a, b, c, d = (_person(k) for k in "abcd")
    nodes = (Node(a, "An", "VN", "Việt Nam", ("Thủ tướng",)), Node(b, "Bảo", "KZ", "Kazakhstan"),
             Node(c, "Cao", "KZ", "Kazakhstan"), Node(d, "Dũng", "VN", "Việt Nam"))
    def tie(event: str, x: str, y: str, kind: str, date: str, end: str = "", relation: str = "met") -> Tie:
        return Tie(f"https://w3id.org/vn-diplomacy/id/meeting/{event}", x, y, relation, kind, date, end,
                   "completed", "000_art", sentences=(Sentence(3, f"Câu về {event}."),))
    ties = (
        tie("m1", a, b, "talks", "2022-05-01"),
        tie("m1", a, b, "talks", "2022-05-01"),  # a second account of the same event: weight stays 1
        tie("m2", a, b, "phone call", "2023-01"),
        tie("v3", b, a, "official visit", "2023-12-30", "2024-01-02", "invited by"),
        tie("m4", a, c, "meeting", "2021"),
        tie("m5", c, d, "message", ""),
    )
    return Network("person", nodes, ties)


# ------------------------------------------------------------------ the seed graph

def test_every_meeting_and_every_invitation_is_an_edge(seed_graph: Path) -> None:
    g = to_networkx(load_network(seed_graph))
    store = open_store(seed_graph)
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    pairs = {frozenset((label[a], label[b])) for a, b in g.edges}
    meetings = run_query(store, find_query("meetings"))
    assert meetings.rows
    for row in meetings.rows:
        assert frozenset((row[1].value, row[2].value)) in pairs, row
    assert g.has_edge(TOKAYEV, THUONG)
    edge = g.edges[TOKAYEV, THUONG]
    assert "invited by" in edge["relations"] and "met" in edge["relations"]
    assert edge["weight"] == len(edge["events"].split(" | ")) >= 2
    assert re.match(r"\d{4}", edge["first_date"]) and edge["sources"]
    assert all(line.startswith("[") for line in edge["evidence"].splitlines())
    assert g.nodes[TOKAYEV]["state"] == "KZ" and "Tổng thống" in g.nodes[TOKAYEV]["titles"]


def test_the_state_network_counts_visits_from_guest_to_host(seed_graph: Path) -> None:
    network = load_network(seed_graph, "state")
    g = to_networkx(network)
    assert g.is_directed()
    visits = run_query(open_store(seed_graph), find_query("visits"))
    expected: dict[tuple[str, str], set[str]] = {}
    for row in visits.rows:
        expected.setdefault((row[2].value, row[3].value), set()).add(row[0].value)
    assert {(a, b): d["weight"] for a, b, d in g.edges(data=True)} == {k: len(v) for k, v in expected.items()}
    assert g.nodes["VN"]["label"] == "Việt Nam"


def test_graphml_of_the_seeds_reads_back_the_same(seed_graph: Path, tmp_path: Path) -> None:
    network = load_network(seed_graph)
    g = to_networkx(network)
    path = tmp_path / "seeds.graphml"
    result = write_network(network, path)
    back = nx.read_graphml(path)
    assert (result.nodes, result.edges) == (g.number_of_nodes(), g.number_of_edges())
    assert set(back.nodes) == set(g.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in g.edges}
    for n in g:
        assert back.nodes[n] == g.nodes[n]
    for a, b in g.edges:
        assert back.edges[a, b] == g.edges[a, b]
    assert back.graph["level"] == "person"
    assert isinstance(back.edges[TOKAYEV, THUONG]["weight"], int)


def test_gexf_reads_back_the_same(seed_graph: Path, tmp_path: Path) -> None:
    for level in ("person", "state"):
        network = load_network(seed_graph, level)
        g = to_networkx(network)
        path = tmp_path / f"{level}.gexf"
        write_network(network, path)
        back = nx.read_gexf(path)
        assert set(back.nodes) == set(g.nodes) and back.is_directed() == g.is_directed()
        for n in g:
            assert back.nodes[n] == g.nodes[n]
        for a, b in g.edges:
            assert {k: v for k, v in back.edges[a, b].items() if k != "id"} == g.edges[a, b]


# ------------------------------------------------------------------ filters

def test_time_filter_keeps_events_whose_dates_overlap() -> None:
    network = small_network()
    def events(**kw: str) -> set[str]:
        return {t.event.rsplit("/", 1)[-1] for t in filter_network(network, NetworkFilter(**kw)).ties}
    assert events() == {"m1", "m2", "v3", "m4", "m5"}
    assert events(since="2023") == {"m2", "v3"}
    assert events(since="2024-01-02") == {"v3"}  # the visit ends that day
    assert events(until="2022-05") == {"m1", "m4"}
    assert events(since="2021-06", until="2021-12") == {"m4"}  # "2021" covers the whole year
    assert events(since="2025") == set()


def test_state_and_kind_filters() -> None:
    network = small_network()
    only_vn_kz = filter_network(network, NetworkFilter(states=("kz",)))
    assert len(only_vn_kz.ties) == 6
    kinds = filter_network(network, NetworkFilter(kinds=("meeting",)))
    assert {t.kind for t in kinds.ties} == {"talks", "phone call", "meeting", "message"}
    visits = filter_network(network, NetworkFilter(kinds=("visit",)))
    assert [t.kind for t in visits.ties] == ["official visit"]
    calls = filter_network(network, NetworkFilter(kinds=("phone call",)))
    assert {n.label for n in calls.nodes} == {"An", "Bảo"}


def test_bad_filters_are_clear_errors() -> None:
    network = small_network()
    with pytest.raises(NetworkError, match="not a date"):
        filter_network(network, NetworkFilter(since="last year"))
    with pytest.raises(NetworkError, match="after --until"):
        filter_network(network, NetworkFilter(since="2024", until="2023"))
    with pytest.raises(NetworkError, match="unknown kind"):
        filter_network(network, NetworkFilter(kinds=("dinner",)))


# ------------------------------------------------------------------ numbers

def test_a_large_network_estimates_betweenness_the_same_way_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.network.network

    people = [_person(f"p{i}") for i in range(61)]  # a chain: the middle one is on most paths
    nodes = tuple(Node(p, f"P{i:02d}", "VN", "Việt Nam") for i, p in enumerate(people))
    ties = tuple(Tie(f"https://w3id.org/vn-diplomacy/id/meeting/m{i}", people[i], people[i + 1], "met",
                     "meeting", "2024", "", "completed", "000_art") for i in range(60))
    network = Network("person", nodes, ties)
    exact = {s.label: s.betweenness for s in network_stats(network, top=61).most_connected}
    monkeypatch.setattr(kg.network.network, "EXACT_BETWEENNESS_UP_TO", 50)
    monkeypatch.setattr(kg.network.network, "BETWEENNESS_SOURCES", 20)
    stats = network_stats(network, top=61)
    assert stats.notes[0].startswith("betweenness: estimated from shortest paths out of 20 of the 61 people")
    assert network_stats(network, top=61) == stats
    estimated = {s.label: s.betweenness for s in stats.most_connected}
    assert estimated != exact
    assert max(abs(estimated[k] - exact[k]) for k in exact) < 0.15
    assert max(estimated, key=estimated.__getitem__) in ("P28", "P29", "P30", "P31", "P32")
    assert "(betweenness: estimated" in stats.to_text()


def test_network_stats_on_a_known_network() -> None:
    stats = network_stats(small_network())
    assert (stats.nodes, stats.edges, stats.events, stats.components) == (4, 3, 5, 1)
    top = stats.most_connected[0]
    assert (top.label, top.degree, top.events) == ("An", 2, 4)
    assert top.betweenness == pytest.approx(2 / 3, abs=1e-4)
    assert stats.most_connected[1].label == "Cao"  # the other bridge
    pair = stats.top_pairs[0]
    assert (pair.label_a, pair.label_b, pair.events) == ("An", "Bảo", 3)
    assert (pair.first_date, pair.last_date) == ("2022-05-01", "2024-01-02")
    assert [(c.key, c.events) for c in stats.per_year] == [
        ("2021", 1), ("2022", 1), ("2023", 2), ("undated", 1)]
    assert [(c.key, c.events) for c in stats.per_state_pair] == [("KZ-VN", 5)]
    data = json.loads(stats.to_json())
    assert data["most_connected"][0]["label"] == "An"
    text = stats.to_text()
    assert "Most connected" in text and "An – Bảo" in text


def test_kg_network_command(seed_graph: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["network", "--graph", str(seed_graph)])
    assert result.exit_code == 0, result.output
    assert "Most connected" in result.output and "Kassym-Jomart Tokayev" in result.output
    result = runner.invoke(main, ["network", "--graph", str(seed_graph), "--level", "state", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["level"] == "state" and {c["key"] for c in data["per_state_pair"]} >= {"VN -> KZ", "KZ -> VN"}
    result = runner.invoke(main, ["network", "--graph", str(seed_graph), "--since", "soon"])
    assert result.exit_code == 2 and "not a date" in result.output


# ------------------------------------------------------------------ files

def test_kg_viz_writes_each_format(seed_graph: Path, runner: CliRunner, tmp_path: Path) -> None:
    signatures = {".html": b"<!DOCTYPE html>", ".png": b"\x89PNG", ".svg": b"<?xml",
                  ".graphml": b"<?xml", ".gexf": b"<?xml"}
    for suffix, head in signatures.items():
        out = tmp_path / f"network{suffix}"
        result = runner.invoke(main, ["viz", "--graph", str(seed_graph), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(head), suffix
        assert re.search(r"Wrote .*: \d+ people, \d+ edges", result.output)
    out = tmp_path / "kz.png"
    result = runner.invoke(main, ["viz", "--graph", str(seed_graph), "--level", "state", "--state", "kz",
                                  "--kind", "visit", "-o", str(out)])
    assert result.exit_code == 0 and "states" in result.output
    result = runner.invoke(main, ["viz", "--graph", str(seed_graph), "-o", str(tmp_path / "network.txt")])
    assert result.exit_code == 2 and "name a file ending in .html" in result.output
    result = runner.invoke(main, ["viz", "--graph", str(tmp_path / "none"), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "run 'kg build' first" in result.output
    assert list(tmp_path.glob(".*.tmp")) == []


def test_the_page_is_self_contained(seed_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "network.html"
    write_network(load_network(seed_graph), out)
    html = out.read_text(encoding="utf-8")
    assert DATA_MARKER not in html
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html
    data = _page_json(html)
    g = to_networkx(load_network(seed_graph))
    assert len(data["nodes"]) == g.number_of_nodes() and len(data["edges"]) == g.number_of_edges()
    assert data["counts"] == {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                              "events": len({t["event"] for t in data["ties"]})}


def _page_json(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def test_article_text_cannot_break_out_of_the_page_or_the_picture(tmp_path: Path) -> None:
    a, b = _person("x"), _person("y")
    sentence = "</script><script>alert(2)</script> <!-- ]]> & \u2028 done"
    network = Network("person", (Node(a, HOSTILE, "VN", "Việt Nam"), Node(b, "B", "KZ", "Kazakhstan")),
                      (Tie("https://w3id.org/vn-diplomacy/id/meeting/z", a, b, "met", "talks", "2024",
                           "", "completed", "src", sentences=(Sentence(0, sentence),)),))
    html = render_html(network)
    assert HOSTILE not in html and "alert(2)</script>" not in html and "<!--  ]]>" not in html
    assert html.count("<script") == 2 and html.count("</script>") == 2
    data = _page_json(html)
    assert data["nodes"][0]["label"] == HOSTILE and data["ties"][0]["sentences"] == [sentence]
    assert "innerHTML" not in TEMPLATE.read_text(encoding="utf-8")
    svg = tmp_path / "hostile.svg"
    write_network(network, svg)
    ET.parse(svg)  # still well-formed XML
    assert HOSTILE not in svg.read_text(encoding="utf-8")


def test_layout_is_stable_and_keeps_parts_apart() -> None:
    network = small_network()
    extra = Node(_person("e"), "Em", "KG", "Kyrgyzstan")
    extra2 = Node(_person("f"), "Phúc", "KG", "Kyrgyzstan")
    network = Network("person", network.nodes + (extra, extra2), network.ties + (
        Tie("https://w3id.org/vn-diplomacy/id/meeting/k", extra.id, extra2.id, "met", "talks", "2020", "",
            "completed", "s"),))
    g = to_networkx(network)
    first, second = layout(g), layout(g)
    assert first == second and set(first) == set(g)
    big = [first[n] for n in (_person(k) for k in "abcd")]
    small = [first[extra.id], first[extra2.id]]
    def box(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
        return (min(x for x, _ in points), min(y for _, y in points),
                max(x for x, _ in points), max(y for _, y in points))
    b1, b2 = box(big), box(small)
    assert b1[2] < b2[0] or b2[2] < b1[0] or b1[3] < b2[1] or b2[3] < b1[1]
    sides = label_sides(g, first)
    assert set(sides.values()) <= {0, 45, 90, 135, 180, 225, 270, 315}
    assert page_data(network, "t")["nodes"][0]["side"] in (0, 45, 90, 135, 180, 225, 270, 315)


def test_an_empty_network_still_makes_every_file(tmp_path: Path) -> None:
    empty = Network("person", (), ())
    for suffix in (".html", ".png", ".svg", ".graphml", ".gexf"):
        result = write_network(empty, tmp_path / f"empty{suffix}")
        assert (result.nodes, result.edges) == (0, 0) and result.size > 0
    with pytest.raises(VizError, match="name a file ending"):
        write_network(empty, tmp_path / "empty.pdf")


def test_the_kinds_a_network_filters_on_are_those_the_graph_has_classes_for() -> None:
    from kg.graph.rdf import MEETING_CLASS, VISIT_CLASS
    from kg.network.network import KINDS, MEETING_KINDS, VISIT_KINDS

    assert MEETING_KINDS == tuple(MEETING_CLASS)
    assert VISIT_KINDS == tuple(VISIT_CLASS)
    assert KINDS == MEETING_KINDS + VISIT_KINDS
