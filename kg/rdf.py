"""Stage 4, RDF: the resolved facts in, an rdflib :class:`~rdflib.Dataset` out.

One named graph per article (its IRI is the article's IRI) holds what that article says, each
fact linked to the article (``dip:source``) and to the sentence it was read from
(``dip:evidence``, with the sentence text and position). ``kgid:graph/resolution`` holds the
labels chosen across articles; ``kgid:graph/reference`` the states and organisations.
"""

from __future__ import annotations

from typing import cast

from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .model import ArticleFacts
from .resolve import AgreementNode, EventNode, Resolved, usd_text
from .vocab import (
    DIP,
    KGID,
    PREFIXES,
    REFERENCE_GRAPH,
    RESOLUTION_GRAPH,
    SCHEMA,
    article_iri,
    org_iri,
    sentence_iri,
    slug,
    state_iri,
    status_iri,
)

VISIT_CLASS = {
    "visit": DIP.Visit, "state visit": DIP.StateVisit, "official visit": DIP.OfficialVisit,
    "working visit": DIP.WorkingVisit,
}
MEETING_CLASS = {
    "meeting": DIP.Meeting, "talks": DIP.Talks, "reception": DIP.Reception,
    "courtesy meeting": DIP.CourtesyCall, "phone call": DIP.PhoneCall, "video call": DIP.VideoCall,
    "consultation": DIP.Consultation, "message": DIP.WrittenMessage,
}
AGREEMENT_CLASS = {
    "agreement": DIP.Agreement, "treaty": DIP.Treaty, "memorandum": DIP.Memorandum,
    "protocol": DIP.Protocol, "plan": DIP.Plan, "FTA": DIP.FreeTradeAgreement,
    "joint statement": DIP.JointStatement,
}


def date_literal(value: object) -> Literal | None:
    """An ISO date at its precision, typed: 2023 (gYear), 2023-08 (gYearMonth), ..."""
    if value is None:
        return None
    text = str(value)
    if text.startswith("--"):
        return Literal(text, datatype=XSD.gMonthDay)
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(text))
    return Literal(text, datatype=datatype) if datatype else None


def party_iri(code: str, resolved: Resolved) -> URIRef:
    return org_iri(code) if code in resolved.organisations or not _is_state_code(code) else state_iri(code)


def _is_state_code(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code.isupper()


class _Writer:
    def __init__(self, dataset: Dataset, resolved: Resolved) -> None:
        self.ds = dataset
        self.resolved = resolved
        self.graphs: dict[str, Graph] = {}

    def graph(self, stem: str) -> Graph:
        if stem not in self.graphs:
            self.graphs[stem] = self.ds.graph(article_iri(stem))
        return self.graphs[stem]

    def provenance(self, g: Graph, node: URIRef, stem: str, sentences: list[int]) -> None:
        g.add((node, DIP.source, article_iri(stem)))
        for n in sentences:
            g.add((node, DIP.evidence, sentence_iri(stem, n)))

    def person(self, key: str) -> URIRef:
        return KGID[f"person/{key}"]


def _article(w: _Writer, facts: ArticleFacts) -> None:
    art = facts.article
    g = w.graph(art.stem)
    node = article_iri(art.stem)
    g.add((node, RDF.type, DIP.Article))
    g.add((node, DIP.fileName, Literal(f"{art.stem}.txt")))
    g.add((node, DIP.contentHash, Literal(art.content_hash)))
    if art.url:
        g.add((node, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI)))
    published = date_literal(art.published)
    if published is not None:
        g.add((node, SCHEMA.datePublished, published))
    for s in art.sentences:
        sn = sentence_iri(art.stem, s.position)
        g.add((sn, RDF.type, DIP.Sentence))
        g.add((sn, DIP.text, Literal(s.text)))
        g.add((sn, DIP.position, Literal(s.position)))
        g.add((sn, DIP.inArticle, node))
    for code in facts.states:
        g.add((node, SCHEMA.mentions, state_iri(code)))


def _people(w: _Writer, resolved: Resolved) -> None:
    res = w.ds.graph(RESOLUTION_GRAPH)
    for key, node in resolved.people.items():
        iri = w.person(key)
        res.add((iri, SKOS.prefLabel, Literal(node.name)))
        res.add((iri, RDF.type, DIP.Person))
    for facts in resolved.articles:
        stem = facts.article.stem
        g = w.graph(stem)
        for person in facts.people:
            person_key = resolved.person_of.get((stem, person.name))
            if person_key is None:
                continue
            iri = w.person(person_key)
            g.add((iri, RDF.type, DIP.Person))
            for spelling in person.spellings:
                g.add((iri, SKOS.altLabel, Literal(spelling)))
            if person.state is None:
                continue
            titles = person.titles or ("",)
            title = max(titles, key=len)
            pos = KGID[f"position/{person_key}/{person.state}/{slug(title) or 'untitled'}"]
            g.add((pos, RDF.type, DIP.Position))
            g.add((pos, DIP.holder, iri))
            g.add((pos, DIP.forState, state_iri(person.state)))
            for t in person.titles:
                g.add((pos, DIP.title, Literal(t, lang="vi")))
            if not person.titles:
                g.add((pos, DIP.title, Literal("", lang="vi")))
            reported = date_literal(facts.article.published)
            if reported is not None:
                g.add((pos, DIP.reportedOn, reported))
            w.provenance(g, pos, stem, [person.sentence])


def _events(w: _Writer, nodes: list[EventNode], event: str) -> None:
    res = w.ds.graph(RESOLUTION_GRAPH)
    for node in nodes:
        iri = KGID[node.key]
        people = w.resolved.people
        if event == "visit":
            guest = people[str(node.fixed["guest"])].name
            res.add((iri, RDFS.label, Literal(f"Visit of {guest} to {node.fixed['hostState']}")))
        else:
            a, b = cast(tuple[str, str], node.fixed["participants"])
            res.add((iri, RDFS.label, Literal(f"{node.fixed['kind']}: {people[a].name} – {people[b].name}")))
        for claim in node.claims:
            g = w.graph(claim.article)
            if event == "visit":
                g.add((iri, RDF.type, VISIT_CLASS[str(claim.values["kind"])]))
                g.add((iri, DIP.guest, w.person(str(node.fixed["guest"]))))
                g.add((iri, DIP.guestState, state_iri(str(node.fixed["guestState"]))))
                g.add((iri, DIP.hostState, state_iri(str(node.fixed["hostState"]))))
                for prop, name in ((DIP.startDate, "start"), (DIP.endDate, "end")):
                    lit = date_literal(claim.values.get(name))
                    if lit is not None:
                        g.add((iri, prop, lit))
                inviter = claim.values.get("invitedBy")
                if inviter:
                    g.add((iri, DIP.invitedBy, w.person(str(inviter))))
            else:
                g.add((iri, RDF.type, MEETING_CLASS[str(node.fixed["kind"])]))
                a, b = cast(tuple[str, str], node.fixed["participants"])
                g.add((iri, DIP.participant, w.person(a)))
                g.add((iri, DIP.participant, w.person(b)))
                g.add((w.person(a), DIP.metWith, w.person(b)))
                lit = date_literal(claim.values.get("date"))
                if lit is not None:
                    g.add((iri, DIP.date, lit))
                if claim.values.get("place"):
                    g.add((iri, DIP.place, Literal(str(claim.values["place"]))))
            g.add((iri, DIP.status, status_iri(str(claim.values["status"]))))
            w.provenance(g, iri, claim.article, claim.sentences)


def _agreements(w: _Writer, nodes: list[AgreementNode]) -> None:
    res = w.ds.graph(RESOLUTION_GRAPH)
    for node in nodes:
        iri = KGID[f"agreement/{node.key}"]
        res.add((iri, SKOS.prefLabel, Literal(node.name, lang="vi")))
        for stem, sentence in node.mentions:
            g = w.graph(stem)
            g.add((iri, RDF.type, AGREEMENT_CLASS[node.kind]))
            for party in node.parties:
                g.add((iri, DIP.party, party_iri(party, w.resolved)))
            for name in node.names:
                g.add((iri, SKOS.altLabel, Literal(name, lang="vi")))
            w.provenance(g, iri, stem, [sentence])
        for status in node.statuses:
            se = URIRef(f"{iri}/{status.key}")
            for claim in status.claims:
                g = w.graph(claim.article)
                g.add((se, RDF.type, DIP.AgreementStatusEvent))
                g.add((iri, DIP.hasStatusEvent, se))
                g.add((se, DIP.status, status_iri(str(claim.values["status"]))))
                lit = date_literal(claim.values.get("date"))
                if lit is not None:
                    g.add((se, DIP.date, lit))
                w.provenance(g, se, claim.article, claim.sentences)


def _relations_trade_orgs(w: _Writer, resolved: Resolved) -> None:
    res = w.ds.graph(RESOLUTION_GRAPH)
    for node in resolved.relations:
        iri = KGID[node.key]
        a, b = cast(tuple[str, str], node.fixed["states"])
        res.add((iri, RDFS.label, Literal(f"Diplomatic relations {a}–{b}")))
        for claim in node.claims:
            g = w.graph(claim.article)
            g.add((iri, RDF.type, DIP.DiplomaticRelation))
            g.add((iri, DIP.betweenState, state_iri(a)))
            g.add((iri, DIP.betweenState, state_iri(b)))
            g.add((state_iri(a), DIP.hasDiplomaticRelationWith, state_iri(b)))
            lit = date_literal(claim.values.get("established"))
            if lit is not None:
                g.add((iri, DIP.establishedOn, lit))
            w.provenance(g, iri, claim.article, claim.sentences)
    for node in resolved.trade:
        iri = KGID[node.key]
        a, b = cast(tuple[str, str], node.fixed["states"])
        period = f" ({node.fixed['period']})" if node.fixed.get("period") else ""
        res.add((iri, RDFS.label, Literal(f"Trade {a}–{b} {node.fixed['year']}{period}")))
        for claim in node.claims:
            g = w.graph(claim.article)
            g.add((iri, RDF.type, DIP.TradeFigure))
            g.add((iri, DIP.betweenState, state_iri(a)))
            g.add((iri, DIP.betweenState, state_iri(b)))
            g.add((iri, DIP.year, Literal(str(node.fixed["year"]), datatype=XSD.gYear)))
            if node.fixed.get("period"):
                g.add((iri, DIP.period, Literal(str(node.fixed["period"]))))
            g.add((iri, DIP.valueUSD, Literal(usd_text(claim.values["usd"]), datatype=XSD.decimal)))  # type: ignore[arg-type]
            w.provenance(g, iri, claim.article, claim.sentences)
    for code, (name, mentions, known) in resolved.organisations.items():
        iri = org_iri(code)
        for stem, _sentence in mentions:
            g = w.graph(stem)
            g.add((article_iri(stem), SCHEMA.mentions, iri))
            if not known:
                g.add((iri, RDF.type, DIP.InternationalOrganisation))
                g.add((iri, DIP.code, Literal(code)))
                g.add((iri, SKOS.prefLabel, Literal(name, lang="vi")))
    for (state, org), mentions in resolved.memberships.items():
        iri = KGID[f"membership/{state}-{org}"]
        for stem, sentence in mentions:
            g = w.graph(stem)
            g.add((iri, RDF.type, DIP.Membership))
            g.add((iri, DIP.memberState, state_iri(state)))
            g.add((iri, DIP.organisation, org_iri(org)))
            g.add((state_iri(state), DIP.memberOf, org_iri(org)))
            w.provenance(g, iri, stem, [sentence])


def build_dataset(resolved: Resolved, reference: Graph) -> Dataset:
    """The asserted graph of a build: article graphs, resolution, reference data."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("skos", SKOS)
    w = _Writer(ds, resolved)
    for facts in resolved.articles:
        _article(w, facts)
    _people(w, resolved)
    _events(w, resolved.visits, "visit")
    _events(w, resolved.meetings, "meeting")
    _agreements(w, resolved.agreements)
    _relations_trade_orgs(w, resolved)
    ref = ds.graph(REFERENCE_GRAPH)
    for triple in reference:
        ref.add(triple)
    return ds
