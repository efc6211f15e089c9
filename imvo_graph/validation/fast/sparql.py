"""SPARQL-based constraints (sh:sparql with sh:select): ``$PATH`` and ``$currentShape`` replaced,
``$this`` bound to every focus node at once (:mod:`.rewrite`), or per focus node where a query
cannot be rewritten (LIMIT, aggregates without GROUP BY); messages with ``{?var}`` filled in."""

from __future__ import annotations

import re

from .common import EngineParts, UnsupportedShapeError, _sparql_term
from .components import component_name
from .rewrite import _SelectQuery, check_prebinding
from .shapes import GraphFocus, TargetFocus, _prefix_block


class SparqlConstraints(EngineParts):
    """sh:sparql."""

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
            out.extend(self._run_sparql_constraint(shape, focus, str(selects[0]), _prefix_block(self.index, c), messages, c))
        return out

    def _run_sparql_constraint(self, shape, focus, select, prefixes, messages, constraint=None):
        text = select
        from rdflib import URIRef

        named = f" {constraint}" if isinstance(constraint, URIRef) else ""
        check_prebinding(text, {"this", "shapesGraph", "currentShape"}, f"the SPARQL constraint{named} of shape {shape.node}")
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
            # a FILTER NOT EXISTS about ?this becomes a MINUS, which Oxigraph evaluates over the
            # whole graph: it gets the focus nodes joined in when they are a set of nodes (a
            # SPARQL-based target is evaluated once for that: benchmarks/code-choices.md)
            into_minus = parsed.minus_mentions_this()
            if into_minus and isinstance(focus, TargetFocus) and focus.selects:
                focus = self._new_graph(s["this"] for s in self._select("SELECT DISTINCT ?this WHERE { %s }" % focus.pattern("?this")))
            query = prefixes + parsed.rewrite(focus.pattern("?this"), into_minus=into_minus and isinstance(focus, GraphFocus))
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
                out.append(self._raw(shape, this, value, component_name("sparql"), messages=self._messages(shape, messages, {})))
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
            out.append(self._raw(shape, this, v, component_name("sparql"), path=path, messages=self._messages(shape, messages, bound)))
        return out

    def _messages(self, shape, constraint_messages, bound) -> tuple:
        merged: dict = {}
        for m in constraint_messages:
            text = str(m)
            for name, value in bound.items():
                if value is not None:
                    def plain(_m: re.Match, v: object = value) -> str:  # (a function: no backslash escapes)
                        return _plain(v)

                    text = re.sub(r"{[\$\?]%s}" % re.escape(name), plain, text)
            merged.setdefault(m.language or "", text)
        for lang, text in shape.messages.items():
            merged.setdefault(lang, text)
        return tuple(sorted(merged.items()))


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
