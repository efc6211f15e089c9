"""Exporting a part of the shipped graph, or given files, to bytes or to a file (atomically)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .formats import ExportFormat, get_format, output_format
from .parts import Part, graph_name, load_part_quads, read_quads
from .serialization import serialize


def export_graph(
    part: Part = "all",
    fmt: ExportFormat = "turtle",
    *,
    files: Iterable[Path | str] | None = None,
    data: Iterable[Path | str] = (),
) -> bytes:
    """A part of the shipped graph ('ontology', 'data', 'shapes' or 'all'), or the given files,
    serialised in ``fmt`` ('turtle', 'ntriples', 'nquads', 'trig', 'jsonld', 'rdfxml', or a
    short name such as 'ttl'). ``data``: more RDF files exported with it; in N-Quads and TriG
    their triples are in the data part's named graph."""
    import pyoxigraph as ox

    get_format(fmt)  # fail on a bad format before any parsing
    quads = load_part_quads(part, files)
    data = list(data or ())
    if data:
        quads += read_quads(data, ox.NamedNode(graph_name("data")) if files is None else None)
    return serialize(quads, fmt)


def write_export(
    path: Path | str,
    part: Part = "all",
    fmt: ExportFormat | None = None,
    *,
    files: Iterable[Path | str] | None = None,
    data: Iterable[Path | str] = (),
    overwrite: bool = False,
) -> Path:
    """Export to a file atomically (temporary file in the same folder, then rename).

    ``fmt`` defaults to the format of the file's suffix (.ttl, .nt, .nq, .trig, .jsonld, .rdf);
    a ``fmt`` that differs from the format of a known suffix is an InputError. An existing file
    is refused unless ``overwrite``, and only a regular file is ever replaced (never a folder, a
    symbolic link, a FIFO or a device). Raises OutputError, InputError; on any error no file is
    created or changed.
    """
    from .atomic import check_output_file, write_atomic

    path = Path(path)
    spec = output_format(path, fmt)
    check_output_file(path, overwrite=overwrite)  # before the export's work
    content = export_graph(part, spec.name, files=files, data=data)
    return write_atomic(path, content, overwrite=overwrite)
