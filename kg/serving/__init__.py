"""Serving: a built graph in; SPARQL over HTTP out (:mod:`.serve`, a read-only endpoint and
the network page), and a remote SPARQL endpoint as a target (:mod:`.endpoint`: push a build,
run stored queries there).
"""
