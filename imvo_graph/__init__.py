"""imvo-graph: a linked-data knowledge graph of Dutch IMVO policy.

The library API, which the ``imvo-graph`` command is a thin layer over, lives in small modules:

- :mod:`imvo_graph.resources`   where the shipped ontology, data, shapes and queries are, loaded;
- :mod:`imvo_graph.rdf`         the RDF core: namespaces, terms, labels, reading RDF files (errors
                                name file and line), Oxigraph stores;
- :mod:`imvo_graph.validation`  SHACL validation (``validate()``) and its report;
- :mod:`imvo_graph.query`       the stored SPARQL queries, locally or on an endpoint (``run_query()``);
- :mod:`imvo_graph.lookup`      one resource: find it by IRI, CURIE or label, describe it;
- :mod:`imvo_graph.endpoints`   publishing to a Graph Store endpoint, serving a local endpoint;
- :mod:`imvo_graph.export`      deterministic serialisation in six RDF formats (``export_graph()``);
- :mod:`imvo_graph.release`     the portal-ready release directory with its DCAT catalogue;
- :mod:`imvo_graph.diff`        changes between two versions of the graph (``diff_graphs()``);
- :mod:`imvo_graph.generate`    synthetic graphs for benchmarks and tests;
- :mod:`imvo_graph.inference`   RDFS and OWL 2 RL closures on Oxigraph, identical to owlrl's;
- :mod:`imvo_graph.options`     checks of option values several features share (URLs, dates);
- :mod:`imvo_graph.errors`      the errors a user can cause, and their exit codes (their messages
                                name this API's parameters; the command names its options).

The common calls are importable from the top::

    from imvo_graph import validate, run_query, export_graph, write_release, diff_graphs, load

They are loaded on first use (PEP 562), and heavy libraries (rdflib, pyshacl, pyoxigraph) are
imported inside the functions that need them, so importing this package, and
``imvo-graph --help``, stays fast. The first use also checks that the installed rdflib, pySHACL,
owlrl and pyoxigraph are versions whose results the engines reproduce
(:mod:`imvo_graph.dependencies`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: The public API: name -> (module, attribute), imported when first asked for.
_API = {
    "validate": ("imvo_graph.validation", "validate"),
    "run_query": ("imvo_graph.query", "run_query"),
    "export_graph": ("imvo_graph.export", "export_graph"),
    "write_release": ("imvo_graph.release", "write_release"),
    "diff_graphs": ("imvo_graph.diff", "diff_graphs"),
    # the shipped graph (ontology and data) and the triples of optional files, in a new store
    "load": ("imvo_graph.resources", "load_with_shipped"),
}

if TYPE_CHECKING:  # pragma: no cover - what type checkers and editors see
    from .diff import diff_graphs
    from .export import export_graph
    from .query import run_query
    from .release import write_release
    from .resources import load_with_shipped as load
    from .validation import validate


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _API[name]
    except KeyError:
        raise AttributeError(f"module 'imvo_graph' has no attribute {name!r}") from None
    from importlib import import_module

    from .dependencies import check_versions

    check_versions()
    value = getattr(import_module(module_name), attribute)
    globals()[name] = value  # asked once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})


__all__ = ["__version__", "validate", "run_query", "export_graph", "write_release", "diff_graphs", "load"]
