"""SPARQL endpoints: publishing the graph to one, and serving it from a local one.

- :func:`publish` replaces a named graph on a SPARQL 1.1 Graph Store Protocol endpoint with the
  shipped graph in one request, then checks the triple count on the server;
- :func:`serve_graph` runs Oxigraph's server, read-only, with the graph loaded;
  :class:`OxigraphServer` runs it on any database folder.
"""

from .graph_store import DEFAULT_GRAPH, PublishResult, publish
from .server import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    OxigraphServer,
    ServerError,
    free_port,
    load_location,
    oxigraph_binary,
    serve_graph,
)

__all__ = [
    "DEFAULT_GRAPH",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "OxigraphServer",
    "PublishResult",
    "ServerError",
    "free_port",
    "load_location",
    "oxigraph_binary",
    "publish",
    "serve_graph",
]
