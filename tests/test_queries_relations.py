"""The curated queries about typed relations — who-supplies-whom, law-life, event-around — on a small corpus of
their own (the life of a law over two articles, an event with its participants), and the inventory named right in
every query that lists it."""

from __future__ import annotations

import re

import pytest

from core.errors import QueryError
from core.records import Article, Entity, Extraction, Relation, content_hash
from core.relation_types import RELATION_TYPES
from graph.loader import GraphLoader, clear_graph
from graph.schema import apply_schema
from queries import list_queries, run_curated

SCRIPT = "<script>window.pwned = 1</script>"
LAW = "law:data-protection-act"
EVENT = "event:safe-city"
JUSTICE = "organization:ministry-of-justice"
INTERIOR = "organization:ministry-of-the-interior"
HUAWEI = "organization:huawei"
SHARE = "organization:share-foundation"
PARLIAMENT = "organization:parliament"
COURT = "organization:constitutional-court"
VULIN = "person:aleksandar-vulin"
NAMES = {
    LAW: ("Data Protection Act", "Law", ("DPA",)),
    EVENT: ("Safe City", "Event", ()),
    JUSTICE: ("Ministry of Justice", "Organization", ()),
    INTERIOR: ("Ministry of the Interior", "Organization", ()),
    HUAWEI: ("Huawei", "Organization", ()),
    SHARE: ("SHARE Foundation", "Organization", ()),
    PARLIAMENT: ("Parliament", "Organization", ()),
    COURT: ("Constitutional Court", "Organization", ()),
    VULIN: ("Aleksandar Vulin", "Person", ()),
}
# (article id, published, text, [(subject, type, object, words stating it, date)])
ARTICLES = [
    (
        "rel:draft",
        "2020-02-01",
        "The Ministry of Justice proposed the Data Protection Act in January 2020. "
        "The SHARE Foundation opposed the Data Protection Act.",
        [
            (JUSTICE, "PROPOSES", LAW, "The Ministry of Justice proposed the Data Protection Act", "2020-01"),
            (SHARE, "OPPOSES", LAW, "The SHARE Foundation opposed the Data Protection Act", None),
        ],
    ),
    (
        "rel:passed",
        "2022-03-01",
        "Parliament passed the Data Protection Act on 5 June 2021. "
        f"Aleksandar Vulin backed the DPA {SCRIPT} loudly. "
        "Huawei sold servers to the Ministry of Justice. "
        "The Constitutional Court suspended the Data Protection Act in February.",
        [
            (PARLIAMENT, "ENACTS", LAW, "Parliament passed the Data Protection Act", "2021-06-05"),
            (VULIN, "SUPPORTS", LAW, "Aleksandar Vulin backed the DPA", None),
            (HUAWEI, "SUPPLIES", JUSTICE, "Huawei sold servers to the Ministry of Justice", None),
            (COURT, "WITHDRAWS", LAW, "The Constitutional Court suspended the Data Protection Act", "2022-02"),
        ],
    ),
    (
        "rel:safe-city",
        "2019-05-01",
        "Huawei took part in the Safe City project. The Ministry of the Interior took part in Safe City. "
        "Huawei supplies cameras to the Ministry of the Interior. The SHARE Foundation opposed Safe City. "
        "The Ministry of the Interior relies on Huawei.",
        [
            (HUAWEI, "PARTICIPATES_IN", EVENT, "Huawei took part in the Safe City", None),
            (INTERIOR, "PARTICIPATES_IN", EVENT, "The Ministry of the Interior took part in Safe City", None),
            (HUAWEI, "SUPPLIES", INTERIOR, "Huawei supplies cameras to the Ministry of the Interior", "2019"),
            (SHARE, "OPPOSES", EVENT, "The SHARE Foundation opposed Safe City", None),
            (INTERIOR, "RELY_ON", HUAWEI, "The Ministry of the Interior relies on Huawei", None),  # a link
        ],
    ),
]


def _pair(article_id: str, published: str, text: str, facts: list) -> tuple[Article, Extraction]:
    article = Article(article_id, text, content_hash(text), title=article_id, published=published,
                      url=f"https://news.example/{article_id}")  # fmt: skip
    entities = []
    for entity_id, (name, kind, aliases) in NAMES.items():
        spans = [(m.start(), m.end()) for written in (name, *aliases) for m in re.finditer(re.escape(written), text)]
        if spans:
            entities.append(Entity(entity_id, name, kind, aliases, tuple(sorted(spans))))
    relations, links = [], []
    for subject, predicate, obj, words, date in facts:
        start = text.index(words)
        sentence_start = text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) != -1 else 0
        sentence_end = text.find(". ", start + len(words))
        sentence = text[sentence_start : sentence_end + 1 if sentence_end != -1 else len(text)]
        fact = Relation(subject, predicate, obj, start, start + len(words), sentence, 0.8, date)
        (relations if predicate in RELATION_TYPES else links).append(fact)
    return article, Extraction(article_id, "rel-1", entities=tuple(entities), relations=tuple(relations),
                               links=tuple(links))  # fmt: skip


@pytest.fixture(scope="module")
def run(driver, neo4j_settings):
    database = neo4j_settings.neo4j_database
    clear_graph(driver, database)
    apply_schema(driver, database)
    summary = GraphLoader(driver, database).load([_pair(*a) for a in ARTICLES])
    assert summary.loaded == 3 and not summary.dropped_facts

    def run_query(name: str, **values):
        return run_curated(driver, database, name, values).rows()

    return run_query


def _without_comments(cypher: str) -> str:
    return "\n".join(line for line in cypher.splitlines() if not line.lstrip().startswith("//"))


def test_queries_naming_most_of_the_inventory_name_all_of_it():
    """A pattern or list meant as "any typed relation" must not miss a type (or hold a misspelt one)."""
    known = {*RELATION_TYPES, "LINKED", "HOLDS_ROLE", "SAID", "ABOUT", "MENTIONS", "REPORTED_IN", "AT", "IN_ROLE"}
    checked = 0
    for query in list_queries():
        body = _without_comments(query.cypher)
        groups = [re.split(r"\s*\|\s*", g) for g in re.findall(r"\[\w*:([A-Z_]+(?:\s*\|\s*[A-Z_]+)+)\]", body)]
        groups += [re.findall(r"'([A-Z_]+)'", g) for g in re.findall(r"\[('[A-Z_]+'(?:\s*,\s*'[A-Z_]+')+)\]", body)]
        for names in groups:
            assert set(names) <= known | {"PUBLISHED", "DUPLICATE_OF"}, (query.name, set(names) - known)
            typed = set(names) & set(RELATION_TYPES)
            if len(typed) > len(RELATION_TYPES) // 2:
                checked += 1
                missing = set(RELATION_TYPES) - typed
                if query.name == "event-around":  # participants have a list of their own there
                    missing -= {"PARTICIPATES_IN"}
                assert not missing, (query.name, missing)
    assert checked >= 6


def test_who_supplies_whom(run):
    rows = run("who-supplies-whom")
    assert [(r["supplier"], r["client"], r["reports"], r["first_date"]) for r in rows] == [
        ("Huawei", "Ministry of Justice", 1, "2022-03-01"),  # no date in the text: the article's
        ("Huawei", "Ministry of the Interior", 1, "2019"),
    ]
    assert rows[1]["evidence"] == "Huawei supplies cameras to the Ministry of the Interior."
    assert rows[1]["articles"] == ["rel:safe-city"] and rows[1]["url"] == "https://news.example/rel:safe-city"
    around = run("who-supplies-whom", entity_id=JUSTICE)
    assert [(r["supplier_id"], r["client_id"]) for r in around] == [(HUAWEI, JUSTICE)]
    assert [r["client"] for r in run("who-supplies-whom", entity_id=HUAWEI)] == [
        "Ministry of Justice",
        "Ministry of the Interior",
    ]
    assert [r["client"] for r in run("who-supplies-whom", **{"from": "2020-01-01"})] == ["Ministry of Justice"]
    assert run("who-supplies-whom", entity_id="organization:nobody") == []


def test_law_life_by_id_name_or_alias_in_date_order(run):
    rows = run("law-life", law=LAW)
    assert [(r["date"], r["stage"], r["actor"]) for r in rows] == [
        ("2020-01", "proposed", "Ministry of Justice"),
        ("2020-02-01", "opposed", "SHARE Foundation"),
        ("2021-06-05", "enacted", "Parliament"),
        ("2022-02", "withdrawn", "Constitutional Court"),
        ("2022-03-01", "supported", "Aleksandar Vulin"),
    ]
    assert rows[0]["evidence"] == "The Ministry of Justice proposed the Data Protection Act in January 2020."
    assert rows[0]["url"] == "https://news.example/rel:draft" and rows[0]["relation"] == "PROPOSES"
    assert SCRIPT in rows[-1]["evidence"]  # stored as written; every page escapes it
    assert run("law-life", law="  data protection ACT ") == rows
    assert run("law-life", law="dpa") == rows
    assert run("law-life", law="Safe City") == []  # an event, not a law
    assert run("law-life", law="") == []


def test_event_around_has_participants_then_relations(run):
    rows = run("event-around", event="safe city")
    assert [(r["part"], r["subject"], r["relation"], r["object"]) for r in rows] == [
        ("participant", "Huawei", "PARTICIPATES_IN", "Safe City"),
        ("participant", "Ministry of the Interior", "PARTICIPATES_IN", "Safe City"),
        ("relation with the event", "SHARE Foundation", "OPPOSES", "Safe City"),
        ("relation of a participant", "Huawei", "SUPPLIES", "Ministry of the Interior"),
    ]
    # Huawei's supply to the Ministry of Justice is told in an article that never names the event; the verb link
    # ("relies on") is no relation
    assert rows[-1]["date"] == "2019" and rows[-1]["article_id"] == "rel:safe-city"
    assert run("event-around", event=EVENT) == rows
    assert run("event-around", event=LAW) == []


@pytest.mark.parametrize(
    ("name", "values", "message"),
    [
        ("law-life", {}, "needs parameter law"),
        ("event-around", {"event": "x", "limit": "many"}, "expected a whole number"),
        ("who-supplies-whom", {"from": "June 2021"}, "expected a date YYYY-MM-DD"),
        ("who-supplies-whom", {"supplier": "x"}, "has no parameter supplier"),
    ],
)
def test_parameters_are_checked_before_anything_runs(driver, neo4j_settings, name, values, message):
    with pytest.raises(QueryError, match=message):
        run_curated(driver, neo4j_settings.neo4j_database, name, values)
