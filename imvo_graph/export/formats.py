"""The export formats: their names, short names, file suffixes and media types."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from ..errors import InputError

#: The names of the export formats (:data:`FORMATS`).
FormatName = Literal["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]
#: An export format by name or short name (:data:`FORMAT_ALIASES`), as a type for ``fmt``;
#: matched without regard to case at run time.
ExportFormat = Literal[FormatName, "ttl", "nt", "nq", "rdf", "json-ld"]


@dataclass(frozen=True)
class Format:
    name: FormatName
    suffix: str
    media_type: str
    #: the EU file-type authority code (http://publications.europa.eu/resource/authority/file-type/)
    eu_file_type: str
    label: str
    dataset: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", ".ttl", "text/turtle", "RDF_TURTLE", "Turtle"),
        Format("ntriples", ".nt", "application/n-triples", "RDF_N_TRIPLES", "N-Triples"),
        Format("nquads", ".nq", "application/n-quads", "RDF_N_QUADS", "N-Quads", dataset=True),
        Format("trig", ".trig", "application/trig", "RDF_TRIG", "TriG", dataset=True),
        Format("jsonld", ".jsonld", "application/ld+json", "JSON_LD", "JSON-LD"),
        Format("rdfxml", ".rdf", "application/rdf+xml", "RDF_XML", "RDF/XML"),
    )
}

#: Short names accepted for the formats: the usual file suffixes.
FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "rdf": "rdfxml", "json-ld": "jsonld"}
if set(get_args(ExportFormat)) != {*FORMATS, *FORMAT_ALIASES}:  # pragma: no cover - a programming error
    raise AssertionError("ExportFormat must list the names of FORMATS and FORMAT_ALIASES")


def get_format(name: str, parameter: str = "fmt") -> Format:
    """The format called ``name`` (a name of :data:`FORMATS` or a short name of
    :data:`FORMAT_ALIASES`, such as ``ttl``: an :data:`ExportFormat`); InputError naming
    ``parameter`` and the choices otherwise."""
    key = name.lower() if isinstance(name, str) else name
    try:
        return FORMATS[FORMAT_ALIASES.get(key, key)]
    except (KeyError, TypeError):
        choices = ", ".join(f"{f} ({a})" if (a := _alias_of(f)) else f for f in FORMATS)
        raise InputError(f"{parameter}={name!r}: unknown export format; choose one of {choices}") from None


def _alias_of(name: str) -> str:
    return next((alias for alias, full in FORMAT_ALIASES.items() if full == name and alias != "json-ld"), "")


def format_of_suffix(path: Path | str) -> Format | None:
    """The format a file name's suffix stands for (``.ttl``: Turtle, ...), or None."""
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS.values() if f.suffix == suffix), None)


def output_format(path: Path | str, fmt: ExportFormat | None = None) -> Format:
    """The format to write ``path`` in: ``fmt`` if given, else the one of its suffix. InputError
    when neither tells, or when ``fmt`` and a known suffix disagree (``--format turtle`` with
    ``out.nt``): a file whose name says N-Triples must not hold Turtle."""
    by_suffix = format_of_suffix(path)
    if fmt is None:
        if by_suffix is None:
            suffixes = ", ".join(f"{f.suffix} ({f.label})" for f in FORMATS.values())
            raise InputError(
                f"{path}: cannot tell the format from the suffix {Path(path).suffix or '(none)'}; "
                f"use one of {suffixes}, or give the format"
            )
        return by_suffix
    spec = get_format(fmt)
    if by_suffix is not None and by_suffix.name != spec.name:
        raise InputError(
            f"the format {fmt} ({spec.label}) and the suffix {by_suffix.suffix} of {path} "
            f"({by_suffix.label}) disagree; drop the format or change the suffix"
        )
    return spec
