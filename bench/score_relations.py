"""Score the relations of `newsgraph extract` output against a gold file, as RELATIONS.md's "Scoring" section says.

Per article, a predicted relation matches a gold one when the types are equal and both arguments match; names are
compared as word sequences, casefolded, without diacritics and possessive 's, one contained in the other counting
("Trudeau" matches "Justin Trudeau"); the symmetric types (AGREEMENT_WITH, PARTNERS_WITH, MEETS) match in either
direction. The unlabelled score ignores types and direction. Pairs are one-to-one; a prediction repeated in an
article counts once. Micro precision, recall and F1 over all articles, overall and per type (a gold relation counts
for its type's recall, a prediction for its type's precision).

    python bench/score_relations.py --pred results.jsonl [--gold tests/data/gold/gold.jsonl] [--only-predicted]

A predicted argument's name is its entity's `name` in the same output line (found by `subject_id`/`object_id`), or
the record's own `subject`/`object`; a gold argument matches by its name or, word for word, one of its aliases.
Predicates outside the 15 types are scored as they are: they never match a labelled gold relation.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_format import RELATION_TYPES, SYMMETRIC_RELATIONS, name_key, read_jsonl

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold" / "gold.jsonl"
_INNER_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)


def name_words(name: str | None) -> tuple[str, ...]:
    """A name as the word sequence it is compared by: "Marinović's" -> ("marinovic",)."""
    return tuple(name_key(_INNER_POSSESSIVE.sub("", name or "")).split())


def contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` is a run of consecutive words of ``longer``."""
    if not shorter or len(shorter) > len(longer):
        return False
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


@dataclass(frozen=True)
class Argument:
    """One side of a relation: the name it is written by, and for gold the entity's other names."""

    name: tuple[str, ...]
    aliases: frozenset[tuple[str, ...]] = frozenset()

    def matches(self, other: Argument) -> bool:
        a, b = self.name, other.name
        if contains(a, b) or contains(b, a):
            return True
        return bool(({a} | self.aliases) & ({b} | other.aliases))


@dataclass(frozen=True)
class Relation:
    subject: Argument
    predicate: str
    object: Argument

    def same_arguments(self, other: Relation, either_direction: bool) -> bool:
        if self.subject.matches(other.subject) and self.object.matches(other.object):
            return True
        return either_direction and self.subject.matches(other.object) and self.object.matches(other.subject)

    def matches(self, other: Relation, labelled: bool = True) -> bool:
        if not labelled:
            return self.same_arguments(other, either_direction=True)
        return self.predicate == other.predicate and self.same_arguments(
            other, either_direction=self.predicate in SYMMETRIC_RELATIONS
        )


def _argument(record: dict[str, Any], side: str, entities: dict[str, dict[str, Any]], gold: bool) -> Argument:
    entity = entities.get(record.get(f"{side}_id") or "")
    if entity is None:
        name = record.get(side) or (record.get(f"{side}_id") or "").partition(":")[2].replace("-", " ")
        return Argument(name_words(name))
    aliases = frozenset(name_words(alias) for alias in entity.get("aliases", [])) if gold else frozenset()
    return Argument(name_words(record.get(side) or entity["name"]), aliases - {()})


def dated_relations(record: dict[str, Any], gold: bool = False) -> list[tuple[Relation, str | None]]:
    """The relations of one output or gold line with their dates, each distinct relation once (its first date)."""
    entities = {entity["id"]: entity for entity in record.get("entities", [])}
    found: dict[Relation, str | None] = {}
    for relation in record.get("relations", []):
        predicate = relation.get("predicate") or relation.get("type") or ""
        candidate = Relation(
            _argument(relation, "subject", entities, gold), predicate, _argument(relation, "object", entities, gold)
        )
        found.setdefault(candidate, relation.get("date"))
    return list(found.items())


def relations_of(record: dict[str, Any], gold: bool = False) -> list[Relation]:
    """The relations of one output or gold line, each distinct one once."""
    return [relation for relation, _date in dated_relations(record, gold)]


def match(gold: list[Relation], predicted: list[Relation], labelled: bool = True) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, as many as possible (augmenting paths)."""
    options = [[j for j, p in enumerate(predicted) if g.matches(p, labelled)] for g in gold]
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        place(i, set())
    return sorted((i, j) for j, i in owner.items())


@dataclass
class Counts:
    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    gold_matched: Counter[str] = field(default_factory=Counter)
    predicted_matched: Counter[str] = field(default_factory=Counter)

    def add(self, gold: list[Relation], predicted: list[Relation], pairs: Iterable[tuple[int, int]]) -> None:
        self.gold.update(r.predicate for r in gold)
        self.predicted.update(r.predicate for r in predicted)
        for i, j in pairs:
            self.gold_matched[gold[i].predicate] += 1
            self.predicted_matched[predicted[j].predicate] += 1

    def figures(self, predicate: str | None = None) -> dict[str, float | int | None]:
        """Precision, recall and F1 overall, or for one type; None where nothing was there to count."""

        def total(counter: Counter[str]) -> int:
            return counter[predicate] if predicate else sum(counter.values())

        n_gold, n_pred = total(self.gold), total(self.predicted)
        recall = total(self.gold_matched) / n_gold if n_gold else None
        precision = total(self.predicted_matched) / n_pred if n_pred else None
        f1 = (
            2 * precision * recall / (precision + recall)
            if precision is not None and recall is not None and precision + recall
            else (0.0 if precision is not None and recall is not None else None)
        )
        return {"precision": precision, "recall": recall, "f1": f1, "gold": n_gold, "predicted": n_pred}


@dataclass
class RelationReport:
    labelled: Counts = field(default_factory=Counts)
    unlabelled: Counts = field(default_factory=Counts)
    documents: int = 0
    missing: list[str] = field(default_factory=list)
    # confidence band (its lower bound) -> [predicted, right]: is a relation given 0.9 right more often than one at 0.6?
    bands: dict[float, list[int]] = field(default_factory=dict)


CONFIDENCE_BANDS = (0.9, 0.8, 0.7, 0.6, 0.0)


def _confidences(record: dict[str, Any]) -> dict[Relation, float]:
    """Each distinct relation's confidence: the highest the output gives it (1.0 when it gives none)."""
    entities = {entity["id"]: entity for entity in record.get("entities", [])}
    found: dict[Relation, float] = {}
    for relation in record.get("relations", []):
        predicate = relation.get("predicate") or relation.get("type") or ""
        key = Relation(
            _argument(relation, "subject", entities, False), predicate, _argument(relation, "object", entities, False)
        )
        confidence = relation.get("confidence")
        value = float(confidence) if isinstance(confidence, int | float) else 1.0
        found[key] = max(found.get(key, 0.0), value)
    return found


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], only_predicted: bool = False) -> RelationReport:
    """Labelled and unlabelled counts over the gold documents; a document without a prediction has no relations,
    unless ``only_predicted`` leaves it out."""
    by_id = {record["id"]: record for record in predicted}
    report = RelationReport()
    for record in gold:
        prediction = by_id.get(record["id"])
        if prediction is None:
            report.missing.append(record["id"])
            if only_predicted:
                continue
        gold_relations = relations_of(record, gold=True)
        predicted_relations = relations_of(prediction or {})
        report.documents += 1
        for counts, labelled in ((report.labelled, True), (report.unlabelled, False)):
            counts.add(gold_relations, predicted_relations, match(gold_relations, predicted_relations, labelled))
        right = {j for _i, j in match(gold_relations, predicted_relations, True)}
        confidences = _confidences(prediction or {})
        for j, relation in enumerate(predicted_relations):
            band = next(b for b in CONFIDENCE_BANDS if confidences.get(relation, 1.0) >= b)
            tally = report.bands.setdefault(band, [0, 0])
            tally[0] += 1
            tally[1] += j in right
    return report


def _percent(value: float | int | None) -> str:
    return "     -" if value is None else f"{100 * value:6.1f}"


def format_report(report: RelationReport, label: str) -> str:
    types = list(RELATION_TYPES) + sorted({*report.labelled.gold, *report.labelled.predicted} - set(RELATION_TYPES))
    lines = [f"{label}: {report.documents} documents"]
    header = f"  {'':22} {'labelled':>28}   {'unlabelled':>28}"
    lines += [header, f"  {'type':22} {'P':>6} {'R':>6} {'F1':>6} gold pred   {'P':>6} {'R':>6} {'F1':>6}"]

    def shown(figures: dict[str, Any]) -> str:
        return " ".join(_percent(figures[k]) for k in ("precision", "recall", "f1"))

    def row(name: str, predicate: str | None) -> str:
        a, b = report.labelled.figures(predicate), report.unlabelled.figures(predicate)
        return f"  {name:22} {shown(a)} {a['gold']:4} {a['predicted']:4}   {shown(b)}"

    lines.append(row("all", None))
    lines += [row(t, t) for t in types if report.labelled.gold[t] or report.labelled.predicted[t]]
    lines.append("  confidence band: predicted, labelled precision")
    for band in sorted(report.bands, reverse=True):
        predicted, right = report.bands[band]
        lines.append(f"    >= {band:.1f}: {predicted:4}  {_percent(right / predicted if predicted else None)}")
    if report.missing:
        lines.append(f"  no prediction for {len(report.missing)} document(s): {', '.join(report.missing)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pred", type=Path, required=True, help="newsgraph extract output (JSON Lines)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold file (default: the development gold set)")
    parser.add_argument(
        "--only-predicted", action="store_true", help="score only the gold documents the prediction file has"
    )
    args = parser.parse_args(argv)
    report = score(list(read_jsonl(args.gold)), list(read_jsonl(args.pred)), args.only_predicted)
    print(format_report(report, f"{args.pred} against {args.gold}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
