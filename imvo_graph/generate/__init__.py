"""Synthetic IMVO graphs of any size, deterministic by seed, with known planted violations.

The shipped data (``data/``) is the template: a graph of this domain with the ontology's classes
and relationships in the proportions one real letter has. A generated graph is a *portfolio* of
copies of it, as a ministry's or parliament's graph of many letters would be:

* copy 0 is the shipped data itself; copy k >= 1 renames every instance IRI under
  ``{base}/id/`` to ``…-g{k}`` (before any ``#fragment``, so ``{letter}#pNN`` stays a paragraph
  of its own letter), gives each parliamentary paper a sub-number ``sub + 1000·k`` with its
  number, IRI and ``kst-`` link changed to match, suffixes its labels with ``[g{k}]``, and
  renames blank nodes;
* the concept schemes and concepts (sectors, countries, code lists) and resources outside the
  project's namespace (ministries in the TOOI register, external documents) are shared by all
  copies, as they would be in a real portfolio.

So the copies conform exactly as the shipped data does, and every result of a validator on a
generated graph without violations is a result of the shipped data, repeated per copy.

``violations`` (a rate, 0..1) plants that fraction of the typed resources with one violation
each, chosen by the seed from these kinds:

``missing-dutch-label``   remove the resource's ``rdfs:label`` values in Dutch
``date-not-a-date``       replace a date value by the string "onbekend"
``date-after-letter``     set ``dct:date`` of a resource with a past date to 2099-01-01
``untyped-reference``     point an object property at a new IRI that has no type
``wrong-paper-number``    give a parliamentary paper a number that does not match its dossier and sub-number
``undefined-term``        use ``imvo:undefinedTerm{n}``, a term the ontology does not declare

The plan (:class:`PlantedViolation` list) records each one by focus node and path; the tests
check that a validator finds each of them and nothing on any other resource beyond the shipped
data's own results.

- :mod:`.portfolio`  :func:`generate` and the graph it returns;
- :mod:`.template`   the template and its copies;
- :mod:`.planting`   the planted violations, one function per kind;
- :mod:`.output`     writing the graph and its plan, reading the plan back.
"""

from .output import OUTPUT_SUFFIXES, check_output, manifest_path, output_format, read_manifest, write
from .planting import VIOLATION_KINDS, PlantedViolation
from .portfolio import MAX_TRIPLES, GeneratedGraph, generate
from .template import template_quads

__all__ = [
    "generate", "GeneratedGraph", "PlantedViolation", "VIOLATION_KINDS", "MAX_TRIPLES", "template_quads",
    "write", "check_output", "output_format", "read_manifest", "manifest_path", "OUTPUT_SUFFIXES",
]
