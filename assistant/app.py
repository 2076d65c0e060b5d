"""The web page: chat with cited answers, a sources panel, memo copy and export, documents, feedback.

`build_app(assistant)` returns the Gradio Blocks; `cbsi serve` launches it. Its API endpoints:
`/ask(question, history=None)` returns the `cbsi ask --json` record, and `/upload(files)` adds
files to the index and returns one result per file. Document text is always shown as text: it is
HTML-escaped (`ui_html`) or Markdown-escaped (`ui_html.plain`) before it reaches the page.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import DEFAULT_MAX_UPLOAD_MB
from assistant.ui_html import (
    DOCUMENT_HEADERS,
    EXAMPLES,
    Record,
    chat_html,
    document_rows,
    history_of,
    plain,
    sources_html,
    upload_status,
)
from assistant.uploads import AssistantHolder

if TYPE_CHECKING:
    import gradio as gr

    from assistant.api import Assistant

TITLE = "CBSI document assistant"


MAX_TOP_K = 20


_CHAT_JS = """
element.addEventListener('click', (event) => {
  const example = event.target.closest('[data-example]');
  if (example) { trigger('submit', {question: example.dataset.example}); return; }
  const answer = event.target.closest('[data-turn].answer');
  if (!answer) return;
  const cite = event.target.closest('button.cite');
  element.querySelectorAll('.answer.selected').forEach((a) => a.classList.remove('selected'));
  element.querySelectorAll('button.cite.active').forEach((b) => b.classList.remove('active'));
  answer.classList.add('selected');
  if (cite) cite.classList.add('active');
  trigger('click', {turn: Number(answer.dataset.turn), n: cite ? Number(cite.dataset.n) : 0});
});
"""


_SOURCES_JS = """
watch('value', () => {
  const chosen = element.querySelector('.source.selected');
  if (chosen) chosen.scrollIntoView({block: 'nearest'});
});
"""


_CHAT_CSS = """
.welcome { padding: 8px 4px; }
.examples { display: flex; flex-wrap: wrap; gap: 8px; }
.example { border: 1px solid #94a3b8; border-radius: 16px; padding: 6px 12px; background: #f8fafc; cursor: pointer;
           font-weight: normal; }
.example:hover { background: #e2e8f0; }
.turn { margin: 10px 0 16px; }
.question { font-weight: 600; margin-bottom: 6px; }
.who { display: inline-block; font-size: 0.75em; color: #475569; border: 1px solid #cbd5e1; border-radius: 4px;
       padding: 0 5px; margin-right: 8px; }
.answer { border-left: 4px solid #2563eb; background: #eff6ff; padding: 10px 12px; border-radius: 6px; cursor: pointer;
          color: #0f172a; }
.answer .text { white-space: pre-line; line-height: 1.5; }
.answer.abstained { border-left-color: #b45309; background: #fffbeb; }
.answer.selected { outline: 2px solid #1d4ed8; }
.answer.abstained.selected { outline-color: #b45309; }
.badge { display: inline-block; background: #b45309; color: white; font-weight: 700; font-size: 0.8em;
         border-radius: 4px; padding: 1px 8px; margin-bottom: 6px; }
.hint, .meta { font-size: 0.8em; color: #475569; margin-top: 6px; }
.cite { font-size: 0.8em; font-weight: 700; color: #1d4ed8; background: white; border: 1px solid #93c5fd;
        border-radius: 4px; padding: 0 4px; margin: 0 1px; cursor: pointer; vertical-align: super; line-height: 1; }
.cite:hover, .cite.active { background: #1d4ed8; color: white; }
"""


_SOURCES_CSS = """
.empty { color: #475569; padding: 8px; }
.panel-head { font-weight: 700; margin-bottom: 8px; }
.closest-head { color: #92400e; }
.source { border: 1px solid #cbd5e1; border-radius: 6px; padding: 8px 10px; margin-bottom: 10px; color: #0f172a;
          background: white; }
.source.selected { border: 2px solid #1d4ed8; background: #eff6ff; }
.source.closest { border-style: dashed; background: #fafaf9; }
.title { font-weight: 600; }
.num { color: #1d4ed8; font-weight: 700; }
.not-cited { font-size: 0.75em; color: #92400e; border: 1px solid #d97706; border-radius: 4px; padding: 0 4px; }
.src-meta { font-size: 0.85em; color: #475569; margin: 2px 0 6px; }
.passage { white-space: pre-line; margin: 0; padding-left: 10px; border-left: 3px solid #cbd5e1; font-size: 0.92em; }
mark { background: #fde047; color: inherit; padding: 0 1px; }
.ref { font-size: 0.8em; color: #334155; margin-top: 6px; }
"""


_COPY_JS = "(text) => { if (text && navigator.clipboard) { navigator.clipboard.writeText(text).catch(() => {}); } }"


def launch_options(max_upload_mb: int = DEFAULT_MAX_UPLOAD_MB) -> dict[str, Any]:
    """Options for `Blocks.launch` that belong to the page: theme (system fonts, nothing fetched) and upload limit."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    import gradio as gr

    system = ["system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"]
    theme = gr.themes.Default(primary_hue="blue", font=system, font_mono=["ui-monospace", "Consolas", "monospace"])
    return {"theme": theme, "max_file_size": max_upload_mb * 1024 * 1024}


def build_app(
    assistant: Assistant | AssistantHolder,
    *,
    feedback_log: str | Path | None = None,
    max_upload_mb: int = DEFAULT_MAX_UPLOAD_MB,
    examples: tuple[str, ...] = EXAMPLES,
    audit_log: str | Path | None = None,
) -> gr.Blocks:
    """The page: a chat with a sources panel, memo copy, export, feedback, and a Documents tab.

    Args:
        assistant: the assistant to answer with (or a holder, to share one across apps).
        feedback_log: where votes are appended (default: $CBSI_FEEDBACK or feedback/feedback.jsonl).
        max_upload_mb: uploads larger than this are rejected.
        examples: questions offered on the empty chat.
        audit_log: where each answered question is appended (`assistant.audit`); None: not logged.
    Returns:
        Blocks to `.launch(server_name=..., server_port=...)`; its API endpoint `ask(question,
        history=None)` returns the answer record, the same dict as `cbsi ask --json`.
    """
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # no outbound traffic
    import gradio as gr

    from assistant import audit, export
    from assistant.feedback import Vote, append_vote
    from assistant.feedback import feedback_log as resolve_log

    holder = assistant if isinstance(assistant, AssistantHolder) else AssistantHolder(assistant)
    holder.max_upload_bytes = max_upload_mb * 1024 * 1024
    log = resolve_log(feedback_log)
    exports = tempfile.TemporaryDirectory(prefix="cbsi-export-")  # removed when the process exits
    top_k = holder.current.settings.top_k

    def answer(question: str, history: list[dict[str, Any]], k: int | None = None) -> dict[str, Any]:
        a = holder.current  # one assistant for the answer and its audit line
        record = a.ask(question, history, k=k).to_dict()
        if audit_log is not None:
            audit.record(audit_log, record, a.data.generation, a.data.model, len(history))
        return record

    def ask(question: str, history: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Answer `question` (a follow-up is resolved against the earlier `history` turns)."""
        if not question or not question.strip():
            raise gr.Error("Type a question first.", print_exception=False)
        if history is not None and not isinstance(history, list):
            raise gr.Error("history must be a list of {role, content} messages.", print_exception=False)
        turns = [m for m in history or [] if isinstance(m, dict)]
        return answer(question.strip(), turns)

    def respond(question: str, records: list[Record], k: float) -> tuple[Any, ...]:
        question = (question or "").strip()
        if not question:
            gr.Warning("Type a question first.")
            return (gr.skip(),) * 6
        record = answer(question, history_of(records), k=int(k))
        records = [*records, record]
        turn = len(records) - 1
        return (
            chat_html(records, turn),
            records,
            {"turn": turn, "n": 0},
            sources_html(record, holder.chunks, turn),
            "",
            gr.update(visible=False),
        )

    def ask_example(records: list[Record], k: float, evt: gr.EventData) -> tuple[Any, ...]:
        return respond(str(evt._data.get("question", "")), records, k)

    def select(records: list[Record], evt: gr.EventData) -> tuple[Any, ...]:
        turn, n = int(evt._data.get("turn", -1)), int(evt._data.get("n", 0))
        if not 0 <= turn < len(records):
            return gr.skip(), gr.skip(), gr.skip()
        return sources_html(records[turn], holder.chunks, turn, n), {"turn": turn, "n": n}, gr.update(visible=False)

    # Gradio passes event data to a parameter annotated gr.EventData; with postponed annotations
    # it cannot resolve "gr" (imported in this function), so the class is given directly.
    ask_example.__annotations__["evt"] = select.__annotations__["evt"] = gr.EventData

    def clear() -> tuple[Any, ...]:
        empty = chat_html([], examples=examples)
        return empty, [], {"turn": -1, "n": 0}, sources_html(None, {}), gr.update(visible=False)

    def selected_record(records: list[Record], selected: dict[str, int]) -> tuple[int, Record] | None:
        turn = selected.get("turn", -1) if selected else -1
        return (turn, records[turn]) if 0 <= turn < len(records) else None

    def memo(records: list[Record], selected: dict[str, int]) -> tuple[Any, ...]:
        chosen = selected_record(records, selected)
        if chosen is None:
            gr.Warning("Ask a question first: the memo text is made from the selected answer.")
            return gr.skip(), gr.skip(), gr.skip()
        turn, record = chosen
        return (
            gr.update(visible=True),
            gr.update(value=export.memo_text(record), label=f"Memo text for answer {turn + 1} (plain)"),
            export.memo_markdown(record),
        )

    def export_files(records: list[Record]) -> tuple[Any, Any]:
        if not records:
            return gr.update(value=None, interactive=False), gr.update(value=None, interactive=False)
        digest = hashlib.sha256(json.dumps(records, sort_keys=True).encode()).hexdigest()[:16]
        folder = Path(exports.name) / digest
        folder.mkdir(exist_ok=True)
        a = holder.current
        note = f"Answers from {len(a.documents)} indexed documents (index generation {a.data.generation})."
        md = folder / "cbsi-conversation.md"
        md.write_text(export.conversation_markdown(records, note=note), encoding="utf-8")
        docx = export.conversation_docx(records, folder / "cbsi-conversation.docx", note=note)
        return gr.update(value=str(md), interactive=True), gr.update(value=str(docx), interactive=True)

    def vote(kind: str, records: list[Record], selected: dict[str, int], comment: str) -> tuple[str, Any]:
        chosen = selected_record(records, selected)
        if chosen is None:
            return "Ask a question first, then rate its answer.", gr.skip()
        turn, record = chosen
        append_vote(
            log,
            Vote.from_record(
                record,
                kind,
                comment=comment or "",
                history=history_of(records[:turn]),
                generation=holder.current.data.generation,
            ),
        )
        thumb = "\U0001f44d" if kind == "up" else "\U0001f44e"
        return f"Thanks: {thumb} recorded for answer {turn + 1} (\u201c{plain(record['question'])}\u201d)\\.", ""

    def upload(files: list[str] | None, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> list[dict[str, Any]]:  # noqa: B008
        """Add files (PDF, TXT, MD, HTML) to the index; returns {file, status, detail} per file."""
        if not files:
            return []
        pairs = [(Path(f), Path(f).name) for f in files]
        results = holder.add_files(pairs, progress=lambda f, desc: progress(f, desc=desc), bars=True)
        progress(1.0, desc="Done")
        return results

    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        gr.Markdown(
            f"# {TITLE}\nAnswers come only from the indexed documents, each statement with a numbered "
            "source. Click a number to see the passage it comes from."
        )
        records = gr.State([])
        selected = gr.State({"turn": -1, "n": 0})
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"), gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    chat = gr.HTML(
                        chat_html([], examples=examples),
                        elem_id="chat",
                        js_on_load=_CHAT_JS,
                        css_template=_CHAT_CSS,
                        min_height=360,
                        max_height=640,
                        autoscroll=True,
                        container=True,
                        padding=True,
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            show_label=False,
                            placeholder="Ask a question about the documents",
                            elem_id="question",
                            scale=5,
                            autofocus=True,
                            max_length=2000,
                        )
                        ask_button = gr.Button("Ask", variant="primary", elem_id="ask", scale=1)
                    with gr.Row():
                        memo_button = gr.Button("Copy for memo", elem_id="memo", size="sm")
                        md_button = gr.DownloadButton(
                            "Download Markdown", elem_id="download-md", size="sm", interactive=False
                        )
                        docx_button = gr.DownloadButton(
                            "Download Word (.docx)", elem_id="download-docx", size="sm", interactive=False
                        )
                        new_button = gr.Button("New conversation", elem_id="new", size="sm")
                    with gr.Group(visible=False) as memo_group:
                        memo_plain = gr.Textbox(
                            label="Memo text (plain)", lines=5, buttons=["copy"], elem_id="memo-text", interactive=False
                        )
                        memo_md = gr.Textbox(
                            label="Memo text (Markdown)",
                            lines=5,
                            buttons=["copy"],
                            elem_id="memo-markdown",
                            interactive=False,
                        )
                    with gr.Accordion("Settings", open=False):
                        k = gr.Slider(
                            1,
                            MAX_TOP_K,
                            value=top_k,
                            step=1,
                            label="Passages to retrieve",
                            info="More passages can find more, but answers may get longer.",
                        )
                with gr.Column(scale=2):
                    sources = gr.HTML(
                        sources_html(None, {}),
                        elem_id="sources",
                        js_on_load=_SOURCES_JS,
                        css_template=_SOURCES_CSS,
                        max_height=720,
                        container=True,
                        padding=True,
                        label="Sources",
                        show_label=True,
                    )
                    with gr.Group():
                        comment = gr.Textbox(
                            label="Feedback on the selected answer (optional comment)", elem_id="comment", lines=1
                        )
                        with gr.Row():
                            up = gr.Button("\U0001f44d Helpful", elem_id="vote-up", size="sm")
                            down = gr.Button("\U0001f44e Not helpful", elem_id="vote-down", size="sm")
                    vote_status = gr.Markdown(elem_id="vote-status")
            with gr.Tab("Documents", id="documents"):
                table = gr.Dataframe(
                    document_rows(holder.current.data),
                    headers=DOCUMENT_HEADERS,
                    interactive=False,
                    elem_id="documents",
                    wrap=True,
                    column_widths=["32%", "26%", "13%", "7%", "7%", "15%"],
                )
                files = gr.File(
                    label=f"Add documents: PDF, TXT, MD or HTML, up to {max_upload_mb} MB each",
                    file_count="multiple",
                    elem_id="upload",
                )
                status = gr.HTML("", elem_id="upload-status", js_on_load=None)
                upload_report = gr.JSON(visible=False)

        asked = [chat, records, selected, sources, question, memo_group]
        gr.on(
            [ask_button.click, question.submit],
            respond,
            inputs=[question, records, k],
            outputs=asked,
            api_visibility="private",
        ).then(export_files, inputs=records, outputs=[md_button, docx_button], api_visibility="private")
        chat.submit(ask_example, inputs=[records, k], outputs=asked, api_visibility="private").then(
            export_files, inputs=records, outputs=[md_button, docx_button], api_visibility="private"
        )
        chat.click(select, inputs=records, outputs=[sources, selected, memo_group], api_visibility="private")
        new_button.click(clear, outputs=[chat, records, selected, sources, memo_group], api_visibility="private").then(
            export_files, inputs=records, outputs=[md_button, docx_button], api_visibility="private"
        )
        memo_button.click(
            memo, inputs=[records, selected], outputs=[memo_group, memo_plain, memo_md], api_visibility="private"
        ).then(None, inputs=memo_plain, js=_COPY_JS, api_visibility="private")
        for button, kind in ((up, "up"), (down, "down")):
            button.click(
                lambda r, s, c, kind=kind: vote(kind, r, s, c),
                inputs=[records, selected, comment],
                outputs=[vote_status, comment],
                api_visibility="private",
            )
        files.upload(upload, inputs=files, outputs=upload_report, api_name="upload", show_progress_on=status).then(
            lambda results: (upload_status(results), document_rows(holder.current.data), None),
            inputs=upload_report,
            outputs=[status, table, files],
            api_visibility="private",
        )
        gr.api(ask, api_name="ask")
    return demo
