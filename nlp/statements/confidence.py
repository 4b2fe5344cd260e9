"""How far to trust a statement's speaker: the share of statements found the same way whose speaker was right on
news the extractor had never seen.

Statements are grouped by how their speaker was found (``calibration_key``: the basis; for a pronoun or a
description how many sentences back its antecedent is; for a name or surname whether the article's entities
know the speaker; for a carried quote whether it repeats its cue, i.e. stays in the paragraph it was attributed
in) and by the speaker's shape (`speaker_shape`): a person not named in full in the common shape of two or three
capitalised words (or named right after a capitalised word that is no title, `name_cut`), and an unnamed speaker who
is one person rather than a group, are where unfamiliar news goes wrong (a title of honour taken into the name, a
name the tagger cut, `a survivor, Ana Ruiz,`).

The counts are those of the development sets as each scored the first time the extractor saw it, before any rule
was drawn from it (their predictions are kept in ``tests/data/<set>/first_score.json``): that is how the extractor
does on news unlike any it was tuned on, which is what a reader of a new article needs to know. Counts taken after
the rules were fitted to a set overstate it (by eight points on held-out styles when they were used). Each group's
rate is (right + 1) / (matched + 2), as printed by ``bench/calibrate_statements.py --fit``: Laplace's rule, so a
group seen a few times is not trusted blindly and a group never seen gets 0.5. docs/statements.md shows how the
rates hold on development and held-out articles.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# Distances in sentences a pronoun's or description's antecedent is grouped by: this or the sentence before,
# two or three back, further.
DISTANCE_STEPS = ((0, 1), (2, 3), (4, None))
UNSEEN = 0.5  # Laplace's rule with no observation
NOT_FULL_NAME = "not a full name"
ONE_PERSON = "one person"

# group: (right, matched) on the development sets' first scores; the rate is (right + 1) / (matched + 2)
FIRST_SCORE_COUNTS: dict[str, tuple[int, int]] = {
    "name, an entity": (280, 284),
    "pronoun, 0-1 sentences back": (144, 156),
    "name, an entity, not a full name": (89, 127),
    "surname, an entity": (119, 122),
    "group, one person": (38, 73),
    "group": (66, 71),
    "name, not an entity, not a full name": (30, 56),
    "carried, in its paragraph": (32, 38),
    "description, antecedent unknown, not a full name": (10, 36),
    "pronoun, 0-1 sentences back, not a full name": (17, 33),
    "pronoun, 2-3 sentences back": (14, 26),
    "description, 0-1 sentences back, not a full name": (12, 23),
    "document, an entity": (18, 20),
    "carried, to a new paragraph": (17, 19),
    "document, not an entity": (6, 18),
    "description, 0-1 sentences back": (12, 17),
    "surname, an entity, not a full name": (10, 15),
    "pronoun, 4+ sentences back": (2, 12),
    "carried, in its paragraph, not a full name": (5, 9),
    "carried, to a new paragraph, not a full name": (5, 8),
    "description, 2-3 sentences back, not a full name": (3, 8),
    "pronoun, 2-3 sentences back, not a full name": (3, 5),
    "description, 2-3 sentences back": (2, 4),
    "description, 4+ sentences back, not a full name": (2, 4),
    "surname, not an entity, not a full name": (1, 3),
    "context": (2, 2),
    "description, 4+ sentences back": (1, 2),
    "pronoun, 4+ sentences back, not a full name": (0, 1),
}


def full_person_name(speaker_id: str | None, name: str | None) -> bool:
    """The speaker is a person whose name is two or three words, each capitalised (`Ann Lee`, `K. Venkatesh`)."""
    if speaker_id is None or not speaker_id.startswith("person:") or not name:
        return False
    words = name.split()
    return 2 <= len(words) <= 3 and all(word[:1].isupper() for word in words)


def plural_group(name: str | None, unmarked_plurals: Collection[str]) -> bool:
    """An unnamed speaker written in the plural (`officials`, `police`): its head, the last word, ends in -s or is a
    plural without the mark. English marks the number on the noun, so no tagger is needed and the first scores,
    kept as text, are grouped as the extractor groups them."""
    words = (name or "").lower().split()
    if not words:
        return False
    head = words[-1]
    return head in unmarked_plurals or (head.endswith("s") and not head.endswith(("ss", "'s", "’s")))


def speaker_shape(
    basis: str | None,
    speaker_id: str | None,
    name: str | None,
    unmarked_plurals: Collection[str],
    cut: bool = False,
) -> str:
    """What the speaker's name says about the risk beyond its basis: a person not named in full (a title of honour
    taken into the name, a name the tagger cut, a surname alone, an organisation; ``cut``: `name_cut`), or an
    unnamed group of one person (`a survivor`, `a spokesperson`: often named in an apposition, or speaking for their
    organisation); "" else."""
    if basis == "group":
        return "" if plural_group(name, unmarked_plurals) else ONE_PERSON
    if basis in {"document", "none", None}:
        return ""
    return "" if full_person_name(speaker_id, name) and not cut else NOT_FULL_NAME


_WORD_BEFORE = re.compile(r"([^\s]+)[ \t]+$")


def name_cut(text: str, name: str | None, words_before_names: Collection[str]) -> bool:
    """Whether the speaker's name, where the text first writes it, follows a capitalised word that is no title,
    honorific or office: a name the tagger cut ("ASP Hope Adzo Kumordzi" → "Adzo Kumordzi", "Đỗ Thị Thu Hằng" →
    "Thị Thu Hằng", "Ma. Lourdes Sison-Quiambao"). Reads only the text and the name, so a first score kept as text
    is grouped as the extractor groups it."""
    if not name or " " not in name:
        return False
    at = text.find(name)
    if at <= 0:
        return False
    before = _WORD_BEFORE.search(text, max(0, at - 40), at)
    if before is None:
        return False
    word = before.group(1)
    letters = word.rstrip(".").replace("-", "")
    if not (word[:1].isupper() and letters.isalpha()) or letters.isupper():
        return False  # "striker", "Ethiopia's", a dateline's "LAGOS:" or an office in capitals ("MP", "ASP")
    parts = word.rstrip(".").lower().split("-")
    return not any(part in words_before_names for part in parts) and word.lower() not in {"the", "a", "an"}


def calibration_key(basis: str | None, distance: int | None, speaker_known: bool, has_cue: bool, shape: str) -> str:
    """The group a statement's confidence is read from. ``speaker_known``: the speaker is one of the article's
    entities; ``has_cue``: the statement names its cue; ``shape``: `speaker_shape`."""
    key = _basis_key(basis, distance, speaker_known, has_cue)
    return f"{key}, {shape}" if shape else key


def _basis_key(basis: str | None, distance: int | None, speaker_known: bool, has_cue: bool) -> str:
    if basis in {"pronoun", "description"}:
        if distance is None:
            return f"{basis}, antecedent unknown"
        for low, high in DISTANCE_STEPS:
            if distance >= low and (high is None or distance <= high):
                span = f"{low}-{high}" if high is not None else f"{low}+"
                return f"{basis}, {span} sentences back"
    if basis in {"name", "surname", "document"}:
        return f"{basis}, {'an entity' if speaker_known else 'not an entity'}"
    if basis == "carried":
        return "carried, in its paragraph" if has_cue else "carried, to a new paragraph"
    return str(basis)


def rate(right: int, matched: int) -> float:
    return round((right + 1) / (matched + 2), 3)


def speaker_confidence(
    basis: str | None, distance: int | None, speaker_known: bool, has_cue: bool, shape: str
) -> float:
    """The calibrated chance that a statement found this way has the right speaker; 0 without a speaker."""
    if basis is None or basis == "none":
        return 0.0
    counts = FIRST_SCORE_COUNTS.get(calibration_key(basis, distance, speaker_known, has_cue, shape))
    return rate(*counts) if counts is not None else UNSEEN
