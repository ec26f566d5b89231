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
from typing import Generic, Self, TypeVar

from ..extraction.model import (
    AgreementKind,
    AgreementStatus,
    ArticleFacts,
    MeetingKind,
    MeetingStatus,
    PartnershipStatus,
    VisitKind,
    VisitStatus,
)
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


@dataclass(frozen=True)
class VisitKey:
    """What every claim of one visit shares."""

    guest: str  # person key
    guest_state: str
    host_state: str


@dataclass(frozen=True)
class MeetingKey:
    """What every claim of one meeting shares: the pair (person keys, sorted) and the kind."""

    participants: tuple[str, str]
    kind: MeetingKind


@dataclass(frozen=True)
class StatusKey:
    """An agreement's or a partnership's status event: one per status."""

    status: AgreementStatus | PartnershipStatus


@dataclass(frozen=True)
class RelationKey:
    states: tuple[str, str]  # sorted


@dataclass(frozen=True)
class TradeKey:
    states: tuple[str, str]  # sorted
    year: str
    period: str | None


@dataclass(kw_only=True)
class Claim:
    """What one article says of a node and where it says it. ``date`` is the claim's date at
    the text's precision: a visit's start, the day of a meeting or of a status, when relations
    were established."""

    article: str
    sentences: list[int]
    date: str | None = None

    def absorbs(self, other: Self) -> bool:
        """Whether ``other`` (the same article's) is told of this claim, made the more precise
        by it if so (relations and trade figures: :func:`_claims_by_value`)."""
        if self.date == other.date:
            return True
        if compatible(self.date, other.date):
            self.date = more_precise(self.date, other.date)
            return True
        return False


@dataclass(kw_only=True)
class StatusClaim(Claim):
    """A claim with a status: of a visit, a meeting, an agreement's or a partnership's status."""

    status: VisitStatus | MeetingStatus | AgreementStatus | PartnershipStatus
    certain: bool = True  # False when "completed" is only the default reading

    def merge(self, other: Self) -> None:
        """One article telling the same event twice: keep the most precise of what it says."""
        self.sentences = sorted(set(self.sentences) | set(other.sentences))
        self.date = _precise(self.date, other.date)
        if self.status != other.status:
            # an article that says a visit happened outweighs one that says it is planned,
            # and that outweighs a bare mention (a headline) read as done only by default
            winner = self if _status_rank(self) >= _status_rank(other) else other
            self.status, self.certain = winner.status, winner.certain


@dataclass(kw_only=True)
class Where:
    """Where a visit or meeting took place and on what occasion, as its article tells them
    (the first it tells, like a date)."""

    venue: str | None = None  # a city or a seat, as the text names it
    venue_state: str | None = None
    occasion: str | None = None
    occasion_series: str | None = None  # the organisation whose meeting it is (ASEAN, APEC)

    def take_where(self, other: Where) -> None:
        self.venue = self.venue if self.venue is not None else other.venue
        self.venue_state = self.venue_state if self.venue_state is not None else other.venue_state
        self.occasion = self.occasion if self.occasion is not None else other.occasion
        self.occasion_series = self.occasion_series if self.occasion_series is not None else other.occasion_series


@dataclass(kw_only=True)
class VisitClaim(StatusClaim, Where):
    status: VisitStatus
    kind: VisitKind
    end: str | None = None
    invited_by: str | None = None  # person key

    def merge(self, other: Self) -> None:
        super().merge(other)
        self.take_where(other)
        self.end = _precise(self.end, other.end)
        if _KIND_RANK.get(other.kind, 0) > _KIND_RANK.get(self.kind, 0):
            self.kind = other.kind
        if self.invited_by is None:
            self.invited_by = other.invited_by


@dataclass(kw_only=True)
class MeetingClaim(StatusClaim, Where):
    status: MeetingStatus
    place: str | None = None

    def merge(self, other: Self) -> None:
        super().merge(other)
        self.take_where(other)
        if self.place is None:
            self.place = other.place


@dataclass(kw_only=True)
class TradeClaim(Claim):
    usd: Decimal
    qualifier: str | None = None  # "hơn" (over), "khoảng" (about)

    def absorbs(self, other: Self) -> bool:
        return self.usd == other.usd


KeyT = TypeVar("KeyT", VisitKey, MeetingKey, StatusKey, RelationKey, TradeKey)
ClaimT = TypeVar("ClaimT", bound=Claim)


@dataclass
class EventNode(Generic[KeyT, ClaimT]):
    key: str
    kind: str  # "visit" / "meeting" / "agreement status" ...
    fixed: KeyT  # what every claim shares (participants, states)
    claims: list[ClaimT] = field(default_factory=list)
    # what merging reads of the claims (any invitation, their distinct dates, the claims of
    # each article), kept as they change
    invited: bool = field(default=False, repr=False, compare=False)
    dates: list[str] = field(default_factory=list, repr=False, compare=False)
    by_article: dict[str, list[ClaimT]] = field(default_factory=dict, repr=False, compare=False)


VisitNode = EventNode[VisitKey, VisitClaim]
MeetingNode = EventNode[MeetingKey, MeetingClaim]
StatusNode = EventNode[StatusKey, StatusClaim]
RelationNode = EventNode[RelationKey, Claim]
TradeNode = EventNode[TradeKey, TradeClaim]


@dataclass
class AgreementNode:
    key: str
    names: Counter[str]
    kind: AgreementKind
    parties: tuple[str, ...]
    mentions: list[tuple[str, int]] = field(default_factory=list)  # (article, sentence)
    statuses: list[StatusNode] = field(default_factory=list)

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
    statuses: list[StatusNode] = field(default_factory=list)

    @property
    def name(self) -> str:
        return max(self.names.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


@dataclass
class Resolved:
    articles: list[ArticleFacts]
    people: dict[str, PersonNode]
    person_of: dict[tuple[str, str], str]  # (article stem, article-level name) -> person key
    visits: list[VisitNode]
    meetings: list[MeetingNode]
    agreements: list[AgreementNode]
    relations: list[RelationNode]
    trade: list[TradeNode]
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

def _year(date: str | None) -> str | None:
    return date[:4] if date and date[:1].isdigit() else None


def _precise(a: str | None, b: str | None) -> str | None:
    """The more precise of two dates, either of which may be untold."""
    if a is None:
        return b
    return a if b is None else more_precise(a, b)


@dataclass
class _Events(Generic[KeyT, ClaimT]):
    """Event nodes in the order they were made, found by what all their claims share (the
    guest and states of a visit, the pair and kind of a meeting), without a scan of them all."""

    nodes: list[EventNode[KeyT, ClaimT]] = field(default_factory=list)
    _by_fixed: dict[KeyT, list[EventNode[KeyT, ClaimT]]] = field(default_factory=lambda: defaultdict(list))

    def sharing(self, fixed: KeyT) -> list[EventNode[KeyT, ClaimT]]:
        return self._by_fixed.get(fixed, [])

    def add(self, node: EventNode[KeyT, ClaimT]) -> EventNode[KeyT, ClaimT]:
        self.nodes.append(node)
        self._by_fixed[node.fixed].append(node)
        return node


StatusClaimT = TypeVar("StatusClaimT", bound=StatusClaim)


def _merge_events(events: _Events[KeyT, StatusClaimT], fixed: KeyT, claim: StatusClaimT, kind: str,
                  key_of: str, same_year: bool) -> EventNode[KeyT, StatusClaimT]:
    """Add a claim to the node it belongs to, or to a new node."""
    date = claim.date
    status = claim.status
    candidates = []
    for node in events.sharing(fixed):
        if node.invited != (status == "invited"):
            continue
        dates = node.dates
        if not date or not dates:
            candidates.append(node)
            continue
        if any(compatible(d, date) for d in dates):
            candidates.append(node)
        elif same_year and any(_year(d) == _year(date) for d in dates) and all(
            compatible(c.date, date) for c in node.by_article.get(claim.article, ())
        ):
            candidates.append(node)  # another article's date for the same event: a conflict
    if candidates:
        # a node this article already tells of comes first
        candidates.sort(key=lambda n: claim.article not in n.by_article)
        node = candidates[0]
    else:
        node = events.add(EventNode(key=key_of, kind=kind, fixed=fixed))
    for c in node.by_article.get(claim.article, ()):
        if compatible(c.date, claim.date):
            c.merge(claim)
            # what merging reads of the node's claims, worked out again as one of them changed
            node.invited = any(c.status == "invited" for c in node.claims)
            node.dates = list(dict.fromkeys(d for c in node.claims if (d := c.date)))
            return node
    node.claims.append(claim)
    node.by_article.setdefault(claim.article, []).append(claim)
    node.invited = node.invited or status == "invited"
    if date and date not in node.dates:
        node.dates.append(date)
    return node


def _status_rank(claim: StatusClaim) -> int:
    if claim.status == "completed":
        return 3 if claim.certain else 1
    return 2


def _unique_keys(nodes: list[EventNode[KeyT, ClaimT]], prefix: str) -> None:
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
    visits: _Events[VisitKey, VisitClaim] = _Events()
    meetings: _Events[MeetingKey, MeetingClaim] = _Events()
    relations: _Events[RelationKey, Claim] = _Events()
    trade: _Events[TradeKey, TradeClaim] = _Events()
    meetings_of_pair: dict[tuple[str, str], list[MeetingNode]] = defaultdict(list)
    agreements = _Agreements()
    statuses: dict[int, _Events[StatusKey, StatusClaim]] = defaultdict(_Events)  # id of an agreement node -> its status events
    organisations: dict[str, tuple[str, list[tuple[str, int]], bool]] = {}
    memberships: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    partnerships: dict[tuple[tuple[str, str], str], PartnershipNode] = {}
    partnership_statuses: dict[str, _Events[StatusKey, StatusClaim]] = defaultdict(_Events)  # partnership key -> its statuses

    for facts in articles:
        stem = facts.article.stem

        def who(name: str, stem: str = stem) -> str | None:
            return person_of.get((stem, name))
        for v in sorted(facts.visits, key=lambda v: (-len(v.start or ""), v.sentence)):
            guest = who(v.guest)
            if guest is None:
                continue
            visit = VisitClaim(article=stem, sentences=[v.sentence], date=v.start, end=v.end,
                               status=v.status, kind=v.kind, certain=v.certain,
                               invited_by=who(v.invited_by) if v.invited_by else None,
                               venue=v.venue, venue_state=v.venue_state, occasion=v.occasion,
                               occasion_series=v.occasion_series)
            key = f"{guest}-{v.host_state.lower()}-{_year(v.start) or 'undated'}"
            _merge_events(visits, VisitKey(guest, v.guest_state, v.host_state), visit, "visit", key,
                          same_year=True)
        for m in sorted(facts.meetings, key=lambda m: (-len(m.date or ""), m.sentence)):
            a, b = who(m.participants[0]), who(m.participants[1])
            if a is None or b is None or a == b:
                continue
            pair = (a, b) if a <= b else (b, a)
            kind = m.kind
            for other in meetings_of_pair[pair]:  # one event told as "điện đàm" and "trao đổi trực tuyến"
                same_day = m.date and len(m.date) >= 5 and any(
                    c.article == stem and c.date == m.date for c in other.claims)
                if other.fixed.kind != kind and same_day:
                    kind = other.fixed.kind
                    break
            meeting = MeetingClaim(article=stem, sentences=[m.sentence], date=m.date, status=m.status,
                                   place=m.place, venue=m.venue, venue_state=m.venue_state,
                                   occasion=m.occasion, occasion_series=m.occasion_series)
            key = f"{slug(m.kind)}-{pair[0]}-{pair[1]}-{_year(m.date) or 'undated'}"
            node = _merge_events(meetings, MeetingKey(pair, kind), meeting, "meeting", key, same_year=False)
            if node not in meetings_of_pair[pair]:
                meetings_of_pair[pair].append(node)
        for ag in facts.agreements:
            ag_node = agreements.find(ag.name, ag.kind, ag.parties)
            ag_node.names[ag.name] += 1
            ag_node.mentions.append((stem, ag.sentence))
            status = StatusClaim(article=stem, sentences=[ag.sentence], date=ag.date, status=ag.status)
            _merge_events(statuses[id(ag_node)], StatusKey(ag.status), status, "agreement status",
                          slug(ag.status), same_year=False)
        for org in facts.organisations:
            name, mentions, known = organisations.get(org.code, (org.name, [], org.known))
            mentions.append((stem, org.sentence))
            organisations[org.code] = (name, mentions, known)
        for ms in facts.memberships:
            memberships[(ms.state, ms.organisation)].append((stem, ms.sentence))
        for rel in facts.relations:
            pair = _sorted(rel.states)
            relation = Claim(article=stem, sentences=[rel.sentence], date=rel.established)
            _claims_by_value(relations, RelationKey(pair), relation, f"{pair[0]}-{pair[1]}")
        for t in facts.trade:
            pair = _sorted(t.states)
            figure = TradeClaim(article=stem, sentences=[t.sentence], usd=t.usd, qualifier=t.qualifier)
            key = f"{pair[0]}-{pair[1]}-{t.year}" + (f"-{slug(t.period)}" if t.period else "")
            _claims_by_value(trade, TradeKey(pair, t.year, t.period), figure, key)
        for pa in facts.partnerships:
            pair = _sorted(pa.states)
            pa_node = partnerships.get((pair, pa.framework))
            if pa_node is None:
                pa_node = partnerships[(pair, pa.framework)] = PartnershipNode(
                    f"{pair[0]}-{pair[1]}-{slug(pa.framework)}", pair, pa.framework)
            pa_node.names[pa.name] += 1
            status = StatusClaim(article=stem, sentences=[pa.sentence], date=pa.date, status=pa.status)
            _merge_events(partnership_statuses[pa_node.key], StatusKey(pa.status), status,
                          "partnership status", slug(pa.status), same_year=False)

    for ag_node in agreements.nodes:
        ag_node.statuses = statuses[id(ag_node)].nodes
        _unique_keys(ag_node.statuses, "status")
    seen: Counter[str] = Counter()
    for ag_node in agreements.nodes:
        seen[ag_node.key] += 1
        if seen[ag_node.key] > 1:
            ag_node.key = f"{ag_node.key}-{seen[ag_node.key]}"
    _unique_keys(visits.nodes, "visit")
    _unique_keys(meetings.nodes, "meeting")
    _unique_keys(relations.nodes, "relation")
    _unique_keys(trade.nodes, "trade")
    for pa_node in partnerships.values():
        pa_node.statuses = partnership_statuses[pa_node.key].nodes
        _unique_keys(pa_node.statuses, "status")
    return Resolved(articles, people, person_of, visits.nodes, meetings.nodes, agreements.nodes,
                    relations.nodes, trade.nodes, organisations, dict(memberships),
                    partnerships=list(partnerships.values()))


def _claims_by_value(events: _Events[KeyT, ClaimT], fixed: KeyT, claim: ClaimT, key: str) -> None:
    """Relations and trade figures: one node per pair (and year); a claim per article."""
    node = next(iter(events.sharing(fixed)), None)
    if node is None:
        node = events.add(EventNode(key=key, kind="", fixed=fixed))
    for c in node.claims:
        if c.article == claim.article and c.absorbs(claim):
            c.sentences = sorted(set(c.sentences) | set(claim.sentences))
            return
    node.claims.append(claim)


def _sorted(pair: tuple[str, str]) -> tuple[str, str]:
    a, b = pair
    return (a, b) if a <= b else (b, a)


@dataclass
class _Agreements:
    """Agreement nodes in the order they were made, found by their parties."""

    nodes: list[AgreementNode] = field(default_factory=list)
    _by_parties: dict[tuple[str, ...], list[AgreementNode]] = field(default_factory=lambda: defaultdict(list))

    def find(self, name: str, kind: AgreementKind, parties: tuple[str, ...]) -> AgreementNode:
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
