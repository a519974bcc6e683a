"""The cell values of a worksheet opened by openpyxl in read-only mode, read faster than openpyxl does.

openpyxl builds a dict and, for an inline string, a tree of typed objects for every cell: several
times the cost of parsing the XML, and most of the time an import of a long plan takes. Here the
cells nearly every plan consists of (shared and inline strings, text results, plain numbers) are
read directly, and every other cell (dates, times, booleans, ISO dates, errors) goes through
openpyxl's own cell parser. The rows are exactly what `sheet.iter_rows(values_only=True)` yields
(the tests compare the two on cells of every kind); the workbook, its shared strings, styles and
date system are still read by openpyxl, with all its checks.
"""

from collections.abc import Iterator
from typing import Any

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import (
    DATA_TAG,
    INLINE_STRING,
    ROW_TAG,
    VALUE_TAG,
    WorkSheetParser,
    _cast_number,
)
from openpyxl.xml.functions import iterparse, localname


def _inline_text(element: Any) -> str:
    """openpyxl's `Text.from_tree(element).content`: the plain text, then the rich-text runs;
    phonetic runs left out."""
    plain, runs = None, []
    for child in element:
        tag = localname(child)
        if tag == "t":
            plain = child.text
        elif tag == "r":
            text = None
            for part in child:
                if localname(part) == "t":
                    text = part.text
            if text is not None:
                runs.append(text)
    return "".join([plain, *runs] if plain is not None else runs)


def _row_number(element: Any, previous: int) -> int:
    """As openpyxl's `WorkSheetParser.parse_row` reads it."""
    number = element.get("r")
    if number is None:
        return previous + 1
    try:
        return int(number)
    except ValueError:
        value = float(number)
        if not value.is_integer():
            raise ValueError(f"{number} is not a valid row number") from None
        return int(value)


def _style(cell: Any) -> Any:
    """The style id as openpyxl's `parse_cell` takes it (an empty attribute stays "")."""
    style = cell.get("s", 0)
    return int(style) if style else style


def sheet_values(sheet: ReadOnlyWorksheet) -> Iterator[tuple[Any, ...]]:
    """`sheet.iter_rows(values_only=True)` of a workbook loaded with `read_only=True, data_only=True`.

    As openpyxl does, rows missing from the file come as empty rows (so row numbers stay those of
    the file) and, when the sheet states its dimensions, every row is as wide as the sheet."""
    workbook = sheet.parent
    strings = sheet._shared_strings
    dates = workbook._date_formats
    cells = WorkSheetParser(
        None,
        strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=dates,
        timedelta_formats=workbook._timedelta_formats,
    )
    max_column, max_row = sheet.max_column, sheet.max_row
    empty_row: tuple[Any, ...] = (None,) * max_column if max_column is not None else ()
    counter = index = 1  # as in openpyxl's `ReadOnlyWorksheet._cells_by_row`
    number = 0  # the row counter of openpyxl's `WorkSheetParser`
    with sheet._get_source() as source:
        data = None
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                if element.tag == DATA_TAG:
                    data = element
                continue
            if element.tag != ROW_TAG:
                continue
            index = number = _row_number(element, number)
            if max_row is not None and index > max_row:
                break
            values: list[Any] = []  # by column, None where the file has no cell
            column = last = 0
            for cell in element:
                kind = cell.get("t", "n")
                reference = cell.get("r")
                column = coordinate_to_tuple(reference)[1] if reference else column + 1
                if kind == "inlineStr":
                    child = cell.find(INLINE_STRING)
                    value = None if child is None else _inline_text(child)
                else:
                    text = cell.findtext(VALUE_TAG, None) or None
                    if text is None or kind == "str":
                        value = text
                    elif kind == "s":
                        value = strings[int(text)]
                    elif kind == "n" and _style(cell) not in dates:
                        value = _cast_number(text)
                    else:
                        value = cells.parse_cell(cell)["value"]
                if column > len(values):
                    values.extend([None] * (column - len(values)))
                values[column - 1] = value
                last = column
            if data is not None:
                data.clear()  # the rows read so far: memory stays flat however long the sheet
            while counter < index:
                counter += 1
                yield empty_row
            if counter == index:
                counter += 1
                yield _fitted(values, max_column or last)
    if max_row is not None and max_row < index:
        for _ in range(counter, max_row + 1):
            yield empty_row


def _fitted(values: list[Any], width: int) -> tuple[Any, ...]:
    """As wide as openpyxl's `ReadOnlyWorksheet._get_row` makes a row: the sheet's width, or up to
    the row's last cell when the sheet states none."""
    if width <= len(values):
        return tuple(values[:width])
    return (*values, *([None] * (width - len(values))))
