"""Synthetic Article + Extraction records shaped like the NLP stage's output, for load tests and benchmarks.

Per article (on average): ~2,700 characters of text, 9 entity mentions drawn with a heavy-tailed
(Zipf-like) popularity from a pool of people, organisations, places, laws and events, 4 statements (direct
and indirect, with speakers, cues, dates, ABOUT links and 384-d unit embeddings), 1 role and 2 typed
relations — all with offsets that point into the text, so the loader's checks pass as for real output.
Quotes travel as in news: about one in seven repeats a recent one — word for word, cut at either end, or with a
word changed — so quote clusters form as they would (graph/quote_trail.py); nine copies in ten keep the first
speaker, the tenth is an attribution conflict. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from collections.abc import Iterator

import numpy as np

from core.records import Article, Entity, Extraction, Relation, Role, Statement, content_hash

TYPES = (("Person", 0.45), ("Organization", 0.3), ("Location", 0.1), ("Law", 0.08), ("Event", 0.07))
# Verbs as written in the synthetic text, and the relation type of the inventory each states.
PREDICATES = (
    ("supports", "SUPPORTS"),
    ("criticized", "OPPOSES"),
    ("met with", "MEETS"),
    ("signed an agreement with", "AGREEMENT_WITH"),
    ("sells to", "SUPPLIES"),
    ("funds", "FUNDS"),
    ("opposes", "OPPOSES"),
)
TITLES = ("minister", "director", "spokesperson", "chairman", "mayor", "president", "researcher")
CUES = ("said", "told reporters", "argued", "warned", "added")
WORDS = (
    "government",
    "police",
    "cameras",
    "surveillance",
    "data",
    "privacy",
    "law",
    "court",
    "citizens",
    "ministry",
    "project",
    "budget",
    "city",
    "security",
    "report",
    "rights",
    "public",
    "contract",
    "system",
    "protest",
    "election",
    "agreement",
    "investment",
    "energy",
    "health",
    "transport",
    "school",
    "reform",
    "tender",
    "evidence",
    "journalists",
    "parliament",
    "committee",
    "decision",
    "policy",
)


# The words quotes are made of: English's function words first, then content words, drawn with Zipf's law as the
# words of news are, so two quotes share their common words and rarely their rare ones.
FUNCTION_WORDS = (
    "the",
    "to",
    "of",
    "and",
    "a",
    "in",
    "is",
    "that",
    "we",
    "will",
    "not",
    "for",
    "it",
    "be",
    "on",
    "are",
    "this",
    "with",
    "our",
    "have",
    "they",
    "was",
    "but",
    "all",
    "would",
    "there",
    "more",
    "no",
)
_SYLLABLES = ("ka", "lo", "mer", "tan", "vi", "sol", "dra", "pen", "ru", "gal", "ost", "min", "bre", "cor", "zu")
QUOTE_WORDS = (
    FUNCTION_WORDS
    + WORDS
    + tuple(
        f"{a}{b}{c}" for a in _SYLLABLES for b in _SYLLABLES for c in ("", "s", "ed", "ing", "al", "ity", "ment", "er")
    )
)
_QUOTE_WEIGHTS = tuple(1.0 / rank for rank in range(1, len(QUOTE_WORDS) + 1))


class SyntheticCorpus:
    """A pool of entities and a generator of articles that mention them."""

    def __init__(self, articles: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        self.articles = articles
        pool_size = max(50, articles // 2)
        self.entities = [self._entity(i) for i in range(pool_size)]
        self.people = [e for e in self.entities if e[2] == "Person"]
        self.orgs = [e for e in self.entities if e[2] == "Organization"]
        # Zipf-like popularity: a few entities appear in many articles, most in a handful.
        weights = 1.0 / np.arange(1, pool_size + 1) ** 0.9
        self.weights = weights / weights.sum()
        self.start = dt.date(2018, 1, 1)
        # What later articles copy from, with whom it was first attributed to.
        self.recent_quotes: deque[tuple[str, tuple[str, str, str]]] = deque(maxlen=2000)

    def _entity(self, i: int) -> tuple[str, str, str]:
        etype = self.rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
        name = f"{etype[:3].title()}{i} {self.rng.choice(WORDS).title()}"
        return f"{etype.lower()}:{name.lower().replace(' ', '-')}", name, etype

    def _pick(self, count: int) -> list[tuple[str, str, str]]:
        indexes = self.np_rng.choice(len(self.entities), size=count, replace=False, p=self.weights)
        return [self.entities[int(i)] for i in indexes]

    def _quote(self, about: str, speaker: tuple[str, str, str]) -> tuple[str, tuple[str, str, str]]:
        """A new quote, or a recent one repeated (copied, cut or with a word changed), as news carries quotes.

        A repeated quote keeps its first speaker nine times in ten: outlets that copy a quote mostly copy its
        attribution, and the tenth gives it to this article's speaker (an attribution conflict).
        """
        if self.recent_quotes and self.rng.random() < 0.15:
            original, first_speaker = self.rng.choice(self.recent_quotes)
            words = original.split()
            way = self.rng.random()
            if way < 0.3 and len(words) > 8:  # a fragment
                cut = self.rng.randint(2, 4)
                words = words[cut:] if self.rng.random() < 0.5 else words[:-cut]
            elif way < 0.45:  # a changed word inside
                words[self.rng.randrange(2, len(words) - 1)] = self.rng.choice(WORDS)
            return " ".join(words), first_speaker if self.rng.random() < 0.9 else speaker
        body = " ".join(self.rng.choices(QUOTE_WORDS, _QUOTE_WEIGHTS, k=self.rng.randint(10, 18)))
        quote = f"the {about} {body}"
        self.recent_quotes.append((quote, speaker))
        return quote, speaker

    def _filler(self, words: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + ". "

    def records(self, extractor_version: str = "synthetic-1") -> Iterator[tuple[Article, Extraction]]:
        for index in range(self.articles):
            yield self.article(index, extractor_version)

    def article(self, index: int, extractor_version: str = "synthetic-1") -> tuple[Article, Extraction]:
        mentioned = self._pick(8)
        speakers = [e for e in mentioned if e[2] == "Person"] or [self.rng.choice(self.people)]
        orgs = [e for e in mentioned if e[2] == "Organization"] or [self.rng.choice(self.orgs)]
        parts: list[str] = []
        spans: dict[str, list[tuple[int, int]]] = {}
        statements, roles, relations = [], [], []
        published = (self.start + dt.timedelta(days=index * 1461 // max(1, self.articles))).isoformat()

        def add(text: str) -> int:
            offset = sum(len(p) for p in parts)
            parts.append(text)
            return offset

        def mention(entity: tuple[str, str, str], offset: int) -> None:
            spans.setdefault(entity[0], []).append((offset, offset + len(entity[1])))

        person, org = speakers[0], orgs[0]
        quoted: dict[str, tuple[str, str, str]] = {}
        # A person keeps one title at one organisation per half of the timeline: roles change over time.
        career = random.Random(f"{person[0]}:{index * 2 // max(1, self.articles)}")
        title, org = career.choice(TITLES), career.choice(self.orgs)
        at = add(f"{person[1]}, {title} of {org[1]}, spoke on {published}. ")
        mention(person, at)
        mention(org, at + len(person[1]) + len(title) + 6)
        roles.append(Role(person[0], title, org[0], at, at + len(person[1]) + len(title) + 6 + len(org[1])))
        for entity in mentioned:
            prefix = self._filler(25)
            at = add(f"{prefix}{entity[1]} was part of the {self.rng.choice(WORDS)} story. ")
            mention(entity, at + len(prefix))
        for k in range(4):
            about = self.rng.choice(mentioned)
            quote, speaker = self._quote(about[1], self.rng.choice(speakers))
            quoted[speaker[0]] = speaker
            cue = self.rng.choice(CUES)
            sentence = f"{speaker[1]} {cue} that {quote}. "
            at = add(sentence + self._filler(30))
            mention(speaker, at)
            q_start = at + len(speaker[1]) + len(cue) + 7
            mention(about, q_start + 4)
            statements.append(
                Statement(
                    q_start,
                    q_start + len(quote),
                    quote,
                    "indirect" if k % 2 else "direct",
                    speaker[1],
                    speaker[1],
                    speaker[0],
                    cue,
                    None,
                    published,
                    sentence=sentence.strip(),
                    sentence_start=at,
                    sentence_end=at + len(sentence) - 1,
                    about=(about[0],),
                    confidence=0.9,
                    embedding=tuple(float(x) for x in self._unit_vector()),
                )
            )
        for _ in range(2):
            a, b = self.rng.sample(mentioned, 2)
            verb, predicate = self.rng.choice(PREDICATES)
            at = add(f"{a[1]} {verb} {b[1]}. ")
            mention(a, at)
            mention(b, at + len(a[1]) + len(verb) + 2)
            relations.append(Relation(a[0], predicate, b[0], at, at + len(parts[-1]) - 2, parts[-1].strip(), 0.7))
        text = "".join(parts).strip() + " "
        known = {e[0]: e for e in mentioned} | quoted | {person[0]: person, org[0]: org}
        entities = tuple(
            Entity(eid, e[1], e[2], (), tuple(sorted(set(spans.get(eid, []))))) for eid, e in known.items()
        )
        article = Article(
            f"synthetic:{index}",
            text,
            content_hash(text),
            title=f"Story {index}: {org[1]}",
            url=f"https://news.example/{index}",
            published=published,
            source=f"Outlet {index % 25}",
            language="en",
        )
        return article, Extraction(
            article.id, extractor_version, tuple(statements), entities, tuple(roles), tuple(relations)
        )

    def _unit_vector(self) -> np.ndarray:
        vector = self.np_rng.standard_normal(384).astype(np.float32)
        return vector / np.linalg.norm(vector)
