"""Split sections into sentences (pysbd) and pack whole sentences into overlapping chunks."""

from __future__ import annotations

import hashlib
import itertools
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.records import Chunk, Section, Sentence

if TYPE_CHECKING:
    import pysbd

# A block starts at a blank line or at a list item (bullet, dash, star, "1." or "1)"), its indent left out
# (pysbd splits "  2. Port of Spain" after the "2.").
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n\s*|\n[ \t]*(?=(?:[•·▪●\-*]|\d{1,2}[.)])\s)")
_MAX_BLOCK = 5000  # longer runs without a break are cut at white space before segmenting


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def clean(raw: str) -> str:
    """Readable form of a raw span: joins words hyphenated across lines, drops list markers and
    Markdown emphasis, unescapes `\\$`, collapses white space.

    >>> clean("has pro-\\nvided more than \\\\$400 million\\nto the **Caribbean**")
    'has provided more than $400 million to the Caribbean'
    """
    s = re.sub(r"(\w)-[ \t]*\n\s*(?=[a-z])", r"\1", raw)
    s = re.sub(r"-[ \t]*\n\s*", "-", s)
    s = s.replace("**", "").replace("__", "").replace("\\$", "$")
    s = re.sub(r"^\s*(?:[•·▪●*]|-(?=\s))\s*", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    half = len(s) // 2
    if len(s) > 20 and s[:half] == s[half + 1 :] and s[half] == " ":
        s = s[:half]  # a caption or heading printed twice in a row
    return s


# Raised whenever the same text would be split differently, so `cbsi ingest` rebuilds old indexes.
# 2: a blank line inside a sentence no longer ends it. 3: a line in capitals after a sentence's end,
# or before a line starting a sentence, is cut from it (a heading without blank lines). 4: so are
# lines in title case ("Program Management") between a sentence's end and a sentence's start. 5: a
# rank before a name ("Cdr. (Ret.) Marcus Joseph", "Insp. Ray Lewis") does not end a sentence.
SPLITTER_VERSION = 5
# Ranks and titles pysbd takes for a sentence's end, and the retired mark after a rank.
_RANK_END = re.compile(
    r"(?:\b(?:Cdr|Cmdr|Comdr|Insp|Supt|Sgt|Cpl|Lt|Col|Maj|Capt|Adm|Brig|Hon|Amb|Prof|Det)\.|\(Ret\.\))$"
)
_RUNS_ON = re.compile(r"[A-Za-z,]\s*$")
_LOWER_START = re.compile(r"\s*[a-z]")


_CAPS_LINE = re.compile(r"[^\S\n]*(?=[^a-z\n]*[A-Z]{2})[^a-z\n]{2,80}")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’)]*[^\S\n]*$")


_MINOR_WORDS = frozenset("a an and as at by for from in into of on or per the to with vs via de del la".split())  # noqa: SIM905
_NOT_A_HEADING_START = re.compile(r"(?:The|This|These|Those|A|An|It|Its|We|Our|Their|They|He|She|His|Her)\b")
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Ms|Mrs|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr|No)\.)[^\S\n]*$")
_STARTS_SENTENCE = re.compile(r"[^\S\n]*(?:[A-Z][a-z]|[A-Z]{2,}\s+[a-z])")


def _title_line(line: str) -> bool:
    """Whether a line reads as a heading in title case: at most ten words, each starting with a
    capital or a digit but for minor words, no sentence's end mark, not opening like a sentence.

    >>> _title_line("Program Management"), _title_line("Results by Priority"), _title_line("Next Steps")
    (True, True, True)
    >>> _title_line("The Regional Security System"), _title_line("Partner units seized"), _title_line("Overview.")
    (False, False, False)
    """
    s = line.strip()
    if not s or len(s) > 80 or s[-1] in ".!?,;" or not s[0].isupper() or _NOT_A_HEADING_START.match(s):
        return False
    words = re.findall(r"[^\W\d_][\w'’.&-]*|\d[\d,.]*", s)
    return 0 < len(words) <= 10 and all(w[0].isupper() or w[0].isdigit() or w.lower() in _MINOR_WORDS for w in words)


def _at_capital_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    r"""A block cut where a line in capitals begins or ends a heading without a blank line around it
    (PDF text): after a sentence's end mark before a line in capitals ("... restore safety...”",
    "KEY OBJECTIVES"), and after a line in capitals before a line that starts a sentence ("CRIME",
    "Connect with CBSI").

    >>> t = "restore safety.\n KEY OBJECTIVES\nTRAFFICKING &\nCRIME\n Connect with us\nand more"
    >>> [t[s:e] for s, e in _at_capital_lines(t, 0, len(t))]
    ['restore safety.', ' KEY OBJECTIVES\nTRAFFICKING &\nCRIME', ' Connect with us\nand more']

    Lines in title case are cut the same way when they stand between a sentence's end (or the block's
    start) and a line starting a sentence; within a sentence that wraps, they are not.

    >>> t = "by a team of 14 staff.\nProgram Management\nThe program is managed from\nBridgetown Barbados\nby a team."
    >>> [t[s:e] for s, e in _at_capital_lines(t, 0, len(t))]
    ['by a team of 14 staff.', 'Program Management', 'The program is managed from\nBridgetown Barbados\nby a team.']
    """
    lines, at = [], start
    for line in text[start:end].split("\n"):
        caps = bool(_CAPS_LINE.fullmatch(line))
        lines.append((at, at + len(line), caps, not caps and _title_line(line)))  # each line's kind, once
        at += len(line) + 1
    out, piece = [], start
    heading_run = lines[0][3]  # a run of title lines that may be a heading
    for (s1, e1, caps_prev, title_prev), (s2, e2, caps_next, title_next) in itertools.pairwise(lines):
        prev, nxt = text[s1:e1], text[s2:e2]
        ends = bool(_ENDS_SENTENCE.search(prev)) and not _ABBREVIATION_END.search(prev)
        if (
            (caps_next and not caps_prev and ends)
            or (caps_prev and not caps_next and re.match(r"[^\S\n]*[A-Z][a-z]", nxt))
            or (title_next and not title_prev and not caps_prev and ends)
            or (title_prev and heading_run and not (title_next or caps_next) and _STARTS_SENTENCE.match(nxt))
        ):
            out.append((piece, e1))
            piece = s2
        heading_run = title_next and (heading_run if title_prev else ends or caps_prev)
    out.append((piece, end))
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _BLOCK_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    # A blank line inside a sentence (PDF extraction: "A decisive approach", blank line, "is required")
    # is not a paragraph break: a piece runs on when it has no end mark and the next starts lower-case.
    joined: list[tuple[int, int]] = []
    for s, e in spans:
        if joined and _RUNS_ON.search(text, joined[-1][0], joined[-1][1]) and _LOWER_START.match(text, s):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    out: list[tuple[int, int]] = []
    for s, e in (piece for span in joined for piece in _at_capital_lines(text, *span)):
        while e - s > _MAX_BLOCK:
            # cut after the last sentence end before the limit, else at the last space
            ends = [m.end() for m in re.finditer(r"[.!?][\"”’)]*\s", text[s : s + _MAX_BLOCK])]
            cut = s + ends[-1] if ends else text.rfind(" ", s, s + _MAX_BLOCK)
            cut = cut if cut > s else s + _MAX_BLOCK
            out.append((s, cut))
            s = cut
        if text[s:e].strip():
            out.append((s, e))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text`, never crossing a paragraph or list-item break.

    >>> t = "Launched in 2010, CBSI helps. The U.S. gave $1 billion.\\n\\nHighlights"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Launched in 2010, CBSI helps.', 'The U.S. gave $1 billion.', 'Highlights']
    >>> t = "A decisive approach\\n\\nis required. KEY OBJECTIVES\\n\\nPROMOTE"  # a PDF's stray blank line
    >>> [clean(t[s:e]) for s, e in split_sentences(t)]
    ['A decisive approach is required.', 'KEY OBJECTIVES', 'PROMOTE']
    >>> t = "Ports:\\n  1. Kingston, Jamaica\\n  2. Port of Spain, Trinidad"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Ports:', '1. Kingston, Jamaica', '2. Port of Spain, Trinidad']
    >>> t = "It is led by Cdr. (Ret.) Marcus Joseph, a former officer. Insp. Ray Lewis helps."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['It is led by Cdr. (Ret.) Marcus Joseph, a former officer.', 'Insp. Ray Lewis helps.']
    """
    spans: list[tuple[int, int]] = []
    for bs, be in _blocks(text):
        block = text[bs:be]
        # Line breaks inside a block are wrapping, not sentence ends; same length keeps offsets.
        pieces = _segmenter().segment(block.replace("\n", " "))
        cursor = 0
        for piece in pieces:
            stripped = piece.strip()
            if not stripped:
                continue
            at = block.replace("\n", " ").find(stripped, cursor)
            if at < 0:  # pysbd changed the text; fall back to the rest of the block
                at = cursor
            end = at + len(stripped)
            if clean(block[at:end]):
                if spans and spans[-1][0] >= bs and _RANK_END.search(text[spans[-1][0] : spans[-1][1]]):
                    spans[-1] = (spans[-1][0], bs + end)  # "led by Cdr." + "(Ret.)" + "Marcus Joseph, ..."
                else:
                    spans.append((bs + at, bs + end))
            cursor = end
    return spans


_ITEM_MARK = re.compile(r"(?:[•·▪●\-*]|\d{1,2}[.)])\s+")


def list_item_starts(text: str) -> set[int]:
    r"""Offsets of the sentences that begin a list item: a block starting with a bullet or number.

    >>> t = "Goals:\n- Reduce trafficking\n  * Promote justice\nNot an item."
    >>> sorted(t[i:i + 8] for i in list_item_starts(t))
    ['* Promot', '- Reduce']
    """
    out = set()
    for bs, be in _blocks(text):
        first = bs + len(text[bs:be]) - len(text[bs:be].lstrip())
        if _ITEM_MARK.match(text, first):
            out.add(first)
    return out


def chunk_id(doc_id: str, page: int | None, start: int, text: str) -> str:
    """Stable id: the same document, page, offset and text always give the same id."""
    digest = hashlib.sha1(f"{doc_id}|{page}|{start}|{text}".encode()).hexdigest()[:12]
    return f"{doc_id}:{page or 0}:{digest}"


def chunk_section(section: Section, max_chars: int, overlap_sentences: int = 1) -> list[Chunk]:
    """Pack a section's sentences into chunks of at most `max_chars` cleaned characters.

    A sentence is never split (one longer than `max_chars` is a chunk of its own); each chunk
    repeats the last `overlap_sentences` sentences of the one before it.
    """
    items = list_item_starts(section.text)
    sents = [
        Sentence(text=clean(section.text[s:e]), start=s, end=e, item=s in items)
        for s, e in split_sentences(section.text)
    ]
    return [
        _make_chunk(section, tuple(sents[i:j]))
        for i, j in pack([len(s.text) for s in sents], max_chars, overlap_sentences)
    ]


def pack(lengths: list[int], max_chars: int, overlap_sentences: int = 1) -> list[tuple[int, int]]:
    """Greedy packing of sentences (given by their lengths) into chunks: (first, end) index ranges.

    Chunks hold at most `max_chars` characters with one separator between sentences; a longer
    sentence is a chunk of its own; each chunk repeats up to `overlap_sentences` sentences of the
    one before, only as many as fit with the first new one.

    >>> pack([200, 200, 200, 500, 10], 450)
    [(0, 2), (1, 3), (3, 4), (4, 5)]
    """
    ranges: list[tuple[int, int]] = []
    new = 0  # the first sentence not yet in any chunk
    while new < len(lengths):
        back = min(overlap_sentences, new)
        while back and sum(n + 1 for n in lengths[new - back : new + 1]) - 1 > max_chars:
            back -= 1
        i = j = new - back
        size = -1  # length of the joined text so far (one separator between sentences)
        while j < len(lengths) and (j <= new or size + 1 + lengths[j] <= max_chars):
            size += 1 + lengths[j]
            j += 1
        ranges.append((i, j))
        new = j
    return ranges


def _make_chunk(section: Section, sents: tuple[Sentence, ...]) -> Chunk:
    parts = [sents[0].text]
    for prev, cur in itertools.pairwise(sents):
        gap = section.text[prev.end : cur.start]
        parts.append(("\n" if "\n" in gap else " ") + cur.text)
    text = "".join(parts)
    start, end = sents[0].start, sents[-1].end
    return Chunk(
        id=chunk_id(section.doc_id, section.page, section.start + start, text),
        doc_id=section.doc_id,
        text=text,
        sentences=sents,
        page=section.page,
        start=start,
        end=end,
    )
