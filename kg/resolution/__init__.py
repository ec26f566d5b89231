"""Resolution: the facts of every article (:mod:`kg.extraction.model`) in; one node per real
person, event, agreement and organisation out (:class:`.resolve.Resolved`), each fact with the
articles that state it.
"""
