"""Comparison questions: which figure is largest or smallest, or two sources side by side.

Pure functions on text; the answerer gathers the figures and uses these to order them.
"""

from __future__ import annotations

import re

# Words for the larger or smaller of figures; `conversation` reads a figure question from them too.
LARGEST, SMALLEST = "largest|biggest|highest|greatest", "smallest|lowest"
LARGER, SMALLER = "larger|bigger|higher|greater", "smaller|lower"
_MAX = re.compile(rf"\b({LARGEST}|most|maximum|top|{LARGER})\b", re.IGNORECASE)
_MIN = re.compile(rf"\b({SMALLEST}|least|fewest|minimum|{SMALLER}|fewer)\b", re.IGNORECASE)
_SIDE_BY_SIDE = re.compile(
    r"\b(compare[sd]?|comparison|comparing|side by side|versus|vs\.?|differ(s|ence|ent)?|both|each)\b", re.IGNORECASE
)
# Figures asked for in the plural ("the funding totals the documents give"): several, set side by side.
_SEVERAL = re.compile(
    r"\b(totals|figures|amounts|sums)\b|\bevery\b.{0,40}\b(total|figure|amount|sum)\b|"
    r"\bone (per|for each|from each) (source|document)",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def extreme(question: str) -> str:
    """ "max" or "min" when a question asks for the largest or smallest of several figures, else "".

    >>> extreme("Which document gives the largest CBSI total?"), extreme("What is the smallest figure?")
    ('max', 'min')
    >>> extreme("Which is higher, the sheet's total or the release's?"), extreme("How much has the U.S. committed?")
    ('max', '')
    """
    if _MIN.search(question):
        return "min"
    if _MAX.search(question) and not re.search(r"\bmost (recent|recently|likely|important)\b", question, re.I):
        return "max"
    return ""


# "Which of the seaports had the lowest scanning rate?", "Which country got the most?": a thing named by
# where it stands among others (not "which document gives the largest total?": figures compared).
_WHICH_MOST = re.compile(
    r"\s*(?:and\s+)?which\s+(?!(?:of\s+the\s+)?(?:documents?|sources?|reports?|sheets?|articles?|releases?|"
    r"statements?|publications?|briefs?|pages?|figures?|totals?|amounts?|numbers?|one|is|was|are|were)\b)(?:of\s+the\s+)?(?:[\w-]+\s+){2,5}?(?:the\s+)?"
    rf"(?:{LARGEST}|{SMALLEST}|most|least|fewest)\b"
)


def asks_which_most(question: str) -> bool:
    """Whether a question asks which thing stands first or last among others, not for the figure.

    >>> asks_which_most("Which of the assessed seaports had the lowest container scanning rate?")
    True
    >>> asks_which_most("Which member state submitted the most trace requests?")
    True
    >>> asks_which_most("Which document gives the largest CBSI total?"), asks_which_most("Which is the largest?")
    (False, False)
    >>> asks_which_most("Which of the documents gives the biggest dollar total for CBSI funding?")
    False
    """
    return bool(_WHICH_MOST.match(question.lower()))


def is_comparison(question: str) -> bool:
    """Whether a question asks to set several figures against each other.

    >>> is_comparison("Compare the totals in the two fact sheets"), is_comparison("How much went to youth?")
    (True, False)
    >>> is_comparison("What funding totals do the documents report?")
    True
    """
    return bool(extreme(question) or _SIDE_BY_SIDE.search(question) or _SEVERAL.search(question))


def figure_value(figure: str) -> float | None:
    """The amount a figure stands for, for ordering; None when it holds no number.

    >>> figure_value("More than US$139million"), figure_value("$1 billion"), figure_value("155,479 youth")
    (139000000.0, 1000000000.0, 155479.0)
    """
    m = re.search(r"\d[\d,]*(?:\.\d+)?", figure)
    if not m:
        return None
    value = float(m.group().replace(",", ""))
    scale = re.match(r"\s*(thousand|million|billion|trillion)\b", figure[m.end() :], re.IGNORECASE)
    return value * _SCALE[scale.group(1).lower()] if scale else value


__all__ = [
    "LARGER",
    "LARGEST",
    "SMALLER",
    "SMALLEST",
    "asks_which_most",
    "extreme",
    "figure_value",
    "is_comparison",
]
