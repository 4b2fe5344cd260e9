"""What Ray may write to this process's stderr while extraction runs on it: its errors, not its notes.

Ray's Python loggers and Ray Data's console handler are turned down to errors. Ray's C++ core writes to the
stderr file descriptor itself, below Python: its log level is an environment variable read when ``ray.init``
starts it, and the core announces that level with an INFO line of its own, which is held back here. Everything
still goes to the log files of Ray's session folder, and ``-vv`` (debug logging) leaves Ray as talkative as it is.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

# "[2026-12-02 21:24:55,129 I 11914 11914] logging.cc:303: ...": a line of Ray's C++ log at level INFO.
RAY_CORE_INFO = re.compile(r"^\[\d{4}-\d\d-\d\d [\d:,.]+ I \d+ \d+\] ")


def quiet_ray_loggers() -> None:
    logging.getLogger("ray").setLevel(logging.ERROR)
    for handler in logging.getLogger("ray.data").handlers:  # Ray Data logs to the console and to its log file
        if not isinstance(handler, logging.FileHandler) and type(handler).__name__ != "SessionFileHandler":
            handler.setLevel(logging.ERROR)


@contextmanager
def ray_starting(environment: dict[str, str], *, quiet: bool) -> Iterator[None]:
    """Around ``ray.init``: ``environment`` set for it (a variable the user set wins), Ray's INFO notes dropped.

    The C++ core of this process reads its settings from the environment once, when ``ray.init`` starts it;
    a local cluster's processes inherit them as well. The variables are put back afterwards, so nothing the
    command starts later sees them.
    """
    if quiet:
        # What the core of this process would report as an error is a note about Ray's own design (an actor's
        # arguments kept in the object store); failures reach us as exceptions.
        environment = {"RAY_BACKEND_LOG_LEVEL": "fatal", **environment}
    added = {name: value for name, value in environment.items() if name not in os.environ}
    os.environ.update(added)
    try:
        if quiet:
            with _stderr_without(RAY_CORE_INFO):
                yield
        else:
            yield
    finally:
        for name in added:
            os.environ.pop(name, None)


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
