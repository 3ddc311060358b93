"""Return periods: quarters, financial years and custom ranges, with the year to date."""

from datetime import date

import pytest

from reports.periods import PeriodError, parse_period, quarter_label, recent_quarters


@pytest.mark.parametrize(
    "text,start,end,ytd_start",
    [
        ("2024-25-Q1", date(2024, 4, 1), date(2024, 6, 30), date(2024, 4, 1)),
        ("2024-25-Q2", date(2024, 7, 1), date(2024, 9, 30), date(2024, 4, 1)),
        ("2024-25-Q3", date(2024, 10, 1), date(2024, 12, 31), date(2024, 4, 1)),
        ("2024-25-Q4", date(2025, 1, 1), date(2025, 3, 31), date(2024, 4, 1)),
        ("2099-00-Q4", date(2100, 1, 1), date(2100, 3, 31), date(2099, 4, 1)),
        ("2024-25", date(2024, 4, 1), date(2025, 3, 31), date(2024, 4, 1)),
        ("2024-04-01..2024-06-30", date(2024, 4, 1), date(2024, 6, 30), date(2024, 4, 1)),
        ("2024-02-01..2024-05-31", date(2024, 2, 1), date(2024, 5, 31), date(2024, 4, 1)),
    ],
)
def test_periods_and_their_year_to_date(text, start, end, ytd_start):
    period = parse_period(text)
    assert (period.label, period.start, period.end, period.ytd_start) == (text, start, end, ytd_start)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2024",
        "2024-26",
        "2024-25-Q5",
        "2024-06-30..2024-04-01",
        "2024-02-30..2024-03-01",
        "Q1",
        "1999-00",
        "2024-25-q1 extra",
        "x" * 500,
    ],
)
def test_nonsense_is_refused_with_a_message(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert str(error.value)


def test_quarter_labels_and_recent_quarters():
    assert quarter_label(date(2025, 2, 3)) == "2024-25-Q4"
    assert [p.label for p in recent_quarters(date(2024, 8, 1), 2)] == [
        "2024-25-Q2",
        "2024-25-Q1",
        "2023-24-Q4",
    ]
