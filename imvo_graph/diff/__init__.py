"""What changed between two versions of the graph: added, removed and changed statements,
grouped by resource, with labels.

Library API (``imvo-graph diff`` is a thin layer over it)::

    from imvo_graph.diff import diff_graphs
    d = diff_graphs("old-release/", "data/")       # files, folders or release directories
    d.equal                                       # True when the graphs are the same
    print(d.render("markdown", lang="nl"))        # a changelog

A side is a file, a list of files, a folder of RDF files, or a release directory (its merged
N-Triples file is read), or an rdflib graph / list of pyoxigraph quads. Graph names are ignored:
the union is compared. Blank nodes are compared by their canonical labels (imvo_graph.export.canonical), and a
statement about a blank node is listed under the resource that refers to it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["diff_graphs", "Diff", "ResourceChange", "load_side", "DIFF_FORMATS"]

DIFF_FORMATS = ("text", "json", "markdown")
LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "http://xmlns.com/foaf/0.1/name",
)
_WORDS = {
    "nl": {
        "equal": "Geen verschillen.",
        "summary": "{r} resource(s) gewijzigd: {a} toegevoegd, {d} verwijderd, {c} veranderd ({sa} uitspraken toegevoegd, {sd} verwijderd).",
        "added": "toegevoegd",
        "removed": "verwijderd",
        "changed": "veranderd",
        "title": "Wijzigingen",
        "Added": "Toegevoegd",
        "Removed": "Verwijderd",
        "Changed": "Veranderd",
        "old": "oud",
        "new": "nieuw",
    },
    "en": {
        "equal": "No differences.",
        "summary": "{r} resource(s) differ: {a} added, {d} removed, {c} changed ({sa} statements added, {sd} removed).",
        "added": "added",
        "removed": "removed",
        "changed": "changed",
        "title": "Changes",
        "Added": "Added",
        "Removed": "Removed",
        "Changed": "Changed",
        "old": "old",
        "new": "new",
    },
}


@dataclass
class ResourceChange:
    """The changes to one resource (the subject, or the resource that owns a blank node)."""

    resource: Any  # pyoxigraph term
    status: str  # 'added' (new in NEW), 'removed' (gone from NEW), 'changed'
    label: str | None = None
    added: list = field(default_factory=list)  # [(subject, predicate, object)]
    removed: list = field(default_factory=list)
    #: [(subject, predicate, [old objects], [new objects])]: a property whose values were replaced
    changed: list = field(default_factory=list)
    #: the resource's label in each language ('' for untagged)
    labels: dict = field(default_factory=dict)

    def label_in(self, lang: str) -> str | None:
        for choice in (lang, "nl", "en", ""):
            if choice in self.labels:
                return self.labels[choice]
        return next(iter(sorted(self.labels.values())), self.label)


@dataclass
class Diff:
    added: list  # triples only in NEW
    removed: list  # triples only in OLD
    resources: list[ResourceChange]
    prefixes: dict = field(default_factory=dict)

    @property
    def equal(self) -> bool:
        return not self.added and not self.removed

    def counts(self) -> dict:
        return {
            "resources": len(self.resources),
            "resourcesAdded": sum(r.status == "added" for r in self.resources),
            "resourcesRemoved": sum(r.status == "removed" for r in self.resources),
            "resourcesChanged": sum(r.status == "changed" for r in self.resources),
            "statementsAdded": len(self.added),
            "statementsRemoved": len(self.removed),
        }

    def render(self, fmt: str = "text", lang: str = "nl") -> str:
        if fmt == "text":
            return self.to_text(lang)
        if fmt == "json":
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if fmt == "markdown":
            return self.to_markdown(lang)
        raise InputError(f"unknown diff format {fmt!r}; choose one of {', '.join(DIFF_FORMATS)}")

    # -- representations

    def _short(self, term) -> str:
        from ..rdf.namespaces import PrefixTable
        from ..rdf.terms import kind

        table = PrefixTable(self.prefixes)
        k = kind(term)
        if k == "iri":
            return table.turtle_iri(term.value)
        if k == "bnode":
            return f"_:{term.value}"
        from ..export.writers import _TurtleWriter

        return _TurtleWriter(table).literal(term)

    def _summary(self, words: dict) -> str:
        c = self.counts()
        return words["summary"].format(
            r=c["resources"], a=c["resourcesAdded"], d=c["resourcesRemoved"], c=c["resourcesChanged"],
            sa=c["statementsAdded"], sd=c["statementsRemoved"],
        )

    def _statement(self, resource, s, p) -> str:
        """The predicate, prefixed by the blank node's path when the statement is not about the resource itself."""
        name = self._short(p)
        return name if s == resource else f"{self._short(s)} {name}"

    def to_text(self, lang: str = "nl") -> str:
        words = _WORDS.get(lang, _WORDS["en"])
        if self.equal:
            return words["equal"] + "\n"
        lines = [self._summary(words)]
        marks = {"added": "+", "removed": "-", "changed": "~"}
        for change in self.resources:
            lines.append("")
            name = change.label_in(lang)
            label = f'  "{name}"' if name else ""
            lines.append(f"{marks[change.status]} {self._short(change.resource)}{label}  ({words[change.status]})")
            for s, p, old, new in change.changed:
                lines.append(
                    f"    ~ {self._statement(change.resource, s, p)}  "
                    f"{' , '.join(self._short(o) for o in old)}  ->  {' , '.join(self._short(o) for o in new)}"
                )
            for s, p, o in change.added:
                lines.append(f"    + {self._statement(change.resource, s, p)}  {self._short(o)}")
            for s, p, o in change.removed:
                lines.append(f"    - {self._statement(change.resource, s, p)}  {self._short(o)}")
        return "\n".join(lines) + "\n"

    def to_markdown(self, lang: str = "nl") -> str:
        words = _WORDS.get(lang, _WORDS["en"])
        lines = [f"# {words['title']}", ""]
        if self.equal:
            return "\n".join(lines + [words["equal"]]) + "\n"
        lines += [self._summary(words), ""]

        def code(text: str) -> str:
            return "`" + text.replace("`", "'") + "`"

        for status, heading in (("added", "Added"), ("changed", "Changed"), ("removed", "Removed")):
            group = [c for c in self.resources if c.status == status]
            if not group:
                continue
            lines += [f"## {words[heading]} ({len(group)})", ""]
            for change in group:
                from ..rdf.terms import kind

                title = (change.label_in(lang) or self._short(change.resource)).replace("[", "(").replace("]", ")")
                link = f"[{title}](<{change.resource.value}>)" if kind(change.resource) == "iri" else title
                lines.append(f"### {link} {code(self._short(change.resource))}")
                lines.append("")
                for s, p, old, new in change.changed:
                    lines.append(
                        f"- {words['changed']} {code(self._statement(change.resource, s, p))}: "
                        f"{', '.join(code(self._short(o)) for o in old)} → {', '.join(code(self._short(o)) for o in new)}"
                    )
                for s, p, o in change.added:
                    lines.append(f"- {words['added']} {code(self._statement(change.resource, s, p))}: {code(self._short(o))}")
                for s, p, o in change.removed:
                    lines.append(f"- {words['removed']} {code(self._statement(change.resource, s, p))}: {code(self._short(o))}")
                lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"

    def to_dict(self) -> dict:
        """The diff as JSON-ready data. Every IRI is written the same way, as the plain full IRI
        (resources, subjects, predicates, objects and datatypes alike); a blank node as
        ``_:label``; a literal, as an object, as ``{"value": ..., "language": ...}`` or
        ``{"value": ..., "datatype": IRI}``, so no string needs parsing to tell them apart."""

        def statement(s, p, o) -> dict:
            return {"subject": json_term(s), "predicate": p.value, "object": json_term(o)}

        nt = json_term

        return {
            "equal": self.equal,
            "counts": self.counts(),
            "resources": [
                {
                    "resource": nt(c.resource),
                    "label": c.label,
                    "labels": dict(sorted(c.labels.items())),
                    "status": c.status,
                    "added": [statement(*t) for t in c.added],
                    "removed": [statement(*t) for t in c.removed],
                    "changed": [
                        {"subject": nt(s), "predicate": p.value, "old": [nt(o) for o in old], "new": [nt(o) for o in new]}
                        for s, p, old, new in c.changed
                    ],
                }
                for c in self.resources
            ],
        }


def json_term(term):
    """A term for :meth:`Diff.to_dict`: an IRI or ``_:label`` as a string, a literal as a dict."""
    from ..rdf.terms import kind

    k = kind(term)
    if k == "iri":
        return term.value
    if k == "bnode":
        return f"_:{term.value}"
    if term.language:
        return {"value": term.value, "language": term.language}
    return {"value": term.value, "datatype": term.datatype.value}


# ------------------------------------------------------------------------------------------
# reading a side


def _release_graph_file(folder: Path) -> Path | None:
    matches = sorted(folder.glob("imvo-graph-*-all.nt"))
    return matches[-1] if matches else None


def load_side(side) -> list:
    """The triples of one side of a diff (see the module documentation), as pyoxigraph quads."""
    from ..export import _as_quads, read_quads
    from ..loading import RDF_SUFFIXES

    if isinstance(side, (str, Path)):
        path = Path(side)
        if path.is_dir():
            merged = _release_graph_file(path)
            if merged is not None:
                return read_quads([merged])
            if (path / "catalog.ttl").exists() or (path / "SHA256SUMS").exists():
                raise InputError(f"{path}: a release directory without its merged imvo-graph-*-all.nt file")
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in RDF_SUFFIXES)
            if not files:
                raise InputError(f"{path}: a folder without RDF files")
            return read_quads(files)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        return read_quads([path])
    if isinstance(side, Iterable) and not hasattr(side, "triples"):
        items = list(side)
        if items and all(isinstance(i, (str, Path)) for i in items):
            quads = []
            for item in items:
                quads.extend(load_side(item))
            return quads
        return _as_quads(items)
    return _as_quads(side)


# ------------------------------------------------------------------------------------------
# comparing


def diff_graphs(old, new, *, lang: str = "nl") -> Diff:
    """The differences between ``old`` and ``new`` (files, folders, release directories, graphs)."""
    import pyoxigraph as ox

    from ..export import canonical_quads
    from ..export.context import PREFIXES
    from ..rdf.terms import kind, sort_key

    def triples(side) -> set:
        quads = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in load_side(side)]
        return _local_blank_node_labels({(q.subject, q.predicate, q.object) for q in canonical_quads(quads)})

    old_triples, new_triples = triples(old), triples(new)
    added = new_triples - old_triples
    removed = old_triples - new_triples

    def owners(graph: set) -> dict:
        """blank node -> the IRI (or root blank node) that refers to it, following references up."""
        referrers = defaultdict(set)
        for s, _p, o in graph:
            if kind(o) == "bnode":
                referrers[o].add(s)
        resolved: dict = {}

        def owner(node, seen=()):
            if kind(node) != "bnode":
                return node
            if node in resolved:
                return resolved[node]
            parents = sorted(referrers.get(node, ()), key=sort_key)
            result = node
            for parent in parents:
                if parent in seen or parent == node:
                    continue
                result = owner(parent, seen + (node,))
                break
            resolved[node] = result
            return result

        return {b: owner(b) for b in {t for s, _p, o in graph for t in (s, o) if kind(t) == "bnode"}}

    old_owner, new_owner = owners(old_triples), owners(new_triples)

    def owner_of(subject, in_new: bool):
        if kind(subject) != "bnode":
            return subject
        return (new_owner if in_new else old_owner).get(subject, subject)

    labels_new = _labels(new_triples)
    labels_old = _labels(old_triples)
    subjects_old = {owner_of(s, False) for s, _p, _o in old_triples}
    subjects_new = {owner_of(s, True) for s, _p, _o in new_triples}

    grouped_added: dict = defaultdict(list)
    grouped_removed: dict = defaultdict(list)
    for t in added:
        grouped_added[owner_of(t[0], True)].append(t)
    for t in removed:
        grouped_removed[owner_of(t[0], False)].append(t)

    changes = []
    for resource in set(grouped_added) | set(grouped_removed):
        def order(t, resource=resource):
            # statements about the resource itself first; rdf:type and labels before the rest
            return (t[0] != resource, sort_key(t[0]), _predicate_rank(t[1].value), sort_key(t[1]), sort_key(t[2]))

        plus = sorted(grouped_added.get(resource, []), key=order)
        minus = sorted(grouped_removed.get(resource, []), key=order)
        if resource not in subjects_old:
            status = "added"
        elif resource not in subjects_new:
            status = "removed"
        else:
            status = "changed"
        changed = []
        if status == "changed":
            # a value replaced by another: same subject and property (and language, for texts)
            def slot(t):
                language = t[2].language if kind(t[2]) == "literal" else None
                return (t[0], t[1], language or "")

            keys_plus = defaultdict(list)
            keys_minus = defaultdict(list)
            for t in plus:
                keys_plus[slot(t)].append(t[2])
            for t in minus:
                keys_minus[slot(t)].append(t[2])
            both = set(keys_plus) & set(keys_minus)
            for key in sorted(both, key=lambda k: (k[0] != resource, sort_key(k[0]), _predicate_rank(k[1].value), sort_key(k[1]), k[2])):
                changed.append((key[0], key[1], keys_minus[key], keys_plus[key]))
            plus = [t for t in plus if slot(t) not in both]
            minus = [t for t in minus if slot(t) not in both]
        labels = labels_new.get(resource) or labels_old.get(resource) or {}
        change = ResourceChange(resource, status, None, plus, minus, changed, labels)
        change.label = change.label_in(lang) if labels else None
        changes.append(change)
    rank = {"added": 0, "changed": 1, "removed": 2}
    changes.sort(key=lambda c: (rank[c.status], sort_key(c.resource)))
    return Diff(
        added=sorted(added, key=lambda t: tuple(sort_key(x) for x in t)),
        removed=sorted(removed, key=lambda t: tuple(sort_key(x) for x in t)),
        resources=changes,
        prefixes=PREFIXES,
    )


def _local_blank_node_labels(triples: set) -> set:
    """Relabel blank nodes so that an unchanged one keeps its label when others change.

    Canonical labels depend on the whole graph: one changed blank node can rename all
    the others. A blank node referred to exactly once and not in a cycle (nested ``[ ]`` and
    lists, nearly all of them) is labelled instead by a hash of where it hangs (its referrer and
    the property) and of what it holds, recursively. Any other blank node keeps its canonical label.
    """
    import hashlib

    import pyoxigraph as ox

    from ..rdf.terms import kind, nt

    outgoing = defaultdict(list)
    referrers = defaultdict(list)
    for s, p, o in triples:
        outgoing[s].append((p, o))
        if kind(o) == "bnode":
            referrers[o].append((s, p))
    content: dict = {}

    def content_hash(node, path=()):
        if node in content:
            return content[node]
        if node in path:
            return None  # a cycle
        parts = []
        for p, o in outgoing.get(node, ()):
            if kind(o) == "bnode":
                if len(referrers[o]) != 1:
                    return None
                inner = content_hash(o, path + (node,))
                if inner is None:
                    return None
                parts.append(f"{nt(p)} [{inner}]")
            else:
                parts.append(f"{nt(p)} {nt(o)}")
        content[node] = hashlib.sha256("\n".join(sorted(parts)).encode("utf-8")).hexdigest()
        return content[node]

    labels: dict = {}

    def label(node, path=()):
        if kind(node) != "bnode":
            return nt(node)
        if node in labels:
            return labels[node]
        refs = referrers.get(node, [])
        own = content_hash(node)
        if len(refs) != 1 or own is None or node in path:
            labels[node] = "c" + node.value  # keep the canonical label
            return labels[node]
        parent, predicate = refs[0]
        parent_label = label(parent, path + (node,))
        digest = hashlib.sha256(f"{parent_label} {nt(predicate)} {own}".encode("utf-8")).hexdigest()[:16]
        labels[node] = "b" + digest
        return labels[node]

    renamed = {}

    def rename(term):
        if kind(term) != "bnode":
            return term
        if term not in renamed:
            renamed[term] = ox.BlankNode(label(term))
        return renamed[term]

    return {(rename(s), p, rename(o)) for s, p, o in triples}


def _predicate_rank(predicate: str) -> int:
    if predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
        return 0
    return 1 if predicate in LABELS else 2


def _labels(triples: set) -> dict:
    """subject -> {language: label}, from the first label property (in LABELS order) that has one."""
    from ..rdf.terms import kind

    found: dict = defaultdict(dict)
    for s, p, o in triples:
        if p.value in LABELS and kind(o) == "literal":
            rank = LABELS.index(p.value)
            language = o.language or ""
            current = found[s].get(language)
            if current is None or (rank, o.value) < current:
                found[s][language] = (rank, o.value)
    return {subject: {lang: value for lang, (_rank, value) in by_lang.items()} for subject, by_lang in found.items()}
