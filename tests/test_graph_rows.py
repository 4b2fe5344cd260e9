"""graph/rows.py's checks on values a shard may carry but the graph must not store: each is dropped or mended with a
warning, and what the article says is kept. No database: the rows are what the loader and the bulk import write."""

from __future__ import annotations

from core.records import Article, Entity, Extraction, Relation, Statement, content_hash
from graph.rows import build_rows

TEXT = "Ana Petrović said the bridge would reopen in May. The ministry agreed."
QUOTE = "the bridge would reopen in May"
ANA = "person:ana-petrovic"
MINISTRY = "organization:ministry"


def _article(**changes: object) -> Article:
    return Article(**{"id": "a1", "text": TEXT, "content_hash": content_hash(TEXT), **changes})  # type: ignore[arg-type]


def _statement(**changes: object) -> Statement:
    start = TEXT.index(QUOTE)
    fields = {"start": start, "end": start + len(QUOTE), "text": QUOTE, "kind": "indirect", "speaker": "Ana Petrović",
              "speaker_id": ANA, "basis": "name", "confidence": 0.9}  # fmt: skip
    return Statement(**{**fields, **changes})  # type: ignore[arg-type]


def _extraction(*statements: Statement, entities: tuple[Entity, ...] | None = None, relations=()) -> Extraction:
    known = (Entity(ANA, "Ana Petrović", "Person", (), ((0, 12),)),) if entities is None else entities
    return Extraction("a1", "v1", entities=known, statements=statements, relations=tuple(relations))


def test_a_confidence_outside_zero_to_one_is_not_stored() -> None:
    for bad in (-3.0, 7.0, float("nan"), float("inf")):
        rows = build_rows(_article(), _extraction(_statement(confidence=bad)))
        [statement] = rows.rows["statements"]
        assert "confidence" not in statement["props"], bad
        assert any("is not in [0, 1]" in w for w in rows.warnings)
    relation = Relation(ANA, "MEETS", MINISTRY, 0, 48, confidence=7.0)
    ministry = Entity(MINISTRY, "Ministry", "Organization", (), ((TEXT.index("ministry"), len(TEXT) - 8),))
    ana = Entity(ANA, "Ana Petrović", "Person", (), ((0, 12),))
    rows = build_rows(_article(), _extraction(entities=(ana, ministry), relations=[relation]))
    [stored] = rows.rows["relations"]
    assert "confidence" not in stored["provenance"]


def test_a_negative_basis_distance_is_not_stored() -> None:
    rows = build_rows(_article(), _extraction(_statement(basis="pronoun", basis_distance=-7)))
    assert rows.rows["statements"][0]["props"]["basis_distance"] is None
    assert any("basis distance -7" in w for w in rows.warnings)


def test_an_entity_without_an_id_is_not_stored() -> None:
    nameless = Entity("", "Nobody", "Person", (), ((0, 3),))
    rows = build_rows(_article(), _extraction(_statement(), entities=(nameless, Entity(ANA, "Ana Petrović", "Person"))))
    assert "" not in {e["id"] for e in rows.rows["entities"]}
    assert any("no id; not stored" in w for w in rows.warnings)


def test_an_id_missing_from_the_entity_list_gets_no_mentions_without_offsets() -> None:
    ghost_speaker = _statement(speaker_id="person:ghost", speaker="Ghost")
    rows = build_rows(
        _article(), _extraction(ghost_speaker, entities=(Entity(ANA, "Ana Petrović", "Person", (), ((0, 12),)),))
    )
    assert "person:ghost" in {e["id"] for e in rows.rows["entities"]}  # the speaker is kept, traced by its statement
    assert {m["entity_id"] for m in rows.rows["mentions"]} == {ANA}
    assert all(m["props"]["count"] > 0 for m in rows.rows["mentions"])


def test_a_content_hash_that_is_not_the_texts_is_recomputed() -> None:
    rows = build_rows(_article(content_hash="0" * 64), _extraction(_statement()))
    assert rows.rows["articles"][0]["props"]["content_hash"] == content_hash(TEXT)
    assert any("content_hash is not its text's" in w for w in rows.warnings)
    assert not build_rows(_article(), _extraction(_statement())).warnings


def test_a_statement_date_that_is_no_calendar_day_is_stored_without_it_and_said() -> None:
    """It was dropped without a word, and the statement then read as dated by its article."""
    for bad in ("2021-13-45", "2021-02-30", "yesterday"):
        rows = build_rows(_article(), _extraction(_statement(date=bad)))
        [statement] = rows.rows["statements"]
        assert statement["date"] is None
        assert rows.warnings == [f"statement at 18-48: date {bad!r} is not a calendar date; stored without it"]
    rows = build_rows(_article(), _extraction(_statement(date="2021-05-01")))
    assert str(rows.rows["statements"][0]["date"]) == "2021-05-01" and not rows.warnings
