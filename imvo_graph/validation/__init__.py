"""SHACL validation of the knowledge graph: :func:`validate` and its report.

By default there is no inference: the ontology and code lists are mixed into the data graph,
so that ``sh:class`` follows the ontology's ``rdfs:subClassOf`` axioms, and nothing else is
inferred. RDFS inference would type resources through property domains and ranges and so
satisfy ``sh:class`` constraints that the data itself breaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from .report import ValidationReport, ValidationResult

__all__ = ["validate", "ValidationReport", "ValidationResult", "INFERENCE_CHOICES", "ENGINES"]

INFERENCE_CHOICES = ("none", "rdfs", "owlrl")
#: 'fast': the shapes compiled to SPARQL on Oxigraph (:mod:`.fast`), with pySHACL's
#: results (differential tests); 'pyshacl': pySHACL itself.
ENGINES = ("fast", "pyshacl")
#: The shapes file whose undefined-term check also runs over the shapes themselves.
VOCABULARY_SHAPES = "vocabulary.ttl"


def validate(
    data: Iterable[Path | str] | None = None,
    *,
    shapes: Iterable[Path | str] | None = None,
    ontology: Iterable[Path | str] | None = None,
    inference: str = "none",
    engine: str = "fast",
    store: Path | str | None = None,
    progress=None,
) -> ValidationReport:
    """Validate RDF files against the SHACL shapes.

    ``data``: files to validate (default: the shipped data). ``shapes`` and ``ontology``: default
    to the shipped ones. ``inference``: 'none' (default), 'rdfs' or 'owlrl'. ``engine``: 'fast'
    (default) or 'pyshacl'; both run RDFS and OWL RL inference with owlrl's results.
    ``store``: a directory for an on-disk Oxigraph store that keeps the loaded graph between
    runs (fast engine). ``progress(done, total, what)`` is called during long work.
    Raises :class:`~imvo_graph.errors.InputError` for a missing file or a syntax error.
    """
    from ..loading import load_rdflib, shipped_files
    from .pyshacl_engine import run_pyshacl

    if inference not in INFERENCE_CHOICES:
        raise InputError(f"unknown inference {inference!r}; choose one of {', '.join(INFERENCE_CHOICES)}")
    data_files = [Path(p) for p in (shipped_files("data") if data is None else data)]
    shape_files = [Path(p) for p in (shipped_files("shapes") if shapes is None else shapes)]
    ontology_files = [Path(p) for p in (shipped_files("ontology") if ontology is None else ontology)]
    if not data_files:
        raise InputError("no data files to validate")
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "fast":
        from .fast import validate_files

        return validate_files(
            data_files,
            shape_files,
            ontology_files,
            inference=inference,
            store_dir=store,
            vocabulary_files=[f for f in shape_files if f.name == VOCABULARY_SHAPES],
            progress=progress,
        )

    # Read with the parser alone, not through the Oxigraph store, which would canonicalise
    # typed literals ("7"^^xsd:positiveInteger becomes xsd:integer) and hide what the file says.
    data_graph = load_rdflib(data_files)
    shapes_graph = load_rdflib(shape_files)
    ontology_graph = load_rdflib(ontology_files)

    results, path_graph, mixed_graph = run_pyshacl(data_graph, shapes_graph, ontology_graph, inference)

    vocabulary_files = [f for f in shape_files if f.name == VOCABULARY_SHAPES]
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
