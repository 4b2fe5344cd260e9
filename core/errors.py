"""The project's exception root. Library code raises these; only the CLI turns them into one line."""


class NewsgraphError(Exception):
    """Root of every error the project raises on purpose."""


class ConfigError(NewsgraphError):
    """A setting or the config file is invalid."""


class Neo4jSetupError(NewsgraphError):
    """The local Neo4j cannot be fetched, built or started (Java, Maven, ports, store)."""


class GraphUnavailableError(NewsgraphError):
    """Neo4j cannot be reached or refuses the credentials."""


class QueryError(NewsgraphError):
    """A Cypher query or its parameters are invalid, or it tried to write in read-only mode."""


class IngestError(NewsgraphError):
    """A source cannot be read as an article."""


class ExtractionError(NewsgraphError):
    """The NLP stage cannot process a document."""
