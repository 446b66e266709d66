"""Solvers: one solution concept or family per module, plain functions taking a typed game."""
