"""Running a user's Cypher read-only: a read transaction, a timeout and a row limit.

Two guards: ``EXPLAIN`` tells the query type before anything runs, so a write is refused with a clear
message; and the query then runs in a READ transaction, in which Neo4j itself rejects any write
(``Neo.ClientError.Statement.AccessMode``) — so a write slipping past the first check is refused
too, and nothing is written either way.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver, ManagedTransaction, Query, Record, unit_of_work
from neo4j.exceptions import ClientError, CypherSyntaxError, DriverError, Neo4jError, ServiceUnavailable
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time

from newsgraph.errors import GraphUnavailableError, QueryError

log = logging.getLogger(__name__)

WRITE_REFUSED = "refused: this query would write to the graph, and only read queries may run here"
# LOAD CSV reads files of the database host and fetches URLs: not something a read console should offer.
REFUSED_OPERATORS = {"LoadCSV": "refused: LOAD CSV reads files or URLs from the database host, not allowed here"}
# Long property values that would swamp a table; kept in the raw records.
HIDDEN_PROPERTIES = frozenset({"embedding"})


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Rows of a read query. ``records`` keeps Neo4j's own values (nodes, paths) for drawing graphs."""

    columns: list[str]
    records: list[Record]
    truncated: bool  # more rows existed than the row limit
    seconds: float

    def rows(self) -> list[dict[str, Any]]:
        """Rows as plain JSON-friendly values (nodes and relationships become dicts, dates ISO text)."""
        return [{key: to_plain(record[key]) for key in self.columns} for record in self.records]


def run_read(
    driver: Driver,
    database: str,
    cypher: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    timeout: float = 30.0,
    row_limit: int = 1000,
) -> ReadResult:
    """Run ``cypher`` read-only; errors become a QueryError with one clear line."""
    if not cypher.strip():
        raise QueryError("empty query")
    params = dict(parameters or {})
    started = time.perf_counter()
    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            plan = session.run(Query("EXPLAIN " + cypher, timeout=timeout), params).consume()
            if plan.query_type not in ("r", None):
                raise QueryError(WRITE_REFUSED)
            _refuse_operators(plan.plan)
            fetch = unit_of_work(timeout=timeout)(_fetch)
            columns, records, truncated = session.execute_read(fetch, cypher, params, row_limit)
    except QueryError:
        raise
    except CypherSyntaxError as e:
        raise QueryError(f"Cypher syntax error: {_first_line(e.message)}") from e
    except ClientError as e:
        raise QueryError(_client_error(e)) from e
    except ServiceUnavailable as e:
        raise GraphUnavailableError(f"Neo4j is not reachable: {_first_line(str(e))}") from e
    except Neo4jError as e:
        raise QueryError(f"Neo4j could not run the query: {_first_line(e.message or str(e))}") from e
    except DriverError as e:
        raise GraphUnavailableError(f"lost the connection to Neo4j: {_first_line(str(e))}") from e
    except TypeError as e:  # the driver's answer to a parameter value it cannot encode
        raise QueryError(f"a parameter cannot be sent to Neo4j: {e}") from e
    return ReadResult(columns, records, truncated, time.perf_counter() - started)


def _refuse_operators(plan: dict[str, Any] | None) -> None:
    if not plan:
        return
    operator = str(plan.get("operatorType", "")).split("@", 1)[0]
    if operator in REFUSED_OPERATORS:
        raise QueryError(REFUSED_OPERATORS[operator])
    for child in plan.get("children", []):
        _refuse_operators(child)


def _fetch(
    tx: ManagedTransaction, cypher: str, params: dict[str, Any], row_limit: int
) -> tuple[list[str], list[Record], bool]:
    result = tx.run(cypher, params)
    columns = list(result.keys())
    records: list[Record] = []
    truncated = False
    for record in result:
        if len(records) >= row_limit:
            truncated = True
            break
        records.append(record)
    result.consume()  # discards the rest on the server
    return columns, records, truncated


def _client_error(error: ClientError) -> str:
    code = error.code or ""
    message = _first_line(error.message or str(error))
    if code.endswith("Statement.AccessMode") or code.endswith("Security.Forbidden"):
        return WRITE_REFUSED
    if "TransactionTimedOut" in code or "Transaction.Terminated" in code:
        return f"the query ran longer than the time limit and was stopped ({message})"
    if code.endswith("Statement.TypeError") or code.endswith("Statement.ArgumentError"):
        return f"wrong parameter or value type: {message}"
    if code.endswith("Statement.ParameterMissing"):
        return f"missing parameter: {message}"
    if code.endswith("Procedure.ProcedureCallFailed"):
        return f"a procedure call failed: {message}"
    return f"{code.rsplit('.', 1)[-1] or 'error'}: {message}"


def _first_line(text: str | None) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[0][:400] if lines else "(no detail)"


def to_plain(value: Any) -> Any:
    """A Neo4j value as plain Python: JSON-friendly, embeddings left out."""
    if isinstance(value, Node):
        return {"_id": value.element_id, "_labels": sorted(value.labels), **_properties(value)}
    if isinstance(value, Relationship):
        return {
            "_id": value.element_id,
            "_type": value.type,
            "_start": value.start_node.element_id if value.start_node is not None else None,
            "_end": value.end_node.element_id if value.end_node is not None else None,
            **_properties(value),
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_plain(n) for n in value.nodes],
            "relationships": [to_plain(r) for r in value.relationships],
        }
    if isinstance(value, (Date, DateTime, Time)):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def _properties(entity: Node | Relationship) -> dict[str, Any]:
    return {k: to_plain(v) for k, v in entity.items() if k not in HIDDEN_PROPERTIES}
