"""The `cbsi` command line end to end, with the real bundled model on a copy of documents/."""

from __future__ import annotations

import json
import random
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant import __version__
from assistant.cli import EXIT_SKIPPED, main
from assistant.store import read_manifest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "documents"
FIGURE_QUESTION = "How much has the U.S. committed through CBSI as of 2024?"
UNANSWERABLE = "What was the CBSI budget for Cuba in 2031?"


def cbsi(*args: str | Path | int, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, [str(a) for a in args])


def assert_one_line_error(result: Result, *needles: str) -> str:
    """A user mistake: non-zero exit, a single `Error: ...` line on stderr, no traceback."""
    assert result.exit_code != 0, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not an uncaught exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "documents"
    shutil.copytree(DOCUMENTS, folder, copy_function=shutil.copyfile)  # catalog.json too
    return folder


@pytest.fixture(scope="module")
def first_ingest(documents: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    index = tmp_path_factory.mktemp("cli-index") / "index"
    return index, cbsi("ingest", documents, "--index", index)


@pytest.fixture(scope="module")
def index(first_ingest: tuple[Path, Result]) -> Path:
    return first_ingest[0]


def test_ingest_prints_a_summary_and_writes_the_index(first_ingest: tuple[Path, Result], documents: Path) -> None:
    index, result = first_ingest
    assert result.exit_code == 0, result.output
    files = len([f for f in documents.iterdir() if f.name != "catalog.json"])
    assert f"Indexed (new or changed): {files} files" in result.stdout
    assert "Unchanged: 0 files" in result.stdout
    assert "Removed: 0 documents" in result.stdout
    assert "Skipped: 0 files" in result.stdout
    manifest = read_manifest(index)
    chunks = manifest["counts"]["chunks"]
    assert f"Chunks: {chunks} in {files} documents ({chunks} embedded)" in result.stdout
    assert "Time: " in result.stdout
    assert "Embedding" in result.stderr  # the progress bar, on stderr
    assert set(manifest["documents"]) == {f.stem for f in documents.iterdir() if f.name != "catalog.json"}


def test_second_ingest_says_up_to_date(index: Path, documents: Path) -> None:
    result = cbsi("ingest", documents, "--index", index, "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Index is up to date")
    assert "embedded" not in result.stdout
    assert result.stderr == ""  # --quiet: no progress bars


def test_ask_json_is_the_answer_record(index: Path) -> None:
    result = cbsi("ask", FIGURE_QUESTION, "--index", index, "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert {"question", "answer", "abstained", "citations", "closest", "timings_ms"} <= set(record)
    assert set(record["timings_ms"]) == {"embed", "retrieve", "answer", "total"}
    assert record["question"] == FIGURE_QUESTION
    assert record["abstained"] is False
    assert "1 billion" in record["answer"]
    assert "dominican-republic-partnership-2024" in [c["doc_id"] for c in record["citations"]]


def test_ask_prints_the_answer_with_numbered_sources(index: Path) -> None:
    result = cbsi("ask", FIGURE_QUESTION, "--index", index)
    assert result.exit_code == 0, result.output
    assert "1 billion" in result.stdout.splitlines()[0]
    assert "Sources:" in result.stdout
    assert "[1] U.S. Department of State" in result.stdout


def test_ask_top_k_limits_the_passages(index: Path) -> None:
    one = json.loads(cbsi("ask", UNANSWERABLE, "--index", index, "--json", "-k", "1").stdout)
    default = json.loads(cbsi("ask", UNANSWERABLE, "--index", index, "--json").stdout)
    assert one["abstained"] is True and one["citations"] == []
    assert len(one["closest"]) <= 1 < len(default["closest"])


def test_ask_without_an_index_is_a_one_line_error(tmp_path: Path) -> None:
    result = cbsi("ask", FIGURE_QUESTION, "--index", tmp_path / "nowhere")
    assert_one_line_error(result, "no index", "cbsi ingest")


def test_ask_a_damaged_index_names_the_file(index: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "index"
    shutil.copytree(index, damaged)
    (chunks_file,) = damaged.glob("chunks.*.jsonl")
    with chunks_file.open("ab") as f:
        f.write(b'{"id": "extra"}\n')
    result = cbsi("ask", FIGURE_QUESTION, "--index", damaged)
    assert_one_line_error(result, chunks_file.name, "damaged")


def test_ingest_skips_a_corrupt_pdf_with_its_reason(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "broken.pdf").write_bytes(random.Random(0).randbytes(4096))
    (folder / "good.txt").write_text(
        "The Caribbean Basin Security Initiative was launched in 2010. "
        "It helps partners counter illicit trafficking.\n",
        encoding="utf-8",
    )
    result = cbsi("ingest", folder, "--index", tmp_path / "index", "--quiet")
    assert result.exit_code == EXIT_SKIPPED == 3, result.output
    assert "Skipped: 1 file" in result.stdout
    reason = next(line for line in result.stdout.splitlines() if "broken.pdf" in line)
    assert "not a readable PDF" in reason
    assert "Indexed (new or changed): 1 file" in result.stdout
    assert list(read_manifest(tmp_path / "index")["documents"]) == ["good"]
    assert "Traceback" not in result.output


def test_ingest_of_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    result = cbsi("ingest", tmp_path / "missing", "--index", tmp_path / "index", "--quiet")
    assert_one_line_error(result, "missing", "no such file or folder")
    assert not (tmp_path / "index" / "manifest.json").exists()


def test_ingest_with_a_missing_model_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("CBSI began in 2010.\n", encoding="utf-8")
    result = cbsi(
        "ingest", tmp_path / "note.txt", "--index", tmp_path / "index", "--quiet", env={"CBSI_MODEL": "no-such-model"}
    )
    assert_one_line_error(result, "cannot load embedding model 'no-such-model'")


def test_empty_question_is_a_one_line_error(index: Path) -> None:
    assert_one_line_error(cbsi("ask", "  ", "--index", index), "empty")


def test_serve_on_a_busy_port_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cbsi("serve", "--index", tmp_path / "index", "--port", port, "--no-ingest")
    assert_one_line_error(result, f"127.0.0.1:{port}", "--port")


def test_version() -> None:
    result = cbsi("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"cbsi, version {__version__}"


def test_python_dash_m_help_is_quick() -> None:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr
    assert all(command in proc.stdout for command in ("ingest", "ask", "serve"))
    assert elapsed < 3.0  # importing torch alone takes longer than this


def test_importing_the_cli_does_not_import_heavy_modules() -> None:
    heavy = ("torch", "gradio", "sentence_transformers", "faiss", "langchain_core", "transformers")
    code = f"import sys, assistant.cli; print([m for m in {heavy!r} if m in sys.modules])"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
