"""Quote clusters and their flags scored against the quote-trail development set (tests/data/quotes).

Every annotated quote names the utterance it reports (``utterance``), the speaker its article gives
(``attributed_to``) and whether its words were altered (``altered``: a direct quote whose words differ beyond
punctuation, case, ellipsis and bracketed insertions from another direct rendering of the same utterance). A
clustering method groups the annotated quotes; it is scored by

* B-cubed precision, recall and F1 of its clusters against the utterances;
* attribution conflicts as pairs of quotes in one cluster whose articles give speakers who cannot be one person:
  precision and recall of the method's pairs against the annotated ones (same utterance, other speaker);
* altered quotes: precision and recall of the quotes the method flags.

The baseline is what the graph links today: statements whose text is equal up to case, spacing and quote marks
(graph/rows.py ``text_hash``, what ``first-appearance`` followed before quote clusters), which flags no altered
quote; its conflicts are the annotated speakers' differences inside its clusters.

With ``--extracted`` the quotes are also found by the project's extractor instead of taken from the annotation
(end to end: the statements the graph would hold, their speakers as extracted): each annotated quote takes the
cluster of the extracted statement covering most of it, one no statement covers is a trail of its own, and the
share of annotated quotes an extracted statement covers is reported beside.

    .venv/bin/python bench/score_quote_trail.py [--json]         # development and held-out sets, side by side
    .venv/bin/python bench/score_quote_trail.py --set tests/data/quotes
    .venv/bin/python bench/score_quote_trail.py --extracted      # and end to end, through the extractor
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from gold_format import read_jsonl  # noqa: E402

from core.names import slugify  # noqa: E402
from core.quote_match import Appearance, conflicting_pairs, connected, summarise  # noqa: E402
from graph.rows import text_hash  # noqa: E402

QUOTES = REPO / "tests" / "data" / "quotes"
HELDOUT = REPO / "tests" / "data" / "quotes-heldout"


@dataclass(frozen=True)
class Quote:
    key: str  # document id @ start-end
    document: str
    text: str
    kind: str
    attributed_to: str
    utterance: str
    altered: bool
    published: str


@dataclass(frozen=True)
class Clustering:
    """A method's answer: a cluster label for every quote, and the quotes it flags as altered."""

    labels: dict[str, str]
    altered: frozenset[str]
    conflicts: frozenset[tuple[str, str]]  # pairs of quote keys, sorted


def read_quotes(folder: Path = QUOTES) -> list[Quote]:
    documents = {d["id"]: d for d in read_jsonl(folder / "docs.jsonl")}
    texts = {key: d["text"] for key, d in documents.items()}
    quotes = []
    for record in read_jsonl(folder / "gold.jsonl"):
        for q in record["quotes"]:
            if texts[record["id"]][q["start"] : q["end"]] != q["text"]:
                raise ValueError(f"{record['id']}: {q['start']}-{q['end']} is not {q['text']!r}")
            quotes.append(Quote(f"{record['id']}@{q['start']}-{q['end']}", record["id"], q["text"], q["kind"],
                                q["attributed_to"], q["utterance"], bool(q["altered"]),
                                documents[record["id"]]["published"]))  # fmt: skip
    return quotes


def exact_text(quotes: list[Quote]) -> Clustering:
    """The baseline: one cluster per text_hash."""
    labels = {q.key: text_hash(q.text) for q in quotes}
    return Clustering(labels, frozenset(), frozenset(true_conflicts(quotes, labels)))


def appearance(q: Quote) -> Appearance:
    return Appearance(q.key, q.text, text_hash(q.text), q.kind, q.document, q.published, q.document,
                      slugify(q.attributed_to), q.attributed_to)  # fmt: skip


def utterance_rules(quotes: list[Quote]) -> Clustering:
    """What the graph does (core/quote_match.py): clusters are the quotes ``connected`` joins; each cluster's
    ``summarise`` flags the altered quotes, ``conflicting_pairs`` its attribution conflicts."""
    ordered = sorted(quotes, key=lambda q: q.key)
    labels: dict[str, str] = {}
    flagged: set[str] = set()
    conflicts: set[tuple[str, str]] = set()
    for group in connected([q.text for q in ordered]):
        members = [appearance(ordered[i]) for i in group]
        summary = summarise(members)
        # a quote nobody else carried is a trail of its own (the graph gives it no cluster)
        label = summary.id if len(members) > 1 else members[0].statement_id
        labels |= {m.statement_id: label for m in members}
        flagged |= summary.altered
        conflicts |= conflicting_pairs(members)
    return Clustering(labels, frozenset(flagged), frozenset(conflicts))


def annotated(quotes: list[Quote]) -> Clustering:
    """The annotation itself: what a perfect method gives (scores 1.0 everywhere)."""
    labels = {q.key: q.utterance for q in quotes}
    altered = frozenset(q.key for q in quotes if q.altered)
    return Clustering(labels, altered, frozenset(true_conflicts(quotes, labels)))


def bcubed(labels: dict[str, str], truth: dict[str, str]) -> tuple[float, float, float]:
    def members(assignment: dict[str, str]) -> dict[str, set[str]]:
        groups: dict[str, set[str]] = {}
        for key, label in assignment.items():
            groups.setdefault(label, set()).add(key)
        return {key: groups[label] for key, label in assignment.items()}

    mine, theirs = members(labels), members(truth)
    precision = sum(len(mine[k] & theirs[k]) / len(mine[k]) for k in truth) / len(truth)
    recall = sum(len(mine[k] & theirs[k]) / len(theirs[k]) for k in truth) / len(truth)
    return precision, recall, _f1(precision, recall)


def true_conflicts(quotes: list[Quote], labels: dict[str, str]) -> set[tuple[str, str]]:
    """Pairs of quotes one clustering puts together whose articles give different speakers (as annotated)."""
    pairs = set()
    for a, b in combinations(sorted(quotes, key=lambda q: q.key), 2):
        if labels[a.key] == labels[b.key] and a.attributed_to != b.attributed_to:
            pairs.add((a.key, b.key))
    return pairs


def score(quotes: list[Quote], method: Callable[[list[Quote]], Clustering]) -> dict[str, Any]:
    return score_clustering(quotes, method(quotes))


def score_clustering(quotes: list[Quote], found: Clustering) -> dict[str, Any]:
    truth = annotated(quotes)
    precision, recall, f1 = bcubed(found.labels, truth.labels)
    conflicts = _pr(set(found.conflicts), set(truth.conflicts))
    altered = _pr(set(found.altered), set(truth.altered))
    return {
        "quotes": len(quotes),
        "utterances": len(set(truth.labels.values())),
        "clusters": len(set(found.labels.values())),
        "bcubed": {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)},
        "attribution_conflict_pairs": conflicts,
        "altered_quotes": altered,
    }


def _pr(found: set[Any], truth: set[Any]) -> dict[str, Any]:
    right = len(found & truth)
    precision = right / len(found) if found else None
    recall = right / len(truth) if truth else None
    return {"found": len(found), "right": right, "annotated": len(truth),
            "precision": None if precision is None else round(precision, 3),
            "recall": None if recall is None else round(recall, 3)}  # fmt: skip


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def extracted(folder: Path) -> tuple[Clustering, int]:
    """End to end: the extractor's statements of the set's documents clustered as the graph does, each annotated
    quote labelled by the statement covering most of it; and how many annotated quotes a statement covers."""
    sys.path.insert(0, str(REPO / "bench"))
    from score_extract import run_extractor

    documents = {d["id"]: d for d in read_jsonl(folder / "docs.jsonl")}
    appearances = []
    for output in run_extractor(folder / "docs.jsonl"):
        doc = documents[output["id"]]
        for st in output["statements"]:
            appearances.append(Appearance(f"{doc['id']}@{st['start']}-{st['end']}", st["text"], text_hash(st["text"]),
                                          st["kind"], doc["id"], doc["published"], doc["source"],
                                          st["speaker_id"], st["speaker"],
                                          (st.get("speaker_role") or {}).get("title")))  # fmt: skip
    label_of: dict[str, str] = {}
    flagged: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for group in connected([a.text for a in appearances]):
        members = [appearances[i] for i in group]
        summary = summarise(members)
        label_of |= {m.statement_id: summary.id if len(members) > 1 else m.statement_id for m in members}
        flagged |= summary.altered
        pairs |= conflicting_pairs(members)
    quotes = read_quotes(folder)
    covering: dict[str, str] = {}
    for q in quotes:
        start, end = (int(x) for x in q.key.rsplit("@", 1)[1].split("-"))
        best, overlap = None, 0
        for a in appearances:
            if a.article_id != q.document:
                continue
            a_start, a_end = (int(x) for x in a.statement_id.rsplit("@", 1)[1].split("-"))
            shared = min(end, a_end) - max(start, a_start)
            if shared > overlap:
                best, overlap = a.statement_id, shared
        if best is not None and overlap >= 0.5 * (end - start):
            covering[q.key] = best
    labels = {q.key: label_of[covering[q.key]] if q.key in covering else q.key for q in quotes}
    altered = frozenset(q.key for q in quotes if covering.get(q.key) in flagged)
    conflicts = set()
    for a, b in combinations(sorted(quotes, key=lambda q: q.key), 2):
        sa, sb = covering.get(a.key), covering.get(b.key)
        if sa and sb and (min(sa, sb), max(sa, sb)) in pairs:
            conflicts.add((a.key, b.key))
    return Clustering(labels, altered, frozenset(conflicts)), len(covering)


METHODS: dict[str, Callable[[list[Quote]], Clustering]] = {
    "exact-text baseline": exact_text,
    "utterance rules": utterance_rules,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    parser.add_argument("--set", type=Path, action="append", help="a set's folder (default: both sets)")
    parser.add_argument("--extracted", action="store_true", help="also end to end, the quotes found by the extractor")
    args = parser.parse_args()
    folders = args.set or [QUOTES, HELDOUT]
    results = {
        f"{folder.name}: {name}": score(read_quotes(folder), method)
        for folder in folders
        for name, method in METHODS.items()
    }
    if args.extracted:
        for folder in folders:
            clustering, covered = extracted(folder)
            quotes = read_quotes(folder)
            results[f"{folder.name}: extractor + utterance rules"] = {
                **score_clustering(quotes, clustering),
                "quotes_covered_by_a_statement": covered,
            }
    if args.json:
        print(json.dumps(results, indent=1))
        return
    for name, result in results.items():
        b, c, a = result["bcubed"], result["attribution_conflict_pairs"], result["altered_quotes"]
        print(
            f"{name}: {result['quotes']} quotes of {result['utterances']} utterances in {result['clusters']} clusters"
        )
        print(f"  clusters B-cubed P {b['precision']} R {b['recall']} F1 {b['f1']}")
        print(f"  attribution conflicts (pairs) P {c['precision']} R {c['recall']} ({c['right']}/{c['annotated']})")
        print(f"  altered quotes P {a['precision']} R {a['recall']} ({a['right']}/{a['annotated']})")
        if "quotes_covered_by_a_statement" in result:
            print(f"  annotated quotes an extracted statement covers: {result['quotes_covered_by_a_statement']}")


if __name__ == "__main__":
    main()
