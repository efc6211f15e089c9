"""Where each IRI's page lives in the site, and relative links between pages.

An IRI under the project's base, ``https://w3id.org/imvo-graph/id/convenant/textiel``, has its
page at ``id/convenant/textiel/index.html`` (the default language) and
``id/convenant/textiel/index.en.html`` (the other one); a hash IRI
(``.../kamerbrief/minbuza-2017-1027644#p07``) is an anchor on its document's page; the ontology's
terms (``.../def#Covenant``) are anchors on ``def/index.html``. IRIs elsewhere (TOOI ministries)
get a page under ``ext/{host}/{path}/``. Links are relative, so the site works from the file
system (``file://``) as well as from any web server.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

from ..rdf.namespaces import BASE

_SAFE = re.compile(r"[^A-Za-z0-9._~-]")


def _segment(text: str) -> str:
    """One path segment, safe on every file system and in a URL."""
    text = _SAFE.sub(lambda m: f"_{ord(m.group()):x}_", text)
    return text if text not in ("", ".", "..") else f"_{text or 'empty'}_"


@lru_cache(maxsize=None)
def resource_folder(iri: str) -> str | None:
    """The folder of the page for ``iri`` (the document part of a hash IRI), relative to the
    site root, without a trailing slash; None for an IRI that gets no page of its own (a
    term of the ontology: it is documented on ``def/``)."""
    document, _, _ = iri.partition("#")
    if document == BASE + "/def" or document.startswith(BASE + "/def/"):
        return "def"
    if document.startswith(BASE + "/"):
        parts = document[len(BASE) + 1:].split("/")
    else:
        split = urlsplit(document)
        if not split.scheme or not split.netloc:
            return None
        parts = ["ext", split.netloc, *split.path.split("/")]
    parts = [_segment(p) for p in parts if p]
    return "/".join(parts) if parts else None


def page_name(lang: str, default_lang: str) -> str:
    """``index.html`` for the default language, ``index.{lang}.html`` for the other."""
    return "index.html" if lang == default_lang else f"index.{lang}.html"


def page_path(iri: str, lang: str, default_lang: str) -> str | None:
    """The page (with the anchor for a hash IRI or an ontology term), relative to the root."""
    folder = resource_folder(iri)
    if folder is None:
        return None
    path = f"{folder}/{page_name(lang, default_lang)}"
    fragment = iri.partition("#")[2]
    return f"{path}#{quote(fragment, safe='')}" if fragment else path


@lru_cache(maxsize=None)
def relative(target: str, from_page: str) -> str:
    """A link from the page at ``from_page`` to ``target`` (both relative to the root)."""
    path, hash_, fragment = target.partition("#")
    start = posixpath.dirname(from_page) or "."
    link = posixpath.relpath(path, start)
    return link + (f"#{fragment}" if hash_ else "")


def root_of(page: str) -> str:
    """The link to the site root from ``page`` ('' at the root, '../../' two levels down)."""
    depth = page.count("/")
    return "../" * depth
