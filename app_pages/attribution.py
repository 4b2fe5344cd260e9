"""How the explorer shows whether a statement's speaker can be trusted, wherever a quote appears.

A statement is a confident attribution when it has a basis (how its speaker was found) and a calibrated
confidence of at least ``CONFIDENT_ATTRIBUTION``. Everything else carries a visible mark: "uncertain" below it,
"unknown" for statements extracted before the basis existed (their stored confidence was never calibrated).
"""

from __future__ import annotations

from typing import Any

from core.records import CONFIDENT_ATTRIBUTION

CONFIDENT = "confident"
UNCERTAIN = "⚠ uncertain"
UNKNOWN = "⚠ unknown"
EDITOR_BASIS = "editor"  # set by a reassign-speaker correction (graph/correction_writes.py)


def is_confident(confidence: float | None, basis: str | None) -> bool:
    return basis is not None and confidence is not None and confidence >= CONFIDENT_ATTRIBUTION


def attribution_mark(confidence: float | None, basis: str | None) -> str:
    """ "confident", or a warning sign with why not."""
    if basis is None:
        return UNKNOWN
    return CONFIDENT if is_confident(confidence, basis) else UNCERTAIN


def basis_text(basis: str | None, distance: int | None) -> str:
    """ "pronoun, 2 sentences back", "name", "unknown" (a statement stored before the basis existed)."""
    if basis is None:
        return "unknown"
    if basis == EDITOR_BASIS:
        return "an editor's correction"
    if distance is None:
        return basis
    if distance == 0:
        return f"{basis}, same sentence"
    return f"{basis}, {distance} sentence{'s' if distance != 1 else ''} back"


def attribution_columns(row: dict[str, Any]) -> dict[str, Any]:
    """The attribution columns of a statement row (with `confidence`, `basis`, `basis_distance` from a query)."""
    confidence, basis = row.get("confidence"), row.get("basis")
    return {
        "attribution": attribution_mark(confidence, basis),
        "basis": basis_text(basis, row.get("basis_distance")),
        "confidence": round(confidence, 3) if basis is not None and confidence is not None else None,
    }


def attribution_sentence(row: dict[str, Any]) -> str:
    """One line saying how far the speaker of a statement row can be trusted, and why."""
    columns = attribution_columns(row)
    if row.get("basis") is None:
        return (
            "Unknown attribution: extracted before confidence was calibrated "
            "(newsgraph reextract --stale extracts it again)."
        )
    how = f"speaker found by {columns['basis']}, confidence {columns['confidence']}"
    if columns["attribution"] == CONFIDENT:
        return f"Confident attribution: {how}."
    return f"Uncertain attribution: {how}; the speaker may be wrong."
