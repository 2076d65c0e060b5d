"""Repair of capital letters a PDF's display font extracted as brackets: "[LLICIT" -> "ILLICIT".

Headings set in a decorative font can come out of text extraction with a capital replaced by a
bracket of similar shape. The sample key objectives sheet reads "SUBSTANTIALLY REDUCE [LLICIT
TRAFFICKING & (RIME" and "Connect with (BSI", which no question about "illicit trafficking",
"crime" or "CBSI" can match, and which a memo cannot quote.

A bracket is read as the letter only when all of these hold, so real brackets stay:
- it opens a word of at least two letters, not after another letter or bracket;
- no closing bracket of its kind follows it within the paragraph (before a next opening one);
- the repaired word occurs elsewhere in the same document ("illicit trafficking" further down).

The repair replaces one character by one, so every offset into the text stays that of the file.
"""

from __future__ import annotations

import re

REPAIR_VERSION = 1  # recorded in the index manifest: a change here re-reads the documents

# The letter each bracket stands for, as measured on the sample corpus's extracted PDF text.
GLYPHS = {"[": "I", "(": "C"}
_CLOSER = {"[": "]", "(": ")"}
_OPENING = re.compile(r"(?<![\w\[(])([\[(])([A-Za-z]{2,})\b")


def repair_pages(pages: list[str]) -> list[str]:
    """Each page (or the one text of a file) with bracket-for-capital glyphs read as the letter, the
    whole document's words confirming a repair.

    >>> repair_pages(["REDUCE [LLICIT TRAFFICKING & (RIME.", "Illicit crime rises."])
    ['REDUCE ILLICIT TRAFFICKING & CRIME.', 'Illicit crime rises.']
    >>> repair_pages(["Call the RSS (all members) or (see the annex. All calls"])
    ['Call the RSS (all members) or (see the annex. All calls']
    """
    known = {w.lower() for page in pages for w in re.findall(r"[A-Za-z]+", page)}
    return [_repair(page, known) for page in pages]


def _repair(text: str, known: set[str]) -> str:
    def fix(m: re.Match[str]) -> str:
        bracket, letters = m.group(1), m.group(2)
        end = text.find("\n\n", m.end())
        rest = text[m.end() : end if end >= 0 else len(text)]
        next_open = rest.find(bracket)
        if _CLOSER[bracket] in (rest if next_open < 0 else rest[:next_open]):
            return m.group()  # a real bracket: it closes
        word = GLYPHS[bracket] + letters
        return word if word.lower() in known else m.group()

    return _OPENING.sub(fix, text)
