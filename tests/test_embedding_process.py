"""The embedding process: statements embedded beside spaCy get the vectors the model gives in this process, in
order, and a process that dies costs no statement its vector."""

from __future__ import annotations

import os
import signal

import pytest

from core.errors import ExtractionError
from nlp.runtime.embeddings import EmbeddingProcess, EmbeddingProcessEnded
from nlp.runtime.extract import Extractor
from tests.nlp_fixtures import *  # noqa: F403
from tests.nlp_fixtures import article

TEXTS = [
    "The council will vote on the budget next week, the mayor said.",
    "„Nismo znali ništa o tome“, rekla je Đorđević.",
    "Prices rose 4.2% in March, according to the statistics office.",
    "He said the plan was 'a disgrace' and would be challenged in court.",
    "x" * 5_000,
    "The ministry said in a statement that the talks had ended.",
    "«C'est fini», a-t-il dit.",
]

NEWS = (
    'The mayor of Springfield, Ana Kovač, said on Monday that the budget was "balanced at last".\n\n'
    '"We kept every promise," Kovač said. Her deputy, Marko Ilić, said the river works would start in May.\n\n'
    'Residents said the plan came too late. "We have waited ten years," said Jelena Petrović, a teacher.'
)


def close_to(found: list[tuple[float, ...]], expected: list[tuple[float, ...]]) -> bool:
    return len(found) == len(expected) and all(
        len(a) == len(b) and max(abs(x - y) for x, y in zip(a, b, strict=True)) < 1e-4
        for a, b in zip(found, expected, strict=True)
    )


@pytest.fixture
def process(nlp_settings):
    embedding = EmbeddingProcess(nlp_settings)
    yield embedding
    embedding.close()


def test_groups_come_back_in_order_with_the_vectors_of_the_model_here(process, embedder):
    process.share_cores(True)
    futures = [process.submit(TEXTS[i : i + 2]) for i in range(0, len(TEXTS), 2)]
    process.share_cores(False)  # reaches the process between groups; the vectors stay the same
    futures.append(process.submit(TEXTS[:1]))
    found = [vector for future in futures for vector in future.result(timeout=300)]
    assert close_to(found, embedder.embed(TEXTS + TEXTS[:1]))


def test_groups_larger_than_the_socket_holds_go_both_ways(process, embedder):
    process.share_cores(False)
    texts = [
        f"{n} " + "The council met on Tuesday to vote on the budget for the coming year. " * 6 for n in range(1200)
    ]
    futures = [process.submit(texts[i : i + 400]) for i in range(0, len(texts), 400)]  # ~170 KB out, ~600 KB back
    found = [vector for future in futures for vector in future.result(timeout=600)]
    assert len(found) == len(texts)
    assert close_to(found[::97], embedder.embed(texts[::97]))


def test_a_closed_process_starts_again_on_the_next_group(process, embedder):
    assert close_to(process.submit(TEXTS[:1]).result(timeout=300), embedder.embed(TEXTS[:1]))
    process.close()
    assert process.pid is None
    assert close_to(process.submit(TEXTS[1:2]).result(timeout=300), embedder.embed(TEXTS[1:2]))


def test_a_model_that_cannot_load_fails_each_group_and_the_extractor_says_why(nlp_settings, nlp_pipeline, tmp_path):
    broken = nlp_settings.replace(embedding_model=str(tmp_path), embedding_process=True)  # a folder with no model
    embedding = EmbeddingProcess(broken)
    with pytest.raises(EmbeddingProcessEnded, match="cannot load the embedding model"):
        embedding.submit(TEXTS[:1]).result(timeout=300)
    with pytest.raises(EmbeddingProcessEnded, match="cannot load the embedding model"):
        embedding.submit(TEXTS[:1]).result(timeout=10)  # told at once: no process is started again
    extractor = Extractor(broken, language=nlp_pipeline)
    with pytest.raises(ExtractionError, match="embedding model"):
        list(extractor.extract([article(NEWS)]))


def test_a_killed_process_fails_what_it_had_and_the_next_group_starts_another(process, embedder):
    assert close_to(process.submit(TEXTS[:1]).result(timeout=300), embedder.embed(TEXTS[:1]))
    first = process.pid
    assert first is not None
    os.kill(first, signal.SIGSTOP)  # paused, not yet dead: the group is certainly handed to this process …
    lost = process.submit(TEXTS[1:3])
    os.kill(first, signal.SIGKILL)  # … which then dies with it
    with pytest.raises(EmbeddingProcessEnded):
        lost.result(timeout=60)
    again = process.submit(TEXTS[3:4]).result(timeout=300)
    assert close_to(again, embedder.embed(TEXTS[3:4]))
    assert process.pid not in {None, first}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing is free to embed beside spaCy")
def test_the_extractor_embeds_here_from_the_group_the_embedding_process_died_with(
    nlp_settings,
    nlp_pipeline,
    extractor,
):
    beside = Extractor(nlp_settings.replace(embedding_process=True), language=nlp_pipeline)
    process = beside.embedding_process
    assert beside.embedder is None and process is not None
    submit = process.submit

    killed: list[int] = []

    def submit_then_kill(texts):  # the process dies with the first group in it (out of memory, or killed by hand)
        future = submit(texts)
        pid = process.pid
        if not killed and pid is not None:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        return future

    process.submit = submit_then_kill  # type: ignore[method-assign]
    articles = [article(NEWS.replace("Springfield", f"Town {n}"), id=f"a{n}") for n in range(40)]
    try:
        found = list(beside.extract(articles))
    finally:
        beside.close()
        process.close()
    assert killed and beside.embedding_process is None and beside.embedder is not None
    expected = list(extractor.extract(articles))
    assert [x.article_id for x in found] == [a.id for a in articles]
    assert sum(len(x.statements) for x in found) > 2 * 64  # more than one group
    for got, want in zip(found, expected, strict=True):
        assert [s.text for s in got.statements] == [s.text for s in want.statements]
        assert close_to([s.embedding for s in got.statements], [s.embedding for s in want.statements])
        assert not any("not embedded" in w for w in got.warnings)


def test_the_setting_off_embeds_in_the_extracting_process(nlp_settings, nlp_pipeline):
    here = Extractor(nlp_settings.replace(embedding_process=False), language=nlp_pipeline)
    assert here.embedding_process is None and here.embedder is not None
    [extraction] = here.extract([article(NEWS)])
    assert extraction.statements and all(len(s.embedding or ()) == 384 for s in extraction.statements)
