"""Dates you can trust: relative dates count from the publication date, else the dateline, never from today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.dateline import dateline_date
from core.records import Extraction
from ingest.article import build_article
from ingest.textfile import parse_text_document
from nlp.runtime.extract import Extractor
from tests.nlp_fixtures import *  # noqa: F403
from tests.nlp_fixtures import article

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "rferl-serbia-surveillance-part1.txt"
# A relation and a statement dated only relatively: "in April", "on Tuesday".
RELATIVE_BODY = (
    "Huawei signed an agreement with the Serbian Ministry of Interior in April. "
    "Interior Minister Nebojsa Stefanovic said on Tuesday that the cameras would stay."
)
TODAY = dt.date.today()


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("02.12.2022.", "2022-12-02"),
        ("2022-12-02", "2022-12-02"),
        ("BELGRADE, 2 December 2022 (Reuters) - Serbia bought cameras.", "2022-12-02"),
        ("BELGRADE, Dec. 2, 2022 (Reuters) -", "2022-12-02"),
        ("Wednesday, March 4, 2015", "2015-03-04"),
        ("WASHINGTON, D.C., March 4, 2015 (AP) — The bill", "2015-03-04"),
        ("KYIV, Ukraine, 2 December 2022 - text", "2022-12-02"),
        ("2 December 2022 10:30 GMT", "2022-12-02"),
        ("13/02/2022", "2022-02-13"),  # only day-first fits
        ("02/13/2022", "2022-02-13"),  # only month-first fits
        ("\ufeff\n  02.12.2022.\n\nText", "2022-12-02"),
    ],
)
def test_a_dateline_at_the_head_dates_the_text(head: str, expected: str) -> None:
    assert dateline_date(head) == expected


@pytest.mark.parametrize(
    "head",
    [
        "BELGRADE, Dec 2 (Reuters) - no year",  # its year could only come from today
        "12/02/2022",  # December to one reader, February to another
        "99.99.9999.",
        "31.02.2022.",
        "02.12.2999.",  # after tomorrow
        f"{(TODAY + dt.timedelta(days=30)).strftime('%d.%m.%Y')}.",
        "12.345.678",
        "3.14159",
        "1.5.10",
        "02.12.1700.",
        "2 December 2022 was a cold day.",  # a sentence about a date, not a dateline
        "The minister said on 2 December 2022 that the cameras would stay.",
        "Serbia buys cameras\n02.12.2022.",  # not at the head
        "\x00\x01\x02\xff\xfe binary \x7f junk",
        "",
        "   \n\n ",
        "Tuesday",
        "x" * 100_000 + " 2 December 2022",
    ],
)
def test_no_dateline_gives_no_date(head: str) -> None:
    assert dateline_date(head) is None


def _extract(extractor: Extractor, text: str, published: str | None = None) -> Extraction:
    [extraction] = list(extractor.extract([article(text, published=published)]))
    assert extraction.error is None
    return extraction


def _dates(extraction: Extraction) -> list[str | None]:
    return [s.date for s in extraction.statements] + [r.date for r in extraction.relations]


def test_the_sample_report_without_a_publication_date_is_dated_by_its_dateline(extractor: Extractor) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.startswith("02.12.2022.")
    undated = _extract(extractor, text)
    dates = [d for d in _dates(undated) if d is not None]
    assert "2022-04-01" in dates  # "in April": the April before the report
    assert all(d <= "2022-12-02" for d in dates), dates
    assert not any(d.startswith(str(TODAY.year)) for d in dates), dates
    assert _dates(undated) == _dates(_extract(extractor, text, published="2022-12-02"))


def test_relations_and_statements_count_from_the_dateline(extractor: Extractor) -> None:
    extraction = _extract(extractor, f"BELGRADE, 2 December 2022 (Reuters) - {RELATIVE_BODY}")
    assert [(r.predicate, r.date) for r in extraction.relations] == [("AGREEMENT_WITH", "2022-04")]
    assert [s.date for s in extraction.statements] == ["2022-11-29"]  # the Tuesday before Friday 2 December


def test_the_publication_date_comes_before_the_dateline(extractor: Extractor) -> None:
    extraction = _extract(extractor, f"02.12.2022.\n\n{RELATIVE_BODY}", published="2021-06-30")
    assert [r.date for r in extraction.relations] == ["2021-04"]


def test_relative_dates_stay_null_with_no_dateline_and_no_publication_date(extractor: Extractor) -> None:
    extraction = _extract(extractor, RELATIVE_BODY)
    assert extraction.relations and extraction.statements
    assert _dates(extraction) == [None] * len(_dates(extraction))


def test_absolute_dates_stay_as_written(extractor: Extractor) -> None:
    body = RELATIVE_BODY.replace("in April", "on 3 March 2021").replace("on Tuesday", "on 3 March 2021")
    for head in ("", "02.12.2022.\n\n"):
        extraction = _extract(extractor, head + body)
        assert [r.date for r in extraction.relations] == ["2021-03-03"]
        assert [s.date for s in extraction.statements] == ["2021-03-03"]


@pytest.mark.parametrize(
    "head",
    [
        "99.99.9999.",
        "12.345.678",
        "02.12.2999.",
        "BELGRADE, Dec 2 (Reuters) -",
        "\x00\x01\x02\xfe junk \x7f",
        "",
    ],
)
def test_a_hostile_head_never_invents_a_date(extractor: Extractor, head: str) -> None:
    extraction = _extract(extractor, f"{head}\n\n{RELATIVE_BODY}")
    assert _dates(extraction) == [None] * len(_dates(extraction))


def test_an_empty_text_raises_nothing(extractor: Extractor) -> None:
    [extraction] = list(extractor.extract([article("", published=None)]))
    assert _dates(extraction) == []


def test_a_text_file_without_a_date_is_published_on_its_dateline() -> None:
    draft = parse_text_document(
        f"Serbia buys cameras\n\nBELGRADE, 2 December 2022 (Reuters) - {RELATIVE_BODY}", "f.txt"
    )
    built = build_article(draft)
    assert built.published == "2022-12-02"
    assert built.title == "Serbia buys cameras"
    assert built.text.startswith("BELGRADE, 2 December 2022 (Reuters) - Huawei")  # the dateline stays text


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Date: 2021-01-05\n\nBELGRADE, 2 December 2022 (Reuters) - Huawei said.", "2021-01-05"),  # header wins
        ("BELGRADE, Dec 2 (Reuters) - Huawei said.", None),
        ("99.99.9999.\n\nHuawei said.", None),
        ("Huawei said on 2 December 2022 that it would stay.", None),
    ],
)
def test_a_text_file_takes_no_other_date_from_its_dateline(text: str, published: str | None) -> None:
    assert build_article(parse_text_document(text, "f.txt")).published == published


# News writes many DATE entities that are lengths of time, ages or recurrences, not points in time: they date
# nothing, so a statement keeps the article date and a relation stays undated. A count back from the article date
# ("3 years ago") is a point, as precise as written: a year (1 January for a statement).
DURATION_PUBLISHED = "2025-03-12"
AGREEMENT = "Huawei signed an agreement with the Serbian Ministry of Interior"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"I feel no anger," Karimi said after 9 years in prison.', DURATION_PUBLISHED),
        ("When he was released after 9 years in prison, Karimi said he felt no anger.", DURATION_PUBLISHED),
        ("Karimi told reporters after 2 weeks of silence that the law was unfair.", DURATION_PUBLISHED),
        ("When he began a 10-year sentence, Karimi said the law was unfair.", DURATION_PUBLISHED),
        ("Karimi said for 2 weeks that he felt no anger.", DURATION_PUBLISHED),
        ("Karimi said over the past 10 years that the law was unfair.", DURATION_PUBLISHED),
        ("Karimi said in the last 3 years that the law was unfair.", DURATION_PUBLISHED),
        ("Karimi said within 30 days of his release that the law was unfair.", DURATION_PUBLISHED),
        ("Karimi said every year that the law was unfair.", DURATION_PUBLISHED),
        ("Karimi said 3 years ago that the law was unfair.", "2022-01-01"),
        ("Karimi said a decade ago that the law was unfair.", "2015-01-01"),
        ("When he was released after nine years in prison last year, Karimi said he felt no anger.", "2024-01-01"),
    ],
)
def test_a_duration_does_not_date_a_statement(extractor: Extractor, text: str, expected: str) -> None:
    extraction = _extract(extractor, text, published=DURATION_PUBLISHED)
    assert [s.date for s in extraction.statements] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{AGREEMENT} after 9 years of talks.", None),
        (f"{AGREEMENT} after two weeks.", None),
        ("Huawei signed a 10-year agreement with the Serbian Ministry of Interior.", None),
        ("Huawei signed a year-long agreement with the Serbian Ministry of Interior.", None),
        ("Huawei has cooperated with the Serbian Ministry of Interior for two weeks.", None),
        ("Huawei has worked with the Serbian Ministry of Interior over the past decade.", None),
        ("Huawei has worked with the Serbian Ministry of Interior for decades.", None),
        (f"{AGREEMENT} in the last three years.", None),
        ("Huawei will sign an agreement with the Serbian Ministry of Interior within 30 days.", None),
        ("Huawei will sign an agreement with the Serbian Ministry of Interior in 3 years.", None),
        ("Huawei will sign an agreement with the Serbian Ministry of Interior in the next five years.", None),
        ("Huawei signs an agreement with the Serbian Ministry of Interior every year.", None),
        ("Huawei signs an agreement with the Serbian Ministry of Interior annually.", None),
        (f"{AGREEMENT} years ago.", None),  # no count: no year
        (f"{AGREEMENT} 3 years ago.", "2022"),
        (f"{AGREEMENT} three years ago.", "2022"),
        (f"{AGREEMENT} a decade ago.", "2015"),
        (f"{AGREEMENT} in 2019.", "2019"),
    ],
)
def test_a_duration_does_not_date_a_relation(extractor: Extractor, text: str, expected: str | None) -> None:
    extraction = _extract(extractor, text, published=DURATION_PUBLISHED)
    assert [r.date for r in extraction.relations] == [expected]


def test_a_count_back_without_an_article_date_stays_null(extractor: Extractor) -> None:
    extraction = _extract(extractor, f'{AGREEMENT} 3 years ago. "It works," Karimi said 3 years ago.')
    assert extraction.relations and extraction.statements
    assert _dates(extraction) == [None] * len(_dates(extraction))
