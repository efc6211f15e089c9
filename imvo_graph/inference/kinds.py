"""The kinds of inference a graph can be given before validation, and applying one to a store."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

INFERENCE_KINDS = ("none", "rdfs", "owlrl")


def infer(store: "pyoxigraph.Store", kind: str, *, for_pyshacl: bool = False, progress: Callable | None = None) -> None:
    """Apply ``kind`` ('none', 'rdfs', 'owlrl') to the store in place.

    ``for_pyshacl``: the RDFS variant pySHACL runs before validating (no literal-equality rule).
    'owlrl' is :func:`owlrl_closure` (owlrl's OWL RL closure, with its error-message nodes, as
    pySHACL's ``inference='owlrl'`` leaves them in the data graph).
    """
    if kind == "none":
        return
    if kind == "rdfs":
        from .rdfs import rdfs_closure

        rdfs_closure(store, literal_equality=not for_pyshacl, progress=progress)
        return
    if kind == "owlrl":
        from .owl_rl import owlrl_closure

        owlrl_closure(store, progress=progress)
        return
    raise InputError(f"unknown inference {kind!r}; choose one of {', '.join(INFERENCE_KINDS)}")
