"""imvo-graph: a linked-data knowledge graph of Dutch IMVO policy.

The library API (what the command-line tool calls) lives in small modules:

- :mod:`imvo_graph.resources`  where the shipped ontology, data, shapes and queries are;
- :mod:`imvo_graph.loading`    reading RDF files into a graph, with errors naming file and line;
- :mod:`imvo_graph.validation` SHACL validation and its report.

Heavy libraries (rdflib, pyshacl, pyoxigraph) are imported inside the functions that need them,
so importing this package, and ``imvo-graph --help``, stays fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
