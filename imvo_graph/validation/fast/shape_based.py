"""Shape-based constraints: sh:property, sh:node, sh:qualifiedValueShape (with qualified counts),
and the evaluation of nested shapes on a set of nodes."""

from __future__ import annotations

from .cardinality import count_query
from .common import ALLOWED_SEVERITIES, EngineParts, UnsupportedShapeError
from .components import component_name
from .shapes import ValueFocus


class ShapeBasedConstraints(EngineParts):
    """sh:property, sh:node, sh:qualifiedValueShape."""

    def _c_property(self, shape, focus, nodes):
        child_focus = focus if not shape.is_property_shape else ValueFocus(focus, shape.path_sparql)
        # The values of a property shape are focus nodes of its own property shapes once for
        # each focus node they are a value of (a shared address of two persons is validated
        # twice, as the specification and pySHACL do): their results are repeated as often.
        repeat = self._repeated_values(shape, focus) if shape.is_property_shape else {}
        out = []
        children = []
        for node in nodes:
            if self.index.undefined(node):
                continue  # a shape the shapes graph does not describe states no constraint
            child = self.index.shape(node)
            if not child.is_property_shape:
                raise UnsupportedShapeError(f"sh:property of {shape.node} points to {node}, which has no sh:path")
            children.append(child)
        one_value_each = self.one_value_each_at_once(children, child_focus)
        for child in children:
            results = self.evaluate(child, child_focus, one_value_each=child.node in one_value_each)
            if repeat and "property" in child.params:
                raise UnsupportedShapeError(
                    f"shape {child.node}: nested sh:property two levels below {shape.node} on values shared by several "
                    "focus nodes (the compiled engine does not count such repeated results)")
            for r in results:
                out.extend([r] * repeat.get(r.focus, 1))
        return out

    def _sibling_shapes(self, shape, own) -> list:
        """The sibling shapes of a qualified property shape (SHACL 4.7.3): the sh:qualifiedValueShape
        of every property shape of the shapes that have this one as sh:property, but its own."""
        g, sh = self.index.graph, self.index.sh
        found = []
        for parent in g.subjects(sh("property"), shape.node):
            for sibling_property in g.objects(parent, sh("property")):
                for q in g.objects(sibling_property, sh("qualifiedValueShape")):
                    if q not in own and q not in found:
                        found.append(q)
        return found

    def _repeated_values(self, shape, focus) -> dict:
        """value -> the number of focus nodes it is a value of, for the values of more than one."""
        q = ("SELECT ?value (COUNT(?this) AS ?n) WHERE { { SELECT DISTINCT ?this ?value WHERE { %s } } } "
             "GROUP BY ?value HAVING (COUNT(?this) > 1)" % self._value_pattern(shape, focus))
        return {s["value"]: int(s["n"].value) for s in self._select(q)}

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
                    out.append(self._raw(shape, this, v, component_name("node")))
        return out

    def _c_qualifiedValueShape(self, shape, focus, nodes):
        from rdflib import Literal

        if not shape.is_property_shape:
            return []  # pySHACL ignores it on node shapes (with a warning)
        disjoint = any(isinstance(d, Literal) and d.value is True for d in shape.params.get("qualifiedValueShapesDisjoint", []))
        siblings = self._sibling_shapes(shape, nodes) if disjoint else []
        mins = shape.params.get("qualifiedMinCount", [])
        maxs = shape.params.get("qualifiedMaxCount", [])
        min_count = int(mins[0].value) if mins else None
        max_count = int(maxs[0].value) if maxs else None
        simple = [self.conforms_expr(node, "?value", self.value_property(shape)) for node in nodes]
        if all(e is not None for e in simple) and not siblings:
            out = []
            for ok in simple:
                for bound, op, component in ((min_count, "<", "QualifiedMinCountConstraintComponent"),
                                             (max_count, ">", "QualifiedMaxCountConstraintComponent")):
                    if bound is None:
                        continue
                    pattern = focus.pattern("?this") if op == "<" else self.focus_of_values(shape, focus)
                    q = count_query(pattern, shape.path_sparql, op, bound, ok)
                    out.extend(self._raw(shape, s["this"], None, component) for s in self._select(q))
            return out
        focus_nodes = [s["this"] for s in self._select("SELECT ?this WHERE { %s }" % focus.pattern("?this"))]
        pairs = self._value_nodes(shape, focus)
        values = {v for _, v in pairs}
        # with sh:qualifiedValueShapesDisjoint, a value that conforms to a sibling shape does not count
        in_a_sibling = set()
        for sibling in siblings:
            in_a_sibling |= values - self.nonconforming(sibling, values)
        out = []
        for node in nodes:
            failing = self.nonconforming(node, values) | in_a_sibling
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
