"""Loading stage: files (PDF, text, Markdown, HTML) -> Sections + DocumentInfo."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from assistant.loading import (
    LoadError,
    discover,
    find_date,
    load_document,
    metadata_for,
    read_catalog,
)

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "documents"
CATALOG = json.loads((DOCUMENTS / "catalog.json").read_text(encoding="utf-8"))

PAGE_TEXTS = [
    "Alpha page: the Caribbean Basin Security Initiative began in 2010.",
    "Bravo page: maritime interdiction and port security programs.",
    "Charlie page: youth crime and violence prevention work.",
]


def make_pdf(path: Path, pages: list[str], title: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 10, text)
    pdf.output(str(path))
    return path


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def norm(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------- PDF


@pytest.fixture
def three_page_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "report.pdf", PAGE_TEXTS, title="Quarterly Security Report")


def test_pdf_one_section_per_page_with_its_own_text(three_page_pdf: Path) -> None:
    doc = load_document(three_page_pdf)
    assert [s.page for s in doc.sections] == [1, 2, 3]
    assert all(s.doc_id == "report" for s in doc.sections)
    for section, expected in zip(doc.sections, PAGE_TEXTS, strict=True):
        assert norm(section.text) == expected
    # no page carries another page's text
    for i, section in enumerate(doc.sections):
        for j, other in enumerate(PAGE_TEXTS):
            if i != j:
                assert other.split(":")[0] not in section.text


def test_pdf_metadata_title_and_page_count(three_page_pdf: Path) -> None:
    info = load_document(three_page_pdf).info
    assert info.title == "Quarterly Security Report"
    assert info.pages == 3
    assert info.doc_id == "report"
    assert info.file == "report.pdf"
    assert info.sha256 == hashlib.sha256(three_page_pdf.read_bytes()).hexdigest()
    assert info.published is None  # no full date in the text


def test_pdf_without_title_metadata_uses_first_line(tmp_path: Path) -> None:
    info = load_document(make_pdf(tmp_path / "untitled.pdf", PAGE_TEXTS)).info
    assert info.title == PAGE_TEXTS[0]


def test_pdf_section_starts_index_pages_joined_by_blank_line(three_page_pdf: Path) -> None:
    sections = load_document(three_page_pdf).sections
    full = "\n\n".join(s.text for s in sections)
    expected_start = 0
    for s in sections:
        assert s.start == expected_start
        assert full[s.start : s.start + len(s.text)] == s.text
        expected_start += len(s.text) + 2
    assert sections[0].start == 0
    assert sections[1].start > len(sections[0].text)


def test_pdf_given_metadata_overrides_pdf_title_and_text_date(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "dated.pdf", ["Published December 16, 2016. Body text."], title="PDF Title")
    assert load_document(path).info.published == "2016-12-16"
    info = load_document(path, {"title": "Given Title", "published": "2017-01-02", "publisher": "State"}).info
    assert (info.title, info.published, info.publisher) == ("Given Title", "2017-01-02", "State")


def test_pdf_page_labels_give_printed_page_numbers(three_page_pdf: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    if not hasattr(PdfWriter, "set_page_label"):
        pytest.skip("pypdf PdfWriter.set_page_label not available")
    writer = PdfWriter(clone_from=str(three_page_pdf))
    writer.set_page_label(0, 2, style="/D", start=5)
    out = tmp_path / "labelled.pdf"
    writer.write(str(out))
    assert list(PdfReader(str(out)).page_labels) == ["5", "6", "7"]  # the fixture itself is right

    doc = load_document(out)
    assert [s.page for s in doc.sections] == [5, 6, 7]
    assert [norm(s.text) for s in doc.sections] == PAGE_TEXTS
    assert doc.info.pages == 3


def test_pdf_non_numeric_page_labels_fall_back_to_position(three_page_pdf: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    if not hasattr(PdfWriter, "set_page_label"):
        pytest.skip("pypdf PdfWriter.set_page_label not available")
    writer = PdfWriter(clone_from=str(three_page_pdf))
    writer.set_page_label(0, 2, style="/A")  # A, B, C
    out = tmp_path / "letters.pdf"
    writer.write(str(out))
    assert [s.page for s in load_document(out).sections] == [1, 2, 3]


# ---------------------------------------------------------------- titles


def test_markdown_title_is_first_heading(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.md", "Some preamble line here\n\n# Security Cooperation Notes\n\nBody.\n\n# Later\n")
    assert load_document(path).info.title == "Security Cooperation Notes"


def test_markdown_heading_inside_code_block_is_not_the_title(tmp_path: Path) -> None:
    text = "Intro text\n\n```bash\n# install the tool\npip install x\n```\n\n# Real Title\n\nBody.\n"
    assert load_document(write(tmp_path / "code.md", text)).info.title == "Real Title"


def test_markdown_closing_hashes_are_not_part_of_the_title(tmp_path: Path) -> None:
    path = write(tmp_path / "closed.md", "## Regional Cooperation ##\n\nBody text.\n")
    assert load_document(path).info.title == "Regional Cooperation"


def test_html_title_from_title_element(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Tom &amp; Jerry Report</title></head>"
        "<body><h1>Heading One</h1><p>Body text.</p></body></html>"
    )
    doc = load_document(write(tmp_path / "page.html", html))
    assert doc.info.title == "Tom & Jerry Report"
    assert "Tom & Jerry Report" not in doc.sections[0].text  # <title> is metadata, not body
    assert "Heading One" in doc.sections[0].text


def test_html_without_title_uses_h1(tmp_path: Path) -> None:
    html = "<html><body><p>x</p><h1>The Heading</h1><p>Body text here.</p></body></html>"
    assert load_document(write(tmp_path / "page.htm", html)).info.title == "The Heading"


def test_text_title_is_first_non_trivial_line(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.txt", "\n  \nab\n  St. Lucia Fact Sheet  \n\nBody paragraph.\n")
    info = load_document(path).info
    assert info.title == "St. Lucia Fact Sheet"
    assert info.pages is None


def test_text_title_is_capped(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "word " * 100)
    title = load_document(path).info.title
    assert 0 < len(title) <= 150
    assert title.startswith("word word")


@pytest.mark.parametrize(
    "name,content",
    [
        ("a.md", "# Inferred Heading\n\nBody."),
        ("b.html", "<title>Inferred Title</title><p>Body.</p>"),
        ("c.txt", "Inferred first line\n\nBody."),
    ],
)
def test_given_title_overrides_inferred_title(tmp_path: Path, name: str, content: str) -> None:
    path = write(tmp_path / name, content)
    assert load_document(path).info.title.startswith("Inferred")
    assert load_document(path, {"title": "Given Title"}).info.title == "Given Title"


def test_given_metadata_fields_are_carried(tmp_path: Path) -> None:
    path = write(tmp_path / "m.txt", "Title line\n\nBody, November 30, 2017.")
    meta = {"title": "T", "publisher": "P", "published": "2020-01-01", "url": "http://x", "note": "N"}
    info = load_document(path, meta).info
    assert (info.title, info.publisher, info.published, info.url, info.note) == (
        "T",
        "P",
        "2020-01-01",
        "http://x",
        "N",
    )


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Published on Nov. 30, 2017. We, the Governments...", "2017-11-30"),
        ("December 16, 2016\n\nMembers of the coast guard", "2016-12-16"),
        ("Santo Domingo, 30 November 2017: consultations", "2017-11-30"),
        ("Posted 2017-11-30 by the embassy", "2017-11-30"),
        ("Posted 2017-11-30T09:15:00Z by the embassy", "2017-11-30"),
        ("Sept. 5, 2017 statement", "2017-09-05"),
        ("Dec 1 2016 statement", "2016-12-01"),
        ("First March 3, 2018, then December 16, 2016.", "2018-03-03"),  # the first one written
        ("Invalid Feb 30, 2017 then valid 1 March 2017", "2017-03-01"),
    ],
)
def test_find_date(text: str, expected: str) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Launched in 2010, as of 2024 the program continues.",
        "In November 2023, servers were donated.",  # month and year only
        "No date at all in this text.",
        "Call 2017-13-45 or 555-1234.",  # not a real date
        "",
    ],
)
def test_find_date_none_without_a_full_date(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Port Security Assessment\nPublished September 2022\n\nIn 2021, 71 percent ...", "2022-09"),
        ("Issued in March 2019. A review of the program", "2019-03"),
        ("Report, updated: Dec. 2016", "2016-12"),
        ("Published September 2022, revised on October 3, 2022", "2022-10-03"),  # a full date wins
    ],
)
def test_find_date_to_the_month_a_document_says_it_was_issued(text: str, expected: str) -> None:
    assert find_date(text) == expected


def test_find_date_only_looks_near_the_top() -> None:
    text = "x " * 1500 + "December 16, 2016"
    assert find_date(text) is None
    assert find_date(text, within=len(text)) == "2016-12-16"


def test_published_inferred_from_text(tmp_path: Path) -> None:
    path = write(tmp_path / "dated.txt", "Joint Statement\n\nThe release was published on Nov. 30, 2017.")
    assert load_document(path).info.published == "2017-11-30"


def test_published_never_taken_from_file_mtime(tmp_path: Path) -> None:
    path = write(tmp_path / "undated.txt", "Fact Sheet\n\nCBSI has operated since 2010 in 13 countries.")
    stamp = datetime(2017, 11, 30, 12, 0).timestamp()
    os.utime(path, (stamp, stamp))
    assert datetime.fromtimestamp(path.stat().st_mtime).year == 2017
    info = load_document(path).info
    assert info.published is None


# ---------------------------------------------------------------- HTML


HTML = """<!doctype html>
<html><head><title>Page</title>
<style>body { color: red; } .secret-style {}</style>
<script>var secretScript = "<p>not text</p>";</script>
</head><body>
<h1>Main Heading</h1>
<p>Caf&eacute; &amp; partners pledged &pound;5&nbsp;million &mdash; &quot;quoted&quot; &#169; 2017.</p>
<div>Second block</div><div>Third block</div>
<ul><li>First item</li><li>Second item</li></ul>
<table><tr><td>Funding</td><td>$400 million</td></tr></table>
<p>The U.S. has<br>provided aid.</p>
<noscript>secretNoscript</noscript>
</body></html>"""


@pytest.fixture
def html_text(tmp_path: Path) -> str:
    doc = load_document(write(tmp_path / "page.html", HTML))
    assert len(doc.sections) == 1 and doc.sections[0].page is None
    return doc.sections[0].text


def test_html_script_and_style_are_dropped(html_text: str) -> None:
    for hidden in ("secretScript", "not text", "color: red", "secret-style", "secretNoscript", "<p>", "<"):
        assert hidden not in html_text


def test_html_entities_are_decoded(html_text: str) -> None:
    assert 'Café & partners pledged £5 million — "quoted" © 2017.' in html_text
    assert "&amp;" not in html_text and "&eacute;" not in html_text and "\xa0" not in html_text


def test_html_block_elements_are_separated(html_text: str) -> None:
    lines = [ln.strip() for ln in html_text.splitlines() if ln.strip()]
    assert "# Main Heading" in lines  # a heading marked as Markdown marks it
    assert "Second block" in lines and "Third block" in lines
    assert "- First item" in lines and "- Second item" in lines
    assert "Second blockThird block" not in html_text
    assert "Funding: $400 million" in html_text  # a label and its value, not run together
    assert "\n\n\n" not in html_text


def test_html_br_is_a_line_break_not_a_paragraph(html_text: str) -> None:
    from assistant.chunking import split_sentences

    assert "The U.S. has\nprovided aid." in html_text
    sentences = [html_text[s:e] for s, e in split_sentences(html_text)]
    assert "The U.S. has\nprovided aid." in sentences


TABLE_PAGE = """<html><body><nav><ul><li><a href="/">Home</a></li><li>News</li></ul></nav>
<p>Obligations by sector.</p>
<table><caption>CBSI obligations (US$ million)</caption>
<thead><tr><th>Sector</th><th>FY2022</th><th>FY2023</th></tr></thead>
<tbody><tr><td>Maritime security</td><td>21.0</td><td>24.5</td></tr>
<tr><th scope="row">Youth <b>crime</b> prevention</th><td>5.4</td><td>&mdash;</td></tr></tbody></table>
<h3>Training</h3>
<table><tr><th>Country</th><th colspan="2">Officers trained</th></tr>
<tr><td>Guyana</td><td>120</td><td>140</td></tr></table>
</body></html>"""


def test_an_html_table_is_read_a_line_per_cell_with_its_row_column_and_unit(tmp_path: Path) -> None:
    text = load_document(write(tmp_path / "page.html", TABLE_PAGE)).sections[0].text
    lines = [ln for ln in text.split("\n\n") if ln]
    assert lines[:6] == [
        "Obligations by sector.",
        "CBSI obligations (US$ million)",  # each cell's line says which table it is of
        "Maritime security, FY2022: US$21.0 million (CBSI obligations).",
        "Maritime security, FY2023: US$24.5 million (CBSI obligations).",
        "Youth crime prevention, FY2022: US$5.4 million (CBSI obligations).",  # a row's <th> labels it; "—" is no cell
        "### Training",  # an <h3>, marked as Markdown marks it
    ]
    # No caption: the heading above says what the table is of; a header over two columns heads both.
    assert lines[6:] == ["Guyana, Officers trained: 120 (Training).", "Guyana, Officers trained: 140 (Training)."]
    assert "Home" not in text and "News" not in text  # navigation is not the page's text


def test_a_markdown_table_is_read_a_line_per_cell(tmp_path: Path) -> None:
    md = "# Sheet\n\n**Published:** June 2023\n\n| Indicator | 2021 | 2022 |\n|---|--:|--:|\n"
    md += "| Job placements | 310 | 522 |\n| **Share employed** (%) | 41 | 47 |\n\nThe end.\n"
    doc = load_document(write(tmp_path / "sheet.md", md))
    text = doc.sections[0].text
    cells = "Job placements, 2021: 310 (Sheet).\n\nJob placements, 2022: 522 (Sheet).\n\n"
    cells += "Share employed, 2021: 41% (Sheet).\n\nShare employed, 2022: 47% (Sheet).\n\n"  # a row's unit
    assert "**Published:** June 2023\n\n" + cells + "The end." in text
    assert "|" not in text and text.endswith("The end.\n")
    assert doc.info.published == "2023-06" and doc.info.title == "Sheet"


def test_a_table_of_year_columns_in_pdf_text_is_read_a_line_per_cell(tmp_path: Path) -> None:
    text = (
        "Seizures rose between 2021 and 2022.\n"
        "Table 2. Seizures by country (kg)\n"
        "Country 2021 2022\n"
        "Guyana 410 1,230\n"
        "Suriname 95 –\n"
        "Figures are provisional.\n"
        "2021 2022\n"  # years alone, and no rows of values under them: prose
        "were hard years.\n"
    )
    loaded = load_document(write(tmp_path / "report.txt", text)).sections[0].text
    assert "Guyana, 2022: 1,230 kg (Seizures by country).\n\nSuriname, 2021: 95 kg (Seizures by country)." in loaded
    assert "Suriname, 2022" not in loaded and "Guyana 410" not in loaded  # a dash is no value; the row is gone
    assert loaded.startswith("Seizures rose between 2021 and 2022.\nTable 2. Seizures by country (kg)\n\n")
    assert loaded.endswith("Figures are provisional.\n2021 2022\nwere hard years.\n")


def _table_pdf(path: Path) -> Path:
    """A quarterly report whose table has columns of other things than years ("Q3 FY2023",
    "Cumulative through June 30, 2023"), a header wrapped over two lines, a caption and a unit line
    above it, an "n/a" cell, and rows that go on over the page break."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Quarterly Report\n\nSpending stayed within the approved budget this quarter.")
    pdf.cell(0, 6, "Table 2: Expenditures by Country", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "(USD)", new_x="LMARGIN", new_y="NEXT")
    widths = (70, 35, 60)
    rows = [
        ("Country", "Q3 FY2023", "Cumulative through"),
        ("", "", "June 30, 2023"),
        ("Barbados", "118,436", "842,615"),
        ("Jamaica", "236,912", "1,688,074"),
        ("Guyana", "n/a", "1,015,330"),
    ]
    for cells in rows:
        for width, cell in zip(widths, cells, strict=True):
            pdf.cell(width, 6, cell, align="L" if width == 70 else "R")
        pdf.ln()
    pdf.add_page()
    for cells in [("St. Kitts and Nevis", "61,284", "401,812"), ("Total", "846,000", "5,973,100")]:
        for width, cell in zip(widths, cells, strict=True):
            pdf.cell(width, 6, cell, align="L" if width == 70 else "R")
        pdf.ln()
    pdf.multi_cell(0, 6, "\nSource: financial system, unaudited.")
    pdf.output(str(path))
    return path


def test_a_pdf_table_of_any_columns_is_read_a_line_per_cell_from_its_layout(tmp_path: Path) -> None:
    pages = load_document(_table_pdf(tmp_path / "report.pdf")).sections
    first, second = pages[0].text, pages[1].text
    assert (
        "Table 2: Expenditures by Country (USD)\n\nBarbados, Q3 FY2023: US$118,436 (Expenditures by Country)." in first
    )
    assert "Jamaica, Cumulative through June 30, 2023: US$1,688,074 (Expenditures by Country)." in first
    assert "Guyana, Cumulative through June 30, 2023: US$1,015,330" in first
    assert "Guyana, Q3 FY2023" not in first and "Jamaica 236,912" not in first  # n/a is no value; rows are gone
    # the rows on the next page go on with the same header, unit and caption
    assert "St. Kitts and Nevis, Q3 FY2023: US$61,284 (Expenditures by Country)." in second
    assert "Total, Cumulative through June 30, 2023: US$5,973,100" in second
    assert second.rstrip().endswith("Source: financial system, unaudited.")
    assert first.startswith("Quarterly Report") and pages[1].page == 2


# ---------------------------------------------------------------- catalog, sidecars, discover


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    write(folder / "alpha.txt", "Alpha first line\n\nPublished December 16, 2016.")
    write(folder / "beta.txt", "Beta first line\n\nPublished Nov. 30, 2017.")
    write(folder / "gamma.md", "# Gamma Heading\n\nNo date.")
    write(
        folder / "catalog.json",
        json.dumps(
            {
                "alpha": {"title": "Alpha (catalog)", "publisher": "Catalog Pub", "published": "2016"},
                "beta": {"title": "Beta (catalog)", "published": None, "unknown_field": "x"},
                "not-a-dict": "ignored",
            }
        ),
    )
    write(folder / "alpha.meta.json", json.dumps({"title": "Alpha (sidecar)", "url": "http://alpha"}))
    write(folder / ".hidden.txt", "dotfile")
    write(folder / ".cache" / "cached.txt", "in a dot folder")
    write(folder / "sub" / "delta.txt", "Delta in a subfolder")
    return folder


def test_discover_skips_metadata_files_and_dotfiles(corpus: Path) -> None:
    found = discover([corpus])
    names = [p.relative_to(corpus).as_posix() for p in found]
    assert names == ["alpha.txt", "beta.txt", "gamma.md", "sub/delta.txt"]
    assert found == sorted(found)


def test_discover_accepts_files_dedupes_and_rejects_missing(corpus: Path) -> None:
    assert discover([corpus / "beta.txt", corpus / "beta.txt"]) == [corpus / "beta.txt"]
    assert discover([corpus, corpus / "alpha.txt"]).count(corpus / "alpha.txt") == 1
    with pytest.raises(LoadError, match="no such file"):
        discover([corpus / "missing.txt"])


def test_read_catalog(corpus: Path, tmp_path: Path) -> None:
    catalog = read_catalog(corpus)
    assert set(catalog) == {"alpha", "beta"}  # non-object entries dropped
    assert read_catalog(tmp_path / "nowhere") == {}
    bad = tmp_path / "bad"
    write(bad / "catalog.json", "{not json")
    with pytest.raises(LoadError, match="not valid JSON"):
        read_catalog(bad)
    write(bad / "catalog.json", "[1, 2]")
    with pytest.raises(LoadError, match="expected an object"):
        read_catalog(bad)


def test_sidecar_overrides_catalog(corpus: Path) -> None:
    meta = metadata_for(corpus / "alpha.txt", read_catalog(corpus))
    assert meta == {"title": "Alpha (sidecar)", "publisher": "Catalog Pub", "published": "2016", "url": "http://alpha"}
    info = load_document(corpus / "alpha.txt", meta).info
    assert (info.title, info.publisher, info.published, info.url) == (
        "Alpha (sidecar)",
        "Catalog Pub",
        "2016",
        "http://alpha",
    )


def test_sidecar_can_null_a_catalog_field(corpus: Path) -> None:
    write(corpus / "alpha.meta.json", json.dumps({"published": None}))
    meta = metadata_for(corpus / "alpha.txt", read_catalog(corpus))
    assert meta["published"] is None and meta["title"] == "Alpha (catalog)"
    assert load_document(corpus / "alpha.txt", meta).info.published is None


def test_catalog_published_null_stays_none_despite_date_in_text(corpus: Path) -> None:
    meta = metadata_for(corpus / "beta.txt", read_catalog(corpus))
    assert meta == {"title": "Beta (catalog)", "published": None}  # unknown fields dropped
    assert load_document(corpus / "beta.txt").info.published == "2017-11-30"  # the text has a date
    assert load_document(corpus / "beta.txt", meta).info.published is None


def test_file_without_catalog_entry_infers_metadata(corpus: Path) -> None:
    meta = metadata_for(corpus / "gamma.md", read_catalog(corpus))
    assert meta == {}
    info = load_document(corpus / "gamma.md", meta).info
    assert info.title == "Gamma Heading" and info.published is None and info.publisher is None


@pytest.mark.parametrize("content", ["{broken", '["a", "b"]', "42", '"text"'])
def test_bad_sidecar_is_a_load_error(corpus: Path, content: str) -> None:
    write(corpus / "beta.meta.json", content)
    with pytest.raises(LoadError) as err:
        metadata_for(corpus / "beta.txt", read_catalog(corpus))
    assert "beta.meta.json" in str(err.value) and "\n" not in str(err.value)


# ---------------------------------------------------------------- bad input


def assert_load_error(path: Path, *fragments: str) -> str:
    with pytest.raises(LoadError) as err:
        load_document(path)
    message = str(err.value)
    assert message.strip() and "\n" not in message and "\r" not in message
    assert any(f in message.lower() for f in fragments), message
    return message


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"\x93\x11" + os.urandom(4096))
    assert_load_error(path, "not a readable pdf")


def test_truncated_pdf(three_page_pdf: Path, tmp_path: Path) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(three_page_pdf.read_bytes()[:400])
    assert_load_error(path, "not a readable pdf", "no text")


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.md", "empty.html"])
def test_zero_byte_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert_load_error(path, "empty")


def test_whitespace_only_text(tmp_path: Path) -> None:
    assert_load_error(write(tmp_path / "blank.txt", " \n\n\t \n"), "no text")


def test_binary_content_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(512))
    assert_load_error(path, "binary")


@pytest.mark.parametrize("name", ["report.docx", "slides.pptx", "README", "data.csv"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 some content")
    message = assert_load_error(path, "unsupported")
    assert (path.suffix or path.name) in message


def test_encrypted_pdf_with_user_password(three_page_pdf: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(three_page_pdf))
    writer.encrypt(user_password="s3cret", owner_password="owner-s3cret")
    path = tmp_path / "locked.pdf"
    writer.write(str(path))
    assert_load_error(path, "encrypted")


def test_pdf_encrypted_with_owner_password_only_still_loads(three_page_pdf: Path, tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(three_page_pdf))
    writer.encrypt(user_password="", owner_password="owner-s3cret")
    path = tmp_path / "restricted.pdf"
    writer.write(str(path))
    doc = load_document(path)
    assert [norm(s.text) for s in doc.sections] == PAGE_TEXTS


def test_pdf_with_no_text(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "scan.pdf", [""])
    message = assert_load_error(path, "no text")
    assert "scanned" in message


def test_missing_file_and_directory_are_load_errors(tmp_path: Path) -> None:
    assert_load_error(tmp_path / "missing.txt", "cannot read", "no such")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert_load_error(folder, "not a file", "cannot read")


# ---------------------------------------------------------------- encodings


def test_cp1252_text_decodes_accents(tmp_path: Path) -> None:
    text = "Caf\u00e9 s\u00e9curit\u00e9 \u2013 r\u00e9sum\u00e9 \u201cquoted\u201d\n\nThe na\u00efve \u00e9l\u00e8ve."
    path = write(tmp_path / "latin.txt", text, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # the fixture really is not UTF-8
    doc = load_document(path)
    assert doc.sections[0].text == text
    assert doc.info.title == "Caf\u00e9 s\u00e9curit\u00e9 \u2013 r\u00e9sum\u00e9 \u201cquoted\u201d"
    assert "\ufffd" not in doc.sections[0].text


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfBOM Title\n\nBody \xc3\xa9.")
    doc = load_document(path)
    assert doc.sections[0].text == "BOM Title\n\nBody \u00e9."
    assert doc.info.title == "BOM Title"


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "notepad.txt", "\ufeffUnicode Title\r\n\r\nS\u00e9curit\u00e9 body.", encoding="utf-16-le")
    doc = load_document(path)
    assert doc.sections[0].text == "Unicode Title\n\nS\u00e9curit\u00e9 body."
    assert doc.info.title == "Unicode Title"


def test_windows_line_ends_are_normalised(tmp_path: Path) -> None:
    from assistant.chunking import clean, split_sentences

    text = "Heading\r\n\r\nThe government has pro-\r\nvided more than\r\n$400 million to the region.\r\n"
    doc = load_document(write(tmp_path / "crlf.txt", text, encoding="cp1252"))
    body = doc.sections[0].text
    assert "\r" not in body
    sentences = [clean(body[s:e]) for s, e in split_sentences(body)]
    assert sentences == ["Heading", "The government has provided more than $400 million to the region."]


# ---------------------------------------------------------------- the sample corpus


SAMPLE_IDS = sorted(k for k in CATALOG)


def test_sample_corpus_discovery_matches_catalog() -> None:
    found = discover([DOCUMENTS])
    assert [p.name for p in found] == [f"{d}.txt" for d in SAMPLE_IDS]


@pytest.mark.parametrize("doc_id", SAMPLE_IDS)
def test_sample_document_loads_with_catalog_metadata(doc_id: str) -> None:
    path = DOCUMENTS / f"{doc_id}.txt"
    meta = metadata_for(path, read_catalog(DOCUMENTS))
    doc = load_document(path, meta)
    entry = CATALOG[doc_id]
    assert doc.info.doc_id == doc_id
    assert doc.info.title == entry["title"]
    assert doc.info.publisher == entry["publisher"]
    assert doc.info.published == entry["published"]  # includes null -> None for undated sheets
    assert doc.info.url == entry.get("url")
    assert doc.info.pages is None
    assert doc.info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(doc.sections) == 1
    section = doc.sections[0]
    assert (section.page, section.start, section.doc_id) == (None, 0, doc_id)
    raw = path.read_text(encoding="utf-8")
    # The text as in the file, but for brackets extracted in place of capitals ("[LLICIT").
    assert len(section.text) == len(raw)
    assert {(a, b) for a, b in zip(raw, section.text, strict=True) if a != b} <= {("[", "I"), ("(", "C")}


def test_undated_sample_sheets_would_not_get_a_false_date() -> None:
    # The two fact sheets mention "December 2016" and "April 2009" only: no full date to infer.
    for doc_id in ("cbsi-key-objectives-fact-sheet", "st-lucia-fact-sheet"):
        assert load_document(DOCUMENTS / f"{doc_id}.txt").info.published is None
    # while the dated ones are found from their text alone
    assert load_document(DOCUMENTS / "joint-action-statement-2017.txt").info.published == "2017-11-30"
    assert load_document(DOCUMENTS / "eastern-caribbean-partnership-2016.txt").info.published == "2016-12-16"


def test_sample_corpus_copy_loads_via_sidecar(tmp_path: Path) -> None:
    # A sidecar beside a sample document overrides its catalog entry.
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, folder)
    write(folder / "st-lucia-fact-sheet.meta.json", json.dumps({"published": "2015", "title": "Override"}))
    assert len(discover([folder])) == len(SAMPLE_IDS)
    path = folder / "st-lucia-fact-sheet.txt"
    info = load_document(path, metadata_for(path, read_catalog(folder))).info
    assert (info.title, info.published, info.publisher) == ("Override", "2015", "U.S. Department of State")


# ---------------------------------------------------------------- repaired glyphs


def test_capitals_extracted_as_brackets_are_read_as_letters_in_a_real_pdf(tmp_path: Path) -> None:
    """A heading font's "I" and "C" extracted as "[" and "(" (the sample key objectives sheet) are
    repaired when the document uses the word elsewhere; real brackets and offsets stay."""
    pages = [
        "SUBSTANTIALLY REDUCE\n[LLICIT TRAFFICKING &\n(RIME\nConnect with (BSI",
        "Illicit trafficking and crime concern the Caribbean Basin Security Initiative (CBSI). "
        "Partners (all of them) meet yearly (see the annex.",
    ]
    doc = load_document(make_pdf(tmp_path / "sheet.pdf", pages))
    first, second = (norm(s.text) for s in doc.sections)
    assert first == "SUBSTANTIALLY REDUCE ILLICIT TRAFFICKING & CRIME Connect with CBSI"
    assert "(CBSI)" in second and "(all of them)" in second and "(see the annex" in second
    joined = "\n\n".join(s.text for s in doc.sections)
    assert all(joined[s.start : s.start + len(s.text)] == s.text for s in doc.sections)


def test_a_bracket_is_kept_when_the_document_lacks_the_repaired_word(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "note.txt", "Heading\n\nREDUCE [LLICIT TRAFFICKING & (RIME\n"))
    assert "[LLICIT" in doc.sections[0].text and "(RIME" in doc.sections[0].text


def test_a_deadline_near_the_top_is_not_the_documents_date(tmp_path: Path) -> None:
    """A briefing that prints no date of its own is not dated by the deadline it tells of ("runs to 30 June
    2027"): its citations would call it a document of 2027."""
    from assistant.loading import load_document

    path = tmp_path / "briefing.txt"
    path.write_text(
        "STAFF BRIEFING: CORRECTIONS\n\nQUESTION: When does the programme end?\n\n"
        "MARTINEZ: The current award runs to 30 June 2027. A follow-on design is due by 1 May 2026.\n",
        encoding="utf-8",
    )
    assert load_document(path).info.published is None
    path.write_text("BRIEFING\nWashington, 14 November 2024\n\nThe award runs to 30 June 2027.\n", encoding="utf-8")
    assert load_document(path).info.published == "2024-11-14"


_SPACED_TABLE = """NPPP Interim Evaluation  |  Page 2 of 5

Table 3 summarises the main indicators.

Table 3: Key indicators by pilot site, 2022 baseline and 2024

  Site            Officers   Safety        Change in      Trust score   Trust score
                  trained    committees    reported       (baseline     (2024)
                                           burglaries     2022)
  Arima              41         17          -12.1%           41            57
  Gros Islet         29         14          -18.4%           48            61
  Spanish Town       38         15           -3.2%           35            38
  All sites         108         46             --            --            --

Source: National police records.
"""


def test_a_text_files_table_set_out_with_spaces_is_read_a_line_per_cell(tmp_path: Path) -> None:
    """Text extracted from a PDF keeps a table's columns apart by spaces, its header wrapped over three
    lines ("(baseline" over "2022)"), under a caption a blank line above: each cell is read with its row,
    its whole column name (the years in parentheses kept apart) and the caption."""
    path = tmp_path / "pilot-evaluation.txt"
    path.write_text(_SPACED_TABLE, encoding="utf-8")
    text = "\n".join(s.text for s in load_document(path).sections)
    about = "(Key indicators by pilot site, 2022 baseline and 2024)."
    assert f"Spanish Town, Trust score (2024): 38 {about}" in text, text
    assert f"Spanish Town, Trust score (baseline 2022): 35 {about}" in text, text
    assert f"Gros Islet, Change in reported burglaries: -18.4% {about}" in text, text
    assert "All sites, Officers trained: 108" in text and "Source: National police records." in text, text
