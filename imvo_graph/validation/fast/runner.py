"""The engine: each constraint of each shape is one query over all focus nodes; the rows become
:class:`~imvo_graph.validation.report.ValidationResult` objects with pySHACL's keys.

The constraints are compiled by one mixin per family, as pySHACL has one module per family
(``pyshacl/constraints/core/*.py``): :mod:`.value_type`, :mod:`.cardinality`,
:mod:`.value_range`, :mod:`.string_based`, :mod:`.logical`, :mod:`.shape_based`, :mod:`.other`
and :mod:`.sparql`. Which parameter switches on which component, and its compiler (a method
``_c_NAME``), is the table of :mod:`.components`."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ...errors import ShapesError
from ..report import ValidationResult, severity_name, to_oxigraph
from .cardinality import CardinalityConstraints
from .common import AUX, ILL_GRAPH, SH, UnsupportedShapeError, _counter, _guard, _uri, term_converter
from .components import BY_PARAMETER, SUPPORTED
from .logical import LogicalConstraints
from .other import OtherConstraints
from .property_pair import PropertyPairConstraints
from .shape_based import ShapeBasedConstraints
from .shapes import Focus, GraphFocus, Shape, ShapesIndex, TargetFocus
from .sparql import SparqlConstraints
from .string_based import StringBasedConstraints
from .value_range import ValueRangeConstraints
from .value_type import ValueTypeConstraints

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

    from ...rdf.store import LiteralStore


@dataclass(frozen=True)
class _Raw:
    focus: object  # pyoxigraph term
    path: object | None  # rdflib term
    value: object | None  # pyoxigraph term
    shape: Shape
    component: str
    severity: str
    messages: tuple = ()


class FastValidator(
    ValueTypeConstraints,
    CardinalityConstraints,
    ValueRangeConstraints,
    StringBasedConstraints,
    LogicalConstraints,
    ShapeBasedConstraints,
    OtherConstraints,
    PropertyPairConstraints,
    SparqlConstraints,
):
    """Validate the default graph of a pyoxigraph Store against a shapes graph (rdflib).

    The engine keeps helper data in named graphs of its own (the node sets of nested shapes,
    the ill-typed literals: a query cannot name a blank node of the store, so node sets cannot
    be written into the queries) and removes them at the end. They are written into ``store``
    only when it is ``scratch``: a store made for this validation (as :func:`.files.validate_files`
    makes one); otherwise the engine validates a copy of its default graph, and never writes
    into the caller's store."""

    def __init__(self, store: "LiteralStore", shapes_graph: "rdflib.Graph", *, progress=None,
                 threads: int | None = None, scratch: bool = False):
        # the compiled queries run on the Oxigraph store itself, over the stored forms of the
        # literals (imvo_graph.rdf.literals); self.convert gives a row's terms as written
        self.store = store.oxigraph if scratch else _copy_of_default_graph(store.oxigraph)
        self.index = ShapesIndex(shapes_graph)
        self.convert = term_converter()
        self._graphs: list[str] = []
        self._ill_checked: set = set()
        self._ill_locks: dict = {}
        self._subclasses: dict = {}  # class -> its subclasses (see ValueTypeConstraints.subclasses)
        self._lock = threading.Lock()
        self._local = threading.local()  # the shapes being evaluated, per worker thread
        self.progress = progress
        self.threads = _threads() if threads is None else max(1, threads)

    @property
    def _stack(self) -> list:
        """The shapes being evaluated, outermost first (with their node sets), per worker thread."""
        stack = getattr(self._local, "stack", None)
        if stack is None:
            stack = self._local.stack = []
        return stack

    def _ill_lock(self, datatype: str) -> "threading.Lock":
        with self._lock:
            return self._ill_locks.setdefault(datatype, threading.Lock())

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
        nodes = frozenset(nodes)
        self.store.extend(ox.Quad(subject, member, n, graph) for n in nodes)
        self._graphs.append(name)
        return GraphFocus(name, nodes)

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
            return f"{self.focus_of_values(shape, focus, this)} {this} {shape.path_sparql} {value} ."
        return f"{focus.pattern(this)} BIND({this} AS {value})"

    def focus_of_values(self, shape: Shape, focus: Focus, this: str = "?this") -> str:
        """The focus pattern to join with ``{this} path ?value`` when only the focus nodes that
        have values matter, or nothing when every subject of the path is a focus node anyway
        (the path is one property and the focus includes sh:targetSubjectsOf it): then the
        query starts from the property's triples instead of the whole focus set."""
        from rdflib import URIRef

        if (isinstance(focus, TargetFocus) and isinstance(shape.path, URIRef)
                and shape.path in focus.subjects_of):
            return ""
        return focus.pattern(this)

    # -- entry point -------------------------------------------------------------------------

    def validate(self) -> list[ValidationResult]:
        """Every top-level shape on its focus set; the shapes run in ``self.threads`` threads
        (Oxigraph releases the GIL while it evaluates a query), their results kept in shape order."""
        raw: list[_Raw] = []
        try:
            shapes = self.index.top_level_shapes()
            # Shapes and focus sets first, in this thread: reading a target can add prefixes
            # that every later query is given.
            work = []
            for node in shapes:
                shape = self.index.shape(node)
                if shape.deactivated:
                    continue
                focus = self.index.target_focus(node)
                focus.subclasses = self.subclasses
                if not focus.empty():
                    work.append((shape, focus))
            total = len(shapes)
            if self.progress:
                self.progress(0, total)
            if self.threads <= 1 or len(work) <= 1:
                for i, (shape, focus) in enumerate(work):
                    raw.extend(self.evaluate(shape, focus))
                    if self.progress:
                        self.progress(i + 1, total)
            else:
                # the costliest shapes first, so that no thread is left with a long one at the end
                futures: list = [None] * len(work)
                with ThreadPoolExecutor(self.threads) as pool:
                    for i in sorted(range(len(work)), key=lambda i: -self._estimated_cost(*work[i])):
                        futures[i] = pool.submit(self.evaluate, *work[i])
                    for i, future in enumerate(futures):
                        raw.extend(future.result())
                        if self.progress:
                            self.progress(i + 1, total)
            if self.progress:
                self.progress(total, total)
            return self._to_results(raw)
        finally:
            self.cleanup()

    def _estimated_cost(self, shape: Shape, focus: "Focus") -> int:
        """A rough cost of a top-level shape, to schedule the costly ones first: its constraints
        (those of its property shapes included), times the number of its targets; a SPARQL-based
        constraint or target (which may scan the whole graph) counts as twenty."""
        targets = 1
        if isinstance(focus, TargetFocus):
            targets = max(1, len(focus.classes) + len(focus.nodes) + len(focus.subjects_of) + len(focus.objects_of))
            targets += 20 * len(focus.selects)
        return self._constraint_count(shape.node) * targets

    def _constraint_count(self, node, depth: int = 0) -> int:
        # (a method, not a recursive closure: a closure that refers to itself is a reference
        # cycle, which would keep the validator and its store alive until the next collection)
        params = self.index.shape(node).params
        n = sum(20 if name == "sparql" else 1 for name in params if name in SUPPORTED)
        if depth < 3:
            n += sum(self._constraint_count(child, depth + 1) for child in params.get("property", []))
        return n

    def _to_results(self, raw: list[_Raw]) -> list[ValidationResult]:
        # every result is kept, as the specification and pySHACL keep them: a property shape
        # shared by two node shapes reports each value twice
        # (the terms cross to rdflib and back, so that a literal is the one pySHACL reports: the
        # lexical form rdflib gives it)
        results = []
        for r in raw:
            results.append(ValidationResult(
                focus_node=to_oxigraph(self.convert(r.focus)),
                path=to_oxigraph(r.path),
                value=to_oxigraph(self.convert(r.value)) if r.value is not None else None,
                source_shape=to_oxigraph(r.shape.node),
                constraint_component=to_oxigraph(_uri(SH + r.component)),
                severity=severity_name(r.severity),
                messages=dict(r.messages) if r.messages else dict(r.shape.messages),
            ))
        return results

    # -- one shape on one focus set ----------------------------------------------------------

    def evaluate(self, shape: Shape, focus: Focus, one_value_each: bool = False) -> list[_Raw]:
        """The results of ``shape`` on ``focus``. Shapes may refer to each other in a cycle as
        long as each turn validates other nodes (SHACL-for-SHACL does, down the shapes' lists);
        asking a shape about the very nodes it is already being asked about is a recursion
        that never ends: refused, naming the cycle. ``one_value_each``: the caller knows
        already that every focus node has exactly one value along the shape's path
        (:meth:`~.cardinality.CardinalityConstraints.one_value_each_at_once`)."""
        if shape.deactivated:
            return []
        stack = self._stack
        key = (shape.node, focus.nodes) if isinstance(focus, GraphFocus) else None
        if key is not None and key in stack:
            cycle = [str(k[0]) for k in stack[stack.index(key):]] + [str(shape.node)]
            raise ShapesError("recursive shapes: validating a node against " + " -> ".join(cycle) +
                              " comes back to the same shape for the same node (SHACL leaves recursion undefined)")
        if len(stack) >= MAX_DEPTH:
            raise ShapesError(f"shapes nested more than {MAX_DEPTH} deep at {shape.node} (recursive shapes?)")
        stack.append(key or (shape.node, None))
        try:
            out: list[_Raw] = []
            params = shape.params
            one_value_each = one_value_each or self.has_one_value_each(shape, focus)
            for name in sorted(params):
                if one_value_each and name in ("minCount", "maxCount"):
                    continue  # (no result: see CardinalityConstraints.has_one_value_each)
                component = BY_PARAMETER.get(name)
                if component is not None and component.compiler is not None:
                    out.extend(getattr(self, component.compiler)(shape, focus, params[name]))
            return out
        finally:
            stack.pop()

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
        """Results for every (focus, value) pair whose value does not satisfy ``ok_expr`` (over ?value).

        For a property shape whose path is one property, on the focus set of targets, the query
        starts from that property's triples, keeps the values that fail, and only then asks
        whether the subject is a focus node: failing values are few, the focus set can be
        large (benchmarks/code-choices.md)."""
        from rdflib import URIRef

        membership = focus.membership("?this") if isinstance(focus, TargetFocus) else None
        if (shape.is_property_shape and isinstance(shape.path, URIRef) and membership is not None
                and self.focus_of_values(shape, focus)):
            failing = "?this %s ?value . FILTER(!(%s))" % (shape.path_sparql, _guard(ok_expr))
            # Oxigraph reads the whole focus set for the FILTER EXISTS below even when no value
            # fails (at 1M triples, 93,696 rdf:Statement nodes: 0.19 s for a query whose failing
            # values alone take 0.06 s): so first whether any value of the property fails at all
            if next(iter(self._select("SELECT ?this WHERE { %s } LIMIT 1" % failing)), None) is None:
                return []
            # the sub-SELECT makes Oxigraph filter the values before it tests the subjects
            q = ("SELECT ?this ?value WHERE { { SELECT DISTINCT ?this ?value WHERE { %s } } "
                 "FILTER EXISTS { %s } }" % (failing, membership))
            return [self._raw(shape, s["this"], s["value"], component) for s in self._select(q)]
        q = "SELECT DISTINCT ?this ?value WHERE { %s FILTER(!(%s)) }" % (self._value_pattern(shape, focus), _guard(ok_expr))
        return [self._raw(shape, s["this"], s["value"], component) for s in self._select(q)]

    def _value_nodes(self, shape: Shape, focus: Focus) -> list:
        q = "SELECT DISTINCT ?this ?value WHERE { %s }" % self._value_pattern(shape, focus)
        return [(s["this"], s["value"]) for s in self._select(q)]


#: a bound on the nesting of shapes (pySHACL stops at 15 by default); a cycle that asks the same
#: shape about the same nodes is found before it
MAX_DEPTH = 64


def _threads() -> int:
    """Worker threads for the shapes: ``IMVO_GRAPH_THREADS``, else the usable cores (at most 4)."""
    env = os.environ.get("IMVO_GRAPH_THREADS")
    if env and env.isdigit():
        return max(1, int(env))
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def _copy_of_default_graph(store: "pyoxigraph.Store") -> "pyoxigraph.Store":
    import pyoxigraph as ox

    copy = ox.Store()
    copy.extend(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return copy


def validate_store(
    store: "LiteralStore", shapes_graph: "rdflib.Graph", *, progress=None, threads: int | None = None,
    scratch: bool = False,
) -> list[ValidationResult]:
    """pySHACL's results for the default graph of ``store`` (data with the ontology mixed in,
    every literal as written: :func:`.files.store_of`, :func:`imvo_graph.rdf.store.open_graph`).
    ``threads``: shapes run at once (default: ``IMVO_GRAPH_THREADS``, else the usable cores,
    at most 4). ``scratch``: ``store`` was made for this validation, and the engine may keep its
    helper graphs in it while it runs (else it validates a copy: see :class:`FastValidator`)."""
    return FastValidator(store, shapes_graph, progress=progress, threads=threads, scratch=scratch).validate()
