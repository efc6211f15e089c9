"""Validating files: the data and the ontology in one Oxigraph store (on disk with --store), the
shapes' own vocabulary check, and the report."""

from __future__ import annotations

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

    store, _reused, counts = open_graph(list(data_files) + list(ontology_files), store_dir, inference=inference,
                                        prepare=prepare, progress=step("load"), preserve_literals=True,
                                        depends_on=list(shape_files), counted=[len(data_files) - 1])
    from ...rdf.loading import load_rdflib, read_quads
    from .common import shapes_graph_of

    shape_quads = [q for f in shape_files for q in read_quads(f)]
    shapes_graph = shapes_graph_of(shape_quads)
    results = validate_store(store, shapes_graph, progress=step("validate"), threads=threads, scratch=True)
    path_graph = shapes_graph
    if vocabulary_files:
        vocabulary_graph = load_rdflib(vocabulary_files)
        mixed = store_of(shape_quads)
        for f in ontology_files:
            mixed.load(f)
        seen = {r.key() for r in results}
        for r in validate_store(mixed, vocabulary_graph, threads=threads, scratch=True):
            if r.key() not in seen:
                results.append(r)
        if not {Path(f).resolve() for f in vocabulary_files} <= {Path(f).resolve() for f in shape_files}:
            path_graph = shapes_graph + vocabulary_graph  # (a copy: ~0.1 s for the shipped shapes)
    return ValidationReport(
        results=results,
        data_graph=None,
        labels=_labels(store, results),
        shapes_graph=shapes_graph,
        files=list(data_files),
        path_graph=path_graph,
        data_triples=counts[len(data_files) - 1] if counts and data_files else 0,
    )


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
    store.extend(ox.Quad(q.subject, q.predicate, q.object, dg) for q in quads)
    return store
