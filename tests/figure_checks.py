"""Checks that a drawn figure reads: every text inside the figure, and its labels."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

SMALLEST = 8.0


def texts(figure: Figure) -> list[Text]:
    """Every visible, non-empty text artist of the figure (titles, labels, ticks, legends)."""
    return [
        t
        for t in figure.findobj(Text)
        if isinstance(t, Text) and t.get_visible() and t.get_text().strip()
    ]


def strings(figure: Figure) -> str:
    """All the figure's visible text, joined by newlines (after drawing)."""
    FigureCanvasAgg(figure).draw()
    return "\n".join(t.get_text() for t in texts(figure))


def _outside(figure: Figure) -> list[str]:
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    box = figure.bbox
    return [
        t.get_text()
        for t in texts(figure)
        if (e := t.get_window_extent(renderer)).x0 < box.x0 - 1
        or e.x1 > box.x1 + 1
        or e.y0 < box.y0 - 1
        or e.y1 > box.y1 + 1
    ]


def check_readable(figure: Figure) -> None:
    """Everything drawn lies within the figure (each title checked by its own extent too) and
    no font is below 8 pt."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    drawn = figure.get_tightbbox(renderer)  # inches; only what is drawn
    width, height = figure.get_size_inches()
    slack = 0.02
    assert drawn is not None
    assert (
        drawn.x0 >= -slack
        and drawn.y0 >= -slack
        and drawn.x1 <= width + slack
        and drawn.y1 <= height + slack
    ), f"the drawing {drawn.extents} runs off the {width} x {height} in figure: {_outside(figure)}"
    titles = [figure._suptitle] if figure._suptitle is not None else []
    titles += [a.title for a in figure.axes] + [a._left_title for a in figure.axes]
    box = figure.bbox
    for title in titles:
        extent = title.get_window_extent(renderer)
        assert box.x0 - 1 <= extent.x0 and extent.x1 <= box.x1 + 1, title.get_text()
        assert box.y0 - 1 <= extent.y0 and extent.y1 <= box.y1 + 1, title.get_text()
    tiny = [t.get_text() for t in texts(figure) if t.get_fontsize() < SMALLEST]
    assert not tiny, f"texts below {SMALLEST} pt: {tiny}"
