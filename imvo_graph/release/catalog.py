"""The DCAT catalogue of a release, conforming to DCAT-AP-NL 3.0, and its validation.

DCAT-AP-NL 3.0 is checked with the vendored shapes (``vendor/dcat-ap``: SEMIC DCAT-AP 3.0.1 and
Geonovum's four Dutch files), pySHACL, no inference. Without inference every value's class is
stated here (a contact point is a ``vcard:Kind``, a licence a ``dct:LicenseDocument``, ...), and
the code-list concepts used carry their labels.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..rdf.namespaces import BASE, STANDARD_PREFIXES
from ..rdf.namespaces import SH as SH_NS

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

#: The publisher and creator: the Ministry of Foreign Affairs in the TOOI register.
MINISTRY = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1013"
MINISTRY_NAMES = {"nl": "Ministerie van Buitenlandse Zaken", "en": "Ministry of Foreign Affairs"}
CATALOG = f"{BASE}/id/catalogus/imvo-graph"
CONTACT = f"{BASE}/id/contactpunt/imvo-graph"
ONTOLOGY = f"{BASE}/def"
#: The default SPARQL endpoint: a project IRI under the persistent base, to be redirected (w3id)
#: to wherever the endpoint is served; set the real one with ``--endpoint-url``.
DEFAULT_ENDPOINT = f"{BASE}/sparql"
DATA_SERVICE = f"{BASE}/id/dataservice/sparql"

EU = "http://publications.europa.eu/resource/authority/"
LICENCE = EU + "licence/CC0"
ACCESS_PUBLIC = EU + "access-right/PUBLIC"
LANGUAGES = {"nl": EU + "language/NLD", "en": EU + "language/ENG"}
THEME_SCHEME = EU + "data-theme"
THEMES = {
    "GOVE": ("Overheid en publieke sector", "Government and public sector"),
    "INTR": ("Internationale vraagstukken", "International issues"),
    "ECON": ("Economie en financiën", "Economy and finance"),
}
FREQUENCY_IRREGULAR = EU + "frequency/IRREG"
IANA = "https://www.iana.org/assignments/media-types/"
NATIONAL_AUTHORITY = "http://purl.org/adms/publishertype/NationalAuthority"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
SHACL_SPEC = "https://www.w3.org/TR/shacl/"
JSONLD_SPEC = "https://www.w3.org/TR/json-ld11/"
HTML_SPEC = "https://html.spec.whatwg.org/"

PART_TEXT = {
    "all": (
        "IMVO-graaf",
        "IMVO graph",
        "Kennisgraaf van het Nederlandse beleid voor internationaal maatschappelijk verantwoord "
        "ondernemen (IMVO), zoals beschreven in de Kamerbrief van 28 september 2017: ontologie, "
        "gegevens en SHACL-vormen samen.",
        "Knowledge graph of Dutch policy on international responsible business conduct (IRBC, IMVO) "
        "as described in the letter to parliament of 28 September 2017: ontology, data and SHACL "
        "shapes together.",
    ),
    "ontology": (
        "IMVO-graaf: ontologie",
        "IMVO graph: ontology",
        "De OWL-ontologie en codelijsten (SKOS) van de IMVO-graaf.",
        "The OWL ontology and code lists (SKOS) of the IMVO graph.",
    ),
    "data": (
        "IMVO-graaf: gegevens",
        "IMVO graph: data",
        "De gegevens uit de Kamerbrief over IMVO van 28 september 2017: actoren, convenanten, "
        "moties, Kamerstukken, overleggen, toezeggingen, rapportages en instrumenten, elk met de "
        "alinea's van de brief als bron.",
        "The data from the letter to parliament on IRBC of 28 September 2017: actors, covenants, "
        "motions, parliamentary papers, meetings, commitments, reports and instruments, each with "
        "the letter's paragraphs as its source.",
    ),
    "shapes": (
        "IMVO-graaf: SHACL-vormen",
        "IMVO graph: SHACL shapes",
        "De SHACL-vormen waarmee de gegevens van de IMVO-graaf worden gevalideerd.",
        "The SHACL shapes the data of the IMVO graph is validated with.",
    ),
}
KEYWORDS = {
    "nl": ("IMVO", "maatschappelijk verantwoord ondernemen", "convenanten", "Kamerbrief", "linked data"),
    "en": ("IRBC", "responsible business conduct", "covenants", "letter to parliament", "linked data"),
}


@dataclass
class Distribution:
    """One downloadable file of a release, as the catalogue describes it."""

    part: str  # 'ontology', 'data', 'shapes', 'all'; the dataset it belongs to
    file_name: str
    eu_file_type: str  # code in the EU file-type vocabulary
    media_type: str
    format_label: str
    byte_size: int
    sha256: str
    title_nl: str = ""
    title_en: str = ""
    conforms_to: list[str] = field(default_factory=list)


#: A contact e-mail address: the "valid e-mail address" of the HTML Living Standard
#: (https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address), the pattern a
#: browser checks in an <input type=email>: no spaces, no quotes, no angle brackets, a host of
#: letters, digits and hyphens in dot-separated labels.
EMAIL_PATTERN = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)


def check_email(address: str) -> str:
    """``address`` if it is a valid e-mail address (:data:`EMAIL_PATTERN`); InputError otherwise."""
    from ..errors import InputError

    if not isinstance(address, str) or not EMAIL_PATTERN.fullmatch(address):
        raise InputError(
            f"contact_email={address!r} is not an e-mail address (name@host.example, without "
            "spaces, quotes or angle brackets)"
        )
    return address


def mailto_iri(address: str) -> str:
    """The ``mailto:`` IRI of a valid e-mail address (RFC 6068): the characters of the local
    part that may not stand in a mailto address (``%``, ``/``, ``?``, ``#``, ``&``, ``=``, braces,
    ...) percent-encoded. InputError for an invalid address."""
    from urllib.parse import quote

    local, _, host = check_email(address).rpartition("@")
    return "mailto:" + quote(local, safe="!$'*+.-_~") + "@" + host


def dataset_iri(part: str) -> str:
    return f"{BASE}/id/dataset/imvo-graph" + ("" if part == "all" else f"-{part}")


def distribution_iri(version: str, file_name: str) -> str:
    return f"{BASE}/id/distributie/{version}/{file_name}"


def build_catalog(
    distributions: list[Distribution],
    *,
    version: str,
    base_url: str,
    endpoint_url: str,
    issued: str,
    modified: str,
    docs_file: str | None = None,
    contact_email: str | None = None,
) -> "rdflib.Graph":
    """The catalogue graph: catalogue, four datasets (merged, ontology, data, shapes), their
    distributions and the SPARQL endpoint as a dcat:DataService."""
    builder = _CatalogBuilder(distributions, version=version, base_url=base_url, endpoint_url=endpoint_url,
                              issued=issued, modified=modified, docs_file=docs_file, contact_email=contact_email)
    builder.shared_resources()
    builder.the_catalog()
    builder.data_service()
    builder.datasets()
    builder.the_distributions()
    return builder.g


class _CatalogBuilder:
    """The catalogue graph, built one kind of resource at a time."""

    def __init__(self, distributions: list[Distribution], *, version: str, base_url: str, endpoint_url: str,
                 issued: str, modified: str, docs_file: str | None, contact_email: str | None) -> None:
        from rdflib import BNode, Graph, Literal, Namespace, URIRef
        from rdflib.namespace import DCAT, FOAF, RDF, RDFS, SKOS, XSD
        from rdflib.namespace import DCTERMS as DCT

        self.distributions, self.version, self.base_url, self.endpoint_url = distributions, version, base_url, endpoint_url
        self.issued, self.modified, self.docs_file, self.contact_email = issued, modified, docs_file, contact_email
        self.BNode, self.Literal, self.U = BNode, Literal, URIRef
        self.DCAT, self.FOAF, self.RDF, self.RDFS, self.SKOS, self.XSD, self.DCT = DCAT, FOAF, RDF, RDFS, SKOS, XSD, DCT
        self.VCARD = Namespace(STANDARD_PREFIXES["vcard"])
        self.DCAT_NS = Namespace(STANDARD_PREFIXES["dcat"])  # rdflib's closed DCAT namespace lacks dcat:version
        self.SPDX = Namespace(STANDARD_PREFIXES["spdx"])
        self.g = Graph(bind_namespaces="none")

    def text(self, subject, predicate, nl: str, en: str) -> None:
        self.g.add((subject, predicate, self.Literal(nl, lang="nl")))
        self.g.add((subject, predicate, self.Literal(en, lang="en")))

    def date(self, value: str):
        return self.Literal(value, datatype=self.XSD.date)

    def common(self, subject) -> None:
        """What the catalogue, datasets and the data service share."""
        g, DCT = self.g, self.DCT
        g.add((subject, DCT.publisher, self.ministry))
        g.add((subject, DCT.creator, self.ministry))
        g.add((subject, self.DCAT.contactPoint, self.contact))
        g.add((subject, DCT.issued, self.date(self.issued)))
        g.add((subject, DCT.modified, self.date(self.modified)))
        for iri in LANGUAGES.values():
            g.add((subject, DCT.language, self.U(iri)))

    def shared_resources(self) -> None:
        """The resources the others refer to, typed and labelled (no inference: classes are stated)."""
        g, text, U, Literal, DCT = self.g, self.text, self.U, self.Literal, self.DCT
        RDF, RDFS, FOAF, SKOS, VCARD = self.RDF, self.RDFS, self.FOAF, self.SKOS, self.VCARD
        ministry = U(MINISTRY)
        g.add((ministry, RDF.type, FOAF.Agent))
        g.add((ministry, RDF.type, FOAF.Organization))
        text(ministry, FOAF.name, MINISTRY_NAMES["nl"], MINISTRY_NAMES["en"])
        g.add((ministry, DCT.type, U(NATIONAL_AUTHORITY)))
        g.add((U(NATIONAL_AUTHORITY), RDF.type, SKOS.Concept))
        text(U(NATIONAL_AUTHORITY), SKOS.prefLabel, "Nationale overheid", "National authority")

        contact = U(CONTACT)
        g.add((contact, RDF.type, VCARD.Kind))
        g.add((contact, RDF.type, VCARD.Organization))
        text(contact, VCARD.fn, "IMVO-graaf, beheer", "IMVO graph maintainers")
        g.add((contact, VCARD.hasURL, U(BASE)))
        if self.contact_email:
            g.add((contact, VCARD.hasEmail, U(mailto_iri(self.contact_email))))

        licence = U(LICENCE)
        g.add((licence, RDF.type, DCT.LicenseDocument))
        text(licence, RDFS.label, "Creative Commons Zero 1.0 Universeel (CC0 1.0)", "Creative Commons Zero 1.0 Universal (CC0 1.0)")
        g.add((licence, RDFS.seeAlso, U("https://creativecommons.org/publicdomain/zero/1.0/")))

        access = U(ACCESS_PUBLIC)
        g.add((access, RDF.type, DCT.RightsStatement))
        text(access, RDFS.label, "openbaar", "public")

        for iri in LANGUAGES.values():
            g.add((U(iri), RDF.type, DCT.LinguisticSystem))
        text(U(LANGUAGES["nl"]), RDFS.label, "Nederlands", "Dutch")
        text(U(LANGUAGES["en"]), RDFS.label, "Engels", "English")

        scheme = U(THEME_SCHEME)
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        text(scheme, DCT.title, "Datathema's", "Data themes")
        for code, (nl, en) in THEMES.items():
            theme = U(f"{THEME_SCHEME}/{code}")
            g.add((theme, RDF.type, SKOS.Concept))
            g.add((theme, SKOS.inScheme, scheme))
            text(theme, SKOS.prefLabel, nl, en)

        frequency = U(FREQUENCY_IRREGULAR)
        g.add((frequency, RDF.type, DCT.Frequency))
        text(frequency, RDFS.label, "onregelmatig", "irregular")

        ontology_standard = U(ONTOLOGY)
        g.add((ontology_standard, RDF.type, DCT.Standard))
        text(ontology_standard, DCT.title, "IMVO-graaf ontologie", "IMVO graph ontology")
        standards = (
            (SPARQL_PROTOCOL, "SPARQL 1.1 Protocol"),
            (SHACL_SPEC, "Shapes Constraint Language (SHACL)"),
            (JSONLD_SPEC, "JSON-LD 1.1"),
            (HTML_SPEC, "HTML Living Standard"),
        )
        for iri, title in standards:
            g.add((U(iri), RDF.type, DCT.Standard))
            g.add((U(iri), DCT.title, Literal(title, lang="en")))

        docs_page = U(self.base_url + self.docs_file) if self.docs_file else None
        if docs_page is not None:
            g.add((docs_page, RDF.type, FOAF.Document))
            text(docs_page, DCT.title, "Documentatie van de IMVO-graaf ontologie", "Documentation of the IMVO graph ontology")
        landing = U(BASE)
        g.add((landing, RDF.type, FOAF.Document))

        self.ministry, self.contact, self.licence, self.access, self.scheme = ministry, contact, licence, access, scheme
        self.frequency, self.ontology_standard, self.docs_page, self.landing = frequency, ontology_standard, docs_page, landing

    def the_catalog(self) -> None:
        """The catalogue."""
        g, text, common, DCT, RDF = self.g, self.text, self.common, self.DCT, self.RDF
        FOAF, DCAT, licence, scheme, landing = self.FOAF, self.DCAT, self.licence, self.scheme, self.landing
        catalog = self.U(CATALOG)
        g.add((catalog, RDF.type, DCAT.Catalog))
        text(catalog, DCT.title, "Catalogus van de IMVO-graaf", "Catalogue of the IMVO graph")
        text(
            catalog,
            DCT.description,
            f"De datasets en de SPARQL-dienst van release {self.version} van de IMVO-graaf.",
            f"The datasets and the SPARQL service of release {self.version} of the IMVO graph.",
        )
        common(catalog)
        g.add((catalog, DCT.license, licence))
        g.add((catalog, FOAF.homepage, landing))
        g.add((catalog, DCAT.themeTaxonomy, scheme))

        self.catalog = catalog

    def data_service(self) -> None:
        """The data service: the SPARQL endpoint."""
        g, text, common, U, Literal = self.g, self.text, self.common, self.U, self.Literal
        DCT, RDF, FOAF, DCAT, licence = self.DCT, self.RDF, self.FOAF, self.DCAT, self.licence
        access, docs_page, catalog = self.access, self.docs_page, self.catalog
        service = U(DATA_SERVICE)
        g.add((service, RDF.type, DCAT.DataService))
        text(service, DCT.title, "SPARQL-endpoint van de IMVO-graaf", "SPARQL endpoint of the IMVO graph")
        text(
            service,
            DCT.description,
            "Een SPARQL 1.1-endpoint over de volledige IMVO-graaf (ontologie, gegevens en vormen).",
            "A SPARQL 1.1 endpoint over the whole IMVO graph (ontology, data and shapes).",
        )
        g.add((service, DCT.identifier, Literal(DATA_SERVICE)))
        g.add((service, DCAT.endpointURL, U(self.endpoint_url)))
        g.add((service, DCAT.endpointDescription, U(self.endpoint_url)))
        g.add((service, DCT.conformsTo, U(SPARQL_PROTOCOL)))
        g.add((service, DCT.accessRights, access))
        g.add((service, DCT.license, licence))
        for code in THEMES:
            g.add((service, DCAT.theme, U(f"{THEME_SCHEME}/{code}")))
        for lang, words in KEYWORDS.items():
            for word in words:
                g.add((service, DCAT.keyword, Literal(word, lang=lang)))
        g.add((service, DCAT.servesDataset, U(dataset_iri("all"))))
        if docs_page is not None:
            g.add((service, FOAF.page, docs_page))
        common(service)
        g.add((catalog, DCAT.service, service))

        self.service = service

    def datasets(self) -> None:
        """The four datasets: merged, ontology, data, shapes."""
        g, text, common, U, Literal = self.g, self.text, self.common, self.U, self.Literal
        DCT, RDF, FOAF, DCAT, access = self.DCT, self.RDF, self.FOAF, self.DCAT, self.access
        frequency, ontology_standard, docs_page = self.frequency, self.ontology_standard, self.docs_page
        landing, catalog = self.landing, self.catalog
        for part, (title_nl, title_en, description_nl, description_en) in PART_TEXT.items():
            dataset = U(dataset_iri(part))
            g.add((catalog, DCAT.dataset, dataset))
            g.add((dataset, RDF.type, DCAT.Dataset))
            text(dataset, DCT.title, title_nl, title_en)
            text(dataset, DCT.description, description_nl, description_en)
            g.add((dataset, DCT.identifier, Literal(dataset_iri(part))))
            g.add((dataset, self.DCAT_NS.version, Literal(self.version)))
            g.add((dataset, DCT.accessRights, access))
            g.add((dataset, DCT.accrualPeriodicity, frequency))
            g.add((dataset, DCT.conformsTo, ontology_standard))
            g.add((dataset, DCAT.landingPage, landing))
            if docs_page is not None:
                g.add((dataset, FOAF.page, docs_page))
            for code in THEMES:
                g.add((dataset, DCAT.theme, U(f"{THEME_SCHEME}/{code}")))
            for lang, words in KEYWORDS.items():
                for word in words:
                    g.add((dataset, DCAT.keyword, Literal(word, lang=lang)))
            common(dataset)
            if part != "all":
                g.add((dataset, DCT.isPartOf, U(dataset_iri("all"))))
                g.add((U(dataset_iri("all")), DCT.hasPart, dataset))

    def the_distributions(self) -> None:
        """A distribution per file, with its checksum."""
        g, text, date, U, Literal = self.g, self.text, self.date, self.U, self.Literal
        DCT, RDF, RDFS, DCAT, XSD = self.DCT, self.RDF, self.RDFS, self.DCAT, self.XSD
        licence, service, BNode, SPDX = self.licence, self.service, self.BNode, self.SPDX
        for item in self.distributions:
            node = U(distribution_iri(self.version, item.file_name))
            url = U(self.base_url + item.file_name)
            g.add((U(dataset_iri(item.part)), DCAT.distribution, node))
            g.add((node, RDF.type, DCAT.Distribution))
            text(node, DCT.title, item.title_nl, item.title_en)
            g.add((node, DCAT.accessURL, url))
            g.add((node, DCAT.downloadURL, url))
            file_type = U(EU + "file-type/" + item.eu_file_type)
            g.add((node, DCT["format"], file_type))
            g.add((file_type, RDF.type, DCT.MediaTypeOrExtent))
            g.add((file_type, RDFS.label, Literal(item.format_label, lang="en")))
            media = U(IANA + item.media_type)
            g.add((node, DCAT.mediaType, media))
            g.add((media, RDF.type, DCT.MediaType))
            g.add((node, DCT.license, licence))
            g.add((node, DCAT.byteSize, Literal(str(item.byte_size), datatype=XSD.nonNegativeInteger)))
            checksum = BNode()
            g.add((node, SPDX.checksum, checksum))
            g.add((checksum, RDF.type, SPDX.Checksum))
            g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            g.add((checksum, SPDX.checksumValue, Literal(item.sha256, datatype=XSD.hexBinary)))
            g.add((node, DCT.issued, date(self.issued)))
            g.add((node, DCT.modified, date(self.modified)))
            for iri in LANGUAGES.values():
                g.add((node, DCT.language, U(iri)))
            for standard in item.conforms_to:
                g.add((node, DCT.conformsTo, U(standard)))
            if item.eu_file_type not in ("HTML",) and not item.file_name.endswith("-context.jsonld"):
                g.add((node, DCAT.accessService, service))
        g.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))


def vendored_shapes_dir() -> Path:
    from ..resources import domain_root

    return domain_root() / "vendor" / "dcat-ap"


def vendored_shape_files() -> list[Path]:
    from ..errors import DomainFilesMissing

    folder = vendored_shapes_dir()
    files = sorted(folder.glob("*.ttl"))
    if len(files) != 5:
        raise DomainFilesMissing(f"{folder}: the five DCAT-AP(-NL) shape files are missing; reinstall imvo-graph")
    return files


@dataclass
class CatalogReport:
    conforms: bool
    violations: list  # (focus node, path, message)
    warnings: list


def _dcat_shapes() -> "rdflib.Graph":
    """The vendored DCAT-AP(-NL) shapes as a new graph (pySHACL adds to the graph it is given),
    from the files read once per process: parsing them took a fifth of a catalogue check."""
    from rdflib import Graph

    triples, namespaces = _read_dcat_shapes()
    shapes = Graph()
    for prefix, namespace in namespaces:
        shapes.bind(prefix, namespace, override=True, replace=True)
    shapes.addN((s, p, o, shapes) for s, p, o in triples)
    return shapes


@functools.lru_cache(maxsize=1)
def _read_dcat_shapes() -> tuple[tuple, tuple]:
    """(statements, namespace bindings) of the vendored shapes files."""
    from rdflib import Graph, Namespace

    SH = Namespace(SH_NS)
    shapes = Graph()
    for path in vendored_shape_files():
        shapes.parse(path, format="turtle")
    # SEMIC's 3.0.1 file lists two property shapes of dcat:DataServiceShape that it never defines;
    # pySHACL stops on such a reference as soon as a data service is validated. An undefined
    # shape states no constraint, so the dangling references are dropped (in memory only).
    for shape, ref in list(shapes.subject_objects(SH.property)):
        if (ref, None, None) not in shapes:
            shapes.remove((shape, SH.property, ref))
    return tuple(shapes), tuple(shapes.namespaces())


def validate_catalog(graph: "rdflib.Graph") -> CatalogReport:
    """Validate a catalogue against DCAT-AP-NL 3.0 (the vendored shapes), without inference."""
    import pyshacl
    from rdflib import Namespace
    from rdflib.namespace import RDF

    from ..validation.pyshacl_engine import quiet_pyshacl

    SH = Namespace(SH_NS)
    with quiet_pyshacl():
        _conforms, results, _text = pyshacl.validate(
            graph, shacl_graph=_dcat_shapes(), inference="none", advanced=True, allow_warnings=True
        )
    violations, warns = [], []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        entry = (
            results.value(result, SH.focusNode),
            results.value(result, SH.resultPath),
            str(results.value(result, SH.resultMessage) or results.value(result, SH.sourceConstraintComponent)),
        )
        if results.value(result, SH.resultSeverity) == SH.Violation:
            violations.append(entry)
        else:
            warns.append(entry)
    return CatalogReport(conforms=not violations, violations=sorted(violations, key=str), warnings=sorted(warns, key=str))
