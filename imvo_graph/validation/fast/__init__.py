"""A fast SHACL engine: the shapes compiled to SPARQL and run on Oxigraph, with pySHACL's results.

pySHACL walks every focus node and value node in Python over an rdflib graph; at a million
triples that takes minutes. Here each constraint of each shape becomes one SPARQL query that
returns the violating (focus node, value node) pairs for *all* focus nodes at once, run by
Oxigraph. The goal is not "a SHACL engine" but *pySHACL's* results, exactly: the same set of
(focus node, result path, value, source shape, constraint component, severity), so every
choice below follows what pySHACL 0.40 does (``pyshacl/constraints/core/*.py``), including its
quirks:

* ``sh:datatype``: a literal matches when its datatype is the rule and rdflib does not find it
  ill-typed (and, for xsd:integer/decimal/float/boolean/date/time/dateTime, rdflib's Python
  value has the expected type). Those checks run in Python with rdflib over the *distinct*
  literals of each such datatype (few), and the ill-typed ones are put in a helper graph that
  the SPARQL filters consult.
* ``sh:pattern`` uses Python's ``re`` (``match`` or ``search``) on rdflib's string of the node,
  so it runs in Python over the distinct values.
* ``sh:uniqueLang`` and ``sh:hasValue`` results carry no ``sh:value``; ``sh:minCount`` and
  ``sh:maxCount`` neither.
* Nested shapes (``sh:or``, ``sh:and``, ``sh:not``, ``sh:xone``, ``sh:node``) conform when they
  produce no result of a severity other than sh:Warning / sh:Info (the project validates with
  ``allow_warnings=True``); their own results are not reported.
* SPARQL-based constraints (``sh:sparql``/``sh:select`` with ``sh:prefixes``): ``$PATH`` is
  replaced by the shape's path, ``$currentShape`` by the shape, and ``$this`` is bound to every
  focus node at once by joining the focus nodes into the query's groups (pySHACL forbids
  MINUS, VALUES and nested SELECTs that do not project ``$this``, which is what makes this
  exact). Queries that cannot be rewritten that way (aggregates without GROUP BY, LIMIT)
  run once per focus node with Oxigraph's substitution of ``$this``. A row is a result when
  it binds ``?this``, ``?value`` or ``?path`` (or ``?failure``), as in pySHACL.

Anything the engine does not implement raises :class:`UnsupportedShapeError` naming the
component and the shape, before any result is kept: nothing is skipped silently, and engine
'auto' (:mod:`imvo_graph.validation.engines`) then runs the validation on pySHACL. Shapes the
specification forbids (SPARQL with MINUS, VALUES, SERVICE, ...; a recursion that asks a shape
about the same nodes again) raise :class:`~imvo_graph.errors.ShapesError` instead: bad input in
every engine. Judged by the W3C SHACL test suite (tests/w3c), every answer it gives is right.

Known, documented difference: rdflib normalises non-canonical numeric literals ("01"^^xsd:integer
becomes "1"), Oxigraph keeps them; two such spellings of one value on one subject count as one
value for pySHACL and two here.

Modules, one job each: :mod:`.shapes` (the shapes index and the focus sets of targets),
:mod:`.runner` (runs the compiled queries and builds the results), one module per family of
constraints as in pySHACL (:mod:`.value_type`, :mod:`.cardinality`, :mod:`.value_range`,
:mod:`.string_based`, :mod:`.property_pair`, :mod:`.logical`, :mod:`.shape_based`, :mod:`.other`,
:mod:`.sparql`),
:mod:`.rewrite` (tokenising and rewriting SPARQL-based constraints), :mod:`.common` (terms,
names) and :mod:`.files` (files in, report out).
"""

from __future__ import annotations

from ...rdf.convert import rdflib_graph
from .common import UnsupportedShapeError, term_converter
from .files import store_of, validate_files
from .runner import FastValidator, validate_store

__all__ = [
    "FastValidator",
    "UnsupportedShapeError",
    "rdflib_graph",
    "store_of",
    "term_converter",
    "validate_files",
    "validate_store",
]
