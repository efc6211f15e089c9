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
component and the shape: nothing is skipped silently.

Known, documented difference: rdflib normalises non-canonical numeric literals ("01"^^xsd:integer
becomes "1"), Oxigraph keeps them; two such spellings of one value on one subject count as one
value for pySHACL and two here.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from ..errors import InputError
from .report import SH, ValidationResult

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"

AUX = "urn:imvo-graph:fast:"
ILL_GRAPH = AUX + "ill-typed"
ALLOWED_SEVERITIES = {SH + "Warning", SH + "Info"}


class UnsupportedShapeError(InputError):
    """A shape uses a SHACL feature the fast engine does not implement (use --engine pyshacl)."""


# The constraint parameters the engine understands, and the ones it knows but refuses.
_SUPPORTED = {
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minLength", "maxLength", "pattern",
    "flags", "languageIn", "uniqueLang", "in", "hasValue", "or", "and", "not", "xone", "node",
    "property", "sparql", "closed", "ignoredProperties", "qualifiedValueShape", "qualifiedMinCount",
    "qualifiedMaxCount", "qualifiedValueShapesDisjoint",
    "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
}
_UNSUPPORTED = {
    "equals": "EqualsConstraintComponent",
    "disjoint": "DisjointConstraintComponent",
    "lessThan": "LessThanConstraintComponent",
    "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "rule": "SHACL-AF sh:rule",
    "expression": "SHACL-AF sh:expression",
    "js": "SHACL-JS sh:js",
}
_COMPONENT = {
    "class": "ClassConstraintComponent", "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent", "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent", "minLength": "MinLengthConstraintComponent",
    "maxLength": "MaxLengthConstraintComponent", "pattern": "PatternConstraintComponent",
    "languageIn": "LanguageInConstraintComponent", "uniqueLang": "UniqueLangConstraintComponent",
    "in": "InConstraintComponent", "hasValue": "HasValueConstraintComponent",
    "or": "OrConstraintComponent", "and": "AndConstraintComponent", "not": "NotConstraintComponent",
    "xone": "XoneConstraintComponent", "node": "NodeConstraintComponent",
    "sparql": "SPARQLConstraintComponent", "closed": "ClosedConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent", "maxInclusive": "MaxInclusiveConstraintComponent",
    "minExclusive": "MinExclusiveConstraintComponent", "maxExclusive": "MaxExclusiveConstraintComponent",
}
_TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")


# --------------------------------------------------------------------------------------------
# Terms
# --------------------------------------------------------------------------------------------

def _sparql_term(term) -> str:
    """An rdflib IRI or literal as SPARQL text (blank nodes cannot be named in a query)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return "<" + str(term).replace(">", "%3E") + ">"
    if isinstance(term, Literal):
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^<{_store_datatype(str(term.datatype))}>'
        return f'"{text}"'
    if isinstance(term, BNode):
        raise UnsupportedShapeError(f"a blank node ({term}) used as a value in a shape cannot be matched by the fast engine")
    raise UnsupportedShapeError(f"unsupported term {term!r} in a shape")


def _ox_sparql_term(term) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return str(term)
    raise UnsupportedShapeError(f"cannot write {term!r} into a query")


def term_converter() -> Callable:
    """pyoxigraph term -> rdflib term, as :func:`imvo_graph.loading.load_rdflib` converts, with
    literals kept from Oxigraph's canonicalisation (:func:`imvo_graph.store.preserve`) restored."""
    from ..loading import _term_converter
    from ..store import restore

    convert = _term_converter()
    return lambda term: convert(restore(term))


def _store_datatype(datatype: str) -> str:
    """The datatype IRI a validation store holds literals of ``datatype`` under."""
    from ..store import CANONICALISED, PRESERVED

    return PRESERVED + datatype if datatype in CANONICALISED else datatype


# --------------------------------------------------------------------------------------------
# Focus sets: SPARQL patterns that bind a variable to each focus node (once)
# --------------------------------------------------------------------------------------------

_counter = itertools.count()


def _fresh(prefix: str = "v") -> str:
    return f"?_{prefix}{next(_counter)}"


class Focus:
    """A set of focus nodes, written as a SPARQL group pattern binding a given variable."""

    def pattern(self, var: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class TargetFocus(Focus):
    classes: list = field(default_factory=list)
    nodes: list = field(default_factory=list)
    subjects_of: list = field(default_factory=list)
    objects_of: list = field(default_factory=list)
    selects: list = field(default_factory=list)  # SPARQL-based targets (SELECT ?this ...)

    def empty(self) -> bool:
        return not (self.classes or self.nodes or self.subjects_of or self.objects_of or self.selects)

    def pattern(self, var: str) -> str:
        branches = []
        if self.nodes:
            branches.append("VALUES %s { %s }" % (var, " ".join(_sparql_term(n) for n in self.nodes)))
        for c in self.classes:
            branches.append(f"{var} <{RDF}type>/<{RDFS}subClassOf>* {_sparql_term(c)} .")
        for p in self.subjects_of:
            branches.append(f"{var} {_sparql_term(p)} [] .")
        for p in self.objects_of:
            branches.append(f"[] {_sparql_term(p)} {var} .")
        for select in self.selects:
            inner = _fresh("t")
            branches.append("{ SELECT (?this AS %s) WHERE { { %s } } } BIND(%s AS %s)" % (inner, select, inner, var))
        union = " UNION ".join("{ " + b + " }" for b in branches)
        return "{ SELECT DISTINCT %s WHERE { %s } }" % (var, union)


@dataclass
class GraphFocus(Focus):
    """Focus nodes held in a helper named graph (for nested shapes)."""

    graph: str

    def pattern(self, var: str) -> str:
        return f"GRAPH <{self.graph}> {{ <{AUX}set> <{AUX}member> {var} }}"


@dataclass
class ValueFocus(Focus):
    """The value nodes of a property shape for a parent focus set."""

    parent: Focus
    path: str

    def pattern(self, var: str) -> str:
        p = _fresh("p")
        return "{ SELECT DISTINCT %s WHERE { %s %s %s %s . } }" % (var, self.parent.pattern(p), p, self.path, var)


# --------------------------------------------------------------------------------------------
# Shapes
# --------------------------------------------------------------------------------------------

@dataclass
class Shape:
    node: object  # rdflib term in the shapes graph
    path: object | None  # rdflib term, None for a node shape
    path_sparql: str | None
    severity: str
    messages: dict
    deactivated: bool
    params: dict  # local name -> list of rdflib objects

    @property
    def is_property_shape(self) -> bool:
        return self.path is not None


class ShapesIndex:
    """The shapes graph read once: shapes, their parameters, paths and targets."""

    def __init__(self, graph: "rdflib.Graph"):
        from rdflib import URIRef

        self.graph = graph
        self._shapes: dict = {}
        #: prefixes of SPARQL-based targets: targets are written into other queries, so their
        #: prefixes are passed to every query
        self.target_prefixes: dict = {}
        self.sh = lambda name: URIRef(SH + name)

    def items(self, head) -> list:
        return list(self.graph.items(head))

    def shape(self, node) -> Shape:
        if node in self._shapes:
            return self._shapes[node]
        from rdflib import Literal

        g = self.graph
        params: dict = {}
        for p, o in g.predicate_objects(node):
            ps = str(p)
            if ps.startswith(SH):
                params.setdefault(ps[len(SH):], []).append(o)
        paths = params.get("path", [])
        if len(paths) > 1:
            raise UnsupportedShapeError(f"shape {node} has more than one sh:path")
        path = paths[0] if paths else None
        severity = params.get("severity", [self.sh("Violation")])[0]
        messages: dict = {}
        for m in params.get("message", []):
            if isinstance(m, Literal):
                messages.setdefault(m.language or "", str(m))
        deactivated = any(isinstance(d, Literal) and bool(d.value) for d in params.get("deactivated", []))
        shape = Shape(
            node=node,
            path=path,
            path_sparql=self.path_to_sparql(path) if path is not None else None,
            severity=str(severity),
            messages=messages,
            deactivated=deactivated,
            params=params,
        )
        for name in params:
            if name in _UNSUPPORTED:
                raise UnsupportedShapeError(
                    f"shape {node} uses sh:{name} ({_UNSUPPORTED[name]}), which the fast engine does not "
                    "support; validate with --engine pyshacl"
                )
        self._shapes[node] = shape
        return shape

    def path_to_sparql(self, path) -> str:
        from rdflib import BNode, URIRef

        g = self.graph
        if isinstance(path, URIRef):
            return _sparql_term(path)
        if not isinstance(path, BNode):
            raise UnsupportedShapeError(f"unsupported sh:path {path!r}")
        first = g.value(path, URIRef(RDF + "first"))
        if first is not None:
            return "(" + "/".join(self.path_to_sparql(p) for p in self.items(path)) + ")"
        for key, fmt in (
            ("inversePath", "^{}"),
            ("zeroOrMorePath", "{}*"),
            ("oneOrMorePath", "{}+"),
            ("zeroOrOnePath", "{}?"),
        ):
            inner = g.value(path, self.sh(key))
            if inner is not None:
                return "(" + fmt.format(self.path_to_sparql(inner)) + ")"
        alternatives = g.value(path, self.sh("alternativePath"))
        if alternatives is not None:
            return "(" + "|".join(self.path_to_sparql(p) for p in self.items(alternatives)) + ")"
        raise UnsupportedShapeError(f"unsupported complex sh:path {path}")

    def top_level_shapes(self) -> list:
        """Shapes with targets (explicit, SPARQL-based, or implicit class targets), as pySHACL finds them."""
        from rdflib.namespace import RDF as R, RDFS as RS

        g = self.graph
        found = set()
        for name in _TARGETS:
            found.update(g.subjects(self.sh(name), None))
        shape_types = {self.sh("NodeShape"), self.sh("PropertyShape")}
        class_types = set(g.subjects(RS.subClassOf, RS.Class)) | {RS.Class}
        for s in set(g.subjects(R.type, None)):
            types = set(g.objects(s, R.type))
            is_shape = bool(types & shape_types) or (s, self.sh("property"), None) in g or (s, self.sh("node"), None) in g
            if is_shape and types & class_types:
                found.add(s)
        return sorted(found, key=str)

    def target_focus(self, node) -> TargetFocus:
        from rdflib.namespace import RDF as R, RDFS as RS

        g = self.graph
        focus = TargetFocus(
            classes=list(g.objects(node, self.sh("targetClass"))),
            nodes=list(g.objects(node, self.sh("targetNode"))),
            subjects_of=list(g.objects(node, self.sh("targetSubjectsOf"))),
            objects_of=list(g.objects(node, self.sh("targetObjectsOf"))),
        )
        class_types = set(g.subjects(RS.subClassOf, RS.Class)) | {RS.Class}
        if set(g.objects(node, R.type)) & class_types:
            focus.classes.append(node)
        for target in g.objects(node, self.sh("target")):
            selects = list(g.objects(target, self.sh("select")))
            if not selects:
                raise UnsupportedShapeError(
                    f"shape {node} uses a custom sh:target that is not a SPARQL SELECT target; use --engine pyshacl"
                )
            for prefix, namespace in _prefixes(self, target).items():
                if self.target_prefixes.setdefault(prefix, namespace) != namespace:
                    raise UnsupportedShapeError(f"prefix {prefix}: declared with two namespaces in SPARQL targets")
            focus.selects.append(_SelectQuery.parse(str(selects[0])).without_not_exists())
        return focus


def _prefix_block(index: ShapesIndex, node) -> str:
    """PREFIX lines for a SPARQL constraint or target, from its sh:prefixes (as pySHACL collects them)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _prefixes(index, node).items())


def _prefixes(index: ShapesIndex, node) -> dict:
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL as O, RDF as R

    g = index.graph
    prefixes_vals = list(g.objects(node, index.sh("prefixes")))
    if not prefixes_vals:
        return ""
    onts = set(g.subjects(R.type, O.Ontology))
    ont_declares = set()
    for o in onts:
        ont_declares.update(g.objects(o, index.sh("declare")))
    prefixes: dict = {}
    for pv in prefixes_vals:
        declares = set(g.objects(pv, index.sh("declare")))
        all_declares = declares if (declares and pv in onts) else (ont_declares | declares)
        for dec in all_declares:
            prefix = g.value(dec, index.sh("prefix"))
            namespace = g.value(dec, index.sh("namespace"))
            if not isinstance(prefix, Literal) or namespace is None:
                raise UnsupportedShapeError(f"ill-formed sh:declare {dec} in the shapes")
            prefixes[str(prefix)] = str(namespace)
    return prefixes


# --------------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Raw:
    focus: object  # pyoxigraph term
    path: object | None  # rdflib term
    value: object | None  # pyoxigraph term
    shape: Shape
    component: str
    severity: str
    messages: tuple = ()


class FastValidator:
    """Validate the default graph of a pyoxigraph Store against a shapes graph (rdflib)."""

    def __init__(self, store: "pyoxigraph.Store", shapes_graph: "rdflib.Graph", *, progress=None):
        self.store = store
        self.index = ShapesIndex(shapes_graph)
        self.convert = term_converter()
        self._graphs: list[str] = []
        self._ill_checked: set = set()
        self._depth = 0
        self.progress = progress

    # -- helpers ------------------------------------------------------------------------------

    def _select(self, query: str, **kwargs):
        if self.index.target_prefixes:
            kwargs.setdefault("prefixes", self.index.target_prefixes)
        try:
            return self.store.query(query, **kwargs)
        except SyntaxError as exc:  # a bug in the compiler or a bad sh:select: say which query
            raise UnsupportedShapeError(f"could not run a compiled SHACL query: {exc}\n{query}") from None

    def _new_graph(self, nodes: Iterable) -> GraphFocus:
        import pyoxigraph as ox

        name = f"{AUX}focus/{next(_counter)}"
        graph = ox.NamedNode(name)
        subject, member = ox.NamedNode(AUX + "set"), ox.NamedNode(AUX + "member")
        self.store.extend(ox.Quad(subject, member, n, graph) for n in nodes)
        self._graphs.append(name)
        return GraphFocus(name)

    def cleanup(self) -> None:
        import pyoxigraph as ox

        for name in self._graphs + [ILL_GRAPH]:
            try:
                self.store.remove_graph(ox.NamedNode(name))
            except Exception:  # the graph may not exist
                pass
        self._graphs = []
        self._ill_checked = set()

    def _value_pattern(self, shape: Shape, focus: Focus, this: str = "?this", value: str = "?value") -> str:
        if shape.is_property_shape:
            return f"{focus.pattern(this)} {this} {shape.path_sparql} {value} ."
        return f"{focus.pattern(this)} BIND({this} AS {value})"

    # -- entry point -------------------------------------------------------------------------

    def validate(self) -> list[ValidationResult]:
        raw: list[_Raw] = []
        try:
            shapes = self.index.top_level_shapes()
            for i, node in enumerate(shapes):
                shape = self.index.shape(node)
                if self.progress:
                    self.progress(i, len(shapes))
                if shape.deactivated:
                    continue
                focus = self.index.target_focus(node)
                if focus.empty():
                    continue
                raw.extend(self.evaluate(shape, focus))
            if self.progress:
                self.progress(len(shapes), len(shapes))
            return self._to_results(raw)
        finally:
            self.cleanup()

    def _to_results(self, raw: list[_Raw]) -> list[ValidationResult]:
        seen = set()
        results = []
        for r in raw:
            result = ValidationResult(
                focus_node=self.convert(r.focus),
                path=r.path,
                value=self.convert(r.value) if r.value is not None else None,
                source_shape=r.shape.node,
                constraint_component=_uri(SH + r.component),
                severity=r.severity.rsplit("#", 1)[-1],
                messages=dict(r.messages) if r.messages else dict(r.shape.messages),
            )
            key = (result.key(), tuple(sorted(result.messages.items())))
            if key not in seen:
                seen.add(key)
                results.append(result)
        return results

    # -- one shape on one focus set ----------------------------------------------------------

    def evaluate(self, shape: Shape, focus: Focus) -> list[_Raw]:
        if shape.deactivated:
            return []
        self._depth += 1
        if self._depth > 12:
            raise UnsupportedShapeError(f"shapes nested too deep (recursive shapes?) at {shape.node}")
        try:
            out: list[_Raw] = []
            params = shape.params
            for name in sorted(params):
                handler = getattr(self, f"_c_{name}", None)
                if handler is not None:
                    out.extend(handler(shape, focus, params[name]))
            return out
        finally:
            self._depth -= 1

    def _raw(self, shape, focus_term, value_term, component, path=None, messages=()):
        return _Raw(
            focus=focus_term,
            path=path if path is not None else shape.path,
            value=value_term,
            shape=shape,
            component=component,
            severity=shape.severity,
            messages=messages,
        )

    def _pairs_failing(self, shape: Shape, focus: Focus, ok_expr: str, component: str) -> list[_Raw]:
        """Results for every (focus, value) pair whose value does not satisfy ``ok_expr`` (over ?value)."""
        q = "SELECT DISTINCT ?this ?value WHERE { %s FILTER(!(%s)) }" % (self._value_pattern(shape, focus), _guard(ok_expr))
        return [self._raw(shape, s["this"], s["value"], component) for s in self._select(q)]

    # -- value-type and value constraints ----------------------------------------------------

    def _c_class(self, shape, focus, classes):
        out = []
        for c in classes:
            out.extend(self._pairs_failing(shape, focus, self.class_ok(c, "?value"), _COMPONENT["class"]))
        return out

    def class_ok(self, c, var) -> str:
        return f"(!isLiteral({var}) && EXISTS {{ {var} <{RDF}type>/<{RDFS}subClassOf>* {_sparql_term(c)} }})"

    def _c_datatype(self, shape, focus, datatypes):
        if len(datatypes) != 1:
            raise UnsupportedShapeError(f"shape {shape.node} has {len(datatypes)} sh:datatype values (pySHACL refuses that)")
        return self._pairs_failing(shape, focus, self.datatype_ok(datatypes[0], "?value"), _COMPONENT["datatype"])

    def datatype_ok(self, datatype, var) -> str:
        d = str(datatype)
        if d == RDFS + "Literal":
            return f"isLiteral({var})"
        if d == RDF + "langString":
            return f'(isLiteral({var}) && lang({var}) != "")'
        if d == RDFS + "Datatype":
            return f'(isLiteral({var}) && lang({var}) = "")'
        self._mark_ill_typed(d)
        return (
            f'(isLiteral({var}) && lang({var}) = "" && datatype({var}) = <{_store_datatype(d)}> && '
            f"NOT EXISTS {{ GRAPH <{ILL_GRAPH}> {{ <{d}> <{AUX}ill> {var} }} }})"
        )

    def _mark_ill_typed(self, datatype: str) -> None:
        """Put every literal of ``datatype`` that pySHACL's datatype check rejects into the helper graph."""
        if datatype in self._ill_checked:
            return
        self._ill_checked.add(datatype)
        import pyoxigraph as ox
        from rdflib import URIRef
        from rdflib.term import XSDToPython

        if URIRef(datatype) not in XSDToPython or datatype == XSD + "string":
            return  # rdflib has no converter: every lexical form passes in pySHACL
        q = "SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && datatype(?o) = <%s>) }" % _store_datatype(datatype)
        bad = []
        for s in self._select(q):
            lit = s["o"]
            if not _pyshacl_datatype_match(self.convert(lit), datatype):
                bad.append(lit)
        if bad:
            g = ox.NamedNode(ILL_GRAPH)
            d = ox.NamedNode(datatype)
            ill = ox.NamedNode(AUX + "ill")
            self.store.extend(ox.Quad(d, ill, lit, g) for lit in bad)

    def _c_nodeKind(self, shape, focus, kinds):
        if len(kinds) != 1:
            raise UnsupportedShapeError(f"shape {shape.node} has {len(kinds)} sh:nodeKind values")
        return self._pairs_failing(shape, focus, self.nodekind_ok(kinds[0], "?value"), _COMPONENT["nodeKind"])

    def nodekind_ok(self, kind, var) -> str:
        allowed = {
            "IRI": ("isIRI",), "BlankNode": ("isBlank",), "Literal": ("isLiteral",),
            "BlankNodeOrIRI": ("isBlank", "isIRI"), "BlankNodeOrLiteral": ("isBlank", "isLiteral"),
            "IRIOrLiteral": ("isIRI", "isLiteral"),
        }
        name = str(kind)[len(SH):] if str(kind).startswith(SH) else None
        if name not in allowed:
            return "false"
        return "(" + " || ".join(f"{f}({var})" for f in allowed[name]) + ")"

    def _c_in(self, shape, focus, lists):
        out = []
        for head in lists:
            out.extend(self._pairs_failing(shape, focus, self.in_ok(head, "?value"), _COMPONENT["in"]))
        return out

    def in_ok(self, head, var) -> str:
        members = self.index.items(head)
        if not members:
            return "false"
        return "(" + " || ".join(f"sameTerm({var}, {_sparql_term(m)})" for m in members) + ")"

    def _c_languageIn(self, shape, focus, lists):
        out = []
        for head in lists:
            out.extend(self._pairs_failing(shape, focus, self.language_in_ok(head, "?value"), _COMPONENT["languageIn"]))
        return out

    def language_in_ok(self, head, var) -> str:
        langs = {str(l).lower() for l in self.index.items(head)}
        if "*" in langs:
            return f'(isLiteral({var}) && lang({var}) != "")'
        if not langs:
            return "false"
        opts = " || ".join(
            f'LCASE(lang({var})) = {_sparql_string(l)} || STRBEFORE(LCASE(lang({var})), "-") = {_sparql_string(l)}'
            for l in sorted(langs)
        )
        return f'(isLiteral({var}) && lang({var}) != "" && ({opts}))'

    def _c_minLength(self, shape, focus, values):
        return [r for v in values for r in self._pairs_failing(shape, focus, self.length_ok(v, "?value", ">="), _COMPONENT["minLength"])]

    def _c_maxLength(self, shape, focus, values):
        return [r for v in values for r in self._pairs_failing(shape, focus, self.length_ok(v, "?value", "<="), _COMPONENT["maxLength"])]

    def length_ok(self, literal, var, op) -> str:
        n = int(literal.value)
        if op == ">=" and n == 0:
            return "true"
        return f"(!isBlank({var}) && STRLEN(STR({var})) {op} {n})"

    def _c_minInclusive(self, shape, focus, values):
        return self._range(shape, focus, values, ">=", "minInclusive")

    def _c_maxInclusive(self, shape, focus, values):
        return self._range(shape, focus, values, "<=", "maxInclusive")

    def _c_minExclusive(self, shape, focus, values):
        return self._range(shape, focus, values, ">", "minExclusive")

    def _c_maxExclusive(self, shape, focus, values):
        return self._range(shape, focus, values, "<", "maxExclusive")

    def _range(self, shape, focus, values, op, name):
        # pySHACL compares rdflib Python values; only plain numbers are compared the same way here.
        out = []
        for bound in values:
            dt = str(getattr(bound, "datatype", "") or "")
            if dt not in (XSD + "integer", XSD + "decimal", XSD + "int", XSD + "long"):
                raise UnsupportedShapeError(
                    f"shape {shape.node}: sh:{name} with a {dt or 'non-numeric'} bound is not supported by the fast engine"
                )
            ok = (
                f"(isLiteral(?value) && datatype(?value) IN (<{XSD}integer>, <{XSD}decimal>, <{XSD}int>, <{XSD}long>) "
                f"&& ?value {op} {_sparql_term(bound)})"
            )
            out.extend(self._pairs_failing(shape, focus, ok, _COMPONENT[name]))
        return out

    def _c_pattern(self, shape, focus, patterns):
        flags = shape.params.get("flags", [None])[0]
        out = []
        for pattern in patterns:
            matcher = _compile_pattern(pattern, flags)
            q = "SELECT DISTINCT ?this ?value WHERE { %s }" % self._value_pattern(shape, focus)
            cache: dict = {}
            for s in self._select(q):
                v = s["value"]
                ok = cache.get(v)
                if ok is None:
                    ok = cache[v] = _pattern_ok(self.convert(v), matcher)
                if not ok:
                    out.append(self._raw(shape, s["this"], v, _COMPONENT["pattern"]))
        return out

    def _c_hasValue(self, shape, focus, values):
        out = []
        for v in values:
            term = _sparql_term(v)
            q = "SELECT DISTINCT ?this WHERE { %s FILTER NOT EXISTS { %s } }" % (
                focus.pattern("?this"),
                f"?this {shape.path_sparql} ?hv FILTER(sameTerm(?hv, {term}))" if shape.is_property_shape
                else f"FILTER(sameTerm(?this, {term}))",
            )
            out.extend(self._raw(shape, s["this"], None, _COMPONENT["hasValue"]) for s in self._select(q))
        return out

    # -- cardinality ------------------------------------------------------------------------

    def _c_minCount(self, shape, focus, values):
        if not shape.is_property_shape:
            raise UnsupportedShapeError(f"sh:minCount on node shape {shape.node}")
        out = []
        for v in values:
            n = int(v.value)
            if n <= 0:
                continue
            q = (
                "SELECT ?this WHERE { %s OPTIONAL { ?this %s ?value } } GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < %d)"
                % (focus.pattern("?this"), shape.path_sparql, n)
            )
            out.extend(self._raw(shape, s["this"], None, _COMPONENT["minCount"]) for s in self._select(q))
        return out

    def _c_maxCount(self, shape, focus, values):
        if not shape.is_property_shape:
            raise UnsupportedShapeError(f"sh:maxCount on node shape {shape.node}")
        out = []
        for v in values:
            n = int(v.value)
            q = (
                "SELECT ?this WHERE { %s ?this %s ?value } GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > %d)"
                % (focus.pattern("?this"), shape.path_sparql, n)
            )
            out.extend(self._raw(shape, s["this"], None, _COMPONENT["maxCount"]) for s in self._select(q))
        return out

    def _c_uniqueLang(self, shape, focus, values):
        if not shape.is_property_shape:
            raise UnsupportedShapeError(f"sh:uniqueLang on node shape {shape.node} (pySHACL refuses it)")
        if not any(getattr(v, "value", None) is True for v in values):
            return []
        q = (
            "SELECT DISTINCT ?this ?lang WHERE { %s ?this %s ?a . ?this %s ?b . "
            'FILTER(isLiteral(?a) && isLiteral(?b) && lang(?a) != "" && !sameTerm(?a, ?b) '
            "&& LCASE(lang(?a)) = LCASE(lang(?b))) BIND(LCASE(lang(?a)) AS ?lang) }"
            % (focus.pattern("?this"), shape.path_sparql, shape.path_sparql)
        )
        return [self._raw(shape, s["this"], None, _COMPONENT["uniqueLang"]) for s in self._select(q)]

    # -- closed -----------------------------------------------------------------------------

    def _c_closed(self, shape, focus, values):
        from rdflib import URIRef

        if not any(getattr(v, "value", None) is True for v in values):
            return []
        allowed = set()
        for ps in shape.params.get("property", []):
            p = self.index.graph.value(ps, URIRef(SH + "path"))
            if isinstance(p, URIRef):
                allowed.add(p)
        for head in shape.params.get("ignoredProperties", []):
            allowed.update(self.index.items(head))
        flt = " && ".join(f"!sameTerm(?p, {_sparql_term(p)})" for p in sorted(allowed, key=str)) or "true"
        q = "SELECT DISTINCT ?this ?p ?o WHERE { %s ?this ?p ?o FILTER(%s) }" % (self._value_pattern(shape, focus, "?f", "?this"), flt)
        out = []
        for s in self._select(q):
            out.append(self._raw(shape, s["this"], s["o"], _COMPONENT["closed"], path=self.convert(s["p"])))
        return out

    # -- nested shapes ------------------------------------------------------------------------

    def _c_property(self, shape, focus, nodes):
        child_focus = focus if not shape.is_property_shape else ValueFocus(focus, shape.path_sparql)
        out = []
        for node in nodes:
            child = self.index.shape(node)
            if not child.is_property_shape:
                raise UnsupportedShapeError(f"sh:property of {shape.node} points to {node}, which has no sh:path")
            out.extend(self.evaluate(child, child_focus))
        return out

    def _value_nodes(self, shape: Shape, focus: Focus) -> list:
        q = "SELECT DISTINCT ?this ?value WHERE { %s }" % self._value_pattern(shape, focus)
        return [(s["this"], s["value"]) for s in self._select(q)]

    def nonconforming(self, shape_node, nodes: set) -> set:
        """The nodes (pyoxigraph terms) that do not conform to a nested shape, as pySHACL decides it."""
        shape = self.index.shape(shape_node)
        if shape.deactivated or shape.severity in ALLOWED_SEVERITIES or not nodes:
            return set()
        if shape.is_property_shape and "property" in shape.params:
            raise UnsupportedShapeError(
                f"a property shape with nested sh:property ({shape_node}) inside sh:or/sh:and/sh:not/sh:xone/sh:node"
            )
        focus = self._new_graph(nodes)
        results = self.evaluate(shape, focus)
        return {r.focus for r in results if r.severity not in ALLOWED_SEVERITIES}

    _SIMPLE = {"class", "datatype", "nodeKind", "in", "languageIn", "minLength", "maxLength"}

    def conforms_expr(self, shape_node, var: str) -> str | None:
        """A SPARQL expression over ``var`` that is true when a node conforms to a nested shape
        made only of value-level constraints (the usual sh:or of datatypes, sh:languageIn in a
        qualified value shape), or None when the shape needs the general evaluation."""
        shape = self.index.shape(shape_node)
        if shape.deactivated or shape.severity in ALLOWED_SEVERITIES:
            return "true"
        if shape.is_property_shape:
            return None
        constraint_names = {n for n in shape.params if n not in _IGNORED}
        if not constraint_names <= self._SIMPLE:
            return None
        parts = []
        for name in sorted(constraint_names):
            values = shape.params[name]
            if name == "class":
                parts += [self.class_ok(c, var) for c in values]
            elif name == "datatype":
                if len(values) != 1:
                    return None
                parts.append(self.datatype_ok(values[0], var))
            elif name == "nodeKind":
                if len(values) != 1:
                    return None
                parts.append(self.nodekind_ok(values[0], var))
            elif name == "in":
                parts += [self.in_ok(h, var) for h in values]
            elif name == "languageIn":
                parts += [self.language_in_ok(h, var) for h in values]
            elif name == "minLength":
                parts += [self.length_ok(v, var, ">=") for v in values]
            elif name == "maxLength":
                parts += [self.length_ok(v, var, "<=") for v in values]
        return "(" + " && ".join(_guard(p) for p in parts) + ")" if parts else "true"

    def _logical(self, shape, focus, heads, component, decide):
        if component != "node":
            fast = self._logical_sparql(shape, focus, heads, component)
            if fast is not None:
                return fast
        out = []
        pairs = self._value_nodes(shape, focus)
        if not pairs:
            return out
        values = {v for _, v in pairs}
        for head in heads:
            members = self.index.items(head) if component != "node" and component != "not" else [head]
            failing = [self.nonconforming(m, values) for m in members]
            for this, v in pairs:
                conforms = [v not in f for f in failing]
                if not decide(conforms):
                    out.append(self._raw(shape, this, v, _COMPONENT[component]))
        return out

    def _logical_sparql(self, shape, focus, heads, component):
        out = []
        for head in heads:
            members = self.index.items(head) if component != "not" else [head]
            exprs = [self.conforms_expr(m, "?value") for m in members]
            if any(e is None for e in exprs):
                return None
            if component == "or":
                ok = " || ".join(exprs) or "false"
            elif component == "and":
                ok = " && ".join(exprs) or "true"
            elif component == "not":
                ok = f"!({exprs[0]})"
            else:  # xone: exactly one
                ok = "(" + " + ".join(f"IF({e}, 1, 0)" for e in exprs) + ") = 1" if exprs else "false"
            out.extend(self._pairs_failing(shape, focus, ok, _COMPONENT[component]))
        return out

    def _c_or(self, shape, focus, heads):
        return self._logical(shape, focus, heads, "or", any)

    def _c_and(self, shape, focus, heads):
        return self._logical(shape, focus, heads, "and", all)

    def _c_xone(self, shape, focus, heads):
        return self._logical(shape, focus, heads, "xone", lambda c: sum(c) == 1)

    def _c_not(self, shape, focus, nodes):
        return self._logical(shape, focus, nodes, "not", lambda c: not c[0])

    def _c_node(self, shape, focus, nodes):
        # pySHACL 0.40: a value fails sh:node when the nested shape gives *any* result for it
        # (warnings included). Those nested results hang under the result as sh:detail; they
        # are explanations, not results of the report (results_from_graph reads sh:result only).
        out = []
        pairs = self._value_nodes(shape, focus)
        if not pairs:
            return out
        values = {v for _, v in pairs}
        for node in nodes:
            nested = self.index.shape(node)
            if nested.is_property_shape:
                raise UnsupportedShapeError(f"sh:node of {shape.node} points to property shape {node}")
            if nested.deactivated:
                continue
            nested_results = self.evaluate(nested, self._new_graph(values))
            by_focus: dict = {}
            for r in nested_results:
                by_focus.setdefault(r.focus, []).append(r)
            for this, v in pairs:
                if v in by_focus:
                    out.append(self._raw(shape, this, v, _COMPONENT["node"]))
        return out

    def _c_qualifiedValueShape(self, shape, focus, nodes):
        from rdflib import Literal

        if not shape.is_property_shape:
            return []  # pySHACL ignores it on node shapes (with a warning)
        if any(isinstance(d, Literal) and d.value is True for d in shape.params.get("qualifiedValueShapesDisjoint", [])):
            raise UnsupportedShapeError(f"sh:qualifiedValueShapesDisjoint on {shape.node} is not supported by the fast engine")
        mins = shape.params.get("qualifiedMinCount", [])
        maxs = shape.params.get("qualifiedMaxCount", [])
        min_count = int(mins[0].value) if mins else None
        max_count = int(maxs[0].value) if maxs else None
        simple = [self.conforms_expr(node, "?value") for node in nodes]
        if all(e is not None for e in simple):
            out = []
            for ok in simple:
                for bound, op, component in ((min_count, "<", "QualifiedMinCountConstraintComponent"),
                                             (max_count, ">", "QualifiedMaxCountConstraintComponent")):
                    if bound is None:
                        continue
                    q = ("SELECT ?this WHERE { %s OPTIONAL { ?this %s ?value FILTER(%s) } } GROUP BY ?this "
                         "HAVING (COUNT(DISTINCT ?value) %s %d)" % (focus.pattern("?this"), shape.path_sparql, ok, op, bound))
                    out.extend(self._raw(shape, s["this"], None, component) for s in self._select(q))
            return out
        focus_nodes = [s["this"] for s in self._select("SELECT ?this WHERE { %s }" % focus.pattern("?this"))]
        pairs = self._value_nodes(shape, focus)
        values = {v for _, v in pairs}
        out = []
        for node in nodes:
            failing = self.nonconforming(node, values)
            counts = dict.fromkeys(focus_nodes, 0)
            for this, v in pairs:
                if v not in failing:
                    counts[this] = counts.get(this, 0) + 1
            for this, n in counts.items():
                if max_count is not None and n > max_count:
                    out.append(self._raw(shape, this, None, "QualifiedMaxCountConstraintComponent"))
                if min_count is not None and n < min_count:
                    out.append(self._raw(shape, this, None, "QualifiedMinCountConstraintComponent"))
        return out

    # -- SPARQL-based constraints ----------------------------------------------------------------

    def _c_sparql(self, shape, focus, nodes):
        from rdflib import Literal

        out = []
        for c in nodes:
            g = self.index.graph
            if any(isinstance(d, Literal) and bool(d.value) for d in g.objects(c, self.index.sh("deactivated"))):
                continue
            selects = list(g.objects(c, self.index.sh("select")))
            if len(selects) != 1:
                asks = list(g.objects(c, self.index.sh("ask")))
                raise UnsupportedShapeError(
                    f"sh:sparql {c} of shape {shape.node} needs exactly one sh:select"
                    + (" (sh:ask validators are not supported)" if asks else "")
                )
            messages = [m for m in g.objects(c, self.index.sh("message")) if isinstance(m, Literal)]
            out.extend(self._run_sparql_constraint(shape, focus, str(selects[0]), _prefix_block(self.index, c), messages))
        return out

    def _run_sparql_constraint(self, shape, focus, select, prefixes, messages):
        text = select
        if re.search(r"[\$\?]shapesGraph\b", text):
            raise UnsupportedShapeError(f"$shapesGraph in a SPARQL constraint of {shape.node} (pySHACL does not support it either)")
        if re.search(r"([\s{}()])[\$\?]currentShape", text):
            text = re.sub(r"([\s{}()])[\$\?]currentShape\b", lambda m: m.group(1) + _sparql_term(shape.node), text)
        if shape.is_property_shape:
            text = re.sub(r"([\s{}()])[\$\?]PATH\b", lambda m: m.group(1) + shape.path_sparql, text)
        elif re.search(r"([\s{}()])[\$\?]PATH", text):
            raise UnsupportedShapeError(f"$PATH in a SPARQL constraint of node shape {shape.node}")
        parsed = _SelectQuery.parse(text)
        rows = []
        if parsed.set_at_a_time_ok():
            query = prefixes + parsed.rewrite(focus.pattern("?this"))
            for s in self._select(query):
                rows.append(s)
            projected = parsed.projected
        else:
            import pyoxigraph as ox

            focus_nodes = [s["this"] for s in self._select("SELECT ?this WHERE { %s }" % focus.pattern("?this"))]
            query = prefixes + text
            projected = parsed.projected
            for node in focus_nodes:
                for s in self._select(query, substitutions={ox.Variable("this"): node}):
                    rows.append(_BoundRow(s, node, projected))
        out = []
        seen_failure = set()
        for s in rows:
            this = s["this"]
            failure = _safe_get(s, "failure") if "failure" in projected else None
            if failure is not None:
                if this in seen_failure:
                    continue
                seen_failure.add(this)
                value = this if not shape.is_property_shape else None
                out.append(self._raw(shape, this, value, _COMPONENT["sparql"], messages=self._messages(shape, messages, {})))
                continue
            p = _safe_get(s, "path") if "path" in projected else None
            v = _safe_get(s, "value") if "value" in projected else None
            t = this if "this" in projected else None
            if p is None and v is None and t is None:
                continue
            if v is None:
                v = this if not shape.is_property_shape else None
            bound = {name: _safe_get(s, name) for name in projected if name != "this" and _safe_get(s, name) is not None}
            bound["this"] = this
            path = self.convert(p) if p is not None else None
            out.append(self._raw(shape, this, v, _COMPONENT["sparql"], path=path, messages=self._messages(shape, messages, bound)))
        return out

    def _messages(self, shape, constraint_messages, bound) -> tuple:
        merged: dict = {}
        for m in constraint_messages:
            text = str(m)
            for name, value in bound.items():
                if value is not None:
                    text = re.sub(r"{[\$\?]%s}" % re.escape(name), lambda _m, v=value: _plain(v), text)
            merged.setdefault(m.language or "", text)
        for lang, text in shape.messages.items():
            merged.setdefault(lang, text)
        return tuple(sorted(merged.items()))


_IGNORED = {"path", "severity", "message", "deactivated", "name", "description", "order", "group",
            "defaultValue", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target",
            "prefixes", "declare", "select", "ask", "flags", "ignoredProperties"}


def _safe_get(solution, name):
    try:
        return solution[name]
    except (KeyError, IndexError):
        return None


def _plain(term) -> str:
    return getattr(term, "value", str(term))


class _BoundRow:
    """A solution of a per-focus query, with ?this added as Oxigraph substituted it."""

    def __init__(self, solution, this, projected):
        self.solution, self.this, self.projected = solution, this, projected

    def __getitem__(self, name):
        if name == "this":
            return self.this
        return _safe_get(self.solution, name)


def _uri(value: str):
    from rdflib import URIRef

    return URIRef(value)


def _sparql_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _guard(expr: str) -> str:
    # An error in a FILTER counts as false; COALESCE turns "error" into "not ok" (a violation),
    # as pySHACL reports a value it cannot check.
    return f"COALESCE({expr}, false)"


def _pyshacl_datatype_match(v, rule: str) -> bool:
    """pySHACL's DatatypeConstraintComponent test for a literal whose datatype is the rule."""
    from datetime import date, datetime, time
    from decimal import Decimal

    if getattr(v, "ill_typed", None) is True:
        return False
    value = v.value
    if rule in (XSD + "string", RDF + "langString"):
        return isinstance(value, (str, bytes))
    if rule == XSD + "integer":
        return isinstance(value, int)
    if rule == XSD + "float":
        return isinstance(value, float)
    if rule == XSD + "decimal":
        return isinstance(value, Decimal)
    if rule == XSD + "boolean":
        return isinstance(value, bool)
    if rule == XSD + "date":
        return isinstance(value, date)
    if rule == XSD + "time":
        return isinstance(value, time)
    if rule == XSD + "dateTime":
        return isinstance(value, datetime)
    return True


def _compile_pattern(pattern, flags):
    re_flags = 0
    if flags is not None:
        f = str(getattr(flags, "value", flags)).lower()
        if "i" in f:
            re_flags |= re.I
        if "m" in f:
            re_flags |= re.M
    text = str(pattern.value) if pattern.value is not None and len(pattern.value) > 1 else str(pattern)
    return re.compile(text, re_flags)


def _pattern_ok(v, matcher) -> bool:
    from rdflib import BNode, Literal

    if isinstance(v, BNode):
        return False
    if isinstance(v, Literal):
        if v.value is not None and (v.datatype is None or str(v.datatype) in (RDF + "langString", XSD + "string")):
            s = str(v.value)
        else:
            s = str(v)
    else:
        s = str(v)
    return bool(matcher.match(s) or matcher.search(s))


# --------------------------------------------------------------------------------------------
# Rewriting a SPARQL-based constraint so that one query serves every focus node
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\s]*>)
      | (?P<var>[\?\$][A-Za-z_0-9\u00C0-\uFFFF]+)
      | (?P<open>\{) | (?P<close>\}) | (?P<lparen>\() | (?P<rparen>\))
      | (?P<word>[A-Za-z_][A-Za-z_0-9-]*)
      | (?P<other>.)""",
    re.X | re.S,
)
_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "GROUP_CONCAT", "SAMPLE"}


@dataclass
class _Tok:
    kind: str
    text: str


class _SelectQuery:
    """A SELECT query split into tokens, enough to add ?this and join the focus nodes in."""

    def __init__(self, tokens: list[_Tok]):
        self.tokens = tokens
        self.select_at = next(i for i, t in enumerate(tokens) if t.kind == "word" and t.text.upper() == "SELECT")
        self.where_open = self._find_where_open()
        self.projected = self._projection()

    @classmethod
    def parse(cls, text: str) -> "_SelectQuery":
        tokens = []
        for m in _TOKEN.finditer(text):
            kind = m.lastgroup
            tokens.append(_Tok(kind, m.group(kind)))
        tokens = [_Tok("var", "?" + t.text[1:]) if t.kind == "var" else t for t in tokens]
        if not any(t.kind == "word" and t.text.upper() == "SELECT" for t in tokens):
            raise UnsupportedShapeError("a SPARQL constraint without SELECT")
        return cls(tokens)

    def _find_where_open(self) -> int:
        depth = 0
        for i in range(self.select_at + 1, len(self.tokens)):
            t = self.tokens[i]
            if t.kind == "lparen":
                depth += 1
            elif t.kind == "rparen":
                depth -= 1
            elif t.kind == "open" and depth == 0:
                return i
        raise UnsupportedShapeError("a SPARQL constraint without a WHERE group")

    def _projection(self) -> set:
        names = set()
        toks = self.tokens[self.select_at + 1 : self.where_open]
        words = [t.text.upper() for t in toks if t.kind == "word"]
        if any(t.kind == "other" and t.text == "*" for t in toks):
            return {t.text[1:] for t in self.tokens if t.kind == "var"}
        depth = 0
        for i, t in enumerate(toks):
            if t.kind == "lparen":
                depth += 1
            elif t.kind == "rparen":
                depth -= 1
            elif t.kind == "var":
                if depth == 0:
                    names.add(t.text[1:])
                elif _prev_word(toks, i) == "AS":
                    names.add(t.text[1:])
        del words
        return names

    def _top_level_after_where(self) -> list[_Tok]:
        depth = 0
        for i in range(self.where_open, len(self.tokens)):
            t = self.tokens[i]
            if t.kind == "open":
                depth += 1
            elif t.kind == "close":
                depth -= 1
                if depth == 0:
                    return self.tokens[i + 1 :]
        return []

    def set_at_a_time_ok(self) -> bool:
        tail = [t.text.upper() for t in self._top_level_after_where() if t.kind == "word"]
        if "LIMIT" in tail or "OFFSET" in tail:
            return False
        head = [t.text.upper() for t in self.tokens[self.select_at + 1 : self.where_open] if t.kind == "word"]
        has_group = "GROUP" in tail
        if (set(head) & _AGGREGATES or "HAVING" in tail) and not has_group:
            return False
        return True

    def without_not_exists(self) -> str:
        """The query with FILTER NOT EXISTS groups that are equivalent to MINUS written as MINUS."""
        return self.rewrite(None)

    def rewrite(self, focus_pattern: str | None) -> str:
        toks = self.tokens
        out: list[str] = []
        # 1. projection: add ?this
        insert_at = self.select_at + 1
        while insert_at < len(toks) and (toks[insert_at].kind in ("comment",) or toks[insert_at].text.isspace() or
                                         (toks[insert_at].kind == "word" and toks[insert_at].text.upper() in ("DISTINCT", "REDUCED"))):
            insert_at += 1
        star = any(t.kind == "other" and t.text == "*" for t in toks[self.select_at + 1 : self.where_open])
        # 2. which groups mention ?this: inject the focus pattern at their start
        group_has_this = self._groups_with_this()
        tail_start = len(toks) - len(self._top_level_after_where())
        # 3. FILTER NOT EXISTS { ... } that only shares ?this with the rest: the same as MINUS,
        #    which Oxigraph evaluates as an anti-join (NOT EXISTS with a zero-or-more path is
        #    evaluated row by row there, quadratic in the graph).
        as_minus = self._not_exists_as_minus()
        skip = set()
        for filter_at, not_at, exists_at in as_minus:
            skip.update(range(filter_at + 1, exists_at + 1))
        minus_at = {f for f, _, _ in as_minus}
        for i, t in enumerate(toks):
            if focus_pattern is None:
                if i in minus_at:
                    out.append("MINUS")
                elif i not in skip:
                    out.append(t.text)
                continue
            if i == insert_at and not star and "this" not in self.projected:
                out.append(" ?this ")
            if i in minus_at:
                out.append("MINUS")
                continue
            if i in skip:
                continue
            out.append(t.text)
            if t.kind == "open" and (i == self.where_open or i in group_has_this):
                out.append(" " + focus_pattern + " ")
            if i >= tail_start and t.kind == "word" and t.text.upper() == "BY" and _prev_word(toks, i) == "GROUP":
                out.append(" ?this ")
        return "".join(out)

    def _not_exists_as_minus(self) -> list:
        """(FILTER, NOT, EXISTS) token indices of top-level FILTER NOT EXISTS groups equivalent to MINUS."""
        toks = self.tokens
        found = []
        depth = 0
        end = len(toks) - len(self._top_level_after_where())
        i = self.where_open
        while i < end:
            t = toks[i]
            if t.kind == "open":
                depth += 1
            elif t.kind == "close":
                depth -= 1
            elif depth == 1 and t.kind == "word" and t.text.upper() == "FILTER":
                j = _next_index(toks, i)
                k = _next_index(toks, j) if j is not None else None
                g = _next_index(toks, k) if k is not None else None
                if (j is not None and k is not None and g is not None and toks[j].text.upper() == "NOT"
                        and toks[k].text.upper() == "EXISTS" and toks[g].kind == "open"):
                    close = _matching_close(toks, g)
                    inner = toks[g + 1 : close]
                    if self._minus_equivalent(inner, set(range(g, close + 1))):
                        found.append((i, j, k))
                    i = close
                    continue
            i += 1
        return found

    def _minus_equivalent(self, inner: list, inner_range: set) -> bool:
        if any(t.kind == "open" for t in inner):
            return False  # nested groups (OPTIONAL, UNION, ...) may leave ?this unbound
        if any(t.kind == "word" and t.text.upper() in ("BIND", "SELECT", "GRAPH", "SERVICE") for t in inner):
            return False
        depth = 0
        this_in_pattern = False
        inner_vars = set()
        for t in inner:
            if t.kind == "lparen":
                depth += 1
            elif t.kind == "rparen":
                depth -= 1
            elif t.kind == "var":
                inner_vars.add(t.text)
                if t.text == "?this" and depth == 0:
                    this_in_pattern = True
        if not this_in_pattern:
            return False
        outer_vars = {t.text for i, t in enumerate(self.tokens) if t.kind == "var" and i not in inner_range}
        return (inner_vars & outer_vars) <= {"?this"}

    def _groups_with_this(self) -> set:
        """Opening braces (indices) of nested groups, other than EXISTS groups, that mention ?this."""
        toks = self.tokens
        stack: list[tuple[int, bool]] = []
        result = set()
        for i in range(self.where_open, len(toks)):
            t = toks[i]
            if t.kind == "open":
                prev = _prev_word(toks, i)
                nxt = _next_word(toks, i)
                # EXISTS groups see ?this already; a { SELECT ... } sub-select cannot take a pattern
                stack.append((i, prev == "EXISTS" or nxt == "SELECT"))
            elif t.kind == "close" and stack:
                stack.pop()
            elif t.kind == "var" and t.text == "?this":
                for idx, is_exists in stack[1:]:
                    if not is_exists:
                        result.add(idx)
        # a group that only contains a nested SELECT keeps it; the SELECT's own WHERE gets the pattern
        return result


def _prev_word(toks, i) -> str:
    j = i - 1
    while j >= 0 and (toks[j].text.isspace() or toks[j].kind == "comment"):
        j -= 1
    return toks[j].text.upper() if j >= 0 and toks[j].kind == "word" else ""


def _next_index(toks, i):
    j = i + 1
    while j < len(toks) and (toks[j].text.isspace() or toks[j].kind == "comment"):
        j += 1
    return j if j < len(toks) else None


def _matching_close(toks, i) -> int:
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "open":
            depth += 1
        elif toks[j].kind == "close":
            depth -= 1
            if depth == 0:
                return j
    raise UnsupportedShapeError("unbalanced braces in a SPARQL constraint")


def _next_word(toks, i) -> str:
    j = i + 1
    while j < len(toks) and (toks[j].text.isspace() or toks[j].kind == "comment"):
        j += 1
    return toks[j].text.upper() if j < len(toks) and toks[j].kind == "word" else ""


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

def validate_store(
    store: "pyoxigraph.Store", shapes_graph: "rdflib.Graph", *, progress=None
) -> list[ValidationResult]:
    """pySHACL's results for the default graph of ``store`` (data with the ontology mixed in)."""
    return FastValidator(store, shapes_graph, progress=progress).validate()


def validate_files(
    data_files: list,
    shape_files: list,
    ontology_files: list,
    *,
    inference: str = "none",
    store_dir=None,
    vocabulary_files: list | None = None,
    progress=None,
):
    """The fast counterpart of :func:`imvo_graph.validation.validate`: the same report, from Oxigraph.

    The data and the ontology go into one store (as pySHACL mixes the ontology into the data
    graph); ``inference`` 'rdfs' is the RDFS closure pySHACL runs before validating (computed
    by :mod:`imvo_graph.inference`), 'owlrl' runs owlrl itself (exact, not fast). With
    ``store_dir`` the store is kept on disk and reused while the files are unchanged.
    """
    from ..inference import infer
    from ..store import open_graph
    from .report import ValidationReport

    def prepare(store):
        infer(store, inference, for_pyshacl=True)

    def step(what):
        return (lambda done, total: progress(done, total, what)) if progress else None

    store, _reused, counts = open_graph(list(data_files) + list(ontology_files), store_dir, inference=inference,
                                        prepare=prepare, progress=step("load"), preserve_literals=True,
                                        depends_on=list(shape_files))
    from ..loading import load_rdflib, read_quads

    shape_quads = [q for f in shape_files for q in read_quads(f)]
    shapes_graph = rdflib_graph(shape_quads)
    results = validate_store(store, shapes_graph, progress=step("validate"))
    path_graph = shapes_graph
    if vocabulary_files:
        import pyoxigraph as ox

        vocabulary_graph = load_rdflib(vocabulary_files)
        mixed = store_of(shape_quads)
        from ..store import load_fast

        for f in ontology_files:
            load_fast(mixed, f, preserve_literals=True)
        seen = {r.key() for r in results}
        for r in validate_store(mixed, vocabulary_graph):
            if r.key() not in seen:
                results.append(r)
        path_graph = shapes_graph + vocabulary_graph
    return ValidationReport(
        results=results,
        data_graph=_label_graph(store, results),
        shapes_graph=shapes_graph,
        files=list(data_files),
        path_graph=path_graph,
        data_triples=counts[len(data_files) - 1] if counts and data_files else 0,
    )


def _label_graph(store, results) -> "rdflib.Graph":
    """An rdflib graph with the labels of the nodes a report names (the report renders those)."""
    import pyoxigraph as ox
    from rdflib import Graph, URIRef

    from ..labels import LABEL_PROPERTIES
    from ..namespaces import PREFIXES

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    nodes = {n for r in results for n in (r.focus_node, r.value) if isinstance(n, URIRef)}
    convert = term_converter()
    for prop in LABEL_PROPERTIES:
        p = ox.NamedNode(prop)
        for node in nodes:
            for q in store.quads_for_pattern(ox.NamedNode(str(node)), p, None, ox.DefaultGraph()):
                graph.add((node, URIRef(prop), convert(q.object)))
    return graph


def rdflib_graph(quads) -> "rdflib.Graph":
    """An rdflib graph of pyoxigraph quads (as :func:`imvo_graph.loading.load_rdflib` builds it)."""
    import rdflib

    from ..loading import _term_converter

    graph = rdflib.Graph()
    convert = _term_converter()
    graph.addN((convert(q.subject), convert(q.predicate), convert(q.object), graph) for q in quads)
    return graph


def store_of(quads) -> "pyoxigraph.Store":
    """A validation store of pyoxigraph quads (default graph), literals kept as written."""
    import pyoxigraph as ox

    from ..store import preserve

    store = ox.Store()
    dg = ox.DefaultGraph()
    store.extend(ox.Quad(q.subject, q.predicate, preserve(q.object), dg) for q in quads)
    return store
