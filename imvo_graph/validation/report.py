"""The outcome of a validation: its results, and the sh:ValidationReport graph they make."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

from ..rdf.namespaces import PREFIXES, REPORT, SH, PrefixTable
from ..rdf.terms import term_text, text_form

SEVERITIES = ("Violation", "Warning", "Info")


def severity_name(iri) -> str:
    """The ``severity`` of a result with ``sh:resultSeverity iri``: the local name of SHACL's
    three, the IRI itself for any other (a shapes graph may define its own severities)."""
    text = str(iri)
    if text.startswith(SH) and text[len(SH):] in SEVERITIES:
        return text[len(SH):]
    return text


def severity_iri(name: str) -> str:
    """The inverse of :func:`severity_name`."""
    return SH + name if name in SEVERITIES else name


@dataclass(frozen=True)
class Location:
    """Where the statement a result is about is written: a file, and its line and column when
    the file's format tells them (None when it cannot be told: then no line is given at all)."""

    file: str
    line: int | None = None
    column: int | None = None
    #: True when the file is one of the shipped data, ontology or shapes files
    shipped: bool = False

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@lru_cache(maxsize=None)
def _report_prefixes() -> PrefixTable:
    return PrefixTable(PREFIXES)


@lru_cache(maxsize=None)
def _converter(to: str) -> Callable:
    from ..rdf.convert import oxigraph_term_converter, rdflib_term_converter

    return oxigraph_term_converter() if to == "oxigraph" else rdflib_term_converter()


def to_oxigraph(term):
    """The pyoxigraph term of an rdflib term (None for None): how an engine's result crosses
    into a :class:`ValidationResult` (blank nodes keep their labels)."""
    return None if term is None else _converter("oxigraph")(term)


def to_rdflib(term):
    """The rdflib term of a result's pyoxigraph term (None for None), for the rdflib graphs
    that need it (the report graph, pySHACL's data and path graphs); blank nodes keep their labels."""
    return None if term is None else _converter("rdflib")(term)


@dataclass(frozen=True)
class ValidationResult:
    """One sh:ValidationResult, with plain values where a person reads them.

    Its terms are pyoxigraph terms (``NamedNode``, ``BlankNode``, ``Literal``), as in every
    public result of the package (query rows, lookups, diffs); an rdflib term from pySHACL is
    converted when the result is made (:func:`to_oxigraph`). A complex ``path`` is a blank
    node whose structure is in :attr:`ValidationReport.path_graph` (else the shapes graph)."""

    focus_node: Any  # pyoxigraph term
    path: Any  # pyoxigraph term or None (an IRI, or a blank node for a complex path)
    value: Any  # pyoxigraph term, or None
    source_shape: Any  # pyoxigraph term
    constraint_component: Any  # pyoxigraph NamedNode
    #: "Violation", "Warning" or "Info" for SHACL's severities; the full IRI of any other
    severity: str
    messages: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    #: where the statement at fault is written (see :mod:`imvo_graph.validation.locate`)
    location: Location | None = field(default=None, compare=False, hash=False)
    #: listed in the baseline given (see :mod:`imvo_graph.validation.baseline`): reported, but
    #: fails nothing
    accepted: bool = field(default=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        # One order for the messages, by language tag, whichever engine made them: pySHACL
        # gives its report graph's messages in an order that changes with the hash seed.
        if list(self.messages) != sorted(self.messages):
            object.__setattr__(self, "messages", dict(sorted(self.messages.items())))

    def message(self, lang: str = "nl") -> str:
        """The message in ``lang``, else in any language we have, else a generic one."""
        for choice in (lang, "en", "nl", ""):
            if choice in self.messages:
                return self.messages[choice]
        return next(iter(self.messages.values()), f"violates {term_text(self.constraint_component)}")

    @property
    def severity_class(self) -> str:
        """"Violation", "Warning" or "Info": the severity, or "Warning" for a severity of the
        shapes' own (a custom IRI), which reports show and count as a warning."""
        return self.severity if self.severity in SEVERITIES else "Warning"

    def key(self) -> tuple:
        """The identity of a result used when comparing validators: (focus, path, value, shape, component, severity)."""
        return (self.focus_node, self.path, self.value, self.source_shape, self.constraint_component, self.severity)


@dataclass
class ValidationReport:
    """All results of validating a graph, and the labels of the nodes they name."""

    results: list[ValidationResult]
    #: the graph validated, as rdflib holds it (pySHACL engine); None from the fast engine,
    #: whose graph stays in Oxigraph and which gives the labels in ``labels`` instead
    data_graph: "rdflib.Graph | None"
    shapes_graph: "rdflib.Graph"
    files: list = field(default_factory=list)
    #: the files the user gave (with ``with_shipped`` the shipped data is in ``files`` too)
    own_files: list = field(default_factory=list)
    #: the baseline entries (dicts) that match no result any more
    stale: list = field(default_factory=list)
    #: the graph holding the structure of complex result paths (pySHACL's results graph)
    path_graph: "rdflib.Graph | None" = None
    #: the number of triples in the data files (without the ontology mixed in)
    data_triples: int = 0
    #: node -> {language tag: label} for the focus nodes and values of the results (see
    #: :func:`imvo_graph.rdf.labels.labels_by_language`); None: read them from ``data_graph``
    labels: "dict | None" = None
    #: the engine that made the report: 'fast' (compiled) or 'pyshacl'
    engine: str = ""
    #: why engine 'auto' ran pySHACL instead of the compiled shapes (shape and feature), or None
    fallback: "str | None" = None

    def label(self, node, lang: str = "nl") -> str | None:
        """The label of ``node`` (a pyoxigraph term, as the results name them) in ``lang`` (else
        the other language, else untagged), or None."""
        from ..rdf.labels import labels_by_language, pick_label

        if self.labels is not None:
            return pick_label(self.labels.get(node, {}), lang)
        if self.data_graph is None:
            return None
        return pick_label(labels_by_language(self.data_graph, to_rdflib(node)), lang)

    @property
    def prefixes(self) -> "PrefixTable":
        """The prefixes the report's texts shorten IRIs with: the project's
        (:data:`imvo_graph.rdf.namespaces.PREFIXES`), whichever engine made the report."""
        return _report_prefixes()

    def short(self, term) -> str:
        """``term`` as the report's texts write it (:func:`imvo_graph.rdf.terms.text_form`
        with :attr:`prefixes`)."""
        return text_form(term, self.prefixes)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        """``sh:conforms`` as the SHACL specification defines it: True only when there is no
        result of any severity (warnings and infos included)."""
        return not self.results

    @property
    def has_violations(self) -> bool:
        """True when a result has severity sh:Violation: what fails ``imvo-graph validate``
        (exit 1) and a release; warnings, infos and other severities do not."""
        return bool(self.violations)

    def fails(self, strict: bool = False) -> bool:
        """True when a result not accepted by a baseline is a violation (or, with ``strict``,
        any result not accepted): exit 1 of ``imvo-graph validate``."""
        return any(not r.accepted and (strict or r.severity == "Violation") for r in self.results)

    def conforms_strictly(self) -> bool:
        """The same as :attr:`conforms` (kept for callers of earlier versions)."""
        return self.conforms

    def to_graph(self) -> "rdflib.Graph":
        """The sh:ValidationReport as an RDF graph (complex result paths copied from the shapes)."""
        from rdflib import BNode, Graph, Literal, Namespace, URIRef
        from rdflib.namespace import RDF, XSD

        from ..rdf.namespaces import PREFIXES

        sh = Namespace(SH)
        graph = Graph(bind_namespaces="none")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        report = BNode()
        graph.add((report, RDF.type, sh.ValidationReport))
        graph.add((report, sh.conforms, Literal(self.conforms, datatype=XSD.boolean)))
        for result in sorted(self.results, key=_sort_key):
            node = BNode()
            graph.add((report, sh.result, node))
            graph.add((node, RDF.type, sh.ValidationResult))
            graph.add((node, sh.focusNode, to_rdflib(result.focus_node)))
            if result.path is not None:
                path = to_rdflib(result.path)
                graph.add((node, sh.resultPath, path))
                if isinstance(path, BNode):
                    _copy_description(self.path_graph if self.path_graph is not None else self.shapes_graph, path, graph)
            if result.value is not None:
                graph.add((node, sh.value, to_rdflib(result.value)))
            graph.add((node, sh.sourceShape, to_rdflib(result.source_shape)))
            graph.add((node, sh.sourceConstraintComponent, to_rdflib(result.constraint_component)))
            graph.add((node, sh.resultSeverity, URIRef(severity_iri(result.severity))))
            for lang, text in sorted(result.messages.items()):
                graph.add((node, sh.resultMessage, Literal(text, lang=lang or None)))
            if result.location is not None:
                _add_location(graph, node, result.location)
        return graph


def _add_location(graph, node, location: Location) -> None:
    """``node imvorep:location [ imvorep:file "..." ; imvorep:line n ; imvorep:column n ]``."""
    from rdflib import BNode, Literal, Namespace
    from rdflib.namespace import XSD

    rep = Namespace(REPORT)
    graph.bind("imvorep", REPORT)
    place = BNode()
    graph.add((node, rep.location, place))
    graph.add((place, rep.file, Literal(location.file)))
    if location.line is not None:
        graph.add((place, rep.line, Literal(location.line, datatype=XSD.positiveInteger)))
        graph.add((place, rep.column, Literal(location.column, datatype=XSD.positiveInteger)))
    graph.add((place, rep.shipped, Literal(location.shipped, datatype=XSD.boolean)))


def _sort_key(result: ValidationResult) -> tuple:
    return text_key(result)


def text_key(result: ValidationResult) -> tuple:
    """The texts of a result's :meth:`~ValidationResult.key` (:func:`term_text`): the order
    reports list results in, and what a result's fingerprint is made of."""
    return tuple(term_text(part) for part in result.key())


def _copy_description(source: "rdflib.Graph", node, target: "rdflib.Graph") -> None:
    from rdflib import BNode

    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        if isinstance(o, BNode):
            _copy_description(source, o, target)


def results_from_graph(results_graph: "rdflib.Graph", shapes_graph: "rdflib.Graph | None" = None) -> list[ValidationResult]:
    """Read every sh:ValidationResult of a report graph (as pySHACL writes it).

    pySHACL drops the language tag of a SPARQL-based constraint's messages when it fills in
    their {?variables}; with ``shapes_graph`` each such message gets the language of the
    sh:message template it was made from back.
    """
    from rdflib import Literal, Namespace

    sh = Namespace(SH)
    results = []
    # Only the report's own results: pySHACL also types the nested sh:detail results of
    # sh:node as sh:ValidationResult, and those are explanations, not results of their own.
    for node in sorted(set(results_graph.objects(None, sh.result)), key=str):
        severity = results_graph.value(node, sh.resultSeverity)
        shape = results_graph.value(node, sh.sourceShape)
        templates = _message_templates(shapes_graph, shape, results_graph.value(node, sh.sourceConstraint))
        messages: dict[str, str] = {}
        # (sorted: of two messages in one language, the same one is kept on every run)
        for m in sorted(results_graph.objects(node, sh.resultMessage), key=lambda m: (getattr(m, "language", None) or "", str(m))):
            if isinstance(m, Literal):
                lang = m.language or _language_of(str(m), templates)
                messages.setdefault(lang, str(m))
        results.append(
            ValidationResult(
                focus_node=to_oxigraph(results_graph.value(node, sh.focusNode)),
                path=to_oxigraph(results_graph.value(node, sh.resultPath)),
                value=to_oxigraph(results_graph.value(node, sh.value)),
                source_shape=to_oxigraph(shape),
                constraint_component=to_oxigraph(results_graph.value(node, sh.sourceConstraintComponent)),
                severity=severity_name(severity) if severity is not None else "Violation",
                messages=messages,
            )
        )
    return results


def _message_templates(shapes_graph, shape, constraint) -> list:
    """The language-tagged sh:message literals of a shape and of its SPARQL constraints."""
    if shapes_graph is None or shape is None:
        return []
    from rdflib import Namespace

    sh = Namespace(SH)
    holders = {shape, *shapes_graph.objects(shape, sh.sparql)}
    if constraint is not None:
        holders.add(constraint)
    return [m for h in holders for m in shapes_graph.objects(h, sh.message) if getattr(m, "language", None)]


def _language_of(message: str, templates: list) -> str:
    """The language of the template that ``message`` was filled in from, or "" if none fits."""
    import re

    for template in templates:
        parts = re.split(r"\{[?$][A-Za-z_][A-Za-z0-9_]*\}", str(template))
        pattern = ".*".join(re.escape(part) for part in parts)
        if re.fullmatch(pattern, message, flags=re.S):
            return template.language
    return ""
