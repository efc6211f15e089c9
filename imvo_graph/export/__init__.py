"""Exporting the knowledge graph in every common RDF format, byte for byte reproducibly.

Library API (the ``imvo-graph export`` command is a thin layer over it)::

    from imvo_graph.export import export_graph, serialize, write_export
    turtle = export_graph("data", "turtle")          # bytes
    jsonld = export_graph("all", "jsonld")           # with the project @context embedded
    write_export("out/imvo.nq", "all", "nquads")     # atomic: temporary file, then rename
    serialize(my_rdflib_graph, "rdfxml")             # any graph, same writers

The same input gives the same bytes in every process: blank nodes get deterministic labels
of bounded cost (``_:b0``..., see :mod:`imvo_graph.export.canonical`), statements are sorted, prefixes come from one fixed table (the
shipped JSON-LD context), and no writer depends on Python's hash seed.

In the dataset formats (N-Quads, TriG) each part is a named graph,
``https://w3id.org/imvo-graph/graph/{ontology,data,shapes}``; the graph formats hold the union.

- :mod:`.graph_export`   :func:`export_graph`, :func:`write_export`;
- :mod:`.serialization`  :func:`serialize` any graph, :func:`canonical_quads`;
- :mod:`.formats`        the formats, by name, short name and suffix;
- :mod:`.parts`          the parts, their named graphs, :func:`read_quads`;
- :mod:`.writers`, :mod:`.jsonld`, :mod:`.canonical`, :mod:`.context`, :mod:`.atomic`: the
  writers, blank-node labels, the JSON-LD context, atomic files and folders.
"""

from .formats import (
    FORMAT_ALIASES,
    FORMATS,
    ExportFormat,
    Format,
    FormatName,
    format_of_suffix,
    get_format,
    output_format,
)
from .graph_export import export_graph, write_export
from .parts import PARTS, Part, graph_name, load_part_quads, read_quads
from .serialization import as_quads, canonical_quads, serialize

__all__ = [
    "FORMATS",
    "FORMAT_ALIASES",
    "ExportFormat",
    "FormatName",
    "PARTS",
    "Part",
    "Format",
    "as_quads",
    "export_graph",
    "format_of_suffix",
    "get_format",
    "output_format",
    "serialize",
    "write_export",
    "load_part_quads",
    "read_quads",
    "canonical_quads",
    "graph_name",
]
