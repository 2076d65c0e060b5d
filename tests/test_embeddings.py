"""The ONNX backend gives the torch model's vectors, is exported once and cached, and keeps
torch out of a process that only asks questions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import onnx_encoder
from assistant.embeddings import Embedder, ModelError, resolve_model
from assistant.onnx_encoder import cache_dir_for, supported

TEXTS = [
    "How much has the U.S. committed through CBSI as of 2024?",
    "ok",
    "",
    "Seguridad ciudadana y prevención del delito en el Caribe — 2017.",
    "The initiative funds maritime patrols, radar and training. " * 60,  # past the 256-token limit
    "U.S. $1 billion; 155,479 officials; St. Lucia's RSS (Regional Security System).",
]


@pytest.fixture(scope="module")
def torch_embedder() -> Embedder:
    return Embedder(backend="torch")


def test_onnx_vectors_equal_the_torch_model(real_embedder: Embedder, torch_embedder: Embedder) -> None:
    onnx_vectors = real_embedder.encode(TEXTS)
    assert real_embedder.backend == "onnx" and real_embedder._onnx_encoder() is not None
    torch_vectors = torch_embedder.encode(TEXTS)
    assert onnx_vectors.shape == torch_vectors.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-5)
    assert np.min(np.sum(onnx_vectors * torch_vectors, axis=1)) > 0.9999
    # A text's vector does not depend on the batch it was padded in.
    one_by_one = np.vstack([real_embedder.encode([t]) for t in TEXTS])
    assert np.allclose(one_by_one, onnx_vectors, atol=1e-5)


def test_the_export_is_cached_and_checked(real_embedder: Embedder) -> None:
    real_embedder.encode(["warm"])
    folder = cache_dir_for(Path(resolve_model("all-MiniLM-L6-v2")))
    assert folder.is_relative_to(Path(os.environ["CBSI_CACHE"]))
    model_file = folder / "model.onnx"
    stamp = model_file.stat().st_mtime_ns
    assert json.loads((folder / "export.json").read_text())["min_cosine_vs_torch"] > 0.9999
    Embedder().encode(["a second embedder reuses the file"])
    assert model_file.stat().st_mtime_ns == stamp
    assert not list(folder.glob("*.tmp"))


def test_models_onnx_cannot_run_fall_back_to_torch(tmp_path: Path) -> None:
    model = Path(resolve_model("all-MiniLM-L6-v2"))
    assert supported(model)
    other = tmp_path / "dense-model"
    other.mkdir()
    modules = json.loads((model / "modules.json").read_text())
    modules.insert(2, {"idx": 2, "name": "2_Dense", "path": "2_Dense", "type": "sentence_transformers.models.Dense"})
    (other / "modules.json").write_text(json.dumps(modules))
    (other / "1_Pooling").mkdir()
    (other / "1_Pooling" / "config.json").write_text((model / "1_Pooling" / "config.json").read_text())
    (other / "tokenizer.json").write_text("{}")
    assert not supported(other)
    with pytest.raises(onnx_encoder.OnnxUnavailable, match="not a Transformer"):
        onnx_encoder.load(other)


def test_unknown_backend_is_a_one_line_error() -> None:
    with pytest.raises(ModelError, match="unknown embedding backend 'gpu'"):
        Embedder(backend="gpu")


def test_asking_never_imports_torch(sample_index: Path) -> None:
    """The cold-start path: open an index and answer without torch or sentence-transformers."""
    code = (
        "import sys\n"
        "from assistant.api import Assistant\n"
        f"a = Assistant.open({str(sample_index)!r})\n"
        "print(a.ask('How much has the U.S. committed through CBSI as of 2024?').text)\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers', 'gradio') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    text, modules = out.stdout.strip().splitlines()[-2:]
    assert "1 billion" in text
    assert modules == "[]"
