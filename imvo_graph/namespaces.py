"""Moved to :mod:`imvo_graph.rdf.namespaces`; these names stay until the fast engine's modules
import from there (they are being changed in parallel)."""

from .rdf.namespaces import RDF, RDFS, XSD

__all__ = ["RDF", "RDFS", "XSD"]
