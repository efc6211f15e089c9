"""Rendering pages with Jinja2 templates (``imvo_graph/site/templates``), escaping everything.

Jinja2 rather than string building: autoescaping on every value (labels and paragraph text
come from data anyone can edit), template inheritance for the shared layout, and it is the
best-kept templating library for Python.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("imvo_graph.site", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, context: dict) -> str:
    return environment().get_template(template).render(**context)
