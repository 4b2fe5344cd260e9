"""The run summary: what was read, loaded, repeated and skipped, and why — for people and for machines.

A skip reason is written ``"<category>: <detail>"`` (``"http error: 404 Not Found"``); the summary
counts by category, and the report keeps every skipped item with its full reason. The pipeline reuses
this: it reports each article it finishes through ``record_outcome`` (loaded, or Skipped on failure).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.records import Article, Skipped

DUPLICATE = "duplicate"
ALREADY_INGESTED = "already ingested"
REPORT_FOLDER = "ingest-reports"
LATEST_REPORT = "latest.json"


def reason_category(reason: str) -> str:
    """The part of a skip reason before the first colon: what the summary counts by."""
    return reason.split(":", 1)[0].strip() or "unknown"


@dataclass
class IngestSummary:
    """Counts of one run. ``read`` counts every item looked at: articles plus skipped items."""

    sources: tuple[str, ...] = ()
    read: int = 0
    articles: int = 0  # new articles handed on (near-duplicates included)
    loaded: int = 0  # articles written (--no-graph) or loaded into the graph
    near_duplicates: int = 0
    duplicates: int = 0  # repeats within the run
    already_ingested: int = 0  # repeats of earlier runs
    skipped: Counter[str] = field(default_factory=Counter)  # category -> count, repeats excluded
    skipped_items: list[Skipped] = field(default_factory=list)
    started: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    finished: str | None = None
    interrupted: bool = False  # the user stopped the run; the counts cover what was done
    error: str | None = (
        None  # the one-line error that stopped the run (Neo4j went away); the counts cover what was done
    )

    def record_read(self, item: Article | Skipped) -> None:
        """Count an item as ingest yields it."""
        self.read += 1
        if isinstance(item, Article):
            self.articles += 1
            self.near_duplicates += item.near_duplicate_of is not None
            return
        category = reason_category(item.reason)
        if category == DUPLICATE:
            self.duplicates += 1
        elif category == ALREADY_INGESTED:
            self.already_ingested += 1
        else:
            self.skipped[category] += 1
            self.skipped_items.append(item)

    def record_outcome(self, item: Article | Skipped) -> None:
        """Count what a later stage did with an article: loaded, or skipped with its reason."""
        if isinstance(item, Article):
            self.loaded += 1
        else:
            self.skipped[reason_category(item.reason)] += 1
            self.skipped_items.append(item)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def finish(self) -> None:
        self.finished = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": list(self.sources),
            "started": self.started,
            "finished": self.finished,
            "interrupted": self.interrupted,
            "error": self.error,
            "read": self.read,
            "articles": self.articles,
            "loaded": self.loaded,
            "near_duplicates": self.near_duplicates,
            "duplicates": self.duplicates,
            "already_ingested": self.already_ingested,
            "skipped": self.skipped_total,
            "skipped_by_reason": dict(sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0]))),
            "skipped_items": [{"item": s.item, "reason": s.reason} for s in self.skipped_items],
        }

    def text(self, shown: Callable[[str], str] = str) -> str:
        """The human summary printed at the end of a run; ``shown`` makes item names and categories safe to
        print (the CLI escapes the control characters a file name or URL may hold)."""
        lines = [
            f"read {self.read}, loaded {self.loaded}, near-duplicates {self.near_duplicates}, "
            f"duplicates {self.duplicates + self.already_ingested} ({self.already_ingested} already ingested), "
            f"skipped {self.skipped_total}"
        ]
        examples: dict[str, str] = {}
        for item in self.skipped_items:
            examples.setdefault(reason_category(item.reason), item.item)
        for category, count in self.to_dict()["skipped_by_reason"].items():
            example = f" (e.g. {shown(examples[category])})" if category in examples else ""
            lines.append(f"  skipped, {shown(category)}: {count}{example}")
        return "\n".join(lines)


def write_report(summary: IngestSummary, path: Path) -> None:
    """Write the JSON report atomically (a reader never sees half a file)."""
    temporary = _written(summary, path.parent)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def save_run_report(summary: IngestSummary, data_dir: Path) -> Path:
    """Keep the report in the data folder under a name no other run takes, and as ``latest.json``.

    The name is the finishing time (``ingest-2026-11-26T191758Z.json``), with ``-2``, ``-3``… when runs finish
    in the same second: the file is linked in place, which fails rather than overwrite another run's report.
    """
    folder = data_dir / REPORT_FOLDER
    stamp = (summary.finished or summary.started).replace(":", "").replace("+0000", "Z")
    temporary = _written(summary, folder)
    try:
        for number in itertools.count(1):
            path = folder / (f"ingest-{stamp}.json" if number == 1 else f"ingest-{stamp}-{number}.json")
            try:
                os.link(temporary, path)
                break
            except FileExistsError:
                continue
        os.replace(temporary, folder / LATEST_REPORT)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def _written(summary: IngestSummary, folder: Path) -> Path:
    """The report in a new hidden file of ``folder``, complete on disk, to be renamed into place."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix=".report-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(summary.to_dict(), out, ensure_ascii=False, indent=2)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def latest_report(data_dir: Path) -> dict[str, Any] | None:
    """The last run's report, or None when nothing was ingested yet (the explorer's overview uses it)."""
    path = data_dir / REPORT_FOLDER / LATEST_REPORT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # damaged or edited by hand: not UTF-8, not JSON, a huge number
        return None
    return _as_written(data) if isinstance(data, dict) else None


_REPORT_COUNTS = ("read", "articles", "loaded", "near_duplicates", "duplicates", "already_ingested", "skipped")
_REPORT_TIMES = ("started", "finished")


def _as_written(report: dict[str, Any]) -> dict[str, Any]:
    """The report with only what `IngestSummary.to_dict` writes where a reader looks: a count that is no whole
    number, a time that is no text and a skipped item that is no {item, reason} of texts (a file edited by hand)
    are left out, so the page showing it neither fails nor shows markup from it."""
    kept = dict(report)
    for key in _REPORT_COUNTS:
        if key in kept and (not isinstance(kept[key], int) or isinstance(kept[key], bool)):
            del kept[key]
    for key in _REPORT_TIMES:
        if key in kept and not isinstance(kept[key], str):
            del kept[key]
    if "skipped_items" in kept:
        items = kept["skipped_items"] if isinstance(kept["skipped_items"], list) else []
        kept["skipped_items"] = [
            item
            for item in items
            if isinstance(item, dict) and isinstance(item.get("item"), str) and isinstance(item.get("reason"), str)
        ]
    return kept
