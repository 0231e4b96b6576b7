"""Charts as hand-written SVG, drawn from a report table: bars to compare, a line for a trend over years.

The same markup is inlined in the web page and in the PDF (WeasyPrint draws SVG itself), so the font family is
named on every text element: without it WeasyPrint falls back to a font with no Chinese glyphs. Drawn on a
640-unit-wide canvas that prints at the A4 text width (≈170 mm), so 13 units print at about 10 pt. Labels are
wrapped onto as many lines as they need, never cut.
"""

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from .figures import Table

FONT = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"
COLOURS = ("#2f6fb0", "#e08a1e", "#3a9a5b", "#b5473a")
WIDTH = 640
LABEL_WIDTH = 210  # the label column of a bar chart
VALUE_ROOM = 70  # room right of the longest bar for its value
TEXT = 13  # label size
SMALL = 12  # values, legend, axis
BAR = 16  # one bar per row; grouped bars are thinner
GROUPED_BAR = 12
LINE_GAP = 3
ROW_PADDING = 6


def _number(value) -> float:
    if value is None:
        return 0.0
    return float(value) if isinstance(value, int | float | Decimal) else 0.0


def _text_width(text: str, size: float) -> float:
    """Approximate printed width: a Chinese character is one em, anything else about half of one."""
    return sum(size if ord(char) > 0x2E7F else size * 0.55 for char in text)


def wrap(text: str, width: float, size: float = TEXT) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (by character: Chinese has no spaces to break at)."""
    lines, line = [], ""
    for char in str(text):
        if line and _text_width(line + char, size) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line or not lines else lines


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = TEXT, fill: str = "#222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" fill="{fill}" '
            f'text-anchor="{anchor}">{escape(content)}</text>')


def _legend(table: Table, columns: tuple[int, ...], y: float, x0: float) -> list[str]:
    parts, x = [], x0
    for index, column in enumerate(columns):
        parts.append(f'<rect x="{x:.1f}" y="{y - 10}" width="12" height="12" fill="{COLOURS[index % len(COLOURS)]}"/>')
        parts.append(_text(x + 16, y, table.columns[column], size=SMALL))
        x += 28 + _text_width(table.columns[column], SMALL)
    return parts


def _shown(value, percent: bool) -> str:
    if value is None:
        return "—"
    return f"{value:,}{'%' if percent else ''}" if isinstance(value, int) else f"{value}{'%' if percent else ''}"


def _top(table: Table) -> float:
    if table.chart.percent:
        return 100.0
    return max([_number(row[c]) for row in table.rows for c in table.chart.value_columns] + [1.0])


def _bars(table: Table) -> str:
    chart = table.chart
    columns = chart.value_columns
    top = _top(table)
    area = WIDTH - LABEL_WIDTH - VALUE_ROOM
    parts = _legend(table, columns, 16, LABEL_WIDTH) if len(columns) > 1 else []
    y = 30 if len(columns) > 1 else 6
    bar = BAR if len(columns) == 1 else GROUPED_BAR
    for row in table.rows:
        lines = wrap(row[chart.label_column], LABEL_WIDTH - 12)
        bars_height = bar * len(columns) + 2 * (len(columns) - 1)
        height = max(bars_height, len(lines) * (TEXT + LINE_GAP)) + ROW_PADDING
        text_top = y + (height - len(lines) * (TEXT + LINE_GAP)) / 2 + TEXT
        for number, line in enumerate(lines):
            parts.append(_text(LABEL_WIDTH - 10, text_top + number * (TEXT + LINE_GAP), line, anchor="end"))
        bar_y = y + (height - bars_height) / 2
        for offset, column in enumerate(columns):
            value = _number(row[column])
            width = area * value / top if top else 0
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{bar_y:.1f}" width="{width:.1f}" height="{bar}" '
                         f'fill="{COLOURS[offset % len(COLOURS)]}"/>')
            parts.append(_text(LABEL_WIDTH + width + 5, bar_y + bar - 2, _shown(row[column], chart.percent),
                               size=SMALL))
            bar_y += bar + 2
        y += height
    parts.append(f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{y:.1f}" stroke="#888"/>')
    return _svg(table, WIDTH, y + 6, parts)


def _line(table: Table) -> str:
    """One line per value column over the rows (years), with each point's value."""
    chart = table.chart
    columns = chart.value_columns
    top = _top(table) * 1.15
    left, right, plot_top, plot_height = 56, WIDTH - 30, 34, 200
    base = plot_top + plot_height
    step = (right - left) / max(len(table.rows) - 1, 1)
    parts = _legend(table, columns, 16, left)
    for tick in range(5):
        value = top * tick / 4
        y = base - plot_height * tick / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(left - 6, y + 4, f"{value:.0f}", anchor="end", size=SMALL, fill="#555"))
    for index, row in enumerate(table.rows):
        parts.append(_text(left + step * index, base + 20, str(row[chart.label_column]), anchor="middle"))
    for offset, column in enumerate(columns):
        colour = COLOURS[offset % len(COLOURS)]
        points = [(left + step * index, base - plot_height * _number(row[column]) / top if top else base)
                  for index, row in enumerate(table.rows)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for (x, y), row in zip(points, table.rows, strict=True):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
            parts.append(_text(x, y - 8 + offset * 26, _shown(row[column], chart.percent), anchor="middle",
                               size=SMALL, fill=colour))
    return _svg(table, WIDTH, base + 30, parts)


def _svg(table: Table, width: float, height: float, parts: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
            f'aria-label="{escape(table.title)}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}">' + "".join(parts) + "</svg>")


def chart_svg(table: Table) -> SafeString:
    """The table's chart as SVG markup; empty when it has no chart, no rows or nothing but zeros (the table says
    that in less room), and a line needs two years."""
    if table.chart is None or not any(_number(row[c]) for row in table.rows for c in table.chart.value_columns):
        return mark_safe("")
    if table.chart.kind == "line":
        if len(table.rows) < 2:
            return mark_safe("")
        drawn = _line(table)
    else:
        drawn = _bars(table)
    return mark_safe(drawn)  # noqa: S308 — every piece of text above went through escape()
