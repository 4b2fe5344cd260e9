"""The type of one entity, corrected by the ordered rules of ``RETYPING``; the first rule that decides wins.

The small English model makes typical mistakes on news text: a surname tagged ORG, a square tagged PERSON, a
project tagged GPE. Each step looks at a ``Candidate`` (the span, the type the model gave, the folded words) and
decides its type (a ``Typed``), says it is no entity (None), or passes it on to the next step, perhaps narrowed
("NASA Administrator Charles Bolden" → "Charles Bolden"). A candidate no step decides keeps the model's type.
The steps work on the syntax and on the gazetteer's word lists, never on particular article words.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from nlp.entities.mentions import HYPHENS, Mention, is_punct, joined_by_hyphen
from nlp.entities.rules import Rule
from nlp.keys import doc_text, fold
from nlp.lexicon.gazetteer import Gazetteer
from nlp.naming import after_name_alone_marker, before_name_alone_clause, follows_marker

# One common word is not a name: "the Administration", "the State", "North".
# A US lawmaker's party and state after the name: "D-Mass.", "R-Calif.", "I-Vt.".
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_PARTY_STATE = re.compile(r"^[DRI]\s?-\s?[A-Z][A-Za-z.]*\.?$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity on its way through the steps; ``words`` are the span's words folded."""

    span: Span
    ner_type: str
    words: tuple[str, ...]


class Typed(NamedTuple):
    type: str
    span: Span
    source: str  # "ner", "rule" or "gazetteer"

    def mention(self, source: str | None = None) -> Mention:
        span = self.span
        return Mention(span.start_char, span.end_char, self.type, span.text, source or self.source)


RetypeStep = Callable[[Candidate, Gazetteer], "Candidate | Typed | None"]


def retype(span: Span, ner_type: str, gazetteer: Gazetteer, steps: Sequence[RetypeStep]) -> Typed | None:
    """The corrected type, span and source of an entity, or None when it is not an entity."""
    candidate = Candidate(span, ner_type, tuple(fold(t.text) for t in span))
    for step in steps:
        outcome = step(candidate, gazetteer)
        if not isinstance(outcome, Candidate):
            return outcome
        candidate = outcome
    return Typed(candidate.ner_type, candidate.span, "ner")


def _next_word(doc: Doc, index: int) -> Token | None:
    while index < len(doc) and is_punct(doc[index]) and doc[index].text not in ",.;:":
        index += 1
    return doc[index] if index < len(doc) else None


def _abbreviated(token: Token) -> bool:
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.text.endswith(".") or (following is not None and following.text == "." and not token.whitespace_)


def _ends_in_title(span: Span, words: Sequence[str], gazetteer: Gazetteer) -> bool:
    """A title word ending an organisation span, unless it is the complement of the name ("Department of
    Justice", "Ministry of the Attorney General", "Court of Justice")."""
    if words[-1] not in gazetteer.words("title_words"):
        return False
    return not any(t.lower_ in gazetteer.lexicon.entities.title_name_links for t in span[1:-1])


def _named_as_place(span: Span, gazetteer: Gazetteer) -> bool:
    """A name right after "the town of", "the city of", "the province of": the place itself."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "of":
        return False
    return doc[span.start - 2].lower_ in gazetteer.words("place_nouns") and doc[span.start - 2].is_lower


def _named_as_company(c: Candidate, gazetteer: Gazetteer) -> bool:
    """A PERSON right after a company noun in lower case ("auto-parts supplier Kessler Antriebstechnik", "start-up
    Parcelwise"), its first word no known first name: the company itself. News puts the kind of business before a
    company's name as it puts a title before a person's."""
    doc, start = c.span.doc, c.span.start
    if c.ner_type != "Person" or start < 1 or gazetteer.is_given_name(c.span[0].text):
        return False
    before = doc[start - 1]
    noun = before.lower_
    if noun == "up" and start >= 3 and doc[start - 2].text == "-" and not doc[start - 3].whitespace_:
        noun = doc[start - 3].lower_ + "-up"  # the tokenizer splits "start-up"
    return before.is_lower and noun in gazetteer.words("company_nouns")


def _surname_given_alone(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    marked = follows_marker(doc_text(c.span.doc), c.span.start_char, gazetteer.words("surname_markers"))
    return Typed("Person", c.span, "rule") if marked and c.span[0].text[:1].isupper() else c


def _name_given_alone(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    span = c.span
    if len(span) > 2 or not all(t.text[:1].isupper() and t.is_alpha for t in span):
        return c
    markers = gazetteer.words("name_alone_markers")
    given_alone = after_name_alone_marker(span[0], markers) or before_name_alone_clause(span)
    return Typed("Person", span, "rule") if given_alone else c


def _company_named_after_its_kind(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    return Typed("Organization", c.span, "rule") if _named_as_company(c, gazetteer) else c


def _is_place_name(words: Sequence[str], gazetteer: Gazetteer) -> bool:
    """A facility or place head ("Air Force Base", "Space Center"); a school district is an organisation."""
    if " ".join(words[-2:]) in gazetteer.words("location_head_phrases"):
        return True
    if words[0] in gazetteer.words("location_prefixes"):
        return words[-1] not in gazetteer.words("organization_words")  # "Mount Sinai Hospital" is a hospital
    if words[-1] == "district" and words[-2] in gazetteer.words("organization_words"):
        return False
    return words[-1] in gazetteer.words("location_heads")


def is_personal_name(span: Span, words: Sequence[str], gazetteer: Gazetteer) -> bool:
    """A known first name and one or two more capitalised words, none of them an organisation word; a double given
    name joined by a hyphen ("Ulla-Britt", "Jean-Luc") is known when either half is."""
    given = 3 if len(span) > 3 and joined_by_hyphen(span.doc, span.start) else 1
    if not 2 <= len(span) - given + 1 <= 3 or not any(gazetteer.is_given_name(t.text) for t in list(span)[0:given:2]):
        return False
    if any(w in gazetteer.words("organization_words") or w in gazetteer.words("location_heads") for w in words):
        return False
    return all((t.text[:1].isupper() and t.is_alpha) or t.text == "-" for t in span)


def _before_title(span: Span, gazetteer: Gazetteer) -> bool:
    following = _next_word(span.doc, span.end)
    return following is not None and following.lower_ in gazetteer.lexicon.entities.title_after_portfolio


def _personal(c: Candidate, gazetteer: Gazetteer) -> bool:
    return c.ner_type == "Person" and gazetteer.is_given_name(c.span[0].text)  # "Stockwell Day" is a man


# ---------------------------------------------------------------- the steps, in order


def _ignored(c: Candidate, gazetteer: Gazetteer) -> Candidate | None:
    return None if fold(c.span.text) in gazetteer.ignored else c


def _generic_word(c: Candidate, gazetteer: Gazetteer) -> Candidate | None:
    return None if len(c.span) == 1 and fold(c.span.text) in gazetteer.lexicon.entities.generic_single_words else c


def _lone_title(c: Candidate, gazetteer: Gazetteer) -> Candidate | None:
    lone = len(c.span) == 1 and fold(c.span.text).rstrip(".") in gazetteer.words("title_words")
    capitals = c.span.text.isupper() and len(c.span.text) > 1  # "the two-term MLA" tagged PERSON: nobody's name
    return None if lone and (_abbreviated(c.span[0]) or capitals or c.ner_type in {"Location", "Organization"}) else c


def _party_and_state(c: Candidate, gazetteer: Gazetteer) -> Candidate | None:
    span, doc = c.span, c.span.doc
    party_before = span.start > 1 and doc[span.start - 1].text == "-" and doc[span.start - 2].text in {"D", "R", "I"}
    return None if _PARTY_STATE.match(span.text) or party_before else c


def _a_people(c: Candidate, gazetteer: Gazetteer) -> Candidate | None:
    return None if c.ner_type == "Person" and len(c.span) == 1 and c.span[0].tag_ == "NNPS" else c


def _known_name(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    known = gazetteer.lookup(c.span.text)
    return Typed(known.type, c.span, "gazetteer") if known is not None else c


def _title_before_person(c: Candidate, gazetteer: Gazetteer) -> Candidate:
    if c.ner_type != "Person":
        return c
    titles = [i for i, w in enumerate(c.words[:-1]) if w.rstrip(".") in gazetteer.words("title_words")]
    if not titles:
        return c
    return Candidate(c.span[titles[-1] + 1 :], c.ner_type, c.words[titles[-1] + 1 :])


def opens_with_honorific(span: Span, gazetteer: Gazetteer, tagged_person: bool = False) -> bool:
    """Whether ``span`` opens with an honorific cut off a name: in capitals only on a name the model tagged a
    person's (``tagged_person``) or before a first name, else it is an acronym ("the IBU World Cup"); a one-letter
    one ("U Thet Naing") only after another or before two more words, none an organisation's ("U Mobile", "U Mumba
    Kabaddi Club" are names); one that is a family name elsewhere (`honorifics_before_two_names`: "Ma Thandar Win",
    "Abbé Jean-Baptiste Millogo", not "Ma Ying-jeou") only before two or more capitalised names, a name's halves
    joined by a hyphen counted as one, none an organisation's word."""
    first, doc = span[0], span.doc
    if first.text in gazetteer.lexicon.entities.abbreviated_given_names:
        return False  # "Sr. Ma. Remedios Sabater": María, not the Burmese "Ma"
    if fold(first.text) in gazetteer.lexicon.entities.honorifics_before_two_names and first.text.istitle():
        # "Ma Thandar Win", "Abbé Jean-Baptiste Millogo"; not "Ma Ying-jeou", "Ko Jin-young" nor a Chinese "Ma Zhaoxu"
        hyphens = [t for t in span[2:] if t.text in HYPHENS and joined_by_hyphen(doc, t.i - 1)]
        generations = gazetteer.lexicon.statements.generational_suffixes
        # "Ko-Olina" keeps its hyphen, and stays a name; "Nana Ekow Amissah III" has two names and a generation
        names = [t for t in span[1:] if t not in hyphens and fold(t.text).rstrip(".") not in generations]
        return (
            len(names) - len(hyphens) >= 2
            and all(t.is_alpha and t.is_title for t in names)
            and not any(fold(t.text) in gazetteer.words("organization_words") for t in names)
        )  # "Canon Medical Systems", "Don Valley Conservation Authority" are organisations' names
    honorifics = gazetteer.lexicon.entities.trimmed_honorifics
    if fold(first.text).rstrip(".") not in honorifics:
        return False
    if len(first.text) > 1 and first.text.isupper():  # "WPC Andrea Sookdeo": in capitals, a person's name only
        return tagged_person or (len(span) > 1 and gazetteer.is_given_name(span[1].text))
    after_another = first.i > 0 and fold(doc[first.i - 1].text).rstrip(".") in honorifics  # "Sayadaw U Kovida"
    if len(first.text.rstrip(".")) == 1 and not after_another:
        rest = [fold(t.text) for t in span[1:]]
        return len(rest) >= 2 and not any(w in gazetteer.words("organization_words") for w in rest)
    return True


def _honorific_before_name(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    """ "U Thet Naing" tagged ORG: two or more capitalised words right after a person's honorific (cut off by `trim`)
    are that person; one word may be a shop's name ("Mr Price"), an organisation's word makes it an organisation."""
    span, doc = c.span, c.span.doc
    if c.ner_type not in {"Organization", "Location"} or len(span) < 2 or span.start == 0:
        return c
    if not opens_with_honorific(doc[span.start - 1 : span.end], gazetteer):
        return c
    if not all(t.is_title and t.is_alpha for t in span) or not _no_institution_word(c.words, gazetteer):
        return c
    return Typed("Person", span, "rule")


def _nationality_before_name(c: Candidate, gazetteer: Gazetteer) -> Candidate:
    """Sport and world news write a nationality before a name ("Colombian Juan Camilo Restrepo Arango", "Kenyan
    Faith Kipyegon"); the model takes the adjective into the name and may call the whole an organisation."""
    opener = c.span[0]
    nationality = opener.pos_ == "ADJ" or fold(opener.text) in gazetteer.words("nationalities")
    if not 3 <= len(c.span) <= 5 or not nationality or not opener.text[:1].isupper():
        return c
    rest, words = c.span[1:], c.words[1:]
    if not gazetteer.is_given_name(rest[0].text) or not _no_institution_word(words, gazetteer):
        return c
    named = all(t.text[:1].isupper() and t.is_alpha for t in rest)
    return Candidate(rest, "Person", words) if named else c


def _place_before_name(c: Candidate, gazetteer: Gazetteer) -> Candidate:
    """South Asian papers write an officer's district between the title and the name ("Commissioner Sargodha Jahanzeb
    Awan", "Deputy Commissioner Lahore …", "Deputy Director of the DAE in Sunamganj Bimal Chandra Som"), and a ward
    after "from" before a councillor's name ("councillor from Lyari Naseem Bibi"); the model takes the place into the
    person's name. After a job word or "in", a first word the article tags as a place elsewhere, or the gazetteer
    knows as one, is no part of the name; after "from" or "in", one before a known given name. Never a known given
    name itself ("Commissioner Jordan Peterson Smith")."""
    span = c.span
    if c.ner_type != "Person" or not 3 <= len(span) <= 5 or span.start == 0 or gazetteer.is_given_name(c.span[0].text):
        return c
    opener, before, rest = span[0], span.doc[span.start - 1], span[1:]
    if not all(t.text[:1].isupper() and t.is_alpha for t in span) or not _no_institution_word(c.words, gazetteer):
        return c
    if before.lower_ in {"from", "in"}:
        # "in": an office's district after its title ("Deputy Director of the DAE in Sunamganj Bimal Chandra Som")
        placed = gazetteer.is_given_name(c.span[1].text) or (before.lower_ == "in" and _a_place(opener, gazetteer))
    elif fold(before.text) in gazetteer.job_words and before.text[:1].isupper():
        placed = _a_place(opener, gazetteer)
    else:
        return c
    return Candidate(rest, "Person", c.words[1:]) if placed else c


# Filipino's linkers inside a name: "ng" (of), "sa" (in, at), "mga" (the plural), "at" (and)
_FILIPINO_LINKERS = {"ng", "sa", "mga", "at"}


def _named_in_filipino(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    """Organisations named in Filipino join capitalised words with lower-case linkers ("Pamantasan ng Dagat
    Kanluran", "Alyansa ng Magpapalay sa Gitnang Luzon"); the model tags the words after a linker as a person or a
    place of their own. Only "ng" or "sa" before the name's capitalised words counts, "at" being English too."""
    span, doc = c.span, c.span.doc
    linker = span.start
    while linker > 0 and doc[linker - 1].is_title:
        linker -= 1  # "sa Timog Mindoro" with "Mindoro" tagged a place
    if c.ner_type == "Organization" or linker < 2 or doc[linker - 1].text not in {"ng", "sa"}:
        return c
    start = linker - 1
    while (
        start > 0
        and doc[start - 1].pos_ != "DET"
        and (doc[start - 1].is_title or doc[start - 1].text in _FILIPINO_LINKERS)
    ):
        start -= 1
    while start < span.start and not doc[start].is_title:
        start += 1  # a name opens with a capitalised word, not a linker
    if start >= linker - 1:
        return c
    return Typed("Organization", doc[start : span.end], "rule")


# Prepositions of place before a name: where something is, comes from or passes. A person follows "from" or "through"
# too ("a letter from Ana Cruz", "ran into Ana Cruz"), never "in", "near" or "outside"; so one of those must be seen,
# and only these before every mention.
_WHERE = frozenset({"in", "near", "outside"})
_WHERE_OR_WHENCE = _WHERE | {"from", "through", "across", "around", "throughout", "into", "toward", "towards"}


def _named_only_as_a_place(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    """A PERSON of two or three capitalised words, no known first name first, that the text writes only right after
    "in", "near", "outside", "from" or a preposition of passing ("through", "across", "into" …), at least once after
    one of the first three, and never with a possessive: a place the model took for a person ("born in Bint Jbeil",
    "a steelworks in Kryvyi Rih", "rings from Kryvyi Rih", "marched through Palma Soriano"). News writes a person
    after "in" only in a possessive ("in Ana Cruz's view")."""
    span = c.span
    if c.ner_type != "Person" or not 2 <= len(span) <= 3 or gazetteer.is_given_name(c.span[0].text):
        return c
    if not all(t.is_alpha and t.text[:1].isupper() for t in span):
        return c
    doc, words = span.doc, [t.text for t in span]
    befores: list[str] = []
    for token in doc:
        end = token.i + len(words)
        if token.text != words[0] or end > len(doc) or [t.text for t in doc[token.i : end]] != words:
            continue
        if end < len(doc) and doc[end].tag_ == "POS":
            return c
        befores.append(doc[token.i - 1].lower_ if token.i > 0 else "")
    if all(b in _WHERE_OR_WHENCE for b in befores) and any(b in _WHERE for b in befores):
        return Typed("Location", span, "rule")
    return c


def _a_place(word: Token, gazetteer: Gazetteer) -> bool:
    """The gazetteer knows ``word`` as a place, the article tags it as one elsewhere, or its dateline names it
    ("SUNAMGANJ, April 22 (BNA) -")."""
    known = gazetteer.lookup(word.text)
    return (
        (known is not None and known.type == "Location")
        or any(e.label_ in {"GPE", "LOC"} and e.text == word.text and e.start != word.i for e in word.doc.ents)
        or any(
            string.capwords(m.group(1)) == word.text
            for m in gazetteer.lexicon.entities.dateline_city.finditer(word.doc.text)
        )
    )


def _portfolio_before_name(c: Candidate, gazetteer: Gazetteer) -> Candidate:
    """A minister's portfolio ends right before the holder's name in "Deputy Minister of Economy Rauf Aliyev",
    "Secretary of Health Maria Santos"; the model takes the portfolio words into the person's name. After a
    portfolio title and "of"/"for", the opening `portfolio_words` are no part of the name when two or more
    capitalised words, no institution word among them, are left."""
    span, doc = c.span, c.span.doc
    if c.ner_type != "Person" or not 3 <= len(span) <= 6 or span.start < 2:
        return c
    title, link = doc[span.start - 2], doc[span.start - 1]
    if link.lower_ not in {"of", "for"} or fold(title.text) not in gazetteer.lexicon.entities.title_after_portfolio:
        return c
    portfolio = gazetteer.words("portfolio_words")
    cut = 0
    while cut < len(span) - 2 and (c.words[cut] in portfolio or c.words[cut] == "and"):
        cut += 1
    rest = span[cut:]
    if cut == 0 or c.words[cut - 1] == "and" or not all(t.text[:1].isupper() and t.is_alpha for t in rest):
        return c
    return Candidate(rest, "Person", c.words[cut:]) if _no_institution_word(c.words[cut:], gazetteer) else c


def _job_before_name(c: Candidate, gazetteer: Gazetteer) -> Candidate:
    """A job word opening a name, before two or three capitalised words that read as a personal name:
    "Paediatrician Nadia Cassar" tagged ORG, "Farmer Elfed Jones" tagged PERSON. News writes an occupation
    before a name the way it writes a title ("false titles"); the name after it is the person's. Without a known
    first name the job must open its sentence and be followed by just two words, none an organisation or place
    word, so "Teacher Training Agency" and "Nurse Practitioner Associates" stay what they were tagged."""
    if len(c.words) < (2 if c.ner_type == "Person" else 3):  # "Goalkeeper Everaldo": one name after the job
        return c
    if c.words[0] not in gazetteer.job_words or not c.span[0].text[:1].isupper():
        return c
    rest, words = c.span[1:], c.words[1:]
    if c.ner_type == "Person":  # the model saw a person: the job before the name is no part of it
        named = all(t.text[:1].isupper() and t.is_alpha for t in rest) and _no_institution_word(words, gazetteer)
        return Candidate(rest, "Person", words) if named else c
    if not is_personal_name(rest, words, gazetteer):
        opens_sentence = c.span[0].is_sent_start or c.span.start == 0
        bare_name = len(rest) == 2 and all(t.text[:1].isupper() and t.is_alpha for t in rest)
        if not (opens_sentence and bare_name and _no_institution_word(words, gazetteer)):
            return c
    return Candidate(rest, "Person", words)


def _no_institution_word(words: Sequence[str], gazetteer: Gazetteer) -> bool:
    institution = gazetteer.words("organization_words") | gazetteer.words("location_heads")
    return not any(w in institution for w in words)


def _title_after_organisation(c: Candidate, gazetteer: Gazetteer) -> Candidate:
    span, words = c.span, c.words
    while c.ner_type == "Organization" and len(span) > 1 and _ends_in_title(span, words, gazetteer):
        span, words = span[:-1], words[:-1]
    return Candidate(span, c.ner_type, words)


def _portfolio_word(c: Candidate, gazetteer: Gazetteer) -> Candidate | None:
    portfolio = len(c.span) == 1 and c.words[0] in gazetteer.words("portfolio_words")
    return None if portfolio and _before_title(c.span, gazetteer) else c


def _portfolio_organisation(c: Candidate, gazetteer: Gazetteer) -> Candidate | None:
    organisational = any(w in gazetteer.words("organization_words") for w in c.words)
    return None if c.ner_type == "Organization" and _before_title(c.span, gazetteer) and not organisational else c


def _social_handle(c: Candidate, gazetteer: Gazetteer) -> Candidate | None:
    return None if c.span.text.startswith("@") else c


def _honorific_alone(c: Candidate, gazetteer: Gazetteer) -> Candidate | None:
    return None if len(c.span) == 1 and c.words[0].rstrip(".") in gazetteer.words("honorific_titles") else c


def _capitalised_law(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    if c.ner_type == "Person" and len(c.span) > 1 and _YEAR.match(c.span[-1].text):
        # "Bill 2025" tagged PERSON: a bill and its session year, the untagged words before it its subject
        named = _with_untagged_words_before(c.span[:-1])
        if c.words[-2] in gazetteer.words("law_heads") and len(named) > 1:
            return Typed("Law", c.span.doc[named.start : c.span.end], "rule")
        return c
    law_head = c.words[-1] in gazetteer.words("law_heads") or c.words[-1] in gazetteer.words("law_name_heads")
    law_head = law_head or " ".join(c.words[-2:]) in gazetteer.words("law_head_phrases")
    if not (law_head and c.span[-1].text[:1].isupper()):
        return c
    if len(c.span) > 1 and c.ner_type != "Person":
        return Typed("Law", _with_year_after(c.span), "rule")
    if c.ner_type == "Person" and not gazetteer.is_given_name(c.span[0].text):  # "Nathan Law" is a man
        named = _with_untagged_words_before(c.span)
        if len(named) > 1:
            return Typed("Law", named, "rule")
    return c


def _with_year_after(span: Span) -> Span:
    """A bill's session year is part of its name: "the Finance Bill 2025"."""
    doc = span.doc
    if span.end < len(doc) and _YEAR.match(doc[span.end].text) and span[-1].whitespace_:
        return doc[span.start : span.end + 1]
    return span


def _with_untagged_words_before(span: Span) -> Span:
    """A span with the untagged capitalised proper nouns before it: "Surveillance" + "Powers Bill"."""
    start = span.start
    while start > 0 and (t := span.doc[start - 1]).tag_ in {"NNP", "NNPS"} and t.is_title and not t.ent_type_:
        start -= 1
    return span.doc[start : span.end]


def _case_noun_after(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    following = _next_word(c.span.doc, c.span.end)
    if following is not None and following.lower_ in gazetteer.words("case_nouns"):
        return Typed("Event", c.span.doc[c.span.start : following.i + 1], "rule")
    return c


def _project_noun_after(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    following = _next_word(c.span.doc, c.span.end)
    if following is not None and following.lower_ in gazetteer.words("project_nouns"):
        return Typed("Event", c.span, "rule")
    return c


def _place_named_after_its_kind(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    return Typed("Location", c.span, "rule") if _named_as_place(c.span, gazetteer) else c


def _event_head(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    head = c.words[-1] in gazetteer.words("event_heads") or " ".join(c.words[-2:]) in gazetteer.words(
        "event_head_phrases"
    )
    # "Rehabilitation Project Force": a project noun inside a name names a programme, unless an organisation's head
    # ends it ("Innocence Project Foundation")
    inside = any(
        w in gazetteer.words("project_nouns") and t.is_title for w, t in zip(c.words[1:-1], c.span[1:-1], strict=True)
    )
    head = head or (inside and c.words[-1] not in gazetteer.words("untagged_name_heads"))
    head = head and c.span[-1].text[:1].isupper()
    if head and len(c.span) > 1 and not _personal(c, gazetteer):
        return Typed("Event", c.span, "rule")
    return c


def _place_head(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    if len(c.span) > 1 and not _personal(c, gazetteer) and _is_place_name(c.words, gazetteer):
        return Typed("Location", c.span, "rule")  # "Stuart Hall" is a man
    return c


def _organisation_word(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    if c.ner_type != "Person" and any(w in gazetteer.words("organization_words") for w in c.words):
        return Typed("Organization", c.span, "rule" if c.ner_type != "Organization" else "ner")
    return c


def _person_ending_in_organisation_word(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    if c.ner_type == "Person" and c.words[-1] in gazetteer.words("organization_words"):
        return Typed("Organization", c.span, "rule")
    return c


def _described_with_which(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    """ "Jin Xiang, which makes sportswear …": English takes "which" after a thing and "who" after a person, so a
    name the model called a person that a clause opening with "which" describes is an organisation."""
    doc, end = c.span.doc, c.span.end
    if c.ner_type == "Person" and end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "which":
        return Typed("Organization", c.span, "rule")
    return c


def _product_maker(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    """A lone-word PERSON, no known first name, owning a product ("Grifaj's software"): the company that makes it."""
    if c.ner_type != "Person" or len(c.span) != 1 or gazetteer.is_given_name(c.span[0].text):
        return c
    doc = c.span.doc
    end = c.span.end
    if end + 1 >= len(doc) or doc[end].tag_ != "POS":
        return c
    owned = doc[end].head.head if doc[end].head.i == c.span.root.i else None
    if owned is not None and owned.lower_ in gazetteer.words("product_nouns") and owned.i > end:
        return Typed("Organization", c.span, "rule")
    return c


def _vessel(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed | None:
    """ "MV Mutiara Laut", "HMS Vigilant": a ship, its prefix in capitals before the name (taken in when the model
    left it out); the prefix alone is no entity."""
    span, doc = c.span, c.span.doc
    prefixes = gazetteer.words("vessel_prefixes")

    def prefix(token: Token) -> bool:
        if not (token.text.isupper() and token.is_alpha and fold(token.text) in prefixes):
            return False
        before = doc[token.i - 1] if token.i > 0 else None  # "MS Dhoni", "SS Rajamouli": a name's initials
        shipped = before is not None and (
            before.lower_ == "the" or before.lemma_.lower() in gazetteer.words("vessel_nouns")
        )
        return len(token.text) > 2 or shipped

    if prefix(span[0]):
        return Typed("Product", span, "rule") if len(span) > 1 else None
    if span.start > 0 and prefix(doc[span.start - 1]) and span[0].text[:1].isupper():
        return Typed("Product", doc[span.start - 1 : span.end], "rule")
    return c


def _legal_form_after(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    """ "Qamar Knitwear (Pvt) Ltd" with "Qamar Knitwear" tagged PERSON: a company's legal form after the name, a
    word in brackets maybe before it, makes the name and the form one Organization."""
    doc, end = c.span.doc, c.span.end
    forms = gazetteer.words("legal_forms")
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        end += 3  # "(Pvt)", "(Pty)"
    last = end
    while last < len(doc) and doc[last].text[:1].isupper() and fold(doc[last].text).rstrip(".") in forms:
        last += 1
    if last == end or c.ner_type not in {"Person", "Organization", "Location", "Unknown"}:
        return c
    return Typed("Organization", doc[c.span.start : last], "rule")


def _after_the(span: Span) -> bool:
    """A name right after "the" that does not modify a noun after it: "the Regina Pilots", not "the Annie Oakley
    screen print" nor "the Donald Trump administration"."""
    if span.start == 0 or span.doc[span.start - 1].lower_ != "the":
        return False
    return not (span.root.dep_ in {"compound", "nmod", "amod"} and span.root.head.i >= span.end)


def _after_the_and_qualifier(span: Span, words: Sequence[str], gazetteer: Gazetteer) -> bool:
    """ "the Dutch Koninklijke Marechaussee": "the", one capitalised qualifier (a nationality, or a word the model
    left untagged), then a name that opens with no first name ("the Hon. John Smith", "the Canadian Mark Carney"
    are men) and modifies no noun after it."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 2].lower_ != "the" or gazetteer.is_given_name(span[0].text):
        return False
    if span.root.dep_ in {"compound", "nmod", "amod"} and span.root.head.i >= span.end:
        return False
    qualifier = doc[span.start - 1]
    word = fold(qualifier.text).rstrip(".")
    titled = word in gazetteer.words("title_words") | gazetteer.words("honorific_titles")
    return qualifier.is_alpha and qualifier.is_title and qualifier.ent_type_ in {"", "NORP"} and not titled


def _institution_after_the(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    """English names a person without an article: "the Regina Pilots", "the Garda Síochána" are institutions.
    Not a name modifying a noun after it ("the Donald Trump administration") nor one opening with a title."""
    span = c.span
    if c.ner_type != "Person" or len(span) < 2:
        return c
    if not (_after_the(span) or _after_the_and_qualifier(span, c.words, gazetteer)):
        return c
    if c.words[0].rstrip(".") in gazetteer.words("title_words") | gazetteer.words("honorific_titles"):
        return c
    return Typed("Organization", span, "rule")


def is_company_name(span: Span, words: Sequence[str], gazetteer: Gazetteer) -> bool:
    """Two or more words ending in a trade or a company's legal form, not opening with a known first name:
    "Sakura Rail", "Indian Railways", "Vorland Motoren"; "Samantha Power" is a woman."""
    if len(span) < 2 or words[-1] not in gazetteer.words("company_name_heads") or gazetteer.is_given_name(span[0].text):
        return False
    return span[-1].text[:1].isupper() and span[0].text[:1].isupper()


def _company_name(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    if c.ner_type != "Organization" and is_company_name(c.span, c.words, gazetteer):
        return Typed("Organization", c.span, "rule")
    return c


def _double_barrelled_after_first_name(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    """ "Aoife" + "Carrigan-Walsh" tagged ORG: a double-barrelled name right after an untagged known first name is
    that person's family name, and the person takes the first name in."""
    span, doc = c.span, c.span.doc
    hyphenated = len(span) == 3 and span[0].is_title and joined_by_hyphen(doc, span.start)
    if c.ner_type not in {"Organization", "Location", "Unknown"} or not hyphenated or span.start == 0:
        return c
    first = doc[span.start - 1]
    if first.ent_type_ or not first.is_title or not gazetteer.is_given_name(first.text):
        return c
    return Typed("Person", doc[span.start - 1 : span.end], "rule")


def _known_first_name_before(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    """ "Anjali Raghunathan is barefoot" with "Anjali" untagged (read as an adjective) and "Raghunathan" tagged as a
    place: one unknown capitalised word right after a known first name the model left untagged is that person's
    family name."""
    span, doc = c.span, c.span.doc
    if len(span) != 1 or c.ner_type not in {"Location", "Organization"} or span.start == 0:
        return c
    given = doc[span.start - 1]
    if given.ent_type_ or not (given.is_title and given.is_alpha) or not gazetteer.is_given_name(given.text):
        return c
    word = c.words[0]
    known = gazetteer.lookup(span.text) or gazetteer.lookup(f"{given.text} {span.text}")
    if known or not span[0].is_title or gazetteer.is_given_name(span.text) or _is_place_name(c.words, gazetteer):
        return c
    if word in gazetteer.words("organization_words") or word in gazetteer.words("title_words"):
        return c
    return Typed("Person", doc[span.start - 1 : span.end], "rule")


def _personal_name(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    if _after_the(c.span) or c.span[-1].tag_ == "NNPS":
        return c  # "the Regina Pilots": a team, not a woman called Regina
    if c.ner_type in {"Organization", "Location", "Unknown"} and (
        is_personal_name(c.span, c.words, gazetteer) or _with_patronymic(c, gazetteer)
    ):
        span = c.span
        if span[-1].lower_ in gazetteer.lexicon.entities.honorifics_after_names and span[-2].whitespace_:
            span = span[:-1]  # "Gülten Hanım" tagged a work of art: respect after the name, as on a tagged PERSON
        return Typed("Person", span, "rule")
    return c


def _family_name_speaks(c: Candidate, gazetteer: Gazetteer) -> Candidate | Typed:
    """A name of two to four capitalised words tagged as an organisation, no organisation word, place head, job,
    title, honorific, kin word or sentence opener in it, whose last word the text writes alone as the subject of a
    reporting verb or after a personal title ("Nar Bahadur Thapa's day began …" tagged ORG, then "Thapa says", "Mr
    Thapa"): a person, named again by the family name as news names people; a body is named again by its first word
    or an acronym ("Goldman said"), never by its last."""
    span = c.span
    if c.ner_type not in {"Organization", "Unknown"} or not 2 <= len(span) <= 4 or _after_the(span):
        return c
    if len(span) == 2 and _borne_by_another(span, gazetteer):
        return c  # "Stavby Novák", a firm named after its owner, beside "Petr Novák": "Novák said" is the man
    if not all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in span) or gazetteer.lookup(span.text):
        return c
    statements = gazetteer.lexicon.statements
    no_name = (
        gazetteer.words("organization_words")
        | gazetteer.words("location_heads")
        | gazetteer.job_words
        | gazetteer.lexicon.entities.trimmed_honorifics
        | statements.sentence_openers
        | statements.owner_pronouns.keys()
        | statements.kin_nouns.keys()
    )
    if any(w in no_name for w in c.words):
        return c  # "Kagawad Nestor Cabahug", "My Tita Marites": a title or a phrase, which other rules read
    doc = span.doc
    for token in _family_name_elsewhere(span):
        before = doc[token.i - 1] if token.i > 0 else None
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        titled = before is not None and fold(before.text).rstrip(".") in statements.title_genders
        if after is not None and after.is_title and after.is_alpha:
            continue  # a word of a longer name
        if before is not None and before.is_title and before.is_alpha and not titled and not before.is_sent_start:
            continue
        if titled or (token.dep_ == "nsubj" and token.head.lemma_.lower() in statements.speech_verbs):
            return Typed("Person", span, "rule")
    return c


def _borne_by_another(span: Span, gazetteer: Gazetteer) -> bool:
    """Whether the text writes the span's last word after another capitalised word elsewhere, no title of a person:
    someone else's name ends in it."""
    titles = gazetteer.lexicon.statements.title_genders
    befores = (span.doc[t.i - 1] for t in _family_name_elsewhere(span) if t.i > 0)
    return any(b.is_title and b.is_alpha and b.text != span[0].text and fold(b.text) not in titles for b in befores)


def _family_name_elsewhere(span: Span) -> list[Token]:
    """The tokens outside ``span`` written as its last word."""
    family = span[-1].text
    return [t for t in span.doc if t.text == family and not span.start <= t.i < span.end]


def _with_patronymic(c: Candidate, gazetteer: Gazetteer) -> bool:
    """Three capitalised words, the middle one a patronymic ("Taras Ivanovych Hnatyuk")."""
    endings = gazetteer.lexicon.entities.patronymic_endings
    return (
        len(c.span) == 3
        and all(t.is_title and t.is_alpha for t in c.span)
        and c.words[1].endswith(endings)
        and not any(w in gazetteer.words("organization_words") for w in c.words)
    )


RETYPING: tuple[Rule[RetypeStep], ...] = (
    Rule("ignored_names", "a name in the gazetteer's `not_entities` is no entity", '"GMT", "AI"', _ignored),
    Rule(
        "generic_words",
        "one common word alone (administration, state, police, court, north, …) is no name",
        '"the Administration" tagged ORG',
        _generic_word,
    ),
    Rule(
        "lone_titles",
        "a `title_words` word alone, abbreviated, in capitals or tagged as a place or organisation, is no entity",
        '"Det." in "Det. Sgt. Mary Brown" tagged PERSON, "the two-term MLA" tagged PERSON, "the Sheriff" tagged GPE',
        _lone_title,
    ),
    Rule(
        "party_and_state",
        "a US lawmaker's party and state is no place of its own",
        '"D-Mass." in "Sen. Jane Roe, D-Mass.", "Ky." in "R-Ky." tagged GPE',
        _party_and_state,
    ),
    Rule("peoples", "a one-word plural PERSON is a people, not a person", '"Afghans" tagged PERSON', _a_people),
    Rule(
        "gazetteer_type",
        "a name in the gazetteer takes the gazetteer's type, with the gazetteer as its source",
        '"European Union", "RFE/RL"',
        _known_name,
    ),
    Rule(
        "filipino_linkers",
        'a name right after a lower-case "ng" or "sa" that follows a capitalised word is the end of an organisation '
        "named in Filipino, which starts at the first of the capitalised words and linkers before it",
        '"Pamantasan ng Dagat Kanluran" with "Dagat Kanluran" tagged PERSON; "Alyansa ng Magpapalay sa Gitnang Luzon"',
        _named_in_filipino,
    ),
    Rule(
        "title_before_person",
        "a PERSON holding title words starts after the last of them",
        '"NASA Administrator Charles Bolden" → "Charles Bolden"',
        _title_before_person,
    ),
    Rule(
        "honorific_before_name",
        "two or more capitalised words tagged ORG or a place right after a person's honorific, no organisation or "
        "place word among them, are a Person",
        '"U Thet Naing", "Ato Kebede Worku" tagged ORG; "Mr Price" stays',
        _honorific_before_name,
    ),
    Rule(
        "job_before_name",
        "a name that opens with a title, occupation or employee word before a personal name (tagged PERSON, or a "
        "known first name and one or two capitalised words, or, opening the sentence, any two capitalised words; "
        "no organisation or place word) is that Person",
        '"Paediatrician Nadia Cassar" tagged ORG, "Farmer Elfed Jones" tagged PERSON → "Nadia Cassar", "Elfed Jones"',
        _job_before_name,
    ),
    Rule(
        "portfolio_before_name",
        'a PERSON of three to six words after a portfolio title and "of"/"for" that opens with `portfolio_words` '
        "starts after them, when two or more capitalised words (no organisation or place word) are left",
        '"Deputy Minister of Economy Rauf Aliyev" → "Rauf Aliyev"',
        _portfolio_before_name,
    ),
    Rule(
        "place_before_name",
        "a PERSON of three to five capitalised words opening with no known first name but a place (tagged as one "
        'elsewhere or known to the gazetteer) after a capitalised job word or "in", or a word before a known first '
        'name after "from" or "in", starts after that place',
        '"Commissioner Sargodha Jahanzeb Awan" → "Jahanzeb Awan", "councillor from Lyari Naseem Bibi" → "Naseem Bibi", '
        '"of the DAE in Sunamganj Bimal Chandra Som" → "Bimal Chandra Som"',
        _place_before_name,
    ),
    Rule(
        "named_only_as_a_place",
        "a PERSON of two or three capitalised words, no known first name first, that the text writes only after "
        '"in", "near", "outside" or "from", at least once after one of the first three, never with a possessive, is '
        "a Location",
        '"born in Bint Jbeil", "a steelworks in Kryvyi Rih … rings from Kryvyi Rih" tagged PERSON; "a letter from Ana '
        'Cruz" stays',
        _named_only_as_a_place,
    ),
    Rule(
        "nationality_before_name",
        "a name that opens with a capitalised adjective or a `nationalities` word before a known first name and one "
        "to three capitalised words (no organisation or place word) is that Person",
        '"Colombian Juan Camilo Restrepo Arango" tagged ORG → "Juan Camilo Restrepo Arango"; "British Airways" stays',
        _nationality_before_name,
    ),
    Rule(
        "title_after_organisation",
        "title words ending an ORG are cut off, unless the name has of/for/on inside",
        '"State Department Spokesperson" → "State Department"; "Court of Justice" stays',
        _title_after_organisation,
    ),
    Rule(
        "portfolio_before_title",
        "a `portfolio_words` word alone before minister/ministry/secretary/department is part of the title",
        '"Interior" in "Interior Minister"',
        _portfolio_word,
    ),
    Rule(
        "portfolio_organisations",
        "an ORG without an `organization_words` word before minister/secretary/… is a portfolio, no entity",
        '"Foreign Affairs" in "Foreign Affairs minister", "Shadow Home Secretary"',
        _portfolio_organisation,
    ),
    Rule("social_handles", "a social media handle is no entity", '"@POTUS"', _social_handle),
    Rule(
        "vessels",
        "a name after a `vessel_prefixes` word in capitals is a Product that takes the prefix in (a two-letter one "
        'only after "the" or a `vessel_nouns` word: "MS Dhoni" is a man); the prefix alone is no entity',
        '"MV" tagged ORG and "Mutiara Laut" tagged PERSON → Product "MV Mutiara Laut"',
        _vessel,
    ),
    Rule(
        "legal_forms_after",
        "a name followed by `legal_forms` words (a word in brackets maybe between) is an Organization that takes "
        "them in",
        '"Qamar Knitwear" tagged PERSON before "(Pvt) Ltd" → Organization "Qamar Knitwear (Pvt) Ltd"',
        _legal_form_after,
    ),
    Rule(
        "honorifics_alone",
        "an honorific used `alone` (en.toml `[honorifics]`) is no entity on its own",
        '"Emeritus"',
        _honorific_alone,
    ),
    Rule(
        "capitalised_laws",
        "a capitalised name ending in a `law_heads` or `law_name_heads` word or a `law_head_phrases` pair is a Law; "
        "a PERSON only when its first word is no first name, with the untagged capitalised words before it and a "
        "session year after it",
        '"the Online News Act" tagged ORG, "Criminal Code", "Surveillance Powers Bill" ("Powers Bill" tagged PERSON); '
        '"Nathan Law" stays a person',
        _capitalised_law,
    ),
    Rule(
        "case_noun_after",
        "a name followed by a `case_nouns` word is an Event that takes the word in",
        '"Kantrimen case" → Event "Kantrimen case"',
        _case_noun_after,
    ),
    Rule(
        "project_noun_after",
        "a name followed by a `project_nouns` word is an Event",
        '"Safe City" project tagged GPE → Event',
        _project_noun_after,
    ),
    Rule(
        "named_after_place_noun",
        'a name right after "the <`place_nouns` word> of" is a Location',
        '"the town of Yeoncheon" tagged ORG',
        _place_named_after_its_kind,
    ),
    Rule(
        "surnamed_people",
        'a name right after a `surname_markers` word ("surnamed") is a Person',
        '"a student surnamed Choi", "Choi" tagged ORG',
        _surname_given_alone,
    ),
    Rule(
        "name_given_alone",
        'one or two capitalised words right after a `name_alone_markers` phrase ("first name,", "identified only '
        'as"), or right before a "who" clause saying the name is all there is, are a Person',
        '"only his first name, Francisco, be used"; "identified only as Ernesto", "Ernesto" tagged ORG; "Rawan, 29, '
        'who gave only her first name,"',
        _name_given_alone,
    ),
    Rule(
        "named_after_company_noun",
        "a PERSON right after a lower-case `company_nouns` word (supplier, start-up, …), its first word no known "
        "first name, is an Organization",
        '"supplier Kessler Antriebstechnik" tagged PERSON; "company spokesperson Alicia Gomez" stays a person',
        _company_named_after_its_kind,
    ),
    Rule(
        "event_heads",
        "capitalised words ending in an `event_heads` word or an `event_head_phrases` pair are an Event, unless a "
        "PERSON starts with a first name",
        '"Google Science Fair", "Australian National Iodine Nutrition Study", "Toronto Food Drive" tagged ORG; '
        '"Stockwell Day" stays a person',
        _event_head,
    ),
    Rule(
        "place_heads",
        "last two words a `location_head_phrases` phrase, last word a `location_heads` word or first word a "
        "`location_prefixes` word (without an organisation word at the end) → Location",
        '"Trg Republike", "Castlefrank Road" tagged PERSON, "Century City Towers" tagged ORG; "Mount Sinai '
        'Hospital" and "… School District" are not places',
        _place_head,
    ),
    Rule(
        "organisation_words",
        "a name that is no PERSON and holds an `organization_words` word is an Organization",
        '"SHARE Foundation", "Home Office"; the model\'s ORG keeps its source',
        _organisation_word,
    ),
    Rule(
        "person_ending_in_organisation_word",
        "a PERSON ending in an `organization_words` word is an Organization",
        '"Edmonton Sun", "Art Gallery" tagged PERSON',
        _person_ending_in_organisation_word,
    ),
    Rule(
        "described_with_which",
        'a PERSON a clause opening with ", which" describes (no law, event or place by its words) is an '
        'organisation: "which" is said of things',
        '"Jin Xiang, which makes sportswear for European brands," tagged PERSON',
        _described_with_which,
    ),
    Rule(
        "product_makers",
        "a one-word PERSON, no known first name, whose possessive owns a `product_nouns` word is an Organization",
        '"Grifaj\'s software is used by Europol"; "Sarah\'s software" stays a person',
        _product_maker,
    ),
    Rule(
        "company_names",
        "two or more capitalised words ending in a `company_name_heads` word (a trade or a legal form) are an "
        "Organization, unless the first is a known first name",
        '"Sakura Rail", "Indian Railways" tagged PERSON; "Samantha Power" stays a person',
        _company_name,
    ),
    Rule(
        "institutions_after_the",
        'a PERSON of two or more words right after "the", or after "the" and a capitalised qualifier when it opens '
        "with no first name, is an Organization; not one opening with a title, nor one modifying a noun after it",
        '"the Garda Síochána", "the Regina Pilots", "the Dutch Koninklijke Marechaussee"; "the Donald Trump '
        'administration" stays a person',
        _institution_after_the,
    ),
    Rule(
        "known_first_name_before",
        "one unknown capitalised word tagged as a place or organisation right after an untagged known first name is "
        "that person's family name: a Person of both",
        '"Anjali" (untagged) + "Raghunathan" tagged GPE → "Anjali Raghunathan"',
        _known_first_name_before,
    ),
    Rule(
        "personal_names",
        "an ORG, GPE or untyped name of a known first name (or a double one joined by a hyphen, either half known) "
        "and one or two capitalised words, or of three words with an East Slavic patronymic (`patronymic_endings`) "
        'in the middle, is a Person; not after "the" nor ending in a plural',
        '"Milan Marinović", "Dean Kamen", "Ulla-Britt Holmqvist", "Taras Ivanovych Hnatyuk" tagged ORG',
        _personal_name,
    ),
    Rule(
        "family_name_speaks",
        "an ORG or untyped name of two to four capitalised words (no organisation word, place head, job, title, "
        "honorific, kin word or sentence opener) whose last word the text writes alone as a reporting verb's subject "
        "or after a personal title is a Person; of two words, not when a person's name ends in that word too",
        '"Nar Bahadur Thapa\'s day" tagged ORG, then "Thapa says"; "Goldman Sachs" stays a body',
        _family_name_speaks,
    ),
    Rule(
        "double_barrelled_after_first_name",
        "an ORG, GPE or untyped double-barrelled name right after an untagged known first name is a Person that "
        "takes the first name in",
        '"Aoife" + "Carrigan-Walsh" tagged ORG',
        _double_barrelled_after_first_name,
    ),
)
