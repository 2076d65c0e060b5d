"""The same sentence-transformers model run by ONNX Runtime: no torch at question time.

Importing sentence-transformers takes about 3.7 s here, and one short query takes about 8 ms through
torch; ONNX Runtime with the model's own `tokenizer.json` imports in 0.1 s and embeds a query in
about 3 ms, with the same vectors (cosine with the torch output above 0.99999).

The ONNX file is made from the local weights once per machine (torch and the `onnx` package do the
export; nothing is downloaded), checked against the torch output, and kept in a cache folder
(`$CBSI_CACHE`, default `~/.cache/cbsi`) under a key of the weights' path, size and time, so a
changed model gets a new file. Only models made of a Transformer, mean pooling and normalisation
(like all-MiniLM-L6-v2) are run this way; `supported()` says which, and others use torch.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np

EXPORT_CHECK_MIN_COSINE = 0.9999
_PROBES = [
    "How much has the U.S. committed through CBSI as of 2024?",
    "The Caribbean Basin Security Initiative was launched in 2010 to reduce illicit trafficking. " * 40,
    "ok",
]


class OnnxUnavailable(Exception):
    """This model cannot run on ONNX Runtime here; the caller falls back to torch."""


def cache_root() -> Path:
    return Path(os.environ.get("CBSI_CACHE") or Path.home() / ".cache" / "cbsi")


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def supported(model_dir: Path) -> bool:
    """True for a sentence-transformers folder of Transformer + mean pooling + Normalize, with tokenizer.json."""
    modules = _read_json(model_dir / "modules.json") or []
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    pooling = _read_json(model_dir / "1_Pooling" / "config.json") or {}
    return (
        kinds == ["Transformer", "Pooling", "Normalize"]
        and bool(pooling.get("pooling_mode_mean_tokens"))
        and not any(v for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens")
        and (model_dir / "tokenizer.json").exists()
    )


def _weights(model_dir: Path) -> Path:
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (model_dir / name).exists():
            return model_dir / name
    raise OnnxUnavailable(f"no weights file in {model_dir}")


def cache_dir_for(model_dir: Path) -> Path:
    w = _weights(model_dir)
    st = w.stat()
    key = hashlib.sha256(f"{w.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    return cache_root() / "onnx" / f"{model_dir.name}-{key}"


def _tokenizer(model_dir: Path) -> Any:
    """The model's fast tokenizer, truncating at its `max_seq_length` as sentence-transformers does,
    without the padding `tokenizer.json` may set (callers pad a batch themselves)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    config = _read_json(model_dir / "sentence_bert_config.json") or {}
    tokenizer.enable_truncation(int(config.get("max_seq_length") or 256))
    tokenizer.no_padding()
    return tokenizer


def export(model_dir: Path, target: Path) -> None:
    """Write `target/model.onnx` from the local weights (needs torch, sentence-transformers and onnx)."""
    try:
        import onnx  # noqa: F401  (torch's exporter needs it)
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        raise OnnxUnavailable(f"cannot export to ONNX ({e})") from e

    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    st_model = SentenceTransformer(str(model_dir), device="cpu")
    bert: Any = st_model[0].auto_model
    bert.eval()

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            mask = attention_mask.unsqueeze(-1).to(out.last_hidden_state.dtype)
            mean = (out.last_hidden_state * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    tokenizer = _tokenizer(model_dir)
    tokenizer.enable_padding()
    sample = tokenizer.encode_batch(_PROBES[:2])
    ids = torch.tensor([e.ids for e in sample], dtype=torch.int64)
    args = (ids, torch.tensor([e.attention_mask for e in sample], dtype=torch.int64), torch.zeros_like(ids))
    target.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target, suffix=".onnx.tmp")
    os.close(fd)
    try:
        text_axes = {0: "batch", 1: "tokens"}
        with warnings.catch_warnings():  # the tracer warns about shape checks that are constant for this graph
            warnings.simplefilter("ignore")
            torch.onnx.export(
                MeanPooled(),
                args,
                tmp_name,
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["embedding"],
                dynamic_axes={
                    **{n: text_axes for n in ("input_ids", "attention_mask", "token_type_ids")},
                    "embedding": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
        expected = st_model.encode(_PROBES, normalize_embeddings=True, convert_to_numpy=True)
        got = OnnxEncoder(model_dir, Path(tmp_name)).encode(_PROBES)
        worst = float(np.min(np.sum(expected * got, axis=1)))
        if worst < EXPORT_CHECK_MIN_COSINE:
            raise OnnxUnavailable(f"ONNX export differs from torch (cosine {worst:.6f})")
        os.replace(tmp_name, target / "model.onnx")  # atomic: a reader sees the whole file or none
        meta = {"source": str(model_dir), "min_cosine_vs_torch": worst, "probes": len(_PROBES)}
        (target / "export.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    finally:
        Path(tmp_name).unlink(missing_ok=True)


class OnnxEncoder:
    """Tokenise with `tokenizer.json`, run the exported graph, return unit-length float32 rows."""

    def __init__(self, model_dir: Path, onnx_file: Path, batch_size: int = 32) -> None:
        import onnxruntime as ort

        self.batch_size = batch_size
        self.tokenizer = _tokenizer(model_dir)  # `encode` pads each batch to its longest text
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        self.dimension = int(self.session.get_outputs()[0].shape[1] or 0) or len(self.encode(["x"])[0])

    def encode(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))  # batch similar lengths
        out = np.zeros((len(texts), 0), dtype=np.float32)
        for b in range(0, len(order), self.batch_size):
            rows = order[b : b + self.batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[j, :n] = encodings[i].ids
                mask[j, :n] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            vectors = self.session.run(None, feed)[0]
            if out.shape[1] == 0:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
        return out


def load(model_dir: Path, batch_size: int = 32) -> OnnxEncoder:
    """The ONNX encoder for `model_dir`, exporting it into the cache on first use."""
    if not supported(model_dir):
        raise OnnxUnavailable(f"{model_dir.name} is not a Transformer + mean pooling + Normalize model")
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError as e:
        raise OnnxUnavailable(str(e)) from e
    target = cache_dir_for(model_dir)
    if not (target / "model.onnx").exists():
        export(model_dir, target)
    return OnnxEncoder(model_dir, target / "model.onnx", batch_size)
