"""Comparing two graphs: the added and removed statements, grouped under the resource they are
about (a blank node's statements under the resource that refers to it), values replaced."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from ..options import check_choice
from ..rdf.labels import LANGUAGES, Language
from ..rdf.namespaces import RDF_TYPE
from .model import LABELS, Diff, ResourceChange
from .sides import load_side

_STATUS_RANK = {"added": 0, "changed": 1, "removed": 2}


def diff_graphs(old, new, *, lang: Language = "nl") -> Diff:
    """The differences between ``old`` and ``new`` (files, folders, release directories, graphs);
    the resources' labels in ``lang``."""
    check_choice("lang", lang, LANGUAGES, "language")
    from ..rdf.namespaces import PREFIXES
    from ..rdf.terms import sort_key

    old_triples, new_triples = _side_triples(old), _side_triples(new)
    added = new_triples - old_triples
    removed = old_triples - new_triples
    old_owner, new_owner = _owners(old_triples), _owners(new_triples)
    old_resources = {old_owner(s) for s, _p, _o in old_triples}
    new_resources = {new_owner(s) for s, _p, _o in new_triples}
    grouped_added = _grouped(added, new_owner)
    grouped_removed = _grouped(removed, old_owner)
    labels_new, labels_old = _labels(new_triples), _labels(old_triples)
    changes = []
    for resource in set(grouped_added) | set(grouped_removed):
        if resource not in old_resources:
            status = "added"
        elif resource not in new_resources:
            status = "removed"
        else:
            status = "changed"
        labels = labels_new.get(resource) or labels_old.get(resource) or {}
        change = _resource_change(resource, status, grouped_added.get(resource, []),
                                  grouped_removed.get(resource, []), labels)
        change.label = change.label_in(lang) if labels else None
        changes.append(change)
    changes.sort(key=lambda c: (_STATUS_RANK[c.status], sort_key(c.resource)))
    return Diff(
        added=sorted(added, key=lambda t: tuple(sort_key(x) for x in t)),
        removed=sorted(removed, key=lambda t: tuple(sort_key(x) for x in t)),
        resources=changes,
        prefixes=PREFIXES,
    )


def _side_triples(side) -> set:
    """The triples of a side, graph names dropped, blank nodes labelled canonically and then by
    where they hang (:func:`_local_blank_node_labels`)."""
    import pyoxigraph as ox

    from ..export import canonical_quads

    quads = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in load_side(side)]
    return _local_blank_node_labels({(q.subject, q.predicate, q.object) for q in canonical_quads(quads)})


def _owners(graph: set):
    """A function: subject -> the resource its statements are listed under (itself, unless it is
    a blank node: then the IRI, or root blank node, that refers to it, following references up)."""
    from ..rdf.terms import kind, sort_key

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

    owners = {b: owner(b) for b in {t for s, _p, o in graph for t in (s, o) if kind(t) == "bnode"}}

    def owner_of(subject):
        if kind(subject) != "bnode":
            return subject
        return owners.get(subject, subject)

    return owner_of


def _grouped(triples: set, owner_of) -> dict:
    """resource -> the triples listed under it."""
    grouped: dict = defaultdict(list)
    for t in triples:
        grouped[owner_of(t[0])].append(t)
    return grouped


def _resource_change(resource, status: str, added: list, removed: list, labels: dict) -> ResourceChange:
    """One resource's change: its statements in order (about the resource itself first; rdf:type
    and labels before the rest), and for a changed resource the values replaced by others."""
    from ..rdf.terms import sort_key

    def order(t):
        return (t[0] != resource, sort_key(t[0]), _predicate_rank(t[1].value), sort_key(t[1]), sort_key(t[2]))

    plus = sorted(added, key=order)
    minus = sorted(removed, key=order)
    changed: list = []
    if status == "changed":
        changed, plus, minus = _replaced_values(resource, plus, minus)
    return ResourceChange(resource, status, None, plus, minus, changed, labels)


def _replaced_values(resource, plus: list, minus: list) -> tuple[list, list, list]:
    """A value replaced by another: the same subject and property (and language, for texts) both
    removed and added. ``(changed, the rest of plus, the rest of minus)``."""
    from ..rdf.terms import kind, sort_key

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
    changed = []
    for key in sorted(both, key=lambda k: (k[0] != resource, sort_key(k[0]), _predicate_rank(k[1].value), sort_key(k[1]), k[2])):
        changed.append((key[0], key[1], keys_minus[key], keys_plus[key]))
    return changed, [t for t in plus if slot(t) not in both], [t for t in minus if slot(t) not in both]


def _local_blank_node_labels(triples: set) -> set:
    """Relabel blank nodes so that an unchanged one keeps its label when others change.

    Canonical labels depend on the whole graph: one changed blank node can rename all
    the others. A blank node referred to exactly once and not in a cycle (nested ``[ ]`` and
    lists, nearly all of them) is labelled instead by a hash of where it hangs (its referrer and
    the property) and of what it holds, recursively. Any other blank node keeps its canonical label.
    """
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
    if predicate == RDF_TYPE:
        return 0
    return 1 if predicate in LABELS else 2


def _labels(triples: set) -> dict:
    """subject -> {language: label}: per language, the least text of the first label property
    (in LABELS order) that has one in that language."""
    from functools import partial

    from ..rdf.labels import first_labels
    from ..rdf.terms import kind

    values: dict = defaultdict(lambda: defaultdict(list))  # subject -> property -> (language, text)
    for s, p, o in triples:
        if p.value in LABELS and kind(o) == "literal":
            values[s][p.value].append((o.language or "", o.value))
    return {subject: first_labels(partial(_values_of, by_prop), LABELS, least=True, per_language=True)
            for subject, by_prop in values.items()}


def _values_of(by_prop: dict, prop: str) -> list:
    return by_prop.get(prop, [])
