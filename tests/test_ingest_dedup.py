"""Duplicates, syndicated near-duplicates, the SeenIndex contract and the run summary/report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.records import Article, Skipped
from ingest import IngestSummary, MemorySeenIndex, SeenIndex, latest_report, save_run_report, write_report
from ingest.article import ArticleDraft, article_to_dict, build_article
from ingest.dedup import Deduplicator

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

WIRE = (
    "The European Commission on Wednesday proposed new rules that would ban the use of real-time facial "
    "recognition in public spaces, with narrow exceptions for the search for missing children and the prevention "
    "of imminent terrorist attacks.\n"
    "The proposal, which still needs the approval of member states and the European Parliament, would also require "
    "companies that sell high-risk artificial intelligence systems to register them in a public database.\n"
    "Civil liberties groups welcomed the ban but said the exceptions were so broad that police forces could still "
    "deploy the technology almost everywhere.\n"
    "Industry associations warned that the rules would slow innovation and push start-ups to move outside Europe.\n"
    "Officials said fines could reach six percent of a company's global annual turnover."
)


def article(text: str, url: str | None = None, origin: str = "x") -> Article:
    return build_article(ArticleDraft(text=text, origin=origin, url=url))


def test_syndicated_copies_are_marked_as_near_duplicates_of_the_first():
    dedup = Deduplicator()
    original = dedup.admit(article(WIRE, "https://wire.example.net/a"))
    retitled = WIRE.replace("The European Commission on Wednesday", "BRUSSELS (Wire) - The European Commission")
    copy_with_footer = dedup.admit(
        article(retitled + "\nReporting by the Brussels bureau; editing by the tech desk.", "https://paper.example/b")
    )
    trimmed_copy = dedup.admit(article(WIRE.rsplit("\n", 1)[0], "https://third.example/c"))
    assert isinstance(original, Article) and original.near_duplicate_of is None
    assert isinstance(copy_with_footer, Article) and copy_with_footer.near_duplicate_of == original.id
    assert isinstance(trimmed_copy, Article) and trimmed_copy.near_duplicate_of == original.id


def test_different_stories_on_the_same_topic_are_not_near_duplicates():
    dedup = Deduplicator()
    texts = [p.read_text(encoding="utf-8") for p in sorted((SAMPLES / "wikinews").glob("*scientology*"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SAMPLES / "wikinews").glob("wikinews-*.txt"))]
    results = [dedup.admit(article(t, origin=str(i))) for i, t in enumerate(dict.fromkeys(texts))]
    assert all(isinstance(r, Article) and r.near_duplicate_of is None for r in results)


def test_short_texts_are_never_near_duplicates():
    dedup = Deduplicator()
    dedup.admit(article("The council met on Tuesday."))
    second = dedup.admit(article("The council met on Tuesday!"))
    assert isinstance(second, Article) and second.near_duplicate_of is None


def test_exact_repeats_by_url_text_and_earlier_runs():
    earlier = article("An earlier story about the tram line and its delays.", "https://news.example/old")
    dedup = Deduplicator(MemorySeenIndex([earlier]))
    first = dedup.admit(article("The council met.", "https://news.example/a"))
    assert isinstance(first, Article)
    assert dedup.admit(article("Another text.", "https://news.example/a?utm_source=x")) == Skipped(
        "x", f"duplicate: same URL as article {first.id}"
    )
    assert dedup.admit(article("The council met.", "https://mirror.example/a")) == Skipped(
        "x", f"duplicate: same text as article {first.id}"
    )
    assert dedup.admit(article("Changed.", "https://news.example/old")) == Skipped(
        "x", "already ingested: https://news.example/old"
    )
    same_text_no_url = article(earlier.text)
    assert dedup.admit(same_text_no_url) == Skipped("x", f"already ingested: article {same_text_no_url.id}")


def test_memory_seen_index_is_a_seen_index_and_reads_earlier_output(tmp_path):
    a = article("The council met on Tuesday.", "https://news.example/a")
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps(article_to_dict(a)) + "\n\n", encoding="utf-8")
    index = MemorySeenIndex.from_jsonl(path)
    assert isinstance(index, SeenIndex)
    assert index.has_url("https://news.example/a") and index.has_hash(a.content_hash) and index.has_id(a.id)
    assert not index.has_url("https://news.example/b")
    path.write_bytes(b'{"id": "x"}\n[1]\n\xff\n{"id": "y"}\n')
    damaged = MemorySeenIndex.from_jsonl(path)  # a damaged line costs that line, not the earlier output
    assert damaged.damaged_lines == [2, 3]
    assert damaged.has_id("x") and damaged.has_id("y")


def test_summary_counts_by_reason_and_report_round_trip(tmp_path):
    summary = IngestSummary(sources=("a", "b"))
    near = Article(id="n", text="t", content_hash="h", near_duplicate_of="o")
    items = [
        Article(id="o", text="t", content_hash="h"),
        near,
        Skipped("1", "http error: 404 Not Found"),
        Skipped("2", "http error: 500 Internal Server Error"),
        Skipped("3", "duplicate: same text as article o"),
        Skipped("4", "already ingested: https://x.example/"),
        Skipped("5", "no article: no main text found in the page"),
    ]
    for item in items:
        summary.record_read(item)
    summary.record_outcome(items[0])
    summary.record_outcome(Skipped("n", "extraction failed: spaCy error"))
    summary.finish()
    data = summary.to_dict()
    assert (data["read"], data["articles"], data["loaded"], data["near_duplicates"]) == (7, 2, 1, 1)
    assert (data["duplicates"], data["already_ingested"], data["skipped"]) == (1, 1, 4)
    assert data["skipped_by_reason"] == {"http error": 2, "extraction failed": 1, "no article": 1}
    assert {"item": "5", "reason": "no article: no main text found in the page"} in data["skipped_items"]
    assert summary.text().splitlines()[0] == (
        "read 7, loaded 1, near-duplicates 1, duplicates 2 (1 already ingested), skipped 4"
    )
    write_report(summary, tmp_path / "r" / "report.json")
    assert json.loads((tmp_path / "r" / "report.json").read_text()) == data
    saved = save_run_report(summary, tmp_path / "data")
    assert saved.exists() and latest_report(tmp_path / "data") == data
    assert latest_report(tmp_path / "empty") is None


@pytest.mark.parametrize(
    "damaged",
    [b"\xff\xfe not UTF-8", b'{"read": 1' + b"0" * 5000 + b"}", b"[1, 2]", b'"a report"', b'{"read": 1'],
    ids=["not utf-8", "a number of 5000 digits", "a list", "a string", "cut short"],
)
def test_a_damaged_last_report_reads_as_none(tmp_path, damaged):
    """The overview page shows the last report; one edited or damaged by hand must not take the page down."""
    folder = tmp_path / "ingest-reports"
    folder.mkdir()
    (folder / "latest.json").write_bytes(damaged)
    assert latest_report(tmp_path) is None


@pytest.mark.parametrize(
    ("edited", "kept"),
    [
        ({"read": "[x](javascript:alert(1))", "loaded": 3}, {"loaded": 3}),
        ({"read": True, "skipped": 2.5, "finished": 5}, {}),
        (
            {"skipped_items": [1, None, {"item": 2, "reason": "x"}, {"item": "a", "reason": "b"}]},
            {"skipped_items": [{"item": "a", "reason": "b"}]},
        ),
        ({"skipped_items": "all of them"}, {"skipped_items": []}),
    ],
    ids=["markup for a count", "counts and time of other types", "skipped items of other shapes", "not a list"],
)
def test_a_last_report_edited_by_hand_keeps_only_what_a_run_writes(tmp_path, edited, kept):
    folder = tmp_path / "ingest-reports"
    folder.mkdir()
    (folder / "latest.json").write_text(json.dumps(edited))
    assert latest_report(tmp_path) == kept
