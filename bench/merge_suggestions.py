"""Precision of the top merge suggestions on the development articles, against hand-annotated duplicate pairs.

Extracts the articles (the 16 development articles by default, which include the RSE sample report), loads them
into a private local Neo4j started for the run in a temporary folder, ranks merge suggestions and scores the top N
against tests/data/merge/pairs.jsonl: a suggestion counts as right when its pair is annotated ``"duplicate":
true``; precision is over the suggestions shown (fewer than N when fewer are found). The other sample articles are
the held-out set and are not used. tests/test_merge_gate.py runs the same measure on the test session's Neo4j.

    .venv/bin/python bench/merge_suggestions.py                  # precision of the top 20, each suggestion listed
    .venv/bin/python bench/merge_suggestions.py --top 10 --json
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from gold_format import read_articles, read_jsonl  # noqa: E402
from private_neo4j import private_neo4j  # noqa: E402

from core.records import Article  # noqa: E402
from core.settings import Settings  # noqa: E402
from graph.connection import open_driver  # noqa: E402
from graph.loader import GraphLoader, clear_graph  # noqa: E402
from graph.schema import apply_schema  # noqa: E402
from newsgraph.merge_rules import merge_rules  # noqa: E402
from queries.explore import GraphReader  # noqa: E402
from queries.merge_suggestions import Ranking, merge_suggestions, pair_key  # noqa: E402

DOCS = REPO / "tests" / "data" / "gold" / "docs.jsonl"
PAIRS = REPO / "tests" / "data" / "merge" / "pairs.jsonl"
FLOORS = REPO / "tests" / "data" / "merge" / "floors.json"


@dataclass
class Score:
    top: int
    suggested: list[dict[str, Any]] = field(default_factory=list)  # each with "verdict": right, wrong, unannotated
    gold_pairs: int = 0
    missing_entities: list[str] = field(default_factory=list)  # annotated ids the graph does not hold

    @property
    def right(self) -> int:
        return sum(1 for s in self.suggested if s["verdict"] == "right")

    @property
    def precision(self) -> float:
        """Right suggestions among the top N shown (among fewer when fewer were found)."""
        return self.right / len(self.suggested) if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold_pairs if self.gold_pairs else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "top": self.top,
            "suggested": len(self.suggested),
            "right": self.right,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "gold_pairs": self.gold_pairs,
            "missing_entities": self.missing_entities,
            "suggestions": self.suggested,
        }


def read_pairs(path: Path = PAIRS) -> dict[str, bool]:
    """Pair key → whether the two entities are one."""
    pairs: dict[str, bool] = {}
    for number, row in enumerate(read_jsonl(path), start=1):
        if not isinstance(row.get("duplicate"), bool) or not row.get("a") or not row.get("b"):
            raise SystemExit(f"{path}: line {number} needs a, b and duplicate (true or false)")
        pairs[pair_key(row["a"], row["b"])] = row["duplicate"]
    return pairs


def articles(path: Path = DOCS) -> list[Article]:
    return read_articles(path)


def load(settings: Settings, docs: Path = DOCS) -> None:
    """Extract the documents and load them into the settings' (emptied) graph."""
    from nlp.runtime.extract import Extractor

    items = articles(docs)
    extractions = Extractor(settings, embed=False).extract(items)
    driver, database = open_driver(settings, start_local=False)
    try:
        clear_graph(driver, database)
        apply_schema(driver, database)
        summary = GraphLoader(driver, database).load(zip(items, extractions, strict=True))
        if summary.skipped:
            raise SystemExit(f"{len(summary.skipped)} articles were not loaded: {summary.skipped[0].reason}")
    finally:
        driver.close()


def score(ranking: Ranking, gold: dict[str, bool], known_ids: Iterable[str], top: int) -> Score:
    known = set(known_ids)
    result = Score(top=top, gold_pairs=sum(gold.values()))
    result.missing_entities = sorted({i for key in gold for i in key.split("|")} - known)
    for suggestion in ranking.suggestions[:top]:
        annotated = gold.get(pair_key(*suggestion.pair))
        verdict = "unannotated" if annotated is None else ("right" if annotated else "wrong")
        result.suggested.append({**suggestion.as_row(), "verdict": verdict})
    return result


def measure(settings: Settings, top: int = 20, pairs: Path = PAIRS) -> Score:
    """Suggestions of the graph the settings point at, scored against the annotated pairs."""
    driver, database = open_driver(settings, start_local=False)
    try:
        reader = GraphReader(driver, database, timeout=settings.query_timeout, row_limit=settings.row_limit)
        ranking = merge_suggestions(reader, merge_rules(settings), limit=top)
        ids = [r["id"] for r in driver.execute_query("MATCH (e:Entity) RETURN e.id AS id", database_=database)[0]]
    finally:
        driver.close()
    return score(ranking, read_pairs(pairs), ids, top)


def print_score(result: Score) -> None:
    marks = {"right": "+", "wrong": "-", "unannotated": "?"}
    for rank, s in enumerate(result.suggested, start=1):
        names = f"{s['first_name']} ~ {s['second_name']}"
        print(f"{rank:2d} {marks[s['verdict']]} {s['score']:.3f} {s['kind']:<11} {names}")
    print(
        f"precision of the top {result.top}: {result.right}/{len(result.suggested)} = {result.precision:.3f}; "
        f"recall of the {result.gold_pairs} annotated duplicates: {result.recall:.3f}"
    )
    if result.missing_entities:
        print(f"annotated entities the graph does not hold: {', '.join(result.missing_entities)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=20, help="how many suggestions to score (default 20)")
    parser.add_argument("--docs", type=Path, default=DOCS, help="documents, JSON Lines (default: development set)")
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="annotated pairs (default: tests/data/merge)")
    parser.add_argument("--json", action="store_true", help="print the figures and suggestions as JSON")
    args = parser.parse_args(argv)
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # a young graph lacks labels queries name
    if args.top < 1:
        parser.error("--top must be at least 1")
    with (
        tempfile.TemporaryDirectory(prefix="newsgraph-merges-") as folder,
        private_neo4j(Path(folder), heap="512m", pagecache="128m") as settings,
    ):
        load(settings, args.docs)
        result = measure(settings, args.top, args.pairs)
    if args.json:
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        print_score(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
