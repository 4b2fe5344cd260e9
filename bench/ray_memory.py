"""Peak resident memory of each Ray extraction worker, and of the driver, for N and 4×N articles.

    .venv/bin/python bench/ray_memory.py [--articles 200] [--workers 2] [--window 100]

Each size runs in a fresh process: a local Ray with ``--workers`` actors extracts the development documents
(repeated, each copy its own article) through ``RayExtractor`` in windows of ``--window`` articles, so the larger
run crosses four times as many windows. A sampling thread reads the resident memory of every Ray worker process
of the run ten times a second. Printed per size: the largest peak of one worker, the driver's peak, and the run's
articles/s. Flat peaks from N to 4×N are what keep 100k or 10M articles within the same machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.extract_speed import articles  # noqa: E402


def worker_peaks(stop: threading.Event, peaks: dict[int, int]) -> None:
    """Sample the resident memory of this run's Ray actor processes until ``stop``."""
    import psutil  # a dependency of Ray

    me = psutil.Process()
    while not stop.is_set():
        for process in psutil.process_iter(["pid", "cmdline", "memory_info"]):
            try:
                line = " ".join(process.info["cmdline"] or [])
                if "MapWorker" in line and process.pid != me.pid:
                    peaks[process.pid] = max(peaks.get(process.pid, 0), process.info["memory_info"].rss)
            except (psutil.NoSuchProcess, psutil.AccessDenied, TypeError):
                continue
        stop.wait(0.1)


def one_run(count: int, workers: int, window: int) -> dict[str, float]:
    """Extract ``count`` articles on Ray in this process; the figures of one size."""
    from core.settings import load_settings
    from nlp.runtime.parallel import RayExtractor

    settings = load_settings().replace(workers=workers, ray_window=window)
    extractor = RayExtractor(settings)
    peaks: dict[int, int] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=worker_peaks, args=(stop, peaks), daemon=True)
    sampler.start()
    started = time.perf_counter()
    done = sum(1 for _ in extractor.extract(articles(count)))
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    return {
        "articles": done,
        "seconds": round(seconds, 1),
        "articles_per_s": round(done / seconds, 2),
        "worker_processes_seen": len(peaks),
        "worker_peak_mib": round(max(peaks.values(), default=0) / 2**20),
        "driver_peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--window", type=int, default=100)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a single size, in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.workers, args.window)))
        return
    results = {}
    for count in (args.articles, 4 * args.articles):
        command = [sys.executable, __file__, "--one", str(count), "--workers", str(args.workers),
                   "--window", str(args.window)]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"the run of {count} articles failed: {done.stderr.strip().splitlines()[-1:]}")
        results[count] = json.loads(done.stdout.strip().splitlines()[-1])
    small, large = results[args.articles], results[4 * args.articles]
    print(json.dumps({
        "runs": results,
        "worker_peak_growth": round(large["worker_peak_mib"] / max(1, small["worker_peak_mib"]), 2),
        "driver_peak_growth": round(large["driver_peak_mib"] / max(1, small["driver_peak_mib"]), 2),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
