"""Bargaining problems over the comprehensive hull of utility points.

- :mod:`~negotiate.bargaining.hull`: the geometry of the feasible set (frontier, exact LPs).
- :mod:`~negotiate.bargaining.nash`: the Nash point, with its degenerate case;
  :mod:`~negotiate.bargaining.nash_numeric` beyond two players.
- :mod:`~negotiate.bargaining.solutions`: Kalai-Smorodinsky, egalitarian and utilitarian points.
- :mod:`~negotiate.bargaining.alternating_offers`: Rubinstein's alternating offers.
- :mod:`~negotiate.bargaining.analysis`: the kind's analysis.
"""
