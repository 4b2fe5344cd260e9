"""Organisation names the model cuts short, runs together or misses: rules on shapes and gazetteer word lists.

Offsets in a ``Mention`` are character offsets into ``doc.text``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from nlp.gazetteer import Gazetteer
from nlp.mentions import Mention
from nlp.names import fold


def with_name_complement(span: Span, gazetteer: Gazetteer) -> Span:
    """An organisation cut before its complement takes it in: "Joint Council" + "for the Welfare of Immigrants".

    The complement is "of/for/on", an optional "the", then capitalised words joined by "and", "of", "the" or a
    hyphen; it stops before a person's or another organisation's name, or a title word, and a bare place
    ("University of Sheffield of the UK") is where the organisation is, not part of its name.
    """
    doc = span.doc
    if fold(span[-1].text) not in gazetteer.words("organization_words") or span.end + 1 >= len(doc):
        return span
    index = span.end
    if doc[index].lower_ not in {"of", "for", "on"}:
        return span
    index += 1 + (doc[index + 1].lower_ == "the")
    end, first = span.end, index
    while index < len(doc) and doc[index].ent_type_ not in {"PERSON", "ORG"} and "\n" not in doc[index].text:
        token = doc[index]
        if token.text[:1].isupper() and token.is_alpha and fold(token.text) not in gazetteer.words("title_words"):
            end = index + 1
        elif token.lower_ not in {"and", "of", "the", "-", "&"}:
            break
        index += 1
    if all(t.ent_type_ in {"GPE", "LOC"} or gazetteer.lookup(t.text) for t in doc[first:end] if t.is_alpha):
        return span  # "Colorado State University of the US": where it is, not its name
    return doc[span.start : end]


def department_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """A federal department named by its portfolio and the country: "Health Canada", "Statistics Canada"."""
    mentions = []
    for token in doc[:-1]:
        country = doc[token.i + 1]
        if (
            token.text[:1].isupper()
            and fold(token.text) in gazetteer.words("department_words")
            and country.ent_type_ == "GPE"
            and country.text[:1].isupper()
            and (country.i + 1 == len(doc) or doc[country.i + 1].ent_iob_ != "I")
        ):
            mentions.append(
                Mention(token.idx, country.idx + len(country), "Organization", f"{token.text} {country.text}", "rule")
            )
    return mentions


def host_organisation(span: Span, gazetteer: Gazetteer) -> Span | None:
    """The organisation after "at" in one ORG span, when both sides are names with organisation words."""
    for token in span[1:-1]:
        if token.lower_ != "at":
            continue
        left, right = span.doc[span.start : token.i], span.doc[token.i + 1 : span.end]
        sides = [[fold(t.text) for t in side] for side in (left, right)]
        if all(any(w in gazetteer.words("organization_words") for w in words) for words in sides):
            return right if right[0].text[:1].isupper() else None
    return None
