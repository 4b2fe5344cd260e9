"""The lexicon as data: en.toml loaded into one typed object, the user's file extending or replacing its lists."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import spacy

from core.errors import ConfigError
from core.settings import load_settings
from newsgraph.pipeline import extraction_version
from nlp.keys import fold
from nlp.lexicon.gazetteer import load_gazetteer
from nlp.lexicon.lexicon import load_lexicon
from nlp.statements.finder import find_statements
from tests.test_statements import entities_of


def _user_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "aliases.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_builtin_lexicon_is_versioned_and_holds_the_gazetteer_lists() -> None:
    lexicon = load_lexicon()
    assert lexicon.version
    assert "title_words" in lexicon.rules
    assert "president" in load_gazetteer(lexicon=lexicon).words("title_words")


def test_a_user_list_under_lexicon_extends_the_builtin_one(tmp_path: Path) -> None:
    user = _user_file(tmp_path, '[lexicon]\ntitle_words = ["ombudsbeing"]\n')
    gazetteer = load_gazetteer(user)
    assert {"ombudsbeing", "president"} <= gazetteer.words("title_words")


def test_a_user_list_under_lexicon_replace_replaces_the_builtin_one(tmp_path: Path) -> None:
    user = _user_file(tmp_path, '[lexicon.replace]\ntitle_words = ["ombudsbeing"]\n')
    assert load_gazetteer(user).words("title_words") == {"ombudsbeing"}


def test_the_legacy_rules_table_still_replaces_a_list(tmp_path: Path) -> None:
    user = _user_file(tmp_path, '[rules]\nevent_heads = ["jamboree"]\n')
    assert load_gazetteer(user).words("event_heads") == {"jamboree"}


@pytest.mark.parametrize(
    "text",
    ['[lexicon]\ntitle_wrds = ["x"]\n', '[lexicon.replace]\ntitle_wrds = ["x"]\n', '[rules]\ntitle_wrds = ["x"]\n'],
    ids=["extend", "replace", "rules"],
)
def test_an_unknown_key_is_an_error_naming_it_and_the_file(tmp_path: Path, text: str) -> None:
    user = _user_file(tmp_path, text)
    with pytest.raises(ConfigError, match=r"title_wrds") as raised:
        load_lexicon(user)
    assert str(user) in str(raised.value)


def test_a_wrong_type_is_an_error_naming_the_key(tmp_path: Path) -> None:
    user = _user_file(tmp_path, '[lexicon]\ntitle_words = "ombudsbeing"\n')
    with pytest.raises(ConfigError, match=r"'title_words' must be a list of strings"):
        load_lexicon(user)


@pytest.mark.parametrize("table", ["lexicon", "rules"])
def test_a_user_not_entities_list_takes_effect(tmp_path: Path, table: str) -> None:
    user = _user_file(tmp_path, f'[{table}]\nnot_entities = ["Acme Widgets"]\n')
    assert fold("Acme Widgets") in load_gazetteer(user).ignored


def test_editing_the_user_lexicon_changes_the_extraction_version(tmp_path: Path) -> None:
    settings: Any = SimpleNamespace(embedding_model="m", non_english="skip")
    plain = SimpleNamespace(version="v", lexicon=load_lexicon(), gazetteer=None)
    user = _user_file(tmp_path, '[lexicon]\ntitle_words = ["ombudsbeing"]\n')
    extended = SimpleNamespace(version="v", lexicon=load_lexicon(user), gazetteer=None)
    assert extraction_version(extended, settings) != extraction_version(plain, settings)
    assert extraction_version(plain, settings) == extraction_version(
        SimpleNamespace(version="v", lexicon=load_lexicon(), gazetteer=None), settings
    )


def test_a_reporting_verb_added_in_a_user_file_finds_a_statement(tmp_path: Path) -> None:
    nlp = spacy.load(load_settings(environ={}).spacy_model)
    doc = nlp("Jane Roe grumbled that the bridge would close next week.")
    user = _user_file(tmp_path, '[lexicon]\nspeech_verbs = ["grumble"]\n')
    assert find_statements(doc, entities_of(doc), None, lexicon=load_lexicon()) == []
    [statement] = find_statements(doc, entities_of(doc), None, lexicon=load_lexicon(user))
    assert (statement.speaker, statement.cue) == ("Jane Roe", "grumbled")
    assert statement.text == "the bridge would close next week"


def test_one_honorifics_table_gives_each_rule_its_own_members() -> None:
    lexicon = load_lexicon()
    assert {"lady", "lord", "mr"} <= lexicon.statements.honorifics
    assert "lady" not in lexicon.rules["honorific_titles"] and "emeritus" in lexicon.rules["honorific_titles"]
    assert "mx" in lexicon.entities.trimmed_honorifics and "mx" not in lexicon.statements.honorifics
    assert lexicon.statements.title_genders["mr."] == "m" and lexicon.statements.title_genders["queen"] == "f"
    assert "dr" not in lexicon.statements.title_genders and "lady." not in lexicon.statements.title_genders


def test_a_user_honorific_extends_the_table(tmp_path: Path) -> None:
    user = _user_file(tmp_path, '[lexicon]\nhonorifics = { mx = { uses = ["speaker", "trim"] } }\n')
    lexicon = load_lexicon(user)
    assert {"mx", "lord"} <= lexicon.statements.honorifics
    assert "mx" in lexicon.entities.trimmed_honorifics


def test_an_unknown_honorific_use_is_an_error_naming_it(tmp_path: Path) -> None:
    user = _user_file(tmp_path, '[lexicon]\nhonorifics = { mx = { uses = ["nowhere"] } }\n')
    with pytest.raises(ConfigError, match=r"honorifics\.mx.*'nowhere'"):
        load_lexicon(user)


def test_a_user_relation_verb_joins_its_type_and_keeps_the_others(tmp_path: Path) -> None:
    user = _user_file(tmp_path, '[lexicon]\npredicate_verbs = { SUPPORTS = ["laud"] }\n')
    predicates = load_lexicon(user).relations.predicate_of
    assert predicates["laud"] == predicates["praise"] == "SUPPORTS"
    assert predicates["meet"] == "MEETS"
    assert "laud" not in load_lexicon().relations.predicate_of


# An aliases file whose entries have another shape than gazetteer.toml's: a text where a list is due was read letter
# by letter (`aliases = "HW"` made every "H" and "W" an alias of the entity), a number where a list is due stopped
# the extraction with an internal TypeError.
HOSTILE_ALIASES = {
    "entity a number": ("entity = 5\n", "'entity' must be a list of [[entity]] tables"),
    "aliases a text": ('[[entity]]\nname = "Huawei"\ntype = "Organization"\naliases = "HW"\n',
                       "[[entity]] #1: 'aliases' must be a list of strings"),
    "aliases of numbers": ('[[entity]]\nname = "Huawei"\ntype = "Organization"\naliases = [1]\n',
                           "[[entity]] #1: 'aliases' must be a list of strings"),
    "split a table": ("split = 5\n", "'split' must be a list of [[split]] tables"),
    "split names a text": ('[[split]]\nnames = "Ana Lee"\n', "[[split]] #1: 'names' must be a list of strings"),
    "split an entry a number": ("split = [5]\n", "'split' must be a list of [[split]] tables"),
    "ignore a text": ('ignore = "abc"\n', "'ignore' must be a list of strings"),
    "ignore of numbers": ("ignore = [1, 2]\n", "'ignore' must be a list of strings"),
}  # fmt: skip


@pytest.mark.parametrize("case", HOSTILE_ALIASES, ids=list(HOSTILE_ALIASES))
def test_an_aliases_file_entry_of_another_shape_stops_the_load_naming_it(tmp_path: Path, case: str) -> None:
    text, message = HOSTILE_ALIASES[case]
    user = _user_file(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load_gazetteer(user)
    assert str(raised.value) == f"{user}: {message}"


def test_an_aliases_file_entity_without_a_name_or_type_is_refused_alike_by_the_audit(tmp_path: Path) -> None:
    from graph.correction_file import aliases_file_corrections
    from graph.correction_records import CorrectionError

    user = _user_file(tmp_path, '[[entity]]\nname = 5\ntype = "Organization"\naliases = ["Five"]\n')
    message = f"{user}: [[entity]] #1 needs a name and a type among Person, Organization, Location, Law, Event, "
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_gazetteer(user)
    with pytest.raises(CorrectionError, match=message.replace("[", r"\[").replace("]", r"\]")):
        aliases_file_corrections(user)


def test_an_aliases_file_that_is_a_device_a_fifo_or_a_folder_is_one_line_not_read(tmp_path: Path) -> None:
    """/dev/zero was read whole until memory ran out (an internal MemoryError), and a FIFO waited for a writer."""
    from graph.correction_file import aliases_file_corrections
    from graph.correction_records import CorrectionError

    fifo = tmp_path / "aliases.fifo"
    os.mkfifo(fifo)
    for path, reason in ((Path("/dev/zero"), "not a regular file"), (fifo, "not a regular file"),
                         (tmp_path, "not a regular file")):  # fmt: skip
        with pytest.raises(ConfigError) as raised:
            load_lexicon(path)
        assert str(raised.value) == f"cannot read aliases file {path}: {reason}"
        with pytest.raises(ConfigError, match=f"cannot read aliases file {path}: {reason}"):
            load_gazetteer(path)
        with pytest.raises(CorrectionError) as listed:
            aliases_file_corrections(path)
        assert str(listed.value) == f"cannot read the aliases file {path}: {reason}"


def test_an_aliases_file_over_16_mb_is_refused(tmp_path: Path) -> None:
    big = _user_file(tmp_path, "# padding\n" * (2 * 2**20))
    with pytest.raises(ConfigError, match="larger than 16 MB"):
        load_lexicon(big)
