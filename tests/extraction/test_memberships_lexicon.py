"""Each example of kg/data/lexicon/membership_qualifiers.tsv gives the membership it tells."""

from __future__ import annotations

import pytest

from kg.extraction.extract import extract_article
from kg.reading.gazetteer import default_gazetteer
from kg.reading.lexicon import Entry, lexicon
from kg.reading.reader import parse_article

ENTRIES = lexicon("membership_qualifiers")


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.phrase for e in ENTRIES])
def test_qualified_member_is_a_member(entry: Entry) -> None:
    facts = extract_article(parse_article(" date 2025-01-10\n" + entry.example + "\n", "test"), default_gazetteer())
    assert facts.memberships, entry.example
    assert len({(m.state, m.organisation) for m in facts.memberships}) == 1
