"""Moved to :mod:`imvo_graph.rdf.labels`; this name stays until the fast engine's modules import
from there (they are being changed in parallel)."""

from .rdf.labels import LABEL_PROPERTIES

__all__ = ["LABEL_PROPERTIES"]
