"""Exact machinery shared by every field: numbers, exact linear algebra, LPs solved exactly.

- :mod:`~negotiate.exact.numbers`: parsing and printing exact numbers (``Fraction``) and floats.
- :mod:`~negotiate.exact.linear`: exact Gaussian elimination over the rationals.
- :mod:`~negotiate.exact.lp`: linear programmes solved by HiGHS, then recovered and verified
  exactly.

Imports nothing of the project but :mod:`negotiate.errors`.
"""
