"""Getting articles in: files, folders, URLs, feeds and sitemaps → ``Article`` records (no NLP, no graph).

Public API: ``read_sources`` (a stream of ``Article | Skipped``), ``SeenIndex`` (what earlier runs
stored), ``MemorySeenIndex``, ``IngestSummary`` and the report helpers. See docs/ingest.md.
"""

from ingest.dedup import MemorySeenIndex, SeenIndex
from ingest.report import IngestSummary, latest_report, save_run_report, write_report
from ingest.sources import read_sources

__all__ = [
    "IngestSummary",
    "MemorySeenIndex",
    "SeenIndex",
    "latest_report",
    "read_sources",
    "save_run_report",
    "write_report",
]
