#!/usr/bin/env python3
"""Generate data/statement-sources.ttl: which paragraph(s) of the letter state each statement.

Statement-level provenance (docs/model.md, "Provenance") uses standard RDF reification: a
statement ``S P O`` of ``data/`` gets an ``rdf:Statement`` with ``rdf:subject S``,
``rdf:predicate P``, ``rdf:object O`` and ``dct:source`` the paragraph(s) that state it. The
rule that makes "which paragraphs state S P O?" exact:

- a resource whose ``dct:source`` is one paragraph: every statement about it comes from that
  paragraph (no reification needed);
- a resource with more than one source paragraph: every statement about it (``dct:source``
  itself excepted) is reified with exactly the paragraph(s) that state it, a subset of the
  resource's sources, and together they use every one of those sources.

The paragraphs come from a hand-reviewed annotation, ``sources/statement-paragraphs.tsv``: one
line per statement, or per group of statements, of a resource with several sources::

    SUBJECT <TAB> PREDICATE <TAB> OBJECT <TAB> PARAGRAPHS

SUBJECT and PREDICATE are prefixed names (the project's prefixes, imvo_graph.rdf.namespaces) or
<IRIs>; OBJECT selects the statements' objects: ``*`` (every object of SUBJECT PREDICATE), a
prefixed name or <IRI>, ``@nl``/``@en`` (the literal in that language) or ``"lexical form"`` (a
literal); PARAGRAPHS are anchors separated by spaces (``p07 p14``). A more specific line (an
object) wins over ``*``. Lines starting with ``#`` and empty lines are comments.

The tool checks the annotation against the data and refuses to write anything (exit 1, every
problem listed) if a statement of a multi-source resource has no annotation, an annotation
matches no statement, names a paragraph that is not among the resource's sources, or a source
of a resource states none of its statements. The output is deterministic: statement IRIs are
``{base}/id/bewering/{hash}``, the hash being the first 16 hex digits of the SHA-256 of the
statement in N-Triples, so an unchanged statement keeps its IRI.

``--propose`` writes to standard output annotation lines for the statements that have none
(a draft for the reviewer: a link's paragraphs are the sources shared by subject and object,
a literal's the source paragraphs whose text contains it, else all the subject's sources).
Never commit a proposal unread.

Usage:
    python tools/build_statement_sources.py [--propose] [ANNOTATION.tsv] [OUTPUT.ttl]
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rdflib import Graph, Literal, URIRef  # noqa: E402
from rdflib.namespace import DCTERMS, RDF  # noqa: E402

from imvo_graph.rdf.namespaces import PREFIXES  # noqa: E402

DATA = REPO / "data"
DEFAULT_ANNOTATION = REPO / "sources" / "statement-paragraphs.tsv"
DEFAULT_OUTPUT = DATA / "statement-sources.ttl"
GENERATED = {"letter-text.ttl", "statement-sources.ttl"}
LETTER = "https://w3id.org/imvo-graph/id/kamerbrief/minbuza-2017-1027644"
STATEMENT_BASE = PREFIXES["bewering"]
IMVO_VALUE = RDF.value


class AnnotationError(Exception):
    pass


def expand(token: str) -> URIRef:
    if token.startswith("<") and token.endswith(">"):
        return URIRef(token[1:-1])
    prefix, sep, local = token.partition(":")
    if not sep or prefix not in PREFIXES:
        raise AnnotationError(f"unknown prefix in {token!r}")
    return URIRef(PREFIXES[prefix] + local)


def paragraph(anchor: str) -> URIRef:
    if not (len(anchor) == 3 and anchor[0] == "p" and anchor[1:].isdigit()):
        raise AnnotationError(f"not a paragraph anchor: {anchor!r}")
    return URIRef(f"{LETTER}#{anchor}")


def load_data() -> Graph:
    graph = Graph()
    for path in sorted(DATA.glob("*.ttl")):
        if path.name not in GENERATED:
            graph.parse(path, format="turtle")
    return graph


def paragraph_texts() -> dict:
    graph = Graph()
    graph.parse(DATA / "letter-text.ttl", format="turtle")
    return {s: str(o) for s, o in graph.subject_objects(IMVO_VALUE)}


def sources_of(graph: Graph) -> dict:
    sources = defaultdict(set)
    for s, o in graph.subject_objects(DCTERMS.source):
        sources[s].add(o)
    return sources


def selector_matches(selector: str, obj) -> bool:
    if selector == "*":
        return True
    if selector.startswith("@"):
        return isinstance(obj, Literal) and obj.language == selector[1:]
    if selector.startswith('"') and selector.endswith('"'):
        return isinstance(obj, Literal) and str(obj) == selector[1:-1]
    return isinstance(obj, URIRef) and obj == expand(selector)


def read_annotation(path: Path) -> list:
    lines = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 4:
            raise AnnotationError(f"{path.name}:{number}: expected 4 tab-separated columns, got {len(parts)}")
        subject, predicate, selector, anchors = (p.strip() for p in parts)
        try:
            lines.append((number, expand(subject), expand(predicate), selector, {paragraph(a) for a in anchors.split()}))
        except AnnotationError as error:
            raise AnnotationError(f"{path.name}:{number}: {error}") from None
    return lines


def multi_source_statements(graph: Graph, sources: dict) -> list:
    return sorted(
        (s, p, o)
        for s, paragraphs in sources.items() if len(paragraphs) > 1
        for p, o in graph.predicate_objects(s) if p != DCTERMS.source
    )


def resolve(graph: Graph, annotation: list, path: Path) -> dict:
    """The paragraphs of every statement of a multi-source resource, or AnnotationError."""
    sources = sources_of(graph)
    statements = multi_source_statements(graph, sources)
    problems = []
    chosen: dict = {}
    used = set()
    for triple in statements:
        s, p, o = triple
        matches = [line for line in annotation if line[1] == s and line[2] == p and selector_matches(line[3], o)]
        specific = [line for line in matches if line[3] != "*"] or matches
        if not specific:
            problems.append(f"no annotation for {s.n3()} {p.n3()} {o.n3()[:80]}")
            continue
        if len(specific) > 1:
            problems.append(f"{path.name}: lines {', '.join(str(line[0]) for line in specific)} all annotate {s.n3()} {p.n3()} {o.n3()[:80]}")
            continue
        number, _, _, _, paragraphs = specific[0]
        used.add(number)
        outside = paragraphs - sources[s]
        if outside:
            problems.append(f"{path.name}:{number}: {', '.join(sorted(x.split('#')[1] for x in outside))} not among the sources of {s.n3()}")
        chosen[triple] = paragraphs
    for number, s, p, selector, _ in annotation:
        if number not in used and not any(m for m in problems if f":{number}:" in m):
            problems.append(f"{path.name}:{number}: matches no statement of a resource with several sources ({s.n3()} {p.n3()} {selector})")
    by_subject = defaultdict(set)
    for (s, _, _), paragraphs in chosen.items():
        by_subject[s] |= paragraphs
    for s, stated in by_subject.items():
        unused = sources[s] - stated
        if unused and not any(str(s) in m for m in problems):
            problems.append(f"{s.n3()}: source(s) {', '.join(sorted(x.split('#')[1] for x in unused))} state none of its statements")
    if problems:
        raise AnnotationError("\n".join(problems))
    return chosen


def statement_iri(triple) -> URIRef:
    s, p, o = triple
    line = f"{s.n3()} {p.n3()} {o.n3()} .".encode("utf-8")
    return URIRef(STATEMENT_BASE + hashlib.sha256(line).hexdigest()[:16])


def render(graph: Graph, chosen: dict) -> str:
    prefixes = {name: PREFIXES[name] for name in sorted(PREFIXES)}
    out = Graph(bind_namespaces="none")
    for name, namespace in prefixes.items():
        out.bind(name, namespace)

    def term(t) -> str:
        return t.n3(out.namespace_manager)

    used_prefixes = {"rdf", "dct", "brief", "bewering"}
    blocks = []
    for triple in sorted(chosen, key=lambda t: (str(t[0]), str(t[1]), t[2].n3())):
        s, p, o = triple
        paragraphs = sorted(chosen[triple], key=str)
        rendered = [term(x) for x in (s, p, o)]
        for text in rendered:
            if not text.startswith(("<", '"')) and ":" in text:
                used_prefixes.add(text.split(":", 1)[0])
        if isinstance(o, Literal) and o.datatype is not None:
            used_prefixes.add(term(o.datatype).split(":", 1)[0])
        blocks.append(
            f"{term(statement_iri(triple))}\n"
            f"    a rdf:Statement ;\n"
            f"    rdf:subject {rendered[0]} ;\n"
            f"    rdf:predicate {rendered[1]} ;\n"
            f"    rdf:object {rendered[2]} ;\n"
            f"    dct:source {' , '.join(term(x) for x in paragraphs)} .\n"
        )
    header = [
        "# GENERATED FILE - do not edit by hand.",
        "# Generated by tools/build_statement_sources.py from sources/statement-paragraphs.tsv (the",
        "# reviewed annotation) and the other files of data/. Statement-level provenance by standard",
        "# RDF reification: for every statement of a resource that cites more than one paragraph, an",
        "# rdf:Statement with the paragraph(s) that state it (dct:source). See docs/model.md, \"Provenance\".",
        "",
    ]
    header += [f"@prefix {name}: <{prefixes[name]}> ." for name in sorted(used_prefixes)]
    return "\n".join(header) + "\n\n" + "\n".join(blocks)


def propose(graph: Graph, annotation: list) -> str:
    sources = sources_of(graph)
    texts = paragraph_texts()
    annotated = {(line[1], line[2]) for line in annotation}
    out = Graph(bind_namespaces="none")
    for name, namespace in PREFIXES.items():
        out.bind(name, namespace)
    lines = []
    groups = defaultdict(list)
    for s, p, o in multi_source_statements(graph, sources):
        if (s, p) in annotated:
            continue
        if isinstance(o, URIRef) and sources.get(o):
            guess = (sources[s] & sources[o]) or sources[s]
        elif isinstance(o, Literal) and len(str(o)) < 60:
            guess = {x for x in sources[s] if str(o).lower() in texts.get(x, "").lower()} or sources[s]
        else:
            guess = sources[s]
        groups[(s, p)].append((o, guess))
    for (s, p), objects in sorted(groups.items()):
        anchors = lambda g: " ".join(sorted(x.split("#")[1] for x in g))  # noqa: E731
        if len({frozenset(g) for _, g in objects}) == 1:
            lines.append(f"{s.n3(out.namespace_manager)}\t{p.n3(out.namespace_manager)}\t*\t{anchors(objects[0][1])}")
            continue
        for o, guess in objects:
            selector = f"@{o.language}" if isinstance(o, Literal) and o.language else (
                f'"{o}"' if isinstance(o, Literal) else o.n3(out.namespace_manager))
            lines.append(f"{s.n3(out.namespace_manager)}\t{p.n3(out.namespace_manager)}\t{selector}\t{anchors(guess)}")
    return "\n".join(lines) + "\n"


def main(argv: list) -> int:
    proposing = "--propose" in argv
    args = [a for a in argv if a != "--propose"]
    annotation_path = Path(args[0]) if args else DEFAULT_ANNOTATION
    output = Path(args[1]) if len(args) > 1 else DEFAULT_OUTPUT
    graph = load_data()
    try:
        annotation = read_annotation(annotation_path) if annotation_path.exists() else []
        if proposing:
            sys.stdout.write(propose(graph, annotation))
            return 0
        chosen = resolve(graph, annotation, annotation_path)
    except AnnotationError as error:
        print(f"build_statement_sources: {error}", file=sys.stderr)
        return 1
    text = render(graph, chosen)
    Graph().parse(data=text, format="turtle")  # what is written must parse
    output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
