"""The RDF graph: resolved facts (:mod:`kg.resolution`) in; named graphs of triples, their
OWL RL entailments, their SHACL report, and their bytes (TriG, Turtle, N-Triples, JSON-LD) out.

:mod:`.rdf` (resolved facts -> named graphs), :mod:`.ntriples` (terms and triples),
:mod:`.trig` (kg's own deterministic writer), :mod:`.reason` (OWL RL),
:mod:`.validate` (which validator checks a graph, and its report) and :mod:`.shacl_sparql`
(the shapes as SPARQL), :mod:`.export` (a built graph -> standard RDF files).
"""
