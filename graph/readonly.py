"""Running a user's Cypher read-only: a read transaction, a timeout and a row limit.

Two guards. First the server plans the query (``EXPLAIN``, which runs nothing) and the plan is checked:
the query type must be read-only, and no operator may be an administration command (``SHOW USERS``,
``CREATE USER``, …, planned as ``AdministrationCommand`` on the system database), a ``SHOW`` or
``TERMINATE`` command other than the schema ones (``SHOW TRANSACTIONS`` reads other sessions' queries and
``TERMINATE TRANSACTIONS`` ends them, yet both are typed "read"), ``LOAD CSV``, or a procedure outside a
short list of schema and index reads. The plan is the server's own reading of the statement, so comments,
string literals and odd spelling cannot fool the check. Then the query runs in a READ transaction, in which
Neo4j itself rejects any write (``Neo.ClientError.Statement.AccessMode``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver, ManagedTransaction, Query, Record, unit_of_work
from neo4j.exceptions import (
    ClientError,
    CypherSyntaxError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    TransientError,
)
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time

from core.errors import GraphUnavailableError, QueryError, reason_line

log = logging.getLogger(__name__)

# Lucene cuts a word of more than 255 characters into several terms, so one very long word counts as many
SEARCH_TOO_LONG = (
    "the search text is too long: Neo4j's full-text search takes at most 1024 terms (words; a word of more than 255 "
    "characters is several)"
)
WRITE_REFUSED = "refused: this query would write to the graph, and only read queries may run here"
ADMIN_REFUSED = (
    "refused: administration commands (transactions, users, roles, privileges, settings, databases) "
    "cannot run here, only queries that read the graph"
)
PROCEDURE_REFUSED = (
    "refused: procedure {name} cannot run here; only db.labels, db.relationshipTypes, db.propertyKeys, "
    "db.schema.* and the full-text and vector index queries can"
)
PROFILE_REFUSED = "refused: PROFILE cannot run here (the console plans each query itself)"
TOO_DEEP = "the result is nested too deeply to read (lists or maps within each other)"
# Neo4j calls a query that runs out of memory a transient error, which the driver would retry for half a minute;
# the same query needs the same memory each time.
_OUT_OF_MEMORY = frozenset(
    {"Neo.TransientError.General.OutOfMemoryError", "Neo.TransientError.General.MemoryPoolOutOfMemoryError"}
)
OUT_OF_MEMORY = (
    "the query needs more memory than the server gives one query ({reason}): return fewer rows or smaller lists"
)
# LOAD CSV reads files of the database host and fetches URLs: not something a read console should offer.
REFUSED_OPERATORS = {"LoadCSV": "refused: LOAD CSV reads files or URLs from the database host, not allowed here"}
# SHOW commands about the graph's schema and the Cypher language; every other SHOW (transactions, settings,
# procedures) and every TERMINATE is refused. docs/cli.md says why.
ALLOWED_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions"})
# Procedures that only read the graph's schema or search its indexes (the curated queries use some).
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.vector.queryNodes",
        "db.index.vector.queryRelationships",
    }
)
# What Neo4j can take as a parameter: 64-bit integers, and nesting the driver can pack without recursing too far.
MIN_INT, MAX_INT = -(2**63), 2**63 - 1
INT_RANGE = f"Neo4j integers go from {MIN_INT} to {MAX_INT}"
MAX_NESTING = 100
MIN_TIMEOUT, MAX_TIMEOUT = 0.1, 86400.0  # seconds; the driver sends the timeout as whole milliseconds
# Neo4j's parser recurses once per operator: a statement of some 20,000 terms ("1+1+…") overflows its stack, and the
# server then drops the connection without an answer, minutes later and whatever the time limit. The curated queries
# are under 8,000 characters; long lists of values belong in parameters.
MAX_STATEMENT_CHARS = 20_000
_PROCEDURE_NAME = re.compile(r"^\s*([`\w.]+)\s*\(")
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
        try:
            return [{key: to_plain(record[key]) for key in self.columns} for record in self.records]
        except RecursionError as e:
            raise QueryError(TOO_DEEP) from e


def load_json(text: str, what: str) -> Any:
    """``text`` as JSON; JSON Python cannot read (too deep, numbers past 4300 digits) is a QueryError.

    Malformed JSON still raises ``json.JSONDecodeError``, for callers that fall back to plain text.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError as e:
        raise QueryError(f"{what}: the JSON is nested too deeply to read") from e
    except ValueError as e:  # int() refuses more than 4300 digits
        raise QueryError(f"{what}: a whole number has more than 4300 digits; {INT_RANGE}") from e


def check_parameters(parameters: Mapping[str, Any]) -> None:
    """Refuse, naming the parameter, a value the driver cannot send: an integer outside 64 bits, text that
    is not valid Unicode, lists or maps nested more than MAX_NESTING levels."""
    for name, value in parameters.items():
        if not isinstance(name, str):
            raise QueryError(f"parameter names must be text, got {name!r}")
        _check_text(name, name)
        _check_value(name, name, value, 0)


def _check_value(name: str, path: str, value: Any, level: int) -> None:
    """``path`` says where inside parameter ``name`` the value sits (``x.a[1]``)."""
    where = path if len(path) <= 60 else path[:60] + "…"
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return
    if isinstance(value, int):
        if not MIN_INT <= value <= MAX_INT:
            raise QueryError(f"parameter {where}: {_int_text(value)} is out of range; {INT_RANGE}")
        return
    if isinstance(value, str):
        _check_text(where, value)
        return
    if not isinstance(value, (list, tuple, dict)):
        return  # dates, times, bytes, points: the driver's own types
    if level >= MAX_NESTING:
        raise QueryError(f"parameter {name}: lists and maps nested more than {MAX_NESTING} levels deep cannot be sent")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise QueryError(f"parameter {where}: map keys must be text, got {key!r}")
            _check_text(f"{where} (a key)", key)
            _check_value(name, f"{path}.{key}", item, level + 1)
    else:
        for index, item in enumerate(value):
            _check_value(name, f"{path}[{index}]", item, level + 1)


def _check_text(where: str, text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise QueryError(
            f"parameter {where}: the text is not valid Unicode (a lone surrogate at character {e.start})"
        ) from e


def _int_text(value: int) -> str:
    if value.bit_length() <= 100:
        return str(value)
    return f"a whole number of about {int(value.bit_length() * math.log10(2)) + 1} digits"


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
    if len(cypher) > MAX_STATEMENT_CHARS:
        raise QueryError(
            f"the statement is {len(cypher):,} characters long, more than {MAX_STATEMENT_CHARS:,}: "
            "give long lists of values as parameters (-p NAME=JSON)"
        )
    if not MIN_TIMEOUT <= timeout <= MAX_TIMEOUT:  # also false for NaN
        raise QueryError(f"the time limit must be from {MIN_TIMEOUT:g} to {MAX_TIMEOUT:g} seconds, got {timeout:g}")
    try:
        cypher.encode("utf-8")
    except UnicodeEncodeError as e:  # read from a binary file or pipe with its undecodable bytes kept as surrogates
        raise QueryError("the Cypher statement is not UTF-8 text (binary input?)") from e
    params = dict(parameters or {})
    check_parameters(params)
    started = time.perf_counter()
    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            plan = session.run(Query("EXPLAIN " + cypher, timeout=timeout), params).consume()
            _check_plan(plan.query_type, plan.plan)
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
    except RecursionError as e:  # the driver unpacks nested values recursively
        raise QueryError(TOO_DEEP) from e
    except (TypeError, ValueError, OverflowError, UnicodeError) as e:  # a parameter value the driver cannot encode
        raise QueryError(f"a parameter cannot be sent to Neo4j: {_first_line(str(e))}") from e
    return ReadResult(columns, records, truncated, time.perf_counter() - started)


def _check_plan(query_type: str | None, plan: dict[str, Any] | None) -> None:
    """Refuse a planned query that would write, administer the server or call an unlisted procedure."""
    if query_type in ("w", "rw"):
        raise QueryError(WRITE_REFUSED)
    if not plan:  # every statement Neo4j 5 can run has a plan; without one nothing can be checked
        raise QueryError(WRITE_REFUSED)
    _refuse_operators(plan)
    if query_type != "r":  # "s": schema commands (CREATE INDEX, …)
        raise QueryError(WRITE_REFUSED)


def _refuse_operators(plan: dict[str, Any]) -> None:
    operator, _, database = str(plan.get("operatorType", "")).partition("@")
    if operator == "AdministrationCommand" or database == "system":
        raise QueryError(ADMIN_REFUSED)
    if operator.startswith(("Show", "Terminate")) and operator not in ALLOWED_SHOW:
        raise QueryError(ADMIN_REFUSED)
    if operator in REFUSED_OPERATORS:
        raise QueryError(REFUSED_OPERATORS[operator])
    if operator == "ProcedureCall":
        details = str((plan.get("args") or {}).get("Details", ""))
        match = _PROCEDURE_NAME.match(details)
        name = match.group(1).replace("`", "") if match else "(unnamed)"
        if name not in ALLOWED_PROCEDURES:
            raise QueryError(PROCEDURE_REFUSED.format(name=name))
    for child in plan.get("children", []):
        _refuse_operators(child)


def _fetch(
    tx: ManagedTransaction, cypher: str, params: dict[str, Any], row_limit: int
) -> tuple[list[str], list[Record], bool]:
    records: list[Record] = []
    truncated = False
    try:
        result = tx.run(cypher, params)
        columns = list(result.keys())
        for record in result:
            if len(records) >= row_limit:
                truncated = True
                break
            records.append(record)
        result.consume()  # discards the rest on the server
    except TransientError as e:
        if e.code in _OUT_OF_MEMORY:  # not a driver error: the driver gives up at once
            raise QueryError(OUT_OF_MEMORY.format(reason=_first_line(e.message or str(e)))) from e
        raise
    return columns, records, truncated


def _client_error(error: ClientError) -> str:
    code = error.code or ""
    message = _first_line(error.message or str(error))
    if code.endswith("Statement.AccessMode") or code.endswith("Security.Forbidden"):
        return WRITE_REFUSED
    # Administration commands the server cannot even plan here (SHOW ROLES, CREATE DATABASE in Community)
    if code.endswith(("UnsupportedAdministrationCommand", "NotSystemDatabaseError")):
        return ADMIN_REFUSED
    if code.endswith("Statement.ArgumentError") and "conflicting values for execution mode" in message:
        return PROFILE_REFUSED  # EXPLAIN PROFILE …
    if "TransactionTimedOut" in code or "Transaction.Terminated" in code:
        return f"the query ran longer than the time limit and was stopped ({message})"
    if code.endswith("Statement.TypeError") or code.endswith("Statement.ArgumentError"):
        return f"wrong parameter or value type: {message}"
    if code.endswith("Statement.ParameterMissing"):
        return f"missing parameter: {message}"
    if "TooManyClauses" in message:  # Lucene's limit, reached by a full-text search of a very long text
        return SEARCH_TOO_LONG
    if code.endswith("Procedure.ProcedureCallFailed") and "Limit argument cannot be negative" in message:
        return "a limit must be 0 or more"  # a full-text search's {limit: -1}; the rest is Java's exception
    if code.endswith("Procedure.ProcedureCallFailed"):
        return f"a procedure call failed: {message}"
    return f"{code.rsplit('.', 1)[-1] or 'error'}: {message}"


def _first_line(text: str | None) -> str:
    return reason_line(text, 400) or "(no detail)"


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
