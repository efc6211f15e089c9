"""Building the site in memory (:func:`build_site`) and writing it to a folder (:func:`write_site`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

LANGUAGES = ("nl", "en")


@dataclass
class SiteResult:
    path: Path
    files: list[str] = field(default_factory=list)
    pages: int = 0


def build_site(*, data: Iterable[Path | str] | None = None, base_url: str | None = None, lang: str = "nl") -> dict[str, bytes]:
    """Every file of the site in memory, ``{relative path: bytes}`` (see :func:`write_site`)."""
    from ..export import read_quads
    from ..options import check_url
    from ..rdf.loading import load_store
    from ..rdf.namespaces import BASE
    from ..resources import shipped_files
    from .build import SiteBuilder
    from .model import SiteGraph

    if lang not in LANGUAGES:
        raise InputError(f"lang={lang!r}: choose one of {', '.join(LANGUAGES)}")
    base_url = check_url("base_url", base_url or BASE + "/", folder=True)
    ontology_files = shipped_files("ontology")
    data_files = [Path(p) for p in (shipped_files("data") if data is None else data)]
    ontology_quads = read_quads(ontology_files)
    data_quads = read_quads(data_files)
    store = load_store([*ontology_files, *data_files])
    graph = SiteGraph.from_quads([*ontology_quads, *data_quads])
    builder = SiteBuilder(graph, default_lang=lang, base_url=base_url, ontology_quads=ontology_quads,
                          shapes_quads=read_quads(shipped_files("shapes")), store=store)
    return builder.build()


def write_site(
    output: Path | str,
    *,
    data: Iterable[Path | str] | None = None,
    base_url: str | None = None,
    lang: str = "nl",
    overwrite: bool = False,
) -> SiteResult:
    """Write the site of the graph (the shipped ontology with ``data``, default the shipped
    data) to the folder ``output``.

    ``base_url``: where the site will be published (an absolute http(s) URL; default
    ``https://w3id.org/imvo-graph/``), used for the pages' canonical links. ``lang``: the
    language of ``index.html`` (``nl`` or ``en``); the other is ``index.{lang}.html``.

    The folder is built next to ``output`` and renamed into place: on any error nothing is
    left and an existing ``output`` is as it was. An existing ``output`` is refused unless
    ``overwrite``, and even then replaced only when it is an unchanged earlier site
    (:func:`imvo_graph.site.writer.check_previous_site`). Raises InputError for a bad
    ``base_url`` or ``lang``, OutputError for an output that cannot be written or replaced.
    """
    from ..export.atomic import check_output_directory, check_output_folder
    from .writer import check_previous_site, write_files

    output = Path(output)
    if lang not in LANGUAGES:
        raise InputError(f"lang={lang!r}: choose one of {', '.join(LANGUAGES)}")
    from ..options import check_url
    from ..rdf.namespaces import BASE

    check_url("base_url", base_url or BASE + "/", folder=True)
    check_output_folder(output.parent if str(output.parent) else Path("."))
    check_output_directory(output, overwrite=overwrite, replaceable=check_previous_site)
    files = build_site(data=data, base_url=base_url, lang=lang)
    write_files(output, files, overwrite=overwrite)
    return SiteResult(path=output, files=sorted(files), pages=sum(1 for name in files if name.endswith(".html")))
