"""Human-readable names of RDF terms, in the language the user chose."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Callable, Literal, get_args

from .namespaces import DCT, FOAF, RDFS_LABEL, SKOS_PREF_LABEL

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

    from .store import LiteralStore

#: The languages of the project's texts (labels, messages, headings), as a type for ``lang``.
Language = Literal["nl", "en"]
#: Its values, the first the default.
LANGUAGES: tuple[str, ...] = get_args(Language)
LABEL_PROPERTIES = (RDFS_LABEL, SKOS_PREF_LABEL, DCT + "title")
#: The label properties and a person's or organisation's name, for what names a resource
#: (site pages, differences) rather than what labels a term.
NAME_PROPERTIES = (*LABEL_PROPERTIES, FOAF + "name")


def first_labels(values_of: Callable[[str], Iterable[tuple[str, str]]], properties=LABEL_PROPERTIES, *,
                 least: bool = False, per_language: bool = False,
                 languages: Iterable[str] | None = None) -> dict[str, str]:
    """Labels by language tag ('' for none): of the first property of ``properties`` that has a
    literal, its first literal per language (``least``: the least text per language, whatever
    order they come in). ``values_of(property IRI)`` gives the ``(language, text)`` of the
    term's literals for that property. ``per_language``: the first property is chosen for each
    language apart (a later property gives the languages the earlier ones lack). ``languages``:
    only literals in these language tags count (None: any)."""
    wanted = None if languages is None else set(languages)
    by_lang: dict[str, str] = {}
    for prop in properties:
        found: dict[str, str] = {}
        for language, text in values_of(prop):
            if wanted is not None and language not in wanted:
                continue
            if least and language in found:
                found[language] = min(found[language], text)
            else:
                found.setdefault(language, text)
        for language, text in found.items():
            by_lang.setdefault(language, text)
        if by_lang and not per_language:
            break
    return by_lang


def labels_by_language(graph: "rdflib.Graph", term, properties=LABEL_PROPERTIES, **choice) -> dict[str, str]:
    """The labels of ``term`` in an rdflib graph by language tag ('' for none)
    (:func:`first_labels` of ``properties``, with its keyword options ``choice``)."""
    from rdflib import Literal, URIRef

    if term is None or isinstance(term, Literal):
        return {}

    def values_of(prop):
        return ((value.language or "", str(value)) for value in graph.objects(term, URIRef(prop))
                if isinstance(value, Literal))

    return first_labels(values_of, properties, **choice)


def store_labels_by_language(store: "pyoxigraph.Store | LiteralStore", term, graph_name=None, *,
                             properties=LABEL_PROPERTIES, **choice) -> dict[str, str]:
    """The labels of ``term`` (a pyoxigraph term) in a store, as :func:`labels_by_language`
    reads them from a graph; ``graph_name``: only those of that graph (default: any graph);
    ``properties`` and the keyword options ``choice`` as in :func:`first_labels`."""
    import pyoxigraph as ox

    if not isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return {}

    def values_of(prop):
        return ((q.object.language or "", q.object.value)
                for q in store.quads_for_pattern(term, ox.NamedNode(prop), None, graph_name)
                if type(q.object) is ox.Literal)

    return first_labels(values_of, properties, **choice)


def language_choice(texts_by_lang, lang: str = "nl") -> str | None:
    """Which language tag of ``texts_by_lang`` (keys: tags, '' for none) to show a user who
    chose ``lang``: ``lang``, else the project's other language (:data:`LANGUAGES`), else
    untagged; None when it has none of them."""
    return next((choice for choice in (lang, *LANGUAGES, "") if choice in texts_by_lang), None)


def pick_label(by_lang: dict[str, str], lang: str = "nl") -> str | None:
    """From labels by language: the one of :func:`language_choice`, else the first."""
    choice = language_choice(by_lang, lang)
    return by_lang[choice] if choice is not None else next(iter(by_lang.values()), None)
