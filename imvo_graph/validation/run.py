"""Running a validation: :func:`validate` on files, :func:`validate_quads` on parsed statements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from ..errors import InputError
from ..options import check_choice
from .engines import Engine, run_engine
from .report import ValidationReport

#: The inference before validating, as a type for ``inference``: none, owlrl's RDFS or OWL 2 RL closure.
Inference = Literal["none", "rdfs", "owlrl"]
INFERENCE_CHOICES: tuple[str, ...] = get_args(Inference)


def validate(
    data: Iterable[Path | str] | None = None,
    *,
    shapes: Iterable[Path | str] | None = None,
    ontology: Iterable[Path | str] | None = None,
    inference: Inference = "none",
    engine: Engine = "auto",
    store: Path | str | None = None,
    with_shipped: bool = False,
    progress=None,
    on_fallback: Callable[[str], None] | None = None,
    threads: int | None = None,
    shape_checks: Iterable[Path | str] | None = None,
) -> ValidationReport:
    """Validate RDF files against the SHACL shapes.

    ``data``: files to validate (default: the shipped data). ``shapes`` and ``ontology``: default
    to the shipped ones; given ``shapes``, only those are used (and only the given ``ontology``,
    none if not given). ``inference``: 'none' (default), 'rdfs' or 'owlrl'. ``engine``: 'auto'
    (default: the shapes compiled to SPARQL on Oxigraph when the compiler supports all of them,
    else pySHACL, and ``on_fallback(reason)`` is told why), 'fast' (compiled only; a shape it
    cannot compile raises :class:`~imvo_graph.validation.fast.UnsupportedShapeError`) or
    'pyshacl'; all run RDFS and OWL RL inference with owlrl's results.
    ``store``: a directory for an on-disk Oxigraph store that keeps the loaded graph between
    runs (compiled engine). ``with_shipped``: validate ``data`` together with the shipped data,
    as one graph (results in the shipped files are reported too; each result's ``location``
    says which file it is in). ``progress(done, total, what)`` is called during long work.
    ``threads``: how many shapes the compiled engine runs at once (default: the environment
    variable ``IMVO_GRAPH_THREADS``, else the usable cores, at most 4).
    ``shape_checks``: shapes files that the shapes files themselves are validated against too
    (as data, with the ontology), e.g. so that a typo in an ``sh:path`` fails; default: the
    shipped ``shapes/vocabulary.ttl`` (its undefined-term check) when it is one of the shapes.
    Raises :class:`~imvo_graph.errors.InputError` for a missing file, a file given twice, a
    syntax error or shapes that are not valid SHACL.
    """
    from ..resources import shipped_files
    from .engines import check_engine

    check_choice("inference", inference, INFERENCE_CHOICES, "inference")
    check_threads(threads)
    files = _ValidationFiles.of(data, shapes, ontology, with_shipped, shape_checks)
    check_engine(engine)
    if shapes is not None:  # (the shipped shapes are checked by the tests, not on every run)
        _check_given_shapes(files.shapes)

    def compiled() -> ValidationReport:
        from .fast import validate_files

        return validate_files(files.data, files.shapes, files.ontology, inference=inference, store_dir=store,
                              vocabulary_files=files.shape_checks, progress=progress, threads=threads)

    def reference() -> ValidationReport:
        return _validate_pyshacl(files.data, files.shapes, files.ontology, files.shape_checks, inference)

    from ..line_index import Indexing
    from .annotate import annotate

    # where the subjects of the N-Triples and N-Quads data files are written: read in a thread
    # while the data loads (Oxigraph's load releases the GIL), for locating the results after
    line_indexes = Indexing(files.data)
    try:
        report = run_engine(engine, compiled, reference, on_fallback)
    except BaseException:
        line_indexes.stop()
        raise
    return annotate(
        report,
        data_files=files.data,
        ontology_files=files.ontology,
        shape_files=files.shapes,
        own_files=files.own,
        shipped_files=shipped_files("data", "ontology", "shapes"),
        line_indexes=line_indexes,
    )


def check_threads(threads: int | None) -> None:
    """InputError unless ``threads`` is None (the default) or a whole number of at least 1."""
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
        raise InputError(f"threads={threads!r}: give a whole number of at least 1")


@dataclass(frozen=True)
class _ValidationFiles:
    """The files of one validation, every default filled in."""

    own: list[Path]  # the data files the caller gave (or the shipped ones)
    data: list[Path]  # with the shipped data first, with ``with_shipped``
    shapes: list[Path]
    ontology: list[Path]
    shape_checks: list[Path]

    @classmethod
    def of(cls, data, shapes, ontology, with_shipped: bool, shape_checks) -> "_ValidationFiles":
        from ..resources import shipped_files

        own_files = [Path(p) for p in (shipped_files("data") if data is None else data)]
        data_files = _with_shipped_data(own_files, data is not None and with_shipped)
        shape_files = [Path(p) for p in (shipped_files("shapes") if shapes is None else shapes)]
        if ontology is not None:
            ontology_files = [Path(p) for p in ontology]
        else:
            ontology_files = shipped_files("ontology") if shapes is None else []
        if not data_files:
            raise InputError("no data files to validate")
        if not shape_files:
            raise InputError("no shapes files to validate against")
        return cls(own_files, data_files, shape_files, ontology_files, _shape_checks(shape_files, shape_checks))


def _check_given_shapes(shape_files: list[Path]) -> None:
    """ShapesError unless the given shapes are valid SHACL without a cycle of shapes."""
    from ..rdf.convert import rdflib_graph
    from ..rdf.loading import read_quads
    from .shapes_check import check_recursion, check_shapes

    given = []
    for f in shape_files:
        quads = read_quads(f)
        check_shapes(quads, str(f))
        given += quads
    check_recursion(rdflib_graph(given))


def _shape_checks(shape_files: list[Path], shape_checks: Iterable[Path | str] | None) -> list[Path]:
    """The shapes the shapes files are checked with: ``shape_checks``, else the shipped
    vocabulary shapes (the shipped file itself, not any file of its name) if they are used."""
    if shape_checks is not None:
        return [Path(p) for p in shape_checks]
    from ..resources import vocabulary_shapes_file

    shipped = vocabulary_shapes_file().resolve()
    return [f for f in shape_files if f.resolve() == shipped]


def _with_shipped_data(files: list[Path], with_shipped: bool) -> list[Path]:
    """The files to validate: ``files`` (each once), after the shipped data with ``with_shipped``."""
    from ..resources import shipped_files

    seen: dict = {}
    for f in files:
        key = f.resolve()
        if key in seen:
            also = "" if str(seen[key]) == str(f) else f" (also as {seen[key]})"
            raise InputError(f"{f}: given twice{also}")
        seen[key] = f
    if not with_shipped:
        return files
    shipped = shipped_files("data")
    for f in shipped:
        if f.resolve() in seen:
            raise InputError(f"{seen[f.resolve()]}: is a shipped data file, validated with the shipped data already")
    return shipped + files


def validate_quads(
    data: Iterable,
    shapes: Iterable,
    *,
    engine: Engine = "auto",
    on_fallback: Callable[[str], None] | None = None,
    threads: int | None = None,
) -> ValidationReport:
    """Validate parsed statements (pyoxigraph quads or triples, e.g. from
    :func:`imvo_graph.rdf.loading.read_quads`) against the shapes in ``shapes`` (the same kind):
    no ontology, no inference. Blank nodes keep their labels in the report, so a caller can
    find them in what it passed. ``engine`` and ``threads`` as in :func:`validate`."""
    from ..rdf.convert import rdflib_graph
    from .shapes_check import check_recursion, check_shapes

    check_threads(threads)
    data_quads, shape_quads = list(data), list(shapes)
    check_shapes(shape_quads, "the shapes")
    shapes_graph = rdflib_graph(shape_quads)
    check_recursion(shapes_graph)

    def compiled() -> ValidationReport:
        from .fast import store_of, validate_store
        from .fast.common import shapes_graph_of

        graph = shapes_graph_of(shape_quads)
        return ValidationReport(results=validate_store(store_of(data_quads), graph, threads=threads, scratch=True), data_graph=None,
                                shapes_graph=graph, path_graph=graph, data_triples=len(data_quads))

    def reference() -> ValidationReport:
        from rdflib import Graph

        from .pyshacl_engine import run_pyshacl

        data_graph = rdflib_graph(data_quads)
        results, path_graph, mixed = run_pyshacl(data_graph, shapes_graph, Graph(), "none")
        return ValidationReport(results=results, data_graph=mixed, shapes_graph=shapes_graph, path_graph=path_graph,
                                data_triples=len(data_graph))

    return run_engine(engine, compiled, reference, on_fallback)


def _validate_pyshacl(data_files, shape_files, ontology_files, vocabulary_files, inference) -> ValidationReport:
    from ..rdf.loading import load_rdflib
    from .pyshacl_engine import run_pyshacl

    # Read with the parser alone, not through the Oxigraph store, which would canonicalise
    # typed literals ("7"^^xsd:positiveInteger becomes xsd:integer) and hide what the file says.
    data_graph = load_rdflib(data_files)
    shapes_graph = load_rdflib(shape_files)
    ontology_graph = load_rdflib(ontology_files)

    results, path_graph, mixed_graph = run_pyshacl(data_graph, shapes_graph, ontology_graph, inference)

    if vocabulary_files:
        # The shapes themselves must only use declared terms, too: a typo in sh:path must fail.
        vocabulary_graph = load_rdflib(vocabulary_files)
        shape_results, _, _ = run_pyshacl(shapes_graph, vocabulary_graph, ontology_graph, "none")
        results.extend(r for r in shape_results if r not in results)

    return ValidationReport(
        results=results,
        data_graph=mixed_graph,
        shapes_graph=shapes_graph,
        files=data_files,
        path_graph=path_graph,
        data_triples=len(data_graph),
    )
