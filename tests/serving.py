"""`cbsi serve` in a child process for the tests that need a real server.

A child process, because Gradio leaves event loops unclosed each time it builds its app, which
this suite's warnings-as-errors would report.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from assistant.serve_process import serving

ROOT = Path(__file__).resolve().parents[1]


class Served(NamedTuple):
    url: str
    printed: str  # what `cbsi serve` wrote to stdout before serving
    log: Path  # its stderr
    documents: Path  # the documents folder uploads are saved in
    feedback: Path  # the feedback log


@contextmanager
def serve_copy(base: Path, *args: str, index: Path | None = None) -> Iterator[Served]:
    """`cbsi serve ARGS...` over a copy of documents/ on a free loopback port, run from `base`.

    Args:
        base: an empty folder; the documents, index and logs are made in it.
        args: more `cbsi serve` options.
        index: an index of documents/ to copy instead of building one.
    """
    from assistant.api import Assistant

    shutil.copytree(ROOT / "documents", base / "documents", copy_function=shutil.copyfile)
    if index is not None:
        shutil.copytree(index, base / "index", copy_function=shutil.copyfile)
    else:
        assert not Assistant.build(base / "documents", base / "index").skipped
    feedback = base / "votes" / "feedback.jsonl"
    env = {**os.environ, "CBSI_DOCUMENTS": str(base / "documents"), "CBSI_FEEDBACK": str(feedback)}
    env["PYTHONUNBUFFERED"] = "1"
    for name in ("CBSI_AUTH", "CBSI_AUDIT"):  # the server logs to its default, inside `base`
        env.pop(name, None)
    out, err = base / "serve.out", base / "serve.err"
    with serving(["--index", str(base / "index"), *args], env=env, cwd=base, out=out, err=err) as running:
        yield Served(running.url, running.printed, err, base / "documents", feedback)
