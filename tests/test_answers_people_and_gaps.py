"""Who leads or serves what, and the gaps a careful reader sees: a person named with a retired mark,
the countries a centre serves, a year told against the last question's ("three years later"), and
questions the documents leave open (a committee not yet chaired, a country's figure a regional review
does not give, a row a table does not have, who represented a country). Synthetic documents, real model."""

from __future__ import annotations

import pytest

from tests.conftest import corpus_assistant

_CENTRE_RELEASE = """<html><head><title>Forensic Centre Accredited</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<h1>Windward Forensic Centre Accredited for Firearms Examination</h1>
<p>CASTRIES, Saint Lucia, 20 February 2025. The Windward Forensic Centre (WFC) has been granted accreditation
to the international standard ISO/IEC 17025 for firearms examination and latent print comparison.</p>
<p>The accreditation was granted on 3 February 2025 by the Inter-American Forensic Accreditation Board (IAFAB)
following a five-day on-site assessment.</p>
<p>The WFC opened in October 2021 as a shared forensic service for Antigua and Barbuda, Dominica, Grenada,
Saint Kitts and Nevis, Saint Lucia, and Saint Vincent and the Grenadines.</p>
<h2>Turnaround</h2>
<table>
<caption>WFC median turnaround by discipline, 2024 (days)</caption>
<tr><th>Discipline</th><th>Median turnaround 2024</th></tr>
<tr><td>Firearms and toolmarks</td><td>58</td></tr>
<tr><td>Latent prints</td><td>44</td></tr>
<tr><td>Gunshot residue</td><td>31</td></tr>
</table>
<footer><p>&copy; 2025 Windward Forensic Centre.</p></footer>
</body></html>
"""

_VETTING_SHEET = """# Vetted Units Programme: Fact Sheet

Under the Caribbean Basin Security Initiative (CBSI), the Vetted Units Programme (VUP) funds polygraph
examinations, background investigations and integrity training for police units in eight partner countries.

The programme is led by Chief Superintendent (ret.) Dorothea Villiers-Grant, Regional Vetting Adviser, based in
Kingston.

## Funding

| Fiscal year | Obligated (USD millions) |
|---|---|
| FY2021 | 3.4 |
| FY2022 | 4.2 |
| FY2023 | 4.8 |
| FY2024 | 5.1 |
"""

_COMMISSION_RELEASE = """# Regional Security Commission Board Approves 2026 Budget

Port of Spain, 5 December 2025. The Board of Governors of the Regional Security Commission approved a budget of
USD 48.7 million for 2026.

Grant decisions are taken by a seven-member Grants Committee chaired by the Deputy Executive Director. The Board
also created an Audit and Risk Committee of five members. The chair of the Audit and Risk Committee will be
selected from among its independent members at the Board's next meeting.
"""

_COURTS_REVIEW = """Treatment Courts Coordination Office (TCCO), Bridgetown, Barbados - December 2025

Summary

This review covers the regional treatment court programme in Barbados, Belize, Grenada, Guyana, Jamaica and
Trinidad and Tobago.

A cohort study published in May 2025 followed 1,104 graduates across the region. The 12-month re-arrest rate
was 14.2 percent for graduates, compared with 37.5 percent for a comparison group.
"""

_DIALOGUE_STATEMENT = """Nassau, The Bahamas, 9 May 2025

Joint Statement of the Third Ministerial Dialogue on Illicit Firearms

1. Ministers and senior officials responsible for national security met in Nassau for the Third Ministerial
Dialogue on Illicit Firearms.

2. Partners will develop a common risk profile for barrels and consolidated cargo, to be coordinated by the
Jamaica Customs Agency and presented to customs heads by 31 January 2026.

3. The Dialogue was co-chaired by the Honourable Cedric Albury, Minister of National Security of The Bahamas,
and the Assistant Secretary of State for International Narcotics and Law Enforcement Affairs.

4. The five CARAP member jurisdictions that do not yet provide for non-conviction-based forfeiture will seek to
adopt legislation based on the CARAP model bill by 30 September 2026.
"""

_CARAP_SHEET = """# Caribbean Asset Recovery Partnership (CARAP): Fact Sheet 2025

## At a glance

- **Members:** 16 jurisdictions
- **Established:** 12 October 2018, by the Nassau Declaration on Asset Recovery
- **Secretariat:** Basseterre, St Kitts and Nevis

CARAP helps its members trace, freeze and recover the proceeds of crime.
"""


@pytest.fixture(scope="module")
def centre_assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder):
    files: dict[str, str | bytes] = {
        "forensic-centre-accreditation.html": _CENTRE_RELEASE,
        "vetted-units-fact-sheet.md": _VETTING_SHEET,
        "commission-budget-2026.md": _COMMISSION_RELEASE,
        "treatment-courts-review-2025.txt": _COURTS_REVIEW,
        "nassau-firearms-joint-statement.txt": _DIALOGUE_STATEMENT,
        "carap-fact-sheet-2025.md": _CARAP_SHEET,
    }
    catalog = {
        "treatment-courts-review-2025": {
            "title": "Regional Treatment Court Programme: Financial and Performance Review",
            "published": "2025-12",
        }
    }
    return corpus_assistant(tmp_path_factory, "centre", files, catalog, real_embedder)


def test_which_countries_a_centre_serves_is_the_sentence_naming_them(centre_assistant) -> None:
    # the sentence naming six countries, not the page's copyright footer nor the dateline's
    ans = centre_assistant.ask("Which countries does the Windward Forensic Centre serve?")
    assert "Saint Vincent and the Grenadines" in ans.text and "Dominica" in ans.text, ans.text
    assert "\u00a9" not in ans.text, ans.text


def test_a_person_named_with_a_retired_mark_leads_the_programme(centre_assistant) -> None:
    ans = centre_assistant.ask("Who is in charge of the CBSI vetted units programme?")
    assert not ans.abstained and "Villiers-Grant" in ans.text, ans.text


def test_three_years_later_is_the_last_questions_year_and_three(centre_assistant) -> None:
    history = [
        {"role": "user", "content": "How much did CBSI obligate for the vetted units programme in FY2021?"},
        {"role": "assistant", "content": "US$3.4 million, in FY2021 [1]."},
    ]
    ans = centre_assistant.ask("What about three years later?", history=history)
    assert ans.text.startswith("US$5.1 million"), ans.text


@pytest.mark.parametrize(
    ("question", "why"),
    [
        # a committee's chair is not the chair of another committee named beside it
        ("Who chairs the Commission's new Audit and Risk Committee?", ""),
        # a regional review's office address ("Bridgetown, Barbados") does not make its figures Barbados's
        ("What is the re-arrest rate for graduates of Barbados's treatment court?", "Barbados"),
        # a table with rows for other disciplines has none for toxicology, a word no document uses
        ("What is the median turnaround time for toxicology cases at the WFC?", "toxicology"),
        # "who represented Jamaica" asks for a person; an agency named in the statement is none
        ("Who represented Jamaica at the Nassau ministerial dialogue on illicit firearms?", "Jamaica"),
    ],
)
def test_what_the_documents_leave_open(centre_assistant, question: str, why: str) -> None:
    ans = centre_assistant.ask(question)
    assert ans.abstained and why in ans.reason, (ans.text, ans.reason)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # the guards beside the gaps above: the same documents answer what they do say
        ("What is the re-arrest rate for graduates of the regional treatment courts?", "14.2 percent"),
        ("What is the median turnaround time for latent prints cases at the WFC?", "44"),
        ("Who chairs the Grants Committee?", "Grant decisions"),
    ],
)
def test_what_the_same_documents_do_say(centre_assistant, question: str, lead: str) -> None:
    ans = centre_assistant.ask(question)
    assert not ans.abstained and lead in ans.text, ans.text


def test_when_a_body_was_set_up_is_its_established_date_not_a_deadline(centre_assistant) -> None:
    ans = centre_assistant.ask("When was CARAP set up?")
    assert ans.text.startswith("12 October 2018"), ans.text
