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


# -- issue 14: precise statements, facts out of free text, the status rule ----------------------

BRIEF = LETTER + "#"


def test_metal_covenant_only_looks_at_metals(shipped_store):  # p40: "wordt gekeken naar onder meer"
    assert select(shipped_store, f"SELECT ?m WHERE {{ <{ID}convenant/metaal> imvo:commodity ?m }}") == []
    rows = select(
        shipped_store,
        f"""SELECT ?label WHERE {{ ?c a imvo:Consideration ; imvo:concerns <{ID}convenant/metaal> ;
              imvo:commodity ?m ; dct:source <{BRIEF}p40> . ?m skos:prefLabel ?label FILTER(LANG(?label) = "nl") }}""",
    )
    assert sorted(label for (label,) in rows) == ["aluminium", "brons", "koper", "nikkel", "zilver", "zink"]


def test_cesar_grievance_mechanism_is_planned(shipped_store):  # p27: IHRB "zal ... ontwikkelen"
    (status,) = one(shipped_store, f"SELECT ?s WHERE {{ <{ID}instrument/klachtenmechanisme-cesar> imvo:status ?s }}")
    assert status == f"{ID}realisatiestatus/gepland"


def test_coal_covenant_is_not_counted_and_not_said_to_be_outside_the_count(shipped_store):  # p07, p26
    assert select(shipped_store, f"SELECT ?t WHERE {{ <{ID}convenant/steenkool> a imvo:SectorCovenant }}") == []
    rows = select(
        shipped_store,
        f"""SELECT ?c WHERE {{ <{ID}convenant/steenkool> rdfs:comment ?c
              FILTER(CONTAINS(?c, "Niet een van de zestien") || CONTAINS(?c, "Not one of the sixteen")) }}""",
    )
    assert rows == []


def test_chocolate_working_group_met_some_large_cocoa_companies(shipped_store):  # p29: "waaronder een aantal"
    event = f"{ID}gebeurtenis/chocoladewerkgroep-2017-06-26"
    participants = {p for (p,) in select(shipped_store, f"SELECT ?p WHERE {{ <{event}> imvo:participant ?p }}")}
    assert f"{ID}organisatie/grote-cacaobedrijven" not in participants
    rows = select(
        shipped_store,
        f"""SELECT ?g WHERE {{ <{event}> imvo:participant ?g . ?g dct:isPartOf <{ID}organisatie/grote-cacaobedrijven> ;
              org:memberOf <{ID}organisatie/chocoladewerkgroep> }}""",
    )
    assert len(rows) == 1


@pytest.mark.parametrize(
    "report, paper",
    [
        ("seo-market-concentration-cocoa", "26485-238"),  # p29: "met u gedeeld in Kamerbrief 26 485, nr. 238"
        ("onderzoek-imvo-wetsinitiatieven-andere-landen", None),  # p21: results expected; "Uw Kamer wordt hierover geïnformeerd"
    ],
)
def test_studies_are_not_addressed_to_the_house(shipped_store, report, paper):
    assert select(shipped_store, f"SELECT ?a WHERE {{ <{ID}rapport/{report}> imvo:addressee ?a }}") == []
    if paper:
        rows = select(
            shipped_store,
            f"""SELECT ?p WHERE {{ <{ID}rapport/{report}> dct:isPartOf ?p . ?p imvo:kamerstukNumber "{paper}" ;
                  imvo:addressee <{ID}organisatie/tweede-kamer> }}""",
        )
        assert len(rows) == 1


def test_the_house_is_informed_of_the_foreign_legislation_study_by_a_commitment_of_the_letter(shipped_store):  # p21
    rows = select(
        shipped_store,
        f"""SELECT ?c WHERE {{ ?c a imvo:Commitment ; imvo:madeIn <{LETTER}> ; imvo:addressedIn <{BRIEF}p21> ;
              imvo:followUp <{ID}rapport/onderzoek-imvo-wetsinitiatieven-andere-landen> }}""",
    )
    assert len(rows) == 1


@pytest.mark.parametrize("resource", ["organisatie/rspo", "instrument/rspo-handhaving"])
def test_rspo_finding_of_p32_is_not_attributed_to_the_cabinet(shipped_store, resource):
    # p31: "Het kabinet constateert dat ..."; p32: "Tegelijkertijd blijkt dat ... de handhaving verder
    # kan worden ontwikkeld", attributed to no one: never in the sentence of the cabinet's finding
    comments = {
        lang: text for text, lang in select(shipped_store, f"SELECT ?c (LANG(?c) AS ?l) WHERE {{ <{ID}{resource}> rdfs:comment ?c }}")
    }
    for lang, cabinet, p32 in [("nl", "kabinet constateert", "verder kan worden ontwikkeld"), ("en", "cabinet finds", "can be developed further")]:
        sentences = [x for x in comments[lang].split(". ") if p32 in x]
        assert sentences, (resource, lang)
        assert not [x for x in sentences if cabinet in x], (resource, lang, sentences)


def test_iob_english_name(shipped_store):  # p19
    (label,) = one(shipped_store, f'SELECT ?l WHERE {{ <{ID}organisatie/iob> rdfs:label ?l FILTER(LANG(?l) = "en") }}')
    assert label == "Policy and Operations Evaluation Department (IOB)"  # IOB's own English name
    # and the literal translation of "directie Internationaal Onderzoek en Beleidsevaluatie"
    alternatives = {a for (a,) in select(shipped_store, f'SELECT ?a WHERE {{ <{ID}organisatie/iob> skos:altLabel ?a FILTER(LANG(?a) = "en") }}')}
    assert alternatives == {"International Research and Policy Evaluation Directorate"}


def test_motions_do_not_cite_p06(shipped_store):  # p06: "een drietal moties", naming none
    rows = select(shipped_store, f"SELECT ?m WHERE {{ ?m a imvo:Motion ; dct:source <{BRIEF}p06> }}")
    assert rows == []


def test_general_consultation_does_not_cite_p23(shipped_store):  # p23 does not name the AO
    sources = {s for (s,) in select(shipped_store, f"SELECT ?s WHERE {{ <{ID}gebeurtenis/ao-imvo-2017-05-31> dct:source ?s }}")}
    assert BRIEF + "p23" not in sources
    assert {BRIEF + p for p in ("p06", "p16", "p20", "p26", "p29")} == sources


def test_colombia_request_is_about_the_coal_chain(shipped_store):  # p26: "in het bijzonder in de steenkoolketen"
    rows = select(
        shipped_store,
        f"""SELECT ?r WHERE {{ ?r a imvo:ParliamentaryRequest ; imvo:country <{ID}land/colombia> ; imvo:sector <{ID}sector/steenkool> }}""",
    )
    assert rows == [(f"{ID}verzoek/ao-2017-05-31-samenwerking-colombia",)]


@pytest.mark.parametrize(
    "slug, paragraph",
    [("textiel", "p09"), ("banken", "p11"), ("plantaardige-eiwitten", "p12"), ("bevorderen-duurzaam-bosbeheer", "p13")],
)
def test_concluded_covenants_cite_the_paragraph_that_names_them_not_p07(shipped_store, slug, paragraph):
    sources = {s for (s,) in select(shipped_store, f"SELECT ?s WHERE {{ <{ID}convenant/{slug}> dct:source ?s }}")}
    assert BRIEF + "p07" not in sources  # p07 names only the gold covenant
    assert BRIEF + paragraph in sources


def test_pleiten_en_beinvloeden_cites_p35_only(shipped_store):
    rows = select(shipped_store, f"SELECT ?s WHERE {{ <{ID}instrument/pleiten-en-beinvloeden> dct:source ?s }}")
    assert rows == [(BRIEF + "p35",)]


def test_ways_the_van_veldhoven_motion_is_carried_out(shipped_store):  # p40
    rows = select(
        shipped_store,
        """SELECT ?x WHERE { ?x imvo:implements ?m . ?m imvo:kamerstukNumber "26485-227" }""",
    )
    implementers = {x for (x,) in rows}
    # the covenants and initiatives in which it "komt terug", the government's attention to other
    # minerals at conferences ("tevens") and the EPRM effort ("bovendien")
    assert {
        f"{ID}convenant/steenkool", f"{ID}convenant/duurzame-energie", f"{ID}convenant/metaal",
        f"{ID}organisatie/mica-werkgroep", f"{ID}activiteit/nederlandse-bijdrage-oecd-handbook",
        f"{ID}lidmaatschap/nederland-voluntary-principles",
        f"{ID}activiteit/aandacht-andere-mineralen-conferenties",
        f"{ID}activiteit/inzet-eprm-andere-metalen",
    } <= implementers
    # the attention at the conferences carries it out, not the conferences (review-14, p40)
    assert not {x for x in implementers if x.startswith(f"{ID}gebeurtenis/")}
    conferences = select(
        shipped_store,
        f"""SELECT ?e WHERE {{ <{ID}activiteit/aandacht-andere-mineralen-conferenties>
              prov:wasAssociatedWith <{ID}organisatie/rijksoverheid> ; dct:relation ?e . ?e a imvo:Event }}""",
    )
    assert sorted(e for (e,) in conferences) == [
        f"{ID}gebeurtenis/extractive-resources-for-prosperity-2017-10-23", f"{ID}gebeurtenis/raw-materials-conference-2017-06-23",
    ]
    (status,) = one(shipped_store, f"SELECT ?s WHERE {{ <{ID}activiteit/inzet-eprm-andere-metalen> imvo:status ?s ; imvo:concerns <{ID}instrument/eprm> }}")
    assert status == f"{ID}realisatiestatus/gepland"  # "zal de overheid zich ... inzetten"


def test_central_government_commitment_in_the_manifesto(shipped_store):  # p37
    rows = select(
        shipped_store,
        f"""SELECT ?c WHERE {{ ?c a imvo:Commitment ; imvo:madeIn <{ID}instrument/manifest-mvi> ;
              dct:creator <{ID}organisatie/rijksoverheid> ; imvo:addressee <{ID}organisatie/medeoverheden-manifest-mvi> ;
              imvo:concerns <{ID}instrument/isv> }}""",
    )
    assert len(rows) == 1


def test_cooperation_with_colombia_in_the_gold_sector(shipped_store):  # p28
    rows = select(
        shipped_store,
        f"""SELECT ?a WHERE {{ ?a a prov:Activity ; imvo:country <{ID}land/colombia> ; imvo:sector <{ID}sector/goud> ;
              prov:wasAssociatedWith <{ID}organisatie/rijksoverheid> ; dct:source <{BRIEF}p28> }}""",
    )
    assert len(rows) == 1


def test_what_p15_says_is_being_considered(shipped_store):
    rows = select(
        shipped_store,
        f"""SELECT ?c ?about WHERE {{ ?c a imvo:Consideration ; imvo:concerns ?about ; dct:source <{BRIEF}p15> }}""",
    )
    abouts = {}
    for c, about in rows:
        abouts.setdefault(c, set()).add(about)
    assert sorted(map(sorted, abouts.values())) == sorted([
        sorted([f"{ID}convenant/metaal", f"{ID}convenant/technologische-industrie"]),  # how the trajectories relate
        [f"{ID}instrument/imvo-convenantenbeleid"],  # the (financial) future of the covenants, with the SER
    ])
    assert select(
        shipped_store,
        f"""SELECT ?c WHERE {{ ?c a imvo:Consideration ; prov:wasAssociatedWith <{ID}organisatie/ser> ; dct:source <{BRIEF}p15> }}""",
    )


def test_banking_covenant_works_in_working_groups(shipped_store):  # p11
    rows = select(
        shipped_store,
        f"""SELECT ?n WHERE {{ <{ID}convenant/banken> imvo:workingGroup ?g . ?g a imvo:WorkingGroup ;
              imvo:countDescription ?n FILTER(LANG(?n) = "nl") }}""",
    )
    assert rows == [("diverse werkgroepen",)]
    # "werken in diverse werkgroepen gezamenlijk aan de uitvoering": not a body that governs it
    assert not select(shipped_store, f"SELECT ?g WHERE {{ <{ID}convenant/banken> imvo:governingBody ?g }}")


def test_rspo_work_still_in_progress(shipped_store):  # p33: "nog veel werk in uitvoering"
    rows = select(
        shipped_store,
        f"""SELECT ?about WHERE {{ ?a imvo:status <{ID}realisatiestatus/in-ontwikkeling> ; imvo:concerns ?about ;
              prov:wasAssociatedWith <{ID}organisatie/rspo-taakgroep> ; dct:source <{BRIEF}p33> }}""",
    )
    assert sorted(a for (a,) in rows) == [f"{ID}instrument/rspo-keurmerk", f"{ID}instrument/rspo-klachtenmechanisme"]


def test_rspo_talks_were_with_companies_civil_society_and_the_secretariat(shipped_store):  # p30
    (count,) = one(
        shipped_store,
        f"SELECT (COUNT(?p) AS ?n) WHERE {{ <{ID}gebeurtenis/gesprekken-handhaving-rspo-keurmerk> imvo:participant ?p }}",
    )
    assert int(count) == 3


def test_expected_total_of_sector_covenants_matches_the_count(shipped_store):  # p07: "op zestien zal uitkomen"
    expected, year = one(
        shipped_store,
        "SELECT ?n ?y WHERE { ?e a imvo:Expectation ; imvo:expectedCount ?n ; imvo:expectedIn ?y }",
    )
    (counted,) = one(shipped_store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a imvo:SectorCovenant }")
    assert (int(expected), year, int(counted)) == (16, "2018", 16)


def test_the_letters_own_commitments(shipped_store):  # p10, p11, p14, p16, p21, p24, p40
    rows = select(
        shipped_store,
        f"""SELECT DISTINCT ?c ?p WHERE {{ ?c a imvo:Commitment ; imvo:madeIn <{LETTER}> ; imvo:addressedIn ?p ;
              imvo:status <{ID}toezeggingstatus/in-behandeling> ; imvo:followUp ?f }}""",
    )
    # p14: "Zomer 2018 is de eerste jaarrapportage aan uw Kamer voorzien", like p10 and p11
    assert sorted(p.rpartition("#")[2] for (_, p) in rows) == ["p10", "p11", "p14", "p16", "p21", "p24", "p40"]
    (report,) = one(
        shipped_store,
        f"""SELECT ?r WHERE {{ ?c imvo:madeIn <{LETTER}> ; imvo:addressedIn <{BRIEF}p14> ; imvo:followUp ?r .
              ?r imvo:concerns <{ID}convenant/verantwoord-goud> ; imvo:addressee <{ID}organisatie/tweede-kamer> }}""",
    )
    assert report == f"{ID}rapport/eerste-jaarrapportage-verantwoord-goud"


def test_status_rule_no_follow_up_on_a_settled_item(shipped_store):
    rows = select(
        shipped_store,
        f"""SELECT ?x WHERE {{ ?x imvo:followUp ?f ; imvo:status ?s FILTER(?s != <{ID}toezeggingstatus/in-behandeling>) }}""",
    )
    assert rows == []


@pytest.mark.parametrize(
    "item, status",
    [
        ("verzoek/ao-2017-05-31-evaluatie-convenantenproces", "in-behandeling"),  # p16-p19: evaluations to come
        ("verzoek/ao-2017-05-31-samenwerking-colombia", "in-behandeling"),  # p27: IHRB "zal ... ontwikkelen"
        ("toezegging/wgo-2017-06-15-meting-voortgang-convenanten", "besproken"),  # p08: addressed, nothing announced
    ],
)
def test_status_of_requests_and_commitments_follows_the_rule(shipped_store, item, status):
    (found,) = one(shipped_store, f"SELECT ?s WHERE {{ <{ID}{item}> imvo:status ?s }}")
    assert found == f"{ID}toezeggingstatus/{status}"
    follow_ups = select(shipped_store, f"SELECT ?f WHERE {{ <{ID}{item}> imvo:followUp ?f }}")
    assert bool(follow_ups) == (status == "in-behandeling")


def test_banking_human_rights_pilot_is_being_set_up(shipped_store):  # p11
    # "Er wordt onder andere ... een pilot project opgezet": not yet running, so the
    # realisation status says it is being developed (an instrument without one exists)
    rows = select(
        shipped_store,
        f"""SELECT ?status ?comment WHERE {{
              <{ID}instrument/pilot-mensenrechteninformatie-banken> imvo:status ?status ;
                  dct:source ?p ; rdfs:comment ?comment .
              FILTER(STRENDS(STR(?p), "#p11") && LANG(?comment) = "en") }}""",
    )
    assert [str(s) for s, _ in rows] == [f"{ID}realisatiestatus/in-ontwikkeling"]
    assert "is being set up" in str(rows[0][1])


def test_oecd_handbook_on_mineral_sourcing_is_being_developed(shipped_store):  # p40
    # "de Nederlandse bijdrage aan de ontwikkeling van het OECD Handbook on Responsible
    # Mineral Sourcing": the handbook is still being developed
    rows = select(
        shipped_store,
        f"""SELECT ?status WHERE {{
              <{ID}instrument/oecd-handbook-responsible-mineral-sourcing> imvo:status ?status ;
                  dct:source ?p . FILTER(STRENDS(STR(?p), "#p40")) }}""",
    )
    assert [str(s) for (s,) in rows] == [f"{ID}realisatiestatus/in-ontwikkeling"]


def test_coal_covenant_is_related_to_the_colombian_mou_not_signed_through_it(shipped_store):  # p26
    # p26: part of the cooperation with Colombia is laid down in the coal covenant and its annual
    # action plans, "bijvoorbeeld" the MoU with the Colombian Ministry of Mining. The letter does
    # not say the covenant uses the MoU, so no MoU signatory is a party reached from the covenant.
    coal, mou = f"{ID}convenant/steenkool", f"{ID}instrument/mou-duurzame-mijnbouw-colombia"
    related = select(
        shipped_store,
        f"""SELECT ?p WHERE {{ <{coal}> dct:relation <{mou}> .
              ?s a rdf:Statement ; rdf:subject <{coal}> ; rdf:predicate dct:relation ;
                 rdf:object <{mou}> ; dct:source ?p }}""",
    )
    assert [str(p).rsplit("#", 1)[1] for (p,) in related] == ["p26"]
    signed = select(
        shipped_store,
        f"""SELECT ?org WHERE {{ <{coal}> imvo:uses ?i . ?i imvo:signedBy ?org }}""",
    )
    assert signed == []


def test_manifesto_support_commitment_is_addressed_not_in_progress(shipped_store):  # p37
    # "De Rijksoverheid committeert zich hiermee aan de ondersteuning van medeoverheden ...":
    # the letter states the commitment but reports no step taken, no ongoing support and no
    # follow-up, which the status rule (cs:toezeggingstatus) calls besproken
    rows = select(
        shipped_store,
        f"""SELECT ?status ?followUp WHERE {{
              <{ID}toezegging/manifest-mvi-ondersteuning-medeoverheden> imvo:status ?status ;
                  dct:source ?p . FILTER(STRENDS(STR(?p), "#p37"))
              OPTIONAL {{ <{ID}toezegging/manifest-mvi-ondersteuning-medeoverheden> imvo:followUp ?followUp }} }}""",
    )
    assert [(str(s), f) for s, f in rows] == [(f"{ID}toezeggingstatus/besproken", None)]


def test_smes_are_a_queryable_group(shipped_store):  # p22-p25
    mkb = f"{ID}organisatie/mkb"
    # p22: "Het MKB is een belangrijke doelgroep van de IMVO-convenanten"
    assert select(shipped_store, f"SELECT ?x WHERE {{ <{ID}instrument/imvo-convenantenbeleid> dct:audience <{mkb}> }}")
    # p23 (the request), p24 (the annual talk, the NCP's contacts), p25 (the NCP-RVO talks)
    about = {x for (x,) in select(shipped_store, f"SELECT ?x WHERE {{ ?x imvo:concerns <{mkb}> }}")}
    assert about == {
        f"{ID}verzoek/ao-2017-05-31-mkb-oeso-richtlijnen", f"{ID}gebeurtenis/jaarlijks-gesprek-ncp-2018",
        f"{ID}gebeurtenis/ncp-contact-mkb-organisaties-2017", f"{ID}gebeurtenis/gesprek-ncp-rvo",
    }


def test_ncp_rvo_talks_are_an_ongoing_follow_up_of_the_sme_request(shipped_store):  # p25: "is in gesprek"
    rows = select(
        shipped_store,
        f"""SELECT ?e WHERE {{ <{ID}verzoek/ao-2017-05-31-mkb-oeso-richtlijnen> imvo:followUp ?e .
              ?e imvo:participant <{ID}organisatie/rvo> ; dct:relation <{ID}instrument/oeso-richtlijnen> FILTER NOT EXISTS {{ ?e dct:date ?d }} }}""",
    )
    assert rows == [(f"{ID}gebeurtenis/gesprek-ncp-rvo",)]


def test_who_examines_the_metal_and_technology_trajectories(shipped_store):  # p15
    rows = select(
        shipped_store,
        f"""SELECT ?a WHERE {{ <{ID}overweging/integratie-metaal-technologische-industrie> prov:wasAssociatedWith ?a }}""",
    )
    # "Zo" (the SER's guidance) "in samenspraak met de betreffende brancheorganisaties, maatschappelijke organisaties en de overheid"
    assert {a for (a,) in rows} == {
        f"{ID}organisatie/ser", f"{ID}organisatie/rijksoverheid",
        f"{ID}organisatie/brancheorganisaties-metaal-technologische-industrie",
        f"{ID}organisatie/maatschappelijke-organisaties-metaal-technologische-industrie",
    }


def test_embassies_represent_their_country_not_located_there(shipped_store):  # p27
    rows = select(
        shipped_store,
        f"""SELECT ?e ?c WHERE {{ <{ID}instrument/swia-mijnbouw-colombia> imvo:fundedBy ?e . ?e imvo:representedCountry ?c }}""",
    )
    assert sorted(c.rpartition("/")[2] for (_, c) in rows) == ["nederland", "noorwegen", "verenigd-koninkrijk"]
    # the letter does not say where they are: no imvo:country (dct:spatial) on an embassy
    assert not select(shipped_store, "SELECT ?e WHERE { ?e imvo:representedCountry ?c ; imvo:country ?x }")


def test_ser_announced_the_evaluation_in_its_2014_advice(shipped_store):  # p16, p17
    rows = select(
        shipped_store,
        f"""SELECT ?f WHERE {{ ?c a imvo:Commitment ; dct:creator <{ID}organisatie/ser> ;
              imvo:madeIn <{ID}rapport/ser-advies-imvo-convenanten-2014> ;
              imvo:status <{ID}toezeggingstatus/in-behandeling> ; imvo:followUp ?f }}""",
    )
    assert sorted(f for (f,) in rows) == [
        f"{ID}rapport/ser-evaluatie-convenantenproces-2020", f"{ID}rapport/ser-voortgangsrapportage-convenantenproces-2017",
    ]


def test_living_wage_is_a_theme(shipped_store):  # p37
    theme = f"{ID}thema/leefbaar-loon"
    (label,) = one(shipped_store, f'SELECT ?l WHERE {{ <{theme}> skos:prefLabel ?l FILTER(LANG(?l) = "en") }}')
    assert label == "living wage"
    about = {x for (x,) in select(shipped_store, f"SELECT ?x WHERE {{ ?x dct:subject <{theme}> }}")}
    # the motion's "plan leefbaar loon", "een belangrijk ISV thema", the Manifesto commitment
    # ("ISV en dus leefbaar loon") and the government's conditional effort in the covenants
    assert about == {
        f"{ID}motie/34506-23", f"{ID}instrument/isv", f"{ID}toezegging/manifest-mvi-ondersteuning-medeoverheden",
        f"{ID}activiteit/inzet-afspraken-leefbaar-loon-convenanten",
    }
    (covenants,) = one(
        shipped_store,
        f"SELECT ?c WHERE {{ <{ID}activiteit/inzet-afspraken-leefbaar-loon-convenanten> imvo:concerns ?c ; prov:wasAssociatedWith <{ID}organisatie/rijksoverheid> }}",
    )
    assert covenants == f"{ID}instrument/imvo-convenantenbeleid"


def test_rspo_findings_and_who_makes_them(shipped_store):  # p31, p32
    rows = select(
        shipped_store,
        f"""SELECT ?f ?who ?p WHERE {{ ?f a imvo:Finding ; imvo:concerns <{ID}instrument/rspo-handhaving> ; dct:source ?p
              OPTIONAL {{ ?f prov:wasAttributedTo ?who }} }}""",
    )
    by_paragraph = {p.rpartition("#")[2]: who for (_, who, p) in rows}
    # p31: "Het kabinet constateert dat ..."; p32: "Tegelijkertijd blijkt dat ...", attributed to no one
    assert by_paragraph == {"p31": f"{ID}organisatie/kabinet", "p32": None}


def test_embassy_follows_up_the_swia_recommendations(shipped_store):  # p27: "geeft verder opvolging"
    rows = select(
        shipped_store,
        f"""SELECT ?a WHERE {{ ?a a prov:Activity ; prov:wasAssociatedWith <{ID}organisatie/nederlandse-ambassade> ;
              prov:used <{ID}instrument/swia-mijnbouw-colombia> ; imvo:status <{ID}realisatiestatus/bestaand> .
              <{ID}verzoek/ao-2017-05-31-samenwerking-colombia> dct:relation ?a }}""",
    )
    assert rows == [(f"{ID}activiteit/opvolging-swia-aanbevelingen",)]


def test_textile_companies_plans_and_their_assessment(shipped_store):  # p09, p10
    companies = f"{ID}organisatie/deelnemende-bedrijven-textielconvenant"
    # p09: "hebben alle deelnemende bedrijven ... een plan van aanpak ... ingediend"; the list is of their sites
    assert select(shipped_store, f"SELECT ?r WHERE {{ <{ID}rapport/plannen-van-aanpak-textielconvenant> dct:creator <{companies}> }}")
    assert select(shipped_store, f"SELECT ?r WHERE {{ <{ID}rapport/lijst-productielocaties-textielconvenant> imvo:concerns <{companies}> }}")
    # p10: "worden momenteel beoordeeld door het secretariaat en met de bedrijven besproken"
    agents = {a for (a,) in select(
        shipped_store,
        f"""SELECT ?who WHERE {{ ?a prov:used <{ID}rapport/plannen-van-aanpak-textielconvenant> ;
              imvo:status <{ID}realisatiestatus/bestaand> ; prov:wasAssociatedWith ?who }}""",
    )}
    assert agents == {f"{ID}organisatie/secretariaat-textielconvenant", companies}


def test_irbc_cooperation_with_colombia(shipped_store):  # p26, p28
    cooperation = f"{ID}activiteit/imvo-samenwerking-colombia"
    related = {x for (x,) in select(shipped_store, f"SELECT ?x WHERE {{ <{cooperation}> dct:relation ?x }}")}
    # "Een deel van die samenwerking is vastgelegd in het steenkoolconvenant en de jaarlijkse actieplannen ...
    # Voorbeeld is het Memorandum of Understanding"
    assert related == {
        f"{ID}convenant/steenkool", f"{ID}rapport/jaarlijkse-actieplannen-steenkoolconvenant",
        f"{ID}instrument/mou-duurzame-mijnbouw-colombia",
    }
    # p28: "ook in andere economische sectoren dan steenkool"
    assert select(shipped_store, f"SELECT ?a WHERE {{ <{ID}activiteit/mvo-samenwerking-colombia-andere-sectoren> dct:isPartOf <{cooperation}> }}")


def test_cocoa_commitment_follow_ups(shipped_store):  # p29: "deze discussie verder voort te zetten en te werken aan een nieuw plan aanpak"
    rows = select(
        shipped_store,
        f"""SELECT ?f ?status WHERE {{ <{ID}toezegging/ao-2017-05-31-overleg-cacaobedrijven> imvo:followUp ?f . ?f imvo:status ?status }}""",
    )
    assert sorted(rows) == [
        (f"{ID}activiteit/voortzetting-discussie-inkomenspositie-cacaoboeren", f"{ID}realisatiestatus/gepland"),
        (f"{ID}rapport/nieuw-plan-van-aanpak-cacao", f"{ID}rapportstatus/gepland"),
    ]


def test_foreign_legislation_request_is_set_against_irbc_policy(shipped_store):  # p20
    assert select(
        shipped_store,
        f"SELECT ?r WHERE {{ <{ID}verzoek/ao-2017-05-31-analyse-imvo-wetgeving-andere-landen> dct:relation <{ID}instrument/imvo-beleid> }}",
    )


def test_ser_undertaking_of_letter_233_is_an_open_commitment(shipped_store):  # p18
    # "Zoals vermeld in Kamerbrief 26 485, nr. 233 van 10 november 2016, zal de SER tevens de
    # voortgangsrapportages ... naar uw Kamer sturen"
    rows = select(
        shipped_store,
        f"""SELECT ?c ?status ?sender WHERE {{ ?c a imvo:Commitment ; imvo:madeIn <{ID}kamerstuk/26485-233> ;
              imvo:addressee <{ID}organisatie/tweede-kamer> ; imvo:status ?status ;
              imvo:followUp ?report . ?report imvo:status <{ID}rapportstatus/gepland> ; dct:publisher ?sender ;
              imvo:addressee <{ID}organisatie/tweede-kamer> }}""",
    )
    assert rows == [(f"{ID}toezegging/kamerstuk-26485-233-ser-voortgangsrapportages-naar-kamer",
                     f"{ID}toezeggingstatus/in-behandeling", f"{ID}organisatie/ser")]


def test_isv_tenders_oblige_the_supplier_to_due_diligence(shipped_store):  # p36
    # "Voor al deze inkopen en aanbestedingen geldt dat de leverancier verplicht is due diligence toe te
    # passen en daarover te rapporteren."
    rows = select(
        shipped_store,
        f"""SELECT ?rule ?who WHERE {{ ?rule imvo:obliges ?who ;
              dct:isPartOf <{ID}instrument/isv-rijksinkoopbeleid-aanbestedingen-risicosectoren> }}""",
    )
    assert rows == [(f"{ID}instrument/isv-verplichting-due-diligence-leverancier", f"{ID}organisatie/leveranciers-isv-aanbestedingen")]


def test_rspo_task_force_has_no_date_only_since_2015(shipped_store):  # p32: "Sindsdien is er een speciale taakgroep ingericht"
    task_force = f"{ID}organisatie/rspo-taakgroep"
    assert not select(shipped_store, f"SELECT ?d WHERE {{ <{task_force}> dct:date|dct:created|dct:issued ?d }}")
    (text,) = one(shipped_store, f"""SELECT ?t WHERE {{ <{task_force}> imvo:dateDescription ?t . FILTER(LANG(?t) = "nl") }}""")
    assert "2015" in text
    # the paragraph that states it, statement by statement
    assert select(
        shipped_store,
        f"""SELECT ?s WHERE {{ ?s rdf:subject <{task_force}> ; rdf:predicate imvo:dateDescription ;
              dct:source <{LETTER}#p32> }}""",
    )


def test_plant_proteins_steering_group_sets_next_years_activities(shipped_store):  # p12
    # "In september komt de stuurgroep bijeen om de activiteiten en projecten voor het aankomende jaar vast te stellen."
    rows = select(
        shipped_store,
        f"""SELECT ?plan ?due WHERE {{ <{ID}gebeurtenis/stuurgroep-plantaardige-eiwitten-2017-09> dct:relation ?plan .
              ?plan a imvo:Report ; imvo:status <{ID}rapportstatus/gepland> ; imvo:due ?due ;
              imvo:responsible <{ID}organisatie/stuurgroep-convenant-plantaardige-eiwitten> ;
              imvo:concerns <{ID}convenant/plantaardige-eiwitten> }}""",
    )
    assert rows == [(f"{ID}rapport/activiteiten-en-projecten-plantaardige-eiwitten-aankomend-jaar", "2017-09")]


def test_cesar_grievance_mechanism_is_developed_with_communities_and_mines(shipped_store):  # p27
    # "in nauwe samenwerking met de lokale gemeenschappen en de steenkoolmijnen in Cesar"; "De Colombiaanse Ombudsman is nauw betrokken"
    contributors = {c for (c,) in select(shipped_store, f"SELECT ?c WHERE {{ <{ID}instrument/klachtenmechanisme-cesar> dct:contributor ?c }}")}
    assert contributors == {f"{ID}organisatie/{name}" for name in ("colombiaanse-ombudsman", "lokale-gemeenschappen-cesar", "steenkoolmijnen-cesar")}


def test_companies_with_minerals_have_a_due_diligence_obligation(shipped_store):  # p39
    # "Alle bedrijven met mineralen in hun toeleveringsketen hebben een due diligence verplichting conform de OECD due diligence guidance."
    rows = select(
        shipped_store,
        f"""SELECT ?rule ?who WHERE {{ ?rule imvo:obliges ?who ;
              dct:relation <{ID}instrument/oecd-due-diligence-guidance-minerals> ; dct:source ?p .
              FILTER(STRENDS(STR(?p), "#p39")) }}""",
    )
    assert rows == [(f"{ID}instrument/due-diligence-verplichting-bedrijven-mineralen", f"{ID}organisatie/bedrijven-met-mineralen-in-toeleveringsketen")]


def test_ncp_contacts_organisations_with_knowledge_of_smes(shipped_store):  # p24
    # "Het NCP legt dit jaar nog contact met organisaties die veel kennis hebben over het MKB en die al activiteiten ontplooien"
    rows = select(
        shipped_store,
        f"""SELECT ?who ?year WHERE {{ <{ID}gebeurtenis/ncp-contact-mkb-organisaties-2017> imvo:participant ?who ;
              imvo:plannedDate ?year . FILTER(?who != <{ID}organisatie/ncp>) }}""",
    )
    assert rows == [(f"{ID}organisatie/organisaties-met-kennis-over-mkb", "2017")]


def test_the_kpmg_analysis_is_used_by_the_2017_application_of_the_isv(shipped_store):  # p36
    # "Sinds 1 april 2017 zijn ... de ISV van toepassing ... binnen de risicosectoren die door KPMG zijn vastgesteld"
    users = select(shipped_store, f"SELECT ?u ?since WHERE {{ ?u imvo:uses <{ID}instrument/kpmg-mvo-sector-risico-analyse> ; imvo:entryIntoForceDate ?since }}")
    assert users == [(f"{ID}instrument/isv-rijksinkoopbeleid-aanbestedingen-risicosectoren", "2017-04-01")]
