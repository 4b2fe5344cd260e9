"""Officials' roles: person → title → organisation, from titles before a name and appositions after it.

"then-Interior Minister Nebojša Stefanović" → title "Interior Minister", qualifier "then";
"Andrej Petrovski, technical director of the SHARE Foundation" → title "technical director", org SHARE
Foundation; "Kosovo Prime Minister Avdullah Hoti" → title "Prime Minister", org Kosovo. The rules use
token shapes and the gazetteer's title and qualifier words, not particular names. Offsets are doc offsets.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

from nlp.entities.mentions import QUOTE_CHARS, Mention
from nlp.entities.role_orgs import ORG_TYPES, leading_org, mention_at, org_after_name, possessive_org
from nlp.keys import fold
from nlp.lexicon.gazetteer import Gazetteer

FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
APPOSITION_STOP = {",", ";", ".", ")", "(", "!", "?", "—", "–", ":"}
MAX_TITLE_WORDS = 12
NAME_TYPES_PROMOTED = {"Organization", "Unknown"}


class RoleMention(NamedTuple):
    person: tuple[int, int]  # the person mention's span
    title: str
    org: tuple[int, int] | None  # the organisation mention's span
    qualifier: str | None
    start: int  # the whole role phrase, person included
    end: int


def _is_title_word(token: Token, gazetteer: Gazetteer) -> bool:
    return fold(token.text).rstrip(".") in gazetteer.words("title_words")


def _qualifier(token: Token, gazetteer: Gazetteer) -> str | None:
    word = fold(token.text).rstrip("-")
    return word if word in gazetteer.words("role_qualifiers") else None


def _may_be_in_title(token: Token, gazetteer: Gazetteer, name_start: int) -> bool:
    """Capitalised words, title words and possessives, or a lowercase modifier ("technical") of a title word."""
    if _is_title_word(token, gazetteer) or token.text[:1].isupper() or token.tag_ == "POS":
        return True
    return token.pos_ in {"NOUN", "ADJ"} and token.i + 1 < name_start


def _is_place_word(token: Token, mentions: list[Mention]) -> bool:
    """A place or nationality before a title ("Serbian President", "U.S. Senator"): not part of the title."""
    mention = mention_at(mentions, token)
    if mention is not None and mention.type == "Location":
        return True
    return token.ent_type_ in {"NORP", "GPE", "LOC"}


def _titled_before(doc: Doc, name_start: int, mentions: list[Mention], gazetteer: Gazetteer) -> bool:
    """A title word right before the name, or before "of the <organisation>" right before it."""
    index = name_start - 1
    if _is_title_word(doc[index], gazetteer):
        return True
    org = mention_at(mentions, doc[index])
    if org is None or org.type not in ORG_TYPES | {"Location"}:  # "CEO of Acme", "Governor of Washington"
        return False
    while index >= 0 and org.start <= doc[index].idx:
        index -= 1
    while index >= 0 and doc[index].lower_ in gazetteer.lexicon.entities.role_org_prepositions | {"the"}:
        index -= 1
    return index >= 0 and index < name_start - 2 and _is_title_word(doc[index], gazetteer)


def _abbreviation_dot(doc: Doc, index: int, gazetteer: Gazetteer) -> bool:
    """The period of an abbreviated title ("Sgt." in "Sgt. Ann Lee"), which the model splits off as a token."""
    return (
        0 < index < len(doc)
        and doc[index].text == "."
        and not doc[index - 1].whitespace_
        and _is_title_word(doc[index - 1], gazetteer)
    )


def _title_end(doc: Doc, name_start: int, mentions: list[Mention], gazetteer: Gazetteer) -> int:
    """Where the words before a name end: past an abbreviation's period and an apposition's comma ("the
    company's chief executive, Mary Jones," and "Sgt. Ann Lee")."""
    index = name_start
    if index > 1 and doc[index - 1].text == "," and _titled_before(doc, index - 1, mentions, gazetteer):
        index -= 1  # "the company's chief executive, Mary Jones", "Co-founder of Google, Sergey Brin"
    if _abbreviation_dot(doc, index - 1, gazetteer):
        index -= 1
    return index


def _sentence_start(doc: Doc, index: int, gazetteer: Gazetteer) -> int:
    """The sentence start, not counting a sentence break the model put after an abbreviated title."""
    start = doc[index].sent.start
    while start > 1 and _abbreviation_dot(doc, start - 1, gazetteer):
        start = doc[start - 2].sent.start
    return start


def _pre_title(doc: Doc, person: Mention, mentions: list[Mention], gazetteer: Gazetteer) -> RoleMention | None:
    """A title written before the name: "then-Interior Minister Nebojša Stefanović"."""
    first = doc.char_span(person.start, person.end, alignment_mode="expand")
    if first is None or first.start == 0:
        return None
    name_start = _title_end(doc, first.start, mentions, gazetteer)
    if name_start == 0 or not _titled_before(doc, name_start, mentions, gazetteer):
        return None
    index, qualifier, org, place = name_start - 1, None, None, False
    sentence_start = _sentence_start(doc, first.start, gazetteer)
    while index >= sentence_start:
        token = doc[index]
        mention = mention_at(mentions, token)
        joined_hyphen = token.text == "-" and not token.whitespace_ and index > 0 and not doc[index - 1].whitespace_
        if _abbreviation_dot(doc, index, gazetteer) or (joined_hyphen and not _qualifier(doc[index - 1], gazetteer)):
            index -= 1  # "Sgt." and "Co-founder" are one title word
            continue
        if token.text == "-" and index > sentence_start and _qualifier(doc[index - 1], gazetteer):
            qualifier, index = _qualifier(doc[index - 1], gazetteer), index - 2
            break
        if _qualifier(token, gazetteer):
            qualifier, index = _qualifier(token, gazetteer), index - 1
            break
        hyphenated = not token.whitespace_ and index + 1 < len(doc) and doc[index + 1].text == "-"
        sentence_initial = (
            token.is_sent_start
            and token.tag_ not in {"NNP", "NNPS"}
            and mention is None
            and index == sentence_start
            and not hyphenated
        )
        if "\n" in token.text or (sentence_initial and not _is_title_word(token, gazetteer)):
            break  # a caption line or a sentence-initial word ("When …") is not part of the title
        if mention is not None and mention.type in ORG_TYPES and mention != person:
            org = mention
        elif mention is not None and mention.type == "Location":
            place = True  # "Governor of Washington": the place is not in the title
        elif org is not None and token.lower_ in gazetteer.lexicon.entities.role_org_prepositions | {"the"}:
            pass  # "CEO of the Refugee Council Jane Roe": the title goes on before the organisation
        elif (
            place
            and token.lower_ in {"of", "the"}
            and _is_title_word(doc[index - 1 - (token.lower_ == "the")], gazetteer)
        ):
            pass  # "Governor of Washington Chris Gregoire"; "agreement with US President Trump" stops at "with"
        elif not _may_be_in_title(token, gazetteer, first.start):
            break
        index -= 1
    title_start = index + 1
    words = [
        t
        for t in doc[title_start:name_start]
        if not (org and org.start <= t.idx < org.end)
        and not (_is_place_word(t, mentions) and not _is_title_word(t, gazetteer))  # "Det." the model tagged GPE
        and t.tag_ != "POS"
        and t.text != "-"
        and not _qualifier(t, gazetteer)
    ]
    trimmed = gazetteer.lexicon.entities.role_org_prepositions | gazetteer.lexicon.entities.role_determiners
    while words and words[-1].lower_ in trimmed:
        words.pop()
    while words and words[0].lower_ in trimmed:
        words.pop(0)
    if not words or len(words) > MAX_TITLE_WORDS:
        return None
    title_end = words[-1].i + 1 + _abbreviation_dot(doc, words[-1].i + 1, gazetteer)
    title = doc[words[0].i : title_end].text.strip()
    org = org or org_after_name(doc, person, mentions)
    return RoleMention(
        (person.start, person.end),
        title,
        (org.start, org.end) if org else None,
        qualifier,
        doc[title_start].idx,
        person.end,
    )


def _possessor(token: Token) -> bool:
    """A possessive marker, or a common noun owning the title ("the city's mayor")."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.tag_ == "POS" or (token.is_lower and following is not None and following.tag_ == "POS")


def _ends_apposition(token: Token) -> bool:
    """Punctuation, a quotation mark, a line break or a finite verb ("… team member Noori told") ends it."""
    return (
        token.text in APPOSITION_STOP
        or token.is_sent_start
        or "\n" in token.text
        or all(ch in QUOTE_CHARS for ch in token.text)
        or token.tag_ in FINITE_VERB_TAGS
    )


def _apposition_parts(doc: Doc, begin: int) -> list[tuple[int, int]]:
    """Token ranges of an apposition starting at ``begin``, split at "and" when a new title follows."""
    end = begin
    while end < len(doc) and not _ends_apposition(doc[end]):
        end += 1
    parts, part_start = [], begin
    for i in range(begin, end):
        if doc[i].lower_ == "and" and i > part_start:
            parts.append((part_start, i))
            part_start = i + 1
    parts.append((part_start, end))
    return parts


def _apposition(doc: Doc, person: Mention, mentions: list[Mention], gazetteer: Gazetteer) -> list[RoleMention]:
    """Titles written after the name: "Andrej Petrovski, technical director of the SHARE Foundation"."""
    span = doc.char_span(person.start, person.end, alignment_mode="expand")
    if span is None:
        return []
    index = span.end
    if index < len(doc) and doc[index].text == "(":  # "Dalija Peterson (Dahlia), a research analyst"
        while index < len(doc) and doc[index].text != ")":
            index += 1
        index += 1
    if index >= len(doc) or doc[index].text != ",":
        return []
    if index + 2 < len(doc) and doc[index + 1].like_num and doc[index + 2].text == ",":
        index += 2  # "Jane Doe, 45, a nurse at …": the age comes before the title
    titled: list[tuple[int, int, int]] = []  # token range of each title part and its title word
    for part_start, part_end in _apposition_parts(doc, _after_relative_copula(doc, index + 1)):
        if any(m.type == "Person" for t in doc[part_start:part_end] if (m := mention_at(mentions, t))):
            break  # another person's name: a list of people, not a title
        words = [t for t in doc[part_start:part_end] if t.lower_ not in {"a", "an", "the"}]
        title_word = next((t.i for t in words[:6] if _is_title_word(t, gazetteer)), None)
        if title_word is not None:
            titled.append((part_start, part_end, title_word))
        elif titled:  # "Commissioner for Information … and Protection of Personal Data" is one title
            titled[-1] = (titled[-1][0], part_end, titled[-1][2])
        else:
            return []
    roles = [
        _role_from_part(doc, start, end, title_word, person, mentions, gazetteer) for start, end, title_word in titled
    ]
    return _share_organisation([r for r in roles if r is not None])


def _after_relative_copula(doc: Doc, index: int) -> int:
    """Past "who is", "who was", "who is now" opening an apposition: "Mary Jones, who is the CEO of Acme"."""
    words = [t.lower_ for t in doc[index : index + 3]]
    if len(words) >= 2 and words[0] == "who" and words[1] in {"is", "was", "'s"}:
        return index + 2 + (len(words) == 3 and words[2] in {"now", "also", "currently"})
    return index


def _share_organisation(roles: list[RoleMention]) -> list[RoleMention]:
    """Titles joined by "and" share the organisation named once after the last: "CFO and treasurer at Acme"."""
    shared = None
    for i in range(len(roles) - 1, -1, -1):
        if roles[i].org is not None:
            shared = roles[i].org
        elif shared is not None:
            roles[i] = roles[i]._replace(org=shared)
    return roles


def _role_from_part(
    doc: Doc, start: int, end: int, title_word: int, person: Mention, mentions: list[Mention], gazetteer: Gazetteer
) -> RoleMention | None:
    while start < end and (doc[start].lower_ in {"a", "an", "the"} or doc[start].text == "-"):
        start += 1
    qualifier = _qualifier(doc[start], gazetteer) if start < end else None
    if qualifier:
        start += 1
        while start < end and doc[start].text == "-":
            start += 1
    while start < title_word and (_is_place_word(doc[start], mentions) or _possessor(doc[start])):
        start += 1  # "an Ottawa New Democrat MP", "Ontario's", "the city's": the place is not part of the title
    org, cut = None, end
    for token in doc[title_word + 1 : end]:
        mention = mention_at(mentions, token)
        if mention is not None and mention.type in ORG_TYPES:
            org = mention
            cut = token.i
            for back in range(token.i - 1, max(title_word, token.i - 8), -1):
                if doc[back].lower_ in gazetteer.lexicon.entities.role_org_prepositions:
                    cut = back
                    break
            break
    cut = min(cut, _descriptive_tail(doc, title_word, cut, gazetteer))
    if org is None:  # "the SHARE Foundation's technical director", "the State Department spokesperson"
        org = possessive_org(doc, start, title_word, mentions) or leading_org(doc, start, title_word, mentions)
        if org is not None:
            start = next(t.i for t in doc[start : title_word + 1] if t.idx >= org.end and t.tag_ != "POS")
    if cut <= start or cut - start > MAX_TITLE_WORDS:
        return None
    title = doc[start:cut].text.strip()
    role_end = max(doc[cut - 1].idx + len(doc[cut - 1]), org.end if org else 0)
    return RoleMention(
        (person.start, person.end), title, (org.start, org.end) if org else None, qualifier, person.start, role_end
    )


def _descriptive_tail(doc: Doc, title_word: int, end: int, gazetteer: Gazetteer) -> int:
    """Where a description starts after the title: "director of the gallery", "curator of \"Andy …\"".

    A title goes on through a bare or capitalised complement ("professor of art history", "Commissioner for
    Information") and stops at a preposition followed by a determiner or a quotation mark.
    """
    words = gazetteer.lexicon.entities
    for token in doc[title_word + 1 : end]:
        if token.lower_ in words.role_org_prepositions and token.i + 1 < len(doc):
            following = doc[token.i + 1]
            if following.lower_ in words.role_determiners or all(ch in QUOTE_CHARS for ch in following.text):
                return token.i
    return end


def find_roles(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[RoleMention]:
    """Every role written next to a person-like mention in the doc."""
    roles: list[RoleMention] = []
    for mention in mentions:
        promotable = mention.type in NAME_TYPES_PROMOTED and mention.source == "ner"
        if mention.type != "Person" and not promotable:
            continue
        found = [r for r in (_pre_title(doc, mention, mentions, gazetteer),) if r] + _apposition(
            doc, mention, mentions, gazetteer
        )
        roles.extend(r for r in found if _is_position(r, gazetteer))
    return roles


def _is_position(role: RoleMention, gazetteer: Gazetteer) -> bool:
    """An office or a post, not an honorific ("Dr.", "Professor"), a membership or a bare occupation ("author")."""
    words = [w.rstrip(".") for w in fold(role.title).split()]
    if not words or words == [w for w in words if w in gazetteer.words("honorific_titles")]:
        return False
    if words[-1] == "member" or (words[0] == "member" and not set(words) & gazetteer.lexicon.entities.chamber_words):
        return False  # "team member", "a member of Scientology all his life"; a member of Parliament holds a seat
    return role.org is not None or words[-1] not in gazetteer.words("occupation_words")


def _looks_like_personal_name(mention: Mention) -> bool:
    words = mention.text.split()
    return 1 <= len(words) <= 4 and not mention.text.isupper() and all(w[:1].isupper() for w in words)


def promote_people(
    mentions: list[Mention], roles: list[RoleMention], gazetteer: Gazetteer
) -> tuple[list[Mention], list[RoleMention]]:
    """A name the model tagged ORG (or left untyped) that holds a personal title is a person.

    Returns the corrected mentions and the roles whose holder is a person.
    """
    holders = {r.person for r in roles if fold(r.title.split()[-1]) not in gazetteer.lexicon.entities.shared_titles}
    corrected = [
        m._replace(type="Person")
        if (m.start, m.end) in holders and m.type in NAME_TYPES_PROMOTED and _looks_like_personal_name(m)
        else m
        for m in mentions
    ]
    people = {(m.start, m.end) for m in corrected if m.type == "Person"}
    return corrected, [r for r in roles if r.person in people]
