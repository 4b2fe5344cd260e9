"""How far to trust a statement's speaker: the share of statements found the same way whose speaker was right on
news the extractor had never seen.

Statements are grouped by how their speaker was found (``calibration_key``: the basis; for a pronoun or a
description how many sentences back its antecedent is; for a name or surname whether the article's entities
know the speaker; for a carried quote whether it repeats its cue, i.e. stays in the paragraph it was attributed
in; for a pronoun whether the speaker's given name is of its gender and whether it names the speaker of the
statement before) and by the speaker's shape (`speaker_shape`): a person not named in full in the common shape of
two or three capitalised words (or named right after a capitalised word that is no title, `name_cut`), a surname
two people in the text share (`name_shared`), and an unnamed speaker who is one person rather than a group, are
where unfamiliar news goes wrong (a title of honour taken into the name, a name the tagger cut, `Kim` of two Kims,
`a survivor, Ana Ruiz,`); an organisation named in full (`full_organisation_name`) is its own group, surer than
those.

The counts are those of the development sets as each scored the first time the extractor saw it, before any rule
was drawn from it (their predictions are kept in ``tests/data/<set>/first_score.json``): that is how the extractor
does on news unlike any it was tuned on, which is what a reader of a new article needs to know. Counts taken after
the rules were fitted to a set overstate it (by eight points on held-out styles when they were used). Each group's
rate is (right + 1) / (matched + 2), as printed by ``bench/calibrate_statements.py --fit``: Laplace's rule, so a
group seen a few times is not trusted blindly and a group never seen gets 0.5. docs/statements.md shows how the
rates hold on development and held-out articles.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from core.names import fold
from core.records import CONFIDENT_ATTRIBUTION
from nlp.lexicon.first_names import given_name_gender

if TYPE_CHECKING:
    from nlp.lexicon.sections import StatementWords

# Distances in sentences a pronoun's or description's antecedent is grouped by: this or the sentence before,
# two or three back, further.
DISTANCE_STEPS = ((0, 1), (2, 3), (4, None))
UNSEEN = 0.5  # Laplace's rule with no observation
NOT_FULL_NAME = "not a full name"
SHARED_NAME = "a name others share"
ORGANISATION_NAME = "an organisation named in full"
ONE_PERSON = "one person"
AFTER_UNCERTAIN = "after an uncertain attribution"
GENDER_IN_NAME = "a name of its gender"
SPEAKER_BEFORE = "the speaker before"
NEW_SPEAKER = "not the speaker before"
# Bases whose speaker comes from the statements before: a pronoun's antecedent is most often the speaker just heard,
# a carried quote's speaker is the one before's.
CHAINED_BASES = frozenset({"pronoun", "carried"})

# group: (right, matched) on the development sets' first scores; the rate is (right + 1) / (matched + 2)
FIRST_SCORE_COUNTS: dict[str, tuple[int, int]] = {
    "name, an entity": (3546, 3617),
    "surname, an entity": (2696, 2773),
    "pronoun, 0-1 sentences back, a name of its gender, the speaker before": (1168, 1191),
    "carried, in its paragraph": (839, 877),
    "name, an entity, not a full name": (387, 742),
    "pronoun, 0-1 sentences back, the speaker before": (624, 666),
    "name, an entity, an organisation named in full": (590, 653),
    "surname, an entity, a name others share": (465, 622),
    "group, one person": (347, 581),
    "name, not an entity, not a full name": (271, 524),
    "group": (450, 475),
    "pronoun, 0-1 sentences back, a name of its gender, not the speaker before": (377, 402),
    "carried, in its paragraph, after an uncertain attribution": (220, 332),
    "surname, an entity, not a full name": (165, 328),
    "pronoun, 0-1 sentences back, not a full name, after an uncertain attribution": (136, 298),
    "pronoun, 0-1 sentences back, not the speaker before": (229, 280),
    "carried, in its paragraph, not a full name, after an uncertain attribution": (122, 268),
    "description, antecedent unknown, not a full name": (74, 265),
    "pronoun, 0-1 sentences back, a name of its gender, after an uncertain attribution": (171, 222),
    "carried, to a new paragraph": (201, 212),
    "pronoun, 0-1 sentences back, after an uncertain attribution": (120, 207),
    "description, 0-1 sentences back": (131, 177),
    "document, an entity": (141, 168),
    "pronoun, 0-1 sentences back, not a full name, a name of its gender, after an uncertain attribution": (129, 165),
    "pronoun, 0-1 sentences back, not a full name": (80, 155),
    "pronoun, 2-3 sentences back, a name of its gender, not the speaker before": (119, 135),
    "description, 0-1 sentences back, not a full name": (69, 125),
    "pronoun, 2-3 sentences back, not the speaker before": (72, 109),
    "pronoun, 2-3 sentences back, a name of its gender, the speaker before": (59, 104),
    "description, 0-1 sentences back, an organisation named in full": (88, 101),
    "document, not an entity": (41, 99),
    "carried, to a new paragraph, after an uncertain attribution": (47, 87),
    "pronoun, 2-3 sentences back, after an uncertain attribution": (20, 87),
    "surname, not an entity, not a full name": (55, 80),
    "carried, to a new paragraph, not a full name, after an uncertain attribution": (27, 78),
    "pronoun, 2-3 sentences back, the speaker before": (32, 78),
    "description, 2-3 sentences back": (65, 76),
    "pronoun, 2-3 sentences back, a name of its gender, after an uncertain attribution": (29, 74),
    "description, 4+ sentences back": (46, 61),
    "pronoun, 4+ sentences back, after an uncertain attribution": (6, 57),
    "pronoun, 4+ sentences back, not the speaker before": (24, 57),
    "pronoun, 4+ sentences back, a name of its gender, not the speaker before": (25, 56),
    "description, 4+ sentences back, an organisation named in full": (39, 54),
    "pronoun, 2-3 sentences back, not a full name": (14, 54),
    "pronoun, 2-3 sentences back, not a full name, after an uncertain attribution": (14, 54),
    "pronoun, 0-1 sentences back, not a full name, a name of its gender, not the speaker before": (38, 53),
    "pronoun, 0-1 sentences back, not a full name, a name of its gender, the speaker before": (50, 50),
    "pronoun, 4+ sentences back, a name of its gender, after an uncertain attribution": (5, 46),
    "description, 2-3 sentences back, an organisation named in full": (33, 42),
    "description, 4+ sentences back, not a full name": (18, 39),
    "carried, in its paragraph, not a full name": (37, 37),
    "description, 2-3 sentences back, not a full name": (13, 35),
    "pronoun, 4+ sentences back, not a full name": (1, 31),
    "context": (18, 23),
    "pronoun, 4+ sentences back, not a full name, after an uncertain attribution": (1, 23),
    "pronoun, 2-3 sentences back, not a full name, a name of its gender, after an uncertain attribution": (9, 22),
    "pronoun, 4+ sentences back, a name of its gender, the speaker before": (10, 17),
    "carried, in its paragraph, an organisation named in full": (10, 14),
    "pronoun, 2-3 sentences back, not a full name, a name of its gender, not the speaker before": (9, 14),
    "pronoun, 4+ sentences back, not a full name, a name of its gender, not the speaker before": (2, 10),
    "context, not a full name": (5, 9),
    "pronoun, 0-1 sentences back, an organisation named in full, the speaker before": (8, 8),
    "pronoun, 4+ sentences back, not a full name, a name of its gender, after an uncertain attribution": (2, 8),
    "pronoun, 4+ sentences back, the speaker before": (1, 8),
    "carried, to a new paragraph, not a full name": (6, 6),
    "carried, to a new paragraph, an organisation named in full": (3, 4),
    "pronoun, 0-1 sentences back, an organisation named in full, not the speaker before": (3, 4),
    "carried, in its paragraph, an organisation named in full, after an uncertain attribution": (2, 3),
    "pronoun, 2-3 sentences back, not a full name, a name of its gender, the speaker before": (1, 3),
    "pronoun, 2-3 sentences back, an organisation named in full, not the speaker before": (1, 2),
    "pronoun, 2-3 sentences back, an organisation named in full, the speaker before": (1, 2),
    "pronoun, 4+ sentences back, an organisation named in full, not the speaker before": (0, 2),
    "surname, not an entity, a name others share": (1, 2),
    "carried, to a new paragraph, an organisation named in full, after an uncertain attribution": (1, 1),
    "context, an organisation named in full": (0, 1),
}


def full_person_name(speaker_id: str | None, name: str | None) -> bool:
    """The speaker is a person whose name is two or three words, each capitalised (`Ann Lee`, `K. Venkatesh`)."""
    if speaker_id is None or not speaker_id.startswith("person:") or not name:
        return False
    words = name.split()
    return 2 <= len(words) <= 3 and all(word[:1].isupper() for word in words)


def long_person_name(speaker_id: str | None, name: str | None, words: StatementWords) -> bool:
    """The speaker is a person named in four to six words, or with name particles between capitalised words
    ("Ricardo Alberto Sosa Paz", "Muna bint Abdullah al Balushi", "Pieter-Jan van den Heuvel"), none of them a title
    or honorific ("Datuk Seri Zaleha Mokhtar"): the whole name as Spanish, Portuguese, Arabic, Malay, Dutch or
    Azerbaijani news writes it ("Mammadli Rauf Akif oglu"), not a piece the tagger cut."""
    if speaker_id is None or not speaker_id.startswith("person:") or not name:
        return False
    parts = name.split()
    capitalised = [word for word in parts if word[:1].isupper()]
    return (
        2 <= len(capitalised) <= 6
        and len(parts) <= 6
        and (len(parts) > 3 or len(capitalised) < len(parts))
        and all(
            word[:1].isupper() or word in words.name_particles or word in words.patronymic_markers for word in parts
        )
        and not any(word.lower().rstrip(".") in words.words_before_names for word in parts)
    )


# Lower-case words an organisation's name may hold ("Ministry of Transport", "Doctors Without Borders").
_NAME_LINKS = frozenset({"of", "and", "for", "the", "on", "in", "at", "to", "&", "de", "du", "des", "la", "le"})


def full_organisation_name(
    speaker_id: str | None, name: str | None, possessive_plurals: Collection[str] = frozenset()
) -> bool:
    """The speaker is an organisation named in two or more words, each capitalised or a link (`Kivu Emergency Aid
    Network`, `Ministry of Transport`): a one-word name is an acronym or a part the tagger cut (`Maritime` of
    `Drewcastle Maritime`) as often as not, and a possessive or another lower-case word is a phrase the tagger
    took for a name (`Oman’s Ministry`, `Ndive told The Guardian Post`), unless the possessive is a plural's
    (``possessive_plurals``: `Market Women's Association`)."""
    if not speaker_id or not speaker_id.startswith("organization:") or not name:
        return False
    words = name.split()

    def possessive(word: str) -> bool:
        return word.endswith(("'s", "’s")) and word[:-2].lower() not in possessive_plurals

    return len(words) >= 2 and all((w[:1].isupper() or w.lower() in _NAME_LINKS) and not possessive(w) for w in words)


def plural_group(name: str | None, unmarked_plurals: Collection[str]) -> bool:
    """An unnamed speaker written in the plural (`officials`, `police`): its head, the last word, ends in -s or is a
    plural without the mark. English marks the number on the noun, so no tagger is needed and the first scores,
    kept as text, are grouped as the extractor groups them."""
    words = (name or "").lower().split()
    if not words:
        return False
    head = words[-1]
    return head in unmarked_plurals or (head.endswith("s") and not head.endswith(("ss", "'s", "’s")))


def speaker_shape(
    basis: str | None,
    speaker_id: str | None,
    name: str | None,
    unmarked_plurals: Collection[str],
    cut: bool = False,
    shared: bool = False,
    words: StatementWords | None = None,
) -> str:
    """What the speaker's name says about the risk beyond its basis: a person not named in full (a title of honour
    taken into the name, a name the tagger cut, a surname alone, an organisation; ``cut``: `name_cut`), or an
    unnamed group of one person (`a survivor`, `a spokesperson`: often named in an apposition, or speaking for their
    organisation); a surname that names more than one person in the text (``shared``: `name_shared`); "" else."""
    if basis == "surname" and shared:
        return SHARED_NAME
    if basis == "group":
        return "" if plural_group(name, unmarked_plurals) else ONE_PERSON
    if basis in {"document", "none", None}:
        return ""
    if full_organisation_name(speaker_id, name, words.possessive_plurals if words else frozenset()) and not cut:
        return ORGANISATION_NAME
    # a long name named at the cue is as sure as a short one (42 of 43 right in the first scores); reached by a
    # pronoun or carried it is not (18 of 28): the person of a long name is more often someone met in passing
    long_name = words is not None and basis in {"name", "surname"} and long_person_name(speaker_id, name, words)
    return "" if (full_person_name(speaker_id, name) or long_name) and not cut else NOT_FULL_NAME


def text_shape(
    text: str,
    basis: str | None,
    speaker_id: str | None,
    speaker: str | None,
    mention: str | None,
    words: StatementWords,
) -> str:
    """`speaker_shape` as the article's text gives it (`name_cut`, `name_shared`): the extractor and the calibration
    of first scores read a statement's shape this one way."""
    organisation = bool(speaker_id) and str(speaker_id).startswith("organization:")
    cut = name_cut(text, speaker, words, organisation)
    shared = basis == "surname" and name_shared(text, mention, words.words_before_names, words.no_name_words)
    return speaker_shape(basis, speaker_id, speaker, words.unmarked_plurals, cut, shared, words)


_WORD_BEFORE = re.compile(r"([^\s]+)[ \t]+$")
# "Alistair and " before a name: a word joined to it by "and", and the word before that one if any
_JOINED_BEFORE = re.compile(r"(?:([^\s]+)[ \t]+)?([^\s]+)[ \t]+(?:and|&)[ \t]+$")
# " and Exporters Association", " for the Coordination of …" after an organisation's name: the name goes on
_NAME_GOES_ON = re.compile(r"[ \t]+(?:and|&|of|for)[ \t]+(?:the[ \t]+)?[A-Z]")


def name_cut(text: str, name: str | None, words: StatementWords, organisation: bool = False) -> bool:
    """Whether the speaker's name, where the text first writes it, is a piece of a longer name or holds a word that
    is no name, the tagger's commonest slips on names it has not seen:

    - it follows a capitalised word that is no title, honorific or office ("ASP Hope Adzo Kumordzi" → "Adzo
      Kumordzi", "Đỗ Thị Thu Hằng" → "Thị Thu Hằng", "Ma. Lourdes Sison-Quiambao") or a name particle ("Nurul Ain
      binti Abdul Razak" → "Abdul Razak", "André Luís dos Santos Ferreira" → "Santos Ferreira");
    - "and" joins it to a capitalised word before: for a person a given name alone, which shares the family name
      ("Alistair and Morag Mackay"; "Ann Lee and John Smith" are two), for an organisation any ("Caribbean Savings
      and Loans Society"); or an organisation's name goes on after it with "and", "of" or "for" ("Department of
      Education and Early Childhood Development", "UN Office for the Coordination of Humanitarian Affairs");
    - a person's name opens with a title or an office written in capitals ("SP Adewale Ojo", "Barrister Ayesha
      Niazi"), or a name holds a weekday ("Medical Education Department on Monday");
    - a person's name of three words or more opens with a word that is no given name before one that is
      (`opens_before_a_given_name`: "Ghizer Kamran Baig", "Colombian Juan Camilo Restrepo Arango"): a title, a
      demonym or a place the lexicon does not know.

    Reads only the text and the name, so a first score kept as text is grouped as the extractor groups it."""
    if not name or " " not in name:
        return False
    name_words = name.split()
    if any(word.lower() in words.weekdays for word in name_words):
        return True
    if not organisation and _opens_with_title(name_words[0], words.words_before_names):
        return True
    if not organisation and opens_before_a_given_name(name_words, words.family_names_first):
        return True
    at = text.find(name)
    if at <= 0:
        return False
    if organisation and _NAME_GOES_ON.match(text, at + len(name)):
        return True
    joined = _JOINED_BEFORE.search(text, max(0, at - 60), at)
    if joined is not None and _capitalised(joined.group(2)):  # not "Smith," of "Smith, and Jones"
        lone = joined.group(1) is None or not _capitalised(joined.group(1))
        if organisation or (lone and joined.group(2).lower() not in words.words_before_names):
            return True
    before = _WORD_BEFORE.search(text, max(0, at - 40), at)
    if before is None:
        return False
    word = before.group(1)
    if word in words.name_particles:
        return True
    letters = word.rstrip(".").replace("-", "")
    if not (word[:1].isupper() and letters.isalpha()) or letters.isupper():
        return False  # "striker", "Ethiopia's", a dateline's "LAGOS:" or an office in capitals ("MP", "ASP")
    parts = word.rstrip(".").lower().split("-")
    if fold(word) in words.honorifics_before_two_names and len(name_words) >= 2:
        return False  # "Ko Zaw Lin Htet", a Burmese form of address the entities cut off
    # "For Hamad Ali Al Shehhi, 71, …": a closed-class word opening the sentence is no piece of the name; a possessive
    # may open a title ("His Majesty Ekwalla Din Théodore", "Her Excellency …")
    opener = word.lower() in words.sentence_openers and word.lower() not in words.owner_pronouns
    return not any(part in words.words_before_names for part in parts) and not opener


def opens_before_a_given_name(name_words: list[str], family_names_first: Collection[str]) -> bool:
    """Whether a name of three words or more opens with a capitalised word the first-names list does not know,
    right before one it does: the given name comes first in most names, so the word before it is a title, a
    demonym or a place the tagger took in ("Trainer Ramil Bautista", "Ghizer Kamran Baig"), unless it is a family
    name written first (``family_names_first``: "Lim Wei Seng", "Nguyen Thi Hoa"). In the first scores, 224 of
    the 438 matched statements whose speaker's name opens so had the wrong speaker (the name keeps the word, or
    the tagger joined two names), against 3,431 of 17,906 of all; two-word names opening so ("Si Hedi", "Abu
    Ahmad", "Yamamoto Kenji") were wrong 113 times in 393, and setting them apart too lost more confident
    statements than wrong ones in the cross-validation. An initial ("S.R. Lakshmi Narayanan") is no such word, nor a
    word in capitals (an office, `_opens_with_title`, or a family name printed first: "KOUAME Kouassi Didier")."""
    if len(name_words) < 3:
        return False
    opening, given = name_words[0], name_words[1]
    if not (opening[:1].isupper() and opening.replace("-", "").isalpha()) or opening.isupper():
        return False  # an initial, or a word in capitals: an office or a family name printed first ("KOUAME …")
    return (
        given_name_gender(opening) is None
        and fold(opening) not in family_names_first
        and given_name_gender(given) is not None
    )


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word.replace("-", "").replace(".", "").isalpha()


def _opens_with_title(word: str, words_before_names: Collection[str]) -> bool:
    """A title the tagger kept in a name ("Barrister", "Dr.") or an office in capitals ("SP", "ASP", "MK"), not an
    initial ("K.") nor a family name printed first in capitals, four letters or more with a vowel ("KOUAME Kouassi
    Didier"; offices in capitals are initials: "DCP", "SSP")."""
    bare = word.rstrip(".")
    family_name = len(bare) >= 4 and any(letter in "AEIOUY" for letter in bare)
    return bare.lower() in words_before_names or (
        len(bare) >= 2 and bare.isalpha() and bare.isupper() and not family_name
    )


def name_shared(
    text: str, mention: str | None, words_before_names: Collection[str], no_name_words: Collection[str]
) -> bool:
    """Whether the words of a surname mention ("Kim", "Ms Juma", "Tesfaye") stand, where the text writes them, in
    two different names ("Kim Ji-hoon" and "Kim Tae-sung", "Yonas Tesfaye" and "Tesfaye Bekele", "Juana Quispe
    Mamani" and "Hilda Quispe Huamán"): relatives, or namesakes, which the mention alone cannot tell apart. A name
    is the capitalised words around the mention's, without titles, honorifics and offices (``words_before_names``)
    and without words that are no name (``no_name_words``: "But", "Monday"); one name inside another ("Quispe
    Mamani" in "Juana Quispe Mamani") is the same. Reads only the text, as `name_cut` does."""
    words = [w for w in (mention or "").split() if w.rstrip(".").lower() not in words_before_names]
    if not words:
        return False
    surname = " ".join(words)
    names: set[tuple[str, ...]] = set()
    for match in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w'’-])", text):
        names.add(_name_around(text, match.start(), match.end(), words_before_names, no_name_words))
    names.discard(tuple(words))
    word_sets = {frozenset(n): n for n in names}  # "Hamisi Juma" and "Juma Hamisi": the words, in any order
    distinct = [n for name_words, n in word_sets.items() if not any(name_words < other for other in word_sets)]
    return any(not _spelt_alike(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1 :])


def _spelt_alike(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """The same name spelt two ways, a letter apart in a word ("Kristen" and "Kristin Wilkins")."""
    return len(one) == len(other) and all(_one_edit_apart(a, b) for a, b in zip(one, other, strict=True))


def _one_edit_apart(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i + (len(a) > len(b)) :] == b[i + (len(b) > len(a)) :]


def _name_around(
    text: str, start: int, end: int, words_before_names: Collection[str], no_name_words: Collection[str]
) -> tuple[str, ...]:
    """The capitalised words the text writes on the same line before and after ``text[start:end]``."""
    before = text[max(0, start - 80) : start].split("\n")[-1].split(" ")[:-1]
    after = text[end : end + 80].split("\n")[0].split(" ")[1:] if text[end : end + 1] == " " else []
    kept_before: list[str] = []
    for word in reversed(before):
        if not _name_word(word, no_name_words) or word.rstrip(".").lower() in words_before_names:
            break
        if word[-1:] in ",;:!?" or (word.endswith(".") and len(word.replace(".", "")) > 2):
            break  # the end of the clause before ("… for Scientology. Paris said"), not an initial ("W.M.")
        kept_before.insert(0, word)
    kept_after: list[str] = []
    for word in after:
        bare = word.rstrip(",;:.")
        if not _name_word(bare, no_name_words) or bare.lower() in words_before_names:
            break
        kept_after.append(bare)
        if bare != word:
            break  # the name ends at a comma or a full stop
    return (*kept_before, *text[start:end].split(), *kept_after)


def _name_word(word: str, no_name_words: Collection[str]) -> bool:
    letters = word.replace("-", "").replace(".", "").replace("’", "").replace("'", "")
    return word[:1].isupper() and letters.isalpha() and word.lower() not in no_name_words


def calibration_key(
    basis: str | None,
    distance: int | None,
    speaker_known: bool,
    has_cue: bool,
    shape: str,
    after_uncertain: bool = False,
    gender_named: bool = False,
    speaker_before: bool | None = None,
) -> str:
    """The group a statement's confidence is read from. ``speaker_known``: the speaker is one of the article's
    entities; ``has_cue``: the statement names its cue; ``shape``: `speaker_shape`; ``after_uncertain``: a pronoun
    or carried quote right after a statement whose attribution is not confident (`chained`); for a pronoun,
    ``gender_named``: `gender_in_name`, and ``speaker_before``: `names_speaker_before` (None for other bases)."""
    key = _basis_key(basis, distance, speaker_known, has_cue)
    key = f"{key}, {shape}" if shape else key
    key = f"{key}, {GENDER_IN_NAME}" if gender_named else key
    # leaning on the statement before says it already; a name not in full and of no known gender is the risk whoever
    # spoke before (split there, the fit had no fixed point)
    if speaker_before is not None and not after_uncertain and (gender_named or shape != NOT_FULL_NAME):
        key = f"{key}, {SPEAKER_BEFORE if speaker_before else NEW_SPEAKER}"
    return f"{key}, {AFTER_UNCERTAIN}" if after_uncertain else key


def gender_in_name(
    basis: str | None, mention: str | None, speaker: str | None, pronoun_genders: dict[str, str]
) -> bool:
    """A "he" or "she" whose speaker's given name, the first word of the name, is one of that gender ("Maria Lopez
    … she said"): the agreement is evidence for the antecedent. A speaker whose name tells no gender (a family name
    written first, a given name the first-names list lacks, a place the tagger took for a person) may have been
    taken for want of a better one: in the first scores a pronoun a sentence or less back naming the speaker before
    was right 98 times in 100 with a name of its gender and 93 without one; naming someone else, 94 and 82."""
    if basis != "pronoun" or not mention or not speaker:
        return False
    gender = pronoun_genders.get(mention.lower())
    return bool(gender) and given_name_gender(speaker.split()[0]) == gender


def names_speaker_before(basis: str | None, speaker: str | None, previous_speaker: str | None) -> bool | None:
    """For a pronoun, whether its speaker (`speaker_key`) is the one of the article's statement before; None for
    other bases. A sentence or less back that is the natural reading; two or three back it is the resolver keeping
    the last speaker over whoever was named in between, right 57 times in 100 in the first scores with a name of
    the pronoun's gender, and 89 when the pronoun names someone else."""
    if basis != "pronoun":
        return None
    return previous_speaker is not None and speaker == previous_speaker


def chained(basis: str | None, previous_confidence: float | None, first_heard: bool = False) -> bool:
    """Whether a statement's speaker leans on an uncertain one: a pronoun or a carried quote right after a statement
    of the article whose confidence is under `CONFIDENT_ATTRIBUTION` (a pronoun after such a statement was right 30
    times in 39 in the first scores, after a confident one 209 in 219). One naming someone heard for the first time
    in the article (``first_heard``: "Her friend, Mai Marufu, disagrees. "…," she said.") leans on the person
    just brought in, not on that attribution: a sentence or less back, such pronouns were right 65 times in 73 after
    an uncertain statement, those naming its speaker again or one heard before it 113 in 160. The article's first
    statement leans on nothing."""
    return (
        basis in CHAINED_BASES
        and previous_confidence is not None
        and previous_confidence < CONFIDENT_ATTRIBUTION
        and not first_heard
    )


def speaker_key(speaker_id: str | None, speaker: str | None) -> str | None:
    """Who a statement is attributed to, to tell a speaker heard before from one heard for the first time."""
    return speaker_id or speaker


def _basis_key(basis: str | None, distance: int | None, speaker_known: bool, has_cue: bool) -> str:
    if basis in {"pronoun", "description"}:
        if distance is None:
            return f"{basis}, antecedent unknown"
        for low, high in DISTANCE_STEPS:
            if distance >= low and (high is None or distance <= high):
                span = f"{low}-{high}" if high is not None else f"{low}+"
                return f"{basis}, {span} sentences back"
    if basis in {"name", "surname", "document"}:
        return f"{basis}, {'an entity' if speaker_known else 'not an entity'}"
    if basis == "carried":
        return "carried, in its paragraph" if has_cue else "carried, to a new paragraph"
    return str(basis)


def rate(right: int, matched: int) -> float:
    return round((right + 1) / (matched + 2), 3)


def speaker_confidence(
    basis: str | None,
    distance: int | None,
    speaker_known: bool,
    has_cue: bool,
    shape: str,
    after_uncertain: bool = False,
    gender_named: bool = False,
    speaker_before: bool | None = None,
) -> float:
    """The calibrated chance that a statement found this way has the right speaker; 0 without a speaker."""
    if basis is None or basis == "none":
        return 0.0
    key = calibration_key(basis, distance, speaker_known, has_cue, shape, after_uncertain, gender_named, speaker_before)
    counts = FIRST_SCORE_COUNTS.get(key)
    return rate(*counts) if counts is not None else UNSEEN
