"""JSON-lines files: appending a line safely from many threads, and reading with errors that name
the file and the line."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_append_lock = threading.Lock()


def append_json_line(path: Path, value: Any) -> None:
    """Append `value` as one JSON line, creating the folder; whole lines even from many threads."""
    line = json.dumps(value, ensure_ascii=False) + "\n"
    with _append_lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(line)


def read_json_lines(path: Path, error: type[Exception]) -> Iterator[tuple[int, Any]]:
    """(line number, value) for every non-blank line; `error("FILE:N: ...")` for a bad line.

    Raises:
        error: the file cannot be read, or a line is not valid JSON (one line, naming file and line).
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise error(f"{path}: {e.strerror or e}") from e
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except ValueError as e:
            raise error(f"{path}:{n}: not valid JSON ({e.args[0][:60]})") from e
