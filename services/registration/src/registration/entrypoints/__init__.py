"""Entrypoints: HTTP API and process main."""
