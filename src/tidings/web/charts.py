"""Charts as inline SVG drawn on the server: no JavaScript library, nothing to download.

Colours come from CSS classes (static/style.css), never from style attributes, so the
pages keep a Content-Security-Policy without 'unsafe-inline'. Every label is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 64, 12, 44


def _frame(body: list[str], label: str, width: int = WIDTH, height: int = HEIGHT) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{escape(label)}" '
            f'xmlns="http://www.w3.org/2000/svg">' + "".join(body) + "</svg>")


def _x_labels(periods: Sequence[str], x0: float, step: float) -> list[str]:
    """Period labels under the bars, thinned so they never overlap."""
    every = max(1, math.ceil(len(periods) / 12))
    out = []
    for i, period in enumerate(periods):
        if i % every == 0:
            x = x0 + step * (i + 0.5)
            out.append(f'<text class="axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                       f'text-anchor="middle">{escape(period[:7])}</text>')
    return out


def _y_axis(top_value: float, bottom_value: float = 0.0, ticks: int = 4) -> list[str]:
    out = []
    plot_h = HEIGHT - TOP - BOTTOM
    for i in range(ticks + 1):
        value = bottom_value + (top_value - bottom_value) * i / ticks
        y = HEIGHT - BOTTOM - plot_h * i / ticks
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
                   f'{value:g}</text>')
    return out


def stacked_bars(periods: Sequence[str], series: dict[str, Sequence[float]],
                 names: dict[str, str], label: str) -> str:
    """Bars per period, one stacked segment per series (class ``s-<key>`` colours it)."""
    if not periods:
        return _frame([f'<text class="empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" '
                       'text-anchor="middle">no dated events</text>'], label)
    totals = [sum(values[i] for values in series.values()) for i in range(len(periods))]
    top = _nice(max(totals) or 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(periods)
    body = _y_axis(top)
    for i, period in enumerate(periods):
        base = 0.0
        for key, values in series.items():
            value = values[i]
            if not value:
                continue
            h = plot_h * value / top
            y = HEIGHT - BOTTOM - plot_h * base / top - h
            body.append(f'<rect class="s-{escape(key)}" x="{LEFT + step * i + step * 0.1:.1f}" '
                        f'y="{y:.1f}" width="{step * 0.8:.1f}" height="{h:.1f}">'
                        f'<title>{escape(period)}: {value:g} {escape(names.get(key, key))}'
                        f'</title></rect>')
            base += value
    body += _x_labels(periods, LEFT, step)
    return _frame(body, label)


def grouped_bars_and_line(periods: Sequence[str], bars: dict[str, Sequence[float]],
                          line: Sequence[float | None], names: dict[str, str],
                          label: str) -> str:
    """Side-by-side bars per period (counts) with a line on a -10..10 scale (Goldstein)."""
    if not periods:
        return _frame([f'<text class="empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" '
                       'text-anchor="middle">no dated events for this pair</text>'], label)
    top = _nice(max((max(v) for v in bars.values() if v), default=1) or 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(periods)
    width = step * 0.8 / max(1, len(bars))
    body = _y_axis(top)
    for i, period in enumerate(periods):
        for j, (key, values) in enumerate(bars.items()):
            value = values[i]
            if not value:
                continue
            h = plot_h * value / top
            x = LEFT + step * i + step * 0.1 + width * j
            body.append(f'<rect class="s-{escape(key)}" x="{x:.1f}" y="{HEIGHT - BOTTOM - h:.1f}" '
                        f'width="{width:.1f}" height="{h:.1f}"><title>{escape(period)}: '
                        f'{value:g} {escape(names.get(key, key))}</title></rect>')
    # Goldstein line on its own -10..10 scale, zero marked.
    zero = TOP + plot_h / 2
    body.append(f'<line class="zero" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{zero:.1f}" '
                f'y2="{zero:.1f}"/>')
    for label, y in (("+10", TOP + 4), ("0", zero + 4), ("−10", HEIGHT - BOTTOM + 4)):
        body.append(f'<text class="axis goldstein-axis" x="{WIDTH - RIGHT + 6}" y="{y:.1f}">'
                    f'{label}</text>')
    body.append(f'<text class="axis goldstein-axis" x="{WIDTH - RIGHT + 6}" y="{TOP + 18}">'
                'Goldstein</text>')
    points = []
    for i, value in enumerate(line):
        if value is None:
            continue
        x = LEFT + step * (i + 0.5)
        y = zero - plot_h / 2 * max(-10.0, min(10.0, value)) / 10
        points.append((x, y, value, periods[i]))
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
        body.append(f'<polyline class="goldstein" points="{path}"/>')
        for x, y, value, period in points:
            body.append(f'<circle class="goldstein-dot" cx="{x:.1f}" cy="{y:.1f}" r="3">'
                        f'<title>{escape(period)}: mean Goldstein {value:.2f}</title></circle>')
    body += _x_labels(periods, LEFT, step)
    return _frame(body, label)


def network(nodes: Sequence[dict], edges: Sequence[dict], label: str, size: int = 640) -> str:
    """A directed actor graph on a circle: nodes ordered by activity then id, so the same
    data always gives the same picture. Edge width grows with the event count; the class
    says whether the mean Goldstein score is cooperative or hostile.

    ``nodes``: [{"id", "label", "events", "href"}]; ``edges``: [{"source", "target",
    "weight", "goldstein_mean"}] (as tidings.query.aggregate.network gives them).
    """
    if not nodes:
        return _frame([f'<text class="empty" x="{size / 2}" y="{size / 2}" '
                       'text-anchor="middle">no actor pairs yet</text>'], label, size, size)
    order = sorted(nodes, key=lambda n: (-n["events"], str(n["id"])))
    centre, radius = size / 2, size / 2 - 60
    where = {}
    for i, node in enumerate(order):
        angle = 2 * math.pi * i / len(order) - math.pi / 2
        where[node["id"]] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    top_edge = max((e["weight"] for e in edges), default=1)
    body = ['<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
            'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
            '<path class="arrowhead" d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>']
    for edge in edges:
        if edge["source"] not in where or edge["target"] not in where:
            continue
        (x1, y1), (x2, y2) = where[edge["source"]], where[edge["target"]]
        mean = edge.get("goldstein_mean")
        tone = "neutral" if mean is None or mean == 0 else "coop" if mean > 0 else "conflict"
        width = 1 + 4 * math.log1p(edge["weight"]) / math.log1p(top_edge)
        title = (f'{edge["source"]} → {edge["target"]}: {edge["weight"]} events'
                 + (f', mean Goldstein {mean:.1f}' if mean is not None else ''))
        if (x1, y1) == (x2, y2):  # an actor acting on itself: a small loop
            body.append(f'<circle class="edge {tone}" cx="{x1:.1f}" cy="{y1 - 14:.1f}" r="10" '
                        f'stroke-width="{width:.1f}"><title>{escape(title)}</title></circle>')
            continue
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1
        sx, sy = x1 + dx / dist * 14, y1 + dy / dist * 14  # stop at the node circles
        ex, ey = x2 - dx / dist * 14, y2 - dy / dist * 14
        # A slight curve keeps A→B and B→A apart.
        mx, my = (sx + ex) / 2 - dy / dist * 18, (sy + ey) / 2 + dx / dist * 18
        body.append(f'<path class="edge {tone}" d="M {sx:.1f} {sy:.1f} Q {mx:.1f} {my:.1f} '
                    f'{ex:.1f} {ey:.1f}" stroke-width="{width:.1f}" marker-end="url(#arrow)">'
                    f'<title>{escape(title)}</title></path>')
    for node in order:
        x, y = where[node["id"]]
        r = 6 + 8 * math.sqrt(node["events"] / max(1, order[0]["events"]))
        grow = (radius + 28) / radius  # labels sit just outside the circle
        lx, ly = centre + grow * (x - centre), centre + grow * (y - centre)
        anchor = "start" if lx > centre + 5 else "end" if lx < centre - 5 else "middle"
        body.append(f'<a href="{escape(node["href"])}"><circle class="node" cx="{x:.1f}" '
                    f'cy="{y:.1f}" r="{r:.1f}"><title>{escape(node["label"])}: '
                    f'{node["events"]} events</title></circle><text class="node-label" '
                    f'x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}">'
                    f'{escape(node["label"])}</text></a>')
    return _frame(body, label, size, size)


def _nice(value: float) -> float:
    """Round an axis maximum up to 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if value <= factor * power:
            return float(factor * power)
    return float(10 * power)
