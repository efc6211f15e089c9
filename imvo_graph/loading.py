"""Moved to :mod:`imvo_graph.rdf.loading`; these names stay until the validation modules import
from there (they are being changed in parallel)."""

from .rdf.loading import _syntax_message, check_readable, load_rdflib, rdf_format, read_long_terms, read_quads

__all__ = ["_syntax_message", "check_readable", "load_rdflib", "rdf_format", "read_long_terms", "read_quads"]
