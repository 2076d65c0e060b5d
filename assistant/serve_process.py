"""`cbsi serve` in a child process: start it on a free loopback port, wait until it prints its URL,
stop it. `cbsi bench` measures such a process; the tests drive one with a real client."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple


class ServeFailed(Exception):
    """The server exited or timed out before printing its URL; the message holds what it printed."""


class Running(NamedTuple):
    process: subprocess.Popen[bytes]
    url: str
    printed: str  # what `cbsi serve` wrote to stdout before serving


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(
    args: list[str], *, env: dict[str, str], cwd: Path, out: Path, err: Path | None = None, timeout: float = 180
) -> Iterator[Running]:
    """Run `python -m assistant serve --host 127.0.0.1 --port <free> ARGS` (ARGS may override the host),
    stdout to `out` (stderr to `err`, or to `out` too); yield once it prints "Open <url>"; terminate
    it on exit."""
    command = [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(free_port()), *args]
    with out.open("wb") as stdout:
        if err is None:
            proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.STDOUT)
        else:
            with err.open("wb") as stderr:
                proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
    try:
        deadline = time.monotonic() + timeout
        while "Open http" not in out.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        printed = out.read_text()
        if "Open http" not in printed:
            raise ServeFailed(f"serve did not start:\n{printed}\n{err.read_text() if err else ''}")
        yield Running(proc, printed.split("Open ", 1)[1].split()[0], printed)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
