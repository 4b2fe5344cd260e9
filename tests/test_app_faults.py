"""The explorer when things go wrong: an empty graph, Neo4j down, and Neo4j back again."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from graph.connection import resolve_target
from graph.readonly import SEARCH_TOO_LONG
from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts, wipe

pytestmark = pytest.mark.neo4j


class SwitchableProxy:
    """A loopback TCP relay in front of Neo4j that can be cut (server gone) and restored on the same port."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        if self._listener is not None:
            # close() alone would leave a thread blocked in accept() still accepting on Linux
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self._lock:
                self._open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def proxy(neo4j_settings) -> Iterator[SwitchableProxy]:
    address = urlsplit(resolve_target(neo4j_settings, start_local=False).uri)
    relay = SwitchableProxy(address.hostname or "127.0.0.1", address.port or 7687)
    relay.up()
    yield relay
    relay.down()


@pytest.fixture(scope="module")
def empty_graph(driver, neo4j_settings):
    wipe(driver, neo4j_settings.neo4j_database)
    for index in ("entity_names", "statement_text", "article_text", "statement_embedding"):
        # a brand-new database: the explorer creates the search indexes it needs
        driver.execute_query(f"DROP INDEX {index} IF EXISTS", database_=neo4j_settings.neo4j_database)
    with app_environment(neo4j_settings):
        yield


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("overview", "The graph is empty"),
        ("search", "Type a name, a word or a topic"),
        ("statements", "No statements in the graph yet"),
        ("timeline", "Choose speakers or an entity"),
        ("entity", "Find a person"),
        ("graph", "The graph has no entities yet"),
        ("article", "No articles yet"),
    ],
)
def test_an_empty_graph_shows_a_helpful_empty_state(empty_graph, page, message):
    app = open_page(page)
    no_exception(app)
    shown = texts(app) + "\n".join(t.label for t in app.text_input)
    assert message in shown


def test_an_empty_graph_searched_says_no_matches(empty_graph):
    app = open_page("search", q="anything")
    no_exception(app)
    assert any("No matches" in w.value for w in app.warning)


def test_neo4j_down_shows_a_clear_message_and_the_app_recovers(driver, neo4j_settings, proxy):
    fixture_graph(driver, neo4j_settings)
    with app_environment(neo4j_settings, uri=proxy.uri):
        app = open_page("overview")
        no_exception(app)
        assert {m.label: m.value for m in app.metric}["Articles"] == "5"

        proxy.down()  # the cached driver now points at a server that is gone
        down = open_page("entity", id="person:nebojsa-stefanovic")
        no_exception(down)
        assert down.error[0].value.startswith("Neo4j is not reachable, so nothing can be shown right now.")
        assert f"127.0.0.1:{proxy.port}" in down.error[0].value.replace("\\", "")  # shown Markdown-escaped
        assert "newsgraph neo4j start" in texts(down)
        assert not down.title  # no half-drawn page

        proxy.up()
        down.button(key="retry_connection").click().run()
        no_exception(down)
        assert not down.error
        assert down.title[0].value == "Nebojša Stefanović"


def test_neo4j_never_reachable_is_one_message_not_a_traceback(neo4j_settings, proxy):
    proxy.down()
    with app_environment(neo4j_settings, uri=proxy.uri):
        app = open_page("statements")
        no_exception(app)
        assert len(app.error) == 1 and "cannot reach Neo4j at bolt://127.0.0.1" in app.error[0].value.replace(
            "\\", ""
        ).replace("\u2060", "")


@pytest.mark.parametrize(
    ("page", "query", "field"),
    [
        ("search", {"q": "word " * 3000}, None),
        ("search", {"q": "w" * 300_000}, None),  # one word Lucene cuts into more than a thousand terms
        ("entity", {}, "entity_find"),
    ],
)
def test_a_search_with_too_many_words_is_one_clear_message(empty_graph, page, query, field):
    app = open_page(page, **query)
    if field:
        app.text_input(key=field).input("word " * 3000).run()
    no_exception(app)
    assert [re.sub(r"\\(.)", r"\1", e.value) for e in app.error] == [SEARCH_TOO_LONG]


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("search", {"q": 'a\x00b \\ " ~ * ? AND OR ('}),
        ("entity", {"id": "x" * 100000}),
        ("entity", {"id": "a\x00b"}),
        ("statements", {"from": "0001-01-01", "to": "9999-12-31"}),
        ("statements", {"speaker": "x" * 100000}),
        ("timeline", {"about": "a\x00b", "speakers": "x" * 100000}),
        ("graph", {"ids": ",".join(f"x{i}" for i in range(3000))}),
        ("article", {"id": "\x00" * 1000}),
    ],
)
def test_odd_text_from_the_address_bar_never_breaks_a_page(empty_graph, page, query):
    app = open_page(page, **query)
    no_exception(app)
