"""Charts drawn as inline SVG on the server: no script, no image request, a few hundred
bytes, readable by screen readers (a title and an aria-label) and sharp on any screen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

#: The colours of completeness states: grey (nothing yet) to green (public).
STATE_COLOURS: dict[str, str] = {
    "missing": "#c9ced6", "draft": "#f0c36d", "submitted": "#7fb3d5",
    "returned": "#e08a7d", "approved": "#5aa469", "published": "#1b7f3b",
}

_WIDTH, _LABEL, _ROW, _BAR = 640, 170, 24, 16


def stacked_bars(rows: Sequence[tuple[str, Mapping[str, int]]], order: Sequence[str],
                 names: Mapping[str, str], *, title: str) -> Markup:
    """A horizontal bar per row, split by `order`'s states in proportion to each row's
    total (so rows of different sizes compare), with a legend naming each state.
    Each segment's tooltip says its state and count."""
    bar_width = _WIDTH - _LABEL - 10
    legend_y = len(rows) * _ROW + 8
    # The legend in rows of three: Khmer state names are long.
    height = legend_y + 20 * ((len(order) + 2) // 3) + 4
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'viewBox="0 0 {_WIDTH} {height}" width="100%" aria-label="{escape(title)}">'
             f'<title>{escape(title)}</title><g font-size="12">']
    for index, (label, counts) in enumerate(rows):
        y = index * _ROW
        total = sum(counts.get(state, 0) for state in order)
        parts.append(f'<text x="0" y="{y + 13}">{escape(label[:28])}</text>')
        x = float(_LABEL)
        for state in order:
            count = counts.get(state, 0)
            if not count or not total:
                continue
            width = bar_width * count / total
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{_BAR}" '
                         f'fill="{STATE_COLOURS.get(state, "#888")}"><title>'
                         f'{escape(label)}: {escape(names.get(state, state))} {count}'
                         f'</title></rect>')
            x += width
    for index, state in enumerate(order):
        x, y = (index % 3) * _WIDTH // 3, legend_y + 20 * (index // 3)
        parts.append(f'<rect x="{x}" y="{y}" width="10" height="10" '
                     f'fill="{STATE_COLOURS.get(state, "#888")}"/>'
                     f'<text x="{x + 14}" y="{y + 10}">{escape(names.get(state, state))}</text>')
    parts.append("</g></svg>")
    return Markup("".join(parts))
