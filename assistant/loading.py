"""Load documents (PDF, text, Markdown, HTML) into Sections with their metadata.

Metadata comes from `documents/catalog.json` or a `<stem>.meta.json` beside the file; where those
are silent the title is read from the file (PDF metadata, first heading or line) and the date from
the text where one is written. It is never taken from the file's modification time.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from assistant.config import DEFAULT_CATALOG_NAME, DEFAULT_MAX_TEXT_CHARS, SUPPORTED_SUFFIXES
from assistant.records import DocumentInfo, Section
from assistant.repair import repair_pages
from assistant.tables import Table, layout_tables, markdown_tables, may_hold_table, table_lines, text_tables

META_SUFFIX = ".meta.json"
METADATA_FIELDS = ("title", "publisher", "published", "url", "note")
# Recorded in the index manifest: a change in how metadata is read from a document re-reads them all.
# 2: a month and year after "Published" dates a document that prints no full date. 3: tables are read a
# line per cell (HTML, Markdown); "**Published:** June 2023" (Markdown) and "Posted in" date a document
# too. 4: so are tables of year columns in PDF text. 5: PDF pages and text files lose their running
# headers and footers ("Annual Report 2022 | Page 2 of 3"). 6: a table's total beside year columns is of their
# span ("Total, 2021-2023"), and "(number of officers)" is read as the unit "officers". 7: a PDF table's
# columns "FY 2019" (with a space) are read, "(dollars in millions)" is a unit, "(USAID)" after a label is not.
# 8: PDF tables of any columns are read from the page's layout text, over page breaks too; "n/a" cells are empty;
# an HTML heading is marked as Markdown marks it ("## Results"). 9: a PDF table's rows may stand a blank line
# apart and its cells may be signed ("+21.2"); a line is a running header only at a page's edge; a text file
# loses the letterhead repeated under its page footers, and a sentence a footer cut is joined again.
# 10: "(current $ millions)" is a unit, a note's mark "(b)" is none. 11: a row label of a PDF table of years
# may wrap over the lines above its figures; a deadline a document sets ("runs to 30 June 2027") is not its date.
METADATA_VERSION = 13


class LoadError(Exception):
    """A file that cannot be ingested; the message is the one-line reason shown to the user."""


@dataclass(frozen=True)
class LoadedDocument:
    info: DocumentInfo
    sections: list[Section]


def discover(paths: list[Path]) -> list[Path]:
    """Files to ingest under `paths` (files or folders), sorted; metadata files are not documents."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                f for f in p.rglob("*") if f.is_file() and not _is_metadata_file(f) and not _in_hidden_folder(f, p)
            )
        elif p.exists():
            found.append(p)
        else:
            raise LoadError(f"{p}: no such file or folder")
    return sorted(set(found))


def _is_metadata_file(path: Path) -> bool:
    return path.name == DEFAULT_CATALOG_NAME or path.name.endswith(META_SUFFIX) or path.name.startswith(".")


def _in_hidden_folder(path: Path, root: Path) -> bool:
    """True for files under a dot-folder (`.git/`, `.cache/`) below the scanned `root`."""
    return any(part.startswith(".") for part in path.relative_to(root).parts[:-1])


def _read_json_object(path: Path, expected: str) -> dict[str, Any]:
    """A JSON object from `path`, or LoadError with a one-line reason."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise LoadError(f"{path}: not valid JSON ({_one_line(e)})") from e
    if not isinstance(data, dict):
        raise LoadError(f"{path}: expected {expected}")
    return data


def read_catalog(folder: Path) -> dict[str, dict[str, Any]]:
    """The `catalog.json` of a folder (doc id -> metadata), or {} if it has none."""
    path = folder / DEFAULT_CATALOG_NAME
    if not path.exists():
        return {}
    data = _read_json_object(path, "an object mapping document ids to metadata")
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def metadata_for(path: Path, catalog: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Given metadata for a file: its catalog entry, overlaid by a `<stem>.meta.json` sidecar."""
    meta = dict(catalog.get(path.stem, {}))
    sidecar = path.with_name(path.stem + META_SUFFIX)
    if sidecar.exists():
        meta.update(_read_json_object(sidecar, "a JSON object of metadata fields"))
    return {k: meta[k] for k in METADATA_FIELDS if k in meta}


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_document(
    path: Path, metadata: dict[str, Any] | None = None, max_chars: int = DEFAULT_MAX_TEXT_CHARS
) -> LoadedDocument:
    """Read one file into sections and metadata.

    Args:
        path: a .pdf, .txt, .md or .html file; its stem is the document id.
        metadata: given metadata (title, publisher, published, url, note); missing keys are inferred.
    Raises:
        LoadError: with a one-line reason, for unsupported, unreadable, empty or image-only files.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type '{suffix or path.name}' (supported: pdf, txt, md, html)")
    try:
        if path.stat().st_size == 0:
            raise LoadError("empty file")
        if not path.is_file():
            raise LoadError("not a file")
    except OSError as e:
        raise LoadError(f"cannot read file ({_one_line(e.strerror or e)})") from e
    doc_id = path.stem
    if suffix == ".pdf":
        sections, found_title, printed = _load_pdf(path, doc_id)
    else:
        text = printed = _read_text(path)
        if suffix in (".html", ".htm"):
            text, found_title = _html_to_text(text)
        else:
            found_title = _first_heading(text) if suffix in (".md", ".markdown") else None
            if suffix in (".md", ".markdown"):
                text = markdown_tables(text)
            else:  # text extracted from a PDF: its running headers go, its tables' rows are read
                text = text_tables(drop_running_lines([text])[0])[0]
                if may_hold_table(text):  # columns set out with spaces, as a PDF's layout text
                    text = layout_tables(text, text)[0]
        sections = [Section(doc_id=doc_id, text=text, page=None, start=0)]
    # Capitals a display font extracted as brackets ("[LLICIT") are read as letters; lengths stay.
    repaired = repair_pages([s.text for s in sections])
    sections = [replace(s, text=text) for s, text in zip(sections, repaired, strict=True)]
    full_text = "\n\n".join(s.text for s in sections)
    if len(full_text) > max_chars:  # hours of embedding on a small machine: refuse, and say how to allow it
        raise LoadError(
            f"too much text to index ({len(full_text):,} characters, limit {max_chars:,}: "
            "raise it with CBSI_MAX_TEXT_CHARS)"
        )
    if not full_text.strip():
        raise LoadError("no text found" + (" (scanned PDF without a text layer?)" if suffix == ".pdf" else ""))
    meta = metadata or {}
    info = DocumentInfo(
        doc_id=doc_id,
        title=meta.get("title") or found_title or _first_line(full_text) or doc_id,
        publisher=meta.get("publisher"),
        # The date as printed, running headers and all (a report may print its date only there).
        published=meta["published"] if "published" in meta else find_date(full_text) or find_date(printed),
        url=meta.get("url"),
        note=meta.get("note"),
        file=path.name,
        sha256=file_sha256(path),
        pages=len(sections) if suffix == ".pdf" else None,
    )
    return LoadedDocument(info=info, sections=sections)


def _one_line(e: object) -> str:
    """An exception's text on one line (LoadError messages are shown as one line)."""
    return " ".join(str(e).split())


def _layout_text(page: Any) -> str:
    """A PDF page's text with its columns kept apart by spaces; empty where pypdf cannot lay it out
    (the plain text is then read as it is)."""
    try:
        return _normalize_newlines(page.extract_text(extraction_mode="layout") or "")
    except Exception:  # pypdf's layout mode raises many kinds on unusual fonts
        return ""


def _normalize_newlines(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends as "\n", so paragraph breaks and wrapped lines
    are recognised by the chunker."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise LoadError(f"cannot read file ({_one_line(e.strerror or e)})") from e
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark (Windows Notepad)
        try:
            return _normalize_newlines(raw.decode("utf-16"))
        except UnicodeDecodeError as e:
            raise LoadError("binary content, not text") from e
    if b"\x00" in raw[:8192]:
        raise LoadError("binary content, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Latin-1 family; never fails
    return _normalize_newlines(text)


_PAGE_NUMBER = re.compile(r"\bpage\s+#+(?:\s+of\s+#+)?(?![\w#])|^[-–\s]*#+[-–\s]*$", re.IGNORECASE)


def _running_key(line: str) -> str:
    """A line with its numbers as "#"; a number set apart at its end ("Assessment      2") as "page #"."""
    line = re.sub(r"(\S)[ \t]{2,}\d{1,3}[ \t]*$", r"\1 page #", line)
    return re.sub(r"\d+", "#", " ".join(line.split()))


_EDGE_LINES = 3  # a running header or footer is among a page's first or last lines of text


def drop_running_lines(pages: list[str]) -> list[str]:
    r"""Pages without the running headers and footers a PDF prints on each page, which text extraction
    puts inside sentences and lists: a short line on two or more pages and at least half of them
    ("UNCLASSIFIED"), or a line with a page number ("Annual Report 2022 | Page 2 of 3"). One text (a
    file of PDF text) loses the lines with a page number that recur in it, and short lines in capitals
    that recur thrice. (A date printed only there still dates the document: `load_document` reads the
    date from the text as printed.)

    >>> drop_running_lines(["Report | Page 1 of 2\nThe boats\nSECRET", "SECRET\narrived.\nReport | Page 2 of 2"])
    ['The boats', 'arrived.']
    >>> drop_running_lines(["Partners met.\nREVIEW 2019   Page 1 of 4\nThey agreed.\nREVIEW 2019   Page 2 of 4"])
    ['Partners met.\nThey agreed.']
    >>> pages = ["A\nB\nC\n(USD millions)\nE\nF\nG\nH", "A\nB\nC\n(USD millions)\nI\nJ\nK\nL"]
    >>> [p.count("(USD millions)") for p in drop_running_lines(pages)]  # mid-page on both: a table's unit
    [1, 1]
    """
    lines = [[(" ".join(x.split()), _running_key(x)) for x in page.split("\n")] for page in pages]
    seen: dict[str, set[int]] = {}  # a line's text (white space collapsed) -> the pages it is on
    texts: Counter[str] = Counter()  # how often each line's text occurs
    numbered: Counter[str] = Counter()  # lines with a page number, as their form with numbers as "#"
    for i, page in enumerate(lines):
        filled = [n for n, (text, _) in enumerate(page) if text]
        edges = set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])  # where a page prints its running lines
        for n, (text, key) in enumerate(page):
            if text and len(text) <= 150:
                if n in edges:  # a table's "(USD millions)" on most pages is no running line
                    seen.setdefault(text, set()).add(i)
                texts[text] += 1
                if _PAGE_NUMBER.search(key):
                    numbered[key] += 1
    running = {key for key, n in numbered.items() if len(pages) >= 2 or n >= 2}
    for text, n in texts.items():
        on = seen.get(text, set())
        if (len(pages) >= 2 and len(on) >= max(2, len(pages) / 2)) or (
            n >= 3 and len(text) <= 40 and not re.search(r"[a-z]", text)  # "UNCLASSIFIED"
        ):
            running.add(text)
    if not running:
        return pages
    drop = [{n for n, (text, key) in enumerate(page) if {text, key} & running} for page in lines]
    if len(pages) == 1:
        # One text: the letterhead a page repeats under its footer ("U.S. Department of Justice") goes too,
        # there only (the first page's stays: it says who speaks).
        footers = [n for n, (_, key) in enumerate(lines[0]) if key in running and _PAGE_NUMBER.search(key)]
        near = [n for n, (text, _) in enumerate(lines[0]) if text and any(0 < abs(n - m) <= 5 for m in footers)]
        drop[0] |= {n for n in near if texts[lines[0][n][0]] >= 2 and len(lines[0][n][0]) <= 80}
    return [_join_over(page.split("\n"), gone) for page, gone in zip(pages, drop, strict=True)]


_GOES_ON = re.compile(r"(?:\b[a-z][\w'-]*|[,;-])$")  # a line a sentence goes on from: "the Trinidad and"


def _join_over(lines: list[str], gone: set[int]) -> str:
    r"""The lines but those in `gone`; a sentence they cut ("the Trinidad and" / footer / "Tobago Police")
    is joined again, without the blank lines around them.

    >>> _join_over(["the Trinidad and", "", "Page 1 of 3", "", "Tobago Police."], {2})
    'the Trinidad and\nTobago Police.'
    >>> _join_over(["It ended.", "", "Page 1 of 3", "", "Then"], {2})
    'It ended.\n\n\nThen'
    """
    kept: list[str] = []
    cut = False
    for n, line in enumerate(lines):
        if n in gone:
            cut = True
            continue
        if cut and line.strip():
            filled = [x for x in kept if x.strip()]
            if filled and _GOES_ON.search(filled[-1].rstrip()):
                while kept and not kept[-1].strip():
                    kept.pop()
            cut = False
        if cut and not line.strip() and kept and _GOES_ON.search(kept[-1].rstrip()):
            continue  # a blank line between the cut sentence and the dropped lines
        kept.append(line)
    return "\n".join(kept)


def _load_pdf(path: Path, doc_id: str) -> tuple[list[Section], str | None, str]:
    """A PDF's pages as sections, its title from its metadata, and its text as printed."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("encrypted PDF (needs a password)")
        texts = [_normalize_newlines(page.extract_text() or "") for page in reader.pages]
        labels = list(reader.page_labels)
        title = (reader.metadata.title if reader.metadata else None) or None
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise LoadError(f"not a readable PDF ({type(e).__name__}: {_one_line(e)[:80]})") from e
    except Exception as e:  # pypdf raises many kinds on damaged files
        raise LoadError(f"not a readable PDF ({type(e).__name__})") from e
    printed = "\n\n".join(texts)
    texts = drop_running_lines(texts)
    last: Table | None = None  # a table of year columns may go on over the page break under its header
    for n, page_text in enumerate(texts):
        texts[n], last = text_tables(page_text, last)
    # A table of other columns than years runs its header together in plain text; the layout text
    # keeps its columns apart (read only for pages with lines that end in figures).
    carried: Table | None = None  # a table may go on over the page break
    for n, pdf_page in enumerate(reader.pages):
        if may_hold_table(texts[n]):
            texts[n], carried = layout_tables(texts[n], _layout_text(pdf_page), carried)
        else:
            carried = None
    sections: list[Section] = []
    offset = 0
    for i, text in enumerate(texts):
        # Page numbers as printed where the PDF labels its pages with numbers, else 1-based.
        label = labels[i] if i < len(labels) else str(i + 1)
        page = int(label) if label.isdigit() else i + 1
        sections.append(Section(doc_id=doc_id, text=text, page=page, start=offset))
        offset += len(text) + 2
    return sections, title.strip() if isinstance(title, str) and title.strip() else None, printed


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one line per block element; script and style dropped."""

    BLOCKS = frozenset(
        {
            "p",
            "div",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "section",
            "article",
            "header",
            "footer",
            "ul",
            "ol",
            "table",
            "blockquote",
            "title",
            "main",
            "nav",
            "aside",
            "dl",
            "dt",
            "dd",
            "figure",
            "figcaption",
            "pre",
            "hr",
            "address",
            "caption",
            "form",
            "fieldset",
            "details",
            "summary",
        }
    )
    CELLS = frozenset({"td", "th"})  # table cells: kept on one line, but never run together

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: str | None = None
        self.h1: str | None = None
        self._in: str | None = None
        # The table being read (tables inside it are read as its cells' text), and where its text goes.
        self.table: Table | None = None
        self.depth = 0
        self.cell: list[str] | None = None
        self.in_head = False
        self.all_th = True
        self.heading: list[str] = []  # the text of the last heading (h1-h6) read
        self.in_heading = False

    def _table_tag(self, tag: str, attrs: list[tuple[str, str | None]], start: bool) -> bool:
        """Track the outermost table's rows and cells; True if the tag was a table's own."""
        if tag == "table":
            self.depth += 1 if start else -1
            if start and self.depth == 1:
                self.table, self.cell = Table(heading=" ".join("".join(self.heading).split())), None
            elif not start and self.depth == 0 and self.table is not None:
                self.parts.append("\n\n" + "\n\n".join(table_lines(self.table)) + "\n\n")
                self.table = None
            return True
        if self.table is None or self.depth > 1:
            return False
        if tag == "thead":
            self.in_head = start
        elif tag == "tr" and start:
            if self.table.rows and self.all_th and self.table.header_rows == len(self.table.rows) - 1:
                self.table.header_rows += 1  # the row before was all headers: a header row
            self.table.rows.append([])
            self.all_th = not self.in_head
            if self.in_head:
                self.table.header_rows = len(self.table.rows)
        elif tag in self.CELLS and start:
            if not self.table.rows:
                self.table.rows.append([])
            self.cell = []
            span = dict(attrs).get("colspan") or "1"
            self.table.rows[-1].extend([""] * (min(int(span), 20) - 1 if span.isdigit() else 0))
            self.all_th = self.all_th and tag == "th"
        elif tag in self.CELLS and self.cell is not None:
            text = " ".join("".join(self.cell).split())
            row = self.table.rows[-1]
            row.append(text)
            for k in range(len(row) - 2, -1, -1):  # a cell spanning columns fills each of them
                if row[k]:
                    break
                row[k] = text
            self.cell = None
        elif tag == "caption":
            self._in = "caption" if start else None
        else:
            return False
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript", "template", "nav"):
            self.skip += 1
        if self.skip:
            return
        if self._table_tag(tag, attrs, start=True):
            return
        if tag in _HEADINGS and self.table is None:
            self.heading, self.in_heading = [], True
        if self.table is not None:  # inside a cell: blocks and line breaks are spaces
            if self.cell is not None and (tag in self.BLOCKS or tag in self.CELLS or tag == "br"):
                self.cell.append(" ")
            return
        if tag in self.BLOCKS:
            self.parts.append("\n\n" if tag != "li" else "\n- ")
            if tag in _HEADINGS:  # marked as Markdown marks it: "## FY23 by the numbers: ..."
                self.parts.append("#" * int(tag[1]) + " ")
        elif tag == "br":
            self.parts.append("\n")  # a line break inside a paragraph; two of them end it
        elif tag in self.CELLS:
            self.parts.append(" ")
        if tag in ("title", "h1"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template", "nav") and self.skip:
            self.skip -= 1
        if self.skip:
            return
        if self._table_tag(tag, [], start=False):
            return
        if tag in _HEADINGS:
            self.in_heading = False
        if self.table is not None:
            if self.cell is not None and (tag in self.BLOCKS or tag in self.CELLS):
                self.cell.append(" ")
            return
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag in self.CELLS:
            self.parts.append(" ")
        self._in = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.table is not None:
            if self._in == "caption":
                self.table.caption += data
            elif self.cell is not None:
                self.cell.append(data)
            return  # text between cells is layout white space
        if self._in == "title" and not self.title and data.strip():
            self.title = data.strip()
            return  # the <title> is metadata, not body text
        if self.in_heading:
            self.heading.append(data)
        if self._in == "h1" and not self.h1 and data.strip():
            self.h1 = data.strip()
        self.parts.append(data)


def _html_to_text(html: str) -> tuple[str, str | None]:
    p = _TextExtractor()
    p.feed(html)
    p.close()
    text = "".join(p.parts)
    text = re.sub(r"[ \t\r\f\v\xa0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, p.title or p.h1


def _first_heading(text: str) -> str | None:
    text = re.sub(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1", "", text, flags=re.MULTILINE | re.DOTALL)  # code
    m = re.search(r"^#{1,3}[ \t]+(.+?)[ \t]*#*[ \t]*$", text, re.MULTILINE)
    return m.group(1).strip() if m else None


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if len(line) >= 3:
            return line[:150]
    return None


_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_RE = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_PATTERNS = [
    re.compile(_MONTH_RE + r"\s+(\d{1,2}),?\s+((?:19|20)\d{2})\b"),  # November 30, 2017
    re.compile(r"\b(\d{1,2})\s+" + _MONTH_RE + r",?\s+((?:19|20)\d{2})\b"),  # 30 November 2017
    re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)"),  # 2017-11-30, 2017-11-30T09:00
]


_ISSUED_MONTH = re.compile(
    r"\b(?i:published|issued|released|dated|updated|posted)[*_]*(?::|\s+(?:in|on))?[*_]*\s+"
    + _MONTH_RE
    + r",?\s+((?:19|20)\d{2})\b"
)


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(v for k, v in _MONTHS.items() if k.startswith(name[:3]))


# Words that make the date after them a deadline: "runs to", "by", "no later than", "until", "due".
_DEADLINE_BEFORE = re.compile(
    r"\b(?:to|by|until|till|through|before|than|due|deadline|ends?|expires?)\s+(?:(?:the\s+)?end\s+of\s+)?$",
    re.IGNORECASE,
)


def find_date(text: str, within: int = 2000) -> str | None:
    """The first full date written near the top of a document, as ISO `YYYY-MM-DD`; else the month it
    says it was issued in, as `YYYY-MM`; else None.

    >>> find_date("Press release. Published Nov. 30, 2017. We, the Governments...")
    '2017-11-30'
    >>> find_date("An assessment. Published September 2022. In 2021, 71 percent ...")  # to the month
    '2022-09'
    >>> find_date("# Fact sheet\\n\\n**Published:** June 2023\\n\\nThe programme ...")  # Markdown emphasis
    '2023-06'
    >>> find_date("BRIEFING. The current award runs to 30 June 2027, and a report is due by 1 May 2026.") is None
    True
    """
    head = text[:within]
    found: list[tuple[int, date]] = []
    for i, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(head):
            try:
                if i == 0:
                    d = date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
                elif i == 1:
                    d = date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
                else:
                    d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if _DEADLINE_BEFORE.search(head, max(0, m.start() - 24), m.start()):
                continue  # a deadline it sets ("runs to 30 June 2027", "by 31 March 2026"), not its own date
            found.append((m.start(), d))
    if found:
        return min(found)[1].isoformat()
    # No full date: a month and year the document says it was issued in ("Published September 2022").
    issued = _ISSUED_MONTH.search(head)
    return f"{issued.group(2)}-{_month(issued.group(1)):02d}" if issued else None
