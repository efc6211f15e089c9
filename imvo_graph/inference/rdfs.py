"""RDFS inference that scales: owlrl's RDFS closure, computed on Oxigraph.

owlrl (``owlrl.DeductiveClosure(RDFS_Semantics).expand(graph)``) applies every RDFS rule to
every triple in Python, cycle after cycle, and compares every pair of literals once (quadratic):
it needs minutes at 100k triples. This module gives the *same graph* in seconds at a million:

* the schema (``rdfs:subPropertyOf``, ``rdfs:subClassOf``, ``rdfs:domain``, ``rdfs:range``, and
  the nodes typed ``rdf:Property``, ``rdfs:Class``, ``rdfs:ContainerMembershipProperty``,
  ``rdfs:Datatype``) is small: it is read into Python and closed there (rdf1, rdfs5, 6, 8, 10,
  11, 12 and owlrl's Datatype rule);
* the instance-level rules are then one bulk SPARQL UPDATE each, run by Oxigraph: rdfs7 for all
  (p, q) with p ⊑ q at once, rdfs2/rdfs3 for all domains and ranges, rdfs9 for all pairs of the
  subclass closure;
* this repeats until the schema no longer changes (in practice twice).

It reproduces owlrl's choices exactly (``axiomatic_triples=False``, ``datatype_axioms=False``,
the defaults):

* rdfs4a/4b (``x rdf:type rdfs:Resource``) only for the subjects and objects of the graph as it
  is when the rule cycles start, as owlrl applies them in its first cycle only;
* owlrl's "one-time rule" that copies ``s p l1`` to ``s p l2`` for every two literals with equal
  Python values in rdflib (``"a"@nl`` and ``"a"@en``; ``"1"^^xsd:integer`` and ``"1.0"^^xsd:decimal``),
  done here by grouping the distinct literals by value (linear, not quadratic). pySHACL's
  ``inference='rdfs'`` skips that rule (``literal_equality=False``).

One documented normalisation: owlrl also derives *generalised* triples with a literal subject
(``"x" rdf:type rdfs:Resource``, and the types a property's range gives its literal values).
RDF stores, Oxigraph included, cannot hold a literal subject, so they are not added to the store;
:attr:`RdfsClosure.literal_types` returns them (computed on request) so that the closure can be
compared with owlrl's triple for triple, and the tests do exactly that.

OWL 2 RL (owlrl's ``OWLRL_Semantics``) is :func:`owlrl_closure`, in :mod:`.owl_rl`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, cast

from ..rdf.namespaces import RDF, RDFS
from .errors import UnsupportedInference

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

TYPE = RDF + "type"
PROPERTY = RDF + "Property"
SUBPROP = RDFS + "subPropertyOf"
SUBCLASS = RDFS + "subClassOf"
DOMAIN = RDFS + "domain"
RANGE = RDFS + "range"
RESOURCE = RDFS + "Resource"
CLASS = RDFS + "Class"
CMP = RDFS + "ContainerMembershipProperty"
DATATYPE = RDFS + "Datatype"
LITERAL = RDFS + "Literal"
MEMBER = RDFS + "member"
SCHEMA_TYPES = (PROPERTY, CLASS, CMP, DATATYPE)


@dataclass
class RdfsClosure:
    """What :func:`rdfs_closure` did to a store."""

    store: "pyoxigraph.Store"
    added: int
    rounds: int
    literal_equality: bool
    _ranges: dict = field(default_factory=dict, repr=False)
    _superclasses: dict = field(default_factory=dict, repr=False)
    _literal_objects_before: list | None = field(default=None, repr=False)

    def literal_types(self) -> set:
        """The generalised triples (literal, rdf:type, class) owlrl adds, as pyoxigraph terms."""
        import pyoxigraph as ox

        out = set()
        rdf_type = ox.NamedNode(TYPE)
        resource_types = self._superclasses.get(RESOURCE, {RESOURCE})
        for lit in self._literal_objects_before or []:
            for c in resource_types:
                out.add((lit, rdf_type, ox.NamedNode(c)))
        if self._ranges:
            values = " ".join(f"<{p}>" for p in self._ranges)
            q = "SELECT DISTINCT ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o FILTER(isLiteral(?o)) }" % values
            for row in cast("pyoxigraph.QuerySolutions", self.store.query(q)):
                for c in self._ranges[row["p"].value]:
                    for d in self._superclasses.get(c, {c}):
                        out.add((row["o"], rdf_type, ox.NamedNode(d)))
        return out


def _closure(pairs: set) -> dict:
    """Transitive closure of a relation as {a: {b reachable from a by one or more steps}}."""
    succ: dict = {}
    for a, b in pairs:
        succ.setdefault(a, set()).add(b)
    result: dict = {}
    for start in succ:
        seen: set = set()
        stack = list(succ[start])
        while stack:
            n = stack.pop()
            if n in seen:
                continue
            seen.add(n)
            stack.extend(succ.get(n, ()))
        result[start] = seen
    return result


def _iri_rows(store, query: str) -> list:
    return [tuple(t.value if t is not None else None for t in row) for row in store.query(query)]


def rdfs_closure(
    store: "pyoxigraph.Store",
    *,
    literal_equality: bool = True,
    keep_literal_objects: bool = False,
    progress: Callable | None = None,
) -> RdfsClosure:
    """Add owlrl's RDFS closure to the default graph of ``store`` (in place)."""
    import pyoxigraph as ox

    before = len(store)
    if literal_equality:
        _literal_equality(store)
    if progress:
        progress(1, 5)
    # rdfs4a/4b: subjects and objects of the graph as the cycles start (owlrl's cycle 1 only)
    literal_objects = None
    if keep_literal_objects:
        solutions = cast("pyoxigraph.QuerySolutions", store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"))
        literal_objects = [r["o"] for r in solutions]
    store.update(
        "INSERT { ?x <%s> <%s> } WHERE { { SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x FILTER(!isLiteral(?x)) } } } }"
        % (TYPE, RESOURCE)
    )
    if progress:
        progress(2, 5)
    predicates = {r[0] for r in _iri_rows(store, "SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    rounds = 0
    used_signature = None
    closure = RdfsClosure(store, 0, 0, literal_equality, _literal_objects_before=literal_objects)
    while True:
        rounds += 1
        if rounds > 20:
            raise UnsupportedInference("RDFS closure did not settle in 20 rounds")
        schema = _read_schema(store)
        derived, sp_plus, sc_plus, domains, ranges, typed = _close_schema(schema, predicates)
        if derived:
            dg = ox.DefaultGraph()
            store.extend(ox.Quad(_term(s), ox.NamedNode(p), _term(o), dg) for s, p, o in derived)
            predicates.update(p for _, p, _ in derived)
        signature = (frozenset((a, b) for a, bs in sp_plus.items() for b in bs), frozenset(domains), frozenset(ranges),
                     frozenset((a, b) for a, bs in sc_plus.items() for b in bs), frozenset(typed))
        if signature == used_signature:
            break
        used_signature = signature
        awkward = TYPE in sp_plus or any(p == TYPE for p, _ in domains | ranges)
        count_before = len(store)
        _bulk(store, sp_plus, domains, ranges, sc_plus)
        predicates.update(q for qs in sp_plus.values() for q in qs)
        if progress:
            progress(3, 5)
        if awkward and len(store) != count_before:
            used_signature = None  # rdf:type itself has a super-property, domain or range: go round again
    closure.rounds = rounds
    closure.added = len(store) - before
    # for literal_types(): the ranges of every property (through sub-properties, as rdfs7 has copied
    # the triples) and the superclasses of every class
    closure._ranges = {}
    for p, c in ranges:
        closure._ranges.setdefault(p, set()).add(c)
    closure._superclasses = {c: {c} | sc_plus.get(c, set()) for c in set(sc_plus) | {c for _, c in ranges} | {RESOURCE}}
    if progress:
        progress(5, 5)
    return closure


def _term(value: str):
    import pyoxigraph as ox

    if value.startswith("_:"):
        return ox.BlankNode(value[2:])
    return ox.NamedNode(value)


def _node_text(term) -> str | None:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return None  # a literal: not schema


def _read_schema(store) -> dict:
    schema: dict[str, set] = {"sp": set(), "sc": set(), "domain": set(), "range": set(), "typed": set()}
    for key, pred in (("sp", SUBPROP), ("sc", SUBCLASS), ("domain", DOMAIN), ("range", RANGE)):
        for row in store.query(f"SELECT ?s ?o WHERE {{ ?s <{pred}> ?o }}"):
            s, o = _node_text(row["s"]), _node_text(row["o"])
            if s is None or o is None:
                if key in ("sp", "sc") and s is not None:
                    raise UnsupportedInference(f"a literal as object of {pred}: the fast RDFS closure does not handle it")
                continue
            schema[key].add((s, o))
    values = " ".join(f"<{t}>" for t in SCHEMA_TYPES)
    for row in store.query(f"SELECT ?s ?t WHERE {{ VALUES ?t {{ {values} }} ?s <{TYPE}> ?t }}"):
        s = _node_text(row["s"])
        if s is not None:
            schema["typed"].add((s, row["t"].value))
    return schema


def _close_schema(schema: dict, predicates: set):
    """Close the schema under rdf1 (for known predicates), rdfs5, 6, 8, 10, 11, 12 and Datatype."""
    sp = set(schema["sp"])
    sc = set(schema["sc"])
    typed = set(schema["typed"])
    derived: set = set()
    while True:
        size = (len(sp), len(sc), len(typed))
        preds = predicates | {SUBPROP if sp else None, SUBCLASS if sc else None, TYPE if typed else None}
        preds.discard(None)
        for p in preds:
            typed.add((p, PROPERTY))  # rdf1
        for x, t in list(typed):
            if t == PROPERTY:
                sp.add((x, x))  # rdfs6
            elif t == CLASS:
                sc.add((x, RESOURCE))  # rdfs8
                sc.add((x, x))  # rdfs10
            elif t == CMP:
                sp.add((x, MEMBER))  # rdfs12
            elif t == DATATYPE:
                sc.add((x, LITERAL))  # owlrl's Datatype rule
        sp_plus = _closure(sp)
        sc_plus = _closure(sc)
        sp |= {(a, b) for a, bs in sp_plus.items() for b in bs}  # rdfs5
        sc |= {(a, b) for a, bs in sc_plus.items() for b in bs}  # rdfs11
        # typing of schema nodes through rdfs9 (x rdf:type C, C ⊑ Property/Class/...) and rdfs2/3
        # applied to schema-typed nodes is left to the bulk step and the next round
        if (len(sp), len(sc), len(typed)) == size:
            break
    for a, b in sp - schema["sp"]:
        derived.add((a, SUBPROP, b))
    for a, b in sc - schema["sc"]:
        derived.add((a, SUBCLASS, b))
    for x, t in typed - schema["typed"]:
        derived.add((x, TYPE, t))
    return derived, _closure(sp), _closure(sc), set(schema["domain"]), set(schema["range"]), typed


def _values(pairs) -> str:
    return " ".join(f"({_sparql(a)} {_sparql(b)})" for a, b in sorted(pairs))


def _sparql(value: str) -> str:
    return value if value.startswith("_:") else f"<{value}>"


def _bulk(store, sp_plus: dict, domains: set, ranges: set, sc_plus: dict) -> None:
    sp_pairs = {(p, q) for p, qs in sp_plus.items() for q in qs if p != q}
    _insert_pairs(store, "sp", sp_pairs, "INSERT { ?x ?q ?y } WHERE { VALUES (?p ?q) { %s } ?x ?p ?y }")
    _insert_pairs(store, "domain", domains, "INSERT { ?x <%s> ?c } WHERE { VALUES (?p ?c) { %%s } ?x ?p ?y }" % TYPE)
    _insert_pairs(store, "range", ranges, "INSERT { ?y <%s> ?c } WHERE { VALUES (?p ?c) { %%s } ?x ?p ?y FILTER(!isLiteral(?y)) }" % TYPE)
    sc_pairs = {(c, d) for c, ds in sc_plus.items() for d in ds if c != d}
    _insert_pairs(store, "sc", sc_pairs, "INSERT { ?x <%s> ?d } WHERE { VALUES (?c ?d) { %%s } ?x <%s> ?c }" % (TYPE, TYPE))


def _insert_pairs(store, rule: str, pairs: set, template: str) -> None:
    named = {(a, b) for a, b in pairs if not a.startswith("_:") and not b.startswith("_:")}
    if named:
        store.update(template % _values(named))
    for a, b in sorted(pairs - named):
        _insert_with_bnodes(store, rule, a, b)


def _insert_with_bnodes(store, rule: str, a: str, b: str) -> None:
    """A rule whose schema pair has a blank node (which a query cannot name): done with the API."""
    import pyoxigraph as ox

    dg = ox.DefaultGraph()
    rdf_type = ox.NamedNode(TYPE)
    ta, tb = _term(a), _term(b)
    if rule == "sc":
        new = [ox.Quad(q.subject, rdf_type, tb, dg) for q in store.quads_for_pattern(None, rdf_type, ta, dg)]
    elif rule == "sp":
        if not isinstance(ta, ox.NamedNode) or not isinstance(tb, ox.NamedNode):
            return  # a blank node is never a predicate of a triple
        new = [ox.Quad(q.subject, tb, q.object, dg) for q in store.quads_for_pattern(None, ta, None, dg)]
    elif rule == "domain":
        new = [ox.Quad(q.subject, rdf_type, tb, dg) for q in store.quads_for_pattern(None, ta, None, dg)] \
            if isinstance(ta, ox.NamedNode) else []
    else:
        new = [ox.Quad(q.object, rdf_type, tb, dg) for q in store.quads_for_pattern(None, ta, None, dg)
               if not isinstance(q.object, ox.Literal)] if isinstance(ta, ox.NamedNode) else []
    store.extend(new)


def _literal_equality(store) -> None:
    """owlrl's one-time rule: copy ``s p l1`` to ``s p l2`` for literals with equal rdflib values."""
    import pyoxigraph as ox

    from ..rdf.convert import rdflib_term_converter

    convert = rdflib_term_converter()
    groups: dict = {}
    for row in store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"):
        lit = row["o"]
        value = convert(lit).value
        if value is None:
            continue
        try:
            groups.setdefault(value, []).append(lit)
        except TypeError:  # an unhashable value: compare with each group (rare)
            continue
    dg = ox.DefaultGraph()
    for members in groups.values():
        if len(members) < 2:
            continue
        new = []
        for lit in members:
            for quad in store.quads_for_pattern(None, None, lit, dg):
                for other in members:
                    if other != lit:
                        new.append(ox.Quad(quad.subject, quad.predicate, other, dg))
        store.extend(new)
