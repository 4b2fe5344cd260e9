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
    assert ("person:aleksandar-vucic", "MET", "person:avdullah-hoti") in found
    assert ("person:aleksandar-vucic", "AGREEMENT_WITH", "person:donald-trump") in found
    met = next(r for r in rferl_extraction.relations if r.predicate == "MET")
    assert met.sentence.startswith("In September 2020, Vučić and Kosovo Prime Minister")
    assert rferl_article.text[met.start : met.end].startswith("Vučić")


def test_typed_predicates(extractor) -> None:
    found = _relations(
        extractor,
        "Toronto Police bought cameras from Axon. Amnesty International criticized Toronto Police. "
        "Justin Trudeau met Joe Biden in Ottawa. The Conservative Party withdrew the 2022 online harms bill.",
    )
    assert ("organization:toronto-police", "BOUGHT_FROM", "organization:axon") in found
    assert ("organization:amnesty-international", "CRITICIZED", "organization:toronto-police") in found
    assert ("person:justin-trudeau", "MET", "person:joe-biden") in found
    assert ("organization:conservative-party", "WITHDREW", "law:2022-online-harms-bill") in found


def test_arrest_flight_and_generic_triples(extractor) -> None:
    found = _relations(
        extractor,
        "The RCMP arrested John Tory in Winchester. John Tory fled to Mexico. Google acquired Fitbit.",
    )
    assert ("organization:royal-canadian-mounted-police", "ARRESTED", "person:john-tory") in found
    assert ("person:john-tory", "FLED_TO", "location:mexico") in found
    assert ("organization:google", "BOUGHT", "organization:fitbit") in found  # bought Fitbit, not from it


def test_generic_triple_named_after_the_verb(extractor) -> None:
    found = _relations(extractor, "Huawei removed the case study from its website. Aleksandar Vučić visited Beijing.")
    assert ("person:aleksandar-vucic", "MET", "location:beijing") in found
    found = _relations(extractor, "Serbia relies on Huawei for its cameras.")
    assert ("location:serbia", "RELY_ON", "organization:huawei") in found


def test_reporting_verbs_are_no_relations(rferl_extraction) -> None:
    assert not any(r.predicate in {"TELL", "SAY"} for r in rferl_extraction.relations)
