"""Logical constraints: sh:or, sh:and, sh:not, sh:xone; one SPARQL filter when the member shapes
are made of value-level constraints only, else the members are evaluated as nested shapes.

Property pair constraints are in :mod:`.property_pair`."""

from __future__ import annotations

from .common import ALLOWED_SEVERITIES, EngineParts, _guard
from .components import NOT_CONSTRAINTS, component_name


class LogicalConstraints(EngineParts):
    """sh:or, sh:and, sh:not, sh:xone, and the SPARQL form of simple nested shapes."""

    _SIMPLE = {"class", "datatype", "nodeKind", "in", "languageIn", "minLength", "maxLength"}

    def conforms_expr(self, shape_node, var: str, values_of=None) -> str | None:
        """A SPARQL expression over ``var`` that is true when a node conforms to a nested shape
        made only of value-level constraints (the usual sh:or of datatypes, sh:languageIn in a
        qualified value shape), or None when the shape needs the general evaluation.
        ``values_of``: a property whose objects are all ``var`` can be, or None."""
        shape = self.index.shape(shape_node)
        if shape.deactivated or shape.severity in ALLOWED_SEVERITIES:
            return "true"
        if shape.is_property_shape:
            return None
        constraint_names = {n for n in shape.params if n not in NOT_CONSTRAINTS}
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
                parts.append(self.datatype_ok(values[0], var, values_of))
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
                    out.append(self._raw(shape, this, v, component_name(component)))
        return out

    def _logical_sparql(self, shape, focus, heads, component):
        out = []
        for head in heads:
            members = self.index.items(head) if component != "not" else [head]
            exprs = [self.conforms_expr(m, "?value", self.value_property(shape)) for m in members]
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
            out.extend(self._pairs_failing(shape, focus, ok, component_name(component)))
        return out

    def _c_or(self, shape, focus, heads):
        return self._logical(shape, focus, heads, "or", any)

    def _c_and(self, shape, focus, heads):
        return self._logical(shape, focus, heads, "and", all)

    def _c_xone(self, shape, focus, heads):
        return self._logical(shape, focus, heads, "xone", lambda c: sum(c) == 1)

    def _c_not(self, shape, focus, nodes):
        return self._logical(shape, focus, nodes, "not", lambda c: not c[0])
