"""Moved to :mod:`imvo_graph.rdf.convert`; these names stay until the validation modules import
from there (they are being changed in parallel)."""

from .rdf.convert import rdflib_graph, rdflib_term_converter

__all__ = ["rdflib_graph", "rdflib_term_converter"]
