"""Human-readable names of RDF terms, in the language the user chose."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .namespaces import DCT, RDFS_LABEL, SKOS

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

LANGUAGES = ("nl", "en")
LABEL_PROPERTIES = (RDFS_LABEL, SKOS + "prefLabel", DCT + "title")


def labels_by_language(graph: "rdflib.Graph", term) -> dict[str, str]:
    """The labels of ``term`` by language tag ('' for none): the first label property of
    :data:`LABEL_PROPERTIES` that gives ``term`` a literal, its first literal per language."""
    from rdflib import Literal, URIRef

    if term is None or isinstance(term, Literal):
        return {}
    by_lang: dict[str, str] = {}
    for prop in LABEL_PROPERTIES:
        for value in graph.objects(term, URIRef(prop)):
            if isinstance(value, Literal):
                by_lang.setdefault(value.language or "", str(value))
        if by_lang:
            break
    return by_lang


def pick_label(by_lang: dict[str, str], lang: str = "nl") -> str | None:
    """From labels by language: the one in ``lang``, else in the other language, else untagged."""
    for choice in (lang, *LANGUAGES, ""):
        if choice in by_lang:
            return by_lang[choice]
    return next(iter(by_lang.values()), None)


def short_name(graph: "rdflib.Graph", term) -> str:
    """A compact form of a term: a prefixed name where a prefix of ``graph`` (a graph or a
    namespace manager) is bound, else the term itself."""
    from rdflib import BNode, Literal, URIRef

    namespaces: Any = getattr(graph, "namespace_manager", graph)
    if isinstance(term, URIRef):
        try:
            return namespaces.normalizeUri(term)
        except Exception:  # rdflib raises various errors for IRIs it cannot shorten
            return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return term.n3(namespaces)
    return str(term)
