"""The JSON Lines contract of `newsgraph extract` (DESIGN.md): documents in, one result per input line out.

Lines are parsed into Articles with the text kept exactly as given (offsets point into it); a line that
is not a document becomes an error record in its place, so output line n always answers input line n.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from newsgraph.records import Article, content_hash
from nlp.extract import Extractor

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class LineError(Exception):
    """An input line that is not a document; ``doc_id`` is kept when it could be read."""

    def __init__(self, message: str, doc_id: str | None = None) -> None:
        super().__init__(message)
        self.doc_id = doc_id


def parse_line(number: int, line: str) -> Article | LineError:
    """The Article of one input line, or why it is not one. The text is kept exactly as given."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as e:
        return LineError(f"line {number}: not valid JSON ({e.msg} at column {e.colno})")
    if not isinstance(data, dict):
        return LineError(f"line {number}: expected a JSON object, got {type(data).__name__}")
    doc_id, text = data.get("id"), data.get("text")
    if not isinstance(doc_id, str) or not doc_id:
        return LineError(f"line {number}: `id` must be a non-empty string")
    if not isinstance(text, str):
        return LineError(f"line {number}: `text` must be a string", doc_id)
    published = data.get("published")
    if published is not None and (not isinstance(published, str) or not _DATE.match(published)):
        return LineError(f"line {number}: `published` must be a YYYY-MM-DD date, got {published!r}", doc_id)
    title, url = data.get("title"), data.get("url")
    return Article(
        id=doc_id,
        text=text,
        content_hash=content_hash(text),
        published=published,
        title=title if isinstance(title, str) else None,
        url=url if isinstance(url, str) else None,
    )


def error_record(error: LineError) -> dict[str, Any]:
    return {"id": error.doc_id, "statements": [], "entities": [], "roles": [], "relations": [], "error": str(error)}


def contract_lines(lines: Iterable[str], extractor: Extractor) -> Iterator[dict[str, Any]]:
    """One output record per input line, in order; articles stream through ``extractor.extract``."""
    waiting: deque[Article | LineError] = deque()

    def articles() -> Iterator[Article]:
        for number, line in enumerate(lines, start=1):
            item = parse_line(number, line) if line.strip() else LineError(f"line {number}: empty line")
            waiting.append(item)
            if isinstance(item, Article):
                yield item

    for extraction in extractor.extract(articles()):
        while waiting and isinstance(waiting[0], LineError):
            yield error_record(waiting.popleft())  # type: ignore[arg-type]
        waiting.popleft()
        yield extraction.to_contract()
    while waiting:
        yield error_record(waiting.popleft())  # type: ignore[arg-type]
