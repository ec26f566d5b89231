"""Extraction: an article read (:mod:`kg.reading`) in; the facts it states out, as values of
:mod:`.model` (people, visits, meetings, agreements, organisations, relations, trade).

:mod:`.extract` finds them, one article at a time, knowing nothing of other articles.
"""
