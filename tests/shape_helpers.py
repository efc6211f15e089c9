"""Helpers for the SHACL shape tests: load the shapes and the model, validate a graph, read results.

Validation is done the way the project validates (see docs/model.md and issue 3): no inference,
with ``ontology/imvo.ttl`` and ``ontology/code-lists.ttl`` mixed into the data graph (a union, so
that ``sh:class`` follows the ontology's subclass axioms and the code-list concepts are
visible), SHACL-AF enabled, warnings allowed, all results reported. Each fixture runs on the
project's fast engine (:mod:`imvo_graph.validation.fast`); pySHACL gives the same results on
every fixture, checked in batches of fixtures that cannot change each other's results
(:func:`fixture_batches`, each fixture's own nodes renamed apart: :func:`own_statements`), one
pySHACL run per batch instead of one per fixture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHAPES_DIR = ROOT / "shapes"
ONTOLOGY_DIR = ROOT / "ontology"
DATA_DIR = ROOT / "data"
FIXTURES_DIR = Path(__file__).resolve().parent / "shapes"
#: A small valid letter context that every fixture is validated together with (unless it says
#: ``# context: none``): the letter, a section and some paragraphs, the signatory, the addressee.
CONTEXT_FILE = FIXTURES_DIR / "context.ttl"

SH = "http://www.w3.org/ns/shacl#"

#: Prefixes usable in fixture headers (``# expect-focus: conv:x``) besides the fixture's own.
PREFIXES = {
    "sh": SH,
    "imvosh": "https://w3id.org/imvo-graph/def/shapes#",
    "imvo": "https://w3id.org/imvo-graph/def#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "opengov": "http://www.w3.org/ns/opengov#",
}

SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Result:
    """One sh:ValidationResult, reduced to what the tests compare."""

    focus: object
    path: object | None
    shape: object
    severity: str
    value: object | None = None
    messages: tuple = ()

    def key(self) -> tuple:
        return (normalise(self.focus), self.path, self.shape, self.severity)

    def message(self, lang: str) -> str | None:
        for text, language in self.messages:
            if language == lang:
                return text
        return None


def parse_files(paths, graph=None):
    from rdflib import Graph

    graph = Graph() if graph is None else graph
    for path in paths:
        graph.parse(str(path), format="turtle")
    return graph


@lru_cache(maxsize=1)
def shapes_graph():
    """All shapes files together (they are meant to be loaded together)."""
    return parse_files(sorted(SHAPES_DIR.glob("*.ttl")))


@lru_cache(maxsize=1)
def ontology_graph():
    """ontology/imvo.ttl and ontology/code-lists.ttl."""
    return parse_files(sorted(ONTOLOGY_DIR.glob("*.ttl")))


@lru_cache(maxsize=1)
def context_graph():
    return parse_files([CONTEXT_FILE])


def data_graph():
    """The shipped data (every data/*.ttl)."""
    return parse_files(sorted(DATA_DIR.glob("*.ttl")))


ENGINES = ("fast", "pyshacl")


def validate(data, shapes=None, ontology=None, engine: str = "fast") -> list[Result]:
    """Validate ``data`` (an rdflib Graph) with the ontology and code lists mixed in, no inference.

    ``engine``: 'fast' (the project's default engine) or 'pyshacl'. Returns every result
    (violations, warnings, infos).
    """
    from rdflib import Graph

    shapes = shapes_graph() if shapes is None else shapes
    ontology = ontology_graph() if ontology is None else ontology
    if engine == "fast":  # (the same statements: the data's and the ontology's, in one store)
        return fast_results(data, shapes, ontology)
    if engine != "pyshacl":
        raise ValueError(f"unknown engine {engine!r}")
    mixed = Graph()
    mixed += data
    mixed += ontology
    return pyshacl_results(mixed, shapes)


def pyshacl_results(mixed, shapes) -> list[Result]:
    """pySHACL's results on ``mixed`` (validated in place: blank nodes keep their identity)."""
    import logging
    import warnings

    import pyshacl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("pyshacl").setLevel(logging.ERROR)
        _conforms, results_graph, _text = pyshacl.validate(
            mixed,
            shacl_graph=shapes,
            inference="none",
            allow_warnings=True,
            allow_infos=True,
            advanced=True,
            abort_on_first=False,
            inplace=True,
        )
    return read_results(results_graph, shapes)


def fast_results(mixed, shapes, ontology=None) -> list[Result]:
    """The fast engine's results on the statements of ``mixed`` and ``ontology`` (an rdflib graph
    mixed in, if given) (literals as written, the same blank nodes), in one thread (the tests run
    in parallel processes)."""
    from imvo_graph.validation.fast import store_of
    from imvo_graph.validation.fast.runner import FastValidator
    from imvo_graph.validation.report import to_rdflib

    quads = oxigraph_quads(mixed)
    if ontology is not None:
        quads += _project_ontology_quads() if ontology is ontology_graph() else oxigraph_quads(ontology)
    store = store_of(quads)
    # (a store made for this validation, as the package's own validate() makes one: the engine
    # keeps its helper graphs in it while it runs instead of validating a copy of it)
    validator = FastValidator(store, shapes, threads=1, scratch=True)
    validator.index = shapes_index(shapes)
    # (the results' pyoxigraph terms as rdflib terms, as the fixtures and pySHACL give them)
    return [
        Result(
            focus=to_rdflib(r.focus_node),
            path=to_rdflib(r.path),
            shape=to_rdflib(r.source_shape),
            severity=r.severity,
            value=to_rdflib(r.value),
            messages=tuple(sorted((text, lang) for lang, text in r.messages.items())),
        )
        for r in validator.validate()
    ]


def oxigraph_quads(graph) -> list:
    """The statements of an rdflib graph as pyoxigraph quads (literals as written, blank nodes
    keep their labels)."""
    import pyoxigraph as ox

    from imvo_graph.rdf.convert import oxigraph_term_converter

    convert = oxigraph_term_converter()
    return [ox.Quad(convert(s), convert(p), convert(o)) for s, p, o in graph]


@lru_cache(maxsize=1)
def _project_ontology_quads() -> tuple:
    return tuple(oxigraph_quads(ontology_graph()))


def shapes_index(shapes):
    """The fast engine's reading of ``shapes`` (its shapes, parameters, paths and targets: nothing
    of the data). For the project's shapes (:func:`shapes_graph`, never changed) it is read once
    per process and shared by the runs over the fixtures; :func:`validate_store` would read it
    again for each of them."""
    from imvo_graph.validation.fast.shapes import ShapesIndex

    return _project_shapes_index() if shapes is shapes_graph() else ShapesIndex(shapes)


@lru_cache(maxsize=1)
def _project_shapes_index():
    from imvo_graph.validation.fast.shapes import ShapesIndex

    return ShapesIndex(shapes_graph())


def message_templates(shape, shapes) -> list:
    """The sh:message literals that can produce a result of ``shape``: its own, and those of its
    SPARQL constraints."""
    from rdflib import Namespace

    sh = Namespace(SH)
    templates = list(shapes.objects(shape, sh.message))
    for constraint in shapes.objects(shape, sh.sparql):
        templates.extend(shapes.objects(constraint, sh.message))
    return templates


def template_regex(template: str):
    """A regular expression matching a message made from ``template`` ({?var} / {$var} filled in)."""
    parts = re.split(r"\{[?$][^{}]+\}", template)
    return re.compile("(?s)" + ".*".join(re.escape(part) for part in parts))


def restore_languages(messages, shape, shapes) -> tuple:
    """pySHACL (0.40) drops the language tag of the messages of SPARQL-based constraints when it
    fills in their variables. Find each untagged message's template and take its language."""
    restored = []
    templates = message_templates(shape, shapes)
    for text, language in messages:
        if not language:
            for template in templates:
                if template.language and template_regex(str(template)).fullmatch(text):
                    language = template.language
                    break
        restored.append((text, language))
    return tuple(sorted(restored))


def read_results(results_graph, shapes=None) -> list[Result]:
    from rdflib import Literal, Namespace

    sh = Namespace(SH)
    shapes = shapes_graph() if shapes is None else shapes
    results = []
    # Only the report's own results: pySHACL also types the nested sh:detail results (of sh:node,
    # sh:or, ...) as sh:ValidationResult, and those are not results of the data graph.
    for node in results_graph.objects(None, sh.result):
        severity = results_graph.value(node, sh.resultSeverity)
        messages = restore_languages(
            [(str(m), m.language or "") for m in results_graph.objects(node, sh.resultMessage) if isinstance(m, Literal)],
            results_graph.value(node, sh.sourceShape),
            shapes,
        )
        results.append(
            Result(
                focus=results_graph.value(node, sh.focusNode),
                path=results_graph.value(node, sh.resultPath),
                shape=results_graph.value(node, sh.sourceShape),
                severity=str(severity).rsplit("#", 1)[-1],
                value=results_graph.value(node, sh.value),
                messages=messages,
            )
        )
    return results


# --------------------------------------------------------------------------------------------
# Fixtures: small Turtle files with the expected outcome in a header of comments
# --------------------------------------------------------------------------------------------

HEADER_LINE = re.compile(r"^#\s*(expect-focus|expect-path|expect-shape|expect-severity|expect-value|expect|exercises|context)\s*:\s*(.*?)\s*$")


@dataclass
class Expectation:
    focus: object
    path: object | None
    shape: object
    severity: str
    value: object | None = None
    number: int = 0  # the fixture's (:func:`all_fixtures`)

    def key(self) -> tuple:
        return (self.focus, self.path, self.shape, self.severity)


@dataclass
class Fixture:
    path: Path
    conforms: bool
    expectations: list
    exercises: list
    with_context: bool
    number: int = 0  # its place in :func:`all_fixtures` (:func:`own_iri`)

    @property
    def name(self) -> str:
        return str(self.path.relative_to(FIXTURES_DIR))


#: Stands for "a blank node" in an expectation (``# expect-focus: _:blank``).
BLANK = "_:blank"


def normalise(term):
    """Blank nodes compare as BLANK (their labels differ from run to run)."""
    from rdflib import BNode

    return BLANK if isinstance(term, BNode) else term


def expand(term: str, prefixes: dict):
    """An IRI from ``<...>``, a CURIE, BLANK for ``_:blank``, or None for ``-``."""
    from rdflib import URIRef

    term = term.strip()
    if term in ("-", "none", ""):
        return None
    if term == BLANK:
        return BLANK
    if term.startswith("<") and term.endswith(">"):
        return URIRef(term[1:-1])
    prefix, sep, local = term.partition(":")
    if sep and prefix in prefixes:
        return URIRef(prefixes[prefix] + local)
    raise ValueError(f"cannot expand {term!r}: unknown prefix")


def fixture_prefixes(path: Path) -> dict:
    prefixes = dict(PREFIXES)
    for match in re.finditer(r"@prefix\s+([\w-]*):\s*<([^>]*)>", path.read_text(encoding="utf-8")):
        prefixes[match.group(1)] = match.group(2)
    return prefixes


def read_fixture(path: Path, number: int = 0) -> Fixture:
    """Read the header of a fixture.

    Header keys (comment lines at any place in the file, usually at the top):

    - ``# expect: conforms`` for a good example (no result at all, warnings included), and
      ``# exercises: imvosh:A imvosh:B`` naming the shapes that must have a focus node in it;
    - for a bad example, one block per expected result::

        # expect-focus: <iri> or curie
        # expect-path: curie, or - for no path
        # expect-shape: curie of the source shape
        # expect-severity: Violation | Warning | Info
        # expect-value: optional, an IRI (curie) the result's sh:value must be

      The results must be exactly the expected ones: nothing more, nothing less.
    - ``# context: none`` to validate the fixture without tests/shapes/context.ttl.
    """
    prefixes = fixture_prefixes(path)
    conforms = False
    exercises: list = []
    expectations: list = []
    with_context = True
    current: dict = {}

    def flush():
        if current:
            missing = {"expect-focus", "expect-path", "expect-shape", "expect-severity"} - set(current)
            if missing:
                raise ValueError(f"{path}: expectation without {', '.join(sorted(missing))}")
            severity = current["expect-severity"]
            if severity not in SEVERITIES:
                raise ValueError(f"{path}: unknown severity {severity!r}")
            expectations.append(
                Expectation(
                    focus=expand(current["expect-focus"], prefixes),
                    path=expand(current["expect-path"], prefixes),
                    shape=expand(current["expect-shape"], prefixes),
                    severity=severity,
                    value=expand(current["expect-value"], prefixes) if "expect-value" in current else None,
                    number=number,
                )
            )
            current.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADER_LINE.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "expect":
            if value != "conforms":
                raise ValueError(f"{path}: '# expect:' only takes 'conforms'")
            conforms = True
        elif key == "exercises":
            exercises.extend(expand(t, prefixes) for t in value.split())
        elif key == "context":
            with_context = value != "none"
        else:
            if key == "expect-focus":
                flush()
            if key in current:
                raise ValueError(f"{path}: {key} given twice in one expectation")
            current[key] = value
    flush()
    if conforms and expectations:
        raise ValueError(f"{path}: a fixture either conforms or has expected results, not both")
    if not conforms and not expectations:
        raise ValueError(f"{path}: no '# expect: conforms' and no '# expect-focus:' block")
    return Fixture(path=path, conforms=conforms, expectations=expectations, exercises=exercises,
                   with_context=with_context, number=number)


def all_fixtures() -> list[Fixture]:
    return [read_fixture(p, number) for number, p in enumerate(_fixture_paths())]


@lru_cache(maxsize=1)
def _fixture_paths() -> tuple:
    """The fixture files, each at its number (:attr:`Fixture.number`)."""
    return tuple(p for p in sorted(FIXTURES_DIR.rglob("*.ttl")) if p != CONTEXT_FILE)


def fixture_graph(fixture: Fixture):
    from rdflib import Graph

    graph = Graph()
    if fixture.with_context:
        graph += context_graph()
    parse_files([fixture.path], graph)
    return graph


#: IRIs a shape reads as text together with a literal (imvosh:PaperIriRule: a motion's or paper's
#: IRI is made of its number; imvosh:PaperLinkRule: so is its link on officielebekendmakingen.nl):
#: :func:`own_statements` keeps them as the fixture writes them, but for their dossier numbers,
#: which it renumbers in them and in the fixture's literals together (:func:`own_dossier`).
TIED_NAMESPACES = (
    "https://w3id.org/imvo-graph/id/motie/",
    "https://w3id.org/imvo-graph/id/kamerstuk/",
    "https://zoek.officielebekendmakingen.nl/",
)


@lru_cache(maxsize=1)
def shared_iris() -> frozenset:
    """The IRIs of the ontology and the context (as subject or object): every fixture may use them."""
    from rdflib import URIRef

    return frozenset(t for graph in (ontology_graph(), context_graph()) for s, _p, o in graph
                     for t in (s, o) if isinstance(t, URIRef))


@lru_cache(maxsize=1)
def shape_iris() -> frozenset:
    """The IRIs the shapes name (a concept scheme of sh:hasValue, a code of sh:in, ...)."""
    from rdflib import URIRef

    return frozenset(t for s, _p, o in shapes_graph() for t in (s, o) if isinstance(t, URIRef))


def _vocabulary(iri) -> bool:
    return str(iri).startswith(tuple(PREFIXES.values()))


def _kept(iri) -> bool:
    """An IRI :func:`own_iri` does not rename (but for its dossier numbers: :func:`own_dossier`)
    although a fixture may describe it."""
    return iri in shape_iris() or str(iri).startswith(TIED_NAMESPACES)


#: A dossier number of the parliament (five digits, as imvosh:ParliamentaryPaperShape-dossierNumber
#: asks), not part of a longer run of digits
DOSSIER = re.compile(r"(?<![0-9])[0-9]{5}(?![0-9])")


def own_dossier(dossier: str, number: int) -> str:
    """A dossier number as fixture ``number`` has it of its own in a batch: five digits still, its
    first and last digit kept and the fixture's number (below 1000) between them, so that
    fixtures that describe the same motion or paper (motie/34725-XVII-7) describe different ones
    with the same statements but for the number: in their IRIs (:func:`own_iri`), their
    officielebekendmakingen.nl links and their number literals (:func:`own_statements`) alike,
    so that imvosh:PaperIriRule, PaperNumberRule and PaperLinkRule find each fixture's number
    consistent or not as before, and every sh:pattern matches or fails as before."""
    assert number < 1000, "own_dossier: a fixture number of four digits"
    return f"{dossier[0]}{number:03d}{dossier[-1]}"


#: A paragraph's anchor, the fragment of its IRI (imvosh:ParagraphShape-anchor: ``^p[0-9]{2}$``)
PARAGRAPH = re.compile(r"(?<![A-Za-z0-9])p[0-9]{2}(?![0-9])")


@lru_cache(maxsize=None)
def own_paragraphs(number: int) -> dict:
    """The anchors of paragraphs of the context's letter as fixture ``number`` has them of its own
    in a batch: each paragraph anchor written in the fixture (pNN, in an IRI or a literal) ->
    another pNN (the pattern holds) that neither the fixture nor the context writes, chosen by
    the fixture's number, so that fixtures that describe the same paragraph (brief:p09) describe
    different ones. :func:`own_iri` renames a paragraph of the letter the context describes that
    the context does not hold (brief:p09, not brief:p08), and :func:`own_statements` the same
    anchors in the fixture's literals (imvo:anchor "p09"), so that imvosh:SectionIriRule finds
    an IRI and its anchor matching or not as before. (Two fixtures that get the same anchor
    describe the same node: :func:`fixture_batches` puts them apart.)"""
    written = sorted(set(PARAGRAPH.findall(_fixture_paths()[number].read_text(encoding="utf-8"))))
    reserved = set(written) | {str(i).partition("#")[2] for i in shared_iris() if "#" in str(i)}
    free = [f"p{n:02d}" for n in range(100) if f"p{n:02d}" not in reserved]
    assert len(free) > len(written), f"{_fixture_paths()[number]}: too many paragraph anchors for own_paragraphs"
    return {anchor: free[(number * len(written) + i) % len(free)] for i, anchor in enumerate(written)}


def _own_anchor(term, number: int) -> str | None:
    """The anchor fixture ``number`` has of its own for ``term``, a part of the context's letter
    (``{letter}#{anchor}``) that the context does not hold, or None for any other term: a
    paragraph's (pNN) from :func:`own_paragraphs`; a section's (a slug) with ``-f{number}``
    after it, which keeps imvosh:SectionShape-anchor's pattern (``^[a-z0-9]+(-[a-z0-9]+)*$``)
    matching or failing as before."""
    from rdflib import URIRef

    if not isinstance(term, URIRef) or term in shared_iris():
        return None
    base, sep, fragment = str(term).partition("#")
    if not sep or not fragment or URIRef(base) not in shared_iris():
        return None
    return own_paragraphs(number).get(fragment, f"{fragment}-f{number}")


def _own_dossiers(text: str, number: int, dossiers=None) -> str:
    """``text`` with its dossier numbers (those of ``dossiers`` only, if given) renumbered."""
    def renumber(match):
        token = match.group()
        return own_dossier(token, number) if dossiers is None or token in dossiers else token

    return DOSSIER.sub(renumber, text)


def own_iri(iri, number: int):
    """``iri`` as fixture number ``number`` has it of its own in a batch (:func:`own_statements`):
    the IRI of a node of the fixture gets ``-f{number}`` after its path (before a ``#``, so that
    a letter and its sections keep their relation; a TOOI ministry gets digits, as its pattern
    asks), so that fixtures that reuse a name (organisatie/ser, a meeting) describe different
    nodes. Unchanged: terms of the vocabularies, the nodes of the ontology and the context (and
    their fragments, but for a paragraph or section of the context's letter that the context does
    not hold, which gets an anchor of its own: :func:`_own_anchor`), the IRIs the shapes name and those
    of :data:`TIED_NAMESPACES`, where only the dossier numbers are renumbered
    (:func:`own_dossier`). The renamed IRIs keep every
    sh:pattern of the shapes matching or failing as before (a suffix of a hyphen, lower-case
    letters and digits after a slug)."""
    from rdflib import URIRef

    if not isinstance(iri, URIRef) or iri in shared_iris() or _vocabulary(iri) or iri in shape_iris():
        return iri
    if str(iri).startswith(TIED_NAMESPACES):
        return URIRef(_own_dossiers(str(iri), number))
    base, sep, fragment = str(iri).partition("#")
    if (anchor := _own_anchor(iri, number)) is not None:
        return URIRef(base + sep + anchor)
    if sep and (URIRef(base) in shared_iris() or _kept(URIRef(base))):
        return iri
    suffix = f"0{number:03d}" if base.startswith("https://identifier.overheid.nl/tooi/id/") else f"-f{number}"
    return URIRef(base + suffix + sep + fragment)


def own_statements(fixture: Fixture):
    """The fixture's statements (without the context), its own nodes renamed by :func:`own_iri`,
    and the dossier numbers of its IRIs of :data:`TIED_NAMESPACES` and the anchors of the
    paragraphs it renames changed in its literals too (a paper's imvo:kamerstukNumber and
    imvo:dossierNumber: :func:`own_dossier`; a paragraph's or section's imvo:anchor:
    :func:`_own_anchor`)."""
    from rdflib import Graph, Literal, URIRef

    statements = parse_files([fixture.path])
    dossiers = {m.group() for t in statements.all_nodes() if isinstance(t, URIRef) and str(t).startswith(TIED_NAMESPACES)
                for m in DOSSIER.finditer(str(t))}
    own = {own_dossier(d, fixture.number) for d in dossiers}
    assert len(own) == len(dossiers), f"{fixture.name}: two dossier numbers renumbered alike (own_dossier)"
    # (the anchors of the letter's parts own_iri renames: a paragraph's pNN wherever the fixture
    # writes it, a section's slug as the object of imvo:anchor)
    anchors = {str(t).partition("#")[2]: a for t in statements.all_nodes()
               if (a := _own_anchor(t, fixture.number)) is not None}
    paragraphs = {old: new for old, new in anchors.items() if old in own_paragraphs(fixture.number)}
    anchor = URIRef(PREFIXES["imvo"] + "anchor")

    def literal(text: str) -> str:
        if dossiers:
            text = _own_dossiers(text, fixture.number, dossiers)
        if paragraphs:
            text = PARAGRAPH.sub(lambda m: paragraphs.get(m.group(), m.group()), text)
        return text

    def term(t, p=None):
        if isinstance(t, Literal):
            text = anchors[str(t)] if p == anchor and str(t) in anchors else literal(str(t))
            return t if text == str(t) else Literal(text, lang=t.language, datatype=t.datatype, normalize=False)
        return own_iri(t, fixture.number)

    graph = Graph()
    for s, p, o in statements:
        graph.add((term(s), p, term(o, p)))
    return graph


def own_expectation(e: Expectation) -> Expectation:
    """An expectation of a fixture about its statements as :func:`own_statements` names them."""
    return Expectation(focus=own_iri(e.focus, e.number), path=e.path, shape=e.shape, severity=e.severity,
                       value=own_iri(e.value, e.number))


def fixture_batches(fixtures) -> list[list[Fixture]]:
    """The fixtures in groups that can be validated together, each fixture's results unchanged,
    each fixture's statements as :func:`own_statements` names them: two fixtures of a group
    share no IRI outside the ontology, the context and the vocabularies (so none adds a
    statement about, or a type to, a node of another), except an IRI that is not renamed
    (:func:`own_iri`) and that both describe with the same statements (a concept scheme); and
    none states anything about a node of the ontology or the context (such a fixture is a group
    of its own). Fixtures with and without the context are never grouped together. Greedy, in
    fixture order."""
    from rdflib import URIRef

    shared = shared_iris()
    groups: list[tuple[bool, dict | None, list]] = []
    for fixture in fixtures:
        own = own_statements(fixture)
        if any(s in shared for s in own.subjects()):
            groups.append((fixture.with_context, None, [fixture]))
            continue
        iris = {t for s, _p, o in own for t in (s, o) if isinstance(t, URIRef) and not _vocabulary(t)} - shared
        # (what a fixture's IRI stands for: for one that is not renamed, its statements)
        mine = {iri: frozenset(own.predicate_objects(iri)) if _kept(iri) else fixture.number for iri in iris}
        for with_context, taken, members in groups:
            if (with_context == fixture.with_context and taken is not None
                    and all(taken.get(iri, meaning) == meaning for iri, meaning in mine.items())):
                taken.update(mine)
                members.append(fixture)
                break
        else:
            groups.append((fixture.with_context, dict(mine), [fixture]))
    return [members for _c, _t, members in groups]


def batch_graph(fixtures):
    """One graph of several fixtures (each parsed on its own: blank nodes stay apart, and its
    own nodes renamed: :func:`own_statements`), with the context if they are validated with it."""
    from rdflib import Graph

    graph = Graph()
    if fixtures[0].with_context:
        graph += context_graph()
    for fixture in fixtures:
        graph += own_statements(fixture)
    return graph


# --------------------------------------------------------------------------------------------
# The shapes themselves
# --------------------------------------------------------------------------------------------

def reporting_shapes(shapes=None) -> set:
    """Every shape that can appear as sh:sourceShape of a result: the node shapes with a target,
    and the property shapes they point to with sh:property. (Value shapes used only through
    sh:node, sh:or or sh:not never appear as source shape; their parents do.)"""
    from rdflib import Namespace

    sh = Namespace(SH)
    shapes = shapes_graph() if shapes is None else shapes
    targeted = set()
    for target in (sh.targetClass, sh.targetNode, sh.targetSubjectsOf, sh.targetObjectsOf, sh.target):
        targeted.update(shapes.subjects(target, None))
    found = set(targeted)
    for node_shape in targeted:
        found.update(shapes.objects(node_shape, sh.property))
    return found


def node_shape_focus_nodes(shape, graph, shapes=None) -> set:
    """The focus nodes of a targeted node shape in ``graph`` (a data graph with the ontology mixed
    in), computed from its targets (sh:targetClass follows rdfs:subClassOf)."""
    from rdflib import Namespace
    from rdflib.namespace import RDF, RDFS

    sh = Namespace(SH)
    shapes = shapes_graph() if shapes is None else shapes
    nodes = set()
    for cls in shapes.objects(shape, sh.targetClass):
        classes = set(graph.transitive_subjects(RDFS.subClassOf, cls)) | {cls}
        for c in classes:
            nodes.update(graph.subjects(RDF.type, c))
    nodes.update(shapes.objects(shape, sh.targetNode))
    for target in shapes.objects(shape, sh.target):
        select = shapes.value(target, sh.select)
        if select is not None:
            nodes.update(row[0] for row in graph.query(sparql_prefixes(shapes) + str(select)))
    for p in shapes.objects(shape, sh.targetSubjectsOf):
        nodes.update(graph.subjects(p, None))
    for p in shapes.objects(shape, sh.targetObjectsOf):
        nodes.update(graph.objects(None, p))
    return nodes


def sparql_prefixes(shapes) -> str:
    """PREFIX lines for every sh:declare in the shapes graph."""
    from rdflib import Namespace

    sh = Namespace(SH)
    lines = {
        f"PREFIX {shapes.value(d, sh.prefix)}: <{shapes.value(d, sh.namespace)}>"
        for d in shapes.objects(None, sh.declare)
    }
    return "\n".join(sorted(lines)) + "\n"


def focus_nodes(shape, graph, shapes=None) -> set:
    """Focus nodes of any reporting shape: a property shape's are those of its node shape(s)."""
    from rdflib import Namespace

    sh = Namespace(SH)
    shapes = shapes_graph() if shapes is None else shapes
    parents = set(shapes.subjects(sh.property, shape))
    nodes = node_shape_focus_nodes(shape, graph, shapes)
    for parent in parents:
        nodes |= node_shape_focus_nodes(parent, graph, shapes)
    return nodes
