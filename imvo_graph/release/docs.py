"""HTML documentation of the ontology: every class, property and code list, in Dutch and English.

A small template of our own rather than pyLODE: no extra dependency, the same bytes for the same
ontology (no generation time stamp), and both languages side by side on one page. A Mermaid class
diagram shows the classes, their superclasses and the object properties between them; it is
drawn in the browser when Mermaid can load, and reads as plain text otherwise.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..rdf.namespaces import DCT, IMVO, OWL, PREFIXES, RDF, RDFS, SKOS, PrefixTable
from ..rdf.terms import term_text

if TYPE_CHECKING:  # pragma: no cover
    from ..rdf.triples import Triples

KINDS = (
    ("classes", "Klassen", "Classes", (OWL + "Class", RDFS + "Class")),
    ("object-properties", "Objecteigenschappen", "Object properties", (OWL + "ObjectProperty",)),
    ("datatype-properties", "Gegevenseigenschappen", "Datatype properties", (OWL + "DatatypeProperty",)),
    ("annotation-properties", "Annotatie-eigenschappen", "Annotation properties", (OWL + "AnnotationProperty", RDF + "Property")),
)

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:70rem;margin:0 auto;padding:1rem 2rem;line-height:1.45;color:#1b1b1b}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #154273;padding-bottom:.2rem;margin-top:2.5rem;color:#154273}
h3{margin:1.8rem 0 .4rem}code{background:#f3f3f3;padding:0 .2rem;border-radius:3px}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7;width:14rem;font-weight:600}.en{color:#444}nav ul{columns:3}section.term{border-left:4px solid #154273;padding-left:1rem}
figure.diagram{margin:0;overflow:auto}figure.diagram svg{max-width:100%;height:auto}
"""


def ontology_html(graph: "Triples", *, version: str, release_date: str | None = None,
                  shapes: "Triples | None" = None, data: "Triples | None" = None,
                  files: list[tuple[str, str]] | None = None) -> str:
    """The documentation page for the ontology in ``graph`` (:class:`imvo_graph.rdf.triples.Triples`): a whole,
    self-contained HTML document (its style inline, its diagram an inline SVG; nothing is
    loaded from elsewhere). ``shapes``: the SHACL shapes, described in words under each class;
    ``data``: instance data, for examples; ``files``: ``[(file name, label)]`` to link to."""
    head, body = ontology_parts(graph, version=version, release_date=release_date, shapes=shapes, data=data, files=files)
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="nl">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{escape(head)}</title>",
        f"<style>{_CSS}</style>", "</head>", "<body>", '<main>', body, '</main>', "</body>", "</html>",
    ]) + "\n"


def ontology_parts(graph: "Triples", *, version: str, release_date: str | None = None,
                   shapes: "Triples | None" = None, data: "Triples | None" = None,
                   files: list[tuple[str, str]] | None = None, heading: bool = True,
                   example_href=None) -> tuple[str, str]:
    """``(title, body HTML)`` of the documentation: the part inside ``<main>``, for the
    release's page and for the site's ``def/`` page."""
    doc = _OntologyDoc(graph)
    out: list[str] = []
    title_nl, title_en = doc.header(out, version, release_date, files, heading)
    doc.contents(out)
    doc.namespaces(out)
    doc.term_index(out)
    doc.diagram(out)
    doc.term_sections(out, shapes, data, example_href or (lambda iri: iri))
    doc.code_lists(out)
    return f"{title_nl} / {title_en} {version}", "\n".join(out)


class _OntologyDoc:
    """The documentation page of an ontology graph, one section at a time (each appends its HTML)."""

    def __init__(self, graph: "Triples") -> None:
        import pyoxigraph as ox

        self.graph, self.Literal, self.U = graph, ox.Literal, ox.NamedNode
        self.table = PrefixTable(PREFIXES)
        U = ox.NamedNode
        self.ontology = next(iter(graph.subjects(RDF + "type", U(OWL + "Ontology"))), None)
        self.terms_by_kind: dict = {}
        seen: set = set()
        for key, _nl, _en, types in KINDS:
            members: set = set()
            for rdf_type in types:
                members.update(s for s in graph.subjects(RDF + "type", U(rdf_type)) if self.own(s) and s not in seen)
            seen.update(members)
            # by local name ignoring case, then by case (names equal but for case came in the hash
            # order of a set before, which changed from run to run)
            self.terms_by_kind[key] = sorted(members, key=lambda t: (self.local(t).lower(), self.local(t)))
        self.schemes = sorted(graph.subjects(RDF + "type", U(SKOS + "ConceptScheme")), key=term_text)

    # -- reading the graph

    def texts(self, subject, *predicates) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for predicate in predicates:
            for value in self.graph.objects(subject, predicate):
                if isinstance(value, self.Literal):
                    found.setdefault(value.language or "", []).append(value.value)
        return {lang: sorted(values) for lang, values in found.items()}

    def one(self, subject, lang: str, *predicates) -> str:
        values = self.texts(subject, *predicates)
        return (values.get(lang) or values.get("") or [""])[0]

    def own(self, term) -> bool:
        return isinstance(term, self.U) and term.value.startswith(IMVO)

    def local(self, term) -> str:
        return term.value[len(IMVO):]

    def link(self, term) -> str:
        if self.own(term):
            return f'<a href="#{escape(self.local(term))}"><code>imvo:{escape(self.local(term))}</code></a>'
        if isinstance(term, self.U):
            name = self.table.qname(term.value) or term.value
            return f'<a href="{escape(term.value)}"><code>{escape(name)}</code></a>'
        return "<code>(anoniem / anonymous)</code>"

    def links(self, terms) -> str:
        return ", ".join(self.link(t) for t in sorted(set(terms), key=term_text))

    # -- the sections

    def header(self, out: list[str], version: str, release_date: str | None, files, heading: bool) -> tuple[str, str]:
        """The title, the table of version, date, IRI, licence and prefix, the description and
        the files; ``(Dutch title, English title)``."""
        graph, ontology, one = self.graph, self.ontology, self.one
        title_nl = one(ontology, "nl", RDFS + "label", DCT + "title") if ontology else "IMVO-graaf ontologie"
        title_en = one(ontology, "en", RDFS + "label", DCT + "title") if ontology else "IMVO graph ontology"
        if heading:
            out.append(f"<h1>{escape(title_nl)}</h1>")
        out.append(f'<p class="en" lang="en"><strong>{escape(title_en)}</strong></p>')
        rows = [("Versie / Version", escape(version))]
        if release_date:
            rows.append(("Datum / Date", escape(release_date)))
        if ontology is not None:
            rows.append(("IRI", f"<code>{escape(term_text(ontology))}</code>"))
            for iri in graph.objects(ontology, OWL + "versionIRI"):
                rows.append(("Versie-IRI / Version IRI", f"<code>{escape(term_text(iri))}</code>"))
            for licence in graph.objects(ontology, DCT + "license"):
                rows.append(("Licentie / Licence", f'<a href="{escape(term_text(licence))}">{escape(term_text(licence))}</a>'))
        rows.append(("Voorvoegsel / Prefix", f"<code>imvo: &lt;{escape(IMVO)}&gt;</code>"))
        out.append(_table(rows))
        if ontology is not None:
            out.append(f'<p lang="nl">{escape(one(ontology, "nl", RDFS + "comment", DCT + "description"))}</p>')
            out.append(f'<p class="en" lang="en">{escape(one(ontology, "en", RDFS + "comment", DCT + "description"))}</p>')
        if files:
            out.append('<p class="files">Bestanden / <span lang="en">Files</span>: '
                       + " · ".join(f'<a href="{escape(name)}">{escape(label)}</a>' for name, label in files) + "</p>")
        return title_nl, title_en

    def contents(self, out: list[str]) -> None:
        out.append('<nav aria-labelledby="contents"><h2 id="contents">Inhoud / <span lang="en">Contents</span></h2><ul>')
        out.append('<li><a href="#namespaces">Namespaces</a></li>')
        out.append('<li><a href="#term-index">Termenindex / <span lang="en">Term index</span></a></li>')
        out.append('<li><a href="#diagram">Diagram</a></li>')
        for key, nl, en, _types in KINDS:
            if self.terms_by_kind[key]:
                out.append(f'<li><a href="#{key}">{nl} / {en}</a> ({len(self.terms_by_kind[key])})</li>')
        if self.schemes:
            out.append(f'<li><a href="#code-lists">Codelijsten / Code lists</a> ({len(self.schemes)})</li>')
        out.append("</ul></nav>")

    def namespaces(self, out: list[str]) -> None:
        out.append('<h2 id="namespaces">Namespaces</h2>')
        used = _namespaces(self.graph, self.table)
        out.append("<table><thead><tr><th scope=\"col\">Voorvoegsel / <span lang=\"en\">Prefix</span></th>"
                   "<th scope=\"col\">Namespace</th></tr></thead><tbody>"
                   + "".join(f"<tr><td><code>{escape(prefix)}:</code></td><td><code>{escape(namespace)}</code></td></tr>"
                             for prefix, namespace in used)
                   + "</tbody></table>")

    def term_index(self, out: list[str]) -> None:
        out.append('<h2 id="term-index">Termenindex / <span lang="en">Term index</span></h2>')
        for key, nl, en, _types in KINDS:
            if self.terms_by_kind[key]:
                out.append(f'<p><strong>{nl} / <span lang="en">{en}</span>:</strong> '
                           + ", ".join(self.link(t) for t in self.terms_by_kind[key]) + "</p>")

    def diagram(self, out: list[str]) -> None:
        out.append('<h2 id="diagram">Diagram</h2>')
        out.append(
            '<p>Klassen, hun superklassen en de objecteigenschappen ertussen. '
            '<span class="en" lang="en">Classes, their superclasses and the object properties between them.</span></p>'
        )
        out.append(f'<figure class="diagram">{_diagram(self.graph, self.terms_by_kind, self.table)}</figure>')

    def term_sections(self, out: list[str], shapes, data, example_href) -> None:
        """A section per term, kind by kind."""
        for key, nl, en, _types in KINDS:
            if not self.terms_by_kind[key]:
                continue
            out.append(f'<h2 id="{key}">{nl} / <span lang="en">{en}</span></h2>')
            for term in self.terms_by_kind[key]:
                self.term_section(out, key, term, shapes, data, example_href)

    def term_section(self, out: list[str], key: str, term, shapes, data, example_href) -> None:
        """One term: its labels, descriptions and relations (for a class, also its shapes and examples)."""
        graph, one = self.graph, self.one
        out.append(f'<section class="term" id="{escape(self.local(term))}">')
        label_nl, label_en = one(term, "nl", RDFS + "label"), one(term, "en", RDFS + "label")
        out.append(f'<h3>{escape(label_nl)} <span class="en" lang="en">/ {escape(label_en)}</span></h3>')
        rows = [
            ("IRI", f"<code>{escape(term.value)}</code>"),
            ("Label (nl)", escape(label_nl)),
            ("Label (en)", f'<span lang="en">{escape(label_en)}</span>'),
            ("Omschrijving (nl)", escape(one(term, "nl", RDFS + "comment", SKOS + "definition"))),
            ("Description (en)", f'<span lang="en">{escape(one(term, "en", RDFS + "comment", SKOS + "definition"))}</span>'),
        ]
        relations = (
            ("Subklasse van / Subclass of", graph.objects(term, RDFS + "subClassOf")),
            ("Superklasse van / Superclass of", graph.subjects(RDFS + "subClassOf", term)),
            ("Subeigenschap van / Subproperty of", graph.objects(term, RDFS + "subPropertyOf")),
            ("Domein / Domain", graph.objects(term, RDFS + "domain")),
            ("Bereik / Range", graph.objects(term, RDFS + "range")),
            ("Eigenschappen met dit domein / Properties with this domain", graph.subjects(RDFS + "domain", term)),
            ("In het bereik van / In range of", graph.subjects(RDFS + "range", term)),
            ("Type", [t for t in graph.objects(term, RDF + "type") if term_text(t) != OWL + "Class"]),
        )
        for name, values in relations:
            if values:
                rows.append((name, self.links(values)))
        if key == "classes":
            rows.extend(_class_extras(term, graph, shapes, data, example_href, self.table))
        out.append(_table(rows))
        out.append("</section>")

    def code_lists(self, out: list[str]) -> None:
        """A section per concept scheme: its concepts with their labels and definitions."""
        if not self.schemes:
            return
        one = self.one
        out.append('<h2 id="code-lists">Codelijsten / <span lang="en">Code lists</span></h2>')
        for scheme in self.schemes:
            anchor = "list-" + term_text(scheme).rstrip("/").rsplit("/", 1)[-1]
            out.append(f'<section id="{escape(anchor)}">')
            out.append(
                f'<h3>{escape(one(scheme, "nl", SKOS + "prefLabel", RDFS + "label", DCT + "title"))} '
                f'<span class="en" lang="en">/ {escape(one(scheme, "en", SKOS + "prefLabel", RDFS + "label", DCT + "title"))}</span></h3>'
            )
            out.append(f"<p><code>{escape(term_text(scheme))}</code></p>")
            concepts = sorted(self.graph.subjects(SKOS + "inScheme", scheme), key=term_text)
            out.append("<table><tr><th>Begrip / Concept</th><th>nl</th><th>en</th></tr>")
            for concept in concepts:
                out.append(
                    f"<tr><td><code>{escape(self.table.qname(term_text(concept)) or term_text(concept))}</code></td>"
                    f"<td><strong>{escape(one(concept, 'nl', SKOS + 'prefLabel'))}</strong><br>"
                    f"{escape(one(concept, 'nl', SKOS + 'definition'))}</td>"
                    f'<td lang="en"><strong>{escape(one(concept, "en", SKOS + "prefLabel"))}</strong><br>'
                    f'{escape(one(concept, "en", SKOS + "definition"))}</td></tr>'
                )
            out.append("</table></section>")


def _namespaces(graph, table: PrefixTable) -> list[tuple[str, str]]:
    """The prefixes of the namespaces the ontology's statements use, sorted by prefix."""
    from bisect import bisect_left

    # the texts in order: those starting with a namespace, if any, begin where it would be inserted
    texts = sorted({term_text(term) for triple in graph for term in triple})

    def used(namespace: str) -> bool:
        at = bisect_left(texts, namespace)
        return at < len(texts) and texts[at].startswith(namespace)

    return sorted((prefix, namespace) for prefix, namespace in PREFIXES.items() if used(namespace))


def _class_extras(cls, graph, shapes, data, example_href, table: PrefixTable, limit: int = 5) -> list[tuple[str, str]]:
    """Rows for a class: the shapes that constrain it, in words, and example instances."""
    import pyoxigraph as ox

    from .shapes_words import class_constraints

    rows = []
    if shapes is not None:
        parts = []
        for entry in class_constraints(shapes, graph, cls):
            name_nl, name_en = entry["name"].get("nl", ""), entry["name"].get("en", "")
            if entry["description"]:
                parts.append(f'<p><strong>{escape(name_nl)}</strong>: {escape(entry["description"].get("nl", ""))}<br>'
                             f'<span lang="en"><strong>{escape(name_en)}</strong>: {escape(entry["description"].get("en", ""))}</span></p>')
            if entry["rules"]:
                items = []
                for rule in entry["rules"]:
                    note_nl, note_en = (f" ({rule['severity'][0]})", f" ({rule['severity'][1]})") if rule["severity"] else ("", "")
                    items.append(f'<li>{escape(rule["nl"] + note_nl)}<br><span lang="en">{escape(rule["en"] + note_en)}</span></li>')
                parts.append("<ul>" + "".join(items) + "</ul>")
        if parts:
            rows.append(("Vormen / <span lang=\"en\">Shapes</span>", "".join(parts)))
    if data is not None:
        instances = sorted({s for s in data.subjects(RDF + "type", cls) if isinstance(s, ox.NamedNode)}, key=term_text)
        if instances:
            def label(iri):
                texts = data.labels(iri, (RDFS + "label",), languages=("nl",))
                return texts["nl"] if texts else table.qname(iri.value) or iri.value

            shown = ", ".join(f'<a href="{escape(example_href(i.value))}">{escape(label(i))}</a>' for i in instances[:limit])
            more = f" (+{len(instances) - limit})" if len(instances) > limit else ""
            rows.append(("Voorbeelden / <span lang=\"en\">Examples</span>", shown + more))
    return rows


def _table(rows) -> str:
    body = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    return f"<table>{body}</table>"


def _diagram(graph, terms_by_kind, table: PrefixTable) -> str:
    """The classes, their superclasses and every object property between classes, as an SVG
    drawn here (no script, nothing fetched): the ontology's own classes and the reused classes
    that are a domain, range or superclass of them."""
    import pyoxigraph as ox

    from ..site.pictures import class_diagram

    def name(term) -> str:
        return table.qname(term.value) or term.value.rsplit("/", 1)[-1]

    nodes: dict[str, str] = {c.value: name(c) for c in terms_by_kind["classes"]}
    subclass, relations = [], []
    for cls in terms_by_kind["classes"]:
        for parent in graph.objects(cls, RDFS + "subClassOf"):
            if isinstance(parent, ox.NamedNode):
                nodes.setdefault(parent.value, name(parent))
                subclass.append((cls.value, parent.value))
    thing = ox.NamedNode(OWL + "Thing")
    for prop in terms_by_kind["object-properties"]:
        domains = [d for d in graph.objects(prop, RDFS + "domain") if isinstance(d, ox.NamedNode)] or [thing]
        ranges = [r for r in graph.objects(prop, RDFS + "range") if isinstance(r, ox.NamedNode)] or [thing]
        for domain in domains:
            for range_ in ranges:
                nodes.setdefault(domain.value, name(domain))
                nodes.setdefault(range_.value, name(range_))
                relations.append((domain.value, name(prop), range_.value))
    classes = sorted(nodes.items(), key=lambda item: (not item[1].startswith("imvo:"), item[1].lower()))
    return class_diagram(
        classes, sorted(subclass), sorted(relations),
        title="Klassen en objecteigenschappen / Classes and object properties",
        desc=f"{len(classes)} klassen, {len(relations)} objecteigenschappen / {len(classes)} classes, {len(relations)} object properties",
    )
