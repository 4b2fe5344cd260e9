"""The managed local Neo4j Community server.

Maven fetches Neo4j from Maven Central once into the cache folder and compiles a small launcher
(graph/launcher) that starts Neo4j through its embedded API with Bolt on 127.0.0.1 only. The store,
its generated password (owner-only file), the config and the logs live under the data folder.
Neo4j ships no Python launcher and the server tarball is not on Maven Central, hence this module.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from core.errors import Neo4jSetupError
from core.settings import Settings

log = logging.getLogger(__name__)

LAUNCHER_SOURCE = Path(__file__).resolve().parent / "launcher"
LAUNCHER_CLASS = "newsgraph.Launcher"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"  # neo4j-admin's entry point, in the jars the launcher's pom fetches
READY_LINE = "NEWSGRAPH READY"
MIN_JAVA = 17
HINT_REMOTE = "or set NEO4J_URI to use an existing Neo4j"

# From the jvm options of Neo4j's own neo4j.conf: the kernel needs these opens on Java 17+.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


@dataclass(frozen=True, slots=True)
class ServerInfo:
    pid: int
    port: int
    uri: str
    version: str
    home: str
    started_at: str


@dataclass(frozen=True, slots=True)
class ServerStatus:
    running: bool
    uri: str | None
    pid: int | None
    version: str
    data_dir: Path
    store_bytes: int
    started_at: str | None


class LocalNeo4j:
    """Fetches, starts, stops and reports on the local Neo4j of one data folder."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = settings.data_dir / "neo4j"
        self.config_file = self.home / "neo4j.conf"
        self.password_file = settings.data_dir / "neo4j-password"
        self.state_file = self.home / "server.json"
        self.log_file = self.home / "logs" / "launcher.log"
        # Keyed by the launcher's sources too: a changed pom or launcher is built again, never run from an old cache.
        self.install_dir = settings.cache_dir / f"neo4j-{settings.neo4j_version}-{launcher_digest()}"
        self._process: subprocess.Popen[bytes] | None = None

    # ----- installation -----------------------------------------------------------------
    def check_java(self) -> None:
        java = shutil.which(self.settings.java)
        if java is None:
            raise Neo4jSetupError(
                f"Java {MIN_JAVA}+ is needed for the local Neo4j and `{self.settings.java}` was not found: "
                f"install a JDK {MIN_JAVA}+ (e.g. `apt-get install openjdk-17-jdk-headless`), {HINT_REMOTE}"
            )
        try:
            out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise Neo4jSetupError(f"cannot run `{java} -version`: {e}; install a JDK {MIN_JAVA}+, {HINT_REMOTE}") from e
        match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
        if match is None:
            raise Neo4jSetupError(f"cannot tell the version of `{java}`; install a JDK {MIN_JAVA}+, {HINT_REMOTE}")
        major = int(match.group(1))
        if major == 1 and match.group(2):  # "1.8" style
            major = int(match.group(2))
        if major < MIN_JAVA:
            raise Neo4jSetupError(
                f"Java {major} found at {java}, but Neo4j 5.26 needs Java {MIN_JAVA}+: install a newer JDK "
                f"(e.g. `apt-get install openjdk-17-jdk-headless`) and put it first on PATH, {HINT_REMOTE}"
            )

    def is_installed(self) -> bool:
        return (self.install_dir / "complete").is_file()

    def ensure_installed(self) -> Path:
        """Fetch Neo4j with Maven and compile the launcher, once per version. Nothing half-written stays."""
        self.check_java()
        if self.is_installed():
            return self.install_dir
        maven = shutil.which(self.settings.maven)
        if maven is None:
            raise Neo4jSetupError(
                f"Maven is needed once to fetch Neo4j {self.settings.neo4j_version} and `{self.settings.maven}` "
                f"was not found: install it (e.g. `apt-get install maven`), {HINT_REMOTE}"
            )
        self.settings.cache_dir.mkdir(parents=True, exist_ok=True)
        staging = self.settings.cache_dir / f".{self.install_dir.name}.partial-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        try:
            shutil.copytree(LAUNCHER_SOURCE, staging / "src")
            command = [
                maven,
                "-B",
                "-q",
                "-f",
                str(staging / "src" / "pom.xml"),
                f"-Dneo4j.version={self.settings.neo4j_version}",
                f"-Dlauncher.output={staging}",
                *shlex.split(self.settings.maven_args),
                "package",
            ]
            log.info("fetching Neo4j %s with Maven (once)", self.settings.neo4j_version)
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
            except subprocess.TimeoutExpired as e:
                raise Neo4jSetupError(f"Maven did not finish fetching Neo4j in 30 minutes; {HINT_REMOTE}") from e
            if done.returncode != 0:
                raise Neo4jSetupError(_maven_failure(done.stdout + done.stderr, self.settings.neo4j_version))
            (staging / "complete").write_text(self.settings.neo4j_version + "\n")
            shutil.rmtree(staging / "src")
            with contextlib.suppress(FileNotFoundError):
                shutil.rmtree(self.install_dir)
            staging.rename(self.install_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return self.install_dir

    # ----- lifecycle --------------------------------------------------------------------
    def running(self) -> ServerInfo | None:
        """The server of this data folder if its process is alive; a stale state file is removed."""
        try:
            info = ServerInfo(**json.loads(self.state_file.read_text()))
        except FileNotFoundError:
            return None
        except (ValueError, TypeError):
            log.warning("ignoring unreadable %s", self.state_file)
            self.state_file.unlink(missing_ok=True)
            return None
        if _is_our_launcher(info.pid, self.home):
            return info
        log.info("local Neo4j (pid %s) is gone; clearing its stale state", info.pid)
        self.state_file.unlink(missing_ok=True)
        return None

    def _make_private_folders(self) -> None:
        """The data folder (when this creates it) and the store are the owner's alone, like the password file."""
        if not self.settings.data_dir.exists():
            self.settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.home.mkdir(mode=0o700, exist_ok=True)
        if self.home.stat().st_mode & 0o077:
            self.home.chmod(0o700)  # stores made before were readable by every user of the machine

    def password(self) -> str:
        if not self.password_file.exists():
            self._make_private_folders()
            descriptor = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(24) + "\n")
        return self.password_file.read_text().strip()

    def start(self) -> ServerInfo:
        """Start the server (or return the running one) once it answers on Bolt."""
        install = self.ensure_installed()
        self._make_private_folders()
        with self._start_lock():
            info = self.running()
            if info is not None:
                return info
            port = _choose_port(self.settings.neo4j_port)
            self.password()
            self._write_config(port)
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
            command = [
                self.settings.java,
                f"-Xms{self.settings.neo4j_heap}",
                f"-Xmx{self.settings.neo4j_heap}",
                *JVM_FLAGS,
                "-cp",
                f"{install / 'lib'}/*{os.pathsep}{install / 'build' / 'classes'}",
                LAUNCHER_CLASS,
                str(self.home),
                str(self.config_file),
                str(self.password_file),
            ]
            log_handle = self.log_file.open("ab")
            offset = log_handle.tell()
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log_handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                cwd=self.home,
            )
            log_handle.close()
            info = ServerInfo(
                pid=self._process.pid,
                port=port,
                uri=f"bolt://127.0.0.1:{port}",
                version=self.settings.neo4j_version,
                home=str(self.home),
                started_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
            self.state_file.write_text(json.dumps(asdict(info)))
            try:
                self._wait_ready(info, offset)
            except BaseException:
                self.stop()
                raise
            return info

    def stop(self, timeout: float = 120.0) -> bool:
        """Shut the server down cleanly (SIGTERM runs Neo4j's shutdown). Returns False if none ran."""
        info = self.running()
        if info is None:
            return False
        os.kill(info.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._alive(info.pid):
            time.sleep(0.2)
        if self._alive(info.pid):
            log.warning("local Neo4j did not stop in %.0f s; killing it (recovery runs at next start)", timeout)
            os.kill(info.pid, signal.SIGKILL)
            while self._alive(info.pid):
                time.sleep(0.1)
        self.state_file.unlink(missing_ok=True)
        return True

    def status(self) -> ServerStatus:
        info = self.running()
        store = self.home / "data"
        size = sum(p.stat().st_size for p in store.rglob("*") if p.is_file()) if store.exists() else 0
        return ServerStatus(
            running=info is not None,
            uri=info.uri if info else None,
            pid=info.pid if info else None,
            version=info.version if info else self.settings.neo4j_version,
            data_dir=self.home,
            store_bytes=size,
            started_at=info.started_at if info else None,
        )

    # ----- bulk import (graph/bulk_import.py) -------------------------------------------
    def import_store(self, arguments: list[str], files: Path) -> None:
        """Run neo4j-admin's importer (``arguments`` after ``neo4j-admin``) on this store, from the folder of the
        import files, with the server stopped. If the importer fails, the database is put back as it was."""
        install = self.ensure_installed()
        if self.running() is not None:
            raise Neo4jSetupError("the local Neo4j must be stopped for a bulk import")
        self._make_private_folders()
        if not self.config_file.exists():
            self._write_config(_choose_port(self.settings.neo4j_port))
        stores = [self.home / "data" / "databases" / "neo4j", self.home / "data" / "transactions" / "neo4j"]
        kept = [store.with_name(f".{store.name}.before-import") for store in stores]
        for store, backup in zip(stores, kept, strict=True):
            shutil.rmtree(backup, ignore_errors=True)
            if store.exists():
                store.rename(backup)
        log_file = self.home / "logs" / "bulk-import.log"
        log_file.parent.mkdir(parents=True, exist_ok=True)
        command = [self.settings.java, f"-Xmx{self.settings.neo4j_heap}", *JVM_FLAGS,
                   "-cp", f"{install / 'lib'}/*", ADMIN_CLASS, *arguments]  # fmt: skip
        environment = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home)}
        with log_file.open("ab") as output:
            offset = output.tell()
            done = subprocess.run(command, cwd=files, env=environment, stdin=subprocess.DEVNULL, stdout=output,
                                  stderr=subprocess.STDOUT, check=False)  # fmt: skip
        if done.returncode != 0:
            for store, backup in zip(stores, kept, strict=True):
                shutil.rmtree(store, ignore_errors=True)
                if backup.exists():
                    backup.rename(store)
            raise Neo4jSetupError(
                f"the bulk import failed, the database is as it was: {_last_error_line(log_file, offset)}; "
                f"full log: {log_file}"
            )
        for backup in kept:
            shutil.rmtree(backup, ignore_errors=True)

    # ----- internals --------------------------------------------------------------------
    def _alive(self, pid: int) -> bool:
        if self._process is not None and self._process.pid == pid:
            return self._process.poll() is None
        return _is_our_launcher(pid, self.home)

    @contextlib.contextmanager
    def _start_lock(self) -> Iterator[None]:
        with (self.home / "start.lock").open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write_config(self, port: int) -> None:
        lines = {
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": f"127.0.0.1:{port}",
            "server.bolt.advertised_address": f"127.0.0.1:{port}",
            "server.bolt.tls_level": "DISABLED",
            "server.memory.pagecache.size": self.settings.neo4j_pagecache,
            "dbms.security.auth_enabled": "true",
            # Neo4j preallocates 256 MiB log files by default; a laptop store should stay small.
            "db.tx_log.preallocate": "false",
            "db.tx_log.rotation.size": "32M",
            "db.tx_log.rotation.retention_policy": "2 files",
            "db.transaction.timeout": "0s",
        }
        self.config_file.write_text("".join(f"{k}={v}\n" for k, v in lines.items()))

    def _wait_ready(self, info: ServerInfo, log_offset: int) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        deadline = time.monotonic() + self.settings.neo4j_start_timeout
        ready_seen = False
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise Neo4jSetupError(
                    f"local Neo4j exited while starting (code {self._process.returncode}): "
                    f"{_last_error_line(self.log_file, log_offset)}; full log: {self.log_file}"
                )
            if not ready_seen:
                with self.log_file.open("rb") as handle:
                    handle.seek(log_offset)
                    ready_seen = READY_LINE.encode() in handle.read()
            if ready_seen:
                try:
                    with GraphDatabase.driver(info.uri, auth=("neo4j", self.password())) as driver:
                        driver.verify_connectivity()
                    return
                except (ServiceUnavailable, Neo4jError, OSError):
                    pass
            time.sleep(0.25)
        raise Neo4jSetupError(
            f"local Neo4j did not answer on {info.uri} within {self.settings.neo4j_start_timeout:.0f} s "
            f"(NEWSGRAPH_NEO4J_START_TIMEOUT); log: {self.log_file}"
        )


def launcher_digest() -> str:
    """A short hash of the launcher's sources (pom and Java), naming its build in the cache folder."""
    digest = hashlib.sha256()
    for path in sorted(p for p in LAUNCHER_SOURCE.rglob("*") if p.is_file()):
        digest.update(path.relative_to(LAUNCHER_SOURCE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _maven_failure(output: str, version: str) -> str:
    errors = [line.removeprefix("[ERROR]").strip() for line in output.splitlines() if "[ERROR]" in line]
    first = next((e for e in errors if e), output.strip().splitlines()[-1] if output.strip() else "no output")
    network_words = (
        "Could not transfer",
        "Could not resolve",
        "UnknownHost",
        "Connection refused",
        "Connect to",
        "timed out",
        "Network is unreachable",
        "offline mode",
    )
    if any(word in output for word in network_words):
        return (
            f"Maven could not download Neo4j {version} from Maven Central (network, proxy or mirror "
            f"problem): {first[:300]} — check the connection or NEWSGRAPH_MAVEN_ARGS, {HINT_REMOTE}"
        )
    return f"Maven failed to build the Neo4j launcher: {first[:300]}; {HINT_REMOTE}"


def _is_our_launcher(pid: int, home: Path) -> bool:
    """True if pid is alive and is the launcher of this home (pids are reused after a crash)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError):
        return False
    return state != "Z" and LAUNCHER_CLASS.encode() in cmdline and str(home).encode() in cmdline


def _port_is_free(port: int) -> bool:
    """Whether a server could listen on the port now. The probe allows address reuse as Neo4j's Bolt server does,
    so a port whose last connections are in TIME_WAIT (just after a stop) counts as free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _choose_port(preferred: int) -> int:
    if preferred and _port_is_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    if preferred:
        log.warning("port %d is taken by another program; the local Neo4j uses port %d", preferred, port)
    return port


def _last_error_line(log_file: Path, offset: int) -> str:
    try:
        with log_file.open("rb") as handle:
            handle.seek(offset)
            lines = handle.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return "no log"
    for line in reversed(lines):
        if any(word in line for word in ("Exception", "Error", "ERROR", "Caused by")):
            return line.strip()[:400]
    return lines[-1].strip()[:400] if lines else "no output"
