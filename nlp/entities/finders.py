"""Entity mentions in one spaCy Doc: the model's NER corrected by rules and the gazetteer.

The small English model makes typical mistakes on news text: a surname tagged ORG, a square tagged PERSON,
a project tagged GPE, names in scare quotes cut in half. Rules here work on the syntax and on word lists
from the editable gazetteer, never on particular article words, so they carry over to unseen news.
Offsets in a ``Mention`` are character offsets into ``doc.text``.
"""

from __future__ import annotations

import re
import string

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from nlp.entities.anaphors import anaphor_mentions, joined_descriptions
from nlp.entities.events import prefixed_event_mentions
from nlp.entities.laws import court_case_mentions, described_law_mentions, law_mentions, numbered_bill_mentions
from nlp.entities.mentions import Mention, is_punct
from nlp.entities.organizations import (
    address_after,
    apposition_organisations,
    department_mentions,
    host_organisation,
    preposition_names,
    team_names,
    titled_place_names,
    untagged_names,
    with_and_parts,
    with_name_complement,
    with_whole_title,
    workplace_organisations,
)
from nlp.keys import fold
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
SOURCE_PRIORITY = {"gazetteer": 3, "rule": 2, "anaphor": 2, "ner": 1}
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam"}
LOWERCASE_TAIL_CUT = {"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP"}
# One common word is not a name: "the Administration", "the State", "North".
GENERIC_SINGLE_WORDS = {
    "administration",
    "state",
    "church",
    "government",
    "north",
    "south",
    "east",
    "west",
    "congress",
    "parliament",
    "police",
    "army",
    "court",
}
CAPTION_LABELS = {"image", "photo", "photograph", "picture", "credit", "file", "video", "source"}
TITLE_AFTER_PORTFOLIO = {"minister", "ministry", "secretary", "department"}
_QUOTED_NAME = re.compile(r"[\"“„«‘]([^\"“”„«»‘’\n.!?;:]{2,60})[\"”“»’]")
TRAILING_LINKS = {"of", "and", "for", "the", "on", "&"}
NAME_LINKS = {"of", "for", "on"}
# "TORONTO —", "ST. JOHN'S, N.L. —", "WASHINGTON (AP) —": a dateline's city in capitals at the start of a line.
_DATELINE = re.compile(
    r"(?m)^([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:, [A-Z][A-Za-z.]+)?(?: \([A-Za-z ]+\))? [—–-] "
)
# A US lawmaker's party and state after the name: "D-Mass.", "R-Calif.", "I-Vt.".
_PARTY_STATE = re.compile(r"^[DRI]\s?-\s?[A-Z][A-Za-z.]*\.?$")
_SCORE = re.compile(r"\s\d{1,3}[-–]\d{1,3}$")  # "beat the Boston Bruins 4-2": a game's score, not in the name


def _trim(span: Span) -> Span | None:
    """Cut an entity span to the name: no article, quotes, brackets, honorific, caption words or possessive."""
    start, end = span.start, span.end
    doc = span.doc
    for i in range(start, end):
        if doc[i].text == "(" or "\n" in doc[i].text:
            end = i  # "Dalija Peterson (Dahlia": the bracket starts an alternative name; a name never spans lines
            break
        if span.label_ == "EVENT" and doc[i].text in {"-", "–", "—"} and doc[i].whitespace_ and i > start:
            end = i  # "Remembrance Day - November 11 -": the date after a spaced dash is not in the name
            break
    while start < end and (is_punct(doc[start]) or doc[start].is_space or _drops_article(doc[start])):
        start += 1
    if start < end and fold(doc[start].text).rstrip(".") in HONORIFICS and end - start > 1:
        start += 1
        while start < end and doc[start].text == ".":
            start += 1
    while end > start and (
        is_punct(doc[end - 1])
        or doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in TRAILING_LINKS
    ):
        end -= 1  # "Food Standards of": the model stopped inside the name; a dangling "of" is not part of it
    while end > start + 1 and span.label_ in LOWERCASE_TAIL_CUT and _caption_word(doc[end - 1]):
        end -= 1  # "Ahmed Mohamed image": a caption word, not part of the name
    score = _SCORE.search(doc[start:end].text) if span.label_ in LOWERCASE_TAIL_CUT else None
    if score is not None:
        cut = doc[start].idx + score.start() + 1
        while end > start + 1 and doc[end - 1].idx >= cut:
            end -= 1
    if end > start + 1 and end < len(doc) and doc[end].text == ":" and fold(doc[end - 1].text) in CAPTION_LABELS:
        end -= 1  # "Washington D.C. Image: Reuters": the credit label of a caption
    return doc[start:end] if end > start else None


def _caption_word(token: Token) -> bool:
    """A lowercase word after a space; "un" in "Kim Jong-un" is part of the name."""
    before = token.doc[token.i - 1]
    return token.is_lower and token.is_alpha and bool(before.whitespace_) and before.text != "-"


def _drops_article(token: Token) -> bool:
    """A leading article goes, except a capitalised "The" inside a sentence, which belongs to the name."""
    if token.lower_ not in {"the", "a", "an"}:
        return False
    return not (token.text == "The" and not token.is_sent_start)


def _next_word(doc: Doc, index: int) -> Token | None:
    while index < len(doc) and is_punct(doc[index]) and doc[index].text not in ",.;:":
        index += 1
    return doc[index] if index < len(doc) else None


def _retype(span: Span, ner_type: str, gazetteer: Gazetteer) -> tuple[str, Span, str] | None:
    """The corrected (type, span, source) of an NER entity, or None when it is not an entity."""
    words = [fold(t.text) for t in span]
    text_key = fold(span.text)
    if text_key in gazetteer.ignored or (len(span) == 1 and text_key in GENERIC_SINGLE_WORDS):
        return None
    lone_title = len(span) == 1 and text_key.rstrip(".") in gazetteer.words("title_words")
    if lone_title and (_abbreviated(span[0]) or ner_type in {"Location", "Organization"}):
        return None  # "Det." in "Det. Sgt. Mary Brown" tagged PERSON, "the Sheriff" tagged GPE: a title
    doc = span.doc
    party_before = span.start > 1 and doc[span.start - 1].text == "-" and doc[span.start - 2].text in {"D", "R", "I"}
    if _PARTY_STATE.match(span.text) or party_before:
        return None  # "Sen. Jane Roe, D-Mass.": a lawmaker's party and state, not a place of its own
    if ner_type == "Person" and len(span) == 1 and span[0].tag_ == "NNPS":
        return None  # "Afghans": a people, not a person
    known = gazetteer.lookup(span.text)
    if known is not None:
        return known.type, span, "gazetteer"
    titles = [i for i, w in enumerate(words[:-1]) if w.rstrip(".") in gazetteer.words("title_words")]
    if ner_type == "Person" and titles:  # "NASA Administrator Charles Bolden": the name starts after the title
        span, words = span[titles[-1] + 1 :], words[titles[-1] + 1 :]
    while ner_type == "Organization" and len(span) > 1 and _ends_in_title(span, words, gazetteer):
        span, words = span[:-1], words[:-1]  # "State Department spokesperson": the title is not in the name
    following = _next_word(span.doc, span.end)
    before_title = following is not None and following.lower_ in TITLE_AFTER_PORTFOLIO
    if len(span) == 1 and words[0] in gazetteer.words("portfolio_words") and before_title:
        return None  # "Interior" in "Interior Minister"
    organisational = any(w in gazetteer.words("organization_words") for w in words)
    if ner_type == "Organization" and before_title and not organisational:
        return None  # "Foreign Affairs minister", "Shadow Home Secretary": a portfolio, not an organisation
    honorific = len(span) == 1 and words[0].rstrip(".") in gazetteer.words("honorific_titles")
    if span.text.startswith("@") or honorific:
        return None  # "@POTUS", a social media handle; "Emeritus" alone
    law_head = words[-1] in gazetteer.words("law_heads") or words[-1] in gazetteer.words("law_name_heads")
    capitalised_law = len(span) > 1 and law_head and span[-1].text[:1].isupper()
    if capitalised_law and ner_type != "Person":
        return "Law", span, "rule"  # "the Online News Act", though "news" is an organisation word
    if following is not None and following.lower_ in gazetteer.words("case_nouns"):
        return "Event", span.doc[span.start : following.i + 1], "rule"
    if following is not None and following.lower_ in gazetteer.words("project_nouns"):
        return "Event", span, "rule"
    if _named_as_place(span, gazetteer):
        return "Location", span, "rule"  # "the town of Yeoncheon" tagged ORG
    personal = ner_type == "Person" and words[0] in gazetteer.first_names  # "Stockwell Day" is a man
    if words[-1] in gazetteer.words("event_heads") and span[-1].text[:1].isupper() and len(span) > 1 and not personal:
        return "Event", span, "rule"
    if len(span) > 1 and not personal and _is_place_name(words, gazetteer):  # "Stuart Hall" is a man
        return "Location", span, "rule"
    if ner_type != "Person" and any(w in gazetteer.words("organization_words") for w in words):
        return "Organization", span, "rule" if ner_type != "Organization" else "ner"
    if ner_type == "Person" and words[-1] in gazetteer.words("organization_words"):
        return "Organization", span, "rule"
    if ner_type in {"Organization", "Location", "Unknown"} and _is_personal_name(span, words, gazetteer):
        return "Person", span, "rule"  # "Aleksandar Vučić" tagged ORG
    return ner_type, span, "ner"


def _abbreviated(token: Token) -> bool:
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.text.endswith(".") or (following is not None and following.text == "." and not token.whitespace_)


def _ends_in_title(span: Span, words: list[str], gazetteer: Gazetteer) -> bool:
    """A title word ending an organisation span, unless it is the complement of the name ("Department of
    Justice", "Ministry of the Attorney General", "Court of Justice")."""
    if words[-1] not in gazetteer.words("title_words"):
        return False
    return not any(t.lower_ in NAME_LINKS for t in span[1:-1])


def _named_as_place(span: Span, gazetteer: Gazetteer) -> bool:
    """A name right after "the town of", "the city of", "the province of": the place itself."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "of":
        return False
    return doc[span.start - 2].lower_ in gazetteer.words("place_nouns") and doc[span.start - 2].is_lower


def _is_place_name(words: list[str], gazetteer: Gazetteer) -> bool:
    """A facility or place head ("Air Force Base", "Space Center"); a school district is an organisation."""
    if " ".join(words[-2:]) in gazetteer.words("location_head_phrases"):
        return True
    if words[0] in gazetteer.words("location_prefixes"):
        return words[-1] not in gazetteer.words("organization_words")  # "Mount Sinai Hospital" is a hospital
    if words[-1] == "district" and words[-2] in gazetteer.words("organization_words"):
        return False
    return words[-1] in gazetteer.words("location_heads")


def _is_personal_name(span: Span, words: list[str], gazetteer: Gazetteer) -> bool:
    """A known first name and one or two more capitalised words, none of them an organisation word."""
    if not 2 <= len(span) <= 3 or words[0] not in gazetteer.first_names:
        return False
    if any(w in gazetteer.words("organization_words") or w in gazetteer.words("location_heads") for w in words):
        return False
    return all((t.text[:1].isupper() and t.is_alpha) or t.text == "-" for t in span)


def ner_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            mentions.extend(m for m in (_holiday(ent, gazetteer),) if m is not None)
            continue
        ner_type = NER_TYPES.get(ent.label_)
        if ner_type == "Person":
            ent = _with_given_name(ent, gazetteer)
        span = _trim(ent) if ner_type else None
        if span is None or not any(ch.isalpha() for ch in span.text):
            continue
        if ner_type == "Organization":
            span = with_name_complement(with_whole_title(with_and_parts(span, gazetteer), gazetteer), gazetteer)
            host = host_organisation(span, gazetteer)
            if host is not None:  # "Block Museum of Art at Northwestern University": two organisations
                mentions.append(Mention(host.start_char, host.end_char, "Organization", host.text, "rule"))
                span = span.doc[span.start : host.start - 1]
            address = address_after(span, gazetteer)
            if address is not None:  # "… Criminal Court on Centre Street": an organisation and its street
                mentions.append(Mention(address.start_char, address.end_char, "Location", address.text, "rule"))
                span = span.doc[span.start : address.start - 1]
        person = _trailing_person(span, gazetteer) if ner_type == "Organization" else None
        if person is not None:  # "the Council on American-Islamic Relations Alia Salem": two names run together
            mentions.append(Mention(person.start_char, person.end_char, "Person", person.text, "rule"))
            span = span.doc[span.start : person.start]
        corrected = _retype(span, ner_type or "Unknown", gazetteer)
        if corrected is not None:
            kind, span, source = corrected
            mentions.append(Mention(span.start_char, span.end_char, kind, span.text, source))
    return mentions + _rule_mentions(doc, gazetteer)


def dateline_mentions(doc: Doc) -> list[Mention]:
    """The city of a dateline, in capitals at the start of a line: "TORONTO —", "WASHINGTON (AP) —"."""
    return [
        Mention(m.start(1), m.end(1), "Location", string.capwords(m.group(1)), "rule")
        for m in _DATELINE.finditer(doc.text)
    ]


def _rule_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Names the model misses or mistypes, found from their shape and their neighbours."""
    mentions = dateline_mentions(doc)
    for name in untagged_names(doc, gazetteer):
        corrected = _retype(name, "Unknown", gazetteer)
        if corrected is not None and corrected[0] != "Unknown":
            kind, span, _source = corrected
            mentions.append(Mention(span.start_char, span.end_char, kind, span.text, "rule"))
    for name in apposition_organisations(doc, gazetteer):
        trimmed = _trim(name)
        if trimmed is not None and gazetteer.lookup(trimmed.text) is None:
            mentions.append(Mention(trimmed.start_char, trimmed.end_char, "Organization", trimmed.text, "rule"))
    for span, team in team_names(doc, gazetteer):  # "the Raptors" carries the team's full name
        mentions.append(Mention(span.start_char, span.end_char, "Organization", team, "rule"))
    for name in filter(None, map(_trim, preposition_names(doc))):
        mentions.append(Mention(name.start_char, name.end_char, "Organization", name.text, "rule"))
    for place in titled_place_names(doc, gazetteer):
        organised = any(fold(t.text) in gazetteer.words("organization_words") for t in place)
        place_type = "Organization" if organised else "Location"
        mentions.append(Mention(place.start_char, place.end_char, place_type, place.text, "rule"))
    return mentions


def _holiday(span: Span, gazetteer: Gazetteer) -> Mention | None:
    """A named day tagged DATE ("Waitangi Day", "Remembrance Day - November 11"): an event; "Monday" is not."""
    words = []
    for token in span:
        if not (token.text[:1].isupper() and token.is_alpha):
            break
        words.append(token)
    if len(words) < 2 or fold(words[-1].text) not in gazetteer.words("event_heads"):
        return None
    if words[0].lower_ in {"the", "this", "next", "last"}:
        return None
    name = span.doc[words[0].i : words[-1].i + 1]
    return Mention(name.start_char, name.end_char, "Event", name.text, "rule")


def _with_given_name(span: Span, gazetteer: Gazetteer) -> Span:
    """A one-word PERSON after an untagged capitalised proper noun takes it in: "Enver Solomon"."""
    if len(span) != 1 or span.start == 0:
        return span
    before = span.doc[span.start - 1]
    word = fold(before.text)
    if (
        before.pos_ == "PROPN"
        and before.is_title
        and before.is_alpha
        and not before.ent_type_
        and word not in gazetteer.words("title_words")
        and word not in gazetteer.words("organization_words")
        and word not in HONORIFICS
    ):
        return span.doc[span.start - 1 : span.end]
    return _with_family_name(span, gazetteer)


def _with_family_name(span: Span, gazetteer: Gazetteer) -> Span:
    """A first name tagged PERSON alone takes in the untagged capitalised word it forms one name with:
    "Edith Dumont" (a known first name, or the parse joins them as a compound)."""
    doc = span.doc
    if len(span) != 1 or span.end >= len(doc):
        return span
    after = doc[span.end]
    joined = span[0].dep_ == "compound" and span[0].head.i == after.i
    if fold(span.text) not in gazetteer.first_names and not joined:
        return span
    word = fold(after.text)
    if (
        after.tag_ == "NNP"  # not a plural: "Warhol Polaroids" are photographs
        and after.is_title
        and after.is_alpha
        and not after.ent_type_
        and word not in gazetteer.words("title_words") | gazetteer.words("organization_words")
        and word not in gazetteer.words("location_heads") | GENERIC_SINGLE_WORDS
    ):
        return doc[span.start : span.end + 1]
    return span


def _trailing_person(span: Span, gazetteer: Gazetteer) -> Span | None:
    """A personal name (known first name + one or two capitalised words) at the end of a longer ORG span."""
    for first in range(max(span.start + 2, span.end - 3), span.end - 1):
        tail = span.doc[first : span.end]
        if _is_personal_name(tail, [fold(t.text) for t in tail], gazetteer):
            return tail
    return None


def _is_name(text: str) -> bool:
    words = [w for w in text.split() if w.lower() not in {"of", "the", "and", "for", "in", "on", "de", "a"}]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def quoted_name_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Names of events and cases in quotation marks: the "Safe City" project, the "Kantrimen case"."""
    mentions = []
    text = doc.text  # spaCy rebuilds Doc.text on every access
    for match in _QUOTED_NAME.finditer(text):
        inner = match.group(1).strip()
        inner_start = match.start(1) + len(match.group(1)) - len(match.group(1).lstrip())
        inner_end = inner_start + len(inner)
        words = inner.split()
        if not words or len(words) > 6:
            continue
        last = fold(words[-1])
        if last in gazetteer.words("case_nouns") and _is_name(" ".join(words[:-1])):
            mentions.append(Mention(inner_start, inner_end, "Event", inner, "rule"))
            continue
        if not _is_name(inner):
            continue
        following = re.match(r"\s+(\w+)", text[match.end() : match.end() + 40])
        noun = fold(following.group(1)) if following else ""
        if following and noun in gazetteer.words("case_nouns"):
            end = match.end() + following.end(1)
            mentions.append(Mention(inner_start, end, "Event", f"{inner} {following.group(1)}", "rule"))
        elif noun in gazetteer.words("project_nouns") or last in gazetteer.words("event_heads"):
            mentions.append(Mention(inner_start, inner_end, "Event", inner, "rule"))
    return mentions


def _inside_longer_name(mention: Mention, candidates: list[Mention]) -> bool:
    """A known name that opens a longer name ("U.S." in "U.S. Department of Agriculture", "Google Science Fair"),
    sits inside one ("National Museum of the U.S. Air Force") or completes one after its only "of"
    ("Supreme Court of the United States"; but "University of Sheffield of the UK" is a university and a place)."""
    if mention.source != "gazetteer" or mention.type not in {"Location", "Organization"}:
        return False
    for c in candidates:
        if c.source == "gazetteer" or c.type not in {"Organization", "Event", "Location"}:
            continue
        if c.start == mention.start and c.end > mention.end + 1:
            return True
        if c.type == "Organization" and c.start < mention.start and c.end >= mention.end:
            before = c.text[: mention.start - c.start]
            if c.end > mention.end + 1 or (re.search(r" of (?:the )?$", before) and before.count(" of ") == 1):
                return True
    return False


def select_mentions(candidates: list[Mention]) -> list[Mention]:
    """Keep the best of overlapping candidates: gazetteer over rules over the model, then the longer one."""
    candidates = [m for m in candidates if not _inside_longer_name(m, candidates)]
    ranked = sorted(candidates, key=lambda m: (-SOURCE_PRIORITY[m.source], -(m.end - m.start), m.start))
    taken = bytearray(max((m.end for m in candidates), default=0))  # characters already in a kept mention
    kept: list[Mention] = []
    for mention in ranked:
        if not any(taken[mention.start : mention.end]):
            kept.append(mention)
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    return sorted(kept, key=lambda m: m.start)


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


PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}


def pronoun_people(doc: Doc, candidates: list[Mention]) -> list[Mention]:
    """A one-word name the model tagged ORG or PERSON that is the subject of a verb and is taken up by "he" or
    "she" later in its sentence is a person known by one name ("Drake said he would return"): a company or a
    government is "it" or "they". A mention of another person in the sentence may own the pronoun instead, and
    a word of a full name in the document is a surname, which resolution joins to that name."""
    name_words = {fold(w) for m in candidates if m.type == "Person" and " " in m.text for w in m.text.split()}
    found = []
    for mention in candidates:
        if mention.source != "ner" or mention.type not in {"Person", "Organization"} or " " in mention.text:
            continue
        if fold(mention.text) in name_words:
            continue
        token = doc.char_span(mention.start, mention.end)
        if token is None or len(token) != 1 or token[0].dep_ != "nsubj" or token[0].head.pos_ != "VERB":
            continue
        sentence = token[0].sent
        others = [m for m in candidates if m.type == "Person" and sentence.start_char <= m.start < sentence.end_char]
        if any(m.start != mention.start for m in others):
            continue
        after = doc[token[0].head.i + 1 : sentence.end]
        if any(t.lower_ in PERSONAL_PRONOUNS for t in after):
            found.append(Mention(mention.start, mention.end, "Person", mention.text, "rule"))
    return found


def find_mentions(doc: Doc, gazetteer: Gazetteer, matchers: tuple[PhraseMatcher, ...] = ()) -> list[Mention]:
    """All entity mentions of one doc, corrected and without overlaps, in text order."""
    candidates = ner_mentions(doc, gazetteer) + quoted_name_mentions(doc, gazetteer) + law_mentions(doc, gazetteer)
    candidates += department_mentions(doc, gazetteer) + numbered_bill_mentions(doc)
    candidates += described_law_mentions(doc, gazetteer) + court_case_mentions(doc)
    candidates += prefixed_event_mentions(doc, gazetteer)
    candidates += pronoun_people(doc, candidates)
    workplaces = workplace_organisations(doc, candidates, gazetteer)  # replace the person at the same span
    replaced = {(m.start, m.end) for m in workplaces}
    candidates = [m for m in candidates if (m.start, m.end) not in replaced] + workplaces
    named = select_mentions(candidates + gazetteer_mentions(doc, gazetteer, matchers))
    return select_mentions(joined_descriptions(named, gazetteer) + anaphor_mentions(doc, named, gazetteer))
