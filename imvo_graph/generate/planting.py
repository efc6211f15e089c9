"""Planted violations: one per chosen resource, of a kind the seed picks, each recorded so that
the tests can check a validator finds it. One function per kind (:data:`PLANTERS`)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from ..rdf.namespaces import RDF_TYPE, RDFS_LABEL, SKOS, XSD
from .template import DATE_PROPERTIES, DEF, ID, ONTOLOGY

VIOLATION_KINDS = (
    "missing-dutch-label",
    "date-not-a-date",
    "date-after-letter",
    "untyped-reference",
    "wrong-paper-number",
    "undefined-term",
)


@dataclass(frozen=True)
class PlantedViolation:
    kind: str
    focus: str  # the IRI of the resource whose result the validator must report
    path: str | None  # the property the result is about
    copy: int
    note: str = ""
    value: str | None = None  # the planted value, where it is a resource (results may be about it too)


@dataclass
class _Planting:
    """The graph being planted: its quads, which are removed, which are added."""

    quads: list
    by_subject: dict
    removed: set = field(default_factory=set)
    added: list = field(default_factory=list)
    undefined: int = 0

    def rows(self, s, keep: Callable) -> list[int]:
        """The indexes of the subject's quads (not removed) for which ``keep(quad)``."""
        return [i for i in self.by_subject[s] if i not in self.removed and keep(self.quads[i])]


def plant(quads: list, rng: random.Random, rate: float) -> tuple[list, list[PlantedViolation]]:
    """Apply one violation to ``rate`` of the typed resources; return the new quads and the plan."""
    import pyoxigraph as ox

    by_subject: dict = {}
    for i, q in enumerate(quads):
        by_subject.setdefault(q.subject, []).append(i)
    typed = _typed_resources(quads)
    wanted = max(1, round(rate * len(typed)))
    rng.shuffle(typed)
    state = _Planting(quads, by_subject)
    planted: list[PlantedViolation] = []
    for s in typed:
        if len(planted) >= wanted:
            break
        kinds = list(VIOLATION_KINDS)
        rng.shuffle(kinds)
        for kind in kinds:
            done = PLANTERS[kind](state, s, ox.DefaultGraph())
            if done is not None:
                planted.append(done)
                break
    out = [q for i, q in enumerate(quads) if i not in state.removed] + state.added
    return out, planted


def _typed_resources(quads: list) -> list:
    """The instances of the project (typed, under ``{base}/id/``, not concepts), by IRI."""
    import pyoxigraph as ox

    types: dict = {}
    for q in quads:
        if q.predicate.value == RDF_TYPE and isinstance(q.subject, ox.NamedNode):
            types.setdefault(q.subject, set()).add(q.object.value)
    return sorted(
        (s for s in types if s.value.startswith(ID) and not (types[s] & {SKOS + "Concept", SKOS + "ConceptScheme"})),
        key=lambda s: s.value,
    )


def _copy_of(s) -> int:
    """The copy a resource belongs to, from its ``-g{k}`` suffix (0 for the template's own)."""
    tail = s.value.partition("#")[0]
    if "-g" in tail.rsplit("/", 1)[-1]:
        try:
            return int(tail.rsplit("-g", 1)[1])
        except ValueError:
            return 0
    return 0


def _missing_dutch_label(state: _Planting, s, dg) -> PlantedViolation | None:
    import pyoxigraph as ox

    nl = [i for i in state.by_subject[s] if state.quads[i].predicate.value == RDFS_LABEL
          and isinstance(state.quads[i].object, ox.Literal) and state.quads[i].object.language == "nl"]
    if not nl:
        return None
    state.removed.update(nl)
    return PlantedViolation("missing-dutch-label", s.value, RDFS_LABEL, _copy_of(s), "no rdfs:label in Dutch")


def _date(kind: str, value_of: Callable, note: str):
    def planter(state: _Planting, s, dg) -> PlantedViolation | None:
        import pyoxigraph as ox

        dates = state.rows(s, lambda q: q.predicate.value in DATE_PROPERTIES)
        if not dates:
            return None
        q = state.quads[dates[0]]
        state.removed.add(dates[0])
        state.added.append(ox.Quad(s, q.predicate, value_of(ox), dg))
        return PlantedViolation(kind, s.value, q.predicate.value, _copy_of(s), note)

    return planter


def _untyped_reference(state: _Planting, s, dg) -> PlantedViolation | None:
    import pyoxigraph as ox

    refs = state.rows(s, lambda q: q.predicate.value.startswith(DEF) and isinstance(q.object, ox.NamedNode)
                      and q.object.value.startswith(ID) and q.predicate.value not in (DEF + "addressedIn",))
    if not refs:
        return None
    q = state.quads[refs[0]]
    state.removed.add(refs[0])
    state.added.append(ox.Quad(s, q.predicate, ox.NamedNode(q.object.value + "-onbekend"), dg))
    return PlantedViolation("untyped-reference", s.value, q.predicate.value, _copy_of(s),
                            "refers to a resource that has no type", value=q.object.value + "-onbekend")


def _wrong_paper_number(state: _Planting, s, dg) -> PlantedViolation | None:
    import pyoxigraph as ox

    nums = state.rows(s, lambda q: q.predicate.value == DEF + "kamerstukNumber")
    if not nums:
        return None
    q = state.quads[nums[0]]
    state.removed.add(nums[0])
    state.added.append(ox.Quad(s, q.predicate, ox.Literal(q.object.value + "0"), dg))
    return PlantedViolation("wrong-paper-number", s.value, DEF + "kamerstukNumber", _copy_of(s),
                            "number does not match dossier and sub-number")


def _undefined_term(state: _Planting, s, dg) -> PlantedViolation | None:
    import pyoxigraph as ox

    state.undefined += 1
    term = f"{DEF}undefinedTerm{state.undefined}"
    state.added.append(ox.Quad(s, ox.NamedNode(term), ox.Literal("x"), dg))
    return PlantedViolation("undefined-term", ONTOLOGY, None, _copy_of(s),
                            f"uses {term}, which the ontology does not declare", value=s.value)


#: kind -> the function that plants it on a resource (None when the resource has nothing to plant it on)
PLANTERS: dict[str, Callable] = {
    "missing-dutch-label": _missing_dutch_label,
    "date-not-a-date": _date("date-not-a-date", lambda ox: ox.Literal("onbekend"),
                             "a date property with a string value"),
    "date-after-letter": _date("date-after-letter", lambda ox: ox.Literal("2099-01-01", datatype=ox.NamedNode(XSD + "date")),
                               "a past date after the letter's date"),
    "untyped-reference": _untyped_reference,
    "wrong-paper-number": _wrong_paper_number,
    "undefined-term": _undefined_term,
}
