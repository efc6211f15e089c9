"""OWL 2 RL inference that scales: owlrl's ``OWLRL_Semantics`` closure, computed once per triple.

owlrl (``owlrl.DeductiveClosure(OWLRL_Semantics).expand(graph)``) runs every rule over every
triple of the graph, cycle after cycle, until a cycle adds nothing. Its rules are monotone (a
triple, once there, never stops a rule from firing), so its result is the least fixpoint of
those rules, whatever the order. This module computes the same fixpoint *semi-naively*:

* the store's triples are read once into integer-coded indexes (subject → predicate → objects,
  predicate → object → subjects);
* every triple, given or derived, goes through a work queue exactly once, and fires each rule
  in which it can stand for *any* antecedent, joined with the triples known so far (so each
  derivation is found when the last of its antecedents arrives, never by re-scanning);
* the rules over rdf:List structures and the rare many-antecedent ones (property chains,
  ``owl:hasKey``, max(qualified)cardinality, ``someValuesFrom``/``allValuesFrom``/``hasValue``
  restrictions and the scm-hv/svf/avf schema rules, ``intersectionOf``/``unionOf``/``oneOf``)
  are evaluated in full, with the indexes, whenever the queue runs dry, until they add nothing;
* inconsistencies are detected once, on the final graph (owlrl checks them every cycle, but
  its conditions are positive, so the final graph shows exactly the ones it reports), with
  owlrl's wording;
* the one-time rules (cls-thing, cls-nothing1, prp-ap, and owlrl's datatype rules dt-type1,
  dt-type2, dt-not-type, its subsumptions and disjointness of used datatypes) read owlrl's own
  tables (:mod:`owlrl.XsdDatatypes`, :mod:`owlrl.AxiomaticTriples`,
  :data:`owlrl.DatatypeHandling.AltXSDToPYTHON`), on the graph as it is before the cycles.

owlrl's own quirks are reproduced on purpose, as they decide its output: eq-ref for every
subject, predicate and object (literals included); the ``c != d`` guards of cax-sco, scm-sco,
scm-spo (whose ``p ⊑ p`` does not give ``p ≡ p``, unlike classes), prp-eqp and cax-eqc; the
off-by-one ranges of eq-diff2/3 and prp-adp (the last list member is never compared), of
prp-key (the last key property is not compared for the second individual), and the message of
cls-comm (which names the list, not the individual); post-processing drops every triple whose
predicate is a blank node (owlrl's generalised ``[ owl:inverseOf p ]`` triples).

Generalised triples with a literal subject (``"1"^^xsd:integer rdf:type xsd:decimal``,
``"x" owl:sameAs "x"``, the types a range gives literal values) are part of owlrl's output but
cannot be held by an RDF store: they take part in the inference here and are returned in
:attr:`OwlrlClosure.literal_subject_triples`, not stored, as the RDFS closure does.

rdf:Lists are read as owlrl reads them: rdflib's ``Graph.items`` takes the first ``rdf:first``
and ``rdf:rest`` of a node in insertion order, so the given ones win over those that
``owl:sameAs`` adds later. Not supported (raises
:class:`~imvo_graph.inference.UnsupportedInference`, where owlrl's result would depend on the
order it visits triples, or it would crash): a list node with two given (or, with none given,
two derived) ``rdf:first`` or ``rdf:rest``, cyclic lists, and a max(qualified)cardinality that
is not a literal.
"""

from __future__ import annotations

import gc
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ..rdf.namespaces import RDF, RDFS
from .errors import UnsupportedInference

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

from ..rdf.namespaces import OWL
from ..rdf.namespaces import OWLRL_ERRORS as ERR

__all__ = ["owlrl_closure", "owlrl_closure_details", "OwlrlClosure"]


@dataclass
class OwlrlClosure:
    """What :func:`owlrl_closure_details` did to a store."""

    added: int
    error_messages: list
    #: generalised triples with a literal subject (pyoxigraph terms), which owlrl keeps
    literal_subject_triples: set = field(default_factory=set)
    rounds: int = 0


def owlrl_closure(store: "pyoxigraph.Store", *, error_nodes: bool = True, progress: Callable | None = None):
    """Add owlrl's OWL 2 RL closure to the default graph of ``store``; ``(added, error_messages)``.

    ``error_nodes``: also add owlrl's ``[ a err:ErrorMessage ; err:error "..." ]`` nodes, as
    owlrl (and so pySHACL) leaves them in the graph. ``added`` counts every triple added.
    """
    result = owlrl_closure_details(store, error_nodes=error_nodes, progress=progress)
    return result.added, result.error_messages


class _Engine:
    def __init__(self):
        self.ids: dict = {}
        self.terms: list = []
        self.literal: list = []  # by id: is a literal
        self.bnode: list = []
        self.sp: dict = {}  # s -> p -> set(o)
        self.po: dict = {}  # p -> o -> set(s)
        self.queue: deque = deque()
        self.count = 0

    def intern(self, term) -> int:
        i = self.ids.get(term)
        if i is None:
            import pyoxigraph as ox

            i = len(self.terms)
            self.ids[term] = i
            self.terms.append(term)
            self.literal.append(isinstance(term, ox.Literal))
            self.bnode.append(isinstance(term, ox.BlankNode))
        return i

    def has(self, s, p, o) -> bool:
        ps = self.sp.get(s)
        if ps is None:
            return False
        os_ = ps.get(p)
        return os_ is not None and o in os_

    def add(self, s, p, o) -> bool:
        if self.literal[p]:
            return False  # owlrl's store_triple never adds a literal predicate
        ps = self.sp.get(s)
        if ps is None:
            ps = self.sp[s] = {}
        os_ = ps.get(p)
        if os_ is None:
            os_ = ps[p] = set()
        elif o in os_:
            return False
        os_.add(o)
        om = self.po.get(p)
        if om is None:
            om = self.po[p] = {}
        ss = om.get(o)
        if ss is None:
            om[o] = {s}
        else:
            ss.add(s)
        self.queue.append((s, p, o))
        self.count += 1
        return True

    def objects(self, s, p):
        ps = self.sp.get(s)
        if ps is None:
            return ()
        return ps.get(p, ())

    def subjects(self, p, o):
        om = self.po.get(p)
        if om is None:
            return ()
        return om.get(o, ())

    def pairs(self, p):
        """(s, o) for every triple with predicate p."""
        om = self.po.get(p)
        if not om:
            return []
        return [(s, o) for o, ss in om.items() for s in ss]


def owlrl_closure_details(store: "pyoxigraph.Store", *, error_nodes: bool = True,
                          progress: Callable | None = None) -> OwlrlClosure:
    """:func:`owlrl_closure`, with the generalised triples (literal subjects) kept."""
    with collector_paused():
        return _closure(store, error_nodes, progress)


_pauses = 0
_pause_lock = threading.Lock()
_collector_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block, as it was after the last block ends.

    The closure makes millions of small tuples and no cycles, and the collector's passes over
    them cost about a fifth of the time at a million triples (benchmarks/code-choices.md).
    CPython's collector has one switch for the process, so
    it is off while any closure runs (in any thread); closures that overlap in threads count
    themselves in and out, and the last one out puts the collector back as the first one in
    found it (a caller that switched it off itself keeps it off)."""
    global _pauses, _collector_was_enabled
    with _pause_lock:
        if _pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _collector_was_enabled:
                gc.enable()


def _closure(store, error_nodes: bool, progress) -> OwlrlClosure:
    import pyoxigraph as ox

    e = _Engine()
    dg = ox.DefaultGraph()
    for q in store.quads_for_pattern(None, None, None, dg):
        e.add(e.intern(q.subject), e.intern(q.predicate), e.intern(q.object))
    e.queue.clear()
    if progress:
        progress(1, 4)
    iri = lambda v: e.intern(ox.NamedNode(v))  # noqa: E731
    V = _Vocabulary(iri)
    initial = [(s, p, o) for s, ps in e.sp.items() for p, os_ in ps.items() for o in os_]
    errors: list = []

    def error(message: str) -> None:
        if message not in errors:
            errors.append(message)

    # one-time rules, on the graph before the cycles (queued: they take part in the cycles)
    pending = _one_time_triples(e, V, iri, initial, error)
    for t in initial:
        e.queue.append(t)
    for s, p, o in pending:
        e.add(s, p, o)
    lists = _Lists(e, V)

    rounds = 0
    while True:
        rounds += 1
        while e.queue:
            _fire(e, V, e.queue.popleft())
        before = e.count
        _global_rules(e, V, lists)
        if e.count == before:
            break
    if progress:
        progress(2, 4)
    _errors(e, V, lists, error)

    # post-processing: owlrl drops every triple with a blank-node predicate; a store cannot hold
    # a literal subject (those are returned apart)
    T = e.terms
    initial_set = set(initial)
    literal_subject: set = set()
    new: list = []
    for s, ps in e.sp.items():
        s_literal = e.literal[s]
        for p, os_ in ps.items():
            if e.bnode[p]:
                continue
            if s_literal:
                literal_subject.update((T[s], T[p], T[o]) for o in os_)
                continue
            new.extend(ox.Quad(T[s], T[p], T[o], dg) for o in os_ if (s, p, o) not in initial_set)
    if error_nodes and errors:
        rdf_type, kind, err = ox.NamedNode(RDF + "type"), ox.NamedNode(ERR + "ErrorMessage"), ox.NamedNode(ERR + "error")
        for message in errors:
            node = ox.BlankNode()
            new.append(ox.Quad(node, rdf_type, kind, dg))
            new.append(ox.Quad(node, err, ox.Literal(message), dg))
    store.extend(new)
    if progress:
        progress(4, 4)
    return OwlrlClosure(added=len(new), error_messages=errors, literal_subject_triples=literal_subject, rounds=rounds)


class _Vocabulary:
    """The terms the rules use, as attributes named by their local names (``V.sameAs``), each an
    interned term id; most are set in a loop over names."""

    if TYPE_CHECKING:  # the attributes set from the list of names below
        def __getattr__(self, name: str) -> Any: ...

    def __init__(self, iri):
        r, s, o = RDF, RDFS, OWL
        self.type = iri(r + "type")
        self.first = iri(r + "first")
        self.rest = iri(r + "rest")
        self.nil = iri(r + "nil")
        self.Property = iri(r + "Property")
        self.subClassOf = iri(s + "subClassOf")
        self.subPropertyOf = iri(s + "subPropertyOf")
        self.domain = iri(s + "domain")
        self.range = iri(s + "range")
        self.Datatype = iri(s + "Datatype")
        for name in ("sameAs differentFrom AllDifferent members distinctMembers FunctionalProperty "
                     "InverseFunctionalProperty IrreflexiveProperty SymmetricProperty AsymmetricProperty "
                     "TransitiveProperty AllDisjointProperties propertyChainAxiom equivalentProperty "
                     "propertyDisjointWith inverseOf hasKey sourceIndividual assertionProperty "
                     "targetIndividual targetValue Nothing Thing Class intersectionOf unionOf complementOf "
                     "someValuesFrom allValuesFrom onProperty hasValue maxCardinality "
                     "maxQualifiedCardinality onClass oneOf equivalentClass disjointWith AllDisjointClasses "
                     "ObjectProperty DatatypeProperty AnnotationProperty").split():
            setattr(self, name, iri(o + name))
        #: interned predicate -> its schema rules (:data:`SCHEMA_RULES`)
        self.schema_rules = {getattr(self, name): rule for name, rule in SCHEMA_RULES.items()}


def _one_time_triples(e: _Engine, V: _Vocabulary, iri, initial: list, error) -> list:
    """owlrl's one_time_rules: cls-thing, cls-nothing1, prp-ap, and its datatype rules."""
    from owlrl.AxiomaticTriples import OWLRL_Datatypes_Disjointness
    from owlrl.DatatypeHandling import AltXSDToPYTHON
    from owlrl.OWLRL import OWLRL_Annotation_properties
    from owlrl.XsdDatatypes import OWL_Datatype_Subsumptions, OWL_RL_Datatypes
    from rdflib import URIRef

    from ..rdf.literals import as_written as restore

    out = [(V.Thing, V.type, V.Class), (V.Nothing, V.type, V.Class)]
    out += [(iri(str(a)), V.type, V.AnnotationProperty) for a in OWLRL_Annotation_properties]
    rl_datatypes = {str(d) for d in OWL_RL_Datatypes}
    subsumptions = {str(k): [str(v) for v in vs] for k, vs in OWL_Datatype_Subsumptions.items()}

    # implicit: literal -> its datatype, for the literals of the graph typed with an OWL RL datatype
    # (as rdflib sees them: a language-tagged literal has no datatype; a plain one is xsd:string)
    implicit: dict = {}
    for _, _, o in initial:
        if e.literal[o] and o not in implicit:
            lit = restore(e.terms[o])
            if lit.language:
                continue
            dt = lit.datatype.value
            if dt in rl_datatypes:
                implicit[o] = dt
    used = set(implicit.values())
    for lt, dt in implicit.items():
        out.append((lt, V.type, iri(dt)))  # dt-type2
        converter = AltXSDToPYTHON.get(URIRef(dt))
        if converter is not None:  # dt-not-type
            lexical = _rdflib_lexical(e.terms[lt])
            try:
                converter(lexical)
            except ValueError:
                error("Lexical value of the literal '%s' does not match its datatype (%s)" % (lexical, dt))
    explicit: dict = {}
    rl_ids = {iri(d): d for d in rl_datatypes}
    for s, o in e.pairs(V.type):
        if o in rl_ids:
            used.add(rl_ids[o])
            if s not in implicit:
                explicit.setdefault(s, set()).add(o)
    for s, o in e.pairs(V.sameAs):
        if o in implicit:
            explicit.setdefault(s, set()).add(iri(implicit[o]))
        if o in explicit:
            explicit.setdefault(s, set()).add(o)
        if s in explicit:
            explicit.setdefault(o, set()).add(s)
    for d in rl_datatypes:  # dt-type1
        out.append((iri(d), V.type, V.Datatype))
    for dts in explicit.values():
        for dt in dts:
            out.append((dt, V.type, V.Datatype))

    def subsume(r, dt: str):
        for new in subsumptions.get(dt, ()):
            out.append((r, V.type, iri(new)))
            out.append((iri(new), V.type, V.Datatype))
            used.add(new)

    for r, dts in explicit.items():
        for dt in dts:
            subsume(r, e.terms[dt].value if not e.literal[dt] and not e.bnode[dt] else "")
    for r, dt in implicit.items():
        subsume(r, dt)
    for a, _, b in OWLRL_Datatypes_Disjointness:
        if str(a) in used and str(b) in used:
            out.append((iri(str(a)), V.disjointWith, iri(str(b))))
    return out


class _Lists:
    """rdf:Lists as owlrl reads them (rdflib's ``Graph.items``, which takes a node's *first*
    rdf:first and rdf:rest in insertion order): a node's value from the given graph wins over
    values inference adds later (``owl:sameAs`` on a member or node); a node that has none given
    and more than one derived is refused (owlrl's choice would depend on its triple order)."""

    def __init__(self, e: _Engine, V: _Vocabulary):
        self.e, self.V = e, V
        self.given: dict[Any, dict] = {V.first: {}, V.rest: {}}
        for p, values in self.given.items():
            for s, o in e.pairs(p):
                if s in values:
                    raise UnsupportedInference("an rdf:List node with two rdf:first or rdf:rest values")
                values[s] = o

    def _value(self, node, p):
        given = self.given[p].get(node)
        if given is not None:
            return given
        values = self.e.objects(node, p)
        if len(values) > 1:
            raise UnsupportedInference("an rdf:List node with two derived rdf:first or rdf:rest values")
        return next(iter(values)) if values else None

    def items(self, head) -> list:
        out = []
        seen = {head}
        node = head
        while node is not None:
            first = self._value(node, self.V.first)
            if first is not None:
                out.append(first)
            node = self._value(node, self.V.rest)
            if node is not None:
                if node in seen:
                    raise UnsupportedInference("a cyclic rdf:List")
                seen.add(node)
        return out


def _fire(e: _Engine, V: _Vocabulary, t) -> None:
    """Every triggered rule with ``t`` as one of its antecedents (the others from the graph): the
    rules every triple fires as a data triple, then those its predicate fires it for as a schema
    triple (:data:`SCHEMA_RULES`)."""
    s, p, o = t
    _as_data_triple(e, V, s, p, o)
    rule = V.schema_rules.get(p)
    if rule is not None:
        rule(e, V, s, o)


def _as_data_triple(e: _Engine, V: _Vocabulary, s, p, o) -> None:
    """eq-ref, eq-rep-*, prp-dom, prp-rng, prp-spo1, prp-eqp, prp-inv and the property
    characteristics (prp-fp, prp-ifp, prp-symp, prp-trp) with ``(s, p, o)`` as the data triple."""
    add, objects, subjects = e.add, e.objects, e.subjects
    SA, TYPE, SP = V.sameAs, V.type, V.subPropertyOf

    # eq-ref
    add(s, SA, s)
    add(o, SA, o)
    add(p, SA, p)
    # eq-rep-s / eq-rep-p / eq-rep-o with t as the data triple
    for z in list(objects(s, SA)):
        if z != s:
            add(z, p, o)
    for q in list(objects(p, SA)):
        if q != p:
            add(s, q, o)
    for w in list(subjects(SA, o)):
        if w != o:
            add(s, p, w)
    # prp-dom, prp-rng, prp-spo1, prp-eqp, prp-inv with t as the data triple
    for c in list(objects(p, V.domain)):
        add(s, TYPE, c)
    for c in list(objects(p, V.range)):
        add(o, TYPE, c)
    for q in list(objects(p, SP)):
        add(s, q, o)
    for q in list(objects(p, V.equivalentProperty)):
        if q != p:
            add(s, q, o)
    for q in list(subjects(V.equivalentProperty, p)):
        if q != p:
            add(s, q, o)
    for q in list(objects(p, V.inverseOf)):
        add(o, q, s)
    for q in list(subjects(V.inverseOf, p)):
        add(o, q, s)
    ptypes = objects(p, TYPE)
    if ptypes:
        if V.FunctionalProperty in ptypes:
            for y2 in list(objects(s, p)):
                if y2 != o:
                    add(o, SA, y2)
                    add(y2, SA, o)
        if V.InverseFunctionalProperty in ptypes:
            for x2 in list(subjects(p, o)):
                if x2 != s:
                    add(s, SA, x2)
                    add(x2, SA, s)
        if V.SymmetricProperty in ptypes:
            add(o, p, s)
        if V.TransitiveProperty in ptypes:
            for z in list(objects(o, p)):
                add(s, p, z)
            for w in list(subjects(p, s)):
                add(w, p, o)


def _typing_triple(e: _Engine, V: _Vocabulary, s, o) -> None:
    """The rules with ``(s, type, o)`` as the schema triple."""
    add, objects, subjects = e.add, e.objects, e.subjects
    TYPE, SC, SP = V.type, V.subClassOf, V.subPropertyOf
    c = o
    # cax-sco, cax-eqc with t as the typing triple
    for d in list(objects(c, SC)):
        if d != c:
            add(s, TYPE, d)
    for d in list(objects(c, V.equivalentClass)):
        if d != c:
            add(s, TYPE, d)
    for d in list(subjects(V.equivalentClass, c)):
        if d != c:
            add(s, TYPE, d)
    # t as the schema triple
    if o == V.FunctionalProperty:
        _pairs_fp(e, s, V)
    elif o == V.InverseFunctionalProperty:
        _pairs_ifp(e, s, V)
    elif o == V.SymmetricProperty:
        for x, y in e.pairs(s):
            add(y, s, x)
    elif o == V.TransitiveProperty:
        for x, y in e.pairs(s):
            for z in list(objects(y, s)):
                add(x, s, z)
    elif o == V.Class:  # scm-cls
        add(s, SC, s)
        add(s, V.equivalentClass, s)
        add(s, SC, V.Thing)
        add(V.Nothing, SC, s)
    elif o == V.ObjectProperty or o == V.DatatypeProperty or o == V.Property:  # scm-op, scm-dp
        add(s, SP, s)
        add(s, V.equivalentProperty, s)


def _same_as_triple(e: _Engine, V: _Vocabulary, s, o) -> None:
    """The rules with ``(s, sameAs, o)`` as the schema triple."""
    add, objects, subjects = e.add, e.objects, e.subjects
    SA = V.sameAs
    x, y = s, o
    add(y, SA, x)  # eq-sym
    for z in list(objects(y, SA)):  # eq-trans, t first
        add(x, SA, z)
    for w in list(subjects(SA, x)):  # eq-trans, t second
        add(w, SA, y)
    if x != y:
        for pp, oos in list(e.sp.get(x, {}).items()):  # eq-rep-s
            for oo in list(oos):
                add(y, pp, oo)
        for ss, oo in e.pairs(x):  # eq-rep-p
            add(ss, y, oo)
        for pp, om in list(e.po.items()):  # eq-rep-o
            for ss in list(om.get(y, ())):
                add(ss, pp, x)


def _domain_triple(e: _Engine, V: _Vocabulary, s, o) -> None:
    """The rules with ``(s, domain, o)`` as the schema triple: prp-dom, scm-dom1, scm-dom2."""
    _domain_or_range_triple(e, V, s, o, V.domain, end=0)


def _range_triple(e: _Engine, V: _Vocabulary, s, o) -> None:
    """The rules with ``(s, range, o)`` as the schema triple: prp-rng, scm-rng1, scm-rng2."""
    _domain_or_range_triple(e, V, s, o, V.range, end=1)


def _domain_or_range_triple(e: _Engine, V: _Vocabulary, s, o, prop, *, end: int) -> None:
    """The rules with ``(s, prop, o)`` as the schema triple, ``prop`` rdfs:domain (``end`` 0: the
    subject of each ``(x, s, y)`` is typed) or rdfs:range (``end`` 1: its object is)."""
    add, objects, subjects = e.add, e.objects, e.subjects
    TYPE, SC, SP = V.type, V.subClassOf, V.subPropertyOf
    for pair in e.pairs(s):  # prp-dom / prp-rng
        add(pair[end], TYPE, o)
    for c2 in list(objects(o, SC)):  # scm-dom1 / scm-rng1
        if c2 != o:
            add(s, prop, c2)
    for p1 in list(subjects(SP, s)):  # scm-dom2 / scm-rng2
        if p1 != s:
            add(p1, prop, o)


def _sub_property_triple(e: _Engine, V: _Vocabulary, s, o) -> None:
    """The rules with ``(s, subPropertyOf, o)`` as the schema triple."""
    add, objects, subjects, has = e.add, e.objects, e.subjects, e.has
    SP = V.subPropertyOf
    p1, p2 = s, o
    for x, y in e.pairs(p1):  # prp-spo1
        add(x, p2, y)
    if p1 != p2:
        for p3 in list(objects(p2, SP)):  # scm-spo, t first
            if p3 != p1:
                add(p1, SP, p3)
        if has(p2, SP, p1):  # scm-eqp2
            add(p1, V.equivalentProperty, p2)
        for c in list(objects(p2, V.domain)):  # scm-dom2, t as the sub-property triple
            add(p1, V.domain, c)
        for c in list(objects(p2, V.range)):  # scm-rng2
            add(p1, V.range, c)
    for p0 in list(subjects(SP, p1)):  # scm-spo, t second
        if p0 != p1 and p0 != p2:
            add(p0, SP, p2)


def _equivalent_property_triple(e: _Engine, V: _Vocabulary, s, o) -> None:
    """The rules with ``(s, equivalentProperty, o)`` as the schema triple."""
    add = e.add
    SP = V.subPropertyOf
    if s != o:
        for x, y in e.pairs(s):  # prp-eqp1
            add(x, o, y)
        for x, y in e.pairs(o):  # prp-eqp2
            add(x, s, y)
        add(s, SP, o)  # scm-eqp
        add(o, SP, s)


def _inverse_of_triple(e: _Engine, V: _Vocabulary, s, o) -> None:
    """The rules with ``(s, inverseOf, o)`` as the schema triple."""
    add = e.add
    for x, y in e.pairs(s):  # prp-inv1
        add(y, o, x)
    for x, y in e.pairs(o):  # prp-inv2
        add(y, s, x)


def _sub_class_triple(e: _Engine, V: _Vocabulary, s, o) -> None:
    """The rules with ``(s, subClassOf, o)`` as the schema triple."""
    add, objects, subjects, has = e.add, e.objects, e.subjects, e.has
    TYPE, SC = V.type, V.subClassOf
    c1, c2 = s, o
    if c1 != c2:
        for x in list(subjects(TYPE, c1)):  # cax-sco
            add(x, TYPE, c2)
        for c3 in list(objects(c2, SC)):  # scm-sco, t first
            if c3 != c1:
                add(c1, SC, c3)
        for pp in list(subjects(V.domain, c1)):  # scm-dom1, t as the subclass triple
            add(pp, V.domain, c2)
        for pp in list(subjects(V.range, c1)):  # scm-rng1
            add(pp, V.range, c2)
    for c0 in list(subjects(SC, c1)):  # scm-sco, t second
        if c0 != c1 and c0 != c2:
            add(c0, SC, c2)
    if has(c2, SC, c1):  # scm-eqc2
        add(c1, V.equivalentClass, c2)


def _equivalent_class_triple(e: _Engine, V: _Vocabulary, s, o) -> None:
    """The rules with ``(s, equivalentClass, o)`` as the schema triple."""
    add, subjects = e.add, e.subjects
    TYPE, SC = V.type, V.subClassOf
    if s != o:
        for x in list(subjects(TYPE, s)):  # cax-eqc1
            add(x, TYPE, o)
        for x in list(subjects(TYPE, o)):  # cax-eqc2
            add(x, TYPE, s)
        add(s, SC, o)  # scm-eqc
        add(o, SC, s)


#: The rule table: a predicate (the vocabulary's name for it) -> the rules a triple with that
#: predicate fires as the schema triple (every triple also fires :func:`_as_data_triple`).
SCHEMA_RULES: dict[str, Callable] = {
    "type": _typing_triple,
    "sameAs": _same_as_triple,
    "domain": _domain_triple,
    "range": _range_triple,
    "subPropertyOf": _sub_property_triple,
    "equivalentProperty": _equivalent_property_triple,
    "inverseOf": _inverse_of_triple,
    "subClassOf": _sub_class_triple,
    "equivalentClass": _equivalent_class_triple,
}


def _pairs_fp(e: _Engine, p, V) -> None:
    for ps in list(e.sp.values()):
        ys = ps.get(p)
        if ys and len(ys) > 1:
            ys = list(ys)
            for y1 in ys:
                for y2 in ys:
                    if y1 != y2:
                        e.add(y1, V.sameAs, y2)


def _pairs_ifp(e: _Engine, p, V) -> None:
    for xs in list(e.po.get(p, {}).values()):
        if len(xs) > 1:
            xs = list(xs)
            for x1 in xs:
                for x2 in xs:
                    if x1 != x2:
                        e.add(x1, V.sameAs, x2)


def _literal_value(e: _Engine, term_id):
    from ..rdf.convert import rdflib_term_converter
    from ..rdf.literals import as_written as restore

    if not e.literal[term_id]:
        raise UnsupportedInference("a max(qualified)cardinality that is not a literal")
    return rdflib_term_converter()(restore(e.terms[term_id])).value


def _global_rules(e: _Engine, V: _Vocabulary, lists: _Lists) -> None:
    """The list-based and many-antecedent rules, in full (they are rare in data): :data:`GLOBAL_RULES` in order."""
    for rule in GLOBAL_RULES:
        rule(e, V, lists)


def _class_constructor_rules(e: _Engine, V: _Vocabulary, lists: _Lists) -> None:
    """cls-int1, cls-int2, scm-int, cls-uni, scm-uni, cls-oo: intersections, unions and enumerations."""
    add, subjects, has = e.add, e.subjects, e.has
    TYPE, SC = V.type, V.subClassOf
    # cls-int1, cls-int2, scm-int
    for c, l in e.pairs(V.intersectionOf):
        classes = lists.items(l)
        if classes:
            for y in list(subjects(TYPE, classes[0])):
                if all(has(y, TYPE, cl) for cl in classes[1:]):
                    add(y, TYPE, c)
        for y in list(subjects(TYPE, c)):
            for cl in classes:
                add(y, TYPE, cl)
        for cl in classes:
            add(c, SC, cl)
    # cls-uni, scm-uni
    for c, l in e.pairs(V.unionOf):
        for cl in lists.items(l):
            for y in list(subjects(TYPE, cl)):
                add(y, TYPE, c)
            add(cl, SC, c)
    # cls-oo
    for c, l in e.pairs(V.oneOf):
        for y in lists.items(l):
            add(y, TYPE, c)


def _property_chain_rules(e: _Engine, V: _Vocabulary, lists: _Lists) -> None:
    """prp-spo2: property chains."""
    add, objects = e.add, e.objects
    # prp-spo2
    for p, l in e.pairs(V.propertyChainAxiom):
        chain = lists.items(l)
        if not chain:
            continue
        for u1, z in e.pairs(chain[0]):
            ends = {z}
            for pi in chain[1:]:
                ends = {u for ui in ends for u in objects(ui, pi)}
                if not ends:
                    break
            for un in ends:
                add(u1, p, un)


def _key_rules(e: _Engine, V: _Vocabulary, lists: _Lists) -> None:
    """prp-key: keys."""
    add, objects, subjects, has = e.add, e.objects, e.subjects, e.has
    TYPE, SA = V.type, V.sameAs
    # prp-key
    for c, l in e.pairs(V.hasKey):
        pis = lists.items(l)
        if not pis:
            continue
        members = list(subjects(TYPE, c))
        for x in members:
            if not all(objects(x, pi) for pi in pis):
                continue
            for y in members:
                if y == x or has(y, SA, x) or has(x, SA, y):
                    continue
                if all(not set(objects(x, pis[i])).isdisjoint(objects(y, pis[i])) for i in range(len(pis) - 1)):
                    add(x, SA, y)


def _restriction_rules(e: _Engine, V: _Vocabulary, lists: _Lists) -> None:
    """cls-svf1/2, cls-avf, cls-hv1/2: value restrictions."""
    add, objects, subjects, has = e.add, e.objects, e.subjects, e.has
    TYPE = V.type
    # cls-svf1/2, cls-avf, cls-hv1/2, cls-maxc2, cls-maxqc3/4
    for xx, y in e.pairs(V.someValuesFrom):
        for pp in list(objects(xx, V.onProperty)):
            for u, v in e.pairs(pp):
                if y == V.Thing or has(v, TYPE, y):
                    add(u, TYPE, xx)
    for xx, y in e.pairs(V.allValuesFrom):
        for pp in list(objects(xx, V.onProperty)):
            for u in list(subjects(TYPE, xx)):
                for v in list(objects(u, pp)):
                    add(v, TYPE, y)
    for xx, y in e.pairs(V.hasValue):
        for pp in list(objects(xx, V.onProperty)):
            for u in list(subjects(TYPE, xx)):
                add(u, pp, y)
            for u in list(subjects(pp, y)):
                add(u, TYPE, xx)


def _cardinality_rules(e: _Engine, V: _Vocabulary, lists: _Lists) -> None:
    """cls-maxc2, cls-maxqc3/4: a maximum (qualified) cardinality of 1."""
    add, objects, has = e.add, e.objects, e.has
    TYPE, SA = V.type, V.sameAs
    for xx, n in e.pairs(V.maxCardinality):
        if _literal_value(e, n) == 1:
            for pp in list(objects(xx, V.onProperty)):
                for u, y1 in e.pairs(pp):
                    if has(u, TYPE, xx):
                        for y2 in list(objects(u, pp)):
                            if y1 != y2:
                                add(y1, SA, y2)
    for xx, n in e.pairs(V.maxQualifiedCardinality):
        if _literal_value(e, n) == 1:
            for pp in list(objects(xx, V.onProperty)):
                for cc in list(objects(xx, V.onClass)):
                    for u, y1 in e.pairs(pp):
                        if not has(u, TYPE, xx):
                            continue
                        if cc == V.Thing:
                            for y2 in list(objects(u, pp)):
                                if y1 != y2:
                                    add(y1, SA, y2)
                        elif has(y1, TYPE, cc):
                            for y2 in list(objects(u, pp)):
                                if y1 != y2 and has(y2, TYPE, cc):
                                    add(y1, SA, y2)


def _restriction_schema_rules(e: _Engine, V: _Vocabulary, lists: _Lists) -> None:
    """scm-hv, scm-svf1/2, scm-avf1/2: restrictions as subclasses of each other."""
    add, objects, subjects, has = e.add, e.objects, e.subjects, e.has
    SC, SP = V.subClassOf, V.subPropertyOf
    # scm-hv
    for c1, i in e.pairs(V.hasValue):
        for p1 in list(objects(c1, V.onProperty)):
            for c2 in list(subjects(V.hasValue, i)):
                for p2 in list(objects(c2, V.onProperty)):
                    if has(p1, SP, p2):
                        add(c1, SC, c2)
    # scm-svf1/2, scm-avf1/2
    for restriction, (_sub1, sub2) in ((V.someValuesFrom, (False, False)), (V.allValuesFrom, (False, True))):
        for c1, y1 in e.pairs(restriction):
            for pp in list(objects(c1, V.onProperty)):
                for c2 in list(subjects(V.onProperty, pp)):
                    for y2 in list(objects(c2, restriction)):
                        if has(y1, SC, y2):
                            add(c1, SC, c2)
            for p1 in list(objects(c1, V.onProperty)):
                for c2 in list(subjects(restriction, y1)):
                    for p2 in list(objects(c2, V.onProperty)):
                        if has(p1, SP, p2):
                            if sub2:
                                add(c2, SC, c1)
                            else:
                                add(c1, SC, c2)


#: The rules :func:`_global_rules` evaluates in full whenever the work queue runs dry, in order.
GLOBAL_RULES: tuple[Callable, ...] = (
    _class_constructor_rules,
    _property_chain_rules,
    _key_rules,
    _restriction_rules,
    _cardinality_rules,
    _restriction_schema_rules,
)


def _s(e: _Engine, i) -> str:
    """A term as owlrl's messages print it (``"%s" % term`` of the rdflib term)."""
    if e.literal[i]:
        return _rdflib_lexical(e.terms[i])
    return e.terms[i].value


def _rdflib_lexical(literal) -> str:
    """The lexical form rdflib gives a literal (it normalises some valid ones, "01" to "1")."""
    from ..rdf.convert import rdflib_term_converter
    from ..rdf.literals import as_written as restore

    return str(rdflib_term_converter()(restore(literal)))


def _errors(e: _Engine, V: _Vocabulary, lists: _Lists, error) -> None:
    """owlrl's inconsistency checks, on the final graph, with its messages: :data:`ERROR_CHECKS` in order."""
    for check in ERROR_CHECKS:
        check(e, V, lists, error)


def _equality_errors(e: _Engine, V: _Vocabulary, lists: _Lists, error) -> None:
    """eq-diff1, eq-diff2, eq-diff3: sameAs against differentFrom and AllDifferent."""
    objects, subjects, has = e.objects, e.subjects, e.has
    TYPE, SA = V.type, V.sameAs
    S = lambda i: _s(e, i)  # noqa: E731
    # eq-diff1
    for s, o in e.pairs(SA):
        if has(s, V.differentFrom, o) or has(o, V.differentFrom, s):
            error("'sameAs' and 'differentFrom' cannot be used on the same subject-object pair: (%s, %s)" % (S(s), S(o)))
    # eq-diff2, eq-diff3 (owlrl never compares the last member)
    for x in list(subjects(TYPE, V.AllDifferent)):
        for y in list(objects(x, V.members)) + list(objects(x, V.distinctMembers)):
            zis = lists.items(y)
            for i in range(0, len(zis) - 1):
                for j in range(i + 1, len(zis) - 1):
                    zi, zj = zis[i], zis[j]
                    if (has(zi, SA, zj) or has(zj, SA, zi)) and zi != zj:
                        error("'sameAs' and 'AllDifferent' cannot be used on the same subject-object "
                              "pair: (%s, %s)" % (S(zi), S(zj)))


def _property_errors(e: _Engine, V: _Vocabulary, lists: _Lists, error) -> None:
    """prp-irp, prp-asyp, prp-adp, prp-pdw, prp-npa1/2: irreflexive, asymmetric and disjoint properties, negative assertions."""
    objects, subjects, has = e.objects, e.subjects, e.has
    TYPE = V.type
    S = lambda i: _s(e, i)  # noqa: E731
    for p in list(subjects(TYPE, V.IrreflexiveProperty)):  # prp-irp
        for x, y in e.pairs(p):
            if x == y:
                error("Irreflexive property used on %s with %s" % (S(x), S(p)))
    for p in list(subjects(TYPE, V.AsymmetricProperty)):  # prp-asyp
        for x, y in e.pairs(p):
            if has(y, p, x):
                error("Erroneous usage of asymmetric property %s on %s and %s" % (S(p), S(x), S(y)))
    for x0 in list(subjects(TYPE, V.AllDisjointProperties)):  # prp-adp (owlrl's ranges)
        for y0 in list(objects(x0, V.members)):
            pis = lists.items(y0)
            for i in range(0, len(pis) - 1):
                for j in range(i + 1, len(pis) - 1):
                    pi, pj = pis[i], pis[j]
                    for x, y in e.pairs(pi):
                        if has(x, pj, y):
                            error("Disjoint properties in an 'AllDisjointProperties' are not really "
                                  "disjoint: (%s, %s,%s) and (%s,%s,%s)" % (S(x), S(pi), S(y), S(x), S(pj), S(y)))
    for p1, p2 in e.pairs(V.propertyDisjointWith):  # prp-pdw
        for x, y in e.pairs(p1):
            if has(x, p2, y):
                error("Erroneous usage of disjoint properties %s and %s on %s and %s" % (S(p1), S(p2), S(x), S(y)))
    for x, i1 in e.pairs(V.sourceIndividual):  # prp-npa1, prp-npa2
        for p1 in list(objects(x, V.assertionProperty)):
            for i2 in list(objects(x, V.targetIndividual)):
                if has(i1, p1, i2):
                    error("Negative (object) property assertion violated for: (%s, %s, %s)" % (S(i1), S(p1), S(i2)))
            for i2 in list(objects(x, V.targetValue)):
                if has(i1, p1, i2):
                    error("Negative (datatype) property assertion violated for: (%s, %s, %s)" % (S(i1), S(p1), S(i2)))


def _class_errors(e: _Engine, V: _Vocabulary, lists: _Lists, error) -> None:
    """cls-nothing2, cls-comm, cls-maxc1, cls-maxqc1/2: Nothing, complements, a maximum cardinality of 0."""
    objects, subjects, has = e.objects, e.subjects, e.has
    TYPE = V.type
    S = lambda i: _s(e, i)  # noqa: E731
    for c in list(subjects(TYPE, V.Nothing)):  # cls-nothing2
        error("%s is defined of type 'Nothing'" % S(c))
    for c1, c2 in e.pairs(V.complementOf):  # cls-comm (owlrl names the complement, not the individual)
        for x1 in list(subjects(TYPE, c1)):
            if has(x1, TYPE, c2):
                error("Violation of complementarity for classes %s and %s on element %s" % (S(c1), S(c2), S(c2)))
    for xx, n in e.pairs(V.maxCardinality):  # cls-maxc1
        if _literal_value(e, n) == 0:
            for pp in list(objects(xx, V.onProperty)):
                for u, y in e.pairs(pp):
                    if has(u, TYPE, xx):
                        error("Erroneous usage of maximum cardinality with %s and %s" % (S(xx), S(y)))
    for xx, n in e.pairs(V.maxQualifiedCardinality):  # cls-maxqc1, cls-maxqc2
        if _literal_value(e, n) == 0:
            for pp in list(objects(xx, V.onProperty)):
                for cc in list(objects(xx, V.onClass)):
                    for u, y in e.pairs(pp):
                        if (has(y, TYPE, cc) or cc == V.Thing) and has(u, TYPE, xx):
                            error("Erroneous usage of maximum qualified cardinality with %s, %s and %s"
                                  % (S(xx), S(cc), S(y)))


def _disjoint_class_errors(e: _Engine, V: _Vocabulary, lists: _Lists, error) -> None:
    """cax-dw, cax-adc: disjoint classes with a common individual."""
    objects, subjects, has = e.objects, e.subjects, e.has
    TYPE = V.type
    S = lambda i: _s(e, i)  # noqa: E731
    for c1, c2 in e.pairs(V.disjointWith):  # cax-dw
        for x in list(subjects(TYPE, c1)):
            if has(x, TYPE, c2):
                error("Disjoint classes %s and %s have a common individual %s" % (S(c1), S(c2), S(x)))
    for x in list(subjects(TYPE, V.AllDisjointClasses)):  # cax-adc
        for y in list(objects(x, V.members)):
            classes = lists.items(y)
            for i in range(0, len(classes) - 1):
                cl1 = classes[i]
                for z in list(subjects(TYPE, cl1)):
                    for cl2 in classes[i + 1:]:
                        if has(z, TYPE, cl2):
                            error("Disjoint classes %s and %s have a common individual %s" % (S(cl1), S(cl2), S(z)))


#: owlrl's inconsistency checks, in the order it reports them.
ERROR_CHECKS: tuple[Callable, ...] = (
    _equality_errors,
    _property_errors,
    _class_errors,
    _disjoint_class_errors,
)
