"""Build or update the index from document files, re-embedding only what is new or changed."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.chunking import chunk_section
from assistant.citations import format_date
from assistant.config import Settings
from assistant.embeddings import Embedder
from assistant.lexical import tokenize
from assistant.loading import LoadError, discover, file_sha256, load_document, metadata_for, read_catalog
from assistant.records import Chunk, DocumentInfo
from assistant.related_terms import TermMatcher, vocabulary
from assistant.store import IndexData, IndexStoreError, ingest_lock, load_index, write_index

EMBED_BATCH = 64


@dataclass
class IngestReport:
    """What an ingest did; `cbsi ingest` prints it."""

    indexed: list[str] = field(default_factory=list)  # doc ids (re)loaded: new or changed
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, one-line reason)
    documents: int = 0
    chunks: int = 0
    embedded: int = 0  # chunks whose vectors were computed in this run
    embedded_sentences: int = 0
    embedded_terms: int = 0  # vocabulary words whose vectors were computed in this run
    seconds: float = 0.0
    embed_seconds: float = 0.0  # of `seconds`, the time spent computing vectors
    up_to_date: bool = False
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "skipped": [{"file": f, "reason": r} for f, r in self.skipped]}


def _given_sha(given: dict[str, Any]) -> str:
    return hashlib.sha1(json.dumps(given, sort_keys=True).encode()).hexdigest()


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def indexed_text(chunk: Chunk, info: DocumentInfo | None) -> str:
    """What is embedded and BM25-indexed: the chunk under its document's title and date, so a
    question that names its source ("the 2017 joint statement") finds it."""
    if info is None:
        return chunk.text
    header = info.title + (f" ({format_date(info.published)})" if info.published else "")
    return f"{header}\n{chunk.text}"


def _old_index(settings: Settings, rebuild: bool, report: IngestReport) -> IndexData | None:
    """The current index if it can be updated in place; None means build from scratch."""
    if rebuild or not (settings.index_dir / "manifest.json").exists():
        return None
    try:
        old = load_index(settings.index_dir)
    except IndexStoreError as e:
        report.notes.append(f"rebuilding: {e}")
        return None
    if old.model != settings.model or old.manifest["chunking"] != settings.chunking():
        report.notes.append("rebuilding: model or chunking settings changed")
        return None
    return old


def _pausing(hook: Any) -> Any:
    """Test seam: with `CBSI_TEST_PAUSE_AT=<stage>`, stop at that write stage for 60 s (so a test can
    kill the process there); otherwise `hook` unchanged."""
    pause_at = os.environ.get("CBSI_TEST_PAUSE_AT")
    if not pause_at:
        return hook

    def step(stage: str) -> None:
        if hook is not None:
            hook(stage)
        if stage == pause_at:
            print(f"PAUSED {stage}", file=sys.stderr, flush=True)
            time.sleep(60)

    return step


def ingest(
    settings: Settings,
    paths: list[Path] | None = None,
    *,
    embedder: Embedder | None = None,
    rebuild: bool = False,
    progress: bool = True,
    hook: Any = None,
) -> IngestReport:
    """Index the files under `paths` (default: the documents folder) into `settings.index_dir`.

    Unchanged files keep their chunks and vectors; changed and new files are re-chunked and only
    chunks whose text is not already indexed are embedded; files that were under a scanned folder
    and are gone are dropped. A file that cannot be read is skipped with its reason; if it was
    indexed before, its previous version stays.
    """
    from tqdm import tqdm

    t0 = time.perf_counter()
    report = IngestReport()
    roots = [Path(p) for p in (paths or [settings.documents_dir])]
    files = discover(roots)
    with ingest_lock(settings.index_dir):
        old = _old_index(settings, rebuild, report)
        old_docs: dict[str, dict[str, Any]] = old.manifest["documents"] if old else {}
        old_rows: dict[str, list[int]] = {}
        if old:
            for i, c in enumerate(old.chunks):
                old_rows.setdefault(c.doc_id, []).append(i)

        catalogs: dict[Path, dict[str, dict[str, Any]]] = {}
        documents: dict[str, DocumentInfo] = {}
        doc_entries: dict[str, dict[str, Any]] = {}
        keep_rows: list[int] = []  # rows of the old index carried over unchanged
        new_chunks: list[Chunk] = []
        for path in files:  # a damaged catalog stops the run before anything is written
            if path.parent not in catalogs:
                catalogs[path.parent] = read_catalog(path.parent)
        for path in tqdm(files, desc="Loading", unit="file", disable=not progress, file=sys.stderr):
            try:
                given = metadata_for(path, catalogs[path.parent])
                doc_id = path.stem
                if doc_id in documents:
                    raise LoadError(f"duplicate document id '{doc_id}' (also {documents[doc_id].file})")
                sha, gsha = file_sha256(path), _given_sha(given)
                prev = old_docs.get(doc_id)
                if prev and prev.get("sha256") == sha and prev.get("given_sha") == gsha:
                    documents[doc_id] = DocumentInfo.from_dict(prev)
                    keep_rows.extend(old_rows.get(doc_id, []))
                    report.unchanged.append(doc_id)
                else:
                    loaded = load_document(path, given, settings.max_text_chars)
                    chunks = [
                        c
                        for s in loaded.sections
                        for c in chunk_section(s, settings.chunk_chars, settings.chunk_overlap_sentences)
                    ]
                    if not chunks:
                        raise LoadError("no sentences found")
                    documents[doc_id] = loaded.info
                    new_chunks.extend(chunks)
                    report.indexed.append(doc_id)
                doc_entries[doc_id] = {"given_sha": gsha, "source": str(path)}
            except (LoadError, OSError) as e:
                report.skipped.append((str(path), str(e).splitlines()[0]))
                prev_id = path.stem
                if prev_id in old_docs and prev_id not in documents:
                    documents[prev_id] = DocumentInfo.from_dict(old_docs[prev_id])
                    doc_entries[prev_id] = {k: old_docs[prev_id].get(k) for k in ("given_sha", "source")}
                    keep_rows.extend(old_rows.get(prev_id, []))
                    report.notes.append(f"{path.name}: kept the previously indexed version")

        # Documents indexed earlier from elsewhere stay; those under a scanned folder that are gone go.
        for doc_id, entry in old_docs.items():
            if doc_id in documents:
                continue
            source = Path(entry.get("source") or "")
            if any(source == r or r in source.parents for r in roots):
                report.removed.append(doc_id)
            else:
                documents[doc_id] = DocumentInfo.from_dict(entry)
                doc_entries[doc_id] = {k: entry.get(k) for k in ("given_sha", "source")}
                keep_rows.extend(old_rows.get(doc_id, []))

        report.documents = len(documents)
        if old and not report.indexed and not report.removed and len(documents) == len(old_docs):
            report.up_to_date, report.chunks = True, len(old.chunks)
            report.seconds = time.perf_counter() - t0
            return report

        keep_rows.sort()
        kept = [old.chunks[i] for i in keep_rows] if old else []
        old_vectors = old.vectors() if old else None

        # Vectors are reused for any chunk whose indexed text (header and text) is already indexed.
        by_text = (
            {_text_key(indexed_text(c, old.documents.get(c.doc_id))): i for i, c in enumerate(old.chunks)}
            if old
            else {}
        )
        new_texts = [indexed_text(c, documents.get(c.doc_id)) for c in new_chunks]
        new_keys = [_text_key(t) for t in new_texts]
        todo = {k: t for k, t in zip(new_keys, new_texts, strict=True) if k not in by_text}
        embedder = embedder or Embedder(settings.model)
        t_embed = time.perf_counter()
        fresh = dict(zip(todo, _embed(list(todo.values()), embedder, progress), strict=True))
        report.embed_seconds += time.perf_counter() - t_embed
        report.embedded = len(todo)

        chunks = kept + new_chunks
        rows = [old_vectors[i] for i in keep_rows] if old_vectors is not None else []
        rows += [fresh[k] if k in fresh else old_vectors[by_text[k]] for k in new_keys]  # type: ignore[index]
        vectors = np.vstack(rows) if rows else np.zeros((0, embedder.dimension), np.float32)
        sentence_vectors = _sentence_vectors(chunks, old, embedder, progress, report)
        old_tokens = [old.tokens[i] for i in keep_rows] if old else []
        tokens = old_tokens + [" ".join(tokenize(t)) for t in new_texts]
        vocab = _vocabulary(tokens, new_texts, chunks, documents, old)
        known = {}
        if old is not None and old.term_vectors is not None:
            known = {w: old.term_vectors[i] for i, (_, w) in enumerate(old.vocabulary)}
        t_embed = time.perf_counter()
        term_vectors, report.embedded_terms = TermMatcher.embed_vocabulary(vocab, embedder, known)
        report.embed_seconds += time.perf_counter() - t_embed
        manifest = write_index(
            settings.index_dir,
            documents=documents,
            doc_chunks=Counter(c.doc_id for c in chunks),
            chunks=chunks,
            vectors=vectors,
            sentence_vectors=sentence_vectors,
            tokens=tokens,
            vocabulary=vocab,
            term_vectors=term_vectors,
            model=settings.model,
            chunking=settings.chunking(),
            hook=_pausing(hook),
            extra_doc_fields=doc_entries,
            approx_threshold=settings.approx_threshold,
        )
        report.chunks = manifest["counts"]["chunks"]
    report.seconds = time.perf_counter() - t0
    return report


def _vocabulary(
    tokens: list[str],
    new_texts: list[str],
    chunks: list[Chunk],
    documents: dict[str, DocumentInfo],
    old: IndexData | None,
) -> list[tuple[str, str]]:
    """The index's vocabulary: the stems of its BM25 tokens, each with the word its vector is made of.

    Only the new texts are read again: a stem the previous index had keeps its word. An index
    without a vocabulary (format 2 or 3) is read whole once.
    """
    if old is None or old.term_vectors is None:
        return vocabulary(indexed_text(c, documents.get(c.doc_id)) for c in chunks)
    stems = {t for line in tokens for t in line.split() if not t[0].isdigit()}
    word = {**dict(vocabulary(new_texts)), **dict(old.vocabulary)}
    return [(s, word[s]) for s in sorted(stems)]


def _sentence_vectors(
    chunks: list[Chunk], old: IndexData | None, embedder: Embedder, progress: bool, report: IngestReport
) -> np.ndarray:
    """One vector per sentence of every chunk (in order), reusing vectors of sentences already indexed."""
    known: dict[str, np.ndarray] = {}
    if old is not None:
        row = 0
        for c in old.chunks:
            for s in c.sentences:
                known.setdefault(_text_key(s.text), old.sentence_vectors[row])
                row += 1
    texts = [s.text for c in chunks for s in c.sentences]
    todo = list(dict.fromkeys(t for t in texts if _text_key(t) not in known))
    t_embed = time.perf_counter()
    for t, v in zip(todo, _embed(todo, embedder, progress, desc="Embedding sentences"), strict=True):
        known[_text_key(t)] = v
    report.embed_seconds += time.perf_counter() - t_embed
    report.embedded_sentences = len(todo)
    if not texts:
        return np.zeros((0, embedder.dimension), np.float32)
    return np.vstack([known[_text_key(t)] for t in texts])


def _embed(texts: list[str], embedder: Embedder, progress: bool, desc: str = "Embedding chunks") -> np.ndarray:
    from tqdm import tqdm

    if not texts:
        return np.zeros((0, 1), np.float32)
    parts = []
    with tqdm(total=len(texts), desc=desc, unit="text", disable=not progress, file=sys.stderr) as bar:
        for i in range(0, len(texts), EMBED_BATCH):
            batch = texts[i : i + EMBED_BATCH]
            parts.append(embedder.encode(batch))
            bar.update(len(batch))
    return np.vstack(parts)
