"""The project's exception root. Library code raises these; only the CLI turns them into one line."""


class NewsgraphError(Exception):
    """Root of every error the project raises on purpose."""


class ConfigError(NewsgraphError):
    """A setting or the config file is invalid."""


class Neo4jSetupError(NewsgraphError):
    """The local Neo4j cannot be fetched, built or started (Java, Maven, ports, store)."""


class GraphUnavailableError(NewsgraphError):
    """Neo4j cannot be reached or refuses the credentials."""


def kept_after_loss(loaded: int) -> str:
    """What a load that lost Neo4j leaves in the graph: the batches it confirmed, and perhaps the one whose commit
    reached the server just as it went away (its answer never came)."""
    return f"the {loaded} articles loaded before stay in the graph, and maybe the batch being written"


class QueryError(NewsgraphError):
    """A Cypher query or its parameters are invalid, or it tried to write in read-only mode."""


class IngestError(NewsgraphError):
    """A source cannot be read as an article."""


class ExtractionError(NewsgraphError):
    """The NLP stage cannot process a document."""


def reason_line(text: str | None, limit: int = 300) -> str:
    """The one line of an error message a person needs: its first line, with the line after it when the first ends
    in a colon ("Couldn't connect to host:port (resolved to …):" is followed by the reason, "Connection refused");
    "" when there is none."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return ""
    line = lines[0]
    if line.endswith(":") and len(lines) > 1:
        line = f"{line} {lines[1]}"
    return line[:limit]
