"""The index folder: a versioned manifest, readable JSON files beside the FAISS binary, no pickle.

Layout of `index/`:
    manifest.json            format version, model, chunking, documents, every file's checksum
    chunks.<gen>.jsonl       one chunk per line (id, doc_id, page, offsets, text, sentences)
    vectors.<gen>.faiss      the FAISS index (flat, or HNSW at scale); row i is line i of the chunks file
    sentences.<gen>.npy      one vector per sentence of every chunk, in chunk order (numpy, no pickle)
    bm25.<gen>.json          BM25 tokens of every chunk, in the same order, one space-separated string each;
                             and the vocabulary: every stem with the word its vector was made from
    terms.<gen>.npy          one vector per vocabulary word, in the vocabulary's order (related terms)

Writes are atomic: a new generation's files are written under new names, then `manifest.json`
is replaced in one `os.replace`; until then the previous manifest and its files are untouched.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.loading import file_sha256
from assistant.records import Chunk, DocumentInfo

FORMAT = "cbsi-index"
# 3: sentence vectors in .npy (2, with them in a FAISS file, is still read); 4: vocabulary vectors
# (3 and 2 are still read, without related terms until the next `cbsi ingest --rebuild`)
FORMAT_VERSION = 4
READABLE_VERSIONS = (2, 3, 4)
MANIFEST = "manifest.json"
TOKENIZER = "snowball-english/stopwords-v1"
# The files of one generation, `<kind>.<gen>.<extension>`, in the order they are written.
_FILES = {"chunks": "jsonl", "vectors": "faiss", "sentences": "npy", "bm25": "json", "terms": "npy"}


class IndexStoreError(Exception):
    """The index cannot be used; the message is the one-line reason."""


@dataclass
class IndexData:
    """A loaded index: the manifest and everything it names."""

    path: Path
    manifest: dict[str, Any]
    documents: dict[str, DocumentInfo]
    chunks: list[Chunk]
    faiss_index: Any
    tokens: list[str]  # chunk i's BM25 tokens, space-separated (one string, not one object per token)
    sentence_vectors: np.ndarray  # (total sentences, dim), chunk i's rows start at sentence_start[i]
    sentence_start: list[int]
    vocabulary: list[tuple[str, str]] = field(default_factory=list)  # (stem, word), sorted by stem
    term_vectors: np.ndarray | None = None  # one row per vocabulary entry; None before format 4

    @property
    def model(self) -> str:
        return str(self.manifest["model"]["name"])

    @property
    def generation(self) -> str:
        return str(self.manifest["generation"])

    def vectors(self) -> np.ndarray:
        """Every stored vector (row i belongs to chunk i)."""
        n = self.faiss_index.ntotal
        return self.faiss_index.reconstruct_n(0, n) if n else np.zeros((0, self.faiss_index.d), np.float32)


def _save_npy(path: Path, rows: np.ndarray) -> None:
    """A float32 .npy file (no pickle), written and synced like the other index files."""
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(rows, dtype=np.float32), allow_pickle=False)
    _fsync_write(path, buffer.getvalue())


def _fsync_write(path: Path, data: bytes) -> None:
    with path.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


@contextmanager
def ingest_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time per index folder (readers never wait)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".lock").open("w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise IndexStoreError(f"another ingest is writing {index_dir}") from e
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def write_index(
    index_dir: Path,
    *,
    documents: dict[str, DocumentInfo],
    doc_chunks: dict[str, int],
    chunks: list[Chunk],
    vectors: np.ndarray,
    sentence_vectors: np.ndarray,
    tokens: list[str],
    vocabulary: list[tuple[str, str]],
    term_vectors: np.ndarray,
    model: str,
    chunking: dict[str, int],
    hook: Any = None,
    extra_doc_fields: dict[str, dict[str, Any]] | None = None,
    approx_threshold: int | None = None,
) -> dict[str, Any]:
    """Write a new generation of the index and switch `manifest.json` to it atomically.

    The chunk vectors go in an exact flat index, or an approximate one above `approx_threshold`
    chunks (`assistant.ann`); which one, and its parameters, is recorded in the manifest.
    `hook(stage)` is called between steps (tests use it to simulate a crash mid-write).
    """
    import faiss

    from assistant import ann

    index_dir.mkdir(parents=True, exist_ok=True)
    gen = time.strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)
    names = {kind: f"{kind}.{gen}.{ext}" for kind, ext in _FILES.items()}
    step = hook or (lambda stage: None)

    lines = "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in chunks)
    _fsync_write(index_dir / names["chunks"], lines.encode("utf-8"))
    step("chunks")

    dim = int(vectors.shape[1])
    threshold = ann.APPROX_THRESHOLD if approx_threshold is None else approx_threshold
    chunk_index, description = ann.build_vector_index(vectors, threshold=threshold)
    _fsync_write(index_dir / names["vectors"], faiss.serialize_index(chunk_index).tobytes())
    step("vectors")
    # Sentence vectors are only read back by row (never searched): a plain .npy array, memory-mapped
    # when loaded, so a large index costs memory only for the rows questions touch.
    _save_npy(index_dir / names["sentences"], sentence_vectors.reshape(-1, dim))
    step("sentences")

    bm25 = {"tokenizer": TOKENIZER, "tokens": tokens, "vocabulary": [list(v) for v in vocabulary]}
    _fsync_write(index_dir / names["bm25"], json.dumps(bm25, ensure_ascii=False).encode("utf-8"))
    step("bm25")
    _save_npy(index_dir / names["terms"], term_vectors.reshape(-1, dim))
    step("terms")

    files = {
        k: {"name": n, "sha256": file_sha256(index_dir / n), "bytes": (index_dir / n).stat().st_size}
        for k, n in names.items()
    }
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generation": gen,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "model": {"name": model, "dimension": dim},
        "chunking": chunking,
        "faiss": description,
        "counts": {"documents": len(documents), "chunks": len(chunks)},
        "documents": {
            d: {**info.to_dict(), "chunks": doc_chunks.get(d, 0), **(extra_doc_fields or {}).get(d, {})}
            for d, info in sorted(documents.items())
        },
        "files": files,
    }
    tmp = index_dir / (MANIFEST + ".tmp")
    _fsync_write(tmp, json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8"))
    step("manifest")
    os.replace(tmp, index_dir / MANIFEST)  # the commit point
    _fsync_dir(index_dir)
    step("committed")
    _remove_stale(index_dir, {n for n in names.values()})
    return manifest


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale(index_dir: Path, keep: set[str]) -> None:
    for f in index_dir.iterdir():
        stale_gen = f.name.startswith(tuple(f"{kind}." for kind in _FILES)) and f.name not in keep
        if stale_gen or f.name.endswith(".tmp"):
            f.unlink(missing_ok=True)


def _read_sentence_vectors(path: Path) -> np.ndarray:
    """Sentence vectors: memory-mapped .npy (format 3), or the flat FAISS file of format 2."""
    if path.suffix == ".npy":
        if path.stat().st_size <= 128:  # header only: no rows (a zero-length array cannot be mapped)
            return np.load(path, allow_pickle=False)
        return np.load(path, mmap_mode="r", allow_pickle=False)
    import faiss

    index = faiss.deserialize_index(np.frombuffer(path.read_bytes(), dtype=np.uint8))
    return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)


def read_manifest(index_dir: Path) -> dict[str, Any]:
    """The manifest, checked for format and version; raises IndexStoreError with a one-line reason."""
    path = index_dir / MANIFEST
    if not path.exists():
        raise IndexStoreError(f"no index in {index_dir}/ (run `cbsi ingest` to build it)")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise IndexStoreError(f"index manifest {path} is damaged (not valid JSON)") from e
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise IndexStoreError(f"{path} is not a cbsi index manifest")
    if manifest.get("format_version") not in READABLE_VERSIONS:
        raise IndexStoreError(
            f"index format version {manifest.get('format_version')} in {index_dir}/, this version reads "
            f"{FORMAT_VERSION}: rebuild it with `cbsi ingest --rebuild`"
        )
    for key in ("generation", "model", "chunking", "documents", "files"):
        if key not in manifest:
            raise IndexStoreError(f"index manifest {path} is damaged (no '{key}')")
    return manifest


def load_index(index_dir: Path, expected_model: str | None = None) -> IndexData:
    """Load and verify an index folder.

    Args:
        index_dir: the folder written by `write_index`.
        expected_model: refuse the index if it was built with another embedding model.
    Raises:
        IndexStoreError: one line naming what is wrong (missing, damaged or mismatched file).
    """
    import faiss

    from assistant.ann import apply_search_params

    manifest = read_manifest(index_dir)
    if expected_model and manifest["model"]["name"] != expected_model:
        raise IndexStoreError(
            f"index in {index_dir}/ was built with model '{manifest['model']['name']}', not "
            f"'{expected_model}': rebuild it with `cbsi ingest --rebuild`"
        )
    paths: dict[str, Path] = {}
    for key in (k for k in _FILES if k != "terms" or manifest["format_version"] >= 4):
        entry = manifest["files"].get(key)
        if not entry:
            raise IndexStoreError(f"index manifest in {index_dir}/ is damaged (no entry for {key})")
        path = index_dir / entry["name"]
        if not path.exists():
            raise IndexStoreError(f"index file {entry['name']} is missing from {index_dir}/")
        if file_sha256(path) != entry["sha256"]:
            raise IndexStoreError(f"index file {entry['name']} is damaged (checksum does not match the manifest)")
        paths[key] = path
    try:
        chunks = [
            Chunk.from_dict(json.loads(line))
            for line in paths["chunks"].read_text(encoding="utf-8").splitlines()
            if line
        ]
        bm25 = json.loads(paths["bm25"].read_text(encoding="utf-8"))
        index = apply_search_params(
            faiss.deserialize_index(np.frombuffer(paths["vectors"].read_bytes(), dtype=np.uint8)),
            manifest.get("faiss") or {},
        )
        sentence_vectors = _read_sentence_vectors(paths["sentences"])
        term_vectors = np.load(paths["terms"], allow_pickle=False) if "terms" in paths else None
        vocabulary = [(str(s), str(w)) for s, w in bm25.get("vocabulary", [])]
    except Exception as e:  # a file that matches its checksum but not its format: written by something else
        raise IndexStoreError(f"index in {index_dir}/ cannot be read ({type(e).__name__}: {str(e)[:100]})") from e
    dim = manifest["model"]["dimension"]
    starts = np.cumsum([0] + [len(c.sentences) for c in chunks]).tolist()
    if (
        index.d != dim
        or index.ntotal != len(chunks)
        or len(bm25.get("tokens", [])) != len(chunks)
        or sentence_vectors.shape != (starts[-1], dim)
        or (term_vectors is not None and term_vectors.shape != (len(vocabulary), dim))
    ):
        raise IndexStoreError(f"index in {index_dir}/ is inconsistent (vectors, chunks and BM25 counts differ)")
    if bm25.get("tokenizer") != TOKENIZER:
        raise IndexStoreError(f"index in {index_dir}/ uses tokenizer {bm25.get('tokenizer')!r}: rebuild it")
    documents = {d: DocumentInfo.from_dict(v) for d, v in manifest["documents"].items()}
    return IndexData(
        path=index_dir,
        manifest=manifest,
        documents=documents,
        chunks=chunks,
        faiss_index=index,
        tokens=[t if isinstance(t, str) else " ".join(t) for t in bm25["tokens"]],  # format 2: lists
        sentence_vectors=sentence_vectors,
        sentence_start=starts[:-1],
        vocabulary=vocabulary,
        term_vectors=term_vectors,
    )
