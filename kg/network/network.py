"""Stage 9a, the network: a built graph in, who met whom out.

In: a build folder, read through the stored queries ``network`` (people and the ties between
them) and ``network_states`` (visits from state to state), and optional filters (time range,
states, kinds). Out: a :class:`Network` value (nodes, and one :class:`Tie` per article's account
of an event linking two nodes), the same network as a networkx graph (:func:`to_networkx`,
every attribute a plain string or number so it survives GraphML and GEXF), and its numbers
(:func:`network_stats`: most connected, most frequent pairs, events per year and per state pair).

A tie links two people who met, talked, called or wrote (``dip:participant``), or a visit's guest
and the host who received (``dip:host``) or invited (``dip:invitedBy``) them. An edge of the
graph is a pair of people; its weight is how many distinct events link them.
"""

from __future__ import annotations

import calendar
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KgError
from ..reading.reader import Sentence
from ..storage.answers import answer_result
from ..storage.query import QueryResult, find_query

if TYPE_CHECKING:  # networkx loads on first use, so that 'kg --help' stays quick
    import networkx as nx

LEVELS = ("person", "state")
# the kinds kg.graph.rdf gives a class each, in its order (not imported from it: that would
# load the extractor at every command, a quarter of a second)
MEETING_KINDS = ("meeting", "talks", "reception", "courtesy meeting", "phone call", "video call",
                 "consultation", "message")
VISIT_KINDS = ("visit", "state visit", "official visit", "working visit")
KINDS = MEETING_KINDS + VISIT_KINDS
SEPARATOR = " | "  # joins list values in graph attributes (GraphML and GEXF hold scalars only)
UNKNOWN_STATE = "?"

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class NetworkError(KgError):
    """A network that cannot be made: a bad filter or level."""


@dataclass(frozen=True)
class Node:
    """A person (id: the person's IRI) or, at the state level, a state (id: its code)."""

    id: str
    label: str
    state: str  # ISO code of the state the person serves; UNKNOWN_STATE when no article says
    state_name: str
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tie:
    """One article's account of one event linking two nodes.

    ``a`` and ``b``: for a meeting the two participants (ordered by IRI); for a visit the guest
    and their host (person level) or the guest's state and the host state (state level).
    """

    event: str
    a: str
    b: str
    relation: str  # "met", "host", "invited by" (person level) or "visit" (state level)
    kind: str
    date: str  # as precise as the article: 2023, 2023-08, 2023-08-20, --12-11, or ""
    end: str
    status: str
    source: str  # the article's file stem
    url: str = ""
    published: str = ""
    sentences: tuple[Sentence, ...] = ()
    guest: str = ""  # the guest's name, for visits at the state level


@dataclass(frozen=True)
class NetworkFilter:
    """Which ties to keep. Dates are YYYY, YYYY-MM or YYYY-MM-DD; a tie is kept when its dates
    overlap [since, until] (undated ties are dropped once a time range is given). A tie is kept
    when either end is of one of ``states``, and when its kind is one of ``kinds`` ("visit" and
    "meeting" also match their narrower kinds)."""

    since: str | None = None
    until: str | None = None
    states: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Network:
    level: str
    nodes: tuple[Node, ...]
    ties: tuple[Tie, ...]

    @property
    def directed(self) -> bool:
        """State-level edges go from the guest's state to the host state."""
        return self.level == "state"


# ------------------------------------------------------------------ reading the graph

def load_network(location: Path, level: str = "person", filters: NetworkFilter | None = None,
                 notify: Callable[[str], None] | None = None) -> Network:
    """The network of a build folder (or TriG file), filtered (``notify``: as for
    :func:`kg.answers.answer`)."""
    if level not in LEVELS:
        raise NetworkError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    filters = filters or NetworkFilter()
    window = _window(filters)
    if level == "person":
        network = _people_network(answer_result(location, find_query("network"), notify=notify))
    else:
        network = _state_network(answer_result(location, find_query("network_states"), notify=notify))
    return filter_network(network, filters, window)


def _text(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _records(result: QueryResult) -> list[dict[str, str]]:
    return [{c: _text(v) for c, v in zip(result.columns, row)} for row in result.rows]


def _sentences(rows: list[dict[str, str]]) -> tuple[Sentence, ...]:
    found = {int(r["position"]): r["text"] for r in rows if r.get("position") and r.get("text")}
    return tuple(Sentence(p, t) for p, t in sorted(found.items()))


def _most_specific(kinds: set[str]) -> str:
    """The narrowest kind an article gives an event ("official visit" rather than "visit")."""
    specific = sorted(k for k in kinds if k not in ("visit", "meeting"))
    return specific[0] if specific else min(kinds)


def _ties(rows: list[dict[str, str]], event: str, pair: tuple[str, str],
          relation: str | None) -> list[Tie]:
    """Rows (one per evidence sentence, kind and date) grouped into one tie per article account."""
    groups: dict[tuple[str, ...], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        groups[(r[event], r[pair[0]], r[pair[1]], r[relation] if relation else "visit",
                r["source"])].append(r)
    ties = []
    for (iri, a, b, how, source), group in groups.items():
        if a == b:
            continue
        first = min(group, key=lambda r: (r["date"], r["end"], r["status"]))
        ties.append(Tie(
            event=iri, a=a, b=b, relation=how,
            kind=_most_specific({r["kind"] for r in group}),
            date=first["date"], end=first["end"], status=first["status"], source=source,
            url=first["url"], published=first["published"], sentences=_sentences(group),
            guest=first.get("guest", ""),
        ))
    return sorted(ties, key=lambda t: (t.date, t.event, t.a, t.b, t.relation, t.source))


@dataclass
class _PersonRows:
    """What the "person" rows say of one person, gathered before it becomes a :class:`Node`."""

    name: str
    states: Counter[str] = field(default_factory=Counter)
    state_names: dict[str, str] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)

    def node(self, iri: str) -> Node:
        # The state most of their titles are for, when articles disagree.
        state = min(self.states, key=lambda s: (-self.states[s], s)) if self.states else UNKNOWN_STATE
        return Node(iri, self.name, state, self.state_names.get(state, ""),
                    tuple(sorted(self.titles, key=lambda t: (-len(t), t))))


def _people_network(result: QueryResult) -> Network:
    rows = _records(result)
    people: dict[str, _PersonRows] = {}
    for r in (r for r in rows if r["row"] == "person"):
        p = people.setdefault(r["person"], _PersonRows(r["name"]))
        if r["state"]:
            p.states[r["state"]] += 1
            p.state_names[r["state"]] = r["stateName"] or r["state"]
        if r["title"]:
            p.titles.add(r["title"])
    ties = _ties([r for r in rows if r["row"] == "tie"], "event", ("personA", "personB"), "relation")
    linked = {t.a for t in ties} | {t.b for t in ties}
    nodes = tuple(people.get(iri, _PersonRows(iri.rsplit("/", 1)[-1])).node(iri) for iri in sorted(linked))
    return Network("person", nodes, tuple(ties))


def _state_network(result: QueryResult) -> Network:
    rows = _records(result)
    names: dict[str, str] = {}
    for r in rows:
        names[r["guestState"]] = r["guestStateName"] or r["guestState"]
        names[r["hostState"]] = r["hostStateName"] or r["hostState"]
    ties = _ties(rows, "visit", ("guestState", "hostState"), None)
    linked = {t.a for t in ties} | {t.b for t in ties}
    nodes = tuple(Node(id=code, label=names[code], state=code, state_name=names[code])
                  for code in sorted(linked))
    return Network("state", nodes, tuple(ties))


# ------------------------------------------------------------------ filtering

def _bounds(text: str) -> tuple[date, date] | None:
    """The days a partial ISO date covers: "2023-08" -> (2023-08-01, 2023-08-31)."""
    m = _ISO.match(text.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            d = date(year, int(month), int(day))
            return d, d
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return date(year, int(month), 1), date(year, int(month), last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _window(filters: NetworkFilter) -> tuple[date, date] | None:
    if filters.since is None and filters.until is None:
        return None
    lo, hi = date.min, date.max
    for name, value in (("--since", filters.since), ("--until", filters.until)):
        if value is None:
            continue
        bounds = _bounds(value)
        if bounds is None:
            raise NetworkError(f"{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if name == "--since":
            lo = bounds[0]
        else:
            hi = bounds[1]
    if lo > hi:
        raise NetworkError(f"--since {filters.since} is after --until {filters.until}")
    return lo, hi


def _in_window(tie: Tie, window: tuple[date, date]) -> bool:
    start = _bounds(tie.date)
    if start is None:
        return False
    end = _bounds(tie.end) if tie.end else None
    last = end[1] if end and end[1] >= start[0] else start[1]
    return start[0] <= window[1] and last >= window[0]


def _kind_matches(kind: str, wanted: tuple[str, ...]) -> bool:
    return any(kind == w or (w == "visit" and kind in VISIT_KINDS)
               or (w == "meeting" and kind in MEETING_KINDS) for w in wanted)


def filter_network(network: Network, filters: NetworkFilter,
                   window: tuple[date, date] | None = None) -> Network:
    """The ties that pass the filters, and the nodes they link."""
    window = window if window is not None else _window(filters)
    unknown = sorted(set(filters.kinds) - set(KINDS))
    if unknown:
        raise NetworkError(f"unknown kind {unknown[0]!r}; choose from {', '.join(KINDS)}")
    states = {s.strip().upper() for s in filters.states}
    state_of = {n.id: n.state for n in network.nodes}
    ties = [
        t for t in network.ties
        if (window is None or _in_window(t, window))
        and (not states or state_of.get(t.a) in states or state_of.get(t.b) in states)
        and (not filters.kinds or _kind_matches(t.kind, filters.kinds))
    ]
    linked = {t.a for t in ties} | {t.b for t in ties}
    return Network(network.level, tuple(n for n in network.nodes if n.id in linked), tuple(ties))


# ------------------------------------------------------------------ networkx

def _join(values: list[str] | set[str]) -> str:
    seen = list(dict.fromkeys(v for v in values if v))
    return SEPARATOR.join(seen)


def edge_key(network: Network, tie: Tie) -> tuple[str, str]:
    """The graph edge a tie belongs to: an unordered pair of people, or guest state -> host state."""
    return (tie.a, tie.b) if network.directed else (min(tie.a, tie.b), max(tie.a, tie.b))


def to_networkx(network: Network) -> nx.Graph:
    """The network as a networkx graph whose attributes are all strings or integers.

    Nodes: label, state, state_name, titles. Edges: weight (distinct events), events, kinds,
    relations, statuses, dates, first_date, last_date, sources, guests (state level) and
    evidence ("[article] sentence" per line). List values are joined with " | ". Empty values
    are left out, so the graph reads back from GraphML unchanged.
    """
    import networkx as nx

    g: nx.Graph = nx.DiGraph() if network.directed else nx.Graph()
    g.graph.update({"level": network.level, "name": "who met whom" if network.level == "person"
                    else "visits between states"})
    for n in sorted(network.nodes, key=lambda n: n.id):
        node_attrs = {"label": n.label, "state": n.state, "state_name": n.state_name,
                      "titles": _join(list(n.titles))}
        g.add_node(n.id, **{k: v for k, v in node_attrs.items() if v})
    by_edge: dict[tuple[str, str], list[Tie]] = defaultdict(list)
    for t in network.ties:
        by_edge[edge_key(network, t)].append(t)
    for (a, b), ties in sorted(by_edge.items()):
        dates = sorted({d for t in ties for d in (t.date, t.end) if d and not d.startswith("--")})
        evidence = [f"[{t.source}] {s.text}" for t in ties for s in t.sentences]
        attrs: dict[str, object] = {
            "weight": len({t.event for t in ties}),
            "events": _join(sorted({t.event for t in ties})),
            "kinds": _join(sorted({t.kind for t in ties})),
            "relations": _join(sorted({t.relation for t in ties})),
            "statuses": _join(sorted({t.status for t in ties})),
            "dates": _join(dates),
            "first_date": dates[0] if dates else "",
            "last_date": dates[-1] if dates else "",
            "sources": _join(sorted({t.source for t in ties})),
            "guests": _join(sorted({t.guest for t in ties})),
            "evidence": "\n".join(dict.fromkeys(evidence)),
        }
        g.add_edge(a, b, **{k: v for k, v in attrs.items() if v not in ("", None)})
    return g


# ------------------------------------------------------------------ numbers

@dataclass(frozen=True)
class NodeScore:
    id: str
    label: str
    state: str
    degree: int  # how many others this node is linked to
    events: int  # the sum of its edge weights
    betweenness: float


@dataclass(frozen=True)
class PairCount:
    a: str
    b: str
    label_a: str
    label_b: str
    events: int
    first_date: str
    last_date: str
    kinds: str


@dataclass(frozen=True)
class Count:
    key: str
    events: int


@dataclass(frozen=True)
class NetworkStats:
    level: str
    nodes: int
    edges: int
    events: int
    components: int
    density: float
    most_connected: tuple[NodeScore, ...]
    top_pairs: tuple[PairCount, ...]
    per_year: tuple[Count, ...]
    per_state_pair: tuple[Count, ...]
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    def to_text(self) -> str:
        return stats_text(self)


def _year(text: str) -> str:
    m = _ISO.match(text)
    return m.group(1) if m else "undated"


# Betweenness is exact up to this many nodes, and estimated from this many sources above it
# (Brandes' algorithm from every node takes 30 s on the 2,839 people of 10,000 articles; from 256
# of them, 3 s).
EXACT_BETWEENNESS_UP_TO = 1_000
BETWEENNESS_SOURCES = 256


def network_stats(network: Network, top: int = 10) -> NetworkStats:
    """Who is most connected (degree, betweenness), the most frequent pairs, events per year
    and per state pair (unordered for people; guest -> host for states)."""
    import networkx as nx

    g = to_networkx(network)
    undirected = g.to_undirected() if g.is_directed() else g
    notes: tuple[str, ...] = ()
    if len(g) > EXACT_BETWEENNESS_UP_TO:
        # the same sources every time (a fixed seed), so the same graph gives the same numbers
        betweenness = nx.betweenness_centrality(undirected, k=BETWEENNESS_SOURCES, seed=0)
        notes = (f"betweenness: estimated from shortest paths out of {BETWEENNESS_SOURCES} of the "
                 f"{len(g)} {'people' if network.level == 'person' else 'states'}, chosen at random (seed 0)",)
    else:
        betweenness = nx.betweenness_centrality(undirected) if len(g) else {}
    scores = [
        NodeScore(n, str(d.get("label", n)), str(d.get("state", "")), undirected.degree(n),
                  int(g.degree(n, weight="weight")), round(betweenness.get(n, 0.0), 4))
        for n, d in g.nodes(data=True)
    ]
    scores.sort(key=lambda s: (-s.degree, -s.events, -s.betweenness, s.label))
    label = {n.id: n.label for n in network.nodes}
    pairs = [
        PairCount(a, b, label[a], label[b], int(d["weight"]), str(d.get("first_date", "")),
                  str(d.get("last_date", "")), str(d.get("kinds", "")))
        for a, b, d in g.edges(data=True)
    ]
    pairs.sort(key=lambda p: (-p.events, p.first_date, p.label_a, p.label_b))
    per_year: Counter[str] = Counter()
    per_pair: Counter[str] = Counter()
    state_of = {n.id: n.state for n in network.nodes}
    years_seen: set[tuple[str, str]] = set()
    pairs_seen: set[tuple[str, str]] = set()
    for t in network.ties:
        year = _year(t.date)
        if (t.event, year) not in years_seen:
            years_seen.add((t.event, year))
            per_year[year] += 1
        sa, sb = state_of.get(t.a, UNKNOWN_STATE), state_of.get(t.b, UNKNOWN_STATE)
        pair = f"{sa} -> {sb}" if network.directed else "-".join(sorted((sa, sb)))
        if (t.event, pair) not in pairs_seen:
            pairs_seen.add((t.event, pair))
            per_pair[pair] += 1
    if any(y == "undated" for y in per_year):
        notes += ("undated: events no article gives a year for",)
    return NetworkStats(
        level=network.level, nodes=g.number_of_nodes(), edges=g.number_of_edges(),
        events=len({t.event for t in network.ties}),
        components=nx.number_connected_components(undirected) if len(g) else 0,
        density=round(nx.density(g), 4) if len(g) > 1 else 0.0,
        most_connected=tuple(scores[:top]), top_pairs=tuple(pairs[:top]),
        per_year=tuple(Count(y, c) for y, c in sorted(per_year.items())),
        per_state_pair=tuple(Count(p, c) for p, c in sorted(per_pair.items(), key=lambda i: (-i[1], i[0]))),
        notes=notes,
    )


def _table(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> list[str]:
    cells = [[_printable(str(c)) for c in row] for row in rows]
    widths = [min(40, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(header)]
    def line(values: list[str] | tuple[str, ...]) -> str:
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths)).rstrip()
    return [line(header), line(["-" * w for w in widths])] + [line(r) for r in cells]


def _printable(text: str) -> str:
    """Article text printed to a terminal: no control characters or escape sequences."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def stats_text(stats: NetworkStats) -> str:
    what = "people" if stats.level == "person" else "states"
    out = [f"{stats.nodes} {what}, {stats.edges} edges, {stats.events} events, "
           f"{stats.components} components, density {stats.density}", "", "Most connected"]
    out += _table(("name", "state", "degree", "events", "betweenness"),
                  [(s.label, s.state, s.degree, s.events, f"{s.betweenness:.4f}") for s in stats.most_connected])
    out += ["", "Most frequent pairs"]
    arrow = " -> " if stats.level == "state" else " – "
    out += _table(("pair", "events", "first", "last", "kinds"),
                  [(p.label_a + arrow + p.label_b, p.events, p.first_date, p.last_date, p.kinds)
                   for p in stats.top_pairs])
    out += ["", "Events per year"] + _table(("year", "events"), [(c.key, c.events) for c in stats.per_year])
    out += ["", "Events per state pair"] + _table(("states", "events"),
                                                  [(c.key, c.events) for c in stats.per_state_pair])
    return "\n".join(out + [f"({n})" for n in stats.notes])
