"""Evaluation datasets (eval/README.md schema): loading, answer matching, per-question scoring."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.citations import format_date
from assistant.jsonl import read_json_lines
from assistant.records import Answer, Citation
from assistant.spans import numbers_in


class DatasetError(Exception):
    """A malformed dataset line; the message names the file and line."""


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    question: str
    answers: list[str]
    answers_all: list[str]
    sources: list[str]
    pages: list[int] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return bool(self.sources)


def load_dataset(path: Path) -> list[Question]:
    """Questions from a JSON-lines file; raises DatasetError naming the first bad line."""
    out: list[Question] = []
    seen: set[str] = set()
    for n, d in read_json_lines(Path(path), DatasetError):
        if not isinstance(d, dict):
            raise DatasetError(f"{path}:{n}: expected a JSON object")
        for key in ("id", "question", "answers", "sources"):
            if key not in d:
                raise DatasetError(f"{path}:{n}: missing field '{key}'")
        lists = ("answers", "answers_all", "sources", "pages", "history")
        for key in lists:
            if key in d and not isinstance(d[key], list):
                raise DatasetError(f"{path}:{n}: field '{key}' must be a list")
        if not isinstance(d["question"], str) or not d["question"].strip():
            raise DatasetError(f"{path}:{n}: field 'question' must be a non-empty string")
        if d["id"] in seen:
            raise DatasetError(f"{path}:{n}: duplicate id '{d['id']}'")
        if d["sources"] and not (d["answers"] or d.get("answers_all")):
            raise DatasetError(f"{path}:{n}: an answerable question needs 'answers' or 'answers_all'")
        seen.add(d["id"])
        out.append(
            Question(
                id=str(d["id"]),
                type=str(d.get("type", "")),
                question=d["question"],
                answers=[str(a) for a in d["answers"]],
                answers_all=[str(a) for a in d.get("answers_all", [])],
                sources=[str(s) for s in d["sources"]],
                pages=list(d.get("pages", [])),
                history=list(d.get("history", [])),
            )
        )
    return out


def normalize(text: str) -> str:
    """Matching form: lower case, no thousands separators, no currency sign before a digit, single spaces.

    >>> normalize("More than  US$1,000 million")
    'more than us1000 million'
    """
    t = text.lower()
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)
    t = re.sub(r"[$€£](?=\s?\d)", "", t)
    return re.sub(r"\s+", " ", t).strip()


def matches(answer_text: str, q: Question) -> bool:
    """Whether an answer text contains the expected answer (any of `answers`, all of `answers_all`)."""
    a = normalize(answer_text)
    ok_any = any(normalize(x) in a for x in q.answers) if q.answers else True
    ok_all = all(normalize(x) in a for x in q.answers_all)
    return ok_any and ok_all


def numbers_supported(answer: Answer) -> bool:
    """Every number in the answer appears in a cited quote or in a cited document's date."""
    allowed: set[str] = set()
    for c in answer.citations:
        allowed |= numbers_in(c.quote)
        allowed |= numbers_in(format_date(c.published) or "")
    return numbers_in(answer.text) <= allowed


def is_correct(answer: Answer, q: Question) -> bool:
    """Answerable: not abstained and the answer matches. Unanswerable: abstained."""
    if not q.answerable:
        return answer.abstained
    return not answer.abstained and matches(answer.text, q)


def answer_strings(q: Question) -> list[str]:
    return q.answers + q.answers_all


def good_citation(c: Citation, q: Question) -> bool:
    """A cited passage from an expected source that contains (part of) the expected answer."""
    quote = normalize(c.quote)
    return c.doc_id in q.sources and any(normalize(a) in quote for a in answer_strings(q))


def why_wrong(answer: Answer, q: Question) -> str:
    if not q.answerable:
        return "" if answer.abstained else "answered a question the documents do not answer"
    if answer.abstained:
        return f"abstained ({answer.reason})"
    missing = [a for a in q.answers_all if normalize(a) not in normalize(answer.text)]
    if missing:
        return "answer lacks: " + ", ".join(missing)
    if q.answers and not any(normalize(a) in normalize(answer.text) for a in q.answers):
        return "answer lacks any of: " + " | ".join(q.answers)
    return ""


def doc_ranking(doc_ids: list[str], depth: int = 10) -> list[str]:
    """Documents in the order their chunks were first retrieved."""
    return list(dict.fromkeys(doc_ids))[:depth]


def retrieval_metrics(rankings: dict[str, list[str]], relevant: dict[str, list[str]]) -> dict[str, float | None]:
    """Document-level recall@1, recall@5 (a source in the top k), MRR@10 and nDCG@10, by trec_eval.

    >>> m = retrieval_metrics({"a": ["x", "y"], "b": ["z", "w"]}, {"a": ["y"], "b": ["z"]})
    >>> m["recall@1"], m["recall@5"], m["mrr@10"]
    (0.5, 1.0, 0.75)
    """
    import pytrec_eval

    qids = [q for q in relevant if relevant[q]]
    if not qids:
        return {"recall@1": None, "recall@5": None, "mrr@10": None, "ndcg@10": None}  # nothing to retrieve
    qrel = {q: {d: 1 for d in relevant[q]} for q in qids}
    # trec_eval needs a score per document; rank r gets 1/(r+1). An empty run still counts as a miss.
    run = {q: {d: 1.0 / (r + 1) for r, d in enumerate(rankings.get(q, [])[:10])} or {"__none__": 0.0} for q in qids}
    per_q = pytrec_eval.RelevanceEvaluator(qrel, {"success.1,5", "recip_rank", "ndcg_cut.10"}).evaluate(run)
    mean = lambda key: sum(per_q[q][key] for q in qids) / len(qids)  # noqa: E731
    return {
        "recall@1": mean("success_1"),
        "recall@5": mean("success_5"),
        "mrr@10": mean("recip_rank"),
        "ndcg@10": mean("ndcg_cut_10"),
    }
