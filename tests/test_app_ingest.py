"""Ingest page: refused URLs (schemes, private and loopback addresses) and bad uploads, each with one reason."""

from __future__ import annotations

import gzip

import pytest

from app_pages import uploads
from app_pages.uploads import check_upload, check_urls
from core.records import Skipped
from core.settings import load_settings
from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def app_graph(driver, neo4j_settings):
    fixture_graph(driver, neo4j_settings)
    with app_environment(neo4j_settings, NEWSGRAPH_MAX_BYTES="5000"):
        yield


def _skipped(app) -> dict[str, str]:
    frame = app.dataframe[0].value
    return dict(zip(frame["item"], frame["reason"], strict=True))


def test_urls_with_other_schemes_or_private_addresses_are_refused(app_graph):
    app = open_page("ingest")
    app.text_area(key="ingest_urls").input(
        "file:///etc/passwd\nftp://example.org/a\nhttp://127.0.0.1:7474/\nhttp://[::1]/x\nhttp://10.1.2.3/\n"
        "http://169.254.169.254/latest/meta-data\njavascript:alert(1)\n"
    )
    app.button(key="ingest_run").click().run()
    no_exception(app)
    reasons = _skipped(app)
    assert reasons["file:///etc/passwd"] == "refused URL: scheme file:// is not fetched, only http and https"
    assert reasons["ftp://example.org/a"] == "refused URL: scheme ftp:// is not fetched, only http and https"
    assert "127.0.0.1 resolves to the non-public address 127.0.0.1" in reasons["http://127.0.0.1:7474/"]
    assert "non-public address ::1" in reasons["http://[::1]/x"]
    assert "non-public address 10.1.2.3" in reasons["http://10.1.2.3/"]
    assert "non-public address 169.254.169.254" in reasons["http://169.254.169.254/latest/meta-data"]
    assert reasons["javascript:alert(1)"].startswith("refused URL: not a web address")
    assert "skipped 7" in app.success[0].value and "loaded 0" in app.success[0].value


def test_binary_huge_empty_and_unknown_uploads_get_one_line_reasons(app_graph):
    app = open_page("ingest")
    app.file_uploader(key="ingest_files").set_value(
        [
            ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "text/plain"),
            ("huge.html", b"<p>" + b"word " * 2000 + b"</p>", "text/html"),
            ("empty.md", b"", "text/markdown"),
            ("program.exe", b"MZ\x90\x00", "application/octet-stream"),
            ("broken.jsonl", b'{"id": "a", "text": \n', "application/json"),
        ]
    )
    app.button(key="ingest_run").click().run()
    no_exception(app)
    reasons = _skipped(app)
    assert reasons["photo.txt"] == "binary: .txt file whose content is not text"
    assert reasons["huge.html"] == "too large: 10,007 bytes, the limit is 5,000 (setting max_bytes)"
    assert reasons["empty.md"] == "empty: the file has no content"
    assert reasons["program.exe"].startswith("unsupported file type: .exe (accepted: ")
    broken = [reason for item, reason in reasons.items() if item.endswith("broken.jsonl") or "broken.jsonl" in item]
    assert len(broken) == 1 and "\n" not in broken[0]
    assert all("\n" not in reason for reason in reasons.values())


def test_a_deeply_nested_line_in_an_uploaded_jsonl_costs_that_line_only(app_graph):
    lines = ["[" * 1500 + "]" * 1500, '{"title": "no text here"}', '{"text": ""}']
    app = open_page("ingest")
    app.file_uploader(key="ingest_files").set_value([("deep.jsonl", "\n".join(lines).encode(), "application/json")])
    app.button(key="ingest_run").click().run()
    no_exception(app)
    assert _skipped(app) == {
        "deep.jsonl:1": "invalid JSON: line 1 is nested too deeply",
        "deep.jsonl:2": "missing text: line 2 has no non-empty `text` or `html` string",
        "deep.jsonl:3": "missing text: line 3 has no non-empty `text` or `html` string",
    }


def test_a_skipped_upload_is_named_by_its_file_name_not_by_the_copy_read(app_graph):
    cut = gzip.compress(b'{"text": "The river rose in the spring."}\n' * 50)[:-30]
    app = open_page("ingest")
    app.file_uploader(key="ingest_files").set_value(
        [
            ("Café notes.txt", "Café déjà vu, naïve façade. ".encode("latin-1") * 5, "text/plain"),
            ("cut.jsonl.gz", cut, "application/gzip"),
        ]
    )
    app.button(key="ingest_run").click().run()
    no_exception(app)
    reasons = _skipped(app)
    assert reasons["Café notes.txt"] == "undecodable: not UTF-8 and no known encoding fits"
    assert reasons["cut.jsonl.gz"].startswith("truncated archive: cut.jsonl.gz ends before its gzip stream does")


@pytest.mark.slow
def test_an_upload_named_at_length_or_by_its_type_alone_is_read(app_graph, driver, neo4j_settings):
    app = open_page("ingest")
    app.file_uploader(key="ingest_files").set_value(
        [
            ("a" * 251 + ".txt", b"The river rose in the spring and the farmers moved their herds.", "text/plain"),
            (
                ".html",
                b"<html><body><p>" + b"The harvest came late in the valley this year. " * 5 + b"</p></body></html>",
                "text/html",
            ),
        ]
    )
    app.button(key="ingest_run").click().run(timeout=600)
    no_exception(app)
    assert "Read 2, loaded 2" in app.success[0].value and "skipped 0" in app.success[0].value, texts(app)
    origins, _, _ = driver.execute_query(
        "MATCH (a:Article) RETURN a.origin AS origin", database_=neo4j_settings.neo4j_database
    )
    stored = {r["origin"] for r in origins}
    assert {".html", "a" * 251 + ".txt"} <= stored  # the file uploaded, not its temporary copy
    assert not [origin for origin in stored if "newsgraph-upload-" in (origin or "")]


def test_nothing_to_ingest_says_so(app_graph):
    app = open_page("ingest")
    app.button(key="ingest_run").click().run()
    assert any("Nothing to ingest" in w.value for w in app.warning)


def test_url_rules_allow_public_http_addresses_only():
    settings = load_settings(environ={}, config_file=None)
    accepted, refused = check_urls(["https://93.184.216.34/news", "http://localhost:8501/"], settings)
    assert accepted == ["https://93.184.216.34/news"]
    assert refused[0].reason.startswith("refused URL: localhost resolves to the non-public address")
    assert check_upload("a.html", b"<p>fine</p>", settings) is None


@pytest.mark.slow
def test_pasted_text_goes_through_the_pipeline_into_the_graph(app_graph, driver, neo4j_settings):
    text = (
        "Interior Minister Branko Ružić said the new cameras would be switched off in March. "
        "“We listened to the citizens,” Ružić told reporters in Belgrade."
    )
    app = open_page("ingest")
    app.text_input(key="ingest_title").input("Cameras to be switched off")
    app.text_area(key="ingest_text").input(text)
    app.button(key="ingest_run").click().run(timeout=600)
    no_exception(app)
    assert "loaded 1" in app.success[0].value and "skipped 0" in app.success[0].value
    records, _, _ = driver.execute_query(
        "MATCH (a:Article {title: $title}) RETURN a.text AS text, COUNT { (a)<-[:REPORTED_IN]-() } AS statements",
        title="Cameras to be switched off",
        database_=neo4j_settings.neo4j_database,
    )
    assert records[0]["text"] == text and records[0]["statements"] >= 1
    again = open_page("ingest")
    again.text_input(key="ingest_title").input("Cameras to be switched off")
    again.text_area(key="ingest_text").input(text)
    again.button(key="ingest_run").click().run(timeout=600)
    assert "skipped 0" in again.success[0].value  # re-ingesting the same text changes nothing and loses nothing


def test_malformed_urls_pasted_or_listed_in_a_feed_are_skipped_not_a_crash(app_graph):
    app = open_page("ingest")
    app.text_area(key="ingest_urls").input(
        "http://[::1\nhttp://example.com:99999/\nhttp://exa\x00mple.com/\nhttp://exa\u2028mple.org/\n"
    )
    items = "".join(
        f"<item><title>t{n}</title><link>{url}</link></item>"
        for n, url in enumerate(["http://[::1", "http://example.com:abc/x", "http://a..b/"])
    )
    feed = f"<rss version='2.0'><channel><title>s</title>{items}</channel></rss>".encode()
    sitemap = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://[::1</loc></url></urlset>'
    app.file_uploader(key="ingest_files").set_value(
        [("feed.xml", feed, "application/rss+xml"), ("sitemap.xml", sitemap, "application/xml")]
    )
    app.button(key="ingest_run").click().run()
    no_exception(app)
    reasons = _skipped(app)
    assert reasons["http://[::1"].startswith("refused URL: malformed URL")
    assert reasons["http://example.com:99999/"].startswith("refused URL: malformed URL")
    assert reasons["http://exa\\x00mple.com/"] == "refused URL: malformed URL (control characters)"
    assert [r for item, r in reasons.items() if "mple.org" in item] == [
        "refused URL: malformed URL (control characters)"
    ]
    assert "http://exa" not in reasons  # a line separator inside a URL does not cut it in two
    assert reasons["http://example.com:abc/x"].startswith("refused URL: malformed URL")
    assert reasons["http://a..b/"] == "refused URL: malformed URL (invalid host name)"
    assert "skipped 8" in app.success[0].value, app.success[0].value


def test_a_submission_takes_at_most_the_url_cap_and_names_refused_urls_on_one_short_line(monkeypatch):
    settings = load_settings(environ={}, config_file=None)
    monkeypatch.setattr(uploads, "MAX_PASTED_URLS", 3)
    urls = ["ftp://a.example/1", "not a url \x1b[2J" + "x" * 1000, "https://93.184.216.34/a", "https://4", "https://5"]
    accepted, refused = check_urls(urls, settings)
    assert accepted == ["https://93.184.216.34/a"]
    assert refused[-1] == Skipped(
        "2 URLs after the first 3",
        "too many URLs: one submission takes at most 3; put more in a feed or a sitemap, or use the CLI",
    )
    long_name = refused[1].item
    assert long_name.startswith("not a url \\x1b[2J") and long_name.endswith("…") and len(long_name) < 320
    assert uploads.url_cap(settings.replace(max_requests=2)) == 2, "never more than the run may request"
