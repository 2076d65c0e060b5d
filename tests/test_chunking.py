"""Chunking stage: sentence splitting, cleaning, and packing sentences into overlapping chunks."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from assistant.chunking import chunk_id, chunk_section, clean, split_sentences
from assistant.config import DEFAULT_CHUNK_CHARS, DEFAULT_CHUNK_OVERLAP_SENTENCES
from assistant.loading import load_document
from assistant.records import Chunk, Section

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "documents"
SAMPLE_FILES = sorted(DOCUMENTS.glob("*.txt"))
assert len(SAMPLE_FILES) == 5


def sample_section(name: str) -> Section:
    doc = load_document(DOCUMENTS / name)
    assert len(doc.sections) == 1
    return doc.sections[0]


# Synthetic prose with paragraphs, wrapped lines, bullets, numbered items and abbreviations.
PROSE = """Caribbean Basin Security Initiative

Launched in 2010, CBSI is a bipartisan effort. The U.S. government has committed more than
$1 billion through CBSI. It partners with 13 Caribbean countries, including the Dominican
Republic. Programs support police education and community policing.

Program highlights include:
- Strengthening citizen security. Training for police.
- Disrupting illicit trafficking
  • Maritime interdiction support
* Youth crime and violence prevention
1. To Reduce Illicit Trafficking
2) To Advance Public Safety

Heading without a period
Final paragraph sentence one. Final paragraph sentence two! Is this the third? Yes, it is."""

SPLIT_TEXTS = [PROSE] + [f.read_text(encoding="utf-8") for f in SAMPLE_FILES]

BLANK_LINE = re.compile(r"\n[ \t]*\n")
BULLET_LINE_START = re.compile(r"\n[ \t]*(?:[•·▪●\-*]|\d{1,2}[.)])\s")


# ---------------------------------------------------------------- split_sentences


@pytest.mark.parametrize("text", SPLIT_TEXTS, ids=["prose"] + [f.stem for f in SAMPLE_FILES])
def test_spans_index_the_original_text(text: str) -> None:
    spans = split_sentences(text)
    assert len(spans) > 3
    prev_end = 0
    for start, end in spans:
        assert 0 <= prev_end <= start < end <= len(text)  # ordered, non-overlapping, in range
        piece = text[start:end]
        assert piece.strip()
        assert piece == piece.strip()  # spans are trimmed
        prev_end = end
    # nothing but white space is left between sentences
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    leftover = "".join(ch for i, ch in enumerate(text) if i not in covered)
    assert leftover.strip() == ""


@pytest.mark.parametrize("text", SPLIT_TEXTS, ids=["prose"] + [f.stem for f in SAMPLE_FILES])
def test_spans_never_cross_blank_lines_or_bullet_starts(text: str) -> None:
    for start, end in split_sentences(text):
        piece = text[start:end]
        for m in BLANK_LINE.finditer(piece):  # only a sentence a PDF broke with a blank line runs on
            assert re.search(r"[A-Za-z,]\s*$", piece[: m.start()]) and re.match(r"\s*[a-z]", piece[m.end() :]), piece
        assert not BULLET_LINE_START.search(piece), piece


def test_a_blank_line_inside_a_sentence_does_not_split_it() -> None:
    text = "Rising crime threatens security and stability\n\nin the United States and the region.\n\nOngoing\n\nWork"
    assert [clean(text[s:e]) for s, e in split_sentences(text)] == [
        "Rising crime threatens security and stability in the United States and the region.",
        "Ongoing",
        "Work",
    ]


def test_blank_line_ends_a_sentence_without_punctuation() -> None:
    text = "Heading without a period\n\nBody sentence continues here"
    assert [text[s:e] for s, e in split_sentences(text)] == ["Heading without a period", "Body sentence continues here"]


def test_single_newline_is_wrapping_not_a_break() -> None:
    text = "The U.S. government has\ncommitted more than\n$1 billion through CBSI. Second one."
    assert [clean(text[s:e]) for s, e in split_sentences(text)] == [
        "The U.S. government has committed more than $1 billion through CBSI.",
        "Second one.",
    ]


def test_bullets_start_new_sentences() -> None:
    text = (
        "Governments will:\n- reduce trafficking\n  • improve safety\n* promote justice\n1. first goal\n2) second goal"
    )
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Governments will:",
        "- reduce trafficking",
        "• improve safety",
        "* promote justice",
        "1. first goal",
        "2) second goal",
    ]
    assert [clean(text[s:e]) for s, e in spans] == [
        "Governments will:",
        "reduce trafficking",
        "improve safety",
        "promote justice",
        "1. first goal",
        "2) second goal",
    ]


def test_hyphen_inside_a_line_is_not_a_bullet() -> None:
    text = "Support for at-risk youth\n-based programs and U.S.-Dominican work."
    assert len(split_sentences(text)) == 1


def test_us_abbreviation_does_not_end_a_sentence() -> None:
    text = "The U.S. government has committed more than $1 billion."
    assert split_sentences(text) == [(0, len(text))]
    text2 = "Launched in 2010, CBSI helps. The U.S. government has committed more than $1 billion. Next."
    assert [text2[s:e] for s, e in split_sentences(text2)] == [
        "Launched in 2010, CBSI helps.",
        "The U.S. government has committed more than $1 billion.",
        "Next.",
    ]


def test_common_abbreviations_do_not_split() -> None:
    text = "Mr. Smith visited St. Lucia on Nov. 30, 2017. It rose 3.5 percent."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Mr. Smith visited St. Lucia on Nov. 30, 2017.",
        "It rose 3.5 percent.",
    ]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", " \n - \n"])
def test_no_sentences_in_blank_text(text: str) -> None:
    spans = split_sentences(text)
    assert all(clean(text[s:e]) for s, e in spans)
    assert spans == [] or text.strip() == "-"


def test_spans_are_relative_to_the_given_text() -> None:
    text = "\n\n   Leading space. Then more."
    spans = split_sentences(text)
    assert spans[0][0] == text.index("Leading")
    assert text[spans[-1][0] : spans[-1][1]] == "Then more."


def test_long_paragraph_never_splits_a_sentence() -> None:
    text = " ".join(f"Sentence number {i} is about the Caribbean Basin Security Initiative." for i in range(120))
    assert len(text) > 5000
    pieces = [text[s:e] for s, e in split_sentences(text)]
    assert all(p.endswith("Initiative.") for p in pieces), [p for p in pieces if not p.endswith(".")]
    assert len(pieces) == 120


# ---------------------------------------------------------------- clean


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("has pro-\nvided more", "has provided more"),
        ("has pro- \n   vided more", "has provided more"),
        ("organiza-\ntions", "organizations"),
        ("U.S.-\nDominican Republic", "U.S.-Dominican Republic"),
        ("Caribbean-\nUnited States", "Caribbean-United States"),
        ("2009-\n2010", "2009-2010"),
        ("more than \\$263 million", "more than $263 million"),
        ("- **Maritime and Aerial Security** cooperation", "Maritime and Aerial Security cooperation"),
        ("• Strengthen the ability", "Strengthen the ability"),
        ("  • Build interdiction", "Build interdiction"),
        ("* Continue to enhance", "Continue to enhance"),
        ("▪ item", "item"),
        ("__underlined__ text", "underlined text"),
        ("spread  over\n\tthree\n lines ", "spread over three lines"),
        ("-5 degrees", "-5 degrees"),  # a minus sign is not a bullet
        ("1. To Reduce Illicit Trafficking", "1. To Reduce Illicit Trafficking"),
        ("the at-risk youth", "the at-risk youth"),
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_clean_docstring_example() -> None:
    assert (
        clean("has pro-\nvided more than \\$400 million\nto the **Caribbean**")
        == "has provided more than $400 million to the Caribbean"
    )


def test_clean_strips_only_a_leading_bullet() -> None:
    assert clean("- a - b • c") == "a - b • c"


def test_bold_run_in_heading_leaves_no_stray_asterisk() -> None:
    # pysbd splits "- **Heading.** Rest" into "- **Heading." and "** Rest": neither may keep a '*'.
    text = "- **Maritime and Aerial Security Cooperation.** Support regional coordination. Provide equipment."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans][1].startswith("**")
    assert [clean(text[s:e]) for s, e in spans] == [
        "Maritime and Aerial Security Cooperation.",
        "Support regional coordination.",
        "Provide equipment.",
    ]
    assert clean("** Support regional coordination.") == "Support regional coordination."


# ---------------------------------------------------------------- chunk_section


def numbered_sentences(n: int, seed: int = 0) -> str:
    """Sentences of varied length (about 40-90 chars) in paragraphs, some wrapped across lines."""
    words = [
        "security",
        "cooperation",
        "maritime",
        "interdiction",
        "youth",
        "programs",
        "regional",
        "partners",
        "training",
    ]
    paragraphs, current = [], []
    for i in range(n):
        k = 3 + (i * 7 + seed) % 8
        body = " ".join(words[(i + j) % len(words)] for j in range(k))
        sentence = f"Item {i} covers {body}."
        if i % 4 == 1:
            sentence = sentence.replace(" covers ", " covers\n", 1)  # wrapped line
        current.append(sentence)
        if i % 5 == 4:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def sentence_index(chunk: Chunk, all_spans: list[tuple[int, int]]) -> list[int]:
    return [all_spans.index((s.start, s.end)) for s in chunk.sentences]


SYNTH = Section(doc_id="synth", text=numbered_sentences(40), page=None, start=0)


def corpus_and_synth_sections() -> list[Section]:
    return [SYNTH, Section(doc_id="prose", text=PROSE, page=2, start=100)] + [
        sample_section(f.name) for f in SAMPLE_FILES
    ]


@pytest.mark.parametrize("max_chars", [80, 200, 600, 1000])
def test_chunks_are_at_most_max_chars_unless_one_sentence(max_chars: int) -> None:
    long_sentence_seen = False
    for section in corpus_and_synth_sections():
        chunks = chunk_section(section, max_chars, 1)
        assert chunks
        for c in chunks:
            if len(c.sentences) > 1:
                assert len(c.text) <= max_chars, (section.doc_id, c.text)
            elif len(c.text) > max_chars:
                long_sentence_seen = True
    if max_chars == 80:
        assert long_sentence_seen  # the corpus has sentences longer than 80 characters


def test_sentences_that_fit_exactly_make_one_chunk() -> None:
    text = "First sentence here. Second sentence here."
    chunks = chunk_section(Section(doc_id="d", text=text), len(text), 0)
    assert [c.text for c in chunks] == [text]


def test_a_sentence_longer_than_max_chars_is_its_own_chunk() -> None:
    long = "This sentence is " + "very " * 40 + "long."
    section = Section(doc_id="d", text=f"Short one. {long} Short two.")
    chunks = chunk_section(section, 60, 0)
    assert [c.text for c in chunks] == ["Short one.", long, "Short two."]


def test_chunks_fill_up_to_max_chars() -> None:
    # Greedy packing: a chunk stops only when the next sentence would not fit.
    spans = split_sentences(SYNTH.text)
    for max_chars in (150, 300):
        chunks = chunk_section(SYNTH, max_chars, 0)
        for c, nxt in itertools.pairwise(chunks):
            next_sentence = nxt.sentences[0]
            # (the packer keeps one character in hand: see the exact-fit test below)
            assert len(c.text) + 1 + len(next_sentence.text) > max_chars - 1
        assert sum(len(c.sentences) for c in chunks) == len(spans)  # no overlap with 0


@pytest.mark.parametrize(
    "max_chars,overlap", [(250, 0), (250, 1), (400, 0), (400, 1), (400, 2), (600, 1), (600, 2), (600, 3), (900, 3)]
)
def test_consecutive_chunks_overlap_by_configured_sentences(overlap: int, max_chars: int) -> None:
    spans = split_sentences(SYNTH.text)
    chunks = chunk_section(SYNTH, max_chars, overlap)
    assert len(chunks) > 3
    for prev, cur in itertools.pairwise(chunks):
        assert len(prev.sentences) > overlap  # precondition for an exact overlap
        p, c = sentence_index(prev, spans), sentence_index(cur, spans)
        assert p == list(range(p[0], p[-1] + 1)) and c == list(range(c[0], c[-1] + 1))  # contiguous runs
        shared = [i for i in c if i in p]
        assert len(shared) == overlap
        if overlap:
            assert cur.sentences[:overlap] == prev.sentences[-overlap:]
        assert c[overlap] == p[-1] + 1  # then carries on with the next sentence


def test_default_settings_overlap_on_sample_documents() -> None:
    for f in SAMPLE_FILES:
        section = sample_section(f.name)
        chunks = chunk_section(section, DEFAULT_CHUNK_CHARS, DEFAULT_CHUNK_OVERLAP_SENTENCES)
        for prev, cur in itertools.pairwise(chunks):
            # the last sentence is repeated, unless it cannot share a chunk with the next new one
            first_new = next(x for x in cur.sentences if x.start > prev.sentences[-1].start)
            if len(prev.sentences[-1].text) + 1 + len(first_new.text) <= DEFAULT_CHUNK_CHARS:
                assert cur.sentences[0] == prev.sentences[-1], f.name
            else:
                assert cur.sentences[0] == first_new, f.name


def test_every_chunk_adds_a_new_sentence() -> None:
    a = "Short opening sentence here."
    b = "Middle sentence " + "about maritime security " * 11 + "ends here."
    c = "Long closing sentence " + "about youth programs " * 18 + "ends here."
    assert len(a) + len(b) + 1 <= 600 < len(b) + len(c) + 1
    chunks = chunk_section(Section(doc_id="d", text=f"{a} {b} {c}"), 600, 1)
    for prev, cur in itertools.pairwise(chunks):
        assert cur.sentences[-1].end > prev.sentences[-1].end, [x.text[:20] for x in cur.sentences]


def test_every_sentence_appears_in_some_chunk() -> None:
    for section in corpus_and_synth_sections():
        spans = split_sentences(section.text)
        for max_chars, overlap in ((100, 0), (600, 1), (900, 2)):
            chunks = chunk_section(section, max_chars, overlap)
            in_chunks = [(s.start, s.end) for c in chunks for s in c.sentences]
            assert set(in_chunks) == set(spans), section.doc_id
            starts = [c.start for c in chunks]
            assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_chunk_offsets_and_sentence_texts() -> None:
    for section in corpus_and_synth_sections():
        for c in chunk_section(section, 600, 1):
            assert c.start == c.sentences[0].start and c.end == c.sentences[-1].end
            assert c.doc_id == section.doc_id and c.page == section.page
            for s in c.sentences:
                assert s.text == clean(section.text[s.start : s.end])
                assert s.text
            # the chunk text is its sentences, separated by one space or newline
            assert re.sub(r"\s", " ", c.text) == " ".join(s.text for s in c.sentences)


def test_chunk_text_keeps_line_breaks_between_blocks() -> None:
    section = Section(doc_id="d", text="Heading\n\nFirst sentence. Second sentence.")
    (chunk,) = chunk_section(section, 600, 1)
    assert chunk.text == "Heading\nFirst sentence. Second sentence."


def test_chunk_ids_are_stable_and_content_derived() -> None:
    first = chunk_section(SYNTH, 300, 1)
    second = chunk_section(Section(doc_id="synth", text=numbered_sentences(40)), 300, 1)
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == len(first)
    assert all(c.id.startswith("synth:0:") for c in first)

    # change one word in the middle: the chunks holding it change id, the others keep theirs
    target = first[len(first) // 2].sentences[-1]
    changed_text = (
        SYNTH.text[: target.start]
        + SYNTH.text[target.start : target.end].replace("Item", "ITEM", 1)
        + SYNTH.text[target.end :]
    )
    changed = chunk_section(Section(doc_id="synth", text=changed_text), 300, 1)
    assert len(changed) == len(first)
    for old, new in zip(first, changed, strict=True):
        holds_target = any(s.start == target.start for s in old.sentences)
        assert (old.id != new.id) == holds_target  # same length: other chunks keep offsets and ids
        assert (old.text != new.text) == holds_target

    # inserting text shifts offsets, so the ids of all later chunks change
    shifted = chunk_section(Section(doc_id="synth", text="Preface. " + SYNTH.text), 300, 1)
    assert not {c.id for c in shifted} & {c.id for c in first}


def test_chunk_id_depends_on_doc_page_and_offset() -> None:
    base = chunk_id("doc", 1, 0, "text")
    assert base == chunk_id("doc", 1, 0, "text")
    assert (
        len(
            {
                base,
                chunk_id("doc2", 1, 0, "text"),
                chunk_id("doc", 2, 0, "text"),
                chunk_id("doc", 1, 5, "text"),
                chunk_id("doc", 1, 0, "text!"),
            }
        )
        == 5
    )
    assert chunk_id("doc", None, 0, "t").startswith("doc:0:")
    assert chunk_id("doc", 7, 0, "t").startswith("doc:7:")
    text = "Same sentence here. Another one follows."
    on_page_1 = chunk_section(Section(doc_id="d", text=text, page=1, start=0), 600)
    on_page_2 = chunk_section(Section(doc_id="d", text=text, page=2, start=50), 600)
    assert on_page_1[0].text == on_page_2[0].text and on_page_1[0].id != on_page_2[0].id


def test_empty_section_has_no_chunks() -> None:
    assert chunk_section(Section(doc_id="d", text=" \n\n "), 600) == []


def test_chunk_to_dict_round_trip() -> None:
    for c in chunk_section(sample_section("st-lucia-fact-sheet.txt"), 600, 1):
        assert Chunk.from_dict(c.to_dict()) == c


# ---------------------------------------------------------------- the sample corpus


KEY_NUMBERS = {
    "dominican-republic-partnership-2024.txt": ["$1 billion", "155479"],
    "st-lucia-fact-sheet.txt": ["$263 million"],
    "eastern-caribbean-partnership-2016.txt": ["US$139million"],
    "cbsi-key-objectives-fact-sheet.txt": ["$400 million"],
}


@pytest.mark.parametrize("name,numbers", sorted(KEY_NUMBERS.items()))
def test_key_numbers_sit_whole_inside_one_sentence(name: str, numbers: list[str]) -> None:
    chunks = chunk_section(sample_section(name), 600, 1)
    sentences = [s.text for c in chunks for s in c.sentences]
    for number in numbers:
        assert any(number in s for s in sentences), (name, number)
        assert any(number in c.text for c in chunks)


def test_key_sentences_read_cleanly() -> None:
    sentences = {
        s.text for f in SAMPLE_FILES for c in chunk_section(sample_section(f.name), 600, 1) for s in c.sentences
    }
    assert (
        "The U.S. government has provided more than $400 million to the Caribbean to decrease threats "
        "to the safety of U.S. citizens and the region since 2010."
    ) in sentences
    assert (
        "As of 2024, the U.S. government has committed more than $1 billion through CBSI to partner with "
        "13 Caribbean countries, including the Dominican Republic."
    ) in sentences
    assert (
        "The United States is making a significant contribution to CBSI, committing more than $263 million "
        "in funding for CBSI since 2010."
    ) in sentences
    assert not any("\\$" in s or "\n" in s for s in sentences)


def test_a_heading_in_capitals_without_blank_lines_is_its_own_sentence() -> None:
    # OCR text of the key objectives sheet: the heading follows the quote's closing mark on the next
    # line, and the third objective runs straight into the next line's "Connect with CBSI" (loaded
    # with its "[LLICIT" and "(RIME" read as the capitals they are).
    section = sample_section("cbsi-key-objectives-fact-sheet.txt")
    texts = [clean(section.text[s:e]) for s, e in split_sentences(section.text)]
    assert "KEY OBJECTIVES" in texts, texts[:6]
    assert texts[texts.index("KEY OBJECTIVES") + 1 : texts.index("KEY OBJECTIVES") + 5] == [
        "PROMOTE SOCIAL JUSTICE",
        "INCREASE PUBLIC SAFETY & SECURITY",
        "SUBSTANTIALLY REDUCE ILLICIT TRAFFICKING & CRIME",
        "Connect with CBSI",
    ]
    assert texts[texts.index("KEY OBJECTIVES") - 1].endswith("restore safety...”")


def test_lines_in_capitals_inside_a_sentence_are_not_cut_from_it() -> None:
    text = "Funding went to the\nCARICOM IMPACS\nteams and the RSS. It grew."
    assert [clean(text[s:e]) for s, e in split_sentences(text)] == [
        "Funding went to the CARICOM IMPACS teams and the RSS.",
        "It grew.",
    ]
