"""Deterministic blank-node labels of bounded cost.

Why not RDFC-1.0 (pyoxigraph's ``Dataset.canonicalize``)? Its N-degree hashing explores
permutations of blank nodes that look alike: on a clique of 9 blank nodes it takes a minute, on a
chain of 1,000 well over a minute, on a clique of 12 it exhausts memory. A work limit on it
would have to be a time limit, and a time limit makes the output depend on the machine. So the
labels come from colour refinement (the 1-dimensional Weisfeiler-Leman method) with
individualisation, which costs about O(m log n) for m statements and n blank nodes:

1. every blank node starts in one class; a class is split by each node's *signature*, the sorted
   statements around it with itself written ``@``, every other blank node by its class and every
   other term as N-Triples; the largest part keeps the class's name, the others get a name hashed
   from the old name, the signature and the round (Hopcroft's rule: only what moved is looked at
   again, so a chain of 10,000 blank nodes costs little more than 10,000 steps);
2. when no class splits any more and a class still holds several nodes, the first of them in the
   input is set apart (given a class of its own), and refinement goes on;
3. the labels ``b0``, ``b1``... follow the order of the final class names (all distinct).

Everything but the choice in step 2 depends only on the graph, so isomorphic inputs get the same
labels when the nodes of a tied class are interchangeable (an automorphism maps one to the
other), as in lists, trees, chains and cliques; the same input gives the same bytes in every run
always. Past :data:`WORK_LIMIT` steps the labelling stops with an InputError.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from collections.abc import Iterable

from ..errors import InputError

#: Signature computations and moves allowed (about 10 s of work); far above what a graph of a
#: million statements with blank nodes in lists and trees needs.
WORK_LIMIT = 20_000_000


def _hash(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def canonical_labels(quads: list, work_limit: int = WORK_LIMIT) -> dict[str, str]:
    """Blank node label -> canonical label (``b0``, ``b1``...) for the blank nodes of ``quads``."""
    index, templates = _templates(quads)
    if not index:
        return {}
    refinement = _Refinement(len(index), templates, work_limit)
    while True:
        refinement.refine()
        if not refinement.individualise():
            break
    order = sorted(range(len(index)), key=lambda node: refinement.colour[node])
    labels = {label: node for label, node in index.items()}
    rank = {node: position for position, node in enumerate(order)}
    return {label: f"b{rank[node]}" for label, node in labels.items()}


def _templates(quads: list) -> tuple[dict[str, int], list[tuple]]:
    """``(blank node label -> its index, per quad: for each position a blank node index or its
    N-Triples text)``; InputError for RDF 1.2 terms (refused, not written wrongly)."""
    import pyoxigraph as ox

    index: dict[str, int] = {}
    templates: list[tuple] = []
    for q in quads:
        row: list = []
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if type(term) is ox.BlankNode:
                row.append(index.setdefault(term.value, len(index)))
            elif type(term) is ox.Triple or (type(term) is ox.Literal and term.language and term.direction):
                from ..limits import check_statements

                check_statements("the graph", [q])  # InputError: RDF 1.2 is refused, not written wrongly
            else:
                row.append("" if type(term) is ox.DefaultGraph else str(term))
        templates.append(tuple(row))
    return index, templates


class _Refinement:
    """Colour refinement of the blank nodes: each node's colour (class) is refined by the
    statements it is in, with its neighbours' colours, until no class splits; then the first
    node of the tied class with the least name is individualised, and refinement goes on."""

    def __init__(self, n: int, templates: list[tuple], work_limit: int) -> None:
        self.templates = templates
        self.work_limit = work_limit
        self.incident: dict[int, list[int]] = defaultdict(list)
        for number, row in enumerate(templates):
            for node in {t for t in row if type(t) is int}:
                self.incident[node].append(number)
        self.neighbours: list[set[int]] = [set() for _ in range(n)]
        for template in templates:
            nodes = [t for t in template if type(t) is int]
            for a in nodes:
                self.neighbours[a].update(nodes)
        self.colour = ["0"] * n
        self.members: dict[str, set[int]] = {"0": set(range(n))}
        self.class_sig: dict[str, str | None] = {"0": None}
        self.work = 0
        self.rounds = 0
        self.dirty: set[int] = set(range(n))
        self.candidates: list[str] = []

    def signature(self, node: int) -> str:
        colour, templates = self.colour, self.templates
        rows = []
        for number in self.incident[node]:
            rows.append(" ".join("@" if t == node and type(t) is int else ("_" + colour[t] if type(t) is int else t)
                                 for t in templates[number]))
        rows.sort()
        return _hash(*rows)

    def refine(self) -> None:
        """Split the classes of the dirty nodes by their signatures until none splits."""
        while self.dirty:
            self.rounds += 1
            self.work += sum(len(self.incident[node]) for node in self.dirty)
            if self.work > self.work_limit:
                raise InputError(
                    f"the blank nodes cannot be labelled within {self.work_limit:,} steps (the limit of "
                    "imvo_graph.export.canonical.WORK_LIMIT); the graph has too many blank nodes that look alike"
                )
            by_class: dict[str, list[int]] = defaultdict(list)
            sigs = {}
            for node in self.dirty:
                sigs[node] = self.signature(node)
                by_class[self.colour[node]].append(node)
            self.dirty = set()
            moves: list[tuple[int, str, str | None]] = []
            for c, nodes in by_class.items():
                moves.extend(self._split(c, nodes, sigs))
            self._move(moves)

    def _split(self, c: str, nodes: list[int], sigs: dict) -> list[tuple[int, str, str | None]]:
        """The moves that split class ``c`` by the signatures of its looked-at ``nodes``: every
        group but the largest gets a new class."""
        members, class_sig = self.members, self.class_sig
        groups: dict[str, list[int]] = defaultdict(list)
        for node in nodes:
            groups[sigs[node]].append(node)
        rest = len(members[c]) - len(nodes)  # not looked at again: they have class_sig[c]
        sizes: dict[str | None, int] = {s: len(g) for s, g in groups.items()}
        if rest:
            sizes[class_sig[c]] = sizes.get(class_sig[c], 0) + rest
        if len(sizes) == 1:
            class_sig[c] = next(iter(sizes))
            return []
        moves = []
        keep = max(sizes, key=lambda s: (sizes[s], s))
        for s in sizes:
            if s == keep:
                continue
            new = _hash(c, s or "", str(self.rounds))
            moving = list(groups.get(s, ())) if s is not None else []
            if rest and s == class_sig[c]:
                looked_at = set(nodes)
                moving.extend(m for m in members[c] if m not in looked_at)
            for node in moving:
                moves.append((node, new, s))
        class_sig[c] = keep
        return moves

    def _move(self, moves: list[tuple[int, str, str | None]]) -> None:
        members = self.members
        for node, new, s in moves:
            members[self.colour[node]].discard(node)
            members.setdefault(new, set()).add(node)
            self.class_sig[new] = s
            self.colour[node] = new
            self.dirty |= self.neighbours[node]
            self.work += 1
            if len(members[new]) == 2:
                heapq.heappush(self.candidates, new)

    def individualise(self) -> bool:
        """Give the first node (in input order) of the tied class with the least name a class of
        its own; False when no class has two nodes."""
        members, candidates = self.members, self.candidates
        if not candidates:
            for c, held in members.items():
                if len(held) > 1:
                    heapq.heappush(candidates, c)
        while candidates and len(members.get(candidates[0], ())) < 2:
            heapq.heappop(candidates)
        if not candidates:
            return False
        c = candidates[0]
        node = min(members[c])
        self.rounds += 1
        new = _hash(c, "individual", str(self.rounds))
        members[c].discard(node)
        members[new] = {node}
        self.class_sig[new] = self.class_sig[c]
        self.colour[node] = new
        self.dirty = set(self.neighbours[node])
        self.dirty.discard(node)
        self.work += 1
        return True


def relabel(quads: Iterable, work_limit: int = WORK_LIMIT) -> list:
    """The quads with their blank nodes renamed by :func:`canonical_labels`."""
    import pyoxigraph as ox

    quads = list(quads)
    labels = canonical_labels(quads, work_limit)
    if not labels:
        return quads
    nodes = {old: ox.BlankNode(new) for old, new in labels.items()}

    def term(t):
        return nodes[t.value] if type(t) is ox.BlankNode else t

    return [ox.Quad(term(q.subject), q.predicate, term(q.object), term(q.graph_name)) for q in quads]
