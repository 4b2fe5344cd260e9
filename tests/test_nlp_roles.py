"""Officials' roles from titles before a name and appositions after it, with time qualifiers kept."""

from __future__ import annotations

import pytest

from tests.nlp_fixtures import *  # noqa: F403

Role = tuple[str, str, str | None, str | None]  # person id, title, organisation id, qualifier


def _roles(extractor, text: str) -> set[Role]:
    [extraction] = list(extractor.extract([article(text)]))  # noqa: F405
    assert extraction.error is None
    return {(r.person_id, r.title, r.org_id, r.qualifier) for r in extraction.roles}


# Each text yields at least these roles.
ROLES_FOUND = [
    pytest.param(
        "Jane Doe, a senior researcher at the University of Toronto, said the data was clear. Microsoft's "
        "chief executive Satya Nadella did not comment.",
        {
            ("person:jane-doe", "senior researcher", "organization:university-of-toronto", None),
            ("person:satya-nadella", "chief executive", "organization:microsoft", None),
        },
        id="apposition_with_organisation_and_possessive",
    ),
    pytest.param(
        "On Friday, Gov. Gavin Newsom signed the budget while Sen. Alex Padilla watched.",
        {
            ("person:gavin-newsom", "Gov.", None, None),
            ("person:alex-padilla", "Sen.", None, None),
        },
        id="abbreviated_titles",
    ),
    pytest.param(
        "Maria Lopez, chief financial officer and treasurer at the Acme Foundation, said costs rose.",
        {
            ("person:maria-lopez", "chief financial officer", "organization:acme-foundation", None),
            ("person:maria-lopez", "treasurer", "organization:acme-foundation", None),
        },
        id="titles_joined_by_and_share_the_organisation",
    ),
    pytest.param(
        'Jeff Rowe, the State Department spokesperson, said, "We are watching closely."',
        {
            ("person:jeff-rowe", "spokesperson", "organization:state-department", None),
        },
        id="organisation_before_the_title_in_an_apposition",
    ),
    pytest.param(
        "Later, CEO of the Refugee Council Enver Solomon told reporters the plan was unfair.",
        {
            ("person:enver-solomon", "CEO", "organization:refugee-council", None),
        },
        id="title_of_an_organisation_before_the_name",
    ),
    pytest.param(
        "The ruling pleased club owner Steve Rubell of the Toronto Athletic Club, who spoke briefly.",
        {
            ("person:steve-rubell", "club owner", "organization:toronto-athletic-club", None),
        },
        id="organisation_right_after_a_titled_name",
    ),
    pytest.param(
        "Olivia Chow, the city's mayor, disagreed. Kieran Moore, Ontario's chief medical officer, agreed.",
        {
            ("person:olivia-chow", "mayor", None, None),
            ("person:kieran-moore", "chief medical officer", None, None),
        },
        id="a_possessor_is_not_part_of_the_title",
    ),
    pytest.param(
        "Sgt. Ann Lee of the Ottawa Police Service said two people were arrested. RCMP Cpl. John Smith said "
        "the investigation continues. Det. Sgt. Mary Brown said the suspect fled.",
        {
            ("person:ann-lee", "Sgt.", "organization:ottawa-police-service", None),
            ("person:john-smith", "Cpl.", "organization:royal-canadian-mounted-police", None),
            ("person:mary-brown", "Det. Sgt.", None, None),
        },
        id="abbreviated_police_ranks_before_the_name",
    ),
    pytest.param(
        "Mary Jones, who is the chief executive of Acme Widgets Inc., declined to comment. Northwind Holdings "
        "Ltd.'s chief financial officer, Tom Reed, resigned.",
        {
            ("person:mary-jones", "chief executive", "organization:acme-widgets-inc", None),
            ("person:tom-reed", "chief financial officer", "organization:northwind-holdings-ltd", None),
        },
        id="a_title_in_a_relative_clause_or_before_a_comma",
    ),
    pytest.param(
        "Ontario Premier Doug Ford met Vancouver Mayor Ken Sim. Then-Health Minister Patty Hajdu defended it. "
        'Tom Reed, the interim president of the University of Ottawa, announced the cuts. "We are reviewing '
        'it," said Jane Smith, a spokesperson for the Toronto Police Service.',
        {
            ("person:doug-ford", "Premier", None, None),  # the province is a place, not in the title
            ("person:ken-sim", "Mayor", None, None),
            ("person:patty-hajdu", "Health Minister", None, "then"),
            ("person:tom-reed", "president", "organization:university-of-ottawa", "interim"),
            ("person:jane-smith", "spokesperson", "organization:toronto-police-service", None),
        },
        id="north_american_titles_with_place_and_qualifier",
    ),
    pytest.param(
        "Co-founder of Northwind Holdings Ltd., Sergei Petrov, met the students. In a statement, Governor of "
        "Washington Chris Gregoire said the museum had earned it.",
        {
            ("person:sergei-petrov", "Co-founder", "organization:northwind-holdings-ltd", None),
            ("person:chris-gregoire", "Governor", None, None),
        },
        id="title_of_an_organisation_or_place_before_the_name",
    ),
    pytest.param(
        "The State Department said John Kerry, the Secretary of State, called the foreign minister.",
        {
            ("person:john-kerry", "Secretary of State", "organization:state-department", None),
        },
        id="a_secretary_of_state_belongs_to_the_state_department",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROLES_FOUND)
def test_roles_found(extractor, text: str, expected: set[Role]) -> None:
    roles = _roles(extractor, text)
    assert expected - roles == set(), roles


def test_report_roles(rferl_extraction) -> None:
    roles = {(r.person_id, r.title, r.org_id, r.qualifier) for r in rferl_extraction.roles}
    assert ("person:nebojsa-stefanovic", "Interior Minister", "organization:ministry-of-the-interior", "then") in roles
    assert ("person:andrej-petrovski", "technical director", "organization:share-foundation", None) in roles
    assert ("person:aleksandar-vucic", "President", None, None) in roles  # "Serbian" is a place, not the title
    assert ("person:stefan-vladisavljev", "program director", "organization:bfpe-foundation", None) in roles
    assert (
        "person:milan-marinovic",
        "Commissioner for Information of Public Importance and Protection of Personal Data",
        None,
        None,
    ) in roles


def test_role_offsets_cover_name_and_title(rferl_extraction, rferl_article) -> None:
    role = next(r for r in rferl_extraction.roles if r.person_id == "person:andrej-petrovski")
    assert (
        rferl_article.text[role.start : role.end] == "Andrej Petrovski,\xa0technical director of the SHARE Foundation"
    )
    assert "told\xa0RFE/RL" in role.sentence


def test_former_and_acting_titles_keep_their_qualifier(extractor) -> None:
    roles = _roles(
        extractor,
        "Former Ontario Premier Kathleen Wynne criticized the plan. "
        "Acting Police Chief Peter Sloly said officers were ready.",
    )
    wynne = {(title, qualifier) for person, title, _org, qualifier in roles if person == "person:kathleen-wynne"}
    assert len(wynne) == 1 and wynne.pop()[1] == "former"
    assert ("person:peter-sloly", "Police Chief", None, "acting") in roles


def test_a_description_after_the_title_is_cut(extractor) -> None:
    roles = _roles(extractor, "Mark Smith, director of the new gallery, said attendance doubled.")
    assert roles == {("person:mark-smith", "director", None, None)}


def test_a_list_of_people_is_not_a_title(extractor) -> None:
    roles = _roles(extractor, "Among the guests were Anna Berg, Tom Hill and Sara Lind, who arrived late.")
    assert roles == set()


def test_speaker_role_is_the_role_held_when_speaking(rferl_extraction) -> None:
    said = [s for s in rferl_extraction.statements if s.speaker_id == "person:nebojsa-stefanovic"]
    assert said, "the report quotes Stefanović"
    # the very role the article gives him, organisation and all, not a title written out again
    minister = next(r for r in rferl_extraction.roles if r.person_id == "person:nebojsa-stefanovic")
    assert all(s.speaker_role == minister for s in said)
    assert (minister.title, minister.org_id, minister.qualifier) == (
        "Interior Minister",
        "organization:ministry-of-the-interior",
        "then",
    )
    assert minister.display("Ministry of the Interior") == "then-Interior Minister, Ministry of the Interior"


def test_honorifics_memberships_and_bare_occupations_are_no_roles(extractor) -> None:
    roles = _roles(
        extractor,
        "Dr. Kieran Moore opened the clinic. Professor Anna Berg, a team member, spoke. "
        "Truman Capote, the author, was absent, unlike Jane Roe, an author at Penguin Random House.",
    )
    people = {person for person, _title, _org, _qualifier in roles}
    assert "person:kieran-moore" not in people
    assert "person:anna-berg" not in people
    assert "person:truman-capote" not in people
    assert any(person == "person:jane-roe" and title == "author" for person, title, _org, _q in roles)


def test_an_abbreviated_rank_is_no_person(extractor) -> None:
    [extraction] = list(extractor.extract([article("Det. Sgt. Mary Brown said the suspect was known to police.")]))  # noqa: F405
    assert {e.id for e in extraction.entities if e.type == "Person"} == {"person:mary-brown"}


def test_an_age_before_the_title_and_a_membership(extractor) -> None:
    roles = _roles(
        extractor,
        "Jane Doe, 45, a nurse at Toronto General Hospital, said shifts were long. "
        "Daniel Roe, 24, a member of the Rotary Club all his life, disagreed.",
    )
    assert ("person:jane-doe", "nurse", "organization:toronto-general-hospital", None) in roles
    assert not any(person == "person:daniel-roe" for person, *_rest in roles)
