"""How well a statement's `confidence` predicts its speaker being right, on development and held-out sets.

    .venv/bin/python bench/calibrate_statements.py             # reliability table: development beside held-out
    .venv/bin/python bench/calibrate_statements.py --markdown  # the same as a Markdown table (docs/statements.md)
    .venv/bin/python bench/calibrate_statements.py --fit       # rates per group on development first scores
    .venv/bin/python bench/calibrate_statements.py --cross-validate   # each first-scored set by a fit on the others
    .venv/bin/python bench/calibrate_statements.py --record-first-score SET   # once, before a set's rules

The extractor runs on the development sets (tests/data/gold, tests/data/patterns and tests/data/attribution,
attribution-world, attribution-regions, attribution-genres, attribution-wires, attribution-longform,
attribution-names, attribution-towns, attribution-namesakes, attribution-hearings, attribution-exchanges,
attribution-sources, attribution-sport, attribution-profiles, attribution-business, attribution-naming,
attribution-courts, attribution-emergencies, attribution-arts, attribution-briefs, attribution-diaspora,
attribution-features, attribution-politics, attribution-customs, attribution-households, attribution-tributes,
attribution-research, attribution-southasia, attribution-africa, attribution-eastasia, attribution-portraits,
attribution-europe, attribution-mideast, attribution-latam, attribution-francophone, attribution-pacific,
attribution-magazine, attribution-caribbean, attribution-centralasia, attribution-seasia, attribution-community,
attribution-southernafrica, attribution-gulf, attribution-nordic, attribution-indigenous, attribution-westafrica,
attribution-balkans, attribution-andes, attribution-horn, attribution-maghreb,
attribution-afpak, attribution-greaterchina, attribution-centraleurope, attribution-westasia,
attribution-koreajapan, attribution-subcontinent, attribution-borderlands, attribution-levant,
attribution-philippines, attribution-exile, attribution-eastafrica, attribution-caucasus,
attribution-lusophone, attribution-dispatches, attribution-rural, attribution-himalaya,
attribution-mesoamerica, attribution-nusantara, attribution-interviews, attribution-blacksea,
attribution-centralafrica, attribution-weekend, attribution-broadcast, attribution-sahel, attribution-oceania,
attribution-southindia, attribution-arabfeatures,
attribution-sportfeatures, attribution-metro, attribution-asiandiaspora, attribution-antilles,
attribution-livecopy and attribution-briefings) and on
the held-out sets (tests/data/heldout, nine sample articles; tests/data/attribution-heldout, 32 articles in styles
no development set has; tests/data/attribution-heldout-local, 24 articles of local and small-country news;
tests/data/attribution-heldout-beats, 24 articles by beat; tests/data/attribution-heldout-stories, 12 long stories;
tests/data/attribution-heldout-names, 16 articles whose speakers' names are not English "First Last"; and
tests/data/attribution-heldout-features, 14 features, profiles and interviews; tests/data/attribution-heldout-voices,
14 hard-news articles with many voices; tests/data/attribution-heldout-rolling, 14 of rolling and broadcast copy;
tests/data/attribution-heldout-lives, 14 human-interest and community stories; all written apart from the rules);
its statements are matched to the
gold ones as bench/score_extract.py matches them. A matched statement's speaker is right or wrong by score_extract's
rule; a statement with no gold counterpart has no speaker to be right about and is counted apart ("unmatched"). Each
confidence band shows how many statements fall in it and what share of its matched ones had the right speaker.
Held-out figures are only ever printed in aggregate.

--fit reads development alone, and of it the first scores: what the extractor predicted on a set the first time
it saw it, before any rule was drawn from it, kept in tests/data/<set>/first_score.json (judged against the set's
gold as it is now). nlp/statements/confidence.py takes its rates from --fit. --record-first-score writes that file;
run it on a new set before reading its errors, never after.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# this checkout's code, not whichever one the environment installed: a first score records the commit it ran
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_format import read_jsonl
from score_extract import CONFIDENT, DATA_DIR, match_statements, run_extractor, speaker_right

from nlp.lexicon.lexicon import load_lexicon
from nlp.statements.confidence import (
    FIRST_SCORE_COUNTS,
    calibration_key,
    chained,
    gender_in_name,
    names_speaker_before,
    rate,
    speaker_confidence,
    speaker_key,
    text_shape,
)

DEVELOPMENT = (
    "gold",
    "patterns",
    "attribution",
    "attribution-world",
    "attribution-regions",
    "attribution-genres",
    "attribution-wires",
    "attribution-longform",
    "attribution-names",
    "attribution-towns",
    "attribution-namesakes",
    "attribution-hearings",
    "attribution-exchanges",
    "attribution-sources",
    "attribution-sport",
    "attribution-profiles",
    "attribution-business",
    "attribution-naming",
    "attribution-courts",
    "attribution-emergencies",
    "attribution-arts",
    "attribution-briefs",
    "attribution-diaspora",
    "attribution-features",
    "attribution-politics",
    "attribution-customs",
    "attribution-households",
    "attribution-tributes",
    "attribution-research",
    "attribution-southasia",
    "attribution-africa",
    "attribution-eastasia",
    "attribution-portraits",
    "attribution-europe",
    "attribution-mideast",
    "attribution-latam",
    "attribution-francophone",
    "attribution-pacific",
    "attribution-magazine",
    "attribution-caribbean",
    "attribution-centralasia",
    "attribution-seasia",
    "attribution-community",
    "attribution-southernafrica",
    "attribution-gulf",
    "attribution-nordic",
    "attribution-indigenous",
    "attribution-westafrica",
    "attribution-balkans",
    "attribution-andes",
    "attribution-horn",
    "attribution-maghreb",
    "attribution-afpak",
    "attribution-greaterchina",
    "attribution-centraleurope",
    "attribution-westasia",
    "attribution-koreajapan",
    "attribution-subcontinent",
    "attribution-borderlands",
    "attribution-levant",
    "attribution-philippines",
    "attribution-exile",
    "attribution-eastafrica",
    "attribution-caucasus",
    "attribution-lusophone",
    "attribution-dispatches",
    "attribution-rural",
    "attribution-himalaya",
    "attribution-mesoamerica",
    "attribution-nusantara",
    "attribution-interviews",
    "attribution-blacksea",
    "attribution-centralafrica",
    "attribution-weekend",
    "attribution-broadcast",
    "attribution-sahel",
    "attribution-oceania",
    "attribution-southindia",
    "attribution-arabfeatures",
    "attribution-sportfeatures",
    "attribution-metro",
    "attribution-asiandiaspora",
    "attribution-antilles",
    "attribution-livecopy",
    "attribution-briefings",
)
HELDOUT = {
    "held-out samples": ("heldout",),
    "held-out styles": ("attribution-heldout",),
    "held-out local": ("attribution-heldout-local",),
    "held-out beats": ("attribution-heldout-beats",),
    "held-out stories": ("attribution-heldout-stories",),
    "held-out names": ("attribution-heldout-names",),
    "held-out features": ("attribution-heldout-features",),
    "held-out voices": ("attribution-heldout-voices",),
    "held-out rolling": ("attribution-heldout-rolling",),
    "held-out lives": ("attribution-heldout-lives",),
}
BANDS = ((0.9, 1.01), (0.8, 0.9), (0.7, 0.8), (0.6, 0.7), (0.5, 0.6), (0.0, 0.5))


@dataclass(frozen=True, slots=True)
class Judged:
    """One predicted statement: what the extractor said about its speaker, and whether gold agrees."""

    confidence: float | None
    basis: str | None
    distance: int | None
    speaker_known: bool  # the speaker is one of the article's entities
    has_cue: bool
    shape: str  # speaker_shape of the speaker
    matched: bool  # a gold statement overlaps it (score_extract's rule)
    right: bool  # matched and the speaker is the gold one
    after_uncertain: bool = False  # a pronoun or carried quote after a statement not confident (`chained`)
    gender_named: bool = False  # a pronoun whose speaker's given name is of its gender (`gender_in_name`)
    speaker_before: bool | None = None  # a pronoun naming the speaker before (`names_speaker_before`)


def judged(
    gold_docs: Iterable[dict[str, Any]], pred_docs: Iterable[dict[str, Any]], texts: dict[str, str]
) -> list[Judged]:
    """Each predicted statement of ``pred_docs`` judged against ``gold_docs``; ``texts``: each article's text, by
    id, which the speaker's shape reads (`name_cut`, `name_shared`)."""
    predictions = {doc["id"]: doc for doc in pred_docs}
    words = load_lexicon().statements
    found: list[Judged] = []
    for gold_doc in gold_docs:
        gold = gold_doc["statements"]
        pred = (predictions.get(gold_doc["id"]) or {}).get("statements") or []
        entities = {entity["id"]: entity for entity in gold_doc["entities"]}
        pairs = {p: g for g, p in match_statements(gold, pred)}
        text = texts.get(gold_doc["id"], "")
        previous: float | None = None  # the statement before's confidence by today's table, as `chained` reads it
        heard: set[str | None] = set()
        previous_speaker: str | None = None
        for index, statement in enumerate(pred):
            gold_index = pairs.get(index)
            basis = statement.get("basis")
            speaker_id = statement.get("speaker_id")
            shape = text_shape(
                text, basis, speaker_id, statement.get("speaker"), statement.get("speaker_mention"), words
            )
            distance = statement.get("basis_distance")
            known, has_cue = speaker_id is not None, statement.get("cue") is not None
            speaker = speaker_key(speaker_id, statement.get("speaker"))
            after_uncertain = chained(basis, previous, speaker not in heard)
            gender_named = gender_in_name(
                basis, statement.get("speaker_mention"), statement.get("speaker"), words.person_pronouns
            )
            speaker_before = names_speaker_before(basis, speaker, previous_speaker)
            previous = speaker_confidence(
                basis, distance, known, has_cue, shape, after_uncertain, gender_named, speaker_before
            )
            previous_speaker = speaker
            heard.add(speaker)
            found.append(
                Judged(
                    statement.get("confidence"),
                    basis,
                    distance,
                    known,
                    has_cue,
                    shape,
                    gold_index is not None,
                    gold_index is not None and speaker_right(gold[gold_index], statement, entities),
                    after_uncertain,
                    gender_named,
                    speaker_before,
                )
            )
    return found


def texts_of(folder: Path) -> dict[str, str]:
    return {doc["id"]: doc["text"] for doc in read_jsonl(folder / "docs.jsonl")}


def run_sets(names: Iterable[str]) -> list[Judged]:
    found: list[Judged] = []
    for name in names:
        folder = DATA_DIR / name
        found += judged(read_jsonl(folder / "gold.jsonl"), run_extractor(folder / "docs.jsonl"), texts_of(folder))
    return found


# ---------------------------------------------------------------- first scores

FIRST_SCORE = "first_score.json"
# what a first score keeps of each predicted statement: enough to match it to gold and to group it
FIRST_SCORE_FIELDS = (
    "start",
    "end",
    "kind",
    "speaker",
    "speaker_mention",
    "speaker_id",
    "cue",
    "confidence",
    "basis",
    "basis_distance",
)


def record_first_score(name: str) -> Path:
    """Run the extractor on a set and keep its statements as the set's first score; refuses to overwrite one."""
    folder = DATA_DIR / name
    path = folder / FIRST_SCORE
    if path.exists():
        raise SystemExit(f"{path} exists: a set is scored for the first time once")
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False).stdout.strip()
    documents = [
        {"id": doc["id"], "statements": [{k: s.get(k) for k in FIRST_SCORE_FIELDS} for s in doc["statements"]]}
        for doc in run_extractor(folder / "docs.jsonl")
    ]
    record = {
        "about": "The extractor's statements on this set the first time it saw it, before any rule was drawn from "
        "the set; bench/calibrate_statements.py --fit judges them against gold.jsonl to fit the confidence.",
        "commit": commit or None,
        "date": datetime.date.today().isoformat(),
        "documents": documents,
    }
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def first_scores(names: Iterable[str]) -> list[Judged]:
    """The first-score statements of those sets that have one, judged against their gold now."""
    found: list[Judged] = []
    for name in names:
        path = DATA_DIR / name / FIRST_SCORE
        if path.exists():
            documents = json.loads(path.read_text(encoding="utf-8"))["documents"]
            found += judged(read_jsonl(DATA_DIR / name / "gold.jsonl"), documents, texts_of(DATA_DIR / name))
    return found


# ---------------------------------------------------------------- reliability


@dataclass(frozen=True, slots=True)
class Band:
    low: float
    high: float
    statements: int
    matched: int
    right: int
    mean_confidence: float | None

    @property
    def accuracy(self) -> float | None:
        return self.right / self.matched if self.matched else None


def bands(found: list[Judged]) -> list[Band]:
    rows = []
    for low, high in BANDS:
        inside = [j for j in found if low <= (j.confidence or 0.0) < high]
        matched = [j for j in inside if j.matched]
        mean = sum(j.confidence or 0.0 for j in matched) / len(matched) if matched else None
        rows.append(Band(low, min(high, 1.0), len(inside), len(matched), sum(j.right for j in matched), mean))
    return rows


def summary(found: list[Judged]) -> dict[str, Any]:
    """The figures the target is stated in: share and speaker accuracy of confident statements, and the expected
    calibration error (mean gap between confidence and accuracy over the bands, weighted by matched statements)."""
    confident = [j for j in found if (j.confidence or 0.0) >= CONFIDENT]
    confident_matched = [j for j in confident if j.matched]
    matched = [j for j in found if j.matched]
    gap = sum(
        b.matched * abs((b.accuracy or 0.0) - (b.mean_confidence or 0.0)) for b in bands(found) if b.matched
    ) / max(1, len(matched))
    return {
        "statements": len(found),
        "matched": len(matched),
        "speaker_accuracy": sum(j.right for j in matched) / len(matched) if matched else None,
        "confident_share": len(confident) / len(found) if found else None,
        "confident_statements": len(confident),
        "confident_accuracy": (
            sum(j.right for j in confident_matched) / len(confident_matched) if confident_matched else None
        ),
        "calibration_error": gap,
    }


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def _share(right: int, matched: int) -> str:
    return f"{right} / {matched} ({_percent(right / matched)} %)" if matched else "—"


def _band_label(band: Band) -> str:
    return f"{band.low:.1f}–{band.high:.1f}" if band.high < 1.0 else f"{band.low:.1f}–1.0"


def reliability_table(sets: dict[str, list[Judged]], markdown: bool) -> str:
    """One row per confidence band; per set: statements, matched, right speaker, accuracy (%)."""
    names = list(sets)
    per_set = {name: bands(found) for name, found in sets.items()}
    header = ["confidence"] + [f"{name}: {column}" for name in names for column in ("statements", "right / matched")]
    rows = []
    for i in range(len(BANDS)):
        cells = [_band_label(per_set[names[0]][i])]
        for name in names:
            band = per_set[name][i]
            cells += [str(band.statements), _share(band.right, band.matched)]
        rows.append(cells)
    figures = {name: summary(found) for name, found in sets.items()}
    lines = [
        ("confidence ≥ 0.8", lambda f: f"{_percent(f['confident_share'])} % of statements"),
        ("… speaker right", lambda f: f"{_percent(f['confident_accuracy'])} %"),
        ("all statements", lambda f: f"{f['statements']} ({f['matched']} matched)"),
        ("… speaker right", lambda f: f"{_percent(f['speaker_accuracy'])} %"),
        ("calibration error", lambda f: f"{100 * f['calibration_error']:.1f} points"),
    ]
    for label, cell in lines:
        rows.append([label] + [c for name in names for c in ("", cell(figures[name]))])
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(cells) + " |" for cells in rows]
        return "\n".join(out)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows])


# ---------------------------------------------------------------- fitting


def fit_key(j: Judged) -> str:
    return calibration_key(
        j.basis, j.distance, j.speaker_known, j.has_cue, j.shape, j.after_uncertain, j.gender_named, j.speaker_before
    )


def fit_counts(found: list[Judged]) -> dict[str, tuple[int, int]]:
    """(right, matched) per calibration group, most matched first."""
    groups: dict[str, list[Judged]] = {}
    for j in found:
        if j.matched:
            groups.setdefault(fit_key(j), []).append(j)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return {key: (sum(j.right for j in group), len(group)) for key, group in ordered}


def fit_table(found: list[Judged]) -> str:
    """The first-score counts per group, their rate, and the module's table to paste when they changed."""
    counts = fit_counts(found)
    lines = [f"{'group':40} {'right':>5} {'matched':>7} {'rate':>6}"]
    lines += [f"{key:40} {right:5} {matched:7} {rate(right, matched):6.3f}" for key, (right, matched) in counts.items()]
    unmatched = sum(not j.matched for j in found)
    lines.append(f"({unmatched} predicted statements with no gold counterpart are not fitted)")
    if counts != FIRST_SCORE_COUNTS:
        lines += ["", "nlp/statements/confidence.py is not this fit; its table should read:", "FIRST_SCORE_COUNTS = {"]
        lines += [f"    {key!r}: {value!r}," for key, value in counts.items()]
        lines.append("}")
    return "\n".join(lines)


def cross_validation(names: Iterable[str]) -> str:
    """Each development set's first score judged by the confidence fitted on the other sets' first scores: how the
    fit does on a set of styles it has not seen, without spending a held-out set on it."""
    scored = {name: found for name in names if (found := first_scores([name]))}
    lines = [f"{'left out':22} {'statements':>10} {'confident':>9} {'share':>7} {'right':>7}"]
    every: list[Judged] = []
    confident_every: list[Judged] = []
    for name, found in scored.items():
        counts = fit_counts([j for other, rest in scored.items() if other != name for j in rest])
        confident = [j for j in found if rate(*counts.get(fit_key(j), (0, 0))) >= CONFIDENT]
        every += found
        confident_every += confident
        lines.append(_cross_line(name, found, confident))
    lines.append(_cross_line("all", every, confident_every))
    return "\n".join(lines)


def _cross_line(name: str, found: list[Judged], confident: list[Judged]) -> str:
    matched = [j for j in confident if j.matched]
    right = sum(j.right for j in matched) / len(matched) if matched else None
    share = len(confident) / len(found) if found else None
    return f"{name:22} {len(found):10} {len(confident):9} {_percent(share):>6}% {_percent(right):>6}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="speaker accuracy per group on development first scores")
    parser.add_argument("--record-first-score", metavar="SET", help="keep the extractor's statements on SET now")
    parser.add_argument(
        "--cross-validate", action="store_true", help="each first-scored set judged by a fit on the others"
    )
    parser.add_argument("--markdown", action="store_true", help="the reliability table as Markdown")
    parser.add_argument("--json", action="store_true", help="the summary figures as JSON")
    args = parser.parse_args(argv)
    if args.record_first_score:
        print(record_first_score(args.record_first_score))
        return 0
    if args.fit:
        print(fit_table(first_scores(DEVELOPMENT)))
        return 0
    if args.cross_validate:
        print(cross_validation(DEVELOPMENT))
        return 0
    development = run_sets(DEVELOPMENT)
    sets = {"development": development} | {name: run_sets(folders) for name, folders in HELDOUT.items()}
    if args.json:
        print(json.dumps({name: summary(found) for name, found in sets.items()}, indent=2))
    else:
        print(reliability_table(sets, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
