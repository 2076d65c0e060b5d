"""Copy for memo and conversation export: answer records as footnoted plain text, Markdown or Word.

A record is `Answer.to_dict()` (the `cbsi ask --json` record). Citation markers move after the
punctuation they precede, the memo way: "as of 2024 [1]." becomes "as of 2024.[1]".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Record = dict[str, Any]
TITLE = "CBSI document assistant: conversation"
NOT_IN_DOCUMENTS = "Not in the documents."

_MARKER = re.compile(r"[ \t]*\[(\d+)\]")
_PUNCT = ".,;:!?"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # python-docx refuses these


def split_markers(text: str, cited: set[int]) -> list[str | int]:
    """Text pieces and citation numbers, with punctuation after a marker moved before it.

    Only numbers in `cited` are markers; any other "[7]" is text of the document.

    >>> split_markers("More than $1 billion, as of 2024 [1]. Since 2010 [1] [2], see [7].", {1, 2})
    ['More than $1 billion, as of 2024.', 1, ' Since 2010,', 1, '', 2, ' see [7].']
    """
    out: list[str | int] = []
    pos = 0
    for m in _MARKER.finditer(text):
        if int(m.group(1)) in cited:
            out += [text[pos : m.start()], int(m.group(1))]
            pos = m.end()
    out.append(text[pos:])
    for i in range(2, len(out), 2):  # out alternates text, number, text, ...
        piece = out[i]
        if isinstance(piece, str) and piece[:1] in _PUNCT and piece:
            j = i - 1
            while j > 1 and out[j - 1] == "":  # a run of markers "[1] [2]" is one run
                j -= 2
            out[j - 1] = f"{out[j - 1]}{piece[0]}"
            out[i] = piece[1:]
    return out


def _join(pieces: list[str | int], text: Callable[[str], str], mark: Callable[[int], str]) -> str:
    return "".join(text(p) if isinstance(p, str) else mark(p) for p in pieces)


def md_escape(text: str) -> str:
    r"""Text as Markdown that renders literally; list dashes and line breaks keep their meaning.

    >>> md_escape("A *b* [c] <d>")
    'A \\*b\\* \\[c\\] \\<d\\>'
    """
    return _MD_SPECIAL.sub(r"\\\1", text)


def _references(record: Record) -> list[tuple[int, str]]:
    return [(int(c["n"]), str(c.get("memo") or c.get("title") or c.get("doc_id"))) for c in record.get("citations", [])]


def memo_text(record: Record) -> str:
    """The answer with footnote-style references, as plain text for a memo.

    >>> memo_text({"answer": "More than $1 billion, as of 2024 [1].", "abstained": False,
    ...            "citations": [{"n": 1, "memo": 'U.S. Department of State, "Title," 2024.'}]})
    'More than $1 billion, as of 2024.[1]\\n\\n[1] U.S. Department of State, "Title," 2024.'
    """
    refs = _references(record)
    body = _join(split_markers(record["answer"], {n for n, _ in refs}), str, lambda n: f"[{n}]")
    if record.get("abstained"):
        return f"{NOT_IN_DOCUMENTS} {body}".strip()
    return "\n\n".join([body, "\n".join(f"[{n}] {ref}" for n, ref in refs)]).strip()


def memo_markdown(record: Record) -> str:
    """The answer with Markdown footnotes (`[^1]` and `[^1]: reference`)."""
    refs = _references(record)
    body = _join(split_markers(record["answer"], {n for n, _ in refs}), md_escape, lambda n: f"[^{n}]")
    if record.get("abstained"):
        return f"*{NOT_IN_DOCUMENTS}* {body}".strip()
    return "\n\n".join([body, "\n".join(f"[^{n}]: {md_escape(ref)}" for n, ref in refs)]).strip()


def numbered(records: Sequence[Record]) -> tuple[list[list[str | int]], list[str]]:
    """Every answer's pieces with conversation-wide reference numbers, and the references in order.

    The same reference cited by two answers gets one number.
    """
    references: list[str] = []
    bodies: list[list[str | int]] = []
    for record in records:
        local: dict[int, int] = {}
        for n, ref in _references(record):
            if ref not in references:
                references.append(ref)
            local[n] = references.index(ref) + 1
        pieces = split_markers(record["answer"], set(local))
        bodies.append([p if isinstance(p, str) else local[p] for p in pieces])
    return bodies, references


def conversation_markdown(records: Sequence[Record], title: str = TITLE, note: str = "") -> str:
    """The conversation as Markdown: each question as a heading, its answer, then all references."""
    bodies, references = numbered(records)
    lines = [f"# {md_escape(title)}", ""]
    if note:
        lines += [md_escape(note), ""]
    for i, (record, pieces) in enumerate(zip(records, bodies, strict=True), start=1):
        lines += [f"## {i}. {md_escape(record['question'])}", ""]
        body = _join(pieces, md_escape, lambda n: f"[^{n}]")
        lines += [f"*{NOT_IN_DOCUMENTS}* {body}" if record.get("abstained") else body, ""]
    if references:
        lines += ["## References", ""] + [f"[^{n}]: {md_escape(ref)}" for n, ref in enumerate(references, 1)]
    return "\n".join(lines).rstrip() + "\n"


def conversation_docx(records: Sequence[Record], path: str | Path, title: str = TITLE, note: str = "") -> Path:
    """Write the conversation as a Word file: headings per question, answers, a References list.

    Args:
        records: answer records in conversation order.
        path: the .docx file to write.
    Returns:
        The path written.
    """
    from docx import Document

    def clean(text: str) -> str:
        return _XML_INVALID.sub("", text)

    bodies, references = numbered(records)
    doc = Document()
    doc.core_properties.title = clean(title)
    doc.add_heading(clean(title), level=1)
    if note:
        doc.add_paragraph(clean(note))
    for i, (record, pieces) in enumerate(zip(records, bodies, strict=True), start=1):
        doc.add_heading(clean(f"{i}. {record['question']}"), level=2)
        paragraph = doc.add_paragraph()
        if record.get("abstained"):
            paragraph.add_run(NOT_IN_DOCUMENTS + " ").bold = True
        for piece in pieces:  # "\n" in a run becomes a line break (list answers)
            paragraph.add_run(clean(piece) if isinstance(piece, str) else f"[{piece}]")
    if references:
        doc.add_heading("References", level=2)
        for n, ref in enumerate(references, start=1):
            doc.add_paragraph(clean(f"[{n}] {ref}"))
    path = Path(path)
    doc.save(str(path))
    return path
