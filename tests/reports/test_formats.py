"""Every format opens: CSV parses, XLSX reads back, the PDF's text holds the headline figures, the
HTML is one file; text that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from reports import ReturnDocument, canonical_dict, disclose, render
from reports.documents import RefusingURLFetcher
from reports.exports import CSV_FIELDS, neutralise

AREA = [
    {
        "code": "knife_assault_admissions",
        "value": 41,
        "source": '=HYPERLINK("http://x")',
        "as_of": "2024-03-31",
    }
]
NARRATIVE = {"delivery_against_profile": "@SUM(A1) on profile", "case_study": "-A young person engaged well."}


@pytest.fixture
def document(records, build):
    for n in range(12):
        case = records.case(started_on=date(2024, 4, 2 + n))
        records.session(case, date(2024, 5, 1), components=("VIP-C1",))
    built = build()
    return ReturnDocument(canonical_dict(disclose(built, "internal")), AREA, NARRATIVE, "Manager")


def test_json_is_the_canonical_bytes(document):
    data = json.loads(render(document, "json"))
    assert data == document.data


def test_csv_parses_in_long_form_and_neutralises_formulas(document):
    text = render(document, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_FIELDS
    b1 = next(row for row in rows if row["figure_code"] == "B1" and not row["breakdown"])
    assert (b1["section"], b1["label"], b1["period_value"], b1["ytd_value"]) == (
        "B",
        "Referrals received",
        "12",
        "12",
    )
    assert any(row["breakdown"] == "reached" and row["category"] == "VIP-S1" for row in rows)
    area = next(row for row in rows if row["section"] == "H")
    assert area["period_value"] == "41"
    assert "=HYPERLINK" in area["label"] and not area["label"].startswith("=")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+44") == "'+44"
    assert neutralise("-2") == "'-2"
    assert neutralise("@cmd") == "'@cmd"
    assert neutralise("plain") == "plain"
    assert neutralise(-2) == -2


def test_xlsx_has_a_sheet_per_section_and_reads_back(document):
    workbook = load_workbook(io.BytesIO(render(document, "xlsx")))
    assert [name[0] for name in workbook.sheetnames] == list("ABCDEFGHI")
    section_b = workbook[workbook.sheetnames[1]]
    rows = list(section_b.iter_rows(values_only=True))
    assert rows[0] == ("Figure code", "Figure", "Breakdown", "Category", "Period", "Year to date")
    assert ("B1", "Referrals received", None, "Total", 12, 12) in rows
    area = list(workbook[workbook.sheetnames[7]].iter_rows(values_only=True))
    assert area[1][2] == '\'=HYPERLINK("http://x")'
    narrative = list(workbook[workbook.sheetnames[8]].iter_rows(values_only=True))
    texts = [row[1] for row in narrative[1:]]
    assert "'@SUM(A1) on profile" in texts and "'-A young person engaged well." in texts
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_the_pdf_holds_cover_sections_outcomes_and_headline_figures(document, tmp_path):
    from tests.conftest import require

    require(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    pdf = render(document, "pdf")
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "return.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Monitoring return: Violence Intervention" in text
    assert "B1 Referrals received" in text
    assert "B3 Cases started" in text
    assert "VIP-S1" in text and "Theory-of-change outcomes" in text
    assert "Page 1 of" in text or "Page 2 of" in text
    headline = next(line for line in text.splitlines() if line.strip().startswith("Total"))
    assert "12" in headline


def test_the_html_file_is_self_contained(document):
    html = render(document, "html").decode()
    assert html.startswith("<!DOCTYPE html>")
    assert "src=" not in html and "<link" not in html
    assert "B1 Referrals received" in html


def test_the_pdf_fetcher_refuses_files_and_other_machines():
    fetcher = RefusingURLFetcher()
    for url in ("file:///etc/passwd", "http://example.org/x.png", "https://127.0.0.1/", "ftp://x/y"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_a_pdf_never_reads_a_local_file(tmp_path):
    from weasyprint import HTML

    secret = tmp_path / "secret.css"
    secret.write_text("body { background: red }")
    fetched = []

    class Recording(RefusingURLFetcher):
        def fetch(self, url, headers=None):
            fetched.append(url)
            return super().fetch(url, headers)

    html = f'<link rel="stylesheet" href="file://{secret}"><img src="file:///etc/passwd"><p>Hello</p>'
    pdf = HTML(string=html, url_fetcher=Recording()).write_pdf()
    assert pdf.startswith(b"%PDF") and fetched  # asked, and refused
