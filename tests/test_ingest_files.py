"""Local sources through ``read_sources``: folders, HTML, text, JSON Lines, WARC, and every bad-file case."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import re
import shutil
import socket
import threading
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from core.records import Article, Skipped
from ingest import MemorySeenIndex, read_sources

DATA = Path(__file__).parent / "data" / "ingest"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture
def settings(base_settings):
    return base_settings.replace(max_bytes=1_000_000, fetch_retries=0, host_delay=0.0)


def run(sources, settings, seen=None):
    items = list(read_sources([str(s) for s in sources], settings, seen))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = {Path(s.item).name if "#" not in s.item else s.item: s.reason for s in items if isinstance(s, Skipped)}
    return articles, skipped


def test_sample_folder_reads_every_article_recursively(settings):
    articles, skipped = run([SAMPLES], settings)
    assert len(articles) == 25
    assert skipped == {"README.md": "not an article: a README or licence file in a corpus folder"}
    serbian = next(a for a in articles if a.origin.endswith("rferl-serbia-surveillance-part1.txt"))
    assert serbian.published == "2022-12-02" and serbian.language == "en"
    assert "\u00a0" not in serbian.text and "\r" not in serbian.text
    assert all(a.published and a.title for a in articles)
    assert len({a.id for a in articles}) == 25


@pytest.mark.parametrize(
    ("name", "must_contain", "must_not_contain"),
    [
        ("article_full.html", "postponed a vote on expanding a network", ("Related stories", "cookies", "© 2023")),
        ("article_truncated.html", "The Interior Ministry said in a statement", ("Related stories",)),
        ("malformed.html", "the contractor had gone bankrupt", ("<b>", "<div>", "</table>")),
        ("declared_cp1250.html", "Šef odeljenja Željko Đurić", ("Å",)),
        ("second.html", "I know people waited too long", ()),
    ],
)
def test_html_golden_pages(settings, name, must_contain, must_not_contain):
    articles, skipped = run([DATA / name], settings)
    assert skipped == {}
    (article,) = articles
    assert must_contain in article.text
    for unwanted in must_not_contain:
        assert unwanted not in article.text


def test_html_metadata(settings):
    (article,), _ = run([DATA / "article_full.html"], settings)
    assert article.title == "Belgrade council delays vote on facial recognition cameras"
    assert article.url == "https://balkanledger.example.com/2023/03/belgrade-cameras-vote"
    assert article.published == "2023-03-14"
    assert article.author == "Milica Radović"
    assert article.source == "The Balkan Ledger"
    assert article.language == "en"
    assert not article.text.startswith(article.title), "the headline is stored in title, not repeated in text"


def test_bad_local_files_are_skipped_with_reasons_and_the_batch_goes_on(settings, tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2048))
    (tmp_path / "c_huge.html").write_bytes(b"")
    os.truncate(tmp_path / "c_huge.html", 50 * 1024 * 1024)  # sparse: 50 MB without writing them
    for name in ("no_article.html", "meta_refresh.html", "article_full.html"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    (tmp_path / "whitespace.md").write_text(" \n\u00a0\n")
    articles, skipped = run([tmp_path], settings)
    assert [a.title for a in articles] == ["Belgrade council delays vote on facial recognition cameras"]
    assert skipped == {
        "a_empty.txt": "empty: the file has no content",
        "b_binary.html": "binary: the content is not text",
        "c_huge.html": "too large: 52,428,800 bytes, over max_bytes 1,000,000",
        "meta_refresh.html": "redirect only: the page only forwards to "
        "https://balkanledger.example.com/2023/03/belgrade-cameras-vote",
        "no_article.html": "no article: no main text found in the page",
        "picture.png": "unsupported file type: .png",
        "whitespace.md": "empty: no text",
    }


def test_missing_paths_and_other_schemes(settings):
    _, skipped = run(["/no/such/place.txt", "file:///etc/passwd", "ftp://example.org/a.html"], settings)
    assert skipped == {
        "place.txt": "not found: no such file or folder",
        "passwd": "refused URL: scheme file:// is not fetched, only http and https",
        "a.html": "refused URL: scheme ftp:// is not fetched, only http and https",
    }


def test_directory_symlink_loop_is_read_once(settings, tmp_path):
    shutil.copy(DATA / "second.html", tmp_path / "second.html")
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nothing-here.txt")
    articles, skipped = run([tmp_path], settings)
    assert len(articles) == 1
    assert skipped == {
        "loop": "symlink loop: this folder was already read through another path",
        "dangling.txt": "not found: broken symlink",
    }


def test_a_file_name_that_is_not_utf8_is_kept_with_its_bytes_escaped(settings, tmp_path):
    folder = os.fsencode(tmp_path)
    with open(folder + b"/bad\xff\xfename.txt", "wb") as handle:
        handle.write(b"John Smith said the bridge would reopen in May.")
    with open(folder + b"/empty\xff.txt", "wb"):
        pass
    (tmp_path / "good.txt").write_text("Ann Lee said the mayor was right.", encoding="utf-8")
    articles, skipped = run([tmp_path], settings)
    origins = sorted(Path(a.origin or "").name for a in articles)
    assert origins == ["bad\\xff\\xfename.txt", "good.txt"]
    assert list(skipped) == ["empty\\xff.txt"]
    for text in [*(a.origin or "" for a in articles), *skipped]:
        text.encode("utf-8")  # writable by the driver and the run report


def test_a_file_that_disappears_before_it_is_read(settings, tmp_path):
    shutil.copy(DATA / "article_full.html", tmp_path / "a.html")
    shutil.copy(DATA / "second.html", tmp_path / "b.html")
    stream = read_sources([str(tmp_path)], settings)
    first = next(stream)
    assert isinstance(first, Article)
    (tmp_path / "b.html").unlink()
    rest = list(stream)
    assert rest == [Skipped(str(tmp_path / "b.html"), "not found: the file disappeared before it could be read")]


def test_jsonl_lines_each_become_an_article_or_a_numbered_skip(settings):
    items = list(read_sources([str(DATA / "mixed.jsonl")], settings))
    path = str(DATA / "mixed.jsonl")
    by_item = {i.item if isinstance(i, Skipped) else i.origin: i for i in items}
    assert by_item[f"{path}:2"].reason.startswith("invalid JSON: line 2: Unterminated string")
    assert by_item[f"{path}:3"].reason.startswith("missing text: line 3")
    assert by_item[f"{path}:4"].reason == "invalid record: line 4 is a JSON list, not an object"
    original = by_item[f"{path}:1"]
    assert isinstance(original, Article) and original.published == "2021-04-21" and original.source == "Example Wire"
    copy = by_item[f"{path}:5"]
    assert copy.near_duplicate_of == original.id and copy.published == "2021-04-21"
    assert copy.source == "The Example Paper"
    assert by_item[f"{path}:6"].reason == f"duplicate: same URL as article {original.id}"
    html_copy = by_item[f"{path}:7"]
    assert html_copy.near_duplicate_of == original.id and html_copy.title == "Third copy from HTML"
    unrelated = by_item[f"{path}:9"]
    assert isinstance(unrelated, Article) and unrelated.near_duplicate_of is None
    assert f"{path}:8" not in by_item, "blank lines are not items"


def test_jsonl_line_over_the_size_cap_is_skipped_and_the_next_line_read(settings, tmp_path):
    path = tmp_path / "big.jsonl"
    big = '{"text": "' + "word " * 5000 + '"}\n'
    path.write_text(big + '{"text": "The council met on Tuesday and postponed the vote."}\n')
    articles, skipped = run([path], settings.replace(max_bytes=10_000))
    assert [a.text for a in articles] == ["The council met on Tuesday and postponed the vote."]
    assert skipped == {"big.jsonl:1": "too large: line 1 is over max_bytes 10,000"}


def _warc(path: Path, pages: list[tuple[str, str, bytes, str]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, content_type, body, status in pages:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def test_warc_archive_pages(settings, tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(
        path,
        [
            (
                "https://balkanledger.example.com/a",
                "text/html; charset=utf-8",
                (DATA / "second.html").read_bytes(),
                "200 OK",
            ),
            ("https://balkanledger.example.com/logo.png", "image/png", b"\x89PNG", "200 OK"),
            ("https://balkanledger.example.com/gone", "text/html", b"<html></html>", "404 Not Found"),
        ],
    )
    articles, skipped = run([path], settings)
    (article,) = articles
    assert article.url == "https://balkanledger.example.com/a"
    assert "I know people waited too long" in article.text
    assert skipped == {
        f"{path}#https://balkanledger.example.com/logo.png": "unsupported content type: image/png",
        f"{path}#https://balkanledger.example.com/gone": "http error: archived response has status 404",
    }


def test_a_corrupt_warc_is_one_skip(settings, tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not a web archive\r\n\r\n")
    _, skipped = run([path], settings)
    assert list(skipped) == ["bad.warc"] and skipped["bad.warc"].startswith("invalid WARC:")


def test_rerun_with_a_seen_index_skips_what_is_stored(settings):
    first, _ = run([SAMPLES / "wikinews"], settings)
    seen = MemorySeenIndex(first[:5])
    articles, skipped = run([SAMPLES / "wikinews"], settings, seen)
    assert len(articles) == len(first) - 5
    assert sorted(skipped.values()) == sorted(f"already ingested: {a.url}" for a in first[:5])


def test_the_same_text_twice_is_a_duplicate(settings, tmp_path):
    text = "The council met on Tuesday and postponed the vote on the cameras until May."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text.replace(" ", "\u00a0") + "\r\n")
    articles, skipped = run([tmp_path], settings)
    assert len(articles) == 1
    assert skipped == {"b.txt": f"duplicate: same text as article {articles[0].id}"}


def test_an_unforeseen_error_costs_one_file_not_the_run(settings, tmp_path, monkeypatch):
    import ingest.files

    real = ingest.files.extract_html

    def fragile(html, origin, url=None):
        if origin.endswith("a.html"):
            raise RuntimeError("boom")
        return real(html, origin, url)

    monkeypatch.setattr(ingest.files, "extract_html", fragile)
    shutil.copy(DATA / "article_full.html", tmp_path / "a.html")
    shutil.copy(DATA / "second.html", tmp_path / "b.html")
    articles, skipped = run([tmp_path], settings)
    assert [a.title for a in articles] == ["Tram line opens two years late"]
    assert skipped == {"a.html": "internal error: RuntimeError: boom"}


def test_a_wire_story_on_two_sites_is_one_article_and_a_near_duplicate(settings):
    (original, copy), skipped = run([DATA / "wire_site_a.html", DATA / "wire_site_b.html"], settings)
    assert skipped == {}
    assert original.url == "https://wire.example.net/world/eu-ai-rules" and original.near_duplicate_of is None
    assert copy.url == "https://morningpaper.example.org/tech/2021/04/21/brussels-face-scanning"
    assert copy.source == "The Morning Paper"
    assert copy.near_duplicate_of == original.id
    assert "Vestager told a news conference" in copy.text


GOOD_LINES = [
    f'{{"text": "Story {n}: the council met on Tuesday and postponed the vote on cameras."}}' for n in range(5)
]


def test_a_deeply_nested_jsonl_line_is_one_numbered_skip_and_the_file_goes_on(settings, tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 5000 + "]" * 5000 + "\n" + "\n".join(GOOD_LINES) + "\n")
    articles, skipped = run([path], settings)
    assert len(articles) == 5
    assert skipped == {"deep.jsonl:1": "invalid JSON: line 1 is nested too deeply"}


def test_a_jsonl_line_with_a_number_of_thousands_of_digits_is_one_numbered_skip(settings, tmp_path):
    path = tmp_path / "huge.jsonl"
    path.write_text('{"text": "x", "n": 1' + "0" * 5000 + "}\n" + "\n".join(GOOD_LINES) + "\n")
    articles, skipped = run([path], settings)
    assert len(articles) == 5
    assert skipped == {"huge.jsonl:1": "invalid JSON: line 1 holds a number of more than 4300 digits"}


def test_odd_jsonl_lines_each_cost_one_line(settings, tmp_path):
    path = tmp_path / "odd.jsonl"
    deep_title = '{"title": ' + "[" * 900 + '"x"' + "]" * 900 + ', "text": "A deep title; the vote was delayed."}'
    bad = [
        b'{"text": 42}',
        b'{"text": ["not", "a", "string"]}',
        b'{"text": "bad \xff\xfe bytes in the middle"}',
        b'{"text": "raw \x00 NUL"}',
        b"\x89PNG\r\x1a\x00\x00binary junk",
        deep_title.encode(),
        b'{"text": "A lone surrogate \\ud800 in an otherwise fine story about the vote.", "title": "T\\udfff"}',
    ]
    path.write_bytes(b"\n".join(bad + [line.encode() for line in GOOD_LINES]) + b"\n")
    articles, skipped = run([path], settings)
    assert skipped == {
        "odd.jsonl:1": "missing text: line 1 has no non-empty `text` or `html` string",
        "odd.jsonl:2": "missing text: line 2 has no non-empty `text` or `html` string",
        "odd.jsonl:3": "undecodable: line 3 is not UTF-8",
        "odd.jsonl:4": "invalid JSON: line 4: Invalid control character at (column 15)",
        "odd.jsonl:5": "undecodable: line 5 is not UTF-8",
    }
    assert len(articles) == 7
    deep, surrogate = articles[0], articles[1]
    assert deep.text == "A deep title; the vote was delayed." and deep.title is None
    assert surrogate.text == "A lone surrogate \ufffd in an otherwise fine story about the vote."
    assert surrogate.title == "T\ufffd"


def _run_with_deadline(sources, settings, seconds=20.0):
    """``run`` in a thread; a read that blocks fails the test instead of hanging it."""
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(run(sources, settings)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"reading {sources} did not return within {seconds} s (a blocking read)"
    return outcome[0]


def _release(fifo: Path) -> None:
    """Open the FIFO's writing end once, so a reader blocked on it (the bug) gets end-of-file."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.mark.parametrize("name", ["f.txt", "f.jsonl", "f.warc", "f.html", "f.xml"])
def test_a_fifo_named_directly_is_skipped_not_read(settings, tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    (tmp_path / "link.txt").symlink_to(fifo)
    try:
        articles, skipped = _run_with_deadline([fifo, tmp_path / "link.txt"], settings)
    finally:
        _release(fifo)
    assert articles == []
    assert skipped == {
        name: "not a regular file: a FIFO (named pipe) is not read",
        "link.txt": "not a regular file: a FIFO (named pipe) is not read",
    }


def test_devices_sockets_and_fifos_are_skipped_wherever_they_are(settings, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(DATA / "second.html", folder / "second.html")
    os.mkfifo(folder / "pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "sock.jsonl"))
    (folder / "zero.txt").symlink_to("/dev/zero")
    try:
        articles, skipped = _run_with_deadline([folder, "/dev/zero", "/dev/null"], settings)
    finally:
        _release(folder / "pipe.txt")
        listener.close()
    assert [a.title for a in articles] == ["Tram line opens two years late"]
    assert skipped == {
        "pipe.txt": "not a regular file: a FIFO (named pipe) is not read",
        "sock.jsonl": "not a regular file: a socket is not read",
        "zero.txt": "not a regular file: a character device is not read",
        "zero": "not a regular file: a character device is not read",
        "null": "not a regular file: a character device is not read",
    }


def _three_page_warc(path: Path, gzip: bool = True) -> None:
    pages = ("second.html", "article_full.html", "wire_site_a.html")
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for number, name in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            payload = io.BytesIO((DATA / name).read_bytes())
            uri = f"https://example.com/{number}"
            writer.write_record(writer.create_warc_record(uri, "response", payload=payload, http_headers=headers))


@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
@pytest.mark.parametrize("keep", [0.7, 0.98])
def test_a_truncated_warc_keeps_the_complete_records_and_reports_the_cut(settings, tmp_path, name, keep):
    path = tmp_path / name
    _three_page_warc(path, gzip=name.endswith(".gz"))
    whole = path.read_bytes()
    path.write_bytes(whole[: int(len(whole) * keep)])
    articles, skipped = run([path], settings)
    assert [a.origin for a in articles] == [f"{path}#https://example.com/0", f"{path}#https://example.com/1"]
    assert len(skipped) == 1
    (item, reason), third = next(iter(skipped.items())), f"{path}#https://example.com/2"
    if item == third:  # the header of the third record was read, its page was cut
        assert re.fullmatch(rf"truncated archive: {name} ends inside this record \([\d,]+ bytes missing\)", reason)
    else:
        assert item == name
        assert re.fullmatch(rf"truncated archive: {name} ends inside a record that starts at byte [\d,]+", reason)
    assert keep < 0.9 or item == third


def test_a_truncated_jsonl_gz_keeps_the_complete_lines_and_reports_the_cut(settings, tmp_path):
    lines = [f'{{"text": "Story {n}: {"the council met and postponed the vote again " * 30}"}}' for n in range(40)]
    whole = gzip.compress("\n".join(lines).encode() + b"\n")
    cut = whole[: int(len(whole) * 0.7)]
    complete = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut).count(b"\n")
    assert 0 < complete < 40
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(cut)
    articles, skipped = run([path], settings)
    assert [a.origin for a in articles] == [f"{path}:{n}" for n in range(1, complete + 1)]
    assert skipped == {
        "cut.jsonl.gz": f"truncated archive: cut.jsonl.gz ends before its gzip stream does; "
        f"the {complete} complete lines before the cut were read"
    }


def test_a_jsonl_gz_that_is_not_gzip_or_fails_its_checksum_is_invalid_gzip(settings, tmp_path):
    (tmp_path / "plain.jsonl.gz").write_text(GOOD_LINES[0] + "\n")
    damaged = bytearray(gzip.compress(("\n".join(GOOD_LINES) + "\n").encode()))
    damaged[-8] ^= 0xFF  # the CRC-32 in the trailer
    (tmp_path / "crc.jsonl.gz").write_bytes(bytes(damaged))
    articles, skipped = run([tmp_path / "plain.jsonl.gz", tmp_path / "crc.jsonl.gz"], settings)
    assert skipped["plain.jsonl.gz"].startswith("invalid gzip: plain.jsonl.gz: Not a gzipped file")
    assert skipped["crc.jsonl.gz"].startswith("invalid gzip: crc.jsonl.gz: CRC check failed")
    assert len(articles) == 5, "the lines were read before the trailer told the checksum"


def test_a_stray_byte_in_a_utf8_text_file_costs_one_character_not_every_letter(settings, tmp_path):
    sentence = "Šef odeljenja Željko Đurić rekao je da će kamere biti uklonjene do kraja godine. "
    data = (sentence * 12).encode()
    (tmp_path / "stray.txt").write_bytes(data[:400] + b"\xff" + data[400:])
    (article,), skipped = run([tmp_path / "stray.txt"], settings)
    assert skipped == {}
    assert article.text.count("Željko Đurić") == 12
    assert article.text.count("\ufffd") == 1


@pytest.mark.parametrize("compressed", [True, False])
def test_one_corrupt_warc_record_costs_that_record_and_the_next_ones_are_read(settings, tmp_path, compressed):
    path = tmp_path / ("bad-record.warc.gz" if compressed else "bad-record.warc")
    _three_page_warc(path, gzip=False)
    data = path.read_bytes()
    second = data.index(b"WARC/1.", 10)
    data = data[:second] + b"WARX/9.9" + data[second + 8 :]  # the second record's version line is garbage
    if compressed:  # one gzip member per record, as WARC writers do
        starts = [0, second, data.index(b"WARC/1.", second)]
        data = b"".join(gzip.compress(data[a:b]) for a, b in zip(starts, [*starts[1:], len(data)], strict=True))
    path.write_bytes(data)
    articles, skipped = run([path], settings)
    assert [a.origin for a in articles] == [f"{path}#https://example.com/0", f"{path}#https://example.com/2"]
    assert list(skipped) == [path.name]
    assert re.fullmatch(r"invalid WARC: record at byte [\d,]+: .+; reading resumed at byte [\d,]+", skipped[path.name])
