"""Text-level ingestion: normalisation, dates, URLs, decoding and the .txt/.md header formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import IngestError
from core.records import content_hash
from ingest.article import ArticleDraft, article_from_dict, article_to_dict, build_article
from ingest.decode import declared_encoding, decode_bytes
from ingest.normalize import article_id, canonical_url, normalize_text, parse_date
from ingest.textfile import parse_text_document

DATA = Path(__file__).parent / "data" / "ingest"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_normalize_text_handles_spaces_line_ends_and_invisible_characters():
    raw = "Caf\u0065\u0301\u00a0bar\r\n\r\n\r\n\r\n  two\u202fwords  \u200b\rthird\u2028fourth \u00ad"
    assert normalize_text(raw) == "Café bar\n\ntwo words\nthird\nfourth"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\tb\x00c\x7fd  e \n f\n\n\n\ng\r\nh\rI", "a bcd e\nf\n\ng\nh\nI"),  # ASCII only
        ("Đurić\x85said\x07 “no”\u2029\u2060end\u200f", "Đurić\nsaid “no”\nend\u200f"),  # RLM is kept
        ("  \u3000 ", ""),
        ("one line", "one line"),
    ],
)
def test_normalize_text_cases(raw, expected):
    assert normalize_text(raw) == expected
    assert normalize_text(expected) == expected


def test_normalize_text_is_idempotent_on_the_sample_corpus():
    text = (SAMPLES / "rferl-serbia-surveillance-part1.txt").read_text(encoding="utf-8")
    once = normalize_text(text)
    assert "\u00a0" not in once
    assert normalize_text(once) == once


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("02.12.2022.", "2022-12-02"),
        ("2.12.2022", "2022-12-02"),
        ("14/03/2023", "2023-03-14"),
        ("2017-07-18", "2017-07-18"),
        ("2023-03-14T08:30:00+01:00", "2023-03-14"),
        ("Tue, 14 Mar 2023 08:30:00 +0100", "2023-03-14"),
        ("Friday, July 21, 2017", "2017-07-21"),
        ("31.02.2020", None),
        ("2999-01-01", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_canonical_url_strips_tracking_fragment_and_default_port():
    assert (
        canonical_url("HTTPS://News.Example.COM:443/a/b?utm_source=x&id=7#comments")
        == "https://news.example.com/a/b?id=7"
    )
    assert canonical_url("/story", base="https://news.example.com/section/") == "https://news.example.com/story"
    assert canonical_url("ftp://news.example.com/a") is None
    assert canonical_url("not a url") is None


def test_article_id_prefers_the_url_and_falls_back_to_the_content_hash():
    text_hash = content_hash("body")
    by_url = article_id("https://news.example.com/a", text_hash)
    assert by_url != article_id("https://news.example.com/b", text_hash)
    assert by_url == article_id("https://news.example.com/a", content_hash("another body"))
    assert article_id(None, text_hash) == text_hash[:32]


def test_build_article_normalises_once_and_hashes_the_stored_text():
    article = build_article(ArticleDraft(text="He said\u00a0“no”.\r\n", origin="x", published="02.12.2022.", url=None))
    assert article.text == "He said “no”."
    assert article.content_hash == content_hash(article.text)
    assert article.id == article.content_hash[:32]
    assert article.published == "2022-12-02"
    assert article.language == "en"
    assert article_from_dict(article_to_dict(article)) == article


def test_build_article_refuses_text_that_normalises_to_nothing():
    with pytest.raises(IngestError, match=r"^empty:"):
        build_article(ArticleDraft(text=" \u00a0\u200b\r\n ", origin="x"))


def test_article_from_dict_rejects_records_without_id():
    with pytest.raises(IngestError, match="`id`"):
        article_from_dict({"text": "x", "content_hash": "h"})


def test_wikinews_header_format():
    draft = parse_text_document((SAMPLES / "wikinews" / "wikinews-asylum.txt").read_text(encoding="utf-8"), "x")
    assert draft.title == "Over 900 asylum seekers rescued off Indonesian coast"
    assert draft.published == "2015-05-18"
    assert draft.url == "https://en.wikinews.org/wiki/Over_900_asylum_seekers_rescued_off_Indonesian_coast"
    assert draft.source == "Wikinews"
    assert draft.text.startswith("Monday, May 18, 2015\nOn Friday, fishermen rescued")
    assert "License:" not in draft.text


def test_bare_first_line_date_and_title_of_the_serbian_report():
    text = (SAMPLES / "rferl-serbia-surveillance-part1.txt").read_text(encoding="utf-8")
    article = build_article(parse_text_document(text, "x"))
    assert article.published == "2022-12-02"
    assert article.title == "The fight in Serbia over Chinese-style surveillance (Part One)"
    assert article.text.startswith("The spread of Chinese surveillance technology")
    assert "02.12.2022" not in article.text[:50]


def test_markdown_title_and_plain_text_without_header():
    draft = parse_text_document("# Tram opens late\n\nThe tram opened on Sunday.\n", "x")
    assert (draft.title, draft.text.strip()) == ("Tram opens late", "The tram opened on Sunday.")
    plain = parse_text_document("The tram opened on Sunday. It was late.\nResidents cheered.", "x")
    assert plain.title is None and plain.published is None
    assert plain.text.startswith("The tram opened")


def test_markdown_front_matter_and_extra_header_keys():
    front = parse_text_document(
        '---\ntitle: "Tram opens"\ndate: 12.03.2023.\ntags: [city]\n---\n\nThe tram opened.', "x"
    )
    assert (front.title, front.published, front.text) == ("Tram opens", "12.03.2023.", "The tram opened.")
    extra = parse_text_document(
        "Title: Budget passed\nCategory: Politics\nByline: Ana Kovač\n\nThe budget passed.", "x"
    )
    assert (extra.title, extra.author, extra.text) == ("Budget passed", "Ana Kovač", "The budget passed.")


def test_a_sentence_first_line_is_not_taken_for_a_title_or_a_header():
    draft = parse_text_document("Note: the vote was postponed.\n\nThe council met on Tuesday.", "x")
    assert draft.title is None
    assert draft.text.startswith("Note: the vote was postponed.")


@pytest.mark.parametrize(
    ("name", "must_contain"),
    [
        ("serbian_latin_cp1250.txt", "Šef odeljenja Željko Đurić kaže da će sistem biti proširen"),
        ("serbian_latin_iso8859_2.txt", "Šef odeljenja Željko Đurić kaže da će sistem biti proširen"),
        ("serbian_cyrillic_cp1251.txt", "Градско веће Београда одложило је гласање"),
    ],
)
def test_legacy_encodings_decode_correctly(name, must_contain):
    text = decode_bytes((DATA / name).read_bytes())
    assert must_contain in text
    draft = parse_text_document(text, name)
    assert draft.published == "2023-03-14" or draft.published == "14.03.2023."
    assert build_article(draft).published == "2023-03-14"


def test_declared_encodings_win_over_detection():
    data = (DATA / "declared_cp1250.html").read_bytes()
    assert declared_encoding(data) == "cp1250"
    assert "Šef odeljenja Željko Đurić" in decode_bytes(data)
    assert declared_encoding(b"abc", "text/html; charset=ISO-8859-2") == "iso8859-2"
    assert decode_bytes("Đurić".encode("utf-16")) == "Đurić"


def test_binary_and_undecodable_bytes_are_refused_with_a_reason():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    with pytest.raises(IngestError, match=r"^binary:"):
        decode_bytes(png)
    with pytest.raises(IngestError, match=r"^(binary|undecodable):"):
        decode_bytes(bytes(range(128, 256)) * 40)


def test_a_page_that_claims_utf16_in_an_ascii_meta_tag_is_read_as_what_it_is():
    """UTF-16 markup is half NUL bytes; a page whose meta tag could be read as ASCII is not UTF-16 (it was read as
    CJK noise and dropped as "no article")."""
    page = '<html><head><meta charset="utf-16"></head><body><p>Ana Lee said — in May.</p></body></html>'
    assert decode_bytes(page.encode("utf-8")) == page
    assert decode_bytes(page.encode("utf-16")) == page  # with its BOM: the declaration is true
