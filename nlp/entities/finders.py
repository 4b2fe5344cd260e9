"""Entity mentions in one spaCy Doc: the ordered rules of the entity stage, and ``find_mentions`` running them.

The model's entities come first, mended and retyped (``nlp.entities.ner``, ``nlp.entities.retyping``); the
``CANDIDATE_RULES`` then add, in order, the names the model misses or mistypes, found from their shape, their
neighbours and the gazetteer; overlapping candidates are settled (``select_mentions``); the ``NAMED_RULES`` revise
the names chosen. ``RULES`` lists every rule in the order it acts; a rule is switched off by its name.
Offsets in a ``Mention`` are character offsets into ``doc.text``.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from core.errors import ConfigError
from nlp.entities.anaphors import anaphor_mentions, joined_descriptions
from nlp.entities.events import described_event_mentions, prefixed_event_mentions, quoted_name_mentions
from nlp.entities.laws import court_case_mentions, described_law_mentions, law_mentions, numbered_bill_mentions
from nlp.entities.mentions import Mention
from nlp.entities.ner import DATE_RULES, ORGANISATION_SPANS, PERSON_SPANS, WHOLE_NAMES, ner_mentions, trim
from nlp.entities.organizations import (
    acting_organisations,
    apposition_organisations,
    apposition_people,
    department_mentions,
    described_next,
    described_organisations,
    party_names,
    preposition_names,
    ranked_people,
    shared_family_names,
    team_names,
    titled_place_names,
    untagged_names,
    workplace_organisations,
)
from nlp.entities.retyping import RETYPING, RetypeStep, retype
from nlp.entities.rules import Rule, rules_markdown, switched_on, unknown_names
from nlp.keys import doc_text, fold
from nlp.lexicon.gazetteer import Gazetteer

SOURCE_PRIORITY = {"gazetteer": 3, "rule": 2, "anaphor": 2, "ner": 1}


@dataclass(frozen=True, slots=True)
class Reading:
    """One document and what the candidate rules read besides it: the gazetteer, its matchers, the retyping."""

    doc: Doc
    gazetteer: Gazetteer
    matchers: tuple[PhraseMatcher, ...]
    retyping: tuple[RetypeStep, ...]


# A candidate rule takes the candidates so far and returns them with its own added (or some replaced).
CandidateStep = Callable[[Reading, list[Mention]], list[Mention]]
# A rule on the chosen names: (reading, the names chosen, the mentions so far) → the mentions.
NamedStep = Callable[[Reading, list[Mention], list[Mention]], list[Mention]]
# A rule choosing between overlapping candidates: the candidates → those that stay in the running.
ChoosingStep = Callable[[list[Mention]], list[Mention]]


def dateline_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """The city of a dateline, in capitals at the start of a line: "TORONTO —", "WASHINGTON (AP) —"; and the
    region written out after it ("SURAKARTA, Central Java —"; not an abbreviation such as "Ill.")."""
    mentions = []
    for m in gazetteer.lexicon.entities.dateline_city.finditer(doc_text(doc)):
        mentions.append(Mention(m.start(1), m.end(1), "Location", string.capwords(m.group(1)), "rule"))
        region = m.group(2)
        if region and not region.endswith(".") and len(region) > 3:
            mentions.append(Mention(m.start(2), m.end(2), "Location", region, "rule"))
    return mentions


def build_gazetteer_matchers(language: Language, gazetteer: Gazetteer) -> tuple[PhraseMatcher, ...]:
    """A case-sensitive matcher for gazetteer names: "US" is not "us", "WHO" is not "who"."""
    matcher = PhraseMatcher(language.vocab, attr="ORTH")
    for known in gazetteer.entities:
        matcher.add(known.name, [language.make_doc(alias) for alias in (known.name, *known.aliases)])
    return (matcher,)


def gazetteer_mentions(doc: Doc, gazetteer: Gazetteer, matchers: tuple[PhraseMatcher, ...]) -> list[Mention]:
    mentions = []
    for matcher in matchers:
        for _match_id, start, end in matcher(doc):
            span = doc[start:end]
            known = gazetteer.lookup(span.text)
            if known is not None:
                mentions.append(Mention(span.start_char, span.end_char, known.type, span.text, "gazetteer"))
    return mentions


def pronoun_people(doc: Doc, candidates: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A one-word name the model tagged ORG, PERSON or a place that is the subject of a verb and is taken up by
    "he" or "she" later in its sentence is a person known by one name ("Drake said he would return", "Suparman has
    walked onto the stage with his cak"): a company, a government or a country is "it" or "they". So is a name of
    two or three capitalised words tagged ORG or a place, with no organisation or place word in it ("Gurpreet Singh
    Dhaliwal is already walking the rows of his farm"). A mention of another person in the sentence may own the
    pronoun instead, and a word of a full name in the document is a surname, which resolution joins to that name."""
    name_words = {fold(w) for m in candidates if m.type == "Person" and " " in m.text for w in m.text.split()}
    organised = gazetteer.words("organization_words") | gazetteer.words("location_heads")
    found = []
    for mention in candidates:
        words = mention.text.split()
        if mention.source != "ner" or mention.type not in {"Person", "Organization", "Location"} or len(words) > 3:
            continue
        if fold(mention.text) in name_words or (len(words) > 1 and mention.type == "Person"):
            continue
        if len(words) > 1 and (
            gazetteer.lookup(mention.text) or any(fold(w) in organised or not w[:1].isupper() for w in words)
        ):
            continue  # "Gurpreet Singh Dhaliwal is already walking … his farm" (tagged ORG); not "Acme Foods"
        span = doc.char_span(mention.start, mention.end)
        if span is None or not len(span) or span.root.dep_ != "nsubj" or span.root.head.pos_ != "VERB":
            continue
        token = [span.root]
        sentence = token[0].sent
        others = [
            m
            for m in candidates
            if m.type == "Person"
            and m.text[:1].isupper()  # "every tenth bush" tagged PERSON is no one
            and sentence.start_char <= m.start < sentence.end_char
            and not _retyped_by_rule(m, candidates)
        ]
        if any(m.start != mention.start for m in others):
            continue
        verb = token[0].head
        after = doc[verb.i + 1 : sentence.end]
        # "Spain extradited him": the object of the subject's own verb is someone else
        if any(
            t.lower_ in gazetteer.lexicon.entities.personal_pronouns
            and not (t.head.i == verb.i and t.dep_ in {"dobj", "dative"})
            for t in after
        ):
            found.append(Mention(mention.start, mention.end, "Person", mention.text, "rule"))
    return found


def _retyped_by_rule(mention: Mention, candidates: list[Mention]) -> bool:
    """A PERSON of the model that a rule reads as something else over the same words ("Central Java" of a
    dateline)."""
    return any(
        o.source == "rule" and o.type != "Person" and o.start <= mention.start and mention.end <= o.end
        for o in candidates
    )


def _without_names_inside_longer_ones(candidates: list[Mention]) -> list[Mention]:
    longer = sorted(
        (c for c in candidates if c.source != "gazetteer" and c.type in {"Organization", "Event", "Location"}),
        key=lambda c: c.start,
    )
    starts = [c.start for c in longer]
    reach = max((c.end - c.start for c in longer), default=0)
    return [m for m in candidates if not _inside_longer_name(m, longer, starts, reach)]


def _inside_longer_name(mention: Mention, longer: list[Mention], starts: list[int], reach: int) -> bool:
    """A known name that opens a longer name ("U.S." in "U.S. Department of Agriculture", "Google Science Fair"),
    sits inside one ("National Museum of the U.S. Air Force") or completes one after its only "of"
    ("Supreme Court of the United States"; but "University of Sheffield of the UK" is a university and a place).
    ``longer`` are the other rules' and the model's candidates, by start; ``reach`` is the longest of them, so
    only those starting that far before the mention are read (a long document has thousands)."""
    if mention.source != "gazetteer" or mention.type not in {"Location", "Organization"}:
        return False
    window = longer[bisect_left(starts, mention.start - reach) : bisect_right(starts, mention.start)]
    for c in window:
        if c.start == mention.start and c.end > mention.end + 1:
            return True
        if c.type == "Organization" and c.start < mention.start and c.end >= mention.end:
            before = c.text[: mention.start - c.start]
            if c.end > mention.end + 1 or (re.search(r" of (?:the )?$", before) and before.count(" of ") == 1):
                return True
    return False


def select_mentions(
    candidates: list[Mention], choosing: Iterable[ChoosingStep] = (_without_names_inside_longer_ones,)
) -> list[Mention]:
    """Keep the best of overlapping candidates: gazetteer over rules over the model, then the longer one."""
    for step in choosing:
        candidates = step(candidates)
    ranked = sorted(candidates, key=lambda m: (-SOURCE_PRIORITY[m.source], -(m.end - m.start), m.start))
    taken = bytearray(max((m.end for m in candidates), default=0))  # characters already in a kept mention
    kept: list[Mention] = []
    for mention in ranked:
        if not any(taken[mention.start : mention.end]):
            kept.append(mention)
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    return sorted(kept, key=lambda m: m.start)


# ---------------------------------------------------------------- the candidate rules' steps


def _adding(find: Callable[[Reading], list[Mention]]) -> CandidateStep:
    return lambda reading, candidates: candidates + find(reading)


def _untagged(reading: Reading) -> list[Mention]:
    mentions = []
    for name in untagged_names(reading.doc, reading.gazetteer):
        typed = retype(name, "Unknown", reading.gazetteer, reading.retyping)
        if typed is not None and typed.type != "Unknown":
            mentions.append(typed.mention(source="rule"))
    return mentions


def _appositions(reading: Reading) -> list[Mention]:
    mentions = []
    for name in apposition_organisations(reading.doc, reading.gazetteer):
        trimmed = trim(name, reading.gazetteer)
        if trimmed is not None and reading.gazetteer.lookup(trimmed.text) is None:
            mentions.append(Mention(trimmed.start_char, trimmed.end_char, "Organization", trimmed.text, "rule"))
    return mentions


def _apposition_people(reading: Reading) -> list[Mention]:
    names = apposition_people(reading.doc, reading.gazetteer)
    return [Mention(name.start_char, name.end_char, "Person", name.text, "rule") for name in names]


def _ranked_people(reading: Reading) -> list[Mention]:
    names = ranked_people(reading.doc, reading.gazetteer)
    return [Mention(name.start_char, name.end_char, "Person", name.text, "rule") for name in names]


def _described(reading: Reading) -> list[Mention]:
    names = described_organisations(reading.doc, reading.gazetteer)
    return [Mention(name.start_char, name.end_char, "Organization", name.text, "rule") for name in names]


def _teams(reading: Reading) -> list[Mention]:
    teams = team_names(reading.doc, reading.gazetteer)  # "the Raptors" carries the team's full name
    return [Mention(span.start_char, span.end_char, "Organization", team, "rule") for span, team in teams]


def _prepositions(reading: Reading) -> list[Mention]:
    names = filter(None, (trim(name, reading.gazetteer) for name in preposition_names(reading.doc, reading.gazetteer)))
    return [Mention(name.start_char, name.end_char, "Organization", name.text, "rule") for name in names]


def _titled_places(reading: Reading) -> list[Mention]:
    mentions = []
    for place in titled_place_names(reading.doc, reading.gazetteer):
        organised = any(fold(t.text) in reading.gazetteer.words("organization_words") for t in place)
        place_type = "Organization" if organised else "Location"
        mentions.append(Mention(place.start_char, place.end_char, place_type, place.text, "rule"))
    return mentions


def _parties(reading: Reading) -> list[Mention]:
    names = party_names(reading.doc, reading.gazetteer)
    return [Mention(name.start_char, name.end_char, "Organization", name.text, "rule") for name in names]


def _workplaces(reading: Reading, candidates: list[Mention]) -> list[Mention]:
    """The organisations found replace the person the model saw at the same span."""
    workplaces = workplace_organisations(reading.doc, candidates, reading.gazetteer)
    replaced = {(m.start, m.end) for m in workplaces}
    return [m for m in candidates if (m.start, m.end) not in replaced] + workplaces


CANDIDATE_RULES: tuple[Rule[CandidateStep], ...] = (
    Rule(
        "datelines",
        "the city of a dateline, in capitals at the start of a line, and the region written out after it → Location",
        '"TORONTO —", "WASHINGTON (AP) —" → "Toronto", "Washington"; "KUDUS, Central Java —" → "Kudus", "Central Java"',
        _adding(lambda reading: dateline_mentions(reading.doc, reading.gazetteer)),
    ),
    Rule(
        "untagged_names",
        "two or more capitalised proper nouns the model left untagged, ending in an `untagged_name_heads` word, "
        "opened by one with its of/for/on complement, ending in a `company_name_heads` word as a clause's subject "
        'or object, or right after "the"; typed by the retyping rules (kept when they give a type)',
        '"The Deseret News", "Sunnybrook Health Sciences Centre", "the Ontario Nurses\' Association", "Center for '
        'Security and Emerging Technology", "Kestrel Media, bought by …", "the Renewable Portfolio Standard"',
        _adding(_untagged),
    ),
    Rule(
        "apposition_organisations",
        "a name described by an apposition headed by an `organization_nouns` word → Organization",
        '"Unifor, the country\'s largest private-sector union", "Acme, a Toronto-based startup"',
        _adding(_appositions),
    ),
    Rule(
        "apposition_people",
        "two to four capitalised words described by an apposition headed by a noun only a person is (woman, man, "
        "mother, resident, …), or by a person's job or office when the name opens with a known first name or an "
        "initial, or standing after such a noun, or given an age between commas → Person",
        '"Valeska Paris, an Australian woman" (tagged as two places), "Rosa Quispe Apaza, 47," (a person and a place)',
        _adding(_apposition_people),
    ),
    Rule(
        "ranked_people",
        "two or three untagged capitalised proper nouns right after a court's, police or council rank written as a "
        "title (`surname_titles`) or an honorific → Person; not when a capitalised word goes on after them, nor with "
        "a title or organisation word among them",
        '"Senior Constable Losaline Fifita" (untagged), "Magistrate Tomasi Vuli", "Doña Rosaura Téllez Mondragón"',
        _adding(_ranked_people),
    ),
    Rule(
        "described_organisations",
        "capitalised proper nouns right after an `organization_nouns` noun that describes them (apposition, after a "
        "comma or not, or compound) → Organization; not a known first name and family name",
        '"the Swedish company Griffeye", "the port operator Terminal Sul", "Her group, Save Alston Surgery," '
        "(tagged PERSON)",
        _adding(_described),
    ),
    Rule(
        "team_names",
        "a tagged city followed by an untagged plural proper noun is a team (Organization); the nickname alone "
        "elsewhere in the article is the same team; a plural place word makes no team",
        '"Toronto Raptors" (only "Toronto" tagged), then "the Raptors"; "Niagara Falls" is no team',
        _adding(_teams),
    ),
    Rule(
        "preposition_names",
        "capitalised words around a capitalised preposition inside a sentence → Organization; not in a "
        "title-case headline nor a work of art",
        '"Doctors Without Borders", "Mothers Against Drunk Driving"',
        _adding(_prepositions),
    ),
    Rule(
        "titled_places",
        "one to three capitalised words before a `place_office_titles` title followed by a person → Location "
        "(Organization when they hold an organisation word)",
        '"Ontario" in "Ontario Premier Doug Ford", "Vancouver" in "Vancouver Mayor Ken Sim"',
        _adding(_titled_places),
    ),
    Rule(
        "quoted_names",
        "a capitalised name in quotation marks ending in, or followed by, a `case_nouns` word, followed by a "
        "`project_nouns` word or ending in an `event_heads` word → Event",
        'the "Kantrimen case", the "Safe City" project',
        _adding(lambda reading: quoted_name_mentions(reading.doc, reading.gazetteer)),
    ),
    Rule(
        "described_events",
        "a `case_nouns` or `described_event_heads` noun whose description opens with a proper noun, a year or a "
        "month → Event, the head in the name; not after a possessor, not a plural",
        '"the October municipal election", "the Kochi gold smuggling case", "the SNC-Lavalin affair"; "the '
        'election" is none',
        _adding(lambda reading: described_event_mentions(reading.doc, reading.gazetteer)),
    ),
    Rule(
        "subject_laws",
        "a `law_heads` noun with a specific modifier, a noun or a year → Law; not a possessor, a plural or "
        "a numbered bill",
        '"the data protection law", "the 2021 draft police law"; "the new law", "the government\'s bill" are none',
        _adding(lambda reading: law_mentions(reading.doc, reading.gazetteer)),
    ),
    Rule(
        "departments",
        "a capitalised one- or two-word `department_words` portfolio before a country or province (the last word "
        "of its entity, not a known given name) → Organization, unless it sits inside a longer name",
        '"Health Canada", "Global Affairs Canada", "Tribunals Ontario" tagged PERSON; not "Health" in "World '
        'Health Organisation", nor "Justice Carolyn" of the judge "Justice Carolyn Thompson-Reid"',
        _adding(lambda reading: department_mentions(reading.doc, reading.gazetteer)),
    ),
    Rule(
        "numbered_bills",
        "bills and sections named by number → Law",
        '"Bill C-18", "Senate Bill 8", "H.R. 3684", "Proposition 22", "Title IX", "Section 230 of the …"',
        _adding(lambda reading: numbered_bill_mentions(reading.doc, reading.gazetteer)),
    ),
    Rule(
        "described_laws",
        "a bill, ordinance or executive order described by its subject (up to six words) → Law",
        '"a bill on online harms", "an ordinance banning leaf blowers", "a bill to ban TikTok"; "the order" is none',
        _adding(lambda reading: described_law_mentions(reading.doc, reading.gazetteer)),
    ),
    Rule(
        "court_cases",
        'proper nouns on both sides of "v."/"vs." → one Event (a named case)',
        '"Shelby County v. Holder", "R. v. Jordan", "Brown vs. Board of Education"',
        _adding(lambda reading: court_case_mentions(reading.doc, reading.gazetteer)),
    ),
    Rule(
        "prefixed_events",
        "an `event_prefixes` word or pair and one to three capitalised words → Event",
        '"Hurricane Helene" (only "Helene" tagged, as a person), "Tropical Storm Debby"',
        _adding(lambda reading: prefixed_event_mentions(reading.doc, reading.gazetteer)),
    ),
    Rule(
        "pronoun_people",
        "a one-word ORG, PERSON or place, or an ORG or place of two or three capitalised words (no organisation or "
        "place word), that is a verb's subject, taken up by he/she/his/her later in its sentence, is a person; not "
        "when another person is in the sentence or a one-word name is part of a full name",
        '"Drake said he would return" (Drake tagged ORG), "Suparman has walked on stage with his cak" (tagged GPE), '
        '"Gurpreet Singh Dhaliwal is already walking the rows of his farm" (tagged ORG)',
        lambda reading, candidates: candidates + pronoun_people(reading.doc, candidates, reading.gazetteer),
    ),
    Rule(
        "shared_family_names",
        'a given name joined by "and" to a two-word personal name shares its family name (a known first name, or '
        "tagged a person alone before a full name opening with one): a Person named in full at the given name",
        '"Alistair and Morag Mackay" → "Alistair Mackay" and "Morag Mackay"; "Tesco and Mary Smith" stay apart',
        lambda reading, candidates: candidates + shared_family_names(reading.doc, candidates, reading.gazetteer),
    ),
    Rule(
        "workplaces",
        'a person found after "at" following a job (`title_words`, `occupation_words`, `employee_words`) is '
        'the Organization where the job is done, after "from" the Location the worker comes from, in place of the '
        "person",
        '"a cashier at Tim Hortons", "a manager at Wendy Lowe", "a trader from Shiro Meda"; "a jab at John Smith" '
        "stays a person",
        _workplaces,
    ),
    Rule(
        "party_names",
        "a capitalised qualifier and a `party_name_heads` plural are a party (Organization); not after a chamber word",
        '"the Liberal Democrats", "the Scottish Greens" tagged NORP; "Senate Democrats" is none',
        _adding(_parties),
    ),
    Rule(
        "acting_organisations",
        "the subject and partner of a `corporate_verbs` verb, and the name before a `staff_words` noun, are "
        "Organizations; not a name opening with a known first name or naming a person elsewhere in the article",
        '"Nordbank will merge into Sparbanken Øst", "Loblaws staff took part"',
        lambda reading, candidates: candidates + acting_organisations(reading.doc, candidates, reading.gazetteer),
    ),
    Rule(
        "described_next",
        "a PERSON of two or more words, no known first name, subject of its sentence, whose next sentence's subject "
        'is "the <`organization_nouns` noun>", is an Organization',
        '"Vorland Motoren has been in dispute … The carmaker reached a settlement"',
        lambda reading, candidates: candidates + described_next(reading.doc, candidates, reading.gazetteer),
    ),
    Rule(
        "gazetteer_names",
        "every name and alias of the gazetteer, matched as written (case-sensitive), with the gazetteer's type",
        '"WHO" and "US", not "who" and "us"',
        lambda reading, candidates: candidates + gazetteer_mentions(reading.doc, reading.gazetteer, reading.matchers),
    ),
)
CHOOSING_RULES: tuple[Rule[ChoosingStep], ...] = (
    Rule(
        "known_names_inside_longer_names",
        "a gazetteer place or organisation opening a longer organisation, event or place name, inside one, or "
        'after the only "of" of one, gives way to it',
        '"U.S." in "U.S. Department of Agriculture", "Google" in "Google Science Fair", "the United States" in '
        '"Supreme Court of the United States"',
        _without_names_inside_longer_ones,
    ),
)
NAMED_RULES: tuple[Rule[NamedStep], ...] = (
    Rule(
        "joined_law_descriptions",
        "a law described by its year or stage only is the law named by its subject in the same text, the "
        "nearest before it (else the first after)",
        '"the new police law" … "the 2021 draft law": one law',
        lambda reading, named, mentions: joined_descriptions(mentions, reading.gazetteer),
    ),
    Rule(
        "anaphors",
        '"the <ministry, court, union, company, bill, law, act, …>" is a mention of the entity of that kind last '
        'named; not "the ministry of …"',
        '"the ministry" after "Ministry of the Interior", "the bill" after "Bill C-11"',
        lambda reading, named, mentions: mentions + anaphor_mentions(reading.doc, named, reading.gazetteer),
    ),
)

STAGES: tuple[tuple[str, tuple[Rule[Any], ...]], ...] = (
    ("The model's names cut apart, made whole first", WHOLE_NAMES),
    ("The model's DATE entities", DATE_RULES),
    ("The model's PERSON entities, before trimming", PERSON_SPANS),
    ("The model's ORG entities, after trimming", ORGANISATION_SPANS),
    ("The type of each entity of the model (and of untagged names): the first rule that decides wins", RETYPING),
    ("Candidates the model misses or mistypes, added in this order", CANDIDATE_RULES),
    ("Choosing between overlapping candidates (gazetteer over rules over the model, then the longer)", CHOOSING_RULES),
    ("The names chosen, revised", NAMED_RULES),
)
RULES: tuple[Rule[Any], ...] = tuple(rule for _title, rules in STAGES for rule in rules)


def checked_rule_names(names: Iterable[str]) -> frozenset[str]:
    """The names of rules to switch off, checked: an unknown name is an error naming it."""
    disabled = frozenset(names)
    unknown = unknown_names(disabled, RULES)
    if unknown:
        raise ConfigError(f"unknown entity rule {', '.join(map(repr, unknown))}; the rules: {rule_names()}")
    return disabled


def rule_names() -> str:
    return ", ".join(rule.name for rule in RULES)


def rules_table() -> str:
    """The rules in order, as the Markdown of docs/nlp.md."""
    return rules_markdown(STAGES)


def find_mentions(
    doc: Doc, gazetteer: Gazetteer, matchers: tuple[PhraseMatcher, ...] = (), disabled: frozenset[str] = frozenset()
) -> list[Mention]:
    """All entity mentions of one doc, corrected and without overlaps, in text order, by the rules not in
    ``disabled`` (names of ``RULES``)."""
    reading = Reading(doc, gazetteer, matchers, switched_on(RETYPING, disabled))
    candidates = ner_mentions(doc, gazetteer, disabled)
    for add in switched_on(CANDIDATE_RULES, disabled):
        candidates = add(reading, candidates)
    choosing = switched_on(CHOOSING_RULES, disabled)
    named = select_mentions(candidates, choosing)
    mentions = named
    for revise in switched_on(NAMED_RULES, disabled):
        mentions = revise(reading, named, mentions)
    return select_mentions(mentions, choosing)
