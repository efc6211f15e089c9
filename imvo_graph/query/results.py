"""Query results: one object for local and remote answers, and its output formats.

A :class:`QueryResult` holds the variables and, for each row, the RDF terms (pyoxigraph terms,
None where a variable is unbound), or the answer of an ASK query. The W3C formats (``json``,
``csv``, ``tsv``) are written by pyoxigraph's own serialisers from the SPARQL JSON form of the
terms, so a local and a remote answer with the same terms print byte for byte the same.
``table`` (aligned text) and ``markdown`` are for people.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, get_args

from ..options import check_choice
from ..rdf.namespaces import XSD
from ..rdf.terms import term_json

if TYPE_CHECKING:  # pragma: no cover
    from ..export import ExportFormat

#: The output formats of a SELECT or ASK result (:meth:`QueryResult.serialize`), as a type.
ResultFormat = Literal["table", "csv", "tsv", "json", "markdown"]
FORMATS: tuple[str, ...] = get_args(ResultFormat)

_INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
        "unsignedByte",
    )
}


@dataclass
class QueryResult:
    """The answer to a query: ``variables`` and ``terms`` (rows of RDF terms), or ``boolean``
    for an ASK query. ``rows`` gives plain Python values, ``to_dataframe()`` a pandas DataFrame."""

    variables: list = field(default_factory=list)
    terms: list = field(default_factory=list)  # list of tuples of pyoxigraph terms or None
    boolean: bool | None = None
    triples: list | None = None  # the graph of a CONSTRUCT or DESCRIBE query (pyoxigraph Triples)
    query: str = ""  # the query as run, parameters bound
    source: str = "local"  # "local" or the endpoint's URL

    # -- access ----------------------------------------------------------------------------
    @property
    def is_boolean(self) -> bool:
        return self.boolean is not None

    @property
    def is_graph(self) -> bool:
        """Whether this is the graph of a CONSTRUCT or DESCRIBE query (see :meth:`graph_bytes`)."""
        return self.triples is not None

    def graph_bytes(self, format: ExportFormat = "turtle") -> bytes:
        """The graph of a CONSTRUCT or DESCRIBE query in an export format (``turtle``, ``ttl``,
        ``ntriples``, ``jsonld``, ...: :func:`imvo_graph.export.get_format`), written by the
        same writers as ``imvo-graph export``: sorted, with the project's prefixes."""
        from ..export import get_format, serialize

        get_format(format, "format")
        if not self.is_graph:
            raise ValueError("only a CONSTRUCT or DESCRIBE query gives a graph")
        return serialize(self.triples, format)

    @property
    def rows(self) -> list:
        """Rows of plain Python values: IRIs and most literals as text, numbers as int,
        Decimal or float, booleans as bool, unbound as None."""
        return [tuple(python_value(t) for t in row) for row in self.terms]

    def to_dicts(self) -> list:
        """One dict a row, variable name -> Python value (unbound variables left out)."""
        return [
            {var: value for var, value in zip(self.variables, row) if value is not None}
            for row in self.rows
        ]

    def column(self, variable: str) -> list:
        index = self.variables.index(variable)
        return [row[index] for row in self.rows]

    def to_dataframe(self):
        """The rows as a pandas DataFrame with one column a variable (needs pandas:
        ``pip install 'imvo-graph[dataframe]'``)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError(
                "QueryResult.to_dataframe() needs pandas; install it with "
                "pip install 'imvo-graph[dataframe]'"
            ) from None
        if self.is_boolean:
            return pd.DataFrame({"boolean": [self.boolean]})
        return pd.DataFrame.from_records(self.rows, columns=list(self.variables))

    def row_set(self) -> set:
        """The rows as a set of tuples of N-Triples strings: for comparing answers."""
        return {tuple(None if t is None else str(t) for t in row) for row in self.terms}

    def __len__(self) -> int:
        return len(self.triples) if self.triples is not None else len(self.terms)

    def __iter__(self):
        return iter(self.rows)

    # -- output ----------------------------------------------------------------------------
    def to_sparql_json(self) -> dict:
        """The W3C SPARQL 1.1 Query Results JSON object."""
        if self.is_boolean:
            return {"head": {}, "boolean": self.boolean}
        bindings = []
        for row in self.terms:
            bindings.append({var: term_json(t) for var, t in zip(self.variables, row) if t is not None})
        return {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}

    def serialize(self, format: ResultFormat = "table", *, headings: dict | None = None, width: int | None = None) -> str:
        """The result as text in one of :data:`FORMATS`.

        ``headings`` (variable -> text) titles the columns of ``table`` and ``markdown``, the
        formats for people; ``json``, ``csv`` and ``tsv`` keep the variable names. ``width``
        (characters) wraps a ``table``'s cells so that each line fits; None: no wrapping.
        InputError naming ``format`` for another format."""
        check_choice("format", format, FORMATS, "result format")
        if format in ("json", "csv", "tsv"):
            return _w3c(self.to_sparql_json(), format)
        if format == "table":
            return self._table(headings or {}, width)
        if format == "markdown":
            return self._markdown(headings or {})
        raise AssertionError(format)  # pragma: no cover - every format of FORMATS is written above

    def _cells(self) -> list:
        return [[display(t) for t in row] for row in self.terms]

    def _table(self, headings: dict, width: int | None) -> str:
        if self.is_boolean:
            return ("true" if self.boolean else "false") + "\n"
        from .table import render_table

        header = [headings.get(v) or v for v in self.variables]
        cells = [[" ".join(c.split()) for c in row] for row in self._cells()]
        n = len(cells)
        return render_table(header, cells, width) + f"({n} {'row' if n == 1 else 'rows'})\n"

    def _markdown(self, headings: dict) -> str:
        if self.is_boolean:
            return ("true" if self.boolean else "false") + "\n"

        def cell(text: str) -> str:
            return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")

        header = [cell(headings.get(v) or v) for v in self.variables]
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in self.variables) + "|"]
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in self._cells()]
        return "\n".join(lines) + "\n"


def _w3c(data: dict, format: str) -> str:
    import pyoxigraph as ox

    fmt = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[format]
    parsed = ox.parse_query_results(json.dumps(data, ensure_ascii=False), ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        text = (parsed.serialize(format=fmt) or b"").decode("utf-8")  # (bytes: no output given)
        return text if text.endswith("\n") else text + "\n"
    return (parsed.serialize(format=fmt) or b"").decode("utf-8")


def python_value(term):
    """A plain Python value for a term (see :attr:`QueryResult.rows`)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype == XSD + "decimal":
                return Decimal(term.value)
            if datatype in (XSD + "double", XSD + "float"):
                return float(term.value)
            if datatype == XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:  # an ill-formed literal stays text
            return term.value
        return term.value
    return str(term)


def display(term) -> str:
    """A term as a person reads it in a table: the text of a literal, the IRI itself."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    if isinstance(term, ox.Triple):  # RDF 1.2: marked as one term, not three
        return f"<<( {term} )>>"
    return str(term)
