"""Reading an uploaded file as CSV and each row's cells as values, with every problem named by
file, row and column.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2 (a
cell with line breaks inside quotes is still one row). Nothing here raises on bad input: empty
files, other encodings, spreadsheets saved in their own format, binary files and oversized cells
all become problems.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import partial

from casework.imports.cells import CellError, DateCell, Parser, clean_text, quoted
from casework.imports.schemas import Kind
from programmes.parsing import ISO_DATES, UK_DATES, date_written_as


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an import file; `column` is empty when it is about the whole row or file."""

    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass
class Row:
    """One record row: its spreadsheet row number and its cells parsed into values."""

    number: int
    values: dict[str, object] = field(default_factory=dict)

    @property
    def reference(self) -> str:
        return self.values["provider_reference"]  # type: ignore[return-value]


@dataclass
class Table:
    """A read file: the columns it has and the rows whose cells could all be read."""

    columns: tuple[str, ...]
    rows: list[Row]
    #: How many record rows the file has (blank rows left out), readable or not.
    row_count: int
    #: How the file's dates are written (ISO_DATES or UK_DATES); None when it has no date in either way.
    date_format: str | None = None


_SAVE_AS = "In your spreadsheet choose Save As and the type “CSV UTF-8 (comma delimited)”, then import that file."


class Problems:
    """Collects the problems of one file."""

    def __init__(self, file_name: str):
        self.file_name = file_name
        self.items: list[Problem] = []

    def add(self, row: int, column: str, reason: str) -> None:
        self.items.append(Problem(self.file_name, row, column, reason))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


def decode(data: bytes, problems: Problems) -> str | None:
    """The file's text, or None (with a problem saying why) when it is not UTF-8 CSV text."""
    if not data.strip():
        problems.add(1, "", "The file is empty: it needs a header row and at least one row of records.")
        return None
    if data[:4] == b"PK\x03\x04" or data[:4] == b"\xd0\xcf\x11\xe0":
        problems.add(1, "", "This is a spreadsheet file (Excel or OpenDocument), not a CSV file. " + _SAVE_AS)
        return None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        problems.add(1, "", "The file is saved as UTF-16 (“Unicode text”), not UTF-8. " + _SAVE_AS)
        return None
    # Text holds no NUL bytes; binary files hold many. A stray one in text is dropped later
    # with the other control characters.
    nul_bytes = data.count(b"\x00")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if nul_bytes:
            problems.add(1, "", "This is not a CSV file: it holds binary data. " + _SAVE_AS)
            return None
        line = data[: error.start].count(b"\n") + 1
        problems.add(line, "", f"The file is not UTF-8 text (line {line} has a character that is not UTF-8). " + _SAVE_AS)
        return None
    if nul_bytes * 100 > len(data):
        problems.add(1, "", "This is not a CSV file: it holds binary data. " + _SAVE_AS)
        return None
    return text


def _records(text: str, problems: Problems):
    """Yield (row number, cells) for each record; a CSV syntax error ends the file with a problem."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            message = str(error)
            if "field larger than field limit" in message:
                reason = f"A cell is longer than {csv.field_size_limit():,} characters, which no column accepts."
            else:
                reason = f"This row cannot be read as CSV ({message})."
            problems.add(number + 1, "", reason + " Nothing after it was read.")
            return
        number += 1
        yield number, cells


def read(data: bytes, kind: Kind, problems: Problems) -> Table | None:
    """Read `data` as an import file of `kind`: check the header, then parse every cell.

    Returns None when the file or its header cannot be used (the problems say why); otherwise a
    Table of the rows whose cells all parsed, with a problem for each cell that did not.
    """
    text = decode(data, problems)
    if text is None:
        return None
    records = _records(text, problems)
    first = next(records, None)
    if first is None:
        if not problems:
            problems.add(1, "", "The file is empty: it needs a header row and at least one row of records.")
        return None
    columns = _check_header(first[1], kind, problems)
    if columns is None:
        return None
    by_name = {column.name: column for column in kind.columns}
    # Every row is read before any is parsed: the file's dates decide how each date is read.
    lines = [(number, cells) for number, cells in records if any(cell.strip() for cell in cells)]
    dates = [(index, name) for index, name in enumerate(columns) if isinstance(by_name[name].parse, DateCell)]
    before = len(problems)
    date_format = _date_format(lines, dates, problems)
    if len(problems) > before:
        return None
    plan = [(index, name, _parser(by_name[name].parse, date_format), by_name[name].required)
            for index, name in enumerate(columns)]
    absent = [name for name in by_name if name not in columns]
    rows: list[Row] = []
    count = 0
    width = len(columns)
    for number, cells in lines:  # blank rows left out: spreadsheets often end with some
        count += 1
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            problems.add(number, "", f"This row has {len(cells)} cells but the header has {width} columns.")
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        values: dict[str, object] = dict.fromkeys(absent)
        ok = True
        for index, name, parse, required in plan:
            cell = cells[index].strip()
            if not cell:
                if required:
                    problems.add(number, name, "This column is required: enter a value.")
                    ok = False
                values[name] = None
                continue
            try:
                values[name] = parse(cell)
            except CellError as error:
                problems.add(number, name, str(error))
                ok = False
        if ok:
            rows.append(Row(number, values))
    if count == 0 and not problems:
        problems.add(2, "", "The file has a header but no rows of records.")
    return Table(columns, rows, count, date_format)


def _parser(parse: Parser, date_format: str | None) -> Parser:
    """A column's parser, reading a date column's cells the way the file's dates are written."""
    return partial(parse, written_as=date_format) if date_format and isinstance(parse, DateCell) else parse


def _date_format(lines: list[tuple[int, list[str]]], dates: list[tuple[int, str]], problems: Problems) -> str | None:
    """How the file's dates are written, decided by its first date written in either way; a date
    written the other way is a problem, naming the first such cell. None when no date is. A
    day-first date is always read DD/MM/YYYY, never month first (so 05/13/2025 is no real date)."""
    first: tuple[str, int, str] | None = None
    for number, cells in lines:
        for index, name in dates:
            form = date_written_as(cells[index]) if index < len(cells) else None
            if form is None:
                continue
            if first is None:
                first = (form, number, name)
            elif form != first[0]:
                problems.add(number, name, f"This date is written {form}, but the first date in the file (row "
                                           f"{first[1]}, column {first[2]}) is written {first[0]}: write every date "
                                           f"in the file one way, all {ISO_DATES} or all {UK_DATES} "
                                           f"(got {quoted(cells[index].strip())})")
                return None
    return first[0] if first else None


def _check_header(cells: list[str], kind: Kind, problems: Problems) -> tuple[str, ...] | None:
    """The column names of the header, or None when a column is unknown, missing or repeated."""
    names = [clean_text(cell).strip().lower() for cell in cells]
    while names and not names[-1]:
        names.pop()
    known = set(kind.header)
    before = len(problems)
    if len(names) == 1 and ";" in names[0] and not known.intersection([names[0]]):
        problems.add(1, "", "The header is separated by semicolons; the file must be separated by commas. " + _SAVE_AS)
        return None
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        if not name:
            problems.add(1, "", f"Column {position} of the header has no name.")
        elif name in seen:
            problems.add(1, name, f"The column {quoted(name)} appears twice in the header.")
        elif name not in known:
            problems.add(1, name, f"Unknown column {quoted(name)}: a {kind.name} file has the columns "
                                  f"{', '.join(kind.header)}.")
        seen.add(name)
    for name in kind.required:
        if name not in seen:
            problems.add(1, name, f"The header has no column {quoted(name)}, which a {kind.name} file needs.")
    if len(problems) > before:
        return None
    return tuple(names)
