"""Entrypoints: the app definition, HTTP routes, the upstream consumer, AsyncAPI."""
