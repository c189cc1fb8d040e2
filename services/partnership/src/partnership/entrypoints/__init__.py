"""Entrypoints: the HTTP API, the upstream consumer, the bootstrap definition."""
