"""SHACL validation of the knowledge graph: :func:`validate` and its report.

By default there is no inference: the ontology and code lists are mixed into the data graph,
so that ``sh:class`` follows the ontology's ``rdfs:subClassOf`` axioms, and nothing else is
inferred. RDFS inference would type resources through property domains and ranges and so
satisfy ``sh:class`` constraints that the data itself breaks.

- :mod:`.run`     :func:`validate` (files) and :func:`validate_quads` (statements);
- :mod:`.report`  the report and its results; :mod:`.render` its formats;
- :mod:`.engines` choosing the engine; :mod:`.fast` the compiled engine; :mod:`.pyshacl_engine` pySHACL.
"""

from .engines import ENGINES, Engine
from .render import ReportFormat
from .report import ValidationReport, ValidationResult
from .run import INFERENCE_CHOICES, Inference, validate, validate_quads

__all__ = ["validate", "validate_quads", "ValidationReport", "ValidationResult", "INFERENCE_CHOICES", "ENGINES", "Inference", "Engine", "ReportFormat"]
