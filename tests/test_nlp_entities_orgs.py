"""Organisations, events and laws found well enough to carry relations: each test pins one class of names the
entity stage used to miss, split or mistype (RELATIONS.md, "Arguments")."""

from __future__ import annotations

from typing import Any

from nlp.runtime.extract import Extractor
from tests.nlp_fixtures import *  # noqa: F403


def _entities(extractor: Extractor, text: str) -> dict[str, Any]:
    [extraction] = list(extractor.extract([article(text)]))  # noqa: F405
    assert extraction.error is None
    return {e.id: e for e in extraction.entities}


def _typed(extractor: Extractor, text: str) -> dict[str, str]:
    return {e.name: e.type for e in _entities(extractor, text).values()}


# ---------------------------------------------------------------- a dateline is no part of a name


def test_an_organisation_after_a_dateline_keeps_its_name(extractor) -> None:
    """The model runs "BRUSSELS - The European Commission" into one ORG; the dateline's city took the whole span."""
    typed = _typed(extractor, "BRUSSELS - The European Commission fined Brightline Search 1.2 billion euros on Monday.")
    assert typed.get("European Commission") == "Organization"
    assert typed.get("Brussels") == "Location"
    typed = _typed(extractor, "NAIROBI - Rift Valley Power signed a supply agreement with Lokori Wind Holdings.")
    assert typed.get("Rift Valley Power") == "Organization"


def test_a_country_after_a_dateline_keeps_its_name(extractor) -> None:
    """The model's ORG over "SANTIAGO - Chile" says nothing of Chile's type: a country acting may be either."""
    typed = _typed(extractor, "SANTIAGO - Chile, Argentina and Bolivia will cooperate on lithium research.")
    assert typed.get("Chile") in {"Location", "Organization"} and typed.get("Santiago") == "Location"


# ---------------------------------------------------------------- one ministry, however it is written


def test_a_ministry_with_its_state_and_a_synonymous_portfolio_is_one_entity(rferl_extraction) -> None:
    """The sample report writes the ministry four ways; "Internal Affairs" is the "Interior" portfolio, "Serbian"
    says whose ministry it is, "MUP" is its initials in Serbian."""
    ministries = [e for e in rferl_extraction.entities if "ministry" in e.name.lower() and "Procurement" not in e.name]
    assert [e.name for e in ministries] == ["Ministry of the Interior"]
    aliases = set(ministries[0].aliases)
    assert {"Interior Ministry", "Serbian Ministry of Internal Affairs", "MUP"} <= aliases
    assert not any(e.name == "MUP" for e in rferl_extraction.entities)


def test_ministries_of_two_states_stay_two(extractor) -> None:
    text = (
        "The Russian Foreign Ministry summoned the ambassador after the Ukrainian Foreign Ministry published the "
        "letter. The Ukrainian Foreign Ministry said it would not retract it."
    )
    names = {e.name for e in _entities(extractor, text).values() if e.type == "Organization"}
    assert {"Russian Foreign Ministry", "Ukrainian Foreign Ministry"} <= names


def test_a_bracketed_acronym_that_is_no_initials_is_the_ministry(extractor) -> None:
    text = (
        "The Ministry of Internal Affairs (MUP) bought the cameras in 2019. Critics say the MUP never published the "
        "contract."
    )
    organisations = [e for e in _entities(extractor, text).values() if e.type == "Organization"]
    assert [e.name for e in organisations] == ["Ministry of Internal Affairs"]
    assert "MUP" in organisations[0].aliases


def test_an_agency_and_its_initials_later_are_one(extractor) -> None:
    text = "The Ontario Provincial Police charged two men on Friday. The OPP said the investigation continues."
    organisations = [e for e in _entities(extractor, text).values() if e.type == "Organization"]
    assert [e.name for e in organisations] == ["Ontario Provincial Police"]


# ---------------------------------------------------------------- names an article or a description marks


def test_a_name_after_the_is_no_person(extractor) -> None:
    """English names a person without an article: "the Regina Pilots", "the Evening Courier" are institutions."""
    typed = _typed(
        extractor, "The Halifax Mariners acquired forward Jonas Lindqvist from the Regina Pilots on Tuesday."
    )
    assert typed.get("Regina Pilots") == "Organization"
    assert typed.get("Jonas Lindqvist") == "Person"
    typed = _typed(extractor, "One of the works shown was the Annie Oakley screen print from 1987.")
    assert typed.get("Annie Oakley") == "Person"  # the name modifies the print: no institution


def test_a_name_after_an_organisation_noun_is_an_organisation(extractor) -> None:
    typed = _typed(
        extractor, "Brasilmar's takeover of the port operator Terminal Sul was approved by the regulator on Tuesday."
    )
    assert typed.get("Terminal Sul") == "Organization"
    typed = _typed(extractor, "Officials want to buy facial recognition software from the Swedish company Griffeye.")
    assert typed.get("Griffeye") == "Organization"
    typed = _typed(extractor, "It shows publishers Jann Wenner of Rolling Stone Magazine and others.")
    assert typed.get("Jann Wenner") == "Person"  # a job without an article before a name


# ---------------------------------------------------------------- events and laws named by a description


def test_an_election_named_by_its_date_is_an_event(extractor) -> None:
    typed = _typed(extractor, "Maria Santos ran in the October municipal election and lost to Jose Reyes.")
    assert typed.get("October municipal election") == "Event"


def test_a_case_or_scandal_named_by_a_place_or_name_is_an_event(extractor) -> None:
    typed = _typed(extractor, "Rajesh Pillai is the main suspect in the Kochi gold smuggling case, police said.")
    assert typed.get("Kochi gold smuggling case") == "Event"
    typed = _typed(extractor, "Two ministers resigned over the SNC-Lavalin affair in 2019.")
    assert typed.get("SNC-Lavalin affair") == "Event"


def test_a_bare_description_is_no_event(extractor) -> None:
    typed = _typed(extractor, "The case was heard on Monday. The election will be held in May, Maria Santos said.")
    assert not any(t == "Event" for t in typed.values())


def test_capitalised_treaties_and_rules_are_laws(extractor) -> None:
    typed = _typed(extractor, "Denmark and Norway voted against the Nordic Defence Treaty on Thursday.")
    assert typed.get("Nordic Defence Treaty") == "Law"
    typed = _typed(extractor, "The central bank implements the Digital Lending Rules from April.")
    assert typed.get("Digital Lending Rules") == "Law"


def test_a_bill_with_its_year_is_a_law(extractor) -> None:
    typed = _typed(extractor, "Labour MPs voted for the Finance Bill 2025 on Tuesday.")
    assert typed.get("Finance Bill 2025") == "Law"
