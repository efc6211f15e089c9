"""Rewriting SPARQL-based constraints and targets (tokens: :mod:`imvo_graph.rdf.sparql`).

``$this`` is bound to every focus node at once by joining the focus pattern into the query's
groups; FILTER NOT EXISTS groups that only share ``?this`` with the rest become MINUS."""

from __future__ import annotations

from dataclasses import dataclass

from ...rdf import sparql
from .common import UnsupportedShapeError

#: rdf.sparql's token kinds as this module names them (white space and a lone ? or $ are "other")
_KINDS = {"{": "open", "}": "close", "(": "lparen", ")": "rparen", "space": "other", "?": "other", "$": "other"}
_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "GROUP_CONCAT", "SAMPLE"}


@dataclass
class _Tok:
    kind: str
    text: str


class _SelectQuery:
    """A SELECT query split into tokens, enough to add ?this and join the focus nodes in."""

    def __init__(self, tokens: list[_Tok]):
        self.tokens = tokens
        self.select_at = next(i for i, t in enumerate(tokens) if t.kind == "word" and t.text.upper() == "SELECT")
        self.where_open = self._find_where_open()
        self.projected = self._projection()

    @staticmethod
    def parse_tokens(text: str) -> list[_Tok]:
        """Every token of ``text`` (:func:`imvo_graph.rdf.sparql.tokens` with layout: joined,
        they are the text), variables written with ``?``."""
        try:
            return [_Tok("var", "?" + t.text[1:]) if t.kind == "var" else _Tok(_KINDS.get(t.kind, t.kind), t.text)
                    for t in sparql.tokens(text, layout=True)]
        except sparql.UnterminatedString as exc:
            raise UnsupportedShapeError(f"a SPARQL query with a string that does not end (at offset {exc.offset})") from None

    @classmethod
    def parse(cls, text: str) -> "_SelectQuery":
        tokens = cls.parse_tokens(text)
        if not any(t.kind == "word" and t.text.upper() == "SELECT" for t in tokens):
            raise UnsupportedShapeError("a SPARQL constraint without SELECT")
        return cls(tokens)

    def _find_where_open(self) -> int:
        depth = 0
        for i in range(self.select_at + 1, len(self.tokens)):
            t = self.tokens[i]
            if t.kind == "lparen":
                depth += 1
            elif t.kind == "rparen":
                depth -= 1
            elif t.kind == "open" and depth == 0:
                return i
        raise UnsupportedShapeError("a SPARQL constraint without a WHERE group")

    def _projection(self) -> set:
        names = set()
        toks = self.tokens[self.select_at + 1 : self.where_open]
        words = [t.text.upper() for t in toks if t.kind == "word"]
        if any(t.kind == "other" and t.text == "*" for t in toks):
            return {t.text[1:] for t in self.tokens if t.kind == "var"}
        depth = 0
        for i, t in enumerate(toks):
            if t.kind == "lparen":
                depth += 1
            elif t.kind == "rparen":
                depth -= 1
            elif t.kind == "var":
                if depth == 0:
                    names.add(t.text[1:])
                elif _prev_word(toks, i) == "AS":
                    names.add(t.text[1:])
        del words
        return names

    def distinct_this(self) -> bool:
        """Whether the query is ``SELECT DISTINCT ?this``: each node once, nothing else projected."""
        head = [t for t in self.tokens[self.select_at + 1 : self.where_open]
                if t.kind != "comment" and not t.text.isspace() and not (t.kind == "word" and t.text.upper() == "WHERE")]
        return (len(head) == 2 and head[0].kind == "word" and head[0].text.upper() == "DISTINCT"
                and head[1].kind == "var" and head[1].text == "?this")

    def _top_level_after_where(self) -> list[_Tok]:
        depth = 0
        for i in range(self.where_open, len(self.tokens)):
            t = self.tokens[i]
            if t.kind == "open":
                depth += 1
            elif t.kind == "close":
                depth -= 1
                if depth == 0:
                    return self.tokens[i + 1 :]
        return []

    def set_at_a_time_ok(self) -> bool:
        tail = [t.text.upper() for t in self._top_level_after_where() if t.kind == "word"]
        if "LIMIT" in tail or "OFFSET" in tail:
            return False
        head = [t.text.upper() for t in self.tokens[self.select_at + 1 : self.where_open] if t.kind == "word"]
        has_group = "GROUP" in tail
        if (set(head) & _AGGREGATES or "HAVING" in tail) and not has_group:
            return False
        return True

    def without_not_exists(self) -> str:
        """The query with FILTER NOT EXISTS groups that are equivalent to MINUS written as MINUS."""
        return self.rewrite(None)

    def rewrite(self, focus_pattern: str | None, into_minus: bool = False) -> str:
        """The query with ``?this`` projected and ``focus_pattern`` (binding ?this to each focus
        node) joined into every group that mentions ?this; FILTER NOT EXISTS groups equivalent
        to MINUS written as MINUS. ``into_minus``: the focus pattern is joined into those MINUS
        groups that mention ?this as well (the same solutions: a row of the outer group has a
        focus node as ?this, and only a row of the MINUS group with the same ?this can remove
        it); worth it when the focus pattern is cheap to join (a small set of nodes), as
        Oxigraph evaluates the MINUS group on its own, over the whole graph."""
        toks = self.tokens
        out: list[str] = []
        # 1. projection: add ?this
        insert_at = self.select_at + 1
        while insert_at < len(toks) and (toks[insert_at].kind in ("comment",) or toks[insert_at].text.isspace() or
                                         (toks[insert_at].kind == "word" and toks[insert_at].text.upper() in ("DISTINCT", "REDUCED"))):
            insert_at += 1
        star = any(t.kind == "other" and t.text == "*" for t in toks[self.select_at + 1 : self.where_open])
        # 2. which groups mention ?this: inject the focus pattern at their start
        group_has_this = self._groups_with_this()
        tail_start = len(toks) - len(self._top_level_after_where())
        # 3. FILTER NOT EXISTS { ... } that only shares ?this with the rest: the same as MINUS,
        #    which Oxigraph evaluates as an anti-join (NOT EXISTS with a zero-or-more path is
        #    evaluated row by row there, quadratic in the graph).
        as_minus = self._not_exists_as_minus(this_bound=focus_pattern is not None)
        skip: set[int] = set()
        for filter_at, _not_at, exists_at in as_minus:
            skip.update(range(filter_at + 1, exists_at + 1))
        minus_at = {f for f, _, _ in as_minus}
        minus_with_focus = self._minus_groups_with_this(as_minus) if focus_pattern is not None and into_minus else set()
        for i, t in enumerate(toks):
            if focus_pattern is None:
                if i in minus_at:
                    out.append("MINUS")
                elif i not in skip:
                    out.append(t.text)
                continue
            if i == insert_at and not star and "this" not in self.projected:
                out.append(" ?this ")
            if i in minus_at:
                out.append("MINUS")
                continue
            if i in skip:
                continue
            out.append(t.text)
            if t.kind == "open" and (i == self.where_open or i in group_has_this or i in minus_with_focus):
                out.append(" " + focus_pattern + " ")
            if i >= tail_start and t.kind == "word" and t.text.upper() == "BY" and _prev_word(toks, i) == "GROUP":
                out.append(" ?this ")
        return "".join(out)

    def minus_mentions_this(self) -> bool:
        """Whether a FILTER NOT EXISTS group that :meth:`rewrite` writes as MINUS mentions ?this."""
        return bool(self._minus_groups_with_this(self._not_exists_as_minus(this_bound=True)))

    def _minus_groups_with_this(self, as_minus: list) -> set:
        """The opening braces (indices) of the groups of ``as_minus`` that mention ?this."""
        toks = self.tokens
        found = set()
        for _filter_at, _not_at, exists_at in as_minus:
            g = _next_index(toks, exists_at)
            if any(t.kind == "var" and t.text == "?this" for t in toks[g : _matching_close(toks, g)]):
                found.add(g)
        return found

    def _not_exists_as_minus(self, this_bound: bool) -> list:
        """(FILTER, NOT, EXISTS) token indices of top-level FILTER NOT EXISTS groups equivalent to MINUS.

        ``this_bound``: ?this is bound in every solution (the focus nodes are joined in)."""
        toks = self.tokens
        found = []
        depth = 0
        end = len(toks) - len(self._top_level_after_where())
        i = self.where_open
        while i < end:
            t = toks[i]
            if t.kind == "open":
                depth += 1
            elif t.kind == "close":
                depth -= 1
            elif depth == 1 and t.kind == "word" and t.text.upper() == "FILTER":
                j = _next_index(toks, i)
                k = _next_index(toks, j) if j is not None else None
                g = _next_index(toks, k) if k is not None else None
                if (j is not None and k is not None and g is not None and toks[j].text.upper() == "NOT"
                        and toks[k].text.upper() == "EXISTS" and toks[g].kind == "open"):
                    close = _matching_close(toks, g)
                    inner = toks[g + 1 : close]
                    if self._minus_equivalent(inner, set(range(g, close + 1)), this_bound):
                        found.append((i, j, k))
                    i = close + 1  # past the group: its closing brace is not the outer group's
                    continue
            i += 1
        return found

    def _minus_equivalent(self, inner: list, inner_range: set, this_bound: bool) -> bool:
        """FILTER NOT EXISTS { P } is MINUS { P } when P is a plain pattern and the variables it
        shares with the rest of the query are (1) at least one, (2) bound by P's triple patterns
        (not only named in its FILTERs) and (3) bound in every solution of the query's group
        (:meth:`_certainly_bound`): then "no solution of P with these values" is the same test.
        P may also be a UNION of plain patterns, each binding those variables."""
        branches = _union_branches(inner)
        if branches is None:
            return False  # other nested groups (OPTIONAL, MINUS, ...) may leave variables unbound
        inner_vars: set = set()
        pattern_vars: set | None = None
        for branch in branches:
            if any(t.kind == "word" and t.text.upper() in ("BIND", "SELECT", "GRAPH", "SERVICE", "VALUES") for t in branch):
                return False
            depth = 0
            bound_here = set()
            for t in branch:
                if t.kind == "lparen":
                    depth += 1
                elif t.kind == "rparen":
                    depth -= 1
                elif t.kind == "var":
                    inner_vars.add(t.text)
                    if depth == 0:
                        bound_here.add(t.text)
            pattern_vars = bound_here if pattern_vars is None else pattern_vars & bound_here
        pattern_vars = pattern_vars or set()
        outer_vars = {t.text for i, t in enumerate(self.tokens) if t.kind == "var" and i not in inner_range}
        bound = self._certainly_bound(self.where_open)
        if this_bound:
            outer_vars.add("?this")
            bound.add("?this")
        shared = inner_vars & outer_vars
        return bool(shared) and shared <= pattern_vars and shared <= bound

    def _certainly_bound(self, open_at: int) -> set:
        """Variables bound in every solution of the group opening at ``open_at``: those of its
        triple patterns, of its plain nested groups, and of every branch of a UNION; not those
        of OPTIONAL, MINUS, EXISTS, sub-SELECT, VALUES or BIND (which may leave them unbound)."""
        toks = self.tokens
        close = _matching_close(toks, open_at)
        bound: set = set()
        paren = 0
        after_values = False
        i = open_at + 1
        while i < close:
            t = toks[i]
            if t.kind == "lparen":
                paren += 1
            elif t.kind == "rparen":
                paren -= 1
            elif t.kind == "word" and t.text.upper() == "VALUES":
                after_values = True
            elif t.kind == "var" and paren == 0 and not after_values:
                bound.add(t.text)
            elif t.kind == "open":
                end = _matching_close(toks, i)
                plain = not (after_values or paren or _prev_word(toks, i) in ("OPTIONAL", "MINUS", "EXISTS", "SERVICE")
                             or _next_word(toks, i) == "SELECT")
                after_values = False
                if plain:
                    branches = [self._certainly_bound(i)]
                    j = _next_index(toks, end)
                    while j is not None and toks[j].kind == "word" and toks[j].text.upper() == "UNION":
                        g = _next_index(toks, j)
                        if g is None or toks[g].kind != "open":
                            break
                        end = _matching_close(toks, g)
                        branches.append(self._certainly_bound(g) if _next_word(toks, g) != "SELECT" else set())
                        j = _next_index(toks, end)
                    bound |= set.intersection(*branches)
                i = end + 1
                continue
            i += 1
        return bound

    def _groups_with_this(self) -> set:
        """Opening braces (indices) of nested groups, other than EXISTS groups, that mention ?this."""
        toks = self.tokens
        stack: list[tuple[int, bool]] = []
        result = set()
        for i in range(self.where_open, len(toks)):
            t = toks[i]
            if t.kind == "open":
                prev = _prev_word(toks, i)
                nxt = _next_word(toks, i)
                # EXISTS groups see ?this already; a { SELECT ... } sub-select cannot take a pattern
                stack.append((i, prev == "EXISTS" or nxt == "SELECT"))
            elif t.kind == "close" and stack:
                stack.pop()
            elif t.kind == "var" and t.text == "?this":
                for idx, is_exists in stack[1:]:
                    if not is_exists:
                        result.add(idx)
        # a group that only contains a nested SELECT keeps it; the SELECT's own WHERE gets the pattern
        return result


def check_prebinding(text: str, prebound: set, where: str) -> None:
    """Refuse a SPARQL query the SHACL specification forbids where variables are pre-bound
    (section 5.2.1 of SHACL, "Pre-binding of variables"): MINUS, VALUES, SERVICE; ``AS ?var``
    for a pre-bound variable; a nested SELECT that does not project every pre-bound variable
    (``$shapesGraph`` and ``$currentShape`` excepted). ``prebound``: names without ``$``/``?``.
    Raises :class:`~imvo_graph.errors.ShapesError` naming ``where`` (the constraint and shape)."""
    from ...errors import ShapesError

    toks = [t for t in _SelectQuery.parse_tokens(text) if t.kind != "comment" and not t.text.isspace()]
    required = set(prebound) - {"shapesGraph", "currentShape"}
    selects = 0
    for i, t in enumerate(toks):
        after_colon = i > 0 and toks[i - 1].text == ":"
        word = t.text.upper() if t.kind == "word" and not after_colon and not (
            i + 1 < len(toks) and toks[i + 1].text == ":") else ""
        if word in ("MINUS", "VALUES", "SERVICE"):
            raise ShapesError(f"{where}: a SHACL SPARQL query must not use {word} (SHACL 5.2.1, pre-binding)")
        if word == "AS" and i + 1 < len(toks) and toks[i + 1].kind == "var" and toks[i + 1].text[1:] in prebound:
            raise ShapesError(f"{where}: a SHACL SPARQL query must not assign the pre-bound variable "
                              f"${toks[i + 1].text[1:]} (AS {toks[i + 1].text}; SHACL 5.2.1, pre-binding)")
        if word == "SELECT":
            selects += 1
            if selects == 1:
                continue
            projected, j, depth = set(), i + 1, 0
            while j < len(toks) and not (toks[j].kind == "open" or (toks[j].kind == "word" and toks[j].text.upper() == "WHERE")):
                if toks[j].kind == "lparen":
                    depth += 1
                elif toks[j].kind == "rparen":
                    depth -= 1
                elif toks[j].text == "*" and depth == 0:
                    projected.add("*")
                elif toks[j].kind == "var" and (depth == 0 or toks[j - 1].text.upper() == "AS"):
                    projected.add(toks[j].text[1:])
                j += 1
            missing = required - projected if "*" not in projected else required
            if missing and any(v.kind == "var" and v.text[1:] in missing for v in toks):
                raise ShapesError(
                    f"{where}: a nested SELECT must project the pre-bound variable(s) "
                    f"{', '.join('$' + m for m in sorted(missing))} (SHACL 5.2.1, pre-binding)")


def _prev_word(toks, i) -> str:
    j = i - 1
    while j >= 0 and (toks[j].text.isspace() or toks[j].kind == "comment"):
        j -= 1
    return toks[j].text.upper() if j >= 0 and toks[j].kind == "word" else ""


def _union_branches(inner: list) -> list | None:
    """The branches of a group's tokens: ``[inner]`` for a plain pattern (no nested group), the
    contents of each ``{ }`` for ``{ A } UNION { B } ...`` of plain patterns, else None."""
    if not any(t.kind == "open" for t in inner):
        return [inner]
    significant = [t for t in inner if t.kind != "comment" and not (t.kind == "other" and t.text.isspace())]
    branches, i = [], 0
    while i < len(significant):
        if significant[i].kind != "open":
            return None
        close = next((j for j in range(i + 1, len(significant)) if significant[j].kind in ("open", "close")), None)
        if close is None or significant[close].kind != "close":
            return None  # a group inside the branch
        branches.append(significant[i + 1 : close])
        i = close + 1
        if i < len(significant):
            if not (significant[i].kind == "word" and significant[i].text.upper() == "UNION"):
                return None
            i += 1
            if i == len(significant):
                return None
    return branches


def _next_index(toks, i):
    j = i + 1
    while j < len(toks) and (toks[j].text.isspace() or toks[j].kind == "comment"):
        j += 1
    return j if j < len(toks) else None


def _matching_close(toks, i) -> int:
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "open":
            depth += 1
        elif toks[j].kind == "close":
            depth -= 1
            if depth == 0:
                return j
    raise UnsupportedShapeError("unbalanced braces in a SPARQL constraint")


def _next_word(toks, i) -> str:
    j = i + 1
    while j < len(toks) and (toks[j].text.isspace() or toks[j].kind == "comment"):
        j += 1
    return toks[j].text.upper() if j < len(toks) and toks[j].kind == "word" else ""
