"""Offline: end-to-end tests pass inside a network namespace that has only loopback, so the model,
ingest, answering, the CLI and the served page need no network (issue #6, item 8)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
INNER_TESTS = [
    "tests/test_pdf.py::test_pdf_answer_cites_the_right_page",
    "tests/test_cli.py::test_ask_json_is_the_answer_record",
    "tests/test_app.py::test_ask_returns_a_cited_answer_record",
]
# Only this address is tried, and only inside the namespace, where it cannot leave the machine.
PROBE = (
    "import socket\n"
    "try:\n"
    "    socket.create_connection(('1.1.1.1', 443), timeout=5).close()\n"
    "except OSError as e:\n"
    "    print('blocked:', e)\n"
    "else:\n"
    "    raise SystemExit('outbound connection succeeded')\n"
)


def offline(command: list[str]) -> list[str]:
    """`command` in a new user and network namespace with only loopback, brought up."""
    inner = "ip link set lo up && exec " + shlex.join(command)
    return ["unshare", "--map-root-user", "--net", "sh", "-c", inner]


def namespace_unavailable() -> str | None:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "unshare or ip not installed"
    done = subprocess.run(offline(["true"]), capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        return f"cannot create a network namespace: {done.stderr.strip()}"
    return None


def test_end_to_end_tests_pass_without_network(tmp_path: Path) -> None:
    why = namespace_unavailable()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)

    probe = subprocess.run(offline([sys.executable, "-c", PROBE]), capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0, probe.stdout + probe.stderr
    assert probe.stdout.startswith("blocked:"), probe.stdout

    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--basetemp={tmp_path / 'inner'}"]
    done = subprocess.run(offline(command + INNER_TESTS), cwd=ROOT, capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert f"{len(INNER_TESTS)} passed" in done.stdout and "skipped" not in done.stdout, done.stdout[-2000:]
