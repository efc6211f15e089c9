"""Spot checks: facts the letter states, asked of the shipped graph by SPARQL.

Each expectation below is read from the letter (the paragraph is named); the graph must give
the same answer by counting or looking up, not by a stored total.
"""

from __future__ import annotations

import pytest

from conftest import LETTER, select

ID = "https://w3id.org/imvo-graph/id/"


def one(store, query):
    rows = select(store, query)
    assert len(rows) == 1, rows
    return rows[0]


def test_letter_metadata(shipped_store):  # p03, p04, p41-p42
    reference, date, signatory = one(
        shipped_store,
        f"""SELECT ?ref ?date ?name WHERE {{
              <{LETTER}> a imvo:Letter ; imvo:reference ?ref ; dct:date ?date ; imvo:signatory ?who .
              ?who rdfs:label ?name . FILTER(LANG(?name) = "nl") }}""",
    )
    assert (reference, date, signatory) == ("Minbuza 2017.1027644", "2017-09-28", "Lilianne Ploumen")


def test_letter_is_also_sent_on_behalf_of_the_minister_of_economic_affairs(shipped_store):  # p06
    rows = select(
        shipped_store,
        f"""SELECT ?post WHERE {{ <{LETTER}> imvo:onBehalfOf ?post .
              ?post org:postIn <https://identifier.overheid.nl/tooi/id/ministerie/mnre1045> }}""",
    )
    assert len(rows) == 1


@pytest.mark.parametrize(
    "status_filter, expected",
    [
        # p07: "het aantal afgesloten sectorconvenanten op vijf gekomen"
        ("?status IN (<%sconvenantstatus/afgesloten>, <%sconvenantstatus/in-werking>)" % (ID, ID), 5),
        # p07: four more expected still in 2017
        ('?status = <%sconvenantstatus/verwacht> && ?year = "2017"' % ID, 4),
        # p07: seven sectors expected to reach a covenant in 2018
        ('?status = <%sconvenantstatus/verwacht> && ?year = "2018"' % ID, 7),
        # p07: "waarmee het totale aantal op zestien zal uitkomen"
        ("true", 16),
    ],
)
def test_sector_covenant_totals_come_out_by_counting(shipped_store, status_filter, expected):
    (count,) = one(
        shipped_store,
        f"""SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{
              ?c a imvo:SectorCovenant ; imvo:status ?status .
              OPTIONAL {{ ?c imvo:expectedIn ?y }} BIND(STR(?y) AS ?year)
              FILTER({status_filter}) }}""",
    )
    assert int(count) == expected


def test_dates_have_the_letters_precision(shipped_store):
    rows = dict(
        select(
            shipped_store,
            """SELECT ?label ?date WHERE {
                 ?c a imvo:SectorCovenant ; rdfs:label ?label ;
                    (imvo:signingDate|imvo:entryIntoForceDate) ?d . FILTER(LANG(?label) = "en")
                 BIND(CONCAT(STR(?d), " ", STRAFTER(STR(DATATYPE(?d)), "#")) AS ?date) }""",
        )
    )
    assert rows["IRBC covenant on responsible gold"] == "2017-06-19 date"  # p07
    assert rows["plant proteins covenant"] == "2017-03 gYearMonth"  # p12
    assert rows["banking covenant"] == "2016-12 gYearMonth"  # p11
    assert len(rows) == 3  # textile and forestry: the letter gives no date


def test_expected_covenants_have_no_signing_date(shipped_store):
    rows = select(
        shipped_store,
        f"""SELECT ?c WHERE {{ ?c imvo:status <{ID}convenantstatus/verwacht> ;
              (imvo:signingDate|imvo:entryIntoForceDate) ?d }}""",
    )
    assert rows == []


def test_three_motions(shipped_store):  # p06: "een drietal moties"
    rows = select(shipped_store, "SELECT ?n WHERE { ?m a imvo:Motion ; imvo:kamerstukNumber ?n }")
    assert sorted(n for (n,) in rows) == ["26485-227", "34506-23", "34725-XVII-7"]


def test_motion_voordewind_servaes(shipped_store):  # p37
    rows = select(
        shipped_store,
        """SELECT ?adopted ?name WHERE { ?m imvo:kamerstukNumber "34506-23" ; imvo:adoptedOn ?adopted ;
             imvo:submitter ?p . ?p foaf:familyName ?name }""",
    )
    assert sorted(rows) == [("2017-01-25", "Servaes"), ("2017-01-25", "Voordewind")]


def test_van_veldhoven_motion_is_implemented_by_the_coal_covenant(shipped_store):  # p40
    rows = select(
        shipped_store,
        """SELECT ?label WHERE { ?c a imvo:Covenant ; imvo:implements ?m ; rdfs:label ?label .
             ?m imvo:kamerstukNumber "26485-227" . FILTER(LANG(?label) = "nl") }""",
    )
    assert "steenkoolconvenant" in {label for (label,) in rows}


@pytest.mark.parametrize(
    "number, date",
    [
        ("26485-233", "2016-11-10"),  # p18
        ("26485-220", "2016-06-17"),  # p21
        ("26485-238", "2017-01-30"),  # p29
        ("26485-197", "2014-11-19"),  # p36
        ("30196-358", "2015-09-11"),  # p37
    ],
)
def test_cited_papers(shipped_store, number, date):
    (found, link) = one(
        shipped_store,
        f"""SELECT ?date ?link WHERE {{ ?p imvo:kamerstukNumber "{number}" ; dct:date ?date ; rdfs:seeAlso ?link }}""",
    )
    assert found == date
    assert link == f"https://zoek.officielebekendmakingen.nl/kst-{number}"


@pytest.mark.parametrize("date, kind", [("2017-05-31", "algemeen-overleg"), ("2017-06-15", "wetgevingsoverleg")])
def test_parliamentary_meetings(shipped_store, date, kind):  # p06, p08
    rows = select(
        shipped_store,
        f"""SELECT ?m WHERE {{ ?m a imvo:ParliamentaryMeeting ; dct:date "{date}"^^xsd:date ;
              dct:type <{ID}gebeurtenissoort/{kind}> }}""",
    )
    assert len(rows) == 1


def test_commitments_are_tied_to_their_meetings(shipped_store):  # p08, p29
    rows = select(
        shipped_store,
        "SELECT ?date WHERE { ?c a imvo:Commitment ; imvo:madeAt ?m . ?m dct:date ?date }",
    )
    assert sorted(d for (d,) in rows) == ["2017-05-31", "2017-06-15"]


def test_ser_evaluation_in_2020(shipped_store):  # p17
    rows = select(
        shipped_store,
        """SELECT ?due WHERE { ?r a imvo:Report ; imvo:due ?due ; imvo:responsible ?o .
             ?o rdfs:label "SER-commissie IMVO"@nl . FILTER(STR(?due) = "2020") }""",
    )
    assert len(rows) == 1


@pytest.mark.parametrize(
    "slug, status",
    [
        ("ser-voortgangsrapportages-afzonderlijke-convenanten", "gepland"),  # p18 "zal de SER ... sturen"
        ("nieuw-plan-van-aanpak-cacao", "gepland"),  # p29 "besloten ... te werken aan een nieuw plan aanpak"
        ("iob-evaluatie-imvo-beleid", "in-uitvoering"),  # p19 "voert ... in 2017/2018 een evaluatie uit"
        ("onderzoek-imvo-wetsinitiatieven-andere-landen", "in-uitvoering"),  # p21 "is een onderzoek uitgezet"
        ("seo-market-concentration-cocoa", "verschenen"),  # p29 "is met u gedeeld"
    ],
)
def test_report_status_as_the_letter_states_it(shipped_store, slug, status):
    (found,) = one(shipped_store, f"SELECT ?s WHERE {{ <{ID}rapport/{slug}> imvo:status ?s }}")
    assert found == f"{ID}rapportstatus/{status}"


def test_no_published_report_is_due(shipped_store):
    rows = select(
        shipped_store,
        f"SELECT ?r WHERE {{ ?r imvo:status <{ID}rapportstatus/verschenen> ; imvo:due ?due }}",
    )
    assert rows == []


def test_foreign_affairs_uses_its_tooi_identifier(shipped_store):
    rows = select(
        shipped_store,
        """SELECT ?label WHERE { <https://identifier.overheid.nl/tooi/id/ministerie/mnre1013> rdfs:label ?label .
             FILTER(LANG(?label) = "nl") }""",
    )
    assert rows and "Buitenlandse Zaken" in rows[0][0]


def test_nothing_the_letter_reports_as_past_is_dated_after_it(shipped_store):
    rows = select(
        shipped_store,
        """SELECT ?s ?d WHERE { ?s (dct:date|imvo:signingDate|imvo:entryIntoForceDate|imvo:adoptedOn) ?d .
             FILTER NOT EXISTS { ?s a imvo:Letter } FILTER(STR(?d) > "2017-09-28") }""",
    )
    assert rows == []
