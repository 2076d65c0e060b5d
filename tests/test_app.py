"""The web page's `/ask` API through a real server and `gradio_client`, plus its Markdown rendering."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from assistant.app import TITLE, plain, render_markdown

ROOT = Path(__file__).resolve().parents[1]
FIGURE_QUESTION = "How much has the U.S. committed through CBSI as of 2024?"
UNANSWERABLE = "What was the CBSI budget for Cuba in 2031?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served(NamedTuple):
    url: str
    printed: str  # what `cbsi serve` wrote to stdout before serving
    log: Path  # its stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`cbsi serve` in a child process over an index of a copy of documents/, on a free loopback port.

    A child process, because Gradio leaves event
    loops unclosed each time it builds its app, which this suite's warnings-as-errors would report.
    """
    from assistant.api import Assistant

    base = tmp_path_factory.mktemp("app")
    shutil.copytree(ROOT / "documents", base / "documents", copy_function=shutil.copyfile)
    assert not Assistant.build(base / "documents", base / "index").skipped
    env = {**os.environ, "CBSI_DOCUMENTS": str(base / "documents"), "PYTHONUNBUFFERED": "1"}
    out, err = base / "serve.out", base / "serve.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        command = [sys.executable, "-m", "assistant", "serve", "--index", str(base / "index")]
        command += ["--host", "127.0.0.1", "--port", str(free_port())]
        proc = subprocess.Popen(command, cwd=base, env=env, stdout=stdout, stderr=stderr)
    try:
        deadline = time.monotonic() + 180
        while "Open http" not in out.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        printed = out.read_text()
        assert "Open http" in printed, f"serve did not start:\n{printed}\n{err.read_text()}"
        url = printed.split("Open ", 1)[1].split()[0]
        yield Served(url, printed, err)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def client(server: Served) -> Any:
    from gradio_client import Client

    # analytics_enabled=True (the default) would ignore GRADIO_ANALYTICS_ENABLED and phone home.
    return Client(server.url, verbose=False, analytics_enabled=False, download_files=False)


@pytest.mark.slow
def test_serve_prints_the_url_and_what_is_indexed(server: Served) -> None:
    url, printed = server.url, server.printed
    assert url.startswith("http://127.0.0.1:")
    documents = len([f for f in (ROOT / "documents").iterdir() if f.name != "catalog.json"])
    assert f"Index is up to date: {documents} documents" in printed  # serve first updates from $CBSI_DOCUMENTS
    assert f"Serving {documents} documents (" in printed and " chunks) from " in printed


@pytest.mark.slow
def test_ask_returns_a_cited_answer_record(client: Any) -> None:
    record = client.predict(FIGURE_QUESTION, api_name="/ask")
    assert record["question"] == FIGURE_QUESTION
    assert record["abstained"] is False
    assert "1 billion" in record["answer"]
    cited = record["citations"][0]
    assert cited["doc_id"] == "dominican-republic-partnership-2024"
    assert "1 billion" in cited["quote"]
    assert {"title", "publisher", "published", "page", "quote", "memo"} <= set(cited)
    assert set(record["timings_ms"]) == {"embed", "retrieve", "answer", "total"}


@pytest.mark.slow
def test_ask_abstains_on_an_unanswerable_question(client: Any) -> None:
    record = client.predict(UNANSWERABLE, api_name="/ask")
    assert record["abstained"] is True
    assert record["citations"] == []


@pytest.mark.slow
def test_ask_resolves_a_follow_up_against_history(client: Any) -> None:
    history = [
        {"role": "user", "content": FIGURE_QUESTION},
        {"role": "assistant", "content": "More than $1 billion, as of 2024 [1]."},
    ]
    record = client.predict("When was it launched?", history, api_name="/ask")
    assert FIGURE_QUESTION in record["query"]  # the follow-up was folded into the earlier question
    assert "2010" in record["answer"]


@pytest.mark.slow
def test_history_is_optional_and_the_api_is_the_only_named_endpoint(client: Any) -> None:
    api = client.view_api(return_format="dict", print_info=False)
    assert list(api["named_endpoints"]) == ["/ask"]
    params = {p["parameter_name"]: p for p in api["named_endpoints"]["/ask"]["parameters"]}
    assert params["question"]["parameter_has_default"] is False
    assert params["history"]["parameter_has_default"] is True and params["history"]["parameter_default"] is None


@pytest.mark.slow
def test_an_empty_question_is_an_error_not_an_answer(client: Any) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="Type a question"):
        client.predict("   ", api_name="/ask")


@pytest.mark.slow
def test_the_page_is_served_with_its_title(server: Served) -> None:
    import httpx

    url = server.url
    assert httpx.get(url, timeout=10).status_code == 200
    assert httpx.get(url + "config", timeout=10).json()["title"] == TITLE


@pytest.mark.slow
def test_the_server_log_has_no_traceback(server: Served) -> None:
    """Runs after the tests above: an empty question (a user mistake) is not logged as a crash."""
    assert "Traceback" not in server.log.read_text(encoding="utf-8", errors="replace")


# ------------------------------------------------------------------ rendering (no model)

RECORD = {
    "question": "q",
    "answer": "More than $1 billion [1].",
    "abstained": False,
    "citations": [
        {
            "n": 1,
            "doc_id": "d",
            "title": "A <i>Title</i>",
            "publisher": "U.S. Department of State",
            "published": "2017-11-30",
            "page": 2,
            "quote": "<script>alert(1)</script> **not bold** [x](y)",
        }
    ],
    "closest": [],
}


def test_render_shows_numbered_sources_with_their_fields() -> None:
    md = render_markdown(RECORD)
    assert md.startswith(plain("More than $1 billion [1]."))
    source = md.split("**Sources**", 1)[1]
    assert "**\\[1\\]**" in source
    for text in ("U.S. Department of State", "November 30, 2017"):
        assert plain(text) in source
    assert "· p. 2" in source
    assert f"> \u201c{plain(RECORD['citations'][0]['quote'])}\u201d" in source


def test_document_text_renders_as_plain_text() -> None:
    markdown_it = pytest.importorskip("markdown_it")  # a CommonMark renderer, as the browser's would be
    html = markdown_it.MarkdownIt("commonmark").render(render_markdown(RECORD))
    assert "<script>" not in html and "<i>" not in html  # tags are shown, not interpreted
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **not bold** [x](y)" in html
    assert "<strong>not bold</strong>" not in html and "<a href" not in html


def test_plain_keeps_every_character_of_the_text() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text = r"1. # A_b *c* `d` <e> & [f](g) ~h~ |i| \j $k$ !l"
    html = markdown_it.MarkdownIt("commonmark").render(plain(text))
    assert html == "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>\n"
