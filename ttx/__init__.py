"""ttx: tabletop-exercise facilitation in the terminal."""

__version__ = "0.1.0"
