"""The word lists of documents (kg/data/lexicon/document_kinds, agreement_status,
agreement_modality, known_agreements): the extractor, run on each entry's own example, gives
the kind, status or parties the entry says."""

from __future__ import annotations

import pytest

import kg.extraction.extract as extract
from kg.extraction.model import ArticleFacts
from kg.reading.gazetteer import default_gazetteer
from kg.reading.lexicon import Entry, lexicon
from kg.reading.reader import parse_article

# an article about a visit from France, so that "hai bên" are Viet Nam and France
_OPENING = "date: 2025-03-01\n\nBộ trưởng Ngoại giao Pháp Jean Dupont thăm Việt Nam.\n\n"
_STATUS = {"ratified": "signed", "issued": "signed"}  # put to ratification, or given out: signed
_MODALITY = {"future": "planned", "proposal": "proposed", "done": "signed"}


def _facts(sentence: str) -> ArticleFacts:
    return extract.extract_article(parse_article(_OPENING + sentence + "\n", "test"), default_gazetteer())


def _documents(sentence: str) -> list[extract._Document]:
    reader = extract._ArticleReader(parse_article(_OPENING + sentence + "\n", "test"), default_gazetteer())
    reader.read_mentions()
    return [d for sent in reader.sents for d in extract._documents(reader, sent, False)]


def _ids(entry: Entry) -> str:
    return entry.phrase


@pytest.mark.parametrize("entry", lexicon("document_kinds"), ids=_ids)
def test_each_document_kind_is_read_from_its_example(entry: Entry) -> None:
    kinds = {(" ".join(d.head.split()).casefold(), d.kind) for d in _documents(entry.example)}
    assert (entry.phrase.casefold(), entry["kind"]) in kinds


@pytest.mark.parametrize("entry", lexicon("agreement_status"), ids=lambda e: f"{e.phrase}-{e['side']}")
def test_each_status_word_gives_its_status_in_its_example(entry: Entry) -> None:
    statuses = {a.status for a in _facts(entry.example).agreements}
    assert statuses == {_STATUS.get(entry["status"], entry["status"])}


@pytest.mark.parametrize("entry", lexicon("agreement_modality"), ids=_ids)
def test_each_modality_word_gives_its_status_in_its_example(entry: Entry) -> None:
    statuses = {a.status for a in _facts(entry.example).agreements}
    assert statuses == {_MODALITY[entry["modality"]]}


@pytest.mark.parametrize("entry", lexicon("known_agreements"), ids=_ids)
def test_each_known_agreement_is_a_document_of_its_parties_and_no_organisation(entry: Entry) -> None:
    reader = extract._ArticleReader(parse_article(_OPENING + entry.example + "\n", "test"), default_gazetteer())
    reader.read_mentions()
    found = [(sent, d) for sent in reader.sents for d in extract._documents(reader, sent, False)
             if d.acronym == entry.phrase]
    assert found, f"{entry.phrase} is not read as a document"
    sent, doc = found[0]
    parties = extract._document_parties(reader, sent, doc)
    assert parties == (() if entry["parties"] == "-" else tuple(sorted(entry["parties"].split())))
    assert entry.phrase not in {o.code for o in _facts(entry.example).organisations}
