"""How many arguments of the gold relations the extraction finds as entities a relation can join.

A relation can only join entities the entity stage found. For each `[[relation]]` of a gold file, each argument
(subject, object) is looked up among the predicted entities of the same article:

- **found**: a predicted entity of a compatible type whose canonical name matches the argument as the relation
  scorer compares names (bench/score_relations.py: word sequences, one contained in the other, or equal to one of
  the gold entity's aliases). Compatible: the same type, Organization and Location standing for each other (a
  country acting as a polity is a Location in the gold and often an organisation in the text);
- **in span**: found, and one of the entity's mentions lies inside the words that state the relation (its
  start/end), so a rule reading that clause can reach it; pronouns and descriptions resolved across sentences
  are not counted here;
- a miss says why: **mistyped** (a matching name of another type), **named otherwise** (a mention or alias
  matches but the canonical name does not), or **missing**.

    python bench/relation_arguments.py [--gold tests/data/gold/gold.jsonl --docs tests/data/gold/docs.jsonl]
        [--pred results.jsonl] [--misses] [--json]

Without --pred the project's extractor runs on --docs. With no --gold, the development set and the relation
passages (tests/data/gold, tests/data/relations) are measured one after the other.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_format import read_jsonl
from score_relations import Argument, name_words

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DEFAULT_SETS = ("gold", "relations")
_INTERCHANGEABLE = {"Organization": {"Organization", "Location"}, "Location": {"Organization", "Location"}}


def compatible(gold_type: str, predicted_type: str) -> bool:
    return predicted_type in _INTERCHANGEABLE.get(gold_type, {gold_type})


@dataclass(frozen=True)
class Outcome:
    doc_id: str
    side: str
    name: str
    gold_type: str
    verdict: str  # "found", "mistyped", "named otherwise", "missing"
    in_span: bool
    detail: str


def _gold_argument(relation: dict[str, Any], side: str, entities: dict[str, dict[str, Any]]) -> tuple[Argument, str]:
    entity = entities.get(relation.get(f"{side}_id") or "") or {}
    name = relation.get(side) or entity.get("name") or ""
    aliases = frozenset(name_words(a) for a in entity.get("aliases", [])) - {()}
    return Argument(name_words(name), aliases), entity.get("type", "")


def _surface_forms(entity: dict[str, Any], text: str) -> list[Argument]:
    forms = [entity["name"], *entity.get("aliases", [])]
    forms += [text[start:end] for start, end in entity.get("mentions", [])]
    return [Argument(name_words(form)) for form in forms]


def judge(gold_doc: dict[str, Any], pred_doc: dict[str, Any], text: str) -> list[Outcome]:
    gold_entities = {e["id"]: e for e in gold_doc.get("entities", [])}
    predicted = pred_doc.get("entities") or []
    outcomes = []
    for relation in gold_doc.get("relations", []):
        for side in ("subject", "object"):
            argument, gold_type = _gold_argument(relation, side, gold_entities)
            shown = " ".join(argument.name)
            by_name = [e for e in predicted if argument.matches(Argument(name_words(e["name"])))]
            found = [e for e in by_name if compatible(gold_type, e["type"])]
            in_span = any(
                relation["start"] <= start and end <= relation["end"] for e in found for start, end in e["mentions"]
            )
            if found:
                verdict, detail = "found", ", ".join(f"{e['name']} ({e['type']})" for e in found)
            elif by_name:
                verdict, detail = "mistyped", ", ".join(f"{e['name']} ({e['type']})" for e in by_name)
            else:
                otherwise = [e for e in predicted if any(argument.matches(f) for f in _surface_forms(e, text))]
                verdict = "named otherwise" if otherwise else "missing"
                detail = ", ".join(f"{e['name']} ({e['type']})" for e in otherwise)
            outcomes.append(Outcome(gold_doc["id"], side, shown, gold_type, verdict, in_span, detail))
    return outcomes


def measure(gold_path: Path, docs_path: Path, pred_path: Path | None) -> list[Outcome]:
    gold = list(read_jsonl(gold_path))
    docs = {d["id"]: d for d in read_jsonl(docs_path)}
    if pred_path is not None:
        predicted = list(read_jsonl(pred_path))
    else:
        from score_extract import run_extractor

        predicted = run_extractor(docs_path)
    by_id = {p["id"]: p for p in predicted}
    outcomes = []
    for gold_doc in gold:
        if gold_doc.get("relations"):
            outcomes += judge(gold_doc, by_id.get(gold_doc["id"], {}), docs[gold_doc["id"]]["text"])
    return outcomes


def figures(outcomes: list[Outcome]) -> dict[str, Any]:
    verdicts = Counter(o.verdict for o in outcomes)
    total = len(outcomes)
    by_type: dict[str, list[int]] = {}
    for o in outcomes:
        counts = by_type.setdefault(o.gold_type, [0, 0])
        counts[0] += 1
        counts[1] += o.verdict == "found"
    return {
        "arguments": total,
        "found": verdicts["found"],
        "found_share": round(verdicts["found"] / total, 3) if total else None,
        "in_span": sum(o.in_span for o in outcomes),
        "mistyped": verdicts["mistyped"],
        "named_otherwise": verdicts["named otherwise"],
        "missing": verdicts["missing"],
        "by_type": {t: {"arguments": n, "found": f} for t, (n, f) in sorted(by_type.items())},
    }


def format_figures(label: str, result: dict[str, Any]) -> str:
    share = result["found_share"]
    lines = [
        f"{label}: {result['found']}/{result['arguments']} arguments found"
        + (f" ({100 * share:.1f} %)" if share is not None else "")
        + f", {result['in_span']} with a mention in the relation's words; "
        f"{result['mistyped']} mistyped, {result['named_otherwise']} named otherwise, {result['missing']} missing",
        "  by type: " + ", ".join(f"{t} {c['found']}/{c['arguments']}" for t, c in result["by_type"].items()),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, help="gold JSON Lines with relations")
    parser.add_argument("--docs", type=Path, help="the documents of --gold")
    parser.add_argument("--pred", type=Path, help="extract output to judge instead of running the extractor")
    parser.add_argument("--misses", action="store_true", help="list each argument not found, with why")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.gold is not None:
        sets = [(args.gold.parent.name, args.gold, args.docs or args.gold.with_name("docs.jsonl"), args.pred)]
    elif args.pred is not None:
        parser.error("--pred needs --gold")
    else:
        sets = [(name, DATA / name / "gold.jsonl", DATA / name / "docs.jsonl", None) for name in DEFAULT_SETS]
    results = {}
    for label, gold_path, docs_path, pred_path in sets:
        outcomes = measure(gold_path, docs_path, pred_path)
        results[label] = figures(outcomes)
        if not args.json:
            print(format_figures(label, results[label]))
        if args.misses and not args.json:
            for o in outcomes:
                if o.verdict != "found":
                    print(f"  {o.doc_id}: {o.side} {o.name!r} ({o.gold_type}) {o.verdict}: {o.detail}")
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
