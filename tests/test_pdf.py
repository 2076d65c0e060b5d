"""A real multi-page PDF, made here, is ingested with the real model and cited on the right page."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from assistant import Assistant
from assistant.config import Settings
from assistant.ingest import ingest

PAGES = [
    "Caribbean Maritime Report 2025. This report reviews regional maritime cooperation. "
    "Partners met in Bridgetown to review patrols.",
    "Coastal radar program. The coastal radar program installed 14 radar stations across the "
    "Eastern Caribbean in 2025. Each station shares tracks with the regional operations center.",
    "Youth programs. Vocational training reached 3,200 young people in Jamaica during 2025. "
    "Mentors came from local businesses.",
]


def make_pdf(path: Path) -> None:
    pdf = FPDF()
    pdf.set_title("Caribbean Maritime Report 2025")
    pdf.set_font("Helvetica", size=12)
    for text in PAGES:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    pdf.output(str(path))


def test_pdf_answer_cites_the_right_page(tmp_path: Path, real_embedder) -> None:
    docs = tmp_path / "documents"
    docs.mkdir()
    make_pdf(docs / "maritime-report-2025.pdf")
    (docs / "unrelated.txt").write_text("The annual Caribbean-U.S. Security Cooperation Dialogue met in 2019.\n")
    settings = Settings(documents_dir=docs, index_dir=tmp_path / "index")
    report = ingest(settings, embedder=real_embedder, progress=False)
    assert report.skipped == [] and sorted(report.indexed) == ["maritime-report-2025", "unrelated"]

    a = Assistant.open(settings.index_dir, embedder=real_embedder)
    info = a.documents["maritime-report-2025"]
    assert info.title == "Caribbean Maritime Report 2025" and info.pages == 3 and info.published is None

    ans = a.ask("How many radar stations were installed?")
    assert ans.text.startswith("14 radar stations"), ans.text
    c = ans.citations[0]
    assert (c.doc_id, c.page) == ("maritime-report-2025", 2)
    assert "14 radar stations" in c.quote and c.memo() == '"Caribbean Maritime Report 2025," n.d., p. 2.'

    ans = a.ask("How many young people did vocational training reach in Jamaica?")
    assert "3,200" in ans.text and ans.citations[0].page == 3


class _FooterPDF(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, "UNCLASSIFIED   |   March 15, 2023", align="C", new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, f"Maritime Partnership: Annual Report 2022   |   Page {self.page_no()} of {{nb}}", align="C")


def test_running_headers_and_footers_are_not_text_but_date_the_document(tmp_path: Path) -> None:
    from assistant.loading import load_document

    pdf = _FooterPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    items = "\n".join(f"- train crew number {i};" for i in range(1, 60))
    pdf.multi_cell(0, 6, "In 2023 the partners will:\n" + items + "\n- open a maritime evidence unit.")
    path = tmp_path / "report.pdf"
    pdf.output(str(path))
    doc = load_document(path)
    sections = doc.sections
    assert len(sections) >= 2 and doc.info.published == "2023-03-15"  # dated by its running header
    text = "\n".join(s.text for s in sections)
    later = "\n".join(s.text for s in sections[1:])  # where a footer would stand inside the list
    assert "Page 2 of" not in later and "Annual Report" not in later and "UNCLASSIFIED" not in later, later[:300]
    assert "UNCLASSIFIED" not in text and "Page 1 of" not in text
    assert "train crew number 59;" in text and "- open a maritime evidence unit." in text


def test_a_caption_unit_with_current_dollars_and_note_marks_on_row_labels(tmp_path: Path) -> None:
    """A CRS-style table: the unit sits at the end of the caption ("(current $ millions)") and two row
    labels carry a note's mark ("(a)", "(b)"), which is no unit and no part of the label."""
    from assistant.loading import load_document

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "Funding by Country\n\nThe State Department allocates CBSI funds among countries.\n")
    pdf.cell(0, 6, "Table 2. Estimated Allocations by Country, FY2022-FY2024 (current $ millions)", new_x="LMARGIN")
    pdf.ln(6)
    rows = [("Country or Program", "FY2022", "FY2023", "FY2024"), ("Jamaica", "14.8", "15.6", "16.3")]
    rows += [("Eastern Caribbean (a)", "9.7", "10.4", "10.9"), ("Regional programs (b)", "11.8", "12.9", "12.6")]
    for cells in rows:
        for i, (width, cell) in enumerate(zip((60, 30, 30, 30), cells, strict=True)):
            pdf.cell(width, 6, cell, align="R" if i else "L")
        pdf.ln()
    pdf.multi_cell(0, 6, "\nNotes: (a) Seven Eastern Caribbean states. (b) Regional programs.")
    path = tmp_path / "crs-allocations.pdf"
    pdf.output(str(path))
    text = "\n".join(s.text for s in load_document(path).sections)
    assert "Jamaica, FY2023: $15.6 million (" in text, text
    assert "Regional programs, FY2022: $11.8 million (" in text, text
    assert "Eastern Caribbean, FY2024: $10.9 million (" in text, text


def test_a_row_label_wrapped_over_two_lines_keeps_its_figures(tmp_path: Path) -> None:
    """A programme line's label too long for its column wraps under its row ("Regional Cyber Incident
    Response" over "(CRCIRP)"), and the header ends in a Total column: every row is still read a line per
    cell, the wrapped label whole."""
    from assistant.loading import load_document

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "Funding by fiscal year\n\nTable 1 sets out obligations by programme line.\n")
    pdf.cell(0, 6, "Table 1. Obligations by programme line and fiscal year (USD millions)", new_x="LMARGIN")
    pdf.ln(6)
    rows = [("Programme line", "FY2023", "FY2024", "Total")]
    rows += [("Regional Cyber Incident Response (CRCIRP)", "7.40", "8.15", "15.55")]
    rows += [("FIU AML Training (FIU-ACP)", "3.30", "3.95", "7.25"), ("Total", "10.70", "12.10", "22.80")]
    for cells in rows:
        top = pdf.get_y()
        pdf.multi_cell(62, 6, cells[0], new_x="RIGHT", new_y="TOP")  # wraps when too long for its column
        for cell in cells[1:]:
            pdf.cell(30, 6, cell, align="R")
        pdf.set_xy(pdf.l_margin, max(pdf.get_y(), top) + (12 if len(cells[0]) > 30 else 6))
    pdf.multi_cell(0, 6, "\nSource: financial management system.")
    path = tmp_path / "portfolio-review.pdf"
    pdf.output(str(path))
    text = "\n".join(s.text for s in load_document(path).sections)
    assert "Regional Cyber Incident Response (CRCIRP), FY2024: US$8.15 million (" in text, text
    assert "FIU AML Training (FIU-ACP), FY2023: US$3.30 million (" in text, text
    assert "Total, Total, FY2023-FY2024: US$22.80 million (" in text, text


def _header_cells(pdf: FPDF, names: tuple[str, ...], widths: tuple[int, ...]) -> None:
    """A header row whose names wrap inside their columns ("CBSI funding (USD" over "thousands)")."""
    top = pdf.get_y()
    for name, width in zip(names, widths, strict=True):
        pdf.multi_cell(width, 5, name, new_x="RIGHT", new_y="TOP", align="L" if name == names[0] else "R")
    pdf.set_xy(pdf.l_margin, top + 12)


def _rows(pdf: FPDF, rows: list[tuple[str, ...]], widths: tuple[int, ...], height: int = 6) -> None:
    for cells in rows:
        for i, (width, cell) in enumerate(zip(widths, cells, strict=True)):
            pdf.cell(width, height, cell, align="R" if i else "L")
        pdf.ln()


def test_tables_going_on_over_the_page_under_their_header_repeated_keep_caption_and_unit(tmp_path: Path) -> None:
    """Two tables run over a page break, each header printed again on the next page without the
    caption: a year table (its unit only in the caption) and a table by country whose header wraps
    and whose long caption ends in a note ("(... funding in USD thousands)"). The next page's rows are
    still read with the caption and unit, and the country table's wrapped header is no row label."""
    from assistant.loading import load_document

    years, countries = (70, 30, 30, 30), (60, 30, 30, 40)
    head = ("Component", "FY2021", "FY2022", "FY2023")
    names = ("Country", "Units", "Trained officers", "CBSI funding (USD thousands)")
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Programme review\n\nTable 1 sets out expenditure by component.\n")
    pdf.cell(0, 6, "Table 1. Expenditure by programme component, FY2021-FY2023 (USD millions)", new_x="LMARGIN")
    pdf.ln(6)
    _rows(pdf, [head, ("Court operations", "3.4", "3.9", "4.6"), ("Residential treatment", "2.9", "3.3", "3.8")], years)
    pdf.ln(4)
    caption = "Table 2. Specialized units, trained officers and funding by country, 2024 (units and officers are "
    pdf.multi_cell(0, 5, caption + "counts; funding in USD thousands)")
    pdf.ln(2)
    _header_cells(pdf, names, countries)
    _rows(pdf, [("Antigua and Barbuda", "2", "38", "285"), ("Barbados", "3", "56", "410")], countries, 7)
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    pdf.cell(0, 6, "Programme review - continued", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    _rows(pdf, [head, ("Judicial training", "0.8", "1.1", "1.2"), ("Total", "7.1", "8.3", "9.6")], years)
    pdf.ln(4)
    _header_cells(pdf, names, countries)
    _rows(pdf, [("Guyana", "9", "148", "1,180"), ("Jamaica", "12", "265", "1,725")], countries, 7)
    pdf.multi_cell(0, 6, "\nSource: programme records.")
    path = tmp_path / "programme-review.pdf"
    pdf.output(str(path))
    pages = [s.text for s in load_document(path).sections]
    assert "Judicial training, FY2022: US$1.1 million (Expenditure by programme component" in pages[1], pages[1]
    assert "Total, FY2023: US$9.6 million (Expenditure by programme component" in pages[1], pages[1]
    about = "(Specialized units, trained officers and funding by country, 2024)."
    assert f"Barbados, Trained officers: 56 {about}" in pages[0], pages[0]
    assert f"Guyana, Trained officers: 148 {about}" in pages[1], pages[1]
    assert f"Jamaica, CBSI funding: US$1,725 thousand {about}" in pages[1], pages[1]
    assert "Programme review - continued" in pages[1] and "Country Units" not in pages[1], pages[1]
