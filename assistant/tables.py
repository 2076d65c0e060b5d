"""Tables (HTML, Markdown, and PDF text with year columns) as one line per cell: "Row label, column: value."

A table flattened row by row ("Maritime security 18.2 21.0 24.5") loses which figure belongs to
which year and what unit it is in, and an extractive answerer then quotes the wrong cell. Each data
cell is written as its own line instead, with its row's label, its column's header and the unit the
header or caption gives ("US$ million", "%", "kg"): "Maritime security, FY2022: US$21.0 million."
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

_MAX_CELL = 80  # longer cells mean a layout table (or prose in cells): read as paragraphs instead
_MAX_ABOUT = 100  # a longer caption is not repeated on each of its table's lines
_NUMERIC = re.compile(r"[-–—+]?\s*[$€£]?\s*\d[\d,]*(?:\.\d+)?\s*%?")
# A unit in parentheses or after "in": "(US$ million)", "(in millions of U.S. dollars)", "(%)", "(kg)".
_UNIT_IN_TEXT = re.compile(r"\(\s*(?:in\s+)?([^()]{1,40})\)|,\s*in\s+([^,()]{1,40})$", re.IGNORECASE)
_MONEY_UNIT = re.compile(
    r"^(?:(?:current|constant|nominal)\s+)?(?:(US\$|\$|USD|U\.S\.\s*dollars?|dollars?|€|EUR|euros?|£|GBP|XCD|EC\$)\s*(?:in\s+)?)?"
    r"(thousands?|millions?|billions?)?(?:\s+of)?(?:\s+(?:current|constant|nominal))?"
    r"(?:\s+(US\$|USD|U\.S\.\s*dollars|dollars|euros|EUR))?$",
    re.IGNORECASE,
)
# A note's mark: "(b)", "(ii)", "(1)", "(*)".
_MARK = r"[a-z]|[ivx]{1,4}|\d{1,2}|\*{1,3}"
# A column of a year: "2022", "FY2023", "FY 2023", "fiscal year 2023", "CY2021", "2022-23".
_YEAR_COL = r"(?:FY\s?|CY\s?|fiscal\s+year\s+)?(?:19|20)\d{2}(?:[-–/]\d{2,4})?"
_YEAR_COLUMN = re.compile(_YEAR_COL, re.IGNORECASE)
_TOTAL = re.compile(r"(?:grand\s+)?total|cumulative|all\s+years|overall", re.IGNORECASE)
_EMPTY_CELL = re.compile(r"n/?a|[-–—]{1,2}|\*", re.IGNORECASE)  # a cell with no value: "n/a", "-"
_SIGNS = {"us$": "US$", "$": "$", "usd": "US$", "€": "€", "eur": "€", "euro": "€", "euros": "€", "£": "£", "gbp": "£"}


@dataclass
class Table:
    """Cell texts by row; `header_rows` leading rows are headers (from <thead>/<th> or Markdown)."""

    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0
    caption: str = ""
    heading: str = ""  # the heading above the table, where it has no caption


def _is_number(cell: str) -> bool:
    return bool(_NUMERIC.fullmatch(cell.strip()))


def _unit(text: str) -> tuple[str, str] | None:
    """The unit a header or caption names, split as (prefix, suffix) to write around a number.

    >>> _unit("FY2023 (US$ million)"), _unit("Share (%)"), _unit("Cocaine seized (kg)")
    (('US$', ' million'), ('', '%'), ('', ' kg'))
    >>> _unit("Funding, in millions of U.S. dollars"), _unit("Sector") is None
    (('US$', ' million'), True)
    >>> _unit("Table 1: Allocations by Account (dollars in millions)")
    ('US$', ' million')
    >>> _unit("Graduates by course (number of officers)"), _unit("Courts using eCMS (number)")
    (('', ' officers'), ('', ''))
    >>> _unit("(millions of current U.S. dollars)"), _unit("Eastern Caribbean (regional)")
    (('US$', ' million'), None)
    >>> _unit("Estimated CBSI Allocations by Country, FY2022-FY2024 (current $ millions)")
    ('$', ' million')
    >>> _unit("Regional programs (b)"), _unit("Eastern Caribbean (ii)")
    (None, None)
    """
    m = _UNIT_IN_TEXT.search(text)
    if not m:
        return None
    unit = " ".join((m.group(1) or m.group(2)).split()).rstrip(".")
    if unit in ("%", "percent", "per cent"):
        return ("", "%")
    if re.fullmatch(_MARK, unit, re.IGNORECASE):
        return None  # a note's mark: "Regional programs (b)"
    money = _MONEY_UNIT.fullmatch(unit)
    if money and (money.group(1) or money.group(3)):
        sign = (money.group(1) or money.group(3) or "").lower().replace(" ", "")
        prefix = _SIGNS.get(sign, "US$" if "dollar" in sign else sign.upper())
        scale = (money.group(2) or "").lower()
        return (prefix, " " + scale.rstrip("s") if scale else "")
    if unit.lower() in ("number", "no.", "count", "#"):  # "Courts using eCMS (number)": a bare count
        return ("", "")
    unit = re.sub(r"^(?:number|no\.)\s+of\s+", "", unit, flags=re.IGNORECASE)  # "(number of officers)"
    # a unit is written in lower case ("kg", "officers"); "(USAID)" after a row's label names who, not what unit
    # ... and "(regional)", "(estimated)" say what kind of row, not what unit
    if re.fullmatch(r"[a-z][\w.\- ]{0,20}", unit) and not re.search(r"\d|(?:al|ic|ive|ed|ary)$", unit):
        return ("", " " + unit)
    return None


_NOTE_MARK = re.compile(rf"\s*\((?:{_MARK})\)(?=\s|$)", re.IGNORECASE)  # "(b)", "(ii)" after a row label


def _without_unit(text: str) -> str:
    return " ".join(_UNIT_IN_TEXT.sub("", text).split()).rstrip(" ,:")


def _with_unit(value: str, unit: tuple[str, str] | None) -> str:
    """A bare number written with its column's unit; a cell that already has a sign or unit is kept."""
    v = value.strip()
    if unit is None or not _is_number(v) or re.search(r"[$€£%]", v):
        return v
    prefix, suffix = unit
    negative = v[0] in "-–—"
    number = v.lstrip("-–— ")
    return ("-" if negative else "") + prefix + number + suffix


def _header_row(table: Table) -> int:
    """How many leading rows are headers: as marked, else the first if it has no number and later rows do."""
    if table.header_rows:
        return table.header_rows
    first_has_none = not any(_is_number(c) for c in table.rows[0] if c) if table.rows else False
    later_have = any(_is_number(c) for row in table.rows[1:] for c in row)
    return 1 if len(table.rows) >= 2 and first_has_none and later_have else 0


def table_lines(table: Table) -> list[str]:
    """The table as lines to read: its caption, then one line per data cell.

    >>> t = Table(rows=[["Sector", "FY2022", "FY2023"], ["Maritime", "21.0", "24.5"]], caption="Aid (US$ million)")
    >>> table_lines(t)
    ['Aid (US$ million)', 'Maritime, FY2022: US$21.0 million (Aid).', 'Maritime, FY2023: US$24.5 million (Aid).']
    >>> table_lines(Table(rows=[["Indicator", "2022"], ["Job placements", "522"]], header_rows=1, heading="Results"))
    ['Job placements, 2022: 522 (Results).']
    >>> table_lines(Table(rows=[["", "FY2022", "FY2023 (US$ million)"], ["Total", "34.5", "40.0"]]))[0]
    'Total, FY2022: US$34.5 million.'

    A table with long cells or no header is read row by row, a line each: a label and its value
    ("Funding: $400 million"), or its cells apart ("Jamaica; Barbados; Guyana").
    """
    rows = [[" ".join(c.split()) for c in row] for row in table.rows if any(c.strip() for c in row)]
    lines = [table.caption] if table.caption.strip() else []
    if not rows:
        return lines
    heads = _header_row(Table(rows=rows, header_rows=table.header_rows))
    if not heads or any(len(c) > _MAX_CELL for row in rows for c in row):
        return lines + [_row_line(row) for row in rows]
    width = max(len(r) for r in rows)
    columns = [
        " ".join(dict.fromkeys(rows[h][j] for h in range(heads) if j < len(rows[h]) and rows[h][j]))
        for j in range(width)
    ]
    # a column's name without what it says in parentheses ("FY2023 (US$ million)"), unless that tells it
    # from another column ("Trust score (2024)" beside "Trust score (baseline 2022)")
    names = [_without_unit(c) for c in columns]
    names = [
        " ".join(_NOTE_MARK.sub("", c).split()) if names.count(n) > 1 and not _unit(c) else n
        for c, n in zip(columns, names, strict=True)
    ]
    captioned = [_column_unit(table.caption, n) for n in names]  # "(Obligated value in USD thousands)"
    own = [_unit(c) or u or _percent_column(n) for c, n, u in zip(columns, names, captioned, strict=True)]
    table_unit = (None if any(captioned) else _unit(table.caption)) or own[0]
    # Columns of years share a unit one of them names ("FY2022 | FY2023 (US$ million)").
    years = [bool(_YEAR_COLUMN.fullmatch(n)) for n in names]
    if sum(years) >= 2:
        # A total beside year columns is of their span: "Total, 2021-2023" (not of the document's year).
        span = f"{names[years.index(True)]}-{names[len(years) - 1 - years[::-1].index(True)]}"
        names = [f"{n}, {span}" if _TOTAL.fullmatch(n) else n for n in names]
    year_unit = next((u for u, year in zip(own, years, strict=True) if year and u), None)
    shared = [(year_unit if year else None) or table_unit for year in years]
    # Each line says which table it is of ("... (CBSI assistance to Jamaica by sector)."): a line alone
    # must still speak of what the table is about.
    about = re.sub(r"^Table\s+\w{1,4}[.:]?\s+", "", _without_unit(table.caption or table.heading))
    if len(about) > _MAX_ABOUT:  # a long note in parentheses: "(entries are counts; support in USD thousands)"
        about = re.sub(r"\s*\([^()]*\)?$", "", about)  # (its end may have wrapped onto the header's line)
    about = f" ({about})" if 0 < len(about) <= _MAX_ABOUT else ""
    for row in rows[heads:]:
        row_unit = _unit(row[0])  # "Share employed (%)"; "ESF (USAID)" keeps its parentheses
        label = _without_unit(row[0]) if row_unit else " ".join(_NOTE_MARK.sub("", row[0]).split())
        for j in range(1, len(row)):  # every row is at most `width` cells long
            if not row[j] or _EMPTY_CELL.fullmatch(row[j]):
                continue
            name = ", ".join(x for x in (label, names[j]) if x)
            text = _with_unit(row[j], own[j] or row_unit or shared[j])
            lines.append(f"{name}: {text.rstrip('.')}{about}.")
        if len(row) == 1 and label:
            lines.append(label)
    return lines


_COLUMN_UNIT = re.compile(r"\(([^()]{1,40}?)\s+in\s+([^()]{1,30})\)")
_PERCENT_COLUMN = re.compile(r"(?:percent|per\s?cent|%)\b", re.IGNORECASE)


def _column_unit(caption: str, name: str) -> tuple[str, str] | None:
    """The unit a caption gives one column by its name: "(Obligated value in USD thousands)".

    >>> _column_unit("Awards (Obligated value in USD thousands)", "Obligated value")
    ('US$', ' thousand')
    >>> _column_unit("Awards (Obligated value in USD thousands)", "Awards reviewed") is None
    True
    >>> _column_unit("Activity, 2024 (entries are counts; support in USD thousands)", "Support")
    ('US$', ' thousand')
    """
    for part in re.findall(r"\(([^()]*)\)", caption):
        for clause in re.split(r"[;,]\s*", part):
            m = _COLUMN_UNIT.fullmatch(f"({clause.strip()})")
            if m and name and " ".join(m.group(1).split()).lower() == name.lower():
                return _unit(f"({m.group(2)})")
    return None


def _percent_column(name: str) -> tuple[str, str] | None:
    """A column named as a percentage ("Percent operational") is in percent."""
    return ("", "%") if _PERCENT_COLUMN.match(name) else None


def _row_line(row: list[str]) -> str:
    cells = [c for c in row if c]
    if len(cells) == 2 and len(cells[0]) <= 60 and not cells[0].endswith((":", ".")):
        return f"{cells[0]}: {cells[1]}"
    return "; ".join(cells)


def markdown_tables(text: str) -> str:
    """Markdown text with each pipe table replaced by its lines (`table_lines`), paragraphs apart.

    >>> print(markdown_tables("Results:\\n\\n| Indicator | 2022 |\\n|---|---|\\n| Jobs | 522 |\\n\\nEnd."))
    Results:
    <BLANKLINE>
    Jobs, 2022: 522.
    <BLANKLINE>
    End.
    """
    if "|" not in text:
        return text
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    lines = text.split("\n")
    spans: list[tuple[int, int, Table]] = []
    table: Table | None = None
    in_head = False
    heading = ""
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and i + 1 < len(tokens):
            heading = tokens[i + 1].content.replace("**", "").strip()
        elif tok.type == "table_open" and tok.map:
            table, start_end = Table(heading=heading), tok.map
        elif table is None:
            continue
        elif tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            table.rows.append([])
            table.header_rows += in_head
        elif tok.type == "inline":
            table.rows[-1].append(tok.content.replace("**", "").replace("\\|", "|").strip())
        elif tok.type == "table_close":
            spans.append((start_end[0], start_end[1], table))
            table = None
    for start, end, t in reversed(spans):
        lines[start:end] = "\n\n".join(table_lines(t)).split("\n")
    return "\n".join(lines)


# A table in extracted PDF text: a header line of year columns ("Account FY2018 FY2019 FY2020",
# perhaps with its unit) and rows of a label and one value per column ("INCLE 35.0 36.5 38.0").
_TEXT_HEADER = re.compile(
    r"^[ \t]*(?P<label>[A-Za-z][^\n\d]{0,40}?)?[ \t]*(?P<cols>" + _YEAR_COL + r"(?:[ \t]+" + _YEAR_COL + r")+)"
    r"[ \t]*(?P<unit>\([^()\n]{1,40}\))?[ \t]*$",
    re.MULTILINE,
)
_TEXT_VALUE = r"(?:[-–—]|n/a|\(?[-+]?[$€£]?\d[\d,]*(?:\.\d+)?%?\)?)"


_NEW_TABLE = re.compile(r"(?:Table|Exhibit|Figure|Annex)\s+[\w.-]{1,6}\b")  # a caption that opens a table of its own
_LABEL_LINES = 3  # a row's label may wrap over up to two lines above the line with its figures
_LABEL_PART = re.compile(r"[A-Za-z(][^.!?:;]{0,60}")  # a wrapped part of a label: short, no sentence's end


def text_tables(text: str, carried: Table | None = None) -> tuple[str, Table | None]:
    r"""Extracted PDF text with each table of year columns read a line per cell (`table_lines`), and its
    last table (header row and caption). A table under no caption whose header repeats the table
    before it (`carried` from the page before, else one earlier in the text) goes on with that table
    and takes its caption and unit.

    >>> t = "Table 1. Funding (US$ million)\nAccount FY2019 FY2020\nINCLE 35.0 36.5\nESF 12.0 14.5\nIt rose."
    >>> print(text_tables(t)[0])
    Table 1. Funding (US$ million)
    <BLANKLINE>
    INCLE, FY2019: US$35.0 million (Funding).
    <BLANKLINE>
    INCLE, FY2020: US$36.5 million (Funding).
    <BLANKLINE>
    ESF, FY2019: US$12.0 million (Funding).
    <BLANKLINE>
    ESF, FY2020: US$14.5 million (Funding).
    <BLANKLINE>
    It rose.
    >>> print(text_tables("Table 2. By account\n(USD millions)\nAccount FY2022 FY2023\nESF 24.0 31.4\nFMF 8.2 10.0")[0])
    Table 2. By account
    (USD millions)
    <BLANKLINE>
    ESF, FY2022: US$24.0 million (By account).
    <BLANKLINE>
    ESF, FY2023: US$31.4 million (By account).
    <BLANKLINE>
    FMF, FY2022: US$8.2 million (By account).
    <BLANKLINE>
    FMF, FY2023: US$10.0 million (By account).
    <BLANKLINE>
    >>> accounts = "Account FY 2021 FY 2022 (dollars in millions)\nINCLE (State/INL) 35.0 36.5\nESF 24.0 25.0"
    >>> print(text_tables(accounts)[0])
    <BLANKLINE>
    INCLE (State/INL), FY 2021: US$35.0 million.
    <BLANKLINE>
    INCLE (State/INL), FY 2022: US$36.5 million.
    <BLANKLINE>
    ESF, FY 2021: US$24.0 million.
    <BLANKLINE>
    ESF, FY 2022: US$25.0 million.
    <BLANKLINE>
    >>> wrapped = "Line FY2023 FY2024 (USD millions)\nRegional Cyber Incident\nResponse (CRCIRP)\n3.20 5.85\nESF 1 2"
    >>> print(text_tables(wrapped)[0])
    <BLANKLINE>
    Regional Cyber Incident Response (CRCIRP), FY2023: US$3.20 million.
    <BLANKLINE>
    Regional Cyber Incident Response (CRCIRP), FY2024: US$5.85 million.
    <BLANKLINE>
    ESF, FY2023: US$1 million.
    <BLANKLINE>
    ESF, FY2024: US$2 million.
    <BLANKLINE>
    >>> _, last = text_tables(t)
    >>> print(text_tables("Account FY2019 FY2020\nFMF 1.0 2.0\nIMET 0.5 0.6", last)[0])
    <BLANKLINE>
    FMF, FY2019: US$1.0 million (Funding).
    <BLANKLINE>
    FMF, FY2020: US$2.0 million (Funding).
    <BLANKLINE>
    IMET, FY2019: US$0.5 million (Funding).
    <BLANKLINE>
    IMET, FY2020: US$0.6 million (Funding).
    <BLANKLINE>
    """
    if not _TEXT_HEADER.search(text):
        return text, carried
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        head = _TEXT_HEADER.fullmatch(lines[i])
        if not head:
            out.append(lines[i])
            i += 1
            continue
        columns = [" ".join(c.split()) for c in _YEAR_COLUMN.findall(head.group("cols"))]  # "FY 2019" is one
        row_pattern = re.compile(
            r"[ \t]*(?P<label>[A-Za-z(][^\n]*?)" + r"".join(rf"[ \t]+({_TEXT_VALUE})" for _ in columns) + r"[ \t]*"
        )
        rows = []
        j = i + 1
        while j < len(lines):
            # A label may wrap over lines before its figures ("Regional Cyber Incident Response" over
            # "(CRCIRP) 3.20 5.85"), or stand on its own line above them ("(CRCIRP)" then "3.20 5.85").
            wrapped = next(
                (
                    (row, k)
                    for k in range(_LABEL_LINES)
                    if j + k < len(lines)
                    # ... whole parentheses only: "CBSI funding (USD" over "thousands)" is another table's header
                    and all(_LABEL_PART.fullmatch(x.strip()) and x.count("(") == x.count(")") for x in lines[j : j + k])
                    and (row := row_pattern.fullmatch(" ".join(x.strip() for x in lines[j : j + k + 1])))
                ),
                None,
            )
            if wrapped is None:
                break
            row, k = wrapped
            rows.append([row.group("label").strip(), *(row.group(n + 2) for n in range(len(columns)))])
            j += k + 1
            if _TOTAL.fullmatch(rows[-1][0]):
                break  # the Total row ends the table: what follows is not its rows
        if len(rows) < 2:
            out.append(lines[i])
            i += 1
            continue
        above = [x.strip() for x in out[-2:]]
        if len(above) == 2 and re.fullmatch(r"\([^()]{1,40}\)", above[1]) and 0 < len(above[0]) <= 120:
            caption = " ".join(above)  # "Table 2. Funding by Account" over "(USD millions)"
        else:
            caption = above[-1] if above and 0 < len(above[-1]) <= 120 and not re.search(r"[.!?]$", above[-1]) else ""
        unit = head.group("unit") or ""
        header = [(head.group("label") or "").strip() + (f" {unit}" if unit else ""), *columns]
        if carried and carried.rows[0] == header and not _NEW_TABLE.match(caption):
            table = Table(rows=[header, *rows], header_rows=1, caption=carried.caption)  # the table goes on
        else:
            table = Table(rows=[header, *rows], header_rows=1, caption=caption)
        out.extend(["", *"\n\n".join(table_lines(table)[1 if table.caption else 0 :]).split("\n"), ""])
        carried = Table(rows=[header], header_rows=1, caption=table.caption)
        i = j
    return "\n".join(out), carried


# A line of a table in a PDF's layout text: cells apart by runs of two or more spaces.
_CELL = re.compile(r"\S+(?: \S+)*")
# Plain text lines that may be a table's rows: a label, then one or more figures ("Jamaica 236,912 1,688,074").
_ROW_LIKE = re.compile(r"^[ \t]*[A-Za-z(].*?(?:[ \t]+" + _TEXT_VALUE + r")+[ \t]*$", re.MULTILINE)
_HEADER_LINES = 3  # a header may wrap over lines ("Percent" over "operational")


def may_hold_table(text: str) -> bool:
    r"""Whether a page's plain text has two lines in a row that end in figures, as a table's rows do
    (only then is its layout text worth reading).

    >>> may_hold_table("Jamaica 236,912 1,688,074\nGuyana 142,709 1,015,330"), may_hold_table("In 2023 it rose.")
    (True, False)
    """
    lines = text.split("\n")
    return any(_ROW_LIKE.fullmatch(a) and _ROW_LIKE.fullmatch(b) for a, b in itertools.pairwise(lines))


def _spans(line: str) -> list[tuple[int, int, str]]:
    """A layout line's cells with where each starts and ends."""
    return [(m.start(), m.end(), m.group()) for m in _CELL.finditer(line.expandtabs())]


def _is_value(cell: str) -> bool:
    return _is_number(cell.strip("()")) or bool(_EMPTY_CELL.fullmatch(cell.strip()))


def _row_cells(line: str, width: int | None = None) -> list[tuple[int, int, str]] | None:
    """A table row's cells: a label, then only values (`width` cells in all, when given)."""
    cells = _spans(line)
    if len(cells) < 2 or _is_value(cells[0][2]) or not all(_is_value(c[2]) for c in cells[1:]):
        return None
    return cells if width is None or len(cells) == width else None


def _goes_on_label(grid: list[str], n: int, first: list[tuple[int, int, str]], width: int) -> bool:
    """Whether layout line `n` is the wrapped end of the label of the row above: one short cell where
    the labels start, in parentheses or followed by another row ("(CRCIRP)" under "Regional Cyber
    Incident Response  3.20  5.85")."""
    cells = _spans(grid[n]) if n < len(grid) else []
    if len(cells) != 1 or abs(cells[0][0] - first[0][0]) > 2 or _is_value(cells[0][2]):
        return False
    text = cells[0][2]
    if len(text) > 40 or re.search(r"[.!?:;]$", text):
        return False
    after = n + 2 if n + 1 < len(grid) and not grid[n + 1].strip() else n + 1
    return bool(re.fullmatch(r"\([^()]+\)", text) or (after < len(grid) and _row_cells(grid[after], width)))


def _layout_table(
    grid: list[str], at: int, carried: list[str] | None = None
) -> tuple[list[list[str]], int, int, list[str]] | None:
    """The table whose first row is layout line `at`: its header (its lines' cells put over the
    columns they stand above) and rows, where its rows end, and the header's words; None unless two
    rows or more of a label and values follow and a header of two cells or more stands above them,
    or they open the page and the previous page's table had a header as wide (`carried`)."""
    first = _row_cells(grid[at])
    if first is None:
        return None
    rows = [first]
    j = at + 1
    while True:  # rows may stand a blank line apart
        n = j + 1 if j < len(grid) and not grid[j].strip() else j
        if n < len(grid) and _goes_on_label(grid, n, first, len(first)):
            # "Regional Cyber Incident Response  3.20 ..." over "(CRCIRP)": the label wraps under its row
            a, b, label = rows[-1][0]
            rows[-1] = [(a, b, f"{label} {grid[n].strip()}"), *rows[-1][1:]]
            j = n + 1
            continue
        if n >= len(grid) or not (row := _row_cells(grid[n], len(first))):
            break
        rows.append(row)
        j = n + 1
    heads: list[list[tuple[int, int, str]]] = []
    k = at - 2 if at >= 2 and not grid[at - 1].strip() else at - 1  # a blank line under the header
    while k >= 0 and len(heads) < _HEADER_LINES:
        if heads and k >= 1 and not grid[k].strip() and grid[k - 1].strip():
            k -= 1  # a header's lines may stand a blank line apart ("officers" under "Trained")
            continue
        cells = _spans(grid[k])
        # header lines hold words (and years: "(baseline 2022)") only; a caption is one cell at the margin
        # ("Table 2: Status of ...")
        if (
            not cells
            or any(_is_value(c[2]) and not _YEAR_COLUMN.fullmatch(c[2].strip("() ")) for c in cells)
            or (len(cells) == 1 and cells[0][0] == 0)
        ):
            break
        heads.insert(0, cells)
        k -= 1
    if len(rows) < 2:
        return None
    if not any(len(h) >= 2 for h in heads):
        opens_page = sum(1 for line in grid[:at] if line.strip()) <= 2  # below a running header at most
        if carried and len(carried) == len(first) and opens_page:
            return [carried, *[[c[2] for c in r] for r in rows]], at, j, []
        return None
    # The widest header line names the columns in order (the label's column may have no name); a
    # wrapped part of a name ("operational" under "Percent") joins the cell it stands nearest under.
    main = max(heads, key=len)
    if len(main) == len(first):
        spots = [(a + b) / 2 for a, b, _ in main]
    elif len(main) == len(first) - 1:
        spots = [-1.0, *((a + b) / 2 for a, b, _ in main)]
    else:  # else by where the columns' figures stand
        spots = [sum((r[c][0] + r[c][1]) / 2 for r in rows) / len(rows) for c in range(len(first))]
    names: list[list[str]] = [[] for _ in first]
    for line in heads:
        for start, end, text in line:
            column = 0 if start == 0 else min(range(len(spots)), key=lambda c: abs(spots[c] - (start + end) / 2))
            names[column].append(text)
    header = [" ".join(n) for n in names]
    words = [w for line in heads for cell in line for w in cell[2].split()]
    return [header, *[[c[2] for c in r] for r in rows]], at, j, words


def _plain_rows(flat: list[str], block: list[str]) -> tuple[int | None, int]:
    """Where the plain text holds a table's layout lines `block`, and in how many lines: line for line,
    else the same words over a few lines more or fewer (a wrapped label: "Regional Cyber Incident
    Response", "(CRCIRP)", "3.20 5.85" for "Regional Cyber Incident Response 3.20 5.85", "(CRCIRP)")."""
    at = next((k for k in range(len(flat)) if flat[k : k + len(block)] == block), None)
    if at is not None:
        return at, len(block)
    words = sorted(" ".join(block).split())
    head = block[0].split()[0]
    for k in range(len(flat)):
        if not flat[k].startswith(head):
            continue
        for size in range(max(1, len(block) - 2), len(block) + 3):
            if sorted(" ".join(flat[k : k + size]).split()) == words:
                return k, size
    return None, 0


def layout_tables(text: str, layout: str, carried: Table | None = None) -> tuple[str, Table | None]:
    r"""A PDF page's plain text with each table that its layout text (`extraction_mode="layout"`, which
    keeps columns apart by spaces) shows read a line per cell: tables of any columns ("Q3 FY2023",
    "Cumulative through June 30, 2023"), which the plain text runs together. A header may wrap over
    lines; the caption is the short lines above it ("Table 2: Expenditures by Country", "(USD)"). Rows
    that open a page go on the previous page's last table (`carried`) when as wide. A table whose rows
    the plain text does not hold line for line is left as it is. Also returns the page's last table
    (its header row and caption), to carry to the next page.

    >>> plain = "\n".join(["Table 2: Spending", "(USD)", "Country Q3 FY2023 Share", "of total",
    ...                    "Jamaica 236,912 12", "Total 846,000 n/a", "End."])
    >>> layout = "\n".join(["Table 2: Spending", "(USD)", "Country    Q3 FY2023    Share",
    ...                     "                        of total", "Jamaica      236,912      12",
    ...                     "Total        846,000     n/a", "End."])
    >>> text, last = layout_tables(plain, layout)
    >>> print(text)
    <BLANKLINE>
    Table 2: Spending (USD)
    <BLANKLINE>
    Jamaica, Q3 FY2023: US$236,912 (Spending).
    <BLANKLINE>
    Jamaica, Share of total: US$12 (Spending).
    <BLANKLINE>
    Total, Q3 FY2023: US$846,000 (Spending).
    <BLANKLINE>
    End.
    >>> print(layout_tables("Guyana 142,709 12\nBelize 3 1", "Guyana     142,709     12\nBelize     3     1", last)[0])
    <BLANKLINE>
    Guyana, Q3 FY2023: US$142,709 (Spending).
    <BLANKLINE>
    Guyana, Share of total: US$12 (Spending).
    <BLANKLINE>
    Belize, Q3 FY2023: US$3 (Spending).
    <BLANKLINE>
    Belize, Share of total: US$1 (Spending).
    <BLANKLINE>
    """
    grid = layout.split("\n")
    lines = text.split("\n")
    flat = [" ".join(x.split()) for x in lines]
    i = 0
    while i < len(grid):
        found = _layout_table(grid, i, carried.rows[0] if carried else None)
        if found is None:
            i += 1
            continue
        rows, start, end, words = found
        i = end
        block = [" ".join(x.split()) for x in grid[start:end] if x.strip()]
        at, size = _plain_rows(flat, block)
        if at is None:
            continue
        k = at  # the plain text's header lines: words of the header only, in whatever order
        while k > 0 and flat[k - 1] and set(flat[k - 1].split()) <= set(words):
            k -= 1
        header_at = k
        if k > 1 and not flat[k - 1] and _NEW_TABLE.match(flat[k - 2]):
            k -= 1  # "Table 3: Key indicators by pilot site", a blank line, then the header
        above: list[str] = []  # the caption: up to two short lines without end punctuation above
        while k > 0 and len(above) < 2 and 0 < len(flat[k - 1]) <= 120 and not re.search(r"[.!?:;]$", flat[k - 1]):
            above.insert(0, flat[k - 1])
            k -= 1
            if _NEW_TABLE.match(above[0]):
                break  # "Table 2. Participants ...": the caption's first line, not the section heading above it
        caption = " ".join(above)
        # rows the previous table goes on with (over a page break): under no header, or under its
        # header repeated with no caption that opens a table of its own ("Table 3. ...")
        continued = carried is not None and (
            not words or (rows[0] == carried.rows[0] and not _NEW_TABLE.match(caption))
        )
        if continued and carried:
            k, caption = header_at, carried.caption  # the lines above (a running header) stay
        table = Table(rows=rows, header_rows=1, caption=caption)
        carried = Table(rows=rows[:1], header_rows=1, caption=caption)
        lines_of = table_lines(table)
        if continued and caption:
            lines_of = lines_of[1:]  # the caption was read on the page before
        new = ["", *"\n\n".join(lines_of).split("\n"), ""]
        lines[k : at + size] = new
        flat[k : at + size] = [" ".join(x.split()) for x in new]
    return "\n".join(lines), carried
