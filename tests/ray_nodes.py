"""A Ray cluster of several nodes on this one machine, for the multi-node test and bench/ray_cluster.py.

Each node is a ``ray start --block`` process of its own with its own temporary folder and its own ports, so a
node can be killed like a machine that dies (every process of it at once, SIGKILL) while the others go on.
The cluster uses token authentication, as Ray does by default: one token, in a file of the cluster's folder,
given to every node and every driver through ``RAY_AUTH_MODE=token`` and ``RAY_AUTH_TOKEN_PATH``. Nothing is
written to the home folder or to the shared /tmp/ray; ``close`` kills exactly the processes of its own nodes
(found by their folders and their parent processes, never by a name every Ray process shares).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

RAY_CLI = Path(sys.executable).parent / "ray"
START_TIMEOUT = 180.0  # seconds for a node to say it runs, on a machine shared with other work
STARTED = "Ray runtime started."
PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h


def ray_cli() -> str | None:
    """The ``ray`` command of this environment, or of the PATH; None when neither has one."""
    return str(RAY_CLI) if RAY_CLI.exists() else shutil.which("ray")


class NodeNotStarted(RuntimeError):
    """A node's ``ray start`` ended, or did not say it runs in time (``timed_out``)."""

    def __init__(self, message: str, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out


_GIVEN_PORTS: set[int] = set()  # ports handed out already: a node may not have bound them yet


def free_ports(count: int) -> list[int]:
    """``count`` free ports never handed out before: every probe stays bound until all are chosen, so the system
    cannot give one twice in a row."""
    with contextlib.ExitStack() as probes:
        ports: list[int] = []
        while len(ports) < count:
            probe = probes.enter_context(socket.socket())
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
            if port not in _GIVEN_PORTS:
                ports.append(port)
        _GIVEN_PORTS.update(ports)
        return ports


@dataclass
class RayNode:
    name: str
    folder: Path
    process: subprocess.Popen[bytes]
    log: Path

    def processes(self) -> list[int]:
        """This node's processes: its ``ray start``, whatever runs under it, and whatever names its folder."""
        table = _process_table()
        mine = {self.process.pid} if self.process.poll() is None else set()
        mine |= {pid for pid, (_parent, command) in table.items() if str(self.folder) in command}
        grew = True
        while grew:
            children = {pid for pid, (parent, _command) in table.items() if parent in mine} - mine
            mine |= children
            grew = bool(children)
        return sorted(mine - {os.getpid()})

    def kill(self) -> None:
        """Every process of the node at once, as when its machine is switched off."""
        killed: set[int] = set()
        for _ in range(3):  # a process may start another while the first ones die
            pids = self.processes()
            if not pids:
                break
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):  # gone by itself meanwhile
                    os.kill(pid, signal.SIGKILL)
            killed |= set(pids)
            time.sleep(0.5)
        if self.process.poll() is None:
            self.process.wait(timeout=10)
        _reap(killed - {self.process.pid})


@dataclass
class LocalRayCluster:
    """``with LocalRayCluster() as cluster: cluster.start_head(); cluster.add_node(); ...``"""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="ngc-", dir="/tmp")))
    nodes: list[RayNode] = field(default_factory=list)
    address: str = ""
    client_address: str = ""  # the head's Ray Client server, ray://HOST:PORT

    def __post_init__(self) -> None:
        _subreaper(True)
        # Short paths: Ray's Unix socket paths, inside each node's folder, must fit in 107 bytes.
        self.token = self.root / "token"
        self.token.write_text(secrets.token_hex(32), encoding="utf-8")

    @property
    def environment(self) -> dict[str, str]:
        """The environment for a node or a driver of this cluster: the caller's, with the cluster's token."""
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
        return {**inherited, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN_PATH": str(self.token)}

    def start_head(self, cpus: int = 1) -> str:
        _wait_for_zombies_to_go()
        port, client_port, dashboard_port = free_ports(3)
        self._start(
            "head",
            cpus,
            [
                "--head",
                f"--port={port}",
                f"--ray-client-server-port={client_port}",
                f"--dashboard-port={dashboard_port}",
                "--include-dashboard=false",
            ],
        )
        self.address = f"127.0.0.1:{port}"
        self.client_address = f"ray://127.0.0.1:{client_port}"
        return self.address

    def add_node(self, cpus: int = 1) -> RayNode:
        """A node joined to the head. Ray's own start of a joining node sometimes gives up while the head's control
        service is slow to answer ("Failed to get node info … Deadline Exceeded", after 30 s, on a loaded machine):
        such a node, which never ran, is started again once as a new node (the failed one stays listed, so `close`
        still kills whatever it left)."""
        if not self.address:
            raise RuntimeError("start the head first")
        try:
            return self._start(f"node{len(self.nodes)}", cpus, [f"--address={self.address}"])
        except NodeNotStarted as failed:
            if failed.timed_out:
                raise
            return self._start(f"node{len(self.nodes)}", cpus, [f"--address={self.address}"])

    def _start(self, name: str, cpus: int, arguments: list[str]) -> RayNode:
        cli = ray_cli()
        if cli is None:
            raise RuntimeError("the ray command is not installed")
        folder = self.root / name
        folder.mkdir()
        log = self.root / f"{name}.log"
        agent_port, agent_grpc_port, runtime_env_port, metrics_port = free_ports(4)
        command = [
            cli,
            "start",
            "--block",
            *arguments,
            f"--num-cpus={cpus}",
            "--num-gpus=0",
            "--node-ip-address=127.0.0.1",
            f"--dashboard-agent-listen-port={agent_port}",
            f"--dashboard-agent-grpc-port={agent_grpc_port}",
            f"--runtime-env-agent-port={runtime_env_port}",
            f"--metrics-export-port={metrics_port}",
            "--disable-usage-stats",
            f"--temp-dir={folder}",
        ]
        with log.open("wb") as output:
            process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, env=self.environment, start_new_session=True
            )
        node = RayNode(name, folder, process, log)
        self.nodes.append(node)
        deadline = time.monotonic() + START_TIMEOUT
        while STARTED not in log.read_text(encoding="utf-8", errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
                message = f"Ray node {name} did not start (exit {process.poll()}):\n{tail}"
                raise NodeNotStarted(message, timed_out=process.poll() is None)
            time.sleep(0.5)
        return node

    def close(self) -> None:
        for node in reversed(self.nodes):
            node.kill()
        _subreaper(False)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> LocalRayCluster:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def _subreaper(on: bool) -> None:
    """While a cluster lives, orphans of a killed node come to this process, not to the machine's init, so that
    ``_reap`` can collect them: an init that reaps late leaves zombies that a new head's Ray Client server trips
    over (psutil's ZombieProcess) when it lists the machine's processes. Off again when the cluster closes, so no
    other process's orphans are left to this one."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0)


def _reap(pids: set[int], timeout: float = 10.0) -> None:
    """Collect the exit of killed processes that became this process's children."""
    waiting = set(pids)
    deadline = time.monotonic() + timeout
    while waiting and time.monotonic() < deadline:
        for pid in list(waiting):
            try:
                done, _status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:  # not ours to collect: another process's child, or collected already
                waiting.discard(pid)
                continue
            if done:
                waiting.discard(pid)
        if waiting:
            time.sleep(0.2)


def _wait_for_zombies_to_go(timeout: float = 30.0) -> None:
    """A new head's Ray Client server fails on a zombie process anywhere on the machine: give init the time to
    reap those of earlier clusters (killed nodes whose orphans were not this process's to collect)."""
    deadline = time.monotonic() + timeout
    while _zombies() and time.monotonic() < deadline:
        time.sleep(0.5)


def _zombies() -> list[int]:
    zombies = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                zombies.append(int(entry.name))
    return zombies


def _process_table() -> dict[int, tuple[int, str]]:
    """pid → (parent pid, command line) of every process this user can see, from /proc."""
    table: dict[int, tuple[int, str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        parent = int(stat.rpartition(")")[2].split()[1])  # the name in parentheses may hold spaces
        table[int(entry.name)] = (parent, command)
    return table
