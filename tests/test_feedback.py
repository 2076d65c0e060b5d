"""Feedback: votes appended to a JSON-lines log, and `cbsi feedback export` drafts of eval questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.cli import main
from assistant.evaluation import DatasetError, load_dataset
from assistant.feedback import (
    DEFAULT_FEEDBACK_LOG,
    FeedbackError,
    Vote,
    append_vote,
    eval_drafts,
    feedback_log,
    read_votes,
)

RECORD = {
    "question": "How much has the U.S. committed through CBSI as of 2024?",
    "answer": "More than $1 billion, as of 2024 [1].",
    "abstained": False,
    "query": "How much has the U.S. committed through CBSI as of 2024?",
    "citations": [
        {
            "n": 1,
            "doc_id": "dominican-republic-partnership-2024",
            "chunk_id": "dr:0:abc",
            "page": None,
            "title": "T",
            "quote": "q",
            "score": 0.9,
            "memo": "m",
        }
    ],
    "closest": [],
}
FOLLOW_UP = {
    "question": "When was it launched?",
    "answer": "The documents I have do not answer this.",
    "abstained": True,
    "citations": [],
    "query": "When was CBSI launched?",
}
HISTORY = [{"role": "user", "content": RECORD["question"]}, {"role": "assistant", "content": RECORD["answer"]}]


def cbsi(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, [str(a) for a in args])


def test_the_log_path_is_the_option_then_the_environment_then_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CBSI_FEEDBACK", raising=False)
    assert feedback_log() == DEFAULT_FEEDBACK_LOG == Path("feedback/feedback.jsonl")
    monkeypatch.setenv("CBSI_FEEDBACK", "/tmp/votes.jsonl")
    assert feedback_log() == Path("/tmp/votes.jsonl")
    assert feedback_log("mine.jsonl") == Path("mine.jsonl")


def test_each_vote_is_one_json_line_with_what_was_asked_and_answered(tmp_path: Path) -> None:
    log = tmp_path / "new" / "feedback.jsonl"
    append_vote(log, Vote.from_record(RECORD, "up", comment="  exactly right ", generation="g1"))
    append_vote(log, Vote.from_record(FOLLOW_UP, "down", history=HISTORY, generation="g1"))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["question"] == RECORD["question"] and first["answer"] == RECORD["answer"]
    assert first["vote"] == "up" and first["comment"] == "exactly right" and first["generation"] == "g1"
    assert first["citations"] == [
        {"n": 1, "doc_id": "dominican-republic-partnership-2024", "chunk_id": "dr:0:abc", "page": None}
    ]
    assert first["history"] == [] and first["time"].endswith("+00:00")
    second = json.loads(lines[1])
    assert second["history"] == HISTORY and second["abstained"] is True and second["comment"] == ""
    assert read_votes(log) == [first, second]


def test_a_vote_must_be_up_or_down() -> None:
    with pytest.raises(ValueError, match="vote must be one of"):
        Vote.from_record(RECORD, "meh")


def test_a_damaged_log_names_the_line(tmp_path: Path) -> None:
    log = tmp_path / "f.jsonl"
    log.write_text('{"question": "ok"}\n\n{not json\n')
    with pytest.raises(FeedbackError, match=r"f\.jsonl:3: not valid JSON"):
        read_votes(log)
    log.write_text("[1, 2]\n")
    with pytest.raises(FeedbackError, match=r":1: expected an object"):
        read_votes(log)


def votes() -> list[dict]:
    return [
        json.loads(json.dumps(Vote.from_record(RECORD, "up", generation="g1").__dict__)),
        json.loads(
            json.dumps(
                Vote.from_record(
                    {**RECORD, "question": RECORD["question"] + "  "}, "down", comment="too long", generation="g2"
                ).__dict__
            )
        ),
        json.loads(json.dumps(Vote.from_record(FOLLOW_UP, "down", history=HISTORY, comment="it says 2010").__dict__)),
    ]


def test_drafts_have_one_line_per_question_with_the_votes_to_review() -> None:
    drafts = eval_drafts(votes())
    assert [d["id"] for d in drafts] == ["fb001", "fb002"]
    first, follow = drafts
    assert first["question"] == RECORD["question"]  # white space normalized
    assert (first["type"], first["answers"], first["sources"]) == (None, None, None)
    assert "history" not in first
    review = first["review"]
    assert review["votes"] == {"up": 1, "down": 1} and review["comments"] == ["too long"]
    assert review["cited"] == ["dominican-republic-partnership-2024"] and review["index_generation"] == "g2"
    assert follow["type"] == "followup" and follow["history"] == HISTORY
    assert follow["review"]["assistant_abstained"] is True and follow["review"]["comments"] == ["it says 2010"]


def test_drafts_load_only_once_a_reviewer_completes_them(tmp_path: Path) -> None:
    path = tmp_path / "drafts.jsonl"
    drafts = eval_drafts(votes())
    path.write_text("".join(json.dumps(d) + "\n" for d in drafts))
    with pytest.raises(DatasetError, match=r"drafts\.jsonl:1: field 'answers' must be a list"):
        load_dataset(path)
    drafts[0].update(type="figure", answers=["1 billion"], sources=["dominican-republic-partnership-2024"])
    drafts[1].update(answers=["2010"], sources=["dominican-republic-partnership-2024"])
    path.write_text("".join(json.dumps(d) + "\n" for d in drafts))
    loaded = load_dataset(path)
    assert [(q.type, q.answers, q.history) for q in loaded] == [
        ("figure", ["1 billion"], []),
        ("followup", ["2010"], HISTORY),
    ]


def test_cli_feedback_export_prints_or_writes_the_drafts(tmp_path: Path) -> None:
    log = tmp_path / "feedback.jsonl"
    for v in votes():
        with log.open("a") as f:
            f.write(json.dumps(v) + "\n")
    printed = cbsi("feedback", "export", "--log", log)
    assert printed.exit_code == 0, printed.output
    assert [json.loads(line)["id"] for line in printed.stdout.splitlines()] == ["fb001", "fb002"]

    out = tmp_path / "eval" / "drafts.jsonl"
    written = cbsi("feedback", "export", "--out", out, env={"CBSI_FEEDBACK": str(log)})
    assert written.exit_code == 0 and "Wrote 2 drafts from 3 votes to" in written.stderr
    assert out.read_text() == printed.stdout

    again = cbsi("feedback", "export", "--log", log, "--out", out)
    assert again.exit_code == 1 and "exists" in again.stderr and "--force" in again.stderr
    assert cbsi("feedback", "export", "--log", log, "--out", out, "--force").exit_code == 0


@pytest.mark.parametrize(("content", "needle"), [(None, "no feedback log at"), ("{oops\n", ":1: not valid JSON")])
def test_cli_feedback_export_errors_are_one_line(tmp_path: Path, content: str | None, needle: str) -> None:
    log = tmp_path / "feedback.jsonl"
    if content is not None:
        log.write_text(content)
    result = cbsi("feedback", "export", "--log", log)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and needle in lines[0]
