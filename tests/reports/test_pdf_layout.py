"""The return PDF fits its pages: every word of every page lies inside the page's margins, section F
sits on landscape pages, and every header of its outcome table (the last is "YTD % improved")
is on the page. Word positions come from ``pdftotext -bbox`` (poppler-utils)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from datetime import date

import pytest

from reports import ReturnDocument, canonical_dict, disclose, render
from reports.layout import layout

#: The template's left and right page margin (15 mm) in PDF points, less a point for rounding.
MARGIN = 15 / 25.4 * 72 - 1

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')


@dataclass
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]

    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def pages_of(pdf: bytes, tmp_path) -> list[Page]:
    from tests.conftest import require

    require(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    path = tmp_path / "return.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for number, (width, height, body) in enumerate(_PAGE.findall(out), start=1):
        words = [
            Word(html.unescape(text), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in _WORD.findall(body)
        ]
        pages.append(Page(number, float(width), float(height), words))
    return pages


@pytest.fixture
def pdf(records, build):
    """A VIP return with real figures in every section, and entered text that is hard to wrap."""
    components = ("VIP-C1", "VIP-C2", "VIP-C3", "VIP-C4")
    for n in range(14):
        case = records.case(started_on=date(2024, 4, 2 + n))
        for week in range(n % 5 + 1):
            records.session(case, date(2024, 5, 1 + week * 7), components=components[: n % 4 + 1])
        if n % 3 == 0:
            records.onward(case, date(2024, 6, 1))
        if n % 4 == 0:
            records.close(case, date(2024, 6, 20))
    built = build()
    area = [
        {
            "code": "knife_assault_admissions",
            "value": 41,
            "source": "https://fingertips.example.org/" + "profile-knife-crime-admissions-" * 4,
            "as_of": "2024-03-31",
        }
    ]
    narrative = {"barriers": "Unbroken" * 40, "learning": "Sessions moved to the school. " * 30}
    document = ReturnDocument(canonical_dict(disclose(built, "internal")), area, narrative, "Manager")
    return render(document, "pdf"), layout(document).outcome_tables


def test_no_word_of_any_page_runs_outside_its_margins(pdf, tmp_path):
    pages = pages_of(pdf[0], tmp_path)
    assert len(pages) > 5
    outside = [
        (page.number, word.text)
        for page in pages
        for word in page.words
        if word.x_min < MARGIN
        or word.x_max > page.width - MARGIN
        or word.y_min < 0
        or word.y_max > page.height
    ]
    assert outside == []


def test_section_f_is_landscape_and_shows_every_header(pdf, tmp_path):
    document, tables = pdf
    pages = pages_of(document, tmp_path)
    start = next((page.number for page in pages if "Theory-of-change outcomes" in page.text()), None)
    assert start is not None, "no page holds section F"
    f_pages = [page for page in pages if page.number >= start and page.width > page.height]
    other = [p for p in pages if p.number < start]
    assert other and all(p.width < p.height for p in other)  # the rest stay portrait
    assert tables, "section F has an outcome table"
    headers = [word for page in f_pages for word in page.words if word.text == "Outcome"]
    assert len(headers) >= len(tables)
    for table, outcome in zip(tables, headers, strict=False):
        page = next(page for page in f_pages if outcome in page.words)
        assert page.width > page.height
        # The header row: its cells wrap to two lines at most, and the first body row starts lower.
        header = [word for word in page.words if outcome.y_min - 1 <= word.y_min < outcome.y_min + 16]
        labels = ["Outcome", "Term", *table.headings]
        expected = Counter(token for label in labels for token in label.split())
        assert Counter(word.text for word in header) == expected, table.title
        last = table.headings[-1].split()
        rightmost = max(header, key=lambda word: word.x_max)
        assert rightmost.text in last and rightmost.x_max <= page.width - MARGIN
        first = next(word for word in page.words if word.text == "VIP-S1" and word.y_min > outcome.y_min)
        row = [word.text for word in page.words if abs(word.y_min - first.y_min) < 1 and word.x_min > first.x_max]
        figures = [text for text in row if re.fullmatch(r"[\d.,]+%?|–|c", text)]
        assert len(figures) == len(table.cells) and int(figures[0]) > 0, row  # real figures, every column shown
