"""The kinds and statuses the word lists give are those the facts' types name (kg.extraction.model):
a value read from a word list becomes a kind by a look-up that fails on a name the types lack."""

from __future__ import annotations

from typing import get_args

import pytest

from kg.extraction.extract import _SIGNED_AS
from kg.extraction.model import (
    AGREEMENT_KINDS,
    AGREEMENT_STATUSES,
    MEETING_KINDS,
    VISIT_KINDS,
    AgreementKind,
    MeetingKind,
    VisitKind,
)
from kg.reading.lexicon import lexicon


@pytest.mark.parametrize(("name", "column", "kinds", "ignored"), [
    ("visit_kinds", "kind", VISIT_KINDS, set()),
    ("meeting_triggers", "kind", MEETING_KINDS, {"none"}),
    ("document_kinds", "kind", AGREEMENT_KINDS, set()),
    ("known_agreements", "kind", AGREEMENT_KINDS, set()),
])
def test_every_kind_of_a_word_list_is_a_kind_of_the_model(name: str, column: str, kinds: dict[str, str],
                                                         ignored: set[str]) -> None:
    told = {entry[column] for entry in lexicon(name)} - ignored
    assert told <= kinds.keys()


def test_every_status_told_after_a_document_is_an_agreement_status() -> None:
    told = {_SIGNED_AS.get(e["status"], e["status"]) for e in lexicon("agreement_status")}
    assert told <= AGREEMENT_STATUSES.keys()


def test_the_look_ups_hold_each_kind_of_the_types() -> None:
    assert set(VISIT_KINDS) == set(get_args(VisitKind))
    assert set(MEETING_KINDS) == set(get_args(MeetingKind))
    assert set(AGREEMENT_KINDS) == set(get_args(AgreementKind))
