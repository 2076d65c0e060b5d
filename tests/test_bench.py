"""`cbsi bench` end to end on a tiny setting, and the approximate index inside a real index.

Correctness only: no timing is asserted (these machines are shared and noisy)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from assistant.api import Assistant
from assistant.cli import main
from assistant.config import Settings
from assistant.embeddings import Embedder
from assistant.ingest import ingest
from assistant.store import read_manifest
from tests.conftest import SAMPLE_DOCS

QUESTIONS = [
    "How much has the U.S. committed through CBSI as of 2024?",
    "When was CBSI launched?",
    "What are the pillars of CBSI?",
    "What did the 2017 joint statement commit to?",
    "Who pays for St. Jude's Hospital?",
]


def test_approximate_index_is_recorded_and_answers_like_the_exact_one(
    tmp_path: Path, sample_index: Path, real_embedder: Embedder
) -> None:
    shutil.copytree(SAMPLE_DOCS, tmp_path / "documents")
    settings = Settings(documents_dir=tmp_path / "documents", index_dir=tmp_path / "index", approx_threshold=10)
    ingest(settings, embedder=real_embedder, progress=False)
    faiss_entry = read_manifest(tmp_path / "index")["faiss"]
    assert faiss_entry["type"] == "IndexHNSWFlat" and faiss_entry["threshold"] == 10
    assert faiss_entry["efSearch"] > 0
    assert read_manifest(sample_index)["faiss"]["type"] == "IndexFlatIP"

    approx = Assistant.open(tmp_path / "index", embedder=real_embedder)
    assert type(approx.data.faiss_index).__name__ == "IndexHNSWFlat"
    assert approx.data.faiss_index.hnsw.efSearch == faiss_entry["efSearch"]
    exact = Assistant.open(sample_index, embedder=real_embedder)
    for q in QUESTIONS:
        a, b = approx.ask(q), exact.ask(q)
        assert a.text == b.text, q
        assert [c.chunk_id for c in a.citations] == [c.chunk_id for c in b.citations]


def test_bench_runs_end_to_end_on_a_tiny_setting(tmp_path: Path) -> None:
    out = tmp_path / "bench"
    result = CliRunner().invoke(
        main,
        ["bench", "--out", str(out), "--scale", "150", "--vectors", "3000", "--cold-runs", "1"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    report = json.loads((out / "bench.json").read_text())
    assert report["warm"]["questions"] >= 100  # the evaluation questions
    for key in ("ask_ms", "embed_floor_ms", "recipe_retrieval_ms"):
        assert report["warm"][key]["p50"] > 0
    assert len(report["cold"]["cbsi_ask_s"]) == len(report["cold"]["langchain_script_s"]) == 1
    ingest_ = report["ingest"]
    assert ingest_["from_scratch"]["chunks"] > 50
    assert 1 <= ingest_["one_file_changed"]["chunks_embedded"] < ingest_["from_scratch"]["chunks"] / 2
    (point,) = report["scale"]
    assert 100 <= point["chunks"] <= 250 and point["faiss"]["type"] == "IndexFlatIP" and point["recall@10"] == 1.0
    assert report["million"]["vectors"] == 3000 and 0.9 <= report["million"]["recall@10"] <= 1.0
    assert set(report["memory"]) == {"sample", f"{point['chunks']}_chunks"}
    assert all(m["peak_rss_mb"] > 50 and m["questions"] == 10 for m in report["memory"].values())
    targets = {t["target"] for t in report["targets"]}
    assert {
        "warm ask p50 / query-embedding floor",
        "cold `cbsi ask` / LangChain script",
        "1M vectors recall@10",
    } <= targets
    md = (out / "bench.md").read_text()
    for heading in ("## Targets", "## 1. Warm", "## 2. Cold start", "## 3. Ingest", "## 4. Scale", "## 5. Memory"):
        assert heading in md and heading in result.output
    assert not (out / "work").exists()  # the generated corpus and indexes are not left behind
