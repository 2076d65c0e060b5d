"""Access control, the audit log and upload safety (issue #6 items 6, 9, 10).

`cbsi ask` and the app's /ask append one audit line per answer; `--no-audit` writes nothing;
`cbsi serve --auth USER:PASS` puts the page and its API behind a login; a non-local bind without
it warns; uploads with the content of an indexed file, '..' names, unsupported types and
over-size files are not added. The hostile-document page test is in tests/test_browser.py.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from assistant.cli import main
from assistant.store import read_manifest
from assistant.uploads import AssistantHolder
from tests.serving import serve_copy
from tests.test_app import FIGURE_QUESTION

AUDIT_FIELDS = {
    "time",
    "question",
    "history_len",
    "answer",
    "abstained",
    "chunk_ids",
    "doc_ids",
    "generation",
    "model",
}


def cbsi(*args: str | Path | int, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, [str(a) for a in args])


def audit_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def one_line_error(result: Result) -> str:
    assert result.exit_code != 0, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# ------------------------------------------------------------------ audit log: `cbsi ask`


@pytest.mark.slow
def test_cbsi_ask_appends_an_audit_line_with_every_field(sample_index: Path, tmp_path: Path) -> None:
    log = tmp_path / "logs" / "deep" / "audit.jsonl"  # the folder is created
    result = cbsi("ask", FIGURE_QUESTION, "--index", sample_index, "--json", "--audit", log)
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    (line,) = audit_lines(log)
    assert set(line) == AUDIT_FIELDS
    assert line["question"] == FIGURE_QUESTION and line["history_len"] == 0
    assert line["answer"] == printed["answer"] and line["abstained"] is False
    assert line["chunk_ids"] == [c["chunk_id"] for c in printed["citations"]] and line["chunk_ids"]
    assert line["doc_ids"] == list(dict.fromkeys(c["doc_id"] for c in printed["citations"]))
    manifest = read_manifest(sample_index)
    assert line["generation"] == str(manifest["generation"]) and line["model"] == "all-MiniLM-L6-v2"
    assert line["time"].endswith("+00:00") and "T" in line["time"]  # ISO, UTC

    cbsi("ask", "What was the CBSI budget for Cuba in 2031?", "--index", sample_index, "--audit", log)
    second = audit_lines(log)[1]  # appended, not overwritten
    assert second["abstained"] is True and second["chunk_ids"] == [] and second["doc_ids"] == []


@pytest.mark.slow
def test_audit_defaults_to_cbsi_audit_then_audit_folder_and_no_audit_writes_nothing(
    sample_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env_log = tmp_path / "env" / "audit.jsonl"
    assert cbsi("ask", FIGURE_QUESTION, "--index", sample_index, env={"CBSI_AUDIT": str(env_log)}).exit_code == 0
    assert len(audit_lines(env_log)) == 1 and not (tmp_path / "audit").exists()

    assert cbsi("ask", FIGURE_QUESTION, "--index", sample_index, env={"CBSI_AUDIT": None}).exit_code == 0
    assert len(audit_lines(tmp_path / "audit" / "audit.jsonl")) == 1  # the default

    off = tmp_path / "off.jsonl"
    result = cbsi(
        "ask", FIGURE_QUESTION, "--index", sample_index, "--no-audit", "--audit", off, env={"CBSI_AUDIT": str(env_log)}
    )
    assert result.exit_code == 0 and not off.exists()
    assert len(audit_lines(env_log)) == 1 and len(audit_lines(tmp_path / "audit" / "audit.jsonl")) == 1


def test_audit_record_is_thread_safe_one_whole_line_each(tmp_path: Path) -> None:
    import threading

    from assistant.audit import record

    log = tmp_path / "a" / "audit.jsonl"
    answer = {"question": "q " * 500, "answer": "a " * 2000, "abstained": False, "citations": []}
    threads = [
        threading.Thread(target=lambda: [record(log, answer, "g1", "m", 3) for _ in range(25)]) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = audit_lines(log)
    assert len(lines) == 200 and all(line["history_len"] == 3 and line["generation"] == "g1" for line in lines)


# ------------------------------------------------------------------ serve: --auth and the bind warning


@pytest.mark.parametrize("value", ["alice", "alice:", ":secret", " :secret", ""])
def test_a_malformed_auth_is_a_one_line_error(value: str) -> None:
    error = one_line_error(cbsi("serve", "--auth", value))
    assert "USER:PASS" in error


def test_a_malformed_cbsi_auth_is_a_one_line_error() -> None:
    assert "USER:PASS" in one_line_error(cbsi("serve", env={"CBSI_AUTH": "nocolon"}))


@contextmanager
def busy_port(host: str) -> Iterator[int]:
    """A port already listened on, so `cbsi serve` stops at its port check, before any loading."""
    with socket.socket() as s:
        s.bind((host, 0))
        s.listen()
        yield int(s.getsockname()[1])


def test_a_non_local_bind_without_auth_warns_on_stderr(tmp_path: Path) -> None:
    index = tmp_path / "index"
    with busy_port("0.0.0.0") as port:
        exposed = cbsi("serve", "--index", index, "--host", "0.0.0.0", "--port", port, env={"CBSI_AUTH": None})
        guarded = cbsi("serve", "--index", index, "--host", "0.0.0.0", "--port", port, "--auth", "alice:s3cret:x")
    warnings = [line for line in exposed.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "0.0.0.0" in warnings[0] and "--auth" in warnings[0]
    assert "Warning" not in guarded.stderr  # a password may contain ':'
    assert guarded.stderr.strip().startswith("Error: cannot listen on 0.0.0.0")
    for host in ("127.0.0.1", "localhost"):
        with busy_port("127.0.0.1") as port:
            local = cbsi("serve", "--index", index, "--host", host, "--port", port, env={"CBSI_AUTH": None})
        assert "Warning" not in local.stderr and local.exit_code != 0


def test_serve_binds_to_loopback_by_default() -> None:
    from assistant.config import DEFAULT_HOST

    serve = main.commands["serve"]  # type: ignore[attr-defined]
    assert DEFAULT_HOST == "127.0.0.1"
    assert next(p for p in serve.params if p.name == "host").default == DEFAULT_HOST


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    base = tmp_path_factory.mktemp("guarded")
    log = base / "audit-out" / "audit.jsonl"
    with serve_copy(base, "--no-ingest", "--auth", "alice:s3cret", "--audit", str(log)) as served:
        yield served.url, log
    assert "Traceback" not in served.log.read_text()


@pytest.mark.slow
def test_auth_keeps_out_a_client_without_the_login_and_lets_in_one_with_it(guarded: tuple[str, Path]) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AuthenticationError

    url, _ = guarded
    with pytest.raises(AuthenticationError, match="credentials were not provided"):
        Client(url, verbose=False, analytics_enabled=False, download_files=False)
    with pytest.raises(ValueError, match="Could not login"):
        Client(url, auth=("alice", "wrong"), verbose=False, analytics_enabled=False, download_files=False)
    client = Client(url, auth=("alice", "s3cret"), verbose=False, analytics_enabled=False, download_files=False)
    assert "1 billion" in client.predict(FIGURE_QUESTION, api_name="/ask")["answer"]


@pytest.mark.slow
def test_the_apps_ask_appends_an_audit_line_per_answer(guarded: tuple[str, Path]) -> None:
    from gradio_client import Client

    url, log = guarded
    client = Client(url, auth=("alice", "s3cret"), verbose=False, analytics_enabled=False, download_files=False)
    before = len(audit_lines(log)) if log.exists() else 0
    first = client.predict(FIGURE_QUESTION, api_name="/ask")
    history = [{"role": "user", "content": FIGURE_QUESTION}, {"role": "assistant", "content": first["answer"]}]
    second = client.predict("When was it launched?", history, api_name="/ask")
    lines = audit_lines(log)[before:]
    assert [line["question"] for line in lines] == [FIGURE_QUESTION, "When was it launched?"]
    assert [line["history_len"] for line in lines] == [0, 2]
    assert all(set(line) == AUDIT_FIELDS for line in lines)
    assert lines[1]["answer"] == second["answer"]
    assert lines[1]["chunk_ids"] == [c["chunk_id"] for c in second["citations"]]
    assert lines[0]["doc_ids"] == list(dict.fromkeys(c["doc_id"] for c in first["citations"]))
    index = log.parent.parent / "index"
    assert lines[0]["generation"] == str(read_manifest(index)["generation"])
    assert lines[0]["model"] == "all-MiniLM-L6-v2"


# ------------------------------------------------------------------ uploads (fake embedder)


def test_content_already_indexed_under_another_name_is_not_added_again(holder: AssistantHolder, tmp_path: Path) -> None:
    before = holder.current
    folder = before.settings.documents_dir
    listing = sorted(p.name for p in folder.iterdir())
    lucia = "st-lucia-fact-sheet"
    copy = tmp_path / "upload-tmp"
    shutil.copyfile(folder / "st-lucia-fact-sheet.txt", copy)
    results = holder.add_files([(copy, "Lucia copy.txt"), (copy, "st-lucia-fact-sheet.txt")])
    assert results == [
        {
            "file": "Lucia copy.txt",
            "status": "unchanged",
            "detail": f"already indexed as document id {lucia}",
        },
        {
            "file": "st-lucia-fact-sheet.txt",
            "status": "unchanged",
            "detail": f"already indexed as document id {lucia}",
        },
    ]
    assert sorted(p.name for p in folder.iterdir()) == listing and holder.current is before

    new = tmp_path / "new"
    new.write_text("Harbor note. The harbor program installed 9 sonar buoys in 2025.\n")
    first = holder.add_files([(new, "harbor.txt")])
    again = holder.add_files([(new, "harbor-again.md")])  # the index now holds it: recognised
    assert first[0]["status"] == "indexed"
    detail = "already indexed as document id harbor"
    assert again == [{"file": "harbor-again.md", "status": "unchanged", "detail": detail}]
    assert "harbor" in holder.current.documents and "harbor-again" not in holder.current.documents
    assert not (folder / "harbor-again.md").exists()


def test_uploads_never_write_outside_the_documents_folder(holder: AssistantHolder, tmp_path: Path) -> None:
    folder = holder.current.settings.documents_dir
    note = tmp_path / "note"
    note.write_text("Patrol note. The patrol fleet had 12 boats in 2025.\n")
    big = tmp_path / "big"
    big.write_text("word " * 400)
    holder.max_upload_bytes = 1024
    names = ["../escape.txt", "..\\escape.txt", "sub/../../escape.txt", ".hidden.txt", "run.sh", "page.php", ""]
    results = holder.add_files([(note, n) for n in names] + [(big, "big.txt")])
    assert [r["status"] for r in results] == ["rejected"] * (len(names) + 1)
    assert [r["detail"] for r in results[:3]] == ["file names with '..' are not accepted"] * 3
    assert "hidden" in results[3]["detail"] and "unsupported file type '.sh'" in results[4]["detail"]
    assert "unsupported file type '.php'" in results[5]["detail"] and "empty" in results[6]["detail"]
    assert results[7]["detail"] == "2 KB is over the 1 KB upload limit"
    assert not list(tmp_path.rglob("escape.txt")) and not (folder / "big.txt").exists()

    # An absolute or Windows path keeps only its base name, saved inside the documents folder.
    results = holder.add_files([(note, "/etc/cron.d/patrol.txt")])
    assert results[0] == {"file": "patrol.txt", "status": "indexed", "detail": "document id patrol"}
    assert (folder / "patrol.txt").read_bytes() == note.read_bytes()
    assert not Path("/etc/cron.d/patrol.txt").exists()
