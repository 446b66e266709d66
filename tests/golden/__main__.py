"""Rewrite the golden outputs of the command line: ``python -m tests.golden``.

Run this only when a change of output is intended, and say why in the commit.
"""

from __future__ import annotations

from tests.golden import CASES, GOLDEN, output


def main() -> None:
    for case in CASES:
        (GOLDEN / case.file_name).write_text(output(case), encoding="utf-8")
        print(f"wrote tests/golden/{case.file_name}")


if __name__ == "__main__":
    main()
