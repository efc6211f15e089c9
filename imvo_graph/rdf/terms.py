"""RDF terms as text: N-Triples and SPARQL forms, string escaping, and a stable order.

Every place that writes a term as text goes through here: the exports (:func:`nt`, so that the
same graph always gives the same bytes, ordered by :func:`sort_key`), query parameters and the
fast validation engine's compiled queries (:func:`sparql_term`). Terms are pyoxigraph terms.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Callable

from .namespaces import XSD, XSD_STRING

if TYPE_CHECKING:  # pragma: no cover
    from .namespaces import PrefixTable

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
# in SPARQL text also a u or U right after a backslash of the value (see escape_string)
_NEEDS_ESCAPE_SPARQL = re.compile(r'[\\"\x00-\x1f\x7f]|(?<=\\)[uU]')

#: IRIREF of the SPARQL grammar (without the angle brackets), with a scheme so that it is absolute.
IRI_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*\Z")
#: A language tag (BCP 47 as SPARQL's LANGTAG reads it).
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")


class TermError(ValueError):
    """A value that cannot be the term asked for, or a term that cannot be written; the message
    says why."""


def _escape(match: re.Match) -> str:
    char = match.group()
    return _ECHAR.get(char) or f"\\u{ord(char):04X}"


def escape_string(text: str, *, sparql: bool = False) -> str:
    """The body of a double-quoted string for ``text``, as N-Triples, Turtle and SPARQL write it.

    Quotes, backslashes and line breaks get their escapes, other control characters a
    ``\\uXXXX`` escape (one regular expression pass: a 17 MiB literal takes a fraction of a
    second). ``sparql``: a ``u`` or ``U`` right after a backslash of the value is itself written
    as a ``\\u`` escape, so that an engine decoding ``\\uXXXX`` anywhere in the query text before
    parsing, as the SPARQL 1.1 grammar (section 19.2) allows, cannot turn the value's ``\\u0022``
    into a quote.
    """
    return (_NEEDS_ESCAPE_SPARQL if sparql else _NEEDS_ESCAPE).sub(_escape, text)


#: pyoxigraph's term classes (which cannot be subclassed) -> kind, filled on first use: the
#: exports call kind() millions of times, and a lookup by type costs a third of an isinstance chain
_KINDS: dict[type, str] = {}


def _kinds() -> dict[type, str]:
    import pyoxigraph as ox

    _KINDS.update({ox.NamedNode: "iri", ox.BlankNode: "bnode", ox.Literal: "literal", ox.DefaultGraph: "default"})
    return _KINDS


def kind(term) -> str:
    """'iri', 'bnode' or 'literal' for a pyoxigraph term (or DefaultGraph: 'default')."""
    found = (_KINDS or _kinds()).get(type(term))
    if found is None:
        raise TypeError(f"unsupported RDF term {term!r}")
    return found


def nt(term) -> str:
    """The N-Triples form of a term: <iri>, _:label or a literal."""
    return _nt(kind(term), term)


def _nt(k: str, term) -> str:
    if k == "iri":
        return f"<{term.value}>"
    if k == "bnode":
        return f"_:{term.value}"
    if k == "literal":
        body = f'"{escape_string(term.value)}"'
        if term.language:
            return f"{body}@{term.language}"
        datatype = term.datatype.value
        return body if datatype == XSD_STRING else f"{body}^^<{datatype}>"
    return ""


# Turtle's bare numbers and booleans
_BARE = {
    XSD + "integer": re.compile(r"^[+-]?[0-9]+$"),
    XSD + "decimal": re.compile(r"^[+-]?[0-9]*\.[0-9]+$"),
    XSD + "boolean": re.compile(r"^(?:true|false)$"),
}


def turtle_literal(term, iri: Callable[[str], str]) -> str:
    """A pyoxigraph literal as Turtle writes it: a bare number or boolean where it reads back with
    the same lexical form and datatype, else quoted, its datatype IRI written by ``iri``."""
    body = f'"{escape_string(term.value)}"'
    if term.language:
        return f"{body}@{term.language}"
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return body
    if datatype in _BARE and _BARE[datatype].match(term.value):
        return term.value
    return f"{body}^^{iri(datatype)}"


def term_text(term) -> str:
    """The text of a pyoxigraph term as a person reads it in a report: an IRI, a blank node's
    label, a literal's lexical form (what ``str()`` of the rdflib term gives); ``str()`` of
    anything else (None, a string)."""
    import pyoxigraph as ox

    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term.value
    return str(term)


# datatypes whose infinite and not-a-number values text_form writes as XSD does (INF, NaN)
_INF_NAN_DATATYPES = frozenset(XSD + name for name in ("float", "double", "decimal"))


def _n3_string(text: str) -> str:
    """A literal's text quoted as rdflib's N3 form quotes it (reports and baselines show it so):
    a text with a line break in triple quotes, its backslashes doubled; any other in double
    quotes, its backslashes, double quotes and carriage returns escaped."""
    if "\n" in text:
        encoded = text.replace("\\", "\\\\")
        if '"""' in text:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + '\\"'
        return '"""' + encoded.replace("\r", "\\r") + '"""'
    return '"' + text.replace("\n", "\\n").replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'


def text_form(term, table: "PrefixTable | None" = None) -> str:
    """A pyoxigraph term as report texts and baseline keys write it: an IRI as
    ``table.text_name`` shortens it (without a table: ``<iri>``), a blank node ``_:label``, a
    literal quoted (:func:`_n3_string`) with ``@language`` or ``^^datatype`` (every literal
    without a language has its datatype written, ``xsd:string`` too), an infinite or
    not-a-number float, double or decimal as ``INF``/``NaN``; ``str()`` of anything else.
    This is the N3 form rdflib gave these outputs before (``Literal.n3``), so that reports and
    baselines read as they did; the literal's text is written as the result holds it."""
    import pyoxigraph as ox

    def name(iri: str) -> str:
        return f"<{iri}>" if table is None else table.text_name(iri)

    if isinstance(term, ox.NamedNode):
        return name(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        encoded = _n3_string(term.value)
        if term.language:
            return f"{encoded}@{term.language}"
        datatype = term.datatype.value
        if datatype in _INF_NAN_DATATYPES:
            try:
                number = float(term.value)
            except ValueError:
                number = 0.0
            if math.isinf(number):
                encoded = encoded.replace("inf", "INF").replace("Infinity", "INF")
            if math.isnan(number):
                encoded = encoded.replace("nan", "NaN")
        return f"{encoded}^^{name(datatype)}"
    return str(term)


_KIND_RANK = {"iri": 0, "bnode": 1, "literal": 2, "default": -1}


def sort_key(term) -> tuple:
    """Order terms: IRIs, then blank nodes, then literals; within a kind by N-Triples form."""
    k = kind(term)
    return (_KIND_RANK[k], _nt(k, term))


def quad_key(quad) -> tuple:
    return (sort_key(quad.graph_name), sort_key(quad.subject), sort_key(quad.predicate), sort_key(quad.object))


def sparql_term(term) -> str:
    """``term`` in SPARQL syntax (``<iri>``, ``"text"@lang``, ``"1"^^<datatype>``), escaped so
    that no value can end the string or IRI it is written in (:func:`escape_string` with
    ``sparql``). Blank nodes are refused (a query cannot name one): :class:`TermError`."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        if not IRI_PATTERN.match(term.value):
            raise TermError(f"{term.value!r} cannot be written as an IRI")
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        text = '"' + escape_string(term.value, sparql=True) + '"'
        if term.language:
            if not LANGUAGE_TAG.match(term.language):
                raise TermError(f"{term.language!r} is not a language tag")
            return f"{text}@{term.language}"
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return text
        if not IRI_PATTERN.match(datatype):
            raise TermError(f"{datatype!r} cannot be written as a datatype IRI")
        return f"{text}^^<{datatype}>"
    raise TermError(f"{term!r} cannot be bound as a parameter (only IRIs and literals can)")


def term_json(term) -> dict:
    """One term in the SPARQL 1.1 (1.2 for triple terms and directions) Query Results JSON form."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            if term.direction:  # RDF 1.2: SPARQL 1.2 Query Results JSON's key
                out["its:dir"] = str(term.direction)
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")
