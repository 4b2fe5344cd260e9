"""The JSON Lines contract of `newsgraph extract` (docs/cli.md): documents in, one result per input line out.

Lines are parsed into Articles with the text kept exactly as given (offsets point into it); a line that
is not a document becomes an error record in its place, so output line n always answers input line n.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from core.dates import iso_date
from core.records import Article, content_hash
from nlp.runtime.extract import Extractor


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
    except RecursionError:
        return LineError(f"line {number}: JSON nested too deeply to read")
    except ValueError:  # int() refuses a number of more than 4300 digits
        return LineError(f"line {number}: not valid JSON (a number of more than 4300 digits)")
    if not isinstance(data, dict):
        return LineError(f"line {number}: expected a JSON object, got {type(data).__name__}")
    doc_id, text = data.get("id"), data.get("text")
    if not isinstance(doc_id, str) or not doc_id:
        return LineError(f"line {number}: `id` must be a non-empty string")
    if not isinstance(text, str):
        return LineError(f"line {number}: `text` must be a string", doc_id)
    surrogate = _lone_surrogate(text)
    if surrogate is not None:
        return LineError(
            f"line {number}: `text` holds a lone surrogate U+{ord(text[surrogate]):04X} at offset {surrogate}, "
            "which is not a Unicode character",
            doc_id,
        )
    published = data.get("published")
    if published is not None and (
        not isinstance(published, str) or len(published) != 10 or iso_date(published) is None
    ):
        return LineError(f"line {number}: `published` must be a YYYY-MM-DD calendar date, got {published!r}", doc_id)
    title, url = data.get("title"), data.get("url")
    return Article(
        id=doc_id,
        text=text,
        content_hash=content_hash(text),
        published=published,
        title=title if isinstance(title, str) and _lone_surrogate(title) is None else None,
        url=url if isinstance(url, str) and _lone_surrogate(url) is None else None,
    )


def _lone_surrogate(text: str) -> int | None:
    """Offset of the first lone surrogate: JSON's \\ud800 escapes decode to one, and no UTF-8 can hold it."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        return e.start
    return None


def json_line(record: dict[str, Any]) -> str:
    """One output line: UTF-8 text as is, or \\u escapes when a value (an id) holds what UTF-8 cannot."""
    line = json.dumps(record, ensure_ascii=False)
    if _lone_surrogate(line) is not None:
        line = json.dumps(record)
    return line + "\n"


def error_record(error: LineError) -> dict[str, Any]:
    return {
        "id": error.doc_id,
        "statements": [],
        "entities": [],
        "roles": [],
        "relations": [],
        "links": [],
        "error": str(error),
    }


@dataclass(frozen=True, slots=True)
class OverlongLine:
    """A line longer than the limit, read past without being kept."""

    length: int
    limit: int


def bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes | OverlongLine]:
    """The lines of ``handle``, none held in memory past ``limit`` bytes: a longer one is read past in pieces."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        length = len(line)
        while line and not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
            length += len(line)
        yield OverlongLine(length, limit)


def contract_lines(lines: Iterable[bytes | str | OverlongLine], extractor: Extractor) -> Iterator[dict[str, Any]]:
    """One output record per input line, in order; articles stream through ``extractor.extract``.

    Lines may come as bytes: each is decoded on its own, so one line that is not UTF-8 is that line's error.
    """
    waiting: deque[Article | LineError] = deque()

    def articles() -> Iterator[Article]:
        for number, line in enumerate(lines, start=1):
            item = document_item(number, line)
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


def document_item(number: int, line: bytes | str | OverlongLine) -> Article | LineError:
    """The Article of input line ``number`` as read by ``bounded_lines`` (bytes), or why it is not one."""
    if isinstance(line, OverlongLine):
        return LineError(f"line {number}: longer than {line.limit:,} bytes (setting max_bytes), not read")
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as e:
            return LineError(f"line {number}: not UTF-8 text (byte {e.start} of the line)")
    line = line.rstrip("\n").rstrip("\r")
    return parse_line(number, line) if line.strip() else LineError(f"line {number}: empty line")
