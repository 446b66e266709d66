"""Solvers: plain functions taking a typed game first and returning typed results."""
