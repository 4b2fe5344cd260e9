"""The window reader behind Ray extraction: order, errors, early stop, and no input side effect during the
consumer's turn."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from nlp.runtime.windows import WindowReader


def test_windows_keep_the_input_order_and_size():
    with WindowReader(iter(range(10)), 4) as reader:
        assert list(reader) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]


def test_items_taken_before_begin_the_first_window():
    items = iter(range(7))
    head = [next(items), next(items)]
    with WindowReader(items, 3, head=head) as reader:
        assert list(reader) == [[0, 1, 2], [3, 4, 5], [6]]


def test_empty_input_gives_no_window():
    with WindowReader[int](iter([]), 3) as reader:
        assert list(reader) == []


def test_an_input_error_reaches_the_consumer_after_the_windows_before_it():
    def items() -> Iterator[int]:
        yield from range(3)
        raise OSError("disk went away")

    got = []
    with WindowReader(items(), 2) as reader, pytest.raises(OSError, match="disk went away"):
        for window in reader:
            got.append(window)
    assert got == [[0, 1]]


def test_the_input_never_advances_during_the_consumers_turn():
    events: list[str] = []
    second_window_read = threading.Event()

    def items() -> Iterator[int]:
        for number in range(40):
            events.append(f"read {number}")
            if number == 9:
                second_window_read.set()
            yield number

    with WindowReader(items(), 5) as reader:
        for window in reader:
            for number in window:
                # waiting for the workers' result, outside its turn: the reader may read meanwhile (while the first
                # window is handled, the test waits until it has read the next, however busy the machine is)
                if number < 5:
                    second_window_read.wait(timeout=30)
                else:
                    time.sleep(0.01)
                with reader.consumer_turn():
                    events.append(f"start {number}")
                    time.sleep(0.002)  # a reader free to run would interleave here
                    events.append(f"end {number}")
    starts = [i for i, e in enumerate(events) if e.startswith("start")]
    assert len(starts) == 40
    for i in starts:
        assert events[i + 1].startswith("end")  # nothing read between a turn's start and its end
    assert any(e.startswith("read 3") for e in events[: starts[0]])  # while the first window was handled …
    first_window_ends = events.index("end 4")
    assert "read 9" in events[:first_window_ends]  # … the next one was read ahead


def test_closing_early_stops_the_reading_thread():
    def endless() -> Iterator[int]:
        number = 0
        while True:
            yield number
            number += 1

    before = set(threading.enumerate())
    reader = WindowReader(endless(), 3)
    # its own thread, not a count of the process's threads: other tests' daemon threads come and go meanwhile
    (reading,) = [t for t in set(threading.enumerate()) - before if t.name == "window-reader"]
    assert next(iter(reader)) == [0, 1, 2]
    reader.close()
    reading.join(timeout=5)
    assert not reading.is_alive()
