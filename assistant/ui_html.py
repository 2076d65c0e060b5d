"""HTML for the web page: the chat, the sources panel and the documents table. Every piece of
document or user text is escaped here before it reaches the page."""

from __future__ import annotations

import html
import re
import string
from typing import TYPE_CHECKING, Any

from assistant.citations import format_date

if TYPE_CHECKING:
    from assistant.records import Chunk
    from assistant.store import IndexData


EXAMPLES = (
    "How much has the U.S. committed through CBSI as of 2024?",
    "When was CBSI launched?",
    "What did the U.S. donate to the Dominican Republic's 911 center?",
    "What was agreed in the 2017 Joint Action Statement?",
)


Record = dict[str, Any]  # Answer.to_dict(): the `cbsi ask --json` record


_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


_MARKER = re.compile(r"\[(\d+)\]")


def plain(text: str) -> str:
    r"""Text from a document as Markdown that renders literally, on one line.

    Every ASCII punctuation mark is backslash-escaped (CommonMark allows that for all of them), so
    neither HTML tags nor Markdown syntax in a document can change the page.

    >>> print(plain("<b>$1 *billion*</b>\n# 2024"))
    \<b\>\$1 \*billion\*\<\/b\> \# 2024
    """
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def esc(text: Any) -> str:
    """HTML-escaped text, quotes included."""
    return html.escape(str(text), quote=True)


def history_of(records: list[Record]) -> list[dict[str, str]]:
    """Earlier turns as the `{"role", "content"}` messages `Assistant.ask` resolves follow-ups with."""
    out = []
    for r in records:
        out += [{"role": "user", "content": r["question"]}, {"role": "assistant", "content": r["answer"]}]
    return out


def answer_body(record: Record, turn: int) -> str:
    """The answer text with each citation marker as a button that selects its source."""
    titles = {int(c["n"]): c["title"] for c in record.get("citations", [])}
    out, pos = [], 0
    for m in _MARKER.finditer(record["answer"]):
        n = int(m.group(1))
        if n in titles:
            out.append(esc(record["answer"][pos : m.start()]))
            out.append(
                f'<button type="button" class="cite" data-turn="{turn}" data-n="{n}" '
                f'title="Source {n}: {esc(titles[n])}" aria-label="Source {n}">[{n}]</button>'
            )
            pos = m.end()
    out.append(esc(record["answer"][pos:]))
    return "".join(out)


def chat_html(records: list[Record], selected: int | None = None, examples: tuple[str, ...] = EXAMPLES) -> str:
    """The conversation: questions, answers with clickable markers, abstentions set apart.

    With no turns yet, a welcome with example questions to click.
    """
    if not records:
        buttons = "".join(
            f'<button type="button" class="example" data-example="{esc(q)}">{esc(q)}</button>' for q in examples
        )
        return (
            '<div class="welcome"><p>Ask about the indexed documents. Every statement in an answer carries '
            "a numbered source; click a number to see the passage.</p>"
            f'<p class="examples-label">Try one of these:</p><div class="examples">{buttons}</div></div>'
        )
    parts = []
    for i, r in enumerate(records):
        chosen = " selected" if i == selected else ""
        cited = len(r.get("citations", []))
        meta = f"{cited} source{'' if cited == 1 else 's'}" if not r["abstained"] else "no source answers this"
        if r.get("query") and r["query"] != r["question"]:
            meta += f" · searched as \u201c{esc(r['query'])}\u201d"
        if r.get("timings_ms", {}).get("total") is not None:
            meta += f" · {r['timings_ms']['total']:.0f} ms"
        if r["abstained"]:
            body = (
                '<div class="badge">Not in the documents</div>'
                f'<div class="text">{esc(r["answer"])}</div>'
                '<div class="hint">The closest passages are listed beside, marked \u201cnot cited\u201d.</div>'
            )
            kind = "answer abstained"
        else:
            body, kind = f'<div class="text">{answer_body(r, i)}</div>', "answer"
        parts.append(
            f'<div class="turn"><div class="question"><span class="who">You</span>{esc(r["question"])}</div>'
            f'<div class="{kind}{chosen}" data-turn="{i}" tabindex="0">{body}'
            f'<div class="meta">{meta}</div></div></div>'
        )
    return "".join(parts)


def passage_html(chunk: Chunk | None, quote: str) -> str:
    """The cited passage with the quoted sentence(s) in <mark>; text escaped before marking.

    A sentence of the chunk is marked when the quote contains it. Without the chunk (a document
    replaced since), the quote alone is shown marked.
    """
    if chunk is None:
        return f"<mark>{esc(quote)}</mark>"
    squash = " ".join(quote.split())
    out, pos, marked = [], 0, 0
    for s in chunk.sentences:
        start, end = s.start - chunk.start, s.end - chunk.start
        if not (pos <= start <= end <= len(chunk.text)):  # offsets do not fit: mark by text instead
            return _mark_sentences(chunk, squash)
        out.append(esc(chunk.text[pos:start]))
        sentence = esc(chunk.text[start:end])
        if " ".join(s.text.split()) in squash:
            sentence, marked = f"<mark>{sentence}</mark>", marked + 1
        out.append(sentence)
        pos = end
    out.append(esc(chunk.text[pos:]))
    return "".join(out) if marked else _mark_sentences(chunk, squash)


def _mark_sentences(chunk: Chunk, quote: str) -> str:
    texts = [" ".join(s.text.split()) for s in chunk.sentences]
    if not any(t in quote for t in texts):
        return f"{esc(chunk.text)}<br><mark>{esc(quote)}</mark>"
    return " ".join(f"<mark>{esc(t)}</mark>" if t in quote else esc(t) for t in texts)


def _source_meta(c: dict[str, Any]) -> str:
    parts = [
        c.get("publisher") or "publisher unknown",
        format_date(c.get("published")) or "undated",
        f"p. {c['page']}" if c.get("page") is not None else "no page numbers",
    ]
    return " · ".join(esc(p) for p in parts)


def sources_html(record: Record | None, chunks: dict[str, Chunk], turn: int = 0, n: int = 0) -> str:
    """The sources of one answer: title, publisher, date, page and the passage with the quote marked.

    Source `n` is shown selected (the first when `n` is 0). For an abstention, the closest
    passages, labelled as not cited.
    """
    if record is None:
        return '<div class="empty">The sources of the selected answer appear here.</div>'
    closest = bool(record["abstained"])
    items = record.get("closest", []) if closest else record.get("citations", [])
    if not items:
        return f'<div class="empty">No sources for \u201c{esc(record["question"])}\u201d.</div>'
    chosen = n or int(items[0]["n"])
    head = (
        '<div class="panel-head closest-head">Not in the documents. Closest passages (not cited: they do '
        f"not answer \u201c{esc(record['question'])}\u201d)</div>"
        if closest
        else f'<div class="panel-head">Sources for answer {turn + 1}: \u201c{esc(record["question"])}\u201d</div>'
    )
    cards = []
    for c in items:
        classes = "source closest" if closest else "source"
        if not closest and int(c["n"]) == chosen:
            classes += " selected"
        label = '<span class="not-cited">not cited</span>' if closest else f'<span class="num">[{c["n"]}]</span>'
        passage = esc(c["quote"]) if closest else passage_html(chunks.get(c["chunk_id"]), c["quote"])
        ref = "" if closest else f'<div class="ref">Memo reference: {esc(c.get("memo", ""))}</div>'
        cards.append(
            f'<div class="{classes}" data-n="{c["n"]}">'
            f'<div class="title">{label} {esc(c["title"])}</div>'
            f'<div class="src-meta">{_source_meta(c)}</div>'
            f'<blockquote class="passage">{passage}</blockquote>{ref}</div>'
        )
    return head + "".join(cards)


def document_rows(data: IndexData) -> list[list[Any]]:
    """One row per indexed document: title, publisher, date, pages, chunks, file."""
    counts: dict[str, int] = {}
    for c in data.chunks:
        counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
    rows = [
        [
            d.title,
            d.publisher or "",
            format_date(d.published) or "undated",
            d.pages if d.pages is not None else "",
            counts.get(doc_id, 0),
            d.file or doc_id,
        ]
        for doc_id, d in data.documents.items()
    ]
    return sorted(rows, key=lambda r: str(r[0]).lower())


DOCUMENT_HEADERS = ["Title", "Publisher", "Date", "Pages", "Chunks", "File"]


def human_size(n: int) -> str:
    """
    >>> human_size(50 * 2**20), human_size(1536)
    ('50 MB', '1.5 KB')
    """
    value, unit = (n / 2**20, "MB") if n >= 2**20 else (n / 1024, "KB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def upload_status(results: list[dict[str, Any]] | None) -> str:
    """The per-file outcome of an upload as HTML."""
    if not results:
        return ""
    icons = {"indexed": "\u2713", "unchanged": "=", "rejected": "\u2717"}
    items = "".join(
        f'<li class="{esc(r["status"])}">{icons.get(r["status"], "")} <b>{esc(r["file"])}</b>: '
        f"{esc(r['status'])} ({esc(r['detail'])})</li>"
        for r in results
    )
    ok = any(r["status"] == "indexed" for r in results)
    tail = "<p>Added documents can be asked about now.</p>" if ok else ""
    return f'<ul class="upload-results">{items}</ul>{tail}'
