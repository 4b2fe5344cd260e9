"""Opening a Neo4j driver: the configured remote server (NEO4J_URI) or the managed local one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from core.errors import GraphUnavailableError, QueryError, reason_line
from core.settings import Settings, mask_uri
from graph.local_server import LocalNeo4j

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Target:
    uri: str
    user: str
    password: str
    database: str
    local: bool


def resolve_target(settings: Settings, start_local: bool = True) -> Target:
    """Where to connect: NEO4J_URI when set, else the local server (started on demand)."""
    if settings.neo4j_uri:
        return Target(
            settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database, local=False
        )
    server = LocalNeo4j(settings)
    info = server.start() if start_local else server.running()
    if info is None:
        raise GraphUnavailableError("the local Neo4j is not running: start it with `newsgraph neo4j start`")
    return Target(info.uri, "neo4j", server.password(), "neo4j", local=True)


def open_driver(settings: Settings, start_local: bool = True) -> tuple[Driver, str]:
    """A connected driver and the database name. Errors name the URI, never the password."""
    target = resolve_target(settings, start_local=start_local)
    shown = mask_uri(target.uri)
    try:
        driver = GraphDatabase.driver(
            target.uri, auth=(target.user, target.password), connection_timeout=10.0, max_transaction_retry_time=30.0
        )
    except (ConfigurationError, ValueError) as e:
        raise GraphUnavailableError(f"invalid Neo4j URI {shown!r}: {mask_uri(_short(e))}") from e
    try:
        driver.verify_connectivity()
    except AuthError as e:
        driver.close()
        raise GraphUnavailableError(
            f"Neo4j at {shown} refused the credentials of user {target.user!r} (check NEO4J_USER and NEO4J_PASSWORD)"
        ) from e
    except (ServiceUnavailable, Neo4jError, OSError) as e:
        driver.close()
        raise GraphUnavailableError(f"cannot reach Neo4j at {shown}: {mask_uri(_short(e))}") from e
    return driver, target.database


def _short(error: Exception) -> str:
    return reason_line(str(error)) or type(error).__name__


def write_transaction(
    driver: Driver,
    database: str,
    work: Callable[..., Any],
    *args: Any,
    activity: str,
    refusal: str,
    unavailable: str | None = None,
    refused: Callable[[str], Exception] = QueryError,
) -> Any:
    """Run ``work`` in a managed write transaction (retried by the driver on transient errors); what still fails
    becomes one line: GraphUnavailableError when the server went away ("… while <activity>", or ``unavailable``
    when the caller knows what the user should do next), ``refused(…)`` when Neo4j rejected the write."""
    try:
        with driver.session(database=database) as session:
            return session.execute_write(work, *args)
    except (ServiceUnavailable, SessionExpired) as e:
        raise GraphUnavailableError(
            unavailable or f"Neo4j became unavailable while {activity}: {_first_line(str(e))}"
        ) from e
    except Neo4jError as e:
        raise refused(f"{refusal}: {e.code}: {_first_line(e.message)}") from e
    except DriverError as e:
        raise GraphUnavailableError(f"lost the connection to Neo4j while {activity}: {_first_line(str(e))}") from e


def _first_line(message: str | None) -> str:
    return reason_line(message) or "no reason given"
