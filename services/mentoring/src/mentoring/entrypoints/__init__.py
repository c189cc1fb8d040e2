"""Entrypoints: HTTP routes, Kafka subscribers, lifespan."""
