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
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, cast

from ..rdf.namespaces import XSD

BASE = "https://w3id.org/imvo-graph/"
ID = BASE + "id/"
DEF = BASE + "def#"
ONTOLOGY = BASE + "def"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT_DATE = "http://purl.org/dc/terms/date"

KST = "https://zoek.officielebekendmakingen.nl/kst-"
DATE_PROPERTIES = (DCT_DATE, DEF + "signingDate", DEF + "entryIntoForceDate", DEF + "adoptedOn")
VIOLATION_KINDS = (
    "missing-dutch-label",
    "date-not-a-date",
    "date-after-letter",
    "untyped-reference",
    "wrong-paper-number",
    "undefined-term",
)


@dataclass(frozen=True)
class PlantedViolation:
    kind: str
    focus: str  # the IRI of the resource whose result the validator must report
    path: str | None  # the property the result is about
    copy: int
    note: str = ""
    value: str | None = None  # the planted value, where it is a resource (results may be about it too)


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


def template_quads(files=None) -> list:
    """The template: the shipped data (or ``files``), as pyoxigraph quads, in a stable order."""
    from ..loading import read_quads, shipped_files

    # read by the parser, not through a store, which would rewrite "7"^^xsd:positiveInteger
    seen = set()
    quads = []
    for f in files if files is not None else shipped_files("data"):
        for q in read_quads(f):
            if q not in seen:
                seen.add(q)
                quads.append(q)
    quads.sort(key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
    return quads


class _Template:
    def __init__(self, quads):
        import pyoxigraph as ox

        self.quads = quads
        self.ox = ox
        types: dict = {}
        for q in quads:
            if q.predicate.value == RDF_TYPE:
                types.setdefault(q.subject, set()).add(q.object.value)
        self.types = types
        self.shared = {
            s for s, ts in types.items() if ts & {SKOS + "Concept", SKOS + "ConceptScheme"}
        }
        # only resources the data describes are copied; what it merely refers to (code-list
        # concepts of the ontology, external documents) is shared by all copies
        self.described = {
            q.subject.value.partition("#")[0] for q in quads if isinstance(q.subject, ox.NamedNode) and q.subject not in self.shared
        }
        # parliamentary papers: number, dossier and sub-number, to renumber per copy
        by_subject: dict = {}
        for q in quads:
            p = q.predicate.value
            if p in (DEF + "kamerstukNumber", DEF + "dossierNumber", DEF + "subNumber"):
                by_subject.setdefault(q.subject, {})[p] = q.object.value
        self.papers = {}
        for s, props in by_subject.items():
            if all(k in props for k in (DEF + "kamerstukNumber", DEF + "dossierNumber", DEF + "subNumber")):
                try:
                    sub = int(props[DEF + "subNumber"])
                except ValueError:
                    continue
                self.papers[s] = (props[DEF + "kamerstukNumber"], props[DEF + "dossierNumber"], sub)
        self.paper_numbers = {number: (dossier, sub) for number, dossier, sub in self.papers.values()}

    def renamer(self, k: int):
        """A function mapping a template term to its term in copy ``k``."""
        ox = self.ox
        cache: dict = {}
        if k == 0:
            return lambda t: t

        def new_number(number: str) -> str | None:
            if number in self.paper_numbers:
                dossier, sub = self.paper_numbers[number]
                return f"{dossier}-{sub + 1000 * k}"
            return None

        def rename(term):
            hit = cache.get(term)
            if hit is not None:
                return hit
            result = term
            if isinstance(term, ox.NamedNode):
                value = term.value
                if value.startswith(ID) and term not in self.shared and value.partition("#")[0] in self.described:
                    base, sep, fragment = value.partition("#")
                    head, _, last = base.rpartition("/")
                    number = new_number(last) if "/motie/" in base or "/kamerstuk/" in base else None
                    if number is not None:
                        base = f"{head}/{number}"
                    else:
                        base = f"{base}-g{k}"
                    result = ox.NamedNode(base + sep + fragment)
                elif value.startswith(KST):
                    number = new_number(value[len(KST):])
                    if number is not None:
                        result = ox.NamedNode(KST + number)
            elif isinstance(term, ox.BlankNode):
                result = ox.BlankNode(f"{term.value}g{k}")
            cache[term] = result
            return result

        return rename

    def copy(self, k: int) -> list:
        ox = self.ox
        rename = self.renamer(k)
        out = []
        dg = ox.DefaultGraph()
        for q in self.quads:
            s = q.subject
            if k > 0 and rename(s) == s:
                continue  # shared or external resources are described once, in copy 0
            o = q.object
            p = q.predicate.value
            if k > 0 and isinstance(o, ox.Literal):
                if p == RDFS_LABEL:
                    o = ox.Literal(f"{o.value} [g{k}]", language=o.language) if o.language else ox.Literal(f"{o.value} [g{k}]", datatype=o.datatype)
                elif s in self.papers and p in (DEF + "kamerstukNumber", DEF + "subNumber"):
                    number, dossier, sub = self.papers[s]
                    if p == DEF + "subNumber":
                        o = ox.Literal(str(sub + 1000 * k), datatype=o.datatype)
                    else:
                        o = ox.Literal(f"{dossier}-{sub + 1000 * k}", datatype=o.datatype)
            out.append(ox.Quad(rename(s), q.predicate, rename(o), dg))
        return out


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
    t = _Template(quads)
    per_copy = len(t.copy(1))
    shared = len(quads) - per_copy
    copies = max(1, round((triples - shared) / per_copy)) if triples > len(quads) else 1
    out: list = []
    planted: list[PlantedViolation] = []
    rng = random.Random(seed)
    for k in range(copies):
        out.extend(t.copy(k))
    if violations > 0:
        out, planted = _plant(out, t, rng, violations, copies)
    return GeneratedGraph(quads=out, copies=copies, seed=seed, planted=planted)


def _plant(quads: list, t: _Template, rng: random.Random, rate: float, copies: int):
    """Apply one violation to ``rate`` of the typed resources; return the new quads and the plan."""
    import pyoxigraph as ox

    by_subject: dict = {}
    for i, q in enumerate(quads):
        by_subject.setdefault(q.subject, []).append(i)
    types: dict = {}
    for q in quads:
        if q.predicate.value == RDF_TYPE and isinstance(q.subject, ox.NamedNode):
            types.setdefault(q.subject, set()).add(q.object.value)
    typed = sorted(
        (s for s in types if s.value.startswith(ID) and not (types[s] & {SKOS + "Concept", SKOS + "ConceptScheme"})),
        key=lambda s: s.value,
    )
    wanted = max(1, round(rate * len(typed)))
    rng.shuffle(typed)
    removed: set = set()
    added: list = []
    planted: list[PlantedViolation] = []
    dg = ox.DefaultGraph()
    undefined = 0

    def copy_of(s) -> int:
        tail = s.value.partition("#")[0]
        if "-g" in tail.rsplit("/", 1)[-1]:
            try:
                return int(tail.rsplit("-g", 1)[1])
            except ValueError:
                return 0
        return 0

    for s in typed:
        if len(planted) >= wanted:
            break
        rows = [quads[i] for i in by_subject.get(s, []) if i not in removed]
        kinds = list(VIOLATION_KINDS)
        rng.shuffle(kinds)
        for kind in kinds:
            done = None
            if kind == "missing-dutch-label":
                nl = [i for i in by_subject[s] if quads[i].predicate.value == RDFS_LABEL
                      and isinstance(quads[i].object, ox.Literal) and quads[i].object.language == "nl"]
                if nl:
                    removed.update(nl)
                    done = PlantedViolation(kind, s.value, RDFS_LABEL, copy_of(s), "no rdfs:label in Dutch")
            elif kind in ("date-not-a-date", "date-after-letter"):
                dates = [i for i in by_subject[s] if quads[i].predicate.value in DATE_PROPERTIES and i not in removed]
                if dates:
                    i = dates[0]
                    q = quads[i]
                    removed.add(i)
                    if kind == "date-not-a-date":
                        value = ox.Literal("onbekend")
                        note = "a date property with a string value"
                    else:
                        value = ox.Literal("2099-01-01", datatype=ox.NamedNode(XSD + "date"))
                        note = "a past date after the letter's date"
                    added.append(ox.Quad(s, q.predicate, value, dg))
                    done = PlantedViolation(kind, s.value, q.predicate.value, copy_of(s), note)
            elif kind == "untyped-reference":
                refs = [i for i in by_subject[s] if quads[i].predicate.value.startswith(DEF)
                        and isinstance(quads[i].object, ox.NamedNode) and quads[i].object.value.startswith(ID)
                        and quads[i].predicate.value not in (DEF + "addressedIn",) and i not in removed]
                if refs:
                    i = refs[0]
                    q = quads[i]
                    removed.add(i)
                    added.append(ox.Quad(s, q.predicate, ox.NamedNode(q.object.value + "-onbekend"), dg))
                    done = PlantedViolation(kind, s.value, q.predicate.value, copy_of(s), "refers to a resource that has no type",
                                            value=q.object.value + "-onbekend")
            elif kind == "wrong-paper-number":
                nums = [i for i in by_subject[s] if quads[i].predicate.value == DEF + "kamerstukNumber" and i not in removed]
                if nums:
                    i = nums[0]
                    removed.add(i)
                    added.append(ox.Quad(s, quads[i].predicate, ox.Literal(quads[i].object.value + "0"), dg))
                    done = PlantedViolation(kind, s.value, DEF + "kamerstukNumber", copy_of(s), "number does not match dossier and sub-number")
            elif kind == "undefined-term":
                undefined += 1
                term = f"{DEF}undefinedTerm{undefined}"
                added.append(ox.Quad(s, ox.NamedNode(term), ox.Literal("x"), dg))
                done = PlantedViolation(kind, ONTOLOGY, None, copy_of(s), f"uses {term}, which the ontology does not declare",
                                        value=s.value)
            if done is not None:
                planted.append(done)
                break
        del rows
    out = [q for i, q in enumerate(quads) if i not in removed] + added
    return out, planted


#: The output formats of :func:`write`, by file suffix.
OUTPUT_SUFFIXES = {".nt": "N-Triples", ".ttl": "Turtle"}


def output_format(output: Path | str):
    """The pyoxigraph format for an output file, from its suffix (``.nt`` N-Triples, ``.ttl``
    Turtle); InputError for any other suffix."""
    import pyoxigraph as ox

    from ..errors import InputError

    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        known = ", ".join(f"{s} ({name})" for s, name in OUTPUT_SUFFIXES.items())
        raise InputError(f"{path}: cannot tell the format from the suffix {path.suffix or '(none)'}; use {known}")
    return ox.RdfFormat.N_TRIPLES if suffix == ".nt" else ox.RdfFormat.TURTLE


def check_output(output: Path | str, *, overwrite: bool = False) -> None:
    """Raise InputError or OutputError unless ``write(graph, output, overwrite=overwrite)`` can
    write ``output`` and its plan: a known suffix, a writable folder, and each file either new or
    (with ``overwrite``) an existing regular file. Call it before the (slow) generation."""
    from ..export.atomic import check_output_file

    check_output_file(output, overwrite=overwrite)
    output_format(output)
    check_output_file(manifest_path(output), overwrite=overwrite)


def write(graph: GeneratedGraph, output: Path | str | None, stream=None, *, overwrite: bool = False) -> None:
    """Write the graph as N-Triples (``.nt``, and ``stream`` when ``output`` is None) or Turtle
    (``.ttl``), and the plan of planted violations next to it (:func:`manifest_path`).

    Both files are written atomically (a temporary file, then a rename) through the same helper
    as ``imvo-graph export``: an existing file is refused unless ``overwrite``, and only a regular
    file is ever replaced. Raises InputError (unknown suffix) or OutputError.
    """
    import pyoxigraph as ox

    from ..export.atomic import atomic_file, write_atomic

    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in graph.quads]
    if output is None:
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        (stream.buffer if hasattr(stream, "buffer") else stream).write(data)
        return
    path = Path(output)
    check_output(path, overwrite=overwrite)
    fmt = output_format(path)
    prefixes = None
    if fmt == ox.RdfFormat.TURTLE:
        prefixes = {"imvo": DEF, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                     "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": XSD, "dct": "http://purl.org/dc/terms/",
                     "skos": SKOS}
    with atomic_file(path, overwrite=overwrite) as out:
        hashing = _HashingWriter(out)
        if prefixes:
            ox.serialize(triples, output=cast(IO[bytes], hashing), format=fmt, prefixes=prefixes)
        else:
            ox.serialize(triples, output=cast(IO[bytes], hashing), format=fmt)
    # the plan names its graph by checksum: a plan and a graph from different runs (a kill
    # between the two renames) are told apart by read_manifest
    manifest = {**graph.manifest(), "graph": {"file": path.name, "sha256": hashing.digest.hexdigest()}}
    plan = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    write_atomic(manifest_path(path), plan.encode("utf-8"), overwrite=overwrite)


class _HashingWriter:
    """A binary stream that keeps the SHA-256 of what goes through it."""

    def __init__(self, stream):
        import hashlib

        self.stream = stream
        self.digest = hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.stream.write(data)

    def flush(self) -> None:
        self.stream.flush()


def read_manifest(output: Path | str) -> dict:
    """The plan of planted violations of generated file ``output``, checked to belong to it:
    InputError when it is missing, unreadable, or names another graph (its SHA-256 differs:
    the two files come from different runs, for example after a run was killed)."""
    from ..errors import InputError
    from ..store import file_digest

    path = Path(output)
    plan_path = manifest_path(path)
    try:
        manifest = json.loads(plan_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{plan_path}: no such file (the plan of planted violations of {path})") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{plan_path}: cannot be read as a plan of planted violations ({exc})") from None
    expected = (manifest.get("graph") or {}).get("sha256") if isinstance(manifest, dict) else None
    if not expected:
        raise InputError(f"{plan_path}: names no graph checksum; generate the graph again")
    if file_digest(path) != expected:
        raise InputError(
            f"{plan_path}: belongs to another version of {path} (its SHA-256 differs); generate the graph again"
        )
    return manifest


def manifest_path(output: Path | str) -> Path:
    """Where the plan of planted violations of a generated file is written: ``FILE.violations.json``."""
    path = Path(output)
    return path.with_name(path.name + ".violations.json")
