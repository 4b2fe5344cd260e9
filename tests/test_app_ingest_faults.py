"""The Ingest page when Neo4j goes away during an upload: one clear message, and the run report is kept."""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from graph.connection import resolve_target
from tests.app_harness import app_environment, no_exception, open_page, wipe
from tests.test_app_faults import SwitchableProxy

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

MARKER = b"Zqxjvbkw"  # a word only the third article holds: it crosses the wire when that article is loaded


class CuttingProxy(SwitchableProxy):
    """A relay that goes down (listener and open connections) the moment ``MARKER`` passes through it."""

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:  # type: ignore[override]
        try:
            while data := source.recv(65536):
                if MARKER in data:
                    self.down()
                    return
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def cutting_proxy(neo4j_settings) -> Iterator[CuttingProxy]:
    address = urlsplit(resolve_target(neo4j_settings, start_local=False).uri)
    relay = CuttingProxy(address.hostname or "127.0.0.1", address.port or 7687)
    relay.up()
    yield relay
    relay.down()


def _article(number: int, extra: str = "") -> str:
    text = (
        f"Mayor Jelena Petrović said on Monday that bridge number {number} would reopen in May. "
        f"“The repairs are finished,” Petrović told reporters in Novi Sad. {extra}"
    )
    return json.dumps({"id": f"bridge-{number}", "title": f"Bridge {number} reopens", "text": text})


def test_neo4j_lost_during_an_upload_saves_the_report_and_shows_one_message(
    driver, neo4j_settings, cutting_proxy, tmp_path
):
    wipe(driver, neo4j_settings.neo4j_database)
    upload = "\n".join([_article(1), _article(2), _article(3, MARKER.decode())]).encode()
    data_dir = tmp_path / "data"
    with app_environment(neo4j_settings, uri=cutting_proxy.uri, data_dir=data_dir, NEWSGRAPH_LOAD_BATCH_SIZE="1"):
        app = open_page("ingest")
        app.file_uploader(key="ingest_files").set_value([("bridges.jsonl", upload, "application/json")])
        app.button(key="ingest_run").click().run(timeout=600)
        no_exception(app)
    assert len(app.error) == 1, [e.value for e in app.error]
    message = app.error[0].value.replace("\\", "")
    assert "lost the connection to Neo4j" in message and "ingest the same items again" in message
    assert not app.success, "a run that stopped is not shown as a success"
    report = json.loads((data_dir / "ingest-reports" / "latest.json").read_text())
    assert report["error"] is not None and "lost the connection to Neo4j" in report["error"]
    assert report["loaded"] == 2 and report["articles"] == 3
    assert report["skipped_by_reason"] == {"not loaded": 1}
    records, _, _ = driver.execute_query(
        "MATCH (a:Article) RETURN count(a) AS n", database_=neo4j_settings.neo4j_database
    )
    assert records[0]["n"] == 2
