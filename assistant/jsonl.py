"""Reading JSON-lines files with errors that name the file and the line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


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
