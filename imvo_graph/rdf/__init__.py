"""The RDF core every feature package builds on (validation, inference, query, export, release,
diff, generate, endpoints, site); nothing here depends on a feature package.

- :mod:`imvo_graph.rdf.namespaces`  the project's namespaces, the one prefix table, prefixed names;
- :mod:`imvo_graph.rdf.terms`       RDF terms as N-Triples and SPARQL text, string escaping, ordering;
- :mod:`imvo_graph.rdf.convert`     pyoxigraph terms to rdflib terms and back (for pySHACL, owlrl);
- :mod:`imvo_graph.rdf.labels`      labels of a term: one property list, one language fallback;
- :mod:`imvo_graph.rdf.triples`     a small set of triples read by pattern (the ontology's documentation);
- :mod:`imvo_graph.rdf.sparql`      the SPARQL lexer;
- :mod:`imvo_graph.rdf.loading`     reading RDF files, syntax errors naming file and line;
- :mod:`imvo_graph.rdf.store`       Oxigraph stores: fast loading, kept copies, :class:`~imvo_graph.rdf.store.LiteralStore`;
- :mod:`imvo_graph.rdf.literals`    how a LiteralStore keeps every literal as written.
"""
