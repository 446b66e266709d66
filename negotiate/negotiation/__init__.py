"""Two-level negotiations over linked issues: the field that uses all the others.

The package tensor (:mod:`~negotiate.negotiation.packages`) is the engine; win-sets and the
agreement set (:mod:`~negotiate.negotiation.two_level`), solutions over packages
(:mod:`~negotiate.negotiation.solutions`), linkage, ratification power, the international TU game
and sweeps are reductions over it; :mod:`~negotiate.negotiation.analysis` holds the kind's analysis.
"""
