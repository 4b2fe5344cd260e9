"""Extraction on every core, or on a Ray cluster: Ray Data feeding a pool of stateful extractor actors.

``make_extractor`` is what the commands call: with ``workers`` 1 it is the in-process ``Extractor`` (no Ray, for
debugging and the smallest jobs); otherwise a ``RayExtractor``, which has the same ``extract`` contract — one
Extraction per article, in the order given — so ingest, re-extraction and ``newsgraph extract`` run unchanged on
it. Articles are handed to Ray one window (setting ``ray_window``) at a time, so a run holds a bounded amount in
memory however long its input; within a window Ray Data streams batches through ``map_batches`` into actors that
each load the spaCy pipeline and the embedding model once, and gives the results back in input order. An actor
that dies (a killed worker, a lost node) is restarted and its batch run again by Ray.

Ray is imported only here and only when more than one worker is asked for.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from core.errors import NewsgraphError
from core.records import Article, Extraction
from core.settings import Settings
from nlp.runtime.ray_console import quiet_ray_loggers, ray_starting
from nlp.runtime.windows import WindowReader

log = logging.getLogger(__name__)

ARTICLES_PER_BATCH = 8  # per map_batches call: small enough that a lost batch is cheap to run again
# With the worker count left to Ray, a first window this small runs in process: starting Ray and loading the
# models in every actor costs more than a few dozen articles take on one core.
SMALL_JOB = 64
CONNECT_TIMEOUT = 5.0  # seconds to reach a cluster's address before saying it is unreachable
CLIENT_ATTEMPTS = 3  # connections tried through Ray Client when the head fails to start its server
RAY_REQUIREMENT = "ray[client,data]==2.60.0"


class RayUnavailableError(NewsgraphError):
    """Ray is not installed, or the cluster it was pointed at cannot be reached."""


def make_extractor(settings: Settings, *, embed: bool = True) -> Any:
    """The extractor a command runs: in process for one worker, on Ray for more (or for a cluster address)."""
    if settings.workers == 1 and not settings.ray_address:
        from nlp.runtime.extract import Extractor

        return Extractor(settings, embed=embed)
    return RayExtractor(settings, embed=embed)


class RayExtractor:
    """``Extractor.extract`` over a pool of Ray actors; ``version``, ``lexicon`` and ``gazetteer`` as the actors'."""

    def __init__(self, settings: Settings, *, embed: bool = True) -> None:
        from nlp.lexicon.gazetteer import load_gazetteer
        from nlp.lexicon.lexicon import load_lexicon
        from nlp.runtime.extract import installed_extractor_version

        self.settings = settings
        self.embed = embed
        self.lexicon = load_lexicon(settings.aliases_file or None)
        self.gazetteer = load_gazetteer(settings.aliases_file or None, self.lexicon)
        self.version = installed_extractor_version(settings)  # the actors' version, read from the package's meta
        self._ray: Any = None
        self._cluster_task: Any = None  # _extracted_on_cluster as a Ray task, for a driver on Ray Client
        self._owns_ray = False  # this extractor started Ray in this process, so it shuts it down when done
        self.workers = 0
        # The actors' configuration travels on their class, which Ray Data stores once for the whole pool.
        self._actor_class = type("ExtractorActor", (ExtractorActor,), {"settings": settings, "embed": embed})

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        stream = iter(articles)
        head = list(islice(stream, min(SMALL_JOB, self.settings.ray_window)))
        if not head:
            return  # nothing to extract: neither Ray nor the models are started for it
        if self._small(head):
            yield from self._in_process().extract(head)
            return
        # The next window is read while the workers extract this one, and Ray starts while the first is read.
        try:
            with WindowReader(stream, self.settings.ray_window, head=head) as reader:
                self._started()
                for window in reader:
                    for extraction in self._window(window):
                        with reader.consumer_turn():
                            yield extraction
        finally:
            self._stopped()

    def _small(self, head: list[Article]) -> bool:
        whole = len(head) < min(SMALL_JOB, self.settings.ray_window)  # shorter than asked for: the whole input
        return not self.settings.workers and not self.settings.ray_address and whole

    def _in_process(self) -> Any:
        from nlp.runtime.extract import Extractor

        log.info("a small job: extracting in this process, without Ray")
        return Extractor(self.settings, embed=self.embed)

    def _window(self, window: list[Article]) -> Iterator[Extraction]:
        ray = self._started()
        rows = [{"position": i, "article": pickle.dumps(a, protocol=5)} for i, a in enumerate(window)]
        if self.settings.ray_address.startswith("ray://"):
            # Ray Data cannot run its executor in a Ray Client (ray-project/ray#48682): the window's pipeline runs
            # in a task on the cluster, which sends the window's results back together.
            try:
                results: Iterable[bytes] = ray.get(self._cluster_task.remote(rows, self._actor_class, self.workers))
            except ray.exceptions.RayError as e:
                raise RayUnavailableError(f"Ray failed while extracting: {_first_line(e)}") from e
        else:
            results = _extracted_rows(ray, rows, self._actor_class, self.workers)
        count = 0
        for blob in results:
            count += 1
            yield pickle.loads(blob)  # our own actors' output, within one run
        if count != len(window):
            raise NewsgraphError(f"Ray returned {count} of {len(window)} articles")

    def _started(self) -> Any:
        if self._ray is not None:
            return self._ray
        ray = _import_ray(self.settings)
        address = self.settings.ray_address
        if address and address != "auto":
            _check_reachable(address)
        quiet = not log.isEnabledFor(logging.DEBUG)
        if quiet:
            quiet_ray_loggers()
        try:
            if not ray.is_initialized():
                self._owns_ray = True
                with ray_starting(quiet=quiet):
                    _connected(ray, address, self.settings.workers)
        except (ConnectionError, RuntimeError, ValueError, ray.exceptions.RayError) as e:
            where = f"the Ray cluster at {address}" if address else "Ray on this machine"
            raise RayUnavailableError(f"cannot use {where}: {_first_line(e)}{_auth_hint(address)}") from e
        _configure_ray_data(ray)
        if address.startswith("ray://"):
            self._cluster_task = ray.remote(num_cpus=0)(_extracted_on_cluster)
        cores = int(ray.cluster_resources().get("CPU", 1))
        self.workers = self.settings.workers or cores
        log.info("extracting on Ray (%s): %d workers, %d cores", address or "local", self.workers, cores)
        self._ray = ray
        return ray

    def _stopped(self) -> None:
        # A process that runs a second job (a test session, a notebook) would otherwise find this run's Ray
        # still attached and refuse to start its own.
        if self._ray is not None and self._owns_ray:
            self._ray.shutdown()
        self._ray = None
        self._cluster_task = None
        self._owns_ray = False


class ExtractorActor:
    """One Ray actor: loads the NLP stack once, then extracts batch after batch."""

    settings: Settings
    embed: bool

    def __init__(self) -> None:
        import torch

        from nlp.runtime.extract import Extractor

        # One core per actor: spaCy in one process, torch on one thread (the actor's share of the machine).
        one_core = self.settings.replace(nlp_processes=1, workers=1, embedding_process=False)
        self.extractor = Extractor(one_core, embed=self.embed)
        torch.set_num_threads(1)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        articles = [pickle.loads(blob) for blob in batch["article"]]  # the driver's own records
        extractions = self._extracted(articles)
        return {"position": batch["position"], "extraction": [pickle.dumps(x, protocol=5) for x in extractions]}

    def _extracted(self, articles: list[Article]) -> list[Extraction]:
        try:
            return list(self.extractor.extract(articles))
        except Exception:  # a document that breaks the batch: each alone, so only it becomes an error record
            log.exception("batch of %d articles failed; extracting them one by one", len(articles))
            return [self._alone(article) for article in articles]

    def _alone(self, article: Article) -> Extraction:
        try:
            return next(iter(self.extractor.extract([article])))
        except Exception as e:
            return Extraction(article.id, self.extractor.version, error=f"{type(e).__name__}: {e}")


def _connected(ray: Any, address: str, workers: int) -> None:
    """``ray.init`` on this machine or at ``address``. Through Ray Client, the head starts a server of its own for
    each driver, and that start sometimes fails at once (the head logs "SpecificServer startup failed") while a
    second try, on the next port, works: it is tried again, a bounded number of times."""
    for attempt in range(1, CLIENT_ATTEMPTS + 1):
        try:
            ray.init(
                address=address or None,
                num_cpus=None if address else _local_cpus(workers),
                include_dashboard=False,
                logging_level=logging.WARNING,
                log_to_driver=False,
                configure_logging=False,
            )
            return
        except ConnectionError as e:
            if not address.startswith("ray://") or "Starting Ray client server failed" not in str(e):
                raise
            if attempt == CLIENT_ATTEMPTS:
                raise
            log.info("the Ray Client server did not start (attempt %d): trying again", attempt)


def _configure_ray_data(ray: Any) -> None:
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # results in input order, as the extract contract says
    context.enable_progress_bars = False
    context.print_on_execution_start = False


def _extracted_rows(ray: Any, rows: list[dict[str, Any]], actor_class: type, workers: int) -> Iterator[bytes]:
    """The pickled extractions of ``rows``, in their order, from a pool of ``actor_class`` actors."""
    blocks = -(-len(rows) // ARTICLES_PER_BATCH)
    dataset = ray.data.from_items(rows, override_num_blocks=blocks)
    extracted = dataset.map_batches(
        actor_class,
        batch_size=ARTICLES_PER_BATCH,
        batch_format="numpy",
        # Ray Data restarts a killed actor (on a node still there) and runs its batch again: unlimited
        # max_restarts and max_task_retries are its defaults for an actor pool.
        compute=ray.data.ActorPoolStrategy(size=min(workers, blocks)),  # an actor more would idle
        num_cpus=1,
    )
    expected = 0
    batches = iter(extracted.iter_batches(batch_size=None, batch_format="numpy"))
    while True:
        try:
            batch = next(batches, None)
        except ray.exceptions.RayError as e:  # what Ray could not recover from: every node lost, say
            raise RayUnavailableError(f"Ray failed while extracting: {_first_line(e)}") from e
        if batch is None:
            return
        for position, blob in zip(batch["position"], batch["extraction"], strict=True):
            if int(position) != expected:  # preserve_order is what makes the stream line up with its input
                raise NewsgraphError(f"Ray returned article {int(position)} where {expected} was due")
            expected += 1
            yield bytes(blob)


def _extracted_on_cluster(rows: list[dict[str, Any]], actor_class: type, workers: int) -> list[bytes]:
    """``_extracted_rows`` as a task of the cluster, for a driver connected through Ray Client."""
    import ray

    _configure_ray_data(ray)
    return list(_extracted_rows(ray, rows, actor_class, workers))


def _import_ray(settings: Settings) -> Any:
    try:
        import ray
        import ray.data  # the data extras
    except ImportError as e:
        how = "a Ray cluster" if settings.ray_address else f"{settings.workers or 'all'} workers"
        raise RayUnavailableError(
            f"{how} need Ray, which is not installed ({e}); install {RAY_REQUIREMENT!r} "
            "(requirements.txt) or run with --workers 1"
        ) from e
    return ray


def _auth_hint(address: str) -> str:
    """What to try when a cluster refuses this driver: Ray sends its token only when told to."""
    if not address or os.environ.get("RAY_AUTH_MODE", "").lower() == "token":
        return ""
    return (
        "; if the cluster uses token authentication (Ray's default), set RAY_AUTH_MODE=token and give the "
        "cluster's token in RAY_AUTH_TOKEN or RAY_AUTH_TOKEN_PATH (see docs/scaling.md)"
    )


def _local_cpus(workers: int) -> int | None:
    """Ray's CPU count on this machine: the cores it sees, or as many as the workers asked for when more."""
    cores = os.cpu_count() or 1
    return max(cores, workers) if workers else None


def _check_reachable(address: str) -> None:
    """Fail in seconds, with the address, where ray.init would wait a minute and say less."""
    try:
        parts = urlsplit(address if "://" in address else f"ray://{address}")
        host, port = parts.hostname, parts.port
    except ValueError as e:
        raise RayUnavailableError(f"the Ray address {address!r} is not HOST:PORT or ray://HOST:PORT ({e})") from e
    if not host or not port or parts.scheme != "ray":  # http:// would be the Jobs API, which does not extract
        raise RayUnavailableError(f"the Ray address {address!r} is not HOST:PORT or ray://HOST:PORT")
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT):
            pass
    except OSError as e:
        raise RayUnavailableError(f"the Ray cluster at {address} cannot be reached: {_first_line(e)}") from e


def _first_line(error: BaseException) -> str:
    """The error's first line; when that only announces what follows ("Initialization failure from server:"), with
    the last line of what follows, which says why."""
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()] or [type(error).__name__]
    if lines[0].endswith(":") and len(lines) > 1:
        return f"{lines[0]} {lines[-1]}"[:300]
    return lines[0][:200]
