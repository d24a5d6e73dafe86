"""The score histogram as inline SVG text, drawn without pyplot (no display, no global state).

The figure gets an Agg canvas of its own instead of ``matplotlib.use("Agg")``, so drawing a
report never changes the backend of a notebook or program that imported this module.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

BIN_EDGES = [step * 10 for step in range(11)]


def score_histogram_svg(
    percents: Sequence[float], title: str, *, x_label: str, y_label: str
) -> str:
    """An ``<svg>`` element: learners per 10-point band of the percentage score.

    Every word on it is the caller's, in the report's language."""
    figure = Figure(figsize=(6, 3))
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    axes.hist(list(percents), bins=BIN_EDGES, color="#3a6ea5", edgecolor="white")
    axes.set_xlim(0, 100)
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    axes.set_title(title)
    axes.yaxis.get_major_locator().set_params(integer=True)
    figure.tight_layout()
    buffer = io.StringIO()
    with rc_context({"svg.hashsalt": "caio-report", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]
