"""Validating files: the data and the ontology in one Oxigraph store (on disk with --store), the
shapes' own vocabulary check, and the report."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from .runner import validate_store

if TYPE_CHECKING:  # pragma: no cover
    from ...rdf.store import LiteralStore


def validate_files(
    data_files: list,
    shape_files: list,
    ontology_files: list,
    *,
    inference: str = "none",
    store_dir=None,
    vocabulary_files: list | None = None,
    progress=None,
    threads: int | None = None,
):
    """The fast counterpart of :func:`imvo_graph.validation.validate`: the same report, from Oxigraph.

    The data and the ontology go into one store (as pySHACL mixes the ontology into the data
    graph); ``inference`` 'rdfs' is the RDFS closure pySHACL runs before validating (computed
    by :mod:`imvo_graph.inference`), 'owlrl' owlrl's OWL RL closure (the same module). With
    ``store_dir`` the store is kept on disk and reused while the files are unchanged.
    ``threads``: shapes run at once (see :func:`.runner.validate_store`).
    """
    from ...inference import infer
    from ...rdf.store import open_graph
    from ..report import ValidationReport

    def prepare(store):
        infer(store, inference, for_pyshacl=True)

    def step(what):
        return (lambda done, total: progress(done, total, what)) if progress else None

    # The shapes (and their check against the vocabulary shapes) do not depend on the data:
    # they are read in a second thread while Oxigraph loads the data, which releases the GIL
    # (about 0.3 s of Python, imports included, hidden behind a load of seconds). The errors
    # come in the same order as when one thread did it all: the data's, the shapes', then those
    # of the validation of the data, then those of the shapes' check. The data's triples are
    # counted in a third thread while the engine runs (see imvo_graph.rdf.store._count_later).
    with ThreadPoolExecutor(1, thread_name_prefix="shapes") as pool:
        shapes_read = pool.submit(_read_shapes, shape_files)
        shapes_checked = pool.submit(_check_shapes, shapes_read, ontology_files, vocabulary_files, threads) \
            if vocabulary_files else None
        store, _reused, counts = open_graph(list(data_files) + list(ontology_files), store_dir, inference=inference,
                                            prepare=prepare, progress=step("load"), preserve_literals=True,
                                            depends_on=list(shape_files), counted=[len(data_files) - 1],
                                            count_in_background=True)
        shapes_graph = shapes_read.result()[1]
        results = validate_store(store, shapes_graph, progress=step("validate"), threads=threads, scratch=True)
        path_graph = shapes_graph
        if shapes_checked is not None:
            vocabulary_graph, shape_results = shapes_checked.result()
            seen = {r.key() for r in results}
            results.extend(r for r in shape_results if r.key() not in seen)
            if not {Path(f).resolve() for f in vocabulary_files or ()} <= {Path(f).resolve() for f in shape_files}:
                path_graph = shapes_graph + vocabulary_graph  # (a copy: ~0.1 s for the shipped shapes)
    return ValidationReport(
        results=results,
        data_graph=None,
        labels=_labels(store, results),
        shapes_graph=shapes_graph,
        files=list(data_files),
        path_graph=path_graph,
        data_triples=counts[len(data_files) - 1].result() if counts and data_files else 0,
    )


def _read_shapes(shape_files: list) -> tuple:
    """The statements of the shapes files and the shapes graph made of them."""
    from ...rdf.loading import read_quads
    from .common import shapes_graph_of

    shape_quads = [q for f in shape_files for q in read_quads(f)]
    return shape_quads, shapes_graph_of(shape_quads)


def _check_shapes(shapes_read: "Future", ontology_files: list, vocabulary_files: list, threads: int | None) -> tuple:
    """The vocabulary shapes graph, and the results of the shapes (with the ontology) against it."""
    from ...rdf.loading import load_rdflib

    shape_quads = shapes_read.result()[0]
    vocabulary_graph = load_rdflib(vocabulary_files)
    mixed = store_of(shape_quads)
    for f in ontology_files:
        mixed.load(f)
    return vocabulary_graph, validate_store(mixed, vocabulary_graph, threads=threads, scratch=True)


def _labels(store: "LiteralStore", results) -> dict:
    """node -> {language tag: label} for the IRIs the results name, read from the store's
    default graph (:func:`imvo_graph.rdf.labels.store_labels_by_language`)."""
    import pyoxigraph as ox

    from ...rdf.labels import store_labels_by_language

    dg = ox.DefaultGraph()
    nodes = {n for r in results for n in (r.focus_node, r.value) if isinstance(n, ox.NamedNode)}
    return {node: store_labels_by_language(store, node, dg) for node in nodes}


def store_of(quads) -> "LiteralStore":
    """A validation store of pyoxigraph quads (default graph), literals kept as written."""
    import pyoxigraph as ox

    from ...rdf.store import LiteralStore

    store = LiteralStore()
    dg = ox.DefaultGraph()
    store.extend(q if type(q.graph_name) is ox.DefaultGraph else ox.Quad(q.subject, q.predicate, q.object, dg)
                 for q in quads)
    return store
