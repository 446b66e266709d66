"""Figures for policy briefs: matplotlib, the optional ``plot`` extra."""
