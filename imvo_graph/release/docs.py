"""HTML documentation of the ontology: every class, property and code list, in Dutch and English.

A small template of our own rather than pyLODE: no extra dependency, the same bytes for the same
ontology (no generation time stamp), and both languages side by side on one page. A Mermaid class
diagram shows the classes, their superclasses and the object properties between them; it is
drawn in the browser when Mermaid can load, and reads as plain text otherwise.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..export.context import IMVO, PREFIXES
from ..export.terms import PrefixTable

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

from ..namespaces import OWL, RDF, RDFS
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"

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
pre.mermaid{background:#fafafa;border:1px solid #ddd;padding:.5rem;overflow:auto}
"""


def ontology_html(graph: "rdflib.Graph", *, version: str, release_date: str | None = None) -> str:
    """The documentation page for the ontology in ``graph`` (an rdflib graph)."""
    from rdflib import Literal, URIRef

    table = PrefixTable(PREFIXES)
    U = URIRef

    def texts(subject, *predicates) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for predicate in predicates:
            for value in graph.objects(subject, U(predicate)):
                if isinstance(value, Literal):
                    found.setdefault(value.language or "", []).append(str(value))
        return {lang: sorted(values) for lang, values in found.items()}

    def one(subject, lang: str, *predicates) -> str:
        values = texts(subject, *predicates)
        return (values.get(lang) or values.get("") or [""])[0]

    def own(term) -> bool:
        return isinstance(term, URIRef) and str(term).startswith(IMVO)

    def local(term) -> str:
        return str(term)[len(IMVO):]

    def link(term) -> str:
        if own(term):
            return f'<a href="#{escape(local(term))}"><code>imvo:{escape(local(term))}</code></a>'
        if isinstance(term, URIRef):
            name = table.qname(str(term)) or str(term)
            return f'<a href="{escape(str(term))}"><code>{escape(name)}</code></a>'
        return "<code>(anoniem / anonymous)</code>"

    def links(terms) -> str:
        return ", ".join(link(t) for t in sorted(set(terms), key=str))

    ontology = next((s for s in graph.subjects(U(RDF + "type"), U(OWL + "Ontology"))), None)
    terms_by_kind = {}
    seen = set()
    for key, _nl, _en, types in KINDS:
        members = set()
        for rdf_type in types:
            members.update(s for s in graph.subjects(U(RDF + "type"), U(rdf_type)) if own(s) and s not in seen)
        seen.update(members)
        terms_by_kind[key] = sorted(members, key=lambda t: local(t).lower())

    out: list[str] = []
    title_nl = one(ontology, "nl", RDFS + "label", DCT + "title") if ontology else "IMVO-graaf ontologie"
    title_en = one(ontology, "en", RDFS + "label", DCT + "title") if ontology else "IMVO graph ontology"
    out.append("<!DOCTYPE html>")
    out.append('<html lang="nl">')
    out.append("<head>")
    out.append('<meta charset="utf-8">')
    out.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    out.append(f"<title>{escape(title_nl)} / {escape(title_en)} {escape(version)}</title>")
    out.append(f"<style>{_CSS}</style>")
    out.append("</head>")
    out.append("<body>")
    out.append(f"<h1>{escape(title_nl)}</h1>")
    out.append(f'<p class="en" lang="en"><strong>{escape(title_en)}</strong></p>')
    rows = [("Versie / Version", escape(version))]
    if release_date:
        rows.append(("Datum / Date", escape(release_date)))
    if ontology is not None:
        rows.append(("IRI", f"<code>{escape(str(ontology))}</code>"))
        for iri in graph.objects(ontology, U(OWL + "versionIRI")):
            rows.append(("Versie-IRI / Version IRI", f"<code>{escape(str(iri))}</code>"))
        for licence in graph.objects(ontology, U(DCT + "license")):
            rows.append(("Licentie / Licence", f'<a href="{escape(str(licence))}">{escape(str(licence))}</a>'))
    rows.append(("Voorvoegsel / Prefix", f"<code>imvo: &lt;{escape(IMVO)}&gt;</code>"))
    out.append(_table(rows))
    if ontology is not None:
        out.append(f'<p lang="nl">{escape(one(ontology, "nl", RDFS + "comment", DCT + "description"))}</p>')
        out.append(f'<p class="en" lang="en">{escape(one(ontology, "en", RDFS + "comment", DCT + "description"))}</p>')

    schemes = sorted(graph.subjects(U(RDF + "type"), U(SKOS + "ConceptScheme")), key=str)
    out.append("<nav><h2>Inhoud / Contents</h2><ul>")
    out.append('<li><a href="#diagram">Diagram</a></li>')
    for key, nl, en, _types in KINDS:
        if terms_by_kind[key]:
            out.append(f'<li><a href="#{key}">{nl} / {en}</a> ({len(terms_by_kind[key])})</li>')
    if schemes:
        out.append(f'<li><a href="#code-lists">Codelijsten / Code lists</a> ({len(schemes)})</li>')
    out.append("</ul></nav>")

    out.append('<h2 id="diagram">Diagram</h2>')
    out.append(
        '<p>Klassen, hun superklassen en de objecteigenschappen ertussen. '
        '<span class="en" lang="en">Classes, their superclasses and the object properties between them.</span></p>'
    )
    out.append(f'<pre class="mermaid">{escape(_mermaid(graph, terms_by_kind, table))}</pre>')

    for key, nl, en, _types in KINDS:
        if not terms_by_kind[key]:
            continue
        out.append(f'<h2 id="{key}">{nl} / <span lang="en">{en}</span></h2>')
        for term in terms_by_kind[key]:
            out.append(f'<section class="term" id="{escape(local(term))}">')
            label_nl, label_en = one(term, "nl", RDFS + "label"), one(term, "en", RDFS + "label")
            out.append(f'<h3>{escape(label_nl)} <span class="en" lang="en">/ {escape(label_en)}</span></h3>')
            rows = [
                ("IRI", f"<code>{escape(str(term))}</code>"),
                ("Label (nl)", escape(label_nl)),
                ("Label (en)", f'<span lang="en">{escape(label_en)}</span>'),
                ("Omschrijving (nl)", escape(one(term, "nl", RDFS + "comment", SKOS + "definition"))),
                ("Description (en)", f'<span lang="en">{escape(one(term, "en", RDFS + "comment", SKOS + "definition"))}</span>'),
            ]
            relations = (
                ("Subklasse van / Subclass of", graph.objects(term, U(RDFS + "subClassOf"))),
                ("Superklasse van / Superclass of", graph.subjects(U(RDFS + "subClassOf"), term)),
                ("Subeigenschap van / Subproperty of", graph.objects(term, U(RDFS + "subPropertyOf"))),
                ("Domein / Domain", graph.objects(term, U(RDFS + "domain"))),
                ("Bereik / Range", graph.objects(term, U(RDFS + "range"))),
                ("Eigenschappen met dit domein / Properties with this domain", graph.subjects(U(RDFS + "domain"), term)),
                ("Eigenschappen met dit bereik / Properties with this range", graph.subjects(U(RDFS + "range"), term)),
                ("Type", [t for t in graph.objects(term, U(RDF + "type")) if str(t) != OWL + "Class"]),
            )
            for name, values in relations:
                values = list(values)
                if values:
                    rows.append((name, links(values)))
            out.append(_table(rows))
            out.append("</section>")

    if schemes:
        out.append('<h2 id="code-lists">Codelijsten / <span lang="en">Code lists</span></h2>')
        for scheme in schemes:
            anchor = "list-" + str(scheme).rstrip("/").rsplit("/", 1)[-1]
            out.append(f'<section id="{escape(anchor)}">')
            out.append(
                f'<h3>{escape(one(scheme, "nl", SKOS + "prefLabel", RDFS + "label", DCT + "title"))} '
                f'<span class="en" lang="en">/ {escape(one(scheme, "en", SKOS + "prefLabel", RDFS + "label", DCT + "title"))}</span></h3>'
            )
            out.append(f"<p><code>{escape(str(scheme))}</code></p>")
            concepts = sorted(graph.subjects(U(SKOS + "inScheme"), scheme), key=str)
            out.append("<table><tr><th>Begrip / Concept</th><th>nl</th><th>en</th></tr>")
            for concept in concepts:
                out.append(
                    f"<tr><td><code>{escape(table.qname(str(concept)) or str(concept))}</code></td>"
                    f"<td><strong>{escape(one(concept, 'nl', SKOS + 'prefLabel'))}</strong><br>"
                    f"{escape(one(concept, 'nl', SKOS + 'definition'))}</td>"
                    f'<td lang="en"><strong>{escape(one(concept, "en", SKOS + "prefLabel"))}</strong><br>'
                    f'{escape(one(concept, "en", SKOS + "definition"))}</td></tr>'
                )
            out.append("</table></section>")

    out.append(
        '<script type="module">import mermaid from "https://cdn.jsdelivr.net/npm/mermaid@10/dist/mermaid.esm.min.mjs";'
        "mermaid.initialize({startOnLoad:true});</script>"
    )
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


def _table(rows) -> str:
    body = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    return f"<table>{body}</table>"


def _mermaid(graph, terms_by_kind, table: PrefixTable) -> str:
    from rdflib import URIRef

    def node(term) -> str:
        name = table.qname(str(term)) or str(term).rsplit("/", 1)[-1]
        return "".join(c if c.isalnum() else "_" for c in name)

    lines = ["classDiagram"]
    classes = terms_by_kind["classes"]
    for cls in classes:
        lines.append(f"  class {node(cls)}")
    edges = set()
    for cls in classes:
        for parent in graph.objects(cls, URIRef(RDFS + "subClassOf")):
            if isinstance(parent, URIRef):
                edges.add(f"  {node(parent)} <|-- {node(cls)}")
    for prop in terms_by_kind["object-properties"]:
        for domain in graph.objects(prop, URIRef(RDFS + "domain")):
            for range_ in graph.objects(prop, URIRef(RDFS + "range")):
                if isinstance(domain, URIRef) and isinstance(range_, URIRef):
                    local = str(prop).rsplit("#", 1)[-1]
                    edges.add(f"  {node(domain)} --> {node(range_)} : {local}")
    return "\n".join(lines + sorted(edges))
