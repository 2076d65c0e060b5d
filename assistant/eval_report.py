"""Evaluation reports: report.json, report.md, PNG charts, the terminal table, and comparisons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.eval_run import METRIC_NAMES

# Metrics shown in tables, with the baselines' comparable columns.
TABLE_METRICS = (*METRIC_NAMES, "answer_in_top1", "answer_in_top4")
LOWER_IS_BETTER = {"false_abstention_rate", "latency_ms_p50", "latency_ms_p95"}
NEUTRAL = {"answer_chars_mean"}  # longer or shorter is neither better nor worse by itself


def fmt(value: float | None, metric: str = "") -> str:
    if value is None:
        return "-"
    if metric.startswith(("latency", "answer_chars")) or metric == "questions":
        return f"{value:.0f}" if metric != "latency_ms_p50" or value >= 10 else f"{value:.1f}"
    return f"{value:.3f}"


def summary_table(report: dict[str, Any]) -> str:
    """Markdown table: every metric for our system and each baseline."""
    names = list(report.get("baselines", {}))
    rows = ["| metric | ours | " + " | ".join(names) + " |", "|---|---:|" + "---:|" * len(names)]
    for m in TABLE_METRICS:
        cells = [fmt(report["baselines"][n]["metrics"].get(m), m) for n in names]
        rows.append(f"| {m} | {fmt(report['metrics'].get(m), m)} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def by_type_table(report: dict[str, Any]) -> str:
    cols = (
        "questions",
        "answer_accuracy",
        "false_abstention_rate",
        "abstention_accuracy",
        "recall@1",
        "citation_precision",
        "numeric_fidelity",
    )
    rows = ["| type | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]
    for t, m in report["by_type"].items():
        rows.append(f"| {t} | " + " | ".join(fmt(m.get(c), c) for c in cols) + " |")
    return "\n".join(rows)


def write_report(report: dict[str, Any], out: Path) -> list[Path]:
    """Write report.json, report.md and the charts into `out`; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    failures = [q for q in report["questions"] if not q["correct"]]
    md = [
        f"# Evaluation: {report['dataset']}",
        "",
        f"{report['metrics']['questions']} questions.",
        "",
        "## Ours against the baselines",
        "",
        summary_table(report),
        "",
    ]
    for name, b in report.get("baselines", {}).items():
        md.append(f"- **{name}**: {b['description']}")
    md += ["", "## By type", "", by_type_table(report), "", f"## Failures ({len(failures)})", ""]
    for q in failures:
        md += [
            f"### {q['id']} ({q['type']}): {q['question']}",
            "",
            f"- why: {q['why']}",
            f"- answer: {q['answer']!r}",
            f"- retrieved documents: {', '.join(q['retrieved_docs'][:3])}",
            "",
        ]
    (out / "report.md").write_text("\n".join(md), encoding="utf-8")
    return [out / "report.json", out / "report.md", *_charts(report, out)]


def _charts(report: dict[str, Any], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = ["recall@1", "recall@5", "mrr@10", "ndcg@10", "answer_in_top1", "answer_in_top4"]
    systems = {"ours": report["metrics"], **{n: b["metrics"] for n, b in report.get("baselines", {}).items()}}
    fig, ax = plt.subplots(figsize=(9, 4))
    width = 0.8 / len(systems)
    for i, (name, m) in enumerate(systems.items()):
        ax.bar([k + i * width for k in range(len(keys))], [m.get(k) or 0 for k in keys], width, label=name)
    ax.set_xticks([k + width * (len(systems) - 1) / 2 for k in range(len(keys))], keys)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"Retrieval against baselines (ours: answer accuracy {fmt(report['metrics']['answer_accuracy'])})")
    ax.legend()
    fig.tight_layout()
    bars = out / "metrics.png"
    fig.savefig(bars, dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.hist([q["latency_ms"] for q in report["questions"]], bins=30)
    ax.set_xlabel("latency per question (ms)")
    ax.set_ylabel("questions")
    ax.set_title(
        f"p50 {fmt(report['metrics']['latency_ms_p50'], 'latency_ms_p50')} ms, "
        f"p95 {fmt(report['metrics']['latency_ms_p95'], 'latency_ms_p95')} ms"
    )
    fig.tight_layout()
    hist = out / "latency.png"
    fig.savefig(hist, dpi=110)
    plt.close(fig)
    return [bars, hist]


def compare(a: dict[str, Any], b: dict[str, Any]) -> str:
    """Every metric of report A against report B (B - A), and the questions whose outcome flipped."""
    lines = ["| metric | A | B | change |", "|---|---:|---:|---:|"]
    for m in TABLE_METRICS:
        va, vb = a["metrics"].get(m), b["metrics"].get(m)
        delta = "-" if va is None or vb is None else f"{vb - va:+.3f}"
        if delta not in ("-", "+0.000", "-0.000") and m not in NEUTRAL:
            better = (vb < va) if m in LOWER_IS_BETTER else (vb > va)
            delta += " better" if better else " worse"
        lines.append(f"| {m} | {fmt(va, m)} | {fmt(vb, m)} | {delta} |")
    qa = {q["id"]: q for q in a["questions"]}
    flipped = [q for q in b["questions"] if q["id"] in qa and q["correct"] != qa[q["id"]]["correct"]]
    lines += ["", f"Questions that flipped: {len(flipped)}"]
    for q in flipped:
        state = "now right" if q["correct"] else f"now wrong ({q['why']})"
        lines.append(f"- {q['id']} ({q['type']}): {state}: {q['question']}")
    only = set(qa) ^ {q["id"] for q in b["questions"]}
    if only:
        lines.append(f"Questions in only one report: {', '.join(sorted(only))}")
    return "\n".join(lines)


def load_report(path: Path) -> dict[str, Any]:
    p = Path(path)
    p = p / "report.json" if p.is_dir() else p
    report: dict[str, Any] = json.loads(p.read_text(encoding="utf-8"))
    if "metrics" not in report or "questions" not in report:
        raise ValueError(f"{p} is not a cbsi eval report")
    return report
