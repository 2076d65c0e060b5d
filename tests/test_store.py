"""The index folder: manifest checks, damage detection, atomic generations, no pickle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.ingest import ingest
from assistant.store import IndexStoreError, load_index
from tests.conftest import HashEmbedder


def _build(settings: Settings) -> Path:
    ingest(settings, embedder=HashEmbedder(), progress=False)
    return settings.index_dir


def _file(index: Path, kind: str) -> Path:
    manifest = json.loads((index / "manifest.json").read_text())
    return index / manifest["files"][kind]["name"]


def test_index_is_readable_files_with_manifest(fake_settings: Settings) -> None:
    index = _build(fake_settings)
    manifest = json.loads((index / "manifest.json").read_text())
    assert manifest["format_version"] == 4
    assert manifest["model"] == {"name": "hash-test-embedder", "dimension": 64}
    assert manifest["chunking"] == fake_settings.chunking()
    assert set(manifest["documents"]) == {p.stem for p in fake_settings.documents_dir.glob("*.txt")}
    assert all(len(d["sha256"]) == 64 for d in manifest["documents"].values())
    lines = _file(index, "chunks").read_text().splitlines()
    assert len(lines) == manifest["counts"]["chunks"] > 0
    first = json.loads(lines[0])  # plain JSON, one chunk a line
    assert {"id", "doc_id", "page", "start", "end", "text", "sentences"} <= set(first)
    bm25 = json.loads(_file(index, "bm25").read_text())
    assert len(bm25["tokens"]) == len(lines)
    data = load_index(index)
    assert data.sentence_vectors.shape == (sum(len(json.loads(x)["sentences"]) for x in lines), 64)
    # the vocabulary (stem, word) and one vector per word, for related terms
    assert ("maritim", "maritime") in data.vocabulary
    assert data.term_vectors is not None and data.term_vectors.shape == (len(data.vocabulary), 64)
    assert [s for s, _ in data.vocabulary] == sorted({s for s, _ in data.vocabulary})
    for f in index.iterdir():  # nothing pickled: no file starts with a pickle protocol header
        assert not f.read_bytes()[:2].startswith(b"\x80"), f.name


@pytest.mark.parametrize("kind", ["chunks", "vectors", "sentences", "bm25", "terms"])
def test_damaged_or_missing_file_is_named(fake_settings: Settings, kind: str) -> None:
    index = _build(fake_settings)
    path = _file(index, kind)
    with path.open("ab") as f:
        f.write(b"tampered")
    with pytest.raises(IndexStoreError, match=rf"{path.name} is damaged") as e:
        load_index(index)
    assert "\n" not in str(e.value)
    path.unlink()
    with pytest.raises(IndexStoreError, match=rf"{path.name} is missing"):
        load_index(index)


def test_bad_manifest_version_and_model(fake_settings: Settings) -> None:
    index = _build(fake_settings)
    manifest_path = index / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    with pytest.raises(IndexStoreError, match="built with model 'hash-test-embedder'"):
        load_index(index, expected_model="all-MiniLM-L6-v2")
    manifest_path.write_text(json.dumps({**manifest, "format_version": 99}))
    with pytest.raises(IndexStoreError, match="format version 99"):
        load_index(index)
    manifest_path.write_text("{not json")
    with pytest.raises(IndexStoreError, match="damaged"):
        load_index(index)
    manifest_path.unlink()
    with pytest.raises(IndexStoreError, match="run `cbsi ingest`"):
        load_index(index)


@pytest.mark.parametrize("stage", ["chunks", "vectors", "sentences", "bm25", "terms", "manifest"])
def test_crash_mid_write_leaves_previous_index(fake_settings: Settings, stage: str) -> None:
    index = _build(fake_settings)
    before = load_index(index)
    (fake_settings.documents_dir / "new-note.txt").write_text("A new note about maritime radar in 2025.")

    def crash(at: str) -> None:
        if at == stage:
            raise KeyboardInterrupt("simulated crash")

    with pytest.raises(KeyboardInterrupt):
        ingest(fake_settings, embedder=HashEmbedder(), progress=False, hook=crash)
    after = load_index(index)  # still loads, and is exactly the previous generation
    assert after.generation == before.generation
    assert [c.id for c in after.chunks] == [c.id for c in before.chunks]
    report = ingest(fake_settings, embedder=HashEmbedder(), progress=False)  # the next ingest completes
    assert report.indexed == ["new-note"]
    assert load_index(index).generation != before.generation
    leftovers = {f.name.split(".")[0] for f in index.iterdir() if f.name.endswith((".jsonl", ".faiss", ".npy", ".tmp"))}
    assert leftovers == {"chunks", "vectors", "sentences", "terms"}  # stale generations were cleaned up


def test_format_3_index_still_loads_without_related_terms(fake_settings: Settings) -> None:
    index = _build(fake_settings)
    manifest_path = index / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["files"]["terms"]
    manifest_path.write_text(json.dumps({**manifest, "format_version": 3}))
    data = load_index(index)
    assert data.term_vectors is None and len(data.chunks) == manifest["counts"]["chunks"]


def test_reingest_embeds_only_new_words(fake_settings: Settings) -> None:
    _build(fake_settings)
    (fake_settings.documents_dir / "new-note.txt").write_text("Zyxwv qwertz and maritime radar in 2025.")
    report = ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    assert report.embedded_terms == 2  # "zyxwv" and "qwertz"; "maritime" and "radar" are reused
    data = load_index(fake_settings.index_dir)
    assert data.term_vectors is not None
    row = {s: i for i, (s, _) in enumerate(data.vocabulary)}
    assert data.term_vectors[row["zyxwv"]] == pytest.approx(HashEmbedder().encode(["zyxwv"])[0])
