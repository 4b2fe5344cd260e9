"""Relations stated by nouns, products standing for their makers, and PART_OF / PARTICIPATES_IN read off structure."""

from __future__ import annotations

import pytest

from nlp.lexicon.lexicon import load_lexicon
from nlp.relations.nominal import nominal_relations
from nlp.runtime.components import mentions_of
from tests.nlp_fixtures import *  # noqa: F403

LEXICON = load_lexicon()


def _found(nlp_pipeline, text: str) -> set[tuple[str, str, str]]:
    doc = nlp_pipeline(text)
    found = set()
    for r in nominal_relations(doc, mentions_of(doc), LEXICON):
        assert 0 < r.confidence < 1  # below a verb stating it
        assert r.sentence[0] <= r.start < r.end <= r.sentence[1]
        found.add((text[r.subject[0] : r.subject[1]], r.predicate, text[r.object[0] : r.object[1]]))
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Few details are known about Portugal's agreement with Sinovo Energia on the Sines plant.",
            ("Portugal", "AGREEMENT_WITH", "Sinovo Energia"),
        ),
        (
            "The partnership between Sakura Rail and Indian Railways has produced its first trainsets.",
            ("Sakura Rail", "PARTNERS_WITH", "Indian Railways"),
        ),
        (
            "The purchase of surveillance drones from Skyreach Aerial by the Nairobi City Council drew questions.",
            ("Skyreach Aerial", "SUPPLIES", "Nairobi City Council"),
        ),
        (
            "BIRN reported that the Serbian Ministry of Internal Affairs is trying to arrange the purchase of facial "
            "recognition software from the Swedish company Griffeye.",
            ("Griffeye", "SUPPLIES", "Serbian Ministry of Internal Affairs"),
        ),
        (
            "The Metropolitan Police uses facial recognition software made by Huawei at large events.",
            ("Metropolitan Police", "USES", "Huawei"),
        ),
        (
            "Statistics Norway, an agency of the Ministry of Finance, revised its forecast.",
            ("Statistics Norway", "PART_OF", "Ministry of Finance"),
        ),
        (
            "Grifaj's software is used by Europol, the EU's law enforcement agency.",
            ("Europol", "PART_OF", "EU"),
        ),
        (
            "Serbia has bought cameras. The Serbian Ministry of Internal Affairs confirmed it.",
            ("Serbian Ministry of Internal Affairs", "PART_OF", "Serbia"),
        ),
        (
            "The Mary & Leigh Block Museum of Art at Northwestern University has received Polaroids.",
            ("Mary & Leigh Block Museum of Art", "PART_OF", "Northwestern University"),
        ),
        (
            'The country signed a partnership agreement with Huawei in 2017 to create the "Safe City" project.',
            ("Huawei", "PARTICIPATES_IN", "Safe City"),
        ),
        (
            'The episode known as the "Kantrimen case" because of the car that hit and killed Jovanovic, set the '
            "stage for a political divide.",
            ("Jovanovic", "PARTICIPATES_IN", "Kantrimen case"),
        ),
        (
            "NASA's remarkable Space Shuttle Program ended in 2011.",
            ("NASA", "PARTICIPATES_IN", "Space Shuttle Program"),
        ),
    ],
)
def test_nominal_and_structural_forms(nlp_pipeline, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(nlp_pipeline, text)


def test_the_date_phrase_dates_the_relation(nlp_pipeline) -> None:
    text = 'The country signed a partnership agreement with Huawei in 2017 to create the "Safe City" project.'
    doc = nlp_pipeline(text)
    dated = [r for r in nominal_relations(doc, mentions_of(doc), LEXICON) if r.predicate == "PARTICIPATES_IN"]
    assert dated and dated[0].date is not None
    assert text[dated[0].date[0] : dated[0].date[1]] == "in 2017"


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Haruto Mori said no agreement with Petrobrava was signed.",
        "Will the purchase of drones from Skyreach Aerial by the Nairobi City Council go ahead?",
        "If the Nairobi City Council arranged the purchase of drones from Skyreach Aerial, it would need a vote.",
        "Barack Obama tweeted using his phone.",  # a person's possession is no product of a maker
    ],
)
def test_no_relation_that_is_not_a_fact(nlp_pipeline, text: str) -> None:
    assert not _found(nlp_pipeline, text)


def test_a_city_is_not_the_state_it_names() -> None:
    words = LEXICON.relations
    assert "state" in words.place_kind_words  # "the Lagos State Government" is no body of the city of Lagos


@pytest.mark.parametrize(
    "text",
    [
        "",
        "...!!! ,,, ???",
        "\n\n\n",
        "agreement with " * 400,
        "Huawei, Europol, the EU, Serbia, China, " * 80 + "and the Safe City project.",
        "| Name | Agency of | Member of |\n| Europol | EU | Interpol |\n| Griffeye | Sweden | - |",
    ],
)
def test_odd_texts_never_raise(nlp_pipeline, text: str) -> None:
    _found(nlp_pipeline, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Serbia has maintained close relations with Beijing since 2009, officials said.",
            ("Serbia", "PARTNERS_WITH", "Beijing"),
        ),
        (
            "The Smithsonian's National Air and Space Museum Steven F. Udvar-Hazy Center opened a new hangar.",
            ("National Air and Space Museum", "PART_OF", "Smithsonian"),
        ),
        (
            "Norway will vote on a new anthem. The current anthem of Norway is based on Denmark's. The government's "
            "Anthem Consideration Project has planned a number of conferences.",
            ("Norway", "PARTICIPATES_IN", "Anthem Consideration Project"),
        ),
    ],
)
def test_structure_of_real_news(nlp_pipeline, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(nlp_pipeline, text)
