"""Reading and writing games: ``negotiate/1`` TOML files (and, beside them, other formats)."""

from negotiate.io.toml_dump import dump
from negotiate.io.toml_load import load, loads

__all__ = ["dump", "load", "loads"]
