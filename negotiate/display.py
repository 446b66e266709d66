"""How games and analyses show themselves: a one-line repr, and the report in a notebook.

Games (:mod:`negotiate.model`) and the analyses of every kind inherit :class:`Displayed`: their
``repr`` is one line (kind, id, a few sizes), and Jupyter shows ``_repr_markdown_`` or
``_repr_html_``, the report of :mod:`negotiate.report`. This module sits below the models and
solvers and knows nothing of the report: ``import negotiate`` registers the renderer
(:func:`register`), so the layers keep importing one way only.

>>> import negotiate
>>> game = negotiate.load("games/hunker_down_border.toml")
>>> game._repr_markdown_().splitlines()[0]
'# Hunker-down security after 9/11: the border as a game of chicken'
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Displayed", "register", "render"]

Renderer = Callable[[object, str], str]
"""``renderer(obj, fmt)``: ``obj`` (a game or an analysis) as ``"markdown"`` or ``"html"``."""

_renderers: list[Renderer] = []


def register(renderer: Renderer) -> None:
    """Use ``renderer`` for notebook displays (``import negotiate`` registers the report's)."""
    _renderers[:] = [renderer]


def render(obj: object, fmt: str) -> str:
    """``obj`` as ``fmt`` by the registered renderer.

    >>> import negotiate
    >>> render(negotiate.load("games/us_ratification.toml"), "html").startswith("<div")
    True
    """
    if not _renderers:
        raise RuntimeError("no renderer is registered: import negotiate first")
    return _renderers[0](obj, fmt)


class Displayed:
    """What games and analyses share: a short repr and their report in a notebook.

    A subclass says what it is in :meth:`_summary` (a few sizes, one line).
    """

    __slots__ = ()

    def _summary(self) -> str:
        return ""

    def _subject(self) -> str:
        game = getattr(self, "game", self)
        scenario = getattr(game, "scenario", None)
        applied = f", scenario {scenario!r}" if scenario else ""
        return f"{getattr(game, 'id', '?')!r}{applied}"

    def __repr__(self) -> str:
        summary = self._summary()
        what = "of " if hasattr(self, "game") else ""
        return f"<{type(self).__name__} {what}{self._subject()}" + (
            f": {summary}>" if summary else ">"
        )

    def _repr_markdown_(self) -> str:
        return render(self, "markdown")

    def _repr_html_(self) -> str:
        return render(self, "html")
