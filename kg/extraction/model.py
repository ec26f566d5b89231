"""The facts read from one article, as values (what extraction returns, what resolution takes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, get_args

from ..reading.reader import Article

VisitKind = Literal["visit", "official visit", "state visit", "working visit"]
VisitStatus = Literal["completed", "planned", "invited"]
MeetingKind = Literal["meeting", "talks", "reception", "courtesy meeting", "phone call", "video call",
                      "consultation", "message"]
MeetingStatus = Literal["completed", "planned"]
AgreementKind = Literal["agreement", "treaty", "memorandum", "protocol", "plan", "FTA", "joint statement",
                        "framework agreement", "convention", "letter of intent", "minutes", "programme"]
AgreementStatus = Literal["signed", "in force", "negotiating", "proposed", "planned"]
PartnershipStatus = Literal["established", "existing", "proposed"]

# Each kind and status by its name: a word list's value read as one (an unknown name is a KeyError)
VISIT_KINDS: dict[str, VisitKind] = {k: k for k in get_args(VisitKind)}
MEETING_KINDS: dict[str, MeetingKind] = {k: k for k in get_args(MeetingKind)}
AGREEMENT_KINDS: dict[str, AgreementKind] = {k: k for k in get_args(AgreementKind)}
AGREEMENT_STATUSES: dict[str, AgreementStatus] = {k: k for k in get_args(AgreementStatus)}


@dataclass(frozen=True)
class Person:
    """A person as one article knows them: their fullest name, spellings, titles, state."""

    name: str
    spellings: tuple[str, ...]
    titles: tuple[str, ...]
    state: str | None
    vietnamese_name: bool
    sentence: int  # where the person is first named with a title


@dataclass(frozen=True)
class Visit:
    guest: str
    guest_state: str
    host_state: str
    kind: VisitKind
    status: VisitStatus
    start: str | None
    end: str | None
    sentence: int
    invited_by: str | None = None
    host: str | None = None
    certain: bool = True  # False when "completed" is only the default reading
    venue: str | None = None  # where it took place as the text names it: a city ("Hà Nội"), a seat ("Phủ Chủ tịch")
    venue_state: str | None = None  # the ISO code of the venue's state
    occasion: str | None = None  # the multilateral occasion: "Hội nghị Cấp cao ASEAN lần thứ 43"
    occasion_series: str | None = None  # its organisation or series, where the reference data knows it: "ASEAN"


@dataclass(frozen=True)
class Meeting:
    participants: tuple[str, str]
    kind: MeetingKind
    status: MeetingStatus
    date: str | None
    sentence: int
    place: str | None = None
    venue: str | None = None  # as for a Visit
    venue_state: str | None = None
    occasion: str | None = None
    occasion_series: str | None = None


@dataclass(frozen=True)
class Agreement:
    name: str
    kind: AgreementKind
    parties: tuple[str, ...]
    status: AgreementStatus
    date: str | None
    sentence: int


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str
    sentence: int
    known: bool  # True when the organisation is in the reference data


@dataclass(frozen=True)
class Membership:
    state: str
    organisation: str
    sentence: int


@dataclass(frozen=True)
class Relation:
    states: tuple[str, str]
    established: str | None  # None: the article says the two have relations, not since when
    sentence: int


@dataclass(frozen=True)
class Trade:
    states: tuple[str, str]
    year: str
    usd: Decimal
    sentence: int
    period: str | None = None  # "4 tháng đầu năm": part of a year
    qualifier: str | None = None  # "hơn" (over), "khoảng" (about)


@dataclass(frozen=True)
class Partnership:
    """A framework two states have between them ("Đối tác chiến lược toàn diện") as one
    sentence tells of it."""

    states: tuple[str, str]
    framework: str  # in English: "comprehensive strategic partnership"
    name: str  # as the word list names it: "Đối tác chiến lược toàn diện"
    status: PartnershipStatus  # "established": set up or upgraded
    date: str | None  # of an establishment, at the precision the text gives
    sentence: int


@dataclass(frozen=True)
class ArticleFacts:
    article: Article
    people: tuple[Person, ...] = ()
    visits: tuple[Visit, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    memberships: tuple[Membership, ...] = ()
    relations: tuple[Relation, ...] = ()
    trade: tuple[Trade, ...] = ()
    partnerships: tuple[Partnership, ...] = ()
    states: tuple[str, ...] = field(default=())  # states the article mentions
