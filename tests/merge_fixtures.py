"""A small graph of look-alike entities for merge suggestions: one pair for each signal, and pairs that must not be
suggested. Each article is a few sentences; every entity's mentions are found in its text."""

from __future__ import annotations

from neo4j import Driver

from core.names import entity_id
from core.records import Article, Entity, Extraction, Role, content_hash
from graph.loader import GraphLoader, LoadSummary

VERSION = "merge-fixture-1"
HOSTILE = "<b>Acme</b> Holdings"
HOSTILE_TOO = "<b>Acme</b> Holdings of Belgrade"

# (article id, text, [(type, name, aliases)], [(person name, title, organisation name, phrase)])
ARTICLES: list[tuple[str, str, list[tuple[str, str, tuple[str, ...]]], list[tuple[str, str, str, str]]]] = [
    (
        "m-share",
        "Dalija Peterson of the Balkan Investigative Reporting Network spoke in Belgrade. "
        "Dahlia Peterson said cameras were everywhere. The Church of Scientology did not answer.",
        [
            ("Person", "Dalija Peterson", ()),
            ("Person", "Dahlia Peterson", ()),
            ("Organization", "Balkan Investigative Reporting Network", ()),
            ("Location", "Belgrade", ()),
            ("Organization", "Church of Scientology", ()),
        ],
        [],
    ),
    (
        "m-birn",
        "BIRN published the list. Scientology replied. J. Doe wrote it. The Ministry of Internal Affairs agreed.",
        [
            ("Organization", "BIRN", ()),
            ("Organization", "Scientology", ()),
            ("Person", "J. Doe", ()),
            ("Organization", "Ministry of Internal Affairs", ()),
        ],
        [],
    ),
    (
        "m-doe",
        "John Doe of the US State Department met the Interior Ministry. Lydia Buchtmann spoke. Ms Bauchtman left.",
        [
            ("Person", "John Doe", ()),
            ("Organization", "US State Department", ()),
            ("Organization", "Interior Ministry", ()),
            ("Person", "Lydia Buchtmann", ()),
            ("Person", "Bauchtman", ()),
        ],
        [],
    ),
    (
        "m-state",
        "The State Department said so. Interior Minister Aleksandar Vulin of the Ministry of the Interior spoke. "
        f"{HOSTILE} bought land. {HOSTILE_TOO} sold it.",
        [
            ("Organization", "State Department", ()),
            ("Person", "Aleksandar Vulin", ()),
            ("Organization", "Ministry of the Interior", ()),
            ("Organization", HOSTILE, ()),
            ("Organization", HOSTILE_TOO, ()),
        ],
        [("Aleksandar Vulin", "Interior Minister", "Ministry of the Interior", "Interior Minister")],
    ),
    (
        "m-aco",
        "Interior Minister Aco Vulin of the Ministry of the Interior denied it. "
        "Interior Minister Nebojša Stefanović of the Ministry of the Interior denied it too.",
        [
            ("Person", "Aco Vulin", ()),
            ("Person", "Nebojša Stefanović", ()),
            ("Organization", "Ministry of the Interior", ()),
        ],
        [
            ("Aco Vulin", "Interior Minister", "Ministry of the Interior", "Interior Minister"),
            ("Nebojša Stefanović", "Interior Minister", "Ministry of the Interior", "Interior Minister Nebojša"),
        ],
    ),
    (
        "m-negatives",
        "Luka Jovanović and Stefan Jovanović are brothers. Jovanović said nothing. Indonesia sent the Indonesian "
        "Navy. North Korea and South Korea met. The Kennedy Space Center opened the Kennedy Space Center Visitor "
        "Complex. Ahmed Mohamed and his father Mohamed El-Hassan Mohamed came.",
        [
            ("Person", "Luka Jovanović", ()),
            ("Person", "Stefan Jovanović", ()),
            ("Person", "Jovanović", ()),
            ("Location", "Indonesia", ()),
            ("Organization", "Indonesian Navy", ()),
            ("Location", "North Korea", ()),
            ("Location", "South Korea", ()),
            ("Location", "Kennedy Space Center", ()),
            ("Location", "Kennedy Space Center Visitor Complex", ()),
            ("Person", "Ahmed Mohamed", ("Mohamed",)),
            ("Person", "Mohamed El-Hassan Mohamed", ("Mohamed",)),
        ],
        [],
    ),
]


def ident(entity_type: str, name: str) -> str:
    return entity_id(entity_type, name)


def _spans(text: str, name: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], text.find(name)
    while start != -1:
        spans.append((start, start + len(name)))
        start = text.find(name, start + 1)
    return tuple(spans)


def merge_records() -> list[tuple[Article, Extraction]]:
    records = []
    for article_id, text, entities, roles in ARTICLES:
        found = tuple(
            Entity(ident(kind, name), name, kind, aliases, _spans(text, name)) for kind, name, aliases in entities
        )
        people = {e.name: e.id for e in found}
        role_records = tuple(
            Role(people[person], title, ident("Organization", org), *_spans(text, phrase)[0])
            for person, title, org, phrase in roles
        )
        article = Article(article_id, text, content_hash(text), title=f"Article {article_id}", published="2024-05-01")
        records.append((article, Extraction(article_id, VERSION, entities=found, roles=role_records)))
    return records


def load_merge_graph(driver: Driver, database: str) -> LoadSummary:
    return GraphLoader(driver, database).load(merge_records())
