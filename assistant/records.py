"""Typed records passed between stages: Section -> Chunk -> Hit -> Citation -> Answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocumentInfo:
    """A source document's metadata. `published` is ISO-like ("2017-11-30", "2024-05", "2024") or None."""

    doc_id: str
    title: str
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    note: str | None = None
    file: str = ""
    sha256: str = ""
    pages: int | None = None  # set for paged documents (PDF)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentInfo:
        fields: dict[str, Any] = {k: d.get(k) for k in cls.__dataclass_fields__ if k in d}
        return cls(**fields)


@dataclass(frozen=True)
class Section:
    """One loaded unit of a document: a PDF page, or a whole text file.

    `start` is the offset of `text` within the document's full text (pages joined by "\\n\\n").
    """

    doc_id: str
    text: str
    page: int | None = None  # 1-based, for paged documents
    start: int = 0


@dataclass(frozen=True)
class Sentence:
    """A sentence of a chunk: `text` is cleaned for reading; start/end index the section text.
    `item` marks the first sentence of a list item (a line starting with a bullet or a number)."""

    text: str
    start: int
    end: int
    item: bool = False


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: whole sentences of one section, with a content-derived stable id."""

    id: str
    doc_id: str
    text: str
    sentences: tuple[Sentence, ...]
    page: int | None
    start: int  # offsets in the section's text
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentences": [[s.start, s.end, s.text, *([True] if s.item else [])] for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Chunk:
        return cls(
            id=d["id"],
            doc_id=d["doc_id"],
            text=d["text"],
            sentences=tuple(
                Sentence(text=x[2], start=x[0], end=x[1], item=len(x) > 3 and bool(x[3])) for x in d["sentences"]
            ),
            page=d.get("page"),
            start=d["start"],
            end=d["end"],
        )


@dataclass(frozen=True)
class Hit:
    """A chunk returned by retrieval, with its fused score and the component scores."""

    chunk: Chunk
    score: float
    dense: float = 0.0  # cosine similarity with the question
    bm25: float = 0.0
    rank: int = 0


@dataclass(frozen=True)
class Citation:
    """A numbered source of an answer: resolves to document, page, chunk and the quoted sentence(s)."""

    n: int
    doc_id: str
    title: str
    publisher: str | None
    published: str | None
    page: int | None
    chunk_id: str
    quote: str
    score: float
    url: str | None = None

    def memo(self) -> str:
        """Memo-ready reference, e.g. `U.S. Department of State, "Title," November 30, 2017, p. 2.`"""
        from assistant.citations import memo_reference

        return memo_reference(self)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["memo"] = self.memo()
        return d


@dataclass
class Answer:
    """What `Assistant.ask` returns; `to_dict()` is the `cbsi ask --json` record."""

    question: str
    text: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)  # shown when abstaining; not citations
    timings_ms: dict[str, float] = field(default_factory=dict)
    query: str = ""  # the question as retrieved, after follow-up resolution
    reason: str = ""  # why the answerer abstained, when it did

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "closest": [c.to_dict() for c in self.closest],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "query": self.query,
            "reason": self.reason,
        }
