"""Choosing the engine of a validation run: 'auto' (the default), 'fast' or 'pyshacl'.

'auto' runs the shapes compiled to SPARQL on Oxigraph (:mod:`.fast`) when the compiler supports
every shape, else the whole run on pySHACL (correct, slower). The compiler says what it cannot
do by raising :class:`~.fast.common.UnsupportedShapeError` before any result is kept, naming
the shape and the feature; 'auto' hands that sentence to ``on_fallback`` and starts again on
pySHACL, 'fast' lets it through (exit 2), 'pyshacl' never tries the compiler.
"""

from __future__ import annotations

from typing import Callable, Literal, get_args

from ..options import check_choice
from .report import ValidationReport

#: 'auto': compiled where the compiler supports every shape, else pySHACL (default);
#: 'fast': compiled only, refusing what it cannot compile; 'pyshacl': pySHACL itself.
#: The engines :func:`~imvo_graph.validation.validate` runs, as a type for its ``engine``.
Engine = Literal["auto", "fast", "pyshacl"]
ENGINES: tuple[str, ...] = get_args(Engine)


def check_engine(engine: str) -> None:
    check_choice("engine", engine, ENGINES, "engine")


def run_engine(
    engine: str,
    compiled: Callable[[], ValidationReport],
    reference: Callable[[], ValidationReport],
    on_fallback: Callable[[str], None] | None = None,
) -> ValidationReport:
    """The report of ``compiled()`` or ``reference()`` (pySHACL) as ``engine`` decides."""
    from .fast.common import UnsupportedShapeError

    check_engine(engine)
    if engine == "pyshacl":
        return _engine(reference(), "pyshacl")
    try:
        return _engine(compiled(), "fast")
    except UnsupportedShapeError as exc:
        if engine == "fast":
            raise
        reason = str(exc).splitlines()[0]
    if on_fallback is not None:
        on_fallback(reason)
    report = _engine(reference(), "pyshacl")
    report.fallback = reason
    return report


def _engine(report: ValidationReport, name: str) -> ValidationReport:
    report.engine = name
    return report
