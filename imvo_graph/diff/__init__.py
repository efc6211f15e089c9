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

- :mod:`.compare`  :func:`diff_graphs`: the comparison;
- :mod:`.model`    its result (:class:`Diff`, :class:`ResourceChange`) and their text, Markdown and JSON;
- :mod:`.sides`    reading a side (:func:`load_side`).
"""

from .compare import diff_graphs
from .model import DIFF_FORMATS, Diff, DiffFormat, ResourceChange, json_term
from .sides import load_side

__all__ = ["diff_graphs", "Diff", "ResourceChange", "load_side", "DIFF_FORMATS", "DiffFormat", "json_term"]
