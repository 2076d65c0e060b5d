"""Compound questions: "How many countries does CBSI partner with, and what year did it launch?"
asks two things. Each part is answered on its own (the second resolved against the first, like a
follow-up: "it" is CBSI), and the two answers are joined with their citations renumbered."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.records import Answer, Citation

_WH = r"(?:what|how|when|which|who|where|whose)\b"
_SPLIT = re.compile(rf"^(?P<first>.*?\b{_WH}.+?)[,;]?\s+and\s+(?P<second>{_WH}.+)$", re.IGNORECASE | re.DOTALL)
# What a request names it wants: "I need the size of the seizure and the month the servers came".
_ATTRIBUTE = (
    r"(?:years?|months?|dates?|days?|sizes?|amounts?|numbers?|counts?|shares?|percentages?|totals?|"
    r"figures?|names?|titles?|places?|locations?|sums?)"
)
_THING = rf"the\s+(?:[\w.'\u2019-]+\s+){{0,3}}?{_ATTRIBUTE}\b"  # "the cumulative CBSI dollar figure"
_REQUEST = re.compile(
    rf"^(?P<head>.*?(?::|\b(?:need|want|give me|tell me|please)\b))\s+(?P<first>{_THING}.+?)"
    rf"[,;]?\s+(?:and|plus|as well as|along with)\s+(?P<second>(?:{_THING}|{_WH}).+)$",
    re.IGNORECASE | re.DOTALL,
)
# "..., or ...? Give the month and year of each.": a date asked of each of two things named before.
_EACH_DATE = re.compile(
    r"(?:^|(?<=[.?!])\s+)(?P<ask>[^.?!]*?\b(?P<what>months?|years?|dates?|when)\b[^.?!]*\b(?:of|for) (?:each|both)\b"
    r"[^.?!]*)[.?!]?\s*$",
    re.IGNORECASE,
)
_WHICH_FIRST = re.compile(r"^.*?\bwhich\b[^:]*\b(?:first|earlier|later|last|older|newer)\b[^:]*:\s*", re.IGNORECASE)
_ORDINALS = ("first", "second")


def split(question: str) -> list[str]:
    """The parts of a question that asks two things, or the question alone.

    >>> split("How many countries does CBSI partner with, and what year did it launch?")
    ['How many countries does CBSI partner with?', 'what year did it launch?']
    >>> split("For my memo: when did they meet and what did they agree?")
    ['For my memo: when did they meet?', 'For my memo: what did they agree?']
    >>> split("What did the U.S. and the Dominican Republic agree?")
    ['What did the U.S. and the Dominican Republic agree?']
    >>> split("For a slide I need the size of the seizure and the month the servers were donated.")
    ['For a slide I need the size of the seizure?', 'For a slide I need the month the servers were donated?']
    >>> split("Two dates for a timeline: the year of the seizure and when the servers were donated.")
    ['Two dates for a timeline: the year of the seizure?', 'Two dates for a timeline: when the servers were donated?']
    >>> split("I need the total the U.S. and the Dominican Republic agreed.")
    ['I need the total the U.S. and the Dominican Republic agreed.']
    >>> split("For a slide: the overall CBSI dollar figure, plus the number of youth its programs reached.")
    ['For a slide: the overall CBSI dollar figure?', 'For a slide: the number of youth its programs reached?']
    """
    each = _each_date(question.strip())
    if each:
        return each
    request = _REQUEST.match(question.strip())
    if request and not re.search(rf"\b{_WH}", request["head"], re.IGNORECASE):
        head = request["head"].strip()
        parts = [request["first"], request["second"]]
        return [f"{head} {p.strip().rstrip(',;.?')}?" for p in parts]
    m = _SPLIT.match(question.strip())
    if not m:
        return [question]
    first, second = m["first"].strip().rstrip(",;"), m["second"].strip()
    head = first.split(":", 1)[0] if ":" in first else ""
    if head and not re.search(rf"\b{_WH}", head, re.IGNORECASE):
        second = f"{head}: {second}"  # "Two numbers for a DR box: how many ..., and how much ...?"
    if len(re.findall(r"\w+", first)) < 3 or len(re.findall(r"\w+", second)) < 3:
        return [question]
    return [first if first.endswith("?") else first + "?", second if second.endswith("?") else second + "?"]


def _each_date(question: str) -> list[str]:
    """ "Which came first: X, or Y? Give the month and year of each.", "X happened, and Y. Month and
    year of each?": a date question for each of the two things, or [] when the question is not one.

    >>> _each_date("Which came first: the engagement law, or the Santo Domingo talks? Give the month and year of each.")
    ['What month and year: the engagement law?', 'What month and year: the Santo Domingo talks?']
    >>> _each_date("The DR hosted the 2017 talks, and State reported a donation to its 911 center. Year of each?")
    ['What year: The DR hosted the 2017 talks?', 'What year: State reported a donation to its 911 center?']
    >>> _each_date("What did each of the two documents say in 2016?")
    []
    """
    m = _EACH_DATE.search(question)
    if not m or not m.start():
        return []
    things = _WHICH_FIRST.sub("", question[: m.start()]).strip().rstrip(".?!;,")
    pair = re.split(r",?\s+or\s+", things, maxsplit=1) if " or " in things else []
    if len(pair) < 2:
        pair = re.split(r",\s+and\s+", things, maxsplit=1)
    if len(pair) < 2 or any(len(re.findall(r"\w+", p)) < 3 for p in pair):
        return []
    what = m["what"].lower()
    ask = "month and year" if what.startswith("month") else "date" if what.startswith(("date", "when")) else "year"
    return [f"What {ask}: {p.strip()}?" for p in pair]


def merge(question: str, parts: list[Answer]) -> Answer:
    """One answer from the answers to each part: a line each, citations numbered in order of use
    (a passage cited by both parts keeps one number). It abstains only when every part does."""
    if all(a.abstained for a in parts):
        first = parts[0]
        return Answer(
            question=question,
            text=first.text,
            abstained=True,
            closest=first.closest,
            query=" | ".join(a.query for a in parts),
            reason="; ".join(dict.fromkeys(a.reason for a in parts if a.reason)),
            timings_ms=_sum_timings(parts),
        )
    citations: list[Citation] = []
    by_chunk: dict[str, int] = {}
    lines = []
    for i, ans in enumerate(parts):
        if ans.abstained:
            lines.append(f"The documents I have do not answer the {_ORDINALS[min(i, 1)]} part of the question.")
            continue
        renumber: dict[int, int] = {}
        for c in ans.citations:
            if c.chunk_id in by_chunk:
                n = by_chunk[c.chunk_id]
                old = citations[n - 1]
                if c.quote not in old.quote:
                    citations[n - 1] = _with_quote(old, f"{old.quote} {c.quote}")
            else:
                n = len(citations) + 1
                by_chunk[c.chunk_id] = n
                citations.append(_with_quote(c, c.quote, n))
            renumber[c.n] = n
        lines.append(_renumbered(ans.text, renumber))
    return Answer(
        question=question,
        text="\n".join(lines),
        abstained=False,
        citations=citations,
        query=" | ".join(a.query for a in parts),
        timings_ms=_sum_timings(parts),
    )


def _renumbered(text: str, renumber: dict[int, int]) -> str:
    """
    >>> _renumbered("A [1]. B [2].", {1: 3, 2: 1})
    'A [3]. B [1].'
    """
    return re.sub(r"\[(\d+)\]", lambda m: f"[{renumber.get(int(m[1]), int(m[1]))}]", text)


def _with_quote(c: Citation, quote: str, n: int | None = None) -> Citation:
    return replace(c, quote=quote, n=c.n if n is None else n)


def _sum_timings(parts: list[Answer]) -> dict[str, float]:
    out: dict[str, float] = {}
    for a in parts:
        for k, v in a.timings_ms.items():
            out[k] = out.get(k, 0.0) + v
    return out
