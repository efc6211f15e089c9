"""Query parameters as RDF terms: typing a user's value, and writing a term as SPARQL text.

A parameter value never reaches a query as raw text. It is first turned into an RDF term of the
parameter's declared type (:func:`to_term`, which rejects ill-typed values), and that term is
then written in SPARQL syntax by :func:`imvo_graph.rdf.terms.sparql_term`, which escapes
everything that could end a string or an IRI.
"""

from __future__ import annotations

import datetime
import re

from ..rdf.namespaces import XSD
from ..rdf.terms import IRI_PATTERN as _IRI
from ..rdf.terms import LANGUAGE_TAG as _LANG
from ..rdf.terms import TermError, sparql_term

#: The parameter types a query header may declare, with what each accepts.
PARAM_TYPES = {
    "string": "any text",
    "lang": "a language tag such as nl or en",
    "iri": "an absolute IRI such as https://w3id.org/imvo-graph/id/sector/textiel",
    "integer": "a whole number such as 3",
    "decimal": "a decimal number such as 2.5",
    "boolean": "true or false",
    "date": "a date YYYY-MM-DD such as 2017-09-28",
    "year": "a year YYYY such as 2018",
    "anchor": "a paragraph of the letter such as p07 (also p7 or 7)",
}

_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_YEAR = re.compile(r"[0-9]{4}\Z")
_BOOLEAN = {"true": "true", "false": "false", "1": "true", "0": "false"}


def to_term(value, type_: str):
    """The pyoxigraph term for ``value`` read as a parameter of type ``type_``.

    ``value`` is usually text (from the command line); Python ints, floats, bools, dates and
    pyoxigraph terms are accepted too. Raises :class:`TermError` if it is not of the type.
    """
    import pyoxigraph as ox

    if type_ not in PARAM_TYPES:
        raise TermError(f"unknown parameter type {type_!r}; known types: {', '.join(PARAM_TYPES)}")
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return _check_given_term(value, type_)
    text = _as_text(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise TermError("is not valid text (it holds bytes that are not UTF-8)") from None

    def fail():
        return TermError(f"{text!r} is not {PARAM_TYPES[type_]}")

    if type_ == "string":
        return ox.Literal(text)
    if type_ == "lang":
        if not _LANG.match(text):
            raise fail()
        return ox.Literal(text.lower())
    if type_ == "iri":
        if not _IRI.match(text):
            raise fail()
        return ox.NamedNode(text)
    if type_ == "integer":
        if not _INTEGER.match(text.strip()):
            raise fail()
        return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD + "integer"))
    if type_ == "decimal":
        if not _DECIMAL.match(text.strip()):
            raise fail()
        return ox.Literal(text.strip(), datatype=ox.NamedNode(XSD + "decimal"))
    if type_ == "boolean":
        canonical = _BOOLEAN.get(text.strip().lower())
        if canonical is None:
            raise fail()
        return ox.Literal(canonical, datatype=ox.NamedNode(XSD + "boolean"))
    if type_ == "date":
        if not _DATE.match(text):
            raise fail()
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            raise fail() from None
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "date"))
    if type_ == "year":
        if not _YEAR.match(text.strip()):
            raise fail()
        return ox.Literal(text.strip(), datatype=ox.NamedNode(XSD + "gYear"))
    if type_ == "anchor":
        return ox.Literal(normal_anchor(text))
    raise AssertionError(type_)  # pragma: no cover - every type is handled above


def normal_anchor(text: str) -> str:
    """A paragraph anchor as the letter's data writes it: ``9``, ``p9``, ``P09`` -> ``p09``
    (two digits); any other text lower-cased, spaces trimmed (and then matches nothing)."""
    text = text.strip()
    number = re.fullmatch(r"[pP]?0*([0-9]{1,3})", text)
    if number:
        return f"p{int(number.group(1)):02d}"
    if not text:
        raise TermError("an empty anchor is not an anchor; give one such as p07")
    return text.lower()


def _as_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TermError(f"{value!r} is a {type(value).__name__}, not text")


def _check_given_term(term, type_: str):
    import pyoxigraph as ox

    if type_ == "iri":
        if isinstance(term, ox.NamedNode) and _IRI.match(term.value):
            return term
        raise TermError(f"{term} is not {PARAM_TYPES[type_]}")
    if isinstance(term, ox.NamedNode):
        raise TermError(f"{term} is an IRI, not {PARAM_TYPES[type_]}")
    # A literal given as a term is re-read from its lexical form, so it is checked like text.
    return to_term(term.value, type_)


def values_block(bindings: dict) -> str:
    """``VALUES (?a ?b) { (term term) }`` for a mapping of variable name to term."""
    names = " ".join("?" + name for name in bindings)
    terms = " ".join(sparql_term(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"
