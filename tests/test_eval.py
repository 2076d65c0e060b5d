"""Evaluation: metric code on a hand-made set (scores worked out by hand), the dataset loader,
`--compare`, `cbsi eval` end to end, and the quality gate on eval/cbsi_qa.jsonl."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.eval_report import compare
from assistant.eval_run import METRIC_NAMES, QuestionResult, metrics
from assistant.evaluation import DatasetError, Question, load_dataset, matches, retrieval_metrics

ROOT = Path(__file__).resolve().parent.parent


def _r(
    id: str,
    answerable: bool,
    correct: bool,
    abstained: bool,
    docs: list[str],
    cites: int = 0,
    good: int = 0,
    numbers_ok: bool = True,
    latency: float = 10.0,
    answer: str = "x" * 100,
    page_ok: bool | None = None,
) -> QuestionResult:
    return QuestionResult(
        id=id,
        type="t",
        question="?",
        answerable=answerable,
        answer=answer,
        abstained=abstained,
        correct=correct,
        why="",
        citations=[{}] * cites,
        good_citations=good,
        numbers_ok=numbers_ok,
        page_ok=page_ok,
        latency_ms=latency,
        retrieved_docs=docs,
        answer_in_top1=False,
        answer_in_top4=False,
    )


def test_metrics_on_a_hand_made_set() -> None:
    results = [
        # q1: answered right, source ranked 1st, 2 citations of which 2 good, page right
        _r("q1", True, True, False, ["a", "b"], cites=2, good=2, latency=10, answer="x" * 100, page_ok=True),
        # q2: answered wrong, source ranked 2nd, 1 citation not good, a number not in its passage
        _r("q2", True, False, False, ["b", "a"], cites=1, good=0, numbers_ok=False, latency=20, answer="x" * 200),
        # q3: answerable but abstained (false abstention), source ranked 4th
        _r("q3", True, False, True, ["x", "y", "z", "c"], latency=30),
        # q4: unanswerable, abstained (right)
        _r("q4", False, True, True, ["a"], latency=40),
        # q5: unanswerable, answered anyway with 1 citation (wrong)
        _r("q5", False, False, False, ["b"], cites=1, good=0, latency=50, answer="x" * 300),
    ]
    sources = {"q1": ["a"], "q2": ["a"], "q3": ["c"], "q4": [], "q5": []}
    m = metrics(results, sources)
    assert m["answer_accuracy"] == pytest.approx(2 / 5)  # q1, q4
    assert m["abstention_accuracy"] == pytest.approx(1 / 2)  # q4 of q4, q5
    assert m["false_abstention_rate"] == pytest.approx(1 / 3)  # q3 of q1-q3
    assert m["recall@1"] == pytest.approx(1 / 3)  # only q1 has its source first
    assert m["recall@5"] == pytest.approx(1.0)  # every source within 4
    assert m["mrr@10"] == pytest.approx((1 + 1 / 2 + 1 / 4) / 3)
    # nDCG@10 with one relevant document at rank r is 1/log2(r+1): 1, 1/log2(3), 1/log2(5)
    assert m["ndcg@10"] == pytest.approx((1 + 1 / 1.5849625 + 1 / 2.3219281) / 3, rel=1e-5)
    assert m["citation_precision"] == pytest.approx(2 / 4)  # answered: 2+1+1 citations, 2 good
    assert m["citation_recall"] == pytest.approx(1 / 3)  # q1 only
    assert m["page_accuracy"] == pytest.approx(1.0)  # q1 is the only paged question
    assert m["numeric_fidelity"] == pytest.approx(2 / 3)  # q2 fails of q1, q2, q5
    assert m["answer_chars_mean"] == pytest.approx(200)  # (100+200+300)/3, abstentions excluded
    assert m["latency_ms_p50"] == pytest.approx(30)
    assert m["latency_ms_p95"] == pytest.approx(48)  # numpy linear: 40 + 0.8 * 10
    assert set(METRIC_NAMES) <= set(m)


def test_retrieval_metrics_with_several_relevant_documents() -> None:
    m = retrieval_metrics({"q": ["x", "a", "b"]}, {"q": ["a", "b"]})
    assert m["recall@1"] == 0 and m["recall@5"] == 1 and m["mrr@10"] == 0.5
    # DCG = 1/log2(3) + 1/log2(4); ideal = 1 + 1/log2(3)
    assert m["ndcg@10"] == pytest.approx((1 / 1.5849625 + 0.5) / (1 + 1 / 1.5849625), rel=1e-5)


def test_matching_rules() -> None:
    q = Question("q", "figure", "?", ["155,479", "$1 billion"], [], ["d"])
    assert matches("Through CBSI programs 155479 youth", q)
    assert matches("more than  1\nbillion", q)  # currency sign and white space ignored
    assert not matches("1.5 billion", q)
    lst = Question("l", "list", "?", [], ["IMPACS", "RSS"], ["d"])
    assert matches("impacs and rss", lst) and not matches("IMPACS only", lst)


@pytest.mark.parametrize(
    "line,message",
    [
        ('{"id": "a", "question": "q?", "answers": ["x"], "sources": ["d"]}\n{not json', r":2: not valid JSON"),
        ('{"id": "a", "question": "q?", "answers": ["x"]}', r":1: missing field 'sources'"),
        ('{"id": "a", "question": "q?", "answers": "x", "sources": []}', r":1: field 'answers' must be a list"),
        ('{"id": "a", "question": "q?", "answers": [], "sources": ["d"]}', r":1: an answerable question needs"),
        (
            '{"id": "a", "question": "q?", "answers": [], "sources": []}\n'
            '{"id": "a", "question": "r?", "answers": [], "sources": []}',
            r":2: duplicate id 'a'",
        ),
    ],
)
def test_loader_rejects_a_malformed_line_with_its_number(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(DatasetError, match=message):
        load_dataset(path)


def test_both_shipped_sets_load_with_the_documented_counts() -> None:
    held = load_dataset(ROOT / "eval" / "cbsi_qa.jsonl")
    counts = {t: sum(q.type == t for q in held) for t in {q.type for q in held}}
    minimum = {"figure": 20, "date": 8, "fact": 20, "list": 8, "unanswerable": 10, "followup": 6, "paraphrase": 10}
    assert len(held) >= 80 and all(counts.get(t, 0) >= n for t, n in minimum.items()), counts
    held_questions = {q.question.strip().lower() for q in held}
    # every tuning set is disjoint from the held-out set
    tuning_sets = sorted((ROOT / "eval").glob("dev*.jsonl"))
    assert len(tuning_sets) >= 17, tuning_sets  # dev.jsonl, dev2 ... dev17
    held_words = {q.id: _words(q.question) for q in held}
    for tuning in tuning_sets:
        dev = load_dataset(tuning)
        assert not {q.question.strip().lower() for q in dev} & held_questions, tuning.name
        if int(tuning.stem[3:] or 1) < 16:
            continue  # the older sets' near-duplicates are listed in eval/README.md ("Overlap")
        for q in dev:  # nor near-duplicates: three words in four the same (dev16 on)
            close = [h for h, w in held_words.items() if _overlap(_words(q.question), w) >= 0.7]
            assert not close, (tuning.name, q.id, close)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b)


def _report(correct: dict[str, bool], acc: float) -> dict:
    return {
        "metrics": {"answer_accuracy": acc, "latency_ms_p50": 20.0},
        "questions": [
            {"id": i, "type": "t", "question": f"{i}?", "correct": c, "why": "" if c else "wrong"}
            for i, c in correct.items()
        ],
    }


def test_compare_prints_changes_and_flips(tmp_path: Path) -> None:
    a = _report({"q1": True, "q2": False, "q3": True}, 0.667)
    a["metrics"]["answer_chars_mean"] = 200.0
    b = _report({"q1": True, "q2": True, "q3": False}, 0.667)
    b["metrics"]["answer_accuracy"], b["metrics"]["latency_ms_p50"] = 0.8, 30.0
    b["metrics"]["answer_chars_mean"] = 250.0
    text = compare(a, b)
    assert "| answer_accuracy | 0.667 | 0.800 | +0.133 better |" in text
    assert "| latency_ms_p50 | 20 | 30 | +10.000 worse |" in text
    assert "| answer_chars_mean | 200 | 250 | +50.000 |" in text  # length is neither better nor worse
    assert "Questions that flipped: 2" in text and "- q2 (t): now right" in text and "- q3 (t): now wrong" in text
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.json").write_text(json.dumps(a))
    (tmp_path / "b.json").write_text(json.dumps(b))
    result = CliRunner().invoke(main, ["eval", "--compare", str(tmp_path / "a"), str(tmp_path / "b.json")])
    assert result.exit_code == 0 and "+0.133 better" in result.output


def test_cbsi_eval_end_to_end(sample_index: Path, tmp_path: Path) -> None:
    dataset = tmp_path / "tiny.jsonl"
    dataset.write_text(
        "\n".join(
            json.dumps(d)
            for d in [
                {
                    "id": "t1",
                    "type": "figure",
                    "question": "How much has the U.S. committed through CBSI as of 2024?",
                    "answers": ["1 billion"],
                    "sources": ["dominican-republic-partnership-2024"],
                },
                {
                    "id": "t2",
                    "type": "unanswerable",
                    "question": "What was the CBSI budget for Cuba in 2031?",
                    "answers": [],
                    "sources": [],
                },
            ]
        )
        + "\n"
    )
    out = tmp_path / "report"
    docs = sample_index.parent / "documents"
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "--dataset",
            str(dataset),
            "--index",
            str(sample_index),
            "--documents",
            str(docs),
            "--out",
            str(out),
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert set(METRIC_NAMES) <= set(report["metrics"])
    assert report["metrics"]["answer_accuracy"] == 1.0 and report["metrics"]["recall@1"] == 1.0
    assert set(report["baselines"]) == {"langchain-recipe", "bm25"}
    assert [q["id"] for q in report["questions"]] == ["t1", "t2"] and report["questions"][1]["abstained"]
    assert (out / "report.md").read_text().startswith("# Evaluation")
    assert (out / "metrics.png").read_bytes()[:4] == b"\x89PNG" and (out / "latency.png").stat().st_size > 1000
    assert "| recall@1 | 1.000 |" in result.output


def test_quality_does_not_regress_on_the_held_out_set(sample_assistant) -> None:
    """Floors just under the levels measured on this held-out set at the end of 2026-11-24's third
    session: answer accuracy 0.825, abstention 0.769, false abstention 0.060, citation precision 0.768,
    citation recall 0.833 (at its start: 0.794, 0.769, 0.060, 0.724, 0.786: three comparison questions
    newly right, none newly wrong). The floors for answer accuracy moved from 0.78 to 0.81, citation
    precision from 0.72 to 0.75 and citation recall from 0.76 to 0.81. The issue's targets (0.90,
    0.90, 0.05, 0.95) are not met. No setting was chosen on this set; it served as the regression
    gate before each commit.

    Seventh session: an intro followed by headings and their paragraphs ("Program highlights
    include:") is now answered with the headings, each cited, so one unanswerable question answered
    before and after carries five citations instead of two (citation precision 0.770 -> 0.748); a
    later change made one more answer right (81 of 97: accuracy 0.835, citation precision 0.767,
    citation recall 0.845), so the floors stay where they were.

    Eighth session: a close sentence that speaks of the question's year or subject stands in for a
    best one that does not, instead of abstaining: 82 of 97 (accuracy 0.845, false abstention 0.048,
    the first of the issue's targets met here, citation precision 0.769, citation recall 0.857).
    Floors: accuracy 0.81 -> 0.83, false abstention 0.07 -> 0.06."""
    from assistant import eval_run
    from assistant.baselines import build_baselines
    from assistant.embeddings import resolve_model

    questions = load_dataset(ROOT / "eval" / "cbsi_qa.jsonl")
    baselines = build_baselines(ROOT / "documents", resolve_model(sample_assistant.data.model))
    report = eval_run.summarize(
        eval_run.run(sample_assistant, questions, "cbsi_qa", baselines, progress=False), questions
    )
    m = report["metrics"]
    assert m["numeric_fidelity"] == 1.0
    assert m["recall@5"] >= 0.95
    assert m["answer_accuracy"] >= 0.83
    assert m["abstention_accuracy"] >= 0.74
    assert m["false_abstention_rate"] <= 0.06
    assert m["citation_precision"] >= 0.75
    assert m["citation_recall"] >= 0.81
    for b in report["baselines"].values():
        assert m["recall@1"] > b["metrics"]["recall@1"] and m["mrr@10"] > b["metrics"]["mrr@10"]


@pytest.mark.parametrize(
    ("name", "documents", "floors"),
    [
        # Eleventh session, 39 -> 54 of 60 (accuracy 0.650 -> 0.900, abstention 0.556 -> 0.889).
        ("a", 7, {"answer_accuracy": 0.86, "abstention_accuracy": 0.85, "false_abstention_rate": 0.06}),
        # Twelfth session, 35 -> 48 of 60 (accuracy 0.583 -> 0.800, abstention 0.400 -> 0.700).
        ("c", 7, {"answer_accuracy": 0.76, "abstention_accuracy": 0.6, "false_abstention_rate": 0.08}),
        # Thirteenth session, 42 -> 50 of 60 (accuracy 0.700 -> 0.833, abstention 0.900 -> 1.000).
        ("e", 7, {"answer_accuracy": 0.8, "abstention_accuracy": 0.9, "false_abstention_rate": 0.1}),
        # Held out in the thirteenth session (39 of 60), tuning in the fourteenth: 39 -> 42 (0.650 -> 0.700).
        ("f", 7, {"answer_accuracy": 0.66, "abstention_accuracy": 0.6, "false_abstention_rate": 0.1}),
        # Held out in the fourteenth session, tuning in the fifteenth: g 43 -> 51 of 60, h 41 -> 45.
        ("g", 7, {"answer_accuracy": 0.8, "abstention_accuracy": 0.8, "false_abstention_rate": 0.1}),
        ("h", 7, {"answer_accuracy": 0.7, "abstention_accuracy": 0.8, "false_abstention_rate": 0.1, "recall@5": 0.9}),
        # Held out in the fifteenth session, tuning in the sixteenth: i 41 -> 54 of 60, j 46 -> 56.
        ("i", 7, {"answer_accuracy": 0.86, "abstention_accuracy": 0.9, "false_abstention_rate": 0.05}),
        ("j", 7, {"answer_accuracy": 0.88, "abstention_accuracy": 0.8, "false_abstention_rate": 0.05}),
        # Held out in the sixteenth session, tuning in the seventeenth: k 43 -> 54 of 60, l 39 -> 46.
        ("k", 7, {"answer_accuracy": 0.86, "abstention_accuracy": 0.8, "false_abstention_rate": 0.05}),
        ("l", 7, {"answer_accuracy": 0.73, "abstention_accuracy": 0.7, "false_abstention_rate": 0.05}),
    ],
)
def test_quality_does_not_regress_on_documents_outside_the_sample(
    tmp_path: Path, real_embedder, name: str, documents: int, floors: dict[str, float]
) -> None:
    """eval/outside/a, c, e, f, g, h, i, j, k and l: documents written for evaluation (text, Markdown, HTML with
    tables, PDFs), none of them in the sample, with 60 questions each. Each was written apart and became
    a tuning set: its failures were read and fixed. The floors sit a little below where the sessions
    ended. (eval/outside/d, m and n are held out and are not run here.)"""
    from assistant import Assistant, eval_run
    from assistant.config import Settings
    from assistant.ingest import ingest

    root = ROOT / "eval" / "outside" / name
    report = ingest(
        Settings(documents_dir=root / "documents", index_dir=tmp_path / "index"), embedder=real_embedder, progress=False
    )
    assert report.documents == documents and not report.skipped
    questions = load_dataset(root / "qa.jsonl")
    assistant = Assistant.open(tmp_path / "index", embedder=real_embedder)
    m = eval_run.summarize(eval_run.run(assistant, questions, f"outside-{name}", progress=False), questions)["metrics"]
    assert m["numeric_fidelity"] == 1.0
    assert m["answer_accuracy"] >= floors["answer_accuracy"]
    assert m["abstention_accuracy"] >= floors["abstention_accuracy"]
    assert m["false_abstention_rate"] <= floors["false_abstention_rate"]
    assert m["recall@5"] >= floors.get("recall@5", 0.95)
