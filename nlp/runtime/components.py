"""The project's spaCy components. Each writes one ``Doc._`` extension; the logic lives in plain functions.

- ``newsgraph_entities`` → ``doc._.newsgraph_mentions``: corrected entity mentions (nlp.entities); its config
  ``disabled_rules`` names entity rules to switch off (``nlp.entities.finders.RULES``), for ablation runs.
- ``newsgraph_roles`` → ``doc._.newsgraph_roles``: person/title/organisation mentions (nlp.entities.roles); it also
  retypes as Person a name the model tagged ORG when it holds a personal title.
- ``newsgraph_relations`` → ``doc._.newsgraph_relations``: relation mentions (nlp.relations.finder); its config
  ``aliases_file`` is the user's file over the lexicon's relation verbs.

Extension values are plain tuples so docs survive the trip between ``nlp.pipe`` worker processes.
A component that fails on one doc records the error in ``doc._.newsgraph_errors`` and lets the doc through:
spaCy's own error handler would drop the doc and with it the article's place in the stream.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from nlp.entities.finders import Mention, build_gazetteer_matchers, checked_rule_names, find_mentions
from nlp.entities.roles import RoleMention, find_roles, promote_people
from nlp.lexicon.gazetteer import load_gazetteer
from nlp.lexicon.lexicon import load_lexicon
from nlp.relations.finder import find_relations
from nlp.relations.mention import RelationMention

log = logging.getLogger(__name__)

for _name in ("newsgraph_mentions", "newsgraph_roles", "newsgraph_relations", "newsgraph_errors"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=())


class _GuardedComponent:
    """A component whose failure on one document is written to ``doc._.newsgraph_errors`` instead of raised."""

    error_label = ""

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.annotate(doc)
        except Exception as e:  # one bad document must not end the batch (see the module docstring)
            log.warning("%s failed on a document: %s: %s", self.error_label, type(e).__name__, e)
            doc._.newsgraph_errors = (*doc._.newsgraph_errors, f"{self.error_label}: {type(e).__name__}: {e}")
        return doc

    def annotate(self, doc: Doc) -> None:
        raise NotImplementedError


def mentions_of(doc: Doc) -> list[Mention]:
    """The doc's mentions as records (worker processes hand them back as plain lists)."""
    return [Mention(*row) for row in doc._.newsgraph_mentions]


def roles_of(doc: Doc) -> list[RoleMention]:
    return [RoleMention(tuple(r[0]), r[1], tuple(r[2]) if r[2] else None, *r[3:]) for r in doc._.newsgraph_roles]


def relations_of(doc: Doc) -> list[RelationMention]:
    return [
        RelationMention(tuple(r[0]), r[1], tuple(r[2]), r[3], r[4], tuple(r[5]), tuple(r[6]) if r[6] else None, r[7])
        for r in doc._.newsgraph_relations
    ]


class EntityComponent(_GuardedComponent):
    error_label = "newsgraph_entities"

    def __init__(self, nlp: Language, aliases_file: str, disabled: Iterable[str] = ()) -> None:
        self.gazetteer = load_gazetteer(aliases_file or None)
        self.matchers = build_gazetteer_matchers(nlp, self.gazetteer)
        self.disabled = checked_rule_names(disabled)

    def annotate(self, doc: Doc) -> None:
        doc._.newsgraph_mentions = tuple(find_mentions(doc, self.gazetteer, self.matchers, self.disabled))


class RoleComponent(_GuardedComponent):
    error_label = "newsgraph_roles"

    def __init__(self, aliases_file: str) -> None:
        self.gazetteer = load_gazetteer(aliases_file or None)

    def annotate(self, doc: Doc) -> None:
        mentions = mentions_of(doc)
        mentions, roles = promote_people(mentions, find_roles(doc, mentions, self.gazetteer), self.gazetteer)
        doc._.newsgraph_mentions = tuple(mentions)
        doc._.newsgraph_roles = tuple(roles)


class RelationComponent(_GuardedComponent):
    error_label = "newsgraph_relations"

    def __init__(self, aliases_file: str) -> None:
        self.lexicon = load_lexicon(aliases_file or None)

    def annotate(self, doc: Doc) -> None:
        doc._.newsgraph_relations = tuple(find_relations(doc, mentions_of(doc), self.lexicon))


@Language.factory(
    "newsgraph_entities",
    default_config={"aliases_file": "", "disabled_rules": []},
    requires=["doc.ents", "token.pos", "token.dep"],
    assigns=["doc._.newsgraph_mentions"],
)
def make_entities(nlp: Language, name: str, aliases_file: str, disabled_rules: list[str]) -> EntityComponent:
    return EntityComponent(nlp, aliases_file, disabled_rules)


@Language.factory(
    "newsgraph_roles",
    default_config={"aliases_file": ""},
    requires=["doc._.newsgraph_mentions", "doc.sents"],
    assigns=["doc._.newsgraph_roles", "doc._.newsgraph_mentions"],
)
def make_roles(nlp: Language, name: str, aliases_file: str) -> RoleComponent:
    return RoleComponent(aliases_file)


@Language.factory(
    "newsgraph_relations",
    default_config={"aliases_file": ""},
    requires=["doc._.newsgraph_mentions", "token.dep", "token.lemma"],
    assigns=["doc._.newsgraph_relations"],
)
def make_relations(nlp: Language, name: str, aliases_file: str) -> RelationComponent:
    return RelationComponent(aliases_file)
