"""The network: a built graph in; who met whom, as numbers (:mod:`.network`: degrees,
betweenness, communities) and as pictures (:mod:`.viz`: PNG, SVG, an HTML page) out.
"""
