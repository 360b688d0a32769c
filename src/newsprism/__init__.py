"""newsprism: what a pile of news articles about one story actually establishes, and who says so."""

__version__ = "0.1.0"
