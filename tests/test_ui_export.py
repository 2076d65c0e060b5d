"""Copy for memo and conversation export: footnoted plain text, Markdown, and a Word file read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.export import (
    conversation_docx,
    conversation_markdown,
    memo_markdown,
    memo_text,
    numbered,
    split_markers,
)

STATE = 'U.S. Department of State, "US strengthens ties with Dominican Republic," 2024.'
FIGURE = {
    "question": "How much has the U.S. committed through CBSI as of 2024?",
    "answer": "More than $1 billion, as of 2024 [1]. As of 2024, the U.S. government has committed more than "
    "$1 billion through CBSI. [1]",
    "abstained": False,
    "citations": [{"n": 1, "doc_id": "dr", "title": "US strengthens ties", "memo": STATE}],
}
LIST = {
    "question": "What does CBSI *fund*?",
    "answer": "Programs include:\n- Maritime <patrols> [1]\n- Courts_and_prisons [2]",
    "abstained": False,
    "citations": [
        {"n": 1, "doc_id": "x", "title": "X", "memo": '"Key Objectives," n.d.'},
        {"n": 2, "doc_id": "dr", "title": "US strengthens ties", "memo": STATE},
    ],
}
ABSTAINED = {
    "question": "What was the budget for Cuba in 2031?",
    "answer": "The documents I have do not answer this.",
    "abstained": True,
    "citations": [],
    "closest": [{"n": 1, "memo": "ignored"}],
}


def test_memo_text_puts_markers_after_punctuation_and_lists_references() -> None:
    assert memo_text(FIGURE) == (
        "More than $1 billion, as of 2024.[1] As of 2024, the U.S. government has committed more than $1 billion "
        f"through CBSI.[1]\n\n[1] {STATE}"
    )


def test_memo_markdown_uses_footnotes_and_escapes_document_text() -> None:
    md = memo_markdown(LIST)
    assert md.startswith("Programs include:\n- Maritime \\<patrols\\>[^1]\n- Courts\\_and\\_prisons[^2]")
    assert md.endswith('[^1]: "Key Objectives," n.d.\n[^2]: ' + STATE)


def test_memo_of_an_abstention_says_so_without_references() -> None:
    assert memo_text(ABSTAINED) == "Not in the documents. The documents I have do not answer this."
    assert memo_markdown(ABSTAINED) == "*Not in the documents.* The documents I have do not answer this."


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("A [1].", ["A.", 1, ""]),
        ("A [1] [2]; b", ["A;", 1, "", 2, " b"]),
        ("[1] starts", ["", 1, " starts"]),
        ("Footnote [3] of the PDF [1]", ["Footnote [3] of the PDF", 1, ""]),
        ("no markers", ["no markers"]),
    ],
)
def test_split_markers(text: str, pieces: list[str | int]) -> None:
    assert split_markers(text, {1, 2}) == pieces


def test_conversation_numbers_references_once_across_answers() -> None:
    bodies, refs = numbered([FIGURE, LIST, ABSTAINED])
    assert refs == [STATE, '"Key Objectives," n.d.']
    assert [p for p in bodies[1] if isinstance(p, int)] == [2, 1]  # LIST's [1] is new, its [2] is STATE


def test_conversation_markdown_has_each_question_answer_and_the_references() -> None:
    md = conversation_markdown([FIGURE, LIST, ABSTAINED], note="From 5 documents.")
    assert md.startswith("# CBSI document assistant: conversation\n\nFrom 5 documents.\n\n## 1. How much")
    assert "## 2. What does CBSI \\*fund\\*?" in md
    assert "- Maritime \\<patrols\\>[^2]\n- Courts\\_and\\_prisons[^1]" in md
    assert "## 3. What was the budget for Cuba in 2031?\n\n*Not in the documents.* The documents" in md
    assert md.endswith(f'## References\n\n[^1]: {STATE}\n[^2]: "Key Objectives," n.d.\n')


def test_conversation_markdown_renders_document_text_literally() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(conversation_markdown([LIST]))
    assert "<patrols>" not in html and "&lt;patrols&gt;" in html
    assert "<em>fund</em>" not in html and "<li>" in html  # the answer's list stays a list


def test_conversation_docx_reads_back_with_questions_answers_and_references(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    hostile = {**FIGURE, "question": "Form\x0cfeed <q>?"}  # a control character Word cannot store
    path = conversation_docx([hostile, LIST, ABSTAINED], tmp_path / "c.docx", note="From 5 documents.")
    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    styles = [p.style.name for p in doc.paragraphs]
    assert texts[0] == "CBSI document assistant: conversation" and styles[0] == "Heading 1"
    assert doc.core_properties.title == "CBSI document assistant: conversation"
    assert "1. Formfeed <q>?" in texts and styles[texts.index("1. Formfeed <q>?")] == "Heading 2"
    assert "More than $1 billion, as of 2024.[1] As of 2024" in texts[texts.index("1. Formfeed <q>?") + 1]
    assert "Programs include:\n- Maritime <patrols>[2]\n- Courts_and_prisons[1]" in texts
    assert "Not in the documents. The documents I have do not answer this." in texts
    refs = texts[texts.index("References") + 1 :]
    assert refs == [f"[1] {STATE}", '[2] "Key Objectives," n.d.']
