"""Score `newsgraph extract` output against the hand-annotated gold set.

    python bench/score_extract.py --gold tests/data/gold/gold.jsonl --pred results.jsonl [--json] [--per-doc]
    python bench/score_extract.py --docs tests/data/gold/docs.jsonl --run       # run the extractor first
    python bench/score_extract.py --docs tests/data/gold/docs.jsonl --baseline  # a plain reporting-verb extractor
    python bench/score_extract.py --ablate RULE [--ablate RULE …]  # what entity rules are worth (--ablate all)
    python bench/score_extract.py --list-rules                     # the entity rules, in order (Markdown)

Matching rules (docs/annotation.md, "Scoring"):
- statements: a predicted and a gold span match when their overlap covers at least half of EACH span
  (overlap / gold length >= 0.5 and overlap / predicted length >= 0.5), one-to-one, greedily by largest overlap.
  Both sides must be covered so that neither a whole paragraph nor a three-word fragment counts as finding a
  quote; a split quote predicted as one span matches at most one of its parts.
- speaker (on matched statements): names compared casefolded and diacritics-insensitive; a full-name alias of
  the gold speaker entity counts (never a bare surname); an organisation may be named by any of its aliases;
  an unnamed group ("digital rights groups in Serbia") by its head noun ("groups").
- entities: same type and a shared name or alias (normalised), one-to-one; Person, Organization, Location,
  Law and Event are scored (Product and Group are not annotated exhaustively).
- roles: same person (by name or alias) and the same title, one title's words contained in the other's, after
  dropping time qualifiers ("then-", "former"); the organisation is reported separately as role_org_accuracy.
- relations: RELATIONS.md's "Scoring" (bench/score_relations.py): labelled (type and arguments, symmetric types
  either way) and unlabelled (arguments only) P/R/F1, per type, and the share of matched dated gold relations
  whose date is the same text (relation_date_accuracy). The per-document table gives relations found of gold
  and the false ones.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# this checkout's code, not whichever one the environment installed: a first score records the commit it ran
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_format import RELATION_TYPES, name_key, read_articles, read_jsonl
from score_relations import dated_relations
from score_relations import match as match_relations

from core.records import CONFIDENT_ATTRIBUTION

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"
GOLD_DIR = DATA_DIR / "gold"
EVALUATION_SETS = ("gold", "heldout", "patterns")  # folders of DATA_DIR, each with docs.jsonl and gold.jsonl
SCORED_ENTITY_TYPES = ("Person", "Organization", "Location", "Law", "Event")
MIN_OVERLAP = 0.5
CONFIDENT = CONFIDENT_ATTRIBUTION  # the explorer shows statements at or above it as confident attributions
_GROUP_MODIFIER = re.compile(r" (?:in|at|of|from|for|like|such as|with|on) .*$")
_TITLE_QUALIFIERS = re.compile(r"^(?:(?:then|former|acting|interim|ex|outgoing|current)\s+)+")


# ---------------------------------------------------------------- counting


@dataclass
class Tally:
    """Counts for one document or the whole set; every figure derives from these."""

    statements_gold: int = 0
    statements_pred: int = 0
    statements_matched: int = 0
    speakers_right: int = 0
    confident_pred: int = 0  # predicted statements with confidence >= CONFIDENT
    confident_matched: int = 0
    confident_right: int = 0
    kinds_right: int = 0
    cues_right: int = 0
    dates_right: int = 0
    entities_gold: int = 0
    entities_pred: int = 0
    entities_matched: int = 0
    roles_gold: int = 0
    roles_pred: int = 0
    roles_matched: int = 0
    role_orgs_gold: int = 0
    role_orgs_right: int = 0
    relations_gold: int = 0
    relations_pred: int = 0
    relations_matched: int = 0
    relations_matched_unlabelled: int = 0
    relation_dates_gold: int = 0  # matched relations whose gold has a date
    relation_dates_right: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # entity type -> [gold, pred, matched]
    by_relation: dict[str, list[int]] = field(default_factory=dict)  # relation type -> [gold, pred, matched]

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if name not in {"by_type", "by_relation"}:
                setattr(self, name, getattr(self, name) + value)
        for mine_all, theirs in ((self.by_type, other.by_type), (self.by_relation, other.by_relation)):
            for kind, counts in theirs.items():
                mine = mine_all.setdefault(kind, [0, 0, 0])
                for index, count in enumerate(counts):
                    mine[index] += count

    def figures(self) -> dict[str, float | None]:
        matched = self.statements_matched
        statement = prf(self.statements_matched, self.statements_pred, self.statements_gold)
        attributed = prf(self.speakers_right, self.statements_pred, self.statements_gold)
        entity = prf(self.entities_matched, self.entities_pred, self.entities_gold)
        role = prf(self.roles_matched, self.roles_pred, self.roles_gold)
        relation = prf(self.relations_matched, self.relations_pred, self.relations_gold)
        unlabelled = prf(self.relations_matched_unlabelled, self.relations_pred, self.relations_gold)
        return {
            "statement_precision": statement[0],
            "statement_recall": statement[1],
            "statement_f1": statement[2],
            "speaker_accuracy": ratio(self.speakers_right, matched),
            "attributed_statement_f1": attributed[2],
            "confident_share": ratio(self.confident_pred, self.statements_pred),
            "confident_speaker_accuracy": ratio(self.confident_right, self.confident_matched),
            "kind_accuracy": ratio(self.kinds_right, matched),
            "cue_accuracy": ratio(self.cues_right, matched),
            "date_accuracy": ratio(self.dates_right, matched),
            "entity_precision": entity[0],
            "entity_recall": entity[1],
            "entity_f1": entity[2],
            "role_precision": role[0],
            "role_recall": role[1],
            "role_f1": role[2],
            "role_org_accuracy": ratio(self.role_orgs_right, self.role_orgs_gold),
            "relation_precision": relation[0],
            "relation_recall": relation[1],
            "relation_f1": relation[2],
            "relation_unlabelled_precision": unlabelled[0],
            "relation_unlabelled_recall": unlabelled[1],
            "relation_unlabelled_f1": unlabelled[2],
            "relation_date_accuracy": ratio(self.relation_dates_right, self.relation_dates_gold),
        }

    def counts(self) -> dict[str, Any]:
        return {name: value for name, value in vars(self).items()}


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty side scores 1.0 only when the other side is empty too."""
    precision = matched / predicted if predicted else (1.0 if gold == 0 else 0.0)
    recall = matched / gold if gold else (1.0 if predicted == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def greedy_pairs(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one matching: best score first; ties go to the earlier gold item, then the earlier prediction."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _score, gold_index, pred_index in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gold_index in used_gold or pred_index in used_pred:
            continue
        used_gold.add(gold_index)
        used_pred.add(pred_index)
        pairs.append((gold_index, pred_index))
    return sorted(pairs)


# ---------------------------------------------------------------- statements


def span_overlap(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    """Overlapping characters when the overlap covers at least half of both spans, else 0."""
    overlap = min(gold["end"], pred["end"]) - max(gold["start"], pred["start"])
    gold_length = gold["end"] - gold["start"]
    pred_length = pred["end"] - pred["start"]
    if overlap <= 0 or gold_length <= 0 or pred_length <= 0:
        return 0
    if overlap / gold_length < MIN_OVERLAP or overlap / pred_length < MIN_OVERLAP:
        return 0
    return overlap


def match_statements(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    candidates = (
        (overlap, g, p)
        for g, gold_statement in enumerate(gold)
        for p, pred_statement in enumerate(pred)
        if (overlap := span_overlap(gold_statement, pred_statement))
    )
    return greedy_pairs(candidates)


def group_head(key: str) -> str:
    """Head noun of an unnamed group: "digital rights groups in serbia" -> "groups"."""
    words = _GROUP_MODIFIER.sub("", key).split()
    return words[-1] if words else ""


def speaker_forms(statement: dict[str, Any], entities: dict[str, dict[str, Any]]) -> set[str]:
    """Name keys that count as naming the gold speaker."""
    forms = {name_key(statement.get("speaker"))}
    entity = entities.get(statement.get("speaker_id") or "")
    if entity is not None:
        aliases = entity["aliases"]
        if entity["type"] == "Person":  # "Petrovski" alone is a mention, not the resolved speaker
            aliases = [alias for alias in aliases if len(name_key(alias).split()) > 1]
        forms |= {name_key(alias) for alias in aliases}
    return forms - {""}


def speaker_right(gold: dict[str, Any], pred: dict[str, Any], gold_entities: dict[str, dict[str, Any]]) -> bool:
    predicted = name_key(pred.get("speaker"))
    if not predicted:
        return False
    if predicted in speaker_forms(gold, gold_entities):
        return True
    unnamed_group = gold.get("speaker_id") is None
    return unnamed_group and group_head(predicted) == group_head(name_key(gold.get("speaker")))


def cue_right(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    gold_cue, pred_cue = name_key(gold.get("cue")), name_key(pred.get("cue"))
    if not gold_cue or not pred_cue:
        return gold_cue == pred_cue
    return gold_cue in pred_cue or pred_cue in gold_cue


def _short(statement: dict[str, Any], width: int = 70) -> str:
    text = " ".join(str(statement.get("text", "")).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _confident(statement: dict[str, Any]) -> bool:
    confidence = statement.get("confidence")
    return isinstance(confidence, (int, float)) and confidence >= CONFIDENT


def score_statements(gold_doc: dict[str, Any], pred_doc: dict[str, Any], tally: Tally) -> list[str]:
    """Fill the statement counts; return one line per mistake (missed, extra, wrong speaker or kind)."""
    gold, pred = gold_doc["statements"], pred_doc.get("statements") or []
    entities = {entity["id"]: entity for entity in gold_doc["entities"]}
    tally.statements_gold += len(gold)
    tally.statements_pred += len(pred)
    tally.confident_pred += sum(_confident(s) for s in pred)
    pairs = match_statements(gold, pred)
    problems = []
    for g, p in pairs:
        speaker_ok = speaker_right(gold[g], pred[p], entities)
        kind_ok = gold[g]["kind"] == pred[p].get("kind")
        tally.statements_matched += 1
        tally.speakers_right += speaker_ok
        tally.confident_matched += _confident(pred[p])
        tally.confident_right += _confident(pred[p]) and speaker_ok
        tally.kinds_right += kind_ok
        tally.cues_right += cue_right(gold[g], pred[p])
        tally.dates_right += gold[g].get("date") == pred[p].get("date")
        if not speaker_ok:
            problems.append(f"speaker {pred[p].get('speaker')!r}, gold {gold[g]['speaker']!r}: {_short(gold[g])}")
        if not kind_ok:
            problems.append(f"kind {pred[p].get('kind')!r}, gold {gold[g]['kind']!r}: {_short(gold[g])}")
    matched_gold, matched_pred = {g for g, _ in pairs}, {p for _, p in pairs}
    problems += [
        f"missed {s['kind']} ({s['speaker']}): {_short(s)}" for i, s in enumerate(gold) if i not in matched_gold
    ]
    problems += [
        f"extra {s.get('kind')} ({s.get('speaker')}): {_short(s)}" for i, s in enumerate(pred) if i not in matched_pred
    ]
    return problems


# ---------------------------------------------------------------- entities and roles


def entity_forms(entity: dict[str, Any]) -> set[str]:
    return {name_key(form) for form in [entity.get("name"), *(entity.get("aliases") or [])]} - {""}


def score_entities(gold_doc: dict[str, Any], pred_doc: dict[str, Any], tally: Tally) -> None:
    gold = [e for e in gold_doc["entities"] if e["type"] in SCORED_ENTITY_TYPES]
    pred = [e for e in pred_doc.get("entities") or [] if e.get("type") in SCORED_ENTITY_TYPES]
    candidates = []
    for g, gold_entity in enumerate(gold):
        gold_forms = entity_forms(gold_entity)
        for p, pred_entity in enumerate(pred):
            if pred_entity["type"] != gold_entity["type"]:
                continue
            shared = gold_forms & entity_forms(pred_entity)
            if shared:  # canonical names agreeing beat an alias agreeing
                same_name = name_key(gold_entity["name"]) == name_key(pred_entity.get("name"))
                candidates.append((1.0 + same_name, g, p))
    pairs = greedy_pairs(candidates)
    tally.entities_gold += len(gold)
    tally.entities_pred += len(pred)
    tally.entities_matched += len(pairs)
    for entity_type in SCORED_ENTITY_TYPES:
        counts = tally.by_type.setdefault(entity_type, [0, 0, 0])
        counts[0] += sum(e["type"] == entity_type for e in gold)
        counts[1] += sum(e["type"] == entity_type for e in pred)
        counts[2] += sum(gold[g]["type"] == entity_type for g, _ in pairs)


def title_key(title: str | None) -> str:
    return _TITLE_QUALIFIERS.sub("", name_key(title))


def titles_agree(gold: str | None, pred: str | None) -> bool:
    a, b = title_key(gold), title_key(pred)
    return bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def id_forms(entity_id: str | None, entities: dict[str, dict[str, Any]]) -> set[str]:
    """Name keys of the entity an id points at; the id's own slug when the entity is not listed."""
    if not entity_id:
        return set()
    entity = entities.get(entity_id)
    if entity is not None:
        return entity_forms(entity)
    return {entity_id.split(":", 1)[-1].replace("-", " ")}


def score_roles(gold_doc: dict[str, Any], pred_doc: dict[str, Any], tally: Tally) -> None:
    gold_entities = {e["id"]: e for e in gold_doc["entities"]}
    pred_entities = {e["id"]: e for e in pred_doc.get("entities") or []}
    gold = gold_doc["roles"]
    pred, seen = [], set()
    for role in pred_doc.get("roles") or []:  # the same role found twice in a document counts once
        key = (role.get("person_id"), title_key(role.get("title")))
        if key not in seen:
            seen.add(key)
            pred.append(role)
    candidates = []
    for g, gold_role in enumerate(gold):
        gold_people = id_forms(gold_role["person_id"], gold_entities)
        for p, pred_role in enumerate(pred):
            same_person = gold_people & id_forms(pred_role.get("person_id"), pred_entities)
            if same_person and titles_agree(gold_role["title"], pred_role.get("title")):
                candidates.append((1.0 + (title_key(gold_role["title"]) == title_key(pred_role.get("title"))), g, p))
    pairs = greedy_pairs(candidates)
    tally.roles_gold += len(gold)
    tally.roles_pred += len(pred)
    tally.roles_matched += len(pairs)
    for g, p in pairs:
        if gold[g]["org_id"] is not None:
            tally.role_orgs_gold += 1
            gold_org = id_forms(gold[g]["org_id"], gold_entities)
            tally.role_orgs_right += bool(gold_org & id_forms(pred[p].get("org_id"), pred_entities))


def score_relations(gold_doc: dict[str, Any], pred_doc: dict[str, Any], tally: Tally) -> None:
    """RELATIONS.md's scoring (bench/score_relations.py): typed and untyped matches, each type, and dates."""
    gold = dated_relations(gold_doc, gold=True)
    pred = dated_relations(pred_doc)
    gold_relations, pred_relations = [r for r, _ in gold], [r for r, _ in pred]
    labelled = match_relations(gold_relations, pred_relations, labelled=True)
    tally.relations_gold += len(gold)
    tally.relations_pred += len(pred)
    tally.relations_matched += len(labelled)
    tally.relations_matched_unlabelled += len(match_relations(gold_relations, pred_relations, labelled=False))
    for relation in gold_relations:
        tally.by_relation.setdefault(relation.predicate, [0, 0, 0])[0] += 1
    for relation in pred_relations:
        tally.by_relation.setdefault(relation.predicate, [0, 0, 0])[1] += 1
    for g, p in labelled:
        tally.by_relation[gold_relations[g].predicate][2] += 1
        if gold[g][1]:
            tally.relation_dates_gold += 1
            tally.relation_dates_right += gold[g][1] == pred[p][1]


# ---------------------------------------------------------------- the whole set


@dataclass
class Report:
    micro: Tally
    documents: dict[str, Tally]
    errors: dict[str, str]
    statement_problems: dict[str, list[str]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "micro": self.micro.figures(),
            "counts": self.micro.counts(),
            "documents": {doc_id: tally.figures() for doc_id, tally in self.documents.items()},
            "errors": self.errors,
        }


def score(gold_docs: list[dict[str, Any]], pred_docs: list[dict[str, Any]]) -> Report:
    """Score predictions per document and micro-averaged; a missing or failed document predicts nothing."""
    predictions = {doc["id"]: doc for doc in pred_docs}
    micro, documents, errors, problems = Tally(), {}, {}, {}
    for gold_doc in gold_docs:
        pred_doc = predictions.get(gold_doc["id"])
        if pred_doc is None:
            errors[gold_doc["id"]] = "no prediction for this document"
            pred_doc = {}
        elif pred_doc.get("error"):
            errors[gold_doc["id"]] = str(pred_doc["error"])
        tally = Tally()
        problems[gold_doc["id"]] = score_statements(gold_doc, pred_doc, tally)
        score_entities(gold_doc, pred_doc, tally)
        score_roles(gold_doc, pred_doc, tally)
        score_relations(gold_doc, pred_doc, tally)
        documents[gold_doc["id"]] = tally
        micro.add(tally)
    return Report(micro, documents, errors, problems)


# ---------------------------------------------------------------- running an extractor


def run_extractor(docs_path: Path, settings: Any = None, language: Any = None) -> list[dict[str, Any]]:
    """The project's extractor over the documents, through its Python API (no embeddings: not scored); with
    ``language``, that loaded spaCy pipeline instead of a new one."""
    from core.settings import load_settings
    from nlp.runtime.extract import Extractor

    articles = read_articles(docs_path)
    extractor = Extractor(settings if settings is not None else load_settings(), language=language, embed=False)
    return [extraction.to_contract() for extraction in extractor.extract(articles)]


# ---------------------------------------------------------------- what each entity rule is worth

ALL_RULES_ON = "(all rules on)"
ABLATION_FIGURES = ("statement_f1", "speaker_accuracy", "entity_f1", *SCORED_ENTITY_TYPES, "role_f1")
_ABLATION_HEADINGS = ("statements", "speaker", "entities", *SCORED_ENTITY_TYPES, "roles")


def ablation_figures(tally: Tally) -> dict[str, float | None]:
    """Statement F1, speaker accuracy, entity F1, entity F1 per type and role F1."""
    figures = tally.figures()
    per_type = {}
    for entity_type in SCORED_ENTITY_TYPES:
        gold, predicted, matched = tally.by_type[entity_type]
        per_type[entity_type] = prf(matched, predicted, gold)[2]
    return {name: figures[name] if name in figures else per_type[name] for name in ABLATION_FIGURES}


def ablate(rules: list[str]) -> dict[str, dict[str, dict[str, float | None]]]:
    """Each evaluation set scored with all entity rules on, then with each rule off in turn:
    set → (ALL_RULES_ON or the rule switched off) → figures. The spaCy model is loaded once."""
    from core.settings import load_settings
    from nlp.runtime.pipeline import entities_config, load_pipeline

    settings = load_settings()
    language = load_pipeline(settings)
    results: dict[str, dict[str, dict[str, float | None]]] = {name: {} for name in EVALUATION_SETS}
    for label, disabled in [(ALL_RULES_ON, []), *((rule, [rule]) for rule in rules)]:
        config = entities_config(settings, disabled)
        language.replace_pipe("newsgraph_entities", "newsgraph_entities", config=config)
        for name in EVALUATION_SETS:
            gold = list(read_jsonl(DATA_DIR / name / "gold.jsonl"))
            pred = run_extractor(DATA_DIR / name / "docs.jsonl", settings, language)
            results[name][label] = ablation_figures(score(gold, pred).micro)
    return results


def _change(value: float | None, reference: float | None) -> str:
    if value is None or reference is None or round(100 * value, 1) == round(100 * reference, 1):
        return f"{_percent(value)}      "
    return f"{_percent(value)} {100 * (value - reference):+5.1f}"


def format_ablation(results: dict[str, dict[str, dict[str, float | None]]]) -> str:
    """A block per evaluation set: the figures with all rules on, then a line per rule switched off, each figure
    followed by its change in points when it moved."""
    lines = ["Entity rules switched off one at a time: figures in %, then the change from all rules on"]
    for name, by_label in results.items():
        reference = by_label[ALL_RULES_ON]
        lines += [
            "",
            f"{name}:",
            f"  {'rule off':36}" + "".join(f" {heading[:12]:>12}" for heading in _ABLATION_HEADINGS),
        ]
        for label, figures in by_label.items():
            cells = (_change(figures[f], reference[f]) for f in ABLATION_FIGURES)
            lines.append(f"  {label:36}" + "".join(f" {cell:>12}" for cell in cells))
    return "\n".join(lines)


# ---------------------------------------------------------------- floors of the quality gate


def rounded_down(value: float) -> float:
    return math.floor(value * 100 + 1e-9) / 100


def floors_below(figures: dict[str, float | None], floors: dict[str, float]) -> dict[str, tuple[float | None, float]]:
    """The figures under their floor, as name -> (measured, floor)."""
    unknown = set(floors) - set(figures)
    if unknown:
        raise ValueError(f"floors name unknown figures: {sorted(unknown)}")
    return {
        name: (figures[name], floor)
        for name, floor in floors.items()
        if figures[name] is None or figures[name] < floor  # type: ignore[operator]
    }


def raise_floors(path: Path, figures: dict[str, float | None]) -> dict[str, float]:
    """Raise each floor to the measured figure rounded down to 0.01; a floor is never lowered here."""
    data = json.loads(path.read_text(encoding="utf-8"))
    floors = data["floors"]
    for name, floor in floors.items():
        measured = figures[name]
        if measured is not None:
            floors[name] = max(floor, rounded_down(measured))
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return floors


# ---------------------------------------------------------------- output


def _percent(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:6.1f}"


def _type_line(entity_type: str, gold: int, predicted: int, matched: int) -> str:
    precision, recall, f1 = prf(matched, predicted, gold)
    return (
        f"    {entity_type:20} P {_percent(precision)}  R {_percent(recall)}  F1 {_percent(f1)}"
        f"   (gold {gold}, predicted {predicted}, matched {matched})"
    )


def format_report(report: Report, label: str, per_doc: bool, mistakes: bool = False) -> str:
    figures = report.micro.figures()
    counts = report.micro
    lines = [
        f"{label}: {len(report.documents)} documents",
        f"  statements  P {_percent(figures['statement_precision'])}  R {_percent(figures['statement_recall'])}"
        f"  F1 {_percent(figures['statement_f1'])}   (gold {counts.statements_gold}, predicted"
        f" {counts.statements_pred}, matched {counts.statements_matched})",
        f"  speaker accuracy {_percent(figures['speaker_accuracy'])}   attributed-statement F1"
        f" {_percent(figures['attributed_statement_f1'])}",
        f"  confidence >= {CONFIDENT}: {_percent(figures['confident_share'])} % of statements, speaker accuracy"
        f" {_percent(figures['confident_speaker_accuracy'])}",
        f"  kind accuracy {_percent(figures['kind_accuracy'])}   cue accuracy {_percent(figures['cue_accuracy'])}"
        f"   date accuracy {_percent(figures['date_accuracy'])}",
        f"  entities    P {_percent(figures['entity_precision'])}  R {_percent(figures['entity_recall'])}"
        f"  F1 {_percent(figures['entity_f1'])}   (gold {counts.entities_gold}, predicted {counts.entities_pred})",
        *(_type_line(entity_type, *tallies) for entity_type, tallies in counts.by_type.items()),
        f"  roles       P {_percent(figures['role_precision'])}  R {_percent(figures['role_recall'])}"
        f"  F1 {_percent(figures['role_f1'])}   (gold {counts.roles_gold}, predicted {counts.roles_pred});"
        f" organisation right {_percent(figures['role_org_accuracy'])}",
        f"  relations   P {_percent(figures['relation_precision'])}  R {_percent(figures['relation_recall'])}"
        f"  F1 {_percent(figures['relation_f1'])}   unlabelled P {_percent(figures['relation_unlabelled_precision'])}"
        f"  R {_percent(figures['relation_unlabelled_recall'])}  F1 {_percent(figures['relation_unlabelled_f1'])}"
        f"   (gold {counts.relations_gold}, predicted {counts.relations_pred}); date right"
        f" {_percent(figures['relation_date_accuracy'])}",
        *(
            _type_line(kind, *counts.by_relation[kind])
            for kind in (*RELATION_TYPES, *sorted(set(counts.by_relation) - set(RELATION_TYPES)))
            if kind in counts.by_relation
        ),
    ]
    if per_doc:
        lines.append(
            f"  {'document':34} {'stmt P':>7} {'R':>6} {'F1':>6} {'spkr':>6} {'ent F1':>7} {'role F1':>7}"
            f" {'rel F1':>7} {'rel found':>9} {'false':>5}"
        )
        for doc_id, tally in report.documents.items():
            f = tally.figures()
            false_relations = tally.relations_pred - tally.relations_matched
            lines.append(
                f"  {doc_id:34} {_percent(f['statement_precision'])} {_percent(f['statement_recall'])}"
                f" {_percent(f['statement_f1'])} {_percent(f['speaker_accuracy'])} {_percent(f['entity_f1'])}"
                f"  {_percent(f['role_f1'])}  {_percent(f['relation_f1'])}"
                f" {tally.relations_matched:4}/{tally.relations_gold:<4} {false_relations:5}"
            )
    lines += [f"  error in {doc_id}: {message}" for doc_id, message in report.errors.items()]
    if mistakes:
        lines += [f"  {doc_id}: {line}" for doc_id, lines_ in report.statement_problems.items() for line in lines_]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD_DIR / "gold.jsonl")
    parser.add_argument("--pred", type=Path, help="extract output (JSON Lines) to score")
    parser.add_argument("--docs", type=Path, default=GOLD_DIR / "docs.jsonl", help="input documents for --run")
    parser.add_argument("--run", action="store_true", help="run the project's extractor on --docs first")
    parser.add_argument("--baseline", action="store_true", help="also score a plain reporting-verb extractor")
    parser.add_argument("--save", type=Path, help="write the extractor's output here (with --run)")
    parser.add_argument("--per-doc", action="store_true", help="a line per document")
    parser.add_argument("--errors", action="store_true", help="list missed, extra and wrongly attributed statements")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--raise-floors",
        type=Path,
        metavar="FLOORS_JSON",
        help="raise the quality gate's floors to the extractor's figures (never lowers them)",
    )
    parser.add_argument(
        "--ablate",
        action="append",
        metavar="RULE",
        help="score the evaluation sets (tests/data/{gold,heldout,patterns}) with this entity rule switched off, "
        "beside all rules on; repeatable; 'all' switches off each rule in turn",
    )
    parser.add_argument("--list-rules", action="store_true", help="print the entity rules in order, as Markdown")
    args = parser.parse_args(argv)
    if args.list_rules or args.ablate:
        return _rules_command(args)
    if not (args.pred or args.run or args.baseline):
        parser.error("give --pred FILE, --run, --baseline, --ablate RULE or --list-rules")
    gold = list(read_jsonl(args.gold))
    reports: dict[str, Report] = {}
    if args.pred or args.run:
        try:
            pred = list(read_jsonl(args.pred)) if args.pred else run_extractor(args.docs)
        except ImportError as e:
            print(f"error: the project's extractor cannot be imported ({e}); score a file with --pred", file=sys.stderr)
            return 2
        if args.save:
            args.save.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pred), encoding="utf-8")
        reports["newsgraph"] = score(gold, pred)
    if args.baseline:
        from baseline_extract import baseline_extract

        reports["baseline"] = score(gold, baseline_extract(list(read_jsonl(args.docs))))
    if args.raise_floors and "newsgraph" in reports:
        raise_floors(args.raise_floors, reports["newsgraph"].micro.figures())
    if args.json:
        print(json.dumps({label: report.as_dict() for label, report in reports.items()}, indent=2))
    else:
        print("\n\n".join(format_report(report, label, args.per_doc, args.errors) for label, report in reports.items()))
    return 0


def _rules_command(args: argparse.Namespace) -> int:
    from core.errors import ConfigError
    from nlp.entities.finders import RULES, checked_rule_names, rules_table

    if args.list_rules:
        print(rules_table(), end="")
        return 0
    rules = [rule.name for rule in RULES] if "all" in args.ablate else args.ablate
    try:
        checked_rule_names(rules)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    results = ablate(rules)
    print(json.dumps(results, indent=2) if args.json else format_ablation(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
