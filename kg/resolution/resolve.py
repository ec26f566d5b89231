"""Stage 3, resolution: the facts of every article in, one node per real thing out.

One person however many articles and spellings tell of them ("Kasimalyev" / "Kasymaliev");
one visit, meeting or agreement however many articles report it. What each article says of a
node stays that article's claim (its own dates, status, figures), so where sources disagree
both claims are kept, each with its source.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ..extraction.model import ArticleFacts
from ..reading.dates import compatible, more_precise
from ..reading.resolve_names import SAME, same_person
from ..storage.cache import code_digest, write_kept
from ..vocab import fold, slug

_KIND_RANK = {"visit": 0, "working visit": 1, "official visit": 2, "state visit": 3}


@dataclass
class PersonNode:
    key: str  # IRI segment
    spellings: Counter[str] = field(default_factory=Counter)
    state: str | None = None
    vietnamese: bool = False
    # (article stem, title, sentence) for each article that names the person
    positions: list[tuple[str, str, int]] = field(default_factory=list)
    # spellings found not to be theirs since they were last given a new one (not compared again)
    unmatched: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def name(self) -> str:
        best = max(self.spellings.items(), key=lambda kv: (kv[1], len(kv[0].split()), len(kv[0]), kv[0]))
        return best[0]


@dataclass
class Claim:
    """What one article says of an event node (dates, status, ...) and where it says it."""

    article: str
    sentences: list[int]
    values: dict[str, object]


@dataclass
class EventNode:
    key: str
    kind: str  # "visit" / "meeting" / "agreement status" ...
    fixed: dict[str, object]  # what every claim shares (participants, states)
    claims: list[Claim] = field(default_factory=list)
    # what merging reads of the claims (any invitation, their distinct dates, the claims of
    # each article), kept as they change
    invited: bool = field(default=False, repr=False, compare=False)
    dates: list[object] = field(default_factory=list, repr=False, compare=False)
    by_article: dict[str, list[Claim]] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class AgreementNode:
    key: str
    names: Counter[str]
    kind: str
    parties: tuple[str, ...]
    mentions: list[tuple[str, int]] = field(default_factory=list)  # (article, sentence)
    statuses: list[EventNode] = field(default_factory=list)

    @property
    def name(self) -> str:
        return max(self.names.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


@dataclass
class PartnershipNode:
    """One framework between one pair of states; each status the articles tell of it
    (established, existing, proposed) is an event node whose claims keep their article."""

    key: str
    states: tuple[str, str]
    framework: str
    names: Counter[str] = field(default_factory=Counter)
    statuses: list[EventNode] = field(default_factory=list)

    @property
    def name(self) -> str:
        return max(self.names.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


@dataclass
class Resolved:
    articles: list[ArticleFacts]
    people: dict[str, PersonNode]
    person_of: dict[tuple[str, str], str]  # (article stem, article-level name) -> person key
    visits: list[EventNode]
    meetings: list[EventNode]
    agreements: list[AgreementNode]
    relations: list[EventNode]
    trade: list[EventNode]
    organisations: dict[str, tuple[str, list[tuple[str, int]], bool]]  # code -> (name, mentions, known)
    memberships: dict[tuple[str, str], list[tuple[str, int]]]
    partnerships: list[PartnershipNode] = field(default_factory=list)


# ---------------------------------------------------------------- people

def resolve_people(articles: list[ArticleFacts]) -> tuple[dict[str, PersonNode], dict[tuple[str, str], str]]:
    nodes: list[PersonNode] = []
    index = _NameIndex()
    person_of: dict[tuple[str, str], str] = {}
    for facts in articles:
        for person in facts.people:
            found = _find_person(nodes, index.candidates(person.spellings), person.spellings, person.state)
            if found is None:
                found = len(nodes)
                nodes.append(PersonNode(key="", state=person.state, vietnamese=person.vietnamese_name))
            node = nodes[found]
            for spelling in (*person.spellings, person.name):
                if spelling not in node.spellings:  # else its keys point to the node already
                    index.add(spelling, found)
                    node.unmatched.clear()  # a spelling not theirs may be like this new one
                node.spellings[spelling] += 1
            title = max(person.titles, key=len) if person.titles else ""
            node.positions.append((facts.article.stem, title, person.sentence))
            person_of[(facts.article.stem, person.name)] = str(found)
    people: dict[str, PersonNode] = {}
    for node in nodes:
        base = slug(node.name)
        key = base if base not in people else f"{base}-{(node.state or 'xx').lower()}"
        n = 2
        while key in people:
            key, n = f"{base}-{n}", n + 1
        node.key = key
        people[key] = node
    person_of = {k: nodes[int(v)].key for k, v in person_of.items()}
    return people, person_of


class _NameIndex:
    """People by the words of their spellings, and by the first three letters of each longer
    word ("Kasimalyev" / "Kasymaliev"), so a name is compared only with names that could be
    the same person, not with every person of the corpus."""

    def __init__(self) -> None:
        self._by_key: dict[str, set[int]] = defaultdict(set)

    @staticmethod
    @lru_cache(maxsize=1 << 16)
    def _keys(spelling: str) -> frozenset[str]:
        words = fold(spelling.replace("-", " ")).split()
        return frozenset(words) | {f"{w[:3]}*" for w in words if len(w) >= 4}

    def add(self, spelling: str, node: int) -> None:
        for key in self._keys(spelling):
            self._by_key[key].add(node)

    def candidates(self, spellings: tuple[str, ...]) -> list[int]:
        found: set[int] = set()
        for spelling in spellings:
            for key in self._keys(spelling):
                found |= self._by_key.get(key, set())
        return sorted(found)  # in the order the people were first met, as a full scan would


def _find_person(nodes: list[PersonNode], candidates: list[int], spellings: tuple[str, ...],
                 state: str | None) -> int | None:
    asked = frozenset(spellings)
    for i in candidates:
        node = nodes[i]
        if state and node.state and state != node.state:
            continue
        if asked <= node.unmatched:
            continue  # each found not to be theirs before (most of a common name's candidates)
        # a spelling the person is already known by is the same person (same_person(a, a)),
        # without comparing it with each of theirs
        if not node.spellings.keys().isdisjoint(spellings):
            return i
        for a in spellings:  # in the order told (a set's order changes with each process)
            if a in node.unmatched:
                continue
            if any(same_person(a, b) for b in node.spellings):
                return i
            node.unmatched.add(a)
    return None


# ---------------------------------------------------------------- events

def _year(date: object) -> str | None:
    return str(date)[:4] if date and str(date)[:1].isdigit() else None


def _fixed_key(fixed: dict[str, object]) -> tuple[tuple[str, object], ...]:
    return tuple(sorted(fixed.items()))


@dataclass
class _Events:
    """Event nodes in the order they were made, found by what all their claims share (the
    guest and states of a visit, the pair and kind of a meeting), without a scan of them all."""

    nodes: list[EventNode] = field(default_factory=list)
    _by_fixed: dict[tuple[tuple[str, object], ...], list[EventNode]] = field(
        default_factory=lambda: defaultdict(list))

    def sharing(self, fixed: dict[str, object]) -> list[EventNode]:
        return self._by_fixed.get(_fixed_key(fixed), [])

    def add(self, node: EventNode) -> EventNode:
        self.nodes.append(node)
        self._by_fixed[_fixed_key(node.fixed)].append(node)
        return node


def _merge_events(events: _Events, fixed: dict[str, object], claim: Claim, kind: str,
                  key_of: str, date_field: str, same_year: bool) -> EventNode:
    """Add a claim to the node it belongs to, or to a new node."""
    date = claim.values.get(date_field)
    status = claim.values.get("status")
    candidates = []
    for node in events.sharing(fixed):
        if node.invited != (status == "invited"):
            continue
        dates = node.dates
        if not date or not dates:
            candidates.append(node)
            continue
        if any(compatible(str(d), str(date)) for d in dates):
            candidates.append(node)
        elif same_year and any(_year(d) == _year(date) for d in dates) and all(
            compatible(_s(c.values.get(date_field)), str(date)) for c in node.by_article.get(claim.article, ())
        ):
            candidates.append(node)  # another article's date for the same event: a conflict
    if candidates:
        # a node this article already tells of comes first
        candidates.sort(key=lambda n: claim.article not in n.by_article)
        node = candidates[0]
    else:
        node = events.add(EventNode(key=key_of, kind=kind, fixed=fixed))
    for c in node.by_article.get(claim.article, ()):
        if _claims_agree(c, claim, date_field):
            _absorb(c, claim, date_field)
            # what merging reads of the node's claims, worked out again as one of them changed
            node.invited = any(c.values.get("status") == "invited" for c in node.claims)
            node.dates = list(dict.fromkeys(d for c in node.claims if (d := c.values.get(date_field))))
            return node
    node.claims.append(claim)
    node.by_article.setdefault(claim.article, []).append(claim)
    node.invited = node.invited or status == "invited"
    if date and date not in node.dates:
        node.dates.append(date)
    return node


def _claims_agree(a: Claim, b: Claim, date_field: str) -> bool:
    return compatible(_s(a.values.get(date_field)), _s(b.values.get(date_field)))


def _s(value: object) -> str | None:
    return None if value is None else str(value)


def _absorb(into: Claim, other: Claim, date_field: str) -> None:
    """One article telling the same event twice: keep the most precise of what it says."""
    into.sentences = sorted(set(into.sentences) | set(other.sentences))
    for name, value in other.values.items():
        current = into.values.get(name)
        if value is None:
            continue
        if current is None:
            into.values[name] = value
        elif name in (date_field, "end"):
            into.values[name] = more_precise(str(current), str(value))
        elif name == "status" and current != value:
            winner = _stronger(into.values, other.values)
            into.values["status"], into.values["certain"] = winner.get("status"), winner.get("certain", True)
        elif name == "certain":
            continue
        elif name == "kind" and _KIND_RANK.get(str(value), 0) > _KIND_RANK.get(str(current), 0):
            into.values[name] = value


def _status_rank(values: dict[str, object]) -> int:
    status, certain = values.get("status"), values.get("certain", True)
    if status == "completed":
        return 3 if certain else 1
    return 2


def _stronger(a: dict[str, object], b: dict[str, object]) -> dict[str, object]:
    """An article that says a visit happened outweighs one that says it is planned, and that
    outweighs a bare mention (a headline) read as done only by default."""
    return dict(a if _status_rank(a) >= _status_rank(b) else b)


def _unique_keys(nodes: list[EventNode], prefix: str) -> None:
    seen: Counter[str] = Counter()
    for node in nodes:
        seen[node.key] += 1
        if seen[node.key] > 1:
            node.key = f"{node.key}-{seen[node.key]}"
        node.key = f"{prefix}/{node.key}"


def resolve(articles: list[ArticleFacts]) -> Resolved:
    """Merge the facts of all articles (sorted by file name, for reproducible output)."""
    articles = sorted(articles, key=lambda f: f.article.stem)
    people, person_of = resolve_people(articles)
    visits, meetings, relations, trade = _Events(), _Events(), _Events(), _Events()
    meetings_of_pair: dict[tuple[str, ...], list[EventNode]] = defaultdict(list)
    agreements = _Agreements()
    statuses: dict[int, _Events] = defaultdict(_Events)  # id of an agreement node -> its status events
    organisations: dict[str, tuple[str, list[tuple[str, int]], bool]] = {}
    memberships: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    partnerships: dict[tuple[tuple[str, ...], str], PartnershipNode] = {}
    partnership_statuses: dict[str, _Events] = defaultdict(_Events)  # partnership key -> its statuses

    for facts in articles:
        stem = facts.article.stem

        def who(name: str, stem: str = stem) -> str | None:
            return person_of.get((stem, name))
        for v in sorted(facts.visits, key=lambda v: (-len(v.start or ""), v.sentence)):
            guest = who(v.guest)
            if guest is None:
                continue
            fixed: dict[str, object] = {"guest": guest, "guestState": v.guest_state, "hostState": v.host_state}
            claim = Claim(stem, [v.sentence], {
                "start": v.start, "end": v.end, "status": v.status, "kind": v.kind,
                "invitedBy": who(v.invited_by) if v.invited_by else None, "certain": v.certain,
                **_where(v.venue, v.venue_state, v.occasion, v.occasion_series),
            })
            key = f"{guest}-{v.host_state.lower()}-{_year(v.start) or 'undated'}"
            _merge_events(visits, fixed, claim, "visit", key, "start", same_year=True)
        for m in sorted(facts.meetings, key=lambda m: (-len(m.date or ""), m.sentence)):
            a, b = who(m.participants[0]), who(m.participants[1])
            if a is None or b is None or a == b:
                continue
            pair: tuple[str, ...] = tuple(sorted((a, b)))
            kind = m.kind
            for other in meetings_of_pair[pair]:  # one event told as "điện đàm" and "trao đổi trực tuyến"
                same_day = m.date and len(m.date) >= 5 and any(
                    c.article == stem and c.values.get("date") == m.date for c in other.claims)
                if other.fixed["kind"] != kind and same_day:
                    kind = str(other.fixed["kind"])
                    break
            fixed = {"participants": pair, "kind": kind}
            claim = Claim(stem, [m.sentence], {"date": m.date, "status": m.status, "place": m.place,
                                               **_where(m.venue, m.venue_state, m.occasion, m.occasion_series)})
            key = f"{slug(m.kind)}-{pair[0]}-{pair[1]}-{_year(m.date) or 'undated'}"
            node = _merge_events(meetings, fixed, claim, "meeting", key, "date", same_year=False)
            if node not in meetings_of_pair[pair]:
                meetings_of_pair[pair].append(node)
        for ag in facts.agreements:
            ag_node = agreements.find(ag.name, ag.kind, ag.parties)
            ag_node.names[ag.name] += 1
            ag_node.mentions.append((stem, ag.sentence))
            fixed = {"status": ag.status}
            claim = Claim(stem, [ag.sentence], {"date": ag.date, "status": ag.status})
            _merge_events(statuses[id(ag_node)], fixed, claim, "agreement status",
                          slug(ag.status), "date", same_year=False)
        for org in facts.organisations:
            name, mentions, known = organisations.get(org.code, (org.name, [], org.known))
            mentions.append((stem, org.sentence))
            organisations[org.code] = (name, mentions, known)
        for ms in facts.memberships:
            memberships[(ms.state, ms.organisation)].append((stem, ms.sentence))
        for rel in facts.relations:
            pair = tuple(sorted(rel.states))
            claim = Claim(stem, [rel.sentence], {"established": rel.established})
            _claims_by_value(relations, {"states": pair}, claim, f"{pair[0]}-{pair[1]}", "established")  # noqa: E501
        for t in facts.trade:
            pair = tuple(sorted(t.states))
            fixed = {"states": pair, "year": t.year, "period": t.period}
            claim = Claim(stem, [t.sentence], {"usd": t.usd, "qualifier": t.qualifier})
            key = f"{pair[0]}-{pair[1]}-{t.year}" + (f"-{slug(t.period)}" if t.period else "")
            _claims_by_value(trade, fixed, claim, key, "usd")
        for pa in facts.partnerships:
            pair = tuple(sorted(pa.states))
            pa_node = partnerships.get((pair, pa.framework))
            if pa_node is None:
                pa_node = partnerships[(pair, pa.framework)] = PartnershipNode(
                    f"{pair[0]}-{pair[1]}-{slug(pa.framework)}", (pair[0], pair[1]), pa.framework)
            pa_node.names[pa.name] += 1
            claim = Claim(stem, [pa.sentence], {"date": pa.date, "status": pa.status})
            _merge_events(partnership_statuses[pa_node.key], {"status": pa.status}, claim,
                          "partnership status", slug(pa.status), "date", same_year=False)

    for ag_node in agreements.nodes:
        ag_node.statuses = statuses[id(ag_node)].nodes
        _unique_keys(ag_node.statuses, "status")
    seen: Counter[str] = Counter()
    for ag_node in agreements.nodes:
        seen[ag_node.key] += 1
        if seen[ag_node.key] > 1:
            ag_node.key = f"{ag_node.key}-{seen[ag_node.key]}"
    for events, prefix in ((visits, "visit"), (meetings, "meeting"), (relations, "relation"), (trade, "trade")):
        _unique_keys(events.nodes, prefix)
    for pa_node in partnerships.values():
        pa_node.statuses = partnership_statuses[pa_node.key].nodes
        _unique_keys(pa_node.statuses, "status")
    return Resolved(articles, people, person_of, visits.nodes, meetings.nodes, agreements.nodes,
                    relations.nodes, trade.nodes, organisations, dict(memberships),
                    partnerships=list(partnerships.values()))


def _where(venue: str | None, state: str | None, occasion: str | None, series: str | None) -> dict[str, object]:
    """A claim's place and occasion, as its article gives them (the first it tells, like a date)."""
    return {"venue": venue, "venueState": state, "occasion": occasion, "occasionSeries": series}


def _claims_by_value(events: _Events, fixed: dict[str, object], claim: Claim, key: str,
                     field_name: str) -> None:
    """Relations and trade figures: one node per pair (and year); a claim per article."""
    node = next(iter(events.sharing(fixed)), None)
    if node is None:
        node = events.add(EventNode(key=key, kind="", fixed=fixed))
    for c in node.claims:
        if c.article == claim.article and c.values.get(field_name) == claim.values.get(field_name):
            c.sentences = sorted(set(c.sentences) | set(claim.sentences))
            return
        if c.article == claim.article and field_name == "established" and compatible(
            _s(c.values.get(field_name)), _s(claim.values.get(field_name))
        ):
            c.values[field_name] = more_precise(_s(c.values[field_name]), _s(claim.values[field_name]))
            c.sentences = sorted(set(c.sentences) | set(claim.sentences))
            return
    node.claims.append(claim)


@dataclass
class _Agreements:
    """Agreement nodes in the order they were made, found by their parties."""

    nodes: list[AgreementNode] = field(default_factory=list)
    _by_parties: dict[tuple[str, ...], list[AgreementNode]] = field(default_factory=lambda: defaultdict(list))

    def find(self, name: str, kind: str, parties: tuple[str, ...]) -> AgreementNode:
        """The agreement of these parties with this kind and a name like this one, or a new one."""
        folded = fold(name)
        for node in self._by_parties[parties]:
            if kind == "FTA" and node.kind == "FTA":
                return node
            if node.kind != kind:
                continue
            if _names_close(folded, fold(node.name)):
                return node
        node = AgreementNode(key=f"{slug(kind)}-{'-'.join(p.lower() for p in parties)}-{slug(name)[:60]}",
                             names=Counter(), kind=kind, parties=parties)
        self.nodes.append(node)
        self._by_parties[parties].append(node)
        return node


# The answers worked out, by pair (an agreement many articles name is compared with the same
# names again; a rebuild asks those of the build before: :func:`remembered`).
CLOSE: dict[tuple[str, str], bool] = {}


def _names_close(a: str, b: str) -> bool:
    """Two agreement names (folded) close enough to be one agreement's."""
    found = CLOSE.get((a, b))
    if found is None:
        matcher = difflib.SequenceMatcher(None, a, b)
        # the quick upper bounds first: the same answer, without the full comparison mostly
        found = CLOSE[(a, b)] = (matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8
                                 and matcher.ratio() >= 0.8)
    return found


@contextmanager
def remembered(folder: Path) -> Iterator[None]:
    """Resolve with the name comparisons of the builds before, kept in ``folder`` (a tenth of
    the comparisons are new in a rebuild: they took 0.6 s of resolving 10,000 articles).

    Keyed by the code that compares, so a change to it compares everything again; written
    aside and renamed, so a killed build leaves the file whole or absent."""
    path = folder / f"names-{code_digest(('resolve', 'resolve_names', 'names', 'vocab'))[:24]}.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        SAME.update({(a, b): bool(v) for a, b, v in kept["same"]})
        CLOSE.update({(a, b): bool(v) for a, b, v in kept["close"]})
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none kept yet, or unreadable: worked out again
    known = len(SAME) + len(CLOSE)
    yield
    if len(SAME) + len(CLOSE) == known:
        return
    data = {"same": sorted([a, b, v] for (a, b), v in SAME.items()),
            "close": sorted([a, b, v] for (a, b), v in CLOSE.items())}
    write_kept(path, json.dumps(data, ensure_ascii=False))


def usd_text(value: Decimal) -> str:
    return format(value.normalize(), "f")
