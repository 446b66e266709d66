"""What every kind's robustness study shares: seeded sampling in chunks, the engines that run
them, one-at-a-time margins and the study itself.

A kind (:class:`~negotiate.robust.study.KindSpec`) says which conclusions it draws from a game
and how to evaluate them; :func:`~negotiate.robust.study.study` does the rest. The negotiation
field has its own vectorised kernel and uses the sampling and engines here.
"""
