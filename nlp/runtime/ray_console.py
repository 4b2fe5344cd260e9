"""What Ray may write to this process's stderr while extraction runs on it: its errors, not its notes.

Ray's Python loggers and Ray Data's console handler are turned down to errors. Ray's C++ core writes to the
stderr file descriptor itself, below Python: its log level is an environment variable read when ``ray.init``
starts it, and the core announces that level with an INFO line of its own: while ``ray.init`` runs, the core's
INFO and WARNING lines are held back here (its errors pass). Ray's Python side still writes everything to the
log files of its session folder; the C++ processes of a local Ray started by this command log only fatal errors
there too. ``-vv`` (debug logging) leaves Ray as talkative as it is.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

# "[2026-12-02 21:24:55,129 I 11914 11914] logging.cc:303: ...": a line of Ray's C++ log at level INFO or
# WARNING. While a driver joins a cluster that refuses it, the core writes one WARNING a second until it gives up.
RAY_CORE_NOTE = re.compile(r"^\[\d{4}-\d\d-\d\d [\d:,.]+ [IW] \d+ \d+\] ")


def quiet_ray_loggers() -> None:
    logging.getLogger("ray").setLevel(logging.ERROR)
    for handler in logging.getLogger("ray.data").handlers:  # Ray Data logs to the console and to its log file
        if not isinstance(handler, logging.FileHandler) and type(handler).__name__ != "SessionFileHandler":
            handler.setLevel(logging.ERROR)


@contextmanager
def ray_starting(*, quiet: bool) -> Iterator[None]:
    """Around ``ray.init``: when ``quiet``, the core's log level down to fatal errors and its notes dropped.

    The level is read once, when ``ray.init`` starts the core of this process (a local cluster's processes
    inherit it as well); a level the user set in RAY_BACKEND_LOG_LEVEL wins. The variable is put back afterwards,
    so nothing the command starts later sees it.
    """
    if not quiet:
        yield
        return
    # What the core of this process would report as an error is a note about Ray's own design (an actor's
    # arguments kept in the object store); failures reach us as exceptions.
    added = "RAY_BACKEND_LOG_LEVEL" not in os.environ
    if added:
        os.environ["RAY_BACKEND_LOG_LEVEL"] = "fatal"
    try:
        with _stderr_without(RAY_CORE_NOTE):
            yield
    finally:
        if added:
            os.environ.pop("RAY_BACKEND_LOG_LEVEL", None)


@contextmanager
def _stderr_without(pattern: re.Pattern[str]) -> Iterator[None]:
    """File descriptor 2 held in a file while the block runs, then written out without the lines ``pattern`` matches."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            held.seek(0)
            kept = [line for line in held.read().decode("utf-8", "replace").splitlines(True) if not pattern.match(line)]
            if kept:
                sys.stderr.write("".join(kept))
                sys.stderr.flush()
