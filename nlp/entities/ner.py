"""The model's entities made into mentions: spans mended by rules, then retyped (``nlp.entities.retyping``).

Each entity of ``doc.ents`` goes through the rules of its label in order: a named day tagged DATE becomes an
event (``DATE_RULES``); a PERSON cut to one word takes in the rest of the name (``PERSON_SPANS``); every span is
trimmed to the name (no article, quotes, honorific, caption words); an ORG cut short or run together with
another name is completed or split (``ORGANISATION_SPANS``); then the type is corrected (``RETYPING``).
Offsets in a ``Mention`` are character offsets into ``doc.text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from nlp.entities.mentions import Mention, is_punct, joined_by_hyphen
from nlp.entities.organizations import (
    address_after,
    family_name_in_capitals,
    host_organisation,
    with_and_parts,
    with_name_complement,
    with_whole_title,
)
from nlp.entities.retyping import RETYPING, is_personal_name, opens_with_honorific, retype
from nlp.entities.rules import Rule, switched_on
from nlp.keys import doc_text, fold
from nlp.lexicon.gazetteer import Gazetteer

NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "LAW": "Law",
    "EVENT": "Event",
    "PRODUCT": "Product",
    # Often a person's surname mis-tagged; resolution keeps them only when they match a known name.
    "WORK_OF_ART": "Unknown",
    "NORP": "Unknown",
}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "DATE"}  # what the model makes of a foreign name's parts
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG", "NORP"}
LOWERCASE_TAIL_CUT = {"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP"}
_SCORE = re.compile(r"\s\d{1,3}[-–]\d{1,3}$")  # "beat the Boston Bruins 4-2": a game's score, not in the name

DateStep = Callable[[Span, Gazetteer], "Mention | None"]
Widening = Callable[[Span, Gazetteer], Span]
# PERSON spans of whole names the model cut apart, found over the document and its entities.
WholeNames = Callable[[Doc, Gazetteer, list[Span]], list[Span]]
# An ORG span mended: the span that goes on, and the mentions split off it.
SpanSplit = Callable[[Span, Gazetteer], tuple[Span, list[Mention]]]


def _letters_after_name(doc: Doc, first: int, end: int, gazetteer: Gazetteer) -> bool:
    """Whether the token before ``end`` is letters of rank or honour after a name that opens at ``first``: with an
    honorific before the name ("Ms Harriet Beale KC") or a court role after the letters ("Andrew Whitlock KC,
    defending,"); without either, "Ram Bahadur KC" keeps KC, a Nepali family name."""
    words = gazetteer.lexicon.entities
    if doc[end - 1].text not in words.post_nominal_letters:
        return False
    opening = doc[first] if first < end else None
    before = doc[first - 1] if first > 0 else None
    honoured = any(t is not None and fold(t.text).rstrip(".") in words.trimmed_honorifics for t in (opening, before))
    role = end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in words.counsel_roles
    return honoured or role


def trim(span: Span, gazetteer: Gazetteer) -> Span | None:
    """Cut an entity span to the name: no article, quotes, brackets, honorific, caption words or possessive."""
    start, end = span.start, span.end
    doc = span.doc
    words = gazetteer.lexicon.entities
    for i in range(start, end):
        if doc[i].text == "(" or "\n" in doc[i].text:
            end = i  # "Dalija Peterson (Dahlia": the bracket starts an alternative name; a name never spans lines
            break
        if span.label_ == "EVENT" and doc[i].text in {"-", "–", "—"} and doc[i].whitespace_ and i > start:
            end = i  # "Remembrance Day - November 11 -": the date after a spaced dash is not in the name
            break
        if span.label_ == "PERSON" and doc[i].text in {"–", "—"} and i > start:
            end = i  # "Lorenzo Bercasio III — Enzo to everyone —": a name never holds a dash between words
            break
    after_dateline = _after_dateline(span, gazetteer)
    if after_dateline is not None:
        start = after_dateline
        if start < end and doc[start].lower_ in {"the", "a", "an"}:
            start += 1  # "BRUSSELS - The European Commission": "The" opens the sentence after the dateline
    while start < end and (is_punct(doc[start]) or doc[start].is_space or _drops_article(doc[start])):
        start += 1
    while start < end - 2 and f"{fold(doc[start].text)} {fold(doc[start + 1].text)}" in words.honorific_pairs:
        start += 2  # "Tan Sri Lim Kok Seng"
    title_before = start - 2 if start >= 2 and doc[start - 1].text in {"'", "’"} else start - 1
    pair = f"{fold(doc[title_before].text)} {fold(doc[start].text)}" if start < end - 1 and title_before >= 0 else ""
    if pair in words.honorific_pairs:
        start += 1  # "Dato' Sri Wan Ahmad": the pair's second word, the tagger having left out the first
    person = span.label_ == "PERSON"
    while start < end - 1 and opens_with_honorific(doc[start:end], gazetteer, person):  # in a row: "Datuk Seri …"
        start += 1
        while start < end and doc[start].text == ".":
            start += 1
    while end > start and (
        is_punct(doc[end - 1])
        or doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in gazetteer.lexicon.entities.trailing_links
    ):
        end -= 1  # "Food Standards of": the model stopped inside the name; a dangling "of" is not part of it
    while end > start + 2 and span.label_ == "PERSON" and _letters_after_name(doc, span.start, end, gazetteer):
        end -= 1  # "Ms Harriet Beale KC": a rank of counsel or an honour after a full name
    while (
        end > start + 1
        and span.label_ == "PERSON"
        and doc[end - 1].lower_ in words.honorifics_after_names
        and doc[end - 2].whitespace_  # a word of its own: "Kim Min-ji" keeps her "ji"
    ):
        end -= 1  # "Khoso Sahib", "Kotagala Dhammasiri Thera": respect, not a name
    while (
        end > start + 1
        and span.label_ in LOWERCASE_TAIL_CUT
        and _caption_word(doc[end - 1])
        and doc[end - 1].text not in words.patronymic_markers  # "Mammadov Elchin Rasim oglu" ends with it
    ):
        end -= 1  # "Ahmed Mohamed image": a caption word, not part of the name
    score = _SCORE.search(doc[start:end].text) if span.label_ in LOWERCASE_TAIL_CUT else None
    if score is not None:
        cut = doc[start].idx + score.start() + 1
        while end > start + 1 and doc[end - 1].idx >= cut:
            end -= 1
    if (
        end > start + 1
        and end < len(doc)
        and doc[end].text == ":"
        and fold(doc[end - 1].text) in gazetteer.lexicon.entities.caption_labels
    ):
        end -= 1  # "Washington D.C. Image: Reuters": the credit label of a caption
    return doc[start:end] if end > start else None


def _after_dateline(span: Span, gazetteer: Gazetteer) -> int | None:
    """Where a name starts when the model ran the dateline into it ("NAIROBI - Rift Valley Power"): the city
    and its dash are the dateline's, the name is what follows."""
    doc = span.doc
    line_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    if not (span[0].is_upper and line_start):
        return None
    match = gazetteer.lexicon.entities.dateline_city.match(span.text)
    if match is None or match.end() >= len(span.text):
        return None
    return next((t.i for t in span if t.idx >= span.start_char + match.end()), None)


def _caption_word(token: Token) -> bool:
    """A lowercase word after a space; "un" in "Kim Jong-un" is part of the name."""
    before = token.doc[token.i - 1]
    return token.is_lower and token.is_alpha and bool(before.whitespace_) and before.text != "-"


def _drops_article(token: Token) -> bool:
    """A leading article goes, except a capitalised "The" inside a sentence, which belongs to the name."""
    if token.lower_ not in {"the", "a", "an"}:
        return False
    return not (token.text == "The" and not token.is_sent_start)


def _named_day(span: Span, gazetteer: Gazetteer) -> Mention | None:
    """A named day tagged DATE ("Waitangi Day", "Remembrance Day - November 11"): an event; "Monday" is not."""
    words = []
    for token in span:
        if not (token.text[:1].isupper() and token.is_alpha):
            break
        words.append(token)
    if len(words) < 2 or fold(words[-1].text) not in gazetteer.words("event_heads"):
        return None
    if words[0].lower_ in gazetteer.lexicon.entities.relative_day_words:
        return None
    name = span.doc[words[0].i : words[-1].i + 1]
    return Mention(name.start_char, name.end_char, "Event", name.text, "rule")


def _with_given_name(span: Span, gazetteer: Gazetteer) -> Span:
    """A one-word PERSON after an untagged capitalised proper noun takes it in: "Enver Solomon"; a longer one takes
    in such a noun only when it is a known first name ("María Fernanda Ochoa", "Ana Lucia Ferreira da Costa"), a
    title or honorific comes before it, which makes it the first of the names ("spokesperson Ashok Kumar Mohapatra",
    "Madam Akosua Serwaa Boateng", the model having tagged the last ones), or it opens its sentence or a phrase as a
    compound of the name and reads as no title ("Abdiqani Farah Jama, a herder,"); four names at most, particles
    aside."""
    doc = span.doc
    particles = gazetteer.words("name_particles")
    while span.start > 0 and _untagged_name_word(doc[span.start - 1], gazetteer, any_pos=True):
        if sum(w.lower() not in particles for w in span.text.split()) >= 4:
            break  # "Ana" + "Paula Ferreira da Silva": a particle is no name of its own, "Ka-wai" one name
        word = doc[span.start - 1]
        known_first = gazetteer.is_given_name(word.text)  # "Mehmet" of "Mehmet Ali Karakaya"
        opening = (
            _opens_name_phrase(word)
            and word.dep_ == "compound"
            and span.start <= word.head.i < span.end
            and not _title_like(word, gazetteer)
        )
        if len(span) > 1 and not (known_first or opening) and not _after_title(doc, span.start - 1, gazetteer):
            break
        span = doc[span.start - 1 : span.end]
    return span


_INITIALS = re.compile(r"(?:[A-Z]\.){1,5}")


def _with_initials(span: Span, gazetteer: Gazetteer) -> Span:
    """A PERSON takes in the initials written right before it ("W.M.D. Perera", "A.S.P. Fernando"): Sri Lankan and
    South Indian papers give most people their initials and family name alone, and the model leaves the initials out
    or tags them a place; so does a given name abbreviated with a dot ("Ma. Luisa Sorongon"). Not a name the
    gazetteer knows ("U.S.")."""
    if span.start == 0:
        return span
    initials = span.doc[span.start - 1]
    abbreviated = initials.text in gazetteer.lexicon.entities.abbreviated_given_names  # "Ma. Luisa Sorongon"
    if not (_INITIALS.fullmatch(initials.text) or abbreviated) or not initials.whitespace_:
        return span
    if gazetteer.lookup(initials.text):
        return span
    if initials.ent_type_ and not (initials.ent_iob_ == "B" and span.doc[span.start].ent_iob_ != "I"):
        return span  # inside another entity: "the U.N.C. Tar Heels"
    return span.doc[span.start - 1 : span.end]


# Endings of English nouns of agents and ranks ("Meteorologist", "Crofter", "Moderator", "Selectman", "Corporal"),
# which news sets before a name as a title; a given name no list knows seldom ends so.
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "man", "ant", "ent", "al", "ess", "ee", "ic")


def _title_like(token: Token, gazetteer: Gazetteer) -> bool:
    """A job, a rank, a form of address, a nationality, a party or a common word opening a sentence before a name, not
    a first given name: "Meteorologist Priya Raman", "Mama Joséphine N'Sele", "Kenyan Ruth Chepngetich"
    (``sentence_openers`` and calendar words are no names)."""
    word = fold(token.text)
    return (
        word in gazetteer.job_words
        or word in gazetteer.words("title_words")
        or word in gazetteer.lexicon.entities.trimmed_honorifics
        or word in gazetteer.lexicon.entities.honorifics_before_two_names
        or word in gazetteer.lexicon.statements.no_name_words
        or word in gazetteer.words("nationalities")
        or word in gazetteer.words("party_words")
        or word.endswith(_AGENT_ENDINGS)
        or len(word) < 3  # "Pa Ebrima Sanneh": an elder's form of address as often as a given name
    )


def _opens_name_phrase(token: Token) -> bool:
    """Whether ``token`` opens its sentence or follows a comma, a bracket or a quotation mark: "Abdiqani" of
    "Abdiqani Farah Jama, a herder, said", not "Chelsea" of "Chelsea striker …" (a word of a phrase before the name)."""
    if token.i == 0:
        return False  # the first word of a text keeps the model's cut, as in the other rules
    if token.is_sent_start:
        return True
    before = token.doc[token.i - 1]
    return before.is_punct and before.text in {",", "(", '"', "“", "‘", "'", ":", ";"}


def _after_title(doc: Doc, i: int, gazetteer: Gazetteer) -> bool:
    """Whether a title or honorific ("Hon.", "Madam", "spokesperson") comes right before token ``i``."""
    j = i - 1 if i >= 1 and doc[i - 1].text != "." else i - 2
    if j < 0:
        return False
    word = fold(doc[j].text).rstrip(".")
    return word in gazetteer.words("title_words") or word in gazetteer.lexicon.entities.trimmed_honorifics


def _untagged_name_word(token: Token, gazetteer: Gazetteer, any_pos: bool = False) -> bool:
    """A capitalised proper noun the model tagged as nothing, and no title, organisation word or honorific; with
    ``any_pos``, also a known first name the parser read as another part of speech ("Anjali" as an adjective)."""
    word = fold(token.text)
    return (
        (token.pos_ == "PROPN" or (any_pos and gazetteer.is_given_name(token.text)))
        and token.is_title
        and token.is_alpha
        and not token.ent_type_
        and word not in gazetteer.words("title_words")
        and word not in gazetteer.words("organization_words")
        and word not in gazetteer.lexicon.entities.trimmed_honorifics
    )


def _with_family_name(span: Span, gazetteer: Gazetteer) -> Span:
    """A first name tagged PERSON alone takes in the untagged capitalised word it forms one name with:
    "Edith Dumont" (a known first name, or the parse joins them as a compound); and a second family name the parse
    joins to that one ("Esteban Villacís Moncayo": Spanish and Portuguese names carry the father's and the mother's)."""
    doc = span.doc
    # The first word of a text keeps the model's cut: this rule has always run behind the given-name rule,
    # which stops there.
    if len(span) != 1 or span.start == 0 or span.end >= len(doc):
        return span
    after = doc[span.end]
    joined = span[0].dep_ == "compound" and span[0].head.i == after.i
    if not gazetteer.is_given_name(span.text) and not joined:
        return span
    if not _family_name_word(after, gazetteer):
        return span
    joined_on = span.end + 1 < len(doc) and after.dep_ == "compound" and after.head.i == span.end + 1
    if joined_on and after.whitespace_ == " " and _family_name_word(doc[span.end + 1], gazetteer):
        return doc[span.start : span.end + 2]
    return doc[span.start : span.end + 1]


def _family_name_word(token: Token, gazetteer: Gazetteer) -> bool:
    word = fold(token.text)
    return (
        token.tag_ == "NNP"  # not a plural: "Warhol Polaroids" are photographs
        and token.is_title
        and token.is_alpha
        and not token.ent_type_
        and word not in gazetteer.words("title_words") | gazetteer.words("organization_words")
        and word not in gazetteer.words("location_heads") | gazetteer.lexicon.entities.generic_single_words
    )


def _with_hyphenated_family_name(span: Span, gazetteer: Gazetteer) -> Span:
    """A PERSON cut inside a double-barrelled family name ("Mary Kiely" + "-Nash") or just before one ("TD Maura"
    + "Kiely-Nash") takes the rest of it in: the tokenizer splits at the hyphen and the small
    model often stops there, while a name's parts are written without spaces around it."""
    doc = span.doc
    end = span.end
    if end < len(doc) and span[-1].whitespace_:
        after = doc[end]
        words = gazetteer.words("title_words") | gazetteer.words("organization_words")
        # the family name untagged, or tagged a PERSON of its own ("MK Orit" + "Ben-Haim")
        own_name = after.ent_type_ == "PERSON" and after.ent_iob_ == "B"
        name_word = after.is_title and after.is_alpha and fold(after.text) not in words
        if name_word and (own_name or not after.ent_type_) and joined_by_hyphen(doc, end):
            end += 1
    while joined_by_hyphen(doc, end - 1) and doc[end + 1].ent_type_ in {"", "PERSON"}:
        end += 2
    heads = gazetteer.words("organization_words") | gazetteer.words("location_heads")
    if end == span.end or (end < len(doc) and doc[end].is_title and fold(doc[end].text) in heads):
        return span  # "Steven F. Udvar-Hazy Center", "Intrepid Sea-Air-Space Museum": a name of a place or body
    return Span(doc, span.start, end, label=span.label_)


def _with_patronymic_marker(span: Span, gazetteer: Gazetteer) -> Span:
    """A PERSON of two or more words takes in the lower-case patronymic marker right after it ("Mammadov Elchin Rasim"
    + "oglu"): the full official name ends with it, and the small model, trained on English names, stops before a
    lower-case word."""
    doc = span.doc
    if len(span) < 2 or span.end >= len(doc) or not span[-1].whitespace_:
        return span
    if doc[span.end].text not in gazetteer.lexicon.entities.patronymic_markers:
        return span
    return Span(doc, span.start, span.end + 1, label=span.label_)


def _particle_names(doc: Doc, gazetteer: Gazetteer, ents: list[Span]) -> list[Span]:
    """PERSON spans of names with lower-case particles inside, widened by `_with_particles` from what follows the
    particles: the model's entity there, whatever its label, or an untagged family name ("van den Heuvel")."""
    particles = gazetteer.words("name_particles")
    seeds = [e for e in ents if e.label_ in NAME_LABELS and (e.start > 0 and doc[e.start - 1].text in particles)]
    seeds += [e for e in ents if e.label_ == "PERSON" and e[0].text in particles]  # "van der Berg" tagged whole
    tagged = {i for e in ents for i in range(e.start, e.end)}
    for token in doc[1:]:
        if token.i not in tagged and token.pos_ == "PROPN" and token.is_title and doc[token.i - 1].text in particles:
            end = token.i + 1  # the name ends where the capitals stop
            while end < len(doc) and end not in tagged and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            seeds.append(Span(doc, token.i, end, label="PERSON"))
    found = [wide for e in seeds if (wide := _with_particles(e, gazetteer)) is not e]
    # a place or body whose name the particle is inside of ("Rio de Janeiro", "Banco do Brasil") stays one
    return [w for w in found if not any(t.ent_type_ in PLACE_LABELS and t.text in particles for t in w)]


def _with_particles(span: Span, gazetteer: Gazetteer) -> Span:
    """A name after lower-case name particles takes them in with the capitalised names before them, whatever the
    model made of those: "Nurul Ain" (tagged ORG) "binti" + "Abdul Razak", "Pieter-Jan van" (tagged DATE) "den" +
    "Heuvel", "André Luís" "dos" + "Santos Ferreira". A particle between capitalised names is a name's inside; the
    model, trained on English names, cuts there."""
    doc = span.doc
    particles = gazetteer.words("name_particles")
    start = span.start
    while start > 0 and doc[start - 1].text in particles and span.start - start < 2:
        start -= 1
    if start == span.start and span[0].text not in particles:
        return span
    first = start
    while first > 0 and start - first < 6 and _name_word_before(doc, first - 1, gazetteer):
        first -= 1
    while first < start and not (doc[first].text[:1].isupper() and _may_open_name(doc[first], gazetteer)):
        first += 1  # a hyphen, or a capitalised common noun opening the sentence, is no name's first word
    if first == start:
        return span
    titles = gazetteer.lexicon.entities.trimmed_honorifics | gazetteer.words("title_words")
    while first > 0 and doc[first - 1].ent_type_ == "PERSON" and fold(doc[first - 1].text).rstrip(".") in titles:
        first -= 1  # "Dr Muna" tagged PERSON before "bint Abdullah al Balushi": the honorific goes in, trimmed later
    return Span(doc, first, span.end, label="PERSON")


def _may_open_name(token: Token, gazetteer: Gazetteer) -> bool:
    return token.pos_ == "PROPN" or not token.is_sent_start or gazetteer.is_given_name(token.text)


def _name_word_before(doc: Doc, i: int, gazetteer: Gazetteer) -> bool:
    """A capitalised word of a name (or the hyphen inside one), whatever the model tagged it; no title, honorific
    or organisation word, nothing across a line."""
    token = doc[i]
    if token.text == "-" and not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
        return True
    word = fold(token.text)
    return (
        token.is_title
        and token.text.replace("-", "").isalpha()  # "Pieter-Jan" is one token
        and "\n" not in token.whitespace_
        and word not in gazetteer.words("title_words") | gazetteer.words("organization_words")
        and word not in gazetteer.lexicon.entities.trimmed_honorifics
        and not (token.is_sent_start and word in {"the", "a", "an"})
    )


# A personal name with a nickname in quotation marks inside it: Philippine, Nigerian and American papers write
# 'Ramon "Bong" Reyes', and the model cuts the name at the marks (resolution keeps the name without the nickname).
_CAPITAL = "[A-ZÀ-ÖØ-Þ]"  # a capital of the Latin alphabets ("Óscar", "Ñuflo")
NICKNAMED = re.compile(
    rf"(?<![\w'-])(?:{_CAPITAL}[\w'-]*\.?\s){{1,3}}[\"“‘']{_CAPITAL}[\w-]*(?:\s{_CAPITAL}[\w-]*)?[\"”’']\s"
    # after the nickname: a middle initial or a particle may come before the family name ('Teresita "Tess" M.
    # Ocampo', 'Rodolfo "Boyet" dela Cruz'), and a second family name or a generation after it ('Héctor "El Chino"
    # Giménez Ruiz', 'Reynaldo "Jun" Bautista Jr.')
    rf"(?:{_CAPITAL}\.\s)?(?:[a-z]{{2,4}}\s)?{_CAPITAL}[\w'-]+(?:-{_CAPITAL}[\w'-]+)?"
    rf"(?:\s(?:Jr|Sr)\.|\s{_CAPITAL}[\w'-]+(?=[\s,.;:]))?"
)


def _nicknamed_people(doc: Doc, gazetteer: Gazetteer, ents: list[Span]) -> list[Span]:
    """Spans of names with a quoted nickname inside ('Mark Anthony “Macoy” Dumlao'), as PERSON spans."""
    titles = gazetteer.words("title_words") | gazetteer.lexicon.entities.trimmed_honorifics | gazetteer.job_words
    found = []
    for match in NICKNAMED.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), label="PERSON", alignment_mode="contract")
        while span is not None and len(span) and (span[0].is_punct or fold(span[0].text).rstrip(".") in titles):
            span = Span(doc, span.start + 1, span.end, label="PERSON")  # "Engr. Mark Anthony …": after its titles
        if span is None or len(span) < 4:
            continue
        words = [fold(t.text).rstrip(".") for t in span if t.is_alpha]
        if any(w in gazetteer.words("organization_words") for w in words):
            continue
        found.append(span)
    return found


def _family_name_in_capitals(doc: Doc, gazetteer: Gazetteer, ents: list[Span]) -> list[Span]:
    """ "Mr KOUAME Kouassi Didier", "Mrs KONAN Affoué Marcelline": after an honorific, a family name written in
    capitals and the given names after it are one PERSON, as French-language papers of West and Central Africa print
    names in official order; the model, trained on "First Last", drops the capitals or tags nothing. An acronym after
    an honorific is no name ("Mr NHS"), so capitals must be followed by capitalised given names."""
    honorifics = gazetteer.lexicon.entities.trimmed_honorifics
    found = []
    for token in doc[:-2]:
        if not token.is_title or fold(token.text).rstrip(".") not in honorifics:
            continue
        at = token.i + 1 if doc[token.i + 1].text != "." else token.i + 2
        first = at
        while at < len(doc) and at - first < 2 and family_name_in_capitals(doc[at], gazetteer):
            at += 1
        given = at
        while at < len(doc) and at - given < 3 and _given_name_word(doc[at], gazetteer):
            at += 1
        if first < given < at:
            found.append(Span(doc, first, at, label="PERSON"))
    return found


def _given_name_word(token: Token, gazetteer: Gazetteer) -> bool:
    return (
        token.is_title
        and token.text.replace("-", "").isalpha()
        and fold(token.text) not in gazetteer.words("organization_words") | gazetteer.words("title_words")
    )


def _person_cut_in_two(doc: Doc, gazetteer: Gazetteer, ents: list[Span]) -> list[Span]:
    """Two PERSON spans side by side, one space apart, that the parse joins into one name (the first's words are
    compounds of each other or of the second's words, the last of a word of the second): one PERSON. News English
    never writes two people's names together without a comma or a conjunction between them, so the tagger cut one
    name ("SSP Harpreet" + "Singh Brar", "Alhagie Lamin" + "Kebba Darboe"); so does a family name it took for a body
    or a place ("Orlando Mendes" + "Viegas", `_family_name_mistyped`), a known given name ("Esteban" + "Solís
    Mora") or an honorific's given name ("El Hadj Yacoub" + "Abdallah Nour", `_titled_given_name`)."""
    found = []
    for first, second in pairwise(ents):
        if first.end != second.start:
            continue
        mistyped_first = _given_name_mistyped(first, gazetteer) or _titled_given_name(first, gazetteer)
        if first.label_ != "PERSON" and not (second.label_ == "PERSON" and mistyped_first):
            continue
        if second.label_ != "PERSON" and not (first.label_ == "PERSON" and _family_name_mistyped(second, gazetteer)):
            continue
        if not first[-1].whitespace_ or "\n" in first[-1].whitespace_:
            continue
        # "Alhagie Lamin" + "Kebba Darboe": the first's words may hang on each other, the last on the second's
        joined = all(t.dep_ == "compound" and first.start <= t.head.i < second.end for t in first)
        if joined and first[-1].head.i >= second.start:
            found.append(Span(doc, first.start, second.end, label="PERSON"))
    return found


def _family_name_mistyped(span: Span, gazetteer: Gazetteer) -> bool:
    """One capitalised word the model called an organisation or a place right after a PERSON ("Orlando Mendes" +
    "Viegas" (ORG)): a family name it did not know, when no list knows the word as a body's, a place's or an entity's
    (`_person_cut_in_two` then asks the parse to join them)."""
    word = span[0]
    if len(span) != 1 or span.label_ not in {"ORG", "GPE"} or not (word.is_title and word.is_alpha):
        return False
    known = gazetteer.words("organization_words") | gazetteer.words("location_heads")
    return fold(word.text) not in known and gazetteer.lookup(word.text) is None


def _given_name_mistyped(span: Span, gazetteer: Gazetteer) -> bool:
    """A known first name the model called an organisation or a place right before a PERSON ("Esteban" (ORG) +
    "Solís Mora")."""
    return _family_name_mistyped(span, gazetteer) and gazetteer.is_given_name(span[0].text)


def _titled_given_name(span: Span, gazetteer: Gazetteer) -> bool:
    """An honorific, or a pair of them, and one capitalised word that the model called an organisation or a place
    right before a PERSON ("El Hadj Yacoub" (ORG) + "Abdallah Nour"): a titled given name it did not know."""
    if span.label_ not in {"ORG", "GPE"} or len(span) < 2 or not (span[-1].is_title and span[-1].is_alpha):
        return False
    if fold(span[-1].text) in gazetteer.lexicon.entities.generic_single_words or gazetteer.lookup(span[-1].text):
        return False  # "SSP East" + "Ahmed Nawaz Cheema": a district's officer, "East" no given name
    titles = [fold(t.text).rstrip(".") for t in span[:-1]]
    honorifics = gazetteer.lexicon.entities.trimmed_honorifics
    return " ".join(titles) in gazetteer.lexicon.entities.honorific_pairs or all(t in honorifics for t in titles)


def _given_name_joined_by_hyphen(doc: Doc, gazetteer: Gazetteer, ents: list[Span]) -> list[Span]:
    """A hyphenated given name and the family name after it, which the small model cuts at the hyphen: its first
    half tagged a PERSON of one word or an untagged known first name, its second half opening a PERSON ("Marie" +
    "-" + "Claire Augustin"), or untagged or tagged a place, before a PERSON or one or two untagged capitalised
    words ("Marie" + "-" + "France" (GPE) + "Joseph"; "Marie" + "-" + "Laure Dossou"): one PERSON. A name's parts
    are written without spaces around the hyphen. A first half no list knows counts when the parse hangs it on the
    family name ("Jukka" (GPE) + "-" + "Pekka Heinonen")."""
    people = {e.start: e for e in ents if e.label_ == "PERSON"}
    found = []
    for first in doc[:-3]:
        if not joined_by_hyphen(doc, first.i):
            continue
        piece = people.get(first.i)
        known = not first.ent_type_ and gazetteer.is_given_name(first.text)
        joined = _joined_to_family_name(first, gazetteer)
        if not (known or joined or (piece is not None and len(piece) == 1)):
            continue
        second = doc[first.i + 2]
        end = _family_name_end(doc, second.i, people, gazetteer)
        unknown_ok = first.head.i == end - 1 == second.i + 1 and second.ent_type_ in {"", "PERSON"} if end else False
        if end is None or not (known or piece is not None or unknown_ok):
            continue  # an unknown first half needs the family name right after the second ("Pro-Trump Mike Smith",
            # "Austria-Hungary Kaiser Franz Joseph" are no one's given name)
        found.append(Span(doc, first.i, end, label="PERSON"))
    return found


def _joined_to_family_name(first: Token, gazetteer: Gazetteer) -> bool:
    """A capitalised word, untagged or tagged a place or an organisation, that the parse makes part of a name after it
    ("Jukka" (GPE) + "-" + "Pekka Heinonen"): a given name no list knows, when the caller finds its head the family
    name."""
    return (
        first.is_title
        and first.is_alpha
        and first.dep_ == "compound"
        and first.ent_type_ in {"", "GPE", "NORP", "LOC", "ORG"}
        and fold(first.text) not in gazetteer.words("title_words")
    )


def _family_name_end(doc: Doc, second: int, people: dict[int, Span], gazetteer: Gazetteer) -> int | None:
    """Where the name ends whose given name's second half is token ``second``: the end of the PERSON it opens, or
    of the PERSON or untagged capitalised words (one or two) right after it, or of the one word of another entity
    the parse joins the given name to."""
    if second in people:
        return people[second].end
    if doc[second].ent_type_ not in {"", "GPE", "NORP", "LOC"} or not doc[second].whitespace_:
        return None
    if second + 1 in people:
        return people[second + 1].end
    after = doc[second + 1] if second + 1 < len(doc) else None
    one_word = second + 2 == len(doc) or doc[second + 2].ent_iob_ != "I"
    if after is not None and doc[second].head == after and after.ent_iob_ == "B" and after.is_title and one_word:
        return second + 2  # "Marie-Laure" + "Dossou" tagged an ORG, the parse's head of the given name
    end = second + 1
    places = gazetteer.words("location_heads")
    while end < len(doc) and end - second <= 2 and _untagged_name_word(doc[end], gazetteer):
        if fold(doc[end].text) in places:
            return None  # "Marie-Galante Island"
        end += 1
    return end if end > second + 1 else None


def _organisation_cut_at_possessive(doc: Doc, gazetteer: Gazetteer, ents: list[Span]) -> list[Span]:
    """Two ORG spans the model cut at a plural's possessive inside one name ("the Ibadan Deaf Children's" + "Parents
    Forum", "the Accra Fishermen'" + "Union"): one ORG. A plural of people owns nothing in a name; an organisation
    does ("Google's" + "DeepMind" stay two)."""
    plurals = gazetteer.lexicon.entities.possessive_plurals
    found = []
    for first, second in pairwise(ents):
        if first.label_ != "ORG" or second.label_ != "ORG" or second.start - first.end not in {0, 1}:
            continue
        mark = doc[second.start - 1]
        if mark.tag_ != "POS" or mark.i < first.start + 1:
            continue
        owner = doc[mark.i - 1].lower_
        if (mark.text in {"'s", "’s"} and owner in plurals) or (mark.text in {"'", "’"} and owner.endswith("s")):
            found.append(Span(doc, first.start, second.end, label="ORG"))
    return found


def _with_first_words(span: Span, gazetteer: Gazetteer) -> Span:
    """An ORG after untagged capitalised proper nouns the parse joins into its name (compounds of a word in it): the
    model often tags a company or body without its first word ("Drewcastle" of "Drewcastle Maritime")."""
    doc = span.doc
    start = span.start
    while start > 0 and span.start - start < 2:
        word = doc[start - 1]
        if word.dep_ != "compound" or not start <= word.head.i < span.end or not _untagged_name_word(word, gazetteer):
            break
        start -= 1
    return doc[start : span.end] if start < span.start else span


def _mended(mend: Widening) -> SpanSplit:
    return lambda span, gazetteer: (mend(span, gazetteer), [])


def _split_off(tail: Span | None, span: Span, entity_type: str) -> tuple[Span, list[Mention]]:
    """The span up to the word before ``tail``, and ``tail`` as a mention of its own (or the span untouched)."""
    if tail is None:
        return span, []
    found = Mention(tail.start_char, tail.end_char, entity_type, tail.text, "rule")
    return span.doc[span.start : tail.start - 1], [found]


def _clause_comma_split(span: Span, gazetteer: Gazetteer) -> tuple[Span, list[Mention]]:
    """An ORG the model ran across the comma closing an opening phrase ("In a statement to the Tribune, Najma Bay
    Developments said"): the parse hangs the words on each side of the comma from outside the span, each its own
    phrase ("Nakhone Luang City Bus Co., Ltd" hangs "Ltd" on "Co."), and the name after it is an organisation of its
    own."""

    def hung_outside(words: Span) -> bool:
        return any(not span.start <= t.head.i < span.end for t in words)

    for comma in span[1:-1]:
        before, after = span.doc[span.start : comma.i], span.doc[comma.i + 1 : span.end]
        if comma.text == "," and after[0].is_title and hung_outside(before) and hung_outside(after):
            return _split_off(after, span, "Organization")
    return span, []


def _host_split(span: Span, gazetteer: Gazetteer) -> tuple[Span, list[Mention]]:
    return _split_off(host_organisation(span, gazetteer), span, "Organization")


def _address_split(span: Span, gazetteer: Gazetteer) -> tuple[Span, list[Mention]]:
    return _split_off(address_after(span, gazetteer), span, "Location")


def _trailing_person_split(span: Span, gazetteer: Gazetteer) -> tuple[Span, list[Mention]]:
    """A personal name (known first name + one or two capitalised words) at the end of a longer ORG span."""
    for first in range(max(span.start + 2, span.end - 3), span.end - 1):
        if joined_by_hyphen(span.doc, first - 2):
            continue  # "Britt Holmqvist" of "Ulla-Britt Holmqvist": the whole is the name, not a piece of it
        tail = span.doc[first : span.end]
        if is_personal_name(tail, [fold(t.text) for t in tail], gazetteer):
            before = span.doc[tail.start - 1]
            given = before.is_title and gazetteer.is_given_name(before.text) and before.ent_type_ != "GPE"
            after_of = tail.start - 2 >= span.start and span.doc[tail.start - 2].lower_ == "of"
            if tail.start - 1 >= span.start and given and not after_of:
                tail = span.doc[
                    tail.start - 1 : span.end
                ]  # a double given name: "Juan" of "Juan Camilo Restrepo Arango"
            found = Mention(tail.start_char, tail.end_char, "Person", tail.text, "rule")
            return span.doc[span.start : tail.start], [found]
    return span, []


def _name_after_portfolio_split(span: Span, gazetteer: Gazetteer) -> tuple[Span, list[Mention]]:
    """An ORG of an office's portfolio that ends in the holder's name ("Deputy Minister of Higher Education, " +
    "Science and Innovation Nodira Yusupova", "Deputy Minister of " + "Energy, Industry and Mining Aibek Saparov"):
    the last two words are the person when the parse hangs the title on them, and the words before them the rest
    of the portfolio, no organisation's name ("Minister of Health, Labour and Social Care" names nobody)."""
    doc = span.doc
    tail = doc[span.end - 2 : span.end]
    title = _office_before_portfolio(doc, span.start, gazetteer)
    if len(span) < 3 or title is None or not tail[-1].is_ancestor(title):
        return span, []
    organisation_words = gazetteer.words("organization_words")
    if not all(t.is_alpha and t.is_title for t in tail) or any(fold(t.text) in organisation_words for t in tail):
        return span, []
    found = Mention(tail.start_char, tail.end_char, "Person", tail.text, "rule")
    rest = doc[span.start : tail.start]
    if any(fold(t.text) in organisation_words for t in rest):
        return rest, [found]  # "Secretary of the Dockworkers Union Ama Boateng": the union stays
    return doc[span.start : span.start], [found]


# How many words an office's portfolio runs to before the part the model tagged: "of Higher Education, "
_PORTFOLIO_REACH = 8


def _office_before_portfolio(doc: Doc, start: int, gazetteer: Gazetteer) -> Token | None:
    """The title word whose portfolio token ``start`` goes on: a title word, "of" or "for", and only capitalised
    words, "and" and commas up to it ("Minister of " or "Minister of Energy, " before "Mining and Industry …")."""
    for i in range(start - 1, max(start - 1 - _PORTFOLIO_REACH, 0), -1):
        word = doc[i]
        if word.lower_ in {"of", "for"}:
            title = doc[i - 1]  # a minister's or secretary's portfolio; "Head of Kaizer Chiefs X" is a club's
            return title if fold(title.text) in gazetteer.lexicon.entities.title_after_portfolio else None
        if not (word.is_title and word.is_alpha) and word.lower_ not in {"and", ","}:
            return None
    return None


DATE_RULES: tuple[Rule[DateStep], ...] = (
    Rule(
        "named_days",
        "a DATE of capitalised words ending in an `event_heads` word (day, week, …) is an Event; not after "
        "the/this/next/last",
        '"Waitangi Day", "Remembrance Day - November 11" → "Remembrance Day"; "Monday" is not',
        _named_day,
    ),
)
WHOLE_NAMES: tuple[Rule[WholeNames], ...] = (
    Rule(
        "nicknamed_names",
        "capitalised names with a nickname in quotation marks inside are one PERSON, in place of the pieces the "
        "model made of them, a middle initial, a particle, a second family name or a generation after the nickname "
        "included (the nickname is left out of the name and is the person's other name)",
        "'Sen. Rodolfo “Dodong” Macaraeg' tagged as three PERSONs; 'Mark Anthony “Macoy”' + 'Dumlao' tagged ORG; "
        "'Teresita \"Tess\" M. Ocampo', 'Rodolfo \"Boyet\" dela Cruz', 'Héctor \"El Chino\" Giménez Ruiz', "
        "'Reynaldo \"Jun\" Bautista Jr.'",
        _nicknamed_people,
    ),
    Rule(
        "name_particles_inside",
        "a name after lower-case name particles (bin, binti, van den, dos, …) takes them in with the capitalised "
        "names before them, whatever the model tagged those (and an honorific it tagged with them): a PERSON",
        '"Nurul Ain" (ORG) + "binti Abdul Razak"; "Pieter-Jan van" (DATE) + "den Heuvel"; "André Luís" + "dos '
        'Santos Ferreira"; "Dr Muna" (PERSON) + "bint Abdullah al Balushi"; "Rio de Janeiro" stays a place',
        _particle_names,
    ),
    Rule(
        "family_name_in_capitals",
        "after an honorific, one or two words in capitals (three letters or more, no organisation word) and up to "
        "three capitalised given names after them are one PERSON: a family name printed first in capitals",
        '"Mr KOUAME Kouassi Didier", "Mrs KONAN Affoué Marcelline", "Mr OUEDRAOGO Issouf" (tagged nothing); "Mr NHS" '
        "and a lone capital word after an honorific stay apart",
        _family_name_in_capitals,
    ),
    Rule(
        "person_cut_in_two",
        "two PERSONs side by side, one space apart, whose parse makes one name (the first's words compounds of "
        "each other or of the second's, the last of the second's) are one PERSON; so are a PERSON and one "
        "capitalised word tagged ORG or GPE after it that no list knows, or a known first name so tagged before it, "
        "or an honorific and one capitalised word so tagged before it",
        '"SSP Harpreet" + "Singh Brar"; "Alhagie Lamin" + "Kebba Darboe"; "Orlando Mendes" + "Viegas" (ORG); '
        '"Esteban" (ORG) + "Solís Mora"; "El Hadj Yacoub" (ORG) + "Abdallah Nour"',
        _person_cut_in_two,
    ),
    Rule(
        "given_name_joined_by_hyphen",
        "a one-word PERSON or an untagged known first name, a hyphen and a capitalised word opening a PERSON, or "
        "before a PERSON or one or two untagged capitalised words, are one PERSON: a hyphenated given name",
        '"Mayor Marie" (PERSON) + "-" + "Claire Augustin" (PERSON); "Marie" + "-" + "France" (GPE) + "Joseph"; '
        '"Marie" + "-" + "Laure Dossou" (untagged); "Pro-Trump" stays apart',
        _given_name_joined_by_hyphen,
    ),
    Rule(
        "organisation_cut_at_possessive",
        "two ORGs the model cut at a plural's possessive (`possessive_plurals` + 's, or a plural's bare apostrophe) "
        "are one ORG; an organisation's possessive stays between two",
        '"the Ibadan Deaf Children\'s" + "Parents Forum"; "Google\'s" + "DeepMind" stay two',
        _organisation_cut_at_possessive,
    ),
)
PERSON_SPANS: tuple[Rule[Widening], ...] = (
    Rule(
        "initials_before",
        "a PERSON takes in the initials right before it (one to five capital letters, each with a dot) or an "
        "`abbreviated_given_names` word, untagged or tagged as an entity of their own; not a name the gazetteer knows",
        '"W.M.D. Perera" with "Perera" alone tagged PERSON, "W.A. Sampath Perera" with "W.A." tagged GPE, "Ma. Luisa '
        'Sorongon"; "U.S." stays',
        _with_initials,
    ),
    Rule(
        "given_name_before",
        "a one-word PERSON takes in the untagged capitalised proper noun before it (no title, organisation word "
        "or honorific; a known first name whatever the parser called it), a longer one (up to four names, its "
        "particles not counted) only when that noun is a known first name, a title or honorific comes before it, or "
        "it opens its sentence or a phrase after a comma, bracket or quote as a compound of the name (no job, rank "
        "or form of address, nor the text's first word); so does an untagged mention of the same word elsewhere, "
        "which becomes the person's too",
        '"Solomon" tagged PERSON in "Enver Solomon"; "Kumar Mohapatra" in "spokesperson Ashok Kumar Mohapatra"; '
        '"Ana" of "Ana Lucia Ferreira da Costa"; "Abdiqani" of "Abdiqani Farah Jama, a herder,"; "Meteorologist '
        'Priya Raman" keeps her name; "Brody Lindqvist scored" untagged, "Lindqvist" tagged later',
        _with_given_name,
    ),
    Rule(
        "family_name_after",
        "a one-word PERSON that is a known first name, or that the parse joins to the next word, takes in the "
        "untagged capitalised family name after it (not a plural), and a second family name the parse joins to "
        "that one",
        '"Edith" tagged PERSON in "Edith Dumont"; "Esteban" tagged in "Esteban Villacís Moncayo"; "Warhol Polaroids" '
        "stays apart",
        _with_family_name,
    ),
    Rule(
        "hyphenated_family_name",
        "a PERSON cut inside a double-barrelled family name, or ending just before one (untagged or tagged a PERSON "
        "of its own, no title or organisation word), takes the rest of the name in",
        '"Mary Kiely" + "-Nash"; "Limerick TD Maura" + "Kiely-Nash"; "MK Orit" + "Ben-Haim" (both PERSON)',
        _with_hyphenated_family_name,
    ),
    Rule(
        "patronymic_marker_after",
        "a PERSON of two or more words takes in the `patronymic_markers` word right after it",
        '"Mammadov Elchin Rasim" + "oglu", "Rahimova Sakina Alakbar" + "qizi", "Nurbek Asanbek" + "uulu"',
        _with_patronymic_marker,
    ),
)
ORGANISATION_SPANS: tuple[Rule[SpanSplit], ...] = (
    Rule(
        "first_words_before",
        "an ORG takes in up to two untagged capitalised proper nouns right before it that the parse joins into it as "
        "compounds (no title, organisation word or honorific)",
        '"Marmara" + "Vapur Hatları", "Drewcastle" + "Maritime", "Andaman" + "Blue Sea Tour Co"',
        _mended(lambda span, gazetteer: _with_first_words(span, gazetteer)),
    ),
    Rule(
        "joined_at_and",
        'an ORG the model cut at "and" takes its other half in, when the half before holds an untagged word, ends '
        "in a plural or modifies the other half's head (two or more words), or names a portfolio the other half goes "
        'on with; a one-word place before "and" opens a `two_place_heads` body',
        '"Ontario Landlord" + "and Tenant Board", "Department of Fisheries and" + "Oceans", "Caribbean Savings" + "and '
        'Loans Society", "Redcar and Cleveland Council"; "Microsoft and Google Cloud", "Google and Harvard University" '
        "stay two",
        _mended(with_and_parts),
    ),
    Rule(
        "whole_office_title",
        "an ORG named after an office and cut inside its title takes the rest of the title in",
        '"Ministry of the Attorney" + "General", "Office of the Auditor" + "General"',
        _mended(with_whole_title),
    ),
    Rule(
        "name_complement",
        'an ORG ending in an `organization_words` word takes in "of/for/on [the]" + capitalised words (also an ORG '
        "of their own), stopping at another name, a date or a title word; a bare place stays apart unless the body "
        "is a `place_complement_heads` one",
        '"Joint Council" + "for the Welfare of Immigrants", "Bank of Canada"; "University of Sheffield of the UK" '
        "keeps the place apart",
        _mended(with_name_complement),
    ),
    Rule(
        "comma_closing_a_phrase",
        "an ORG split at a comma when the parse hangs the words on each side of it from outside the span (the comma "
        "closing an opening phrase): two organisations",
        '"the Tribune, Najma Bay Developments" in "In a statement to the Tribune, Najma Bay Developments said"; '
        '"Nakhone Luang City Bus Co., Ltd" stays one',
        _clause_comma_split,
    ),
    Rule(
        "host_organisation",
        'an ORG split at "at" when both sides hold `organization_words`: two organisations',
        '"Block Museum of Art at Northwestern University"',
        _host_split,
    ),
    Rule(
        "street_address",
        'an ORG split at "on"/"at" before a capitalised name ending in a `location_heads` word: the organisation '
        "and its street",
        '"the Manhattan Criminal Court on Centre Street"',
        _address_split,
    ),
    Rule(
        "name_after_portfolio",
        "an ORG of a minister's or secretary's portfolio (after the title, of/for and capitalised words) ending in "
        "two capitalised words, no organisation word, on which the parse hangs the title: the rest of the portfolio, "
        "no entity unless it holds an organisation word, and the holder's name, a Person",
        '"Deputy Minister of Higher Education, " + "Science and Innovation Nodira Yusupova" → "Nodira Yusupova"; '
        '"Minister of Health, Labour and Social Care" stays',
        _name_after_portfolio_split,
    ),
    Rule(
        "trailing_person",
        "a known first name and one or two capitalised words ending a longer ORG are a Person of their own, with a "
        "known first name right before them (a double given name)",
        '"the Council on American-Islamic Relations Alia Salem"; "Colombian Juan Camilo Restrepo Arango"',
        _trailing_person_split,
    ),
)


def ner_mentions(doc: Doc, gazetteer: Gazetteer, disabled: frozenset[str] = frozenset()) -> list[Mention]:
    """The model's entities as mentions, mended and retyped by the rules not in ``disabled``."""
    named_days = switched_on(DATE_RULES, disabled)
    widenings = switched_on(PERSON_SPANS, disabled)
    splits = switched_on(ORGANISATION_SPANS, disabled)
    retyping = switched_on(RETYPING, disabled)
    mentions: list[Mention] = []
    for ent in _entities_with_whole_names(doc, gazetteer, switched_on(WHOLE_NAMES, disabled)):
        if ent.label_ == "DATE":
            mentions.extend(m for m in (step(ent, gazetteer) for step in named_days) if m is not None)
            continue
        ner_type = NER_TYPES.get(ent.label_)
        if ner_type is None:
            continue
        whole = ent
        for widen in widenings if ner_type == "Person" else ():
            whole = widen(whole, gazetteer)
        span = trim(whole, gazetteer)
        if span is None or not any(ch.isalpha() for ch in span.text):
            continue
        for split in splits if ner_type == "Organization" else ():
            span, found = split(span, gazetteer)
            mentions.extend(found)
        if not len(span):
            continue  # all of it was something else: a portfolio's words and the holder's name
        typed = retype(span, ner_type, gazetteer, retyping)
        if typed is not None:
            mentions.append(typed.mention())
    if _with_given_name in widenings:
        mentions += _untagged_full_names(doc, mentions, gazetteer)
    return mentions


def _entities_with_whole_names(doc: Doc, gazetteer: Gazetteer, whole_names: tuple[WholeNames, ...]) -> list[Span]:
    """The model's entities, with the names it cut apart put together again (``WHOLE_NAMES``) in place of their
    pieces (an ORG "Nurul Ain" inside "Nurul Ain binti Abdul Razak", a PERSON "Dodong" inside 'Rodolfo "Dodong"
    Macaraeg'); never one that would cut through a PERSON reaching out of it."""
    ents = list(doc.ents)
    for find in whole_names:
        found = [w for w in find(doc, gazetteer, ents) if not any(_cut_by(w, e, gazetteer) for e in ents)]
        ents = [e for e in ents if not any(w.start <= e.start and e.end <= w.end for w in found)]
        ents = sorted({(w.start, w.end): w for w in [*ents, *found]}.values(), key=lambda e: e.start)
    return ents


def _cut_by(whole: Span, ent: Span, gazetteer: Gazetteer) -> bool:
    overlaps = ent.start < whole.end and whole.start < ent.end
    if not (ent.label_ == "PERSON" and overlaps and (ent.start < whole.start or whole.end < ent.end)):
        return False
    # "Atty. Reynaldo" tagged PERSON before 'Reynaldo "Rene" Santiago': only a title reaches out of the name
    titles = gazetteer.words("title_words") | gazetteer.lexicon.entities.trimmed_honorifics | gazetteer.job_words
    outside = [t for t in whole.doc[ent.start : whole.start] if not t.is_punct]
    return ent.end > whole.end or not outside or any(fold(t.text).rstrip(".") not in titles for t in outside)


def _untagged_full_names(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Full names the model left untagged where it tagged the surname alone elsewhere: news names a person in full
    once, often where the model misses it (after a dateline, at a sentence start), and by surname after."""
    surnames = {m.text for m in mentions if m.type == "Person" and " " not in m.text}
    found: list[Mention] = []
    for token in doc:
        if token.text not in surnames or token.ent_type_:
            continue
        whole = _with_given_name(doc[token.i : token.i + 1], gazetteer)
        if len(whole) == 2:
            found.append(Mention(whole.start_char, whole.end_char, "Person", whole.text, "rule"))
    return found
