"""Where the shipped domain files are: ontology/, data/, shapes/ and queries/.

In the repository they live at the top level, next to this package; a built wheel carries
them inside the package as ``imvo_graph/domain/`` (see ``pyproject.toml``). Both layouts are
found by :func:`domain_root`, so an editable checkout and an installed wheel behave the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DomainFilesMissing

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

DOMAIN_KINDS = ("ontology", "data", "shapes", "queries")
#: The shipped graph: the model (ontology and code lists) and the instance data.
SHIPPED_PARTS = ("ontology", "data")
_PACKAGE_DIR = Path(__file__).resolve().parent

#: The RDF file suffixes that count as domain files of each kind.
_SUFFIXES = {"ontology": (".ttl",), "data": (".ttl",), "shapes": (".ttl",), "queries": (".rq",)}


def domain_root() -> Path:
    """The folder that holds the four domain folders."""
    for candidate in (_PACKAGE_DIR / "domain", _PACKAGE_DIR.parent):
        if all((candidate / kind).is_dir() for kind in DOMAIN_KINDS):
            return candidate
    raise DomainFilesMissing(
        f"the shipped ontology, data, shapes and queries are not next to {_PACKAGE_DIR}; "
        "reinstall imvo-graph"
    )


def domain_dir(kind: str) -> Path:
    """The folder of one kind of domain file: 'ontology', 'data', 'shapes' or 'queries'."""
    if kind not in DOMAIN_KINDS:
        raise ValueError(f"unknown kind of domain file {kind!r}; expected one of {DOMAIN_KINDS}")
    return domain_root() / kind


def domain_files(kind: str) -> list[Path]:
    """The files of one kind, sorted by name so that every run reads them in the same order."""
    folder = domain_dir(kind)
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in _SUFFIXES[kind])


def vocabulary_shapes_file() -> Path:
    """The shipped shapes that every graph, the shapes files included, must satisfy: every term
    of the project namespace declared in the ontology (a typo fails), labels, date precision."""
    return domain_dir("shapes") / "vocabulary.ttl"


def shipped_files(*parts: str) -> list[Path]:
    """The shipped files of the given parts ('ontology', 'data', 'shapes'), in a stable order."""
    files: list[Path] = []
    for part in parts or SHIPPED_PARTS:
        files.extend(domain_files(part))
    return files


def load_shipped(*parts: str) -> "pyoxigraph.Store":
    """The shipped graph (ontology and data by default) in an Oxigraph store."""
    from .rdf.loading import load_shipped_files

    return load_shipped_files(shipped_files(*parts))


def load_with_shipped(data: Iterable[Path | str] = ()) -> "pyoxigraph.Store":
    """The shipped graph (ontology and data) and the triples of the files in ``data``, in one
    new store (``--data FILE`` on the commands). RdfSyntaxError (file, line) or InputError for
    a file that cannot be read."""
    from .rdf.loading import load_into, load_shipped_files

    store = load_shipped_files(shipped_files())
    for path in data:
        load_into(store, path)
    return store
