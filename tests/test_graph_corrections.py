"""Editors' corrections on the real Neo4j, with articles extracted by the real spaCy pipeline.

For every kind: applied at once; still applied after every article is extracted again (``reextract --all`` with
each article's facts rewritten); undone back to the extracted graph; exported and imported into an empty graph,
which then loads the same articles into the same corrected graph. Then the bad cases: a target that is gone
(dangling, kept, the load goes on), two corrections of one target (the newest wins, both listed), and a
file with malformed lines.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from core.records import Article, content_hash
from graph.correction_file import read_corrections, write_corrections
from graph.corrections import (
    CorrectionError,
    import_corrections,
    list_corrections,
    record_correction,
    relation_key,
    undo_correction,
)
from newsgraph.cli import cli
from newsgraph.pipeline import Selection, run_pipeline, run_reextract
from queries.catalog import run_curated
from tests.graph_fixtures import cli_env

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

TEXT = (
    "Andrej Petrovski, technical director of the SHARE Foundation, warned that the cameras lacked legal "
    "safeguards. \u201cMass biometric surveillance has no place in a democratic society,\u201d Petrovski said "
    "on Tuesday.\n\nInterior Minister Nebojša Stefanović said the Safe City project would make Belgrade safer. "
    "Stefanović met Huawei executives in Belgrade in 2019, and the SHARE Foundation opposed the Safe City project."
)
OTHER = "The SHARE Foundation published a report on Monday. Andrej Petrovski said the cameras would stay in Belgrade."
PETROVSKI, STEFANOVIC = "person:andrej-petrovski", "person:nebojsa-stefanovic"
SHARE, SAFE_CITY = "organization:share-foundation", "event:safe-city"
WARNED = "c:1@74-109"  # "the cameras lacked legal safeguards", Andrej Petrovski
QUOTE = "c:1@112-177"  # "Mass biometric surveillance …", Petrovski
OPPOSES = relation_key(SHARE, "OPPOSES", SAFE_CITY, "c:1", 360, 406)
HOSTILE_NAME = "<script>alert('x')</script> Ana <b>Jović</b>"

# kind, target, after, a Cypher check that is true once the correction is applied (and false before)
CASES: dict[str, tuple[str, str, dict[str, Any], str]] = {
    "reassign-existing": ("reassign-speaker", QUOTE, {"speaker_id": STEFANOVIC},
                          f"MATCH (:Entity {{id: '{STEFANOVIC}'}})-[:SAID]->(s:Statement {{id: '{QUOTE}'}}) "
                          f"WHERE s.speaker_id = '{STEFANOVIC}' RETURN count(*) = 1 AS ok"),
    "reassign-new": ("reassign-speaker", WARNED, {"name": HOSTILE_NAME, "type": "Person"},
                     f"MATCH (e:Person)-[:SAID]->(:Statement {{id: '{WARNED}'}}) RETURN e.name = $name AS ok"),
    "reject-statement": ("reject-statement", WARNED, {},
                         f"RETURN NOT EXISTS {{ MATCH (:Statement {{id: '{WARNED}'}}) }} AS ok"),
    "merge": ("merge", PETROVSKI, {"into": STEFANOVIC},
              f"MATCH (e:Entity {{id: '{STEFANOVIC}'}})-[:SAID]->(s:Statement) "
              f"WHERE NOT EXISTS {{ MATCH (:Entity {{id: '{PETROVSKI}'}}) }} AND 'Andrej Petrovski' IN e.aliases "
              "RETURN count(s) = 4 AS ok"),
    "split-alias": ("split-alias", PETROVSKI, {"alias": "Petrovski"},
                    f"MATCH (n:Person {{id: 'person:petrovski'}})-[:SAID]->(:Statement {{id: '{QUOTE}'}}), "
                    "(:Article {id: 'c:1'})-[m:MENTIONS]->(n) "
                    f"MATCH (e:Entity {{id: '{PETROVSKI}'}}) WHERE NOT 'Petrovski' IN e.aliases "
                    "RETURN m.starts = [179] AS ok"),
    "rename": ("rename", SHARE, {"name": HOSTILE_NAME},
               f"MATCH (e:Entity {{id: '{SHARE}'}}) RETURN e.name = $name AND 'SHARE Foundation' IN e.aliases AS ok"),
    "retype": ("retype", SAFE_CITY, {"type": "Law"},
               f"MATCH (e:Entity {{id: '{SAFE_CITY}'}}) RETURN e.type = 'Law' AND labels(e) = ['Entity', 'Law'] AS ok"),
    "reject-relation": ("reject-relation", OPPOSES, {},
                        f"RETURN NOT EXISTS {{ MATCH (:Entity {{id: '{SHARE}'}})-[:OPPOSES]->() }} AS ok"),
}  # fmt: skip


def _article(article_id: str, text: str) -> Article:
    return Article(article_id, text, content_hash(text), title=f"Title of {article_id}", published="2021-09-15",
                   url=f"https://news.example/{article_id}", source="Example News", language="en")  # fmt: skip


ARTICLES = [_article("c:1", TEXT), _article("c:2", OTHER)]


@pytest.fixture(scope="module")
def extractor(base_settings):
    from nlp.runtime.extract import Extractor

    return Extractor(base_settings)


def _rows(driver, settings, cypher, **params) -> list[dict]:
    records, _, _ = driver.execute_query(cypher, params, database_=settings.neo4j_database)
    return [dict(r) for r in records]


def _value(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 5) if math.isfinite(value) else str(value)
    if isinstance(value, list):
        return [_value(v) for v in value]
    return str(value) if not isinstance(value, (str, int, bool, type(None))) else value


_VOLATILE = {"loaded_at", "checked_at"}


def signature(driver, settings) -> tuple[list[str], list[str]]:
    """Every node but the corrections and every relationship, as sorted text: equal graphs, equal signatures."""
    nodes = _rows(driver, settings, "MATCH (n) WHERE NOT n:Correction RETURN labels(n) AS labels, properties(n) AS p")
    rels = _rows(driver, settings, "MATCH (a)-[r]->(b) RETURN type(r) AS type, coalesce(a.id, a.name) AS a, "
                                   "coalesce(b.id, b.name) AS b, properties(r) AS p")  # fmt: skip

    def text(row: dict) -> str:
        props = {k: _value(v) for k, v in row.pop("p").items() if k not in _VOLATILE}
        return json.dumps({**{k: _value(v) for k, v in row.items()}, **props}, sort_keys=True, ensure_ascii=False)

    return sorted(text(n) for n in nodes), sorted(text(r) for r in rels)


def _load(driver, settings, extractor, articles=ARTICLES) -> None:
    summary = run_pipeline(articles, settings, driver=driver, database=settings.neo4j_database, extractor=extractor)
    assert not summary.skipped, summary.text()


def _reextract_all(driver, settings, extractor) -> None:
    """``reextract --all`` with every article's facts rewritten, as after a new extractor version."""
    _rows(driver, settings, "MATCH (a:Article) SET a.fact_hash = 'stale'")
    summary = run_reextract(Selection(everything=True), settings, driver=driver, database=settings.neo4j_database,
                            extractor=extractor)  # fmt: skip
    assert summary.replaced == len(ARTICLES), summary.text()


def _applied(driver, settings, check: str) -> bool:
    rows = _rows(driver, settings, check, name=HOSTILE_NAME)
    return bool(rows and rows[0]["ok"])


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_applies_survives_reextraction_undoes_and_moves_between_graphs(
    case, clean_db, neo4j_settings, extractor, tmp_path
):
    kind, target, after, check = CASES[case]
    _load(clean_db, neo4j_settings, extractor)
    raw = signature(clean_db, neo4j_settings)
    assert not _applied(clean_db, neo4j_settings, check)

    made = record_correction(clean_db, neo4j_settings.neo4j_database, kind, target, after, editor="ana",
                             reason=f"<b>{case}</b>")  # fmt: skip
    assert made.state == "applied" and made.before
    assert _applied(clean_db, neo4j_settings, check)
    corrected = signature(clean_db, neo4j_settings)
    assert corrected != raw

    _reextract_all(clean_db, neo4j_settings, extractor)
    assert signature(clean_db, neo4j_settings) == corrected

    path = tmp_path / "corrections.jsonl"
    assert write_corrections(list_corrections(clean_db, neo4j_settings.neo4j_database), path) == 1

    undone = undo_correction(clean_db, neo4j_settings.neo4j_database, made.id, editor="bo")
    assert (undone.status, undone.undone_by) == ("undone", "bo")
    assert not _applied(clean_db, neo4j_settings, check)
    assert signature(clean_db, neo4j_settings) == raw
    _reextract_all(clean_db, neo4j_settings, extractor)
    assert signature(clean_db, neo4j_settings) == raw  # an undone correction stays undone

    clean_db.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.neo4j_database)
    counts = import_corrections(clean_db, neo4j_settings.neo4j_database, read_corrections(path))
    assert counts["imported"] == 1 and counts["dangling"] == 1  # nothing to apply it to yet
    _load(clean_db, neo4j_settings, extractor)
    assert signature(clean_db, neo4j_settings) == corrected
    listed = list_corrections(clean_db, neo4j_settings.neo4j_database)
    assert [(c.id, c.state, c.reason) for c in listed] == [(made.id, "applied", f"<b>{case}</b>")]


def test_a_correction_whose_target_is_gone_is_kept_dangling_and_the_load_goes_on(clean_db, neo4j_settings,
                                                                                  extractor):  # fmt: skip
    _load(clean_db, neo4j_settings, extractor)
    database = neo4j_settings.neo4j_database
    rejected = record_correction(clean_db, database, "reject-statement", WARNED, editor="ana")
    renamed = record_correction(clean_db, database, "rename", SAFE_CITY, {"name": "Safe City Project"}, editor="ana")
    # The article is edited: the statement and the event are no longer there.
    edited = _article("c:1", TEXT.replace("warned that the cameras lacked legal safeguards", "spoke")
                      .replace("Safe City project", "camera plan"))  # fmt: skip
    summary = run_pipeline([edited, ARTICLES[1]], neo4j_settings, driver=clean_db, database=database,
                           extractor=extractor)  # fmt: skip
    assert summary.replaced == 1 and summary.dangling_corrections == 2
    assert "corrections dangling (2)" in summary.text()
    states = {c.id: c.state for c in list_corrections(clean_db, database)}
    assert states == {rejected.id: "dangling", renamed.id: "dangling"}
    assert _rows(clean_db, neo4j_settings, "MATCH (s:Statement) RETURN count(s) AS n")[0]["n"] >= 2
    _load(clean_db, neo4j_settings, extractor)  # the text comes back: both apply again
    states = {c.id: c.state for c in list_corrections(clean_db, database)}
    assert states == {rejected.id: "applied", renamed.id: "applied"}


def test_a_new_correction_must_name_what_is_in_the_graph(clean_db, neo4j_settings, extractor):
    _load(clean_db, neo4j_settings, extractor)
    database = neo4j_settings.neo4j_database
    for kind, target, after, message in (
        ("reject-statement", "c:1@0-3", {}, "no statement c:1@0-3 in the graph"),
        ("merge", PETROVSKI, {"into": "person:nobody"}, "no entity person:nobody in the graph to merge into"),
        ("merge", PETROVSKI, {"into": PETROVSKI}, "cannot be merged into itself"),
        ("split-alias", PETROVSKI, {"alias": "Andrej Petrovski"}, "is the name of"),
        ("rename", "person:nobody", {"name": "X"}, "no entity person:nobody"),
        ("retype", SHARE, {"type": "Planet"}, "is not one of"),
        ("reject-relation", f"{SHARE}|LIKES|{SAFE_CITY}|c:1@1-2", {}, "'LIKES' is not a relation type"),
        ("rename", SHARE, {"name": ""}, "the new name is empty"),
    ):
        with pytest.raises(CorrectionError, match=message):
            record_correction(clean_db, database, kind, target, after, editor="ana")
    with pytest.raises(CorrectionError, match="editor name is empty"):
        record_correction(clean_db, database, "rename", SHARE, {"name": "X"}, editor=" ")
    assert list_corrections(clean_db, database) == []


def test_conflicting_corrections_the_newest_wins_and_both_are_listed(clean_db, neo4j_settings, extractor):
    _load(clean_db, neo4j_settings, extractor)
    database = neo4j_settings.neo4j_database
    first = record_correction(clean_db, database, "rename", SHARE, {"name": "SHARE"}, editor="ana")
    second = record_correction(clean_db, database, "rename", SHARE, {"name": "Share Fondacija"}, editor="bo")
    name = "MATCH (e:Entity {id: $id}) RETURN e.name AS name"
    assert _rows(clean_db, neo4j_settings, name, id=SHARE) == [{"name": "Share Fondacija"}]
    listed = list_corrections(clean_db, database)
    assert [(c.id, c.state) for c in listed] == [(second.id, "applied"), (first.id, "superseded")]
    _reextract_all(clean_db, neo4j_settings, extractor)
    assert _rows(clean_db, neo4j_settings, name, id=SHARE) == [{"name": "Share Fondacija"}]
    undo_correction(clean_db, database, second.id, editor="ana")
    assert _rows(clean_db, neo4j_settings, name, id=SHARE) == [{"name": "SHARE"}]
    with pytest.raises(CorrectionError, match="already undone by ana"):
        undo_correction(clean_db, database, second.id, editor="ana")
    with pytest.raises(CorrectionError, match="no correction with id c-nope"):
        undo_correction(clean_db, database, "c-nope", editor="ana")


def test_cli_adds_lists_exports_imports_and_undoes(clean_db, neo4j_settings, extractor, tmp_path: Path):
    _load(clean_db, neo4j_settings, extractor)
    env = cli_env(neo4j_settings)
    runner = CliRunner()
    result = runner.invoke(cli, ["corrections", "apply", "reject-statement", WARNED, "--reason", "a paraphrase"],
                           env=env)  # fmt: skip
    assert result.exit_code != 0 and "needs an editor name" in result.output
    rename = ["corrections", "add", "rename", SHARE, "--name", HOSTILE_NAME, "--editor", "ana", "--reason"]
    result = runner.invoke(cli, [*rename, "its \x1b[2J own name"], env=env)
    assert result.exit_code == 1 and "the reason holds control characters" in result.output
    result = runner.invoke(cli, [*rename, "its <i>own</i> name"], env=env)
    assert result.exit_code == 0, result.output
    correction_id = result.output.split()[1]
    result = runner.invoke(cli, ["corrections", "list"], env=env)
    assert result.exit_code == 0, result.output
    assert correction_id in result.output and "applied" in result.output and HOSTILE_NAME in result.output
    _rows(clean_db, neo4j_settings, "MATCH (a:Article) SET a.fact_hash = 'stale'")
    result = runner.invoke(cli, ["reextract", "--all"], env=env)
    assert result.exit_code == 0 and "2 replaced" in result.output, result.output
    assert _rows(clean_db, neo4j_settings, "MATCH (e:Entity {id: $id}) RETURN e.name AS n", id=SHARE) == [
        {"n": HOSTILE_NAME}
    ]
    exported = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["corrections", "export", str(exported)], env=env)
    assert result.exit_code == 0 and "1 corrections written" in result.output
    assert json.loads(exported.read_text(encoding="utf-8").splitlines()[0])["after"] == {"name": HOSTILE_NAME}
    result = runner.invoke(cli, ["corrections", "undo", correction_id, "--editor", "bo"], env=env)
    assert result.exit_code == 0, result.output
    assert _rows(clean_db, neo4j_settings, "MATCH (e:Entity {id: $id}) RETURN e.name AS n", id=SHARE) == [
        {"n": "SHARE Foundation"}
    ]
    result = runner.invoke(cli, ["corrections", "import", str(exported)], env=env)
    assert result.exit_code == 0 and "0 imported, 1 already there" in result.output
    retype = {"kind": "retype", "target": SHARE, "after": {"type": "Group"}, "editor": "bo",
              "created_at": "2026-02-01T00:00:00Z"}  # fmt: skip
    (tmp_path / "retype.jsonl").write_text(json.dumps(retype) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["corrections", "import", str(tmp_path / "retype.jsonl")], env=env)
    assert result.exit_code == 0, result.output
    assert "corrections: 1 imported, 0 already there; of their targets' corrections 1 applied" in result.output


def test_an_import_file_with_malformed_lines_names_them_and_applies_the_rest(clean_db, neo4j_settings, extractor,
                                                                            tmp_path: Path):  # fmt: skip
    _load(clean_db, neo4j_settings, extractor)
    good = {"kind": "retype", "target": SAFE_CITY, "after": {"type": "Law"}, "editor": "ana",
            "created_at": "2026-01-02T10:00:00Z", "reason": "a programme, not an event"}  # fmt: skip
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "kind": "teleport"}),
        json.dumps({**good, "target": "not an id"}),
        json.dumps({**good, "after": {"type": "Law", "colour": "red"}}),
        "",
        json.dumps({**good, "editor": ""}),
        json.dumps([1, 2]),
        json.dumps({**good, "created_at": "yesterday"}),
    ]
    path = tmp_path / "corrections.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["corrections", "import", str(path)], env=cli_env(neo4j_settings))
    assert result.exit_code == 2, result.output
    for number, reason in (
        (2, "not JSON"),
        (3, "unknown kind"),
        (4, "not an entity id"),
        (5, "takes no colour"),
        (7, "editor name is empty"),
        (8, "not a JSON object"),
        (9, "not an ISO 8601 time"),
    ):
        assert f"{path}:{number}: " in result.output and reason in result.output, (number, result.output)
    assert "1 imported" in result.output
    listed = list_corrections(clean_db, neo4j_settings.neo4j_database)
    assert [(c.kind, c.target, c.state) for c in listed] == [("retype", SAFE_CITY, "applied")]


def test_a_correction_node_edited_into_nonsense_costs_no_load(clean_db, neo4j_settings, extractor):
    _load(clean_db, neo4j_settings, extractor)
    database = neo4j_settings.neo4j_database
    clean_db.execute_query("CREATE (:Correction {id: 'c-broken', kind: 'rename', target: $target, after: '{not json',"
                           " status: 'active', created_at: '2026-01-01T00:00:00.000000+00:00'})",
                           target=SHARE, database_=database)  # fmt: skip
    good = record_correction(clean_db, database, "retype", SAFE_CITY, {"type": "Law"}, editor="ana")
    _reextract_all(clean_db, neo4j_settings, extractor)
    assert [c.id for c in list_corrections(clean_db, database)] == [good.id]
    assert _rows(clean_db, neo4j_settings, "MATCH (e:Law {id: $id}) RETURN count(e) AS n", id=SAFE_CITY) == [{"n": 1}]


def test_a_reassignment_undone_after_its_speaker_was_merged_away(clean_db, neo4j_settings, extractor):
    _load(clean_db, neo4j_settings, extractor)
    database = neo4j_settings.neo4j_database
    raw = signature(clean_db, neo4j_settings)
    reassigned = record_correction(clean_db, database, "reassign-speaker", QUOTE, {"speaker_id": STEFANOVIC},
                                   editor="ana")  # fmt: skip
    merged = record_correction(clean_db, database, "merge", STEFANOVIC, {"into": PETROVSKI}, editor="bo")
    said = "MATCH (e:Entity)-[:SAID]->(:Statement {id: $id}) RETURN e.id AS id"
    assert _rows(clean_db, neo4j_settings, said, id=QUOTE) == [{"id": PETROVSKI}]
    _reextract_all(clean_db, neo4j_settings, extractor)
    undo_correction(clean_db, database, reassigned.id, editor="ana")
    assert _rows(clean_db, neo4j_settings, said, id=QUOTE) == [{"id": PETROVSKI}]  # its speaker as extracted
    undo_correction(clean_db, database, merged.id, editor="bo")
    assert _rows(clean_db, neo4j_settings, said, id=QUOTE) == [{"id": PETROVSKI}]
    assert signature(clean_db, neo4j_settings) == raw


def test_a_reassigned_speaker_is_the_editors_and_undo_gives_back_the_extractors_confidence(
    clean_db, neo4j_settings, extractor
):
    _load(clean_db, neo4j_settings, extractor)
    database = neo4j_settings.neo4j_database
    attribution = "MATCH (s:Statement {id: $id}) RETURN s.basis AS basis, s.basis_distance AS d, s.confidence AS c"
    extracted = _rows(clean_db, neo4j_settings, attribution, id=QUOTE)
    assert extracted[0]["basis"] not in (None, "editor")
    reassigned = record_correction(clean_db, database, "reassign-speaker", QUOTE, {"speaker_id": STEFANOVIC},
                                   editor="ana")  # fmt: skip
    corrected = [{"basis": "editor", "d": None, "c": 1.0}]
    assert _rows(clean_db, neo4j_settings, attribution, id=QUOTE) == corrected
    _reextract_all(clean_db, neo4j_settings, extractor)
    assert _rows(clean_db, neo4j_settings, attribution, id=QUOTE) == corrected
    undo_correction(clean_db, database, reassigned.id, editor="ana")
    assert _rows(clean_db, neo4j_settings, attribution, id=QUOTE) == extracted


# Two spellings of one analyst: both hold the same role at Georgetown, one also directs an institute and speaks in
# that role. Merging the spelling away must leave one Role per (person, title, organisation), all the surviving
# person's; merging the institute into the university moves the director's role with it.
DAHLIA_TEXT = (
    "Dahlia Peterson, a research analyst at Georgetown University, said the cameras were spreading. "
    "\u201cThe systems are sold as safety,\u201d Peterson said."
)
DALIJA_TEXT = (
    "Dalija Peterson, a research analyst at Georgetown University, warned about the cameras. "
    "Dalija Peterson, director of the Surveillance Institute, said the rules were weak."
)
PETERSONS = [_article("p:1", DAHLIA_TEXT), _article("p:2", DALIJA_TEXT)]
DAHLIA, DALIJA = "person:dahlia-peterson", "person:dalija-peterson"
GEORGETOWN, INSTITUTE = "organization:georgetown-university", "organization:surveillance-institute"
WEAK = "p:2@150-169"  # "the rules were weak", said by Dalija Peterson as director of the institute


def _roles_of(driver, settings, person_id: str) -> list[tuple[str, str, int]]:
    from queries.explore import GraphReader, curated

    reader = GraphReader(driver, settings.neo4j_database)
    rows = curated(reader, "person-roles", {"person_id": person_id}).rows
    return sorted((r["title"], r["organization_id"], r["articles"]) for r in rows)


def _spoken_roles(driver, settings, person_id: str) -> dict[str, str]:
    from queries.explore import GraphReader, curated

    reader = GraphReader(driver, settings.neo4j_database)
    shown = {}
    for query, parameters in (("person-statements", {"person_id": person_id}), ("statements", {})):
        rows = curated(reader, query, parameters).rows
        shown |= {r["statement_id"]: r["role"] for r in rows if r["role"] and r["statement_id"] == WEAK}
    return shown


def _stale_roles(driver, settings) -> list[dict]:
    """Roles whose id, person_id or org_id disagree with the person holding them and the organisation they are at."""
    return _rows(driver, settings, """
        MATCH (r:Role)
        OPTIONAL MATCH (p)-[:HOLDS_ROLE]->(r)
        OPTIONAL MATCH (r)-[:AT]->(o)
        WITH r, collect(DISTINCT p.id) AS people, collect(DISTINCT o.id) AS orgs
        WHERE people <> [r.person_id] OR orgs <> [x IN [r.org_id] WHERE x IS NOT NULL]
           OR NOT r.id STARTS WITH r.person_id + '|' OR NOT r.id ENDS WITH '|' + coalesce(r.org_id, '')
           OR NOT EXISTS { MATCH (:Entity {id: r.person_id}) }
        RETURN r.id AS id, people, orgs""")  # fmt: skip


def _reextract_petersons(driver, settings, extractor) -> None:
    _rows(driver, settings, "MATCH (a:Article) SET a.fact_hash = 'stale'")
    summary = run_reextract(Selection(everything=True), settings, driver=driver, database=settings.neo4j_database,
                            extractor=extractor)  # fmt: skip
    assert summary.replaced == len(PETERSONS), summary.text()


def test_a_merged_persons_roles_become_the_surviving_persons_and_undo_gives_them_back(
    clean_db, neo4j_settings, extractor
):
    _load(clean_db, neo4j_settings, extractor, PETERSONS)
    database = neo4j_settings.neo4j_database
    raw = signature(clean_db, neo4j_settings)
    assert _roles_of(clean_db, neo4j_settings, DALIJA) == [("director", INSTITUTE, 1), ("research analyst",
                                                                                         GEORGETOWN, 1)]  # fmt: skip
    assert not _stale_roles(clean_db, neo4j_settings)

    merged = record_correction(clean_db, database, "merge", DALIJA, {"into": DAHLIA}, editor="ana")
    both = [("director", INSTITUTE, 1), ("research analyst", GEORGETOWN, 2)]
    assert _roles_of(clean_db, neo4j_settings, DAHLIA) == both
    assert _stale_roles(clean_db, neo4j_settings) == []
    in_role = "MATCH (:Statement {id: $id})-[:IN_ROLE]->(r:Role) RETURN r.person_id AS person, r.org_id AS org"
    assert _rows(clean_db, neo4j_settings, in_role, id=WEAK) == [{"person": DAHLIA, "org": INSTITUTE}]
    corrected = signature(clean_db, neo4j_settings)

    _reextract_petersons(clean_db, neo4j_settings, extractor)
    assert signature(clean_db, neo4j_settings) == corrected

    undo_correction(clean_db, database, merged.id, editor="bo")
    assert signature(clean_db, neo4j_settings) == raw
    _reextract_petersons(clean_db, neo4j_settings, extractor)
    assert signature(clean_db, neo4j_settings) == raw


def test_an_organisation_merged_away_takes_its_roles_along_and_both_merges_undo_exactly(
    clean_db, neo4j_settings, extractor
):
    _load(clean_db, neo4j_settings, extractor, PETERSONS)
    database = neo4j_settings.neo4j_database
    raw = signature(clean_db, neo4j_settings)

    institute = record_correction(clean_db, database, "merge", INSTITUTE, {"into": GEORGETOWN}, editor="ana")
    assert _roles_of(clean_db, neo4j_settings, DALIJA) == [("director", GEORGETOWN, 1),
                                                           ("research analyst", GEORGETOWN, 1)]  # fmt: skip
    # What readers see beside the statement names the organisation the role is at now, not the merged-away one.
    assert _spoken_roles(clean_db, neo4j_settings, DALIJA) == {WEAK: "director, Georgetown University"}
    assert _stale_roles(clean_db, neo4j_settings) == []
    person = record_correction(clean_db, database, "merge", DALIJA, {"into": DAHLIA}, editor="bo")
    assert _roles_of(clean_db, neo4j_settings, DAHLIA) == [("director", GEORGETOWN, 1),
                                                           ("research analyst", GEORGETOWN, 2)]  # fmt: skip
    assert _stale_roles(clean_db, neo4j_settings) == []
    corrected = signature(clean_db, neo4j_settings)
    _reextract_petersons(clean_db, neo4j_settings, extractor)
    assert signature(clean_db, neo4j_settings) == corrected

    undo_correction(clean_db, database, person.id, editor="bo")  # the newer one first: the other stays
    assert _roles_of(clean_db, neo4j_settings, DALIJA) == [("director", GEORGETOWN, 1),
                                                           ("research analyst", GEORGETOWN, 1)]  # fmt: skip
    assert _stale_roles(clean_db, neo4j_settings) == []
    undo_correction(clean_db, database, institute.id, editor="ana")
    assert signature(clean_db, neo4j_settings) == raw


@pytest.mark.parametrize("older_first", [True, False])
def test_chained_merges_undo_in_either_order(clean_db, neo4j_settings, extractor, older_first):
    """The institute merged into the university, then the university into the foundation: undoing either merge
    leaves the other in force, and undoing both gives back the graph as loaded."""
    _load(clean_db, neo4j_settings, extractor, [*ARTICLES, *PETERSONS])
    database = neo4j_settings.neo4j_database
    raw = signature(clean_db, neo4j_settings)
    first = record_correction(clean_db, database, "merge", INSTITUTE, {"into": GEORGETOWN}, editor="ana")
    second = record_correction(clean_db, database, "merge", GEORGETOWN, {"into": SHARE}, editor="bo")
    ids = {r["id"] for r in _rows(clean_db, neo4j_settings, "MATCH (e:Organization) RETURN e.id AS id")}
    assert INSTITUTE not in ids and GEORGETOWN not in ids and SHARE in ids

    undo_correction(clean_db, database, (first if older_first else second).id, editor="cy")
    ids = {r["id"] for r in _rows(clean_db, neo4j_settings, "MATCH (e:Organization) RETURN e.id AS id")}
    if older_first:  # the institute is back; the university is still the foundation
        assert INSTITUTE in ids and GEORGETOWN not in ids
        assert _roles_of(clean_db, neo4j_settings, DALIJA) == [("director", INSTITUTE, 1),
                                                               ("research analyst", SHARE, 1)]  # fmt: skip
    else:  # the university is back, still holding the institute
        assert GEORGETOWN in ids and INSTITUTE not in ids
        assert _roles_of(clean_db, neo4j_settings, DALIJA) == [("director", GEORGETOWN, 1),
                                                               ("research analyst", GEORGETOWN, 1)]  # fmt: skip
    assert _stale_roles(clean_db, neo4j_settings) == []
    undo_correction(clean_db, database, (second if older_first else first).id, editor="cy")
    assert signature(clean_db, neo4j_settings) == raw


@pytest.mark.parametrize("merged", ["person:petrovski", PETROVSKI])
def test_a_split_undone_after_either_entity_was_merged_on(clean_db, neo4j_settings, extractor, merged):
    """An alias split off, then the split-off entity (or the one it left) merged into another: undoing the split
    first leaves the merge in force, and undoing both gives back the graph as loaded."""
    _load(clean_db, neo4j_settings, extractor)
    database = neo4j_settings.neo4j_database
    raw = signature(clean_db, neo4j_settings)
    split = record_correction(clean_db, database, "split-alias", PETROVSKI, {"alias": "Petrovski"}, editor="ana")
    merge = record_correction(clean_db, database, "merge", merged, {"into": STEFANOVIC}, editor="bo")
    undo_correction(clean_db, database, split.id, editor="cy")
    said = _rows(clean_db, neo4j_settings, "MATCH (e:Entity)-[:SAID]->(:Statement {id: $id}) RETURN e.id AS id",
                 id=QUOTE)  # fmt: skip
    # "Petrovski said" is Andrej Petrovski's again: his own where he was not merged, Stefanović's where he was.
    assert [r["id"] for r in said] == [PETROVSKI if merged == "person:petrovski" else STEFANOVIC]
    assert not _rows(clean_db, neo4j_settings, "MATCH (e:Entity {id: 'person:petrovski'}) RETURN e.id AS id")
    undo_correction(clean_db, database, merge.id, editor="cy")
    assert signature(clean_db, neo4j_settings) == raw


def test_a_renamed_speaker_is_shown_by_the_new_name_where_quotes_are_traced(clean_db, neo4j_settings, extractor):
    _load(clean_db, neo4j_settings, extractor)
    database = neo4j_settings.neo4j_database
    record_correction(clean_db, database, "rename", PETROVSKI, {"name": "Andrej Petrovski Jr."}, editor="ana")
    [first] = run_curated(clean_db, database, "first-appearance", {"quote": "no place in a democratic society"}).rows()
    assert first["speaker"] == "Andrej Petrovski Jr."
