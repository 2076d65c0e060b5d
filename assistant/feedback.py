"""Thumbs up/down on answers: a JSON-lines log, and draft eval questions (eval/README.md) made from it."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.config import DEFAULT_FEEDBACK_LOG
from assistant.jsonl import append_json_line, read_json_lines

FEEDBACK_ENV = "CBSI_FEEDBACK"
VOTES = ("up", "down")
EVAL_TYPES = ("figure", "date", "fact", "list", "unanswerable", "followup", "paraphrase")


class FeedbackError(Exception):
    """A feedback log that cannot be read; the message names the file and line."""


def feedback_log(path: str | Path | None = None) -> Path:
    """The log file: `path` if given, else $CBSI_FEEDBACK, else feedback/feedback.jsonl."""
    return Path(path or os.environ.get(FEEDBACK_ENV) or DEFAULT_FEEDBACK_LOG)


@dataclass(frozen=True)
class Vote:
    """One thumbs up or down on an answer, as logged (one JSON line each)."""

    question: str
    answer: str
    vote: str  # "up" or "down"
    abstained: bool = False
    comment: str = ""
    history: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)  # {n, doc_id, chunk_id, page}
    generation: str = ""  # the index generation the answer came from
    query: str = ""
    time: str = ""

    @classmethod
    def from_record(
        cls,
        record: dict[str, Any],
        vote: str,
        *,
        comment: str = "",
        history: list[dict[str, Any]] | None = None,
        generation: str = "",
    ) -> Vote:
        """A vote on an answer record (`Answer.to_dict()`)."""
        if vote not in VOTES:
            raise ValueError(f"vote must be one of {VOTES}, not {vote!r}")
        cited = [{k: c.get(k) for k in ("n", "doc_id", "chunk_id", "page")} for c in record.get("citations", [])]
        return cls(
            question=record["question"],
            answer=record["answer"],
            vote=vote,
            abstained=bool(record.get("abstained")),
            comment=comment.strip(),
            history=list(history or []),
            citations=cited,
            generation=generation,
            query=record.get("query", ""),
            time=datetime.now(UTC).isoformat(timespec="seconds"),
        )


def append_vote(path: str | Path, vote: Vote) -> None:
    """Append one vote as a JSON line, creating the folder if needed."""
    append_json_line(Path(path), asdict(vote))


def read_votes(path: str | Path) -> list[dict[str, Any]]:
    """Every vote in a log, in order; raises FeedbackError naming the first bad line."""
    path = Path(path)
    votes = []
    for n, vote in read_json_lines(path, FeedbackError):
        if not isinstance(vote, dict) or not isinstance(vote.get("question"), str):
            raise FeedbackError(f"{path}:{n}: expected an object with a 'question'")
        votes.append(vote)
    return votes


def eval_drafts(votes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One draft eval line per distinct question (with its history), for a reviewer to complete.

    The schema fields a person must decide (`type`, `answers`, `sources`) are null, so
    `load_dataset` refuses the file until every draft is completed; the votes, comments, the
    assistant's answer and the documents it cited are under `review` to help.

    >>> d = eval_drafts([{"question": "Q?", "answer": "A [1]", "vote": "down", "comment": "wrong year",
    ...                   "citations": [{"doc_id": "st-lucia-fact-sheet"}], "history": []}])[0]
    >>> d["id"], d["answers"], d["review"]["votes"], d["review"]["cited"]
    ('fb001', None, {'up': 0, 'down': 1}, ['st-lucia-fact-sheet'])
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for v in votes:
        key = json.dumps([" ".join(v["question"].split()), v.get("history") or []], sort_keys=True)
        groups.setdefault(key, []).append(v)
    drafts = []
    for i, group in enumerate(groups.values(), start=1):
        last = group[-1]
        cited = list(dict.fromkeys(c.get("doc_id") for v in group for c in v.get("citations", []) if c.get("doc_id")))
        draft: dict[str, Any] = {
            "id": f"fb{i:03d}",
            "type": "followup" if last.get("history") else None,
            "question": " ".join(last["question"].split()),
            "answers": None,
            "sources": None,
        }
        if last.get("history"):
            draft["history"] = last["history"]
        draft["review"] = {
            "votes": {vote: sum(v.get("vote") == vote for v in group) for vote in VOTES},
            "comments": [v["comment"] for v in group if v.get("comment")],
            "assistant_answer": last.get("answer", ""),
            "assistant_abstained": bool(last.get("abstained")),
            "cited": cited,
            "index_generation": last.get("generation", ""),
            "todo": "set type (one of " + ", ".join(EVAL_TYPES) + "), answers (or answers_all) and "
            "sources ([] and [] if the documents do not answer it); renumber id; then delete 'review'",
        }
        drafts.append(draft)
    return drafts
