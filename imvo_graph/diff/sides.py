"""Reading one side of a diff: a file, files, a folder of RDF files, a release directory, or
quads or a graph in memory."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError


def _release_graph_file(folder: Path) -> Path | None:
    matches = sorted(folder.glob("imvo-graph-*-all.nt"))
    return matches[-1] if matches else None


def side_files(path: Path) -> list[Path]:
    """The RDF files a diff reads for ``path``: the file itself; for a release directory its
    merged ``imvo-graph-*-all.nt``; for another folder every entry with an RDF suffix that is not
    a folder (a named pipe or a device among them is listed, so that reading refuses it by name
    instead of skipping it). InputError for a missing path, a release directory without its
    merged file or a folder without RDF files."""
    from ..rdf.loading import RDF_SUFFIXES

    if path.is_dir():
        merged = _release_graph_file(path)
        if merged is not None:
            return [merged]
        if (path / "catalog.ttl").exists() or (path / "SHA256SUMS").exists():
            raise InputError(f"{path}: a release directory without its merged imvo-graph-*-all.nt file")
        files = sorted(p for p in path.iterdir() if not p.is_dir() and p.suffix.lower() in RDF_SUFFIXES)
        if not files:
            raise InputError(f"{path}: a folder without RDF files")
        return files
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    return [path]


def load_side(side) -> list:
    """The triples of one side of a diff (see the module documentation), as pyoxigraph quads."""
    from ..export import as_quads, read_quads

    if isinstance(side, (str, Path)):
        return read_quads(side_files(Path(side)))
    if isinstance(side, Iterable) and not hasattr(side, "triples"):
        items = list(side)
        if items and all(isinstance(i, (str, Path)) for i in items):
            quads = []
            for item in items:
                quads.extend(load_side(item))
            return quads
        return as_quads(items)
    return as_quads(side)
