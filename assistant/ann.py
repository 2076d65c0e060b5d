"""The chunk vector index: exact (flat, inner product) while small, HNSW above a size threshold.

Vectors are unit length, so the inner product is the cosine. Up to `APPROX_THRESHOLD` vectors
a flat index is exact and still fast; above it an `IndexHNSWFlat` with the inner-product metric
keeps single-query search in milliseconds (see eval/ann-choice.md for the measurements). Both
keep the raw vectors, so `reconstruct(i)` returns row i exactly.

The description returned by `build_vector_index` goes into the manifest; `apply_search_params`
sets the search-time parameters again after `faiss.deserialize_index`.
"""

from __future__ import annotations

from typing import Any

import faiss
import numpy as np

# Measured on 2 shared cores (eval/ann-choice.md). Flat search of one query costs about 0.056 ms
# per 1,000 vectors with one FAISS thread (10k: 0.28 ms, 100k: 5.6 ms, 1M: 59 ms), so 20,000 vectors
# is about 1.1 ms; above that HNSW is cheaper by far (1M: 2.8 ms at efSearch 1536).
APPROX_THRESHOLD = 20_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80  # 1M vectors build in about 4 minutes on 2 cores
# Recall@10 of real question embeddings against exact search over 1M vectors (M 32, efC 80):
# 0.905 at 512, 0.955 at 1024 (p50 1.9 ms), 0.971 at 1536 (p50 2.8 ms), 0.978 at 2048 (p50 4.0-7.2 ms).
HNSW_EF_SEARCH = 1536

FLAT = "IndexFlatIP"
HNSW = "IndexHNSWFlat"


def build_vector_index(vectors: np.ndarray, *, threshold: int = APPROX_THRESHOLD) -> tuple[faiss.Index, dict[str, Any]]:
    """An index holding `vectors` (row i is id i) and its JSON-able description for the manifest.

    Up to `threshold` vectors: `IndexFlatIP` (exact). Above it: `IndexHNSWFlat` with the
    inner-product metric and the module's M, efConstruction and efSearch.

    >>> index, desc = build_vector_index(np.zeros((0, 4), np.float32))
    >>> index.ntotal, desc["type"]
    (0, 'IndexFlatIP')
    """
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    if x.ndim != 2:
        raise ValueError(f"vectors must be a 2-d array, not {x.ndim}-d")
    n, dim = x.shape
    index: faiss.Index
    if n <= threshold:
        index = faiss.IndexFlatIP(dim)
        description: dict[str, Any] = {"type": FLAT, "metric": "inner_product"}
    else:
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index = hnsw
        description = {
            "type": HNSW,
            "metric": "inner_product",
            "M": HNSW_M,
            "efConstruction": HNSW_EF_CONSTRUCTION,
            "efSearch": HNSW_EF_SEARCH,
        }
    description["threshold"] = threshold
    if n:
        index.add(x)
    apply_search_params(index, description)
    return index, description


def apply_search_params(index: faiss.Index, description: dict[str, Any]) -> faiss.Index:
    """Set the search-time parameters the description names (HNSW efSearch, IVF nprobe); return the index.

    `faiss.serialize_index` does store efSearch (faiss 1.15), but the manifest is the record of
    what was chosen, so it is set again after every load. A flat index has nothing to set.
    """
    kind = description.get("type", FLAT)
    if kind == HNSW:
        # A downcast wrapper does not own the index: set through it, but return the owning object.
        hnsw = index if isinstance(index, faiss.IndexHNSW) else faiss.downcast_index(index)
        if not isinstance(hnsw, faiss.IndexHNSW):
            raise ValueError(f"the manifest says {HNSW} but the FAISS file holds {type(hnsw).__name__}")
        hnsw.hnsw.efSearch = int(description.get("efSearch", HNSW_EF_SEARCH))
    elif "nprobe" in description:
        faiss.extract_index_ivf(index).nprobe = int(description["nprobe"])
    return index


def exact_search(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Row ids of the top `k` vectors by inner product for each query (exact, flat)."""
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(np.ascontiguousarray(vectors, dtype=np.float32))
    _, ids = flat.search(np.ascontiguousarray(queries, dtype=np.float32), k)
    return np.asarray(ids)


def recall_at_k(
    index: faiss.Index, vectors: np.ndarray, queries: np.ndarray, k: int = 10, *, truth: np.ndarray | None = None
) -> float:
    """Mean fraction of the exact top `k` (flat inner-product search over `vectors`) that `index` returns.

    `truth` (exact ids, shape (queries, >= k)) can be given to skip the exact search.
    """
    q = np.ascontiguousarray(queries, dtype=np.float32)
    if len(q) == 0 or len(vectors) == 0:
        return 1.0
    k = min(k, len(vectors))
    gold = exact_search(vectors, q, k) if truth is None else np.asarray(truth)[:, :k]
    _, found = index.search(q, k)
    hits = sum(len(set(g.tolist()) & set(f.tolist())) for g, f in zip(gold, found, strict=True))
    return hits / (len(q) * k)
