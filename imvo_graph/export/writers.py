"""Deterministic writers for Turtle, TriG, N-Triples, N-Quads and RDF/XML.

Each writer takes quads whose blank nodes are already canonically labelled (see
:func:`imvo_graph.export.canonical_quads`) and prints them in a fixed order with a fixed prefix
table, so that its output depends only on the graph: not on the order of parsing, the library's
default prefixes, or Python's hash seed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..rdf.namespaces import RDF, RDF_FIRST, RDF_NIL, RDF_REST, RDF_TYPE, RDFS_LABEL, XSD_STRING, PrefixTable
from ..rdf.terms import kind, nt, quad_key, sort_key, turtle_literal

INDENT = "    "


class UnwritableGraph(ValueError):
    """A graph that a format cannot express (for example a control character in RDF/XML)."""


# --------------------------------------------------------------------------------------------
# N-Triples and N-Quads: one statement a line, sorted


def write_ntriples(quads: Iterable) -> str:
    lines = sorted({f"{nt(q.subject)} {nt(q.predicate)} {nt(q.object)} .\n" for q in quads})
    return "".join(lines)


def write_nquads(quads: Iterable) -> str:
    lines = set()
    for q in quads:
        graph = "" if kind(q.graph_name) == "default" else f" {nt(q.graph_name)}"
        lines.add(f"{nt(q.subject)} {nt(q.predicate)} {nt(q.object)}{graph} .\n")
    return "".join(sorted(lines))


# --------------------------------------------------------------------------------------------
# Turtle and TriG


#: How deeply blank nodes are nested inline ([ ] and ( )) before they are written by label.
MAX_INLINE_DEPTH = 40


class _GraphLayout:
    """Which blank nodes are written inline ([ ] or a ( ) list) and which by label."""

    def __init__(self, quads: list):
        self.by_graph: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
        references: dict[str, int] = defaultdict(int)
        subject_graphs: dict[str, set] = defaultdict(set)
        object_graph: dict[str, str] = {}
        self.graph_terms: dict[str, Any] = {}
        for q in quads:
            g = nt(q.graph_name)
            self.graph_terms[g] = q.graph_name
            self.by_graph[g][q.subject][q.predicate.value].append(q.object)
            if kind(q.subject) == "bnode":
                subject_graphs[q.subject.value].add(g)
            if kind(q.object) == "bnode":
                references[q.object.value] += 1
                object_graph[q.object.value] = g
        # inline a blank node referenced once, from the graph that holds its own statements
        self.inline = {
            b for b, n in references.items() if n == 1 and subject_graphs.get(b, {object_graph[b]}) <= {object_graph[b]}
        }
        for g in self.by_graph:
            self._break_cycles(g)
        self.lists = {}
        for subjects in self.by_graph.values():
            # a list is walked from its head only: a node that is the rdf:rest of a list node
            # is on the same path, so it is a list exactly when its head is (walking from every
            # node took time quadratic in the length of the list)
            rests = set()
            for subject, props in subjects.items():
                if self._is_inline(subject) and set(props) == {RDF_FIRST, RDF_REST} and len(props[RDF_REST]) == 1:
                    rests.add(props[RDF_REST][0].value)
            for subject in subjects:
                if kind(subject) == "bnode" and subject.value in self.inline and subject.value not in rests:
                    items = self._list_items(subjects, subject)
                    if items is not None:
                        self.lists[subject.value] = items
        for g in self.by_graph:
            self._limit_depth(g)

    def _limit_depth(self, g: str) -> None:
        """Blank nodes nested deeper than :data:`MAX_INLINE_DEPTH` are written by label, as
        subjects of their own: the writers recurse once per level of nesting (and so does
        JSON-LD's encoder), and a deep chain would reach Python's recursion limit."""
        subjects = self.by_graph[g]
        stack = [(s, 0) for s in subjects if not self._is_inline(s)]
        while stack:
            node, depth = stack.pop()
            if self._is_inline(node) and depth > MAX_INLINE_DEPTH:
                self.inline.discard(node.value)
                self.lists.pop(node.value, None)
                depth = 0
            if node.value in self.lists and self._is_inline(node):
                children = self.lists[node.value]
            else:
                children = [o for objects in subjects.get(node, {}).values() for o in objects]
            stack.extend((o, depth + 1) for o in children if self._is_inline(o))

    def _break_cycles(self, g: str) -> None:
        subjects = self.by_graph[g]
        while True:
            reached = set()
            stack = [s for s in subjects if not self._is_inline(s)]
            while stack:
                node = stack.pop()
                for objects in subjects.get(node, {}).values():
                    for o in objects:
                        if kind(o) == "bnode" and o.value in self.inline and o.value not in reached:
                            reached.add(o.value)
                            stack.append(o)
            stranded = sorted(s.value for s in subjects if self._is_inline(s) and s.value not in reached)
            if not stranded:
                return
            self.inline.discard(stranded[0])

    def _is_inline(self, term) -> bool:
        return kind(term) == "bnode" and term.value in self.inline

    def _list_items(self, subjects, head) -> list | None:
        items: list = []
        node, seen = head, set()
        while True:
            if kind(node) == "iri" and node.value == RDF_NIL:
                return items
            if kind(node) != "bnode" or node.value not in self.inline or node.value in seen:
                return None
            seen.add(node.value)
            props = subjects.get(node, {})
            if set(props) != {RDF_FIRST, RDF_REST} or len(props[RDF_FIRST]) != 1 or len(props[RDF_REST]) != 1:
                return None
            items.append(props[RDF_FIRST][0])
            node = props[RDF_REST][0]


def _predicate_order(predicate: str) -> tuple:
    return (predicate != RDF_TYPE, predicate != RDFS_LABEL, predicate)


class _TurtleWriter:
    def __init__(self, table: PrefixTable):
        self.table = table
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        split = self.table.split(iri)
        if split is None:
            return f"<{iri}>"
        self.used.add(split[0])
        return f"{split[0]}:{split[1]}"

    def literal(self, term) -> str:
        return turtle_literal(term, self.iri)

    def term(self, term, layout: _GraphLayout, subjects, depth: int) -> str:
        k = kind(term)
        if k == "iri":
            return self.iri(term.value)
        if k == "literal":
            return self.literal(term)
        if term.value in layout.lists:
            items = [self.term(item, layout, subjects, depth) for item in layout.lists[term.value]]
            return "( " + " ".join(items) + " )" if items else "( )"
        if term.value in layout.inline:
            props = subjects.get(term, {})
            if not props:
                return "[]"
            inner = self.predicates(props, layout, subjects, depth + 1)
            return "[\n" + inner + "\n" + INDENT * depth + "]"
        return f"_:{term.value}"

    def predicates(self, props, layout, subjects, depth: int) -> str:
        lines = []
        for predicate in sorted(props, key=_predicate_order):
            name = "a" if predicate == RDF_TYPE else self.iri(predicate)
            objects = sorted(props[predicate], key=sort_key)
            rendered = " , ".join(self.term(o, layout, subjects, depth) for o in objects)
            lines.append(f"{INDENT * depth}{name} {rendered}")
        return " ;\n".join(lines)

    def graph_body(self, g: str, layout: _GraphLayout, depth: int) -> list[str]:
        subjects = layout.by_graph[g]
        blocks = []
        for subject in sorted(subjects, key=sort_key):
            if kind(subject) == "bnode" and subject.value in layout.inline:
                continue
            head = self.term(subject, layout, subjects, depth) if kind(subject) == "iri" else f"_:{subject.value}"
            body = self.predicates(subjects[subject], layout, subjects, depth + 1)
            blocks.append(f"{INDENT * depth}{head}\n{body} .\n")
        return blocks

    def prefix_lines(self) -> str:
        lines = [f"@prefix {p}: <{self.table.prefixes[p]}> .\n" for p in sorted(self.used)]
        return "".join(lines) + ("\n" if lines else "")


def merged_statements(quads: Iterable, *, canonical: bool = False) -> list:
    """The statements of all graphs, each once, in the default graph, sorted by quad_key.
    ``canonical``: ``quads`` is what canonical_quads returns (each once, sorted by quad_key),
    which, when all are in one graph, is that order already (no key is computed again)."""
    import pyoxigraph as ox

    quads = quads if isinstance(quads, list) else list(quads)
    if canonical and all(q.graph_name == quads[0].graph_name for q in quads):
        return [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads]
    return sorted({ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads}, key=quad_key)


def write_turtle(quads: Iterable, table: PrefixTable, *, canonical: bool = False) -> str:
    """Turtle of the union of all graphs (graph names are dropped). ``canonical``: see
    :func:`merged_statements`."""
    import pyoxigraph as ox

    merged = merged_statements(quads, canonical=canonical)
    layout = _GraphLayout(merged)
    writer = _TurtleWriter(table)
    blocks = writer.graph_body(nt(ox.DefaultGraph()), layout, 0) if merged else []
    return writer.prefix_lines() + "\n".join(blocks)


def write_trig(quads: Iterable, table: PrefixTable, *, canonical: bool = False) -> str:
    """TriG: default-graph statements at the top level, each named graph in its own block.
    ``canonical``: ``quads`` is what canonical_quads returns, each once and in order already."""
    quads = list(quads) if canonical else sorted(set(quads), key=quad_key)
    layout = _GraphLayout(quads)
    writer = _TurtleWriter(table)
    sections = []
    for g in sorted(layout.by_graph, key=lambda name: sort_key(layout.graph_terms[name])):
        graph_term = layout.graph_terms[g]
        if kind(graph_term) == "default":
            sections.append("\n".join(writer.graph_body(g, layout, 0)))
        else:
            body = "\n".join(writer.graph_body(g, layout, 1))
            sections.append(f"{writer.iri(graph_term.value)} {{\n{body}}}\n")
    return writer.prefix_lines() + "\n".join(sections)


# --------------------------------------------------------------------------------------------
# RDF/XML: one rdf:Description per subject, sorted; blank nodes by rdf:nodeID


def _xml_safe(text: str) -> str:
    for char in text:
        code = ord(char)
        if (code < 0x20 and char not in "\t\n\r") or code in (0xFFFE, 0xFFFF):
            raise UnwritableGraph(f"RDF/XML cannot hold the control character U+{code:04X} in {text[:40]!r}")
    return text


def write_rdfxml(quads: Iterable, table: PrefixTable) -> str:
    by_subject: dict = defaultdict(list)
    for q in quads:
        by_subject[q.subject].append((q.predicate.value, q.object))

    namespaces: dict[str, str] = {"rdf": RDF}
    generated: dict[str, str] = {}

    def element(predicate: str) -> str:
        split = table.xml_split(predicate)
        if split is not None:
            namespaces[split[0]] = table.prefixes[split[0]]
            return f"{split[0]}:{split[1]}"
        match = re.search(r"[A-Za-z_][A-Za-z0-9_.-]*$", predicate)
        if match is None or match.start() == 0:
            raise UnwritableGraph(f"RDF/XML cannot name the property <{predicate}> as an XML element")
        namespace, local = predicate[: match.start()], predicate[match.start():]
        generated.setdefault(namespace, "")
        return f"\0{namespace}\0{local}"

    body = []
    for subject in sorted(by_subject, key=sort_key):
        if kind(subject) == "iri":
            body.append(f'  <rdf:Description rdf:about="{xml_escape(subject.value, True)}">')
        else:
            body.append(f'  <rdf:Description rdf:nodeID="{subject.value}">')
        for predicate, obj in sorted(set(by_subject[subject]), key=lambda po: (po[0], sort_key(po[1]))):
            name = element(predicate)
            k = kind(obj)
            if k == "iri":
                body.append(f'    <{name} rdf:resource="{xml_escape(_xml_safe(obj.value), True)}"/>')
            elif k == "bnode":
                body.append(f'    <{name} rdf:nodeID="{obj.value}"/>')
            else:
                text = xml_escape(_xml_safe(obj.value))
                if obj.language:
                    body.append(f'    <{name} xml:lang="{obj.language}">{text}</{name}>')
                elif obj.datatype.value == XSD_STRING:
                    body.append(f"    <{name}>{text}</{name}>")
                else:
                    datatype = xml_escape(obj.datatype.value, True)
                    body.append(f'    <{name} rdf:datatype="{datatype}">{text}</{name}>')
        body.append("  </rdf:Description>")

    # prefixes for namespaces outside the table: ns1, ns2, ... in namespace order
    for number, namespace in enumerate(sorted(generated), start=1):
        prefix = f"ns{number}"
        while prefix in table.prefixes:
            prefix = "n" + prefix
        generated[namespace] = prefix
        namespaces[prefix] = namespace
    text = "\n".join(body)
    if generated:
        text = re.sub(r"\0([^\0]*)\0", lambda m: generated[m.group(1)] + ":", text)

    declarations = "\n".join(
        f'    xmlns:{p}="{xml_escape(ns, True)}"' for p, ns in sorted(namespaces.items())
    )
    head = '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF\n' + declarations + ">\n"
    return head + (text + "\n" if text else "") + "</rdf:RDF>\n"


def xml_escape(value: str, attribute: bool = False) -> str:
    out = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        out = out.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    else:
        out = out.replace("\r", "&#13;")
    return out
