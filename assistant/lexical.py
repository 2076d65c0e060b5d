"""Word-level text handling shared by BM25 and the answerer: tokens, stems, stop words."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Function words, plus question words that never carry the topic of a question.
STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves s t us u.s much many tell give list name say said please
according document documents does did whats anything something kind get got ever
""".split()  # noqa: SIM905 (one word list, easier to read and edit)
)

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+(?:[.,]\d{3})*(?:\.\d+)?")


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Lower-cased words and numbers (thousands separators dropped).

    >>> words("The U.S. gave US$139million to 155,479 youth")
    ['the', 'u', 's', 'gave', 'us', '139', 'million', 'to', '155479', 'youth']
    """
    out = []
    for w in _WORD.findall(text.lower().replace("’", "'")):
        if w[0].isdigit():
            w = w.replace(",", "")
        elif w.endswith("'s"):
            w = w[:-2]
        out.append(w)
    return out


def tokenize(text: str) -> list[str]:
    """BM25 tokens: stems of the words that are not stop words.

    >>> tokenize("How much funding has been committed to the countries?")
    ['fund', 'commit', 'countri']
    """
    return [s for s, _ in word_stems(text)]


def word_stems(text: str) -> list[tuple[str, str]]:
    """(stem, word) for each BM25 token of a text: what `tokenize` returns, with the words they came from.

    >>> word_stems("Funding 2 youths")
    [('fund', 'funding'), ('2', '2'), ('youth', 'youths')]
    """
    stem = _stemmer().stemWord
    return [(stem(w), w) for w in words(text) if (w not in STOPWORDS and len(w) > 1) or w.isdigit()]


@lru_cache(maxsize=1 << 16)
def term_set(text: str) -> frozenset[str]:
    """The set of BM25 tokens of a text, cached: indexed sentences recur from question to question."""
    return frozenset(tokenize(text))
