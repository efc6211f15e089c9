"""A page per stored query: title, description, parameters, SPARQL text and the result table
from the shipped graph; served by ``imvo-graph serve``, a form that runs it with other values."""

from __future__ import annotations

from .words import WORDS


def result_context(builder, page, result, stored=None) -> dict:
    """A query result as the template's table: column headings (the query's ``# column:``
    labels in the page's language, else the variable names) and rows of display values."""
    if result.is_boolean:
        return {"boolean": str(result.boolean).lower(), "variables": [], "rows": [], "error": None}
    rows = [[None if term is None else builder.value(term, page) for term in row] for row in result.terms]
    label = getattr(stored, "column_label", None)
    headings = [label(v, page.lang) if label else v for v in result.variables]
    return {"boolean": None, "variables": headings, "rows": rows, "error": None}


def query_context(builder, page, stored, values: dict | None = None, *, endpoint: str | None = None) -> dict:
    """Everything query.html needs; runs the query (on ``endpoint``, else on the builder's
    store). A query error is shown on the page, not raised."""
    from ..errors import ImvoGraphError
    from ..query import run_query

    t = WORDS[page.lang]
    ctx = builder.common(page, stored.title_in(page.lang))
    values = dict(values or {})
    params = [{"name": p.name, "type": p.type, "default": p.default, "required": p.required,
               "meaning": p.meaning_in(page.lang), "value": values.get(p.name, p.default if p.default else "")}
              for p in stored.params if p.name != "lang"]
    missing = next((p.name for p in stored.params if p.required and p.name not in values), None)
    result = None
    if missing is None:
        try:
            answer = run_query(stored, values, lang=page.lang, endpoint=endpoint, store=None if endpoint else builder.store)
            result = result_context(builder, page, answer, stored)
        except ImvoGraphError as exc:
            result = {"error": str(exc), "boolean": None, "variables": [], "rows": []}
    ctx.update({"description": stored.description_in(page.lang), "params": params, "missing": missing,
                "result": result, "sparql": stored.text, "t": t})
    return ctx


def query_pages(builder) -> None:
    from ..query import list_queries

    queries = list_queries()
    for stored in queries:
        for page in builder.both(f"vragen/{stored.name}"):
            builder.emit(page, "query.html", query_context(builder, page, stored))
    for page in builder.both("vragen"):
        t = WORDS[page.lang]
        ctx = builder.common(page, t["queries"])
        items = [{"value": {"kind": "link", "href": builder.href(builder.lang_page(f"vragen/{q.name}", page.lang), page),
                            "text": q.title_in(page.lang)},
                  "note": {"kind": "text", "text": q.name}} for q in queries]
        ctx["groups"] = [{"title": {"kind": "text", "text": t["queries"]}, "count": len(items), "items": items}]
        builder.emit(page, "listing.html", ctx)
