"""Run an evaluation set through the assistant (and the baselines, in the same run) and score it."""

from __future__ import annotations

import sys
import time
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.collection import without_description
from assistant.evaluation import (
    Question,
    doc_ranking,
    good_citation,
    is_correct,
    matches,
    numbers_supported,
    retrieval_metrics,
    why_wrong,
)

if TYPE_CHECKING:
    from assistant.api import Assistant
    from assistant.baselines import Baseline

# The names other tools read from report.json's `metrics` (issue #3); keep them stable.
METRIC_NAMES = (
    "answer_accuracy",
    "abstention_accuracy",
    "false_abstention_rate",
    "recall@1",
    "recall@5",
    "mrr@10",
    "ndcg@10",
    "citation_precision",
    "citation_recall",
    "page_accuracy",
    "numeric_fidelity",
    "answer_chars_mean",
    "latency_ms_p50",
    "latency_ms_p95",
)


@dataclass
class QuestionResult:
    """One question's outcome: what was answered, whether it was right and why not."""

    id: str
    type: str
    question: str
    answerable: bool
    answer: str
    abstained: bool
    correct: bool
    why: str
    citations: list[dict[str, Any]]
    good_citations: int
    numbers_ok: bool
    page_ok: bool | None
    latency_ms: float
    retrieved_docs: list[str]
    answer_in_top1: bool
    answer_in_top4: bool


@dataclass
class BaselineResult:
    id: str
    type: str
    retrieved_docs: list[str]
    answer_in_top1: bool
    answer_in_top4: bool


@dataclass
class EvalRun:
    dataset: str
    results: list[QuestionResult]
    baselines: dict[str, list[BaselineResult]] = field(default_factory=dict)
    baseline_descriptions: dict[str, str] = field(default_factory=dict)


def evaluate_question(a: Assistant, q: Question) -> QuestionResult:
    t0 = time.perf_counter()
    ans = a.ask(q.question, q.history)
    latency = (time.perf_counter() - t0) * 1000
    # The same retrieval the answer used, deeper, for the ranking metrics.
    searched = without_description(ans.query)  # what `Assistant.ask` searched with
    hits = a.retrieve(q.question, searched, a.embedder.encode([searched])[0], 10)
    good = [c for c in ans.citations if good_citation(c, q)]
    page_ok = any(c.page in q.pages for c in good) if q.pages else None
    return QuestionResult(
        id=q.id,
        type=q.type,
        question=q.question,
        answerable=q.answerable,
        answer=ans.text,
        abstained=ans.abstained,
        correct=is_correct(ans, q),
        why=why_wrong(ans, q),
        citations=[{"n": c.n, "doc_id": c.doc_id, "page": c.page, "quote": c.quote} for c in ans.citations],
        good_citations=len(good),
        numbers_ok=numbers_supported(ans),
        page_ok=page_ok,
        latency_ms=latency,
        retrieved_docs=doc_ranking([h.chunk.doc_id for h in hits]),
        answer_in_top1=bool(hits) and matches(hits[0].chunk.text, q) and q.answerable,
        answer_in_top4=q.answerable and any(matches(h.chunk.text, q) for h in hits[:4]),
    )


def evaluate_baseline(b: Baseline, q: Question) -> BaselineResult:
    docs = b.search(q.question, 10)  # a plain recipe has no notion of chat history
    return BaselineResult(
        id=q.id,
        type=q.type,
        retrieved_docs=doc_ranking([str(d.metadata.get("doc_id")) for d in docs]),
        answer_in_top1=q.answerable and bool(docs) and matches(docs[0].page_content, q),
        answer_in_top4=q.answerable and any(matches(d.page_content, q) for d in docs[:4]),
    )


def run(
    a: Assistant,
    questions: list[Question],
    dataset: str,
    baselines: list[Baseline] | None = None,
    progress: bool = True,
) -> EvalRun:
    from tqdm import tqdm

    results = [
        evaluate_question(a, q)
        for q in tqdm(questions, desc="Questions", unit="q", disable=not progress, file=sys.stderr)
    ]
    out = EvalRun(dataset=dataset, results=results)
    for b in baselines or []:
        out.baselines[b.name] = [
            evaluate_baseline(b, q)
            for q in tqdm(questions, desc=b.name, unit="q", disable=not progress, file=sys.stderr)
        ]
        out.baseline_descriptions[b.name] = b.description
    return out


def _mean(values: list[float]) -> float | None:
    return float(np.mean(values)) if values else None


def metrics(results: list[QuestionResult], sources: dict[str, list[str]]) -> dict[str, float | None]:
    """All metrics of a group of questions. `sources`: question id -> expected doc ids."""
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    answered = [r for r in results if not r.abstained]
    cited = sum(len(r.citations) for r in answered)
    paged = [r for r in answerable if r.page_ok is not None]
    latencies = [r.latency_ms for r in results]
    m: dict[str, float | None] = {
        "questions": len(results),
        "answer_accuracy": _mean([r.correct for r in results]),
        "abstention_accuracy": _mean([r.abstained for r in unanswerable]),
        "false_abstention_rate": _mean([r.abstained for r in answerable]),
        **retrieval_metrics({r.id: r.retrieved_docs for r in answerable}, {r.id: sources[r.id] for r in answerable}),
        "citation_precision": sum(r.good_citations for r in answered) / cited if cited else None,
        "citation_recall": _mean([r.good_citations > 0 for r in answerable]),
        "page_accuracy": _mean([bool(r.page_ok) for r in paged]),
        "numeric_fidelity": _mean([r.numbers_ok for r in answered]),
        "answer_chars_mean": _mean([len(r.answer) for r in answered]),
        "latency_ms_p50": float(np.percentile(latencies, 50)) if latencies else None,
        "latency_ms_p95": float(np.percentile(latencies, 95)) if latencies else None,
        "answer_in_top1": _mean([r.answer_in_top1 for r in answerable]),
        "answer_in_top4": _mean([r.answer_in_top4 for r in answerable]),
    }
    return m


def baseline_metrics(results: list[BaselineResult], sources: dict[str, list[str]]) -> dict[str, float | None]:
    answerable = [r for r in results if sources[r.id]]
    return {
        **retrieval_metrics({r.id: r.retrieved_docs for r in answerable}, {r.id: sources[r.id] for r in answerable}),
        "answer_in_top1": _mean([r.answer_in_top1 for r in answerable]),
        "answer_in_top4": _mean([r.answer_in_top4 for r in answerable]),
    }


def summarize(run_: EvalRun, questions: list[Question]) -> dict[str, Any]:
    """The report record: metrics overall and by type, baselines, and every question's result."""
    sources = {q.id: q.sources for q in questions}
    types = sorted({r.type for r in run_.results})
    return {
        "dataset": run_.dataset,
        "metrics": metrics(run_.results, sources),
        "by_type": {t: metrics([r for r in run_.results if r.type == t], sources) for t in types},
        "baselines": {
            name: {
                "description": run_.baseline_descriptions[name],
                "metrics": baseline_metrics(res, sources),
                "by_type": {t: baseline_metrics([r for r in res if r.type == t], sources) for t in types},
            }
            for name, res in run_.baselines.items()
        },
        "questions": [asdict(r) for r in run_.results],
    }
