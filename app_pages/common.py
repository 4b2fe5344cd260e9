"""What every explorer page shares: settings, the cached driver, error display, links and safe text.

Article text is untrusted. Pages show it with ``st.text``, in data frames (rendered as text), or in
Markdown/HTML only after ``md_text``/``html.escape`` — never as raw Markdown, which could pull remote
images or fake links into the page.
"""

from __future__ import annotations

import html
import logging
import re
import threading
from collections import Counter
from collections.abc import Hashable, Iterator, Mapping
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar
from urllib.parse import quote, urlsplit

import streamlit as st
from neo4j import Driver

from core.errors import GraphUnavailableError, NewsgraphError
from core.settings import Settings, load_settings
from graph.connection import open_driver
from graph.schema import apply_schema
from queries import explore
from queries.explore import GraphReader, Rows

log = logging.getLogger(__name__)

PAGES = {
    "overview": "app_pages/overview.py",
    "search": "app_pages/search.py",
    "statements": "app_pages/statements.py",
    "quote-trail": "app_pages/quote_trail.py",
    "timeline": "app_pages/timeline.py",
    "entity": "app_pages/entity.py",
    "graph": "app_pages/graph.py",
    "cypher": "app_pages/cypher.py",
    "article": "app_pages/article.py",
    "ingest": "app_pages/ingest.py",
    "audit": "app_pages/audit.py",
    "merges": "app_pages/merges.py",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")  # & starts a character reference (&#8238;)
_LINE_END = re.compile(r"\r\n?|\n")  # Markdown ends a line at \r too
# Bidi embeddings, overrides and isolates reorder what follows them on screen ("\u202eexe.txt" reads "txt.exe"); they
# are shown as their code, as the command line shows them.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_AUTOLINK_START = re.compile(r"(?i)(https?|ftp|www|mailto|xmpp)(?=\\[:.])|(\w)(?=@)")
Key = TypeVar("Key", bound=Hashable)  # an id a pick list's labels are keyed by


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    """The one settings object of the app, read once per server process."""
    return load_settings()


def _alive(connection: tuple[Driver, str]) -> bool:
    try:
        connection[0].verify_connectivity()
    except Exception:
        log.warning("the cached Neo4j driver lost its server; reconnecting")
        connection[0].close()
        return False
    return True


@st.cache_resource(show_spinner="Connecting to Neo4j…", validate=_alive)
def _connection() -> tuple[Driver, str]:
    # Created once and re-checked at every access (validate): when Neo4j went away and came back, the
    # stale driver is dropped and a new one made, so the app recovers without a restart.
    driver, database = open_driver(settings(), start_local=False)
    try:
        # A fresh database has no search indexes yet; creating them (IF NOT EXISTS) writes no data.
        apply_schema(driver, database, wait_seconds=120)
    except GraphUnavailableError as e:
        log.warning("could not check the graph schema (a read-only user?): %s", e)
    return driver, database


def reader() -> GraphReader:
    """The graph reader for this run, or a clear message and a stopped page when Neo4j is down."""
    current = settings()
    try:
        driver, database = _connection()
    except GraphUnavailableError as e:
        show_unavailable(str(e))
        st.stop()
        raise  # st.stop() returns where no script runs (a background thread): the caller gets the reason instead
    return GraphReader(driver, database, timeout=current.query_timeout, row_limit=current.row_limit)


def show_unavailable(reason: str) -> None:
    st.error(
        f"Neo4j is not reachable, so nothing can be shown right now. {md_text(reason)}", icon=":material/power_off:"
    )
    st.info(
        "Start the local server with `newsgraph neo4j start` (or check NEO4J_URI), then press Retry: "
        "the explorer reconnects by itself."
    )
    st.button("Retry", key="retry_connection")


@contextmanager
def guarded() -> Iterator[None]:
    """Turn the project's errors into one clear message; a lost server also drops the cached driver."""
    try:
        yield
    except GraphUnavailableError as e:
        _connection.clear()
        show_unavailable(str(e))
        st.stop()
    except NewsgraphError as e:  # messages may quote what a user typed or an article held
        st.error(md_text(str(e)))
        st.stop()


def not_found(page_title: str, what: str, ident: str) -> NoReturn:
    """The page for an id the address names but the graph does not hold."""
    st.title(page_title)
    st.warning(f"No {what} with id {md_text(ident)}.")
    st.stop()


def distinct_labels(labels: Mapping[Key, str]) -> dict[Key, str]:
    """The labels of a pick list, each its own: Streamlit tells a choice by its label and takes the last of two
    alike, so choosing the first chose the other. A label that repeats gets its key (an id) added."""
    repeated = {label for label, count in Counter(labels.values()).items() if count > 1}
    return {key: f"{label} · {key}" if label in repeated else label for key, label in labels.items()}


def pick_entities(label: str, names: dict[str, str], default: list[str], key: str) -> list[str]:
    """A multi-select of entities by id, shown by name."""
    shown = distinct_labels(names)
    return st.multiselect(label, list(shown), default=default, key=key, format_func=lambda i: shown[i])


def md_text(text: Any) -> str:
    """Untrusted text made inert for Markdown: every Markdown and HTML character escaped, bidi controls shown as
    their code, and web addresses kept from becoming links. Streamlit's Markdown turns bare ``https://…``, ``www.…``
    and e-mail addresses into links after escapes are read, so an invisible word joiner goes where those patterns
    begin."""
    if text is None:
        return ""
    escaped = _LINE_END.sub(" ", _MARKDOWN_SPECIAL.sub(r"\\\1", bidi_shown(str(text))))
    return _AUTOLINK_START.sub(lambda match: match.group(0) + "\u2060", escaped)


def html_text(text: Any) -> str:
    """Untrusted text made inert for HTML, its bidi controls shown as their code."""
    return html.escape(bidi_shown("" if text is None else str(text)))


def bidi_shown(text: str) -> str:
    return _BIDI_CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def safe_url(url: Any) -> str | None:
    """The URL when it is a plain http(s) link; None for anything else (javascript:, data:, …)."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def page_href(page: str, **params: str) -> str:
    """Relative link to an explorer page, for data-frame link columns and HTML."""
    query = "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items())
    return f"{page}?{query}" if query else page


def entity_link(entity_id: str, name: str | None) -> None:
    st.page_link(
        PAGES["entity"], label=md_text(name or entity_id), query_params={"id": entity_id}, icon=":material/person:"
    )


def article_link(article_id: str, title: str | None) -> None:
    st.page_link(
        PAGES["article"], label=md_text(title or article_id), query_params={"id": article_id}, icon=":material/article:"
    )


def capped(rows: Rows, what: str = "rows") -> None:
    """Say so when a result was cut at the row limit."""
    if rows.truncated:
        st.warning(f"Showing the first {len(rows)} {what}; there are more. Narrow the filters to see the rest.")


def empty_graph_hint() -> None:
    st.info(
        "The graph is empty. Add articles on the **Ingest** page, or from a terminal: "
        "`newsgraph ingest samples/` — then come back here."
    )


def query_param(name: str) -> str | None:
    """A parameter of the page's address without the spaces a copied link may carry around it; None when blank."""
    value = st.query_params.get(name)
    return value.strip() or None if isinstance(value, str) else None


def open_link(column: str) -> Any:
    """A table column of links to the explorer's pages, each shown as "open"."""
    return st.column_config.LinkColumn(column, display_text="open")


def table(rows: list[dict[str, Any]], columns: list[str] | None = None, **config: Any) -> None:
    """Rows as a data frame (cells are shown as text, never as markup)."""
    import pandas as pd

    if not rows:
        return
    frame = pd.DataFrame(rows)
    if columns:
        frame = frame[[c for c in columns if c in frame.columns]]
    st.dataframe(frame, hide_index=True, column_config=config or None, width="stretch")


def _loaded_or_loading(loading: Future[Any]) -> bool:
    # a load that failed (a missing model folder) is tried again at the next use, not kept for the server's life
    return not (loading.done() and loading.exception() is not None)


@st.cache_resource(show_spinner=False, validate=_loaded_or_loading)
def _embedder_loading() -> Future[Any]:
    """The embedding model, loading in a background thread started once per server (at the first page view,
    by ``warm_up_embedder``): importing torch and reading the weights takes ~9 s, which the first search by
    meaning would otherwise wait for while the reader is still typing."""
    current = settings()  # read here, in the script's thread: cached functions want a script run around them
    loading: Future[Any] = Future()

    def load() -> None:
        loading.set_running_or_notify_cancel()
        try:
            from nlp.runtime.embeddings import Embedder  # imported here: loading torch takes seconds

            loading.set_result(Embedder(current))
        except BaseException as e:  # handed to whoever waits for the model, where the page shows it
            log.warning("loading the embedding model failed: %s", e)
            loading.set_exception(e)

    # a daemon thread: stopping the server never waits for a load nobody needs any more
    threading.Thread(target=load, name="newsgraph-embedding-model", daemon=True).start()
    return loading


def warm_up_embedder() -> None:
    """Start loading the embedding model in the background, once per server; returns at once."""
    _embedder_loading()


def _embedder() -> Any:
    """The loaded embedding model: waits for the background load if it is not done; raises what it raised."""
    return _embedder_loading().result()


@st.cache_resource(show_spinner="Loading the language models…")
def extractor() -> Any:
    """The NLP extractor for the Ingest page, created on first use (spaCy and the embedding model)."""
    from nlp.runtime.extract import Extractor

    return Extractor(settings(), embedder=_embedder())


def embed(text: str) -> list[float]:
    """The topic as a vector, with the same model that embedded the statements (loading since the first page)."""
    if not _embedder_loading().done():
        with st.spinner("Loading the embedding model…"):
            return list(_embedder().embed([text])[0])
    return list(_embedder().embed([text])[0])


def quote_in_context(sentence: str | None, quote: str) -> str:
    """HTML of the evidence sentence with the quote marked; both escaped (they come from articles)."""
    sentence = sentence or quote
    at = sentence.find(quote)
    if at == -1:
        return f"<blockquote>{html_text(sentence)}<br><mark>{html_text(quote)}</mark></blockquote>"
    before, after = sentence[:at], sentence[at + len(quote) :]
    return f"<blockquote>{html_text(before)}<mark>{html_text(quote)}</mark>{html_text(after)}</blockquote>"


@st.cache_data(ttl=300, show_spinner=False, max_entries=64)
def _options(_graph: GraphReader, driver_key: int, entity_type: str, speakers: bool, limit: int) -> Rows:
    return explore.entity_options(_graph, entity_type=entity_type, speakers=speakers, limit=limit)


def entity_options(graph: GraphReader, entity_type: str = "", speakers: bool = False, limit: int = 500) -> Rows:
    """The pick lists of entities, kept five minutes: counting mentions of every entity is the slow part
    of a filter form on a large graph, and the lists barely change between two clicks."""
    return _options(graph, id(graph.driver), entity_type, speakers, limit)


def pick_entity(label: str, options: Rows, key: str, initial: str | None = None) -> str | None:
    """A select box of entities (most mentioned first) that returns the chosen id, or None for any."""
    names = distinct_labels({r["id"]: f"{r['name']} ({r['type']}, {r['articles']} articles)" for r in options.rows})
    if initial and initial not in names:
        names[initial] = initial
    ids: list[str | None] = [None, *names]
    index = ids.index(initial) if initial in names else 0
    return st.selectbox(label, ids, index=index, key=key, format_func=lambda i: "any" if i is None else names[i])


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV for spreadsheets; a cell that would start a formula (``=``, ``+``, ``-``, ``@``) gets a ``'``.

    Quotes come from articles, and a spreadsheet would run ``=HYPERLINK(…)`` written in one.
    """
    import pandas as pd

    def inert(value: Any) -> Any:
        return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value

    return pd.DataFrame([{k: inert(v) for k, v in row.items()} for row in rows]).to_csv(index=False)
