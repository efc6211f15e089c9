"""Helpers for the differential tests of the fast SHACL engine against pySHACL."""

from __future__ import annotations

import logging
import warnings


def stores_from_turtle(data_ttl: str, shapes_ttl: str):
    import pyoxigraph as ox

    from imvo_graph.loading import to_rdflib

    data = ox.Store()
    data.load(data_ttl.encode(), format=ox.RdfFormat.TURTLE, base_iri="http://example.org/")
    shapes = ox.Store()
    shapes.load(shapes_ttl.encode(), format=ox.RdfFormat.TURTLE, base_iri="http://example.org/")
    return data, to_rdflib(shapes)


def pyshacl_keys(data_store, shapes_graph) -> set:
    """pySHACL's results on the same data (as rdflib) and the same shapes graph (same blank nodes)."""
    import pyshacl

    from imvo_graph.loading import to_rdflib
    from imvo_graph.validation.report import results_from_graph

    data_graph = to_rdflib(data_store)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("pyshacl").setLevel(logging.ERROR)
        _c, results_graph, _t = pyshacl.validate(
            data_graph,
            shacl_graph=shapes_graph,
            inference="none",
            advanced=True,
            allow_warnings=True,
            abort_on_first=False,
            inplace=True,
        )
    return {r.key() for r in results_from_graph(results_graph)}


def fast_keys(data_store, shapes_graph) -> set:
    from imvo_graph.validation.sparql_engine import validate_store

    return {r.key() for r in validate_store(data_store, shapes_graph)}


def assert_same(data_store, shapes_graph, expect_some: bool = True) -> set:
    fast = fast_keys(data_store, shapes_graph)
    ref = pyshacl_keys(data_store, shapes_graph)
    missing = ref - fast
    extra = fast - ref
    assert not missing and not extra, _describe(missing, extra)
    if expect_some:
        assert ref, "the fixture should produce results, or the comparison proves nothing"
    return ref


def _describe(missing, extra) -> str:
    lines = [f"{len(missing)} result(s) pySHACL finds and the fast engine does not:"]
    lines += [f"  - {k}" for k in sorted(map(str, missing))[:20]]
    lines.append(f"{len(extra)} result(s) the fast engine finds and pySHACL does not:")
    lines += [f"  + {k}" for k in sorted(map(str, extra))[:20]]
    return "\n".join(lines)
