"""Plain-text and Markdown articles: optional header lines, a bare first-line date, a title line.

Accepted shapes (see docs/ingest.md):
- header lines ``Title:``, ``Date:``, ``URL:``, ``Source:``, ``Author:``, ``Language:`` (also ``Published:``,
  ``Link:``, ``Byline:``; other keys are ignored), then a blank line, then the text — the Wikinews sample format;
- Markdown front matter: the same keys between two ``---`` lines;
- a first line that is only a date (``02.12.2022.`` or ``2022-12-02``), as in the Serbian sample;
- else a dateline at the head of the text or under its title (``BELGRADE, 2 December 2022 (Reuters) -``,
  ``core.dateline``) gives the publication date and stays in the text;
- after either, a single short line followed by a blank line is the title; in Markdown, a ``# Title`` line.
"""

from __future__ import annotations

import re

from core.dateline import dateline_date
from ingest.article import ArticleDraft
from ingest.normalize import parse_date

HEADER_KEYS = {
    "title": "title",
    "date": "published",
    "published": "published",
    "published_at": "published",
    "pubdate": "published",
    "url": "url",
    "link": "url",
    "source": "source",
    "author": "author",
    "byline": "author",
    "language": "language",
    "license": None,
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_ -]{1,20}):\s*(.*)$")
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
    if "published" not in fields:
        _set_dateline(fields, body)  # "BELGRADE, 2 December 2022 (Reuters) - …" stays text, and dates it
    if "title" not in fields:
        title, body = _split_title(body)
        if title:
            fields["title"] = title
            if "published" not in fields:
                _set_dateline(fields, body)  # the dateline under the headline
    return ArticleDraft(text=body, origin=origin, **fields)


def _set_dateline(fields: dict[str, str], body: str) -> None:
    date = dateline_date(body)
    if date:
        fields["published"] = date


def _split_header(text: str) -> tuple[dict[str, str], str]:
    stripped = text.lstrip("\n")
    if stripped.startswith("---\n"):
        # Front matter of Markdown sites (Jekyll, Hugo): `key: value` lines between two `---` lines.
        block, sep, rest = stripped[4:].partition("\n---")
        if sep and rest[:1] in ("", "\n"):
            matches = [_HEADER_LINE.match(line.strip()) for line in block.split("\n")]
            return _fields([m for m in matches if m]), rest.lstrip("\n")
        return {}, text
    block, sep, rest = stripped.partition("\n\n")
    if not sep:
        return {}, text
    matches = [_HEADER_LINE.match(line.strip()) for line in block.split("\n")]
    # Every line must look like `Key: value` and at least one key must be known, so a first paragraph
    # such as "Note: the vote was postponed." stays text while extra keys (Category:, Tags:) are allowed.
    if not all(matches) or not any(_key(m) in HEADER_KEYS for m in matches if m):
        return {}, text
    return _fields([m for m in matches if m]), rest


def _key(match: re.Match[str]) -> str:
    return match.group(1).strip().lower().replace(" ", "_")


def _fields(matches: list[re.Match[str]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for match in matches:
        field = HEADER_KEYS.get(_key(match))
        value = match.group(2).strip().strip("\"'").strip()
        if field and value and field not in fields:
            fields[field] = value
    return fields


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
