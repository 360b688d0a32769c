"""Span-level extractors over one spaCy parse of an article's cleaned body."""
