"""Answerers turn retrieved passages into a cited answer. The default is extractive and offline.

`Answerer` is the seam: an LLM answerer only has to implement `answer(AnswerRequest) -> Answer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple, Protocol

from assistant.citations import format_date, make_citation
from assistant.collection import CollectionQuestion, asks_collection, document_description, without_description
from assistant.compare import asks_which_most, extreme, figure_value, is_comparison
from assistant.cues import (
    ASKS_DOCUMENT_DATE,
    POINTS,
    asked_count,
    asked_part,
    asks_address,
    asks_bound,
    asks_countries,
    asks_country,
    asks_day,
    asks_everywhere,
    asks_expansion,
    asks_frequency,
    asks_heading,
    asks_organisation,
    asks_planned,
    asks_target,
    asks_what_called,
    before_years,
    bound_words,
    capital_of,
    count_clash,
    counted_terms,
    counted_things,
    countries_named,
    date_extreme,
    drop_document_reference,
    figure_kind,
    mentions_document,
    name_head,
    named_sources,
    names_country,
    ordinals,
    part_asked,
    same_place,
    section_asked,
    spelled_out,
    subject_names,
    target_asked,
    wants_name,
    wants_person,
    wants_place,
    without_pointers,
)
from assistant.lexical import STOPWORDS, term_set, tokenize
from assistant.records import Answer, Chunk, Citation, DocumentInfo, Hit, Sentence
from assistant.spans import (
    AS_OF,
    FISCAL,
    MONTH,
    YEAR,
    acronyms,
    addresses,
    answer_dates,
    as_of,
    block_starts,
    cell_year,
    date_key,
    date_spans,
    enumerates,
    expansion,
    fitting_figures,
    frequencies,
    heading_text,
    inline_count,
    is_heading,
    led_by,
    list_intro,
    new_names,
    opens_list,
    over_a_span,
    own_year,
    person_names,
    places,
    same_kind,
    shorten,
    told_as_change,
    told_as_rate,
    told_of_one_year,
    upper_first,
)

ABSTAIN_TEXT = "The documents I have do not answer this."
SENTENCE_HITS = 2  # passages added for a sentence of the leading documents close in meaning to the question
# The abstention reason for a best sentence that does not speak of the question's year or subject: the
# one reason a close sentence that does may overrule.
UNSPOKEN = "the passage does not speak of"
# A comparison also gathers, from documents the search did not reach, sentences this close in meaning
# (cosine) to the best figure's, among the closest SIMILAR_DEPTH in the index.
SIMILAR_FLOOR, SIMILAR_DEPTH = 0.3, 50
LIST_ITEM_CHARS = 250  # items other than the one matched are cut to this length (150 cut c026 mid-item)
# In a follow-up, a best sentence that much of whose words the last answer used gives way to one
# scoring at least FRESH_MARGIN of it that tells something new.
TOLD_SHARE, FRESH_MARGIN = 0.6, 0.75
OTHER_SUBJECT_MARGIN = 0.8  # a sentence of the asked year or subject may stand in for a better one from this share
AHEAD_MARGIN = 0.7  # "where will the next one be?": a place told of what is to come leads from this share
HEADLINE_MARGIN = 0.85  # a figure question: a full sentence leads a headline of its document from this share
YEAR_SPOKEN_MARGIN = 0.65  # ... and one that states the year the best one does not speak of, from this share
ROW_MARGIN = 0.05  # a row that shares this much more of the question leads its table's column
PRECISE_DATE_MARGIN = 0.7  # a close sentence of the same document that gives the day, from this share
SPAN_HITS = 3  # passages of date spans added for a question asking when something ends
HEAD_MARGIN = 0.7  # "which program": a naming sentence that says "program" may lead from this share of the best
LABEL_MARGIN = 0.95  # a fact answer's label gives way to a sentence scoring at least this share of it
SECTION_WORDS_SHARE = 0.6  # a heading names the section asked when the question holds this share of its words
SECTION_POINTS = 6  # at most this many of a section's paragraphs are told as its points
YEAR_MARGIN = 0.9  # a sentence of the year asked leads from this share of the best
DATED_MARGIN = 0.85  # a date question: a dated sentence of the same document leads an undated best from this share
OPENING_LINES = 3  # a document's heading and dateline are among its first lines
PART_MARGIN = 0.85  # a figure of the part asked leads the whole's from this share of its score
GOES_ON_MARGIN = 0.6  # a figure question: the next sentence ("It was established with ...") from this share
RANKED_MARGIN = 0.75  # "which country has the most ...?": a table's cell from this share of the best ranks its rows
FIELD_MARGIN = 0.8  # a labelled field naming what is asked leads from this share of the best
COUNTRY_MARGIN = 0.6  # "which country ...?": a sentence naming one, holding most of the question, from this share
PLACE_MARGIN = 0.8  # "where ...?": a sentence naming a place leads from this share of the best
DONE_MARGIN = 0.85  # a figure told as done leads one told as a goal from this share of its score
# ... and a dated one naming what the undated best one names (not the question), from this share
NAMED_DATED_MARGIN = 0.7
TODAY_MARGIN = 0.5  # ... and a release's "today" sentence sharing the event's words with it, from this share
ASKED_DATE_WORDS = "date day when year month"  # words of a date question that say nothing of the event
# A sentence this close to the question keeps its passage in play, however far the passage as a whole:
# "Who chairs the steering committee?" 0.51 in a passage at 0.19; the sample's near-miss "What was the
# House vote tally on H.R. 4939?" 0.36 (0.30 answered it; 0.40-0.50 changed no sample answer).
CLOSE_SENTENCE = 0.40
UNDER_LABEL = 3  # a label's answer is at most this many of the sentences it heads
# What a section's list holds: "what actions ... under their public safety goal" asks for that list.
_SECTION_ITEMS = re.compile(
    r"\b(?:actions|steps|commitments|measures|activities|items|deliverables|tasks|undertakings)\b", re.IGNORECASE
)
# "The bullet points on anti-corruption", "the section on youth": what a section heads is asked for.
_POINTS = re.compile(
    rf"\b(?:{POINTS}|(?:section|part|heading|panel) (?:on|about|headed|titled|called))\b", re.IGNORECASE
)
# A sentence that gives the items the one before announces: "These include A, B and C."
_GOES_ON = re.compile(
    r"(?:These|They|Those|Such \w+) (?:include|includes|are|comprise|involve)\b|Among (?:them|these)\b"
)
EACH_SOURCE_FLOOR = 0.7  # dev..dev7: 0.5 and 0.7 gave the same answers, 0.85 one fewer
# Stems of words that speak of the document rather than of what it says ("described in the St. Lucia
# sheet", "per the release"): they count little when matching a sentence.
_ABOUT_THE_SOURCE = frozenset(
    tokenize(
        "described mentioned sheet article release piece story statement report according per published issued "
        "document text cited quoted writes written notes"
    )
)


@dataclass(frozen=True)
class AnswerRequest:
    """Everything an answerer may use: the question, how it was resolved, and the passages."""

    question: str
    query: str  # after follow-up resolution
    qtype: str  # figure, date, list or fact
    hits: list[Hit]
    documents: dict[str, DocumentInfo]
    idf: dict[str, float] = field(default_factory=dict)
    max_chars: int = 400
    min_dense: float = 0.30
    # The chunks that follow a chunk in its document, each with its sentences not already seen
    # (to finish a list cut by a chunk boundary).
    following: Callable[[Chunk], list[tuple[Chunk, list[Sentence]]]] | None = None
    # Cosine of the question with each sentence of each hit's chunk (by chunk id), when known.
    sentence_scores: dict[str, list[float]] = field(default_factory=dict)
    # Passages the search missed that hold a sentence close in meaning to the question (candidates too).
    sentence_hits: list[Hit] = field(default_factory=list)
    # For a question term, the corpus terms of close meaning with the credit each earns (0-1]:
    # "kids" -> {"children": 0.9}, so a paraphrase still covers the question.
    related: dict[str, dict[str, float]] = field(default_factory=dict)
    from_answer: str = ""  # the part of `query` that came from the last answer (counts less)
    # Every chunk of a document, in order (for "the latest year the St. Lucia sheet mentions").
    document_chunks: Callable[[str], list[Chunk]] | None = None
    # The sentences of the whole index closest in meaning to sentence i of a chunk: (chunk, i, k) ->
    # [(chunk, sentence index, cosine)], best first (to find the same fact in every document).
    similar: Callable[[Chunk, int, int], list[tuple[Chunk, int, float]]] | None = None
    # In a follow-up, the last answer: what it already told is not what "what else" asks for.
    told: str = ""
    # The documents the question points at, when the caller has found them (by name or description).
    pointed: frozenset[str] | None = None
    # The documents the question points at ("the 2016 embassy release"), found once per request.
    named: frozenset[str] = field(init=False)
    # Work done once per request and kept: every sentence of a document in order (by document id),
    # and the answerer's question-term weights.
    _sentences: dict[str, list[tuple[Chunk, Sentence]]] = field(
        init=False, default_factory=dict, repr=False, compare=False
    )
    _weights: dict[int, dict[str, float]] = field(init=False, default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        named = self.pointed if self.pointed is not None else named_sources(self.question, self.documents, self.idf)
        object.__setattr__(self, "named", frozenset(named))


class Answerer(Protocol):
    def answer(self, request: AnswerRequest) -> Answer: ...


@dataclass
class _Candidate:
    hit: Hit
    sentence: Sentence
    index: int  # position in the chunk
    score: float
    coverage: float  # share of the question's weighted terms present in the sentence


class ExtractiveAnswerer:
    """Picks the sentences that answer the question and cites them; abstains when none does.

    Scores each sentence of the top passages by the weighted share of the question's terms it
    contains (terms of the document's own title count less: they say where, not what), its
    passage's similarity with the question and whether it holds the kind of thing asked for (a
    figure of the right kind, a date). Figures lead the answer exactly as written, with the
    source's date; figures for the same thing from documents of other dates follow, newest first.
    It abstains when the best sentence lacks what was asked for: no figure of the asked kind, a
    year or a name from the question that the passage does not mention, or nothing related.
    """

    def __init__(
        self,
        passages: int = 5,
        min_coverage: float = 0.10,
        min_dense_for_low_coverage: float = 0.40,
        title_discount: float = 0.3,
        w_lexical: float = 0.35,
        w_passage: float = 0.2,
        w_sentence: float = 0.3,
        w_rank: float = 0.1,
        min_added_coverage: float = 0.15,
        rare_name_idf: float = 1.0,
        answer_context_weight: float = 0.1,
    ) -> None:
        self.answer_context_weight = answer_context_weight
        # A name in a figure or date question rarer than this (by BM25 idf) must be near the answer.
        self.rare_name_idf = rare_name_idf
        self.min_added_coverage = min_added_coverage
        self.w_rank = w_rank
        # Weights measured on eval/dev.jsonl: sentence cosine 0.2-0.4 gave 0.822, none 0.800.
        self.w_lexical, self.w_passage, self.w_sentence = w_lexical, w_passage, w_sentence
        self.passages = passages
        self.min_coverage = min_coverage
        self.min_dense_for_low_coverage = min_dense_for_low_coverage
        self.title_discount = title_discount

    # -- scoring -------------------------------------------------------------------------------
    def _weights(self, req: AnswerRequest) -> dict[str, float]:
        if id(self) not in req._weights:  # by answerer: their settings weigh context differently
            req._weights[id(self)] = self._term_weights(req)
        return dict(req._weights[id(self)])

    def _term_weights(self, req: AnswerRequest) -> dict[str, float]:
        own = set(tokenize(req.question))
        context = set(tokenize(req.query.replace(req.from_answer, " ") if req.from_answer else req.query)) - own
        answered = set(tokenize(req.from_answer)) - own - context
        top = max(req.idf.values(), default=1.0)
        # Words that tell the document by what it holds ("the sheet that credits SOUTHCOM") say where.
        where = set(tokenize(document_description(req.question)))
        w = {
            t: max(req.idf.get(t, top * 0.5), 0.05) * (0.2 if t in _ABOUT_THE_SOURCE or t in where else 1.0)
            for t in own
        }
        w.update({t: 0.5 * max(req.idf.get(t, top * 0.5), 0.05) for t in context})
        w.update({t: self.answer_context_weight * max(req.idf.get(t, top * 0.5), 0.05) for t in answered})
        return w

    def _candidates(self, req: AnswerRequest, weights: dict[str, float]) -> list[_Candidate]:
        out = []
        kind = figure_kind(req.query) if req.qtype == "figure" else ""
        counted = _counted(req)
        bound = asks_bound(req.question) if req.qtype == "date" else ""
        bounding = bound_words(req.question) if bound else frozenset()
        clash_check = bool(counted_things(req.question))
        asks_difference = kind == "change" or bool(_ASKS_DIFFERENCE.search(req.question))
        # A table's cells, with their passage's weights and total, and their terms.
        cells: list[tuple[_Candidate, _Cell, dict[str, float], float, frozenset[str]]] = []
        # A comparison weighs figures from more passages (the API retrieves more for it).
        depth = 2 * self.passages if req.qtype == "figure" and is_comparison(req.question) else self.passages
        for hit in req.hits[:depth] + req.sentence_hits + (_span_hits(req) if bound == "end" else []):
            info = req.documents.get(hit.chunk.doc_id)
            title_terms = term_set(info.title) if info else frozenset()
            title_norm = _plain(info.title) if info else ""
            w = {t: v * (self.title_discount if t in title_terms else 1.0) for t, v in weights.items()}
            total = sum(w.values()) or 1.0
            chunk_terms = term_set(hit.chunk.text)
            chunk_cov = _coverage(w, chunk_terms, req.related) / total
            semantic = req.sentence_scores.get(hit.chunk.id) or [hit.dense] * len(hit.chunk.sentences)
            for i, s in enumerate(hit.chunk.sentences):
                terms = term_set(s.text)
                told_as = {b for b, cue in _BOUND.items() if cue.search(s.text)} if bound else set()
                if bound in told_as:
                    terms |= bounding  # "runs from October 2020 to September 2025" tells when it ends
                cov = _coverage(w, terms, req.related) / total
                cell = _cell(s.text)
                if cell:
                    # A table's cell: the caption every cell of it repeats tells which table, not which cell,
                    # so its words count as a title's do; the row, column and value count in full.
                    own = _coverage(w, term_set(cell.own), req.related) / total
                    cov = own + self.title_discount * (cov - own)
                fit = self._fits(req.qtype, kind, s.text, set(weights), req.question, counted)
                if req.qtype == "date" and not fit and _said_today(req, hit.chunk.doc_id, s.text):
                    fit = 1.0
                score = (
                    self.w_lexical * cov
                    + 0.2 * chunk_cov
                    + self.w_passage * hit.dense
                    + self.w_sentence * semantic[i]
                    + 0.25 * fit
                    + self.w_rank / hit.rank
                )
                if hit.chunk.doc_id in req.named:
                    score += 0.2  # the question points at this document
                if req.qtype == "list" and not cell and (opens_list(s.text) or s.text.count(",") >= 2):
                    score += 0.1
                if fit and bound:
                    # "When does it end?": a date told as an end ("by the end of the activity in June 2026"),
                    # not as the start ("started in April 2023")
                    score += 0.1 if bound in told_as else -0.1 if told_as else 0.0
                    if bound == "start" and _DEADLINE.search(s.text):
                        # "When was CARAP set up?" is not "... will adopt legislation by 30 September 2026"
                        score -= 0.15
                if cell and not asks_difference and _DIFFERENCE_COLUMN.search(cell.column):
                    score -= 0.1  # "Enacted minus Request: US$+16.0 million" is no amount provided
                if clash_check and count_clash(req.question, s.text):
                    score -= 0.15  # "the three interceptor boats" are not the "two patrol boats" handed over before
                if s.text.rstrip().endswith("?"):
                    score -= 0.15  # a question put ("Will the Cell accept requests in Spanish?") tells nothing
                if _COPYRIGHT.match(s.text):
                    score -= 0.3  # a page's footer ("© 2025 Eastern Caribbean Forensic Science Centre.")
                plain = _plain(s.text)
                if plain and plain in title_norm:
                    score -= 0.4  # the document's title repeated as a heading answers nothing
                elif len(s.text) < 60 and not re.search(r"[.!?:;]$", s.text) and not fit:
                    score -= 0.15  # headings and fragments
                out.append(_Candidate(hit, s, i, score, cov))
                if cell:
                    cells.append((out[-1], cell, w, total, terms))
        self._lift_rows(req, cells)
        out += self._total_rows(req, cells)
        return sorted(out, key=lambda c: -c.score)

    def _lift_rows(
        self,
        req: AnswerRequest,
        cells: list[tuple[_Candidate, _Cell, dict[str, float], float, frozenset[str]]],
    ) -> None:
        """A table's row is one record: the question's words in one of its cells ("Recipient: Royal Saint
        Lucia Police Force") single out the row, and another of its cells may hold what is asked ("Value:
        US$385,000"). Each cell is scored as holding the values of its row's other cells too; its own
        column's name ("Request", "Value") still counts for it alone."""
        values: dict[tuple[str, str, str], set[str]] = {}  # by document, row and caption
        keyed = [(c, cell, w, total, terms) for c, cell, w, total, terms in cells if cell.row]
        for c, cell, *_ in keyed:
            values.setdefault((c.hit.chunk.doc_id, cell.row, cell.caption), set()).update(term_set(cell.value))
        # Only the words asked single out a row, not those of the last answer ("$17.3 million" of FY2022
        # when the follow-up asks for the following year).
        asked = term_set(req.query.replace(req.from_answer, " ") if req.from_answer else req.query)
        for c, cell, w, total, terms in keyed:
            extra = (frozenset(values[c.hit.chunk.doc_id, cell.row, cell.caption]) - terms) & asked
            if not extra:
                continue
            own_cov = _coverage(w, term_set(cell.own) | extra, req.related) / total
            cov = own_cov + self.title_discount * (_coverage(w, terms | extra, req.related) / total - own_cov)
            if cov > c.coverage:
                c.score += self.w_lexical * (cov - c.coverage)
                c.coverage = cov
        # A row's "Total" answers how much its row got, unless the question names another of its columns
        # ("How much did Jamaica get in FY2023?" of "FY 2023, State/INL: ...", "FY 2023, Total: ...").
        rows: dict[tuple[str, str, str], list[tuple[_Candidate, str]]] = {}
        for c, cell, *_ in keyed:
            rows.setdefault((c.hit.chunk.doc_id, cell.row, cell.caption), []).append((c, cell.column))
        for row in rows.values():
            total_cell = next((c for c, column in row if column.lower().startswith("total")), None)
            if total_cell is not None and not any(term_set(column) & asked for _, column in row):
                total_cell.score = max(total_cell.score, max(c.score for c, _ in row) + 0.001)
        # In one column of one table the cells differ by their row alone: the row that shares most with
        # the question leads its column, whichever passage of the table the search ranked higher.
        # (Where a year is asked, only in the column of one year asked: a year picks its own row.)
        columns: dict[tuple[str, str, str], list[_Candidate]] = {}
        years = set(YEAR.findall(req.question))
        for c, cell, *_ in keyed:
            if not years or (len(of_column := set(YEAR.findall(cell.column))) == 1 and of_column <= years):
                columns.setdefault((c.hit.chunk.doc_id, cell.caption, cell.column), []).append(c)
        for group in columns.values():
            top = max(group, key=lambda c: c.coverage)
            rivals = [c for c in group if c.coverage < top.coverage - ROW_MARGIN]
            if rivals:
                top.score = max(top.score, max(c.score for c in rivals) + 0.001)

    def _total_rows(
        self, req: AnswerRequest, cells: list[tuple[_Candidate, _Cell, dict[str, float], float, frozenset[str]]]
    ) -> list[_Candidate]:
        """ "The five-year total for the whole portfolio": the Total row's cell of the best cell's column
        leads it, however many of the question's words a line's label shares ("Cybercrime Legislation
        Review"); read from the document when the search did not return it. Returns the cells added."""
        if not _ASKS_WHOLE.search(req.question):
            return []
        keyed = [(c, cell) for c, cell, *_ in cells if cell.row]
        if not keyed:
            return []
        best, best_cell = max(keyed, key=lambda x: x[0].score)
        if _TOTAL_ROW.match(best_cell.row):
            return []
        added: list[_Candidate] = []
        same_column = (best_cell.column, best_cell.caption)
        total = next(
            (c for c, cell in keyed if _TOTAL_ROW.match(cell.row) and (cell.column, cell.caption) == same_column), None
        )
        if total is None:
            # the Total row of the same table and column, from the document
            for chunk, sent, cell in _table_cells(req, best.hit.chunk.doc_id, best_cell.caption):
                if _TOTAL_ROW.match(cell.row) and cell.column == best_cell.column:
                    total = _candidate_at(req, chunk, _index_in(chunk, sent), best.score, best.hit.dense)
                    total.coverage = best.coverage
                    added.append(total)
                    break
        if total is not None:
            total.score = max(total.score, best.score + 0.001)
        return added

    @staticmethod
    def _fits(
        qtype: str, kind: str, text: str, terms: set[str], question: str = "", counted: frozenset[str] = frozenset()
    ) -> float:
        if qtype == "figure":
            figures = fitting_figures(text, kind, terms, term_set(question), counted)
            if kind == "money" and not _ASKS_A_RATE.search(question):
                # "How much did the evaluation cost?" is not answered by "the average cost per trainee".
                figures = [f for f in figures if not told_as_rate(text, f)]
            if _ASKS_WHOLE.search(question) and len(set(YEAR.findall(question))) >= 2:
                # "over FY2019 to FY2024 combined": a span's total, not one of its years' figures
                figures = [f for f in figures if not told_of_one_year(text, f) and not told_as_change(text, f)]
            if kind == "change" and figures and not told_as_change(text, figures[0]):
                return 0.5  # "by how much did it grow?": a level, where no change is told
            return 1.0 if figures else 0.0
        if qtype == "date":
            dates = answer_dates(text, question)
            if dates and all(d.lower().startswith("since") for d in dates) and not _ASKS_A_START.search(question):
                return 0.5  # "the first Dialogue since 2019" tells when a gap began, not when the event was
            if asks_day(question) and not any(date_key(d)[2] for d in dates):
                return 0.0  # "On what date will it be held?" is not answered by "in 2024"
            return 1.0 if dates else 0.0
        if qtype == "fact" and question and wants_name(question):
            return 1.0 if new_names(text, question) else 0.0
        return 0.0

    # -- answering -----------------------------------------------------------------------------
    def answer(self, req: AnswerRequest) -> Answer:
        if (
            req.qtype == "date"
            and date_extreme(req.question)
            and req.document_chunks
            and (req.named or asks_everywhere(req.question))
        ):
            return self._extreme_date_answer(req)
        if req.qtype == "date" and ASKS_DOCUMENT_DATE.search(req.question) and req.hits:
            return self._document_date_answer(req)
        ask = asks_collection(req.question)
        if ask and req.hits and req.document_chunks is not None:
            return self._collection_answer(req, ask)
        if asks_expansion(req.question):
            spelled = self._expansion_answer(req)
            if spelled is not None:
                return spelled
        kind = asks_address(req.question)
        if kind:
            return self._address_answer(req, kind)
        weights = self._weights(req)
        cands = self._candidates(req, weights)
        if cands and req.qtype == "fact" and wants_name(req.question):
            # A question asking for a name: the best close sentence that names something leads.
            naming = next(
                (c for c in cands if c.score >= 0.85 * cands[0].score and self._names(req, c.sentence.text)),
                None,
            )
            head = name_head(req.question)  # "Which Navy program ...": a name given as a program first
            if head and not (naming and head in term_set(naming.sentence.text)):
                naming = next(
                    (
                        c
                        for c in cands
                        if c.score >= HEAD_MARGIN * cands[0].score
                        and c.hit.chunk.doc_id == cands[0].hit.chunk.doc_id  # the same source still
                        and head in term_set(c.sentence.text)
                        and self._names(req, c.sentence.text)
                    ),
                    naming,
                )
            cands = _first(cands, naming)
        if cands and req.qtype == "fact" and (wants_name(req.question) or asks_organisation(req.question)):
            # A labelled field whose label says what is asked names it: "Implementing partner: Harbourview
            # Development Associates" for "Which organization implemented the SNY activity?".
            field = next(
                (c for c in cands if c.score >= FIELD_MARGIN * cands[0].score and self._field_answers(req, c)), None
            )
            cands = _first(cands, field)
        if cands and req.qtype == "date" and asks_planned(req.question) and req.document_chunks:
            # "In what year was the RSS supposed to host the working group?": a plan item states no
            # date; the list it belongs to may ("the following specific goals in 2018:").
            planned = self._planned_date_answer(req, cands[0])
            if planned is not None:
                return planned
        if cands and req.named and req.qtype in ("figure", "date"):
            # The question points at a document ("And the St. Lucia sheet?"): its fitting sentence leads.
            kind = figure_kind(req.query) if req.qtype == "figure" else ""
            own = next(
                (
                    c
                    for c in cands
                    if c.hit.chunk.doc_id in req.named
                    and c.score >= 0.6 * cands[0].score
                    and self._fits(req.qtype, kind, c.sentence.text, set(weights), req.question, _counted(req))
                ),
                None,
            )
            cands = _first(cands, own)
        if cands and wants_person(req.question):
            # A question asking for a person is answered only by a sentence that names one.
            person = next(
                (c for c in cands if c.score >= 0.7 * cands[0].score and person_names(c.sentence.text, req.question)),
                None,
            )
            if person is None:  # "Who chairs the committee?": a body may ("chaired by the CARICOM Secretariat")
                person = next(
                    (c for c in cands if c.score >= 0.7 * cands[0].score and self._led_by_asked(req, c)),
                    None,
                )
            if person is None:
                return self._abstain(req, "no passage names the person asked for")
            unspoken = _country_unspoken_by(req, person)
            if unspoken:
                # "Who represented Jamaica at the dialogue?" is not answered by its Bahamian co-chair
                return self._abstain(req, f"{UNSPOKEN} {unspoken} where it names a person")
            cands = _first(cands, person)
        if cands and req.qtype == "fact" and asks_which_most(req.question):
            ranked = self._ranked_row_answer(req, cands)
            if ranked is not None:
                return ranked
        if cands and req.qtype == "list" and asks_countries(req.question):
            # "Which countries does the Centre serve?": the close sentence naming most countries (three or more)
            most = max(
                (c for c in cands[:6] if c.score >= COUNTRY_MARGIN * cands[0].score),
                key=lambda c: countries_named(c.sentence.text),
            )
            cands = _first(cands, most if countries_named(most.sentence.text) >= 3 else None)
        if cands and req.qtype == "fact" and asks_country(req.question):
            # "Which country is the first national co-chair?": of the close sentences naming a country, the
            # one holding most of the question leads ("Belize will serve as the first national co-chair",
            # not "the committee ... with a rotating national co-chair", nor another group's co-chairs).
            country = max(
                (
                    c
                    for c in cands[:8]
                    if c.score >= COUNTRY_MARGIN * cands[0].score and names_country(c.sentence.text, req.question)
                ),
                key=lambda c: c.coverage,
                default=None,
            )
            cands = _first(cands, country)
        if cands and req.qtype == "fact" and wants_place(req.question):
            # "Where was the handover held?": a close sentence that puts it at a place leads.
            at = next((c for c in cands if c.score >= PLACE_MARGIN * cands[0].score and places(c.sentence.text)), None)
            if _ASKS_AHEAD.search(req.question):
                # "Where will the next meeting take place?": a place told of what is to come, not of the last one
                ahead = max(
                    (
                        c
                        for c in cands[:15]
                        if c.score >= AHEAD_MARGIN * cands[0].score
                        and _TOLD_AHEAD.search(c.sentence.text)
                        and (places(c.sentence.text) or re.search(r"\bhost", c.sentence.text, re.IGNORECASE))
                    ),
                    key=lambda c: c.coverage,  # of the event asked, not another one to come
                    default=None,
                )
                at = ahead or at
            cands = _first(cands, at)
        if cands and asks_frequency(req.question):
            # "How often ...?" is answered only by a sentence that says how often ("yearly").
            often = next((c for c in cands if c.score >= 0.7 * cands[0].score and frequencies(c.sentence.text)), None)
            if often is None:
                return self._abstain(req, "no passage says how often")
            cands = _first(cands, often)
        cands = _of_the_years(req, _said_first(req, _new_first(req, cands)))
        if cands and req.qtype in ("fact", "list") and is_heading(cands[0].sentence) and not _asks_a_label(req):
            # "What does the justice sector reform strand cover?": what the label heads, not the label.
            under = self._under_label_answer(req, cands[0])
            if under is not None:
                return under
        if req.qtype == "list":
            # A part the question names by its heading is answered by what it heads, however little
            # else of the question its passages share ("the actions under their public safety goal").
            section = self._section_list(req, cands)
            if section is not None:
                return section
        if (
            cands
            and req.qtype == "date"
            and not self._dated(req, cands[0])
            and not answer_dates(cands[0].sentence.text, req.question)  # dated, if not to the day asked
        ):
            # The best sentence tells of the event without a date ("Whitfield handed over the vessels ...");
            # a close one of its document may date it ("The United States today handed over two ...").
            best = cands[0]
            event = term_set(best.sentence.text) & term_set(asked_part(req.question)) - term_set(ASKED_DATE_WORDS)
            shared_names = term_set(" ".join(new_names(best.sentence.text, req.query)))
            dated = next(
                (
                    c
                    for c in cands[1:8]
                    if c.hit.chunk.doc_id == best.hit.chunk.doc_id
                    and self._dated(req, c)
                    and (
                        c.score >= DATED_MARGIN * best.score
                        # a release's "today" sentence telling the same event ("handed over") dates it
                        or (
                            c.score >= TODAY_MARGIN * best.score
                            and _said_today(req, c.hit.chunk.doc_id, c.sentence.text)
                            and event & term_set(c.sentence.text)
                        )
                        # ... and so does one naming what the best one names ("the one going into Georgetown":
                        # "commission the drive-through scanner at the Port of Georgetown in April 2025")
                        or (c.score >= NAMED_DATED_MARGIN * best.score and shared_names & term_set(c.sentence.text))
                    )
                ),
                None,
            )
            cands = _first(cands, dated)
        if cands and req.qtype == "figure" and not asks_target(req.question) and _told_as_target(cands[0]):
            # "How many has it enrolled?" asks what was done: a close figure told as done leads one told
            # as a goal ("aims to enrol 10,000 young people" behind "6,340 young people enrolled").
            kind, counted = figure_kind(req.query), _counted(req)
            done = next(
                (
                    c
                    for c in cands[1:6]
                    if c.score >= DONE_MARGIN * cands[0].score
                    and not _told_as_target(c)
                    and fitting_figures(c.sentence.text, kind, set(weights), term_set(req.question), counted)
                ),
                None,
            )
            cands = _first(cands, done)
        if cands and req.qtype == "figure" and not _ENDS_A_SENTENCE.search(cands[0].sentence.text):
            cands = self._told_over_headline(req, cands, weights)
        part = term_set(part_asked(req.question))
        if cands and req.qtype == "figure" and part and not part & term_set(cands[0].sentence.text):
            # "How much of the request is for maritime security?": a close figure said of the part leads
            # the whole's ("requests $82.5 million" behind "$14 million for maritime security").
            of_part = next(
                (c for c in cands[1:6] if c.score >= PART_MARGIN * cands[0].score and part & term_set(c.sentence.text)),
                None,
            )
            cands = _first(cands, of_part)
        if cands and req.qtype == "figure":
            cands = self._goes_on_with_figure(req, cands, weights)
        if cands and req.qtype == "figure":
            cands, missing = _in_column_asked(req, cands)
            if missing:
                return self._abstain(req, missing)
        reason = self._abstain_reason(req, cands, weights)
        if reason and reason.startswith(UNSPOKEN):
            # The best sentence does not speak of the question's year or subject; a close one that does
            # may answer it ("the year of Obama's Summit pledge": the best line is of CBSI's meetings,
            # the one naming the Summit a little behind it).
            asks_person = wants_person(req.question)
            # A year the best sentence does not speak of: a sentence that states it itself may lead from further back.
            year = YEAR.match(reason[len(UNSPOKEN) :].strip())
            for c in cands[1:8]:
                if c.score < (YEAR_SPOKEN_MARGIN if year else OTHER_SUBJECT_MARGIN) * cands[0].score:
                    break
                if c.score < OTHER_SUBJECT_MARGIN * cands[0].score and not (year and year.group() in c.sentence.text):
                    continue
                if asks_person and not (person_names(c.sentence.text, req.question) or self._led_by_asked(req, c)):
                    continue  # "Who co-chaired the 13th Dialogue?": a sentence naming no one is no answer
                if req.qtype == "figure" and _told_as_target(c) and not asks_target(req.question):
                    continue  # "What was the success rate?" is not answered by "get the success rate to 70 percent"
                if req.qtype == "figure" and _column_asked(req, c) is not None:
                    continue  # "FY2024, Request" is no answer to what was enacted in FY2024
                led = _first(cands, c)
                if self._abstain_reason(req, led, weights) is None:
                    cands, reason = led, None
                    break
            if reason and self._abstain_reason(req, cands, weights, by_title=True) is None:
                reason = None  # no close sentence names it, but the best one's document is titled for it
        if reason:
            return self._abstain(req, reason)
        if asks_heading(req.question) and req.document_chunks:
            # The heading above the best sentence that is not itself a heading.
            under = self._heading_answer(req, next((c for c in cands if not is_heading(c.sentence)), cands[0]))
            if under is not None:
                return under
        if req.qtype == "figure":
            return self._figure_answer(req, cands, weights)
        if req.qtype == "date":
            best = _precise_date(req, cands)
            dates = _told_dates(req, best.sentence.text)
            if dates and asks_day(req.question) and not any(date_key(d)[2] for d in dates):
                # "On what dates will it be held?" of "will be hosted in Georgetown in 2024": no day is told
                told = dates[0].removeprefix("in ")
                why = f"the passages tell {told}, not the day asked for"
                return self._abstain(req, why, f"{ABSTAIN_TEXT} The closest passage gives {told}, not the day.")
            return self._date_answer(req, best, dates)
        if req.qtype == "fact" and len(req.named) >= 2:
            each = self._each_source_answer(req, cands)
            if each is not None:
                return each
        if req.qtype == "fact" and _ASKS_AGREED.search(req.question):
            # "What did partners commit to under the Commitment?": the best sentence names it, and the
            # next one opens the list of what was agreed ("Under the Commitment, they agreed to:").
            best = cands[0]
            following = next((c for c in cands if c.hit is best.hit and c.index == best.index + 1), None)
            if following and following.score >= 0.7 * best.score and opens_list(following.sentence.text):
                return self._intro_list(req, following, following.index)
        if req.qtype == "list" or opens_list(cands[0].sentence.text):
            return self._list_answer(req, cands)  # also when the best sentence introduces a list
        return self._fact_answer(req, cands)

    def _each_source_answer(self, req: AnswerRequest, cands: list[_Candidate]) -> Answer | None:
        """ "What do the St. Lucia sheet and the 2024 article each say ...?": the best sentence of
        every document the question names, each cited; None unless each has a close one."""
        picks: dict[str, _Candidate] = {}  # each named document's best candidate, best document first
        for c in cands:
            if c.hit.chunk.doc_id in req.named:
                picks.setdefault(c.hit.chunk.doc_id, c)
        if len(picks) < len(req.named) or any(c.score < EACH_SOURCE_FLOOR * cands[0].score for c in picks.values()):
            return None
        book = _Book(req)
        parts = []
        for c in picks.values():
            n = book.cite(c.hit.chunk, c.sentence.text, c.score)
            where = _title_label(req.documents.get(c.hit.chunk.doc_id))
            parts.append(f"{'In ' + where + ': ' if where else ''}{shorten(c.sentence.text, req.max_chars - 60)} [{n}]")
        return book.finish("\n".join(parts))

    def _abstain_reason(
        self, req: AnswerRequest, cands: list[_Candidate], weights: dict[str, float], by_title: bool = False
    ) -> str | None:
        if not cands:
            return "nothing retrieved"
        best = cands[0]
        if self._far(req):
            return "no passage is close to the question"
        unnamed = _unnamed_country(req)
        if unnamed:
            # "Barbados's allocation" of documents that never name Barbados (nor Bridgetown, nor Barbadians):
            # no passage answers it, however close (Jamaica's allocation).
            return f"{UNSPOKEN} {unnamed}"
        kind = figure_kind(req.query) if req.qtype == "figure" else ""
        if (req.qtype == "date" and not self._dated(req, best)) or (
            req.qtype == "figure"
            and not self._fits(req.qtype, kind, best.sentence.text, set(weights), req.question, _counted(req))
        ):
            return f"no passage states the {kind if kind not in ('', 'any') else req.qtype} asked for"
        if _ASKS_FINDINGS.search(req.question) and _PLANNED.search(best.sentence.text):
            # "What did the midterm review find?" of "a midterm review planned for 2023": not yet done.
            return "the passage tells of it as planned, not of what it found"
        goal = target_asked(req.question)
        if goal and (req.qtype == "figure" or goal == "target") and not _told_as_target(best):
            # "What's the enrolment target for Guyana?" is not answered by "Guyana, Youth enrolled: 880".
            return "the passage tells what was done, not the target asked for"
        asks_name = (req.qtype == "fact" and (wants_name(req.question) or asks_organisation(req.question))) or (
            asks_what_called(req.question)
        )
        if (
            asks_name
            and not self._names(req, best.sentence.text)
            # "Belize will serve as co-chair" names a country though its name opens the sentence
            and not (asks_country(req.question) and names_country(best.sentence.text, req.question))
        ):
            return "no passage names what was asked for"
        no_row = _row_not_in_corpus(req, best)
        if no_row:
            return f"no row of the table is for {no_row}"
        if best.coverage < self.min_coverage and best.hit.dense < self.min_dense_for_low_coverage:
            return "the best passage shares too little with the question"
        doc = req.documents.get(best.hit.chunk.doc_id)
        compared: set[str] = set()
        if req.qtype == "figure" and is_comparison(req.question):
            # "the 2016 article's figure side by side with the 2024 one": each year names a source.
            for h in req.hits:
                compared |= _document_years(req, h.chunk.doc_id)
        near = _near(best, req)
        for year in before_years(req.question):
            if year in best.sentence.text:  # "the record before the 2022 haul": the passage tells of 2022 itself
                return f"the passage speaks of {year} itself, not of the time before"
        # Years that point at a document or time, or sit in a statement before the question, say
        # which source, not what is asked ("Two of our documents trace CBSI to the 2009 summit. What ...?").
        years = YEAR.findall(asked_part(without_pointers(req.question)))
        if years and _names_several_sources(req):
            # "the 2016 release and the St. Lucia sheet both ...": the passage is from one of them.
            doc_year = _document_years(req, best.hit.chunk.doc_id) | compared
            if best.hit.chunk.doc_id not in req.named and not any(y in near or y in doc_year for y in years):
                return f"{UNSPOKEN} {' or '.join(dict.fromkeys(years))}"
        else:
            missing = _unspoken_year(req, best, years, compared)
            if missing:
                return f"{UNSPOKEN} {missing}"
            span = over_a_span(best.sentence.text, years) if req.qtype == "figure" else None
            if span:  # "in FY2022?" of "27.4 tons from FY 2019 through FY 2022": a total over the years
                return f"{UNSPOKEN} {years[0]} alone, but of {span}"
        asked_ordinals = ordinals(asked_part(without_pointers(req.question)))
        if asked_ordinals:
            # "Where will the eleventh Dialogue take place?" is not answered by the ninth's communique. The
            # sentence's own ordinal decides, else its document's title and opening lines ("12th ... DIALOGUE").
            told = ordinals(best.sentence.text) or ordinals(f"{doc.title if doc else ''} {_opening(req, best)}")
            if told and not asked_ordinals & told:
                return f"{UNSPOKEN} the {' or '.join(map(_nth, sorted(asked_ordinals)))} one"
        if req.qtype in ("figure", "date") or wants_person(req.question):
            # A figure or date of something else: "How much went to St. Lucia?" answered by the total; a
            # person of another body: "Who heads the Trinidad and Tobago FIU?" by a programme's director.
            name = self._unspoken_name(req, best, kind, by_title)
            if name:
                return f"{UNSPOKEN} {name}"
        elif req.qtype in ("fact", "list"):
            # ... and what was done in another country: "What was delivered to Dominica?" is not answered by
            # Antigua's row. Only a sentence that names another country is judged: a programme's description
            # that names none ("Increase educational opportunities for at-risk youth") may be of any.
            name = self._unspoken_name(req, best, kind, places_only=True)
            if name and not names_country(best.sentence.text, req.question):
                name = None
            if name:
                return f"{UNSPOKEN} {name}"
        return None

    def _unspoken_name(
        self, req: AnswerRequest, best: _Candidate, kind: str, by_title: bool = False, places_only: bool = False
    ) -> str | None:
        """The first name of the question that a candidate and what it is said under do not speak of
        (nor its document's title, where `by_title`); None when it speaks of all. With `places_only`, only
        the names of countries (or their people) are judged."""
        doc = req.documents.get(best.hit.chunk.doc_id)
        sents = best.hit.chunk.sentences
        intro = list_intro(best.hit.chunk, best.index)
        # The document's own title counts when the question points at a document ("the release on
        # the Eastern Caribbean"), not when it asks about a place the title happens to name.
        title = doc.title if doc and mentions_document(req.question) else ""
        # The publisher speaks every sentence: "the State Department" names who says it, not what.
        publisher = (doc.publisher or "") if doc else ""
        near_terms = term_set(
            " ".join([_surroundings(best, req), sents[intro].text if intro is not None else "", title, publisher])
        )
        # What the sentence itself says: a table's cell without the caption all its table's cells repeat.
        cell = _cell(best.sentence.text)
        if places_only and cell and cell.row:
            # a table's cell speaks of its row ("Antigua and Barbuda, Delivered: ..."), not of the rows beside it
            row = _row_mates(req, best.hit.chunk.doc_id, cell.row)
            near_terms = term_set(" ".join([best.sentence.text, *row, cell.caption, title, publisher]))
        titled = term_set(doc.title) if doc else set()
        # a dateline under the title places the whole document ("Georgetown, Guyana, October 11") ...
        opening = term_set(_opening(req, best)) if by_title else frozenset()
        asked = asked_part(without_pointers(without_description(req.question)))
        own_terms = term_set(cell.own if cell else best.sentence.text)
        for name in subject_names(asked):
            if places_only and not (same_place(name) or capital_of(name)):
                continue  # a country only: a region ("Eastern Caribbean") is spoken of in too many ways
            # Names the texts never use ("DR", "Washington") are staff shorthand: not judged.
            # ... unless they stand for a name the texts spell out ("the DR": "Dominican Republic").
            terms = [t for t in tokenize(spelled_out(name) or name) if req.idf.get(t, 0.0) >= self.rare_name_idf]
            # A name of several words is spoken of by its rarest word or by half its words: "Royal Grenada
            # Police Force" not by the "police" of any page.
            rarest = max(terms, key=lambda t: req.idf.get(t, 0.0)) if terms else ""
            spoken = sum(t in near_terms for t in terms)
            if (
                not terms
                or rarest in near_terms
                or 2 * spoken >= len(terms)
                or (same_place(name) | capital_of(name)) & near_terms
                or any(_ACTS_OF.get(t, frozenset()) & own_terms for t in terms)
            ):
                continue
            # ... by the acronym of the whole name it is part of ("Prison Reform and Rehabilitation Programme": PRRP)
            whole = _whole_name(asked, name)
            other = (whole != name and _other_form(req, best.hit.chunk.doc_id, whole)) or _other_form(
                req, best.hit.chunk.doc_id, name
            )
            if other and other <= near_terms:
                continue  # "the TWG" of a passage on the "technical working group", as its document defines it
            words = {re.sub(r"['’]s$", "", w) for w in name.split()}  # "the RSS's revenue"
            if doc and words & (_title_acronyms(doc.title) | _title_acronyms(publisher)):
                continue  # "the FY2024 CBJ" is the document itself ("Congressional Budget Justification ..."),
                # and "the CRS brief" its publisher's ("Congressional Research Service")
            # A document titled for the name speaks of it throughout: its counts and dates are the
            # name's ("the Bahamas report": "Joint operations seized 3,140 kilograms"), and so is what
            # the question names with it as the title does ("the Bridgetown dialogue"). Its money may
            # be the whole initiative's (a country's fact sheet gives CBSI's total): that needs the name.
            # A title that gives the name as an acronym ("Youth Pathways for Safer Communities (YPSC)
            # Fact Sheet") is of the programme itself, not of a place: its money is the programme's too.
            titled_for = _titled_for(req, best, name, titled, opening) if by_title else titled
            if (
                by_title
                and any(t in titled_for for t in terms)
                and (
                    kind not in ("money", "any")
                    or _names_with_title(asked, name, titled_for)
                    or bool(_is_acronym(name) and doc and re.search(rf"\b{name}\b", doc.title))
                    # ... and so is one titled for a programme by its rarest word ("Safer Neighbourhoods for
                    # Youth (SNY) Activity: Final Results"), for a name that is no place
                    or (rarest in titled_for and not _is_place(name))
                )
            ):
                continue
            if cell and cell.column and not _is_place(name) and _column_speaks_of(req, best, cell.column, terms):
                continue
            return re.sub(r"['’]s$", "", name)  # "Barbados's" is Barbados
        return None

    def _goes_on_with_figure(
        self, req: AnswerRequest, cands: list[_Candidate], weights: dict[str, float]
    ) -> list[_Candidate]:
        """ "The lab is located in St. James." then "It was established with $2.1 million ...": where the
        best sentence states no figure of the kind asked, the next sentence of its document, speaking of
        its subject ("It", "The lab") and close behind it, leads when it does."""
        kind, counted, best = figure_kind(req.query), _counted(req), cands[0]
        if self._fits("figure", kind, best.sentence.text, set(weights), req.question, counted):
            return cands
        flat = _document_sentences(req, best.hit.chunk.doc_id)
        at = _place(flat, best)
        if not flat or at + 1 >= len(flat) or flat[at][1].start != best.sentence.start:
            return cands
        chunk, following = flat[at + 1]
        goes_on = next(
            (
                c
                for c in cands[1:6]
                if c.hit.chunk.doc_id == best.hit.chunk.doc_id
                and (c.hit.chunk.page, c.sentence.start) == (chunk.page, following.start)
                and c.score >= GOES_ON_MARGIN * best.score
                and _PRONOUN_START.match(c.sentence.text)
                and self._fits("figure", kind, c.sentence.text, set(weights), req.question, counted)
            ),
            None,
        )
        return _first(cands, goes_on)

    @staticmethod
    def _led_by_asked(req: AnswerRequest, c: _Candidate) -> bool:
        """Whether a candidate names who leads what the question asks about, in its own words: one of the
        question's names at least, where it names any ("Who chairs the Audit and Risk Committee?" is not
        answered by "a Grants Committee chaired by the Deputy Executive Director")."""
        if not led_by(c.sentence.text, req.question):
            return False
        said = term_set(c.sentence.text)
        asked = asked_part(req.question)
        # a name whole ("Audit and Risk Committee", not its "Risk Committee"), spoken of by half its words
        names = [tokenize(_whole_name(asked, name)) for name in subject_names(asked)]
        names = [terms for terms in names if terms]
        return not names or any(2 * sum(t in said for t in terms) >= len(terms) for terms in names)

    def _told_over_headline(
        self, req: AnswerRequest, cands: list[_Candidate], weights: dict[str, float]
    ) -> list[_Candidate]:
        """A headline ("Operation seizes more than 14 metric tons of cocaine in 90 days") rounds what a close
        sentence of its document tells exactly ("the seizure of 14.6 metric tons of cocaine"): that sentence
        leads, when it speaks of the question's names."""
        kind, counted, own = figure_kind(req.query), _counted(req), term_set(req.question)
        figures = fitting_figures(cands[0].sentence.text, kind, set(weights), own, counted)
        if not (figures and _ROUNDED.match(figures[0])):
            return cands
        told = next(
            (
                c
                for c in cands[1:6]
                if c.score >= HEADLINE_MARGIN * cands[0].score
                and c.hit.chunk.doc_id == cands[0].hit.chunk.doc_id
                and _ENDS_A_SENTENCE.search(c.sentence.text)
                and fitting_figures(c.sentence.text, kind, set(weights), own, counted)
                and not self._unspoken_name(req, c, kind)
            ),
            None,
        )
        return _first(cands, told)

    def _field_answers(self, req: AnswerRequest, c: _Candidate) -> bool:
        """Whether a candidate is a labelled field ("Implementing partner: Harbourview ...") whose label
        shares a word with what the question asks, besides the names it asks about, and whose value names."""
        field = _FIELD.fullmatch(c.sentence.text)
        if not field:
            return False
        named = term_set(" ".join(subject_names(req.question)))
        asked = term_set(asked_part(req.question)) - named
        if asks_organisation(req.question) and _PERSON_ROLE.search(field.group(1)):
            return False  # "Which organisation ...?" is not answered by "Programme director: Dr. ..."
        # "Which organisation delivers it on the ground?" asks who implements it ("Implemented by: ...").
        implements = bool(_IMPLEMENTER.search(field.group(1)) and _DOES_THE_WORK.search(req.question))
        return (bool(term_set(field.group(1)) & asked) or implements) and bool(self._names(req, field.group(2)))

    def _dated(self, req: AnswerRequest, c: _Candidate) -> bool:
        """Whether a candidate states a date that could answer the question, or tells of the day its
        dated document was issued ("today")."""
        return bool(self._fits("date", "", c.sentence.text, set(), req.question)) or _said_today(
            req, c.hit.chunk.doc_id, c.sentence.text
        )

    def _far(self, req: AnswerRequest) -> bool:
        """True when no passage the answer may use, nor any sentence of one, is close enough to the
        question to answer it (a long passage can hide the one sentence that answers)."""
        hits = req.hits[: self.passages]
        sentence = max((max(req.sentence_scores.get(h.chunk.id) or [0.0]) for h in hits), default=0.0)
        return max((h.dense for h in hits), default=0.0) < req.min_dense and sentence < CLOSE_SENTENCE

    def _names(self, req: AnswerRequest, text: str) -> list[str]:
        """Names in `text` the question lacks; for "what is it called?", only names rare in the texts
        (the "United States" of every page is not what a thing is called)."""
        names = new_names(text, req.question)
        if asks_what_called(req.question) or asks_organisation(req.question):
            top = max(req.idf.values(), default=1.0)
            names = [n for n in names if all(req.idf.get(t, top) >= self.rare_name_idf for t in tokenize(n))]
        return names

    def _abstain(self, req: AnswerRequest, reason: str, text: str = ABSTAIN_TEXT) -> Answer:
        closest = []
        for n, hit in enumerate(req.hits[:3], start=1):
            info = req.documents.get(hit.chunk.doc_id)
            closest.append(make_citation(n, hit.chunk, info, shorten(hit.chunk.text, 300), hit.dense))
        return Answer(
            question=req.question,
            text=text,
            abstained=True,
            citations=[],
            closest=closest,
            query=req.query,
            reason=reason,
        )

    def _figure_answer(self, req: AnswerRequest, cands: list[_Candidate], weights: dict[str, float]) -> Answer:
        terms = set(weights)
        kind = figure_kind(req.query)
        best = cands[0]
        own = term_set(req.question)
        counted = _counted(req)
        fig = fitting_figures(best.sentence.text, kind, terms, own, counted)[0]
        book = _Book(req)
        n = book.cite(best.hit.chunk, best.sentence.text, best.score)
        lead = f"{upper_first(fig)}{as_of(best.sentence.text, req.documents.get(best.hit.chunk.doc_id))} [{n}]"
        # Other documents that state a figure of the same kind for the same thing, newest first.
        # A comparison ("the largest", "compare the two sheets") looks wider, and among the
        # documents it names when it names several.
        others: list[tuple[_Candidate, str]] = []
        seen_docs = {best.hit.chunk.doc_id}
        comparing = is_comparison(req.question)
        if comparing or not _names_a_source(req):
            floor = 0.5 if comparing else 0.65
            for c in cands[1:]:
                if c.hit.chunk.doc_id in seen_docs or c.score < floor * best.score:
                    continue
                if (comparing and len(req.named) >= 2 and c.hit.chunk.doc_id not in req.named) or (
                    not comparing and c.coverage < 0.5 * best.coverage
                ):
                    continue
                column = cell_year(c.sentence.text)
                if column and not set(YEAR.findall(column)) & set(YEAR.findall(req.question)):
                    continue  # a table's cell of a year the question does not ask is another fact
                if self._unspoken_name(req, c, kind, by_title=True):
                    continue  # a figure of another thing: not the question's programme or place
                figs = fitting_figures(c.sentence.text, kind, terms, own, counted)
                if figs and same_kind(fig, figs[0]):
                    others.append((c, figs[0]))
                    seen_docs.add(c.hit.chunk.doc_id)
        if comparing and req.similar is not None:
            # The same fact in documents the search did not reach: sentences close in meaning to the
            # best one that state a figure of its kind ("more than $400 million ... since 2010").
            for chunk, index, cos in req.similar(best.hit.chunk, best.index, SIMILAR_DEPTH):
                doc, sent = chunk.doc_id, chunk.sentences[index]
                if cos < SIMILAR_FLOOR or doc in seen_docs or (len(req.named) >= 2 and doc not in req.named):
                    continue
                other = _candidate_at(req, chunk, index, cos * best.score, cos)
                if self._unspoken_name(req, other, kind, by_title=True):
                    continue
                figs = fitting_figures(sent.text, kind, terms, own, counted)
                if figs and same_kind(fig, figs[0]):
                    others.append((other, figs[0]))
                    seen_docs.add(doc)
        if not others:
            text = f"{lead}. {shorten(best.sentence.text, req.max_chars - len(lead) - 10)} [{n}]"
            return book.finish(text)
        rows = [(best, fig), *others]
        rows.sort(key=lambda r: _date_key(r[0], req.documents), reverse=True)
        order = extreme(req.question)
        if order:
            rows.sort(key=lambda r: figure_value(r[1]) or 0.0, reverse=order == "max")
        book = _Book(req)  # numbered afresh, in the order the figures are told
        if order:
            text = f"The {'largest' if order == 'max' else 'smallest'} figure is "
            joiner = "; the other documents give "
        else:
            text, joiner = "The documents give different figures, newest first: ", "; "
        for i, (c, f) in enumerate(rows[:4]):
            info = req.documents.get(c.hit.chunk.doc_id)
            where = _short_title(info) if comparing else ""
            part = f"{f}{as_of(c.sentence.text, info)} [{len(book.order) + 1}]{where}"
            if i and len(text) + len(part) + 2 > req.max_chars:
                break
            book.cite(c.hit.chunk, c.sentence.text, c.score)
            text += ("" if i == 0 else joiner if i == 1 else "; ") + part
        return book.finish(text + ".")

    def _document_date_answer(self, req: AnswerRequest) -> Answer:
        """ "When was that article published?": the date of the document the question points at."""
        hit = _pointed_hit(req)
        info = req.documents.get(hit.chunk.doc_id)
        title = info.title if info else hit.chunk.doc_id
        when = format_date(info.published) if info and info.published else None
        if when is None:  # the documents do not say: an abstention that names the undated document
            why = f"\u201c{title}\u201d carries no date"
            return self._abstain(req, why, f"{ABSTAIN_TEXT} {why}.")
        chunk, sent = _dated_line(req, hit.chunk.doc_id, hit)
        book = _Book(req)
        n = book.cite(chunk, sent.text, hit.score)
        return book.finish(f"{when} [{n}]: the date of \u201c{title}\u201d.")

    def _collection_answer(self, req: AnswerRequest, ask: CollectionQuestion) -> Answer:
        """ "Who published the St. Lucia sheet?", "Which document is the newest?", "Which are from
        2016?", "What documents do you have?": from the catalogue, each document cited where it
        prints its date or publisher, else by its opening line."""
        book = _Book(req)
        if ask.kind == "publisher":
            pointed = _pointed_docs(req)
            if not (pointed or mentions_document(req.query)):
                return self._abstain(req, "the question does not say which document")
            hit = _pointed_hit(req, pointed)
            info = req.documents.get(hit.chunk.doc_id)
            title = info.title if info else hit.chunk.doc_id
            if not info or not info.publisher:
                why = f"\u201c{title}\u201d names no publisher"
                return self._abstain(req, why, f"{ABSTAIN_TEXT} {why}.")
            chunk, sent = _publisher_line(req, hit.chunk.doc_id, info.publisher, hit)
            n = book.cite(chunk, sent.text, hit.score)
            return book.finish(f"{info.publisher} [{n}]: the publisher of \u201c{title}\u201d.")
        pool = sorted(req.named) if len(req.named) >= 2 and ask.kind in ("newest", "oldest") else sorted(req.documents)
        infos = [req.documents[d] for d in pool if d in req.documents]
        dated = sorted((i for i in infos if i.published), key=lambda i: str(i.published))
        undated = len(infos) - len(dated)

        def cite_dated(info: DocumentInfo) -> int:
            chunk, sent = _dated_line(req, info.doc_id)
            return book.cite(chunk, sent.text, 1.0)

        if ask.kind in ("newest", "oldest"):
            if not dated:
                return self._abstain(req, "no document carries a date")
            info = dated[-1] if ask.kind == "newest" else dated[0]
            n = cite_dated(info)
            which = "most recent" if ask.kind == "newest" else "oldest"
            rank = f"the {which} of the {len(dated)} dated documents" if len(dated) > 1 else "the only one with a date"
            rest = f"; {undated} carr{'ies' if undated == 1 else 'y'} no date" if undated else ""
            return book.finish(f"\u201c{info.title}\u201d, dated {format_date(info.published)} [{n}], is {rank}{rest}.")
        if ask.kind == "year":
            hits = [i for i in dated if str(i.published).startswith(ask.year)]
            if not hits:
                years = sorted({str(i.published)[:4] for i in dated})
                why = f"no document is dated {ask.year}"
                return self._abstain(
                    req, why, f"{ABSTAIN_TEXT} {upper_first(why)}; the dated ones are from {', '.join(years)}."
                )
            lines = [f"- \u201c{i.title}\u201d, {format_date(i.published)} [{cite_dated(i)}]" for i in hits]
            return book.finish(f"Dated {ask.year}:\n" + "\n".join(lines))
        lines = []
        for info in infos:  # "all"
            chunk, sent = _dated_line(req, info.doc_id) if info.published else _opening_line(req, info.doc_id)
            n = book.cite(chunk, sent.text, 1.0)
            when = format_date(info.published) or "undated"
            lines.append(f"- \u201c{info.title}\u201d, {info.publisher or 'no publisher given'}, {when} [{n}]")
        return book.finish(f"{len(infos)} documents:\n" + "\n".join(lines))

    def _extreme_date_answer(self, req: AnswerRequest) -> Answer:
        """ "What is the latest year the St. Lucia sheet refers to?": every date the named documents
        state, the earliest or latest of them with its sentence (to place an undated sheet in time)."""
        found: list[tuple[tuple[int, int, int], str, Chunk, str]] = []
        for doc in sorted(req.named or req.documents):  # "anywhere in our documents": all of them
            for chunk, sent in _document_sentences(req, doc):
                found += [(date_key(d), d, chunk, sent.text) for d in date_spans(sent.text)]
        if re.search(r"\bmonths?\b", req.question, re.IGNORECASE):  # "the latest month and year"
            found = [f for f in found if f[0][1]]
        if not found:
            return self._abstain(req, "the document states no date")
        pick = min if date_extreme(req.question) == "min" else max
        _, when, chunk, text = pick(found, key=lambda f: f[0])  # of equal dates, the first sentence stating it
        book = _Book(req)
        n = book.cite(chunk, text, 1.0)
        return book.finish(_lead_then_sentence(when, text, n, req.max_chars))

    def _expansion_answer(self, req: AnswerRequest) -> Answer | None:
        """ "What does IMPACS stand for?": the name a passage gives before "(IMPACS)". The acronym is
        the question's own, or for "that acronym", the last answer's (its last acronym first)."""
        asked = acronyms(req.question) or acronyms(req.from_answer)[::-1] or acronyms(req.query)[::-1]
        # The definition may sit anywhere in a retrieved document, or in the passages alone.
        places = _passages_then_documents(req, req.hits)
        for acronym in asked:
            for chunk, sent in places:
                name = expansion(acronym, sent.text) if f"({acronym}" in sent.text else None
                if name:
                    book = _Book(req)
                    n = book.cite(chunk, sent.text, 1.0)
                    return book.finish(f"{acronym} stands for {name} [{n}].")
        return None

    def _address_answer(self, req: AnswerRequest, kind: str) -> Answer:
        """ "Which website has more on CBSI?", "What hashtag does the sheet use?": the address of that
        kind in the passages, else in the documents the question names or the passages come from (a
        web address is a line of its own that few words match); of several, the sentence sharing most
        with the question."""
        if self._far(req):
            return self._abstain(req, "no passage is close to the question")
        places = _passages_then_documents(req, req.hits[: self.passages], sorted(req.named))
        weights = self._weights(req)
        found = [(chunk, s, addresses(s.text, kind)) for chunk, s in places]
        found = [f for f in found if f[2]]
        if not found:
            return self._abstain(req, f"no passage gives the {kind if kind != 'url' else 'web address'} asked for")
        chunk, sent, where = max(found, key=lambda f: _coverage(weights, term_set(f[1].text), req.related))
        book = _Book(req)
        n = book.cite(chunk, sent.text, 1.0)
        return book.finish(_lead_then_sentence(where[0], sent.text, n, req.max_chars, capital=False))

    def _planned_date_answer(self, req: AnswerRequest, best: _Candidate) -> Answer | None:
        """The date of the nearest dated intro above a sentence that states none ("Commit to working
        on the following specific goals in 2018:"), quoted with the sentence; None when the sentence
        has a date of its own or no dated intro precedes it."""
        if answer_dates(best.sentence.text, req.question):
            return None
        flat = _document_sentences(req, best.hit.chunk.doc_id)
        at = _place(flat, best)
        for chunk, sent in reversed(flat[:at]):
            when = answer_dates(sent.text, req.question) if opens_list(sent.text) else []
            if when:
                return _above_then_best(
                    req, best, chunk, sent, (f"{upper_first(when[0])}: {sent.text.strip()} ", " \u2026 ")
                )
        return None

    def _ranked_row_answer(self, req: AnswerRequest, cands: list[_Candidate]) -> Answer | None:
        """ "Which country has the largest network of GBV units?": of the rows of a close table cell's
        column, the one whose figure is largest (or smallest), read from the whole table; None when no
        close candidate is a cell of a column of three rows or more."""
        # the close cells, and those further back whose column the question names ("the most trace requests")
        asked = term_set(req.question)
        shared = {id(c): len(term_set((_cell(c.sentence.text) or _NO_CELL).column) & asked) for c in cands[:8]}
        close = [
            c
            for c in cands[:8]
            if (_cell(c.sentence.text) or _NO_CELL).row and (shared[id(c)] or c.score >= RANKED_MARGIN * cands[0].score)
        ]
        if not close:
            return None
        best = max(close, key=lambda c: (shared[id(c)], c.score))  # the column named most, then the best scored
        cell = _cell(best.sentence.text)
        assert cell is not None
        rows: list[tuple[float, Chunk, Sentence, _Cell]] = []
        for chunk, sent, other in _table_cells(req, best.hit.chunk.doc_id, cell.caption):
            if other.column != cell.column:
                continue
            value = figure_value(other.value)
            if value is not None and not _TOTAL_ROW.match(other.row):
                rows.append((value, chunk, sent, other))
        if len(rows) < 3:
            return None
        smallest = extreme(req.question) == "min"
        top = (min if smallest else max)(value for value, *_ in rows)
        book = _Book(req)
        named = []
        for value, chunk, sent, other in rows:
            if value == top:  # a tie names every row that shares the figure
                n = book.cite(chunk, sent.text, best.score)
                named.append(f"{other.row.rstrip(', ')} [{n}] ({other.column}: {other.value})")
        of = f" of \u201c{cell.caption}\u201d" if cell.caption else ""
        word = "smallest" if smallest else "largest"
        return book.finish(f"{' and '.join(named)}: the {word} of the table's rows{of}.")

    def _under_label_answer(self, req: AnswerRequest, label: _Candidate) -> Answer | None:
        """The sentences a label heads ("Justice Sector Reform." then what the strand does), up to the
        next label or heading; None when none follows it."""
        flat = _document_sentences(req, label.hit.chunk.doc_id)
        at = _place(flat, label)
        body: list[tuple[Chunk, Sentence]] = []
        for chunk, sent in flat[at + 1 : at + 1 + UNDER_LABEL]:
            if is_heading(sent):
                break
            body.append((chunk, sent))
        if not body or _plain(flat[at][1].text) != _plain(label.sentence.text):
            return None
        book = _Book(req)
        head = heading_text(label.sentence).rstrip(".:")
        cited = book.cite(label.hit.chunk, label.sentence.text, label.score)  # the label is quoted too
        marks = [book.cite(chunk, x.text, label.score) for chunk, x in body]
        parts = [f"{x.text} [{n}]" for (_, x), n in zip(body, marks, strict=True)]
        return book.finish(f"{head}{'' if cited == marks[0] else f' [{cited}]'}: " + " ".join(parts))

    def _heading_answer(self, req: AnswerRequest, best: _Candidate) -> Answer | None:
        """ "Which of the numbered goals does the CDEMA work fall under?": the nearest heading above
        the sentence that speaks of it, in its document; None when no heading precedes it."""
        doc = best.hit.chunk.doc_id
        info = req.documents.get(doc)
        title = _plain(info.title) if info else ""
        flat = _document_sentences(req, doc)
        at = _place(flat, best)
        for chunk, sent in reversed(flat[:at]):
            if is_heading(sent) and _plain(sent.text) not in title:  # the title repeated answers nothing
                head = heading_text(sent)
                return _above_then_best(req, best, chunk, sent, (f"\u201c{head}\u201d ", ": "))
        return None

    def _date_answer(self, req: AnswerRequest, best: _Candidate, dates: list[str]) -> Answer:
        """The best sentence's date (`dates`, as `_told_dates` reads them), or the document's date for
        what it says was done "today"."""
        book = _Book(req)
        n = book.cite(best.hit.chunk, best.sentence.text, best.score)
        if not dates:  # "... today launched ...": the day the dated document was issued
            dated = _dated_line(req, best.hit.chunk.doc_id, best.hit)
            m = book.cite(dated[0], dated[1].text, best.score)
            when = format_date(req.documents[best.hit.chunk.doc_id].published)
            text = f"{when} [{m}]: {shorten(best.sentence.text, req.max_chars - 40)} [{n}]"
            return book.finish(text)
        return book.finish(_lead_then_sentence(dates[0], best.sentence.text, n, req.max_chars))

    def _list_answer(self, req: AnswerRequest, cands: list[_Candidate]) -> Answer:
        counted = self._counted_list(req, cands, asked_count(req.question))
        if counted is not None:
            return counted
        section = self._section_list(req, cands) if req.qtype != "list" else None  # lists: tried first
        if section is not None:
            return section
        best = cands[0]
        sents = best.hit.chunk.sentences
        if best.index + 1 < len(sents) and _GOES_ON.match(sents[best.index + 1].text):
            # "... identified several priority areas. These include A, B and C.": the next sentence
            # gives the items the best one announces.
            book = _Book(req)
            both = f"{best.sentence.text} {sents[best.index + 1].text}"
            n = book.cite(best.hit.chunk, both, best.score)
            return book.finish(f"{shorten(both, req.max_chars * 3 // 2 - 6)} [{n}]")
        # The first close candidate that belongs to a list introduced by "...:" gives the list.
        for c in cands[:6]:
            if c.score < 0.75 * cands[0].score:
                break
            intro = list_intro(c.hit.chunk, c.index)
            if intro is not None and intro != c.index and enumerates(c.sentence.text):
                # One item that is itself a list and matches better than the intro: that item answers.
                intro_cov = next(x.coverage for x in cands if x.hit is c.hit and x.index == intro)
                if c.coverage > intro_cov:
                    return self._intro_item(req, c, intro)
            if intro is not None:
                return self._intro_list(req, c, intro)
        if enumerates(cands[0].sentence.text):
            return self._fact_answer(req, cands[:1])  # "... such as A, B and C" is the whole answer
        return self._sentences_list(req, cands)

    def _section_list(self, req: AnswerRequest, cands: list[_Candidate]) -> Answer | None:
        """ "What actions did they line up under their public safety goal?": the first list under the
        heading of the best passage's document that the question names ("2. To Advance Public Safety
        and Security"), up to the next heading. "The bullet points on anti-corruption from the 2024
        piece": a heading whose words the question holds ("Transparency Anti-Corruption") gives what
        it heads. None when no heading matches or nothing is under it."""
        what = set(tokenize(section_asked(req.question)))
        named = bool(what and _SECTION_ITEMS.search(req.question))
        if not cands:
            return None
        flat = _document_sentences(req, cands[0].hit.chunk.doc_id)
        heads = [i for i, (_, x) in enumerate(flat) if is_heading(x)]
        if named:
            shared, at = max(((len(what & set(tokenize(flat[i][1].text))), i) for i in heads), default=(0, 0))
            if shared < min(2, len(what)):
                return None
            return self._section_body(req, flat, at, cands[0].score, points=False)
        # A heading most of whose words (at least two) the question holds names the section asked.
        found = _named_heading(req, heads, flat)
        if found is None:
            return None
        if not _POINTS.search(req.question):
            # "What are the key objectives?": a heading the question names that heads only headings
            # ("KEY OBJECTIVES", then "PROMOTE SOCIAL JUSTICE", ...) has those as its items.
            return self._subheadings(req, flat, found, cands[0].score)
        return self._section_body(req, flat, found, cands[0].score, points=not what)

    def _section_body(
        self, req: AnswerRequest, flat: list[tuple[Chunk, Sentence]], at: int, score: float, points: bool
    ) -> Answer | None:
        """What the heading `flat[at]` heads: the first list under it, else (with `points`) its
        paragraphs as bullets, each cited; None when it heads neither."""
        sub = self._subheadings(req, flat, at, score)
        if sub is not None:
            return sub
        body: list[tuple[Chunk, Sentence]] = []
        for chunk, sent in flat[at + 1 :]:
            if is_heading(sent):
                break
            if opens_list(sent.text):
                intro = _candidate_at(req, chunk, _index_in(chunk, sent), score)
                if not _list_items(req, chunk, intro.index)[0]:
                    return None
                return self._intro_list(req, intro, intro.index)
            body.append((chunk, sent))
        if not points or not body:
            return None
        # No list under the heading: its paragraphs are the points, each cited.
        rows = [(chunk, shorten(x.text, LIST_ITEM_CHARS), x) for chunk, x in body[:SECTION_POINTS]]
        return _under_heading(req, flat[at], rows, score)

    def _subheadings(
        self, req: AnswerRequest, flat: list[tuple[Chunk, Sentence]], at: int, score: float
    ) -> Answer | None:
        """The headings printed right under the heading `flat[at]`, in the first one's style, as its
        items, each cited; None when fewer than two follow it."""
        items: list[tuple[Chunk, Sentence]] = []
        for chunk, sent in flat[at + 1 : at + 9]:
            if not is_heading(sent) or (items and _heading_style(sent) != _heading_style(items[0][1])):
                break
            items.append((chunk, sent))
        if len(items) < 2:
            return None
        return _under_heading(req, flat[at], [(c, heading_text(x).rstrip(".:"), x) for c, x in items], score)

    def _counted_list(self, req: AnswerRequest, cands: list[_Candidate], n: int) -> Answer | None:
        """ "What are the three CBSI goals?": the list of exactly `n` items that a close candidate
        belongs to, else the first such list in the document the question points at or the best
        passage comes from; None when the question gives no count or no list has that many."""
        if n < 2:
            return None
        # "Which four places were chosen?" of "launched in four sites: Arima (...), Gros Islet, ... and Spanish Town"
        told = next(
            (c for c in cands[:3] if c.score >= 0.8 * cands[0].score and inline_count(c.sentence.text) == n), None
        )
        if told is not None:
            return self._fact_answer(req, [told])
        pool = [(c, list_intro(c.hit.chunk, c.index)) for c in cands[:10] if c.score >= 0.6 * cands[0].score]
        for doc in dict.fromkeys([*sorted(req.named), cands[0].hit.chunk.doc_id]):
            for chunk, sent in _document_sentences(req, doc):
                if opens_list(sent.text):
                    head = _candidate_at(req, chunk, _index_in(chunk, sent), cands[0].score)
                    pool.append((head, head.index))
        seen = set()
        for c, intro in pool:
            if intro is None:
                continue
            key = (c.hit.chunk.doc_id, c.hit.chunk.page, c.hit.chunk.sentences[intro].start)
            if key in seen:
                continue
            seen.add(key)
            found, whole = _list_items(req, c.hit.chunk, intro)
            if whole and sum(len(items) for _, items in found) == n:
                return self._intro_list(req, c, intro)
        return None

    def _intro_item(self, req: AnswerRequest, c: _Candidate, intro: int) -> Answer:
        book = _Book(req)
        head = c.hit.chunk.sentences[intro].text
        n = book.cite(c.hit.chunk, f"{head} {c.sentence.text}", c.score)
        item = shorten(c.sentence.text, req.max_chars - len(head) - 10).rstrip(".;,")
        return book.finish(f"{head}\n- {item} [{n}]")

    def _intro_list(self, req: AnswerRequest, c: _Candidate, intro: int) -> Answer:
        """The introducing sentence and its items, followed into the next chunks when the list goes on.

        Bulleted items are taken until the first paragraph that is not an item; without bullets,
        every paragraph after the intro in this chunk and the next is an item.
        """
        chunk, book = c.hit.chunk, _Book(req)
        parts = _heading_items(req, chunk, intro)
        if parts:
            # The intro announces parts under headings, and the question names one: what it heads.
            flat = _document_sentences(req, chunk.doc_id)
            heads = [i for i, (_, x) in enumerate(flat) if x.start > chunk.sentences[intro].start and is_heading(x)]
            part_at = _named_heading(req, heads, flat)
            part = self._section_body(req, flat, part_at, c.score, points=True) if part_at is not None else None
            if part is not None:
                return part
        found = parts or _run_items(req, chunk, intro)[0]
        if not found and req.qtype == "list":
            # "... with the collaboration of:" and nothing after it: the text lost the list.
            why = "the passage introduces a list whose items the document does not give"
            return self._abstain(
                req,
                why,
                f"{ABSTAIN_TEXT} The closest passage introduces a list, but its items are missing from the document.",
            )
        if not found:
            return self._sentences_list(req, [c])
        # The intro is quoted with the first items, from a chunk that holds both (chunks overlap by a
        # sentence); only when none does is it cited on its own.
        head, at = chunk.sentences[intro], found[0][0]
        home = at if any(s.start == head.start for s in at.sentences) and at.page == chunk.page else chunk
        first = book.cite(home, head.text, c.score)
        lines: list[str] = []
        for seg_chunk, items in found:
            n = book.cite(seg_chunk, " ".join(items), c.score)
            # The item the question matched stays whole; the others are shortened.
            for x in items:
                limit = req.max_chars - 10 if x == c.sentence.text else LIST_ITEM_CHARS
                item = re.sub(r"[;,]\s+(?:and|or)$", "", shorten(x, limit))  # "...; and" before the last item
                lines.append(f"- {item.rstrip('.;,')} [{n}]")
        cited = any(f"[{first}]" in line for line in lines[:8])
        return book.finish(head.text + ("" if cited else f" [{first}]") + "\n" + "\n".join(lines[:8]))

    def _sentences_list(self, req: AnswerRequest, cands: list[_Candidate]) -> Answer:
        """A list gathered from separate sentences that each match the question about as well."""
        best = cands[0]
        book = _Book(req)
        picked: list[_Candidate] = []
        for c in cands:
            if len(picked) == 4 or c.score < 0.7 * best.score:
                break
            if all(c.sentence.text != p.sentence.text for p in picked):
                picked.append(c)
        if len(picked) == 1:
            return self._fact_answer(req, cands)
        # The best sentence is often itself the list ("... such as A, B and C"): keep it whole.
        limits = [req.max_chars * 3 // 2 - 10] + [160] * (len(picked) - 1)
        lines = [
            f"- {shorten(c.sentence.text, n)} [{book.cite(c.hit.chunk, c.sentence.text, c.score)}]"
            for c, n in zip(picked, limits, strict=True)
        ]
        return book.finish("\n".join(lines))

    def _fact_answer(self, req: AnswerRequest, cands: list[_Candidate]) -> Answer:
        best = cands[0]
        book = _Book(req)
        n = book.cite(best.hit.chunk, best.sentence.text, best.score)
        # The answering sentence is quoted whole when it can be: cut, it may lose the answer itself.
        text = f"{shorten(best.sentence.text, req.max_chars * 3 // 2 - 6)} [{n}]"
        # A second sentence only when it is nearly as good and covers question words the first
        # lacks: a passage cited beside the answer that does not hold it only dilutes the citations.
        # A sentence of the same passage costs no citation; one from a document other than the one
        # the question names is never added.
        weights = {t: v for t, v in self._weights(req).items() if not t.isdigit()}
        one_source = _names_a_source(req)
        for c in cands[1:4]:
            if c.sentence.text == best.sentence.text or is_heading(c.sentence) or opens_list(c.sentence.text):
                continue  # a label or a list's intro without its items says nothing more
            same = c.hit.chunk.id == best.hit.chunk.id
            other_doc = c.hit.chunk.doc_id != best.hit.chunk.doc_id
            adds = same or _new_coverage(weights, best.sentence.text, c.sentence.text) >= self.min_added_coverage
            fits = len(text) + len(c.sentence.text) < req.max_chars
            if c.score >= 0.9 * best.score and adds and fits and not (one_source and other_doc):
                m = book.cite(c.hit.chunk, c.sentence.text, c.score)
                text += f" {c.sentence.text} [{m}]"
                break
        return book.finish(text)


def _lead_then_sentence(lead: str, sentence: str, n: int, max_chars: int, capital: bool = True) -> str:
    """ "December 16, 2016 [1]. On December 16, 2016, ... [1]": the span asked for, then the sentence
    it comes from, unless the sentence is that span alone (a dateline, a web address on its line).

    >>> _lead_then_sentence("2016", "In 2016, funds rose.", 1, 300)
    '2016 [1]. In 2016, funds rose. [1]'
    >>> _lead_then_sentence("www.x.gov", "www.x.gov.", 2, 300, capital=False)
    'www.x.gov [2].'
    """
    head = upper_first(lead) if capital else lead
    if _plain(sentence) == _plain(lead):
        return f"{head} [{n}]."
    return f"{head} [{n}]. {shorten(sentence, max_chars - len(lead) - 10)} [{n}]"


# A question of what is to come, and a sentence that tells of it.
_ASKS_AHEAD = re.compile(r"\b(?:will|next|upcoming|going to|to be held)\b", re.IGNORECASE)
_TOLD_AHEAD = re.compile(
    r"\b(?:will|next|upcoming|to be (?:held|hosted|convened)|is (?:scheduled|set|due) to|plans? to|has offered to)\b",
    re.IGNORECASE,
)
_ROUNDED = re.compile(r"(?:more than|over|nearly|almost|about|approximately|roughly|some|around)\s", re.IGNORECASE)
_ENDS_A_SENTENCE = re.compile(r"[.!?:;\"”’')\]]\s*$")
# A table's cell as `tables.table_lines` reads it: "FY2021, Request: US$31.7 million (Funding by Year)."
_CELL_LINE = re.compile(r"([^:]{1,120}: [^:()]{1,60}?)\s*\(([^()]{1,120})\)\.")


class _Cell(NamedTuple):
    """A table's cell read back from its line ("FY 2023, Total: US$18.6 million (CBSI Funding).")."""

    own: str  # the line without the caption all its table's cells repeat: "FY 2023, Total: US$18.6 million"
    row: str  # "FY 2023, "; "" where the line names no row ("Funding: $11.7 million (...).")
    column: str  # "Total"; "" where the line names no row
    value: str  # "US$18.6 million"
    caption: str  # "CBSI Funding"


_NO_CELL = _Cell("", "", "", "", "")


@lru_cache(maxsize=1 << 16)
def _cell(text: str) -> _Cell | None:
    """The parts of a table's cell line; None for any other sentence.

    >>> c = _cell("March 19, 2024, Value: US$385,000 (Equipment Deliveries).")
    >>> c.own, c.row, c.column, c.value, c.caption
    ('March 19, 2024, Value: US$385,000', 'March 19, 2024, ', 'Value', 'US$385,000', 'Equipment Deliveries')
    >>> _cell("Funding: $11.7 million (Economic Support Funds).").row, _cell("It was handed over.") is None
    ('', True)
    """
    line = _CELL_LINE.fullmatch(text)
    if not line:
        return None
    row = _CELL_ROW.match(text)
    head = row.group(1) if row else ""
    column = text[len(head) :].split(": ", 1)[0] if row else ""
    return _Cell(line.group(1), head, column, text.split(": ", 1)[1].rsplit(" (", 1)[0], line.group(2))


@lru_cache(maxsize=1 << 16)
def _plain(text: str) -> str:
    """Lower case words only, to compare a heading with a title: "Key Objectives:" -> "key objectives"."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def _document_sentences(req: AnswerRequest, doc: str) -> list[tuple[Chunk, Sentence]]:
    """Every sentence of a document in reading order, once (chunks overlap by a sentence), with its
    chunk; nothing when the request cannot see whole documents. Read once per request and document."""
    if req.document_chunks is None:
        return []
    if doc not in req._sentences:
        flat: dict[tuple[int, int], tuple[Chunk, Sentence]] = {}
        for chunk in req.document_chunks(doc):
            for sent in chunk.sentences:
                flat.setdefault((chunk.page or 0, sent.start), (chunk, sent))
        req._sentences[doc] = [flat[k] for k in sorted(flat)]
    return list(req._sentences[doc])


def _told_dates(req: AnswerRequest, text: str) -> list[str]:
    """The dates a sentence gives in answer, the one that answers first: of "October 2021 - September
    2026", the end for "When does it wrap up?"."""
    dates = answer_dates(text, req.question)
    bound = asks_bound(req.question)
    if bound and len(dates) > 1:
        dates = sorted(dates, key=date_key, reverse=bound == "end")
    return dates


def _span_hits(req: AnswerRequest) -> list[Hit]:
    """ "When does it wrap up?": the passages of the leading document that give a span of dates
    ("Period of performance: October 2021 - September 2026"), which share no word with such a question,
    each scored as the document's best passage."""
    if not req.hits or req.document_chunks is None:
        return []
    top = req.hits[0]
    seen = {h.chunk.id for h in req.hits}
    out = []
    for chunk, sent in _document_sentences(req, top.chunk.doc_id):
        # (a report's own period is not the programme's)
        if chunk.id not in seen and _SPAN.search(sent.text) and not _REPORTING.search(sent.text):
            seen.add(chunk.id)
            out.append(Hit(chunk, top.score, top.dense, top.bm25, top.rank))
    return out[:SPAN_HITS]


_REPORTING = re.compile(r"\breport(?:ing)?\s+period\b|\bperiod\s+(?:covered|under review)\b", re.IGNORECASE)


def _precise_date(req: AnswerRequest, cands: list[_Candidate]) -> _Candidate:
    """A month the best sentence gives ("CMIP Outputs by Country, October 2019-June 2024") is told to the
    day by a close sentence of its document ("It operated ... through June 30, 2024"): that one answers."""
    best = cands[0]
    dates = _told_dates(req, best.sentence.text)
    key = date_key(dates[0]) if dates else (0, 0, 0)
    bound = asks_bound(req.question)
    if not (key[1] or (key[0] and bound)) or key[2]:
        return best
    for c in cands[1:8]:
        if c.score < PRECISE_DATE_MARGIN * best.score:
            break
        told = _told_dates(req, c.sentence.text) if c.hit.chunk.doc_id == best.hit.chunk.doc_id else []
        other = date_key(told[0]) if told else (0, 0, 0)
        if other[:2] == key[:2] and other[2]:
            return c
        # "When does it wrap up?": "TARGETS (2021-2026)" told to the month by "October 2021 - September 2026"
        if not key[1] and other[0] == key[0] and other[1] and _BOUND[bound].search(c.sentence.text):
            return c
    return best


def _pointed_docs(req: AnswerRequest) -> frozenset[str]:
    """The documents the question, or the follow-up it resolved to, points at."""
    return req.named | named_sources(req.query, req.documents, req.idf)


def _pointed_hit(req: AnswerRequest, pointed: frozenset[str] | None = None) -> Hit:
    """The best passage of the document the question points at ("that article", "the St. Lucia
    sheet"; `pointed` when already found), else the best passage."""
    docs = _pointed_docs(req) if pointed is None else pointed
    return next((h for h in req.hits if h.chunk.doc_id in docs), req.hits[0])


def _opening_line(req: AnswerRequest, doc: str, hit: Hit | None = None) -> tuple[Chunk, Sentence]:
    flat = _document_sentences(req, doc)
    if flat:
        return flat[0]
    assert hit is not None, "a document is quoted from its passages or from the hit given"
    return hit.chunk, hit.chunk.sentences[0]


def _dated_line(req: AnswerRequest, doc: str, hit: Hit | None = None) -> tuple[Chunk, Sentence]:
    """Where a document prints its own date (to the month at least), else its opening line."""
    info = req.documents.get(doc)
    key = date_key(format_date(info.published) or "") if info else (0, 0, 0)
    for chunk, sent in _document_sentences(req, doc):
        if key[1] and any(date_key(d) == key for d in date_spans(sent.text)):
            return chunk, sent
    return _opening_line(req, doc, hit)


def _publisher_line(req: AnswerRequest, doc: str, publisher: str, hit: Hit) -> tuple[Chunk, Sentence]:
    """The sentence where a document names its publisher ("... was published by the U.S. Department
    of State, Bureau of ..."), else its opening line."""
    words = set(tokenize(publisher)) - {"u.s", "us", "offici"}
    found = [(len(words & set(tokenize(s.text))), -i, c, s) for i, (c, s) in enumerate(_document_sentences(req, doc))]
    best = max(found, key=lambda f: f[:2], default=None)
    if best and best[0] >= min(2, len(words)):
        return best[2], best[3]
    return _opening_line(req, doc, hit)


def _list_items(req: AnswerRequest, chunk: Chunk, intro: int) -> tuple[list[tuple[Chunk, list[str]]], bool]:
    """The items of the list that sentence `intro` of `chunk` introduces, by the chunk that holds
    them, and whether that is the whole list: the headings of the parts it announces
    (`_heading_items`), else the items that run after it (`_run_items`)."""
    heads = _heading_items(req, chunk, intro)
    return (heads, True) if heads else _run_items(req, chunk, intro)


# A field's label naming a person's role: "Programme director", "Team lead", "Point of contact".
_PERSON_ROLE = re.compile(
    r"\b(?:director|manager|lead|head|chief|coordinator|officer|chair|minister|secretary|advis[eo]r|contact|"
    r"spokes(?:person|man|woman))\b",
    re.IGNORECASE,
)
# A field's label naming who does a programme's work, and a question asking who does it.
_IMPLEMENTER = re.compile(r"\bimplement", re.IGNORECASE)
_DOES_THE_WORK = re.compile(r"\b(?:deliver\w*|runs?|running|carr(?:y|ies) out|operates?|manages?|executes?)\b", re.I)
_ASKED_FIGURE = re.compile(r"\bhow (?:many|much)\b", re.IGNORECASE)  # a question that asked for a figure
# A question asking for the whole: "the five-year total for the whole portfolio", "overall", "all lines combined".
_ASKS_WHOLE = re.compile(
    r"\b(?:whole|entire|overall|altogether|combined|in total|"
    r"all (?:[\w-]+ ){0,4}(?:lines|programmes|programs|components))\b",
    re.I,
)
_PRONOUN_START = re.compile(
    r"\s*(?:It|Its|This|These|They|Their|"
    r"The (?:lab|laboratory|centre|center|programme|program|project|unit|facility))\b"
)
_DEADLINE = re.compile(r"\b(?:will|shall|is to|are to|to be)\b[^.;]{0,150}\bby\s+(?:the\s+end\s+of\s+)?\d", re.I)
_COPYRIGHT = re.compile(r"\s*(?:©|\(c\)\s+\d{4}|copyright\b)", re.IGNORECASE)
_TOTAL_ROW = re.compile(r"(?:grand\s+)?total\b", re.IGNORECASE)  # a table's Total row: "Total, ", "Grand total, "
# A question asking a cost per thing: "How much does a scanner cost?", "the average cost per trainee".
_ASKS_A_RATE = re.compile(r"\b(?:per|each|a|an|one|average|typical|unit|apiece)\b", re.IGNORECASE)
_NUMBERED_ITEM = re.compile(r"\(?(\d{1,2})[.)]\s")  # "2. ", "(3) ": a numbered item's number


def _run_items(req: AnswerRequest, chunk: Chunk, intro: int) -> tuple[list[tuple[Chunk, list[str]]], bool]:
    """The items that run after a list's intro, by chunk, and whether that is the whole list (bulleted,
    and seen to end).

    Bulleted items are taken until the first paragraph that is not an item; without bullets, every
    paragraph after the intro in this chunk and the next is an item. At most 8 are taken.
    """
    segments = [(chunk, list(zip(chunk.sentences[intro + 1 :], block_starts(chunk)[intro + 1 :], strict=True)))]
    for nxt, after in req.following(chunk) if req.following else []:
        starts = dict(zip((s.start for s in nxt.sentences), block_starts(nxt), strict=True))
        segments.append((nxt, [(s, starts[s.start]) for s in after]))
    first = next((sents[0][0] for _, sents in segments if sents), None)  # the items may start in the next chunk
    lettered = first is not None and bool(_LETTERED.match(first.text))
    bulleted = first is not None and (first.item or lettered)
    if not bulleted:
        segments = segments[:2]
    found: list[tuple[Chunk, list[str]]] = []
    done = capped = False
    number = 0  # the number of the last numbered item ("2." after "1."), 0 before any
    for seg_chunk, sents in segments:
        items = []
        for s, starts_block in sents:
            # The list has ended: a plain paragraph, a new list, or a heading after items that are
            # not headings ("3. To Promote Social Justice" after a goal's bullets: the next part). An
            # item that goes on the items' numbering ("2. Hurricane-season disruption" after "1. ...")
            # is one more item, however short.
            numbered = _NUMBERED_ITEM.match(s.text)
            goes_on = bool(numbered and number and int(numbered.group(1)) == number + 1)
            is_item = bool(_LETTERED.match(s.text)) if lettered else s.item
            if lettered and not is_item:
                done = True  # the paragraph goes on after its lettered items
                break
            if starts_block and (
                (bulleted and not is_item)
                or opens_list(s.text)
                or (is_heading(s) and first is not None and not is_heading(first) and not goes_on)
            ):
                done = True
                break
            if is_item if bulleted else starts_block:
                items.append(s.text)
                number = int(numbered.group(1)) if numbered else 0
        if items:
            found.append((seg_chunk, items))
        capped = sum(len(i) for _, i in found) >= 8
        if done or capped:
            break
    return found, bulleted and not capped


# "(a) a shortage of counsellors;" then "(b) delays in ...": items lettered inside a paragraph
_LETTERED = re.compile(r"\((?:[a-h]|i{1,3}|iv|vi{0,3}|\d{1,2})\)\s")


def _under_heading(
    req: AnswerRequest, heading: tuple[Chunk, Sentence], rows: list[tuple[Chunk, str, Sentence]], score: float
) -> Answer:
    """A heading, then one bullet per row (the words shown, each citing its sentence). The heading is
    quoted too: by the first item's citation when it is of the same passage, else by its own."""
    book = _Book(req)
    n = book.cite(heading[0], heading[1].text, score)
    lines = [f"- {shown} [{book.cite(chunk, sent.text, score)}]" for chunk, shown, sent in rows]
    marker = "" if rows and rows[0][0].id == heading[0].id else f" [{n}]"
    return book.finish(f"{heading_text(heading[1]).rstrip('.:')}{marker}:\n" + "\n".join(lines))


def _heading_items(req: AnswerRequest, chunk: Chunk, intro: int) -> list[tuple[Chunk, list[str]]]:
    """ "Program highlights include:", then a heading, its paragraphs, the next heading ...: what the
    intro announces is the parts, so the items are the headings in the first one's style (numbered,
    capitals, end mark), up to a heading in another style or the document's end; at most 8. Nothing
    when the intro is not followed by a heading and then a paragraph."""
    flat = _document_sentences(req, chunk.doc_id)
    start = chunk.sentences[intro].start
    at = next((i for i, (c, s) in enumerate(flat) if s.start == start and c.page == chunk.page), None)
    if at is None or at + 2 >= len(flat) or not is_heading(flat[at + 1][1]) or is_heading(flat[at + 2][1]):
        return []
    style = _heading_style(flat[at + 1][1])
    found: list[tuple[Chunk, list[str]]] = []
    for c, s in flat[at + 1 :]:
        if not is_heading(s):
            continue
        if _heading_style(s) != style or sum(len(x) for _, x in found) == 8:
            break
        if found and found[-1][0] is c:
            found[-1][1].append(s.text)
        else:
            found.append((c, [s.text]))
    return found if sum(len(x) for _, x in found) >= 2 else []


# Words that say a heading's items are the main ones, one as good as another for naming it (stems).
_KEY = frozenset({"key", "core", "main", "princip", "primari", "central", "chief", "major"})


def _named_heading(req: AnswerRequest, heads: list[int], flat: list[tuple[Chunk, Sentence]]) -> int | None:
    """Of the headings at `heads` in `flat`, the one the question names: most of its words (at least
    two, SECTION_WORDS_SHARE) are the question's; of several, the one sharing the most words."""
    asked = term_set(drop_document_reference(req.question))  # "the key objectives sheet": not its part
    if asked & _KEY:  # "the three core objectives" names "KEY OBJECTIVES"
        asked |= _KEY
    named = []
    for i in heads:
        words = {w for w in term_set(flat[i][1].text) if not w.isdigit()}  # "1." numbers, not names
        if len(words & asked) >= max(2, SECTION_WORDS_SHARE * len(words)):
            named.append((len(words & asked), i))
    return max(named)[1] if named else None


def _heading_style(sentence: Sentence) -> tuple[bool, bool, bool]:
    """How a heading is printed: numbered, in capitals, with an end mark.

    >>> _heading_style(Sentence("2. To Advance Public Safety", 0, 1)), _heading_style(Sentence("KEY OBJECTIVES", 0, 1))
    ((True, False, False), (False, True, False))
    """
    text = heading_text(sentence)
    return text[:1].isdigit(), text.isupper(), text[-1:] in ".:"


def _asks_a_label(req: AnswerRequest) -> bool:
    """Whether a label may be the answer itself: a name, what something is called, a heading."""
    return wants_name(req.question) or asks_what_called(req.question) or asks_heading(req.question)


def _first(cands: list[_Candidate], lead: _Candidate | None) -> list[_Candidate]:
    """The candidates with `lead` (when there is one) moved to the front."""
    return cands if lead is None else [lead, *(c for c in cands if c is not lead)]


def _new_first(req: AnswerRequest, cands: list[_Candidate]) -> list[_Candidate]:
    """ "Besides that meeting, what else ...?": a follow-up asks for what the last answer did not
    already tell; when the best sentence is what it told, a close one that tells something new leads
    (for a figure, one that states a figure of the kind asked)."""
    if not cands or not req.told or req.qtype not in ("fact", "list", "figure"):
        return cands
    told, asked = term_set(req.told), term_set(req.question)
    if not _told_again(cands[0].sentence.text, told, asked):
        return cands
    # "And how many were in the first group?" after "How many trainees can it take?" was answered "capacity for
    # 640 trainees a year": the figure the last question asked for is not asked again; another one is. (Not
    # after "What scenario did it run?": the count the answer's line gave in passing is still what is asked.)
    kind, counted = (figure_kind(req.query), _counted(req)) if req.qtype == "figure" else ("", frozenset())
    query_terms = set(term_set(req.query))
    if kind:
        figures = fitting_figures(cands[0].sentence.text, kind, query_terms, asked, counted)
        earlier = req.query.removesuffix(req.question)
        if not (figures and figures[0] in req.told and _ASKED_FIGURE.search(earlier)):
            return cands
    fresh = (
        c
        for c in cands[1:]
        if c.score >= FRESH_MARGIN * cands[0].score
        and not is_heading(c.sentence)
        and not _told_again(c.sentence.text, told, asked)
        and (not kind or fitting_figures(c.sentence.text, kind, query_terms, asked, counted))
    )
    return _first(cands, next(fresh, None))


def _said_first(req: AnswerRequest, cands: list[_Candidate]) -> list[_Candidate]:
    """A label ("Crime Prevention and At-risk Youth.") names a topic and says nothing of it: a
    sentence about as close that says something leads a fact answer instead (unless a name is asked for)."""
    if not cands or req.qtype != "fact" or not is_heading(cands[0].sentence) or _asks_a_label(req):
        return cands
    said = (c for c in cands[1:] if c.score >= LABEL_MARGIN * cands[0].score and not is_heading(c.sentence))
    return _first(cands, next(said, None))


def _of_the_years(req: AnswerRequest, cands: list[_Candidate]) -> list[_Candidate]:
    """ "Had CBSI passed $150 million by the end of 2016?": a best sentence that does not speak of the
    question's year (nor does its document's date) gives way to a close one that does."""
    # a follow-up of no year of its own asks the last question's ("How many of them graduated?" after
    # "How many enrolled in FY2025?"), not the last answer's ("... double the 412 in FY2021")
    asked = req.question if YEAR.search(req.question) else req.query.replace(req.from_answer, " ")
    years = YEAR.findall(asked)
    if not cands or not years or _names_several_sources(req) or before_years(req.question):
        return cands
    if _unspoken_year(req, cands[0], years) is None:
        return cands
    close = [c for c in cands[1:6] if c.score >= YEAR_MARGIN * cands[0].score and _unspoken_year(req, c, years) is None]
    # near ties: the one holding most of the question leads ("Total, FY2022/23" before "Other partners, FY2022/23")
    return _first(cands, max(close, key=lambda c: (not is_heading(c.sentence), c.coverage), default=None))


def _near(c: _Candidate, req: AnswerRequest | None = None) -> str:
    """A candidate's sentence with its neighbours: where a year or name it leans on may stand. At
    either end of its passage, the neighbour is read from the document ("... in St. James." then, in
    the next passage, "It was established with $2.1 million")."""
    sents = c.hit.chunk.sentences
    if req is not None and c.index in (0, len(sents) - 1):
        flat = _document_sentences(req, c.hit.chunk.doc_id)
        at = _place(flat, c)
        if flat and flat[at][1].start == c.sentence.start:
            return " ".join(x.text for _, x in flat[max(at - 1, 0) : at + 2])
    return " ".join(x.text for x in sents[max(c.index - 1, 0) : c.index + 2])


# A labelled field of a fact sheet or report: "Implementing partner: Harbourview Development Associates".
_FIELD = re.compile(r"([A-Z][\w /&'()-]{2,40}):\s+(.{2,120}?)\.?")
# A table's cell as `tables` writes it: "Row label, Column: value (Table)." (group 1: "Row label, ")
_CELL_ROW = re.compile(r"([^:]{2,80}?, )[^,:]{1,60}: ")  # a row label may hold a comma: "March 19, 2024, "


# A column of differences ("Enacted minus Request", "Change", "% change"): it answers only a question
# that asks by how much one figure differs from another.
_DIFFERENCE_COLUMN = re.compile(r"\b(?:minus|less|change|difference|variance|gap|increase|decrease)\b|[+±]/?-?", re.I)
_ASKS_DIFFERENCE = re.compile(
    r"\b(?:differ\w*|gap|minus|change[ds]?|more than|less than|above|below|exceed\w*|short of|compared?|"
    r"increase[ds]?|decrease[ds]?|gr[eo]w|fell|fall|rise|rose|drop\w*)\b",
    re.IGNORECASE,
)
# Who a budget word speaks of, though it does not name them: what is enacted or appropriated is
# Congress's, what is requested the Administration's.
_ACTS_OF = {"congress": frozenset({"enact", "appropri"}), "administr": frozenset({"request"})}
_REGION = re.compile(r"\b(?:Caribbean|Eastern|Western|Northern|Southern|Central|Islands?|Region|Coast)\b")


def _unnamed_country(req: AnswerRequest) -> str:
    """The first partner country the question asks about that no document names, nor its capital or
    people ("Barbados's" of documents that never name it); "" when there is none. A name the texts
    never use is otherwise taken for staff shorthand ("DR", "Washington") and not judged."""
    asked = asked_part(without_pointers(without_description(req.question)))
    for name in subject_names(asked):
        words = _country_words(name)
        if words and not any(t in req.idf for t in words):
            return name
    return ""


def _country_words(name: str) -> frozenset[str]:
    """The words a partner country is spoken of by (its name's, its people's and its capital's);
    nothing for a name that is no country."""
    capital = capital_of(name)
    return frozenset({*tokenize(name), *same_place(name), *capital}) if capital else frozenset()


def _is_place(name: str) -> bool:
    """Whether a name is of a country, its people, its capital or a region ("the Eastern Caribbean"),
    rather than of a programme or a body.

    >>> _is_place("Jamaica's"), _is_place("Eastern Caribbean"), _is_place("USAID's Safer Neighbourhoods")
    (True, True, False)
    """
    return bool(same_place(name) or capital_of(name) or _REGION.search(name))


# A speaker's turn in a transcript: "ACHTERBERG: ...", "Dr. Simone Achterberg: ...", "MODERATOR: ...".
_SPEAKER = re.compile(r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*(?:\s+\([^()]{1,60}\))?:\s")


def _column_speaks_of(req: AnswerRequest, cand: _Candidate, column: str, terms: list[str]) -> bool:
    """Whether a sentence of a table cell's document that speaks of the cell's column speaks of a name:
    "trace requests submitted through the RTCC" makes a "Trace requests" cell the RTCC's, and "officers
    trained to the First Contact standard" a "Trained officers" cell the First Contact standard's."""
    of_column = _column_words(column)
    if len(of_column) < 2:
        return False  # a column of one word ("Enacted", "Request") is spoken of too widely to tell
    for _, sent in _document_sentences(req, cand.hit.chunk.doc_id):
        said = term_set(sent.text)
        if of_column <= said and all(t in said for t in terms) and _cell(sent.text) is None:
            return True
    return False


def _in_column_asked(req: AnswerRequest, cands: list[_Candidate]) -> tuple[list[_Candidate], str]:
    """ "How much did Congress enact in FY2024?" of "FY2024, Request: ...": the cell of the column the
    question names, in the best cell's row, leads; where the row has none, why the table does not
    answer ("the table gives no Enacted for FY2024")."""
    column = _column_asked(req, cands[0])
    if column is None:
        return cands, ""
    name, found = column
    if found is None:
        cell = _cell(cands[0].sentence.text)
        return cands, f"the table gives no {name} for {cell.row.rstrip(', ') if cell else 'that row'}"
    chunk, sent = found
    return [_candidate_at(req, chunk, _index_in(chunk, sent), cands[0].score, cands[0].hit.dense), *cands], ""


def _column_asked(req: AnswerRequest, best: _Candidate) -> tuple[str, tuple[Chunk, Sentence] | None] | None:
    """The column of the best cell's table that the question names where the best cell's own column
    shares none of its words ("enact" names "Enacted", not "Request"), with the cell of that column in
    the best cell's row (None where the row has none); None when the question names no other column."""
    cell = _cell(best.sentence.text)
    if not cell or not cell.row or not cell.caption:
        return None
    asked = term_set(asked_part(req.question))
    if _column_words(cell.column) & asked:
        return None
    kind, counted, terms = figure_kind(req.query), _counted(req), set(term_set(req.query))
    same_table = _table_cells(req, best.hit.chunk.doc_id, cell.caption)
    # a column the question names, whose cells hold figures of the kind asked ("Enacted", not the
    # "Equipment" column of "what was the equipment worth?" nor "Seats per course" of "how many days")
    named = [
        o.column
        for _, sent, o in same_table
        # (words the best cell's own row says are no other column's: "Vessel readiness, Jan-Jun 2024")
        if (_column_words(o.column) & asked) - term_set(cell.own)
        and fitting_figures(sent.text, kind, terms, asked, counted)
    ]
    if not named:
        return None
    column = max(set(named), key=lambda c: (len(_column_words(c) & asked), -len(c)))
    row = next(((chunk, sent) for chunk, sent, o in same_table if o.row == cell.row and o.column == column), None)
    return column, row


def _table_cells(req: AnswerRequest, doc: str, caption: str) -> list[tuple[Chunk, Sentence, _Cell]]:
    """The cells with a row of a document's table captioned `caption`, in reading order."""
    return [
        (chunk, sent, cell)
        for chunk, sent in _document_sentences(req, doc)
        if (cell := _cell(sent.text)) and cell.row and cell.caption == caption
    ]


def _column_words(column: str) -> frozenset[str]:
    """A column name's words that say what it holds, not its year ("FY2023 target": target)."""
    return frozenset(t for t in term_set(column) if not re.search(r"\d", t) and t not in ("total", "fy", "cy"))


def _country_unspoken_by(req: AnswerRequest, c: _Candidate) -> str:
    """A partner country the question names that neither a candidate's sentence nor its document's
    title speaks of (by name, people or capital); "" when there is none."""
    info = req.documents.get(c.hit.chunk.doc_id)
    said = term_set(f"{c.sentence.text} {info.title if info else ''}")
    for name in subject_names(asked_part(req.question)):
        words = _country_words(name)
        if words and not words & said:
            return re.sub(r"['’]s$", "", name)
    return ""


def _row_not_in_corpus(req: AnswerRequest, best: _Candidate) -> str:
    """ "What is the median turnaround for toxicology cases?" of a table whose best cell is another row's
    ("Latent prints, Median turnaround 2024: 44 days"): a word of the question no document uses, where
    the best cell's row shares none of the question's words, names a row the table does not have; ""
    otherwise. (Only a word of seven letters or more, none ending like an adverb or a verb's form:
    "typically getting" or "given" is a paraphrase's wording, not a row.)"""
    cell = _cell(best.sentence.text)
    question = asked_part(req.question)
    if not cell or not cell.row or term_set(cell.row) & term_set(question):
        return ""
    for word in re.findall(r"[A-Za-z][a-z]{6,}", question):
        stems = tokenize(word)
        if stems and not re.search(r"(?:ly|ing|ed|en|er|est)$", word) and stems[0] not in req.idf:
            return word
    return ""


def _row_mates(req: AnswerRequest, doc: str, row: str) -> list[str]:
    """The cells of a document's table row `row` ("33-foot interceptor vessel, "), its own included."""
    return [s.text for _, s in _document_sentences(req, doc) if s.text.startswith(row)]


def _block_start(chunk: Chunk, index: int) -> int:
    """The sentence of a passage that opens the paragraph or item sentence `index` belongs to."""
    starts = block_starts(chunk)
    return next(i for i in range(index, -1, -1) if starts[i])


def _surroundings(c: _Candidate, req: AnswerRequest) -> str:
    """What a candidate's sentence is said under: its neighbours, the rest of its paragraph, the
    heading of its section ("Guyana" over "Four interceptor boats were delivered in 2022.") and, for
    a table's cell, the rest of its row."""
    sents = c.hit.chunk.sentences
    starts = block_starts(c.hit.chunk)
    first = _block_start(c.hit.chunk, c.index)
    last = next((i for i in range(c.index + 1, len(sents)) if starts[i]), len(sents))
    parts = [_near(c, req), *(s.text for s in sents[first:last]), _paragraph_opening(req, c)]
    flat = _document_sentences(req, c.hit.chunk.doc_id)
    row = _CELL_ROW.match(c.sentence.text)
    if row:  # a table's cell: the other cells of its row ("33-foot interceptor vessel, Recipient: ...")
        parts += _row_mates(req, c.hit.chunk.doc_id, row.group(1))
    if flat:
        at = _place(flat, c)
        opening = at - (c.index - first)
        if _SPEAKER.match(sents[first].text) and opening > 0 and flat[opening - 1][1].text.rstrip().endswith("?"):
            # A reply in a transcript ("ACHTERBERG: The current award runs to 31 August 2026.") is said
            # under the question put just before it ("When does the PRRP end?").
            parts.append(flat[opening - 1][1].text)
        head = next((s for _, s in reversed(flat[:at]) if is_heading(s)), None)
        if head is not None:
            parts.append(head.text)
    else:
        head = next((s for s in reversed(sents[: c.index]) if is_heading(s)), None)
        if head is not None:
            parts.append(head.text)
    return " ".join(parts)


_TODAY = re.compile(r"\b(?:today|this morning|this afternoon)\b", re.IGNORECASE)


def _said_today(req: AnswerRequest, doc: str, text: str) -> bool:
    """Whether a sentence of a dated document tells of the day it was issued ("... today launched ...")."""
    info = req.documents.get(doc)
    return bool(info and info.published and len(info.published) == 10 and _TODAY.search(text))


def _document_years(req: AnswerRequest, doc: str) -> set[str]:
    """The years a whole document is of: its date's and its title's ("Fiscal Year 2023 Program Review")."""
    info = req.documents.get(doc)
    return set(YEAR.findall(f"{info.published or ''} {info.title or ''}")) if info else set()


def _named_year_clash(question: str, text: str, years: list[str]) -> str | None:
    """The year of a name the question gives with one ("Coral Shield 2025") that the text gives with
    another year only ("Coral Shield 2023: Port of Spain"): it tells of another edition, whatever its
    neighbours say. None when there is no such clash.

    >>> _named_year_clash("Which city hosts Coral Shield 2025?", "Coral Shield 2023: Port of Spain", ["2025"])
    '2025'
    >>> _named_year_clash("What was spent in FY 2024?", "In FY 2023 it spent $2 million.", ["2024"]) is None
    True
    """
    for y in years:
        named = re.search(rf"\b([A-Z][\w-]+)\s+{y}\b", question)
        if not named or named.group(1).lower() in STOPWORDS or _NOT_A_NAME.fullmatch(named.group(1)):
            continue
        word = re.escape(named.group(1))
        if re.search(rf"\b{word}\s+(?:19|20)\d\d\b", text) and not re.search(rf"\b{word}\s+{y}\b", text):
            return y
    return None


# Words before a year that make no name of it: "FY 2024", "Fiscal Year 2024", "June 2024".
_NOT_A_NAME = re.compile(rf"FY|CY|Fiscal|Year|Calendar|Budget|{MONTH}", re.IGNORECASE)


# A paragraph that opens on its year: "In FY2024 those scanners ...", "During 2023, ..."
_OPENS_WITH_YEAR = re.compile(
    r"(?:[A-Z][\w'’-]*:\s+)?(?:In|During|Over|Throughout|For)\s+(?:the\s+)?" + FISCAL + r"?(?:19|20)\d\d\b"
)


def _paragraph_opening(req: AnswerRequest, c: _Candidate, reach: int = 6) -> str:
    """The first sentence of a candidate's paragraph, read in its document (a passage may begin in the
    middle of one); its own sentence when the paragraph began more than `reach` sentences before."""
    flat = _document_sentences(req, c.hit.chunk.doc_id)
    if not flat:
        return c.hit.chunk.sentences[_block_start(c.hit.chunk, c.index)].text
    at = _place(flat, c)
    for j in range(at, max(at - reach, -1), -1):
        chunk, sent = flat[j]
        # each sentence is read from the first passage holding it, where only the document's first opens it
        if j == 0 or block_starts(chunk)[_index_in(chunk, sent)]:
            return sent.text
    return c.sentence.text


def _unspoken_year(req: AnswerRequest, c: _Candidate, years: list[str], dated: set[str] | None = None) -> str | None:
    """The first of `years` that neither the candidate's sentence, its neighbours, its document's date
    or title nor `dated` (the years of other sources a comparison sets beside it) gives; None when all are."""
    clash = _named_year_clash(req.question, c.sentence.text, years)
    if clash:
        return clash
    cell = _cell(c.sentence.text)
    if cell and not cell_year(c.sentence.text) and len(set(YEAR.findall(cell.caption))) == 1:
        # a table whose caption is of one year ("Major CBSI equipment deliveries, FY2024") is of that
        # year alone, whatever its neighbours' dates: "delivered in FY2023?" is not answered by its cells
        missing = next((y for y in years if y not in cell.caption and y not in cell.own), None)
        if missing:
            return missing
    near, known = _near(c, req), _document_years(req, c.hit.chunk.doc_id) | (dated or set())
    opening = _paragraph_opening(req, c)
    if _OPENS_WITH_YEAR.match(opening):
        # "In FY2024 those scanners screened ..." is the year of "Within those cases customs seized 214 firearms"
        near += " " + opening
    if cell_year(c.sentence.text):  # a table's cell is of its column's year alone, not its neighbours'
        # ... nor its caption's ("(RSS Revenue by Source, FY2020/21 - FY2022/23)"); a date the question
        # gives with its month ("spent by the end of September 2025") may be the document's own
        near, known = re.sub(r"\s*\([^()]*\)\.?$", "", c.sentence.text), dated or set()
        on_a_date = {m.group(1) for m in re.finditer(MONTH + r"\s+(?:\d{1,2},?\s+)?((?:19|20)\d{2})", req.question)}
        known = known | (_document_years(req, c.hit.chunk.doc_id) & on_a_date)
    elif req.qtype == "figure" and own_year(c.sentence.text) and not mentions_document(req.question):
        # "seized 12.3 tons in FY 2021": of that year, not of the year the document is dated (its title's
        # year, "Fiscal Year 2023 Program Review", still holds; so does a year the question points at it by)
        info = req.documents.get(c.hit.chunk.doc_id)
        near = c.sentence.text  # nor of a year its neighbours speak of ("... for FY2019" is not FY2024's)
        known = set(YEAR.findall(info.title or "")) if info else set()
        known |= dated or set()
    return next((y for y in years if y not in near and y not in known), None)


# How a sentence tells a date as a period's end or start.
# "October 2021 - September 2026", "from October 1, 2020, to September 30, 2025": a span tells both bounds
_SPAN_TOLD = (
    r"\d\s*[\u2013-]\s*(?:[A-Z][a-z]{2,8}\.?\s+)?\d"
    r"|\bfrom\s+(?:[A-Z][a-z]{2,8}\.?\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d\d,?\s+(?:to|until|through)\s+(?:[A-Z][a-z]{2,8}\.?\s+)?\d"
)
_SPAN = re.compile(_SPAN_TOLD)
_RANGE_DASH = "|" + _SPAN_TOLD
_BOUND = {
    "end": re.compile(r"\b(?:end|ends|ending|until|through|conclude[sd]?|completion|expires?)\b" + _RANGE_DASH, re.I),
    "start": re.compile(
        r"\b(?:start|starts|started|began|begin|begins|launched|from|since|established|founded|set up|created|formed)\b"
        + _RANGE_DASH,
        re.I,
    ),
}


# A figure told as a goal: "aims to enrol 10,000", "a target of 300", "plans to train", "is expected to reach".
_TARGET = re.compile(
    r"\b(?:aims?|aiming|plans?|planned|expects?|expected|intends?|seeks?|hopes?)\s+to\b|\btargets?\b|\bgoals?\b|"
    r"\bwill\s+(?:reach|train|enrol|enroll|serve|provide|deliver|benefit|support)\b|"
    # "get the success rate to 70 percent by the end of 2025"
    r"\b(?:get|bring|raise|reduce|cut|lift|push|increase)\b[^.]{0,60}\bto\s+(?:US\$|USD\s|\$)?\d[^.]{0,40}\bby\b",
    re.IGNORECASE,
)


def _told_as_target(c: _Candidate) -> bool:
    """Whether a candidate tells a goal: in its own words, or under a heading that says so ("TARGETS (2021-2026)")."""
    if _TARGET.search(c.sentence.text):
        return True
    above = next((s for s in reversed(c.hit.chunk.sentences[: c.index]) if is_heading(s)), None)
    return bool(above and _TARGET.search(above.text))


def _is_acronym(name: str) -> bool:
    """Whether a name the question gives is an acronym ("YPSC", "TWG")."""
    return bool(re.fullmatch(r"[A-Z]{2,8}", name))


def _whole_name(text: str, name: str) -> str:
    """The longest run of capitalised words joined by small words that holds a name in a text.

    >>> _whole_name("When does the Prison Reform and Rehabilitation Programme end?", "Rehabilitation Programme")
    'Prison Reform and Rehabilitation Programme'
    """
    joined = r"(?:\s+(?:(?:and|of|for|on|the)\s+)*)"
    m = re.search(rf"(?:[A-Z][\w'’-]*{joined})*{re.escape(name)}(?:{joined}[A-Z][\w'’-]*)*", text)
    return m.group() if m else name


def _other_form(req: AnswerRequest, doc: str, name: str) -> frozenset[str]:
    """The stems of a name's other form where its document defines one, all of which a passage must
    hold to speak of it: an acronym's spelled-out name ("TWG": "Technical Working Group (TWG)"), or a
    name's acronym ("Technical Working Group": "twg"); empty when the document defines none."""
    name = re.sub(r"['\u2019]s$", "", name)  # "the TWG's member agencies"
    acronym = name if _is_acronym(name) else "".join(w[0] for w in name.split() if w[:1].isupper())
    if len(acronym) < 2:
        return frozenset()
    for _, sent in _document_sentences(req, doc):
        if f"({acronym})" in sent.text or f"({acronym}s)" in sent.text:
            spelled = expansion(acronym, sent.text)
            if spelled:
                return frozenset(term_set(spelled) if acronym == name else tokenize(acronym))
    return frozenset()


def _title_acronyms(title: str) -> set[str]:
    """The acronyms a title's runs of capitalised words make, three letters or more: staff name a
    document by them ("the CBJ" for a "Congressional Budget Justification").

    >>> sorted(_title_acronyms("Congressional Budget Justification, Fiscal Year 2024 (excerpt)"))
    ['CBJ']
    """
    out: set[str] = set()
    for run in re.findall(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+", title):
        initials = "".join(w[0] for w in run.split())
        out |= {initials[i:j] for i in range(len(initials)) for j in range(i + 3, len(initials) + 1)}
    return out


def _titled_for(
    req: AnswerRequest, c: _Candidate, name: str, titled: AbstractSet[str], opening: AbstractSet[str]
) -> AbstractSet[str]:
    """The words a candidate's document is titled for: its title's and its opening lines' (a dateline),
    but not the opening's for a country asked of a document naming three countries or more (a regional
    review's "Bridgetown, Barbados" office address does not make its every figure Barbados's; a
    meeting's "Georgetown" still places it)."""
    sentences = _document_sentences(req, c.hit.chunk.doc_id)
    if opening and capital_of(name) and countries_named(" ".join(x.text for _, x in sentences)) >= 3:
        return titled
    return {*titled, *opening}


def _opening(req: AnswerRequest, c: _Candidate) -> str:
    """The first lines of a candidate's document: its heading and dateline ("Georgetown, Guyana, October 11")."""
    return " ".join(x.text for _, x in _document_sentences(req, c.hit.chunk.doc_id)[:OPENING_LINES])


def _nth(n: int) -> str:
    """ "13th", "22nd": a number as an ordinal.

    >>> _nth(13), _nth(22), _nth(3)
    ('13th', '22nd', '3rd')
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _told_again(sentence: str, told: frozenset[str], asked: frozenset[str]) -> bool:
    """Whether a sentence is what the last answer already told: most of its words (TOLD_SHARE) were
    used there, and none of the rest is a word of the new question ("what is that monitoring meant
    to bring about in the region?" is answered by the rest of the sentence the last answer gave)."""
    terms = term_set(sentence)
    if not terms or len(terms & told) < TOLD_SHARE * len(terms):
        return False
    return not (terms - told) & asked


def _above_then_best(
    req: AnswerRequest, best: _Candidate, chunk: Chunk, sent: Sentence, lead: tuple[str, str]
) -> Answer:
    """A sentence above the best one (its heading, its dated intro), cited and told by `lead` (the
    text before and after its citation number), then the best sentence, cited."""
    book = _Book(req)
    n = book.cite(chunk, sent.text, best.score)
    m = book.cite(best.hit.chunk, best.sentence.text, best.score)
    text = f"{lead[0]}[{n}]{lead[1]}"
    return book.finish(f"{text}{shorten(best.sentence.text, req.max_chars - len(text) - 6)} [{m}]")


def _candidate_at(req: AnswerRequest, chunk: Chunk, index: int, score: float, dense: float = 0.0) -> _Candidate:
    """Sentence `index` of a chunk the search did not return (found in its document or by meaning),
    as a candidate ranked after every retrieved passage."""
    hit = Hit(chunk=chunk, score=0.0, dense=dense, rank=len(req.hits) + 1)
    return _Candidate(hit, chunk.sentences[index], index, score, 0.0)


def _index_in(chunk: Chunk, sent: Sentence) -> int:
    """The position of a sentence in its chunk."""
    return next(i for i, x in enumerate(chunk.sentences) if x.start == sent.start)


def _place(flat: list[tuple[Chunk, Sentence]], c: _Candidate) -> int:
    """Where a candidate's sentence sits among its document's sentences (0 when not found)."""
    place = (c.hit.chunk.page, c.sentence.start)
    return next((i for i, (chunk, s) in enumerate(flat) if (chunk.page, s.start) == place), 0)


def _passages_then_documents(
    req: AnswerRequest, hits: list[Hit], first_docs: list[str] | None = None
) -> list[tuple[Chunk, Sentence]]:
    """The sentences of the passages, then every sentence of `first_docs` and of the passages'
    documents (for what sits on a line few words match: a definition, a web address)."""
    places = [(h.chunk, s) for h in hits for s in h.chunk.sentences]
    for doc in dict.fromkeys([*(first_docs or []), *(h.chunk.doc_id for h in hits)]):
        places += _document_sentences(req, doc)
    return places


class _Book:
    """Numbers citations in order of first use, one per passage, collecting quoted sentences."""

    def __init__(self, req: AnswerRequest) -> None:
        self.req = req
        self.order: list[str] = []
        self.quotes: dict[str, list[str]] = {}
        self.chunks: dict[str, tuple[Chunk, float]] = {}

    def cite(self, chunk: Chunk, quote: str, score: float) -> int:
        if chunk.id not in self.chunks:
            self.order.append(chunk.id)
            self.chunks[chunk.id] = (chunk, score)
            self.quotes[chunk.id] = []
        if quote not in self.quotes[chunk.id]:
            self.quotes[chunk.id].append(quote)
        return self.order.index(chunk.id) + 1

    def finish(self, text: str) -> Answer:
        citations: list[Citation] = []
        for n, cid in enumerate(self.order, start=1):
            chunk, score = self.chunks[cid]
            info = self.req.documents.get(chunk.doc_id)
            citations.append(make_citation(n, chunk, info, " ".join(self.quotes[cid]), score))
        return Answer(question=self.req.question, text=text, abstained=False, citations=citations, query=self.req.query)


def _coverage(weights: dict[str, float], terms: frozenset[str], related: dict[str, dict[str, float]]) -> float:
    """Weighted count of the question's terms a text holds; a related term earns its credit.

    >>> _coverage({"kid": 1.0, "alert": 2.0}, frozenset({"children", "alert"}), {"kid": {"children": 0.5}})
    2.5
    """
    total = 0.0
    for t, v in weights.items():
        if t in terms:
            total += v
        elif t in related:
            close = related[t]
            hits = close.keys() & terms  # a set operation: most sentences hold none of them
            if hits:
                total += v * max(close[u] for u in hits)
    return total


def _new_coverage(weights: dict[str, float], first: str, second: str) -> float:
    """Share of the question's weighted terms that `second` holds and `first` does not.

    >>> round(_new_coverage({"navy": 1.0, "program": 1.0}, "US Navy divers", "a program"), 2)
    0.5
    """
    seen, new = term_set(first), term_set(second)
    return sum(v for t, v in weights.items() if t in new and t not in seen) / (sum(weights.values()) or 1.0)


def _short_title(info: DocumentInfo | None) -> str:
    """` (in “Title”)`, to say which document gives a figure; empty when the title holds digits (an
    answer's every number must be in its cited quote)."""
    label = _title_label(info)
    return f" (in {label})" if label else ""


def _title_label(info: DocumentInfo | None) -> str:
    """`“St. Lucia”`: the telling part of a document's title, quoted; empty when it holds digits."""
    if info is None or re.search(r"\d", info.title):
        return ""
    name = info.title.split(": ", 1)[-1]  # "... Initiative: St. Lucia": the part that tells them apart
    return f"\u201c{shorten(name, 45)}\u201d"


def _names_a_source(req: AnswerRequest) -> bool:
    """True when the question points at one document (by a year, or words of its title)."""
    years = set(YEAR.findall(req.question))
    return bool(req.named) or any(i.published and i.published[:4] in years for i in req.documents.values())


_ASKS_A_START = re.compile(
    r"\b(?:since|start\w*|began|begin\w*|first|launch\w*|establish\w*|creat\w*|how long)\b", re.IGNORECASE
)
# A question for what a review, study or meeting found, and a sentence telling of one still to come.
_ASKS_FINDINGS = re.compile(
    r"\bwhat\s+(?:did|has|have)\s+.{0,60}?\b(?:find|found|show|conclude|recommend|reveal|report)\b", re.IGNORECASE
)
_PLANNED = re.compile(
    r"\b(?:planned|scheduled|is to be|will be (?:held|conducted|carried out|completed|published)|due to be|upcoming)\b",
    re.IGNORECASE,
)
_ASKS_AGREED = re.compile(
    r"\bwhat\s+(?:did|do|does|have|has|will)\s+.{0,80}?\b(?:commit|agree|pledge|promise|undert[ao]ke?|resolve|decide)",
    re.IGNORECASE,
)


def _names_with_title(question: str, name: str, titled: AbstractSet[str]) -> bool:
    """Whether the word after a name in the question is in the title too ("the Bridgetown dialogue").

    >>> _names_with_title("What did the Bridgetown dialogue pledge?", "Bridgetown", {"bridgetown", "dialogu"})
    True
    """
    after = re.search(re.escape(name) + r"['’]?s?\s+([A-Za-z][\w-]*)", question)
    return bool(after and set(tokenize(after.group(1))) & titled)


def _counted(req: AnswerRequest) -> frozenset[str]:
    """What a "how many" question counts, with corpus words of close meaning ("people" ~ "youth")."""
    counted = counted_terms(req.question)
    # ... but not another of its kind: "how much heroin" is not answered by cocaine
    near = {
        u
        for t in counted
        for u, c in req.related.get(t, {}).items()
        if c >= 0.5 and not (t in _DRUG_STEMS and u in _DRUG_STEMS)
    }
    return counted | near


# Drugs by their stems: each is counted apart from the others.
_DRUG_STEMS = frozenset(
    tokenize("cocaine heroin marijuana cannabis fentanyl methamphetamine meth ecstasy opioids opium crack ketamine")
)


def _names_several_sources(req: AnswerRequest) -> bool:
    """True when the question points at two or more documents: by years of publication, or by titles
    (`req.named`)."""
    years = set(YEAR.findall(req.question))
    dated = {d for d, i in req.documents.items() if i.published and i.published[:4] in years}
    by_year = {req.documents[d].published[:4] for d in dated}  # type: ignore[index]
    return len(by_year) + len({d for d in req.named if d not in dated}) >= 2


def _date_key(c: _Candidate, documents: dict[str, DocumentInfo]) -> str:
    m = AS_OF.search(c.sentence.text)
    if m and "as of" in m.group().lower():
        return YEAR.findall(m.group())[0]
    info = documents.get(c.hit.chunk.doc_id)
    return (info.published or "") if info else ""


__all__ = ["ABSTAIN_TEXT", "AnswerRequest", "Answerer", "ExtractiveAnswerer"]
