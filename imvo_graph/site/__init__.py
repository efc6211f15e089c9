"""A static website of the graph: a page for every resource, in Dutch and English.

Library API (``imvo-graph site`` is a thin layer over it)::

    from imvo_graph.site import write_site
    result = write_site("public", base_url="https://w3id.org/imvo-graph/", lang="nl")
    result.pages, result.files

What the site holds (every link relative, so it works from ``file://`` and any web server;
nothing is loaded from elsewhere: no CDN, fonts or external scripts):

- ``id/{type}/{slug}/index.html`` (the ``lang`` language) and ``index.{other}.html`` for every
  typed resource, with its statements both ways, each with the paragraph it comes from, the
  paragraphs quoted, embedded JSON-LD, and ``data.ttl``, ``data.jsonld``, ``data.nt``;
- the letter's page, paragraph by paragraph with anchors (``#p07``) and the resources citing
  each; index pages per class (``klasse/``) and the code lists' pages;
- ``overzicht/convenanten``, ``overzicht/matrix``, ``overzicht/tijdlijn`` (SVG drawn at build time);
- ``vragen/{name}/``: each stored query with its SPARQL and result table;
- ``def/``: the ontology's documentation and files; ``zoeken/`` and ``static/search-index.json``.

Modules: :mod:`.paths` (IRI to page), :mod:`.model` (the graph's indexes), :mod:`.build`
(the pages), :mod:`.make` (:func:`build_site`, :func:`write_site`), :mod:`.render` (Jinja2 templates), :mod:`.pictures` (SVG), :mod:`.queries`,
:mod:`.ontology`, :mod:`.writer` (atomic output), :mod:`.server` (serving with content
negotiation).
"""

from .make import LANGUAGES, SiteResult, build_site, write_site

__all__ = ["write_site", "build_site", "SiteResult", "LANGUAGES"]
