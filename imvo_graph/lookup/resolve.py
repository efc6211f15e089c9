"""Finding the resource a user means: a full IRI, a CURIE or a label.

``https://w3id.org/imvo-graph/id/convenant/textiel`` (or in angle brackets), ``conv:textiel``
(the project's prefixes, :data:`imvo_graph.rdf.namespaces.PREFIXES`), or a label in either language
(``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``, ``dct:title``), case and surrounding
spaces ignored: ``textielconvenant``, ``Textile covenant``. A resource the graph does not
mention, or a label of more than one resource, is an error that lists the closest matches.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from ..errors import InputError
from ..rdf.labels import LABEL_PROPERTIES, pick_label, store_labels_by_language
from ..rdf.namespaces import PREFIXES, SKOS_ALT_LABEL

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

SEARCHED_LABELS = (*LABEL_PROPERTIES, SKOS_ALT_LABEL)
MAX_MATCHES = 5


class UnknownResource(InputError):
    """No resource in the graph has that IRI, CURIE or label; ``matches`` are the closest."""

    def __init__(self, message: str, matches: list):
        super().__init__(message)
        self.matches = matches


class AmbiguousResource(InputError):
    """A label names more than one resource; ``matches`` are all of them (IRI, label)."""

    def __init__(self, message: str, matches: list):
        super().__init__(message)
        self.matches = matches


def curie(iri: str) -> str:
    """``iri`` as ``prefix:local`` with the longest project prefix that gives a plain local
    name, else the IRI itself in angle brackets."""
    best = None
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(PREFIXES[best])):
            local = iri[len(namespace):]
            if local and all(c.isalnum() or c in "-_." for c in local) and not local.endswith("."):
                best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"


def expand(name: str) -> str | None:
    """The IRI that ``name`` writes (a full IRI, ``<IRI>`` or a CURIE with a known prefix), or
    None when it is not written as either."""
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if "://" in text or text.startswith("urn:"):
        return text
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return PREFIXES[prefix] + local
    return None


def find_resource(store: "pyoxigraph.Store", name: str, lang: str = "nl") -> "pyoxigraph.NamedNode":
    """The resource of ``store`` that ``name`` means (see the module's docstring). The closest
    matches of an unknown IRI or CURIE are named by their label in ``lang`` (else the other
    language, else untagged).

    Raises UnknownResource or AmbiguousResource (exit 2), each with the closest matches in
    ``matches`` and in its message."""
    import pyoxigraph as ox

    if not name or not name.strip():
        raise UnknownResource("give a resource: a full IRI, a CURIE such as conv:textiel, or a label", [])
    iri = expand(name)
    if iri is not None:
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            raise UnknownResource(f"{name!r} is not a valid IRI", []) from None
        if _mentioned(store, node):
            return node
        matches = _close_iris(store, iri, lang)
        raise UnknownResource(f"the graph says nothing about {curie(iri)}{_hint(matches)}", matches)
    wanted = _fold(name)
    labelled = _labels(store)
    exact = sorted({node.value for label, node in labelled if _fold(label) == wanted})
    if len(exact) == 1:
        return ox.NamedNode(exact[0])
    if len(exact) > 1:
        matches = [(iri, next(label for label, node in labelled if node.value == iri and _fold(label) == wanted)) for iri in exact]
        listed = "; ".join(f"{curie(i)} ({label})" for i, label in matches[:MAX_MATCHES])
        more = f" and {len(matches) - MAX_MATCHES} more" if len(matches) > MAX_MATCHES else ""
        raise AmbiguousResource(f"{name!r} is the label of {len(matches)} resources: {listed}{more}; give one as a CURIE", matches)
    by_label: dict = {}
    for label, node in labelled:
        by_label.setdefault(_fold(label), (node.value, label))
    close = difflib.get_close_matches(wanted, list(by_label), n=3 * MAX_MATCHES, cutoff=0.6)
    close += sorted(k for k in by_label if wanted in k and k not in close)
    matches, seen = [], set()
    for key in close:
        iri, label = by_label[key]
        if iri not in seen and len(matches) < MAX_MATCHES:
            seen.add(iri)
            matches.append((iri, label))
    raise UnknownResource(f"no resource has the label {name!r}{_hint(matches)}", matches)


def _hint(matches: list) -> str:
    if not matches:
        return ""
    return "; closest: " + "; ".join(f"{label} ({curie(iri)})" if label else curie(iri) for iri, label in matches)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _mentioned(store, node) -> bool:
    return any(True for _ in store.quads_for_pattern(node, None, None)) or any(
        True for _ in store.quads_for_pattern(None, None, node)
    )


def _labels(store) -> list:
    """(label text, resource) for every label statement of a named resource."""
    import pyoxigraph as ox

    out = []
    for prop in SEARCHED_LABELS:
        for quad in store.quads_for_pattern(None, ox.NamedNode(prop), None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
                out.append((quad.object.value, quad.subject))
    return out


def _close_iris(store, iri: str, lang: str) -> list:
    """The subjects whose IRI is closest to ``iri`` (the same namespace first), with a label."""
    import pyoxigraph as ox

    namespace = iri.rsplit("/", 1)[0] + "/" if "/" in iri else iri
    subjects = {q.subject.value for q in store.quads_for_pattern(None, None, None) if isinstance(q.subject, ox.NamedNode)}
    candidates = [s for s in subjects if s.startswith(namespace)] or list(subjects)
    close = difflib.get_close_matches(iri, candidates, n=MAX_MATCHES, cutoff=0.6)
    return [(s, _label_of(store, s, lang)) for s in close]


def _label_of(store, iri: str, lang: str) -> str:
    """The label of ``iri`` to show: of the first label property (:data:`LABEL_PROPERTIES`) it
    has, the text in the language :func:`~imvo_graph.rdf.labels.pick_label` chooses (``lang``,
    the project's other language, untagged), whatever order the store returns them in; "" when
    it has none."""
    import pyoxigraph as ox

    by_lang = store_labels_by_language(store, ox.NamedNode(iri), least=True)
    return pick_label(dict(sorted(by_lang.items())), lang) or ""
