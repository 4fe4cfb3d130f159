"""Bar charts drawn on the server as SVG: no script, no third party, the same numbers as the
table beside them. A count under 5 is drawn as a dashed stub of no meaningful length, worded
"fewer than 5", so that the chart never tells what the table does not."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

WIDTH = 640
BAR_AREA = 520
ROW_HEIGHT = 36
STUB = 14
BAR_COLOUR = "#1f5f8b"


def bar_chart(figure, *, chart_id: str) -> str:
    """The figure as an SVG image; its title and description name what it shows."""
    height = max(ROW_HEIGHT * len(figure.rows), ROW_HEIGHT)
    largest = figure.largest or 1
    rows = []
    for index, row in enumerate(figure.rows):
        top = index * ROW_HEIGHT
        if row.hidden:
            bar = format_html(
                '<rect x="0" y="{}" width="{}" height="12" fill="none" stroke="{}" stroke-dasharray="3 2"/>',
                top + 18, STUB, BAR_COLOUR)
            value_x = STUB + 6
        else:
            length = round(BAR_AREA * row.count / largest) if row.count else 0
            bar = format_html('<rect x="0" y="{}" width="{}" height="12" fill="{}"/>', top + 18, length, BAR_COLOUR)
            value_x = length + 6
        rows.append((top + 13, row.label, bar, value_x, top + 29, row.shown))
    body = format_html_join(
        "", '<g><text x="0" y="{}" font-size="13" fill="#1b1b1b">{}</text>{}'
            '<text x="{}" y="{}" font-size="12" fill="#1b1b1b">{}</text></g>', rows)
    description = _("%(count)s barres, une par ligne du tableau qui suit ; « moins de 5 » est dessiné "
                    "en pointillé, sans longueur.") % {"count": len(figure.rows)}
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        'width="100%" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>{body}</svg>',
        width=WIDTH, height=height, id=chart_id, title=figure.title, description=description, body=body)
