"""TOML files the user names (settings, aliases, corrections, a lexicon): read with a size bound and only when
regular, so a device or a FIFO given by mistake is one clear error instead of a read that never ends."""

from __future__ import annotations

import errno
import stat
import tomllib
from pathlib import Path
from typing import Any

MAX_TOML_BYTES = 16 * 2**20  # the built-in gazetteer and lexicon are under 1 MB


def read_toml_file(path: Path) -> dict[str, Any]:
    """The TOML of the regular file ``path``, read with a bound: a device (/dev/zero) or a FIFO named as a settings,
    aliases or corrections file is an OSError, not read until memory runs out; as are files over MAX_TOML_BYTES. A
    file that is not TOML or not UTF-8 raises tomllib.TOMLDecodeError or UnicodeDecodeError."""
    if not stat.S_ISREG(path.stat().st_mode):  # looked at before opening: opening a FIFO waits for a writer
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    with path.open("rb") as handle:
        data = handle.read(MAX_TOML_BYTES + 1)
    if len(data) > MAX_TOML_BYTES:
        raise OSError(errno.EFBIG, f"larger than {MAX_TOML_BYTES // 2**20} MB", str(path))
    return tomllib.loads(data.decode("utf-8"))
