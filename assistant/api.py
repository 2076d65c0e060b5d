"""The Python API: `Assistant.open(index)` then `ask(question, history)`; `Assistant.build` ingests."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant import compound
from assistant.answering import SENTENCE_HITS, Answerer, AnswerRequest, ExtractiveAnswerer
from assistant.collection import asks_collection, document_description, without_description
from assistant.compare import is_comparison
from assistant.config import Settings
from assistant.conversation import clean_question, last_answer, message_text, resolve
from assistant.cues import (
    absolute_years,
    capital_asked,
    countries_named,
    mentions_document,
    named_sources,
    same_place,
    years_from_earlier,
)
from assistant.embeddings import Embedder
from assistant.ingest import IngestReport, ingest
from assistant.lexical import tokenize
from assistant.records import Answer, Chunk, DocumentInfo, Hit, Sentence
from assistant.related_terms import TermMatcher
from assistant.retrieval import HybridRetriever, HybridSearch, top_rows
from assistant.store import IndexData, load_index

EMPTY_QUESTION_TEXT = "Please type a question."
LEADING_DOCUMENTS = 2  # sentence hits are looked for in the documents of this many first passages
SENTENCE_HIT_FLOOR = 0.45  # ... among sentences at least this close (cosine) to the question


class Assistant:
    """Answers questions from an index built by `cbsi ingest`, with numbered citations.

    Usage::

        a = Assistant.open("index")
        a.ask("How much has the U.S. committed through CBSI as of 2024?").text
        # 'More than $1 billion, as of 2024 [1]. As of 2024, the U.S. government has ...'
    """

    def __init__(
        self, data: IndexData, settings: Settings, embedder: Embedder | None = None, answerer: Answerer | None = None
    ) -> None:
        import faiss

        # One question at a time needs no OpenMP team: on 2 shared cores a flat search of 100k vectors
        # took 24 ms with 2 threads and 5.6 ms with 1 (eval/ann-choice.md).
        faiss.omp_set_num_threads(1)
        self.settings = settings
        self.data = data
        self.embedder = embedder or Embedder(data.model)
        self.answerer: Answerer = answerer or ExtractiveAnswerer()
        self.search = HybridSearch(data, self.embedder, settings)
        self._idf = self.search.idf
        self._position = {c.id: i for i, c in enumerate(data.chunks)}
        self._doc_terms: dict[str, set[str]] | None = None  # each document's words, read on first need
        self._sentence_starts = np.asarray(data.sentence_start, dtype=np.int64)
        # Related terms need the vocabulary vectors of index format 4; older indexes answer without.
        self.terms = (
            TermMatcher(data.vocabulary, data.term_vectors, self.embedder) if data.term_vectors is not None else None
        )
        self.embedder.encode(["warm up"])  # load the model now, so ask() timings are the question's own

    @classmethod
    def open(
        cls,
        index_dir: str | Path = "index",
        *,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
        answerer: Answerer | None = None,
    ) -> Assistant:
        """Load a verified index; raises `IndexStoreError` (one line) if it is missing or damaged."""
        settings = (settings or Settings.from_env()).with_(index_dir=Path(index_dir))
        data = load_index(settings.index_dir, expected_model=embedder.name if embedder else None)
        return cls(data, settings.with_(model=data.model), embedder, answerer)

    @classmethod
    def build(
        cls,
        documents_dir: str | Path = "documents",
        index_dir: str | Path = "index",
        *,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
        progress: bool = False,
        rebuild: bool = False,
    ) -> IngestReport:
        """Do what `cbsi ingest` does: (re)index the documents folder into the index folder."""
        settings = (settings or Settings.from_env()).with_(documents_dir=Path(documents_dir), index_dir=Path(index_dir))
        return ingest(settings, [settings.documents_dir], embedder=embedder, progress=progress, rebuild=rebuild)

    @property
    def documents(self) -> dict[str, DocumentInfo]:
        return self.data.documents

    def retriever(self, k: int | None = None) -> HybridRetriever:
        """The hybrid search as a LangChain `BaseRetriever`."""
        return HybridRetriever(search=self.search, k=k or self.settings.top_k)

    def retrieve(
        self, question: str, query: str, vector: Any, k: int, pointed: frozenset[str] | None = None
    ) -> list[Hit]:
        """The passages for a question (`query` is the question after follow-up resolution, `vector`
        its embedding), the documents the question points at (`pointed`, found here when not given)
        first among equals."""
        return self.search.search(query, vector, k, prefer=self.pointed(question) if pointed is None else pointed)

    def pointed(self, question: str) -> frozenset[str]:
        """The documents a question points at: by name ("the 2016 embassy release"), else by what it
        says of one ("The fact sheet that lists St. Jude's Hospital: what ...?"), the document of the
        passage that matches that description best by its words."""
        named = named_sources(question, self.data.documents, self._idf)
        if named and not mentions_document(question):
            # A title's words the question uses as a topic that other documents speak of too ("the
            # regional drug treatment court bench book" of the "Drug Treatment Court Initiative ... Review"
            # beside a joint statement on the courts) do not point at the titled document.
            named = {d for d in named if not self._spoken_elsewhere(question, d)}
        if named:
            return frozenset(named)
        description = document_description(question)
        if description:
            scores = self.search.keywords.scores(tokenize(description))
            if len(scores) and scores.max() > 0:
                return frozenset({self.data.chunks[int(scores.argmax())].doc_id})
        return frozenset()

    def _spoken_elsewhere(self, question: str, doc: str) -> bool:
        """Whether the words a question shares with a document's title (two or more, not common in the
        texts) all stand in some other document's text as well."""
        info = self.data.documents.get(doc)
        shared = {
            t
            for t in set(tokenize(question)) & set(tokenize(info.title if info else ""))
            if self._idf.get(t, 0.0) >= 1.0
        }
        if len(shared) < 2 or countries_named(" ".join(shared)):
            return False  # a country's sheet ("St. Lucia") is pointed at by its name, however widely it is spoken of
        if self._doc_terms is None:
            self._doc_terms = {}
            for c in self.data.chunks:
                self._doc_terms.setdefault(c.doc_id, set()).update(tokenize(c.text))
        return any(shared <= terms for d, terms in self._doc_terms.items() if d != doc)

    def warm(self) -> None:
        """Load the model and run one query so the first real question is fast."""
        self.ask("warm up")

    def _document_chunks(self, doc_id: str) -> list[Chunk]:
        return [self.data.chunks[i] for i in self.search.rows_of(frozenset({doc_id})).tolist()]

    def _similar(self, chunk: Chunk, index: int, k: int) -> list[tuple[Chunk, int, float]]:
        """The `k` sentences of the whole index closest in meaning to sentence `index` of `chunk`
        (by the stored sentence vectors), best first, each as its chunk, its index there and cosine."""
        start = self.data.sentence_start[self._position[chunk.id]]
        vectors = self.data.sentence_vectors
        sims = vectors @ vectors[start + index]
        rows = top_rows(sims, min(k, len(sims)))
        chunk_of = np.searchsorted(self._sentence_starts, rows, side="right") - 1
        return [
            (self.data.chunks[i], row - self.data.sentence_start[i], float(sims[row]))
            for row, i in zip(rows.tolist(), chunk_of.tolist(), strict=True)
        ]

    def _sentence_hits(self, vector: Any, hits: list[Hit], n: int = SENTENCE_HITS) -> list[Hit]:
        """Passages the search missed that hold one of the sentences of the leading documents closest
        in meaning to the question: a passage is ranked by all its sentences, so the one sentence that
        answers ("the boats will be stationed at the base in Cedros") can sit in a passage of other
        things. At most `n`, after the hits, by the stored sentence vectors."""
        if not hits or n <= 0:
            return []
        rows = self.search.rows_of(frozenset(h.chunk.doc_id for h in hits[:LEADING_DOCUMENTS]))
        seen = {h.chunk.id for h in hits}
        told = {s.text for h in hits for s in h.chunk.sentences}
        if not len(rows):
            return []
        starts, chunks = self.data.sentence_start, self.data.chunks
        index = np.concatenate([np.arange(starts[r], starts[r] + len(chunks[r].sentences)) for r in rows.tolist()])
        sims = self.data.sentence_vectors[index] @ vector
        owner = np.searchsorted(self._sentence_starts, index, side="right") - 1  # each sentence's chunk, as in _similar
        out: list[Hit] = []
        for j in np.argsort(-sims).tolist():
            if sims[j] < SENTENCE_HIT_FLOOR:
                break
            row = int(owner[j])
            chunk = chunks[row]
            text = chunk.sentences[int(index[j]) - starts[row]].text
            if chunk.id in seen or text in told:
                continue
            dense = float(self.data.faiss_index.reconstruct(row) @ vector)
            out.append(Hit(chunk=chunk, score=0.0, dense=dense, rank=len(hits) + len(out) + 1))
            seen.add(chunk.id)
            if len(out) >= n:
                break
        return out

    def _following(self, chunk: Chunk, limit: int = 6) -> list[tuple[Chunk, list[Sentence]]]:
        """Up to `limit` next chunks of the same document page, each with its sentences not yet seen."""
        out: list[tuple[Chunk, list[Sentence]]] = []
        i, end = self._position.get(chunk.id), chunk.end
        if i is None:
            return out
        for nxt in self.data.chunks[i + 1 : i + 1 + limit]:
            if nxt.doc_id != chunk.doc_id or nxt.page != chunk.page:
                break
            out.append((nxt, [s for s in nxt.sentences if s.start >= end]))
            end = max(end, nxt.end)
        return out

    def ask(self, question: str, history: list[dict[str, Any]] | None = None, *, k: int | None = None) -> Answer:
        """Answer `question` (a follow-up is resolved against `history`) with numbered citations.

        Args:
            question: the question in plain language.
            history: earlier turns as `{"role": "user"|"assistant", "content": str}` dicts.
            k: how many passages to retrieve (default: settings.top_k).
        """
        t0 = time.perf_counter()
        question = clean_question(question)
        if not question:
            return Answer(
                question="",
                text=EMPTY_QUESTION_TEXT,
                abstained=True,
                reason="empty question",
                timings_ms={"embed": 0.0, "retrieve": 0.0, "answer": 0.0, "total": 0.0},
            )
        parts = compound.split(question)
        if len(parts) > 1 and re.search(r"\b(?:when|year|date)\b", parts[-1], re.IGNORECASE):
            ask = asks_collection(question)
            if ask and ask.kind in ("newest", "oldest"):
                parts = [question]  # "which is the newest, and what is its date?": the answer gives the date
        if len(parts) > 1:  # "How many ..., and what year ...?": each part, the second as a follow-up
            first = self._ask_one(parts[0], history, k, t0)
            turn = [{"role": "user", "content": parts[0]}, {"role": "assistant", "content": first.text}]
            second = self._ask_one(parts[1], [*(history or []), *turn], k, time.perf_counter())
            return compound.merge(question, [first, second])
        return self._ask_one(question, history, k, t0)

    def _ask_one(self, question: str, history: list[dict[str, Any]] | None, k: int | None, t0: float) -> Answer:
        asked, question = question, absolute_years(question)  # "the year before 2022" is 2021
        earlier = [message_text(m) for m in history or [] if m.get("role") == "user"]
        if earlier:  # "What about the following year?" after "... in FY2022?": FY2023
            question = years_from_earlier(question, earlier[-1])
        resolved = resolve(question, history)
        # A document told by what it says ("The sheet that lists St. Jude's Hospital: ...") is found
        # by that description (`pointed`); its passages are searched for the rest of the question.
        searched = without_description(resolved.query)
        capital = capital_asked(question)
        if capital:  # "the Surinamese capital": passages set in Paramaribo
            searched += f" {capital}"
        vector = self.embedder.encode([searched])[0]
        t1 = time.perf_counter()
        k = k or self.settings.top_k
        if resolved.qtype == "figure" and is_comparison(question):
            k *= 2  # the largest of the figures, or two sources side by side: look at more passages
        pointed = self.pointed(question)
        hits = self.retrieve(question, searched, vector, k, pointed)
        extra = self._sentence_hits(vector, hits)
        sentence_scores = {}
        for h in hits + extra:  # cosine of the question with every sentence of the retrieved chunks
            start = self.data.sentence_start[self._position[h.chunk.id]]
            rows = self.data.sentence_vectors[start : start + len(h.chunk.sentences)]
            sentence_scores[h.chunk.id] = (rows @ vector).tolist()
        t2 = time.perf_counter()
        answer = self.answerer.answer(
            AnswerRequest(
                question=question,
                query=resolved.query,
                qtype=resolved.qtype,
                hits=hits,
                documents=self.data.documents,
                idf=self._idf,
                max_chars=self.settings.max_answer_chars,
                min_dense=self.settings.min_dense_score,
                following=self._following,
                document_chunks=self._document_chunks,
                similar=self._similar,
                sentence_scores=sentence_scores,
                sentence_hits=extra,
                related=_with_places(self.terms.related(resolved.query), resolved.query, capital) if self.terms else {},
                from_answer=resolved.from_answer,
                pointed=pointed,
                told=last_answer(history) if resolved.followup else "",
            )
        )
        t3 = time.perf_counter()
        answer.question = asked
        answer.timings_ms = {
            "embed": (t1 - t0) * 1000,
            "retrieve": (t2 - t1) * 1000,
            "answer": (t3 - t2) * 1000,
            "total": (t3 - t0) * 1000,
        }
        return answer


_CAPITAL_TERM = tokenize("capital")[0]  # the question's word "capital" as the answerer weighs it


def _with_places(related: dict[str, dict[str, float]], query: str, capital: str = "") -> dict[str, dict[str, float]]:
    """Related terms with each place's other name at full credit ("Bahamian" ~ "Bahamas"), and the
    capital the question names by its country ("the Surinamese capital" ~ "Paramaribo")."""
    for term in tokenize(query):
        for other in same_place(term):
            related.setdefault(term, {})[other] = 1.0
    for term in tokenize(capital):
        related.setdefault(_CAPITAL_TERM, {})[term] = 1.0
    return related
