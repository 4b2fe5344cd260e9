"""Plain-text and Markdown articles: optional header lines, a bare first-line date, a title line.

Accepted shapes (see docs/ingest.md):
- header lines ``Title:``, ``Date:``, ``URL:``, ``Source:``, ``Author:``, ``Language:`` (also ``License:``,
  ``Published:``), then a blank line, then the text — the Wikinews sample format;
- a first line that is only a date (``02.12.2022.`` or ``2022-12-02``), as in the Serbian sample;
- after either, a single short line followed by a blank line is the title; in Markdown, a ``# Title`` line.
"""

from __future__ import annotations

import re

from ingest.article import ArticleDraft
from ingest.normalize import parse_date

HEADER_KEYS = {
    "title": "title",
    "date": "published",
    "published": "published",
    "url": "url",
    "link": "url",
    "source": "source",
    "author": "author",
    "language": "language",
    "license": None,
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z ]{1,20}):\s*(.*)$")
_MARKDOWN_TITLE = re.compile(r"^#\s+(.+?)\s*#*$")
_MAX_TITLE_CHARS = 200
_SENTENCE_END = (".", ";", ",")


def parse_text_document(text: str, origin: str) -> ArticleDraft:
    """Split header, date and title lines off a text document; the rest is the article text."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    fields, body = _split_header(text)
    if "published" not in fields:
        date, body = _split_leading_date(body)
        if date:
            fields["published"] = date
    if "title" not in fields:
        title, body = _split_title(body)
        if title:
            fields["title"] = title
    return ArticleDraft(text=body, origin=origin, **fields)


def _split_header(text: str) -> tuple[dict[str, str], str]:
    block, sep, rest = text.lstrip("\n").partition("\n\n")
    if not sep:
        return {}, text
    fields: dict[str, str] = {}
    for line in block.split("\n"):
        match = _HEADER_LINE.match(line.strip())
        key = match.group(1).strip().lower() if match else None
        if match is None or key not in HEADER_KEYS:
            return {}, text
        field = HEADER_KEYS[key]
        if field and match.group(2).strip():
            fields[field] = match.group(2).strip()
    return fields, rest


def _split_leading_date(body: str) -> tuple[str | None, str]:
    stripped = body.lstrip()
    first, _, rest = stripped.partition("\n")
    if first.strip() and len(first) <= 40 and parse_date(first.strip()) and _is_bare_date(first):
        return first.strip(), rest
    return None, body


def _is_bare_date(line: str) -> bool:
    # Only digits and separators: "02.12.2022." is a date line, "May 2022 was hot." is a sentence.
    return re.fullmatch(r"\s*\d{1,4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,4}\.?\s*", line) is not None


def _split_title(body: str) -> tuple[str | None, str]:
    stripped = body.lstrip()
    first, sep, rest = stripped.partition("\n")
    markdown = _MARKDOWN_TITLE.match(first.strip())
    if markdown:
        return markdown.group(1), rest
    # A lone short line set off by a blank line, not ending like a sentence, is a headline.
    if sep and rest.startswith("\n") and rest.strip() and _looks_like_title(first.strip()):
        return first.strip(), rest
    return None, body


def _looks_like_title(line: str) -> bool:
    return 0 < len(line) <= _MAX_TITLE_CHARS and not line.endswith(_SENTENCE_END)
