"""A stream that never ends, as `/dev/zero` given to a command (`cypher - < /dev/zero`, `--sources-from /dev/zero`):
reading it whole fails the test at once instead of filling memory."""

from __future__ import annotations

import io


class EndlessInput(io.RawIOBase):
    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        buffer[:] = b"\0" * len(buffer)
        return len(buffer)

    def readall(self) -> bytes:
        raise AssertionError("an endless input read without a bound")
