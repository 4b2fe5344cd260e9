"""Compile the hand-written gold annotations (TOML, one file per document) into gold.jsonl.

Annotators write each statement, role, relation and entity by its exact words; this tool finds the words in the
article text and writes character offsets, so nobody counts characters by hand. It fails loudly when a
quoted string is missing from the article or an entity named by a statement, role or relation is not annotated.

    python bench/build_gold.py [--dir tests/data/gold] [--docs DIR/docs.jsonl] [--annotations DIR/annotations]
                               [--out DIR/gold.jsonl]
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_format import entity_id, read_jsonl, write_jsonl

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold"


class GoldError(ValueError):
    """An annotation that does not fit its article."""


def needle_pattern(needle: str) -> re.Pattern[str]:
    """A needle as written by the annotator: a space also matches a non-breaking space, and "[...]"
    stands for any text in between, so long quotes are written by their first and last words."""
    parts = [re.escape(part).replace(r"\ ", "[ \u00a0]") for part in needle.split("[...]")]
    return re.compile(".*?".join(parts), re.DOTALL)


def locate(text: str, needle: str, nth: int = 1, after: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``needle`` at or after ``after``."""
    pattern = needle_pattern(needle)
    position = after
    for _ in range(nth):
        match = pattern.search(text, position)
        if match is None:
            raise GoldError(f"not found (occurrence {nth}): {needle!r}")
        position = match.start() + 1
    return match.start(), match.end()


def entity_mentions(text: str, entities: list[dict[str, Any]]) -> None:
    """Fill each entity's mentions: every whole-word occurrence of its name or aliases, longest first."""
    candidates = []
    for index, entity in enumerate(entities):
        for form in {entity["name"], *entity["aliases"], *entity.pop("forms", [])}:
            pattern = re.compile(rf"(?<!\w)(?:{needle_pattern(form).pattern})(?!\w)")
            for match in pattern.finditer(text):
                candidates.append((match.end() - match.start(), match.start(), match.end(), index))
    taken: list[tuple[int, int]] = []
    for _, start, end, index in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        entities[index]["mentions"].append([start, end])
    for entity in entities:
        entity["mentions"].sort()
        if not entity["mentions"]:
            raise GoldError(f"entity never mentioned by name or alias: {entity['name']!r}")


def build_entities(text: str, notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    entities = [
        {
            "id": note.get("id") or entity_id(note["type"], note["name"]),
            "name": note["name"],
            "type": note["type"],
            "aliases": list(note.get("aliases", [])),
            "forms": list(note.get("forms", [])),
            "mentions": [],
        }
        for note in notes
    ]
    entity_mentions(text, entities)
    return entities


def build_statement(text: str, note: dict[str, Any], ids: dict[str, str], published: str | None) -> dict[str, Any]:
    after = locate(text, note["after"])[0] if "after" in note else 0
    start, end = locate(text, note["text"], note.get("nth", 1), after)
    speaker = note.get("speaker")
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "kind": note["kind"],
        "speaker": speaker,
        "speaker_mention": note.get("mention"),
        "speaker_id": ids.get(speaker),
        "cue": note.get("cue"),
        "addressee": note.get("addressee"),
        "date": note.get("date", published),
    }


def build_role(text: str, note: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    missing = [name for name in (note["person"], note.get("org")) if name and name not in ids]
    if missing:
        raise GoldError(f"role names an entity that is not annotated: {missing}")
    start, end = locate(text, note["evidence"], note.get("nth", 1))
    return {
        "person_id": ids[note["person"]],
        "title": note["title"],
        "org_id": ids[note["org"]] if note.get("org") else None,
        "start": start,
        "end": end,
    }


def build_relation(text: str, note: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    """A `[[relation]]` as the extract contract writes it (ids, predicate, span, date), plus the two names and the
    words that state it."""
    missing = [name for name in (note["subject"], note["object"]) if name not in ids]
    if missing:
        raise GoldError(f"relation names an entity that is not annotated: {missing}")
    after = locate(text, note["after"])[0] if "after" in note else 0
    start, end = locate(text, note["text"], note.get("nth", 1), after)
    return {
        "subject_id": ids[note["subject"]],
        "predicate": note["type"],
        "object_id": ids[note["object"]],
        "start": start,
        "end": end,
        "date": note.get("date"),
        "subject": note["subject"],
        "object": note["object"],
        "text": text[start:end],
    }


def build_document(doc: dict[str, Any], notes: dict[str, Any]) -> dict[str, Any]:
    text = doc["text"]
    entities = build_entities(text, notes.get("entity", []))
    ids = {entity["name"]: entity["id"] for entity in entities}
    statements = [build_statement(text, note, ids, doc.get("published")) for note in notes.get("statement", [])]
    statements.sort(key=lambda s: s["start"])
    roles = [build_role(text, note, ids) for note in notes.get("role", [])]
    relations = [build_relation(text, note, ids) for note in notes.get("relation", [])]
    return {
        "id": doc["id"],
        "statements": statements,
        "entities": entities,
        "roles": roles,
        "relations": relations,
        "error": None,
    }


def build(docs_path: Path, annotations: Path) -> list[dict[str, Any]]:
    gold = []
    for doc in read_jsonl(docs_path):
        path = annotations / f"{doc['id']}.toml"
        if not path.exists():
            raise GoldError(f"no annotation file for document {doc['id']!r}: {path}")
        try:
            gold.append(build_document(doc, tomllib.loads(path.read_text(encoding="utf-8"))))
        except (GoldError, KeyError, tomllib.TOMLDecodeError) as e:
            raise GoldError(f"{path.name}: {e}") from e
    return gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=GOLD_DIR, help="gold set folder: the default for the paths below")
    parser.add_argument("--docs", type=Path, help="default: DIR/docs.jsonl")
    parser.add_argument("--annotations", type=Path, help="default: DIR/annotations")
    parser.add_argument("--out", type=Path, help="default: DIR/gold.jsonl")
    args = parser.parse_args(argv)
    args.docs = args.docs or args.dir / "docs.jsonl"
    args.annotations = args.annotations or args.dir / "annotations"
    args.out = args.out or args.dir / "gold.jsonl"
    try:
        gold = build(args.docs, args.annotations)
    except GoldError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    write_jsonl(args.out, gold)
    count = sum(len(doc["statements"]) for doc in gold)
    relations = sum(len(doc["relations"]) for doc in gold)
    print(f"{len(gold)} documents, {count} statements, {relations} relations -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
