"""The ontology's documentation on the site (``def/``), the same body as the release's page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import __version__

if TYPE_CHECKING:  # pragma: no cover
    from ..export import FormatName


def ontology_pages(builder) -> None:
    from ..export.serialization import serialize_formats
    from ..rdf.triples import Triples
    from ..release.docs import ontology_parts
    from .paths import page_path

    ontology, shapes, data = Triples(builder.ontology_quads), Triples(builder.shapes_quads), Triples(builder.g.quads)
    ontology_files: tuple[tuple[FormatName, str], ...] = (
        ("turtle", "ontology.ttl"), ("jsonld", "ontology.jsonld"), ("ntriples", "ontology.nt"))
    texts = serialize_formats(builder.ontology_quads, [fmt for fmt, _ in ontology_files])
    for fmt, name in ontology_files:
        builder.files[f"def/{name}"] = texts[fmt]
    files = [("ontology.ttl", "Turtle"), ("ontology.jsonld", "JSON-LD"), ("ontology.nt", "N-Triples")]
    for page in builder.both("def"):

        def example_href(iri: str, page=page) -> str:
            return builder.href(page_path(iri, page.lang, builder.default_lang), page) if builder.has_page(iri) else iri

        title, body = ontology_parts(ontology, version=__version__, shapes=shapes, data=data, files=files,
                                     heading=False, example_href=example_href)
        ctx = builder.common(page, title.rsplit(" ", 1)[0])
        # the documentation is Dutch with its English marked lang="en": say so on the English page too
        ctx["body"] = f'<div lang="nl">{body}</div>' if page.lang != "nl" else body
        builder.emit(page, "page.html", ctx)
