"""Reliability: bad files at ingest never break the index, and an ingest killed mid-write leaves
the previous index whole (issue #6, items 1 and 2)."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from pypdf import PdfWriter

from assistant import Assistant
from assistant.cli import EXIT_SKIPPED, main
from assistant.config import Settings
from assistant.ingest import ingest
from assistant.store import MANIFEST, load_index, read_manifest
from tests.conftest import SAMPLE_DOCS, HashEmbedder

ROOT = Path(__file__).resolve().parents[1]
FIGURE_QUESTION = "How much has the U.S. committed through CBSI as of 2024?"
BIG_MB = 5  # 50 MB takes ~6 minutes to chunk and embed (about 7 s per MB), too long for a test

# The expected start of each bad file's one-line reason.
BAD_REASONS = {
    "corrupt.pdf": "not a readable PDF",
    "locked.pdf": "encrypted PDF (needs a password)",
    "empty.txt": "empty file",
    "binary.txt": "binary content, not text",
    "scanned.pdf": "no text found (scanned PDF without a text layer?)",
    "notes.docx": "unsupported file type '.docx'",
}
LATIN1_TEXT = (
    "Gardening club notes. The café committee planted tomatoes near the école in May. "
    "Members prefer the soirée after watering the beans.\n"
)


def write_bad_files(folder: Path) -> None:
    """The files an ingest must skip, each for its own reason."""
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + random.Random(0).randbytes(4096))
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with (folder / "locked.pdf").open("wb") as f:
        writer.write(f)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a drawing, no text
    pdf.output(str(folder / "scanned.pdf"))
    (folder / "notes.docx").write_bytes(b"PK\x03\x04" + random.Random(1).randbytes(512))


def write_big_text(path: Path, megabytes: float) -> None:
    """Realistic sentences (about gardening, so they do not compete with the sample questions)."""
    rng = random.Random(2)
    plants = ["tomatoes", "beans", "lettuce", "peppers", "squash", "onions", "carrots", "herbs"]
    verbs = ["watered", "weeded", "harvested", "mulched", "pruned", "planted"]
    parts: list[str] = []
    size = 0
    i = 0
    while size < megabytes * 1_000_000:
        s = (
            f"On visit {i} the volunteers {rng.choice(verbs)} the {rng.choice(plants)} in bed "
            f"{rng.randint(1, 400)} and noted {rng.randint(2, 90)} seedlings. "
        )
        if i % 6 == 5:
            s += "\n\n"
        parts.append(s)
        size += len(s)
        i += 1
    path.write_text("".join(parts), encoding="utf-8")


def answer_key(record: dict[str, Any]) -> tuple[Any, ...]:
    """What must not change: the answer and its citations (doc, page, chunk, quote)."""
    cites = [(c["doc_id"], c["page"], c["chunk_id"], c["quote"]) for c in record["citations"]]
    return record["answer"], record["abstained"], cites


def test_bad_files_are_skipped_with_reasons_and_the_index_survives(tmp_path: Path) -> None:
    docs = tmp_path / "documents"
    shutil.copytree(SAMPLE_DOCS, docs, copy_function=shutil.copyfile)
    settings = Settings(documents_dir=docs, index_dir=tmp_path / "index", model="hash-test-embedder")
    first = ingest(settings, embedder=HashEmbedder(), progress=False)
    assert not first.skipped and first.documents == 5
    before = Assistant.open(settings.index_dir, embedder=HashEmbedder())
    before_answer = answer_key(before.ask(FIGURE_QUESTION).to_dict())
    before_chunks = [c.id for c in before.data.chunks]

    write_bad_files(docs)
    (docs / "garden-latin1.txt").write_bytes(LATIN1_TEXT.encode("cp1252"))
    write_big_text(docs / "garden-log.txt", BIG_MB)
    t0 = time.perf_counter()
    report = ingest(settings, embedder=HashEmbedder(), progress=False)
    print(f"ingest with a {BIG_MB} MB text file: {time.perf_counter() - t0:.1f} s, {report.chunks} chunks")

    skipped = {Path(f).name: reason for f, reason in report.skipped}
    assert sorted(skipped) == sorted(BAD_REASONS)
    for name, start in BAD_REASONS.items():
        assert skipped[name].startswith(start), (name, skipped[name])
        assert "\n" not in skipped[name] and "\r" not in skipped[name]
    # Large files have no size limit at ingest: the 5 MB file is indexed like any other.
    assert sorted(report.indexed) == ["garden-latin1", "garden-log"]
    assert len(report.unchanged) == 5

    after = Assistant.open(settings.index_dir, embedder=HashEmbedder())
    indexed_docs = {c.doc_id for c in after.data.chunks}
    skipped_ids = {Path(n).stem for n in BAD_REASONS}
    assert not indexed_docs & skipped_ids  # nothing half-added
    assert not set(read_manifest(settings.index_dir)["documents"]) & skipped_ids
    latin = " ".join(c.text for c in after.data.chunks if c.doc_id == "garden-latin1")
    assert "café" in latin and "école" in latin and "soirée" in latin
    assert sum(c.doc_id == "garden-log" for c in after.data.chunks) > 1000
    # The sample documents were kept as they were, and the sample question is answered the same.
    assert [c.id for c in after.data.chunks if c.doc_id not in ("garden-latin1", "garden-log")] == before_chunks
    assert answer_key(after.ask(FIGURE_QUESTION).to_dict()) == before_answer
    # The index built before this run loads and answers identically from a fresh process state too.
    assert answer_key(Assistant.open(settings.index_dir, embedder=HashEmbedder()).ask(FIGURE_QUESTION).to_dict()) == (
        before_answer
    )


@pytest.mark.slow
def test_cli_ingest_of_bad_files_exits_3_and_prints_each_reason(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    write_bad_files(folder)
    (folder / "garden-latin1.txt").write_bytes(LATIN1_TEXT.encode("cp1252"))
    result = CliRunner().invoke(main, ["ingest", str(folder), "--index", str(tmp_path / "index"), "--quiet"])
    assert result.exit_code == EXIT_SKIPPED == 3, result.output
    assert f"Skipped: {len(BAD_REASONS)} files" in result.stdout
    for name, start in BAD_REASONS.items():
        line = next(line for line in result.stdout.splitlines() if line.strip().startswith(str(folder / name)))
        assert start in line, line
    assert "Traceback" not in result.output
    assert list(read_manifest(tmp_path / "index")["documents"]) == ["garden-latin1"]


# --- crash safety: a real SIGKILL at each write stage ---------------------------------------

NEW_DOC = (
    "Harbor sensor note 2026. The harbor sensor program placed 37 tide sensors along the coast of "
    "Grenada in 2026. Each sensor reports every ten minutes.\n"
)


def run_cbsi(*args: str | Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *map(str, args)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def ask_json(index: Path, env: dict[str, str]) -> dict[str, Any]:
    done = run_cbsi("ask", FIGURE_QUESTION, "--json", "--index", index, env=env)
    assert done.returncode == 0, done.stderr
    record: dict[str, Any] = json.loads(done.stdout)
    return record


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The sample documents indexed by `cbsi ingest` in a child process, and its answer to a question."""
    base = tmp_path_factory.mktemp("crash-base")
    docs = base / "documents"
    shutil.copytree(SAMPLE_DOCS, docs, copy_function=shutil.copyfile)
    # module scope runs before the per-test log fixture: keep this run's audit log in its own folder
    env = {**os.environ, "CBSI_DOCUMENTS": str(docs), "CBSI_AUDIT": str(base / "audit.jsonl"), "PYTHONUNBUFFERED": "1"}
    env.pop("CBSI_TEST_PAUSE_AT", None)
    done = run_cbsi("ingest", "--index", base / "index", "--quiet", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return base, ask_json(base / "index", env)


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["vectors", "bm25", "manifest"])
def test_an_ingest_killed_mid_write_leaves_the_previous_index(
    stage: str, built: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    base, before = built
    docs, index = tmp_path / "documents", tmp_path / "index"
    shutil.copytree(base / "documents", docs, copy_function=shutil.copyfile)
    shutil.copytree(base / "index", index, copy_function=shutil.copyfile)
    (docs / "harbor-sensors-2026.txt").write_text(NEW_DOC, encoding="utf-8")
    env = {**os.environ, "CBSI_DOCUMENTS": str(docs), "PYTHONUNBUFFERED": "1"}
    env.pop("CBSI_TEST_PAUSE_AT", None)
    manifest_before = (index / MANIFEST).read_bytes()

    err_path = tmp_path / "ingest.err"
    with err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "ingest", "--index", str(index), "--quiet"],
            env={**env, "CBSI_TEST_PAUSE_AT": stage},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + 120
        while f"PAUSED {stage}" not in err_path.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert f"PAUSED {stage}" in err_path.read_text(), err_path.read_text()
        proc.kill()  # SIGKILL: no cleanup, no finally blocks
        assert proc.wait(timeout=30) == -9
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    # The previous index is whole: same manifest, loads, and answers exactly as before.
    assert (index / MANIFEST).read_bytes() == manifest_before
    data = load_index(index)
    assert "harbor-sensors-2026" not in data.documents and len(data.documents) == 5
    assert answer_key(ask_json(index, env)) == answer_key(before)

    # A normal ingest afterwards completes and indexes the new document; the killed run's files are gone.
    done = run_cbsi("ingest", "--index", index, "--quiet", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    manifest = read_manifest(index)
    assert "harbor-sensors-2026" in manifest["documents"] and manifest["counts"]["documents"] == 6
    assert any(c.doc_id == "harbor-sensors-2026" for c in load_index(index).chunks)
    expected = {MANIFEST, ".lock"} | {f["name"] for f in manifest["files"].values()}
    assert {p.name for p in index.iterdir()} == expected


def test_a_50_mb_text_file_is_skipped_with_its_reason_and_the_limit_can_be_raised(fake_settings: Settings) -> None:
    big = fake_settings.documents_dir / "huge-transcript.txt"
    sentence = "The regional maritime working group reviewed patrol schedules and radar coverage today. "
    with big.open("w", encoding="utf-8") as f:
        for _ in range(50 * 2**20 // len(sentence) + 1):
            f.write(sentence)
    assert big.stat().st_size >= 50 * 2**20
    report = ingest(fake_settings, embedder=HashEmbedder(), progress=False)
    reasons = {Path(p).name: r for p, r in report.skipped}
    assert list(reasons) == ["huge-transcript.txt"]
    assert reasons["huge-transcript.txt"].startswith("too much text to index (52,")
    assert "CBSI_MAX_TEXT_CHARS" in reasons["huge-transcript.txt"] and "\n" not in reasons["huge-transcript.txt"]
    assert sorted(report.indexed) == sorted(p.stem for p in fake_settings.documents_dir.glob("*.txt") if p != big)
    assert "huge-transcript" not in load_index(fake_settings.index_dir).documents
    # the limit is a setting: a smaller one skips a sample document too
    small = fake_settings.with_(max_text_chars=3000, index_dir=fake_settings.index_dir.parent / "small")
    skipped = {Path(p).stem for p, _ in ingest(small, embedder=HashEmbedder(), progress=False).skipped}
    assert {"huge-transcript", "joint-action-statement-2017", "dominican-republic-partnership-2024"} <= skipped
