"""Strategic games: normal and extensive form.

One algorithm per module: pure equilibria (:mod:`~negotiate.strategic.pure`), support enumeration,
vertex enumeration, Lemke-Howson, dominance, degeneracy, mixed profiles and their exact verification
(:mod:`~negotiate.strategic.mixed`), subgame-perfect equilibria of trees
(:mod:`~negotiate.strategic.extensive`); :mod:`~negotiate.strategic.equilibria` chooses among them
and holds the kind's analysis.
"""
