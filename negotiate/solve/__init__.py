"""Solvers: one solution concept (or family) per module; plain functions returning typed results."""
