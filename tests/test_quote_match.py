"""core/quote_match.py: one utterance across renderings, and altered quotes."""

from __future__ import annotations

import pytest

from core.quote_match import GAP, altered, rendering, same_utterance

WHOLE = "We will not let this city flood again, and we will build the barrier whether the province pays or not,"


def test_a_rendering_keeps_words_and_marks_gaps() -> None:
    assert rendering("“It’s [the] END… of it!”") == ("it's", GAP, "end", GAP, "of", "it")
    assert rendering("...and so on [sic]") == ("and", "so", "on")


@pytest.mark.parametrize(
    "other",
    [
        "We will not let this city flood again,",  # a fragment
        "we will build the barrier whether the province pays or not.",  # the other half, other case
        "We will not let [Brackley] flood again ... we will build the barrier,",  # brackets and an ellipsis
        "We will never let this city flood again, and we will build the barrier whether the province pays or not",
        "we would not let this city flood again, and would build the barrier whether the province paid or not",
    ],
)
def test_renderings_of_one_utterance(other: str) -> None:
    assert same_utterance(WHOLE, other) and same_utterance(other, WHOLE)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("No comment.", "No comment."),  # too short to stand for an utterance on its own
        ("It's bad,", "It's bad,"),
        ("The barrier will cost less than the last flood did,", WHOLE),  # same speaker, same topic, other words
        ("Families deserve a raise this year,", "Families are choosing between heating and eating,"),
    ],
)
def test_different_utterances_stay_apart(a: str, b: str) -> None:
    assert not same_utterance(a, b)


def test_a_changed_word_is_an_alteration_a_cut_is_not() -> None:
    assert altered("We will never let this city flood again,", WHOLE)
    assert not altered("We will not let this city flood again,", WHOLE)  # a fragment
    assert not altered("We will not let [Brackley] flood again ... we will build the barrier,", WHOLE)
    assert not altered("we WILL not let this city flood again!", "We will not let this city flood again,")
    # Two fragments overlapping in the middle differ only at their ends: not an alteration either.
    assert not altered("will not let this city flood again, and we", "this city flood again, and we will build")
