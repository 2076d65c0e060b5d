"""Questions about the collection rather than about what its documents say: who published a
document, which document is the newest or the oldest, which are from a given year, which there are.
Their answers come from the catalogue (title, publisher, date), each cited where the document
prints it or, failing that, by its opening line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.cues import EARLIEST, LATEST, pointing_clause

_DOCS = r"(?:documents?|sources?|(?:fact\s+)?sheets?|articles?|releases?|statements?|pieces?|files?|papers?|reports?)"
_THIS = r"\b(?:it|that|this|them|those)\b"
_PUBLISHER_Q = re.compile(
    r"\bwho\s+(?:published|issued|released|put out|wrote|authored|produced|is (?:the )?(?:publisher|author))\b|"
    r"\b(?:publisher|author|issuer)\s+of\b|"
    r"\b(?:which|what)\s+(?:agency|office|department|bureau|organi[sz]ation|body|institution|embassy)\s+"
    r"(?:published|issued|released|put out|produced|wrote)\b",
    re.IGNORECASE,
)
_NEWER = rf"{LATEST}|more recent|newer"
_OLDER = rf"{EARLIEST}|older"
# The extreme must be the document's own: "the newest document", "which is the most recent?", not
# "the most recent funding figure" (a fact, found in the texts).
_EXTREME_Q = re.compile(
    rf"\b(?P<ext>{_NEWER}|{_OLDER})\s*(?:{_DOCS}\b|one\b|[,?;]|$|(?:and|of (?:them|these|those|all|the \w+))\b)|"
    rf"\b{_DOCS}\s+(?:was|is|came)\s+(?:published|issued|released|written|put out)\s+(?P<ext2>first|last)\b",
    re.IGNORECASE,
)
_YEAR_Q = re.compile(
    rf"\b{_DOCS}\s+(?:(?:are|is|was|were|do (?:you|we) have|you have|we have)\s+)?"
    r"(?:from|dated|published in|issued in|released in|put out in|written in)\s+(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_ALL_Q = re.compile(
    rf"^\W*(?:what|which)\s+{_DOCS}\s+(?:do|can|are|did)\s+(?:you|we)\b|"
    rf"\blist\s+(?:all\s+)?(?:the|your|our|of the)\s+{_DOCS}\b|"
    r"\bwhat(?:'s| is| are)\s+in\s+(?:the|your|our)\s+(?:corpus|collection|library|index)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CollectionQuestion:
    """What a question asks of the collection: `kind` is "publisher", "newest", "oldest", "year" or
    "all"; `year` is set for "year"."""

    kind: str
    year: str = ""


def asks_collection(question: str) -> CollectionQuestion | None:
    """The question's ask of the collection, or None when it asks what the documents say.

    >>> asks_collection("Who published the St. Lucia fact sheet?")
    CollectionQuestion(kind='publisher', year='')
    >>> asks_collection("Of the dated documents, which is the most recent, and what year is it from?").kind
    'newest'
    >>> asks_collection("Which documents are from 2016?")
    CollectionQuestion(kind='year', year='2016')
    >>> asks_collection("What documents do you have?").kind, asks_collection("Which sheet was published first?").kind
    ('all', 'oldest')
    >>> [asks_collection(q) for q in ("What is the most recent funding figure?", "Who published the data?",
    ...  "What is the latest year the St. Lucia sheet refers to?", "Which sheet talks about funding in 2016?")]
    [None, None, None, None]
    """
    if _PUBLISHER_Q.search(question) and (re.search(_DOCS, question, re.IGNORECASE) or re.search(_THIS, question)):
        return CollectionQuestion("publisher")
    year = _YEAR_Q.search(question)
    if year:
        return CollectionQuestion("year", year.group("year"))
    if _ALL_Q.search(question):
        return CollectionQuestion("all")
    extreme = _EXTREME_Q.search(question)
    if extreme and re.search(rf"\b{_DOCS}\b", question, re.IGNORECASE):
        word = (extreme.group("ext") or extreme.group("ext2")).lower()
        return CollectionQuestion("oldest" if word in ("oldest", "earliest", "older", "first") else "newest")
    return None


# "The fact sheet that lists St. Jude's Hospital among its projects: what ...?", "In the embassy
# release about OECS divers, how much ...?": a document told by what it says, then the question.
_DESCRIBED = re.compile(
    rf"^\W*(?:in|from|per|according to)?\s*the\s+(?:[\w.'’-]+\s+){{0,3}}?{_DOCS}\s+"
    r"(?P<desc>(?:that|which|about|on|with|where|carrying|listing|mentioning|saying|describing|covering)\b[^:?]{8,240}?)"
    r"\s*[:,]\s*(?P<rest>(?:what|how|which|who|whom|when|where|why|does|did|do|is|are|was|were|can|name|list|give)\b.*)$",
    re.IGNORECASE,
)


def document_description(question: str) -> str:
    """What a question says of the document it asks about, when it points at one by its content
    rather than its name; "" otherwise.

    >>> document_description("The sheet that lists St. Jude's Hospital among its projects: what total does it cite?")
    "that lists St. Jude's Hospital among its projects"
    >>> document_description("In the release about OECS coast guard training, how much money is reported?")
    'about OECS coast guard training'
    >>> document_description("What total is quoted on the sheet whose photos are credited to SOUTHCOM?")
    'whose photos are credited to SOUTHCOM'
    >>> document_description("What does the St. Lucia sheet say about youth?")
    ''
    """
    m = _DESCRIBED.match(question)
    return m.group("desc").strip() if m else pointing_clause(question)


def without_description(question: str) -> str:
    """The question without a description of its document before it (whose names say which
    document, not what is asked).

    >>> without_description("In the release about OECS divers, how much money is reported?")
    'how much money is reported?'
    >>> without_description("How much does the sheet that credits SOUTHCOM give?")
    'How much does the sheet give?'
    """
    m = _DESCRIBED.match(question)
    if m:
        return m.group("rest")
    clause = pointing_clause(question)  # "How much does the sheet that credits SOUTHCOM give?"
    return re.sub(r"\s+", " ", question.replace(clause, " ")) if clause else question
