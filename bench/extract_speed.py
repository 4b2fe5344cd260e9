"""Speed and memory of the full extraction against bare `nlp.pipe` with the same spaCy model.

    .venv/bin/python bench/extract_speed.py [--docs 160] [--memory] [--long 200000 [--functions]]

Speed: the same texts (the development documents, repeated) go through bare ``nlp.pipe`` and through the
full extraction (entities, resolution, statements, roles, relations, embeddings) in one run; words/s of
both and their ratio are printed (target ratio >= 0.6). Statements are embedded in a second process while
spaCy parses the next batch (setting embedding_process), so the run needs several spaCy batches
(nlp_batch_size, 32 texts) to show it: with one batch, nothing is left to parse while the embedding runs.
Long documents (--long N): one document of N characters and one of 5×N (news paragraphs repeated), unembedded;
the seconds of both and the growth of time per character are printed: about 1 when the time grows with the text,
well above 1 when some step reads the whole document again for every statement or mention. With --functions,
both are also profiled and the functions whose own time (not counting what they call, so the cost of building
spaCy tokens is not charged to whoever iterates them) grows more than 1.5× faster than the text are listed.
Memory (--memory): the full extraction streams N and 4×N documents, each in a fresh process; the peak
resident memory of both is printed: it must not grow with the corpus.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.records import Article, content_hash  # noqa: E402
from core.settings import load_settings  # noqa: E402

DOCS = ROOT / "tests" / "data" / "gold" / "docs.jsonl"


def corpus_texts() -> list[str]:
    with DOCS.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def articles(count: int) -> Iterator[Article]:
    texts = corpus_texts()
    for number in range(count):
        text = texts[number % len(texts)]
        yield Article(id=f"doc-{number}", text=text, content_hash=content_hash(text), published="2024-01-01")


def words_in(count: int) -> int:
    texts = corpus_texts()
    return sum(len(texts[n % len(texts)].split()) for n in range(count))


def speed(count: int) -> dict[str, float]:
    import spacy

    from nlp.runtime.extract import Extractor

    settings = load_settings()
    bare = spacy.load(settings.spacy_model)
    extractor = Extractor(settings)
    warmup = [a.text for a in articles(4)]
    list(bare.pipe(warmup))
    list(extractor.extract(articles(4)))
    words = words_in(count)

    started = time.perf_counter()
    for _doc in bare.pipe((a.text for a in articles(count)), batch_size=settings.nlp_batch_size):
        pass
    bare_seconds = time.perf_counter() - started

    started = time.perf_counter()
    statements = errors = 0
    for extraction in extractor.extract(articles(count)):
        statements += len(extraction.statements)
        errors += extraction.error is not None
    full_seconds = time.perf_counter() - started
    return {
        "documents": count,
        "words": words,
        "statements": statements,
        "errors": errors,
        "bare_words_per_s": words / bare_seconds,
        "full_words_per_s": words / full_seconds,
        "ratio": bare_seconds / full_seconds,
    }


LONG_PARAGRAPH = (
    "Officials in Belgrade met Huawei on Monday, Andrej Petrovski said. "
    '"We were not told," said Ana Jovanović, a lawyer for the SHARE Foundation. She said the talks went on. ' * 5 + "\n"
)


def long_documents(characters: int, profiles: list[pstats.Stats] | None = None) -> list[tuple[int, float]]:
    """Seconds for one document of N and one of 5×N characters; each run's profile is appended to ``profiles``
    when given (the times then include the profiler's overhead)."""
    from nlp.runtime.extract import Extractor

    extractor = Extractor(load_settings(), embed=False)
    list(extractor.extract(articles(2)))
    timings = []
    for size in (characters, 5 * characters):
        text = LONG_PARAGRAPH * (size // len(LONG_PARAGRAPH) + 1)
        document = Article(id=f"long-{size}", text=text, content_hash=content_hash(text))
        profiler = cProfile.Profile() if profiles is not None else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        [extraction] = extractor.extract([document])
        if profiler:
            profiler.disable()
        timings.append((len(text), time.perf_counter() - started))
        if extraction.error:
            raise SystemExit(f"{len(text)} characters: {extraction.error}")
        if profiler and profiles is not None:
            profiles.append(pstats.Stats(profiler))
    return timings


def growing_functions(
    small: pstats.Stats, large: pstats.Stats, text_growth: float, least_seconds: float = 0.02
) -> list[tuple[float, float, str]]:
    """(growth of own time per character, own seconds on the large document, function) of every function taking
    at least ``least_seconds`` of its own whose time per character grows more than 1.5×, fastest-growing first."""
    before = small.stats  # type: ignore[attr-defined]
    found = []
    for where, (_calls, _primitive, own, *_rest) in large.stats.items():  # type: ignore[attr-defined]
        if own < least_seconds:
            continue
        own_before = before.get(where, (0, 0, 0.0))[2]
        growth = own / max(own_before, 1e-6) / text_growth
        if growth > 1.5:
            path, line, name = where
            found.append((growth, own, f"{Path(path).name}:{line} {name}"))
    return sorted(found, reverse=True)


def peak_memory(count: int) -> dict[str, float]:
    from nlp.runtime.extract import Extractor

    extractor = Extractor(load_settings())
    for _extraction in extractor.extract(articles(count)):
        pass
    extractor.close()  # the embedding process is waited for, so its peak counts among this process's children
    return {
        "documents": count,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "embedding_process_peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def memory(count: int) -> list[dict[str, float]]:
    results = []
    for size in (count, 4 * count):
        run = subprocess.run(
            [sys.executable, __file__, "--peak-memory-of", str(size)], capture_output=True, text=True, check=True
        )
        results.append(json.loads(run.stdout.strip().splitlines()[-1]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--docs",
        type=int,
        default=160,
        help="documents in the speed run (and the small memory run); 0 skips the speed run",
    )
    parser.add_argument("--memory", action="store_true", help="also measure peak memory at N and 4×N documents (N ≥ 1)")
    parser.add_argument("--long", type=int, metavar="N", help="also time one document of N and one of 5×N characters")
    parser.add_argument(
        "--functions", action="store_true", help="with --long: list the functions whose own time outgrows the text"
    )
    parser.add_argument("--peak-memory-of", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peak_memory_of is not None:
        print(json.dumps(peak_memory(args.peak_memory_of)))
        return
    if args.docs:
        result = speed(args.docs)
        print(
            f"{result['documents']} documents ({result['errors']} with an error), {result['words']} words, "
            f"{result['statements']} statements\n"
            f"bare nlp.pipe     {result['bare_words_per_s']:8.0f} words/s\n"
            f"full extraction   {result['full_words_per_s']:8.0f} words/s\n"
            f"ratio             {result['ratio']:8.2f}  (target >= 0.60)"
        )
    if args.long:
        profiles: list[pstats.Stats] | None = [] if args.functions else None
        (small, small_s), (large, large_s) = long_documents(args.long, profiles)
        print(
            f"one document of {small:,} characters: {small_s:7.1f} s; of {large:,}: {large_s:7.1f} s; "
            f"time per character grows {(large_s / large) / (small_s / small):.2f}× (1 is linear)"
            + (" (profiled)" if profiles else "")
        )
        if profiles:
            growing = growing_functions(*profiles, text_growth=large / small)
            print(f"functions whose own time grows faster than the text: {len(growing) or 'none'}")
            for growth, own, function in growing:
                print(f"  {growth:5.1f}×  {own:6.2f} s  {function}")
    if args.memory:
        for run in memory(args.docs):
            print(
                f"peak memory, {run['documents']:5d} documents: {run['peak_rss_mib']:7.0f} MiB"
                f" + embedding process {run['embedding_process_peak_rss_mib']:5.0f} MiB"
            )


if __name__ == "__main__":
    main()
