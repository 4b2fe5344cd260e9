"""Relations between entity mentions, read from the dependency parse, with the sentence as evidence.

Typed predicates come from verb lexicons (agreements, purchases, criticism and support, meetings, laws,
use of a product, arrests and flight); any other verb linking two entities gives a generic
subject–verb–object triple named after the verb ("REMOVE", "RELY_ON"). Offsets are doc offsets.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from nlp.entities.mentions import Mention

PREDICATES: dict[str, str] = {
    **dict.fromkeys(["partner", "cooperate", "collaborate", "ally", "team"], "PARTNERS_WITH"),
    **dict.fromkeys(["agree", "sign", "conclude", "negotiate"], "AGREEMENT_WITH"),
    **dict.fromkeys(["buy", "purchase", "acquire", "procure", "order", "import"], "BOUGHT_FROM"),
    **dict.fromkeys(["supply", "sell", "provide", "deliver", "export", "ship"], "SUPPLIED"),
    **dict.fromkeys(
        [
            "criticize",
            "criticise",
            "condemn",
            "attack",
            "accuse",
            "blast",
            "slam",
            "denounce",
            "blame",
            "sue",
            "fault",
            "rebuke",
        ],
        "CRITICIZED",
    ),
    **dict.fromkeys(["oppose", "reject", "resist", "protest", "challenge", "block", "veto"], "OPPOSED"),
    **dict.fromkeys(["support", "back", "endorse", "praise", "welcome", "defend", "champion"], "SUPPORTED"),
    **dict.fromkeys(["meet", "visit", "host", "receive"], "MET"),
    **dict.fromkeys(["propose", "introduce", "draft", "table", "submit"], "PROPOSED"),
    **dict.fromkeys(["withdraw", "scrap", "repeal", "drop", "abandon", "shelve"], "WITHDREW"),
    **dict.fromkeys(["adopt", "pass", "enact", "approve", "ratify"], "ADOPTED"),
    **dict.fromkeys(["use", "deploy", "install", "employ", "implement", "operate"], "USES"),
    **dict.fromkeys(["arrest", "detain", "capture", "apprehend", "charge", "indict", "extradite"], "ARRESTED"),
    **dict.fromkeys(["flee", "escape"], "FLED_TO"),
}
LAW_PREDICATES = {"PROPOSED", "WITHDREW", "ADOPTED"}
SYMMETRIC = {"MET", "PARTNERS_WITH", "AGREEMENT_WITH"}
# Reporting verbs are statements, not relations; light verbs carry no relation of their own.
GENERIC_EXCLUDED = {
    "say",
    "tell",
    "add",
    "state",
    "claim",
    "write",
    "note",
    "argue",
    "report",
    "be",
    "have",
    "do",
    "include",
    "make",
    "get",
}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "attr", "dative", "oprd"}


class RelationMention(NamedTuple):
    subject: tuple[int, int]
    predicate: str
    object: tuple[int, int]
    start: int
    end: int
    sentence: tuple[int, int]


def _mention_of(token: Token, mentions: list[Mention]) -> Mention | None:
    for mention in mentions:
        if mention.start <= token.idx < mention.end:
            return mention
    return None


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _subjects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not found and verb.dep_ in {"xcomp", "advcl", "conj"} and verb.head is not verb:
        found = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]  # "X met Y to sign …"
    passive = [c for c in verb.children if c.dep_ == "agent"]
    if passive:  # "the driver was arrested by police": the agent is the subject
        found = [g for a in passive for g in a.children if g.dep_ == "pobj"]
    return [t for s in found for t in _with_conjuncts(s)]


def _objects(verb: Token) -> list[tuple[Token, str | None]]:
    """Object tokens with the preposition that introduces them (None for a direct object)."""
    found: list[tuple[Token, str | None]] = []
    if any(c.dep_ == "agent" for c in verb.children):
        found += [(t, None) for c in verb.children if c.dep_ == "nsubjpass" for t in _with_conjuncts(c)]
    heads = [verb] + [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    for head in heads:
        if head is not verb:
            found += [(t, None) for t in _with_conjuncts(head)]
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ not in {"by", "in", "at"}):
            found += [(t, prep.lower_) for p in prep.children if p.dep_ == "pobj" for t in _with_conjuncts(p)]
    return found


def _predicate(verb: Token, preposition: str | None, object_type: str) -> str:
    lemma = verb.lemma_.lower()
    typed = PREDICATES.get(lemma)
    if typed in LAW_PREDICATES and object_type != "Law":
        typed = None
    if lemma == "sign" and object_type == "Law":
        typed = "ADOPTED"
    if typed == "FLED_TO" and preposition not in {"to", "into", "via", None}:
        typed = None
    if typed == "BOUGHT_FROM" and preposition != "from":
        typed = "BOUGHT"  # "Google acquired Fitbit": the object is what was bought
    if typed:
        return typed
    return lemma.upper().replace("-", "_") + (f"_{preposition.upper()}" if preposition else "")


def _relations_of_verb(verb: Token, mentions: list[Mention], sentence: Span) -> list[RelationMention]:
    subjects = [m for t in _subjects(verb) if (m := _mention_of(t, mentions)) and m.type != "Unknown"]
    objects = [(m, p) for t, p in _objects(verb) if (m := _mention_of(t, mentions)) and m.type != "Unknown"]
    found = []
    sentence_span = (sentence.start_char, sentence.end_char)
    if not objects and PREDICATES.get(verb.lemma_.lower()) in SYMMETRIC and len(subjects) > 1:
        objects = [(m, None) for m in subjects[1:]]  # "Vučić and Hoti met"
        subjects = subjects[:1]
    for subject in subjects:
        for obj, preposition in objects:
            if obj == subject:
                continue
            start = min(subject.start, obj.start, verb.idx)
            end = max(subject.end, obj.end, verb.idx + len(verb.text))
            predicate = _predicate(verb, preposition, obj.type)
            found.append(
                RelationMention(
                    (subject.start, subject.end), predicate, (obj.start, obj.end), start, end, sentence_span
                )
            )
    return found


def find_relations(doc: Doc, mentions: list[Mention]) -> list[RelationMention]:
    """Relations between the entity mentions of a doc, one per subject/verb/object combination."""
    relations = []
    for sentence in doc.sents:
        for token in sentence:
            if token.pos_ == "VERB" and token.lemma_.lower() not in GENERIC_EXCLUDED:
                relations.extend(_relations_of_verb(token, mentions, sentence))
    return relations
