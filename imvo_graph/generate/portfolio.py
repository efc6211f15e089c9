"""A generated graph: whole copies of the template, with violations planted if asked."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field

from .planting import PlantedViolation, plant
from .template import Template, template_quads


@dataclass
class GeneratedGraph:
    quads: list  # pyoxigraph Quads in the default graph
    copies: int
    seed: int
    planted: list[PlantedViolation] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return len(self.quads)

    def manifest(self) -> dict:
        return {
            "triples": self.triples,
            "copies": self.copies,
            "seed": self.seed,
            "planted": [asdict(p) for p in self.planted],
        }


#: The largest graph :func:`generate` builds.
MAX_TRIPLES = 20_000_000


def generate(triples: int, seed: int = 0, violations: float = 0.0, template=None) -> GeneratedGraph:
    """A portfolio graph of about ``triples`` triples (whole copies of the template), at most
    :data:`MAX_TRIPLES` (the graph is built in memory); InputError past it, before any work."""
    if not 0 < triples <= MAX_TRIPLES:
        from ..errors import InputError

        raise InputError(
            f"triples={triples:,}: give from 1 to {MAX_TRIPLES:,} (the generator holds the graph in memory, "
            "about 1 GB per 4 million triples)"
        )
    quads = template if template is not None else template_quads()
    if not quads:
        from ..errors import InputError

        raise InputError("the template graph (the shipped data) is empty")
    if not 0.0 <= violations <= 1.0:
        from ..errors import InputError

        raise InputError(f"violations={violations!r}: give a rate between 0 and 1")
    t = Template(quads)
    per_copy = len(t.copy(1))
    shared = len(quads) - per_copy
    copies = max(1, round((triples - shared) / per_copy)) if triples > len(quads) else 1
    out: list = []
    planted: list[PlantedViolation] = []
    rng = random.Random(seed)
    for k in range(copies):
        out.extend(t.copy(k))
    if violations > 0:
        out, planted = plant(out, rng, violations)
    return GeneratedGraph(quads=out, copies=copies, seed=seed, planted=planted)
