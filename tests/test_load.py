"""Load: 20 concurrent API clients get the same answers as one client, also during an upload
(issue #6, item 7). Latency percentiles are printed, not asserted."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.serving import serve_copy

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 20
QUESTIONS_EACH = 25
TIME_LIMIT_S = 240
UPLOAD_TEXT = (
    "Port security workshop 2026. The port security workshop trained 85 customs officers in "
    "Barbados in March 2026. Trainees practised container inspections.\n"
)


def dev_questions(n: int = 10) -> list[str]:
    lines = (ROOT / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()][:n]


def key(record: dict[str, Any]) -> tuple[Any, ...]:
    return record["answer"], tuple(c["chunk_id"] for c in record["citations"])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@pytest.fixture(scope="module")
def url(sample_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`cbsi serve --no-ingest` in a child process over a copy of the sample index."""
    with serve_copy(tmp_path_factory.mktemp("load"), "--no-ingest", index=sample_index) as served:
        yield served.url
        assert "Traceback" not in served.log.read_text(), served.log.read_text()


def new_client(url: str) -> Any:
    from gradio_client import Client

    return Client(url, analytics_enabled=False, verbose=False, download_files=False)


def test_twenty_concurrent_clients_get_the_single_client_answers(url: str) -> None:
    questions = dev_questions()
    one = new_client(url)
    expected = {q: key(one.predict(q, api_name="/ask")) for q in questions}
    clients = [new_client(url) for _ in range(CLIENTS)]
    latencies: list[float] = []
    lock = threading.Lock()

    def session(i: int) -> list[tuple[str, tuple[Any, ...]]]:
        got = []
        for j in range(QUESTIONS_EACH):
            q = questions[(i + j) % len(questions)]
            t = time.perf_counter()
            record = clients[i].predict(q, api_name="/ask")
            with lock:
                latencies.append(time.perf_counter() - t)
            got.append((q, key(record)))
        return got

    t0 = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = [pool.submit(session, i) for i in range(CLIENTS)]
        results = [f.result(timeout=TIME_LIMIT_S) for f in futures]  # re-raises any client's error
    wall = time.perf_counter() - t0
    print(
        f"\n{CLIENTS} clients x {QUESTIONS_EACH} questions: {len(latencies)} answers in {wall:.1f} s, "
        f"p50 {percentile(latencies, 50) * 1000:.0f} ms, p95 {percentile(latencies, 95) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms"
    )
    assert wall < TIME_LIMIT_S
    assert len(latencies) == CLIENTS * QUESTIONS_EACH
    for got in results:
        for q, k in got:
            assert k == expected[q], q


def test_answers_during_an_upload_are_from_before_or_after_it(url: str, tmp_path: Path) -> None:
    from gradio_client import handle_file

    questions = [*dev_questions(), "How many customs officers did the port security workshop train?"]
    one = new_client(url)
    before = {q: key(one.predict(q, api_name="/ask")) for q in questions}
    askers = [new_client(url) for _ in range(3)]
    stop = threading.Event()

    def keep_asking(i: int) -> list[tuple[str, dict[str, Any]]]:
        got = []
        j = 0
        while not stop.is_set() or j < len(questions):  # at least one round, then until the upload is done
            q = questions[(i + j) % len(questions)]
            got.append((q, askers[i].predict(q, api_name="/ask")))
            j += 1
        return got

    doc = tmp_path / "port-security-workshop-2026.txt"
    doc.write_text(UPLOAD_TEXT, encoding="utf-8")
    t0 = time.perf_counter()
    with ThreadPoolExecutor(len(askers)) as pool:
        futures = [pool.submit(keep_asking, i) for i in range(len(askers))]
        time.sleep(0.5)
        try:
            results = new_client(url).predict([handle_file(str(doc))], api_name="/upload")
        finally:
            stop.set()
        answered = [f.result(timeout=TIME_LIMIT_S) for f in futures]
    print(f"\nupload during questions: {sum(map(len, answered))} answers in {time.perf_counter() - t0:.1f} s")
    assert results == [{"file": doc.name, "status": "indexed", "detail": "document id port-security-workshop-2026"}], (
        results
    )

    after = {q: key(one.predict(q, api_name="/ask")) for q in questions}
    assert after[questions[-1]] != before[questions[-1]]  # the upload is visible
    assert after[questions[-1]][0].startswith("85")
    for got in answered:
        for q, record in got:
            assert record["citations"] or record["abstained"], record
            assert key(record) in (before[q], after[q]), q
