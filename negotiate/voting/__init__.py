"""Weighted voting bodies: exact power indices (:mod:`~negotiate.voting.power`) and the kind's
analysis (:mod:`~negotiate.voting.analysis`)."""
