"""The entity stage's rules as data: each has a name, says what it does and shows it on an example.

The mention finders and the corrections of the model's entities are ``Rule`` entries in ordered lists, one list
per stage, next to the code they run (``nlp.entities.ner``, ``nlp.entities.retyping``, ``nlp.entities.finders``);
``nlp.entities.finders.RULES`` is all of them in the order they act. A rule is switched off by its name: the set of
names travels with the ``newsgraph_entities`` component's config, so an ablation run measures what one rule is
worth (``bench/score_extract.py --ablate``) and the docs list the rules from the same data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

Step = TypeVar("Step")


@dataclass(frozen=True, slots=True)
class Rule(Generic[Step]):
    """One rule of the entity stage; ``apply`` is its step, whose signature is that of its stage."""

    name: str
    does: str
    example: str
    apply: Step


def switched_on(rules: Sequence[Rule[Step]], disabled: frozenset[str]) -> tuple[Step, ...]:
    """The steps of the rules not switched off, in their order."""
    return tuple(rule.apply for rule in rules if rule.name not in disabled)


def unknown_names(names: Iterable[str], rules: Iterable[Rule[Any]]) -> list[str]:
    known = {rule.name for rule in rules}
    return sorted(set(names) - known)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_markdown(stages: Sequence[tuple[str, Sequence[Rule[Any]]]]) -> str:
    """The rules as Markdown, a table per stage, numbered in the order they act."""
    lines: list[str] = []
    number = 0
    for title, rules in stages:
        lines += [f"**{title}**", "", "| # | rule | what it does | example |", "|---|---|---|---|"]
        for rule in rules:
            number += 1
            lines.append(f"| {number} | `{rule.name}` | {_cell(rule.does)} | {_cell(rule.example)} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
