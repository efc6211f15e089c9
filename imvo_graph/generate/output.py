"""Writing a generated graph (N-Triples or Turtle) and its plan of planted violations, and
reading the plan back, checked to belong to the graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, cast

from ..rdf.namespaces import DCT, RDF, RDFS, SKOS, XSD
from .portfolio import GeneratedGraph
from .template import DEF

#: The output formats of :func:`write`, by file suffix.
OUTPUT_SUFFIXES = {".nt": "N-Triples", ".ttl": "Turtle"}


def output_format(output: Path | str):
    """The pyoxigraph format for an output file, from its suffix (``.nt`` N-Triples, ``.ttl``
    Turtle); InputError for any other suffix."""
    import pyoxigraph as ox

    from ..errors import InputError

    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        known = ", ".join(f"{s} ({name})" for s, name in OUTPUT_SUFFIXES.items())
        raise InputError(f"{path}: cannot tell the format from the suffix {path.suffix or '(none)'}; use {known}")
    return ox.RdfFormat.N_TRIPLES if suffix == ".nt" else ox.RdfFormat.TURTLE


def check_output(output: Path | str, *, overwrite: bool = False) -> None:
    """Raise InputError or OutputError unless ``write(graph, output, overwrite=overwrite)`` can
    write ``output`` and its plan: a known suffix, a writable folder, and each file either new or
    (with ``overwrite``) an existing regular file. Call it before the (slow) generation."""
    from ..export.atomic import check_output_file

    check_output_file(output, overwrite=overwrite)
    output_format(output)
    check_output_file(manifest_path(output), overwrite=overwrite)


def write(graph: GeneratedGraph, output: Path | str | None, stream=None, *, overwrite: bool = False) -> None:
    """Write the graph as N-Triples (``.nt``, and ``stream`` when ``output`` is None) or Turtle
    (``.ttl``), and the plan of planted violations next to it (:func:`manifest_path`).

    Both files are written atomically (a temporary file, then a rename) through the same helper
    as ``imvo-graph export``: an existing file is refused unless ``overwrite``, and only a regular
    file is ever replaced. Raises InputError (unknown suffix) or OutputError.
    """
    import pyoxigraph as ox

    from ..export.atomic import atomic_file, write_atomic

    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in graph.quads]
    if output is None:
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        (stream.buffer if hasattr(stream, "buffer") else stream).write(data)
        return
    path = Path(output)
    check_output(path, overwrite=overwrite)
    fmt = output_format(path)
    prefixes = None
    if fmt == ox.RdfFormat.TURTLE:
        prefixes = {"imvo": DEF, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "dct": DCT, "skos": SKOS}
    with atomic_file(path, overwrite=overwrite) as out:
        hashing = _HashingWriter(out)
        if prefixes:
            ox.serialize(triples, output=cast(IO[bytes], hashing), format=fmt, prefixes=prefixes)
        else:
            ox.serialize(triples, output=cast(IO[bytes], hashing), format=fmt)
    # the plan names its graph by checksum: a plan and a graph from different runs (a kill
    # between the two renames) are told apart by read_manifest
    manifest = {**graph.manifest(), "graph": {"file": path.name, "sha256": hashing.digest.hexdigest()}}
    plan = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    write_atomic(manifest_path(path), plan.encode("utf-8"), overwrite=overwrite)


class _HashingWriter:
    """A binary stream that keeps the SHA-256 of what goes through it."""

    def __init__(self, stream):
        import hashlib

        self.stream = stream
        self.digest = hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.stream.write(data)

    def flush(self) -> None:
        self.stream.flush()


def read_manifest(output: Path | str) -> dict:
    """The plan of planted violations of generated file ``output``, checked to belong to it:
    InputError when it is missing, unreadable, or names another graph (its SHA-256 differs:
    the two files come from different runs, for example after a run was killed)."""
    from ..errors import InputError
    from ..rdf.loading import file_digest

    path = Path(output)
    plan_path = manifest_path(path)
    try:
        manifest = json.loads(plan_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{plan_path}: no such file (the plan of planted violations of {path})") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{plan_path}: cannot be read as a plan of planted violations ({exc})") from None
    expected = (manifest.get("graph") or {}).get("sha256") if isinstance(manifest, dict) else None
    if not expected:
        raise InputError(f"{plan_path}: names no graph checksum; generate the graph again")
    if file_digest(path) != expected:
        raise InputError(
            f"{plan_path}: belongs to another version of {path} (its SHA-256 differs); generate the graph again"
        )
    return manifest


def manifest_path(output: Path | str) -> Path:
    """Where the plan of planted violations of a generated file is written: ``FILE.violations.json``."""
    path = Path(output)
    return path.with_name(path.name + ".violations.json")
