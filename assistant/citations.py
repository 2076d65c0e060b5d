"""Citations: build them from chunks, format dates, and render memo-ready references."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.records import Chunk, Citation, DocumentInfo

if TYPE_CHECKING:
    from assistant.records import Answer

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def format_date(published: str | None) -> str | None:
    """Human form of an ISO-like date.

    >>> format_date("2017-11-30"), format_date("2024-05"), format_date("2024"), format_date(None)
    ('November 30, 2017', 'May 2024', '2024', None)
    """
    if not published:
        return None
    parts = str(published).split("-")
    try:
        if len(parts) >= 3:
            return f"{MONTHS[int(parts[1]) - 1]} {int(parts[2][:2])}, {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return str(published)
    return parts[0]


def make_citation(n: int, chunk: Chunk, info: DocumentInfo | None, quote: str, score: float) -> Citation:
    return Citation(
        n=n,
        doc_id=chunk.doc_id,
        title=info.title if info else chunk.doc_id,
        publisher=info.publisher if info else None,
        published=info.published if info else None,
        page=chunk.page,
        chunk_id=chunk.id,
        quote=quote,
        score=round(float(score), 4),
        url=info.url if info else None,
    )


def memo_reference(c: Citation) -> str:
    """`Publisher, "Title," Month D, YYYY, p. N.` (n.d. when the document is undated).

    >>> memo_reference(Citation(1, "jas", "Joint Action Statement", "U.S. Department of State",
    ...                         "2017-11-30", 2, "jas:2:x", "...", 1.0))
    'U.S. Department of State, "Joint Action Statement," November 30, 2017, p. 2.'
    """
    publisher = f"{c.publisher}, " if c.publisher else ""
    text = f'{publisher}"{c.title.rstrip(".")}," {format_date(c.published) or "n.d."}'
    if c.page is not None:
        text += f", p. {c.page}"
    return text if text.endswith(".") else text + "."


def render_sources(answer: Answer) -> str:
    """The answer followed by its numbered sources (what `cbsi ask` prints)."""
    lines = [answer.text, ""]
    if answer.citations:
        lines.append("Sources:")
        for c in answer.citations:
            lines.append(f"[{c.n}] {memo_reference(c)}")
            lines.append(f"    \u201c{c.quote}\u201d")
    if answer.closest:
        lines.append("Closest passages (not cited; they do not answer the question):")
        for c in answer.closest:
            lines.append(f"- {memo_reference(c)}")
            lines.append(f"    \u201c{c.quote[:300]}\u201d")
    return "\n".join(lines).rstrip()
