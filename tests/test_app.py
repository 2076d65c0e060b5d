"""The web page through a real server: its `/ask` and `/upload` API by `gradio_client`, and its
rendering helpers (answer and sources HTML, Markdown, upload names, the swappable assistant)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.app import TITLE
from assistant.records import Chunk, Sentence
from assistant.ui_html import (
    answer_body,
    chat_html,
    document_rows,
    history_of,
    passage_html,
    plain,
    sources_html,
    upload_status,
)
from assistant.uploads import AssistantHolder, UploadRejected, upload_name
from tests.serving import Served, serve_copy

ROOT = Path(__file__).resolve().parents[1]
FIGURE_QUESTION = "How much has the U.S. committed through CBSI as of 2024?"
UNANSWERABLE = "What was the CBSI budget for Cuba in 2031?"
PDF_QUESTION = "How many radar stations were installed?"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve_copy(tmp_path_factory.mktemp("app")) as served:
        yield served


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
def test_history_is_optional_and_ask_and_upload_are_the_only_named_endpoints(client: Any) -> None:
    api = client.view_api(return_format="dict", print_info=False)
    assert sorted(api["named_endpoints"]) == ["/ask", "/upload"]
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
def test_serve_prints_where_feedback_goes(server: Served) -> None:
    assert f"Feedback is appended to {server.feedback}" in server.printed


@pytest.mark.slow
def test_an_uploaded_pdf_is_answerable_right_after(client: Any, server: Served, tmp_path: Path) -> None:
    from gradio_client import handle_file

    from tests.test_pdf import make_pdf

    pdf = tmp_path / "maritime-report-2025.pdf"
    make_pdf(pdf)
    before = client.predict(PDF_QUESTION, api_name="/ask")
    assert not any(c["doc_id"] == "maritime-report-2025" for c in before["citations"])

    results = client.predict([handle_file(str(pdf))], api_name="/upload")
    assert results == [
        {"file": "maritime-report-2025.pdf", "status": "indexed", "detail": "document id maritime-report-2025"}
    ]
    assert (server.documents / "maritime-report-2025.pdf").read_bytes() == pdf.read_bytes()

    record = client.predict(PDF_QUESTION, api_name="/ask")
    assert record["answer"].startswith("14 radar stations"), record["answer"]
    assert (record["citations"][0]["doc_id"], record["citations"][0]["page"]) == ("maritime-report-2025", 2)
    again = client.predict([handle_file(str(pdf))], api_name="/upload")
    assert again[0]["status"] == "unchanged"


@pytest.mark.slow
def test_upload_rejects_files_with_the_reason(client: Any, server: Served, tmp_path: Path) -> None:
    from gradio_client import handle_file

    (tmp_path / "tool.exe").write_bytes(b"MZ")
    (tmp_path / "blank.txt").write_text("")
    results = client.predict(
        [handle_file(str(tmp_path / "tool.exe")), handle_file(str(tmp_path / "blank.txt"))], api_name="/upload"
    )
    assert [(r["file"], r["status"]) for r in results] == [("tool.exe", "rejected"), ("blank.txt", "rejected")]
    assert "unsupported file type '.exe'" in results[0]["detail"]
    assert results[1]["detail"] == "empty file"
    assert not (server.documents / "tool.exe").exists() and not (server.documents / "blank.txt").exists()


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


def test_plain_keeps_every_character_of_the_text() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text = r"1. # A_b *c* `d` <e> & [f](g) ~h~ |i| \j $k$ !l"
    html = markdown_it.MarkdownIt("commonmark").render(plain(text))
    assert html == "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>\n"


# ------------------------------------------------------------------ the page's HTML (no model)

HOSTILE = '<img src=x onerror="alert(1)"> & ${value} {{value}}'
ANSWERED = {
    "question": "How much <b>money</b>?",
    "answer": "More than $1 billion [1]. See [7] and [2].\n- item <i>x</i> [2]",
    "abstained": False,
    "query": "How much <b>money</b>?",
    "citations": [
        {
            "n": 1,
            "doc_id": "d",
            "title": "Fact <i>sheet</i>",
            "publisher": "U.S. Department of State",
            "published": "2017-11-30",
            "page": 2,
            "chunk_id": "d:2:a",
            "quote": "More than $1 billion.",
            "memo": 'U.S. Department of State, "Fact sheet," November 30, 2017, p. 2.',
        },
        {
            "n": 2,
            "doc_id": "e",
            "title": "Other",
            "publisher": None,
            "published": None,
            "page": None,
            "chunk_id": "gone",
            "quote": HOSTILE,
            "memo": '"Other," n.d.',
        },
    ],
    "closest": [],
    "timings_ms": {"total": 12.3},
}
ABSTAINED = {
    "question": "Cuba?",
    "answer": "The documents I have do not answer this.",
    "abstained": True,
    "citations": [],
    "closest": [
        {
            "n": 1,
            "doc_id": "d",
            "title": "Near miss",
            "publisher": "P",
            "published": "2024",
            "page": None,
            "chunk_id": "d:0:b",
            "quote": "<script>x</script> close text",
            "memo": 'P, "Near miss," 2024.',
        }
    ],
}


def make_chunk(text: str, sentences: list[str], start: int = 10, chunk_id: str = "d:2:a") -> Chunk:
    """A chunk whose offsets (in its section) begin at `start`, as the chunker records them."""
    out, pos = [], 0
    for s in sentences:
        at = text.index(s, pos)
        out.append(Sentence(text=" ".join(s.split()), start=start + at, end=start + at + len(s)))
        pos = at + len(s)
    return Chunk(id=chunk_id, doc_id="d", text=text, sentences=tuple(out), page=2, start=start, end=start + len(text))


def test_markers_are_buttons_that_select_their_source_and_only_cited_numbers_are_markers() -> None:
    body = answer_body(ANSWERED, turn=3)
    assert body.count('class="cite"') == 3
    assert 'data-turn="3" data-n="1"' in body and 'data-turn="3" data-n="2"' in body
    assert "See [7] and" in body  # not a citation of this answer: plain text
    assert 'title="Source 1: Fact &lt;i&gt;sheet&lt;/i&gt;"' in body
    assert "&lt;i&gt;x&lt;/i&gt;" in body and "<i>" not in body


def test_chat_shows_examples_first_then_turns_with_abstentions_set_apart() -> None:
    first = chat_html([], examples=("What is <CBSI>?",))
    assert 'data-example="What is &lt;CBSI&gt;?"' in first and "Try one of these" in first
    page = chat_html([ANSWERED, ABSTAINED], selected=1)
    assert page.count('class="turn"') == 2
    assert '<div class="answer" data-turn="0"' in page
    assert '<div class="answer abstained selected" data-turn="1"' in page
    assert "Not in the documents" in page.split('data-turn="1"', 1)[1]
    assert "Not in the documents" not in page.split('data-turn="1"', 1)[0]
    assert "How much &lt;b&gt;money&lt;/b&gt;?" in page and "<b>money" not in page
    assert "2 sources · 12 ms" in page


def test_passage_marks_the_quoted_sentence_and_escapes_document_text() -> None:
    text = "Intro <b>bold</b> text.\nMore than $1 billion.\nAfter & more."
    chunk = make_chunk(text, ["Intro <b>bold</b> text.", "More than $1 billion.", "After & more."])
    html = passage_html(chunk, "More than $1 billion.")
    assert html == "Intro &lt;b&gt;bold&lt;/b&gt; text.\n<mark>More than $1 billion.</mark>\nAfter &amp; more."
    both = passage_html(chunk, "Intro <b>bold</b> text. After & more.")
    assert both.count("<mark>") == 2 and "<mark>More" not in both
    assert passage_html(None, "<q>") == "<mark>&lt;q&gt;</mark>"  # the chunk is gone: the quote alone


def test_sources_panel_lists_each_citation_with_its_fields_and_the_selected_one() -> None:
    chunk = make_chunk("Before. More than $1 billion.", ["Before.", "More than $1 billion."])
    html = sources_html(ANSWERED, {chunk.id: chunk}, turn=0, n=2)
    first, second = html.split('data-n="1"', 1)[1].split('data-n="2"', 1)
    assert "Fact &lt;i&gt;sheet&lt;/i&gt;" in first and "U.S. Department of State" in first
    assert "November 30, 2017" in first and "p. 2" in first
    assert "Before. <mark>More than $1 billion.</mark>" in first
    assert "Memo reference: U.S. Department of State, &quot;Fact sheet,&quot; November 30, 2017, p. 2." in first
    assert '<div class="source selected" data-n="2">' in html and "publisher unknown · undated" in second
    assert "<img" not in html and "&lt;img src=x" in html
    assert "Sources for answer 1" in html


def test_sources_panel_for_an_abstention_shows_closest_passages_as_not_cited() -> None:
    html = sources_html(ABSTAINED, {})
    assert "Not in the documents" in html and "not cited" in html and "source closest" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>" not in html and "Memo reference" not in html
    assert "appear here" in sources_html(None, {})


def test_history_of_turns_is_what_ask_resolves_follow_ups_with() -> None:
    assert history_of([ANSWERED]) == [
        {"role": "user", "content": ANSWERED["question"]},
        {"role": "assistant", "content": ANSWERED["answer"]},
    ]


@pytest.mark.parametrize(
    ("name", "saved"),
    [
        ("report.pdf", "report.pdf"),
        ("/tmp/x/Fact sheet (2024).TXT", "Fact sheet (2024).TXT"),
        ("C:\\Users\\me\\notes.md", "notes.md"),
        ("a<b>|c?.html", "a_b__c_.html"),
    ],
)
def test_upload_names_are_plain_basenames(name: str, saved: str) -> None:
    assert upload_name(name) == saved


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../../etc/cron.txt", "'..'"),
        ("report..pdf", "'..'"),
        (".hidden.txt", "hidden"),
        ("dir/", "hidden or empty"),
        ("tool.exe", "unsupported file type '.exe'"),
        ("catalog.json", "unsupported file type '.json'"),
        ("README", "unsupported file type 'README'"),
        ("x" * 201 + ".txt", "longer than 200"),
    ],
)
def test_upload_names_that_are_rejected_say_why(name: str, why: str) -> None:
    with pytest.raises(UploadRejected) as e:
        upload_name(name)
    assert why in str(e.value)


def test_upload_status_lists_each_file_escaped() -> None:
    html = upload_status(
        [
            {"file": "<a>.pdf", "status": "indexed", "detail": "document id a"},
            {"file": "b.exe", "status": "rejected", "detail": "unsupported file type '.exe'"},
        ]
    )
    assert "&lt;a&gt;.pdf" in html and "rejected (unsupported file type &#x27;.exe&#x27;)" in html
    assert "can be asked about now" in html
    assert upload_status([]) == ""


# ------------------------------------------------------------------ uploads into the index (fake embedder)


def test_an_upload_is_saved_indexed_and_the_assistant_swapped(holder: AssistantHolder, tmp_path: Path) -> None:
    old = holder.current
    upload = tmp_path / "upload" / "tmpname"
    upload.parent.mkdir()
    upload.write_text("Coastal radar. The coastal radar program installed 14 radar stations in 2025.\n")
    steps: list[str] = []
    results = holder.add_files([(upload, "radar-note.txt")], progress=lambda f, desc: steps.append(desc))
    assert results == [{"file": "radar-note.txt", "status": "indexed", "detail": "document id radar-note"}]
    assert (old.settings.documents_dir / "radar-note.txt").read_text() == upload.read_text()
    new = holder.current
    assert new is not old and "radar-note" in new.documents and "radar-note" not in old.documents
    assert any(c.doc_id == "radar-note" for c in holder.chunks.values())
    assert steps[0] == "Indexing radar-note.txt (1 of 1)" and steps[-1] == "Loading the updated index"
    rows = document_rows(new.data)
    assert [r[5] for r in rows if r[5] == "radar-note.txt"] == ["radar-note.txt"]
    assert all(r[4] > 0 for r in rows)  # every document has chunks
    assert new.ask("How many radar stations were installed?").citations[0].doc_id == "radar-note"
    assert old.ask("How many radar stations were installed?").text  # the old object still answers

    again = holder.add_files([(upload, "radar-note.txt")])
    assert again[0]["status"] == "unchanged" and holder.current is new


def test_rejected_uploads_leave_the_documents_folder_and_index_as_they_were(
    holder: AssistantHolder, tmp_path: Path
) -> None:
    before = holder.current
    folder = before.settings.documents_dir
    listing = sorted(p.name for p in folder.iterdir())
    empty, big, exe, clash = (tmp_path / n for n in ("empty.txt", "big.txt", "x.exe", "clash.md"))
    empty.write_text("")
    big.write_text("word " * 400)
    exe.write_bytes(b"MZ")
    clash.write_text("# St. Lucia again\nA different file with the same document id.\n")
    holder.max_upload_bytes = 1024
    results = holder.add_files(
        [
            (empty, "empty.txt"),
            (big, "big.txt"),
            (exe, "x.exe"),
            (clash, "st-lucia-fact-sheet.md"),
            (empty, "../up.txt"),
        ]
    )
    assert [r["status"] for r in results] == ["rejected"] * 5
    reasons = [r["detail"] for r in results]
    assert reasons[0] == "empty file"
    assert reasons[1] == "2 KB is over the 1 KB upload limit"
    assert "unsupported file type '.exe'" in reasons[2]
    assert "already used by st-lucia-fact-sheet.txt" in reasons[3]
    assert "'..'" in reasons[4]
    assert sorted(p.name for p in folder.iterdir()) == listing
    assert holder.current is before  # nothing indexed: no reload


def test_a_broken_replacement_keeps_the_previous_file(holder: AssistantHolder, tmp_path: Path) -> None:
    folder = holder.current.settings.documents_dir
    original = (folder / "st-lucia-fact-sheet.txt").read_bytes()
    broken = tmp_path / "broken.txt"
    broken.write_text("   \n\n  ")
    results = holder.add_files([(broken, "st-lucia-fact-sheet.txt")])
    assert results[0]["status"] == "rejected"
    assert (folder / "st-lucia-fact-sheet.txt").read_bytes() == original
    assert "st-lucia-fact-sheet" in holder.current.documents


def test_questions_during_an_upload_use_a_whole_assistant(holder: AssistantHolder, tmp_path: Path) -> None:
    errors: list[BaseException] = []
    stop = threading.Event()

    def ask_repeatedly() -> None:
        while not stop.is_set():
            try:
                holder.current.ask("How much has the U.S. committed through CBSI?")
            except BaseException as e:
                errors.append(e)
                return

    thread = threading.Thread(target=ask_repeatedly)
    thread.start()
    try:
        for i in range(3):
            note = tmp_path / f"note-{i}.txt"
            note.write_text(f"Note {i}. The patrol boats number {i + 10} in 2025.\n")
            assert holder.add_files([(note, note.name)])[0]["status"] == "indexed"
    finally:
        stop.set()
        thread.join(timeout=60)
    assert errors == []
    assert {"note-0", "note-1", "note-2"} <= set(holder.current.documents)


def test_an_upload_can_replace_a_document_but_not_take_another_files_id(
    holder: AssistantHolder, tmp_path: Path
) -> None:
    folder = holder.current.settings.documents_dir
    newer = tmp_path / "newer.txt"
    newer.write_text("St. Lucia fact sheet\n\nThe U.S. committed $999 million to St. Lucia.\n")
    results = holder.add_files([(newer, "st-lucia-fact-sheet.txt"), (newer, "fresh.txt"), (newer, "fresh.md")])
    assert results[0] == {
        "file": "st-lucia-fact-sheet.txt",
        "status": "indexed",
        "detail": "document id st-lucia-fact-sheet (replaces the earlier version)",
    }
    assert (folder / "st-lucia-fact-sheet.txt").read_bytes() == newer.read_bytes()
    assert results[1]["status"] == "indexed"
    assert results[2] == {
        "file": "fresh.md",
        "status": "rejected",
        "detail": "document id 'fresh' is already used by fresh.txt; rename the file",
    }
    assert not (folder / "fresh.md").exists()
