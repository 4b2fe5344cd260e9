"""The entity rules as data: named, described, switched off by name, and an unknown name refused."""

from __future__ import annotations

import re

import pytest
import spacy

import nlp.runtime.components  # noqa: F401  (registers the factories)
from core.errors import ConfigError
from nlp.entities.finders import RULES, STAGES, build_gazetteer_matchers, checked_rule_names, find_mentions
from nlp.entities.retyping import RETYPING, retype
from nlp.entities.rules import switched_on
from tests.nlp_fixtures import *  # noqa: F403

DATELINE_TEXT = "TORONTO — Bill C-18 passed on Monday. The bill was debated for a year."


def test_every_rule_has_a_unique_name_a_description_and_an_example() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    for rule in RULES:
        assert re.fullmatch(r"[a-z]+(?:_[a-z]+)*", rule.name), rule.name
        assert rule.does.strip() and rule.example.strip(), rule.name
    assert list(RULES) == [rule for _title, rules in STAGES for rule in rules]


def test_an_unknown_rule_name_is_an_error_naming_it() -> None:
    assert checked_rule_names(iter(["anaphors", "datelines"])) == {"anaphors", "datelines"}
    with pytest.raises(ConfigError, match="'no_such_rule'"):
        checked_rule_names(["anaphors", "no_such_rule"])


def test_the_component_refuses_an_unknown_rule_in_its_config() -> None:
    language = spacy.blank("en")
    with pytest.raises(ConfigError, match="'datelinez'"):
        language.add_pipe("newsgraph_entities", config={"disabled_rules": ["datelinez"]})


def _found(nlp_pipeline, gazetteer, text: str, disabled: frozenset[str] = frozenset()) -> set[tuple[str, str]]:
    doc = nlp_pipeline(text)
    matchers = build_gazetteer_matchers(nlp_pipeline, gazetteer)
    return {(m.text, m.type) for m in find_mentions(doc, gazetteer, matchers, disabled)}


def test_a_rule_switched_off_finds_nothing_and_the_others_still_do(nlp_pipeline, gazetteer) -> None:
    everything = _found(nlp_pipeline, gazetteer, DATELINE_TEXT)
    assert {("Toronto", "Location"), ("Bill C-18", "Law")} <= everything
    without_datelines = _found(nlp_pipeline, gazetteer, DATELINE_TEXT, frozenset({"datelines"}))
    assert ("Toronto", "Location") not in without_datelines
    assert ("Bill C-18", "Law") in without_datelines


def test_with_every_rule_off_only_the_model_speaks(nlp_pipeline, gazetteer) -> None:
    doc = nlp_pipeline(DATELINE_TEXT)
    every_rule = checked_rule_names(rule.name for rule in RULES)
    mentions = find_mentions(doc, gazetteer, build_gazetteer_matchers(nlp_pipeline, gazetteer), every_rule)
    assert {m.source for m in mentions} <= {"ner"}


def test_a_retyping_rule_switched_off_leaves_the_span_as_it_was(nlp_pipeline, gazetteer) -> None:
    doc = nlp_pipeline.make_doc("NASA Administrator Charles Bolden spoke.")
    steps = switched_on(RETYPING, frozenset())
    typed = retype(doc[0:4], "Person", gazetteer, steps)
    assert typed is not None and (typed.type, typed.span.text) == ("Person", "Charles Bolden")
    untouched = retype(doc[0:4], "Person", gazetteer, switched_on(RETYPING, frozenset({"title_before_person"})))
    assert untouched is not None and untouched.span.text == "NASA Administrator Charles Bolden"


def test_a_job_before_a_single_name_tagged_a_person_is_no_part_of_it(nlp_pipeline, gazetteer) -> None:
    doc = nlp_pipeline.make_doc("Wicketkeeper Sarfaraz took four catches.")
    typed = retype(doc[0:2], "Person", gazetteer, switched_on(RETYPING, frozenset()))
    assert typed is not None and (typed.type, typed.span.text) == ("Person", "Sarfaraz")


def test_a_name_tagged_as_a_body_whose_family_name_speaks_alone_is_a_person(nlp_pipeline, gazetteer) -> None:
    steps = switched_on(RETYPING, frozenset())
    doc = nlp_pipeline(
        'For 38 years, Nar Bahadur Tamang\'s day began early.\n\n"The engine knows the road," Tamang says.'
    )
    name = doc[4:7]
    assert name.text == "Nar Bahadur Tamang"
    assert retype(name, "Organization", gazetteer, steps) == ("Person", name, "rule")
    without = retype(name, "Organization", gazetteer, switched_on(RETYPING, frozenset({"family_name_speaks"})))
    assert without is not None and without.type == "Organization"
    # a body is named again by its first word, never by its last
    bank = nlp_pipeline('Goldman Sachs cut its forecast. "Demand is weak," Goldman said.')
    body = retype(bank[0:2], "Organization", gazetteer, steps)
    assert body is not None and body.type == "Organization"


def test_a_name_written_only_after_in_or_from_is_a_place(nlp_pipeline, gazetteer) -> None:
    steps = switched_on(RETYPING, frozenset())
    doc = nlp_pipeline(
        "Before the war she taught music at a school in Novyi Buh. Her sister still calls from Novyi Buh every night."
    )
    town = doc[10:12]
    assert town.text == "Novyi Buh"
    assert retype(town, "Person", gazetteer, steps) == ("Location", town, "rule")
    without = retype(town, "Person", gazetteer, switched_on(RETYPING, frozenset({"named_only_as_a_place"})))
    assert without is not None and without.type == "Person"
    # a person follows "from" ("a letter from …"), and "in" only with a possessive
    letters = nlp_pipeline(
        "The council read a letter from Odile Marchetti. In Odile Marchetti's view, the bridge must wait."
    )
    sender = letters[6:8]
    assert sender.text == "Odile Marchetti"
    assert retype(sender, "Person", gazetteer, steps) == ("Person", sender, "ner")
    # a town the crowds pass through is one too
    marched = nlp_pipeline("Protesters marched through Santa Lucrecia on Sunday. In Santa Lucrecia, the shops shut.")
    through = marched[3:5]
    assert through.text == "Santa Lucrecia"
    assert retype(through, "Person", gazetteer, steps) == ("Location", through, "rule")
