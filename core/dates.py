"""Reading the ISO dates the records carry (``Article.published``, ``Statement.date``): one rule for every stage."""

from __future__ import annotations

import datetime as dt


def iso_date(value: object) -> dt.date | None:
    """The calendar date an ISO value starts with ("2021-02-03", "2021-02-03T10:00:00"), or None: not a string
    or date, empty, or no such day ("2021-02-30", "2021-13-45")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
