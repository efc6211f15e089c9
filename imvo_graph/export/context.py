"""The project's JSON-LD ``@context``, built from the ontology and the one prefix table (:mod:`imvo_graph.rdf.namespaces`).

The context is a shipped domain file, ``ontology/imvo-context.jsonld`` (released next to the
data). It is built from the ontology by :func:`build_context`: a term for every property of the
project's own namespace (``"signingDate"``, ``"status"``, ...), language maps for labels and
comments (``"label": {"nl": ..., "en": ...}``), terms for the common properties of reused
vocabularies, and the fixed prefix table. After changing the ontology, regenerate the file with

    python -m imvo_graph.export.context --write

(a test fails while the shipped file and the ontology disagree).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..rdf.namespaces import IMVO, PREFIXES
from ..rdf.terms import term_text

CONTEXT_FILE_NAME = "imvo-context.jsonld"

#: Terms of reused vocabularies whose values are language-tagged texts: {"nl": ..., "en": ...}.
LANGUAGE_TERMS = {
    "label": "rdfs:label",
    "comment": "rdfs:comment",
    "prefLabel": "skos:prefLabel",
    "altLabel": "skos:altLabel",
    "definition": "skos:definition",
    "scopeNote": "skos:scopeNote",
    "title": "dct:title",
    "description": "dct:description",
    "keyword": "dcat:keyword",
    "message": "sh:message",
}

#: Terms whose values are resources (IRIs).
IRI_TERMS = {
    "source": "dct:source",
    "isPartOf": "dct:isPartOf",
    "hasPart": "dct:hasPart",
    "creator": "dct:creator",
    "publisher": "dct:publisher",
    "license": "dct:license",
    "subject": "dct:subject",
    "references": "dct:references",
    "seeAlso": "rdfs:seeAlso",
    "subClassOf": "rdfs:subClassOf",
    "subPropertyOf": "rdfs:subPropertyOf",
    "domain": "rdfs:domain",
    "range": "rdfs:range",
    "inScheme": "skos:inScheme",
    "topConceptOf": "skos:topConceptOf",
    "hasTopConcept": "skos:hasTopConcept",
    "broader": "skos:broader",
    "narrower": "skos:narrower",
    "memberOf": "org:memberOf",
    "member": "org:member",
    "organization": "org:organization",
    "holds": "org:holds",
    "heldBy": "org:heldBy",
    "postIn": "org:postIn",
    "subOrganizationOf": "org:subOrganizationOf",
    "unitOf": "org:unitOf",
    "hasUnit": "org:hasUnit",
    "wasAttributedTo": "prov:wasAttributedTo",
    "wasAssociatedWith": "prov:wasAssociatedWith",
    "wasDerivedFrom": "prov:wasDerivedFrom",
    "versionIRI": "owl:versionIRI",
    # DCAT (the release catalogue)
    "distribution": "dcat:distribution",
    "service": "dcat:service",
    "accessURL": "dcat:accessURL",
    "downloadURL": "dcat:downloadURL",
    "accessService": "dcat:accessService",
    "servesDataset": "dcat:servesDataset",
    "endpointURL": "dcat:endpointURL",
    "endpointDescription": "dcat:endpointDescription",
    "mediaType": "dcat:mediaType",
    "theme": "dcat:theme",
    "themeTaxonomy": "dcat:themeTaxonomy",
    "contactPoint": "dcat:contactPoint",
    "landingPage": "dcat:landingPage",
    "format": "dct:format",
    "language": "dct:language",
    "accessRights": "dct:accessRights",
    "accrualPeriodicity": "dct:accrualPeriodicity",
    "conformsTo": "dct:conformsTo",
    "page": "foaf:page",
    "homepage": "foaf:homepage",
    "checksum": "spdx:checksum",
    "algorithm": "spdx:algorithm",
}

#: Terms whose values are literals of one datatype (other values are written in full).
TYPED_TERMS = {
    "issued": ("dct:issued", "xsd:date"),
    "modified": ("dct:modified", "xsd:date"),
    "byteSize": ("dcat:byteSize", "xsd:nonNegativeInteger"),
    "checksumValue": ("spdx:checksumValue", "xsd:hexBinary"),
}

#: Terms whose values are plain or typed literals, written as given.
VALUE_TERMS = {
    "name": "foaf:name",
    "date": "dct:date",
    "identifier": "dct:identifier",
    "value": "rdf:value",
    "notation": "skos:notation",
    "versionInfo": "owl:versionInfo",
    "version": "dcat:version",
}


def build_context(ontology_graph=None) -> dict:
    """The JSON-LD context document ({"@context": {...}}) for the given (default: shipped) ontology.

    ``ontology_graph`` is a pyoxigraph Store (its default graph is read); a term is made for
    every property in the ``imvo:`` namespace: object properties coerce to IRIs, datatype
    properties with a non-string XSD range coerce to that datatype. Raises ValueError when a
    term name would clash with a prefix or another term.
    """
    import pyoxigraph as ox

    from ..rdf.namespaces import OWL, RDF, RDF_TYPE, RDFS

    if ontology_graph is None:
        from ..resources import load_shipped

        ontology_graph = load_shipped("ontology")
    default = ox.DefaultGraph()

    terms: dict[str, object] = {}

    def add(name: str, definition, own: bool = False) -> None:
        # a term of the project's own ontology wins over an instance prefix of the same name
        # (that prefix is then left out of the JSON-LD context only); anything else must not clash
        if name in terms or (name in PREFIXES and not own):
            raise ValueError(f"JSON-LD term {name!r} clashes with a prefix or another term")
        terms[name] = definition

    own: dict = {}
    for cls in (OWL + "ObjectProperty", OWL + "DatatypeProperty", RDF + "Property", OWL + "AnnotationProperty"):
        for quad in ontology_graph.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(cls), default):
            prop = quad.subject
            if isinstance(prop, ox.NamedNode) and prop.value.startswith(IMVO):
                own.setdefault(prop.value, cls)
    for iri in sorted(own):
        local = iri[len(IMVO):]
        definition: dict | str
        if own[iri] == OWL + "ObjectProperty":
            definition = {"@id": f"imvo:{local}", "@type": "@id"}
        else:
            ranges = {term_text(q.object) for q in ontology_graph.quads_for_pattern(
                ox.NamedNode(iri), ox.NamedNode(RDFS + "range"), None, default)}
            datatype = next(iter(ranges)) if len(ranges) == 1 else None
            if datatype and datatype.startswith(PREFIXES["xsd"]) and not datatype.endswith("#string"):
                definition = {"@id": f"imvo:{local}", "@type": "xsd:" + datatype[len(PREFIXES["xsd"]):]}
            else:
                definition = f"imvo:{local}"
        add(local, definition, own=True)
    shared: dict[str, object] = {}
    for name, iri in LANGUAGE_TERMS.items():
        shared[name] = {"@id": iri, "@container": "@language"}
    for name, iri in IRI_TERMS.items():
        shared[name] = {"@id": iri, "@type": "@id"}
    for name, iri in VALUE_TERMS.items():
        shared[name] = iri
    for name, (iri, datatype) in TYPED_TERMS.items():
        shared[name] = {"@id": iri, "@type": datatype}
    for name in sorted(shared):
        add(name, shared[name])

    context: dict[str, object] = {}
    for prefix in sorted(PREFIXES):
        if prefix not in terms:
            context[prefix] = PREFIXES[prefix]
    for name in sorted(terms, key=lambda n: (n.lower(), n)):
        context[name] = terms[name]
    return {"@context": context}


def context_text(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def context_path() -> Path:
    from ..resources import domain_dir

    return domain_dir("ontology") / CONTEXT_FILE_NAME


@lru_cache(maxsize=1)
def _shipped_context_text() -> str:
    from ..errors import DomainFilesMissing

    path = context_path()
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DomainFilesMissing(f"{path}: the JSON-LD context cannot be read ({exc}); reinstall imvo-graph") from None


def shipped_context() -> dict:
    """The shipped context document, as a new dict ({"@context": {...}})."""
    return json.loads(_shipped_context_text())


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - a maintainer's tool
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Build the JSON-LD context from the shipped ontology.")
    parser.add_argument("--write", action="store_true", help=f"write ontology/{CONTEXT_FILE_NAME}")
    args = parser.parse_args(argv)
    text = context_text(build_context())
    if args.write:
        from .atomic import write_atomic

        write_atomic(context_path(), text.encode("utf-8"), overwrite=True)
        print(f"wrote {context_path()}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
