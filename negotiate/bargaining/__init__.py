"""Bargaining problems: the axiomatic point solutions over a utility set
(:mod:`~negotiate.bargaining.solutions`) and Rubinstein's alternating offers
(:mod:`~negotiate.bargaining.alternating_offers`)."""
