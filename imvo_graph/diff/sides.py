"""Reading one side of a diff: a file, files, a folder of RDF files, a release directory, or
quads or a graph in memory."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError


def _release_graph_file(folder: Path) -> Path | None:
    matches = sorted(folder.glob("imvo-graph-*-all.nt"))
    return matches[-1] if matches else None


def load_side(side) -> list:
    """The triples of one side of a diff (see the module documentation), as pyoxigraph quads."""
    from ..export import as_quads, read_quads
    from ..rdf.loading import RDF_SUFFIXES

    if isinstance(side, (str, Path)):
        path = Path(side)
        if path.is_dir():
            merged = _release_graph_file(path)
            if merged is not None:
                return read_quads([merged])
            if (path / "catalog.ttl").exists() or (path / "SHA256SUMS").exists():
                raise InputError(f"{path}: a release directory without its merged imvo-graph-*-all.nt file")
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in RDF_SUFFIXES)
            if not files:
                raise InputError(f"{path}: a folder without RDF files")
            return read_quads(files)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        return read_quads([path])
    if isinstance(side, Iterable) and not hasattr(side, "triples"):
        items = list(side)
        if items and all(isinstance(i, (str, Path)) for i in items):
            quads = []
            for item in items:
                quads.extend(load_side(item))
            return quads
        return as_quads(items)
    return as_quads(side)
