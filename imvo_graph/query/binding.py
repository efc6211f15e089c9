"""Binding parameters into a query: a ``VALUES`` block at the start of the outermost WHERE group.

The same mechanism serves the local engine and remote endpoints, so a query means the same
thing on both. Why not the engine's own bindings locally? pyoxigraph 0.5's
``Store.query(..., substitutions=...)`` refuses any variable that is not in the SELECT
projection ("The SPARQL query does not contains variable ?lang in its SELECT projection"),
cannot bind ASK queries, and does not reach a BIND at the start of a group; the stored
queries have fixed result variables that do not include their parameters.

No parser is needed to find the group. :func:`where_group_start` walks the query with the
lexer of :mod:`imvo_graph.rdf.sparql`, which steps over comments, strings and IRIs, and counts
braces and parentheses; the group is the first ``{`` at depth zero after the WHERE
keyword, or for SELECT, ASK and DESCRIBE without that keyword, the first ``{`` at depth zero.
The block is inserted right after that brace, on the same line, so line numbers in later error
messages still match the file. The terms in the block are written by
:func:`~imvo_graph.rdf.terms.sparql_term`, so no value can close the block or the group.

Inside the group the block is joined with the rest of the pattern: a parameter is visible in the
group's own FILTERs, BINDs and OPTIONAL filters, not inside a sub-SELECT (whose variables are
its own). Stored queries use their parameters accordingly.

The values are also written into the FILTERs of that outermost group, in place of the
parameter's variable (:func:`fold_into_top_filters`). That changes no answer: such a FILTER is
applied to the solutions of the whole group, which are all joined with the one-row block, so
the variable holds exactly that value wherever the FILTER reads it. It does change the plan.
Oxigraph can apply a FILTER early, right after the one pattern that binds its variables, only
when the block's variables are not among them; with the value written in,
``FILTER(CONTAINS(LCASE(STR(?label)), "textiel"))`` is applied where the labels are read,
instead of after every join of the group (measured in benchmarks/code-choices.md). A
FILTER holding a group (``EXISTS { }``) is left as written.
"""

from __future__ import annotations

from ..rdf import sparql
from ..rdf.terms import sparql_term
from .terms import values_block

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


class BindingError(ValueError):
    """The query has no WHERE group to bind parameters in, or a string that does not end."""


def tokens(text: str):
    """Yield ``(kind, value, offset)`` for the braces, parentheses, variables, IRIs, strings and
    bare words of a query (:func:`imvo_graph.rdf.sparql.tokens`); BindingError for a string that
    does not end."""
    try:
        yield from sparql.tokens(text)
    except sparql.UnterminatedString as exc:
        raise BindingError(str(exc)) from None


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword at depth zero."""
    for kind, value, _ in tokens(text):
        if kind == "word" and value.upper() in QUERY_FORMS:
            return value.upper()
        if kind in "{(":
            return None
    return None


def where_group_start(text: str) -> int | None:
    """The offset just after the ``{`` that opens the outermost WHERE group, or None."""
    braces = parens = 0
    form = None
    seen_where = False
    for kind, value, offset in tokens(text):
        at_top = braces == 0 and parens == 0
        if kind == "word" and at_top:
            word = value.upper()
            if form is None and word in QUERY_FORMS:
                form = word
            elif form is not None and word == "WHERE":
                seen_where = True
        elif kind == "{":
            if at_top and form is not None and (seen_where or form != "CONSTRUCT"):
                return offset + 1
            braces += 1
        elif kind == "}":
            braces -= 1
        elif kind == "(":
            parens += 1
        elif kind == ")":
            parens -= 1
    return None


def bind(text: str, bindings: dict) -> str:
    """``text`` with a VALUES block of ``bindings`` (variable name -> pyoxigraph term) at the
    start of its outermost WHERE group; ``text`` itself when there is nothing to bind."""
    if not bindings:
        return text
    start = where_group_start(text)
    if start is None:
        raise BindingError("the query has no WHERE group to bind its parameters in")
    text = fold_into_top_filters(text, start, bindings)
    return f"{text[:start]} {values_block(bindings)} {text[start:]}"


def fold_into_top_filters(text: str, start: int, bindings: dict) -> str:
    """``text`` with each bound variable in a FILTER of the group opening at ``start`` replaced
    by its value (see the module's docstring for why this is safe and why it is done), except
    as the argument of BOUND.

    Only FILTERs directly in that group count, not those in a nested group, OPTIONAL, UNION
    branch or sub-SELECT, and not a FILTER whose constraint contains a group (EXISTS). The
    values are written on one line, so line numbers do not change.
    """
    edits = []
    for span in _top_filter_spans(text, start):
        for i, (kind, value, offset) in enumerate(span):
            if kind != "var" or value[1:] not in bindings:
                continue
            if i >= 2 and span[i - 1][0] == "(" and span[i - 2][1].upper() == "BOUND":
                continue  # BOUND takes a variable, not a value (and is true here anyway)
            edits.append((offset, offset + len(value), sparql_term(bindings[value[1:]])))
    for begin, end, term in reversed(edits):
        text = f"{text[:begin]}{term}{text[end:]}"
    return text


def _top_filter_spans(text: str, start: int):
    """The tokens of each FILTER constraint written directly in the group opening at ``start``
    (``FILTER (...)`` or ``FILTER fn(...)``), without those that contain a group."""
    depth = 0  # braces and parentheses open since the group began
    after_filter = False  # a FILTER keyword was read, its constraint has not begun
    span: list | None = None  # the tokens of the constraint being read
    holds_group = False
    for kind, value, offset in tokens(text[start:]):
        token = (kind, value, offset + start)
        if span is None and after_filter and depth == 0:
            after_filter = False
            if kind == "(" or (kind in ("word", "iri") and value.upper() not in ("NOT", "EXISTS")):
                span = []
                holds_group = False
        if span is not None:
            span.append(token)
            holds_group = holds_group or kind in "{}"
        if kind in "({":
            depth += 1
        elif kind in ")}":
            if depth == 0:
                return  # the group ends
            depth -= 1
            if span is not None and depth == 0:
                if not holds_group:
                    yield span
                span = None
        elif kind == "word" and depth == 0 and value.upper() == "FILTER":
            after_filter = True


def undeclared_prefixes(text: str) -> list[str]:
    """Prefixes used in prefixed names but not declared with PREFIX (for a helpful message)."""
    declared = set()
    used: list[str] = []
    previous = None
    for kind, value, _ in tokens(text):
        if kind == "word" and previous is not None and previous[0] == "word" and previous[1].upper() == "PREFIX":
            declared.add(value.split(":", 1)[0])
        elif kind == "word" and ":" in value and not value.startswith("_:"):
            prefix = value.split(":", 1)[0]
            if not prefix[:1].isdigit() and prefix not in used:
                used.append(prefix)
        previous = (kind, value)
    return [p for p in used if p not in declared]
