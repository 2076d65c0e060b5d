"""Hybrid retrieval: dense (LangChain FAISS store) and BM25 (`KeywordIndex`, on bm25s), fused by a
convex mix of normalised scores (or reciprocal rank fusion); also exposed as a LangChain `BaseRetriever`."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.config import Settings
from assistant.embeddings import Embedder
from assistant.keyword_index import KeywordIndex
from assistant.lexical import tokenize
from assistant.records import Chunk, Hit
from assistant.store import IndexData

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # langchain_community announces its sunset on import
    from langchain_community.docstore.in_memory import InMemoryDocstore
    from langchain_community.vectorstores import FAISS
    from langchain_community.vectorstores.utils import DistanceStrategy


def chunk_document(chunk: Chunk, row: int) -> Document:
    return Document(
        page_content=chunk.text,
        id=chunk.id,
        metadata={"chunk_id": chunk.id, "doc_id": chunk.doc_id, "page": chunk.page, "row": row},
    )


def top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """Rows of the `k` highest scores, best first, ties by row (without sorting every row).

    >>> top_rows(np.array([0.5, 2.0, 0.5, 3.0, 0.0]), 3).tolist()
    [3, 1, 0]
    """
    if k < len(scores):
        kth = scores[np.argpartition(-scores, k - 1)[k - 1]]  # the k-th highest value
        above = np.flatnonzero(scores > kth)
        rows = np.concatenate([above, np.flatnonzero(scores == kth)[: k - len(above)]])
    else:
        rows = np.arange(len(scores))
    return rows[np.lexsort((rows, -scores[rows]))]


# What a chunk of a document the question names gains, as a share of the best fused score.
PREFER_BONUS = 0.3


class HybridSearch:
    """Dense and BM25 search over one loaded index, fused into one ranking of `Hit`s."""

    def __init__(self, data: IndexData, embedder: Embedder, settings: Settings) -> None:
        self.data, self.embedder, self.settings = data, embedder, settings
        docs = [chunk_document(c, i) for i, c in enumerate(data.chunks)]
        # The vector store is assembled from the FAISS file and plain JSON; nothing is unpickled.
        self.vectorstore = FAISS(
            embedding_function=embedder,
            index=data.faiss_index,
            docstore=InMemoryDocstore({c.id: d for c, d in zip(data.chunks, docs, strict=True)}),
            index_to_docstore_id={i: c.id for i, c in enumerate(data.chunks)},
            distance_strategy=DistanceStrategy.MAX_INNER_PRODUCT,
        )
        self.keywords = KeywordIndex(data.tokens)
        self._doc_rows: dict[str, np.ndarray] | None = None

    @property
    def idf(self) -> dict[str, float]:
        return self.keywords.idf

    def rows_of(self, docs: frozenset[str]) -> np.ndarray:
        """Chunk rows of the given documents (a table built on first use)."""
        if not docs:
            return np.zeros(0, dtype=np.int64)
        if self._doc_rows is None:
            by_doc: dict[str, list[int]] = {}
            for i, c in enumerate(self.data.chunks):
                by_doc.setdefault(c.doc_id, []).append(i)
            self._doc_rows = {d: np.asarray(r, dtype=np.int64) for d, r in by_doc.items()}
        parts = [self._doc_rows[d] for d in sorted(docs) if d in self._doc_rows]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def search(
        self, query: str, query_vector: np.ndarray, k: int | None = None, prefer: frozenset[str] = frozenset()
    ) -> list[Hit]:
        """The top `k` chunks for `query` (whose embedding is `query_vector`), best first.

        `prefer` holds the documents the question names ("the 2016 embassy release"): their best
        chunks join the candidates and gain `PREFER_BONUS` (a named document's passage should not
        lose to a closer-worded one from another document)."""
        n = len(self.data.chunks)
        if n == 0:
            return []
        k = k or self.settings.top_k
        depth = min(n, max(self.settings.candidates, k))
        dense_pairs = self.vectorstore.similarity_search_with_score_by_vector(query_vector.tolist(), k=depth)
        dense_rank = {d.metadata["row"]: r for r, (d, _) in enumerate(dense_pairs)}
        bm25_scores = self.keywords.scores(tokenize(query))
        top_bm25 = [int(i) for i in top_rows(bm25_scores, depth) if bm25_scores[i] > 0]
        bm25_rank = {row: r for r, row in enumerate(top_bm25)}
        s = self.settings
        preferred = self.rows_of(prefer)
        if len(preferred) > depth:  # a long named document: its best chunks by BM25, and by cosine
            by_words = preferred[top_rows(bm25_scores[preferred], depth)]
            preferred = np.union1d(by_words, np.intersect1d(preferred, np.fromiter(dense_rank, dtype=np.int64)))
        union = sorted(set(dense_rank) | set(bm25_rank) | set(preferred.tolist()))
        vectors = self.data.faiss_index.reconstruct_batch(np.asarray(union, dtype=np.int64))
        cosine = dict(zip(union, (vectors @ np.asarray(query_vector, dtype=np.float32)).tolist(), strict=True))
        fused: dict[int, float] = {}
        if s.fusion == "rrf":
            for row in union:
                fused[row] = (s.dense_weight / (s.rrf_k + dense_rank[row] + 1) if row in dense_rank else 0.0) + (
                    s.bm25_weight / (s.rrf_k + bm25_rank[row] + 1) if row in bm25_rank else 0.0
                )
        else:  # convex: weighted sum of min-max normalised cosine and max-normalised BM25 scores
            lo, hi = min(cosine.values()), max(cosine.values())
            top = max(float(bm25_scores[r]) for r in union) or 1.0
            alpha = s.dense_weight / ((s.dense_weight + s.bm25_weight) or 1.0)
            for row in union:
                dn = (cosine[row] - lo) / (hi - lo) if hi > lo else 1.0
                fused[row] = alpha * dn + (1 - alpha) * max(float(bm25_scores[row]), 0.0) / top
        if len(preferred):
            top_fused = max(fused.values()) or 1.0
            for row in preferred.tolist():
                fused[row] += PREFER_BONUS * top_fused
        rows = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        return [
            Hit(
                chunk=self.data.chunks[row],
                score=fused[row],
                dense=float(cosine[row]),
                bm25=float(bm25_scores[row]),
                rank=j + 1,
            )
            for j, row in enumerate(rows)
        ]


class HybridRetriever(BaseRetriever):
    """LangChain retriever over the hybrid search, for use in any LangChain chain or app.

    Usage::

        retriever = Assistant.open("index").retriever(k=5)
        retriever.invoke("How much has the U.S. committed?")
        # [Document(page_content='...', metadata={'doc_id': ..., 'page': ..., 'score': ...}), ...]
    """

    search: Any
    k: int = 5
    model_config = ConfigDict(arbitrary_types_allowed=True)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hs: HybridSearch = self.search
        vector = hs.embedder.encode([query])[0]
        out = []
        for hit in hs.search(query, vector, self.k):
            info = hs.data.documents.get(hit.chunk.doc_id)
            meta = {
                "chunk_id": hit.chunk.id,
                "doc_id": hit.chunk.doc_id,
                "page": hit.chunk.page,
                "title": info.title if info else None,
                "publisher": info.publisher if info else None,
                "published": info.published if info else None,
                "score": hit.score,
                "dense": hit.dense,
                "bm25": hit.bm25,
                "rank": hit.rank,
            }
            out.append(Document(page_content=hit.chunk.text, id=hit.chunk.id, metadata=meta))
        return out
