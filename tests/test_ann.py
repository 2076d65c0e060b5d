"""The vector index switches from exact to HNSW above a threshold, records it, and keeps exact top results."""

from __future__ import annotations

import json
from pathlib import Path

import faiss
import numpy as np
import pytest

from assistant.ann import (
    APPROX_THRESHOLD,
    HNSW_EF_SEARCH,
    apply_search_params,
    build_vector_index,
    exact_search,
    recall_at_k,
)
from assistant.chunking import chunk_section
from assistant.loading import load_document, metadata_for, read_catalog
from assistant.scale import generate_corpus, synthetic_vectors


@pytest.fixture(scope="module")
def cloud() -> tuple[np.ndarray, np.ndarray]:
    """2,000 clustered unit vectors and 50 held-out queries from the same distribution (seeded)."""
    basis = np.random.default_rng(3).standard_normal((200, 64)).astype(np.float32)
    basis /= np.linalg.norm(basis, axis=1, keepdims=True)
    return synthetic_vectors(2000, basis, seed=1), synthetic_vectors(50, basis, seed=2)


def test_below_threshold_is_exact_flat(cloud: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, queries = cloud
    index, desc = build_vector_index(vectors, threshold=len(vectors))
    assert desc["type"] == "IndexFlatIP" and desc["metric"] == "inner_product"
    assert desc["threshold"] == len(vectors)
    assert isinstance(index, faiss.IndexFlatIP)
    assert recall_at_k(index, vectors, queries) == 1.0


def test_above_threshold_is_hnsw_with_exact_top_results(cloud: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, queries = cloud
    index, desc = build_vector_index(vectors, threshold=len(vectors) - 1)
    assert desc["type"] == "IndexHNSWFlat" and desc["metric"] == "inner_product"
    assert desc["efSearch"] == HNSW_EF_SEARCH and desc["threshold"] == len(vectors) - 1
    assert index.ntotal == len(vectors)
    gold = exact_search(vectors, queries, 10)
    scores, found = index.search(queries, 10)
    assert (found[:, 0] == gold[:, 0]).all()  # the best passage is the exact best
    assert recall_at_k(index, vectors, queries, 10, truth=gold) >= 0.95
    # scores are inner products (cosines), as with the flat index
    assert np.allclose(scores[:, 0], np.einsum("ij,ij->i", queries, vectors[found[:, 0]]), atol=1e-5)
    # retrieval reconstructs candidate rows: they come back exactly
    assert np.array_equal(index.reconstruct(7), vectors[7])


def test_description_round_trips_through_serialisation(cloud: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, queries = cloud
    index, desc = build_vector_index(vectors, threshold=100)
    manifest_entry = json.loads(json.dumps(desc))  # what the manifest stores
    loaded = faiss.deserialize_index(faiss.serialize_index(index))
    loaded.hnsw.efSearch = 1  # whatever the file held, the manifest's value is applied
    loaded = apply_search_params(loaded, manifest_entry)
    assert loaded.hnsw.efSearch == desc["efSearch"]
    assert np.array_equal(loaded.search(queries, 10)[1], index.search(queries, 10)[1])


def test_manifest_type_must_match_the_file(cloud: tuple[np.ndarray, np.ndarray]) -> None:
    flat, _ = build_vector_index(cloud[0][:10])
    with pytest.raises(ValueError, match="IndexHNSWFlat"):
        apply_search_params(flat, {"type": "IndexHNSWFlat", "efSearch": 64})


def test_zero_vectors_and_default_threshold() -> None:
    index, desc = build_vector_index(np.zeros((0, 384), np.float32))
    assert index.ntotal == 0 and index.d == 384 and desc["type"] == "IndexFlatIP"
    assert desc["threshold"] == APPROX_THRESHOLD
    small = np.eye(3, 384, dtype=np.float32)
    assert build_vector_index(small, threshold=0)[1]["type"] == "IndexHNSWFlat"
    assert build_vector_index(small)[1]["type"] == "IndexFlatIP"


def test_synthetic_vectors_are_seeded_unit_vectors() -> None:
    basis = np.random.default_rng(0).standard_normal((30, 16)).astype(np.float32)
    a = synthetic_vectors(1000, basis, seed=5, block=300)
    assert a.shape == (1000, 16) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a, synthetic_vectors(1000, basis, seed=5, block=300))
    assert not np.array_equal(a, synthetic_vectors(1000, basis, seed=6, block=300))


def _real_chunks(folder: Path) -> int:
    catalog = read_catalog(folder)
    return sum(
        len(chunk_section(s, 450, 1))
        for p in sorted(folder.iterdir())
        if p.name != "catalog.json"
        for s in load_document(p, metadata_for(p, catalog)).sections
    )


def test_generate_corpus_is_seeded_and_sized_for_the_chunker(tmp_path: Path) -> None:
    expected = generate_corpus(tmp_path / "a", 150, seed=4)
    generate_corpus(tmp_path / "b", 150, seed=4)
    generate_corpus(tmp_path / "c", 150, seed=5)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert (tmp_path / "a" / "catalog.json").read_bytes() != (tmp_path / "c" / "catalog.json").read_bytes()
    catalog = json.loads((tmp_path / "a" / "catalog.json").read_text())
    assert set(catalog) == {Path(f).stem for f in files if f != "catalog.json"}
    assert all({"title", "publisher", "published"} <= set(v) for v in catalog.values())
    assert 150 <= expected < 180
    assert abs(_real_chunks(tmp_path / "a") - expected) <= 0.05 * expected
    text = "".join((tmp_path / "a" / f).read_text() for f in files if f != "catalog.json")
    sentences = [s for s in text.replace("\n", " ").split(". ") if len(s) > 40]
    assert len(set(sentences)) >= 0.9 * len(sentences)  # diverse, not a handful of repeated sentences
