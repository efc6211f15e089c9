"""Inference that scales: owlrl's RDFS and OWL 2 RL closures, computed on Oxigraph.

- :mod:`.rdfs`    the RDFS closure (:func:`rdfs_closure`), identical to owlrl's ``RDFS_Semantics``;
- :mod:`.owl_rl`  the OWL 2 RL closure (:func:`owlrl_closure`), identical to owlrl's ``OWLRL_Semantics``;
- :mod:`.kinds`   the inference kinds ('none', 'rdfs', 'owlrl') and :func:`infer`, which applies one;
- :mod:`.errors`  :class:`UnsupportedInference`, a graph whose closure is not known to equal owlrl's.
"""

from .errors import UnsupportedInference
from .kinds import INFERENCE_KINDS, infer
from .owl_rl import OwlrlClosure, owlrl_closure, owlrl_closure_details
from .rdfs import RdfsClosure, rdfs_closure

__all__ = [
    "INFERENCE_KINDS",
    "OwlrlClosure",
    "RdfsClosure",
    "UnsupportedInference",
    "infer",
    "owlrl_closure",
    "owlrl_closure_details",
    "rdfs_closure",
]
