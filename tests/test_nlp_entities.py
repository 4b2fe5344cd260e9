"""Entities and their resolution: the model's typical mistakes corrected, names resolved to canonical ids.

A case that is one text and the entities found in it, by id, type or name, is data in
tests/data/nlp/entity_cases.toml (test_entity_case); a case that looks at mentions, offsets, aliases or the
functions inside the pipeline is code here.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from core.errors import ConfigError
from nlp.entities.finders import pronoun_people
from nlp.entities.mentions import Mention
from nlp.entities.ner import _untagged_full_names
from nlp.entities.organizations import preposition_names
from nlp.entities.resolution import entity_at, resolve_entities
from nlp.keys import entity_id, fold, slugify
from nlp.lexicon.gazetteer import load_gazetteer
from nlp.naming import first_surname_bearers
from nlp.runtime.extract import Extractor
from tests.nlp_fixtures import *  # noqa: F403


def _entities(extractor, text: str) -> dict[str, object]:
    [extraction] = list(extractor.extract([article(text)]))  # noqa: F405
    assert extraction.error is None
    return {e.id: e for e in extraction.entities}


ENTITY_CASES = Path(__file__).resolve().parent / "data" / "nlp" / "entity_cases.toml"
EXPECTATIONS = {
    "found_as",
    "found",
    "exact_names",
    "absent",
    "absent_names",
    "absent_types",
    "absent_name_patterns",
    "absent_id_patterns",
}


def _entity_cases() -> list[Any]:
    cases = tomllib.loads(ENTITY_CASES.read_text(encoding="utf-8"))["case"]
    ids = [case["id"] for case in cases]
    assert len(set(ids)) == len(ids), f"{ENTITY_CASES.name}: an id stands twice"
    return [pytest.param(case, id=case["id"]) for case in cases]


def _matching(patterns: list[str], strings: set[str]) -> list[str]:
    return sorted(s for s in strings if any(re.fullmatch(p, s, re.DOTALL) for p in patterns))


@pytest.mark.parametrize("case", _entity_cases())
def test_entity_case(extractor, case: dict[str, Any]) -> None:
    """One case of tests/data/nlp/entity_cases.toml; its header says what each expectation means."""
    expected = set(case) - {"id", "why", "text"}
    assert expected and expected <= EXPECTATIONS, f"no expectation, or an unknown one: {sorted(expected)}"
    entities = _entities(extractor, case["text"])
    found = {e.id: e.type for e in entities.values()}
    names = {e.name for e in entities.values()}
    context = f"{case['why']}; found {found}"
    typed = {i: entity_type for entity_type, ids in case.get("found_as", {}).items() for i in ids}
    assert {i: found.get(i) for i in typed} == typed, context
    assert [i for i in case.get("found", []) if i not in found] == [], context
    for entity_type, expected_names in case.get("exact_names", {}).items():
        assert {e.name for e in entities.values() if e.type == entity_type} == set(expected_names), context
    assert set(case.get("absent", [])) & set(found) == set(), context
    assert set(case.get("absent_names", [])) & names == set(), context
    assert set(case.get("absent_types", [])) & set(found.values()) == set(), context
    assert _matching(case.get("absent_name_patterns", []), names) == [], context
    assert _matching(case.get("absent_id_patterns", []), set(found)) == [], context


def test_ids_follow_the_statement_spec() -> None:
    assert entity_id("Person", "Nebojša Stefanović") == "person:nebojsa-stefanovic"
    assert entity_id("Organization", "SHARE Foundation") == "organization:share-foundation"
    assert slugify("Radio Free Europe/Radio Liberty") == "radio-free-europe-radio-liberty"
    assert fold("Marinović") == fold("MARINOVIC") == "marinovic"
    assert slugify("Đorđe Vučić") == "dorde-vucic"


def test_report_entities_have_the_right_types(rferl_extraction) -> None:
    types = {e.id: e.type for e in rferl_extraction.entities}
    assert types["person:nebojsa-stefanovic"] == "Person"
    assert types["person:milan-marinovic"] == "Person"  # the model tags him ORG and WORK_OF_ART
    assert types["person:aleksandar-vucic"] == "Person"
    assert types["location:trg-republike"] == "Location"  # the model tags the square PERSON
    assert types["event:safe-city"] == "Event"  # the model tags the project GPE
    assert types["event:kantrimen-case"] == "Event"  # a scare-quoted name the model cuts in half
    assert types["law:data-protection-law"] == "Law"
    assert types["organization:share-foundation"] == "Organization"
    assert "location:ai" not in types and "person:kantrimen" not in types


def test_surnames_and_diacritics_resolve_to_the_full_name(rferl_extraction, rferl_article) -> None:
    by_id = {e.id: e for e in rferl_extraction.entities}
    marinovic = by_id["person:milan-marinovic"]
    written = {rferl_article.text[s:e] for s, e in marinovic.mentions}
    assert written == {"Milan Marinović", "Marinović"}
    assert len(marinovic.mentions) >= 6
    jovanovic = by_id["person:luka-jovanovic"]
    assert {rferl_article.text[s:e] for s, e in jovanovic.mentions} == {"Luka Jovanović", "Jovanovic"}
    assert "Vučić" in by_id["person:aleksandar-vucic"].aliases


def test_the_ministry_and_variants_join_the_ministry(rferl_extraction, rferl_article) -> None:
    ministry = {e.id: e for e in rferl_extraction.entities}["organization:ministry-of-the-interior"]
    written = {rferl_article.text[s:e] for s, e in ministry.mentions}
    assert {"Interior Ministry", "Ministry of the Interior", "Ministry"} <= written
    assert "Interior Ministry" in ministry.aliases
    assert any(w.lower() == "ministry" for w in written if w.islower())  # "the ministry previously announced"


def test_state_department_and_department_of_state_are_one(extractor) -> None:
    text = "The State Department said on Monday that the Department of State had not been told."
    entities = _entities(extractor, text)
    assert {rid for rid in entities if rid.startswith("organization:")} == {"organization:department-of-state"}
    assert len(entities["organization:department-of-state"].mentions) == 2


def test_bracketed_acronym_becomes_an_alias(rferl_extraction, rferl_article) -> None:
    network = {e.id: e for e in rferl_extraction.entities}["organization:balkan-research-network"]
    assert "BIRN" in network.aliases
    assert "BIRN" in {rferl_article.text[s:e] for s, e in network.mentions}


def test_every_mention_offset_points_at_its_words(rferl_extraction, rferl_article) -> None:
    for entity in rferl_extraction.entities:
        for start, end in entity.mentions:
            written = rferl_article.text[start:end]
            assert written.strip() == written and written, (entity.id, start, end)


def test_surname_tagged_org_joins_the_person(extractor) -> None:
    text = (
        "Maria Kowalczyk, a spokeswoman for the city, defended the budget on Monday. "
        "Kowalczyk said the cuts were necessary. Critics told Kowalczyk otherwise."
    )
    entities = _entities(extractor, text)
    person = entities["person:maria-kowalczyk"]
    assert len(person.mentions) == 3
    assert not any(i.endswith(":kowalczyk") for i in entities)


def test_laws_and_bills_by_subject_or_year(extractor) -> None:
    text = (
        "The Senate passed the 2023 online safety bill on Tuesday. Opponents said the bill goes too far, "
        "and the Online News Act remains in force. Under Canadian law nothing changes."
    )
    entities = _entities(extractor, text)
    laws = {e.name for e in entities.values() if e.type == "Law"}
    assert "2023 online safety bill" in laws
    assert "Online News Act" in laws
    assert not any("canadian" in name.lower() for name in laws)
    bill = next(e for e in entities.values() if e.name == "2023 online safety bill")
    assert len(bill.mentions) == 2  # "the bill" is the bill last named


def test_entity_at_finds_the_mention_over_a_span(rferl_extraction, rferl_article) -> None:
    start = rferl_article.text.index("Petrovski said")
    found = entity_at(rferl_extraction.entities, start, start + len("Petrovski"))
    assert found is not None and found.id == "person:andrej-petrovski"
    assert entity_at(rferl_extraction.entities, 0, 3) is None


def test_users_aliases_file_merges_and_splits(tmp_path: Path, nlp_settings, nlp_pipeline) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text(
        'ignore = ["Griffeye"]\n\n'
        '[[entity]]\nname = "Ministry of the Interior"\ntype = "Organization"\naliases = ["Home Office"]\n\n'
        '[[split]]\nnames = ["Luka Jovanović", "Jovanovic"]\n',
        encoding="utf-8",
    )
    settings = nlp_settings.replace(aliases_file=str(aliases))
    own = Extractor(settings, language=nlp_pipeline, embed=False, statements=False)
    text = (
        "Luka Jovanović was hit on the bridge. The Home Office drafted a law. "
        "Jovanovic is a common name. Griffeye sold software."
    )
    [extraction] = list(own.extract([article(text)]))  # noqa: F405
    by_id = {e.id: e for e in extraction.entities}
    assert "Home Office" in by_id["organization:ministry-of-the-interior"].aliases
    assert by_id["person:luka-jovanovic"].mentions == ((0, 14),)
    assert "organization:griffeye" not in by_id


def test_a_broken_aliases_file_is_one_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "aliases.toml"
    broken.write_text("[[entity]]\nname = 'X'\ntype = 'Planet'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="type among"):
        load_gazetteer(broken)


def test_acronym_joins_the_organisation_with_those_initials(extractor) -> None:
    text = (
        "The Council on American-Islamic Relations condemned the arrest on Tuesday. "
        "CAIR called for an apology. The RCMP and the Royal Canadian Mounted Police are one force."
    )
    entities = _entities(extractor, text)
    council = entities["organization:council-on-american-islamic-relations"]
    assert "CAIR" in council.aliases and len(council.mentions) == 2
    assert "organization:cair" not in entities
    assert len(entities["organization:royal-canadian-mounted-police"].mentions) == 2


def test_a_nationality_tagged_apart_stays_in_the_organisation_name(extractor) -> None:
    text = "More than 300 pilgrims were hurt in a crush near Mecca, the Saudi Interior Ministry reported on Thursday."
    entities = _entities(extractor, text)
    assert "organization:saudi-interior-ministry" in entities
    assert "organization:interior-ministry" not in entities
    [extraction] = list(extractor.extract([article(text)]))  # noqa: F405
    [statement] = extraction.statements
    assert statement.speaker == "Saudi Interior Ministry"


def test_a_given_name_left_outside_the_person_is_taken_in(extractor) -> None:
    text = "CEO of the Refugee Council Enver Solomon told Sky News the plan was flawed. Solomon left early."
    entities = _entities(extractor, text)
    assert len(entities["person:enver-solomon"].mentions) == 2
    assert "person:solomon" not in entities


def _laws(entities: dict[str, object]) -> dict[str, object]:
    return {e.name: e for e in entities.values() if e.type == "Law"}


def test_the_act_and_the_court_mean_the_ones_last_named(extractor) -> None:
    text = (
        "The Affordable Care Act survived another challenge at the Supreme Court of the United States. "
        "The court said the act was lawful; the act of voting was not at issue."
    )
    entities = _entities(extractor, text)
    act = entities["law:affordable-care-act"]
    assert [text[s:e] for s, e in act.mentions] == ["Affordable Care Act", "act"]
    court = entities["organization:supreme-court-of-the-united-states"]
    assert [text[s:e] for s, e in court.mentions] == ["Supreme Court of the United States", "court"]


def test_the_company_means_the_company_last_named(extractor) -> None:
    text = "Acme Widgets Inc. cut 200 jobs, and the Toronto Board of Trade objected. The company said sales fell."
    entities = _entities(extractor, text)
    acme = entities["organization:acme-widgets-inc"]
    assert [text[s:e] for s, e in acme.mentions] == ["Acme Widgets Inc.", "company"]


def test_a_law_described_by_its_year_is_the_law_named_by_its_subject(extractor) -> None:
    text = (
        "The ministry proposed a new police law in 2021. Critics said the 2021 draft law allowed mass surveillance. "
        "The law on the method of collecting data is separate."
    )
    laws = _laws(_entities(extractor, text))
    assert list(laws) == ["police law"]
    assert "2021 draft law" in laws["police law"].aliases


def test_a_name_with_and_without_the_is_one_organisation(extractor) -> None:
    text = "The Museum of Flight will get a trainer. Visitors to the Museum of Flight can see it."
    entities = _entities(extractor, text)
    museums = [e for e in entities.values() if "museum" in e.id]
    assert [m.id for m in museums] == ["organization:museum-of-flight"]
    assert len(museums[0].mentions) == 2


def test_also_known_as_makes_one_law(extractor) -> None:
    text = (
        "The Online Streaming Act, also known as Bill C-11, received royal assent. Critics said Bill C-11 went too far."
    )
    laws = _laws(_entities(extractor, text))
    assert list(laws) == ["Online Streaming Act"]
    assert laws["Online Streaming Act"].aliases == ("Bill C-11",)
    assert len(laws["Online Streaming Act"].mentions) == 3


def test_a_dateline_and_its_news_agency(extractor) -> None:
    text = (
        "WASHINGTON (AP) — The Senate voted 52-48 on Thursday. Senate Minority Leader Mitch McConnell, R-Ky., "
        "opposed it.\nMONTREAL — The Quebec government tabled Bill 96, The Canadian Press reported."
    )
    entities = _entities(extractor, text)
    assert entities["location:washington"].name == "Washington"
    assert "AP" not in entities["location:washington"].aliases
    assert entities["organization:associated-press"].aliases == ("AP",)
    assert entities["location:montreal"].type == "Location"
    assert entities["organization:canadian-press"].type == "Organization"
    assert not any(e.name in {"Ky.", "R-Ky."} for e in entities.values())


def test_court_cases_sections_and_titles(extractor) -> None:
    text = (
        "The Supreme Court struck down the provision in Shelby County v. Holder. Under Section 702 of the Foreign "
        "Intelligence Surveillance Act, agencies collect data. The department will enforce Title IX. "
        "The Ontario government's Bill 23, the More Homes Built Faster Act, overrides zoning. "
        "The Canada Health Act, the Emergencies Act and the Online News Act were debated."
    )
    entities = _entities(extractor, text)
    assert entities["event:shelby-county-v-holder"].type == "Event"
    laws = _laws(entities)
    assert {"Section 702", "Foreign Intelligence Surveillance Act", "Title IX"} <= set(laws)
    assert laws["More Homes Built Faster Act"].aliases == ("Bill 23",)
    assert {"Canada Health Act", "Emergencies Act", "Online News Act"} <= set(laws)  # a list: three laws
    assert not any("government" in name for name in laws)
    assert "organization:holder" not in entities


def test_a_chamber_is_not_the_committee_named_after_it(extractor) -> None:
    text = (
        "House Republicans unveiled a bill. Rep. Jason Smith, chairman of the House Ways and Means Committee, "
        "introduced it. The World Health Organisation said nothing."
    )
    entities = _entities(extractor, text)
    committee = entities["organization:house-ways-and-means-committee"]
    assert "House" not in committee.aliases
    assert entities["organization:world-health-organisation"].type == "Organization"
    assert not any(e.name == "Health Organisation" for e in entities.values())


def test_a_given_name_misspelt_by_one_letter_is_the_same_person(extractor) -> None:
    text = (
        "Photo: Kristin Wilkins at the opening.\nKristen Wilkins, the curator, said the show was popular. "
        "Jane Smith and John Smith, her brother, attended."
    )
    entities = _entities(extractor, text)
    people = {e.id: e for e in entities.values() if e.type == "Person"}
    wilkins = [e for e in people.values() if e.name.endswith("Wilkins")]
    assert len(wilkins) == 1 and len(wilkins[0].mentions) == 2
    assert {"person:jane-smith", "person:john-smith"} <= set(people)  # two letters apart: two people


def test_an_acronym_may_leave_out_the_last_word(extractor) -> None:
    text = "The Centers for Disease Control and Prevention updated its guidance. The CDC said masks were optional."
    entities = _entities(extractor, text)
    cdc = entities["organization:centers-for-disease-control-and-prevention"]
    assert cdc.aliases == ("CDC",) and len(cdc.mentions) == 2
    assert "organization:cdc" not in entities


def test_an_acronym_prefers_the_initials_to_a_first_word(extractor) -> None:
    text = (
        "The University of Southern Indiana opened the show, drawn from the USI Art Collections. "
        "USI said attendance doubled."
    )
    entities = _entities(extractor, text)
    assert "USI" in entities["organization:university-of-southern-indiana"].aliases
    assert "USI" not in entities["organization:usi-art-collections"].aliases


def test_a_clipped_name_joins_the_organisation_it_clips(extractor) -> None:
    text = (
        "The Federal Reserve raised interest rates on Wednesday. "
        "The Fed said inflation remained high, and Fed chair Jerome Powell spoke later."
    )
    entities = _entities(extractor, text)
    fed = entities["organization:federal-reserve"]
    assert fed.aliases == ("Fed",) and len(fed.mentions) == 3
    assert "organization:fed" not in entities


def test_a_clip_of_two_organisations_or_of_a_surname_joins_neither(gazetteer) -> None:
    text = "The Metropolitan Police and the Metropolitan Opera met. The Met said no. Ford and Fordham University met."
    mentions = [
        Mention(4, 23, "Organization", "Metropolitan Police", "ner"),
        Mention(32, 50, "Organization", "Metropolitan Opera", "ner"),
        Mention(60, 63, "Organization", "Met", "ner"),
        Mention(73, 77, "Organization", "Ford", "ner"),
        Mention(82, 100, "Organization", "Fordham University", "ner"),
    ]
    assert [text[m.start : m.end] for m in mentions] == [m.text for m in mentions]
    ids = {e.id for e in resolve_entities(text, mentions, gazetteer)}
    assert {"organization:met", "organization:ford", "organization:fordham-university"} <= ids


def test_a_company_taken_up_by_it_stays_an_organisation_and_a_surname_its_person(extractor) -> None:
    entities = _entities(
        extractor,
        "Microsoft said it would hire more engineers. Prime Minister Justin Trudeau visited Ottawa. "
        "Trudeau said he was pleased.",
    )
    assert entities["organization:microsoft"].type == "Organization"
    trudeau = entities["person:justin-trudeau"]
    assert len(trudeau.mentions) == 2 and "person:trudeau" not in entities  # the surname joins the full name


def test_a_title_cased_headline_makes_no_name(nlp_pipeline, gazetteer) -> None:
    assert preposition_names(nlp_pipeline("Police Search For Missing Girl"), gazetteer) == []
    named = preposition_names(nlp_pipeline("Reporters Without Borders ranked Canada 15th."), gazetteer)
    assert [s.text for s in named] == ["Reporters Without Borders"]


def test_a_city_and_a_plural_nickname_are_a_team_also_named_by_its_nickname(extractor) -> None:
    text = (
        "The Raptors lost to the Milwaukee Bucks. Toronto Raptors president Masai Ujiri said the Raptors would "
        "rebuild. Tourists visited the Toronto Islands on Monday."
    )
    entities = _entities(extractor, text)
    raptors = entities["organization:toronto-raptors"]  # the model tags only "Toronto", as a place
    assert raptors.aliases == ("Raptors",) and len(raptors.mentions) == 3
    assert entities["location:toronto-islands"].type == "Location"  # a plural place word makes no team
    assert "product:raptors" not in entities and "organization:raptors" not in entities


def test_a_full_name_the_model_missed_becomes_a_mention_of_its_surname(nlp_pipeline, gazetteer) -> None:
    text = (
        "TROMSO — Brody Engvik scored twice in the third period as the Arctic Owls rallied to beat the Narvik Bears "
        "4-3 on Saturday night.\nEngvik, who had gone 11 games without a goal, credited his linemates."
    )
    doc = nlp_pipeline(text)
    assert not any(e.label_ == "PERSON" for e in doc.ents)  # the model's miss this rule mends
    later = text.rindex("Engvik")
    surname = Mention(later, later + len("Engvik"), "Person", "Engvik", "ner")
    [found] = _untagged_full_names(doc, [surname], gazetteer)
    assert (found.text, found.type, text[found.start : found.end]) == ("Brody Engvik", "Person", "Brody Engvik")
    assert _untagged_full_names(doc, [], gazetteer) == []


def test_a_double_barrelled_name_tagged_apart_after_a_known_first_name_is_the_person() -> None:
    """The model tags "Carrigan-Walsh" ORG and leaves "Aoife" untagged (as it did on a Sinn Féin TD): the person."""
    import spacy
    from spacy.tokens import Doc, Span

    from nlp.entities.ner import ner_mentions

    def mentions(before: str) -> list[tuple[str, str]]:
        words = ["Labour", "TD", before, "Carrigan", "-", "Walsh", "said", "so", "."]
        spaces = [True, True, True, False, False, True, True, False, False]
        doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
        doc.ents = [Span(doc, 3, 6, label="ORG")]
        return [(m.text, m.type) for m in ner_mentions(doc, load_gazetteer())]

    assert mentions("Aoife") == [("Aoife Carrigan-Walsh", "Person")]
    assert mentions("Harbour") == [("Carrigan-Walsh", "Organization")]  # no first name before: stays apart


@pytest.mark.parametrize(
    ("names", "alone", "bearers"),
    [
        # "Cuenca" stands for Laura Cuenca Marín: the article names people by the first of two family names
        (
            ["Amparo Sanchis Ferrer", "Clara Martí Sanchis", "Laura Cuenca Marín"],
            {"Sanchis", "Cuenca"},
            {"Amparo Sanchis Ferrer"},
        ),
        # the same people written short keep the name
        (
            ["Vicente Sanchis Ferrer", "Vicente Sanchis", "Clara Martí Sanchis", "Laura Cuenca Marín"],
            {"Sanchis", "Cuenca"},
            {"Vicente Sanchis Ferrer", "Vicente Sanchis"},
        ),
        # no one else called by a middle name: nothing says the article follows the custom
        (["Amparo Sanchis Ferrer", "Clara Martí Sanchis"], {"Sanchis"}, set()),
        # the third person is also called by the last name: an English middle name, no custom
        (["Amparo Sanchis Ferrer", "Clara Martí Sanchis", "Laura Cuenca Marín"], {"Sanchis", "Cuenca", "Marín"}, set()),
        # a particle in the middle is no family name
        (["Amparo Sanchis Ferrer", "Clara Martí Sanchis", "Hans van Dijk"], {"Sanchis", "van"}, set()),
    ],
)
def test_a_bare_word_is_the_first_family_name_of_a_spanish_name(names, alone, bearers) -> None:
    found = first_surname_bearers("sanchis", names, lambda word: word in alone, {"van", "de"})
    assert found == bearers


@pytest.mark.parametrize(
    ("text", "name", "person"),
    [
        # a name of three words the model called an organisation, taken up by "his" in its sentence; a lower-case
        # word the model called a person ("bush") is no other person who could own the pronoun
        (
            "At dawn, Baljit Singh Grewal is already walking the rows of his farm, tasting every tenth bush.",
            "Baljit Singh Grewal",
            True,
        ),
        # an organisation's word in the name keeps it an organisation, whatever pronoun follows
        ("At dawn, Grewal Growers Association is already paying his pickers.", "Grewal Growers Association", False),
    ],
)
def test_a_name_taken_up_by_his_or_her_is_a_person(nlp_pipeline, gazetteer, text, name, person) -> None:
    doc = nlp_pipeline(text)
    start = text.index(name)
    candidates = [Mention(start, start + len(name), "Organization", name, "ner")]
    if "bush" in text:
        candidates.append(Mention(text.index("bush"), text.index("bush") + 4, "Person", "bush", "ner"))
    found = pronoun_people(doc, candidates, gazetteer)
    assert [(m.text, m.type) for m in found] == ([(name, "Person")] if person else [])
