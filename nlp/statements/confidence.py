"""How far to trust a statement's speaker: the share of statements found the same way whose speaker was right.

Statements are grouped by how their speaker was found (``calibration_key``: the basis; for a pronoun or a
description how many sentences back its antecedent is; for a name or surname whether the article's entities
know the speaker; for a carried quote whether it repeats its cue, i.e. stays in the paragraph it was attributed
in). Each group's rate is (right + 1) / (matched + 2) over the development sets (tests/data/gold,
tests/data/patterns, tests/data/attribution and tests/data/attribution-world), as printed by
``bench/calibrate_statements.py --fit``: Laplace's rule, so a group seen a few times is not trusted blindly and a
group never seen gets 0.5. docs/statements.md shows how the rates hold on development and held-out articles.
"""

from __future__ import annotations

# Distances in sentences a pronoun's or description's antecedent is grouped by: this or the sentence before,
# two or three back, further.
DISTANCE_STEPS = ((0, 1), (2, 3), (4, None))
UNSEEN = 0.5  # Laplace's rule with no observation

# group: (right, matched) on the development sets; the rate is (right + 1) / (matched + 2)
DEVELOPMENT_COUNTS: dict[str, tuple[int, int]] = {
    "name, an entity": (222, 223),
    "surname, an entity": (90, 90),
    "pronoun, 0-1 sentences back": (79, 80),
    "group": (69, 74),
    "description, 0-1 sentences back": (31, 32),
    "carried, in its paragraph": (25, 25),
    "document, an entity": (17, 18),
    "carried, to a new paragraph": (14, 15),
    "name, not an entity": (10, 15),
    "description, antecedent unknown": (3, 11),
    "document, not an entity": (10, 11),
    "pronoun, 2-3 sentences back": (8, 9),
    "description, 2-3 sentences back": (6, 7),
    "context": (2, 2),
    "description, 4+ sentences back": (2, 2),
    "surname, not an entity": (2, 2),
    "pronoun, 4+ sentences back": (1, 1),
}


def calibration_key(basis: str | None, distance: int | None, speaker_known: bool, has_cue: bool) -> str:
    """The group a statement's confidence is read from. ``speaker_known``: the speaker is one of the article's
    entities; ``has_cue``: the statement names its cue."""
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


def speaker_confidence(basis: str | None, distance: int | None, speaker_known: bool, has_cue: bool) -> float:
    """The calibrated chance that a statement found this way has the right speaker; 0 without a speaker."""
    if basis is None or basis == "none":
        return 0.0
    counts = DEVELOPMENT_COUNTS.get(calibration_key(basis, distance, speaker_known, has_cue))
    return rate(*counts) if counts is not None else UNSEEN
