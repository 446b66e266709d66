"""``python -m negotiate``: the same as the ``negotiate`` command."""

from negotiate.cli import main

main(prog_name="negotiate")
