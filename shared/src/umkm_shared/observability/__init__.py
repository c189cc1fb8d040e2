"""Metrics, logs and traces, the same in every service (filled in by the observability work)."""

from fastapi import FastAPI


def configure(service: str) -> None:
    """Process-wide set-up at start: JSON logs, tracing when OTEL_* variables ask for it."""


def instrument_app(app: FastAPI, service: str) -> None:
    """HTTP metrics and tracing on `app`, and its `/metrics` route."""
