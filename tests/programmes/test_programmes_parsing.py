"""Reading typed dates and times: what is accepted, and the GOV.UK message for everything else."""

from datetime import date, time

import pytest

from programmes.parsing import EARLIEST_YEAR, ParseError, date_from_parts, date_from_text, time_from_text


def message(function, *args, **kwargs) -> str:
    with pytest.raises(ParseError) as error:
        function(*args, **kwargs)
    return str(error.value)


# --- day, month and year boxes -----------------------------------------------------------------

@pytest.mark.parametrize("parts, expected", [
    (("29", "2", "2024"), date(2024, 2, 29)),
    (("01", "05", "2025"), date(2025, 5, 1)),
    ((" 12 ", "5", "2025"), date(2025, 5, 12)),
    (("31", "12", "9999"), date(9999, 12, 31)),
    (("1", "1", "1900"), date(1900, 1, 1)),
])
def test_real_dates_are_read(parts, expected):
    assert date_from_parts(*parts, "Date of the session") == expected


def test_three_empty_boxes_are_no_date_for_the_caller_to_require():
    assert date_from_parts("", " ", None, "Date of birth") is None


@pytest.mark.parametrize("parts, expected", [
    (("12", "", "2025"), "Date of birth must include a month"),
    (("", "5", "2025"), "Date of birth must include a day"),
    (("12", "5", ""), "Date of birth must include a year"),
    (("", "", "2025"), "Date of birth must include a day and month"),
    (("12", "", ""), "Date of birth must include a month and year"),
    (("", "5", ""), "Date of birth must include a day and year"),
    (("29", "2", "2025"), "Date of birth must be a real date"),
    (("31", "4", "2025"), "Date of birth must be a real date"),
    (("0", "4", "2025"), "Date of birth must be a real date"),
    (("12", "13", "2025"), "Date of birth must be a real date"),
    (("x", "5", "2025"), "Date of birth must be a real date"),
    (("12", "May", "2025"), "Date of birth must be a real date"),
    (("99999999", "5", "2025"), "Date of birth must be a real date"),
    (("1", "99999999999999", "2024"), "Date of birth must be a real date"),
    (("99", "99", "99999999999999"), "Date of birth must be a real date"),
    (("1", "5", "２０２５"), "Date of birth must be a real date"),
    (("1", "5", "25"), "Date of birth must include a year with 4 numbers"),
    (("1", "5", "20255"), "Date of birth must include a year with 4 numbers"),
    (("1", "1", "0000"), "Date of birth must be a real date"),
    (("31", "12", "1899"), f"Date of birth must be in {EARLIEST_YEAR} or later"),
    (("1", "1", "0001"), f"Date of birth must be in {EARLIEST_YEAR} or later"),
])
def test_each_kind_of_mistake_has_its_gov_uk_message(parts, expected):
    assert message(date_from_parts, *parts, "Date of birth") == expected


def test_year_1_is_a_real_date_of_the_plain_calendar():
    assert date_from_parts("1", "1", "0001", "Date", earliest_year=1) == date(1, 1, 1)


def test_the_message_names_the_field_it_is_about():
    assert message(date_from_parts, "31", "4", "2025", "Date consent was given") == (
        "Date consent was given must be a real date")


# --- typed dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2025-05-12", date(2025, 5, 12)),
    ("12/05/2025", date(2025, 5, 12)),
    ("1/5/2025", date(2025, 5, 1)),
    ("2024-02-29", date(2024, 2, 29)),
    ("  2025-05-12 ", date(2025, 5, 12)),
])
def test_typed_dates_are_read_iso_or_day_first(text, expected):
    assert date_from_text(text, "Date of the session") == expected


@pytest.mark.parametrize("text, expected", [
    ("2025-02-29", "Date of the session must be a real date"),
    ("2025-04-31", "Date of the session must be a real date"),
    ("31/04/2025", "Date of the session must be a real date"),
    ("2025-13-01", "Date of the session must be a real date"),
    ("12/05/25", "Date of the session must include a year with 4 numbers"),
    ("1899-12-31", "Date of the session must be in 1900 or later"),
    ("12.05.2025", "Date of the session must be a real date, like 12/05/2025 or 2025-05-12"),
    ("yesterday", "Date of the session must be a real date, like 12/05/2025 or 2025-05-12"),
])
def test_typed_dates_that_cannot_be_read(text, expected):
    assert message(date_from_text, text, "Date of the session") == expected


def test_typed_dates_can_be_iso_only():
    assert date_from_text("2025-05-12", "Date of the session", iso_only=True) == date(2025, 5, 12)
    assert message(date_from_text, "12/05/2025", "Date of the session", iso_only=True) == (
        "Date of the session must be written YYYY-MM-DD, like 2025-05-12")


def test_a_typed_date_and_the_boxes_give_the_same_words():
    assert message(date_from_text, "2025-04-31", "Date of birth") == message(
        date_from_parts, "31", "4", "2025", "Date of birth")


def test_blank_typed_text_is_no_date():
    assert date_from_text("  ", "Date of birth") is None
    assert date_from_text(None, "Date of birth") is None


# --- times -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("14:30", time(14, 30)),
    ("9:05", time(9, 5)),
    ("09.05", time(9, 5)),
    ("0:00", time(0, 0)),
    ("23:59", time(23, 59)),
    ("1430", time(14, 30)),
    ("0930", time(9, 30)),
    ("2:30pm", time(14, 30)),
    ("2.30pm", time(14, 30)),
    ("2:30 PM", time(14, 30)),
    ("2.30 p.m.", time(14, 30)),
    ("9am", time(9, 0)),
    ("9 a.m.", time(9, 0)),
    ("12pm", time(12, 0)),
    ("12am", time(0, 0)),
    ("12:15am", time(0, 15)),
])
def test_times_are_read(text, expected):
    assert time_from_text(text, "Start time") == expected


@pytest.mark.parametrize("text", ["2", "14", "02"])
def test_a_bare_number_is_refused_never_guessed(text):
    assert message(time_from_text, text, "Start time") == (
        "Start time must include the minutes, or am or pm, for example 14:00 or 2pm")


@pytest.mark.parametrize("text", [
    "24:00", "12:60", "25:00", "13pm", "0am", "14:30pm", "12:5", "230", "14:30:00", "teatime", "noon", "2:30 in the afternoon",
    "１４:３０",
])
def test_times_that_cannot_be_right(text):
    assert message(time_from_text, text, "Start time") == "Start time must be a real time, for example 14:30 or 2:30pm"


def test_blank_time_is_no_time_for_the_caller_to_require():
    assert time_from_text("", "Start time") is None
    assert time_from_text(None, "Start time") is None
