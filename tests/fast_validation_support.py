"""Helpers for the differential tests of the fast SHACL engine against pySHACL.

Both engines see the same parse of the same files: pySHACL an rdflib graph built from the
parsed statements exactly as written (as :func:`imvo_graph.validation.validate` gives it), the
fast engine a validation store of the same statements (same blank nodes), with the literals
Oxigraph would canonicalise kept as written.
"""

from __future__ import annotations

import logging
import warnings
from collections import Counter


def parse_turtle(text: str) -> list:
    import pyoxigraph as ox

    return list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE, base_iri="http://example.org/"))


def stores_from_turtle(data_ttl: str, shapes_ttl: str):
    """(data quads, shapes graph) for inline Turtle."""
    from imvo_graph.validation.fast import rdflib_graph

    return parse_turtle(data_ttl), rdflib_graph(parse_turtle(shapes_ttl))


def quads_of(files) -> list:
    from imvo_graph.rdf.loading import read_quads

    return [q for f in files for q in read_quads(f)]


def pyshacl_keys(data_quads, shapes_graph) -> set:
    return set(pyshacl_counts(data_quads, shapes_graph))


def pyshacl_counts(data_quads, shapes_graph) -> "Counter":
    """pySHACL's results on the same statements (as rdflib) and the same shapes graph."""
    import pyshacl

    from imvo_graph.validation.fast import rdflib_graph
    from imvo_graph.validation.report import results_from_graph

    data_graph = rdflib_graph(data_quads)
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
    return Counter(r.key() for r in results_from_graph(results_graph))


def fast_keys(data_quads, shapes_graph) -> set:
    return set(fast_counts(data_quads, shapes_graph))


def fast_counts(data_quads, shapes_graph) -> "Counter":
    from imvo_graph.validation.fast import store_of, validate_store

    # (a store made for this validation, as validate() makes one: the engine may keep its helper
    # graphs in it while it runs, scratch=True, instead of validating a copy of it)
    return Counter(r.key() for r in validate_store(store_of(data_quads), shapes_graph, scratch=True))


def assert_same(data_quads, shapes_graph, expect_some: bool = True) -> set:
    """The same results as pySHACL, as a multiset (each result as often as pySHACL gives it)."""
    return assert_same_counts(fast_counts(data_quads, shapes_graph), pyshacl_counts(data_quads, shapes_graph),
                              expect_some)


def assert_same_counts(fast: "Counter", ref: "Counter", expect_some: bool = True) -> set:
    """The fast engine's results (:func:`fast_counts`) are pySHACL's (``ref``), as multisets."""
    missing = ref - fast
    extra = fast - ref
    assert not missing and not extra, _describe(missing, extra)
    if expect_some:
        assert ref, "the fixture should produce results, or the comparison proves nothing"
    return set(ref)


def _describe(missing, extra) -> str:
    lines = [f"{len(missing)} result(s) pySHACL finds and the fast engine does not:"]
    lines += [f"  - {k}" for k in sorted(map(str, missing))[:20]]
    lines.append(f"{len(extra)} result(s) the fast engine finds and pySHACL does not:")
    lines += [f"  + {k}" for k in sorted(map(str, extra))[:20]]
    return "\n".join(lines)
