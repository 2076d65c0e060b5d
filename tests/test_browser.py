"""The page in a real headless Chromium (Debian's `chromium`, driven by Python Playwright).

Skipped, with the reason, where Chromium or Playwright is missing (`make test` installs Chromium
when it runs as root with apt). Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.serving import Served, serve_copy
from tests.test_app import FIGURE_QUESTION, PDF_QUESTION, UNANSWERABLE

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = next((p for p in (Path("/usr/lib/chromium/chromium"), Path("/usr/bin/chromium")) if p.exists()), None)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL = {"127.0.0.1", "localhost"}
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        reason = "no Chromium at /usr/lib/chromium/chromium or /usr/bin/chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":  # CI installs it (make browser): missing there is a failure
            pytest.fail(reason)
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api", reason="Python playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve_copy(tmp_path_factory.mktemp("browser")) as served:
        yield served


class Page:
    """A fresh tab on the served page that records every URL it requests."""

    def __init__(self, browser: Any, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        self.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_selector("#chat .example")

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)

    def ask(self, question: str) -> float:
        """Type and submit a question; seconds until its answer is on the page."""
        count = self.page.locator("#chat .answer").count()
        self.page.fill("#question textarea", question)
        start = time.perf_counter()
        self.page.press("#question textarea", "Enter")
        self.page.wait_for_function(f"document.querySelectorAll('#chat .answer').length > {count}")
        return time.perf_counter() - start

    def outside_requests(self) -> list[str]:
        hosts = [(u, urlparse(u)) for u in self.requests]
        return [u for u, p in hosts if p.scheme not in ("data", "blob") and p.hostname not in LOCAL]


@pytest.fixture
def page(browser: Any, server: Served) -> Iterator[Page]:
    p = Page(browser, server.url)
    yield p
    assert p.outside_requests() == []  # nothing leaves the machine
    p.context.close()


def test_ask_click_a_marker_and_see_the_highlighted_source(
    page: Page, server: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    p = page.page
    assert p.locator("#chat .example").count() >= 3  # example questions on first open
    page.shot("01-first-open.png")

    seconds = page.ask(FIGURE_QUESTION)
    with capsys.disabled():
        print(f"\n[browser] question to answer on the page: {seconds * 1000:.0f} ms")
    (ARTIFACTS / "timing.txt").write_text(f"question to answer in the browser: {seconds * 1000:.0f} ms\n")
    answer = p.locator("#chat .answer").last
    assert "1 billion" in answer.inner_text()
    marker = answer.locator("button.cite", has_text="[1]").first
    assert marker.is_visible()
    page.shot("02-answer.png")

    marker.click()
    chosen = p.locator("#sources .source.selected")
    chosen.locator("mark").wait_for()
    assert "1 billion" in chosen.locator("mark").inner_text()
    assert "U.S. Department of State" in chosen.inner_text() and "2024" in chosen.inner_text()
    page.shot("03-source-highlighted.png")

    page.ask("When was it launched?")  # a follow-up: "it" is CBSI, from the conversation so far
    follow_up = p.locator("#chat .answer").last
    assert "2010" in follow_up.inner_text() and "searched as" in follow_up.inner_text()

    page.ask(UNANSWERABLE)
    abstained = p.locator("#chat .answer.abstained")
    assert "Not in the documents" in abstained.inner_text()
    p.locator("#sources .source.closest").first.wait_for()
    assert "not cited" in p.locator("#sources").inner_text()
    page.shot("04-abstention.png")

    p.locator("#chat .answer").first.click()  # select the first answer again, then copy it for a memo
    p.locator("#sources .source.selected").wait_for()
    p.click("#memo")
    p.wait_for_function("document.querySelector('#memo-text textarea')?.value.includes('.[1]')")
    memo = p.input_value("#memo-text textarea")
    assert memo.startswith("More than $1 billion, as of 2024.[1]") and "\n\n[1] U.S. Department of State" in memo
    assert "[^1]: U.S. Department of State" in p.input_value("#memo-markdown textarea")
    p.wait_for_function("navigator.clipboard.readText().then((t) => t.startsWith('More than $1 billion'))")

    p.fill("#comment textarea", "right figure")
    p.click("#vote-up")
    p.locator("#vote-status", has_text="recorded for answer 1").wait_for()
    vote = json.loads(server.feedback.read_text(encoding="utf-8").splitlines()[-1])
    assert (vote["question"], vote["vote"], vote["comment"]) == (FIGURE_QUESTION, "up", "right figure")
    page.shot("05-memo-and-feedback.png")

    docx = pytest.importorskip("docx")
    saved = ARTIFACTS / "conversation.docx"
    # The file is rebuilt after each answer (a .then step): on a busy machine (CI runs the whole suite
    # on 2 cores) it has lagged by more than 10 s, so poll by the clock, and say what the file held.
    deadline = time.monotonic() + 60
    while True:
        with p.expect_download() as download:
            p.click("#download-docx")
        download.value.save_as(saved)
        texts = [par.text for par in docx.Document(str(saved)).paragraphs]
        if f"3. {UNANSWERABLE}" in texts or time.monotonic() > deadline:
            break
        p.wait_for_timeout(500)
    asked = [t for t in texts if t[:3] in ("1. ", "2. ", "3. ")]
    assert asked == [f"1. {FIGURE_QUESTION}", "2. When was it launched?", f"3. {UNANSWERABLE}"], texts
    assert "References" in texts


def test_upload_a_file_through_the_page_and_ask_about_it(page: Page, server: Served) -> None:
    from tests.test_pdf import make_pdf

    p = page.page
    pdf = ARTIFACTS / "maritime-report-2025.pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    make_pdf(pdf)
    p.get_by_role("tab", name="Documents").click()
    assert "Caribbean Maritime Report 2025" not in p.locator("#documents").inner_text()
    p.set_input_files("#upload input[type=file]", str(pdf))
    p.locator("#upload-status li.indexed").wait_for(timeout=120_000)
    assert "maritime-report-2025.pdf: indexed" in p.locator("#upload-status").inner_text()
    p.locator("#documents", has_text="Caribbean Maritime Report 2025").wait_for()
    page.shot("06-upload.png")

    p.get_by_role("tab", name="Ask").click()
    page.ask(PDF_QUESTION)
    answer = p.locator("#chat .answer").last
    assert answer.inner_text().startswith("14 radar stations")
    answer.locator("button.cite").first.click()
    chosen = p.locator("#sources .source.selected")
    chosen.locator("mark").wait_for()
    assert "Caribbean Maritime Report 2025" in chosen.inner_text() and "p. 2" in chosen.inner_text()
    assert "14 radar stations" in chosen.locator("mark").inner_text()
    page.shot("07-uploaded-document-answer.png")


HOSTILE = (
    "# Harbor sonar note\n\n"
    "The harbor sonar program installed 9 sonar buoys in Kingstown in 2025. "
    '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> '
    "See [click](http://evil.example/x) and ![i](http://evil.example/i.png) for details. "
    "Entities: &lt;b&gt; &amp; stay as typed.\n"
)


def test_a_hostile_document_is_shown_as_text_and_runs_nothing(page: Page, server: Served, tmp_path: Path) -> None:
    p = page.page
    doc = tmp_path / "harbor-sonar-note.md"
    doc.write_text(HOSTILE, encoding="utf-8")
    p.get_by_role("tab", name="Documents").click()
    p.set_input_files("#upload input[type=file]", str(doc))
    p.locator("#upload-status li.indexed").wait_for(timeout=120_000)

    p.get_by_role("tab", name="Ask").click()
    question = "How many sonar buoys were installed in Kingstown?"
    page.ask(question)
    answer = p.locator("#chat .answer").last
    assert "9 sonar buoys" in answer.inner_text()
    answer.locator("button.cite").first.click()
    chosen = p.locator("#sources .source.selected")
    chosen.locator("mark").wait_for()
    passage = chosen.inner_text()
    assert "Harbor sonar note" in passage
    # Visible as text (Markdown cleaning at ingest drops the "__" of "__pwned", nothing else).
    assert "<script>window." in passage and "=1</script>" in passage
    assert '<img src=x onerror="window.' in passage and "&lt;b&gt; &amp;" in passage
    assert "[click](http://evil.example/x)" in passage
    assert p.locator("#sources script, #sources img, #chat script, #chat img, a[href*='evil.example']").count() == 0
    p.wait_for_timeout(500)  # give any injected handler the chance to run
    assert p.evaluate("typeof window.__pwned") == "undefined" and p.evaluate("typeof window.pwned") == "undefined"
    assert page.outside_requests() == []
    assert not any("evil.example" in u for u in page.requests)
    page.shot("08-hostile-document.png")

    audit = server.documents.parent / "audit" / "audit.jsonl"  # the default audit log, in serve's folder
    lines = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert lines[-1]["question"] == question and "harbor-sonar-note" in lines[-1]["doc_ids"]
