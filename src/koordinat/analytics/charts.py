"""Horizontal bar charts for the official report, drawn without a charting library: SVG markup for
the PDF (WeasyPrint draws it with the document's fonts) and a PNG through Pillow for the DOCX. The
document prints each chart's figures as a table beside it, so the chart adds a picture, not data."""

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.html import escape

FONTS = Path(__file__).resolve().parent.parent / "static" / "dist" / "fonts"
COLOURS = ["#1d70b8", "#4c2c92", "#00703c", "#28a197", "#505a5f", "#d4351c", "#f47738"]
LABEL_CHARS = 48


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str


def bars(rows: list[tuple[str, int]], colours: list[str] | None = None) -> list[Bar]:
    palette = colours or COLOURS
    return [
        Bar(_short(label), value, palette[index % len(palette)]) for index, (label, value) in enumerate(rows)
    ]


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def svg(title: str, chart: list[Bar]) -> str:
    """The chart as inline SVG, as wide as the text column."""
    row, label_width, bar_width = 22, 300, 300
    height = row * len(chart) + 8
    largest = max((bar.value for bar in chart), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {label_width + bar_width + 60} {height}" '
        f'width="100%" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for index, bar in enumerate(chart):
        y = 4 + index * row
        width = round(bar_width * bar.value / largest, 1)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end" font-size="11">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{max(width, 0.5)}" height="{row - 8}" fill="{bar.colour}"/>'
            f'<text x="{label_width + width + 5}" y="{y + 14}" font-size="11">{bar.value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@cache
def _font(size: int) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS / "NotoSans-Regular.ttf"), size)


def png(chart: list[Bar]) -> bytes:
    """The chart as a PNG, twice the size it is printed at so that it stays sharp."""
    from PIL import Image, ImageDraw

    row, label_width, bar_width = 44, 640, 620
    font = _font(22)
    image = Image.new("RGB", (label_width + bar_width + 120, row * len(chart) + 16), "white")
    draw = ImageDraw.Draw(image)
    largest = max((bar.value for bar in chart), default=0) or 1
    for index, bar in enumerate(chart):
        y = 8 + index * row
        width = round(bar_width * bar.value / largest)
        draw.text((label_width - 12, y + row // 2), bar.label, fill="black", font=font, anchor="rm")
        draw.rectangle((label_width, y + 6, label_width + max(width, 1), y + row - 6), fill=bar.colour)
        draw.text(
            (label_width + width + 10, y + row // 2), str(bar.value), fill="black", font=font, anchor="lm"
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
