"""Ingest: paste URLs or text, or upload files; progress while it runs; a summary with skipped items."""

from __future__ import annotations

import datetime as dt
import importlib
from types import ModuleType

import streamlit as st

from app_pages.common import extractor, guarded, md_text, reader, settings, table
from app_pages.uploads import as_uploaded, check_upload, check_urls, saved_uploads, split_urls, url_cap
from core.errors import GraphUnavailableError, IngestError, kept_after_loss
from core.records import Article, Skipped
from graph.seen import Neo4jSeenIndex
from ingest import IngestSummary, SeenIndex, read_sources, save_run_report
from ingest.article import ArticleDraft, build_article

st.title("Ingest")
graph = reader()  # the graph must be reachable before anything is read
config = settings()
st.caption(
    "Articles go through the full pipeline (entities, statements, roles, relations, embeddings) into the graph. "
    f"URLs must be public http(s) addresses; files up to {config.max_bytes:,} bytes."
)

urls_tab, text_tab, files_tab = st.tabs(["URLs", "Paste text", "Upload files"])
with urls_tab:
    urls_text = st.text_area("Article, feed or sitemap URLs, one per line", key="ingest_urls", height=120)
with text_tab:
    pasted_title = st.text_input("Title", key="ingest_title")
    pasted_date = st.date_input("Published", value=None, key="ingest_date")
    pasted_text = st.text_area("Article text", key="ingest_text", height=200)
with files_tab:
    uploads = st.file_uploader(
        "HTML, text, Markdown, JSON Lines, WARC, feed or sitemap files",
        accept_multiple_files=True,
        key="ingest_files",
    )

if not st.button("Ingest", key="ingest_run", type="primary"):
    st.stop()


def pipeline_module() -> ModuleType | None:
    try:
        return importlib.import_module("newsgraph.pipeline")
    except ModuleNotFoundError as e:
        if e.name != "newsgraph.pipeline":
            raise
        return None


def seen_index(pipeline: ModuleType | None, index: Neo4jSeenIndex) -> SeenIndex:
    """The graph's "already ingested" answers; with the pipeline, a lost connection is its one clear error."""
    if pipeline is None:
        return index
    return pipeline.GraphSeenIndex(index, pipeline.graph_address(config))  # type: ignore[no-any-return]


def unfinished(articles: list[Article], finished: list[Article | Skipped]) -> list[Article]:
    """The articles handed to the pipeline that it did not report back (a Skipped names one by id, origin or URL)."""
    reported = {a.id for a in finished if isinstance(a, Article)}
    named = {s.item for s in finished if isinstance(s, Skipped)}
    return [a for a in articles if a.id not in reported and not named & {a.id, a.origin, a.url}]


summary = IngestSummary()
pasted_urls = split_urls(urls_text)
urls, refused = check_urls(pasted_urls, config)
if len(pasted_urls) > url_cap(config):
    st.warning(
        f"Only the first {url_cap(config):,} of the {len(pasted_urls):,} URLs are taken: put more in a feed or a "
        "sitemap, or use `newsgraph ingest --sources-from FILE`."
    )
for item in refused:
    summary.record_read(item)
files: list[tuple[str, bytes]] = []
for upload in uploads or []:
    data = upload.getvalue()
    reason = check_upload(upload.name, data, config)
    if reason:
        summary.record_read(Skipped(upload.name, reason))
    else:
        files.append((upload.name, data))
pasted: list[Article] = []
if pasted_text.strip():
    try:
        draft = ArticleDraft(pasted_text, "pasted text", title=pasted_title or None, published=pasted_date)
        pasted.append(build_article(draft))
    except IngestError as e:
        summary.record_read(Skipped("pasted text", str(e)))

if not (urls or files or pasted or summary.read):
    st.warning("Nothing to ingest: paste URLs or text, or upload files first.")
    st.stop()

pipeline = pipeline_module()
progress = st.progress(0.0, text="Reading…")
articles: list[Article] = []
finished: list[Article | Skipped] = []
try:
    with saved_uploads(files) as saved, st.status("Ingesting…", expanded=True) as status:
        seen = Neo4jSeenIndex(graph.driver, graph.database)  # skips what earlier runs stored
        for read in [*pasted, *read_sources([*urls, *saved], config, seen_index(pipeline, seen))]:
            item = as_uploaded(read, saved)
            summary.record_read(item)
            if isinstance(item, Article):
                articles.append(item)
            status.write(f"read {summary.read} items, {len(articles)} articles")
        if pipeline is None:
            for article in articles:
                summary.record_outcome(Skipped(article.id, "not loaded: the NLP and graph stages are not installed"))
            status.update(label="Read, but not loaded", state="error")
        elif articles:

            def on_progress(item: Article | Skipped) -> None:
                finished.append(item)
                summary.record_outcome(item)
                share = min(1.0, len(finished) / len(articles))
                progress.progress(share, text=f"Analysed and loaded {len(finished)} of {len(articles)}")

            lost: GraphUnavailableError | None = None
            with guarded():  # the project's other errors: one message, and the page stops
                try:
                    pipeline.run_pipeline(
                        iter(articles),
                        config,
                        on_progress,
                        driver=graph.driver,
                        database=graph.database,
                        extractor=extractor(),
                    )
                except GraphUnavailableError as e:  # not guarded()'s: the report is saved first, below
                    lost = e
            if lost is not None:
                status.update(label="Stopped: Neo4j became unavailable", state="error")
                raise lost
            status.update(label="Done", state="complete")
        else:
            status.update(label="Nothing new to load", state="complete")
except GraphUnavailableError as e:  # Neo4j went away: what was loaded stays, and the run is reported as the CLI does
    for article in unfinished(articles, finished):
        summary.record_outcome(Skipped(article.id, "not loaded: Neo4j became unavailable before it was stored"))
    summary.error = (
        f"{e}; {kept_after_loss(summary.loaded)}: ingest the same items again to load the rest (what is stored is "
        "skipped as already ingested)"
    )
progress.progress(1.0, text="Stopped" if summary.error else "Finished")
summary.finish()
save_run_report(summary, config.data_dir)

counts = (
    f"Read {summary.read}, loaded {summary.loaded}, duplicates {summary.duplicates}, "
    f"already ingested {summary.already_ingested}, skipped {summary.skipped_total} — at "
    f"{dt.datetime.now().strftime('%H:%M:%S')}."
)
if summary.error:
    st.error(f"{md_text(summary.error)}. {counts} The run report is saved.", icon=":material/power_off:")
else:
    st.success(counts)
if summary.skipped_items:
    st.subheader("Skipped")
    table([{"item": s.item, "reason": s.reason} for s in summary.skipped_items])
