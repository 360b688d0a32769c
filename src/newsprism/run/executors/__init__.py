"""Executors run the per-document stages: local processes by default, Ray Data as an option."""
