"""A minimal web page over `Assistant.ask`, with an `/ask` API endpoint (the chat UI comes later)."""

from __future__ import annotations

import os
import re
import string
from typing import TYPE_CHECKING, Any

from assistant.citations import format_date

if TYPE_CHECKING:
    import gradio as gr

    from assistant.api import Assistant

TITLE = "CBSI document assistant"
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def plain(text: str) -> str:
    r"""Text from a document as Markdown that renders literally, on one line.

    Every ASCII punctuation mark is backslash-escaped (CommonMark allows that for all of them), so
    neither HTML tags nor Markdown syntax in a document can change the page.

    >>> print(plain("<b>$1 *billion*</b>\n# 2024"))
    \<b\>\$1 \*billion\*\<\/b\> \# 2024
    """
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def _source(c: dict[str, Any]) -> str:
    """One numbered source: title, publisher, date, page, then the quoted passage."""
    parts = [f"*{plain(c['title'])}*"]
    if c.get("publisher"):
        parts.append(plain(c["publisher"]))
    parts.append(plain(format_date(c.get("published")) or "n.d."))
    if c.get("page") is not None:
        parts.append(f"p. {c['page']}")
    return " · ".join(parts) + f"\n\n> \u201c{plain(c['quote'])}\u201d"


def render_markdown(record: dict[str, Any] | None) -> str:
    r"""The answer record (`Answer.to_dict()`) as Markdown: the answer, then its numbered sources.

    >>> print(render_markdown({"answer": "No.", "abstained": True, "citations": [], "closest": []}))
    No\.
    """
    if not record:
        return ""
    lines = [plain(record["answer"])]
    if record.get("citations"):
        lines.append("**Sources**")
        lines += [f"**\\[{c['n']}\\]** {_source(c)}" for c in record["citations"]]
    if record.get("closest"):
        lines.append("**Closest passages** (not cited: they do not answer the question)")
        lines += [f"\\- {_source(c)}" for c in record["closest"]]
    return "\n\n".join(lines)


def build_app(assistant: Assistant) -> gr.Blocks:
    """The page: a question box, an Ask button, the answer with its sources.

    Its API endpoint `ask(question, history=None)` returns the answer record, the same dict as
    `cbsi ask --json`. Call `.launch(server_name=..., server_port=...)` on the result.
    """
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # no outbound traffic
    import gradio as gr

    def ask(question: str, history: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Answer `question` (a follow-up is resolved against the earlier `history` turns)."""
        if not question or not question.strip():
            raise gr.Error("Type a question first.", print_exception=False)
        if history is not None and not isinstance(history, list):
            raise gr.Error("history must be a list of {role, content} messages.", print_exception=False)
        turns = [m for m in history or [] if isinstance(m, dict)]
        return assistant.ask(question.strip(), turns).to_dict()

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"# {TITLE}\nAnswers come only from the indexed documents, with numbered sources.")
        question = gr.Textbox(label="Question", placeholder="How much has the U.S. committed through CBSI?")
        button = gr.Button("Ask", variant="primary")
        answer = gr.Markdown(latex_delimiters=[])  # "$1 billion ... $2 million" is money, not math
        with gr.Accordion("Answer record (JSON)", open=False):
            record = gr.JSON(label="Answer record")
        history = gr.JSON(value=None, visible=False)  # API only: earlier turns of a conversation
        gr.on([button.click, question.submit], ask, inputs=[question, history], outputs=record, api_name="ask").then(
            render_markdown, inputs=record, outputs=answer, api_visibility="private"
        )
    return demo
