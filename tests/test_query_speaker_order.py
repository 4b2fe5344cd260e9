"""Newest-first pages of statements (a speaker's, and everyone's): order, ties at a page boundary, undated
statements last, and graphs loaded before statements carried their speaker's id."""

from __future__ import annotations

import pytest

from core.records import Extraction
from graph.loader import GraphLoader, clear_graph
from graph.schema import SPEAKER_DATE_INDEX, apply_schema
from queries import run_curated
from tests.graph_fixtures import _article, _entity, _statement

SPEAKER = "person:ana-brnabic"
OTHER = "person:zorana-mihajlovic"
TOPIC = "organization:huawei"

# Five articles: three on the same day (a tie at any page boundary), one later, one without a date.
ARTICLES = (
    ("order:a", "2021-03-01"),
    ("order:b", "2021-03-01"),
    ("order:c", "2021-03-01"),
    ("order:d", "2021-05-20"),
    ("order:undated", None),
)


def _text(article_id: str) -> str:
    return (
        f"Ana Brnabic said the cameras from Huawei were legal ({article_id}). "
        f"Zorana Mihajlovic said the tender was fair ({article_id}). "
        f"Ana Brnabic said the city would publish the contract ({article_id})."
    )


def _said(article_id: str, date: str | None, quote: str, speaker_id: str, name: str, about: tuple[str, ...] = ()):
    text = _text(article_id)
    return _statement(text, f"{quote} ({article_id})", "indirect", name, speaker_id, name, "said", date, about=about)


def _records(extractor_version: str = "order-1") -> list:
    records = []
    for article_id, published in ARTICLES:
        text = _text(article_id)
        article = _article(article_id, text, article_id, published, "Example News", f"https://example.org/{article_id}")
        date = published or None
        statements = (
            _said(article_id, date, "the cameras from Huawei were legal", SPEAKER, "Ana Brnabic", about=(TOPIC,)),
            _said(article_id, date, "the tender was fair", OTHER, "Zorana Mihajlovic"),
            _said(article_id, date, "the city would publish the contract", SPEAKER, "Ana Brnabic"),
        )
        entities = (
            _entity(SPEAKER, "Ana Brnabic", "Person", text),
            _entity(OTHER, "Zorana Mihajlovic", "Person", text),
            _entity(TOPIC, "Huawei", "Organization", text),
        )
        records.append((article, Extraction(article_id, extractor_version, statements, entities)))
    return records


@pytest.fixture(scope="module")
def graph(driver, neo4j_settings):
    database = neo4j_settings.neo4j_database
    clear_graph(driver, database)
    apply_schema(driver, database)
    GraphLoader(driver, database).load(_records())
    return driver


def _statements(driver, database, **params) -> list[tuple[str, int, str | None]]:
    rows = run_curated(driver, database, "person-statements", {"person_id": SPEAKER, **params}).rows()
    return [(row["article_id"], row["start"], row["date"]) for row in rows]


def _newest_first(rows: list[tuple[str, int, str | None]]) -> list[tuple[str, int, str | None]]:
    """What sorting every statement gives: newest first, ties by article and offset, undated last."""
    dated = sorted((r for r in rows if r[2]), key=lambda r: (-int(r[2].replace("-", "")), r[0], r[1]))
    return dated + sorted(r for r in rows if not r[2])


def _rows(quotes: tuple[str, ...]) -> list[tuple[str, int, str | None]]:
    return [
        (article_id, _text(article_id).index(quote), published)
        for article_id, published in ARTICLES
        for quote in quotes
    ]


def _full_order(params_filter=lambda quote: True) -> list[tuple[str, int, str | None]]:
    """The speaker's statements in full-sort order."""
    quotes = ("the cameras from Huawei were legal", "the city would publish the contract")
    return _newest_first(_rows(tuple(q for q in quotes if params_filter(q))))


def test_newest_first_with_undated_statements_last(graph, neo4j_settings):
    rows = _statements(graph, neo4j_settings.neo4j_database)
    assert rows == _full_order()
    assert [(article, date) for article, _, date in rows] == [
        ("order:d", "2021-05-20"), ("order:d", "2021-05-20"),
        ("order:a", "2021-03-01"), ("order:a", "2021-03-01"),
        ("order:b", "2021-03-01"), ("order:b", "2021-03-01"),
        ("order:c", "2021-03-01"), ("order:c", "2021-03-01"),
        ("order:undated", None), ("order:undated", None),
    ]  # fmt: skip
    assert rows[0][1] < rows[1][1]  # within an article, by offset


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5, 8, 9, 10])
def test_a_page_boundary_inside_a_tie_keeps_the_full_sort_order(graph, neo4j_settings, limit):
    page = _statements(graph, neo4j_settings.neo4j_database, limit=limit)
    assert page == _full_order()[:limit]


def test_filters_by_entity_and_dates_leave_undated_statements_out(graph, neo4j_settings):
    database = neo4j_settings.neo4j_database
    about = _statements(graph, database, about_id=TOPIC)
    assert about == _full_order(lambda quote: "Huawei" in quote)
    assert [r[0] for r in about] == ["order:d", "order:a", "order:b", "order:c", "order:undated"]
    dated = _statements(graph, database, **{"from": "2021-03-01", "to": "2021-03-31"})
    assert [r[0] for r in dated] == ["order:a", "order:a", "order:b", "order:b", "order:c", "order:c"]


def test_a_graph_loaded_before_statements_carried_their_speaker_gets_it_with_the_index(graph, neo4j_settings):
    database = neo4j_settings.neo4j_database
    graph.execute_query(f"DROP INDEX {SPEAKER_DATE_INDEX}", database_=database)
    graph.execute_query("MATCH (s:Statement) REMOVE s.speaker_id", database_=database)
    # Without the backfill such a graph would hide every dated statement of the speaker.
    assert [article for article, _, _ in _statements(graph, database)] == ["order:undated", "order:undated"]
    apply_schema(graph, database)
    assert _statements(graph, database) == _full_order()
    speakers, _, _ = graph.execute_query(
        "MATCH (e:Entity)-[:SAID]->(s:Statement) RETURN count(*) AS said, sum(CASE WHEN s.speaker_id = e.id "
        "THEN 1 ELSE 0 END) AS carried",
        database_=database,
    )
    assert speakers[0]["said"] == speakers[0]["carried"] == 15


def _who_said_what(driver, database, **params) -> list[tuple[str, int, str | None]]:
    rows = run_curated(driver, database, "statements", params).rows()
    return [(row["article_id"], row["start"], row["date"]) for row in rows]


def _everyone_in_full_order() -> list[tuple[str, int, str | None]]:
    return _newest_first(_rows(("the cameras from Huawei", "the tender was fair", "the city would publish")))


@pytest.mark.parametrize("limit", [1, 3, 4, 9, 12, 13, 15, 200])
def test_who_said_what_pages_newest_first_with_undated_last(graph, neo4j_settings, limit):
    database = neo4j_settings.neo4j_database
    assert _who_said_what(graph, database, limit=limit) == _everyone_in_full_order()[:limit]
    assert _who_said_what(graph, database, speaker_id=SPEAKER, limit=limit) == _full_order()[:limit]


def test_who_said_what_by_speaker_and_dates_or_entity(graph, neo4j_settings):
    database = neo4j_settings.neo4j_database
    dated = _who_said_what(graph, database, speaker_id=SPEAKER, **{"from": "2021-04-01"})
    text = _text("order:d")
    assert dated == [
        ("order:d", text.index("the cameras"), "2021-05-20"),
        ("order:d", text.index("the city"), "2021-05-20"),
    ]
    about = _who_said_what(graph, database, speaker_id=SPEAKER, about_id=TOPIC)
    assert about == _full_order(lambda quote: "Huawei" in quote)
    other = _who_said_what(graph, database, speaker_id=OTHER, limit=2)
    assert [(article, date) for article, _, date in other] == [("order:d", "2021-05-20"), ("order:a", "2021-03-01")]
