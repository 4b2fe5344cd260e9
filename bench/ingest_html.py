"""Ingestion benchmark: the project's HTML → Article path against bare trafilatura, and streaming memory.

1. Speed: the same generated news pages go through
   - ``trafilatura.extract(html)``: bare trafilatura with its defaults (main text only, no metadata);
   - ``trafilatura.bare_extraction(html, with_metadata=True, …)``: trafilatura's one-call way to get the text
     plus title, author, date, site name and canonical URL in one call;
   - the project's path: bytes → decode → ``ingest.html.extract_html`` (one parse; the fallback extractors only
     for short texts; only the metadata an Article keeps) → normalise → hash and id → language → Article.
   The target is ``project / bare`` ≥ 0.9. Each page goes through the three back to back, in rotating order,
   so a busy machine slows each alike.
2. Text quality: every sample article, whole and cut to a brief of its first paragraphs (600-1,100
   characters), in four page layouts seen on news sites (an ``<article>`` with menus and a most-read list; a
   wire story of ``<br>``-separated lines; an old table layout; a story in a container whose id starts with
   "comment", followed by reader comments) goes through bare ``trafilatura.extract`` and the project's path.
   The reference is the article's own paragraphs (the sample text the page was built from, without its
   headline); token F1 is the bag-of-words overlap of lower-cased word tokens, averaged over pages, a dropped
   page counting 0. The non-article pages of ``tests/data/ingest/pages`` (cookie wall, 404, sign-in, menu,
   index, empty shell) show what each refuses. Target: the project's F1 ≥ bare trafilatura's, no article dropped.
3. Memory: N generated documents stream through ``read_sources`` (JSON Lines → Article, with exact and
   near-duplicate detection); resident memory is sampled at 10 %, 50 % and 100 % of the stream.

Run: .venv/bin/python bench/ingest_html.py [--pages 150] [--rounds 5] [--docs 10000] [--only quality]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import trafilatura

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.errors import IngestError  # noqa: E402
from core.records import Article  # noqa: E402
from core.settings import load_settings  # noqa: E402
from ingest import read_sources  # noqa: E402
from ingest.article import build_article  # noqa: E402
from ingest.decode import decode_bytes  # noqa: E402
from ingest.html import extract_html  # noqa: E402
from ingest.textfile import parse_text_document  # noqa: E402

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<link rel="canonical" href="https://{host}/news/{n}/{slug}"><meta property="og:site_name" content="{site}">
<meta name="author" content="{author}"><meta property="article:published_time" content="{date}T09:00:00Z">
</head><body><header><nav>{nav}</nav></header><div class="cookie">We use cookies. <button>OK</button></div>
<main><article><h1>{title}</h1><p class="byline">By {author}</p>{paragraphs}</article>
<aside><h3>Most read</h3><ul>{related}</ul></aside></main><footer><p>© {site}</p>{nav}</footer></body></html>"""


def sample_articles() -> list[tuple[str, str, str]]:
    """(title, date, text) of the sample corpus, the raw material of the generated pages."""
    found = []
    for path in sorted((REPO / "samples").rglob("*.txt")):
        draft = parse_text_document(path.read_text(encoding="utf-8"), str(path))
        found.append((draft.title or path.stem, str(draft.published or "2020-01-01"), draft.text))
    return found


def page_html(template: str, n: int, title: str, date: str, paragraphs: list[str], nav: str, related: str) -> str:
    """One generated news page: the article's paragraphs in a layout, as <p> blocks or <br>-separated lines."""
    return template.format(
        title=title,
        site=f"Site {n % 7}",
        host=f"site{n % 7}.example.com",
        n=n,
        slug=f"story-{n}",
        author="Jane Roe",
        date=date,
        nav=nav,
        related=related,
        paragraphs="".join(f"<p>{p}</p>" for p in paragraphs),
        lines="<br><br>\n".join(paragraphs),
    )


def generate_pages(count: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    samples = sample_articles()
    pages = []
    for n in range(count):
        title, date, text = samples[n % len(samples)]
        paragraphs = [p for p in text.split("\n") if p.strip()]
        rng.shuffle(paragraphs)  # different pages, similar size and structure to real articles
        nav = " | ".join(f'<a href="/s{i}">Section {i}</a>' for i in range(12))
        related = "".join(f'<li><a href="/r{n}{i}">Related story number {i}</a></li>' for i in range(8))
        pages.append(page_html(PAGE, n, title, date, paragraphs, nav, related).encode("utf-8"))
    return pages


# Page shapes of real news sites for the quality figures; {body} is the article's paragraphs.
LAYOUTS = {
    "article": PAGE,
    "wire": """<html><head><title>{title} | Wire</title></head><body><div id="top">{nav}</div>
<div class="story"><h1>{title}</h1><div class="story-body">{lines}</div></div>
<div class="more"><h3>More from Wire</h3>{related}</div><div id="footer">{nav}</div></body></html>""",
    "table": """<html><head><title>{title} - {site}</title></head><body><table width="100%">
<tr><td colspan="2">{nav}</td></tr><tr><td width="180" valign="top"><ul>{related}</ul></td><td valign="top">
<font size="4"><b>{title}</b></font><br><br>{lines}</td></tr><tr><td colspan="2">© {site}</td></tr></table>
</body></html>""",
    "comment-named": """<html><head><title>{title} | {site}</title></head><body><header><nav>{nav}</nav></header>
<main><h1>{title}</h1><div id="commentable-story" class="story-text">{paragraphs}</div>
<div id="comments"><h3>Comments (2)</h3><div class="comment"><b>marko_bg</b><p>Finally some good news here.</p>
<a href="#r1">Reply</a></div><div class="comment"><b>ana.s</b><p>Who is paying for all this?</p>
<a href="#r2">Reply</a></div></div></main><footer>{nav}</footer></body></html>""",
}
BRIEF_CHARS = (600, 1100)
NOT_ARTICLES = REPO / "tests" / "data" / "ingest" / "pages"
_WORD = re.compile(r"\w+")


def brief(paragraphs: list[str]) -> list[str]:
    """The first paragraphs of an article, 600 to 1,100 characters, as a brief or a wire item would be."""
    kept: list[str] = []
    for paragraph in paragraphs:
        if kept and sum(map(len, kept)) + len(paragraph) > BRIEF_CHARS[1]:
            break
        kept.append(paragraph)
        if sum(map(len, kept)) >= BRIEF_CHARS[0]:
            break
    return kept


def quality_pages() -> list[tuple[str, bytes, str]]:
    """(name, page, reference text) for every sample article, whole and as a brief, in every layout."""
    nav = " | ".join(f'<a href="/s{i}">Section {i}</a>' for i in range(12))
    related = "".join(f'<li><a href="/r{i}">Related story number {i}</a></li>' for i in range(8))
    pages = []
    for n, (title, date, text) in enumerate(sample_articles()):
        paragraphs = [p for p in text.split("\n") if p.strip()]
        for size, chosen in (("whole", paragraphs), ("brief", brief(paragraphs))):
            for layout, template in LAYOUTS.items():
                html = page_html(template, n, title, date, chosen, nav, related)
                pages.append((f"{n:02d}-{size}-{layout}", html.encode("utf-8"), "\n".join(chosen)))
    return pages


def token_f1(found: str | None, reference: str) -> float:
    found_tokens = Counter(_WORD.findall((found or "").lower()))
    reference_tokens = Counter(_WORD.findall(reference.lower()))
    common = sum((found_tokens & reference_tokens).values())
    if not common:
        return 0.0
    precision = common / sum(found_tokens.values())
    recall = common / sum(reference_tokens.values())
    return 2 * precision * recall / (precision + recall)


def project_text(page: bytes) -> str | None:
    try:
        return project_path(page).text
    except IngestError:
        return None


def quality() -> dict[str, object]:
    pages = quality_pages()
    result: dict[str, object] = {"pages": len(pages)}
    bare_texts = {page_name: bare(page) for page_name, page, _ in pages}
    for name, extract in (("bare", bare), ("project", project_text)):
        texts = bare_texts if extract is bare else {page_name: extract(page) for page_name, page, _ in pages}
        scores = {page_name: token_f1(texts[page_name], reference) for page_name, _, reference in pages}
        by_group: dict[str, list[float]] = {}
        for page_name, score in scores.items():
            size, layout = page_name.split("-", 2)[1:]
            by_group.setdefault(f"{size} {layout}", []).append(score)
        # A dropped page is listed with the length of the text bare trafilatura finds in it.
        dropped = {page_name: len(bare_texts[page_name] or "") for page_name, text in sorted(texts.items()) if not text}
        missed = sorted(page_name for page_name, text in texts.items() if text and scores[page_name] < 0.5)
        not_articles = sorted(NOT_ARTICLES.glob("refused_*.html"))
        result[name] = {
            "token_f1": round(sum(scores.values()) / len(scores), 4),
            "token_f1_by_page_kind": {group: round(sum(v) / len(v), 4) for group, v in sorted(by_group.items())},
            "articles_kept": len(pages) - len(dropped),
            "articles_dropped": dropped,
            "articles_kept_without_their_text": missed,  # token F1 under 0.5: menus or a headline kept instead
            "non_articles_refused": f"{sum(not extract(p.read_bytes()) for p in not_articles)} of {len(not_articles)}",
        }
    return result


def project_path(page: bytes) -> Article:
    return build_article(extract_html(decode_bytes(page), "bench"))


def bare(page: bytes) -> str | None:
    return trafilatura.extract(page.decode("utf-8"))


def trafilatura_same_options(page: bytes) -> object:
    return trafilatura.bare_extraction(
        page.decode("utf-8"), with_metadata=True, include_comments=False, include_tables=False
    )


def speed(pages: list[bytes], rounds: int) -> dict[str, float]:
    candidates = {"bare": bare, "same_options": trafilatura_same_options, "project": project_path}
    for function in candidates.values():  # warm-up: imports, caches, models
        function(pages[0])
    totals = dict.fromkeys(candidates, 0.0)
    order = list(candidates)
    # Each page goes through all three back to back, in rotating order, so load from other processes
    # on a shared machine falls on the three alike.
    for round_number in range(rounds):
        for page_number, page in enumerate(pages):
            shift = (round_number + page_number) % len(order)
            for name in order[shift:] + order[:shift]:
                started = time.perf_counter()
                candidates[name](page)
                totals[name] += time.perf_counter() - started
    rates = {name: rounds * len(pages) / total for name, total in totals.items()}
    return {
        **{f"{name}_pages_per_s": round(rate, 1) for name, rate in rates.items()},
        "ratio_vs_bare": round(rates["project"] / rates["bare"], 3),
        "ratio_vs_same_options": round(rates["project"] / rates["same_options"], 3),
    }


def write_docs(path: Path, count: int, seed: int = 11) -> None:
    """Distinct documents: random sentences of the sample corpus, so few are near-duplicates by chance."""
    rng = random.Random(seed)
    text = " ".join(body for _, _, body in sample_articles())
    sentences = [s.strip() + "." for s in text.replace("\n", " ").split(". ") if len(s.split()) > 5]
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            body = " ".join(rng.sample(sentences, rng.randrange(12, 30)))
            row = {
                "url": f"https://site{n % 50}.example.com/{n}",
                "title": f"Story {n}",
                "text": body,
                "published": "2024-01-02",
            }
            out.write(json.dumps(row) + "\n")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def current_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory(count: int) -> dict[str, object]:
    settings = load_settings()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "docs.jsonl"
        write_docs(path, count)
        checkpoints = {count // 10: "at_10pct", count // 2: "at_50pct", count: "at_100pct"}
        result: dict[str, object] = {"docs": count, "rss_before_mib": round(current_rss_mib(), 1)}
        started = time.perf_counter()
        articles = near = 0
        for seen, item in enumerate(read_sources([str(path)], settings), 1):
            if isinstance(item, Article):
                articles += 1
                near += item.near_duplicate_of is not None
            if seen in checkpoints:
                result[f"rss_{checkpoints[seen]}_mib"] = round(current_rss_mib(), 1)
        result.update(
            peak_rss_mib=round(peak_rss_mib(), 1),
            articles=articles,
            near_duplicates=near,
            docs_per_s=round(count / (time.perf_counter() - started), 1),
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--only", choices=("speed", "quality", "memory"), help="run one part of the benchmark")
    args = parser.parse_args()
    figures: dict[str, object] = {}
    if args.only in (None, "speed"):
        figures.update(pages=args.pages, rounds=args.rounds, **speed(generate_pages(args.pages), args.rounds))
    if args.only in (None, "quality"):
        figures["quality"] = quality()
    if args.only in (None, "memory"):
        figures["memory"] = memory(args.docs)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
