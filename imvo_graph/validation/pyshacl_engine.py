"""Running pySHACL and reading its results."""

from __future__ import annotations

import logging
import warnings
from typing import TYPE_CHECKING

from .report import ValidationResult, results_from_graph

if TYPE_CHECKING:  # pragma: no cover
    import rdflib


def run_pyshacl(
    data_graph: "rdflib.Graph",
    shapes_graph: "rdflib.Graph",
    ontology_graph: "rdflib.Graph",
    inference: str,
) -> tuple[list[ValidationResult], "rdflib.Graph", "rdflib.Graph"]:
    """Validate with pySHACL; return the results, pySHACL's results graph, and the graph validated.

    The ontology is mixed into a copy of the data graph (pySHACL's ont_graph), so that
    ``sh:class`` sees the subclass axioms. ``inference`` 'none' adds nothing else.
    """
    import pyshacl
    from rdflib import Graph

    from ..namespaces import PREFIXES

    mixed = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        mixed.bind(prefix, namespace)
    mixed += data_graph
    mixed += ontology_graph
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("pyshacl").setLevel(logging.ERROR)
        _conforms, results_graph, _text = pyshacl.validate(
            mixed,
            shacl_graph=shapes_graph,
            inference=inference,
            advanced=True,
            allow_warnings=True,
            abort_on_first=False,
            inplace=inference == "none",
        )
    return results_from_graph(results_graph, shapes_graph), results_graph, mixed
