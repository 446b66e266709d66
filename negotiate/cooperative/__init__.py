"""Cooperative games with transferable utility (coalition games).

Shapley and Banzhaf values, the core and least core, the nucleolus, the kernel, bargaining sets and
the properties of a worth function, one concept per module; :mod:`~negotiate.cooperative.analysis`
holds the kind's analysis.
"""
