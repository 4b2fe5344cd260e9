"""Opening a local file for reading without ever blocking: only regular files are read.

A FIFO blocks ``open()`` until a writer comes, ``/dev/zero`` never ends, a socket cannot be opened at all:
none of them is an article. The check is made on the opened descriptor (``O_NONBLOCK``, then ``fstat``),
so a file swapped for a FIFO between listing and reading is refused as well.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path
from typing import BinaryIO

from core.errors import IngestError

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def not_regular(mode: int) -> str | None:
    """The skip reason for a file of this ``st_mode`` that is not a regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"not a regular file: {kind} is not read"


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for binary reading, or IngestError (``not found``, ``unreadable``, ``not a regular file``)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError as e:
        raise IngestError("not found: the file disappeared before it could be read") from e
    except OSError as e:  # a socket cannot be opened (ENXIO): say what it is when we can
        reason = _reason_from_stat(path)
        raise IngestError(reason or f"unreadable: {e.strerror or e}") from e
    try:
        reason = not_regular(os.fstat(descriptor).st_mode)
        if reason:
            raise IngestError(reason)
        flags = fcntl.fcntl(descriptor, fcntl.F_GETFL)
        fcntl.fcntl(descriptor, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _reason_from_stat(path: Path) -> str | None:
    try:
        return not_regular(path.stat().st_mode)
    except OSError:
        return None
