"""Reading articles: a news article's file in; its text, sentences, dates, sums of money,
places and states (the gazetteer), people and their titles, and the word lists they are read
with out.

:mod:`.reader` (an article: title, stamp, sentences), :mod:`.dates`, :mod:`.money`,
:mod:`.gazetteer` (places, states, organisations of the reference data), :mod:`.names`
(people and titles), :mod:`.syllables` (Vietnamese syllables), :mod:`.resolve_names` (when two
spellings name one person), :mod:`.lexicon` (the word lists in ``kg/data/lexicon``).
Depends on nothing else of kg but :mod:`kg.vocab`, :mod:`kg.resources` and :mod:`kg.errors`.
"""
