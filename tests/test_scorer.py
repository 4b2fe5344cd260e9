"""The extract scorer and the gold-set tools, on tiny hand-made gold/prediction pairs with exact expected figures.

None of these need the extractor: they pin down what the quality gate's numbers mean.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import build_gold  # noqa: E402
import score_extract as se  # noqa: E402
import validate_gold  # noqa: E402
from gold_format import entity_id, name_key, read_jsonl  # noqa: E402

GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"
RELATIONS_DIR = Path(__file__).resolve().parent / "data" / "relations"

PETROVSKI = {
    "id": "person:andrej-petrovski",
    "name": "Andrej Petrovski",
    "type": "Person",
    "aliases": ["Petrovski"],
    "mentions": [],
}
STEFANOVIC = {
    "id": "person:nebojsa-stefanovic",
    "name": "Nebojša Stefanović",
    "type": "Person",
    "aliases": ["Stefanović"],
    "mentions": [],
}
MINISTRY = {
    "id": "organization:ministry-of-the-interior",
    "name": "Ministry of the Interior",
    "type": "Organization",
    "aliases": ["Interior Ministry", "MUP"],
    "mentions": [],
}


def statement(start, end, speaker=None, kind="direct", speaker_id=None, cue="said", date="2022-12-02"):
    return {
        "start": start,
        "end": end,
        "text": "x" * (end - start),
        "kind": kind,
        "speaker": speaker,
        "speaker_mention": None,
        "speaker_id": speaker_id,
        "cue": cue,
        "addressee": None,
        "date": date,
    }


def doc(statements=(), entities=(), roles=(), doc_id="d1"):
    return {
        "id": doc_id,
        "statements": list(statements),
        "entities": list(entities),
        "roles": list(roles),
        "relations": [],
        "error": None,
    }


def entity(name, entity_type, aliases=()):
    return {
        "id": entity_id(entity_type, name),
        "name": name,
        "type": entity_type,
        "aliases": list(aliases),
        "mentions": [],
    }


# ---------------------------------------------------------------- span matching


@pytest.mark.parametrize(
    ("pred_span", "expected"),
    [
        ((0, 100), 100),  # exact
        ((0, 60), 60),  # 60% of gold, all of the prediction
        ((50, 150), 50),  # exactly half of each side still matches
        ((0, 40), 0),  # covers only 40% of the gold span
        ((0, 250), 0),  # the gold span is only 40% of the prediction
        ((100, 180), 0),  # touching, no overlap
    ],
)
def test_span_overlap_needs_half_of_both_spans(pred_span, expected):
    assert se.span_overlap(statement(0, 100), statement(*pred_span)) == expected


def test_a_split_quote_predicted_as_one_span_matches_only_its_larger_part():
    gold = [statement(10, 50), statement(70, 90)]
    pred = [statement(10, 90)]
    assert se.match_statements(gold, pred) == [(0, 0)]
    report = se.score([doc(gold)], [doc(pred)])
    figures = report.micro.figures()
    assert (figures["statement_precision"], figures["statement_recall"]) == (1.0, 0.5)
    assert figures["statement_f1"] == pytest.approx(2 / 3)


def test_matching_is_one_to_one_and_prefers_the_larger_overlap():
    gold = [statement(0, 100)]
    pred = [statement(0, 70), statement(0, 95)]
    assert se.match_statements(gold, pred) == [(0, 1)]
    counts = se.score([doc(gold)], [doc(pred)]).micro
    assert (counts.statements_matched, counts.statements_pred, counts.statements_gold) == (1, 2, 1)


# ---------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    ("gold_speaker", "gold_id", "predicted", "right"),
    [
        ("Nebojša Stefanović", STEFANOVIC["id"], "Nebojsa Stefanovic", True),  # diacritics-insensitive
        ("Nebojša Stefanović", STEFANOVIC["id"], "NEBOJŠA STEFANOVIĆ", True),  # casefolded
        ("Andrej Petrovski", PETROVSKI["id"], "Petrovski", False),  # a surname is not the resolved speaker
        ("Andrej Petrovski", PETROVSKI["id"], "he", False),
        ("Andrej Petrovski", PETROVSKI["id"], None, False),
        ("Ministry of the Interior", MINISTRY["id"], "the Interior Ministry", True),  # an organisation's alias
        ("Ministry of the Interior", MINISTRY["id"], "MUP", True),
        ("digital rights groups", None, "digital rights groups in Serbia", True),  # unnamed group: head noun
        ("experts", None, "some experts", True),
        ("experts", None, "activists", False),
    ],
)
def test_speaker_rules(gold_speaker, gold_id, predicted, right):
    entities = {e["id"]: e for e in (PETROVSKI, STEFANOVIC, MINISTRY)}
    gold = statement(0, 10, gold_speaker, speaker_id=gold_id)
    assert se.speaker_right(gold, statement(0, 10, predicted), entities) is right


def test_statement_figures_on_a_small_document():
    gold = doc(
        [
            statement(0, 100, "Andrej Petrovski", speaker_id=PETROVSKI["id"]),
            statement(200, 300, "Nebojša Stefanović", kind="indirect", speaker_id=STEFANOVIC["id"]),
            statement(400, 450, "Andrej Petrovski", speaker_id=PETROVSKI["id"]),  # missed
        ],
        [PETROVSKI, STEFANOVIC],
    )
    pred = doc(
        [
            statement(0, 100, "Andrej Petrovski"),  # right span, speaker, kind
            statement(210, 300, "Stefanović", kind="mixed", cue="claimed", date="2019-01-01"),  # wrong speaker/kind
            statement(600, 650, "Andrej Petrovski"),  # not a statement in the gold
        ]
    )
    figures = se.score([gold], [pred]).micro.figures()
    assert figures["statement_precision"] == pytest.approx(2 / 3)
    assert figures["statement_recall"] == pytest.approx(2 / 3)
    assert figures["statement_f1"] == pytest.approx(2 / 3)
    assert figures["speaker_accuracy"] == 0.5
    assert figures["attributed_statement_f1"] == pytest.approx(1 / 3)
    assert figures["kind_accuracy"] == 0.5
    assert figures["cue_accuracy"] == 0.5
    assert figures["date_accuracy"] == 0.5


def test_cue_agrees_when_one_contains_the_other():
    assert se.cue_right(statement(0, 1, cue="told"), statement(0, 1, cue="told reporters"))
    assert not se.cue_right(statement(0, 1, cue="told"), statement(0, 1, cue="said"))


# ---------------------------------------------------------------- entities and roles


def test_entities_match_on_type_and_a_shared_name_or_alias():
    gold = doc(
        entities=[
            MINISTRY,
            entity("Serbia", "Location"),
            entity("Huawei", "Organization"),
            entity("Mini Countryman", "Product"),
        ]
    )
    pred = doc(
        entities=[
            entity("Interior Ministry", "Organization"),  # an alias of the gold ministry
            entity("Serbia", "Organization"),  # wrong type
            entity("Huawei", "Organization"),
            entity("Huawei Technologies", "Organization", ["Huawei"]),  # the same entity found twice
            entity("Mini Countryman", "Product"),  # Product is not scored, on either side
        ]
    )
    counts = se.score([gold], [pred]).micro
    assert (counts.entities_gold, counts.entities_pred, counts.entities_matched) == (3, 4, 2)
    figures = counts.figures()
    assert figures["entity_precision"] == 0.5
    assert figures["entity_recall"] == pytest.approx(2 / 3)
    assert figures["entity_f1"] == pytest.approx(4 / 7)
    assert counts.by_type["Location"] == [1, 0, 0]
    assert counts.by_type["Organization"] == [2, 4, 2]


def test_roles_match_on_person_and_title_and_report_the_organisation():
    share = entity("SHARE Foundation", "Organization")
    gold = doc(
        entities=[PETROVSKI, STEFANOVIC, MINISTRY, share],
        roles=[
            {
                "person_id": STEFANOVIC["id"],
                "title": "Interior Minister",
                "org_id": MINISTRY["id"],
                "start": 0,
                "end": 5,
            },
            {"person_id": PETROVSKI["id"], "title": "technical director", "org_id": share["id"], "start": 9, "end": 20},
        ],
    )
    stefanovic = entity("Nebojsa Stefanovic", "Person", ["Stefanovic"])
    pred = doc(
        entities=[stefanovic, entity("Andrej Petrovski", "Person")],
        roles=[
            {"person_id": stefanovic["id"], "title": "then-Interior Minister", "org_id": None, "start": 0, "end": 5},
            {
                "person_id": stefanovic["id"],
                "title": "then-Interior Minister",
                "org_id": None,
                "start": 50,
                "end": 55,
            },  # the same role again counts once
            {
                "person_id": "person:andrej-petrovski",
                "title": "director",
                "org_id": "organization:share-foundation",
                "start": 9,
                "end": 20,
            },
            {"person_id": "person:andrej-petrovski", "title": "activist", "org_id": None, "start": 30, "end": 40},
        ],
    )
    figures = se.score([gold], [pred]).micro.figures()
    assert (figures["role_precision"], figures["role_recall"]) == (pytest.approx(2 / 3), 1.0)
    assert figures["role_f1"] == pytest.approx(0.8)
    assert figures["role_org_accuracy"] == 0.5  # Petrovski's organisation found (by id slug), Stefanović's not


def test_titles_agree_without_qualifiers_and_by_contained_words():
    assert se.titles_agree("Interior Minister", "then-Interior Minister")
    assert se.titles_agree("President", "Serbian President")
    assert not se.titles_agree("President", "Vice-Presidential candidate")
    assert not se.titles_agree("director", "")


# ---------------------------------------------------------------- whole runs


def test_a_missing_or_failed_document_scores_as_predicting_nothing():
    gold = [doc([statement(0, 10, "Andrej Petrovski")], doc_id="a"), doc([statement(0, 10, "X")], doc_id="b")]
    pred = [{"id": "b", "statements": [], "entities": [], "roles": [], "relations": [], "error": "boom"}]
    report = se.score(gold, pred)
    assert report.errors == {"a": "no prediction for this document", "b": "boom"}
    assert report.micro.figures()["statement_recall"] == 0.0
    assert report.micro.figures()["speaker_accuracy"] is None


def test_prf_of_empty_sides():
    assert se.prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert se.prf(0, 3, 0) == (0.0, 0.0, 0.0)  # an empty side scores 1.0 only when the other is empty too
    assert se.prf(0, 0, 2) == (0.0, 0.0, 0.0)
    assert se.prf(3, 4, 6) == (0.75, 0.5, 0.6)


def test_command_line_prints_json_figures(tmp_path, capsys):
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text(json.dumps(doc([statement(0, 100, "A B")], [entity("A B", "Person")])) + "\n")
    pred_path.write_text(json.dumps(doc([statement(0, 80, "a b")], [entity("A B", "Person")])) + "\n")
    assert se.main(["--gold", str(gold_path), "--pred", str(pred_path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["newsgraph"]["micro"]
    assert figures["statement_f1"] == 1.0
    assert figures["speaker_accuracy"] == 1.0
    assert figures["entity_f1"] == 1.0


def test_name_key_folds_case_diacritics_articles_and_possessives():
    assert name_key("the Interior Ministry's") == name_key("Interior Ministry") == "interior ministry"
    assert name_key("Marinović") == name_key("MARINOVIC")
    assert name_key("Đorđe") == "dorde"


# ---------------------------------------------------------------- the committed gold set


def test_committed_gold_is_consistent_with_its_documents():
    assert validate_gold.validate(GOLD_DIR / "gold.jsonl", GOLD_DIR / "docs.jsonl") == []


def test_committed_gold_is_what_the_annotation_files_compile_to():
    compiled = build_gold.build(GOLD_DIR / "docs.jsonl", GOLD_DIR / "annotations")
    assert compiled == list(read_jsonl(GOLD_DIR / "gold.jsonl"))


@pytest.mark.parametrize("folder", [GOLD_DIR, RELATIONS_DIR], ids=["gold", "relations"])
def test_committed_relations_are_consistent_and_compiled(folder):
    assert validate_gold.validate(folder / "gold.jsonl", folder / "docs.jsonl") == []
    compiled = build_gold.build(folder / "docs.jsonl", folder / "annotations")
    assert [g["relations"] for g in compiled] == [g["relations"] for g in read_jsonl(folder / "gold.jsonl")]
    assert compiled == list(read_jsonl(folder / "gold.jsonl"))


def test_gold_set_size_meets_the_issue():
    gold = list(read_jsonl(GOLD_DIR / "gold.jsonl"))
    ids = [g["id"] for g in gold]
    assert "rferl-serbia-surveillance-part1" in ids
    assert sum(i.startswith("wikinews-") for i in ids) >= 12
    assert sum(bool(g["statements"]) for g in gold) >= 13
    assert sum(len(g["statements"]) for g in gold) >= 150
    assert {s["kind"] for g in gold for s in g["statements"]} == {"direct", "indirect", "mixed"}


def test_validator_reports_a_shifted_span_and_a_bad_id(tmp_path):
    docs = [{"id": "d", "text": 'He said: "We will know." Then he left.'}]
    good = doc([dict(statement(10, 23, "A B"), text="We will know.")], [entity("A B", "Person")], doc_id="d")
    bad = json.loads(json.dumps(good))
    bad["statements"][0].update(start=11, end=24, text='e will know."')
    bad["entities"][0]["id"] = "person:someone-else"
    for name, rows in (("docs", docs), ("good", [good]), ("bad", [bad])):
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert validate_gold.validate(tmp_path / "good.jsonl", tmp_path / "docs.jsonl") == []
    problems = validate_gold.validate(tmp_path / "bad.jsonl", tmp_path / "docs.jsonl")
    assert any("quotation marks" in p for p in problems)
    assert any("id does not follow" in p for p in problems)


def test_relations_compile_to_the_contract_shape_and_are_validated(tmp_path):
    text = "Europol uses Griffeye's software. Serbia met Europol."
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "d", "text": text}) + "\n")
    entities = "".join(f'[[entity]]\nname = "{name}"\ntype = "Organization"\n' for name in ("Europol", "Griffeye"))
    relation = '[[relation]]\nsubject = "Europol"\ntype = "USES"\nobject = "Griffeye"\ntext = "Europol uses Griffeye"\n'
    (tmp_path / "d.toml").write_text(entities + relation + 'date = "2022-04"\n')
    (gold,) = build_gold.build(tmp_path / "docs.jsonl", tmp_path)
    assert gold["relations"] == [
        {
            "subject_id": "organization:europol",
            "predicate": "USES",
            "object_id": "organization:griffeye",
            "start": 0,
            "end": 21,
            "date": "2022-04",
            "subject": "Europol",
            "object": "Griffeye",
            "text": "Europol uses Griffeye",
        }
    ]
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(gold) + "\n")
    assert validate_gold.validate(good, tmp_path / "docs.jsonl") == []
    bad = json.loads(json.dumps(gold))
    bad["relations"][0].update(predicate="USE", date="April 2022")
    bad["relations"].append(dict(bad["relations"][0], object_id="location:serbia", predicate="MEETS", date=None))
    bad["relations"].append(dict(gold["relations"][0]))
    bad["relations"].append(dict(gold["relations"][0]))
    (tmp_path / "bad.jsonl").write_text(json.dumps(bad) + "\n")
    problems = validate_gold.validate(tmp_path / "bad.jsonl", tmp_path / "docs.jsonl")
    assert any("unknown type 'USE'" in p for p in problems)
    assert any("is not YYYY, YYYY-MM or YYYY-MM-DD" in p for p in problems)
    assert any("object_id is not an annotated entity" in p for p in problems)
    assert any("annotated twice" in p for p in problems)
    (tmp_path / "d.toml").write_text(entities + relation.replace('"Griffeye"\ntext', '"Serbia"\ntext'))
    with pytest.raises(build_gold.GoldError, match="not annotated"):
        build_gold.build(tmp_path / "docs.jsonl", tmp_path)


def test_build_fails_loudly_on_a_span_missing_from_the_article(tmp_path):
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "d", "text": "Nothing was said."}) + "\n")
    (tmp_path / "d.toml").write_text('[[statement]]\ntext = "not there"\nkind = "direct"\nspeaker = "X"\n')
    with pytest.raises(build_gold.GoldError, match="not found"):
        build_gold.build(tmp_path / "docs.jsonl", tmp_path)


# ---------------------------------------------------------------- floors of the quality gate


def test_floors_below_lists_only_figures_under_their_floor():
    figures = {"statement_f1": 0.9, "speaker_accuracy": 0.87, "role_f1": None}
    floors = {"statement_f1": 0.9, "speaker_accuracy": 0.88, "role_f1": 0.5}
    assert se.floors_below(figures, floors) == {"speaker_accuracy": (0.87, 0.88), "role_f1": (None, 0.5)}
    with pytest.raises(ValueError, match="unknown"):
        se.floors_below(figures, {"statement_f2": 0.1})


def test_raise_floors_rounds_down_and_never_lowers(tmp_path):
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"about": "kept", "floors": {"statement_f1": 0.8, "speaker_accuracy": 0.9}}))
    floors = se.raise_floors(path, {"statement_f1": 0.8679, "speaker_accuracy": 0.85})
    assert floors == {"statement_f1": 0.86, "speaker_accuracy": 0.9}
    assert json.loads(path.read_text()) == {"about": "kept", "floors": floors}
    assert se.rounded_down(0.57) == 0.57  # no float drift below an exact hundredth


@pytest.mark.slow
def test_baseline_takes_say_sentences_whole_with_the_subject_as_speaker():
    from baseline_extract import baseline_extract

    text = 'Andrej Petrovski told RFE/RL that the government was clumsy. The sky is blue.\n"We will know," he said.'
    (result,) = baseline_extract([{"id": "d", "text": text, "published": "2022-12-02"}])
    statements = [(s["text"], s["kind"], s["speaker"], s["date"]) for s in result["statements"]]
    assert statements == [
        ("Andrej Petrovski told RFE/RL that the government was clumsy.", "indirect", "Andrej Petrovski", "2022-12-02"),
        ('"We will know," he said.', "direct", "he", "2022-12-02"),
    ]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in result["statements"])
    assert result["roles"] == []


def test_mistakes_are_listed_per_document():
    gold = doc(
        [statement(0, 100, "Andrej Petrovski", speaker_id=PETROVSKI["id"]), statement(200, 250, "X Y")], [PETROVSKI]
    )
    pred = doc([statement(0, 100, "he", kind="indirect"), statement(400, 420, "Z")])
    problems = se.score([gold], [pred]).statement_problems["d1"]
    assert [line.split(":")[0] for line in problems] == [
        "speaker 'he', gold 'Andrej Petrovski'",
        "kind 'indirect', gold 'direct'",
        "missed direct (X Y)",
        "extra direct (Z)",
    ]


def test_confident_statements_are_counted_apart():
    """`confident_share` is over every predicted statement; `confident_speaker_accuracy` over the matched ones."""
    gold = doc(
        [
            statement(0, 100, "Andrej Petrovski", speaker_id=PETROVSKI["id"]),
            statement(200, 300, "Nebojša Stefanović", speaker_id=STEFANOVIC["id"]),
            statement(400, 500, "Andrej Petrovski", speaker_id=PETROVSKI["id"]),
        ],
        [PETROVSKI, STEFANOVIC],
    )
    pred = doc(
        [
            {**statement(0, 100, "Andrej Petrovski"), "confidence": 0.99},  # confident, right
            {**statement(200, 300, "Andrej Petrovski"), "confidence": 0.8},  # confident, wrong
            {**statement(400, 500, "Andrej Petrovski"), "confidence": 0.79},  # right, not confident
            {**statement(600, 700, "Andrej Petrovski"), "confidence": 0.9},  # confident, not in the gold
            statement(800, 900, "Andrej Petrovski"),  # no confidence given: not confident
        ]
    )
    figures = se.score([gold], [pred]).micro.figures()
    assert figures["confident_share"] == pytest.approx(3 / 5)
    assert figures["confident_speaker_accuracy"] == 0.5
    assert (
        se.score([gold], [doc([statement(0, 100, "Andrej Petrovski")])]).micro.figures()["confident_speaker_accuracy"]
        is None
    )


def test_calibration_bands_and_summary():
    import calibrate_statements as cs

    gold = doc(
        [
            statement(0, 100, "Andrej Petrovski", speaker_id=PETROVSKI["id"]),
            statement(200, 300, "Nebojša Stefanović", speaker_id=STEFANOVIC["id"]),
            statement(400, 500, "Andrej Petrovski", speaker_id=PETROVSKI["id"]),
        ],
        [PETROVSKI, STEFANOVIC],
    )
    pred = doc(
        [
            {**statement(0, 100, "Andrej Petrovski"), "confidence": 0.95, "basis": "name"},
            {**statement(200, 300, "Andrej Petrovski"), "confidence": 0.85, "basis": "pronoun", "basis_distance": 2},
            {**statement(400, 500, "Andrej Petrovski"), "confidence": 0.4, "basis": "group"},
            {**statement(600, 700, "Andrej Petrovski"), "confidence": 0.9, "basis": "name"},
        ]
    )
    found = cs.judged([gold], [pred], {})
    assert [(j.matched, j.right) for j in found] == [(True, True), (True, False), (True, True), (False, False)]
    by_band = {(band.low, band.statements, band.matched, band.right) for band in cs.bands(found)}
    assert {(0.9, 2, 1, 1), (0.8, 1, 1, 0), (0.0, 1, 1, 1)} <= by_band
    figures = cs.summary(found)
    assert (figures["statements"], figures["matched"], figures["confident_statements"]) == (4, 3, 3)
    assert figures["confident_share"] == 0.75 and figures["confident_accuracy"] == 0.5
    # the unmatched statement is not fitted; these predictions name no entity (speaker_id null)
    assert cs.fit_counts(found) == {
        "group, one person": (1, 1),  # "Andrej Petrovski" as a group: no plural
        "name, not an entity, not a full name": (1, 1),
        # the statement before names nobody the article knows in full: not confident, so the pronoun leans on doubt
        "pronoun, 2-3 sentences back, not a full name, after an uncertain attribution": (0, 1),
    }
    table = cs.reliability_table({"development": found}, markdown=True)
    assert "| 0.8–0.9 | 1 | 0 / 1 (0.0 %) |" in table


def test_the_confidence_table_is_the_fit_of_the_recorded_first_scores():
    """nlp/statements/confidence.py's counts are what --fit gives from the first scores kept with the development
    sets, judged against their gold as it is now; no held-out set has one."""
    import calibrate_statements as cs

    from nlp.statements.confidence import FIRST_SCORE_COUNTS

    found = cs.first_scores(cs.DEVELOPMENT)
    assert len(found) >= 300
    assert cs.fit_counts(found) == FIRST_SCORE_COUNTS
    for folders in cs.HELDOUT.values():
        for name in folders:
            assert not (cs.DATA_DIR / name / cs.FIRST_SCORE).exists(), name


def test_cross_validation_judges_each_first_scored_set_by_a_fit_on_the_others():
    import calibrate_statements as cs

    lines = cs.cross_validation(cs.DEVELOPMENT).splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    first_scored = [name for name in cs.DEVELOPMENT if (cs.DATA_DIR / name / cs.FIRST_SCORE).exists()]
    assert list(rows) == [*first_scored, "all"]
    assert int(rows["all"][0]) == sum(int(rows[name][0]) for name in first_scored)
    assert int(rows["all"][1]) == sum(int(rows[name][1]) for name in first_scored)
    # a set left out is judged by counts without it: its own confident statements are not all right by construction
    assert all(0 < int(rows[name][1]) < int(rows[name][0]) for name in first_scored)
