"""The audit log: one JSON line per question answered (page, /ask API, `cbsi ask`).

Each line: time (ISO, UTC), question, history length, answer text, abstained, the cited chunk
and document ids, the index generation and the model. On by default at audit/audit.jsonl;
`--audit FILE` or $CBSI_AUDIT moves it, `--no-audit` turns it off.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import DEFAULT_AUDIT_LOG
from assistant.jsonl import append_json_line

if TYPE_CHECKING:
    from assistant.records import Answer

AUDIT_ENV = "CBSI_AUDIT"


def audit_log(path: str | Path | None = None) -> Path:
    """The log file: `path` if given, else $CBSI_AUDIT, else audit/audit.jsonl."""
    return Path(path or os.environ.get(AUDIT_ENV) or DEFAULT_AUDIT_LOG)


def record(
    path: str | Path, answer: Answer | dict[str, Any], generation: str, model: str, history_len: int
) -> dict[str, Any]:
    """Append one line for `answer` (an Answer or its `to_dict()` record) to `path`; returns the line's fields."""
    d = answer if isinstance(answer, dict) else answer.to_dict()
    cited = d.get("citations", [])
    entry = {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "question": d["question"],
        "history_len": history_len,
        "answer": d["answer"],
        "abstained": bool(d.get("abstained")),
        "chunk_ids": [c.get("chunk_id") for c in cited],
        "doc_ids": list(dict.fromkeys(c.get("doc_id") for c in cited)),
        "generation": generation,
        "model": model,
    }
    append_json_line(Path(path), entry)
    return entry
