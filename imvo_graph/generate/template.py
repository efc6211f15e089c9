"""The template of a generated graph (the shipped data) and its copies: every instance IRI
renamed per copy, parliamentary papers renumbered, labels suffixed, shared resources kept once."""

from __future__ import annotations

from ..rdf.namespaces import BASE as _BASE
from ..rdf.namespaces import DCT, IMVO, RDF_TYPE, RDFS_LABEL, SKOS

BASE = _BASE + "/"
ID = BASE + "id/"
DEF = IMVO
ONTOLOGY = BASE + "def"
DCT_DATE = DCT + "date"

KST = "https://zoek.officielebekendmakingen.nl/kst-"
DATE_PROPERTIES = (DCT_DATE, DEF + "signingDate", DEF + "entryIntoForceDate", DEF + "adoptedOn")


def template_quads(files=None) -> list:
    """The template: the shipped data (or ``files``), as pyoxigraph quads, in a stable order."""
    from ..rdf.loading import read_quads
    from ..resources import shipped_files

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


class Template:
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
