"""The parts of the graph (ontology, data, shapes, all), their named graphs, and reading RDF
files exactly as written."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal, get_args

from ..options import check_choice

#: What can be exported: one kind of domain file, or all three (the merged graph); a type for ``part``.
Part = Literal["ontology", "data", "shapes", "all"]
PARTS: tuple[str, ...] = get_args(Part)
_PART_KINDS = {"ontology": ("ontology",), "data": ("data",), "shapes": ("shapes",), "all": ("ontology", "data", "shapes")}


def graph_name(part: str) -> str:
    """The IRI of the named graph that holds one part in N-Quads and TriG."""
    from ..rdf.namespaces import BASE

    return f"{BASE}/graph/{part}"


def read_quads(paths: Iterable[Path | str], graph=None) -> list:
    """The statements of RDF files exactly as written, all in ``graph`` if one is given (else each
    in the graph the file puts it in: the default graph, or a named graph of N-Quads or TriG).

    Read with :func:`imvo_graph.rdf.loading.read_quads` (pyoxigraph's parser, not its Store, which
    normalises typed literals: an export must give back what the files say). Blank nodes of
    different files stay distinct. Raises RdfSyntaxError (file, line) or InputError.
    """
    import pyoxigraph as ox

    from ..rdf.loading import read_quads as read_file

    quads: list = []
    for number, path in enumerate(Path(p) for p in paths):
        relabel: dict[str, object] = {}

        def local(term, relabel=relabel, number=number):
            # the same label in two files is two blank nodes
            if isinstance(term, ox.BlankNode):
                return relabel.setdefault(term.value, ox.BlankNode(f"f{number}x{term.value}"))
            return term

        quads.extend(ox.Quad(local(q.subject), q.predicate, local(q.object), q.graph_name) for q in read_file(path, graph))
    return quads


def load_part_quads(part: Part = "all", files: Iterable[Path | str] | None = None) -> list:
    """The quads of a part of the shipped graph, each part in its named graph; or of ``files``
    (in the graphs they name). Raises InputError on an unknown part, RdfSyntaxError on bad RDF."""
    import pyoxigraph as ox

    from ..resources import shipped_files

    check_choice("part", part, PARTS, "part")
    if files is not None:
        return read_quads(files)
    quads = []
    for kind_ in _PART_KINDS[part]:
        quads.extend(read_quads(shipped_files(kind_), ox.NamedNode(graph_name(kind_))))
    return quads
