"""The typed sections of the lexicon (``nlp/lexicon/en.toml``), one dataclass per section, and the honorifics table.

Each field is one list or table of the file, where it is described; fields marked ``init=False`` are unions or
inverses computed from the others. The loader (``nlp.lexicon.lexicon``) fills them and checks their types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HONORIFIC_USES = ("speaker", "alone", "trim")  # the rules an honorifics entry may serve (en.toml [honorifics])
GENDERS = ("m", "f", "")


@dataclass(frozen=True, slots=True)
class Honorific:
    """One entry of en.toml ``[honorifics]``: the gender it gives a name, whether "Mr." is written for it too, and
    the rules that take it (``HONORIFIC_USES``)."""

    gender: str = ""
    dotted: bool = False
    uses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatementWords:
    """The statements room's lists (en.toml ``[statements]``, where each is described), five unions of them and
    the two date patterns built from them."""

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    clause_only_cues: frozenset[str]
    infinitive_cues: frozenset[str]
    after_quote_cues: frozenset[str]
    habit_verbs: frozenset[str]
    weak_cues: frozenset[str]
    finding_verbs: frozenset[str]
    naming_cues: frozenset[str]
    quote_openers: str
    complement_marks: frozenset[str]
    medium_nouns: frozenset[str]
    saying_nouns: frozenset[str]
    non_source_nouns: frozenset[str]
    source_carrier_nouns: frozenset[str]
    document_nouns: frozenset[str]
    calendar_words: frozenset[str]
    sentence_openers: frozenset[str]
    official_nouns: frozenset[str]
    organisation_name_ends: frozenset[str]
    organisation_stand_ins: frozenset[str]
    spokesperson_nouns: frozenset[str]
    press_offices: frozenset[str]
    quoting_verbs: frozenset[str]
    reader_participles: frozenset[str]
    release_verbs: frozenset[str]
    force_nouns: frozenset[str]
    honorifics: frozenset[str]  # from [honorifics], the entries used for "speaker"
    entity_title_words: frozenset[str]  # the entity stage's title, occupation and employee words, before a name
    name_particles: frozenset[str]  # the entity stage's lower-case particles inside a personal name ("binti", "dos")
    patronymic_markers: frozenset[str]  # the entity stage's lower-case last word of a name ("oglu", "qizi")
    surname_markers: frozenset[str]  # the entity stage's words before a surname given alone ("surnamed")
    name_alone_markers: frozenset[str]  # the entity stage's phrases before one name given alone ("first name,")
    title_genders: dict[str, str]  # from [honorifics]: a word before a name, lower-case as written → its gender
    member_prepositions: frozenset[str]
    generational_suffixes: frozenset[str]
    collective_nouns: frozenset[str]
    unmarked_plurals: frozenset[str]
    quantifier_pronouns: frozenset[str]
    group_determiners: frozenset[str]
    description_nouns: frozenset[str]
    office_nouns: frozenset[str]
    party_member_nouns: frozenset[str]
    anyone_nouns: frozenset[str]
    answer_verbs: frozenset[str]
    question_verbs: frozenset[str]
    female_nouns: frozenset[str]
    male_nouns: frozenset[str]
    non_speaker_words: frozenset[str]
    addressee_verbs: frozenset[str]
    name_link_words: frozenset[str]
    dateline: re.Pattern[str]
    person_pronouns: dict[str, str]
    person_subject_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    owner_pronouns: dict[str, str]
    first_person: frozenset[str]
    first_person_subjects: frozenset[str]
    question_marks: frozenset[str]
    question_cues: frozenset[str]
    animate_pronouns: frozenset[str]
    age_units: frozenset[str]
    year_phrase: re.Pattern[str]
    weekdays: tuple[str, ...]
    month_abbreviations: tuple[str, ...]
    date_cue_words: tuple[str, ...]
    parts_of_day: tuple[str, ...]
    date_prepositions: tuple[str, ...]
    day_before_phrases: frozenset[str]
    same_day_phrases: frozenset[str]
    last_year_phrases: frozenset[str]
    this_year_phrases: frozenset[str]
    last_month_phrases: frozenset[str]
    this_month_phrases: frozenset[str]
    month_units: frozenset[str]
    year_units: frozenset[str]
    time_units: frozenset[str]
    count_words: frozenset[str]
    duration_words: frozenset[str]
    duration_prepositions: frozenset[str]
    sequence_words: frozenset[str]
    title_abbreviations: dict[str, str]
    office_synonyms: dict[str, tuple[str, ...]]
    kind_in_other_languages: dict[str, tuple[str, ...]]
    kin_nouns: dict[str, str]
    generation_words: dict[str, str]
    fronted_place_words: frozenset[str]
    surname_titles: frozenset[str]
    family_names_first: frozenset[str]  # East Asian family names written before the given name ("Lim Wei Seng")
    post_nominal_letters: frozenset[str]  # from [entities]
    honorifics_after_names: frozenset[str]  # from [entities]
    honorifics_before_two_names: frozenset[str]  # from [entities]
    possessive_plurals: frozenset[str]  # from [entities]
    cue_lemmas: frozenset[str] = field(init=False)  # speech and belief verbs
    person_nouns: frozenset[str] = field(init=False)  # description and office nouns
    speaker_titles: frozenset[str] = field(init=False)  # words taken off a name: person nouns, honorifics, titles
    speaking_documents: frozenset[str] = field(init=False)  # what speaks for its author: carriers, media, documents
    words_before_names: frozenset[str] = field(init=False)  # titles, honorifics and offices written before a name
    no_name_words: frozenset[str] = field(init=False)  # sentence openers, days and months: never part of a name
    honorific_titles: frozenset[str] = field(init=False)  # honorifics as titles_of gives them ("dr" → "doctor")
    date_words: re.Pattern[str] = field(init=False)  # a digit, a date cue word, weekday or month, case-insensitive
    part_of_day: re.Pattern[str] = field(init=False)  # a part of day ending a date phrase

    def __post_init__(self) -> None:
        person_nouns = self.description_nouns | self.office_nouns
        abbreviations = set(self.title_abbreviations) | set(self.title_abbreviations.values())
        object.__setattr__(self, "cue_lemmas", self.speech_verbs | self.belief_verbs)
        object.__setattr__(self, "person_nouns", person_nouns)
        object.__setattr__(self, "speaker_titles", person_nouns | self.honorifics | abbreviations)
        documents = self.source_carrier_nouns | self.medium_nouns | self.document_nouns
        object.__setattr__(self, "speaking_documents", documents)
        object.__setattr__(self, "words_before_names", self.speaker_titles | self.entity_title_words)
        object.__setattr__(self, "no_name_words", self.sentence_openers | self.calendar_words)
        honorific_titles = frozenset(self.title_abbreviations.get(h, h) for h in self.honorifics)
        object.__setattr__(self, "honorific_titles", honorific_titles)
        words = "|".join(map(re.escape, (*self.date_cue_words, *self.weekdays, *self.month_abbreviations)))
        object.__setattr__(self, "date_words", re.compile(rf"\d|{words}", re.IGNORECASE))
        parts = "|".join(map(re.escape, self.parts_of_day))
        object.__setattr__(self, "part_of_day", re.compile(rf"\s+(?:{parts})$"))


@dataclass(frozen=True, slots=True)
class EntityWords:
    """The entity room's words besides the gazetteer's ``[rules]`` lists (en.toml ``[entities]``)."""

    dotted_titles: tuple[str, ...]
    abbreviated_given_names: tuple[str, ...]  # "Ma." of "Ma. Teresa Salonga": one token, part of the name
    slashed_titles: dict[str, str]  # a title written with a slash → the English title it reads as, for the tagger
    firm_roles: frozenset[str]
    role_org_prepositions: frozenset[str]
    role_determiners: frozenset[str]
    chamber_words: frozenset[str]
    shared_titles: frozenset[str]
    department_heads: frozenset[str]
    trimmed_honorifics: frozenset[str]  # from [honorifics], the entries used for "trim"
    personal_pronouns: frozenset[str]
    caption_labels: frozenset[str]
    trailing_links: frozenset[str]
    honorific_pairs: frozenset[str]
    post_nominal_letters: frozenset[str]
    counsel_roles: frozenset[str]
    honorifics_after_names: frozenset[str]
    honorifics_before_two_names: frozenset[str]
    parent_name_words: frozenset[str]
    possessive_plurals: frozenset[str]
    patronymic_endings: tuple[str, ...]
    patronymic_markers: frozenset[str]  # "oglu" of "Mammadov Elchin Rasim oglu": the last word of the name
    generic_single_words: frozenset[str]
    title_after_portfolio: frozenset[str]
    title_name_links: frozenset[str]
    name_joiners: frozenset[str]
    place_plurals: frozenset[str]
    bare_chamber_names: frozenset[str]
    initials_skipped: frozenset[str]
    department_name_heads: tuple[str, ...]
    portfolio_synonyms: dict[str, str]
    ministry_initials: dict[str, str]
    anaphor_heads: tuple[str, ...]
    anaphor_blockers: tuple[str, ...]
    law_anaphors: frozenset[str]
    company_anaphors: frozenset[str]
    law_subject_prepositions: frozenset[str]
    case_separators: frozenset[str]
    relative_day_words: frozenset[str]
    known_as: re.Pattern[str]
    called_by: re.Pattern[str]
    numbered_bill: re.Pattern[str]
    dateline_city: re.Pattern[str]
    head_first: re.Pattern[str] = field(init=False)  # "ministry of (the) X", from department_name_heads
    head_last: re.Pattern[str] = field(init=False)  # "X ministry"
    anaphor: re.Pattern[str] = field(init=False)  # "the <head>" not followed by a blocker, case-insensitive

    def __post_init__(self) -> None:
        heads = "|".join(map(re.escape, self.department_name_heads))
        object.__setattr__(self, "head_first", re.compile(rf"^({heads}) of (?:the )?(.+)$"))
        object.__setattr__(self, "head_last", re.compile(rf"^(.+?) ({heads})$"))
        anaphors = "|".join(r"\s+".join(map(re.escape, head.split())) for head in self.anaphor_heads)
        blockers = "|".join(map(re.escape, self.anaphor_blockers))
        anaphor = rf"\bthe\s+({anaphors})\b(?!\s+(?:{blockers})\b)"
        object.__setattr__(self, "anaphor", re.compile(anaphor, re.IGNORECASE))


@dataclass(frozen=True, slots=True)
class RelationWords:
    """The relations room's verbs and prepositions (en.toml ``[relations]``), and each verb's relation type."""

    predicate_verbs: dict[str, tuple[str, ...]]
    predicate_phrases: dict[str, tuple[str, ...]]
    object_type_verbs: dict[str, str]
    verb_object_prepositions: dict[str, tuple[str, ...]]
    inverse_phrases: frozenset[str]
    giving_types: frozenset[str]
    passive_actor_phrases: frozenset[str]
    generic_excluded: frozenset[str]
    unlinked_prepositions: frozenset[str]
    seller_prepositions: frozenset[str]
    negation_words: frozenset[str]
    non_fact_verbs: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    reported_future_auxiliaries: frozenset[str]
    condition_marks: frozenset[str]
    description_determiners: frozenset[str]
    pronoun_types: dict[str, tuple[str, ...]]
    description_types: dict[str, tuple[str, ...]]
    staff_nouns: frozenset[str]
    staff_prepositions: frozenset[str]
    past_qualifiers: frozenset[str]
    inclusion_words: frozenset[str]
    joint_nouns: frozenset[str]
    joint_prepositions: frozenset[str]
    first_person_words: frozenset[str]
    first_person_plural_words: frozenset[str]
    quote_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    country_nouns: frozenset[str]
    prize_nouns: frozenset[str]
    prize_verbs: frozenset[str]
    recipient_nouns: frozenset[str]
    institution_nouns: frozenset[str]
    act_nouns: frozenset[str]
    effort_nouns: frozenset[str]
    verbal_attack_verbs: frozenset[str]
    violence_words: frozenset[str]
    publication_words: frozenset[str]
    money_verbs: frozenset[str]
    money_prepositions: frozenset[str]
    currency_words: frozenset[str]
    judging_verbs: frozenset[str]
    law_passing_verbs: frozenset[str]
    stance_adjectives: dict[str, tuple[str, ...]]
    stance_phrases: dict[str, tuple[str, ...]]
    noun_agent_prepositions: frozenset[str]
    noun_pair_prepositions: frozenset[str]
    noun_carrier_verbs: frozenset[str]
    noun_receiving_verbs: frozenset[str]
    range_words: frozenset[str]
    product_makers: frozenset[str]
    part_nouns: frozenset[str]
    part_prepositions: frozenset[str]
    state_body_words: frozenset[str]
    qualified_body_words: frozenset[str]
    national_government_nouns: frozenset[str]
    place_kind_words: frozenset[str]
    hosted_unit_words: frozenset[str]
    host_prepositions: frozenset[str]
    membership_verbs: frozenset[str]
    membership_prepositions: frozenset[str]
    participant_nouns: frozenset[str]
    participant_prepositions: frozenset[str]
    participation_nouns: frozenset[str]
    participation_prepositions: frozenset[str]
    participation_verbs: frozenset[str]
    election_verbs: frozenset[str]
    seat_verbs: frozenset[str]
    seat_nouns: frozenset[str]
    public_speech_verbs: frozenset[str]
    event_time_prepositions: frozenset[str]
    match_verbs: frozenset[str]
    match_prepositions: frozenset[str]
    tournament_words: frozenset[str]
    election_words: frozenset[str]
    founding_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    predicate_nouns: dict[str, tuple[str, ...]]
    noun_object_prepositions: dict[str, tuple[str, ...]]
    demonyms: dict[str, tuple[str, ...]]
    predicate_of: dict[str, str] = field(init=False)  # verb lemma → relation type
    phrase_of: dict[str, str] = field(init=False)  # verb phrase → relation type
    description_type_of: dict[str, tuple[str, ...]] = field(init=False)  # noun → the entity types it may mean
    stance_of: dict[str, str] = field(init=False)  # "<adjective> <word>" → relation type
    stance_phrase_of: dict[str, str] = field(init=False)  # "in favour of" → relation type
    noun_predicate_of: dict[str, str] = field(init=False)  # relation noun lemma → relation type

    def __post_init__(self) -> None:
        for table, inverse in (
            (self.predicate_verbs, "predicate_of"),
            (self.predicate_nouns, "noun_predicate_of"),
            (self.predicate_phrases, "phrase_of"),
            (self.stance_adjectives, "stance_of"),
            (self.stance_phrases, "stance_phrase_of"),
        ):
            object.__setattr__(self, inverse, _word_to_type(table))
        kinds: dict[str, tuple[str, ...]] = {}
        for kind, members in self.description_types.items():
            for member in members:
                kinds[member] = (*kinds.get(member, ()), kind)
        object.__setattr__(self, "description_type_of", kinds)


def _word_to_type(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """A type → words table read the other way: each word's type (a word listed twice keeps the later type)."""
    return {word: kind for kind, words in table.items() for word in words}
