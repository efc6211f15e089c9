"""Inference that scales: owlrl's RDFS and OWL 2 RL closures, computed on Oxigraph.

- :mod:`.rdfs`    the RDFS closure (:func:`rdfs_closure`), identical to owlrl's ``RDFS_Semantics``;
- :mod:`.owl_rl`  the OWL 2 RL closure (:func:`owlrl_closure`), identical to owlrl's ``OWLRL_Semantics``;
- :mod:`.kinds`   the inference kinds ('none', 'rdfs', 'owlrl') and :func:`infer`, which applies one;
- :mod:`.errors`  :class:`UnsupportedInference`, a graph whose closure is not known to equal owlrl's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import UnsupportedInference
from .kinds import INFERENCE_KINDS, infer

if TYPE_CHECKING:  # pragma: no cover - what type checkers and editors see
    from .owl_rl import OwlrlClosure, owlrl_closure, owlrl_closure_details
    from .rdfs import RdfsClosure, rdfs_closure

#: The closures, imported when first asked for (PEP 562): validation imports this package for
#: :func:`infer`, and a run without inference (the default) needs neither closure module.
_LAZY = {
    "OwlrlClosure": "owl_rl",
    "owlrl_closure": "owl_rl",
    "owlrl_closure_details": "owl_rl",
    "RdfsClosure": "rdfs",
    "rdfs_closure": "rdfs",
}


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value

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
