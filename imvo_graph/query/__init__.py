"""Stored SPARQL queries: the questions users ask of the graph, locally or on an endpoint.

>>> from imvo_graph.query import list_queries, run_query
>>> [q.name for q in list_queries()]                                   # doctest: +SKIP
>>> result = run_query("covenant-status", lang="en")                   # doctest: +SKIP
>>> result.variables, result.rows                                      # doctest: +SKIP
>>> result.to_dataframe()            # with pandas installed           # doctest: +SKIP
>>> run_query("covenant-status", endpoint="http://127.0.0.1:7878/query")  # doctest: +SKIP
>>> print(result.serialize("csv"))   # table, csv, tsv, json, markdown  # doctest: +SKIP

- :mod:`.catalogue` the ``queries/`` folder and the header of each query;
- :mod:`.terms`     parameter types and writing terms as SPARQL text;
- :mod:`.binding`   the VALUES block that binds parameters, locally and remotely;
- :mod:`.run`       running on the shipped graph (pyoxigraph) or :mod:`.remote` (SPARQLWrapper);
- :mod:`.results`   the result object and its formats.
"""

from .catalogue import Param, StoredQuery, get_query, list_queries, load_query_file, parse_query, query_names
from .results import FORMATS, QueryResult, ResultFormat
from .run import check_syntax, prepare, run_file, run_local, run_query, run_sparql, shipped_store

__all__ = [
    "FORMATS",
    "ResultFormat",
    "Param",
    "QueryResult",
    "StoredQuery",
    "check_syntax",
    "get_query",
    "list_queries",
    "load_query_file",
    "parse_query",
    "prepare",
    "query_names",
    "run_file",
    "run_local",
    "run_query",
    "run_sparql",
    "shipped_store",
]
