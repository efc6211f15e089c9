"""The shapes graph read once (shapes, parameters, paths, prefixes) and the focus sets of targets:
SPARQL patterns that bind a variable to each focus node once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ...errors import ShapesError
from .common import AUX, RDF, SH, UnsupportedShapeError, _fresh, _sparql_term, typed_as, walks_to_class
from .components import BY_PARAMETER, NOT_SUPPORTED
from .rewrite import _SelectQuery

if TYPE_CHECKING:  # pragma: no cover
    import rdflib


_TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")


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
    distinct: set = field(default_factory=set)  # those of them that give each node once (SELECT DISTINCT ?this)
    #: class -> the class and its subclasses as SPARQL IRIs, or None (see
    #: ValueTypeConstraints.subclasses); without it, class targets walk rdfs:subClassOf*
    subclasses: Callable[[Any], Any] | None = None

    def empty(self) -> bool:
        return not (self.classes or self.nodes or self.subjects_of or self.objects_of or self.selects)

    def pattern(self, var: str) -> str:
        one_type = self._one_type()
        if one_type is not None:
            # the instances of one class without subclasses: each once already, as the graph is
            # a set of triples; without a DISTINCT sub-SELECT Oxigraph reads them straight from
            # its index (at 1M triples, 94k rdf:Statement nodes: 0.12 s -> 0.04 s of CPU a query)
            return "{ %s }" % typed_as(var, [one_type])
        branches = self._branches(var)
        if not branches and len(self.selects) == 1 and self.selects[0] in self.distinct:
            # one SPARQL-based target that gives each node once already: no second DISTINCT (at
            # 1M triples, 130,798 nodes of imvosh:SourceRequiredRule: 0.15 s less a query)
            if var == "?this":
                return "{ %s }" % self.selects[0]
            return "{ SELECT (?this AS %s) WHERE { { %s } } }" % (var, self.selects[0])
        for select in self.selects:
            inner = _fresh("t")
            branches.append("{ SELECT (?this AS %s) WHERE { { %s } } } BIND(%s AS %s)" % (inner, select, inner, var))
        union = " UNION ".join("{ " + b + " }" for b in branches)
        return "{ SELECT DISTINCT %s WHERE { %s } }" % (var, union)

    def membership(self, var: str) -> str | None:
        """A pattern that has a solution when the (bound) ``var`` is a focus node, for a
        ``FILTER EXISTS``; None for SPARQL-based targets (a sub-SELECT cannot test one node)."""
        if self.selects:
            return None
        return " UNION ".join("{ " + b + " }" for b in self._branches(var))

    def _one_type(self) -> str | None:
        """The type (a SPARQL IRI) whose instances are all the focus nodes, when the targets
        are one class that has no subclass, else None."""
        if self.nodes or self.subjects_of or self.objects_of or self.selects or len(self.classes) != 1 or not self.subclasses:
            return None
        members = self.subclasses(self.classes[0])
        return members[0] if members is not None and len(members) == 1 else None

    def _branches(self, var: str) -> list:
        """One pattern per kind of target but the SPARQL-based ones, each binding ``var``."""
        branches = []
        if self.nodes:
            branches.append("VALUES %s { %s }" % (var, " ".join(_sparql_term(n) for n in self.nodes)))
        members = [self.subclasses(c) for c in self.classes] if self.subclasses else [None]
        if self.classes and None not in members:
            # the instances of every class and subclass at once
            branches.append(typed_as(var, sorted(set().union(*(m for m in members if m is not None)))))
        else:
            branches += [walks_to_class(var, c) for c in self.classes]
        branches += [f"{var} {_sparql_term(p)} [] ." for p in self.subjects_of]
        branches += [f"[] {_sparql_term(p)} {var} ." for p in self.objects_of]
        return branches


@dataclass
class GraphFocus(Focus):
    """Focus nodes held in a helper named graph (for nested shapes)."""

    graph: str
    nodes: frozenset = frozenset()  # the nodes in it (pyoxigraph terms)

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
        #: parameter path -> the constraint component that declares it (SHACL-SPARQL's
        #: sh:ConstraintComponent with sh:parameter and validators): not compiled
        self.component_parameters = self._component_parameters()

    def _component_parameters(self) -> dict:
        from rdflib.namespace import RDF as R
        from rdflib.namespace import RDFS as RS

        g = self.graph
        found: dict = {}
        classes = set(g.transitive_subjects(RS.subClassOf, self.sh("ConstraintComponent")))
        for component in {c for cls in classes for c in g.subjects(R.type, cls)}:
            for parameter in g.objects(component, self.sh("parameter")):
                for path in g.objects(parameter, self.sh("path")):
                    found.setdefault(path, component)
        return found

    def undefined(self, node) -> bool:
        """True for a shape named (by sh:property) but not described: no triple about it. It
        states no constraint (SEMIC's DCAT-AP 3.0.1 names two such shapes); pySHACL would stop
        on it, so :func:`imvo_graph.validation.pyshacl_engine.run_pyshacl` leaves such references out."""
        return (node, None, None) not in self.graph

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
        for p in set(g.predicates(node)) & set(self.component_parameters):
            raise UnsupportedShapeError(
                f"shape {node} uses the SPARQL-based constraint component {self.component_parameters[p]} "
                f"(parameter {p}), which the compiled engine does not run")
        for name in params:
            if name in NOT_SUPPORTED:
                raise UnsupportedShapeError(
                    f"shape {node} uses sh:{name} ({BY_PARAMETER[name].feature}), which the compiled engine does not "
                    "support (engine 'auto' runs such shapes on pySHACL)"
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
        from rdflib.namespace import RDF as R
        from rdflib.namespace import RDFS as RS

        g = self.graph
        found: set = set()
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
        from rdflib.namespace import RDF as R
        from rdflib.namespace import RDFS as RS

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
                    f"shape {node} uses a custom sh:target that is not a SPARQL SELECT target (not compiled)"
                )
            for prefix, namespace in _prefixes(self, target).items():
                if self.target_prefixes.setdefault(prefix, namespace) != namespace:
                    raise UnsupportedShapeError(f"prefix {prefix}: declared with two namespaces in SPARQL targets")
            parsed = _SelectQuery.parse(str(selects[0]))
            focus.selects.append(parsed.without_not_exists())
            if parsed.distinct_this():
                focus.distinct.add(focus.selects[-1])
        return focus


def _prefix_block(index: ShapesIndex, node) -> str:
    """PREFIX lines for a SPARQL constraint or target, from its sh:prefixes (as pySHACL collects them)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _prefixes(index, node).items())


def _prefixes(index: ShapesIndex, node) -> dict:
    """The prefixes of a SPARQL constraint or target: the sh:declare of each of its sh:prefixes
    values and of what those import (owl:imports, transitively), as the specification says; as
    pySHACL, also those of every owl:Ontology of the shapes graph when a value is no ontology.
    None declared (no sh:prefixes): no prefixes."""
    from rdflib import Literal
    from rdflib.namespace import OWL as O
    from rdflib.namespace import RDF as R

    g = index.graph
    prefixes_vals = list(g.objects(node, index.sh("prefixes")))
    if not prefixes_vals:
        return {}
    onts = set(g.subjects(R.type, O.Ontology))
    ont_declares: set = set()
    for o in onts:
        ont_declares.update(g.objects(o, index.sh("declare")))
    prefixes: dict = {}
    for pv in prefixes_vals:
        declares: set = set()
        seen, todo = set(), [pv]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            declares.update(g.objects(current, index.sh("declare")))
            todo.extend(g.objects(current, O.imports))
        all_declares = declares if (declares and pv in onts) else (ont_declares | declares)
        for dec in all_declares:
            prefix = g.value(dec, index.sh("prefix"))
            namespace = g.value(dec, index.sh("namespace"))
            if not isinstance(prefix, Literal) or namespace is None:
                raise ShapesError(f"ill-formed sh:declare {dec} in the shapes: it needs one sh:prefix and one sh:namespace")
            if prefixes.setdefault(str(prefix), str(namespace)) != str(namespace):
                raise ShapesError(f"prefix {prefix}: declared with two namespaces in the sh:prefixes of {node}")
    return prefixes
