"""The version of the package, read by ``pyproject.toml`` (no metadata look-up at start-up)."""

__version__ = "0.1.0"
