"""Charts as hand-written SVG, drawn from a report table.

The same markup is inlined in the web page and in the PDF (WeasyPrint
draws SVG itself), so the font family is named on every text element:
without it WeasyPrint falls back to a font with no Chinese glyphs.
"""

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from .figures import Table

FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif"
COLOURS = ("#2f6fb0", "#e08a1e", "#3a9a5b", "#b5473a")
LABEL_WIDTH = 190
BAR_AREA = 330
ROW_HEIGHT = 22


def _number(value) -> float:
    if value is None:
        return 0.0
    return float(value) if isinstance(value, int | float | Decimal) else 0.0


def _label(value, limit: int = 14) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 11, fill: str = "#222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" fill="{fill}" '
            f'text-anchor="{anchor}">{escape(content)}</text>')


def _legend(table: Table, columns: tuple[int, ...], y: float) -> list[str]:
    parts = []
    for index, column in enumerate(columns):
        x = LABEL_WIDTH + index * 150
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{COLOURS[index % len(COLOURS)]}"/>')
        parts.append(_text(x + 14, y, table.columns[column], size=10))
    return parts


def _bars(table: Table) -> str:
    chart = table.chart
    columns = chart.value_columns
    top = 100.0 if chart.percent else max(
        [_number(row[c]) for row in table.rows for c in columns] + [1.0])
    group = ROW_HEIGHT * len(columns) + 8
    height = 30 + group * len(table.rows)
    parts = _legend(table, columns, 14) if len(columns) > 1 else []
    for index, row in enumerate(table.rows):
        y0 = 24 + index * group
        parts.append(_text(LABEL_WIDTH - 6, y0 + group / 2, _label(row[chart.label_column]), anchor="end"))
        for offset, column in enumerate(columns):
            value = _number(row[column])
            width = BAR_AREA * value / top if top else 0
            y = y0 + offset * ROW_HEIGHT
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width:.1f}" height="{ROW_HEIGHT - 6}" '
                         f'fill="{COLOURS[offset % len(COLOURS)]}"/>')
            shown = "—" if row[column] is None else f"{row[column]}{'%' if chart.percent else ''}"
            parts.append(_text(LABEL_WIDTH + width + 4, y + ROW_HEIGHT - 7, shown, size=10))
    return _svg(table, LABEL_WIDTH + BAR_AREA + 70, height, parts)


def _columns(table: Table) -> str:
    chart = table.chart
    columns = chart.value_columns
    top = 100.0 if chart.percent else max(
        [_number(row[c]) for row in table.rows for c in columns] + [1.0])
    plot_height, bar, gap = 160, 16, 18
    group = bar * len(columns) + gap
    width = max(60 + group * len(table.rows), 360)
    parts = _legend(table, columns, 14)
    base = 30 + plot_height
    parts.append(f'<line x1="40" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#888"/>')
    for index, row in enumerate(table.rows):
        x0 = 50 + index * group
        for offset, column in enumerate(columns):
            value = _number(row[column])
            h = plot_height * value / top if top else 0
            x = x0 + offset * bar
            parts.append(f'<rect x="{x}" y="{base - h:.1f}" width="{bar - 2}" height="{h:.1f}" '
                         f'fill="{COLOURS[offset % len(COLOURS)]}"/>')
            parts.append(_text(x + (bar - 2) / 2, base - h - 3, str(row[column] or 0), anchor="middle", size=9))
        parts.append(_text(x0 + (group - gap) / 2, base + 14, _label(row[chart.label_column], 6),
                           anchor="middle", size=10))
    return _svg(table, width, base + 24, parts)


def _svg(table: Table, width: float, height: float, parts: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
            f'aria-label="{escape(table.title)}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}">' + "".join(parts) + "</svg>")


def chart_svg(table: Table) -> SafeString:
    """The table's chart as SVG markup; empty when it has no chart or no rows."""
    if table.chart is None or not table.rows:
        return mark_safe("")
    drawn = _bars(table) if table.chart.kind == "bar" else _columns(table)
    return mark_safe(drawn)  # noqa: S308 — every piece of text above went through escape()
