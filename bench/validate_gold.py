"""Check a gold file against its documents: every span, id and mention must point at the right text.

    python bench/validate_gold.py [--dir tests/data/gold] [--gold DIR/gold.jsonl] [--docs DIR/docs.jsonl]

Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_format import (
    ENTITY_TYPES,
    RELATION_ARGUMENT_TYPES,
    RELATION_OBJECT_TYPES,
    RELATION_TYPES,
    STATEMENT_KINDS,
    SYMMETRIC_RELATIONS,
    entity_id,
    name_key,
    read_jsonl,
)

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold"
OPENING_MARKS = "\"“„«‘'‚‹”»’"
CLOSING_MARKS = "\"”“»’'‘›«"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A relation's date is as precise as the article gives it: a year, a month or a day.
RELATION_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


def _neighbour(text: str, index: int, step: int) -> str:
    """The first non-space character from ``index`` going in direction ``step``."""
    while 0 <= index < len(text) and text[index].isspace():
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether start-end is exactly the inside of a quotation.

    Also accepted: a block quote introduced by a colon at the end of the previous paragraph (its marks were
    lost with the page layout), and a quote that runs to the end of its paragraph (multi-paragraph quotes).
    """
    block_quote = text[start - 1 : start] == "\n" and text[: start - 1].rstrip().endswith(":")
    opens = block_quote or _neighbour(text, start - 1, -1) in OPENING_MARKS
    closes = block_quote or _neighbour(text, end, 1) in CLOSING_MARKS or text[end : end + 1] in ("\n", "")
    return opens and closes


def statement_problems(text: str, statement: dict[str, Any], entity_ids: set[str]) -> list[str]:
    start, end, span = statement["start"], statement["end"], statement["text"]
    where = f"statement {start}-{end}"
    if text[start:end] != span:
        return [f"{where}: text differs from the document at its offsets"]
    problems = []
    if span != span.strip() or not span:
        problems.append(f"{where}: span is empty or has surrounding whitespace")
    if statement["kind"] not in STATEMENT_KINDS:
        problems.append(f"{where}: unknown kind {statement['kind']!r}")
    if statement["kind"] == "direct" and not _quoted(text, start, end):
        problems.append(f"{where}: a direct quote must span exactly the text inside its quotation marks")
    if statement["kind"] != "direct" and span[-1] in ".,;:":
        problems.append(f"{where}: reported content must end before the final punctuation")
    if not statement.get("speaker"):
        problems.append(f"{where}: no speaker")
    if statement.get("speaker_id") and statement["speaker_id"] not in entity_ids:
        problems.append(f"{where}: speaker_id {statement['speaker_id']!r} is not an annotated entity")
    if statement.get("date") and not DATE.match(statement["date"]):
        problems.append(f"{where}: date {statement['date']!r} is not YYYY-MM-DD")
    return problems


def entity_problems(text: str, entity: dict[str, Any]) -> list[str]:
    where = f"entity {entity['id']}"
    problems = []
    if entity["type"] not in ENTITY_TYPES:
        problems.append(f"{where}: unknown type {entity['type']!r}")
    if entity["id"] != entity_id(entity["type"], entity["name"]):
        problems.append(f"{where}: id does not follow <type>:<slug of name>")
    forms = {name_key(form) for form in [entity["name"], *entity["aliases"]]}
    for start, end in entity["mentions"]:
        if not 0 <= start < end <= len(text) or name_key(text[start:end]) not in forms:
            problems.append(f"{where}: mention {start}-{end} {text[start:end]!r} is not its name or an alias")
    return problems


def role_problems(text: str, role: dict[str, Any], types: dict[str, str]) -> list[str]:
    where = f"role {role['person_id']} {role['title']!r}"
    problems = []
    if types.get(role["person_id"]) != "Person":
        problems.append(f"{where}: person_id is not an annotated Person")
    if role["org_id"] is not None and role["org_id"] not in types:
        problems.append(f"{where}: org_id {role['org_id']!r} is not an annotated entity")
    if name_key(role["title"]) not in name_key(text[role["start"] : role["end"]]):
        problems.append(f"{where}: the title is not written in its evidence span")
    return problems


def relation_key(relation: dict[str, Any]) -> tuple[str, str, str]:
    """(subject, type, object), the two parties of a symmetric type in a fixed order."""
    subject, predicate, obj = relation["subject_id"], relation["predicate"], relation["object_id"]
    if predicate in SYMMETRIC_RELATIONS and obj < subject:
        subject, obj = obj, subject
    return subject, predicate, obj


def relation_problems(text: str, relation: dict[str, Any], entities: dict[str, dict[str, Any]]) -> list[str]:
    where = f"relation {relation['subject_id']} {relation['predicate']} {relation['object_id']}"
    start, end = relation["start"], relation["end"]
    problems = []
    if relation["predicate"] not in RELATION_TYPES:
        problems.append(f"{where}: unknown type {relation['predicate']!r} (not one of the 15 of RELATIONS.md)")
    if relation["subject_id"] == relation["object_id"]:
        problems.append(f"{where}: subject and object are the same entity")
    for side in ("subject", "object"):
        entity = entities.get(relation[f"{side}_id"])
        if entity is None:
            problems.append(f"{where}: {side}_id is not an annotated entity")
            continue
        if entity["type"] not in RELATION_ARGUMENT_TYPES:
            problems.append(f"{where}: the {side} is a {entity['type']}, not a named argument type")
        if relation.get(side) != entity["name"]:
            problems.append(f"{where}: {side} {relation.get(side)!r} is not the name of {entity['id']}")
    allowed = RELATION_OBJECT_TYPES.get(relation["predicate"])
    obj = entities.get(relation["object_id"])
    if allowed and obj is not None and obj["type"] not in allowed:
        problems.append(f"{where}: the object of {relation['predicate']} must be a {' or '.join(allowed)}")
    if not 0 <= start < end <= len(text) or relation.get("text") != text[start:end]:
        problems.append(f"{where}: text differs from the document at its offsets {start}-{end}")
    if relation.get("date") is not None and not RELATION_DATE.match(relation["date"]):
        problems.append(f"{where}: date {relation['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return problems


def overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    ordered = sorted(spans)
    return [b for a, b in itertools.pairwise(ordered) if b[0] < a[1]]


def document_problems(doc: dict[str, Any], gold: dict[str, Any]) -> list[str]:
    text = doc["text"]
    types = {entity["id"]: entity["type"] for entity in gold["entities"]}
    problems = []
    if len(types) != len(gold["entities"]):
        problems.append("duplicate entity ids")
    for statement in gold["statements"]:
        problems += statement_problems(text, statement, set(types))
    problems += [
        f"statement {s}-{e} overlaps another" for s, e in overlaps([(s["start"], s["end"]) for s in gold["statements"]])
    ]
    for entity in gold["entities"]:
        problems += entity_problems(text, entity)
    mentions = [tuple(m) for entity in gold["entities"] for m in entity["mentions"]]
    problems += [f"mention {s}-{e} overlaps another" for s, e in overlaps(mentions)]
    for role in gold["roles"]:
        problems += role_problems(text, role, types)
    entities = {entity["id"]: entity for entity in gold["entities"]}
    for relation in gold.get("relations", []):
        problems += relation_problems(text, relation, entities)
    keys = [relation_key(relation) for relation in gold.get("relations", [])]
    problems += [f"relation {' '.join(key)} annotated twice" for key in sorted({k for k in keys if keys.count(k) > 1})]
    return [f"{doc['id']}: {problem}" for problem in problems]


def validate(gold_path: Path, docs_path: Path) -> list[str]:
    docs = list(read_jsonl(docs_path))
    gold = list(read_jsonl(gold_path))
    if [d["id"] for d in docs] != [g["id"] for g in gold]:
        return ["gold and docs do not list the same document ids in the same order"]
    return [problem for doc, note in zip(docs, gold, strict=True) for problem in document_problems(doc, note)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=GOLD_DIR, help="gold set folder: the default for the paths below")
    parser.add_argument("--gold", type=Path, help="default: DIR/gold.jsonl")
    parser.add_argument("--docs", type=Path, help="default: DIR/docs.jsonl")
    args = parser.parse_args(argv)
    problems = validate(args.gold or args.dir / "gold.jsonl", args.docs or args.dir / "docs.jsonl")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "gold is consistent with its documents")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
