"""Relations between entities with their evidence sentence and offsets."""

from __future__ import annotations

from tests.nlp_fixtures import *  # noqa: F403


def _relations(extractor, text: str) -> set[tuple[str, str, str]]:
    [extraction] = list(extractor.extract([article(text)]))  # noqa: F405
    assert extraction.error is None
    for relation in extraction.relations:
        assert text[relation.start : relation.end] in relation.sentence
    return {(r.subject_id, r.predicate, r.object_id) for r in extraction.relations}


def test_report_relations(rferl_extraction, rferl_article) -> None:
    found = {(r.subject_id, r.predicate, r.object_id) for r in rferl_extraction.relations}
    assert ("person:aleksandar-vucic", "MEETS", "person:avdullah-hoti") in found
    assert ("person:aleksandar-vucic", "AGREEMENT_WITH", "person:donald-trump") in found
    met = next(r for r in rferl_extraction.relations if r.predicate == "MEETS")
    assert met.sentence.startswith("In September 2020, Vučić and Kosovo Prime Minister")
    assert rferl_article.text[met.start : met.end].startswith("Vučić")


def test_typed_predicates(extractor) -> None:
    found = _relations(
        extractor,
        "Toronto Police bought cameras from Axon. Amnesty International criticized Toronto Police. "
        "Justin Trudeau met Joe Biden in Ottawa. The Conservative Party withdrew the 2022 online harms bill.",
    )
    assert ("organization:axon", "SUPPLIES", "organization:toronto-police") in found  # bought from: Axon sells
    assert ("organization:amnesty-international", "OPPOSES", "organization:toronto-police") in found
    assert ("person:justin-trudeau", "MEETS", "person:joe-biden") in found
    assert ("organization:conservative-party", "WITHDRAWS", "law:2022-online-harms-bill") in found


def test_legal_action_and_acquisition(extractor) -> None:
    found = _relations(
        extractor,
        "The RCMP arrested John Tory in Winchester. John Tory fled to Mexico. Google acquired Fitbit.",
    )
    assert ("organization:royal-canadian-mounted-police", "LEGAL_ACTION_AGAINST", "person:john-tory") in found
    assert ("organization:google", "ACQUIRES", "organization:fitbit") in found  # bought Fitbit, not from it
    assert not any(predicate == "FLEE_TO" for _s, predicate, _o in found)  # no type of the inventory


def test_untyped_links_stay_out_of_relations(extractor) -> None:
    found = _relations(extractor, "Huawei removed the case study from its website. Aleksandar Vučić visited Beijing.")
    assert ("person:aleksandar-vucic", "MEETS", "location:beijing") in found
    text = "Serbia relies on Huawei for its cameras."
    [extraction] = list(extractor.extract([article(text)]))  # noqa: F405
    assert not extraction.relations
    assert [(r.subject_id, r.predicate, r.object_id) for r in extraction.links] == [
        ("location:serbia", "RELY_ON", "organization:huawei")
    ]
    assert extraction.to_contract()["links"][0]["predicate"] == "RELY_ON"


def test_reporting_verbs_are_no_relations(rferl_extraction) -> None:
    assert not any(r.predicate in {"TELL", "SAY"} for r in rferl_extraction.relations)


def test_modality_negated_hypothetical_and_questions(nlp_pipeline) -> None:
    from nlp.lexicon.lexicon import load_lexicon
    from nlp.relations.modality import is_fact

    words = load_lexicon().relations
    cases = {
        "Acme did not meet Globex.": False,
        "Acme refused to sign a deal with Globex.": False,
        "If Acme bought Globex, regulators would object.": False,
        "Will Acme sue Globex?": False,
        "Acme could cancel the contract.": False,
        "Acme will supply Globex.": True,
        "Acme plans to buy Globex.": True,
        "Acme said it would supply Globex.": True,
    }
    verbs = {"meet", "sign", "buy", "sue", "cancel", "supply"}
    for text, fact in cases.items():
        doc = nlp_pipeline(text)
        [verb] = [t for t in doc if t.lemma_ in verbs]
        assert is_fact(verb, words) is fact, text


def test_pronouns_and_descriptions_resolve_to_a_name_before(extractor) -> None:
    found = _relations(
        extractor,
        "Peter Mwangi grew up in Nairobi. He donated five million shillings to the Kibera Youth Trust last month.",
    )
    assert ("person:peter-mwangi", "FUNDS", "organization:kibera-youth-trust") in found


def test_odd_parses_never_raise(extractor) -> None:
    texts = ["", "...", "?!", " , ; : ", "Acme " * 400, "A | B | C\nD | E | F\n" * 50, "He met them. It did."]
    for text in texts:
        [extraction] = list(extractor.extract([article(text)]))  # noqa: F405
        assert extraction.error is None


def test_verbal_forms(extractor) -> None:
    found = _relations(
        extractor,
        "Microsoft owns LinkedIn. Europol signed a contract with Microsoft in 2019. "
        "The Supreme Court struck down the Online News Act. "
        "Germany, France and Italy will cooperate on hydrogen research. "
        "Amnesty International, which opposes the Online News Act, protested outside parliament.",
    )
    assert ("organization:linkedin", "PART_OF", "organization:microsoft") in found  # owns: the owned is the part
    assert ("organization:europol", "AGREEMENT_WITH", "organization:microsoft") in found
    assert ("organization:supreme-court", "WITHDRAWS", "law:online-news-act") in found
    pairs = {frozenset((s, o)) for s, p, o in found if p == "PARTNERS_WITH"}
    assert pairs == {
        frozenset(("location:germany", "location:france")),
        frozenset(("location:germany", "location:italy")),
        frozenset(("location:france", "location:italy")),
    }
    assert ("organization:amnesty-international", "OPPOSES", "law:online-news-act") in found


def test_verbal_dates_and_confidence(extractor) -> None:
    text = (
        "Europol signed a contract with Microsoft in 2019. He met nobody. Microsoft acquired LinkedIn. "
        "Google was fined by the European Commission."
    )
    [extraction] = list(extractor.extract([article(text)]))  # noqa: F405
    signed = next(r for r in extraction.relations if r.predicate == "AGREEMENT_WITH")
    assert signed.date == "2019"
    acquired = next(r for r in extraction.relations if r.predicate == "ACQUIRES")
    fined = next(r for r in extraction.relations if r.predicate == "LEGAL_ACTION_AGAINST")
    assert fined.subject_id == "organization:european-commission"
    assert fined.confidence < acquired.confidence == 1.0  # a passive states it less directly than an active verb


def test_unnamed_people_stand_for_what_they_act_for(extractor) -> None:
    found = _relations(
        extractor,
        "Delegations from Sudan and Chad held talks in Geneva on Monday. "
        "Co-founder of Kestrel Labs, Daniel Okafor, met with Grace Mwangi. "
        "Prime Minister Lena Holm met Peru's foreign minister in Lima. "
        "Mayor John Vance has been assisted by several aides, including Rita Moss and Omar Sy. "
        "Tomas Grell, 40, was arrested by police on Friday, the Tarvik Police Department said.",
    )
    assert ("location:sudan", "MEETS", "location:chad") in found  # the countries of the delegations
    assert ("person:daniel-okafor", "MEETS", "person:grace-mwangi") in found  # not Kestrel Labs
    assert ("person:lena-holm", "MEETS", "location:peru") in found  # the state whose office the holder fills
    assert ("person:rita-moss", "SUPPORTS", "person:john-vance") in found  # the members a group lists
    assert ("person:omar-sy", "SUPPORTS", "person:john-vance") in found
    assert ("organization:tarvik-police-department", "LEGAL_ACTION_AGAINST", "person:tomas-grell") in found


def test_stances_of_adjectives_acts_and_verbal_attacks(extractor) -> None:
    found = _relations(
        extractor,
        "The Consumers Council was critical of Mirex Telecom. "
        "Peru and Chile have kept a policy of deep-sea mining which Greenpeace has condemned. "
        "The Daily Courier attacked Senator Paul Greer. "
        "The Northern Brigade attacked Kivu Province with drones, killing four. "
        "Mark Ellison launched a fundraiser in order to help Ruth Banda.",
    )
    assert ("organization:consumers-council", "OPPOSES", "organization:mirex-telecom") in found
    assert ("organization:greenpeace", "OPPOSES", "location:peru") in found  # who holds the policy condemned
    assert ("organization:greenpeace", "OPPOSES", "location:chile") in found
    assert ("organization:daily-courier", "OPPOSES", "person:paul-greer") in found  # a publication's attack
    assert not any(s == "organization:northern-brigade" for s, _p, _o in found)  # a physical attack is none
    assert ("person:mark-ellison", "SUPPORTS", "person:ruth-banda") in found  # who launched it helps


def test_relation_dates_are_as_precise_as_written() -> None:
    from nlp.lexicon.lexicon import load_lexicon
    from nlp.statements.dates import date_as_written

    words = load_lexicon().statements
    published = "2025-01-05"
    expected = {
        "last month": "2024-12",
        "earlier this month": "2025-01",
        "two months ago": "2024-11",
        "in March 2020": "2020-03",
        "in 2019": "2019",
        "on Friday": "2025-01-03",
        "last year": "2024",
        "three years": "2022",
    }
    for phrase, date in expected.items():
        assert date_as_written(phrase, published, words) == date, phrase
    assert date_as_written("last month", None, words) is None  # never dated from today
    assert date_as_written("a year later", published, words) is None  # counted from another date


def test_first_person_in_a_quotation_is_its_speaker(extractor) -> None:
    found = _relations(
        extractor,
        '"I am disappointed with Kestrel Airways," said Amina Yusuf. '
        '"I do not support the Harbour Levy Bill at all," Senator Kofi Mensah said. '
        "Grace Otieno did not support the Harbour Levy Bill. I support the Harbour Levy Bill.",
    )
    assert ("person:amina-yusuf", "OPPOSES", "organization:kestrel-airways") in found
    assert ("person:kofi-mensah", "OPPOSES", "law:harbour-levy-bill") in found  # a speaker's own refusal
    assert not any(s == "person:grace-otieno" for s, _p, _o in found)  # negated in the third person: nothing
    assert not any(p == "SUPPORTS" for _s, p, _o in found)  # "I" outside a quotation is nobody


def test_joint_groups_calls_and_being_sent_to_an_event(extractor) -> None:
    found = _relations(
        extractor,
        "A research team from Makerere University and the University of Nairobi has mapped the lake. "
        "Teams from Ghana and Togo are among the finalists. "
        "Chancellor Eva Lind phoned Prime Minister Raj Patel on Monday. "
        "Minister Hugo Ferre contacted Chile's foreign minister. Reuters contacted Hugo Ferre. "
        "Maria Diaz was sent to the Second Chance Programme in 2019.",
    )
    pairs = {frozenset((s, o)) for s, p, o in found if p == "PARTNERS_WITH"}
    assert pairs == {frozenset(("organization:makerere-university", "organization:university-of-nairobi"))}
    assert ("person:eva-lind", "MEETS", "person:raj-patel") in found
    assert ("person:hugo-ferre", "MEETS", "location:chile") in found  # a state contacted through its minister
    assert not any(s == "organization:reuters" for s, _p, _o in found)  # a reporter's call is no meeting
    assert ("person:maria-diaz", "PARTICIPATES_IN", "event:second-chance-programme") in found


def test_pronouns_take_what_the_predicate_allows_and_datelines_act_not(extractor) -> None:
    found = _relations(
        extractor,
        "LIMA - The Ministry of Energy proposed the Solar Tariff Act in 2023. Senator Ana Vela praised the ministry. "
        "Rosa Quispe, a farmer, welcomed the news. Congress approved the act in May 2024, but the ministry "
        "suspended it last month. "
        "Ben Ortiz, who had told Carl Dunne he would assist him, resigned. "
        "Tom Reed said Dan Frey lied, UNLESS of course, he cooperated with Paul Grant.",
    )
    assert ("organization:ministry-of-energy", "PROPOSES", "law:solar-tariff-act") in found
    assert not any(s == "location:lima" for s, _p, _o in found)  # a dateline says where, not who
    assert ("organization:ministry-of-energy", "WITHDRAWS", "law:solar-tariff-act") in found  # it: a law
    assert ("person:ben-ortiz", "SUPPORTS", "person:carl-dunne") in found  # he: the teller; him: the one told
    assert ("person:carl-dunne", "SUPPORTS", "person:ben-ortiz") not in found
    assert not any(p == "PARTNERS_WITH" for _s, p, _o in found)  # a condition the parse left loose


def test_stance_phrases_stakes_courts_and_laws_passing(extractor) -> None:
    found = _relations(
        extractor,
        "Senator Ana Vela voted in favour of the Solar Tariff Act. Amnesty International took Pacific Telecom to "
        "court. The Clean Air Act passed the Senate. Lena Ruiz spoke at the Davos Forum. "
        "The court ruled in favour of Acme Corp.",
    )
    assert ("person:ana-vela", "SUPPORTS", "law:solar-tariff-act") in found
    assert not any(p == "SUPPORTS" and o == "organization:acme-corp" for _s, p, o in found)  # a ruling decides
    stake = _relations(extractor, "Kestrel Mining bought a 40 percent stake in Copperbelt Holdings on Monday.")
    assert ("organization:kestrel-mining", "ACQUIRES", "organization:copperbelt-holdings") in stake
    assert ("organization:amnesty-international", "LEGAL_ACTION_AGAINST", "organization:pacific-telecom") in found
    assert ("organization:senate", "ENACTS", "law:clean-air-act") in found  # the law passes the body
    assert ("person:lena-ruiz", "PARTICIPATES_IN", "event:davos-forum") in found


def test_money_given_funds_its_recipient(extractor) -> None:
    found = _relations(
        extractor,
        "The Gates Foundation gave $5 million to the Kenya Medical Research Institute. "
        "The European Union pledged 20 million euros for the Lake Chad Basin Commission.",
    )
    assert ("organization:gates-foundation", "FUNDS", "organization:kenya-medical-research-institute") in found
    assert ("organization:european-union", "FUNDS", "organization:lake-chad-basin-commission") in found


def test_a_stance_on_efforts_to_change_a_law_is_a_stance_on_the_law(extractor) -> None:
    found = _relations(
        extractor,
        "Ombudsman Clara Weiss criticised attempts to add drone powers to the Border Security Bill.",
    )
    assert ("person:clara-weiss", "OPPOSES", "law:border-security-bill") in found
    found = _relations(extractor, "Ombudsman Clara Weiss criticised efforts to repeal the Border Security Bill.")
    assert not any(o == "law:border-security-bill" for _s, p, o in found if p == "OPPOSES")


def test_the_government_acting_on_a_law_is_the_country_the_article_is_about(extractor) -> None:
    text = (
        "Peru's Congress debated the Water Rights Bill for months. After protests in Lima and Cusco, the "
        "government withdrew the bill, and Peru will consult farmers first."
    )
    found = _relations(extractor, text)
    assert ("location:peru", "WITHDRAWS", "law:water-rights-bill") in found
    assert not any(p == "WITHDRAWS" and s == "organization:congress" for s, p, _o in found)


def test_a_country_by_its_regional_epithet_is_the_country_the_article_is_about(extractor) -> None:
    text = (
        "Malta's tourism revenue grew last year, and Malta expects more cruise calls. Hoteliers in Valletta "
        "welcomed the figures. On Friday the Mediterranean island nation signed a loan agreement with the "
        "Council of Europe Development Bank."
    )
    found = _relations(extractor, text)
    assert ("location:malta", "AGREEMENT_WITH", "organization:council-of-europe-development-bank") in found
    assert not any(s == "location:valletta" or o == "location:valletta" for s, _p, o in found)
    # no country is the article's: the epithet names none (not the last place named)
    found = _relations(
        extractor, "Chad and Sudan face drought. The Balkan country will host talks with the Danube Commission."
    )
    assert not any(p == "MEETS" for _s, p, _o in found)


def test_a_description_far_from_any_name_takes_up_the_event_the_article_is_about(extractor) -> None:
    text = (
        "The Andean Robotics Cup opened in Quito on Friday. Entries doubled since 2022. Judges score speed. "
        "Robots sort blocks. Prize money rose. Teams from Peru and Bolivia are among the 30 teams in the competition."
    )
    found = _relations(extractor, text)
    assert ("location:peru", "PARTICIPATES_IN", "event:andean-robotics-cup") in found
    assert ("location:bolivia", "PARTICIPATES_IN", "event:andean-robotics-cup") in found


def test_speakers_exhibitors_prize_winners_and_gift_recipients(extractor) -> None:
    found = _relations(
        extractor,
        "Trade minister Kwame Asante was among the speakers at the Kumasi Cocoa Summit on Monday. "
        "Exhibitors at the Lagos Solar Fair included Sunbeam Energy and the installer Volta Homes. "
        "The Nordic Curling Championships ended in Oslo, with the gold medal going to Sweden and the bronze to "
        "Denmark. Riverside Academy was among the recipients of donated laptops from the Baobab Trust.",
    )
    assert ("person:kwame-asante", "PARTICIPATES_IN", "event:kumasi-cocoa-summit") in found
    assert ("organization:sunbeam-energy", "PARTICIPATES_IN", "event:lagos-solar-fair") in found
    assert ("location:sweden", "PARTICIPATES_IN", "event:nordic-curling-championships") in found
    assert ("organization:baobab-trust", "FUNDS", "organization:riverside-academy") in found
    found = _relations(extractor, "Mali could be among the teams at the Sahel Rally Cup if sponsors return.")
    assert not any(p == "PARTICIPATES_IN" for _s, p, _o in found)


def test_candidates_take_part_in_the_election_the_article_reports(extractor) -> None:
    text = (
        "Voters in Tasmania went to the polls on Saturday in the 2025 Tasmanian state election. Greens candidate "
        "Ella Ward was elected in Clark. Liberal minister Tom Finch lost his seat to Labor's Ruth Byrne."
    )
    found = _relations(extractor, text)
    election = "event:2025-tasmanian-state-election"
    assert {
        ("person:ella-ward", "PARTICIPATES_IN", election),
        ("person:tom-finch", "PARTICIPATES_IN", election),
    } <= found
    found = _relations(extractor, "Hobart City elected Mia Grant mayor in the 2024 Hobart mayoral election.")
    assert ("person:mia-grant", "PARTICIPATES_IN", "event:2024-hobart-mayoral-election") in found
    assert not any(s == "location:hobart-city" and p == "PARTICIPATES_IN" for s, p, _o in found)  # who elects
    found = _relations(
        extractor,
        "The Pacific Islands Forum Summit opened in Suva on Monday. Ana Rokotuiwai, who was elected to parliament in "
        "2018, spoke about floods.",
    )
    assert not any(p == "PARTICIPATES_IN" and s.startswith("person:") for s, p, _o in found)  # no election reported


def test_our_deals_a_provision_put_in_a_law_and_a_makers_product(extractor) -> None:
    found = _relations(
        extractor,
        'Chile will expand copper exports this year. "Our agreements with Japan and Korea are paying off," said '
        "President Rosa Vidal, adding that Chile would seek new buyers.",
    )
    assert ("location:chile", "AGREEMENT_WITH", "location:japan") in found
    found = _relations(extractor, "Our deals with Albania are yielding benefits, a leaflet claimed. Chile did well.")
    assert not any(p == "AGREEMENT_WITH" for _s, p, _o in found)  # no quotation, no speaker: nobody's deals
    found = _relations(
        extractor,
        "The Interior Ministry wants wider powers. In 2022 it sought to introduce them in a proposed new border law.",
    )
    assert ("organization:interior-ministry", "PROPOSES", "law:border-law") in found
    found = _relations(extractor, "Vexor's software is used by the Latvian State Police, the agency said.")
    assert ("organization:latvian-state-police", "USES", "organization:vexor") in found
    found = _relations(extractor, "Rawiri Paki and Lena Moss signed books at the Wellington Comic Expo.")
    assert not any(p == "AGREEMENT_WITH" for _s, p, _o in found)  # signing books is no agreement between signers


def test_odd_texts_around_the_new_forms_never_raise(extractor) -> None:
    texts = [
        'said: "our our our with with"',
        "among among the the in in",
        "The medal went to. The the country. Our deals with.",
        ": " * 1000,
        "Recipients of donated from from from " * 100,
        "was elected lost seat took the seat " * 200,
    ]
    for text in texts:
        [extraction] = list(extractor.extract([article(text)]))  # noqa: F405
        assert extraction.error is None


def test_who_speaks_during_or_at_an_event_takes_part_in_it(extractor) -> None:
    found = _relations(
        extractor,
        "During the Andean Water Summit on Monday, President Rosa Vidal defended her dam plan. "
        "During the Quito City Marathon, Tomas Arce slept at home.",
    )
    assert ("person:rosa-vidal", "PARTICIPATES_IN", "event:andean-water-summit") in found
    assert not any(s == "person:tomas-arce" for s, p, _o in found if p == "PARTICIPATES_IN")  # sleeping is no part


def test_teams_playing_each_other_take_part_in_the_tournament_the_article_reports(extractor) -> None:
    text = "The 2025 Asian Netball Cup continued in Manila on Sunday. Singapore beat Malaysia 58-51 in the first game."
    found = _relations(extractor, text)
    assert ("location:singapore", "PARTICIPATES_IN", "event:asian-netball-cup") in found
    assert ("location:malaysia", "PARTICIPATES_IN", "event:asian-netball-cup") in found
    found = _relations(
        extractor, "The East African Trade Summit opened in Arusha. Kenya beat Uganda to the largest tea contracts."
    )
    assert not any(p == "PARTICIPATES_IN" for _s, p, _o in found)  # a summit is no tournament
