"""The date a news text gives at its head, its dateline: ``02.12.2022.``, ``BELGRADE, 2 December 2022 (Reuters) -``,
``Wednesday, March 4, 2015``, ``2022-12-02``. Relative dates in an article without a publication date count from it;
ingest makes it the publication date of a text file that states none.

Only the first line is read, and only a date that starts it (after an upper-case place name and a weekday, if any)
and ends it or a phrase of it: a date further on is something the article reports, not the day it was written.
A dateline without a year ("BELGRADE, Dec 2 (Reuters) -") gives nothing: its year could only come from the day the
program runs, and no date is ever resolved against that.

dateparser reads month-name dates; it has no notion of where a dateline sits (``dateparser.search`` finds dates
anywhere in a text, "Tuesday" included) and htmldate reads HTML documents, so placing the dateline is done here.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

log = logging.getLogger(__name__)

_HEAD_CHARS = 200  # a dateline is short; a longer first line is read no further
_EARLIEST_YEAR = 1800  # older "datelines" are misreadings (a number, a product code)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_NAMED_DATE = (
    rf"\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"  # 2 December 2022
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # December 2, 2022
)
_NUMERIC_DATE = r"\d{1,4}(?P<sep>[./-])\d{1,2}(?P=sep)\d{1,4}\.?"  # 02.12.2022. · 2022-12-02 · 12/02/2022
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’ -]{1,40},\s*(?:[A-Z][A-Za-z.'’ -]{1,40},\s*)?)?"  # BELGRADE, · WASHINGTON, D.C., · KYIV, Ukraine,
    r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"  # Wednesday,
    rf"(?P<date>(?i:{_NAMED_DATE})|{_NUMERIC_DATE})"
    r"(?=\s*(?:$|[(\-–—:|,;]|\d{1,2}[:.]\d{2}))"  # then the line ends, a phrase ends, or a clock time follows
)


def dateline_date(text: str) -> str | None:
    """The ISO date (YYYY-MM-DD) of the dateline at the head of ``text``, or None when there is none to trust."""
    if not isinstance(text, str):
        return None
    head = text.lstrip().lstrip("\ufeff").lstrip()[:_HEAD_CHARS].split("\n", 1)[0].strip()
    match = _DATELINE.match(head)
    if match is None:
        return None
    written = match.group("date")
    day = _named_date(written) if re.search("[A-Za-z]", written) else _numeric_date(written)
    if day is None or day.year < _EARLIEST_YEAR or day > dt.date.today() + dt.timedelta(days=1):
        # the day of the run only bounds a dateline (a later one is a misreading), it never dates anything
        return None
    return day.isoformat()


def _numeric_date(written: str) -> dt.date | None:
    """Day and month order by the separator: dots are day-first wherever they are written (02.12.2022. is
    2 December); with slashes or hyphens only an order no other reading fits is taken — 12/02/2022 is February
    to a European reader and December to an American one, so it gives nothing. dateparser's DATE_ORDER would
    impose one order on such a date instead of refusing it."""
    parts = re.split(r"[./-]", written.rstrip("."))
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    first, second, third = (int(p) for p in parts)
    separator = written[len(parts[0])]
    if len(parts[0]) == 4:
        year, month, day = first, second, third
    elif len(parts[2]) != 4:
        return None
    elif separator == "." or first > 12 or first == second:
        year, month, day = third, second, first
    elif second > 12:
        year, month, day = third, first, second
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _named_date(written: str) -> dt.date | None:
    import dateparser  # imported on first use: loading its language data takes a second

    settings = {"PARSERS": ["absolute-time"], "STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        parsed = dateparser.parse(written, languages=["en"], settings=settings)
    except (ValueError, OverflowError) as e:
        log.debug("unreadable dateline %r: %s", written, e)
        return None
    return parsed.date() if parsed is not None else None
