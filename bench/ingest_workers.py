"""End-to-end `newsgraph ingest` with one worker and with several, against bare `nlp.pipe` on every core.

    .venv/bin/python bench/ingest_workers.py [--pages 179] [--workers 2] [--rounds 1]

The same generated news pages (bench/ingest_html.py's, built from the sample corpus) are ingested into an empty
private Neo4j by the real command, `newsgraph ingest DIR --workers 1` and `--workers N` in turn (``--rounds``
times, alternating, so a noisy machine hurts both alike); each run is timed from the command's start to its exit,
model loading and Ray's start included, as a user waits for it. Then the article texts the ingest stored go
through bare ``nlp.pipe(n_process=N)`` of the same spaCy model (models loaded before the clock starts).
Printed: articles/s and words/s of each, and the ratios the scale targets name (workers N ÷ workers 1 ≥ 1.7;
workers N ÷ bare nlp.pipe words/s ≥ 0.7).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ingest_html import generate_pages  # noqa: E402
from bench.private_neo4j import private_neo4j  # noqa: E402
from core.settings import Settings  # noqa: E402
from graph.connection import open_driver  # noqa: E402
from graph.loader import clear_graph  # noqa: E402

NEWSGRAPH = ROOT / ".venv" / "bin" / "newsgraph"


def ingest_seconds(pages: Path, settings: Settings, workers: int) -> float:
    """Wall time of one `newsgraph ingest` into the private server (already running in settings.data_dir)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    environ["NEWSGRAPH_DATA_DIR"] = str(settings.data_dir)  # the command finds the server running there
    started = time.perf_counter()
    done = subprocess.run(
        [str(NEWSGRAPH), "ingest", str(pages), "--workers", str(workers)],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"ingest --workers {workers} failed: {done.stderr.strip().splitlines()[-1:]}")
    return seconds


def stored_texts(settings: Settings) -> list[str]:
    driver, database = open_driver(settings)
    try:
        query = "MATCH (a:Article) RETURN a.text AS text ORDER BY a.id"
        records, _, _ = driver.execute_query(query, database_=database)
        return [r["text"] for r in records]
    finally:
        driver.close()


def empty_graph(settings: Settings) -> None:
    driver, database = open_driver(settings)
    try:
        clear_graph(driver, database)
    finally:
        driver.close()


def bare_pipe_seconds(texts: list[str], settings: Settings, processes: int) -> float:
    import spacy

    nlp = spacy.load(settings.spacy_model)
    list(nlp.pipe(texts[:4]))
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=settings.nlp_batch_size, n_process=processes):
        pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=179)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ingest-workers-") as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        for number, page in enumerate(generate_pages(args.pages)):
            (pages / f"page-{number:05d}.html").write_bytes(page)
        with private_neo4j(Path(tmp) / "neo4j", heap="1g", pagecache="512m") as settings:
            times: dict[int, list[float]] = {1: [], args.workers: []}
            for _round in range(args.rounds):
                for workers in (1, args.workers):
                    empty_graph(settings)
                    times[workers].append(ingest_seconds(pages, settings, workers))
            texts = stored_texts(settings)
        words = sum(len(text.split()) for text in texts)
        bare = bare_pipe_seconds(texts, settings, args.workers)

    one, many = min(times[1]), min(times[args.workers])
    result = {
        "pages": args.pages,
        "articles": len(texts),
        "words": words,
        "workers_1_seconds": [round(t, 1) for t in times[1]],
        f"workers_{args.workers}_seconds": [round(t, 1) for t in times[args.workers]],
        "workers_1_articles_per_s": round(len(texts) / one, 2),
        f"workers_{args.workers}_articles_per_s": round(len(texts) / many, 2),
        f"bare_nlp_pipe_{args.workers}_processes_words_per_s": round(words / bare),
        f"workers_{args.workers}_words_per_s": round(words / many),
        "speedup": round(one / many, 2),
        "share_of_bare_pipe": round((words / many) / (words / bare), 2),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
