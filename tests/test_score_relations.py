"""The relation scorer (bench/score_relations.py) on hand-made gold/prediction pairs with exact expected figures."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import score_relations as sr  # noqa: E402
from gold_format import entity_id  # noqa: E402


def entity(name, entity_type="Organization", aliases=()):
    return {"id": entity_id(entity_type, name), "name": name, "type": entity_type, "aliases": list(aliases)}


GOLD_ENTITIES = [
    entity("Justin Trudeau", "Person", ["Trudeau"]),
    entity("Ministry of the Interior", aliases=["Interior Ministry", "MUP"]),
    entity("Griffeye", aliases=["Grifaj"]),
    entity("Europol"),
    entity("Serbia", "Location"),
    entity("Huawei"),
    entity("Milan Marinović", "Person", ["Marinović"]),
    entity("draft police law", "Law"),
]


def gold_relation(subject, predicate, obj):
    return {
        "subject_id": next(e["id"] for e in GOLD_ENTITIES if e["name"] == subject),
        "predicate": predicate,
        "object_id": next(e["id"] for e in GOLD_ENTITIES if e["name"] == obj),
        "start": 0,
        "end": 1,
        "date": None,
        "subject": subject,
        "object": obj,
    }


def gold_doc(*relations, doc_id="d"):
    return {"id": doc_id, "entities": GOLD_ENTITIES, "relations": [gold_relation(*r) for r in relations]}


def predicted_doc(*relations, doc_id="d"):
    """A newsgraph extract line: relations by entity ids, names in the entity list."""
    names = {name for subject, _, obj in relations for name in (subject, obj)}
    entities = [entity(name) for name in sorted(names)]
    ids = {e["name"]: e["id"] for e in entities}
    return {
        "id": doc_id,
        "entities": entities,
        "relations": [
            {"subject_id": ids[s], "predicate": p, "object_id": ids[o], "start": 0, "end": 1} for s, p, o in relations
        ],
    }


def labelled_and_unlabelled(gold, predicted):
    report = sr.score([gold], [predicted])
    return report.labelled.figures(), report.unlabelled.figures()


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        (("Europol", "USES", "Griffeye"), ("Europol", "USES", "Griffeye")),
        (("Europol", "USES", "Griffeye"), ("europol", "USES", "GRIFFEYE")),  # casefolded
        (("Milan Marinović", "OPPOSES", "draft police law"), ("Marinovic", "OPPOSES", "the draft police law")),
        (("Milan Marinović", "OPPOSES", "draft police law"), ("Marinović's", "OPPOSES", "draft police law")),
        (("Justin Trudeau", "MEETS", "Serbia"), ("Trudeau", "MEETS", "Serbia")),  # contained in the gold name
        (("Europol", "USES", "Griffeye"), ("Europol", "USES", "Griffeye software")),  # gold contained in prediction
        (("Europol", "USES", "Griffeye"), ("Europol", "USES", "Grifaj")),  # a gold alias
        (("Griffeye", "SUPPLIES", "Ministry of the Interior"), ("Griffeye", "SUPPLIES", "Interior Ministry")),
        (("Serbia", "AGREEMENT_WITH", "Huawei"), ("Huawei", "AGREEMENT_WITH", "Serbia")),  # symmetric
        (("Justin Trudeau", "MEETS", "Serbia"), ("Serbia", "MEETS", "Justin Trudeau")),  # symmetric
    ],
)
def test_labelled_match(gold, predicted):
    labelled, unlabelled = labelled_and_unlabelled(gold_doc(gold), predicted_doc(predicted))
    assert labelled["f1"] == 1.0
    assert unlabelled["f1"] == 1.0


@pytest.mark.parametrize(
    ("gold", "predicted", "unlabelled_f1"),
    [
        # a directed type the other way round: only the unlabelled score accepts it
        (("Griffeye", "SUPPLIES", "Ministry of the Interior"), ("Ministry of the Interior", "SUPPLIES", "Griffeye"), 1),
        (("Europol", "USES", "Griffeye"), ("Europol", "PARTNERS_WITH", "Griffeye"), 1),  # another type
        (("Europol", "USES", "Griffeye"), ("Europol", "USE", "Griffeye"), 1),  # a verb, not one of the 15 types
        (("Europol", "USES", "Griffeye"), ("Europol", "USES", "Huawei"), 0),  # another object
        (("Serbia", "AGREEMENT_WITH", "Huawei"), ("Serbian", "AGREEMENT_WITH", "Huawei"), 0),  # another word
        (("Serbia", "AGREEMENT_WITH", "Huawei"), ("Serbia", "AGREEMENT_WITH", "Huaweii"), 0),  # not the same word
        # words in another order are not contained: "draft law" is not a run of "draft police law"
        (("Milan Marinović", "OPPOSES", "draft police law"), ("Marinović", "OPPOSES", "draft law"), 0),
        (("Milan Marinović", "OPPOSES", "draft police law"), ("Marinović", "OPPOSES", "police draft law"), 0),
        # part of a word is not a word: "Europ" is not contained in "Europol"
        (("Europol", "USES", "Griffeye"), ("Europ", "USES", "Griffeye"), 0),
    ],
)
def test_no_labelled_match(gold, predicted, unlabelled_f1):
    labelled, unlabelled = labelled_and_unlabelled(gold_doc(gold), predicted_doc(predicted))
    assert labelled["precision"] == labelled["recall"] == labelled["f1"] == 0.0
    assert unlabelled["f1"] == unlabelled_f1


def test_a_contained_name_matches_either_way():
    # RELATIONS.md: one name contained in the other counts, so a single shared word is enough
    gold = gold_doc(("Justin Trudeau", "MEETS", "Serbia"))
    assert labelled_and_unlabelled(gold, predicted_doc(("Justin", "MEETS", "Republic of Serbia")))[0]["f1"] == 1.0


def test_micro_figures_one_to_one_duplicates_once_and_per_type():
    gold = gold_doc(
        ("Serbia", "AGREEMENT_WITH", "Huawei"),
        ("Griffeye", "SUPPLIES", "Ministry of the Interior"),
        ("Europol", "USES", "Griffeye"),
        ("Milan Marinović", "OPPOSES", "draft police law"),
    )
    predicted = predicted_doc(
        ("Huawei", "AGREEMENT_WITH", "Serbia"),  # right (symmetric)
        ("Huawei", "AGREEMENT_WITH", "Serbia"),  # the same again: counted once
        ("Ministry of the Interior", "SUPPLIES", "Griffeye"),  # wrong direction
        ("Europol", "USES", "Griffeye"),  # right
        ("Europol", "REMOVE", "Huawei"),  # not a relation of the gold
    )
    report = sr.score([gold], [predicted])
    labelled = report.labelled.figures()
    assert (labelled["gold"], labelled["predicted"]) == (4, 4)
    assert labelled["precision"] == 0.5 and labelled["recall"] == 0.5 and labelled["f1"] == 0.5
    unlabelled = report.unlabelled.figures()
    assert unlabelled["precision"] == 0.75 and unlabelled["recall"] == 0.75
    assert report.labelled.figures("USES")["f1"] == 1.0
    assert report.labelled.figures("SUPPLIES") == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "gold": 1,
        "predicted": 1,
    }
    assert report.labelled.figures("OPPOSES")["precision"] is None  # nothing predicted of that type
    assert report.labelled.figures("REMOVE")["recall"] is None  # no gold of that type
    assert report.unlabelled.figures("SUPPLIES")["recall"] == 1.0


def test_each_prediction_matches_one_gold_relation():
    # "Trudeau" could match both people; the pairing gives each gold relation its own prediction
    gold = {
        "id": "d",
        "entities": [entity("Justin Trudeau", "Person"), entity("Pierre Trudeau", "Person"), entity("Serbia")],
        "relations": [
            {"subject_id": "person:justin-trudeau", "predicate": "MEETS", "object_id": "organization:serbia"},
            {"subject_id": "person:pierre-trudeau", "predicate": "MEETS", "object_id": "organization:serbia"},
        ],
    }
    one = sr.score([gold], [predicted_doc(("Trudeau", "MEETS", "Serbia"))]).labelled.figures()
    assert (one["precision"], one["recall"]) == (1.0, 0.5)
    two = sr.score([gold], [predicted_doc(("Trudeau", "MEETS", "Serbia"), ("Pierre Trudeau", "MEETS", "Serbia"))])
    assert two.labelled.figures()["f1"] == 1.0


def test_documents_are_scored_apart_and_a_missing_prediction_has_no_relations():
    gold = [
        gold_doc(("Europol", "USES", "Griffeye"), doc_id="a"),
        gold_doc(("Europol", "USES", "Griffeye"), doc_id="b"),
    ]
    predicted = [predicted_doc(("Europol", "USES", "Griffeye"), doc_id="b")]
    report = sr.score(gold, predicted)
    assert report.labelled.figures()["recall"] == 0.5 and report.missing == ["a"]
    assert sr.score(gold, predicted, only_predicted=True).labelled.figures()["recall"] == 1.0
    # a relation of document b does not count for document a
    assert sr.score(gold[:1], [dict(predicted[0], id="c")]).labelled.figures()["recall"] == 0.0


def test_records_written_with_names_instead_of_ids():
    predicted = {"id": "d", "relations": [{"subject": "Europol", "type": "USES", "object": "Grifaj"}]}
    assert sr.score([gold_doc(("Europol", "USES", "Griffeye"))], [predicted]).labelled.figures()["f1"] == 1.0


def test_main_prints_labelled_and_unlabelled_per_type(tmp_path, capsys):
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text(json.dumps(gold_doc(("Europol", "USES", "Griffeye"))) + "\n")
    pred_path.write_text(json.dumps(predicted_doc(("Griffeye", "USES", "Europol"))) + "\n")
    assert sr.main(["--gold", str(gold_path), "--pred", str(pred_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split()[:4] == ["all", "0.0", "0.0", "0.0"] and line.split()[-1] == "100.0" for line in lines)
    assert any(line.split()[0] == "USES" for line in lines)


def test_the_scorer_knows_the_15_types_and_the_3_symmetric_ones():
    assert len(sr.RELATION_TYPES) == 15
    assert sorted(sr.SYMMETRIC_RELATIONS) == ["AGREEMENT_WITH", "MEETS", "PARTNERS_WITH"]


# ---------------------------------------------------------------- the committed relation gold

DATA = Path(__file__).resolve().parent / "data"


def test_relation_passages_cover_every_type_six_times_and_have_negatives():
    gold = list(sr.read_jsonl(DATA / "relations" / "gold.jsonl"))
    counts = Counter(r["predicate"] for g in gold for r in g["relations"])
    assert set(counts) == set(sr.RELATION_TYPES)
    assert min(counts.values()) >= 6, counts
    negatives = [g for g in gold if g["id"].startswith("none-")]
    assert len(negatives) >= 6 and all(not g["relations"] for g in negatives)


def test_gold_scored_against_itself_is_perfect():
    for folder in ("gold", "relations"):
        gold = list(sr.read_jsonl(DATA / folder / "gold.jsonl"))
        report = sr.score(gold, gold)
        assert report.labelled.figures()["f1"] == report.unlabelled.figures()["f1"] == 1.0
