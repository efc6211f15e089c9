"""Why a query gave no rows: the parameters whose value matches nothing in the graph.

A text parameter (type ``string``) is matched by the stored queries as part of a name, Dutch or
English, case ignored; an ``anchor`` parameter names a paragraph of the letter; a ``year``
parameter is matched against dates. When a local
answer has no rows, :func:`empty_answer_hints` looks for each such parameter the user gave
whether any name (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``, ``dct:title``) contains
the value, any paragraph's anchor (``imvo:anchor``) is the value, or any date of the graph
falls in the year, and if not, which names come closest, or which paragraphs or years there are.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..rdf.labels import LABEL_PROPERTIES
from ..rdf.namespaces import IMVO, SKOS_ALT_LABEL, XSD
from .terms import normal_anchor

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

SUGGESTIONS = 5


@dataclass(frozen=True)
class Hint:
    """A parameter whose value matched nothing, and values that would."""

    param: str
    value: str
    kind: str  # "name"; "paragraph" or "year" (suggestions: the first and the last there are)
    suggestions: tuple


def empty_answer_hints(stored, params: dict, store: "pyoxigraph.Store") -> list[Hint]:
    """One :class:`Hint` per ``string`` or ``anchor`` parameter in ``params`` (the values the
    user gave, not the defaults) that matches no name or anchor of ``store``."""
    hints = []
    for p in stored.params:
        if p.name not in params or p.type not in ("string", "anchor", "year"):
            continue
        value = str(params[p.name])
        if p.type == "year":
            years = _years(store)
            if value.strip() not in years and years:
                hints.append(Hint(p.name, value, "year", (min(years), max(years))))
            continue
        if p.type == "anchor":
            anchors = _values(store, (IMVO + "anchor",))
            wanted = normal_anchor(value) if value.strip() else value
            paragraphs = sorted((a for a in anchors if re.fullmatch(r"p[0-9]+", a)), key=lambda a: int(a[1:]))
            if wanted not in paragraphs and paragraphs:
                hints.append(Hint(p.name, value, "paragraph", (paragraphs[0], paragraphs[-1])))
            continue
            paragraphs = sorted((a for a in anchors if re.fullmatch(r"p[0-9]+", a)), key=lambda a: int(a[1:]))
            if re.fullmatch(r"p[0-9]+", wanted) and paragraphs:
                hints.append(Hint(p.name, value, "paragraph", (paragraphs[0], paragraphs[-1])))
            else:
                others = sorted(a for a in anchors if a not in paragraphs)
                close = difflib.get_close_matches(wanted, others, n=SUGGESTIONS, cutoff=0.5)
                close += [a for a in others if a not in close and wanted[:4] and a.startswith(wanted[:4])]
                hints.append(Hint(p.name, value, "anchor", tuple(close[:SUGGESTIONS])))
            continue
        names = _values(store, (*LABEL_PROPERTIES, SKOS_ALT_LABEL))
        folded = value.casefold().strip()
        if any(folded in name.casefold() for name in names):
            continue
        hints.append(Hint(p.name, value, "name", tuple(_close_names(folded, names))))
    return hints


def _values(store, properties) -> set[str]:
    import pyoxigraph as ox

    return {
        q.object.value
        for prop in properties
        for q in store.quads_for_pattern(None, ox.NamedNode(prop), None)
        if isinstance(q.object, ox.Literal)
    }


_DATED = {XSD + t for t in ("date", "dateTime", "gYear", "gYearMonth")}


def _years(store) -> set[str]:
    """The years of every date (xsd:date, dateTime, gYear, gYearMonth) in the graph."""
    import pyoxigraph as ox

    return {
        q.object.value[:4]
        for q in store.quads_for_pattern(None, None, None)
        if isinstance(q.object, ox.Literal) and q.object.datatype.value in _DATED and q.object.value[:4].isdigit()
    }


def _close_names(folded: str, names: set[str]) -> list[str]:
    """Names, or words of names, closest to the value (whole names first)."""
    by_fold: dict = {}
    for name in sorted(names):
        by_fold.setdefault(name.casefold(), name)
        for word in re.findall(r"[\w-]{4,}", name):
            by_fold.setdefault(word.casefold(), word)
    close = difflib.get_close_matches(folded, list(by_fold), n=SUGGESTIONS, cutoff=0.7)
    return [by_fold[c] for c in close]
