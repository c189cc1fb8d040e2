"""Kafka plumbing: idempotent producer, topic set-up, the outbox relay, dead letters."""
