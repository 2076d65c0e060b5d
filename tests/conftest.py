"""Shared fixtures: the sample corpus in a temporary folder, the real bundled model (built once
per session), and a deterministic fake embedder for fast tests of everything but embedding."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from assistant.config import Settings
from assistant.embeddings import Embedder

if TYPE_CHECKING:
    from assistant.uploads import AssistantHolder

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DOCS = ROOT / "documents"


class HashEmbedder(Embedder):
    """Bag of hashed words, normalized: similar texts get similar vectors, no model needed.
    Records every text it embeds, so tests can see what was (re-)embedded."""

    def __init__(self, dim: int = 64) -> None:
        super().__init__("hash-test-embedder")
        self.dim = dim
        self.seen: list[str] = []

    @property
    def dimension(self) -> int:
        return self.dim

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture(scope="session", autouse=True)
def _private_model_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The ONNX export of the model is made afresh once per session (as on a new machine), in a
    temporary cache that the servers and commands the tests start inherit."""
    import os

    if "CBSI_CACHE" not in os.environ:
        os.environ["CBSI_CACHE"] = str(tmp_path_factory.mktemp("cbsi-cache"))


@pytest.fixture(autouse=True)
def _private_logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Audit and feedback logs go to the test's own folder, never into the working tree."""
    monkeypatch.setenv("CBSI_AUDIT", str(tmp_path / "audit" / "audit.jsonl"))
    monkeypatch.setenv("CBSI_FEEDBACK", str(tmp_path / "feedback" / "feedback.jsonl"))


@pytest.fixture
def docs_copy(tmp_path: Path) -> Path:
    """A private copy of the sample corpus (catalog included) that a test may change."""
    dest = tmp_path / "documents"
    shutil.copytree(SAMPLE_DOCS, dest)
    return dest


@pytest.fixture
def fake_settings(tmp_path: Path, docs_copy: Path) -> Settings:
    return Settings(documents_dir=docs_copy, index_dir=tmp_path / "index", model="hash-test-embedder")


@pytest.fixture
def holder(fake_settings: Settings) -> AssistantHolder:
    """The upload holder over the sample corpus indexed with the fake embedder."""
    from assistant.api import Assistant
    from assistant.ingest import ingest
    from assistant.uploads import AssistantHolder

    embedder = HashEmbedder()
    ingest(fake_settings, embedder=embedder, progress=False)
    return AssistantHolder(Assistant.open(fake_settings.index_dir, settings=fake_settings, embedder=embedder))


def corpus_assistant(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    files: dict[str, str | bytes],
    catalog: dict[str, dict[str, str]],
    embedder: Embedder,
):
    """An assistant over `files` alone (text, or the bytes of a PDF) with `catalog` as their catalog,
    ingested and embedded for real."""
    import json

    from assistant import Assistant
    from assistant.ingest import ingest

    root = tmp_path_factory.mktemp(name)
    docs = root / "documents"
    docs.mkdir()
    for file, content in files.items():
        (docs / file).write_bytes(content) if isinstance(content, bytes) else (docs / file).write_text(
            content, encoding="utf-8"
        )
    (docs / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    report = ingest(Settings(documents_dir=docs, index_dir=root / "index"), embedder=embedder, progress=False)
    assert report.documents == len(files) and not report.skipped
    return Assistant.open(root / "index", embedder=embedder)


@pytest.fixture(scope="session")
def real_embedder() -> Embedder:
    return Embedder()


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Path:
    """The sample corpus indexed with the real bundled model (once per test session)."""
    from assistant.ingest import ingest

    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(SAMPLE_DOCS, root / "documents")
    settings = Settings(documents_dir=root / "documents", index_dir=root / "index")
    report = ingest(settings, embedder=real_embedder, progress=False)
    assert not report.skipped and report.documents == 5
    return root / "index"


@pytest.fixture(scope="session")
def sample_assistant(sample_index: Path, real_embedder: Embedder):
    from assistant import Assistant

    return Assistant.open(sample_index, embedder=real_embedder)
