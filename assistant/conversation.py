"""Chat history handling: classify a question and resolve a follow-up against earlier turns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.answering import ABSTAIN_TEXT
from assistant.compare import LARGER, LARGEST, SMALLER, SMALLEST, asks_which_most
from assistant.cues import (
    EARLIEST,
    FISCAL_YEAR,
    LATEST,
    POINTS,
    drop_document_reference,
    mentions_document,
    names_a_document,
)
from assistant.lexical import STOPWORDS, words
from assistant.spans import YEAR

_FIGURE = re.compile(
    r"\b(how (much|many|large|big)|what (?:[\w.'’-]+ ){1,3}(figure|total|amount|sum)|"
    # "Give me both figures", "the two numbers"
    r"(?:both|the two|each|give me the|give the) (figures|numbers|totals|amounts)|"
    r"what (share|percentage|percent|proportion|fraction|portion|amount|sum|"
    r"number|total|figure|dollar|level of funding)|"
    r"what(?:'s| is| was) the (?:exact |precise |actual |overall |[\w-]+-year )?"
    r"(total|amount|sum|figure|number|size|value)|"
    r"what(?:'s| is| was) (?:the |its |their )?(?:[\w'’-]+ ){0,3}capacity\b(?![\s-]*build)|"
    r"(what|how much) (?:did|does|will|would) .{1,100} (cost|spend|pay|invest)|cost of|spending|price|"
    # "What was the equipment worth?", "and what were they worth?"
    r"(?:what|how much) (?:is|was|are|were) .{1,100} worth\b(?! \w+ing)|"
    r"budget|outlays?|expenditures?|allocations?|appropriations?|share of|dollar (amount|figure|value|total)s?|"
    # figures in the plural: "the funding totals the documents give", "the figures reported for ..."
    r"(funding|money|dollar|cumulative) (totals|figures|amounts)|(totals|figures|amounts) (given|reported|cited|"
    r"stated|for)|"
    r"total (funding|amount|value|revenues?|income|spending|cost)|revenues?|income|"
    r"number of|count of|percentage|how high|"
    # "what overall U.S. funding commitment does it cite?"
    r"what (?:[\w.-]+ ){0,3}(funding|dollar|money|financial) (commitment|pledge|level|contribution)s?|"
    # a measure: "What's the population of Barbados?", "Jamaica's homicide rate?", "the average response time"
    # ... not the verb: "How did the evaluation rate the programme's sustainability?"
    r"population|rates?\b(?!\s+(?:the|its|their|it|them|as|this|that)\b)|average|ratio|per capita|"
    r"how (long|fast) (?!ago))\b"
)
# "Had CBSI passed $150 million by 2016?", "Is it over 1 billion dollars?": a sum to hold a figure against.
_HAD_AMOUNT = re.compile(
    r"\s*(?:is|are|was|were|has|have|had|did|does|do)\b.*(?:[$£€]\s?\d|\d\s*(?:million|billion|dollars))"
)
_DATE = re.compile(
    r"\b(what (year|date|month|day)s?|which (year|date|month)s?|since when|how long ago|due date|by when|"
    r"(?:what|when)(?:'s|\s+is|\s+was|\s+are|\s+were)?\s+the\s+deadlines?|deadlines?\s+for|"
    r"what time|what(?:'s| is| was) (?:the|its|their) (?:publication |release )?date|(is|was) it dated|dates? (on|of)|"
    rf"({EARLIEST}|{LATEST}) (?:[\w-]+ ){{0,3}}(years?|dates?|months?|dated))\b"
)
# "Which source gives the largest total?", "Compare the funding in the two sheets": figures set side by side.
_COMPARE_FIGURE = re.compile(
    rf"\b({LARGEST}|{SMALLEST}|{LARGER}|{SMALLER})\b.{{0,40}}\b(figures?|totals?|amounts?|sums?|numbers?|"
    r"funding|money|dollars?)\b|\b(compare|side by side)\b.{0,80}\b(totals?|figures?|amounts?|sums?|numbers?|"
    r"funding|money|dollars?)\b|\b(figures?|totals?|amounts?|sums?|funding|money)\b.{0,80}\b(side by side|compared?|"
    rf"{LARGER}|{SMALLER})\b"
)
_LIST = re.compile(
    r"\b(what are|which (countries|nations|organizations|agencies|areas|programs|goals|"
    r"priorities|partners|members)|list|name the|enumerate|what (kinds|types|areas|"
    r"programs|goals|steps|priorities|objectives|countries)|who are|" + POINTS + r")\b"
)
_FOLLOWUP_CUE = re.compile(
    r"\b(instead|what about|how about|and what|the same|that one|"
    r"(first|second|last|other) ones?|those|these|former|latter|also|too|"
    r"else|either|as well|then)\b|^\s*(and|but|so)\b|"
    # an event not named: "How many people took part?", "Who attended?"
    r"\b(took|take|taking) part\s*\??\s*$|\b(attended|participated|turned out|showed up)\s*\??\s*$"
)
# "Which technical working groups did ...", "What legal reforms were ...": a plural head asks for a list.
_PLURAL_HEAD = re.compile(
    r"^\s*(which|what)\s+(?:[\w-]+\s+){0,3}[a-z][\w-]*[^s']s\s+"
    r"(did|do|does|are|were|have|has|had|will|would|can|could|should|must|is|was)\b"
)
_FIGURE_NOUNS = re.compile(
    r"\b(amount|figure|total|number|sum|share|percentage|percent|proportion|fraction|portion|rate|cost|budget|"
    r"allocation|fund|dollar|year|date|month)s?\b"
)
_ANAPHORA = re.compile(
    r"\b(that|it|this|those|these|they|them|there|then|he|she|its|their|his|her|"
    r"the same|what about|how about|and)\b"
)


def _asks_when(question: str) -> bool:
    """Whether "when" asks for a time, rather than joining a clause to a question about something else.

    >>> _asks_when("when did it start?"), _asks_when("who signed it, and when?"), _asks_when("do you know when?")
    (True, True, True)
    >>> _asks_when("how do police react faster when people need them?")
    False
    """
    for m in re.finditer(r"\bwhen\b", question):
        clause = re.split(r"[,;:?]|\band\b|\bor\b", question[: m.start()])[-1]
        if not re.search(r"\b(how|what|which|who|whom|whose|where|why)\b", clause):
            return True
    return False


def question_type(question: str) -> str | None:
    """figure, date, list or fact; None when the question carries no cue of its own (`And St. Lucia?`).

    >>> question_type("How much has the U.S. committed?"), question_type("When was that?")
    ('figure', 'date')
    >>> question_type("Give me the bullet points on anti-corruption"), question_type("Key points of the 2016 release?")
    ('list', 'list')
    >>> question_type("People or places? Give me both figures."), question_type("Had CBSI passed $150 million by 2016?")
    ('figure', 'figure')
    >>> question_type("What cumulative U.S. funding total does each report?")
    'figure'
    >>> question_type("What was Jamaica's total CBSI allocation in FY2023?")
    'figure'
    >>> question_type("What is Jamaica's homicide rate?"), question_type("How did the review rate its sustainability?")
    ('figure', 'fact')
    >>> question_type("What's its annual capacity?"), question_type("What is the capacity-building focus?")
    ('figure', 'fact')
    >>> question_type("What did the defensive driving track at the National Police College of Jamaica cost?")
    'figure'
    >>> question_type("What were they worth?"), question_type("What was it worth noting about the review?")
    ('figure', 'fact')
    >>> question_type("RSS total revenue for FY2022/23?"), question_type("What was the FY2022 allocation for Haiti?")
    ('figure', 'figure')
    >>> question_type("How much of the hub's bill did governments pay in the latest year?")
    'figure'
    >>> question_type("Roughly what fraction of the analysts left in 2024?")
    'figure'
    >>> question_type("What governance reforms did the CRSC Board approve alongside the 2026 budget?")
    'list'
    >>> question_type("Which of the assessed seaports had the lowest container scanning rate?")
    'fact'
    >>> question_type("What percentage of inbound containers were scanned at Kingston?")
    'figure'
    >>> question_type("What is the deadline for finishing the regional bench book?")
    'date'
    >>> question_type("Which document gives the largest CBSI total?"), question_type("Which is the largest figure?")
    ('figure', 'figure')
    """
    q = question.lower()
    if re.match(r"\s*(?:and\s+)?(?:roughly\s+|about\s+)?how (?:much|many)\b", q) and not re.search(
        r"\b(?:dates?|when|time)\b", q
    ):
        return "figure"  # "How much of its bill were governments paying in the latest year?": an amount, of a year
    if _DATE.search(q) or _asks_when(q):
        return "date"
    if asks_which_most(q):
        return "fact"  # "Which of the seaports had the lowest scanning rate?": the seaport, not the rate
    head = _PLURAL_HEAD.search(q)
    if head and not _FIGURE_NOUNS.search(head.group()):
        return "list"  # "What governance reforms did the Board approve alongside the budget?": things, not money
    if _FIGURE.search(q) or _COMPARE_FIGURE.search(q) or _HAD_AMOUNT.match(q):
        return "figure"
    if _LIST.search(q) or head:
        return "list"
    if re.match(r"\s*(and\s+)?(what|how) about\b", q):
        return None  # "What about the 2016 article?" asks what the last question asked
    if re.match(r"\s*(who|what|where|which|why|how|is|are|does|did|do|was|were|can|has|have)\b", q):
        return "fact"
    return None


MAX_QUESTION_CHARS = 2000  # the model reads 256 tokens; longer text only slows BM25


def clean_question(text: str) -> str:
    r"""The question without control characters, white space collapsed, cut to MAX_QUESTION_CHARS.

    >>> clean_question("How much\x00 has the\x1b[31m U.S.\n committed? ")
    'How much has the[31m U.S. committed?'
    """
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text or "")
    return " ".join(text.split())[:MAX_QUESTION_CHARS]


def last_answer(history: list[dict[str, Any]] | None) -> str:
    """The text of the last assistant turn, or ""."""
    answers = [message_text(m) for m in (history or []) if m.get("role") == "assistant"]
    return answers[-1] if answers else ""


def message_text(message: dict[str, Any]) -> str:
    """Text of a chat message whose content is a string or a list of Gradio content blocks."""
    content = message.get("content", "")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")


def _content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and not w.isdigit() and len(w) > 2]


@dataclass(frozen=True)
class Resolved:
    """The question to retrieve with, and its type (inherited from the last turn when it has none)."""

    query: str
    qtype: str
    followup: bool
    # The part of `query` taken from the last answer (what "it" may point at): it helps retrieval
    # find the passage again, and counts less than the question's own words when answering.
    from_answer: str = ""


_LEADING_FIGURE = re.compile(
    r"^\W*(?:(?:more|less) than|over|nearly|almost|about|approximately|some|roughly)?\s*(?:US)?\$\s?\d|"
    r"^\W*\d[\d,.]*\s*(?:percent\b|%)",
    re.IGNORECASE,
)


def _answered_type(asked: str | None, answer: str) -> str:
    """The type a follow-up inherits: the earlier question's, or a figure when that question read as
    a plain one but was answered with an amount ("What does the sheet say was provided?" "$400 million").

    >>> _answered_type("fact", "More than $400 million since 2010."), _answered_type("date", "$5")
    ('figure', 'date')
    """
    if asked in (None, "fact") and _LEADING_FIGURE.search(answer):
        return "figure"
    return asked or "fact"


def resolve(question: str, history: list[dict[str, Any]] | None = None) -> Resolved:
    """Fold the previous user turn into a question that cannot stand alone.

    >>> h = [{"role": "user", "content": "How much has the U.S. committed through CBSI?"}]
    >>> resolve("When was that?", h).query
    'How much has the U.S. committed through CBSI? When was that?'
    >>> resolve("How many people took part?", [{"role": "user", "content": "What did Coral Shield test?"}]).followup
    True
    """
    own = question_type(question)
    users = [message_text(m) for m in (history or []) if m.get("role") == "user" and message_text(m).strip()]
    if not users:
        return Resolved(question, own or "fact", False)
    previous = users[-1]
    content = _content_words(question)
    needs_context = (
        own is None
        or len(content) <= 1
        or (len(content) <= 4 and _ANAPHORA.search(question.lower()) is not None)
        or _FOLLOWUP_CUE.search(question.lower()) is not None
    )
    if not needs_context:
        return Resolved(question, own or "fact", False)
    last = last_answer(history)
    inherited = own or _answered_type(question_type(previous), last)
    if names_a_document(question):  # "And the St. Lucia sheet?": the earlier document is not asked about
        previous = drop_document_reference(previous)
        # ... but what it was answered with says what to look for there ("million", "since 2010").
        if inherited == "figure" and _LEADING_FIGURE.search(last):
            previous += " " + re.sub(r"\s*\[\d+\]", "", last.split(". ")[0]).strip()
    years = set(YEAR.findall(question))
    if years:  # "And what's being requested for FY2024?": the earlier turn's other years are not asked
        previous, last = _only_years(previous, years), _only_years(last, years)
    pointed = _ordinal_item(question, users[-1], last) if last else None
    if pointed is not None:  # "What does the first of those provide?": that item, asked about directly
        m, item = pointed
        asked = question[: m.start()] + item + question[m.end() :]
        return Resolved(f"{previous.strip()} {asked}", own or "fact", True)
    gist = ""
    if not mentions_document(question) and last and _ANAPHORA.search(question.lower()):
        # "What does that acronym stand for?", "What is it designed to increase?": what "that" or
        # "it" points at is often in the last answer rather than in the last question.
        gist = _answer_gist(last)
    query = " ".join(x for x in (previous.strip(), gist, question.strip()) if x)
    return Resolved(query, inherited, True, gist)


def _only_years(text: str, years: set[str]) -> str:
    """A text without the years (and fiscal years) it names that are not among `years`.

    >>> _only_years("What did the Administration request for CBSI in FY2019?", {"2024"})
    'What did the Administration request for CBSI in ?'
    """
    return FISCAL_YEAR.sub(lambda m: m.group() if m.group(2) in years else "", text)


_ORDINAL = re.compile(
    r"\bthe (first|second|third|fourth|fifth|last) (?:one|of (?:those|these|them|the \w+))\b|\bthe (former|latter)\b",
    re.IGNORECASE,
)
_PLACE = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "last": -1, "former": 0, "latter": -1}
# A name: capitalised words, joined by small words ("Regional Security System"), with its acronym if given.
_NAME_PHRASE = re.compile(
    r"(?<![\w.])[A-Z][\w'-]*(?:\s+(?:(?:of|and|for|the|on|in|to|de)\s+)*[A-Z][\w'-]*)*(?:\s*\([A-Z][\w&-]+\))?"
)


def _ordinal_item(question: str, asked: str, answer: str) -> tuple[re.Match[str], str] | None:
    r"""What "the first of those" / "the latter" points at: that item of the last answer's list, or that
    name among the names it gives that the last question did not (with its match in the question).

    >>> m, item = _ordinal_item("What does the first of those do?", "Which tools?", "More use of the "
    ...     "Cooperative Situational Integration Initiative (CSII) and of CBSI Connect [1].")
    >>> m.group(), item
    ('the first of those', 'Cooperative Situational Integration Initiative (CSII)')
    >>> _ordinal_item("And the last one?", "Which areas?", "Areas:\n- Maritime security [1]\n- Justice reform [2]")[1]
    'Justice reform'
    >>> _ordinal_item("Who funds the first anti-money laundering task force?", "Which?", "A and B") is None
    True
    """
    m = _ORDINAL.search(question)
    if m is None or answer.startswith(ABSTAIN_TEXT):
        return None
    text = re.sub(r"\s*\[\d+\]", "", answer)
    items = [line[2:].strip() for line in text.splitlines() if line.startswith("- ")]
    if not items:
        known = {w.lower() for w in words(asked)} | STOPWORDS  # names the last question gave are not items
        names = dict.fromkeys(x.group() for x in _NAME_PHRASE.finditer(text))
        items = [
            n
            for n in names
            if (len(n.split()) >= 2 or "(" in n or n.isupper()) and not {w.lower() for w in words(n)} <= known
        ]
    place = _PLACE[(m.group(1) or m.group(2)).lower()]
    if not items or place >= len(items):
        return None
    return m, items[place]


def _answer_gist(answer: str, limit: int = 200) -> str:
    """The start of an earlier answer, without citation marks (nothing when it abstained).

    >>> _answer_gist("CARICOM IMPACS hosts it [1]. It also trains [2].")
    'CARICOM IMPACS hosts it.'
    """
    if answer.startswith(ABSTAIN_TEXT):
        return ""
    text = re.sub(r"\s*\[\d+\]", "", answer).strip()
    first = re.split(r"(?<=[.!?])\s+|\n", text, maxsplit=1)[0]
    return first[:limit]
