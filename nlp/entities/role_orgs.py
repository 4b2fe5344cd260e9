"""The organisation a role belongs to: named with the title ("Acme's spokesperson", "a USI associate professor",
"spokesman Tom Reid of the RCMP"), or the ministry behind a portfolio title ("Interior Minister")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.entities.mentions import Mention
from nlp.keys import fold
from nlp.lexicon.gazetteer import Gazetteer

ORG_TYPES = {"Organization"}


def mention_at(mentions: list[Mention], token: Token) -> Mention | None:
    for mention in mentions:
        if mention.start <= token.idx < mention.end:
            return mention
    return None


def possessive_org(doc: Doc, start: int, title_word: int, mentions: list[Mention]) -> Mention | None:
    for token in doc[start:title_word]:
        if token.tag_ == "POS" and token.i > 0:
            mention = mention_at(mentions, doc[token.i - 1])
            if mention is not None and mention.type in ORG_TYPES:
                return mention
    return None


def leading_org(doc: Doc, start: int, title_word: int, mentions: list[Mention]) -> Mention | None:
    """An organisation opening the apposition and ending right before the title ("a USI associate professor")."""
    if start >= title_word:
        return None
    mention = mention_at(mentions, doc[start])
    if mention is None or mention.type not in ORG_TYPES:
        return None
    return mention if mention.end <= doc[title_word].idx else None


def org_after_name(doc: Doc, person: Mention, mentions: list[Mention]) -> Mention | None:
    """The organisation right after a titled name: "spokesman Tom Reid of the RCMP", "Ann Lee, of Acme Corp."."""
    span = doc.char_span(person.start, person.end, alignment_mode="expand")
    if span is None:
        return None
    index = span.end + (span.end < len(doc) and doc[span.end].text == ",")
    if index >= len(doc) or doc[index].lower_ not in {"of", "at"}:
        return None
    index += 1
    if index < len(doc) and doc[index].lower_ == "the":
        index += 1
    mention = mention_at(mentions, doc[index]) if index < len(doc) else None
    return mention if mention is not None and mention.type in ORG_TYPES else None


def portfolio_org(title: str, organizations: list[tuple[str, str]], gazetteer: Gazetteer) -> str | None:
    """The ministry behind a portfolio title: "Interior Minister" → the Ministry of the Interior named in the article.

    ``organizations`` are (id, name) pairs of the article's organisations.
    """
    words = fold(title).split()
    if not any(w.startswith("minist") or w == "secretary" for w in words):
        return None
    portfolio = [w for w in words if w in gazetteer.words("portfolio_words")]
    for ident, name in organizations:
        name_words = fold(name).split()
        if portfolio and all(w in name_words for w in portfolio):
            return ident
    named = [w for w in words if w not in gazetteer.words("title_words") and w not in {"of", "the", "for", "and"}]
    for ident, name in organizations:  # "Secretary of State" → the State Department
        name_words = fold(name).split()
        departmental = any(w in gazetteer.lexicon.entities.department_heads for w in name_words)
        if named and departmental and all(w in name_words for w in named):
            return ident
    return None
