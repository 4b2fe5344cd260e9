"""`newsgraph ingest` end to end through click: JSON Lines out, summary, report, resume, pipeline hand-off."""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.records import Article, Skipped
from ingest import MemorySeenIndex
from newsgraph.cli import cli
from tests.endless_input import EndlessInput

DATA = Path(__file__).parent / "data" / "ingest"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
NEWSGRAPH = Path(sys.executable).parent / "newsgraph"


@pytest.fixture
def runner(base_settings, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSGRAPH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NEWSGRAPH_CONFIG", raising=False)
    return CliRunner()


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_no_graph_writes_articles_summary_and_report(runner, tmp_path):
    out, report = tmp_path / "articles.jsonl", tmp_path / "report.json"
    result = runner.invoke(
        cli,
        [
            "ingest",
            str(SAMPLES),
            str(DATA / "no_article.html"),
            "/no/such/file.txt",
            "--no-graph",
            "--out",
            str(out),
            "--report",
            str(report),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = _lines(out)
    assert len(rows) == 25
    serbian = next(r for r in rows if r["title"].startswith("The fight in Serbia"))
    assert serbian["published"] == "2022-12-02" and serbian["content_hash"] and serbian["id"]
    assert set(serbian) >= {"id", "text", "published", "url", "title", "source", "language", "near_duplicate_of"}
    assert "read 28, loaded 25, near-duplicates 0, duplicates 0 (0 already ingested), skipped 3" in result.output
    assert "skipped, not found: 1" in result.output and "skipped, no article: 1" in result.output
    data = json.loads(report.read_text())
    assert data["loaded"] == 25 and data["skipped_by_reason"] == {"no article": 1, "not an article": 1, "not found": 1}
    latest = tmp_path / "data" / "ingest-reports" / "latest.json"
    assert json.loads(latest.read_text()) == data


def test_append_resumes_and_skips_what_the_file_holds(runner, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("wikinews-asylum.txt", "wikinews-clock.txt"):
        shutil.copy(SAMPLES / "wikinews" / name, folder / name)
    out = tmp_path / "articles.jsonl"
    assert runner.invoke(cli, ["ingest", str(folder), "--no-graph", "--out", str(out)]).exit_code == 0
    shutil.copy(SAMPLES / "wikinews" / "wikinews-crane.txt", folder / "wikinews-crane.txt")
    result = runner.invoke(cli, ["ingest", str(folder), "--no-graph", "--out", str(out), "--append"])
    assert result.exit_code == 0, result.output
    assert "read 3, loaded 1, near-duplicates 0, duplicates 2 (2 already ingested), skipped 0" in result.output
    assert [r["title"][:20] for r in _lines(out)] == [
        "Over 900 asylum seek",
        "Texas student Ahmed ",
        "At least 107 killed ",
    ]


def test_articles_go_to_stdout_and_the_summary_to_stderr(runner):
    result = CliRunner().invoke(cli, ["ingest", str(SAMPLES / "wikinews" / "wikinews-flag.txt"), "--no-graph"])
    assert result.exit_code == 0
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["title"].startswith("New Zealand begins process")
    assert "read 1, loaded 1" in result.stderr


def test_sources_from_a_list_and_strict_exit_code(runner, tmp_path):
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# my corpus\n{SAMPLES / 'wikinews' / 'wikinews-flag.txt'}\n\n/no/such.html\n")
    out = tmp_path / "a.jsonl"
    result = runner.invoke(cli, ["ingest", "--sources-from", str(listing), "--no-graph", "--out", str(out), "--strict"])
    assert result.exit_code == 2
    assert len(_lines(out)) == 1 and "skipped, not found: 1" in result.output


def test_usage_errors_are_one_line(runner, tmp_path):
    result = runner.invoke(cli, ["ingest", "--no-graph"])
    assert result.exit_code == 2 and "give at least one SOURCE" in result.output
    result = runner.invoke(cli, ["ingest", str(SAMPLES), "--out", str(tmp_path / "a.jsonl")])
    assert result.exit_code == 2 and "--out and --append go with --no-graph" in result.output


class _ClosableSeen(MemorySeenIndex):
    """The graph's answers to "seen before?", as the pipeline's ``seen_index`` gives them (closed after the run)."""

    def close(self) -> None:
        self.closed = True


class _Outcome:
    def text(self) -> str:
        return "graph: test outcome"


def _stand_in_stages(monkeypatch, run_pipeline, seen: _ClosableSeen | None = None) -> None:
    """The pipeline's two entry points replaced, so these tests see what the CLI hands over without spaCy or Neo4j."""
    from newsgraph import pipeline

    monkeypatch.setattr(pipeline, "run_pipeline", run_pipeline)
    monkeypatch.setattr(pipeline, "seen_index", lambda settings: seen if seen is not None else _ClosableSeen())


def test_graph_mode_hands_only_articles_to_run_pipeline_and_counts_its_outcomes(runner, monkeypatch, tmp_path):
    received: list[Article] = []

    def run_pipeline(articles, settings, on_progress):
        for article in articles:
            received.append(article)
            if "flag" in article.origin:
                on_progress(Skipped(article.id, "extraction failed: test"))
            else:
                on_progress(article)
        return _Outcome()

    _stand_in_stages(monkeypatch, run_pipeline)
    report = tmp_path / "r.json"
    sources = [str(SAMPLES / "wikinews" / n) for n in ("wikinews-flag.txt", "wikinews-crane.txt")] + ["/nope.txt"]
    result = runner.invoke(cli, ["ingest", *sources, "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert [a.title[:10] for a in received] == ["New Zealan", "At least 1"]
    assert "read 3, loaded 1, near-duplicates 0, duplicates 0 (0 already ingested), skipped 2" in result.output
    assert json.loads(report.read_text())["skipped_by_reason"] == {"extraction failed": 1, "not found": 1}


def test_graph_mode_uses_the_pipelines_seen_index_when_it_offers_one(runner, monkeypatch):
    from core.settings import load_settings
    from ingest import read_sources

    flag = str(SAMPLES / "wikinews" / "wikinews-flag.txt")
    (stored,) = list(read_sources([flag], load_settings()))
    received: list[Article] = []
    seen = _ClosableSeen([stored])
    _stand_in_stages(monkeypatch, lambda articles, settings, on_progress: received.extend(articles) or _Outcome(), seen)
    result = runner.invoke(cli, ["ingest", flag])
    assert result.exit_code == 0, result.output
    assert received == [] and seen.closed
    assert "duplicates 1 (1 already ingested)" in result.output


def test_the_output_read_back_as_a_source_gives_the_same_articles(runner, tmp_path):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    assert runner.invoke(cli, ["ingest", str(SAMPLES), "--no-graph", "--out", str(first)]).exit_code == 0
    result = runner.invoke(cli, ["ingest", str(first), "--no-graph", "--out", str(second)])
    assert result.exit_code == 0, result.output
    keys = ("id", "content_hash", "text", "title", "url", "published", "source", "language")
    assert [{k: r[k] for k in keys} for r in _lines(second)] == [{k: r[k] for k in keys} for r in _lines(first)]


def test_unwritable_outputs_fail_early_in_one_line(runner, tmp_path):
    source = str(SAMPLES / "wikinews" / "wikinews-flag.txt")
    blocked = tmp_path / "file"
    blocked.write_text("")
    result = runner.invoke(
        cli, ["ingest", source, "--no-graph", "--out", str(tmp_path / "a.jsonl"), "--report", str(blocked / "r.json")]
    )
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: cannot write the report {blocked / 'r.json'}: not a writable file location"
    assert not (tmp_path / "a.jsonl").exists(), "nothing is read before the outputs are known to work"
    result = runner.invoke(cli, ["ingest", source, "--no-graph", "--out", str(blocked / "a.jsonl")])
    assert result.exit_code == 1
    assert result.output.strip().startswith(f"Error: cannot write {blocked / 'a.jsonl'}: ")
    assert len(result.output.strip().splitlines()) == 1


def test_ctrl_c_keeps_the_summary_and_report_of_what_was_done(runner, monkeypatch, tmp_path):
    import newsgraph.cli_ingest as command
    from ingest import read_sources as real_read_sources

    def interrupted(sources, settings, seen=None):
        yield next(iter(real_read_sources(sources, settings, seen)))
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "read_sources", interrupted)
    out, report = tmp_path / "a.jsonl", tmp_path / "r.json"
    result = runner.invoke(
        cli, ["ingest", str(SAMPLES / "wikinews"), "--no-graph", "--out", str(out), "--report", str(report)]
    )
    assert result.exit_code == 130
    assert "interrupted: read 1, loaded 1" in result.output
    assert len(_lines(out)) == 1
    data = json.loads(report.read_text())
    assert data["interrupted"] is True and data["loaded"] == 1


def test_append_after_a_killed_run_drops_the_half_written_line(runner, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("wikinews-asylum.txt", "wikinews-clock.txt"):
        shutil.copy(SAMPLES / "wikinews" / name, folder / name)
    out = tmp_path / "articles.jsonl"
    assert runner.invoke(cli, ["ingest", str(folder), "--no-graph", "--out", str(out)]).exit_code == 0
    whole = out.read_bytes()
    out.write_bytes(whole[: whole.rindex(b"\n", 0, len(whole) - 1) + 40])  # the second record cut mid-way
    result = runner.invoke(cli, ["ingest", str(folder), "--no-graph", "--out", str(out), "--append"])
    assert result.exit_code == 0, result.output
    assert "ended in an incomplete record" in result.output
    assert "read 2, loaded 1, near-duplicates 0, duplicates 1 (1 already ingested)" in result.output
    assert out.read_bytes() == whole


def test_a_missing_url_scheme_gets_a_hint(runner):
    result = runner.invoke(cli, ["ingest", "www.example.com/news/story", "--no-graph"])
    assert "skipped, not found: 1 (e.g. www.example.com/news/story)" in result.stderr
    report = json.loads((Path(os.environ["NEWSGRAPH_DATA_DIR"]) / "ingest-reports" / "latest.json").read_text())
    assert report["skipped_items"][0]["reason"] == (
        "not found: no such file or folder (for a web page give the whole URL, with https://)"
    )


def test_a_fifo_on_the_command_line_or_in_a_sources_list_is_skipped_not_waited_for(tmp_path):
    fifo, listed = tmp_path / "f.txt", tmp_path / "g.jsonl"
    os.mkfifo(fifo)
    os.mkfifo(listed)
    listing = tmp_path / "sources.txt"
    listing.write_text(f"{listed}\n/dev/zero\n")
    environment = {**os.environ, "NEWSGRAPH_DATA_DIR": str(tmp_path / "data")}
    command = [str(NEWSGRAPH), "ingest", str(fifo), "--sources-from", str(listing), "--no-graph", "--strict"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment)
    finally:
        for pipe in (fifo, listed):  # let a reader stuck on a FIFO (the bug) finish
            with contextlib.suppress(OSError):
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "read 3, loaded 0" in result.stderr
    assert "skipped, not a regular file: 3" in result.stderr


def test_a_malformed_url_is_a_skipped_item_not_a_traceback(runner, tmp_path):
    listing = tmp_path / "sources.txt"
    listing.write_text("http://example.com:99999/a\nhttps://exa mple.com/\nftp://[::1\n", encoding="utf-8")
    result = runner.invoke(
        cli, ["ingest", "http://[::1", "--sources-from", str(listing), "--no-graph", "--out", str(tmp_path / "a.jsonl")]
    )
    assert result.exception is None, result.output
    assert result.exit_code == 0
    assert "read 4, loaded 0" in result.output and "skipped, refused URL: 4" in result.output


def _warc(path: Path, uri: str, html: bytes) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer = WARCWriter(handle, gzip=False)
        writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(html), http_headers=headers))


def test_malformed_urls_inside_files_drop_only_the_url(runner, tmp_path):
    story = (SAMPLES / "wikinews" / "wikinews-flag.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    bad = ["http://[::1", "http://example.com:abc/", "http://exa mple.com/", "http://\u2603\u2603..com/"]
    rows = [{"url": url, "text": f"{n}. {story}", "title": f"row {n}"} for n, url in enumerate(bad)]
    (tmp_path / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (tmp_path / "header.txt").write_text(f"Title: Header story\nURL: http://[::1\n\nX. {story}", encoding="utf-8")
    html = (DATA / "second.html").read_bytes()
    _warc(tmp_path / "archive.warc", "http://[::1", html)
    out = tmp_path / "a.jsonl"
    result = runner.invoke(cli, ["ingest", str(tmp_path / "rows.jsonl"), str(tmp_path / "header.txt"),
                                 str(tmp_path / "archive.warc"), "--no-graph", "--out", str(out)])  # fmt: skip
    assert result.exception is None, result.output
    assert "loaded 6" in result.output and "skipped 0" in result.output, result.output
    assert [row["url"] for row in _lines(out)] == [None] * 6


def test_a_truncated_archive_is_a_skip_and_strict_fails(runner, tmp_path):
    lines = [
        json.dumps({"text": f"Story {n}: " + "the council met and postponed the vote again " * 30}) for n in range(40)
    ]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    archive = tmp_path / "cut.jsonl.gz"
    archive.write_bytes(whole[: int(len(whole) * 0.7)])
    out = tmp_path / "a.jsonl"
    result = runner.invoke(cli, ["ingest", str(archive), "--no-graph", "--out", str(out), "--strict"])
    assert result.exit_code == 2, result.output
    assert "skipped, truncated archive: 1 (e.g. " in result.output
    assert 0 < len(_lines(out)) < 40


def test_runs_finishing_in_the_same_second_keep_their_own_reports(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from ingest import IngestSummary, latest_report, save_run_report

    summaries = [IngestSummary(sources=(f"run-{n}",), read=n) for n in range(8)]
    for summary in summaries:
        summary.finished = "2026-12-02T09:00:00+00:00"  # the same second for all of them
    with ThreadPoolExecutor(8) as pool:
        paths = list(pool.map(lambda s: save_run_report(s, tmp_path), summaries))
    assert len(set(paths)) == 8
    assert sorted(json.loads(p.read_text())["sources"][0] for p in paths) == [f"run-{n}" for n in range(8)]
    assert all(p.name.startswith("ingest-2026-12-02T090000Z") for p in paths)
    assert latest_report(tmp_path)["sources"][0] in {f"run-{n}" for n in range(8)}
    assert sorted(p.name for p in (tmp_path / "ingest-reports").iterdir() if p.name.startswith(".")) == []


def test_append_reads_past_a_damaged_line_in_the_output(runner, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("wikinews-asylum.txt", "wikinews-clock.txt", "wikinews-crane.txt"):
        shutil.copy(SAMPLES / "wikinews" / name, folder / name)
    out = tmp_path / "articles.jsonl"
    assert runner.invoke(cli, ["ingest", str(folder), "--no-graph", "--out", str(out)]).exit_code == 0
    first, second, third = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(first + second[:50] + b"\x00\xff garbage\n" + third)  # two writers crossed, or a bad disk
    result = runner.invoke(cli, ["ingest", str(folder), "--no-graph", "--out", str(out), "--append"])
    assert result.exit_code == 0, result.output
    assert "read 3, loaded 1, near-duplicates 0, duplicates 2 (2 already ingested), skipped 0" in result.output
    assert "line 2 of" in result.output and result.output.count("is not an article record") == 1


def test_a_second_run_writing_the_same_output_is_refused(runner, tmp_path):
    out = tmp_path / "articles.jsonl"
    out.write_text("")
    source = str(SAMPLES / "wikinews" / "wikinews-flag.txt")
    with out.open("a") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another ingest is writing it
        result = runner.invoke(cli, ["ingest", source, "--no-graph", "--out", str(out), "--append"])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {out} is being written by another run; wait for it or choose another --out"
    assert out.read_text() == ""
    assert runner.invoke(cli, ["ingest", source, "--no-graph", "--out", str(out), "--append"]).exit_code == 0


def test_an_empty_source_is_a_skipped_item_not_the_working_folder(runner, tmp_path, monkeypatch):
    """An empty argument (`newsgraph ingest "$FOLDER"` with the variable unset) read as a path is `.`: it ingested
    everything under the working folder."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLES / "wikinews" / "wikinews-flag.txt", tmp_path / "story.txt")
    for empty in ("", "  "):
        result = runner.invoke(cli, ["ingest", empty, "--no-graph", "--out", str(tmp_path / "a.jsonl")])
        assert result.exit_code == 0, result.output
        assert "read 1, loaded 0" in result.output and "skipped, empty source: 1" in result.output, result.output
        assert (tmp_path / "a.jsonl").read_text() == ""


def test_a_report_that_is_no_regular_file_is_refused_and_left_as_it_is(runner, tmp_path):
    """The report is written beside its name and renamed over it: a FIFO or a device there was replaced by a file
    (as root, /dev/full became one)."""
    source = str(SAMPLES / "wikinews" / "wikinews-flag.txt")
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    result = runner.invoke(cli, ["ingest", source, "--no-graph", "--out", str(tmp_path / "a.jsonl"), "--report",
                                 str(fifo)])  # fmt: skip
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: cannot write the report {fifo}: not a regular file"
    assert fifo.is_fifo()
    assert not (tmp_path / "a.jsonl").exists(), "nothing is read before the outputs are known to work"


def test_articles_written_to_a_device_are_counted_or_fail_in_one_line_naming_it(runner):
    source = str(SAMPLES / "wikinews" / "wikinews-flag.txt")
    result = runner.invoke(cli, ["ingest", source, "--no-graph", "--out", "/dev/null"])
    assert result.exit_code == 0, result.output  # it was cut to nothing first, which a device refuses
    assert "read 1, loaded 1" in result.output
    result = runner.invoke(cli, ["ingest", source, "--no-graph", "--out", "/dev/full"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: cannot write /dev/full: No space left on device"


def test_a_sources_list_that_is_binary_or_endless_is_one_line(runner, tmp_path):
    """A binary list was an internal UnicodeDecodeError; an endless one was read whole, until memory ran out."""
    binary = tmp_path / "list.bin"
    binary.write_bytes(b"https://example.org/a\n\xff\xfe\x00binary\n")
    result = runner.invoke(cli, ["ingest", "--sources-from", str(binary), "--no-graph"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: line 2 of the sources list is not UTF-8 text"
    endless = io.BufferedReader(EndlessInput())
    result = runner.invoke(cli, ["ingest", "--sources-from", "-", "--no-graph"], input=endless)
    assert result.exit_code == 1
    assert (
        result.output.strip() == "Error: line 1 of the sources list is longer than 65,536 bytes: give one source a line"
    )
