"""The error of the fast closures: a graph whose closure is not known to equal owlrl's."""

from __future__ import annotations

from ..errors import InputError


class UnsupportedInference(InputError):
    """A graph for which the fast closure is not known to equal owlrl's (it says why)."""
