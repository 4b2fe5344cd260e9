"""Extraction on Ray (nlp.runtime.parallel): the real extractor in real Ray actors gives what one process gives.

One local Ray with two CPUs is started in this process for the module, with its own token and temporary folder.
A few short Wikinews articles of the development set keep it cheap; batches of two articles make three or more
batches of them, so that both actors work and their results must be put back in order.
"""

from __future__ import annotations

import json
import logging
import math
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

from core.records import Article, Extraction, content_hash
from core.settings import Settings
from newsgraph.cli import cli
from nlp.runtime import parallel
from nlp.runtime.extract import Extractor
from nlp.runtime.parallel import RayExtractor, RayUnavailableError, make_extractor
from tests.nlp_fixtures import *  # noqa: F403

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NEWSGRAPH = str(Path(sys.executable).parent / "newsgraph")
GOLD_DOCS = ROOT / "tests" / "data" / "gold" / "docs.jsonl"
SHORT = ["wikinews-asylum", "wikinews-flag", "wikinews-korea", "wikinews-imprisoned", "wikinews-ie9"]
MORE = ["wikinews-warming", "wikinews-sensitive", "wikinews-hackers"]


def _documents() -> dict[str, dict]:
    lines = GOLD_DOCS.read_text(encoding="utf-8").splitlines()
    return {d["id"]: d for d in map(json.loads, lines)}


def _articles(ids: list[str]) -> list[Article]:
    documents = _documents()
    return [
        Article(
            id=i,
            text=documents[i]["text"],
            content_hash=content_hash(documents[i]["text"]),
            published=documents[i].get("published"),
        )
        for i in ids
    ]


def ray_environment(folder: Path) -> dict[str, str]:
    """Ray's token and temporary files in ``folder``: nothing written to the home folder or the shared /tmp/ray."""
    token = folder / "token"
    token.write_text(secrets.token_hex(32), encoding="utf-8")
    return {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN_PATH": str(token), "RAY_TMPDIR": str(folder)}


@pytest.fixture(scope="module")
def local_ray(ray_folder: Path) -> Iterator[object]:
    import ray

    with pytest.MonkeyPatch.context() as patch:
        # The session's token and folder (conftest.ray_folder) are in the environment.
        ray.init(
            num_cpus=2,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.ERROR,
            configure_logging=False,
            _temp_dir=str(ray_folder),
        )
        # Two articles a batch: a handful of short articles make enough batches to keep both actors busy.
        patch.setattr(parallel, "ARTICLES_PER_BATCH", 2)
        try:
            yield ray
        finally:
            ray.shutdown()


@pytest.fixture(scope="module")
def unembedded(nlp_settings: Settings, nlp_pipeline: Language) -> Extractor:
    return Extractor(nlp_settings, language=nlp_pipeline, embed=False)


def _without_vectors(extraction: Extraction) -> tuple[Extraction, list[tuple[float, ...] | None]]:
    import dataclasses

    vectors = [s.embedding for s in extraction.statements]
    statements = tuple(dataclasses.replace(s, embedding=None) for s in extraction.statements)
    return dataclasses.replace(extraction, statements=statements), vectors


def _assert_same(got: list[Extraction], expected: list[Extraction]) -> None:
    assert [x.article_id for x in got] == [x.article_id for x in expected]
    for mine, theirs in zip(got, expected, strict=True):
        bare, vectors = _without_vectors(mine)
        expected_bare, expected_vectors = _without_vectors(theirs)
        assert bare == expected_bare, mine.article_id
        assert len(vectors) == len(expected_vectors)
        for vector, expected_vector in zip(vectors, expected_vectors, strict=True):
            if expected_vector is None:
                assert vector is None
                continue
            assert vector is not None and len(vector) == len(expected_vector)
            # Statements are embedded in groups that differ between one process and batches of articles.
            assert all(math.isclose(a, b, abs_tol=1e-5) for a, b in zip(vector, expected_vector, strict=True))


def test_one_worker_is_the_in_process_extractor(nlp_settings: Settings) -> None:
    assert isinstance(make_extractor(nlp_settings.replace(workers=1), embed=False), Extractor)
    assert isinstance(make_extractor(nlp_settings.replace(workers=2), embed=False), RayExtractor)
    assert isinstance(make_extractor(nlp_settings.replace(workers=1, ray_address="auto"), embed=False), RayExtractor)


def test_ray_started_for_a_run_is_shut_down_after_it(
    ray_folder: Path, nlp_settings: Settings, unembedded: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Left running, it would make the next run in this process (a test session, a notebook) refuse to start Ray.
    import ray

    assert not ray.is_initialized()
    monkeypatch.setattr(parallel, "ARTICLES_PER_BATCH", 1)
    articles = _articles(SHORT[:2])
    got = list(RayExtractor(nlp_settings.replace(workers=2), embed=False).extract(articles))
    assert not ray.is_initialized()
    _assert_same(got, list(unembedded.extract(articles)))


def test_two_workers_give_what_one_gives_with_embeddings(
    local_ray: object, nlp_settings: Settings, extractor: Extractor
) -> None:
    articles = _articles(SHORT)
    ray_extractor = RayExtractor(nlp_settings.replace(workers=2), embed=True)
    got = list(ray_extractor.extract(articles))
    expected = list(extractor.extract(articles))
    assert ray_extractor.workers == 2
    assert sum(len(x.statements) for x in expected) > 5 and all(x.error is None for x in expected)
    assert any(s.embedding for x in got for s in x.statements)
    assert ray_extractor.version == extractor.version
    _assert_same(got, expected)


def test_a_poisoned_article_is_its_own_error_record(
    local_ray: object, nlp_settings: Settings, unembedded: Extractor
) -> None:
    good = _articles(SHORT[:3])
    poisoned = Article(id="poisoned", text=None, content_hash="none")  # type: ignore[arg-type]  # as if unchecked
    articles = [good[0], poisoned, good[1], good[2]]
    got = list(RayExtractor(nlp_settings.replace(workers=2), embed=False).extract(articles))
    assert [x.article_id for x in got] == ["wikinews-asylum", "poisoned", "wikinews-flag", "wikinews-korea"]
    assert got[1].error is not None and got[1].error.startswith("TypeError")
    assert not got[1].statements and not got[1].entities
    _assert_same([got[0], got[2], got[3]], list(unembedded.extract(good)))


def test_nothing_in_nothing_out_and_no_ray(nlp_settings: Settings) -> None:
    ray_extractor = RayExtractor(nlp_settings.replace(workers=2), embed=False)
    assert list(ray_extractor.extract([])) == []
    assert list(ray_extractor.extract(iter(()))) == []
    assert ray_extractor.workers == 0  # set once Ray has been joined and the actors sized: never here


def test_windows_keep_the_order(local_ray: object, nlp_settings: Settings, unembedded: Extractor) -> None:
    articles = _articles(SHORT + MORE)
    assert len(articles) == 8
    settings = nlp_settings.replace(workers=2, ray_window=3)  # windows of 3, 3 and 2 articles
    got = list(RayExtractor(settings, embed=False).extract(articles))
    _assert_same(got, list(unembedded.extract(articles)))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("scheme", ["", "ray://"])
def test_an_unreachable_cluster_is_one_error_in_seconds(nlp_settings: Settings, scheme: str) -> None:
    address = f"{scheme}127.0.0.1:{_closed_port()}"
    ray_extractor = RayExtractor(nlp_settings.replace(workers=2, ray_address=address), embed=False)
    began = time.monotonic()
    with pytest.raises(RayUnavailableError) as raised:
        list(ray_extractor.extract(_articles(SHORT[:1])))
    assert time.monotonic() - began < parallel.CONNECT_TIMEOUT + 5
    message = str(raised.value)
    assert address in message and "cannot be reached" in message and "\n" not in message


@pytest.mark.parametrize(
    "address", ["localhost", "ray://", "host:port", "10.0.0.1:99999", "http://[::1", "http://127.0.0.1:8265"]
)
def test_a_malformed_address_is_refused(nlp_settings: Settings, address: str) -> None:
    ray_extractor = RayExtractor(nlp_settings.replace(workers=2, ray_address=address), embed=False)
    with pytest.raises(RayUnavailableError, match="is not HOST:PORT or ray://HOST:PORT"):
        list(ray_extractor.extract(_articles(SHORT[:1])))


def _isolated_environment(**extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSGRAPH_", "NEO4J_", "RAY_"))}
    return {**keep, "NEWSGRAPH_CONFIG": "", **extra}


def _write_documents(path: Path, ids: list[str]) -> Path:
    documents = _documents()
    path.write_text("".join(json.dumps(documents[i]) + "\n" for i in ids), encoding="utf-8")
    return path


def test_without_ray_installed_the_command_names_the_requirement(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "ray"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("No module named ray (shadowed)")\n', encoding="utf-8")
    source = _write_documents(tmp_path / "docs.jsonl", SHORT[:1])
    run = subprocess.run(
        [NEWSGRAPH, "extract", "--in", str(source), "--out", str(tmp_path / "out.jsonl"), "--workers", "2"],
        env=_isolated_environment(PYTHONPATH=str(shadow.parent)),
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 1, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert parallel.RAY_REQUIREMENT in lines[0] and "--workers 1" in lines[0]


def test_the_command_on_two_workers_writes_what_one_writes(local_ray: object, ray_folder: Path, tmp_path: Path) -> None:
    source = _write_documents(tmp_path / "docs.jsonl", SHORT[:4])
    alone, spread = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    result = CliRunner().invoke(cli, ["extract", "--in", str(source), "--out", str(alone), "--workers", "1"])
    assert result.exit_code == 0, result.output
    # A command of its own starts its own Ray: everything it writes to stderr is the summary line.
    run = subprocess.run(
        [NEWSGRAPH, "extract", "--in", str(source), "--out", str(spread), "--workers", "2"],
        env=_isolated_environment(**ray_environment(Path(tempfile.mkdtemp(prefix="ngcli-", dir=ray_folder)))),
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [f"extracted 4 documents (0 with an error) → {spread}"]
    assert spread.read_text(encoding="utf-8") == alone.read_text(encoding="utf-8")
    assert len(alone.read_text(encoding="utf-8").splitlines()) == 4
