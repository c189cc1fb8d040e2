"""Entrypoints: the service definition, HTTP routes, the consumer, the import CLI."""
