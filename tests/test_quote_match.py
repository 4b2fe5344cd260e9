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


def test_a_summary_names_the_first_appearance_reference_altered_renderings_and_conflicts() -> None:
    from core.quote_match import Appearance, summarise

    def seen(sid: str, text: str, day: str, speaker: str = "Lena Ortiz", kind: str = "direct") -> Appearance:
        return Appearance(sid, text, text.lower(), kind, sid.split("@")[0], day, f"outlet {sid}",
                          "person:" + speaker.lower().replace(" ", "-"), speaker)  # fmt: skip

    fragment = seen("a@0-1", "We will not let this city flood again,", "2026-03-02")
    whole = seen("b@0-1", WHOLE, "2026-03-02")
    changed = seen("c@0-1", "We will never let this city flood again,", "2026-03-04", speaker="Ortiz")
    reported = seen("d@0-1", "she would never let the city flood", "2026-03-01", kind="indirect")
    summary = summarise([changed, whole, fragment, reported])
    assert summary.first == reported  # the earliest article, whatever its kind
    assert summary.reference == whole  # the longest direct rendering of the earliest day with one
    assert summary.altered == {"c@0-1"} and not summary.conflict  # "Ortiz" is Lena Ortiz
    assert (summary.appearances, summary.articles, summary.outlets, summary.speakers) == (4, 4, 4, 2)
    assert summary.id == min(a.text_hash for a in (changed, whole, fragment, reported))
    other = seen("e@0-1", WHOLE, "2026-03-05", speaker="Dev Anand")
    assert summarise([whole, other]).conflict


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        (("Samir Haddad", None), ("trade ministry spokeswoman", None), True),  # a spokesperson is not the minister
        (("Karl Weber", "spokesman, Port Authority"), ("port authority spokesman", None), False),  # the named spokesman
        (("ministry spokesman", None), ("spokeswoman", None), False),  # two unnamed spokespeople: nothing says who
        (("Lena Ortiz", "Mayor, Brackley"), ("the mayor", None), False),  # other descriptions name nobody certain
        (("Lena Ortiz", None), ("Dev Anand", None), True),
    ],
)
def test_an_unnamed_spokesperson_conflicts_only_with_a_named_speaker_who_is_not_one(
    first: tuple[str, str | None], second: tuple[str, str | None], conflict: bool
) -> None:
    from core.quote_match import Appearance, conflicting_pairs, summarise

    words = "We are not going to let cheap steel close our mills,"
    appearances = [Appearance(f"{i}@0-1", words, "h", "direct", str(i), "2026-04-10", f"outlet {i}", None, name, role)
                   for i, (name, role) in enumerate((first, second))]  # fmt: skip
    assert summarise(appearances).conflict is conflict
    assert conflicting_pairs(appearances) == ({("0@0-1", "1@0-1")} if conflict else set())


def test_a_word_diff_marks_changed_words_only() -> None:
    from core.quote_match import word_diff

    assert word_diff("We will not let this city flood again,", "we will NEVER let this city flood again!") == [
        ("same", "we will"), ("removed", "not"), ("added", "NEVER"), ("same", "let this city flood again!"),
    ]  # fmt: skip
    assert word_diff("a b c", "a b c") == [("same", "a b c")]
    assert word_diff("", "new words") == [("added", "new words")]


def test_the_cheap_word_check_never_rejects_a_pair_the_rules_join() -> None:
    """graph/quote_trail.py compares only pairs passing ``_may_match``: it must be a necessary condition."""
    import random

    from core.quote_match import plain, rendering
    from graph.quote_trail import _may_match

    rng = random.Random(7)
    words = [*WHOLE.replace(",", "").split(), "never", "always", "the", "town", "would", "paid", "river"]
    joined = 0
    for _ in range(3000):
        a = rng.sample(words, rng.randint(3, 14)) if rng.random() < 0.3 else WHOLE.split()[: rng.randint(3, 19)]
        b = list(a)
        for _ in range(rng.randint(0, 4)):  # edits: replace, drop, insert, repeat
            op, at = rng.random(), rng.randrange(len(b)) if b else 0
            if op < 0.3 and b:
                b[at] = rng.choice(words)
            elif op < 0.6 and len(b) > 1:
                del b[at]
            elif op < 0.8:
                b.insert(at, rng.choice(words))
            elif b:
                b.insert(at, b[at])
        x, y = " ".join(a), " ".join(b)
        if same_utterance(x, y):
            joined += 1
            assert _may_match(plain(rendering(x)), plain(rendering(y))), (x, y)
    assert joined > 500  # the check was put to the test
