"""`cbsi bench`: speed and scale, every comparison measured in the same run, as a ratio.

Items (the issue's numbering):
1. warm `Assistant.ask` latency over the evaluation questions, split into embed / retrieve / answer,
   against the floor (embedding the query alone) and the plain LangChain recipe's retrieval;
2. cold start: a fresh `cbsi ask` process against a plain LangChain script process, alternately;
3. ingest rate from scratch, and a re-ingest after one file changes;
4. scale: a generated corpus at 10k (and 100k) chunks, and 1M vectors alone;
5. memory: peak RSS of a `cbsi serve` process.
Timing lives here, never in tests; the tests only check that this runs end to end.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
QUESTION_SETS = ("cbsi_qa.jsonl", "dev.jsonl", "dev2.jsonl")
PROBE_QUESTION = "How much has the U.S. committed through CBSI as of 2024?"

RECIPE_SCRIPT = '''"""The plain LangChain recipe as a user would run it: load a saved FAISS index, answer one query.

The store is read from the FAISS file and a JSON list of its documents (LangChain's own
`save_local`/`load_local` would unpickle the docstore; nothing here unpickles anything).
"""
import json
import sys
import warnings

warnings.filterwarnings("ignore")
import faiss
from langchain_community.docstore.in_memory import InMemoryDocstore
from langchain_community.vectorstores import FAISS
from langchain_core.documents import Document
from langchain_huggingface import HuggingFaceEmbeddings

embeddings = HuggingFaceEmbeddings(model_name=sys.argv[1], model_kwargs={"device": "cpu"})
with open(sys.argv[2] + "/documents.json", encoding="utf-8") as f:
    rows = json.load(f)
store = FAISS(
    embedding_function=embeddings,
    index=faiss.read_index(sys.argv[2] + "/index.faiss"),
    docstore=InMemoryDocstore({r["id"]: Document(page_content=r["text"], metadata=r["metadata"]) for r in rows}),
    index_to_docstore_id={i: r["id"] for i, r in enumerate(rows)},
)
for doc in store.similarity_search(sys.argv[3], k=4):
    print(doc.metadata.get("doc_id"), doc.page_content[:80].replace("\\n", " "))
'''


@dataclass
class BenchConfig:
    out: Path
    quick: bool = False
    documents: Path = ROOT / "documents"
    eval_dir: Path = ROOT / "eval"
    scale_sizes: tuple[int, ...] = (10_000, 100_000)
    million: int = 1_000_000
    cold_runs: int = 3
    warm_rounds: int = 3
    serve: bool = True
    keep_work: bool = False
    echo: Callable[[str], None] = field(default=print)

    def __post_init__(self) -> None:
        if self.quick:  # items 1-3 and one 10k point, as the issue defines --quick
            self.scale_sizes, self.million, self.cold_runs, self.serve = self.scale_sizes[:1], 0, 2, False


def percentiles(values: list[float]) -> dict[str, float]:
    """p50 and p95 (numpy's linear interpolation) in the values' unit.

    >>> percentiles([5.0, 1.0, 3.0, 2.0, 4.0])
    {'p50': 3.0, 'p95': 4.8, 'n': 5}
    """
    if not values:
        return {"p50": float("nan"), "p95": float("nan"), "n": 0}
    ordered = sorted(values)
    return {"p50": float(statistics.median(ordered)), "p95": float(np.percentile(ordered, 95)), "n": len(ordered)}


def _timed(f: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """`f(*args)` and how long it took, in ms."""
    t = time.perf_counter()
    out = f(*args)
    return out, (time.perf_counter() - t) * 1000


def load_questions(eval_dir: Path) -> list[tuple[str, list[dict[str, str]]]]:
    from assistant.evaluation import load_dataset

    out = []
    for name in QUESTION_SETS:
        if (eval_dir / name).exists():
            out += [(q.question, q.history) for q in load_dataset(eval_dir / name)]
    return out or [(PROBE_QUESTION, [])]


def _index_bytes(index_dir: Path) -> int:
    from assistant.store import read_manifest

    return sum(int(f["bytes"]) for f in read_manifest(index_dir)["files"].values())


def _env() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "CBSI_AUDIT": os.devnull}


# 3. ingest -----------------------------------------------------------------------------------------


def bench_ingest(cfg: BenchConfig, work: Path, embedder: Any) -> tuple[dict[str, Any], Path]:
    from assistant.api import Assistant

    docs, index = work / "documents", work / "index"
    shutil.copytree(cfg.documents, docs)
    report = Assistant.build(docs, index, embedder=embedder, rebuild=True)
    first = {
        "chunks": report.chunks,
        "seconds": report.seconds,
        "embed_seconds": report.embed_seconds,
        "chunks_per_s": report.chunks / report.seconds if report.seconds else None,
        "sentences_embedded": report.embedded_sentences,
    }
    # The whole `cbsi ingest` command, model loading included, from scratch in a new process.
    cold_index = work / "index-cold"
    t = time.perf_counter()
    command = [sys.executable, "-m", "assistant", "ingest", "--rebuild", "--index", str(cold_index)]
    subprocess.run(command, env={**_env(), "CBSI_DOCUMENTS": str(docs)}, check=True, capture_output=True)
    process_s = time.perf_counter() - t
    shutil.rmtree(cold_index, ignore_errors=True)

    changed = sorted(p for p in docs.iterdir() if p.suffix in (".txt", ".md"))[0]
    with changed.open("a", encoding="utf-8") as f:
        f.write("\n\nIn 2025 the partners added a regional maritime coordination cell in Bridgetown.\n")
    again = Assistant.build(docs, index, embedder=embedder)
    one_file = {
        "file": changed.name,
        "chunks_embedded": again.embedded,
        "sentences_embedded": again.embedded_sentences,
        "seconds": again.seconds,
        "embed_seconds": again.embed_seconds,
        "seconds_besides_embedding": again.seconds - again.embed_seconds,
    }
    return {"from_scratch": first, "process_seconds": process_s, "one_file_changed": one_file}, index


# 1. warm latency ------------------------------------------------------------------------------------


def bench_warm(cfg: BenchConfig, index: Path, embedder: Any) -> dict[str, Any]:
    from transformers.utils import logging as hf_logging

    from assistant.api import Assistant
    from assistant.baselines import langchain_recipe, tutorial_documents
    from assistant.conversation import clean_question, resolve
    from assistant.embeddings import resolve_model

    hf_logging.disable_progress_bar()  # the recipe loads the model through transformers
    questions = load_questions(cfg.eval_dir)
    assistant = Assistant.open(index, embedder=embedder)
    recipe = langchain_recipe(tutorial_documents(cfg.documents), resolve_model(embedder.name))
    store = recipe.retriever.vectorstore
    store.similarity_search("warm up", k=4)
    floor: list[float] = []
    total: list[float] = []
    recipe_ms: list[float] = []
    parts: dict[str, list[float]] = {"embed": [], "retrieve": [], "answer": []}
    queries = [resolve(clean_question(q), h).query for q, h in questions]
    # Alternate rounds of whole blocks: each series sees the same machine noise, and no series runs
    # right after torch (the recipe), whose idle OpenMP threads keep spinning for a while.
    for _ in range(cfg.warm_rounds):
        floor += [_timed(embedder.encode, [q])[1] for q in queries]
        for question, history in questions:
            answer = assistant.ask(question, history)
            total.append(answer.timings_ms["total"])
            for k in parts:
                parts[k].append(answer.timings_ms[k])
        recipe_ms += [_timed(store.similarity_search, q, 4)[1] for q, _ in questions]
    ask, fl, rc = percentiles(total), percentiles(floor), percentiles(recipe_ms)
    return {
        "questions": len(questions),
        "rounds": cfg.warm_rounds,
        "ask_ms": ask,
        "split_ms": {k: percentiles(v) for k, v in parts.items()},
        "embed_floor_ms": fl,
        "recipe_retrieval_ms": rc,
        "ratio_to_floor": ask["p50"] / fl["p50"],
        "ratio_to_recipe": ask["p50"] / rc["p50"],
        "recipe_store": store,
    }


# 2. cold start --------------------------------------------------------------------------------------


def bench_cold(cfg: BenchConfig, work: Path, index: Path, store: Any, model_path: str) -> dict[str, Any]:
    import faiss

    recipe_dir = work / "recipe-index"
    recipe_dir.mkdir()
    faiss.write_index(store.index, str(recipe_dir / "index.faiss"))
    rows = []
    for i in range(store.index.ntotal):
        doc = store.docstore.search(store.index_to_docstore_id[i])
        rows.append({"id": store.index_to_docstore_id[i], "text": doc.page_content, "metadata": doc.metadata})
    (recipe_dir / "documents.json").write_text(json.dumps(rows), encoding="utf-8")
    script = work / "langchain_ask.py"
    script.write_text(RECIPE_SCRIPT, encoding="utf-8")
    ours_cmd = [sys.executable, "-m", "assistant", "ask", "--no-audit", "--index", str(index), PROBE_QUESTION]
    theirs_cmd = [sys.executable, str(script), model_path, str(recipe_dir), PROBE_QUESTION]
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(cfg.cold_runs):  # alternately
        for command, series in ((ours_cmd, ours), (theirs_cmd, theirs)):
            t = time.perf_counter()
            subprocess.run(command, env=_env(), check=True, capture_output=True, timeout=300)
            series.append(time.perf_counter() - t)
    mine, recipe = statistics.median(ours), statistics.median(theirs)
    return {
        "runs": cfg.cold_runs,
        "cbsi_ask_s": ours,
        "langchain_script_s": theirs,
        "ratio": mine / recipe,
        "median": [mine, recipe],
    }


# 4. scale -------------------------------------------------------------------------------------------


def _search_timings(index: Any, queries: np.ndarray, k: int = 10) -> dict[str, float]:
    index.search(queries[:1], k)
    return percentiles([_timed(index.search, queries[i : i + 1], k)[1] for i in range(len(queries))])


def bench_scale_point(work: Path, n: int, embedder: Any, questions: list[str], qvecs: np.ndarray) -> dict[str, Any]:
    """Build the generated corpus at `n` chunks and time searches and questions (`qvecs`: their vectors)."""
    from assistant.ann import recall_at_k
    from assistant.api import Assistant
    from assistant.scale import generate_corpus

    docs, index = work / f"scale-{n}" / "documents", work / f"scale-{n}" / "index"
    t = time.perf_counter()
    generate_corpus(docs, n, seed=0)
    generate_s = time.perf_counter() - t
    report = Assistant.build(docs, index, embedder=embedder, rebuild=True)
    assistant = Assistant.open(index, embedder=embedder)
    faiss_index = assistant.data.faiss_index
    vectors = assistant.data.vectors()
    hybrid = []
    for q, v in zip(questions, qvecs, strict=True):
        hybrid.append(_timed(assistant.search.search, q, v)[1])
    asks = [assistant.ask(q).timings_ms for q in questions]
    out = {
        "chunks": report.chunks,
        "generate_s": generate_s,
        "build_s": report.seconds,
        "embed_s": report.embed_seconds,
        "build_besides_embedding_s": report.seconds - report.embed_seconds,
        "index_bytes_per_chunk": _index_bytes(index) / max(report.chunks, 1),
        "faiss": assistant.data.manifest.get("faiss", {}),
        "faiss_search_ms": _search_timings(faiss_index, qvecs),
        "hybrid_search_ms": percentiles(hybrid),
        "ask_ms": percentiles([t["total"] for t in asks]),
        "ask_split_ms": {k: percentiles([t[k] for t in asks]) for k in ("embed", "retrieve", "answer")},
        "recall@10": recall_at_k(faiss_index, vectors, qvecs, 10),
        "index_dir": str(index),
    }
    return out


def bench_million(cfg: BenchConfig, basis: np.ndarray, qvecs: np.ndarray) -> dict[str, Any]:
    import faiss

    from assistant.ann import build_vector_index, recall_at_k
    from assistant.scale import synthetic_vectors

    t = time.perf_counter()
    vectors = synthetic_vectors(cfg.million, basis, seed=1)
    queries = np.vstack([qvecs, synthetic_vectors(200, basis, seed=2)]).astype(np.float32)
    generate_s = time.perf_counter() - t
    (index, description), build_ms = _timed(build_vector_index, vectors)
    size = len(faiss.serialize_index(index))
    out = {
        "vectors": cfg.million,
        "generate_s": generate_s,
        "build_s": build_ms / 1000,
        "faiss": description,
        "bytes_per_vector": size / cfg.million,
        "search_ms": _search_timings(index, queries),
        "recall@10": recall_at_k(index, vectors, queries, 10),
        "queries": len(queries),
    }
    return out


# 5. memory ------------------------------------------------------------------------------------------


def serving_peak_rss_mb(index: Path, work: Path, questions: list[str]) -> dict[str, Any]:
    """Start `cbsi serve` on `index`, ask through its API, read the process's peak RSS (VmHWM)."""
    from assistant.serve_process import ServeFailed, serving

    args = ["--no-ingest", "--no-audit", "--index", str(index)]
    env = {**_env(), "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1"}
    try:
        with serving(args, env=env, cwd=work, out=work / f"serve-{index.parent.name}.out", timeout=600) as running:
            asked = 0
            try:
                from gradio_client import Client

                client = Client(running.url, verbose=False)
                for q in questions:
                    client.predict(q, api_name="/ask")
                    asked += 1
            except ImportError:
                pass
            status = Path(f"/proc/{running.process.pid}/status").read_text()
    except ServeFailed as e:
        return {"error": str(e)[-300:]}
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith("Vm")}
    return {"peak_rss_mb": kb.get("VmHWM", 0) / 1024, "rss_mb": kb.get("VmRSS", 0) / 1024, "questions": asked}


# the run --------------------------------------------------------------------------------------------


def run(cfg: BenchConfig) -> dict[str, Any]:
    from assistant.embeddings import Embedder, resolve_model

    started = time.perf_counter()
    cfg.out.mkdir(parents=True, exist_ok=True)
    work = cfg.out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    say = cfg.echo
    result: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_start": os.getloadavg(),
        },
        "quick": cfg.quick,
    }
    embedder = Embedder()
    _, load_ms = _timed(embedder.encode, ["warm up"])
    result["model_load_s"] = load_ms / 1000
    say("3. ingest ...")
    result["ingest"], index = bench_ingest(cfg, work, embedder)
    say("1. warm latency ...")
    warm = bench_warm(cfg, index, embedder)
    store = warm.pop("recipe_store")
    result["warm"] = warm
    say("2. cold start ...")
    result["cold"] = bench_cold(cfg, work, index, store, resolve_model(embedder.name))
    questions = [q for q, _ in load_questions(cfg.eval_dir)]
    probes = questions[:100]
    qvecs = embedder.encode(probes)
    result["scale"] = []
    for n in cfg.scale_sizes:
        say(f"4. scale: {n:,} chunks ...")
        result["scale"].append(bench_scale_point(work, n, embedder, probes, qvecs))
    if cfg.million:
        say(f"4. scale: {cfg.million:,} vectors ...")
        from assistant.store import load_index

        basis = load_index(Path(result["scale"][-1]["index_dir"])).vectors() if result["scale"] else qvecs
        result["million"] = bench_million(cfg, basis, qvecs)
    if cfg.serve:
        say("5. memory ...")
        result["memory"] = {"sample": serving_peak_rss_mb(index, work, questions[:10])}
        if result["scale"]:
            big = Path(result["scale"][-1]["index_dir"])
            result["memory"][f"{result['scale'][-1]['chunks']}_chunks"] = serving_peak_rss_mb(big, work, questions[:10])
    result["machine"]["load_average_end"] = os.getloadavg()
    result["seconds"] = time.perf_counter() - started
    result["targets"] = targets(result)
    (cfg.out / "bench.json").write_text(json.dumps(result, indent=2, default=float), encoding="utf-8")
    (cfg.out / "bench.md").write_text(markdown(result), encoding="utf-8")
    if not cfg.keep_work:
        shutil.rmtree(work, ignore_errors=True)
    return result


def targets(r: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets against what this run measured."""
    rows: list[dict[str, Any]] = []

    def add(name: str, measured: float | None, limit: float, higher_is_better: bool = False, unit: str = "") -> None:
        ok = None if measured is None else (measured >= limit if higher_is_better else measured <= limit)
        rows.append({"target": name, "measured": measured, "limit": limit, "unit": unit, "met": ok})

    w = r["warm"]
    add("warm ask p50 / query-embedding floor", w["ratio_to_floor"], 1.5, unit="x")
    add("warm ask p50", w["ask_ms"]["p50"], 25, unit="ms")
    add("cold `cbsi ask` process", r["cold"]["median"][0], 4.0, unit="s")
    add("cold `cbsi ask` / LangChain script", r["cold"]["ratio"], 1.0, unit="x")
    add("ingest from scratch", r["ingest"]["from_scratch"]["chunks_per_s"], 100, higher_is_better=True, unit="chunks/s")
    one = r["ingest"]["one_file_changed"]
    add("one-file re-ingest besides its embedding", one["seconds_besides_embedding"], 2.0, unit="s")
    if "million" in r:
        add("1M vectors search p50", r["million"]["search_ms"]["p50"], 10, unit="ms")
        add("1M vectors recall@10", r["million"]["recall@10"], 0.95, higher_is_better=True)
    for key, m in r.get("memory", {}).items():
        if key != "sample" and "peak_rss_mb" in m:
            add(f"serving peak RSS, {key.replace('_', ' ')}", m["peak_rss_mb"], 1200, unit="MB")
    return rows


def _f(x: Any, digits: int = 1) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return f"{x:,}" if isinstance(x, int) else str(x)


def markdown(r: dict[str, Any]) -> str:
    w, c, ing = r["warm"], r["cold"], r["ingest"]
    first = ing["from_scratch"]
    lines = [
        f"# cbsi bench{' --quick' if r['quick'] else ''}",
        "",
        f"{r['machine']['cpus']} CPUs, Python {r['machine']['python']}, load average "
        f"{r['machine']['load_average_start'][0]:.2f} at start and {r['machine']['load_average_end'][0]:.2f} at end; "
        f"{r['seconds']:.0f} s in all. Model load (ONNX): {r['model_load_s']:.2f} s.",
        "",
        "## Targets",
        "",
        "| target | measured | limit | met |",
        "|---|---:|---:|---|",
    ]
    for t in r["targets"]:
        met = {True: "yes", False: "**no**", None: "n/a"}[t["met"]]
        lines.append(
            f"| {t['target']} | {_f(t['measured'], 2)} {t['unit']} | {_f(t['limit'], 2)} {t['unit']} | {met} |"
        )
    sp = w["split_ms"]
    lines += [
        "",
        f"## 1. Warm question latency ({w['questions']} evaluation questions, {w['rounds']} alternate rounds, ms)",
        "",
        "| series | p50 | p95 |",
        "|---|---:|---:|",
        f"| `Assistant.ask` | {_f(w['ask_ms']['p50'], 2)} | {_f(w['ask_ms']['p95'], 2)} |",
        f"| of which embed | {_f(sp['embed']['p50'], 2)} | {_f(sp['embed']['p95'], 2)} |",
        f"| of which retrieve | {_f(sp['retrieve']['p50'], 2)} | {_f(sp['retrieve']['p95'], 2)} |",
        f"| of which answer | {_f(sp['answer']['p50'], 2)} | {_f(sp['answer']['p95'], 2)} |",
        f"| floor: embedding the query alone | {_f(w['embed_floor_ms']['p50'], 2)} "
        f"| {_f(w['embed_floor_ms']['p95'], 2)} |",
        f"| LangChain recipe retrieval (k=4) | {_f(w['recipe_retrieval_ms']['p50'], 2)} "
        f"| {_f(w['recipe_retrieval_ms']['p95'], 2)} |",
        "",
        f"Ratio of ask p50 to the floor: **{w['ratio_to_floor']:.2f}x**; to the recipe's retrieval: "
        f"**{w['ratio_to_recipe']:.2f}x**.",
        "",
        f"## 2. Cold start ({c['runs']} alternate runs each, seconds)",
        "",
        "| process | runs | median |",
        "|---|---|---:|",
        f'| `cbsi ask "..."` | {", ".join(f"{x:.2f}" for x in c["cbsi_ask_s"])} | {c["median"][0]:.2f} |',
        f"| plain LangChain script (load saved FAISS, k=4) | {', '.join(f'{x:.2f}' for x in c['langchain_script_s'])} "
        f"| {c['median'][1]:.2f} |",
        "",
        f"Ratio: **{c['ratio']:.2f}x**.",
        "",
        "## 3. Ingest (sample corpus)",
        "",
        f"- From scratch, model loaded: {first['chunks']} chunks in {first['seconds']:.2f} s "
        f"(embedding {first['embed_seconds']:.2f} s, {first['sentences_embedded']} "
        f"sentences too) = **{first['chunks_per_s']:.0f} chunks/s**.",
        f"- The whole `cbsi ingest --rebuild` process, model load included: {ing['process_seconds']:.2f} s.",
        f"- One file changed ({ing['one_file_changed']['file']}): "
        f"{_count(ing['one_file_changed']['chunks_embedded'], 'chunk')} and "
        f"{_count(ing['one_file_changed']['sentences_embedded'], 'sentence')} re-embedded, "
        f"{ing['one_file_changed']['seconds']:.2f} s in all, of which embedding "
        f"{ing['one_file_changed']['embed_seconds']:.2f} s.",
    ]
    if r["scale"]:
        lines += [
            "",
            "## 4. Scale (generated policy-style corpus; search over the evaluation questions' vectors)",
            "",
            "| chunks | FAISS index | build s (embedding s) | bytes/chunk | FAISS search p50/p95 ms "
            "| hybrid search p50/p95 ms | ask p50/p95 ms | recall@10 |",
            "|---:|---|---:|---:|---:|---:|---:|---:|",
        ]
        for s in r["scale"]:
            lines.append(
                f"| {s['chunks']:,} | {_faiss_name(s['faiss'])} | {s['build_s']:.1f} ({s['embed_s']:.1f}) "
                f"| {s['index_bytes_per_chunk']:,.0f} "
                f"| {s['faiss_search_ms']['p50']:.2f} / {s['faiss_search_ms']['p95']:.2f} "
                f"| {s['hybrid_search_ms']['p50']:.2f} / {s['hybrid_search_ms']['p95']:.2f} "
                f"| {s['ask_ms']['p50']:.2f} / {s['ask_ms']['p95']:.2f} | {s['recall@10']:.3f} |"
            )
    if "million" in r:
        m = r["million"]
        lines += [
            "",
            f"{m['vectors']:,} vectors alone (mixtures of real chunk embeddings plus noise; {m['queries']} queries): "
            f"{_faiss_name(m['faiss'])}, built in {m['build_s']:.0f} s, {m['bytes_per_vector']:.0f} bytes/vector, "
            f"search p50 {m['search_ms']['p50']:.2f} ms / p95 {m['search_ms']['p95']:.2f} ms, "
            f"recall@10 against exact search **{m['recall@10']:.3f}**.",
        ]
    if "memory" in r:
        lines += ["", "## 5. Memory (peak RSS of `cbsi serve`, after answering through its API)", ""]
        for key, mem in r["memory"].items():
            if "peak_rss_mb" in mem:
                lines.append(
                    f"- {key.replace('_', ' ')}: **{mem['peak_rss_mb']:.0f} MB** ({mem['questions']} questions)"
                )
            else:
                lines.append(f"- {key.replace('_', ' ')}: did not start ({mem.get('error', '')[:120]})")
    return "\n".join(lines) + "\n"


def _count(n: int, noun: str) -> str:
    """
    >>> _count(1, "chunk"), _count(3, "sentence")
    ('1 chunk', '3 sentences')
    """
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _faiss_name(d: dict[str, Any]) -> str:
    params = ", ".join(f"{k} {v}" for k, v in d.items() if k not in ("type", "metric", "threshold"))
    return f"{d.get('type', '?')}" + (f" ({params})" if params else "")
