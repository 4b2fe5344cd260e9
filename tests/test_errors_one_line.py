"""An error becomes one line that still says why: the driver's "Couldn't connect to …:" keeps its reason."""

from __future__ import annotations

from core.errors import reason_line
from newsgraph.pipeline import _lost

REFUSED = (
    "Couldn't connect to 127.0.0.1:7781 (resolved to ('127.0.0.1:7781',)):\n"
    "Failed to establish connection to ResolvedIPv4Address(('127.0.0.1', 7781)) (reason [Errno 111] Connection refused)"
)


def test_a_first_line_ending_in_a_colon_keeps_the_reason_after_it() -> None:
    line = reason_line(REFUSED, 400)
    assert "\n" not in line and line.endswith("Connection refused)")


def test_other_messages_keep_their_first_line_only() -> None:
    assert reason_line("Invalid input 'X': expected a clause\n\"X\"\n ^") == "Invalid input 'X': expected a clause"
    assert reason_line("  \n\n") == "" and reason_line(None) == ""
    assert len(reason_line("x" * 1000)) == 300


def test_a_lost_server_names_its_address_and_the_reason() -> None:
    message = str(_lost("bolt://127.0.0.1:7781", ConnectionError(REFUSED)))
    assert message.startswith("lost the connection to Neo4j at bolt://127.0.0.1:7781: Couldn't connect")
    assert "Connection refused" in message and "\n" not in message
