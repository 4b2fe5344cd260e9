"""The NLP stage: a stream of Articles in, one Extraction per article out, in the same order.

One spaCy pass (nlp.pipe over paragraph chunks) finds mentions, roles and relation candidates in each
chunk; per article the mentions are resolved into canonical entities, statements are found by
``nlp.statements.finder`` and completed here (speaker role, entities talked about, embedding). A document that
fails becomes an ``Extraction`` with ``error`` set; the stream goes on.
"""

from __future__ import annotations

import dataclasses
import logging
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from functools import partial
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from core import __version__
from core.dateline import dateline_date
from core.errors import ExtractionError
from core.records import Article, Entity, Extraction, Relation, Role, Statement
from core.settings import Settings
from nlp.entities.finders import Mention
from nlp.entities.resolution import resolve_entities, span_index
from nlp.entities.role_orgs import portfolio_org
from nlp.lexicon.gazetteer import Gazetteer, load_gazetteer
from nlp.lexicon.lexicon import Lexicon, load_lexicon
from nlp.relations.inventory import SYMMETRIC, allowed, is_relation_type
from nlp.runtime.components import mentions_of, relations_of, roles_of
from nlp.runtime.embeddings import Embedder, EmbeddingProcess, EmbeddingProcessEnded, spare_cores
from nlp.runtime.language import detect_language
from nlp.runtime.pipeline import load_pipeline, pipe_chunks, pipeline_meta
from nlp.statements.dates import date_as_written
from nlp.statements.finder import chain_confidences, find_statements
from nlp.statements.speakers import MentionIndex

log = logging.getLogger(__name__)

EMBED_FLUSH_STATEMENTS = 64  # statements gathered across articles before one embedding call
# Statements parsed and waiting for their vectors, at most: what the stream holds beyond one spaCy batch. It must
# cover a batch or more (a batch of 32 news articles has some 400 statements), or spaCy waits for the embedding.
WAITING_STATEMENTS = 2048


def extractor_version(language: Language) -> str:
    return _version(language.meta)


def installed_extractor_version(settings: Settings) -> str:
    """``extractor_version`` of the pipeline the settings name, without loading it."""
    return _version(pipeline_meta(settings))


def _version(meta: dict[str, Any]) -> str:
    return f"newsgraph-nlp/{__version__} spacy/{meta.get('lang')}_{meta.get('name')}-{meta.get('version')} minilm-l6-v2"


def _statements_in(waiting: Iterable[tuple[list[Extraction], Any]]) -> int:
    return sum(len(x.statements) for group, _vectors in waiting for x in group)


class Extractor:
    """Holds the loaded pipeline, embedder, lexicon and gazetteer; ``extract`` streams Extractions."""

    def __init__(
        self,
        settings: Settings,
        language: Language | None = None,
        embedder: Embedder | None = None,
        embed: bool = True,
        statements: bool = True,
        embedding_process: EmbeddingProcess | None = None,
    ) -> None:
        self.settings = settings
        self.nlp = language if language is not None else load_pipeline(settings)
        self.embedder = embedder
        self.embedding_process = embedding_process  # another extractor's, shared
        if embed and embedder is None and embedding_process is None:
            if settings.embedding_process and spare_cores(settings) > 0:
                self.embedding_process = EmbeddingProcess(settings)
            else:
                self.embedder = Embedder(settings)
        self.lexicon = load_lexicon(settings.aliases_file or None)
        self.gazetteer = load_gazetteer(settings.aliases_file or None, self.lexicon)
        self.find_statements = partial(find_statements, lexicon=self.lexicon) if statements else None
        self.version = extractor_version(self.nlp)

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """One Extraction per article, in order; memory stays flat however long the stream is.

        Statements are embedded in groups of about EMBED_FLUSH_STATEMENTS: in the embedding process while spaCy
        parses the next articles when there is a spare core (setting embedding_process), else here between spaCy
        batches. At most about WAITING_STATEMENTS statements wait for their vectors.
        """
        waiting: deque[tuple[list[Extraction], Future[list[tuple[float, ...]]]]] = deque()
        pending: list[Extraction] = []
        if self.embedding_process is not None:
            self.embedding_process.share_cores(True)
        items = ((text, context) for text, context in self._screened(articles))
        for (article, warnings, skip_reason), chunks in pipe_chunks(
            self.nlp, items, batch_size=self.settings.nlp_batch_size, n_process=self.settings.nlp_processes
        ):
            pending.append(self._one(article, chunks, warnings, skip_reason))
            if sum(len(p.statements) for p in pending) >= EMBED_FLUSH_STATEMENTS:
                waiting.append((pending, self._vectors(pending)))
                pending = []
                while waiting and (waiting[0][1].done() or _statements_in(waiting) > WAITING_STATEMENTS):
                    yield from self._embedded(*waiting.popleft())
        waiting.append((pending, self._vectors(pending)))
        if self.embedding_process is not None:
            self.embedding_process.share_cores(False)
        while waiting:
            yield from self._embedded(*waiting.popleft())

    def close(self) -> None:
        """Stop the embedding process, if one was started (the next ``extract`` starts it again)."""
        if self.embedding_process is not None:
            self.embedding_process.close()

    def _embedded(
        self, extractions: list[Extraction], vectors: Future[list[tuple[float, ...]]]
    ) -> Iterator[Extraction]:
        try:
            try:
                found_vectors = vectors.result()
            except EmbeddingProcessEnded as ended:  # killed, out of memory, no model there: embed here from now on
                found_vectors = self._embedded_here(extractions, ended)
        except ExtractionError:
            raise  # the model cannot be loaded here either: the run ends with the reason, as it would have at start
        except Exception as e:  # the records stand without vectors; say so on each instead of ending the run
            log.exception("embedding failed for %d articles", len(extractions))
            note = f"statements not embedded: {type(e).__name__}: {e}"
            yield from (dataclasses.replace(x, warnings=(*x.warnings, note)) for x in extractions)
            return
        found = iter(found_vectors)
        for extraction in extractions:
            if extraction.statements and found_vectors:
                statements = tuple(dataclasses.replace(s, embedding=next(found)) for s in extraction.statements)
                extraction = dataclasses.replace(extraction, statements=statements)
            yield extraction

    def _embedded_here(self, extractions: list[Extraction], ended: EmbeddingProcessEnded) -> list[tuple[float, ...]]:
        """The vectors of a group the embedding process lost, from the model loaded here; loading it here raises
        ExtractionError with its reason when the model cannot be loaded at all, which ends the run as before."""
        if self.embedding_process is not None:
            log.warning("%s; statements are embedded in this process from now on", ended)
            self.embedding_process.close()
            self.embedding_process = None
        if self.embedder is None:
            self.embedder = Embedder(self.settings)
        return self.embedder.embed([s.text for e in extractions for s in e.statements])

    def _vectors(self, extractions: list[Extraction]) -> Future[list[tuple[float, ...]]]:
        texts = [s.text for e in extractions for s in e.statements]
        if texts and self.embedding_process is not None:
            return self.embedding_process.submit(texts)
        done: Future[list[tuple[float, ...]]] = Future()
        try:
            done.set_result(self.embedder.embed(texts) if texts and self.embedder is not None else [])
        except Exception as e:  # reported with the group's records in _embedded, like a failure in the process
            done.set_exception(e)
        return done

    def _screened(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[str, tuple[Article, tuple[str, ...], str | None]]]:
        """Language check before spaCy: a skipped article goes through as an empty text to keep its place."""
        for article in articles:
            guess = detect_language(article.text)
            if not guess.is_foreign:
                yield article.text, (article, (), None)
                continue
            if self.settings.non_english == "skip":
                reason = f"skipped: language detected as {guess.language!r}, not English (non_english=skip)"
                log.info("%s: %s", article.id, reason)
                yield "", (article, (), reason)
            else:
                warning = f"language detected as {guess.language!r}, processed with the English pipeline"
                log.warning("%s: %s", article.id, warning)
                yield article.text, (article, (warning,), None)

    def _one(
        self, article: Article, chunks: list[tuple[int, Doc]], warnings: tuple[str, ...], skip_reason: str | None
    ) -> Extraction:
        if skip_reason is not None:
            return Extraction(article.id, self.version, error=skip_reason, warnings=warnings)
        errors = [e for _offset, doc in chunks for e in doc._.newsgraph_errors]
        if errors:
            return Extraction(article.id, self.version, error="; ".join(errors), warnings=warnings)
        try:
            return self._records(article, chunks, warnings)
        except Exception as e:  # a bug on one document becomes that document's error, never the run's end
            log.exception("extraction failed for article %s", article.id)
            return Extraction(article.id, self.version, error=f"{type(e).__name__}: {e}", warnings=warnings)

    def _records(self, article: Article, chunks: list[tuple[int, Doc]], warnings: tuple[str, ...]) -> Extraction:
        text = article.text
        mentions = [_shifted(m, offset) for offset, doc in chunks for m in mentions_of(doc)]
        entities = resolve_entities(text, mentions, self.gazetteer)
        roles = _roles(text, chunks, entities, self.gazetteer)
        dated = article_date(article)
        statements: list[Statement] = []
        if self.find_statements is not None:
            entity_mentions = MentionIndex(entities)
            for offset, doc in chunks:
                statements.extend(self.find_statements(doc, entities, dated, offset, mentions=entity_mentions))
        context = _StatementContext(text, entities, roles)
        statements = chain_confidences([context.completed(s) for s in statements], text, self.lexicon.statements)
        relations, links = _relations(text, chunks, entities, dated, self.lexicon)
        return Extraction(
            article.id,
            self.version,
            statements=tuple(statements),
            entities=tuple(entities),
            roles=tuple(roles),
            relations=tuple(relations),
            links=tuple(links),
            warnings=warnings,
        )


def article_date(article: Article) -> str | None:
    """The day an article's relative dates ("in April", "last year", "Tuesday") count from, for statements and
    relations alike: its publication date, else the dateline at the head of its text, else none."""
    return article.published or dateline_date(article.text)


def _shifted(mention: Mention, offset: int) -> Mention:
    return mention._replace(start=mention.start + offset, end=mention.end + offset)


def _roles(text: str, chunks: list[tuple[int, Doc]], entities: Sequence[Entity], gazetteer: Gazetteer) -> list[Role]:
    index = span_index(entities)
    organizations = [(e.id, e.name) for e in entities if e.type == "Organization"]
    roles: dict[tuple[Any, ...], Role] = {}
    for offset, doc in chunks:
        for found in roles_of(doc):
            person = index.get((found.person[0] + offset, found.person[1] + offset))
            if person is None or person.type != "Person":
                continue
            org = index.get((found.org[0] + offset, found.org[1] + offset)) if found.org else None
            org_id = org.id if org else portfolio_org(found.title, organizations, gazetteer)
            start, end = found.start + offset, found.end + offset
            sentence = _sentence_around(doc, found.start, offset, text)
            role = Role(person.id, found.title, org_id, start, end, found.qualifier, sentence)
            roles.setdefault((role.person_id, role.title.lower(), role.org_id, role.qualifier), role)
    return list(roles.values())


def _sentence_around(doc: Doc, char: int, offset: int, text: str) -> str:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return ""
    sentence = span[0].sent
    return text[sentence.start_char + offset : sentence.end_char + offset]


def _relations(
    text: str, chunks: list[tuple[int, Doc]], entities: Sequence[Entity], published: str | None, lexicon: Lexicon
) -> tuple[list[Relation], list[Relation]]:
    """Typed relations (the inventory, each (subject, type, object) once, at its first statement) and untyped links.

    Arguments are the canonical entities; a type whose arguments RELATIONS.md does not allow (a law that "meets",
    an organisation "proposed" as if a bill) is dropped, not relabelled.
    """
    index = span_index(entities)
    relations: dict[tuple[str, str, str], Relation] = {}
    links: dict[tuple[str, str, str, int], Relation] = {}
    for offset, doc in chunks:
        for found in relations_of(doc):
            subject = index.get((found.subject[0] + offset, found.subject[1] + offset))
            obj = index.get((found.object[0] + offset, found.object[1] + offset))
            if subject is None or obj is None or subject.id == obj.id:
                continue
            sentence = text[found.sentence[0] + offset : found.sentence[1] + offset]
            start, end = found.start + offset, found.end + offset
            if not is_relation_type(found.predicate):
                link = Relation(subject.id, found.predicate, obj.id, start, end, sentence, found.confidence)
                links.setdefault((subject.id, found.predicate, obj.id, found.sentence[0] + offset), link)
                continue
            if not allowed(found.predicate, subject.type, obj.type):
                continue
            key = (subject.id, found.predicate, obj.id)
            if found.predicate in SYMMETRIC:
                key = (min(subject.id, obj.id), found.predicate, max(subject.id, obj.id))
            if key in relations:
                continue
            date = None
            if found.date is not None:
                phrase = text[found.date[0] + offset : found.date[1] + offset]
                date = date_as_written(phrase, published, lexicon.statements)
            relations[key] = Relation(subject.id, found.predicate, obj.id, start, end, sentence, found.confidence, date)
    return list(relations.values()), list(links.values())


class _StatementContext:
    """What completing statements needs, indexed once per article so long articles stay linear."""

    def __init__(self, text: str, entities: Sequence[Entity], roles: Sequence[Role]) -> None:
        self.text = text
        self.mentions = sorted((start, end, e.id) for e in entities for start, end in e.mentions)
        self.starts = [m[0] for m in self.mentions]
        self.roles: dict[str, list[Role]] = {}
        for role in sorted(roles, key=lambda r: r.start):
            self.roles.setdefault(role.person_id, []).append(role)

    def about(self, start: int, end: int) -> tuple[str, ...]:
        inside = self.mentions[bisect_left(self.starts, start) : bisect_left(self.starts, end)]
        return tuple(dict.fromkeys(ident for _start, m_end, ident in inside if m_end <= end))

    def speaker_role(self, person_id: str | None, at: int) -> Role | None:
        """The role the speaker is given in the article, the one written nearest before ``at`` first."""
        held = self.roles.get(person_id or "", [])
        if not held:
            return None
        before = [r for r in held if r.start <= at] or held[:1]
        # the nearest role; of several written together the one naming an organisation says most
        return max(before, key=lambda r: (r.start, r.org_id is not None))

    def completed(self, statement: Statement) -> Statement:
        """Fill what the statement finder leaves to this stage; re-read the text from the article itself."""
        text = self.text
        return dataclasses.replace(
            statement,
            text=text[statement.start : statement.end],
            sentence=text[statement.sentence_start : statement.sentence_end] or statement.sentence,
            speaker_role=statement.speaker_role or self.speaker_role(statement.speaker_id, statement.start),
            about=self.about(statement.start, statement.end),
        )
