"""The options of ``negotiate solve``, read by each field's analysis."""

from __future__ import annotations

import attrs

__all__ = ["SolveOptions"]


@attrs.frozen(kw_only=True)
class SolveOptions:
    """Options of ``negotiate solve``; each kind reads the ones that concern it.

    Examples
    --------
    >>> SolveOptions(top=3).top
    3
    """

    top: int = 5
    """How many of the best agreements a negotiation report lists."""

    linkage: bool = True
    """Whether a negotiation's analysis includes the issue-linkage analysis."""
