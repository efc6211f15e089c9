"""The project's namespaces and the one prefix table that every output uses.

Validation reports, query results, exports and the JSON-LD context all shorten IRIs with these
prefixes (:class:`PrefixTable`), never with a library's defaults, so that the same IRI reads the
same everywhere. Every namespace IRI the code names a term in is defined here, once.
"""

from __future__ import annotations

import re
import unicodedata

BASE = "https://w3id.org/imvo-graph"
IMVO = BASE + "/def#"

#: Prefixes of reused vocabularies and code lists, one name each, never a library's default.
STANDARD_PREFIXES = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatap": "http://data.europa.eu/r5r/",
    "dct": "http://purl.org/dc/terms/",
    "doco": "http://purl.org/spar/doco/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "opengov": "http://www.w3.org/ns/opengov#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vann": "http://purl.org/vocab/vann/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    # EU controlled vocabularies used by the DCAT catalogue
    "eu-access": "http://publications.europa.eu/resource/authority/access-right/",
    "eu-filetype": "http://publications.europa.eu/resource/authority/file-type/",
    "eu-language": "http://publications.europa.eu/resource/authority/language/",
    "eu-licence": "http://publications.europa.eu/resource/authority/licence/",
    "eu-theme": "http://publications.europa.eu/resource/authority/data-theme/",
    # official Dutch identifiers (verified patterns only)
    "tooimin": "https://identifier.overheid.nl/tooi/id/ministerie/",
}

#: The project's own namespaces: the ontology, shapes, code lists and instances
#: ({base}/id/{type}/{slug}), with the names the domain files use.
PROJECT_PREFIXES = {
    "imvo": IMVO,
    "imvosh": BASE + "/def/shapes#",
    "cs": BASE + "/id/conceptschema/",
    "cstatus": BASE + "/id/convenantstatus/",
    "tstatus": BASE + "/id/toezeggingstatus/",
    "rstatus": BASE + "/id/rapportstatus/",
    "xstatus": BASE + "/id/realisatiestatus/",
    "evtype": BASE + "/id/gebeurtenissoort/",
    "rtype": BASE + "/id/rapportsoort/",
    "itype": BASE + "/id/instrumentsoort/",
    "role": BASE + "/id/rol/",
    "kb": BASE + "/id/kamerbrief/",
    "brief": BASE + "/id/kamerbrief/minbuza-2017-1027644#",
    "activiteit": BASE + "/id/activiteit/",
    "conv": BASE + "/id/convenant/",
    "functie": BASE + "/id/functie/",
    "gebeurtenis": BASE + "/id/gebeurtenis/",
    "grondstof": BASE + "/id/grondstof/",
    "instrument": BASE + "/id/instrument/",
    "kamerstuk": BASE + "/id/kamerstuk/",
    "land": BASE + "/id/land/",
    "lidmaatschap": BASE + "/id/lidmaatschap/",
    "motie": BASE + "/id/motie/",
    "overweging": BASE + "/id/overweging/",
    "organisatie": BASE + "/id/organisatie/",
    "persoon": BASE + "/id/persoon/",
    "rapport": BASE + "/id/rapport/",
    "sector": BASE + "/id/sector/",
    "toezegging": BASE + "/id/toezegging/",
    "verzoek": BASE + "/id/verzoek/",
    "verwachting": BASE + "/id/verwachting/",
    "constatering": BASE + "/id/constatering/",
    "thema": BASE + "/id/thema/",
    # statement-level provenance: the reified statements (rdf:Statement) of
    # data/statement-sources.ttl, {base}/id/bewering/{hash} (docs/model.md, "Provenance")
    "bewering": BASE + "/id/bewering/",
    # the release: datasets, distributions and the data service of the DCAT catalogue
    "catalogus": BASE + "/id/catalogus/",
    "dataset": BASE + "/id/dataset/",
    "distributie": BASE + "/id/distributie/",
    "dataservice": BASE + "/id/dataservice/",
    "graph": BASE + "/graph/",
}

PREFIXES = {**STANDARD_PREFIXES, **PROJECT_PREFIXES}

#: The namespaces the code itself names terms in (one definition, used everywhere).
RDF = STANDARD_PREFIXES["rdf"]
RDFS = STANDARD_PREFIXES["rdfs"]
OWL = STANDARD_PREFIXES["owl"]
XSD = STANDARD_PREFIXES["xsd"]
SH = STANDARD_PREFIXES["sh"]
SKOS = STANDARD_PREFIXES["skos"]
DCT = STANDARD_PREFIXES["dct"]
FOAF = STANDARD_PREFIXES["foaf"]
VOID = STANDARD_PREFIXES["void"]
SHAPES = PROJECT_PREFIXES["imvosh"]
#: Our own small vocabulary for what a SHACL report has no property for: where a result is
#: written (documented in docs/adding-data.md, "Where a result is").
REPORT = BASE + "/def/report#"

#: The namespace of owlrl's error messages (``ErrorMessage``, ``error``), which the OWL RL
#: closure writes into the graph as owlrl does.
OWLRL_ERRORS = "http://www.daml.org/2002/03/agents/agent-ont#"

#: Terms the code names often.
RDF_TYPE = RDF + "type"
RDF_FIRST = RDF + "first"
RDF_REST = RDF + "rest"
RDF_NIL = RDF + "nil"
RDF_LANGSTRING = RDF + "langString"
RDFS_LABEL = RDFS + "label"
SKOS_PREF_LABEL = SKOS + "prefLabel"
SKOS_ALT_LABEL = SKOS + "altLabel"
XSD_STRING = XSD + "string"

#: The named graph ``publish`` replaces on a Graph Store endpoint unless told otherwise.
DEFAULT_GRAPH = "https://w3id.org/imvo-graph/graph"


# A conservative Turtle local name (a subset of PN_LOCAL that needs no escapes); anything else is
# written as a full IRI. A digit may come first (Turtle 1.1), "." only in the middle.
_LOCAL_NAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
# An XML NCName as RDF/XML needs for element names (ASCII subset).
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


class PrefixTable:
    """A fixed prefix -> namespace table; picks the longest namespace that makes a valid name."""

    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first, so that a more specific prefix wins; ties by prefix name
        self.prefixes = dict(sorted(prefixes.items()))
        self._by_length = sorted(self.prefixes.items(), key=lambda item: (-len(item[1]), item[0]))
        # the answers of split: a document names the same predicates and classes again and
        # again, and each answer tries every namespace (bounded: a big graph has many IRIs)
        self._splits: dict[tuple[str, re.Pattern], tuple[str, str] | None] = {}

    def split(self, iri: str, pattern: re.Pattern = _LOCAL_NAME) -> tuple[str, str] | None:
        """(prefix, local name) for an IRI, or None when no prefix gives a valid local name."""
        key = (iri, pattern)
        if key in self._splits:
            return self._splits[key]
        if len(self._splits) >= 50_000:
            self._splits.clear()
        found = self._splits[key] = self._split(iri, pattern)
        return found

    def _split(self, iri: str, pattern: re.Pattern) -> tuple[str, str] | None:
        for prefix, namespace in self._by_length:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                local = iri[len(namespace):]
                if pattern.match(local):
                    return prefix, local
        return None

    def qname(self, iri: str) -> str | None:
        split = self.split(iri)
        return None if split is None else f"{split[0]}:{split[1]}"

    def xml_split(self, iri: str) -> tuple[str, str] | None:
        return self.split(iri, _NCNAME)

    def turtle_iri(self, iri: str) -> str:
        """A prefixed name where one fits, else <iri>."""
        return self.qname(iri) or f"<{iri}>"

    def text_name(self, iri: str) -> str:
        """The IRI as report texts show it: ``prefix:local`` where the namespace ends where
        :func:`split_name` splits the IRI (the longest of the table's namespaces that starts with
        that one), else ``<iri>``. This is the rule rdflib's ``NamespaceManager.normalizeUri``
        follows, which the reports used before, so a name reads as before: a local name may hold
        ``.``, ``-``, ``%``, ``(``, ``)`` and any letter, unlike :meth:`qname`, which writes
        only what Turtle reads back unescaped."""
        split = split_name(iri)
        if split is None or split[0] not in self._by_namespace or _NOT_IN_IRI.search(iri):
            return f"<{iri}>"
        namespace = max((n for n in self._by_namespace if len(n) > len(split[0]) and iri.startswith(n)),
                        key=len, default=split[0])
        return f"{self._by_namespace[namespace]}:{iri[len(namespace):]}"

    @property
    def _by_namespace(self) -> dict[str, str]:
        """namespace -> prefix (the first prefix by name, should two share a namespace)."""
        if not hasattr(self, "_namespaces"):
            self._namespaces: dict[str, str] = {}
            for prefix, namespace in self.prefixes.items():
                self._namespaces.setdefault(namespace, prefix)
        return self._namespaces


# What a name may end with: letters and digits (by Unicode category) and these characters.
_NAME_CATEGORIES = frozenset(("Ll", "Lu", "Lo", "Lt", "Nl", "Nd"))
_NAME_CHARACTERS = frozenset("\u00b7\u0387-._%()")
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
# characters rdflib will not write in an IRI (the reports then show <iri>, as before)
_NOT_IN_IRI = re.compile(r'[<>" {}|\\^`]')


def split_name(iri: str) -> tuple[str, str] | None:
    """``(namespace, local name)`` of an IRI as report texts split it (rdflib's ``split_uri``):
    the local name is the longest end of the IRI made of letters, digits and
    ``_ - . % ( ) ·``, starting at its first letter, digit or ``_``; None when there is none or
    nothing before it."""
    if iri.startswith(_XML_NAMESPACE):
        return _XML_NAMESPACE, iri.split(_XML_NAMESPACE)[1]
    for i in range(len(iri) - 1, -1, -1):
        char = iri[i]
        if unicodedata.category(char) in _NAME_CATEGORIES or char in _NAME_CHARACTERS:
            continue
        # the first letter, digit or _ after it (else, as rdflib reads on, from the IRI's start)
        for j in (*range(i + 1, len(iri)), *range(len(iri))):
            if iri[j] == "_" or unicodedata.category(iri[j]) in _NAME_CATEGORIES:
                return (iri[:j], iri[j:]) if j else None
        return None
    return None
