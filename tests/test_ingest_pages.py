"""Which saved web pages hold an article: short real articles are kept, pages without one are refused.

Each page in ``tests/data/ingest/pages`` goes through ``read_sources`` as a local file, the path every HTML
source takes. ``kept_*`` pages are real article shapes (a brief, a wire item, a correction, an old table
layout, an article inside a container trafilatura takes for reader comments); ``refused_*`` pages hold no
article and must be skipped with a ``no article`` reason that says what the page is.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.records import Article, Skipped
from ingest import read_sources

PAGES = Path(__file__).parent / "data" / "ingest" / "pages"


@pytest.fixture
def settings(base_settings):
    return base_settings.replace(max_bytes=1_000_000, fetch_retries=0, host_delay=0.0)


def read_one(path: Path, settings) -> Article | Skipped:
    (item,) = list(read_sources([str(path)], settings))
    return item


@pytest.mark.parametrize(
    ("name", "first_words", "last_words", "must_not_contain"),
    [
        ("kept_brief.html", "The Liberty Bridge in Novi Sad", "city's maintenance budget.", ("Most read", "cookies")),
        ("kept_wire.html", "BELGRADE, May 11 (Wire) -", "Editing by Mark Potter)", ("More from Markets",)),
        ("kept_correction.html", "An article on March 14", "not in June.", ("Privacy",)),
        ("kept_table_layout.html", "Kragujevac will hire 300 more workers", "since 2019.", ("City budget adopted",)),
        ("kept_comment_container.html", "The Belgrade Philharmonic", "at the box office.", ("Reply",)),
    ],
)
def test_short_real_articles_are_kept_whole(settings, name, first_words, last_words, must_not_contain):
    article = read_one(PAGES / name, settings)
    assert isinstance(article, Article), article
    assert first_words in article.text and last_words in article.text
    assert article.text.index(first_words) < article.text.index(last_words)
    for unwanted in must_not_contain:
        assert unwanted not in article.text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("refused_cookie_wall.html", "no article: a cookie or consent notice, not an article"),
        ("refused_not_found.html", "no article: an error page (page not found), not an article"),
        ("refused_login.html", "no article: a sign-in or subscription page, not an article"),
        ("refused_nav_only.html", "no article: only links and navigation"),
        ("refused_index.html", "no article: a list of other articles' teasers"),
        ("refused_empty_body.html", "no article: no main text found in the page"),
    ],
)
def test_pages_without_an_article_are_refused_with_what_they_are(settings, name, reason):
    assert read_one(PAGES / name, settings) == Skipped(str(PAGES / name), reason)


def test_binary_and_mis_encoded_pages_are_refused(settings, tmp_path):
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(512))
    assert read_one(binary, settings) == Skipped(str(binary), "binary: the content is not text")
    # Bytes of no text encoding between the tags: whatever decoding makes of them holds no sentence.
    garbled = tmp_path / "garbled.html"
    noise = bytes((n * 37 + 11) % 96 + 0xA0 for n in range(3000))
    garbled.write_bytes(b"<html><body><p>" + noise + b"</p></body></html>")
    item = read_one(garbled, settings)
    assert isinstance(item, Skipped), item
    assert item.reason.startswith(("undecodable:", "no article:")), item.reason


def test_an_article_in_a_legacy_encoding_declared_as_utf8_is_kept_with_its_letters(settings, tmp_path):
    html = (PAGES / "kept_brief.html").read_text(encoding="utf-8")
    page = tmp_path / "cp1250.html"
    page.write_bytes(html.encode("cp1250"))  # the page still says charset=utf-8
    article = read_one(page, settings)
    assert isinstance(article, Article), article
    assert "over the Žeželj Bridge" in article.text


def test_an_article_about_cookies_is_still_an_article(settings, tmp_path):
    # The consent-notice rule looks for a page made only of consent wording, not for the word "cookies".
    page = tmp_path / "cookie_law.html"
    page.write_text(
        "<html><head><title>Regulator fines retailer over cookie banners</title></head><body><article>"
        "<h1>Regulator fines retailer over cookie banners</h1>"
        "<p>Serbia's data protection commissioner fined an online retailer 2 million dinars on Tuesday for "
        "showing a cookie banner that had no button to reject all cookies.</p>"
        "<p>The commissioner said visitors must be able to refuse tracking as easily as they accept it, and that "
        "the retailer had shared browsing data with 40 advertising partners without consent.</p>"
        "<p>The company said it would appeal.</p></article></body></html>",
        encoding="utf-8",
    )
    article = read_one(page, settings)
    assert isinstance(article, Article), article
    assert "fined an online retailer" in article.text and "would appeal" in article.text
