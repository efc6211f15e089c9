"""Running pySHACL and reading its results."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..errors import ShapesError
from ..rdf.namespaces import SH
from .report import ValidationResult, results_from_graph

if TYPE_CHECKING:  # pragma: no cover
    import rdflib


@contextmanager
def quiet_pyshacl() -> Iterator[None]:
    """pySHACL without its warnings and its log below ERROR, for the time of the block only (the
    caller's logging and warning filters are as they were afterwards)."""
    logger = logging.getLogger("pyshacl")
    level = logger.level
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logger.setLevel(logging.ERROR)
        try:
            yield
        finally:
            logger.setLevel(level)


@contextmanager
def rdflib_conversions_kept() -> Iterator[None]:
    """rdflib's lexical-to-value converters as they were before the block, afterwards.

    owlrl (pySHACL's ``inference='rdfs'`` and ``'owlrl'``) switches rdflib to its own converters
    for the closure and, after it, puts back only the datatypes rdflib converts itself: those
    of ``xsd:gYear``, ``xsd:NCName``, ``rdf:PlainLiteral`` and seven more stayed owlrl's for the
    rest of the process, and every literal parsed later was valued (and flagged ill-typed) by
    them, which changed pySHACL's ``sh:datatype`` answers of a later run."""
    from rdflib.term import _toPythonMapping

    saved = dict(_toPythonMapping)
    try:
        yield
    finally:
        _toPythonMapping.clear()
        _toPythonMapping.update(saved)


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
    from pyshacl.errors import ReportableRuntimeError
    from rdflib import Graph

    from ..rdf.namespaces import PREFIXES

    shapes_graph = without_undefined_shapes(shapes_graph)
    mixed = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        mixed.bind(prefix, namespace)
    mixed += data_graph
    mixed += ontology_graph
    with quiet_pyshacl(), rdflib_conversions_kept():
        try:
            _conforms, results_graph, _text = pyshacl.validate(
                mixed,
                shacl_graph=shapes_graph,
                inference=inference,
                advanced=True,
                allow_warnings=True,
                abort_on_first=False,
                inplace=inference == "none",
            )
            if isinstance(results_graph, Exception):  # pySHACL returns some refusals instead of raising
                raise results_graph
        except ReportableRuntimeError as exc:
            # pySHACL refuses shapes that are not valid SHACL (ShapeLoadError, ConstraintLoadError,
            # a forbidden SPARQL query, ...): bad input, said in pySHACL's words
            raise ShapesError(f"the shapes are not valid SHACL: {_first_line(exc)}") from None
        except NotImplementedError as exc:  # e.g. $shapesGraph in a SPARQL constraint
            raise ShapesError(f"the shapes use a SHACL feature pySHACL does not implement: {_first_line(exc)}") from None
        except RecursionError:
            raise ShapesError("the shapes refer to each other in a cycle (recursive shapes are not supported)") from None
        except Exception as exc:  # e.g. rdflib's "Unknown namespace prefix" from a SPARQL constraint
            raise ShapesError(f"pySHACL could not use the shapes: {type(exc).__name__}: {_first_line(exc)}") from None
    return results_from_graph(results_graph, shapes_graph), results_graph, mixed


def without_undefined_shapes(shapes_graph: "rdflib.Graph") -> "rdflib.Graph":
    """The shapes graph without its sh:property references to shapes it does not describe (no
    triple about them: they state no constraint, and pySHACL would stop on them), a copy when
    there is such a reference."""
    from rdflib import Graph, URIRef

    prop = URIRef(SH + "property")
    dangling = [(s, o) for s, o in shapes_graph.subject_objects(prop) if (o, None, None) not in shapes_graph]
    if not dangling:
        return shapes_graph
    copy = Graph(bind_namespaces="none")
    copy += shapes_graph
    for s, o in dangling:
        copy.remove((s, prop, o))
    return copy


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "message", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
