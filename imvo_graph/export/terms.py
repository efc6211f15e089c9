"""RDF terms as text: stable sorting, N-Triples forms and prefixed names.

Everything the writers print goes through here, so that the same graph always gives the same
bytes: terms are ordered by their N-Triples form, prefixes come from one fixed table (the
project's JSON-LD context, :mod:`imvo_graph.export.context`), never from a library's defaults.
"""

from __future__ import annotations

import re

from ..namespaces import RDF, XSD

RDF_TYPE = RDF + "type"
RDF_FIRST = RDF + "first"
RDF_REST = RDF + "rest"
RDF_NIL = RDF + "nil"
RDF_LANGSTRING = RDF + "langString"
XSD_STRING = XSD + "string"

# A conservative Turtle local name (a subset of PN_LOCAL that needs no escapes); anything else is
# written as a full IRI. A digit may come first (Turtle 1.1), "." only in the middle.
_LOCAL_NAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
# An XML NCName as RDF/XML needs for element names (ASCII subset).
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def _escape(match: re.Match) -> str:
    char = match.group()
    return _ECHAR.get(char) or f"\\u{ord(char):04X}"


def escape_string(value: str) -> str:
    """A string's body as N-Triples and Turtle write it between double quotes (one regular
    expression pass: a 17 MiB literal takes a fraction of a second, not a minute)."""
    return _NEEDS_ESCAPE.sub(_escape, value)


def kind(term) -> str:
    """'iri', 'bnode' or 'literal' for a pyoxigraph term (or DefaultGraph: 'default')."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return "iri"
    if isinstance(term, ox.BlankNode):
        return "bnode"
    if isinstance(term, ox.Literal):
        return "literal"
    if isinstance(term, ox.DefaultGraph):
        return "default"
    raise TypeError(f"unsupported RDF term {term!r}")


def nt(term) -> str:
    """The N-Triples form of a term: <iri>, _:label or a literal."""
    k = kind(term)
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


_KIND_RANK = {"iri": 0, "bnode": 1, "literal": 2, "default": -1}


def sort_key(term) -> tuple:
    """Order terms: IRIs, then blank nodes, then literals; within a kind by N-Triples form."""
    return (_KIND_RANK[kind(term)], nt(term))


def quad_key(quad) -> tuple:
    return (sort_key(quad.graph_name), sort_key(quad.subject), sort_key(quad.predicate), sort_key(quad.object))


class PrefixTable:
    """A fixed prefix -> namespace table; picks the longest namespace that makes a valid name."""

    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first, so that a more specific prefix wins; ties by prefix name
        self.prefixes = dict(sorted(prefixes.items()))
        self._by_length = sorted(self.prefixes.items(), key=lambda item: (-len(item[1]), item[0]))

    def split(self, iri: str, pattern: re.Pattern = _LOCAL_NAME) -> tuple[str, str] | None:
        """(prefix, local name) for an IRI, or None when no prefix gives a valid local name."""
        for prefix, namespace in self._by_length:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                local = iri[len(namespace):]
                if pattern.match(local):
                    return prefix, local
        return None

    def qname(self, iri: str) -> str | None:
        split = self.split(iri)
        return None if split is None else f"{split[0]}:{split[1]}"

    def xml_split(self, iri: str) -> tuple[str, str] | None:
        return self.split(iri, _NCNAME)

    def turtle_iri(self, iri: str) -> str:
        """A prefixed name where one fits, else <iri>."""
        return self.qname(iri) or f"<{iri}>"


def xml_escape(value: str, attribute: bool = False) -> str:
    out = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        out = out.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    else:
        out = out.replace("\r", "&#13;")
    return out
