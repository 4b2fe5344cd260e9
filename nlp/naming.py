"""Customs of personal names that entity resolution and speaker resolution both read."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable

from spacy.tokens import Span, Token

from nlp.keys import doc_text, fold


def first_surname_bearers(
    word: str, full_names: Collection[str], stands_alone: Callable[[str], bool], particles: Collection[str]
) -> set[str]:
    """Spanish names carry two family names, the father's first, and the press calls the person by that one
    ("Sanchis" is Amparo Sanchis Ferrer, not her daughter Clara Martí Sanchis, whose mother's name it is). When a
    bare word (folded) is the middle of one three-word name and the end of another, and the article calls a third
    person of three names by the middle one alone (never by the last), the word belongs to those whose middle it is
    (and to the two-word names ending in it, the same people written short); else to no one in particular."""

    def called_by_middle(words: list[str]) -> bool:
        return fold(words[1]) not in particles and stands_alone(words[1]) and not stands_alone(words[2])

    three = [name.split() for name in full_names if len(name.split()) == 3]
    middle = {" ".join(words) for words in three if fold(words[1]) == word and called_by_middle(words)}
    if not middle or not any(fold(words[2]) == word for words in three):
        return set()
    if not any(fold(words[1]) != word and called_by_middle(words) for words in three):
        return set()
    return middle | {name for name in full_names if len(name.split()) == 2 and fold(name.split()[1]) == word}


def without_generation(name: str, generational_suffixes: Collection[str]) -> str:
    """A full name without the generation written after it: "Ernesto dela Cruz" of "Ernesto dela Cruz Jr.", "Renato
    Bastos" of "Renato Bastos Filho"; the family name before the generation is the one the press calls him by."""
    words = name.split()
    if len(words) > 2 and words[-1].lower().rstrip(".") in generational_suffixes:
        return " ".join(words[:-1])
    return name


def title_before(text: str, at: int, titles: Collection[str]) -> str:
    """The title of ``titles`` written right before the name at ``at`` ("mrs" of "Mrs Fennelly"), "" without one:
    where a mother and daughter share a family name, "Mrs" and "Ms" tell them apart."""
    match = re.search(r"([\w-]+)\.?\s+$", text[max(0, at - 12) : at])
    word = match.group(1).lower() if match else ""
    return word if word in titles else ""


def introduced_as_relative(text: str, spans: Iterable[tuple[int, int]], kin_nouns: Collection[str]) -> bool:
    """Whether the article brings a person in as someone's relative, by a kinship apposition at one of the person's
    full-name mentions (``spans``, offsets in ``text``): "Her mother, Dona Célia Ferraz, 68,", "The daughter, Kendra
    Whitcomb,", "Kevin Dizon, his son,"."""
    kin = "|".join(map(re.escape, kin_nouns))
    before = re.compile(rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he|\w+['’]s)\s+(?:{kin})\s*,?\s+(?:[A-Z][\w.']*\s+){{0,2}}$")
    after = re.compile(rf"^\s*,\s*(?:his|her|their)\s+(?:{kin})\b")
    return any(
        before.search(text[max(0, start - 60) : start]) or after.match(text[end : end + 40]) for start, end in spans
    )


def someones_relative(noun: Token, kin_nouns: Collection[str]) -> bool:
    """ "His wife", "Their son", "Kofi's daughter": a relative with an owner, which only a person is; the one
    capitalised word in apposition after it is that person's name ("His wife, Bríd, said")."""
    return noun.lemma_.lower() in kin_nouns and any(c.dep_ == "poss" for c in noun.children)


def titled_as_both(text: str, family_name: str, title_genders: dict[str, str]) -> bool:
    """Whether the text writes ``family_name`` after titles of both genders ("Mr Sawyer" and "Mrs Sawyer"): two
    people share it, a man and a woman, whatever their given names say (many are given to either)."""
    said = {
        title_genders.get(m.group(1).lower().rstrip("."))
        for m in re.finditer(rf"(\S+)[ \t]+{re.escape(family_name)}\b", text)
    }
    return {"m", "f"} <= said


# after a name: an age maybe, then a clause saying the name is all the article gives ("Rawan, 29, who gave only her
# first name,", "Mehmet, who declined to give his surname,")
_NAME_ALONE_CLAUSE = re.compile(r",(?: \d{1,3},)? who [^.;:,]{0,40}?\b(?:first name|given name|surname|full name)\b")


def before_name_alone_clause(span: Span) -> bool:
    """Whether a clause right after ``span`` says the article gives that one name alone ("Rawan, 29, who gave only
    her first name, was discharged"; one who declined to give a full name gave this one alone)."""
    return _NAME_ALONE_CLAUSE.match(doc_text(span.doc), span.end_char) is not None


def follows_marker(text: str, at: int, markers: Collection[str], between: str = " ") -> bool:
    """Whether the name at ``at`` comes right after one of ``markers`` (lower-case words or phrases), only
    ``between`` characters between them: "surnamed Kim", "only his first name, Francisco"."""
    before = text[max(0, at - 40) : at].rstrip(between).lower()
    return any(before.endswith(" " + marker) or before == marker for marker in markers)


def after_name_alone_marker(token: Token, markers: Collection[str]) -> bool:
    """Whether ``token`` follows a phrase that gives one name alone ("only his first name, Francisco", "identified
    only as Ernesto")."""
    return follows_marker(doc_text(token.doc), token.idx, markers, between=" ,")
