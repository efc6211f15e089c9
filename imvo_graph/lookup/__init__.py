"""One resource at a time: what the graph says about it (``imvo-graph show``).

>>> from imvo_graph.resources import load_shipped
>>> from imvo_graph.lookup import find_resource, describe_resource
>>> store = load_shipped()                                              # doctest: +SKIP
>>> iri = find_resource(store, "conv:textiel")     # or a full IRI, or a label  # doctest: +SKIP
>>> about = describe_resource(store, iri, lang="en")                    # doctest: +SKIP
>>> print(about.text())                                                 # doctest: +SKIP

- :mod:`.resolve`  a full IRI, a CURIE with the project's prefixes or a label -> the resource;
- :mod:`.describe` its types, labels, statements in both directions and the letter's paragraphs;
- :mod:`.render`   that description as text, or its statements as Turtle, JSON-LD, ...
"""

from .describe import Description, Paragraph, Statement, describe_resource
from .resolve import AmbiguousResource, UnknownResource, find_resource

__all__ = [
    "AmbiguousResource",
    "Description",
    "Paragraph",
    "Statement",
    "UnknownResource",
    "describe_resource",
    "find_resource",
]
