"""imvo-graph: a linked-data knowledge graph of Dutch IMVO policy.

The library API, which the ``imvo-graph`` command is a thin layer over, lives in small modules:

- :mod:`imvo_graph.resources`   where the shipped ontology, data, shapes and queries are;
- :mod:`imvo_graph.loading`     reading RDF files (errors name file and line), Oxigraph stores;
- :mod:`imvo_graph.validation`  SHACL validation (``validate()``) and its report;
- :mod:`imvo_graph.query`       the stored SPARQL queries, locally or on an endpoint (``run_query()``);
- :mod:`imvo_graph.lookup`      one resource: find it by IRI, CURIE or label, describe it;
- :mod:`imvo_graph.endpoints`   publishing to a Graph Store endpoint, serving a local endpoint;
- :mod:`imvo_graph.export`      deterministic serialisation in six RDF formats (``export_graph()``);
- :mod:`imvo_graph.release`     the portal-ready release directory with its DCAT catalogue;
- :mod:`imvo_graph.diff`        changes between two versions of the graph (``diff_graphs()``);
- :mod:`imvo_graph.generate`    synthetic graphs for benchmarks and tests;
- :mod:`imvo_graph.inference`   RDFS closure on Oxigraph, identical to owlrl's;
- :mod:`imvo_graph.errors`      the errors a user can cause, and their exit codes.

Heavy libraries (rdflib, pyshacl, pyoxigraph) are imported inside the functions that need them,
so importing this package, and ``imvo-graph --help``, stays fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
