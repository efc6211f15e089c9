"""Value type constraints: sh:class, sh:datatype (with pySHACL's ill-typed literals), sh:nodeKind."""

from __future__ import annotations

from .common import (
    AUX,
    ILL_GRAPH,
    RDF,
    RDFS,
    SH,
    XSD,
    EngineParts,
    UnsupportedShapeError,
    _sparql_term,
    _uri,
    typed_as,
    walks_to_class,
)
from .components import component_name


class ValueTypeConstraints(EngineParts):
    """sh:class, sh:datatype, sh:nodeKind."""

    def _c_class(self, shape, focus, classes):
        out = []
        for c in classes:
            members = self.subclasses(c)
            if members is None:
                out.extend(self._pairs_failing(shape, focus, self.class_ok(c, "?value"), component_name("class")))
                continue
            # The values that are no instance: an anti-join with the instances of the class and
            # its subclasses (a literal is never one), instead of a path walked for each value.
            q = "SELECT DISTINCT ?this ?value WHERE { %s MINUS { %s } }" % (
                self._value_pattern(shape, focus), typed_as("?value", members))
            out.extend(self._raw(shape, s["this"], s["value"], component_name("class")) for s in self._select(q))
        return out

    def class_ok(self, c, var) -> str:
        members = self.subclasses(c)
        instance = walks_to_class(var, c) if members is None else typed_as(var, members)
        return f"(!isLiteral({var}) && EXISTS {{ {instance} }})"

    def subclasses(self, c) -> list | None:
        """``c`` and its subclasses in the data graph (``?t rdfs:subClassOf* c``) as SPARQL IRIs,
        or None when one is a blank node (which a query cannot name). Read once per class: the
        graph does not change while it is validated."""
        from rdflib import URIRef

        if not isinstance(c, URIRef):
            return None
        with self._lock:
            if c in self._subclasses:
                return self._subclasses[c]
        import pyoxigraph as ox

        q = "SELECT DISTINCT ?t WHERE { ?t <%ssubClassOf>* %s }" % (RDFS, _sparql_term(c))
        found = [s["t"] for s in self._select(q)]
        members = None if any(not isinstance(t, ox.NamedNode) for t in found) else sorted(str(t) for t in found)
        with self._lock:
            self._subclasses[c] = members
        return members

    def _c_datatype(self, shape, focus, datatypes):
        if len(datatypes) != 1:
            raise UnsupportedShapeError(f"shape {shape.node} has {len(datatypes)} sh:datatype values (pySHACL refuses that)")
        return self._pairs_failing(shape, focus, self.datatype_ok(datatypes[0], "?value", self.value_property(shape)),
                                   component_name("datatype"))

    def value_property(self, shape):
        """The property whose objects are the value nodes of ``shape`` (its path, when that is
        one property), or None: then a value node may be any node."""
        from rdflib import URIRef

        return shape.path if shape.is_property_shape and isinstance(shape.path, URIRef) else None

    def datatype_ok(self, datatype, var, values_of=None) -> str:
        """A SPARQL expression: ``var`` is a literal of ``datatype`` that pySHACL finds well-typed.
        ``values_of``: a property whose objects are all ``var`` can be (see :meth:`value_property`),
        which narrows the search for the ill-typed literals to that property's objects."""
        d = str(datatype)
        if d == RDFS + "Literal":
            return f"isLiteral({var})"
        if d == RDF + "langString":
            return f'(isLiteral({var}) && lang({var}) != "")'
        if d == RDFS + "Datatype":
            return f'(isLiteral({var}) && lang({var}) = "")'
        from ...rdf.literals import stored_datatype

        self._mark_ill_typed(d, values_of)
        return (
            f'(isLiteral({var}) && lang({var}) = "" && datatype({var}) = <{stored_datatype(d)}> && '
            f"NOT EXISTS {{ GRAPH <{ILL_GRAPH}> {{ <{d}> <{AUX}ill> {var} }} }})"
        )

    def _mark_ill_typed(self, datatype: str, values_of=None) -> None:
        """Put the literals of ``datatype`` that pySHACL's datatype check rejects into the helper
        graph: those among the objects of the property ``values_of`` (read through the store's
        index of that property), or, without one, every such literal of the graph, for every
        datatype the shapes name at once (one scan of every triple: at 1M triples that took as
        long as all the property-wise searches of the shipped shapes together ten times over)."""
        key = datatype if values_of is None else (datatype, str(values_of))
        if datatype in self._ill_checked or key in self._ill_checked:
            return
        # shapes run in threads: the first to ask fills the helper graph, the others wait for it
        with self._ill_lock("all"):
            if datatype in self._ill_checked or key in self._ill_checked:
                return
            if values_of is None:
                wanted = {datatype} | {str(o) for o in self.index.graph.objects(None, _uri(SH + "datatype"))}
                wanted -= self._ill_checked
                self._fill_ill_typed(wanted)
                self._ill_checked.update(wanted)
            else:
                self._fill_ill_typed({datatype}, values_of)
                self._ill_checked.add(key)

    def _fill_ill_typed(self, datatypes: set, values_of=None) -> None:
        import pyoxigraph as ox
        from rdflib import URIRef
        from rdflib.term import XSDToPython

        from ...rdf.literals import as_written, stored_datatype

        # without a converter in rdflib, every lexical form passes in pySHACL
        checked = sorted(d for d in datatypes if URIRef(d) in XSDToPython and d != XSD + "string")
        if not checked:
            return
        predicate = "?p" if values_of is None else _sparql_term(values_of)
        q = "SELECT DISTINCT ?o WHERE { ?s %s ?o FILTER(isLiteral(?o) && datatype(?o) IN (%s)) }" % (predicate, ", ".join(
            f"<{stored_datatype(d)}>" for d in checked))
        bad = []
        for s in self._select(q):
            lit = s["o"]
            if not _pyshacl_datatype_match(self.convert(lit), as_written(lit).datatype.value):
                bad.append(lit)
        if bad:
            g = ox.NamedNode(ILL_GRAPH)
            ill = ox.NamedNode(AUX + "ill")
            self.store.extend(ox.Quad(ox.NamedNode(as_written(lit).datatype.value), ill, lit, g) for lit in bad)

    def _c_nodeKind(self, shape, focus, kinds):
        if len(kinds) != 1:
            raise UnsupportedShapeError(f"shape {shape.node} has {len(kinds)} sh:nodeKind values")
        return self._pairs_failing(shape, focus, self.nodekind_ok(kinds[0], "?value"), component_name("nodeKind"))

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


def _pyshacl_datatype_match(v, rule: str) -> bool:
    """pySHACL's DatatypeConstraintComponent test for a literal whose datatype is the rule."""
    from datetime import date, datetime, time
    from decimal import Decimal

    if getattr(v, "ill_typed", None) is True:
        return False
    value = v.value
    python_types: dict[str, type | tuple[type, ...]] = {  # the value's Python type, per datatype
        XSD + "string": (str, bytes), RDF + "langString": (str, bytes), XSD + "integer": int,
        XSD + "float": float, XSD + "decimal": Decimal, XSD + "boolean": bool, XSD + "date": date,
        XSD + "time": time, XSD + "dateTime": datetime,
    }
    expected = python_types.get(rule)
    return expected is None or isinstance(value, expected)
