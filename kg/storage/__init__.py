"""The store and queries: a built graph folder in; an Oxigraph store, stored SPARQL queries'
answers (kept with the build), and the files a build keeps for the next one out.

:mod:`.store` (a build folder -> a store), :mod:`.query` (stored queries, bound parameters,
formats), :mod:`.answers` (answers kept with a build), :mod:`.cache` (the extraction cache and
the digests kept files are keyed by).
"""
