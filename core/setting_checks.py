"""What a setting's value may be: a numeric range, a set of choices, a pattern, or a Neo4j URI.

Each check answers ``check(value)`` and reads as the phrase the error and docs/settings.md show ("1 to 65,535").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Range:
    low: float
    high: float

    def check(self, value: Any) -> bool:
        return math.isfinite(value) and self.low <= value <= self.high

    def __str__(self) -> str:
        return f"{_number(self.low)} to {_number(self.high)}"


@dataclass(frozen=True, slots=True)
class Choices:
    options: tuple[str, ...]

    def check(self, value: Any) -> bool:
        return value in self.options

    def __str__(self) -> str:
        return " or ".join(f"`{o}`" for o in self.options)


@dataclass(frozen=True, slots=True)
class Pattern:
    regex: str
    description: str

    def check(self, value: Any) -> bool:
        return re.fullmatch(self.regex, value) is not None

    def __str__(self) -> str:
        return self.description


@dataclass(frozen=True, slots=True)
class Neo4jUri:
    """Empty, or a Bolt/Neo4j URI with a host, a valid port and no credentials (they belong in NEO4J_USER/PASSWORD)."""

    schemes = ("bolt", "neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc")

    def check(self, value: Any) -> bool:
        if value == "":
            return True
        try:
            parts = urlsplit(value)
            port_ok = parts.port is None or parts.port > 0  # .port raises on a port that is no number or too big
        except ValueError:
            return False
        return bool(
            parts.scheme in self.schemes
            and parts.hostname
            and port_ok
            and "@" not in parts.netloc
            and parts.path in ("", "/")
            and not any(c.isspace() for c in value)
        )

    def __str__(self) -> str:
        return "empty, or a bolt://, neo4j://, bolt+s:// or neo4j+s:// (or +ssc) URI with a host and no credentials"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"
