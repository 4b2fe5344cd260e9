"""When a statement was made: the date its attribution gives ("said in 2021", "told RSE on Friday", "when …
in 2019, the minister claimed"), resolved against the article's date, else the article's date.

The article's date (``published`` here) is its publication date, else its dateline (``nlp.runtime.extract``);
without either a relative phrase stays undated: nothing is ever counted from the day the program runs."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from spacy.tokens import Token

from core.dates import iso_date
from nlp.lexicon.lexicon import StatementWords
from nlp.statements.speaker_syntax import entity_span

log = logging.getLogger(__name__)

_WRITTEN_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_WORD = re.compile(r"\w+(?:-\w+)*")
_LETTERS = re.compile(r"[^\W\d_]+")


def statement_date(cue: Token, published: str | None, lexicon: StatementWords) -> str | None:
    """The date the attribution gives ("said in 2021", "told RSE on Friday"), else the article's."""
    for child in _date_candidates(cue, lexicon):
        if child.dep_ not in {"prep", "npadvmod", "advmod", "tmod", "obl"}:
            continue
        anchor = child
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            anchor = objects[0] if objects else child
        if anchor.ent_type_ not in {"DATE", "TIME"}:  # "Tuesday night" is a TIME to the tagger
            continue
        ent = entity_span(anchor)
        if ent is not None and anchor.left_edge.i < ent.start:
            ent = anchor.doc[anchor.left_edge.i : ent.end]  # "Tuesday night": a DATE compound on a TIME head
        if ent is None or not lexicon.date_words.search(ent.text):
            continue
        phrase = ent.text if child.dep_ != "prep" else f"{child.text} {ent.text}"
        parsed = date_of_phrase(phrase, published, lexicon)
        if parsed is not None:
            return parsed
    return _time_clause_date(cue, published, lexicon) or published


def _date_candidates(cue: Token, lexicon: StatementWords) -> list[Token]:
    """The cue's own modifiers, and those of the medium it names ("said in a statement Tuesday")."""
    candidates = list(cue.children)
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        for medium in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in lexicon.medium_nouns):
            candidates.extend(c for c in medium.children if c.dep_ in {"npadvmod", "prep"})
    return candidates


def _time_clause_date(cue: Token, published: str | None, lexicon: StatementWords) -> str | None:
    """ "When the authorities began installing the cameras they purchased in 2019, the minister claimed …":
    the time clause of the cue dates the act of saying."""
    for clause in cue.children:
        if clause.dep_ != "advcl" or not any(
            m.dep_ in {"mark", "advmod"} and m.lower_ == "when" for m in clause.children
        ):
            continue
        for token in clause.subtree:
            ent = entity_span(token) if token.ent_type_ == "DATE" and token.ent_iob_ == "B" else None
            if ent is not None and lexicon.date_words.search(ent.text):
                # with its preposition: "after 9 years" is a length of time, "9 years" a count back
                head = ent.root.head
                phrase = f"{head.text} {ent.text}" if ent.root.dep_ == "pobj" and head.i < ent.start else ent.text
                return date_of_phrase(phrase, published, lexicon)
    return None


def is_duration(phrase: str, lexicon: StatementWords) -> bool:
    """Whether a DATE phrase is a length of time, an age or a recurrence, not a point in time: "after nine years",
    "for two weeks", "nine years old", "a 10-year sentence", "over the past decade", "within 30 days", "the next
    five years", "every year", "annually", "decades". A count back from publication ("three years ago") is a point,
    and so is a bare count ("three years after it was first tabled"), which dates what the clause it opens tells."""
    words = _WORD.findall(phrase.lower())
    if any(word in lexicon.duration_words for word in words):
        return True
    for word in words:
        parts = word.split("-")
        if len(parts) > 1 and lexicon.time_units.intersection(parts) and any(_counts(p, lexicon) for p in parts):
            return True  # "10-year", "nine-month", "year-long"; not "year-end"
    for index, word in enumerate(words):
        if word not in lexicon.time_units:
            continue
        if not (
            index and _counts(words[index - 1], lexicon)
        ):  # "for years", "decades ago": how many is not written; "last week", "this year" are points
            return word.endswith("s")
        if "ago" not in words and lexicon.duration_prepositions.intersection(words[: index - 1]):
            return True
    return False


def _counts(word: str, lexicon: StatementWords) -> bool:
    """Whether a word counts a unit of time, or makes it a length: "3", "nine", "twenty-five", "long"."""
    return word.isdigit() or word in lexicon.duration_words or bool(lexicon.count_words.intersection(word.split("-")))


def date_of_phrase(phrase: str, published: str | None, lexicon: StatementWords) -> str | None:
    """A date phrase relative to the publication date, as YYYY-MM-DD; missing month or day → 01. A length of time
    (``is_duration``) dates nothing."""
    phrase = phrase.strip()
    year = lexicon.year_phrase.match(phrase)
    if year:
        return f"{year.group(1)}-01-01"
    if is_duration(phrase, lexicon):
        return None
    base = iso_date(published)
    lowered = phrase.lower()
    for preposition in lexicon.date_prepositions:
        lowered = lowered.removeprefix(f"{preposition} ")
    if base is None and _WRITTEN_YEAR.search(lowered) is None:
        return None  # "in April", "Tuesday": nothing to count from, and the day of the run is never one
    if base is not None and lowered in lexicon.day_before_phrases:
        return (base - timedelta(days=1)).isoformat()
    if base is not None and lowered in lexicon.same_day_phrases:
        return base.isoformat()
    lowered = lexicon.part_of_day.sub("", lowered)  # "Tuesday night" dates to the Tuesday
    if base is not None and lowered in lexicon.last_year_phrases:
        return f"{base.year - 1}-01-01"
    if base is not None and lowered in lexicon.this_year_phrases:
        return f"{base.year}-01-01"
    if base is not None and lowered in lexicon.day_before_phrases:  # "yesterday night" → "yesterday"
        return (base - timedelta(days=1)).isoformat()
    weekdays = lexicon.weekdays
    if base is not None and lowered.removeprefix("last ") in weekdays:
        # news uses a bare weekday for the latest one, the day of publication included
        back = (base.weekday() - weekdays.index(lowered.removeprefix("last "))) % 7
        return (base - timedelta(days=back or (7 if lowered.startswith("last ") else 0))).isoformat()
    import dateparser  # imported here: loading its language data takes a second

    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    else:  # only what the phrase writes: no part of the date may come from the day of the run
        settings["PARSERS"] = ["absolute-time"]
        settings["REQUIRE_PARTS"] = ["year", "month"]
    try:
        parsed = dateparser.parse(lowered, languages=["en"], settings=settings)
    except (ValueError, OverflowError) as e:
        log.debug("unreadable date %r: %s", phrase, e)
        return None
    if parsed is None:
        return None
    if (
        not _WRITTEN_YEAR.search(lowered)
        and lexicon.year_units.intersection(lowered.split())
        and not _names_month(lowered, lexicon)
    ):
        return f"{parsed.year:04d}-01-01"  # "three years ago": a year, like "last year"
    if not re.search(r"\d{1,2}(st|nd|rd|th)?\b(?!\d)", lowered.replace(str(parsed.year), "")) and _names_month(
        lowered, lexicon
    ):
        return f"{parsed.year:04d}-{parsed.month:02d}-01"
    return parsed.date().isoformat()


def _names_month(lowered: str, lexicon: StatementWords) -> bool:
    """Whether a phrase writes a month ("Sept. 3", "in March"); a "decade" names none."""
    return any(
        word[:3] in lexicon.month_abbreviations and word not in lexicon.time_units for word in _LETTERS.findall(lowered)
    )


def _relative_month(lowered: str, published: str | None, lexicon: StatementWords) -> str | None:
    """A phrase naming a month by its distance from publication, as YYYY-MM: "last month", "earlier this month"."""
    base = iso_date(published)
    if base is None:
        return None
    if lowered in lexicon.this_month_phrases:
        return base.isoformat()[:7]
    if lowered in lexicon.last_month_phrases:
        return (base.replace(day=1) - timedelta(days=1)).isoformat()[:7]
    return None


def date_as_written(phrase: str, published: str | None, lexicon: StatementWords) -> str | None:
    """A date phrase as precise as it is written: "in 2017" → 2017, "September 2020" → 2020-09, "on Tuesday" →
    the day. Relative phrases need the publication date: without one they stay undated, never dated from today."""
    text = phrase.strip()
    lowered = text.lower()
    for preposition in lexicon.date_prepositions:
        lowered = lowered.removeprefix(f"{preposition} ")
    year = lexicon.year_phrase.match(text) or lexicon.year_phrase.match(lowered)
    if year:
        return year.group(1)
    has_year = _WRITTEN_YEAR.search(lowered) is not None
    if published is None and not has_year:
        return None
    month = _relative_month(lowered, published, lexicon)
    if month is not None:
        return month
    full = date_of_phrase(text, published, lexicon)
    if full is None:
        return None
    if lowered in lexicon.last_year_phrases or lowered in lexicon.this_year_phrases:
        return full[:4]
    words = lowered.split()
    if not has_year and any(word in lexicon.sequence_words for word in words):
        return None
    has_month = _names_month(lowered, lexicon)
    has_day = re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", _WRITTEN_YEAR.sub("", lowered)) is not None
    counts_months = any(word in lexicon.month_units for word in words)
    if (has_month or counts_months) and not has_day:
        return full[:7]
    if (has_year or any(word in lexicon.year_units for word in words)) and not has_month:
        return full[:4]
    return full
