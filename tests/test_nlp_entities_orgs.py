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
