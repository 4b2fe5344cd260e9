"""Uncertain attributions in the graph and the explorer: an article extracted by the real extractor (one confident
and two uncertain speakers) loaded beside the fixture graph, whose statements predate the basis (shown as unknown).

Every page that shows a quote marks the uncertain ones; Who said what filters to confident attributions and puts
basis and confidence in its CSV.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
import streamlit as st
from click.testing import CliRunner

from app_pages.attribution import UNCERTAIN, UNKNOWN, attribution_mark, attribution_sentence, basis_text
from graph.export import whole_graph, write_csv
from graph.loader import GraphLoader
from newsgraph.cli import cli
from nlp.statements.confidence import NOT_FULL_NAME, speaker_confidence
from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts
from tests.graph_fixtures import FIXTURE, cli_env
from tests.nlp_fixtures import *  # noqa: F403

pytestmark = pytest.mark.neo4j

TEXT = (
    'Mayor Ann Lee opened the Rivertown bridge on Monday. "This bridge joins the two halves of our city," Lee said.\n'
    "The security firm said the bridge's traffic sensors were badly configured.\n"
    "Engineers had inspected the span in March. Crews painted it in May. Lights were added in June. Traffic doubled. "
    "She said the city would pay for the repairs."
)
CONFIDENT_QUOTE = "This bridge joins the two halves of our city,"
FIRM_QUOTE = "the bridge's traffic sensors were badly configured"
FAR_PRONOUN_QUOTE = "the city would pay for the repairs"
OLD_QUOTE = "the army would not use facial recognition cameras"  # a fixture statement: no basis
ARTICLE_ID = "rivertown-bridge"
SURNAME_CONFIDENCE = speaker_confidence("surname", None, True, True, "")  # "Lee said" after "Mayor Ann Lee"


@pytest.fixture(scope="module")
def bridge(extractor):
    bridge_article = article(TEXT, id=ARTICLE_ID, published="2024-06-03")  # noqa: F405
    [extraction] = extractor.extract([bridge_article])
    assert extraction.error is None
    return bridge_article, extraction


@pytest.fixture(scope="module")
def app_graph(driver, neo4j_settings, bridge):
    fixture_graph(driver, neo4j_settings)
    GraphLoader(driver, neo4j_settings.neo4j_database).load([bridge])
    with app_environment(neo4j_settings):
        yield


def _row(table: Any, quote: str) -> Any:
    return table[table["quote"] == quote].iloc[0]


def test_the_statement_node_stores_basis_distance_and_confidence(app_graph, bridge, driver, neo4j_settings):
    records, _, _ = driver.execute_query(
        "MATCH (s:Statement) WHERE s.article_id IN [$bridge, $old] "
        "RETURN s.text AS text, s.basis AS basis, s.basis_distance AS distance, s.confidence AS confidence",
        bridge=ARTICLE_ID,
        old="fixture:2021-defence",
        database_=neo4j_settings.neo4j_database,
    )
    stored = {r["text"]: (r["basis"], r["distance"], r["confidence"]) for r in records}
    extracted = {s.text: (s.basis, s.basis_distance, s.confidence) for s in bridge[1].statements}
    assert {CONFIDENT_QUOTE, FIRM_QUOTE, FAR_PRONOUN_QUOTE} == set(extracted)
    assert {text: stored[text] for text in extracted} == extracted
    assert extracted[CONFIDENT_QUOTE][2] >= 0.8 > max(extracted[FIRM_QUOTE][2], extracted[FAR_PRONOUN_QUOTE][2])
    assert extracted[FAR_PRONOUN_QUOTE][:2] == ("pronoun", 6)
    assert stored[OLD_QUOTE][0] is None and stored[OLD_QUOTE][1] is None  # loaded without a basis


def test_the_statements_query_keeps_confident_attributions_only(app_graph, neo4j_settings):
    def quotes(*params: str) -> list[str]:
        args = ["query", "statements", *(p for param in params for p in ("-p", param)), "--format", "json"]
        result = CliRunner().invoke(cli, args, env=cli_env(neo4j_settings))
        assert result.exit_code == 0, result.output
        return [row["quote"] for row in json.loads(result.output)]

    assert quotes("min_confidence=0.8") == [CONFIDENT_QUOTE]  # the older statements have no basis: never confident
    far_pronoun = speaker_confidence("pronoun", 6, True, True, "", after_uncertain=True)  # after the firm's quote
    unresolved_firm = speaker_confidence("description", None, False, True, NOT_FULL_NAME)
    # Which of the two uncertain ones is surer depends on the fitted rates: the threshold goes between them.
    (lower, _), (higher, surer_quote) = sorted([(far_pronoun, FAR_PRONOUN_QUOTE), (unresolved_firm, FIRM_QUOTE)])
    assert lower < higher < 0.8
    between = round((lower + higher) / 2, 3)
    assert quotes(f"min_confidence={between}") == [CONFIDENT_QUOTE, surer_quote]
    assert len(quotes()) == 14


def test_who_said_what_marks_every_uncertain_attribution(app_graph):
    app = open_page("statements")
    no_exception(app)
    table = app.dataframe[0].value
    confident = _row(table, CONFIDENT_QUOTE)
    assert (confident["attribution"], confident["basis"], confident["confidence"]) == (
        "confident",
        "surname",
        SURNAME_CONFIDENCE,
    )
    assert (_row(table, FIRM_QUOTE)["attribution"], _row(table, FIRM_QUOTE)["basis"]) == (UNCERTAIN, "description")
    assert _row(table, FAR_PRONOUN_QUOTE)["basis"] == "pronoun, 6 sentences back"
    old = _row(table, OLD_QUOTE)
    assert (old["attribution"], old["basis"]) == (UNKNOWN, "unknown") and old["confidence"] != old["confidence"]  # NaN
    assert set(table["attribution"]) == {"confident", UNCERTAIN, UNKNOWN}
    assert "13 marked ⚠: the speaker may be wrong" in texts(app)  # 11 fixture statements and 2 uncertain


def test_confident_attributions_only(app_graph):
    app = open_page("statements")
    app.checkbox(key="statements_confident").check()
    app.button(key="statements_apply").click().run()
    no_exception(app)
    assert list(app.dataframe[0].value["quote"]) == [CONFIDENT_QUOTE]
    app.selectbox(key="statements_speaker").set_value("person:ann-lee")  # a speaker alone: the date index branch
    app.button(key="statements_apply").click().run()
    assert list(app.dataframe[0].value["quote"]) == [CONFIDENT_QUOTE]
    app.selectbox(key="statements_speaker").set_value(FIXTURE.vulin)  # only statements predating the basis
    app.button(key="statements_apply").click().run()
    no_exception(app)
    assert not app.dataframe and "No statements match these filters." in texts(app)


def test_the_csv_has_attribution_basis_and_confidence(app_graph, monkeypatch):
    downloads: list[Any] = []
    original = st.download_button

    def keep(label: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        downloads.append(data)
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", keep)
    app = open_page("statements", speaker="person:ann-lee")
    no_exception(app)
    rows = list(csv.DictReader(io.StringIO(downloads[-1])))
    assert {"attribution", "basis", "confidence"} <= set(rows[0])
    by_quote = {row["quote"]: row for row in rows}
    assert (by_quote[CONFIDENT_QUOTE]["basis"], by_quote[CONFIDENT_QUOTE]["confidence"]) == (
        "surname",
        str(SURNAME_CONFIDENCE),
    )
    assert by_quote[FAR_PRONOUN_QUOTE]["attribution"] == UNCERTAIN


def test_the_quote_in_context_says_why_it_is_uncertain(app_graph):
    app = open_page("statements", speaker="person:ann-lee")
    quotes = app.selectbox(key="statements_context").options  # as shown: date · speaker: quote
    assert any("Ann Lee (⚠ uncertain)" in q and FAR_PRONOUN_QUOTE in q for q in quotes)
    assert any(f"Ann Lee: {CONFIDENT_QUOTE}" in q for q in quotes)


def test_entity_profile_marks_its_uncertain_statements(app_graph):
    app = open_page("entity", id="person:ann-lee")
    no_exception(app)
    made = next(f.value for f in app.dataframe if "quote" in f.value.columns)
    assert dict(zip(made["quote"], made["attribution"], strict=True)) == {
        CONFIDENT_QUOTE: "confident",
        FAR_PRONOUN_QUOTE: UNCERTAIN,
    }
    old = open_page("entity", id=FIXTURE.vulin)
    assert set(next(f.value for f in old.dataframe if "quote" in f.value.columns)["attribution"]) == {UNKNOWN}


def test_article_reader_marks_uncertain_statements_apart(app_graph):
    app = open_page("article", id=ARTICLE_ID)
    no_exception(app)
    text, listing = app.html[0].value, app.html[1].value
    assert text.count('class="stmt uncertain"') == 2 and text.count('class="stmt"') == 1
    assert listing.count("Uncertain attribution") == 2 and "pronoun, 6 sentences back" in listing
    old = open_page("article", id="fixture:2021-defence")
    assert "Unknown attribution" in old.html[1].value and 'class="stmt"' not in old.html[0].value


def test_search_results_mark_uncertain_statements(app_graph):
    app = open_page("search")
    app.toggle(key="search_semantic").set_value(False)
    app.text_input(key="search_q").input("bridge sensors").run()
    no_exception(app)
    found = next(f.value for f in app.dataframe if "quote" in f.value.columns)
    assert dict(zip(found["quote"], found["attribution"], strict=True)) == {
        CONFIDENT_QUOTE: "confident",
        FIRM_QUOTE: UNCERTAIN,
    }


@pytest.mark.parametrize(
    ("confidence", "basis", "distance", "mark", "shown"),
    [
        (0.985, "surname", None, "confident", "surname"),
        (0.8, "pronoun", 2, "confident", "pronoun, 2 sentences back"),
        (0.79, "description", 0, UNCERTAIN, "description, same sentence"),
        (0.5, "pronoun", 1, UNCERTAIN, "pronoun, 1 sentence back"),
        (1.0, "editor", None, "confident", "an editor's correction"),
        (0.99, None, None, UNKNOWN, "unknown"),  # an older graph: its confidence was never calibrated
        (None, None, None, UNKNOWN, "unknown"),
    ],
)
def test_attribution_marks(confidence, basis, distance, mark, shown):
    assert attribution_mark(confidence, basis) == mark
    assert basis_text(basis, distance) == shown
    sentence = attribution_sentence({"confidence": confidence, "basis": basis, "basis_distance": distance})
    assert sentence.startswith({"confident": "Confident", UNCERTAIN: "Uncertain", UNKNOWN: "Unknown"}[mark])


def test_the_csv_export_types_basis_distance_as_an_integer(app_graph, driver, neo4j_settings, tmp_path):
    write_csv(whole_graph(driver, neo4j_settings.neo4j_database), tmp_path)
    with (tmp_path / "nodes_Statement.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["text"]: row for row in csv.DictReader(handle)}
    assert (rows[FAR_PRONOUN_QUOTE]["basis"], rows[FAR_PRONOUN_QUOTE]["basis_distance:int"]) == ("pronoun", "6")
    assert rows[OLD_QUOTE]["basis"] == "" and rows[OLD_QUOTE]["basis_distance:int"] == ""
