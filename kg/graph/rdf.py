"""Stage 4, RDF: the resolved facts in, named graphs of N-Triples terms out.

One named graph per article (its IRI is the article's IRI) holds what that article says, each
fact linked to the article (``dip:source``) and to the sentence it was read from
(``dip:evidence``, with the sentence text and position). ``kgid:graph/resolution`` holds the
labels chosen across articles; ``kgid:graph/reference`` the states and organisations.

Terms are N-Triples text (:mod:`kg.ntriples`): a graph of a million triples is built in a few
seconds and written in a fixed order (:mod:`kg.trig`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDFS as _RDFS
from rdflib.namespace import SKOS as _SKOS

from ..extraction.model import AgreementKind, ArticleFacts, MeetingKind, VisitKind
from ..resolution.resolve import (
    AgreementNode,
    MeetingNode,
    PartnershipNode,
    Resolved,
    StatusClaim,
    VisitNode,
    Where,
    usd_text,
)
from ..resolution.titles import title_time
from ..vocab import (
    DIP,
    KGID,
    REFERENCE_GRAPH,
    RESOLUTION_GRAPH,
    SCHEMA,
    article_iri,
    org_iri,
    search_key,
    slug,
    state_iri,
    status_iri,
)
from .ntriples import RDF_TYPE, XSD, Triple, Vocabulary, iri, literal


class Graph(dict[Triple, None]):
    """A graph's triples in the order they were first added (a set that keeps its order, so
    the same facts give the same sequence in every process: :func:`kg.trig.digest`)."""

    __slots__ = ()
    add = dict.setdefault  # graph.add(triple), at the speed of set.add


# A build's graphs: named graph (N-Triples IRI) -> its triples.
Graphs = dict[str, Graph]

D, S, K = Vocabulary(DIP), Vocabulary(SCHEMA), Vocabulary(KGID)
SKOS, RDFS = Vocabulary(str(_SKOS)), Vocabulary(str(_RDFS))

VISIT_CLASS: dict[VisitKind, URIRef] = {
    "visit": DIP.Visit, "state visit": DIP.StateVisit, "official visit": DIP.OfficialVisit,
    "working visit": DIP.WorkingVisit,
}
MEETING_CLASS: dict[MeetingKind, URIRef] = {
    "meeting": DIP.Meeting, "talks": DIP.Talks, "reception": DIP.Reception,
    "courtesy meeting": DIP.CourtesyCall, "phone call": DIP.PhoneCall, "video call": DIP.VideoCall,
    "consultation": DIP.Consultation, "message": DIP.WrittenMessage,
}
AGREEMENT_CLASS: dict[AgreementKind, URIRef] = {
    "agreement": DIP.Agreement, "treaty": DIP.Treaty, "memorandum": DIP.Memorandum,
    "protocol": DIP.Protocol, "plan": DIP.Plan, "FTA": DIP.FreeTradeAgreement,
    "joint statement": DIP.JointStatement, "framework agreement": DIP.FrameworkAgreement,
    "convention": DIP.Convention, "letter of intent": DIP.LetterOfIntent, "minutes": DIP.Minutes,
    "programme": DIP.Programme,
}
_DATE_TYPES = {4: XSD + "gYear", 7: XSD + "gYearMonth", 10: XSD + "date"}
# the classes as terms, minted once (a build names one per event)
_VISIT_TERM = {k: iri(v) for k, v in VISIT_CLASS.items()}
_MEETING_TERM = {k: iri(v) for k, v in MEETING_CLASS.items()}
_AGREEMENT_TERM = {k: iri(v) for k, v in AGREEMENT_CLASS.items()}


def date_literal(value: str | None) -> str | None:
    """An ISO date at its precision, typed: 2023 (gYear), 2023-08 (gYearMonth), ..."""
    if value is None:
        return None
    return _date_literal(value)


@lru_cache(maxsize=1 << 14)
def _date_literal(text: str) -> str | None:  # a corpus tells of a few thousand dates, many times
    if text.startswith("--"):
        return literal(text, XSD + "gMonthDay")
    datatype = _DATE_TYPES.get(len(text))
    return literal(text, datatype) if datatype else None


# Each date property and its sortable twin: the first day of the period, an xsd:date, so that a
# FILTER or an ORDER BY compares every claim whatever the precision the text gave ("2023-08" and
# "2023-08-20" are both "2023-08-..."-dated; a gYearMonth and an xsd:date never compare in
# SPARQL). A day without its year ("--05-07") has none.
DAY_OF = {
    D.startDate: D.startDay, D.endDate: D.endDay, D.date: D.day, D.establishedOn: D.establishedDay,
    S.datePublished: D.publishedDay, D.reportedOn: D.reportedDay, D.heldOn: D.heldDay,
}


@lru_cache(maxsize=1 << 14)
def first_day(text: str) -> str | None:
    """The first day of an ISO date's period as an xsd:date literal: 2023 -> 2023-01-01."""
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        return None
    return literal((text + "-01-01")[:10] if len(text) == 4 else (text + "-01")[:10], XSD + "date")


def add_date(g: Graph, node: str, prop: str, value: str | None) -> None:
    """``node prop value`` at the precision the text gives, and its sortable twin (:data:`DAY_OF`)."""
    lit = date_literal(value)
    if value is None or lit is None:
        return
    g.add((node, prop, lit))
    day = first_day(value)
    if day is not None:
        g.add((node, DAY_OF[prop], day))


def _decimal(text: str) -> str:
    """An xsd:decimal in its canonical form ("4500000.0"), which RDF tools write back the same."""
    return literal(text if "." in text else f"{text}.0", XSD + "decimal")


# The IRIs a build names most, minted once each (rdflib's Namespace checks every IRI it makes);
# room for every article of the largest build (kg.build.MAX_FILES), whose every claim names
# its article: a term minted again is a copy kept in the graphs.
@lru_cache(maxsize=1 << 18)
def _article_term(stem: str) -> str:
    return iri(article_iri(stem))


def _sentence_term(stem: str, position: int) -> str:
    return f"{_article_term(stem)[:-1]}/sentence/{position}>"


# Names, titles, statuses and search keys: the same few thousand literals said of hundreds of
# thousands of nodes, made once each and shared (made afresh, their copies took a tenth of the
# graphs' memory).
@lru_cache(maxsize=1 << 17)
def _text(value: str, lang: str | None = None) -> str:
    return literal(value, lang=lang)


@lru_cache(maxsize=1 << 17)
def _search_key(text: str) -> str:
    return literal(search_key(text))


@lru_cache(maxsize=1 << 10)
def _integer(n: int) -> str:
    return literal(str(n), XSD + "integer")


@lru_cache(maxsize=1 << 12)
def _status(code: str) -> str:
    return iri(status_iri(code))


@lru_cache(maxsize=1 << 12)
def _org(code: str) -> str:
    return iri(org_iri(code))


def party_iri(code: str, resolved: Resolved) -> str:
    return _org(code) if code in resolved.organisations or not _is_state_code(code) else _state(code)


def _is_state_code(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code.isupper()


@lru_cache(maxsize=1 << 12)
def _state(code: str) -> str:
    return iri(state_iri(code))


class _Writer:
    def __init__(self, resolved: Resolved) -> None:
        self.resolved = resolved
        self.graphs: Graphs = defaultdict(Graph)
        self._people: dict[str, str] = {}
        # each sentence's IRI, made once for its triples and for every claim read from it
        self._sentences: dict[str, str] = {}
        # each person's name, chosen once (it is a choice among their spellings)
        self.names = {key: node.name for key, node in resolved.people.items()}

    def graph(self, stem: str) -> Graph:
        return self.graphs[_article_term(stem)]

    @property
    def resolution(self) -> Graph:
        return self.graphs[iri(RESOLUTION_GRAPH)]

    def provenance(self, g: Graph, node: str, stem: str, sentences: list[int]) -> None:
        g.add((node, D.source, _article_term(stem)))
        for n in sentences:
            g.add((node, D.evidence, self.sentence(stem, n)))

    def sentence(self, stem: str, position: int) -> str:
        term = _sentence_term(stem, position)
        return self._sentences.setdefault(term, term)

    def person(self, key: str) -> str:
        term = self._people.get(key)
        if term is None:
            term = self._people[key] = K[f"person/{key}"]
        return term


def _article(w: _Writer, facts: ArticleFacts) -> None:
    art = facts.article
    g = w.graph(art.stem)
    node = _article_term(art.stem)
    g.add((node, RDF_TYPE, D.Article))
    g.add((node, D.fileName, literal(f"{art.stem}.txt")))
    g.add((node, D.contentHash, literal(art.content_hash)))
    if art.url:
        g.add((node, S.url, literal(art.url, XSD + "anyURI")))
    add_date(g, node, S.datePublished, art.published)
    if art.headline:
        g.add((node, S.headline, literal(art.headline, lang="vi")))
    if art.outlet:
        outlet = K[f"outlet/{slug(art.outlet)}"]
        g.add((node, S.publisher, outlet))
        g.add((outlet, RDF_TYPE, S.NewsMediaOrganization))
        g.add((outlet, S.name, _text(art.outlet)))
    for s in art.sentences:
        sn = w.sentence(art.stem, s.position)
        g.add((sn, RDF_TYPE, D.Sentence))
        g.add((sn, D.text, literal(s.text)))
        g.add((sn, D.position, _integer(s.position)))
        g.add((sn, D.inArticle, node))
    for code in facts.states:
        g.add((node, S.mentions, _state(code)))


def _people(w: _Writer, resolved: Resolved) -> None:
    for key, name in w.names.items():
        person = w.person(key)
        w.resolution.add((person, SKOS.prefLabel, _text(name)))
        w.resolution.add((person, D.searchKey, _search_key(name)))
        w.resolution.add((person, RDF_TYPE, D.Person))
    for facts in resolved.articles:
        stem = facts.article.stem
        g = w.graph(stem)
        folded: list[str] = []  # the article's sentences casefolded, once for all its people
        for mention in facts.people:
            person_key = resolved.person_of.get((stem, mention.name))
            if person_key is None:
                continue
            person = w.person(person_key)
            g.add((person, RDF_TYPE, D.Person))
            for spelling in mention.spellings:
                g.add((person, SKOS.altLabel, _text(spelling)))
                w.resolution.add((person, D.searchKey, _search_key(spelling)))
            if mention.state is None:
                continue
            title = max(mention.titles or ("",), key=len)
            pos = K[f"position/{person_key}/{mention.state}/{slug(title) or 'untitled'}"]
            g.add((pos, RDF_TYPE, D.Position))
            g.add((pos, D.holder, person))
            g.add((pos, D.forState, _state(mention.state)))
            for t in mention.titles or ("",):
                g.add((pos, D.title, _text(t, "vi")))
                if t:
                    g.add((pos, D.searchKey, _search_key(t)))
            add_date(g, pos, D.reportedOn, facts.article.published)
            if not folded:
                folded = [s.text.casefold() for s in facts.article.sentences]
            _title_time(g, pos, facts, folded, mention.sentence, mention.titles, mention.spellings)
            w.provenance(g, pos, stem, [mention.sentence])


def _title_time(g: Graph, pos: str, facts: ArticleFacts, folded_sentences: list[str], sentence: int,
                titles: tuple[str, ...], names: tuple[str, ...]) -> None:
    """When the title held, as its sentence tells (:mod:`kg.resolution.titles`): its status
    (current, former, late, acting, past) and, where the text gives it, the time it held. The
    sentence is the first that gives the person's longest title beside one of their names,
    else the one extraction took the title from."""
    sentences = facts.article.sentences
    title = max(titles or ("",), key=len)
    folded = title.casefold()
    text = next((s.text for s, f in zip(sentences, folded_sentences, strict=True) if title and folded in f
                 and any(n in s.text for n in names)), None)
    if text is None:
        text = sentences[sentence].text if 0 <= sentence < len(sentences) else ""
        title = title if folded and folded in text.casefold() else ""
    held = title_time(text, title, names, facts.article.published)
    g.add((pos, D.titleStatus, _text(held.status)))
    add_date(g, pos, D.heldOn, held.held)


def _visits(w: _Writer, nodes: list[VisitNode]) -> None:
    for node in nodes:
        node_iri = K[node.key]
        visit = node.fixed
        guest = w.names[visit.guest]
        w.resolution.add((node_iri, RDFS.label, literal(f"Visit of {guest} to {visit.host_state}")))
        for claim in node.claims:
            g = w.graph(claim.article)
            g.add((node_iri, RDF_TYPE, _VISIT_TERM[claim.kind]))
            g.add((node_iri, D.guest, w.person(visit.guest)))
            g.add((node_iri, D.guestState, _state(visit.guest_state)))
            g.add((node_iri, D.hostState, _state(visit.host_state)))
            add_date(g, node_iri, D.startDate, claim.date)
            add_date(g, node_iri, D.endDate, claim.end)
            if claim.invited_by:
                g.add((node_iri, D.invitedBy, w.person(claim.invited_by)))
            _where(g, node_iri, claim)
            g.add((node_iri, D.status, _status(claim.status)))
            w.provenance(g, node_iri, claim.article, claim.sentences)


def _meetings(w: _Writer, nodes: list[MeetingNode]) -> None:
    names = w.names
    for node in nodes:
        node_iri = K[node.key]
        a, b = node.fixed.participants
        w.resolution.add((node_iri, RDFS.label, literal(f"{node.fixed.kind}: {names[a]} – {names[b]}")))
        for claim in node.claims:
            g = w.graph(claim.article)
            g.add((node_iri, RDF_TYPE, _MEETING_TERM[node.fixed.kind]))
            g.add((node_iri, D.participant, w.person(a)))
            g.add((node_iri, D.participant, w.person(b)))
            g.add((w.person(a), D.metWith, w.person(b)))
            add_date(g, node_iri, D.date, claim.date)
            if claim.place:
                g.add((node_iri, D.place, _text(claim.place)))
            _where(g, node_iri, claim)
            g.add((node_iri, D.status, _status(claim.status)))
            w.provenance(g, node_iri, claim.article, claim.sentences)


def _where(g: Graph, node_iri: str, claim: Where) -> None:
    """Where a visit or meeting took place and on what occasion, as one article tells."""
    if claim.venue:
        g.add((node_iri, D.venue, _text(claim.venue)))
    if claim.venue_state:
        g.add((node_iri, D.heldIn, _state(claim.venue_state)))
    if claim.occasion:
        g.add((node_iri, D.occasion, _text(claim.occasion, "vi")))
    if claim.occasion_series:
        g.add((node_iri, D.occasionOf, _org(claim.occasion_series)))


def _agreements(w: _Writer, nodes: list[AgreementNode]) -> None:
    for node in nodes:
        ag = K[f"agreement/{node.key}"]
        w.resolution.add((ag, SKOS.prefLabel, literal(node.name, lang="vi")))
        for stem, sentence in node.mentions:
            g = w.graph(stem)
            g.add((ag, RDF_TYPE, _AGREEMENT_TERM[node.kind]))
            for party in node.parties:
                g.add((ag, D.party, party_iri(party, w.resolved)))
            for name in node.names:
                g.add((ag, SKOS.altLabel, _text(name, "vi")))
            w.provenance(g, ag, stem, [sentence])
        for status in node.statuses:
            se = K[f"agreement/{node.key}/{status.key}"]
            for claim in status.claims:
                _status_event(w, w.graph(claim.article), ag, D.hasStatusEvent, se, D.AgreementStatusEvent, claim)


def _status_event(w: _Writer, g: Graph, thing: str, link: str, event: str, kind: str,
                  claim: StatusClaim) -> None:
    """A status a claim gives a thing (an agreement signed, a partnership upgraded): an event
    of ``kind`` linked from the thing, with its status, date and the sentences telling it."""
    g.add((event, RDF_TYPE, kind))
    g.add((thing, link, event))
    g.add((event, D.status, _status(claim.status)))
    add_date(g, event, D.date, claim.date)
    w.provenance(g, event, claim.article, claim.sentences)


def _relations(w: _Writer, resolved: Resolved) -> None:
    for node in resolved.relations:
        rel = K[node.key]
        a, b = node.fixed.states
        w.resolution.add((rel, RDFS.label, literal(f"Diplomatic relations {a}–{b}")))
        for claim in node.claims:
            g = w.graph(claim.article)
            g.add((rel, RDF_TYPE, D.DiplomaticRelation))
            g.add((rel, D.betweenState, _state(a)))
            g.add((rel, D.betweenState, _state(b)))
            g.add((_state(a), D.hasDiplomaticRelationWith, _state(b)))
            add_date(g, rel, D.establishedOn, claim.date)
            w.provenance(g, rel, claim.article, claim.sentences)


def _partnerships(w: _Writer, nodes: list[PartnershipNode]) -> None:
    for node in nodes:
        pa = K[f"partnership/{node.key}"]
        a, b = node.states
        w.resolution.add((pa, SKOS.prefLabel, literal(node.name, lang="vi")))
        w.resolution.add((pa, RDFS.label, literal(f"{node.framework}: {a}–{b}", lang="en")))
        for status in node.statuses:
            se = K[f"partnership/{node.key}/{status.key}"]
            for claim in status.claims:
                g = w.graph(claim.article)
                g.add((pa, RDF_TYPE, D.Partnership))
                g.add((pa, D.betweenState, _state(a)))
                g.add((pa, D.betweenState, _state(b)))
                g.add((pa, D.framework, _text(node.framework)))
                w.provenance(g, pa, claim.article, claim.sentences)
                _status_event(w, g, pa, D.hasPartnershipStatus, se, D.PartnershipStatusEvent, claim)


def _trade(w: _Writer, resolved: Resolved) -> None:
    for node in resolved.trade:
        fig = K[node.key]
        figure = node.fixed
        a, b = figure.states
        period = f" ({figure.period})" if figure.period else ""
        w.resolution.add((fig, RDFS.label, literal(f"Trade {a}–{b} {figure.year}{period}")))
        for claim in node.claims:
            g = w.graph(claim.article)
            g.add((fig, RDF_TYPE, D.TradeFigure))
            g.add((fig, D.betweenState, _state(a)))
            g.add((fig, D.betweenState, _state(b)))
            g.add((fig, D.year, literal(figure.year, XSD + "gYear")))
            if figure.period:
                g.add((fig, D.period, literal(figure.period)))
            g.add((fig, D.valueUSD, _decimal(usd_text(claim.usd))))
            w.provenance(g, fig, claim.article, claim.sentences)


def _organisations(w: _Writer, resolved: Resolved) -> None:
    for code, (name, mentions, known) in resolved.organisations.items():
        org = _org(code)
        for stem, _sentence in mentions:
            g = w.graph(stem)
            g.add((_article_term(stem), S.mentions, org))
            if not known:
                g.add((org, RDF_TYPE, D.InternationalOrganisation))
                g.add((org, D.code, literal(code)))
                g.add((org, SKOS.prefLabel, literal(name, lang="vi")))
    for (state, code), mentions in resolved.memberships.items():
        membership = K[f"membership/{state}-{code}"]
        for stem, sentence in mentions:
            g = w.graph(stem)
            g.add((membership, RDF_TYPE, D.Membership))
            g.add((membership, D.memberState, _state(state)))
            g.add((membership, D.organisation, _org(code)))
            g.add((_state(state), D.memberOf, _org(code)))
            w.provenance(g, membership, stem, [sentence])


def read_turtle(paths: list[Path]) -> Graph:
    """The triples of Turtle files, as N-Triples terms, in the order they are written."""
    triples = Graph()
    for path in paths:
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            triples.add((str(t.subject), str(t.predicate), str(t.object)))
    return triples


def build_graphs(resolved: Resolved, reference: Graph) -> Graphs:
    """The asserted graphs of a build: one per article, the resolution, the reference data."""
    w = _Writer(resolved)
    for facts in resolved.articles:
        _article(w, facts)
    _people(w, resolved)
    _visits(w, resolved.visits)
    _meetings(w, resolved.meetings)
    _agreements(w, resolved.agreements)
    _relations(w, resolved)
    _trade(w, resolved)
    _partnerships(w, resolved.partnerships)
    _organisations(w, resolved)
    w.graphs[iri(REFERENCE_GRAPH)] = Graph(reference)
    _state_keys(w.resolution, reference)
    return dict(w.graphs)


_LABELS = frozenset({SKOS.prefLabel, SKOS.altLabel, D.code})
_STATE_PREFIX = iri(state_iri("X"))[:-2]
_LEXICAL = re.compile(r'^"((?:[^"\\]|\\.)*)"')


def _state_keys(g: Graph, reference: Graph) -> None:
    """Each state's search keys, from its code and its every name, Vietnamese and English
    ("kz", "kazakhstan", "ca dac xtan"): what a query's ``state`` parameter is matched to."""
    for s, p, o in reference:
        if p in _LABELS and s.startswith(_STATE_PREFIX) and (m := _LEXICAL.match(o)):
            g.add((s, D.searchKey, literal(search_key(m.group(1)))))
