"""Reading what an open-data address answers: the bytes of a streamed or whole response, and the
text of any of its formats (an XLSX workbook's every cell), to look for planted markers."""

import io

from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def xlsx_cells(content: bytes) -> list[list[object]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [list(row) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]


def text(response) -> str:
    """The response as text whatever its format: an XLSX file's cells joined, anything else decoded."""
    content = body(response)
    if response.get("Content-Type", "").startswith(XLSX):
        return "\n".join(
            " ".join("" if value is None else str(value) for value in row) for row in xlsx_cells(content)
        )
    return content.decode()
