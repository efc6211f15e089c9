"""The constraint components of the compiled engine, in one table (as pySHACL's
``ALL_CONSTRAINT_COMPONENTS``): for each, the parameter that switches it on, the component IRI
its results name, and what the engine does with it.

* **compiled**: one compiler, a method ``_c_<parameter>`` of
  :class:`~imvo_graph.validation.fast.runner.FastValidator` (from the mixin of its family, one
  module per family as in pySHACL: :mod:`.value_type`, :mod:`.cardinality`, ...), turns the
  constraint into SPARQL over all focus nodes at once;
* **not compiled**: the engine stops before any result is kept
  (:class:`~.common.UnsupportedShapeError`, naming the shape and the feature): ``--engine fast``
  refuses the shapes (exit 2), ``--engine auto`` runs the validation on pySHACL instead. The same
  holds for a SHACL-SPARQL component the shapes graph declares itself (``sh:ConstraintComponent``
  with ``sh:parameter``: see :meth:`.shapes.ShapesIndex.shape`).

What the specification forbids (SPARQL with MINUS, VALUES, SERVICE, ...; recursion on the same
nodes) is refused by every engine as bad shapes (:class:`~imvo_graph.errors.ShapesError`), not
listed here: that is not a choice of this engine.

Parameters read by a component of their own (``sh:qualifiedMinCount`` by
``sh:qualifiedValueShape``, ``sh:ignoredProperties`` by ``sh:closed``, ...) and the
non-validating ones (``sh:name``, ``sh:order``, ...) are in :data:`NOT_CONSTRAINTS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..report import SH

COMPILED = "compiled"
NOT_COMPILED = "not compiled"


@dataclass(frozen=True)
class Component:
    """One constraint component: ``sh:<parameter>`` switches it on; results name ``sh:<name>``."""

    parameter: str
    name: str
    status: str
    #: the module (family) of its compiler, as pySHACL's ``constraints/core/<family>``
    family: str = ""
    #: for a component not compiled: what it is, for the message that names it
    feature: str = ""

    @property
    def iri(self) -> str:
        return SH + self.name

    @property
    def compiler(self) -> str | None:
        """The name of the FastValidator method that compiles it (None if not compiled)."""
        return f"_c_{self.parameter}" if self.status == COMPILED else None


def _compiled(family: str, *pairs: tuple[str, str]) -> list[Component]:
    return [Component(parameter, name, COMPILED, family) for parameter, name in pairs]


#: Every constraint component the engine knows, compiled or not.
ALL_CONSTRAINT_COMPONENTS: tuple[Component, ...] = (
    *_compiled("value_type", ("class", "ClassConstraintComponent"), ("datatype", "DatatypeConstraintComponent"),
               ("nodeKind", "NodeKindConstraintComponent")),
    *_compiled("cardinality", ("minCount", "MinCountConstraintComponent"), ("maxCount", "MaxCountConstraintComponent")),
    *_compiled("value_range", ("minExclusive", "MinExclusiveConstraintComponent"),
               ("minInclusive", "MinInclusiveConstraintComponent"), ("maxExclusive", "MaxExclusiveConstraintComponent"),
               ("maxInclusive", "MaxInclusiveConstraintComponent")),
    *_compiled("string_based", ("minLength", "MinLengthConstraintComponent"), ("maxLength", "MaxLengthConstraintComponent"),
               ("pattern", "PatternConstraintComponent"), ("languageIn", "LanguageInConstraintComponent"),
               ("uniqueLang", "UniqueLangConstraintComponent")),
    *_compiled("property_pair", ("equals", "EqualsConstraintComponent"), ("disjoint", "DisjointConstraintComponent"),
               ("lessThan", "LessThanConstraintComponent"),
               ("lessThanOrEquals", "LessThanOrEqualsConstraintComponent")),
    *_compiled("logical", ("not", "NotConstraintComponent"), ("and", "AndConstraintComponent"),
               ("or", "OrConstraintComponent"), ("xone", "XoneConstraintComponent")),
    # sh:qualifiedValueShape: its results name QualifiedMinCount/QualifiedMaxCountConstraintComponent
    *_compiled("shape_based", ("node", "NodeConstraintComponent"), ("property", "PropertyConstraintComponent"),
               ("qualifiedValueShape", "QualifiedValueShapeConstraintComponent")),
    *_compiled("other", ("closed", "ClosedConstraintComponent"), ("hasValue", "HasValueConstraintComponent"),
               ("in", "InConstraintComponent")),
    *_compiled("sparql", ("sparql", "SPARQLConstraintComponent")),
    Component("rule", "", NOT_COMPILED, feature="SHACL-AF sh:rule"),
    Component("expression", "ExpressionConstraintComponent", NOT_COMPILED, feature="SHACL-AF sh:expression"),
    Component("js", "JSConstraintComponent", NOT_COMPILED, feature="SHACL-JS sh:js"),
)

#: parameter -> its component
BY_PARAMETER: dict[str, Component] = {c.parameter: c for c in ALL_CONSTRAINT_COMPONENTS}
#: the parameters the engine compiles, and those it does not (fast refuses, auto falls back)
SUPPORTED = frozenset(c.parameter for c in ALL_CONSTRAINT_COMPONENTS if c.status == COMPILED)
NOT_SUPPORTED = frozenset(c.parameter for c in ALL_CONSTRAINT_COMPONENTS if c.status == NOT_COMPILED)

#: Shape parameters that are no constraint component of their own: read by one (the qualified
#: counts, sh:flags, sh:ignoredProperties, ...), by the targets, or not validating at all.
NOT_CONSTRAINTS = frozenset({
    "path", "severity", "message", "deactivated", "name", "description", "order", "group", "defaultValue",
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target", "prefixes", "declare",
    "select", "ask", "flags", "ignoredProperties",
})


def component_name(parameter: str) -> str:
    """The local name (in the SHACL namespace) of the component ``sh:<parameter>`` switches on."""
    return BY_PARAMETER[parameter].name
