"""Stage 9b, pictures of the network: a :class:`~kg.network.Network` in, a file out.

The file's suffix chooses the output:

- ``.html``: one self-contained page (the template ``kg/templates/network.html``, every script
  and style inline, no network needed) drawing the network on a canvas from a layout computed
  here, with a legend, filters by time and state, a name search and each person's meetings
  with the sentence and article they were read from. The network goes into the page as JSON
  inside ``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and the page
  shows article text with ``textContent`` only, so no name or sentence can become markup.
- ``.png`` / ``.svg``: a static picture for a report (matplotlib, the ``viz`` extra).
- ``.graphml`` / ``.gexf``: the networkx graph of :func:`kg.network.to_networkx` for Gephi
  and other tools, with every attribute.

The layout is deterministic (a fixed seed): each connected part is laid out on its own with
networkx's spring layout, and the parts are packed in rows, largest first.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ..errors import KgError
from .network import (
    UNKNOWN_STATE,
    Network,
    NetworkFilter,
    edge_key,
    load_network,
    to_networkx,
)

VIZ_FORMATS = (".html", ".png", ".svg", ".graphml", ".gexf")
TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "network.html"
DATA_MARKER = "__KG_NETWORK_JSON__"
LAYOUT_SEED = 7
VIETNAM_RED = "#d62728"
UNKNOWN_GREY = "#9e9e9e"
# Tableau-like colours, red left out: red is Viet Nam's, so the centre of most pictures.
PALETTE = ("#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf", "#8c564b", "#e377c2",
           "#bcbd22", "#393b79", "#637939", "#8c6d31", "#7b4173", "#3182bd", "#e6550d")


class VizError(KgError):
    """A picture that cannot be written: an unknown suffix, a missing optional library, a
    folder that cannot be written to."""


@dataclass(frozen=True)
class VizResult:
    path: Path
    format: str
    level: str
    nodes: int
    edges: int
    events: int
    size: int  # bytes written


def draw_network(location: Path, output: Path, level: str = "person",
                 filters: NetworkFilter | None = None, title: str | None = None,
                 notify: Callable[[str], None] | None = None) -> VizResult:
    """Read the network of a build and write it to ``output`` in the format its suffix names."""
    fmt = output_format(output)
    return write_network(load_network(location, level, filters, notify), output, title, fmt)


def output_format(output: Path) -> str:
    suffix = output.suffix.lower()
    if suffix not in VIZ_FORMATS:
        raise VizError(f"cannot tell what to write from {output.name!r}; "
                       f"name a file ending in {', '.join(VIZ_FORMATS)}")
    return suffix


def write_network(network: Network, output: Path, title: str | None = None,
                  fmt: str | None = None) -> VizResult:
    fmt = fmt or output_format(output)
    g = to_networkx(network)
    title = title or default_title(network)
    if fmt == ".html":
        data = render_html(network, title).encode("utf-8")
    elif fmt in (".png", ".svg"):
        data = render_picture(network, title, fmt[1:])
    else:
        data = _graph_file(g, fmt)
    _write_atomically(output, data)
    return VizResult(output, fmt[1:], network.level, g.number_of_nodes(), g.number_of_edges(),
                     len({t.event for t in network.ties}), len(data))


def default_title(network: Network) -> str:
    return "Who met whom" if network.level == "person" else "Visits between states"


def _write_atomically(output: Path, data: bytes) -> None:
    folder = output.parent if str(output.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise VizError(f"cannot write {output}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # the mode a plain open() gives, not mkstemp's 0600
        os.replace(tmp, output)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise VizError(f"cannot write {output}: {exc.strerror or exc}") from None


def _graph_file(g: nx.Graph, fmt: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"graph{fmt}"
        if fmt == ".graphml":
            nx.write_graphml(g, path, encoding="utf-8")
        else:
            nx.write_gexf(g, path, encoding="utf-8")
        return path.read_bytes()


# ------------------------------------------------------------------ layout and colours

def layout(g: nx.Graph, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Positions for every node, the same for the same graph. Each connected part gets an area
    in proportion to its size; the parts are packed in rows, largest first."""
    undirected = g.to_undirected() if g.is_directed() else g
    parts = sorted((sorted(c) for c in nx.connected_components(undirected)),
                   key=lambda c: (-len(c), c[0]))
    boxes = [_part_layout(undirected, part, seed) for part in parts]
    return _pack(boxes)


def _part_layout(g: nx.Graph, part: list[str], seed: int) -> dict[str, tuple[float, float]]:
    if len(part) == 1:
        return {part[0]: (0.0, 0.0)}
    if len(part) == 2:  # one above the other, so that both names sit clear of the line
        return {part[0]: (0.0, 0.5), part[1]: (0.0, -0.5)}
    sub = nx.Graph()
    sub.add_nodes_from(part)
    sub.add_edges_from(sorted(g.subgraph(part).edges()))
    try:  # unweighted: even spacing reads better than frequent pairs pulled close
        pos = nx.spring_layout(sub, seed=seed, iterations=200 if len(sub) < 500 else 100)
    except ImportError:  # parts of 500 people or more need scipy; fall back on numpy only
        pos = nx.forceatlas2_layout(sub, seed=seed, max_iter=200)
        pos = nx.rescale_layout_dict(pos)
    radius = 0.55 * math.sqrt(len(part))
    return {n: (float(x) * radius, float(y) * radius) for n, (x, y) in pos.items()}


def _pack(parts: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    gap_x, gap_y = 2.0, 1.0  # names are wider than they are high
    sized = []
    for pos in parts:
        xs = [x for x, _ in pos.values()]
        ys = [y for _, y in pos.values()]
        sized.append((pos, min(xs), min(ys), max(xs) - min(xs) + gap_x, max(ys) - min(ys) + gap_y))
    area = sum(w * h for _, _, _, w, h in sized)
    row_width = max([w for *_, w, _ in sized] + [1.6 * math.sqrt(area)])
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, x0, y0, w, h in sized:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(x + px - x0, 4), round(y + py - y0, 4))
        x += w
        row_height = max(row_height, h)
    return out


def state_colours(network: Network) -> dict[str, str]:
    """A colour per state, the states with most people first (Viet Nam always red)."""
    counts: dict[str, int] = {}
    for n in network.nodes:
        counts[n.state] = counts.get(n.state, 0) + 1
    colours = {}
    others = [s for s in sorted(counts, key=lambda s: (-counts[s], s)) if s not in ("VN", UNKNOWN_STATE)]
    for i, state in enumerate(others):
        colours[state] = PALETTE[i] if i < len(PALETTE) else _hsl_hex((i * 137.508) % 360)
    if "VN" in counts:
        colours["VN"] = VIETNAM_RED
    if UNKNOWN_STATE in counts:
        colours[UNKNOWN_STATE] = UNKNOWN_GREY
    return colours


def label_sides(g: nx.Graph, pos: dict[str, tuple[float, float]]) -> dict[str, int]:
    """Where each name goes, as an angle in degrees from its circle (0 right, 90 above, 270
    below): of eight directions, the one whose name box the lines to the neighbours cross
    least, then the one farthest from those lines; below or above win a near draw."""
    undirected = g.to_undirected() if g.is_directed() else g
    sides = {}
    for n in g:
        x, y = pos[n]
        angles = [math.degrees(math.atan2(pos[m][1] - y, pos[m][0] - x)) % 360
                  for m in undirected[n] if pos[m] != pos[n]]
        width = 6.5 * len(str(g.nodes[n].get("label", n))) + 4  # in points, at 12 px
        sides[n] = min((270, 90, 0, 180, 315, 225, 45, 135),
                       key=lambda side: _label_cost(side, width, angles))
    return sides


def _label_cost(side: int, width: float, angles: list[float]) -> tuple[int, float]:
    """Lines crossing the name's box, then (negated) the angle to the nearest line."""
    box = _label_box(side, width, 14.0, 11.0)
    crossings = sum(_ray_hits_box(a, box) for a in angles)
    gap = min((min(abs(side - a), 360 - abs(side - a)) for a in angles), default=180.0)
    return crossings, -(gap + (15 if side in (90, 270) else 0))


def _label_box(side: int, width: float, height: float, gap: float) -> tuple[float, float, float, float]:
    dx, dy, ha, va = label_offset(side)
    x0 = dx * gap - {"left": 0.0, "right": width, "center": width / 2}[ha]
    y0 = dy * gap - {"bottom": 0.0, "top": height, "center": height / 2}[va]
    return x0, y0, x0 + width, y0 + height


def _ray_hits_box(angle: float, box: tuple[float, float, float, float]) -> bool:
    """Does the ray from (0, 0) at ``angle`` degrees cross the box (slab test)?"""
    d = (math.cos(math.radians(angle)), math.sin(math.radians(angle)))
    lo, hi = 0.0, math.inf
    for axis in (0, 1):
        a, b = box[axis], box[axis + 2]
        if abs(d[axis]) < 1e-9:
            if not a <= 0.0 <= b:
                return False
            continue
        t1, t2 = a / d[axis], b / d[axis]
        lo, hi = max(lo, min(t1, t2)), min(hi, max(t1, t2))
    return lo <= hi


def label_offset(side: int) -> tuple[float, float, str, str]:
    """The unit offset of a name and its alignment (horizontal, vertical) for an angle."""
    dx, dy = math.cos(math.radians(side)), math.sin(math.radians(side))
    ha = "left" if dx > 0.3 else "right" if dx < -0.3 else "center"
    va = "bottom" if dy > 0.3 else "top" if dy < -0.3 else "center"
    return dx, dy, ha, va


def _hsl_hex(hue: float, s: float = 0.55, lightness: float = 0.45) -> str:
    c = (1 - abs(2 * lightness - 1)) * s
    x = c * (1 - abs((hue / 60) % 2 - 1))
    r, g, b = [(c, x, 0), (x, c, 0), (0, c, x), (0, x, c), (x, 0, c), (c, 0, x)][int(hue // 60) % 6]
    m = lightness - c / 2
    return "#" + "".join(f"{round((v + m) * 255):02x}" for v in (r, g, b))


# ------------------------------------------------------------------ the page

def page_data(network: Network, title: str) -> dict[str, object]:
    """What the page draws: nodes with positions, edges with the ties they carry, states."""
    g = to_networkx(network)
    pos = layout(g)
    sides = label_sides(g, pos)
    colours = state_colours(network)
    nodes = sorted(network.nodes, key=lambda n: n.id)
    index = {n.id: i for i, n in enumerate(nodes)}
    undirected = g.to_undirected() if g.is_directed() else g
    edges: dict[tuple[str, str], list[int]] = {}
    ties = sorted(network.ties, key=lambda t: (t.date, t.event, t.a, t.b, t.relation, t.source))
    for k, t in enumerate(ties):
        edges.setdefault(edge_key(network, t), []).append(k)
    state_count: dict[str, int] = {}
    names: dict[str, str] = {}
    for n in nodes:
        state_count[n.state] = state_count.get(n.state, 0) + 1
        names.setdefault(n.state, n.state_name or n.state)
    return {
        "title": title,
        "level": network.level,
        "directed": network.directed,
        "counts": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                   "events": len({t.event for t in ties})},
        "states": [{"code": s, "name": "unknown state" if s == UNKNOWN_STATE else names[s],
                    "color": colours[s], "count": state_count[s]}
                   for s in sorted(state_count, key=lambda s: (-state_count[s], s))],
        "nodes": [{"id": n.id, "label": n.label, "state": n.state, "titles": list(n.titles),
                   "x": pos[n.id][0], "y": pos[n.id][1], "degree": undirected.degree(n.id),
                   "side": sides[n.id]}
                  for n in nodes],
        "edges": [{"s": index[a], "t": index[b], "ties": ks} for (a, b), ks in sorted(edges.items())],
        "ties": [{"event": t.event, "a": index[t.a], "b": index[t.b], "relation": t.relation,
                  "kind": t.kind, "date": t.date, "end": t.end, "status": t.status,
                  "source": t.source, "url": t.url, "published": t.published, "guest": t.guest,
                  "sentences": [s.text for s in t.sentences]} for t in ties],
    }


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no "</script>", "<!--" or "]]>" can appear."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def render_html(network: Network, title: str | None = None) -> str:
    try:
        template = TEMPLATE.read_text(encoding="utf-8")
    except OSError as exc:
        raise VizError(f"the page template {TEMPLATE} is missing: {exc.strerror or exc}") from None
    before, marker, after = template.partition(DATA_MARKER)
    if not marker or DATA_MARKER in after:
        raise VizError(f"the page template {TEMPLATE} must hold {DATA_MARKER} exactly once")
    return before + script_json(page_data(network, title or default_title(network))) + after


# ------------------------------------------------------------------ the static picture

def render_picture(network: Network, title: str, fmt: str = "png") -> bytes:
    """A picture for a report: nodes coloured by state and sized by degree, a legend, names."""
    try:
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
        from matplotlib.patheffects import withStroke
    except ImportError:
        raise VizError("writing .png or .svg needs matplotlib: pip install 'kg[viz]'") from None
    import io

    g = to_networkx(network)
    pos = layout(g)
    colours = state_colours(network)
    undirected = g.to_undirected() if g.is_directed() else g
    fig = Figure(figsize=(12, 8), dpi=150)
    ax = fig.add_axes((0.02, 0.02, 0.96, 0.86))
    ax.set_axis_off()
    ax.set_aspect("equal")
    halo = [withStroke(linewidth=3, foreground="white")]
    events = len({t.event for t in network.ties})
    what = "people" if network.level == "person" else "states"
    fig.text(0.02, 0.96, title, fontsize=17, fontweight="bold", va="top")
    fig.text(0.02, 0.915, f"{g.number_of_nodes()} {what}, {g.number_of_edges()} "
             f"{'pairs' if network.level == 'person' else 'directions'}, {events} events. "
             "Circle size: how many others a node is linked to; line width and number: events.",
             fontsize=10, color="#444", va="top")
    if not len(g):
        ax.text(0.5, 0.5, "No ties match.", ha="center", va="center", transform=ax.transAxes)
    size = {n: 110 + 110 * math.sqrt(undirected.degree(n)) for n in g}
    for a, b, d in g.edges(data=True):
        w = int(d.get("weight", 1))
        ax.annotate("", xy=pos[b], xytext=pos[a], zorder=1, arrowprops={
            "arrowstyle": "-|>" if g.is_directed() else "-", "color": "#666", "alpha": 0.7,
            "lw": 1.0 + 1.5 * math.log2(w), "shrinkA": math.sqrt(size[a]) / 2 + 1,
            "shrinkB": math.sqrt(size[b]) / 2 + 1, "mutation_scale": 14,
            "connectionstyle": "arc3,rad=0.18" if g.is_directed() else "arc3,rad=0"})
        if w > 1 or g.is_directed():
            (xa, ya), (xb, yb) = pos[a], pos[b]
            bend = 0.09 if g.is_directed() else 0.0  # the arc's middle lies to the right of a->b
            mx, my = (xa + xb) / 2 + bend * (yb - ya), (ya + yb) / 2 - bend * (xb - xa)
            ax.text(mx, my, str(w), fontsize=8, color="#333", ha="center", va="center", zorder=2,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9})
    nodes = sorted(g.nodes(data=True), key=lambda item: item[0])
    ax.scatter([pos[n][0] for n, _ in nodes], [pos[n][1] for n, _ in nodes],
               s=[size[n] for n, _ in nodes], c=[colours[d.get("state", UNKNOWN_STATE)] for _, d in nodes],
               edgecolors="white", linewidths=1.2, zorder=3)
    sides = label_sides(g, pos)
    labelled = sorted(g, key=lambda n: (-undirected.degree(n), n))[:80]
    for n in labelled:
        dx, dy, ha, va = label_offset(sides[n])
        gap = math.sqrt(size[n]) / 2 + 3
        ax.annotate(str(g.nodes[n].get("label", n)), pos[n], xytext=(dx * gap, dy * gap),
                    textcoords="offset points", fontsize=10, zorder=4, path_effects=halo,
                    ha=ha, va=va)
    if len(g):
        xs = [x for x, _ in pos.values()]
        ys = [y for _, y in pos.values()]
        pad = 0.6
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(min(ys) - pad, max(ys) + pad)
    counts = {s: sum(1 for n in network.nodes if n.state == s) for s in colours}
    handles = [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=colours[s],
                      markeredgecolor="white",
                      label=f"{_state_name(network, s)} ({s}): {counts[s]}")
               for s in sorted(colours, key=lambda s: (-counts[s], s))]
    if handles:  # in the header, where it covers no one
        fig.legend(handles=handles, loc="upper right", bbox_to_anchor=(0.985, 0.985),
                   ncols=min(len(handles), 4), frameon=False, fontsize=10,
                   title="state, people" if network.level == "person" else None)
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, facecolor="white")
    return buf.getvalue()


def _state_name(network: Network, code: str) -> str:
    if code == UNKNOWN_STATE:
        return "unknown"
    return next((n.state_name for n in network.nodes if n.state == code and n.state_name), code)
