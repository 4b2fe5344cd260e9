"""Files written for people to keep — exports and the corrections file — replaced whole.

Each is written beside its name and renamed over it once complete, so a write that fails (a full disk, a killed
run) leaves the earlier version as it was, never cut or half of a new one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def replaced_whole(path: Path) -> Iterator[TextIO]:
    """``path`` open for writing UTF-8 text; once the block ends without an error it holds exactly what was written,
    with the permissions the earlier file had (one behind a link is replaced, not the link). A device or a FIFO
    (/dev/stdout) is written in place: renamed over, it would be replaced. OSError as it comes."""
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    target = path.resolve() if path.is_symlink() else path
    partial = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as to any file
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            if target.exists():  # a file kept private stays so
                os.chmod(handle.fileno(), stat.S_IMODE(target.stat().st_mode))
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
