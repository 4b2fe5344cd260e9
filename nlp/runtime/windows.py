"""Windows of an input stream, the next one read in a background thread while the current one is extracted.

The Ray workers are idle while the driver reads a window (ingest parses HTML, asks the graph what it has seen),
so the next window is read during the current window's extraction. The input's own side effects (ingest
reports skipped items, counts what it read) must never run at the same time as the consumer's work on a result
(loading, reporting it): the reader advances the input only under ``lock``, and ``consumer_turn`` holds the same
lock while the consumer handles one result. Reading thus overlaps only the wait for Ray, never Python code of the
consumer.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Generic, TypeVar

T = TypeVar("T")

_POLL_SECONDS = 0.2  # how often a blocked reader looks whether the consumer has gone


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_END = object()


class WindowReader(Generic[T]):
    """Iterates over windows of ``items`` (lists of up to ``size``), reading one window ahead in a thread;
    ``head``, items already taken from the stream, begin the first window.

    Use ``close`` (or the context manager) when the consumer stops early, so the thread stops too.
    """

    def __init__(self, items: Iterator[T], size: int, head: list[T] | None = None) -> None:
        self.lock = threading.Lock()
        self._items = items
        self._size = size
        self._ready: queue.Queue[object] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._head = list(head or [])
        self._thread = threading.Thread(target=self._read, name="window-reader", daemon=True)
        self._thread.start()

    def __iter__(self) -> Iterator[list[T]]:
        while True:
            item = self._ready.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item  # type: ignore[misc]  # a window, the only other thing the reader puts

    @contextmanager
    def consumer_turn(self) -> Iterator[None]:
        """Hold while the consumer handles one result: the reader does not advance the input meanwhile."""
        with self.lock:
            yield

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def __enter__(self) -> WindowReader[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self) -> None:
        try:
            while not self._stop.is_set():
                window = self._next_window()
                if not window:
                    self._hand(_END)
                    return
                self._hand(window)
        except BaseException as e:  # the consumer raises it where it asks for the next window
            self._hand(_Failed(e))

    def _next_window(self) -> list[T]:
        window, self._head = self._head, []
        while len(window) < self._size and not self._stop.is_set():
            with self.lock:
                taken = list(islice(self._items, 1))
            if not taken:
                break
            window.extend(taken)
        return window

    def _hand(self, item: object) -> None:
        while not self._stop.is_set():
            try:
                self._ready.put(item, timeout=_POLL_SECONDS)
                return
            except queue.Full:
                continue
